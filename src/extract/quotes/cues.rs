//! The attribution cue lexicon: speech verbs in their inflections, and the small word lists the
//! subject finder skips over (auxiliaries, adverbs, time words).

use crate::lang::lexicon::LEX;

/// How a cue word relates to its speaker and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// `X said ...`, `..., X said`, `..., said X`.
    Verb,
    /// `X told reporters ...`: an object follows the verb.
    Told,
    /// `X described it as “...”`, `was described by X as “...”`.
    DescribeAs,
    /// `..., saying ...`: the speaker is the subject of the sentence.
    Participle,
    /// `according to X`.
    According,
}

/// The cue kind of a lower-case word, if it is a speech verb.
pub fn cue_kind(word: &str) -> Option<CueKind> {
    // Cheap rejection first: this runs on every word of a body.
    if !may_be_cue_word(word) {
        return None;
    }
    listed_cue_kind(word)
}

/// [`cue_kind`] for a word that passed [`may_be_cue_word`] already.
pub fn listed_cue_kind(word: &str) -> Option<CueKind> {
    static MAP: std::sync::OnceLock<super::names::FastMap<&'static str, CueKind>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| all_cues().collect()).get(word).copied()
}

/// False for a word that is neither a cue word nor a speech noun, decided by its length and
/// first two letters (bit masks of the lengths of those words, by their first two letters):
/// most words fail here, before any look-up.
pub fn may_be_cue_word(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 3 || b.len() > 14 || !b[0].is_ascii_lowercase() || !b[1].is_ascii_lowercase() {
        return false;
    }
    static SHAPES: std::sync::OnceLock<[u16; 26 * 26]> = std::sync::OnceLock::new();
    let shape = |w: &[u8]| usize::from(w[0] - b'a') * 26 + usize::from(w[1] - b'a');
    let shapes = SHAPES.get_or_init(|| {
        let mut t = [0u16; 26 * 26];
        let words = all_cues()
            .map(|(w, _)| w)
            .chain(LEX.speech_nouns.iter().copied());
        for w in words {
            t[shape(w.as_bytes())] |= 1 << w.len();
        }
        t
    });
    shapes[shape(b)] & (1 << b.len()) != 0
}

/// A test that the words around a cue word must pass for it to speak: one column of a
/// [`CONDITIONS`] row.
#[derive(Debug, Clone, Copy)]
pub enum Condition {
    /// The next word is one of these.
    NextIs(&'static [&'static str]),
    /// A word follows, and it is none of these.
    NextWordNotIn(&'static [&'static str]),
    /// The next word, if any, is none of these.
    NextNotIn(&'static [&'static str]),
    /// One of these prepositions follows, perhaps after an `-ly` adverb (`spoke frankly about`).
    Preposition(&'static [&'static str]),
    /// A name or he/she right before, `that` right after.
    PersonThenThat,
    /// A person or he/she right before, `to` or `about` right after.
    PersonTalks,
    /// Quotation marks open within this many words after.
    QuoteWithin(usize),
    /// No plural noun follows (that would make the cue word its modifier).
    NoPluralNounAfter,
}

/// The cue table's conditional rows: cue words that speak only in some contexts, each with the
/// test its context must pass (a word with several rows must pass them all). A verb's new
/// exception is a row here, not a branch in the reader.
const CONDITIONS: &[(&str, Condition)] = {
    use Condition::*;
    &[
        // `put it bluntly`; `put the plan on hold`.
        ("put", NextIs(&["it"])),
        // `Lee's demands that`; `faces charges`, `the union's demands`.
        ("charges", PersonThenThat),
        ("demands", PersonThenThat),
        // `rose 5 pct compared with`, `small compared to`: a comparison.
        ("compared", NextWordNotIn(&["with", "to", "against"])),
        // `Lee and Ray call them “lone wolves”`; `call money`, `a call option`.
        ("call", QuoteWithin(3)),
        // `Lee expected to visit`, `is expected to win`: a plan or forecast.
        ("expected", NextNotIn(&["to"])),
        ("expects", NextNotIn(&["to"])),
        // `Dana Reyes talks to the director`; `trade talks with`, `Nakasone's talks with`.
        ("talks", PersonTalks),
        ("talks", Preposition(&["of", "about", "to", "with"])),
        ("spoke", Preposition(&["of", "about", "to", "with"])),
        ("talked", Preposition(&["of", "about", "to", "with"])),
        // `reported from Kabul`: where a story came from, not what was said.
        ("reported", NextNotIn(&["from"])),
        ("reports", NextNotIn(&["from"])),
        ("wrote", NextNotIn(&["from"])),
        ("writes", NextNotIn(&["from"])),
        // `early warning systems`.
        ("warning", NoPluralNounAfter),
    ]
};

/// The conditions the cue word `word` must pass to speak (none for most).
pub fn conditions(word: &str) -> impl Iterator<Item = Condition> + '_ {
    CONDITIONS
        .iter()
        .filter(move |(w, _)| *w == word)
        .map(|(_, c)| *c)
}

/// Cues that attribute only quotation marks, never reported speech (`pointed to “...”`).
pub fn is_direct_only(word: &str) -> bool {
    word == "pointed"
}

/// Every cue word with its kind, for the look-up table.
fn all_cues() -> impl Iterator<Item = (&'static str, CueKind)> {
    let listed = crate::lang::lexicon::speech_verbs().map(|(section, w)| {
        let kind = match section {
            "told" => CueKind::Told,
            "describe" => CueKind::DescribeAs,
            "participle" => CueKind::Participle,
            _ => CueKind::Verb,
        };
        (w, kind)
    });
    listed.chain([("according", CueKind::According)])
}

/// Words between a subject and its cue that do not change who speaks (`Trump also said`,
/// `Smith has repeatedly said`).
pub fn is_skippable(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "had"
            | "have"
            | "also"
            | "later"
            | "then"
            | "again"
            | "previously"
            | "recently"
            | "repeatedly"
            | "once"
            | "publicly"
            | "privately"
            | "reportedly"
            | "earlier"
            | "further"
            | "quickly"
            | "simply"
            | "flatly"
            | "bluntly"
            | "frequently"
            | "often"
            | "never"
            | "ultimately"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "finally"
            | "first"
            | "last"
            | "yesterday"
            | "today"
            | "tonight"
            | "separately"
            | "immediately"
            | "subsequently"
            | "since"
            | "already"
            | "just"
            | "even"
            | "still"
            | "openly"
            | "angrily"
            | "explicitly"
            | "may"
            | "might"
            | "could"
            | "should"
            | "must"
            | "can"
            | "not"
            | "always"
            | "himself"
            | "herself"
            // `Smith and Jones both said`, `Lee has long argued`, `Lee now says`.
            | "both"
            | "all"
            | "long"
            | "now"
    ) || is_day(word)
        || negated_aux(word)
}

/// `didn't`, `wouldn’t`: a negated auxiliary between a subject and its cue (`he didn't
/// believe`).
fn negated_aux(word: &str) -> bool {
    let base = word
        .strip_suffix("n't")
        .or_else(|| word.strip_suffix("n’t"))
        .unwrap_or("");
    matches!(
        base,
        "did" | "does" | "do" | "would" | "could" | "should" | "has" | "have" | "had" | "wo" | "ca"
    )
}

/// Words that put a date after them (`since last August`, `in June`, `early May`), either case.
/// Not `by`, `of`, `from`, `after`: those as often stand before a person (`a letter from June Hale`).
pub fn is_time_lead(word: &str) -> bool {
    matches!(
        word,
        "in" | "In"
            | "since"
            | "Since"
            | "last"
            | "Last"
            | "next"
            | "Next"
            | "this"
            | "This"
            | "early"
            | "Early"
            | "late"
            | "Late"
            | "mid"
            | "Mid"
            | "until"
            | "Until"
            | "till"
            | "through"
            | "Through"
            | "during"
            | "During"
    )
}

/// Cues in `-s` that are also plural nouns (`his hopes`, `the union's demands`); `expects`,
/// `says`, `adds` are verbs only.
pub fn is_plural_noun_too(word: &str) -> bool {
    is_mostly_noun(word)
        || matches!(
            word,
            "hopes"
                | "fears"
                | "calls"
                | "demands"
                | "charges"
                | "promises"
                | "pledges"
                | "vows"
                | "answers"
                | "replies"
                | "questions"
                | "estimates"
                | "forecasts"
                | "concerns"
                | "doubts"
                | "boasts"
                | "jokes"
                | "warnings"
                | "threats"
                | "complaints"
                | "criticisms"
                | "denials"
                | "requests"
                | "proposals"
                | "recommendations"
                | "statements"
                | "quotes"
        )
}

/// Cues in `-s` that are far more often the plural noun (`the reports`, `his tweets`).
pub fn is_mostly_noun(word: &str) -> bool {
    matches!(
        word,
        "tweets" | "posts" | "claims" | "comments" | "remarks" | "reports" | "notes"
    )
}

/// A lower-case `-ing` participle that can modify a noun before it (`tweets attacking`, `claims
/// suggesting`); not `-ing` words that are prepositions or nouns (`during`, `morning`, `nothing`).
pub fn is_participle_modifier(word: &str) -> bool {
    word.len() >= 6
        && word.ends_with("ing")
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            word,
            "during"
                | "morning"
                | "evening"
                | "nothing"
                | "something"
                | "anything"
                | "everything"
                | "having"
                | "string"
                | "spring"
                | "according"
                | "pending"
                | "regarding"
                | "concerning"
                | "following"
        )
}

/// Nouns for what somebody said, which speak when a named owner and `that` frame them (`Lee’s
/// claim that ...`).
pub fn is_speech_noun(word: &str) -> bool {
    LEX.speech_nouns.contains(word)
}

/// Articles that bring in somebody new (`an analyst`, `one trader`, `another source`).
#[inline]
pub fn is_indefinite(word: &str) -> bool {
    matches!(
        word,
        "a" | "A" | "an" | "An" | "one" | "One" | "another" | "Another"
    )
}

/// Nouns for the anonymous sources of news copy (`an analyst said`, `one trader said`).
pub fn is_unnamed_source_noun(word: &str) -> bool {
    LEX.unnamed_sources.contains(word)
}

/// Labels of notes and notices in news copy (`NOTE:`, `SOURCE:`), however often they recur:
/// never a transcript's speaker.
pub fn is_notice_label(word: &str) -> bool {
    matches!(
        word,
        "Note" | "Notes" | "Source" | "Sources" | "Editor" | "Correction" | "Update" | "Background"
    )
}

/// Weekdays and relative days (`on Tuesday`), which often sit between a speaker and the verb.
pub fn is_day(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "yesterday"
            | "today"
            | "tonight"
    )
}

/// Prepositions, conjunctions and determiners: never a role noun between two names.
pub fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "for"
            | "of"
            | "at"
            | "in"
            | "on"
            | "to"
            | "from"
            | "with"
            | "by"
            | "and"
            | "or"
            | "but"
            | "the"
            | "a"
            | "an"
            | "that"
            | "who"
            | "which"
            | "as"
            | "about"
            | "after"
            | "before"
            | "during"
            | "while"
            | "when"
            | "than"
            | "into"
            | "over"
            | "under"
            | "between"
    )
}

/// Forms of "to be": a cue after one is passive (`was told`, `is said`).
pub fn is_be(word: &str) -> bool {
    matches!(
        word,
        "was" | "were" | "is" | "are" | "be" | "been" | "being" | "am"
    )
}

/// A form of `be` that can carry a progressive, negated or not (`is`, `isn't`, `wasn’t`):
/// `Smith isn't saying whether ...` speaks like `Smith says`.
pub fn is_be_aux(word: &str) -> bool {
    let w = word
        .strip_suffix("n't")
        .or_else(|| word.strip_suffix("n’t"))
        .unwrap_or(word);
    w != "be" && w != "been" && w != "being" && is_be(w)
}

/// Words after which a verb form is not a finite speech verb (`when asked`, `the claims`).
pub fn blocks_cue(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "when"
            | "if"
            | "after"
            | "before"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "whose"
            | "to"
            | "of"
            | "these"
            | "those"
            | "such"
            | "being"
            | "unless"
            | "once"
            | "been"
            | "as"
            | "by"
            | "for"
            | "with"
            | "while"
            | "about"
    )
}

/// Defines [`STOP_CAPS`] (for the shape table) and `is_listed_stop_cap` (a `matches!` over the
/// same words: no hashing) from one list.
macro_rules! stop_caps {
    ($($w:literal),* $(,)?) => {
        /// Capitalised function words that start sentences and are never part of a name.
        const STOP_CAPS: &[&str] = &[$($w),*];

        fn is_listed_stop_cap(word: &str) -> bool {
            matches!(word, $($w)|*)
        }
    };
}

stop_caps![
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "For",
    "With",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Its",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Yes",
    "So",
    "Then",
    "Now",
    "Still",
    "Yet",
    "Also",
    "Even",
    "Meanwhile",
    "However",
    "Asked",
    "Following",
    "According",
    "During",
    "From",
    "To",
    "By",
    "Of",
    "Though",
    "Although",
    "Because",
    "Instead",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Like",
    "Unlike",
    "Under",
    "Over",
    "Despite",
    "Where",
    "What",
    "Why",
    "How",
    "Who",
    "Which",
    "There",
    "Here",
    "Not",
    "Only",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "One",
    "Two",
    "Three",
    "Several",
    "Few",
    "Once",
    "Still,",
    "Thus",
    "Indeed",
    "Today",
    "Tonight",
    "Yesterday",
    "Is",
    "Was",
    "Are",
    "Were",
    "Do",
    "Does",
    "Did",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "Said",
    "Says",
    "Sources",
    "Officials",
    "Critics",
    "Supporters",
    "Everything",
    "Nothing",
    "Anything",
    "Everyone",
    "Nobody",
    "Somebody",
    "Someone",
    "Everybody",
    "Anyone",
    "Mostly",
    "Fortunately",
    "Unfortunately",
    // Clause openers: `Whether Lee wins ...` names Lee, not a person `Whether Lee`.
    "Whether",
    "Whatever",
    "Whoever",
    "Whenever",
    "Wherever",
    "Unless",
    "Until",
    "Upon",
    "Perhaps",
    "Maybe",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Nonetheless",
    "Neither",
    "Either",
    "Among",
    "Amid",
    "Without",
    "Within",
    "Throughout",
];

/// True for one of the [`STOP_CAPS`].
pub fn is_stop_cap(word: &str) -> bool {
    // Cheap rejection first: this runs for every capitalised word of a body, most of them
    // names, which the shape table turns away before any look-up.
    if !may_be_stop_cap(word) {
        return false;
    }
    is_listed_stop_cap(word)
}

/// Index of a word's shape in [`STOP_CAP_SHAPES`]: its first letter (upper-case) and its second
/// letter (lower-case, or 26 for anything else); `None` when the first is no capital.
const fn stop_cap_shape(b: &[u8]) -> Option<usize> {
    if b.is_empty() || !b[0].is_ascii_uppercase() {
        return None;
    }
    let second = if b.len() > 1 && b[1].is_ascii_lowercase() {
        (b[1] - b'a') as usize
    } else {
        26
    };
    Some((b[0] - b'A') as usize * 27 + second)
}

/// For each shape, a bit mask of the lengths of the [`STOP_CAPS`] with that shape.
const STOP_CAP_SHAPES: [u32; 26 * 27] = {
    let mut t = [0u32; 26 * 27];
    let mut i = 0;
    while i < STOP_CAPS.len() {
        let b = STOP_CAPS[i].as_bytes();
        if let Some(k) = stop_cap_shape(b) {
            t[k] |= 1 << b.len();
        }
        i += 1;
    }
    t
};

/// False for a word that is no stop cap, by its first two letters and length.
fn may_be_stop_cap(word: &str) -> bool {
    let b = word.as_bytes();
    match stop_cap_shape(b) {
        Some(k) => b.len() < 32 && STOP_CAP_SHAPES[k] & (1 << b.len()) != 0,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_word_is_found() {
        for (w, kind) in all_cues() {
            assert_eq!(cue_kind(w), Some(kind), "{w}");
        }
    }

    #[test]
    fn every_conditioned_word_is_a_cue_word() {
        // A row for a word the scan never offers as a cue would be dead.
        for (w, _) in CONDITIONS {
            assert!(cue_kind(w).is_some(), "{w}");
        }
        assert_eq!(conditions("talks").count(), 2);
        assert_eq!(conditions("said").count(), 0);
    }

    #[test]
    fn knows_cue_kinds() {
        assert_eq!(cue_kind("said"), Some(CueKind::Verb));
        assert_eq!(cue_kind("told"), Some(CueKind::Told));
        assert_eq!(cue_kind("described"), Some(CueKind::DescribeAs));
        assert_eq!(cue_kind("saying"), Some(CueKind::Participle));
        assert_eq!(cue_kind("according"), Some(CueKind::According));
        assert_eq!(cue_kind("table"), None);
    }

    #[test]
    fn every_speech_noun_passes_the_shape_filter() {
        for w in &LEX.speech_nouns {
            assert!(may_be_cue_word(w), "{w}");
        }
        assert!(!may_be_cue_word("zebra"));
    }

    #[test]
    fn every_stop_cap_passes_the_shape_filter() {
        for w in STOP_CAPS {
            assert!(is_stop_cap(w), "{w}");
        }
        assert!(!is_stop_cap("Smith") && !is_stop_cap("the") && !is_stop_cap("Thee"));
    }

    #[test]
    fn every_cue_passes_the_shape_filter() {
        for (w, _) in all_cues() {
            assert!(cue_kind(w).is_some(), "{w}");
        }
        assert_eq!(cue_kind("cost"), None);
        assert_eq!(cue_kind("o'clock"), None);
    }
}
