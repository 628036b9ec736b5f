//! The lexicon: every word list extraction consults, built once. Census first names and
//! surnames, common lower-case English words (`data/names/`, see its PROVENANCE.md), and the
//! hand-written lists under `data/lexicon/` (one file per class: titles and roles, organisation
//! head words, places, demonyms, months and days, function words, speech cues, ...; see its
//! PROVENANCE.md). A new word goes into its list file, not into code.
//!
//! Every list is a `HashSet` of lower-case words; callers look words up lower-cased.
//!
//! ```
//! use newsdex::lang::lexicon::{Class, LEX};
//! assert_eq!(LEX.class("senator"), Class::Title);
//! assert_eq!(LEX.class("moscow"), Class::Place);
//! assert!(LEX.first.contains("mary"));
//! ```

use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A set of static words (Fx hashing: the keys are short words, where SipHash set-up dominates).
pub type WordSet = HashSet<&'static str, FxBuildHasher>;

/// The word class a capitalised token belongs to, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `Mr.`, `Mrs.`, `Dr.`: the next capitalised word is surely a person.
    Honorific,
    /// A title or role (`President`, `Minister`, `Sen.`, `spokesman`).
    Title,
    /// A word that heads an organisation or a named thing (`Ministry`, `Inc`, `Center`).
    Org,
    /// A country, city, region or US state (`Florida`, `Moscow`).
    Place,
    /// A nationality or group adjective (`Russian`, `Ukrainian`, `Republican`).
    Demonym,
    /// A month, weekday or holiday.
    Time,
    /// A function word (`the`, `this`, `however`).
    Stop,
    /// Name particle between name parts (`de`, `van`, `bin`).
    Connector,
    /// A name suffix (`Jr.`, `III`).
    Suffix,
    /// None of the above.
    Other,
}

/// The lists, lower-case.
pub struct Lexicon {
    pub first: WordSet,
    pub last: WordSet,
    pub common: WordSet,
    /// Lower-case English dictionary words that are not census names (SCOWL).
    pub english: WordSet,
    title: WordSet,
    demonym: WordSet,
    connector: WordSet,
    directions: WordSet,
    /// Every hand-written word with its class (the most specific class wins).
    classes: HashMap<&'static str, Class, FxBuildHasher>,
    /// Name particles that are titles when written with a period (`Del.` for Delegate).
    pub dotted_titles: WordSet,
    /// Verbs of saying and the like that follow or precede a person's name.
    pub cue: WordSet,
    /// Foreign and place-name words that open the name of an institution, church or place
    /// (`Instituto`, `Santo`): a run starting with one is not a person.
    pub org_lead: WordSet,
    /// Firms named after people (`merrill lynch`, `lloyds`), joined lower-case words.
    pub firms: WordSet,
    /// Commercial head words (`inc`, `corp`, `brothers`): the words before them name a firm.
    pub commercial: WordSet,
    /// Nouns for works (`novel`, `film`): the capitalised words after one are a title.
    pub works: WordSet,
    /// Roles whose holder works at a firm (`analyst at X`, `X economist`).
    pub employee: WordSet,
    /// Common Chinese and Korean surnames (romanised), which lead a name.
    pub east_asian: WordSet,
    /// Plural nouns for people (`gods`, `players`) that introduce a list of names.
    pub person_plurals: WordSet,
    /// Nouns for what somebody said (`claim`, `remarks`).
    pub speech_nouns: WordSet,
    /// Nouns for anonymous sources (`analyst`, `trader`).
    pub unnamed_sources: WordSet,
    /// Titles that only modify another title or describe anybody (`former`, `witness`).
    pub weak_titles: WordSet,
    /// Family words that introduce a relative (`husband`, `niece`).
    pub kin: WordSet,
    /// Heads of institutions named after a person (`foundation`, `prize`).
    pub named_after_heads: WordSet,
    /// Countries and continents (also in the place class).
    pub countries: WordSet,
    /// US states, their news abbreviations and the last words of two-word states (also places).
    pub us_states: WordSet,
}

/// A person's gender, when a first name or a title tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The lexicon, built on first use.
pub static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

fn lines(s: &'static str) -> WordSet {
    let mut set = sized_set(s);
    set.extend(split_lines(s).map(trim_line).filter(|l| !l.is_empty()));
    set
}

/// `str::trim`, skipped when the line starts and ends in a letter: the word lists are clean, and
/// trimming 170,000 lines was a fifth of building them (this runs at every start).
fn trim_line(l: &str) -> &str {
    let clean = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if clean(l.as_bytes().first()) && clean(l.as_bytes().last()) {
        l
    } else {
        l.trim()
    }
}

/// The first word of every line (`first.txt` is `name gender`).
fn first_column(s: &'static str) -> WordSet {
    let mut set = sized_set(s);
    set.extend(split_lines(s).filter_map(|l| l.split_whitespace().next()));
    set
}

/// An empty set with room for one word per line of `s`: the lists hold some 170,000 words, and
/// growing a set to that size rehashes it again and again (this runs at every start).
fn sized_set(s: &str) -> WordSet {
    let lines = s.bytes().filter(|&b| b == b'\n').count() + 1;
    WordSet::with_capacity_and_hasher(lines, FxBuildHasher)
}

/// The lines of `s` split at `\n` by a byte loop (`str::lines` sets up a searcher for each of
/// these short lines); a `\r` before the break stays, for the caller's `trim`.
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\n') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn words(s: &'static str) -> WordSet {
    list_words(s).collect()
}

/// The words of a hand-written list under `data/lexicon/`: whitespace-separated, after the
/// `#` comment lines that say what the list is for.
pub(super) fn list_words(s: &'static str) -> impl Iterator<Item = &'static str> {
    list_lines(s).flat_map(str::split_whitespace)
}

/// The non-comment lines of a hand-written list, trimmed, blank ones left out.
fn list_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    fn build() -> Lexicon {
        Lexicon {
            first: first_column(FIRST_NAMES),
            last: lines(include_str!("../../data/names/last.txt")),
            common: lines(include_str!("../../data/names/common.txt")),
            english: lines(include_str!("../../data/names/english.txt")),
            title: words(TITLES),
            demonym: words(DEMONYMS),
            connector: words(CONNECTORS),
            directions: words(DIRECTIONS),
            classes: class_map(),
            dotted_titles: words(DOTTED_TITLES),
            cue: words(CUES),
            org_lead: words(ORG_LEADS),
            firms: list_lines(FIRMS).collect(),
            commercial: words(COMMERCIAL),
            works: words(WORKS),
            employee: words(EMPLOYEE),
            east_asian: words(EAST_ASIAN),
            person_plurals: words(PERSON_PLURALS),
            speech_nouns: words(SPEECH_NOUNS),
            unnamed_sources: words(UNNAMED_SOURCES),
            weak_titles: words(WEAK_TITLES),
            kin: words(KIN),
            named_after_heads: words(NAMED_AFTER_HEADS),
            countries: words(COUNTRIES),
            us_states: words(US_STATES),
        }
    }

    /// The class of a lower-cased word (trailing period removed by the caller).
    pub fn class(&self, w: &str) -> Class {
        if let Some(c) = self.classes.get(w) {
            return *c;
        }
        // Byte tests, not `contains(char)`: most words get here, and they are short.
        if w.bytes().any(|b| b == b'.') {
            // `N.V.`, `A.G.`, `D.C.`: look the letters up without their periods.
            let bare: String = w.chars().filter(|c| *c != '.').collect();
            if let Some(c) = self.classes.get(bare.as_str()) {
                return *c;
            }
        }
        let dash = w.bytes().position(|b| b == b'-');
        if dash.is_some() && self.is_compound_title(w) {
            Class::Title
        } else if dash.is_some_and(|d| self.classes.get(&w[..d]) == Some(&Class::Org)) {
            Class::Org // `Bank-Houston`
        } else if w
            .strip_suffix('s')
            .is_some_and(|stem| self.demonym.contains(stem))
        {
            Class::Demonym // `Americans`, `Democrats`
        } else {
            Class::Other
        }
    }

    /// `secretary-general`, `vice-president`, `ex-minister`, `president-elect`.
    fn is_compound_title(&self, w: &str) -> bool {
        let mut any = false;
        for part in w.split('-') {
            if self.title.contains(part) {
                any = true;
            } else if !matches!(part, "ex" | "co" | "elect" | "designate" | "in" | "chief") {
                return false;
            }
        }
        any
    }

    /// True for a name particle (`de`, `van`, `al`), which may stay lower-case inside a name.
    pub fn is_connector(&self, w: &str) -> bool {
        self.connector.contains(w)
    }

    /// True for a compass or relative place word (`East`, `New`), never a surname after a name.
    pub fn is_direction(&self, w: &str) -> bool {
        self.directions.contains(w)
    }

    /// True for a title or role word (`president`, `envoy`).
    pub fn is_title(&self, w: &str) -> bool {
        is_title_word(w)
    }
}

/// The place words: places, countries and US states (`data/lexicon/places.txt`,
/// `countries.txt`, `us-states.txt`).
pub fn place_words() -> impl Iterator<Item = &'static str> {
    list_words(PLACES)
        .chain(list_words(COUNTRIES))
        .chain(list_words(US_STATES))
}

/// True for a title or honorific (`president`, `mr`), lower-case: [`Lexicon::is_title`] without
/// building the whole lexicon (the search's name filters ask this, and the census lists take
/// some 40 million instructions to load).
///
/// ```
/// assert!(newsdex::lang::lexicon::is_title_word("senator"));
/// assert!(!newsdex::lang::lexicon::is_title_word("rubio"));
/// ```
pub fn is_title_word(w: &str) -> bool {
    static TITLE_WORDS: LazyLock<WordSet> =
        LazyLock::new(|| list_words(TITLES).chain(list_words(HONORIFICS)).collect());
    TITLE_WORDS.contains(w)
}

/// The speech and thought verbs with the name of their section (`verb`, `told`, `describe`,
/// `participle`), in the order of `data/lexicon/speech-verbs.txt`.
///
/// ```
/// let told: Vec<&str> = newsdex::lang::lexicon::speech_verbs()
///     .filter(|(section, _)| *section == "told")
///     .map(|(_, w)| w)
///     .collect();
/// assert_eq!(told, ["told", "tells", "tell"]);
/// ```
pub fn speech_verbs() -> impl Iterator<Item = (&'static str, &'static str)> {
    sectioned_words(SPEECH_VERBS, "verb")
}

/// The words of a list divided by `[name]` lines, each with the name of its section; words
/// before the first such line are in section `first`.
fn sectioned_words(
    s: &'static str,
    first: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut section = first;
    list_lines(s).flat_map(move |line| {
        let words = match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => {
                section = name;
                ""
            }
            None => line,
        };
        let current = section;
        words.split_whitespace().map(move |w| (current, w))
    })
}

/// The census first names with the gender the list gives them (`data/names/first.txt`, lines
/// `name m` or `name f`), in list order: a name listed twice comes with each gender.
pub fn first_names() -> impl Iterator<Item = (&'static str, Gender)> {
    split_lines(FIRST_NAMES).filter_map(|l| {
        let (name, g) = l.split_once(' ')?;
        let gender = if g.trim_end() == "f" {
            Gender::Female
        } else {
            Gender::Male
        };
        Some((name, gender))
    })
}

/// The quote finder's lists of the words around a speaker's name, which are not the people
/// finder's (each file says why it is its own).
pub mod speaker {
    use super::{Gender, list_words, sectioned_words};

    /// Titles that tell no gender (`data/lexicon/speaker-titles.txt`).
    pub fn titles() -> impl Iterator<Item = &'static str> {
        list_words(include_str!("../../data/lexicon/speaker-titles.txt"))
    }

    /// Titles that tell a gender (`data/lexicon/gendered-titles.txt`, sections `[male]` and
    /// `[female]`).
    pub fn gendered_titles() -> impl Iterator<Item = (&'static str, Gender)> {
        let list = include_str!("../../data/lexicon/gendered-titles.txt");
        sectioned_words(list, "male").map(|(section, w)| {
            let gender = if section == "female" {
                Gender::Female
            } else {
                Gender::Male
            };
            (w, gender)
        })
    }

    /// Role and origin words before a name (`data/lexicon/role-words.txt`).
    pub fn role_words() -> impl Iterator<Item = &'static str> {
        list_words(include_str!("../../data/lexicon/role-words.txt"))
    }

    /// Titles that are common surnames (`data/lexicon/surname-titles.txt`).
    pub fn surname_titles() -> impl Iterator<Item = &'static str> {
        list_words(include_str!("../../data/lexicon/surname-titles.txt"))
    }

    /// Organisation words beyond `org-words.txt` (`data/lexicon/speaker-org-words.txt`).
    pub fn org_words() -> impl Iterator<Item = &'static str> {
        list_words(include_str!("../../data/lexicon/speaker-org-words.txt"))
    }

    /// Places and days beyond the place lists (`data/lexicon/speaker-place-words.txt`).
    pub fn place_words() -> impl Iterator<Item = &'static str> {
        list_words(include_str!("../../data/lexicon/speaker-place-words.txt"))
    }
}

/// The organisation head words (`data/lexicon/org-words.txt`).
pub fn org_words() -> impl Iterator<Item = &'static str> {
    list_words(ORG_WORDS)
}

/// One map from word to class; lists are inserted from least to most specific, so a word on
/// several lists gets the most specific class.
fn class_map() -> HashMap<&'static str, Class, FxBuildHasher> {
    let mut m = HashMap::default();
    for (list, class) in [
        (SUFFIXES, Class::Suffix),
        (CONNECTORS, Class::Connector),
        (STOP_WORDS, Class::Stop),
        (TIME_WORDS, Class::Time),
        (DEMONYMS, Class::Demonym),
        (PLACES, Class::Place),
        (COUNTRIES, Class::Place),
        (ORG_WORDS, Class::Org),
        (TITLES, Class::Title),
        (HONORIFICS, Class::Honorific),
    ] {
        for w in list_words(list) {
            m.insert(w, class);
        }
    }
    m
}
const SPEECH_NOUNS: &str = include_str!("../../data/lexicon/speech-nouns.txt");
const UNNAMED_SOURCES: &str = include_str!("../../data/lexicon/unnamed-sources.txt");
const WEAK_TITLES: &str = include_str!("../../data/lexicon/weak-titles.txt");
const KIN: &str = include_str!("../../data/lexicon/kin.txt");
const NAMED_AFTER_HEADS: &str = include_str!("../../data/lexicon/named-after-heads.txt");
const FIRST_NAMES: &str = include_str!("../../data/names/first.txt");
const HONORIFICS: &str = include_str!("../../data/lexicon/honorifics.txt");
const TITLES: &str = include_str!("../../data/lexicon/titles.txt");
const ORG_WORDS: &str = include_str!("../../data/lexicon/org-words.txt");
const COUNTRIES: &str = include_str!("../../data/lexicon/countries.txt");
const US_STATES: &str = include_str!("../../data/lexicon/us-states.txt");
const PLACES: &str = include_str!("../../data/lexicon/places.txt");
const DIRECTIONS: &str = include_str!("../../data/lexicon/directions.txt");
const DEMONYMS: &str = include_str!("../../data/lexicon/demonyms.txt");
const TIME_WORDS: &str = include_str!("../../data/lexicon/time-words.txt");
const STOP_WORDS: &str = include_str!("../../data/lexicon/stop-words.txt");
const CONNECTORS: &str = include_str!("../../data/lexicon/connectors.txt");
const SUFFIXES: &str = include_str!("../../data/lexicon/suffixes.txt");
const DOTTED_TITLES: &str = include_str!("../../data/lexicon/dotted-titles.txt");
const CUES: &str = include_str!("../../data/lexicon/name-cues.txt");
const SPEECH_VERBS: &str = include_str!("../../data/lexicon/speech-verbs.txt");
const ORG_LEADS: &str = include_str!("../../data/lexicon/org-leads.txt");
const FIRMS: &str = include_str!("../../data/lexicon/firms.txt");
const COMMERCIAL: &str = include_str!("../../data/lexicon/commercial.txt");
const WORKS: &str = include_str!("../../data/lexicon/works.txt");
const EMPLOYEE: &str = include_str!("../../data/lexicon/employee.txt");
const EAST_ASIAN: &str = include_str!("../../data/lexicon/east-asian.txt");
const PERSON_PLURALS: &str = include_str!("../../data/lexicon/person-plurals.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gendered_titles_read_their_sections() {
        let titles: Vec<_> = speaker::gendered_titles().collect();
        assert!(titles.contains(&("sir", Gender::Male)));
        assert!(titles.contains(&("mrs", Gender::Female)));
        assert!(!titles.iter().any(|(w, _)| w.starts_with('[')));
    }

    /// The quote finder's lists hold only what the shared lists do not already give it, so a
    /// word is added in one place.
    #[test]
    fn speaker_lists_repeat_no_shared_word() {
        let census = |w: &str| LEX.last.contains(w) || LEX.first.contains(w);
        for w in speaker::org_words() {
            let shared = org_words().any(|o| o == w) && !LEX.last.contains(w);
            assert!(!shared, "{w} is in org-words.txt already");
        }
        for w in speaker::place_words() {
            let shared = place_words().any(|p| p == w) && !census(w);
            assert!(!shared, "{w} is in the place lists already");
        }
        for list in [
            speaker::titles().collect::<Vec<_>>(),
            speaker::role_words().collect(),
        ] {
            assert!(
                list.iter()
                    .all(|w| w.bytes().all(|b| !b.is_ascii_uppercase()))
            );
        }
    }
}
