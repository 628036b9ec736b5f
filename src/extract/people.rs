//! People named in an article: canonical full names with titles stripped, later surname-only
//! mentions merged into them, no places, organisations or sentence-initial words.
//!
//! How: a single scan splits the text into word tokens; runs of capitalised words (with name
//! particles such as `de`, `van`, `al` inside) are candidates. Leading descriptors (titles, places,
//! demonyms, organisation words, acronyms, capitalised common words) are cut off; what remains is
//! scored by evidence: a census first name or surname, a title or honorific before, a speech verb
//! or an appositive after. Single words need a title (`Mr. Putin`), a leader context (`the Monti
//! government`), a list after a plural noun for people (`gods such as Zeus`), or must repeat the
//! surname of a full name found in the same article. Firms named after people (`Merrill Lynch`,
//! `X Inc`, `an analyst at X`), works, teams and things named after a person are dropped.
//! Word lists live in [`crate::lang::lexicon`].

mod tokens;

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::Cell;

use crate::lang::lexicon::{Class, LEX};
use tokens::{Tok, is_mostly_upper, lower_key, tokenize, with_lower_key};

use crate::model::Person;

/// Every person named in the headline or body, in order of first mention (headline first).
/// Spans point into `body`; headline mentions are counted but have no span.
pub fn find_people(headline: &str, body: &str) -> Vec<Person> {
    let mut mentions = scan(body, false);
    mentions.extend(scan(headline, true));
    resolve(mentions)
}

/// The person a surface form (`Mr. Putin`, `Putin`, `Vladimir Putin's`) refers to, if any:
/// an exact match of the full name or a variant first, else the surname.
pub fn resolve_name<'a>(people: &'a [Person], surface: &str) -> Option<&'a Person> {
    let words = strip_titles(surface);
    if words.is_empty() {
        return None;
    }
    let key = words.join(" ");
    let exact = people.iter().find(|p| {
        std::iter::once(&p.name)
            .chain(&p.variants)
            .any(|v| is_key_of(v, &key))
    });
    if exact.is_some() {
        return exact;
    }
    let last = words.last()?;
    people
        .iter()
        .find(|p| last_word(&p.name).is_some_and(|l| is_key_of(l, last)))
}

/// `lower_key(w) == key`, without building the key of an ASCII `w` (most names): the quote
/// finder resolves every speaker against every person's name and variants.
fn is_key_of(w: &str, key: &str) -> bool {
    if w.is_ascii() {
        w.len() == key.len()
            && w.bytes()
                .zip(key.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        lower_key(w) == key
    }
}

/// True when a capitalised word sequence (`Marco Rubio`, `President Zelensky`, `Ban Ki-moon`)
/// reads as a person's name on its own, without context: not a place, organisation, month or
/// common word, and either two name words with some evidence or a title before a single name.
pub fn looks_like_person_name(candidate: &str) -> bool {
    let found = scan(candidate, false);
    found.len() == 1 && found[0].accepted && {
        let m = &found[0];
        candidate.trim().trim_end_matches(['\'', '’', 's']).len() >= m.text.len()
    }
}

/// True when name words (`Merrill Lynch`) are a firm named after people in the people finder's
/// list.
pub fn names_known_firm(words: &[String]) -> bool {
    // Only the first two words decide; their keys are built on the stack.
    match words {
        [] => false,
        [one] => with_word_key(one, |k| LEX.firms.contains(k)),
        [a, b, ..] => with_word_key(a, |a| with_word_key(b, |b| firm_starts(a, b))),
    }
}

/// True when the last name word heads a firm's name (`General Motors`, `Acme Holdings`).
pub fn ends_in_firm_word(words: &[String]) -> bool {
    words
        .last()
        .is_some_and(|w| with_word_key(w, |k| LEX.commercial.contains(k)))
}

/// True when every name word (`Hong Kong`, `Argentina`) is a place in the people finder's lists.
pub fn names_place(words: &[String]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| with_word_key(w, |k| LEX.class(k)) == Class::Place)
}

/// One mention of a candidate name.
#[derive(Debug, Clone)]
struct Mention {
    /// The name as it should be shown (title-cased when the source was upper case).
    text: String,
    /// Lower-case, accent-folded words of the name.
    words: Vec<String>,
    /// Byte span in the body; `None` for headline mentions.
    span: Option<(usize, usize)>,
    /// True when the evidence suffices on its own; a single surname without a title is only
    /// kept when it repeats a known person's surname.
    accepted: bool,
    /// Position for ordering: headline mentions come before body mentions.
    order: usize,
    /// A capitalised common word at a sentence start: merges only by an exact repeat.
    weak: bool,
    /// A name of several words with some evidence, short of acceptance: kept when its surname
    /// recurs alone elsewhere in the article, or when it is listed beside an accepted name.
    plausible: bool,
    /// Token range of the name in its own text (for finding lists of names).
    toks: (usize, usize),
    /// The words name a firm (`Drummond McCall` in `Drummond McCall Inc`), not a person: other
    /// mentions of the same words are dropped too.
    firm: bool,
    /// A title or honorific stands before the name (`chairman Li Ka-shing`): a person, even where
    /// a firm carries the same words (`Li Ka-shing Foundations Ltd`).
    titled: bool,
}

/// Finds name candidates in one text.
fn scan(text: &str, headline: bool) -> Vec<Mention> {
    // A Title Case headline capitalises verbs and nouns too: read it like upper-case copy.
    let caps = is_mostly_upper(text) || (headline && is_title_case(text));
    // A body that opens with its own Title Case headline line: that line only.
    let titled_end = if caps || headline {
        0
    } else {
        titled_first_line(text)
    };
    let toks = tokenize(text);
    let cap = CapTest::new(text, &toks, caps || titled_end > 0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let caps = caps || toks[i].start < titled_end;
        // The flags first: in mixed-case text they settle most tokens without a call.
        if !(caps || toks[i].may_be_name()) || !cap.is_cap(i, caps) {
            i += 1;
            continue;
        }
        let end = run_end(&cap, i, caps);
        if let Some((m, next)) = analyse_around_nickname(&cap, i, end, caps, headline) {
            out.push(m);
            i = next;
            continue;
        }
        if let Some(m) = analyse(text, &toks, i, end, caps, headline) {
            out.push(m);
        }
        i = end;
    }
    confirm_lists(text, &toks, &mut out);
    confirm_person_lists(text, &toks, &mut out);
    out
}

/// `Robert C. "Bobby" Scott`, `James E. (Jim) Olson`: a nickname in quotes or brackets after a
/// middle initial splits the name in two runs. Analyses the two runs as one name without the
/// nickname (on a copy of the tokens, which happens rarely) and returns it with the token index
/// after it.
fn analyse_around_nickname(
    cap: &CapTest,
    start: usize,
    end: usize,
    caps: bool,
    headline: bool,
) -> Option<(Mention, usize)> {
    let (text, toks) = (cap.text, cap.toks);
    let is = |i: usize, marks: &[&str]| toks.get(i).is_some_and(|t| marks.contains(&t.text(text)));
    let initial = end > start + 1
        && toks[end - 1]
            .text(text)
            .trim_end_matches('.')
            .chars()
            .count()
            == 1;
    if !initial
        || !is(end, &["\"", "“", "("])
        || !cap.is_cap(end + 1, caps)
        || !is(end + 2, &["\"", "”", ")"])
        || !cap.is_cap(end + 3, caps)
    {
        return None;
    }
    let rest = end + 3;
    let rest_end = run_end(cap, rest, caps);
    let mut joined: Vec<Tok> = toks[..end].to_vec();
    joined.extend_from_slice(&toks[rest..]);
    let mut m = analyse(text, &joined, start, end + rest_end - rest, caps, headline)?;
    let global = |k: usize| if k >= end { k + 3 } else { k };
    m.toks = (global(m.toks.0), global(m.toks.1));
    Some((m, rest_end))
}

/// The byte length of a first line that is a short Title Case headline without a final period
/// (`Senator Hammers Bank Over Fees`), standing alone as its own paragraph, else 0. The first
/// line of hard-wrapped wire copy (`Finance Minister Kiichi Miyazawa said the`) runs on into the
/// next line and is no headline.
fn titled_first_line(text: &str) -> usize {
    let mut lines = text.split('\n');
    let line = lines.next().unwrap_or("");
    let trimmed = line.trim_end();
    if trimmed.len() > 160 || trimmed.ends_with('.') || !is_title_case(trimmed) {
        return 0;
    }
    if lines.next().is_some_and(|next| !next.trim().is_empty()) {
        return 0;
    }
    line.len()
}

/// `Senator Hammers Bank Over Fees`: most words of four letters or more are capitalised.
fn is_title_case(text: &str) -> bool {
    let (mut long, mut upper) = (0usize, 0usize);
    for w in text.split_whitespace().filter(|w| w.len() >= 4) {
        long += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            upper += 1;
        }
    }
    long >= 3 && upper * 10 >= long * 8
}

/// Accepts the single names listed after a plural noun for people (`gods such as Zeus, Hera and
/// Ares`, `artists including Warhol`): the noun says what the listed names are.
fn confirm_person_lists(text: &str, toks: &[Tok], found: &mut [Mention]) {
    if found.is_empty() {
        return;
    }
    for i in 1..toks.len() {
        // The lengths of the three words first: this runs over every token of the text.
        if !toks[i].word || !matches!(toks[i].end - toks[i].start, 2 | 4 | 9) {
            continue;
        }
        let w = toks[i].text(text);
        if !matches!(w, "including" | "as" | "like") {
            continue;
        }
        let mut k = i - 1;
        if w == "as" {
            if toks[k].text(text) != "such" || k == 0 {
                continue;
            }
            k -= 1;
        }
        if k > 0 && toks[k].text(text) == "," {
            k -= 1;
        }
        if !LEX.person_plurals.contains(toks[k].text(text)) {
            continue;
        }
        let mut pos = i + 1;
        while let Ok(m) = found.binary_search_by_key(&pos, |m| m.toks.0) {
            let single_ok = found[m].words.len() > 1
                || found[m].words.first().is_some_and(|k| {
                    !is_common(k) && !LEX.english.contains(k.as_str()) && !found[m].weak
                });
            if found[m].firm || !single_ok {
                break;
            }
            found[m].accepted = true;
            pos = found[m].toks.1;
            while toks
                .get(pos)
                .is_some_and(|t| matches!(t.text(text), "," | "and" | "or"))
            {
                pos += 1;
            }
        }
    }
}

/// Accepts plausible names listed next to accepted ones (`A B, C D and E F`): a list of names
/// is a list of people when some of them surely are.
fn confirm_lists(text: &str, toks: &[Tok], found: &mut [Mention]) {
    let mut changed = true;
    while changed {
        changed = false;
        for k in 1..found.len() {
            let gap = &toks[found[k - 1].toks.1..found[k].toks.0];
            let listed = !gap.is_empty()
                && gap.len() <= 2
                && gap
                    .iter()
                    .all(|t| matches!(t.text(text), "," | "and" | "or" | "&" | ";"));
            if !listed {
                continue;
            }
            let (a, b) = (found[k - 1].accepted, found[k].accepted);
            if !a && !b && all_listed(&found[k - 1]) && all_listed(&found[k]) {
                // `Starry Lee and Holden Chow`: two listed names made only of census name words.
                found[k - 1].accepted = true;
                found[k].accepted = true;
                changed = true;
            } else if a && !b && found[k].plausible {
                found[k].accepted = true;
                changed = true;
            } else if b && !a && found[k - 1].plausible {
                found[k - 1].accepted = true;
                changed = true;
            }
        }
    }
}

/// A plausible full name whose every word is a census first name or surname.
fn all_listed(m: &Mention) -> bool {
    m.plausible
        && m.words
            .iter()
            .all(|w| LEX.first.contains(w.as_str()) || LEX.last.contains(w.as_str()))
}

/// True for a word that can start or continue a name: capitalised (or, in upper-case text, not a
/// common word), or a particle-prefixed name such as `al-Sisi`.
fn is_cap(text: &str, t: &Tok, caps: bool) -> bool {
    if !t.word {
        return false;
    }
    if !caps {
        // The tokenizer's flags: a particle prefix is only looked for in hyphenated words (a
        // connector starts with a letter, so the word does too).
        return t.upper || (t.hyphen && has_particle_prefix(t.text(text)));
    }
    let w = t.text(text);
    let Some(c) = w.chars().next() else {
        return false;
    };
    if !c.is_alphabetic() {
        return false;
    }
    with_lower_key(w, |k| {
        let k = k.trim_end_matches('.');
        // The class last: it costs the most, and most headline words are common words.
        !(LEX.cue.contains(k)
            || (LEX.common.contains(k) && !LEX.first.contains(k) && !LEX.last.contains(k))
            || matches!(LEX.class(k), Class::Stop | Class::Time))
    })
}

/// [`is_cap`] for the tokens of one text, remembered in upper-case reading: there it costs
/// several word-list look-ups, and `scan`, `run_end` and the nickname check ask it of the same
/// token up to three times. Mixed-case reading reads the token's flags, cheaper than a memo.
struct CapTest<'a> {
    text: &'a str,
    toks: &'a [Tok],
    /// Upper-case verdicts by token index, empty when no part of the text reads upper case.
    caps_memo: Vec<Cell<Option<bool>>>,
}

impl<'a> CapTest<'a> {
    fn new(text: &'a str, toks: &'a [Tok], any_caps: bool) -> Self {
        let caps_memo = if any_caps {
            vec![Cell::new(None); toks.len()]
        } else {
            Vec::new()
        };
        CapTest {
            text,
            toks,
            caps_memo,
        }
    }

    /// [`is_cap`] of token `i` (false past the end).
    fn is_cap(&self, i: usize, caps: bool) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let Some(memo) = self.caps_memo.get(i).filter(|_| caps) else {
            return is_cap(self.text, t, caps);
        };
        let verdict = memo.get().unwrap_or_else(|| is_cap(self.text, t, true));
        memo.set(Some(verdict));
        verdict
    }
}

/// `al-Sisi`, `el-Sisi`, `bin-Salman`: a lower-case particle, a hyphen, then a capital.
fn has_particle_prefix(w: &str) -> bool {
    // A byte loop, not `split_once`: this runs for every lower-case word of a text, and the
    // string searcher's set-up costs more than these short words.
    let Some(dash) = w.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (p, rest) = (&w[..dash], &w[dash + 1..]);
    LEX.is_connector(p) && rest.chars().next().is_some_and(char::is_uppercase)
}

/// The end (exclusive) of the run of name words starting at `i`: capitalised words, joined by
/// particles and `of`/`for` when a capitalised word follows; a possessive or line break ends it.
fn run_end(cap: &CapTest, i: usize, caps: bool) -> usize {
    let (text, toks) = (cap.text, cap.toks);
    let mut j = i;
    loop {
        if toks[j].possessive {
            return j + 1;
        }
        let next = j + 1;
        if caps && next >= i + 2 && next < toks.len() && ends_caps_name(text, toks, i, next) {
            return next;
        }
        if next < toks.len() && !toks[next].newline_before && cap.is_cap(next, caps) {
            j = next;
            continue;
        }
        // One or two particles (`de Gaulle`, `van der Berg`, `de la Cruz`) before a capital.
        let mut k = next;
        while k < toks.len()
            && k < next + 2
            && toks[k].word
            && !toks[k].newline_before
            && is_joiner(
                text,
                &toks[if k == next { j } else { k - 1 }],
                toks[k].text(text),
            )
        {
            k += 1;
        }
        if k > next && k < toks.len() && !toks[k].newline_before && cap.is_cap(k, caps) {
            j = k;
            continue;
        }
        return j + 1;
    }
}

/// In upper-case or Title Case text, `ELIZABETH WARREN HAMMERS BANK`: after a first name and
/// another word, a dictionary word that is no first name is the headline's verb or noun.
fn ends_caps_name(text: &str, toks: &[Tok], i: usize, next: usize) -> bool {
    with_word_key(toks[next].text(text), |k| {
        LEX.english.contains(k) && !LEX.first.contains(k)
    }) && with_word_key(toks[i].text(text), |k| LEX.first.contains(k))
}

/// Lower-case words that may sit inside a capitalised run: name particles, and `of`/`for` after
/// a title or organisation word (`Secretary of State`, but not `Ann Chiang of DAB`).
fn is_joiner(text: &str, prev: &Tok, w: &str) -> bool {
    if w == "of" || w == "for" {
        return with_lower_key(prev.text(text), |p| {
            matches!(
                LEX.class(p.trim_end_matches('.')),
                Class::Title | Class::Org
            )
        });
    }
    LEX.is_connector(w)
}

/// What one token of a run is, for cutting the name out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Part of the name.
    Name,
    /// A title or honorific before the name.
    Title,
    /// An honorific such as `Mr.`.
    Honorific,
    /// Anything else that is not a name: places, organisations, common words.
    Other,
    /// An organisation head word: a run ending in one names a thing, not a person.
    OrgHead,
    /// A name suffix (`Jr.`), dropped.
    Suffix,
}

/// Cuts the name out of the run `toks[start..end]` and weighs the evidence for it.
fn analyse(
    text: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    caps: bool,
    headline: bool,
) -> Option<Mention> {
    let run = &toks[start..end];
    let (mut inline, mut heap) = (<[String; 8]>::default(), Vec::new());
    let keys = short_list(
        &mut inline,
        &mut heap,
        run.iter().map(|t| word_key(t.text(text))),
    );
    // Each word's class once: the fast exit, the roles and the verdict on a single name use it.
    let (mut inline, mut heap) = ([Class::Other; 8], Vec::new());
    let classes = short_list(
        &mut inline,
        &mut heap,
        run.iter().zip(keys).map(|(t, k)| class_of(t.text(text), k)),
    );
    // Fast exit for the commonest run: one word that is no name (`The`, `Monday`, `Reuters`).
    if keys.len() == 1
        && !matches!(classes[0], Class::Other)
        && !LEX.last.contains(keys[0].as_str())
    {
        return None;
    }
    if names_institution(keys) || work_before(text, toks, start, caps) {
        return None;
    }
    if partnership(text, toks, start, end) {
        return Some(firm_mention(text, run, (0, run.len()), start, headline));
    }
    let roles = roles(text, run, keys, classes, caps, headline);
    if let Some(firm) = firm_before_head(keys, &roles) {
        return Some(firm_mention(text, run, firm, start, headline));
    }
    if roles.last() == Some(&Role::OrgHead) {
        return named_after(text, toks, start, keys, caps, headline);
    }
    let (s, e) = name_bounds(keys, &roles)?;
    let name_keys = &keys[s..e];
    if LEX.org_lead.contains(name_keys[0].as_str()) {
        return None; // `Union de Banques Arabes`
    }
    if is_known_firm(name_keys) || employee_around(text, toks, start, start + e) {
        return Some(firm_mention(text, run, (s, e), start, headline));
    }
    let honorific = roles[..s].contains(&Role::Honorific);
    let title = honorific
        || roles[..s].contains(&Role::Title)
        || (s == 0 && title_before(text, toks, start));
    if !title && city_before_state(text, toks, start + e) {
        return None;
    }
    // `Robert C. "Bobby" Scott`, `Charles G. and David H. Koch`, `Sizewell B`: a name does not
    // end in an initial; what ends so is cut short or is a product or a plant.
    let has_digit = name_keys
        .iter()
        .any(|k| k.chars().any(|c| c.is_ascii_digit()));
    if has_digit || name_keys.last().is_some_and(|k| k.chars().count() == 1) {
        return None;
    }
    let evidence = Evidence {
        title,
        honorific,
        cue: cue_after(text, toks, start + e) || cue_before(text, toks, start),
        caps,
    };
    let (accepted, score) = if name_keys.len() >= 2 {
        let initials = !caps && is_initials_before_surname(&run[s..e], name_keys, 0, text);
        let score = multi_score(name_keys, title, honorific, evidence.cue, caps);
        let score = score + i32::from(initials);
        (score >= 2, score)
    } else {
        let ok = single_name_accepted(text, toks, start, keys, s, classes[s], evidence);
        (ok, 0)
    };
    let mut mention = name_mention(text, run, (s, e), start, keys, caps, headline);
    mention.accepted = accepted;
    mention.plausible = name_keys.len() >= 2 && score == 1;
    mention.titled = title;
    Some(mention)
}

/// `Citibank`, `Bancorp`, `Sparebanken`, `Instituto ...`: a run ending in a bank word (that is no
/// surname) or opening with an institution's lead word names an institution.
fn names_institution(keys: &[String]) -> bool {
    let bank = keys.last().is_some_and(|k| {
        k.len() > 5
            && (k.ends_with("bank") || k.ends_with("banken") || k.ends_with("bancorp"))
            && !LEX.last.contains(k.as_str())
    });
    bank || LEX.org_lead.contains(keys[0].as_str())
}

/// The name's word range in a run of `roles`: what follows the last non-name word, less a
/// trailing suffix, leading particles (`of`, `de`) and a leading description (`Seventeen-year-old`).
fn name_bounds(keys: &[String], roles: &[Role]) -> Option<(usize, usize)> {
    let mut e = roles.len();
    while e > 0 && roles[e - 1] == Role::Suffix {
        e -= 1;
    }
    let s = roles[..e]
        .iter()
        .rposition(|r| *r != Role::Name)
        .map_or(0, |p| p + 1);
    let s = (s..e)
        .find(|&k| {
            let particle = LEX.is_connector(&keys[k]) && roles[k] != Role::Name;
            !(particle || keys[k] == "of" || keys[k] == "for")
        })
        .unwrap_or(e);
    (s < e).then(|| (skip_leading_description(keys, s, e), e))
}

/// What stands around a name, for weighing it.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    /// A title or honorific before it (`President`, `Mr.`).
    title: bool,
    /// An honorific before it.
    honorific: bool,
    /// A speech verb after it, or a cue word before it.
    cue: bool,
    /// The text is upper-case copy.
    caps: bool,
}

/// Whether the single word `keys[s]` (of class `class`) of the run at `start` is a person: a
/// title or honorific before it, a speech verb after a surname, a leader's or a relative's
/// context, or an institution's official (`the Fed's Volcker said`).
fn single_name_accepted(
    text: &str,
    toks: &[Tok],
    start: usize,
    keys: &[String],
    s: usize,
    class: Class,
    ev: Evidence,
) -> bool {
    let k = keys[s].as_str();
    let bad = !matches!(class, Class::Other) && !LEX.last.contains(k);
    let surname = LEX.last.contains(k) && !is_common(k) && !LEX.english.contains(k);
    let describes = LEX.english.contains(k) || k.ends_with("ist") || k.ends_with("ian");
    // `Miss Universe`, `Miss Piggy`: a pageant or character title, not a woman's surname.
    let pageant = s > 0
        && keys[s - 1] == "miss"
        && describes
        && !LEX.last.contains(k)
        && !LEX.first.contains(k);
    if bad || pageant {
        return false;
    }
    let plain = !ev.caps && !describes && !is_common(k);
    let leader = plain && !k.contains('-') && leader_context(text, toks, start + s, start + s + 1);
    let kin = plain && kin_before(text, toks, start + s);
    // `TREASURY'S BAKER SAYS`, `the Fed's Volcker said`: a surname after an institution's
    // possessive and before a speech verb is its official, in upper-case copy too.
    let officer = ev.cue && surname && s == 0 && possessive_before(toks, start);
    (ev.title && !describes)
        || ev.honorific
        || (ev.cue && !ev.caps && surname)
        || leader
        || kin
        || officer
}

/// The mention of the name `run[s..e]` (keys `keys[s..e]`) of the run at token `start`, shown title-cased from upper-case
/// copy; the caller fills in its verdict.
fn name_mention(
    text: &str,
    run: &[Tok],
    (s, e): (usize, usize),
    start: usize,
    keys: &[String],
    caps: bool,
    headline: bool,
) -> Mention {
    let surface = run[s..e].iter().map(|t| t.text(text));
    let shown = if caps {
        let words: Vec<String> = surface
            .map(|w| {
                if w.chars().any(char::is_lowercase) {
                    w.to_string()
                } else {
                    title_case(w)
                }
            })
            .collect();
        words.join(" ")
    } else {
        surface.collect::<Vec<_>>().join(" ")
    };
    let (a, b) = (run[s].start, run[e - 1].end);
    Mention {
        text: shown,
        words: keys[s..e].to_vec(),
        span: (!headline).then_some((a, b)),
        accepted: false,
        order: if headline { a } else { a + (1 << 40) },
        weak: e - s == 1 && s == 0 && run[0].sentence_start && is_common(&keys[s]),
        plausible: false,
        toks: (start + s, start + e),
        firm: false,
        titled: false,
    }
}

/// The items in `inline` when they fit, else in `heap`: runs are a word or two, and an allocation
/// for each of their per-word lists cost more than filling an array on the stack.
fn short_list<'a, T, const N: usize>(
    inline: &'a mut [T; N],
    heap: &'a mut Vec<T>,
    items: impl ExactSizeIterator<Item = T>,
) -> &'a [T] {
    let n = items.len();
    if n > N {
        heap.extend(items);
        return heap;
    }
    for (slot, item) in inline.iter_mut().zip(items) {
        *slot = item;
    }
    &inline[..n]
}

/// `the Steven F. Udvar-Hazy Center`, `the Maria Lopez Foundation`: the full name of a person
/// right before an institution's head word names that person. Single names (`Kennedy Space
/// Center`, `Booker Prize`) are left alone: a surname alone is too often a place or a firm.
fn named_after(
    text: &str,
    toks: &[Tok],
    start: usize,
    keys: &[String],
    caps: bool,
    headline: bool,
) -> Option<Mention> {
    // The head may be followed by more institution words (`the Jane Doe Memorial Hall Station`).
    let org_words = keys
        .iter()
        .rev()
        .take_while(|k| LEX.named_after_heads.contains(k.as_str()) || LEX.class(k) == Class::Org)
        .count();
    let name_len = keys.len() - org_words;
    let named_head = keys[name_len..]
        .iter()
        .any(|k| LEX.named_after_heads.contains(k.as_str()));
    if name_len < 2 || !named_head {
        return None;
    }
    // `Johnson Space Center`: a dictionary word before the head describes the institution.
    let last = &keys[name_len - 1];
    if LEX.english.contains(last.as_str()) || is_common(last) {
        return None;
    }
    let name_end = start + name_len;
    analyse(text, toks, start, name_end, caps, headline)
        .filter(|m| m.accepted && !m.firm && m.words.len() >= 2 && m.toks.1 == name_end)
}

/// `the Monti government`, `the Obama administration`: a single name between `the` and a word
/// for a leader's government or tenure names that leader.
fn leader_context(text: &str, toks: &[Tok], start: usize, end: usize) -> bool {
    start > 0
        && toks[start - 1].text(text).eq_ignore_ascii_case("the")
        && toks.get(end).is_some_and(|t| {
            matches!(
                t.text(text),
                "government" | "administration" | "presidency" | "premiership" | "cabinet" | "era"
            )
        })
}

/// `the novel Angel Catbird`, `the film Easy Rider`: a lower-case noun for a work just before.
fn work_before(text: &str, toks: &[Tok], start: usize, caps: bool) -> bool {
    !caps && start > 0 && toks[start - 1].word && {
        let w = toks[start - 1].text(text);
        w.starts_with(|c: char| c.is_lowercase()) && LEX.works.contains(w)
    }
}

/// The name words right before commercial head words ending the run (`Drummond McCall` in
/// `Drummond McCall Inc`, `Suffield` in `Suffield Financial Corp`), as a token range of the run.
fn firm_before_head(keys: &[String], roles: &[Role]) -> Option<(usize, usize)> {
    let commercial = |k: &String| LEX.commercial.contains(k.as_str());
    let firm_word = |k: &String| commercial(k) || LEX.class(k) == Class::Org;
    // `Marlow Oil Corp`, `Emery Air Freight Corp`: words of the trade (dictionary words that
    // are no census names) may stand between the name and a commercial word ending the run.
    let trade_word = |k: &String| {
        LEX.english.contains(k.as_str())
            && !LEX.first.contains(k.as_str())
            && !LEX.last.contains(k.as_str())
    };
    let f = match keys.iter().position(commercial) {
        Some(f) if keys[f..].iter().all(firm_word) => f,
        Some(_) if keys.last().is_some_and(commercial) => keys
            .iter()
            .rposition(|k| !(firm_word(k) || trade_word(k)))
            .map_or(0, |p| p + 1),
        _ => return None,
    };
    let mut name_end = f;
    while name_end > 0 && trade_word(&keys[name_end - 1]) {
        name_end -= 1;
    }
    if name_end == 0 {
        // All dictionary words (`Deposit Guaranty Corp`): they are the name.
        name_end = f;
    }
    let a = roles[..name_end]
        .iter()
        .rposition(|r| *r != Role::Name)
        .map_or(0, |p| p + 1);
    // The trade words stay in the firm's name: `Hughes Tool` later is the firm too.
    (a < name_end).then_some((a, f))
}

/// A firm named after people (`Merrill Lynch`, `Dean Witter Reynolds`).
fn is_known_firm(keys: &[String]) -> bool {
    match keys {
        [] => false,
        [one] => LEX.firms.contains(one.as_str()),
        [a, b, ..] => firm_starts(a, b),
    }
}

/// Keys `a b` begin a firm of [`is_known_firm`]: `a` is one, or `a b` together.
fn firm_starts(a: &str, b: &str) -> bool {
    if LEX.firms.contains(a) {
        return true;
    }
    // `a b` joined on the stack: this runs for every name of two words or more.
    let mut buf = [0u8; 64];
    let Some(joined) = buf.get_mut(..a.len() + 1 + b.len()) else {
        return LEX.firms.contains([a, b].join(" ").as_str());
    };
    let (head, tail) = joined.split_at_mut(a.len());
    head.copy_from_slice(a.as_bytes());
    tail[0] = b' ';
    tail[1..].copy_from_slice(b.as_bytes());
    std::str::from_utf8(joined).is_ok_and(|k| LEX.firms.contains(k))
}

/// `an analyst at Smith Barney`, `Smith Barney economist Jane Doe`: a role at a firm names the
/// firm next to it.
fn employee_around(text: &str, toks: &[Tok], start: usize, end: usize) -> bool {
    let after = toks.get(end).is_some_and(|t| {
        let w = t.text(text);
        // `Reagan officials` are his staff; `Shearson analysts` work at a firm.
        let firm_role = LEX.employee.contains(w)
            && !w.starts_with("official")
            && !w.starts_with("spokes")
            && !w.starts_with("exec");
        t.word && !toks[end - 1].possessive && (firm_role || and_company(text, toks, end))
    });
    let before = start >= 2
        && matches!(toks[start - 1].text(text), "at" | "with")
        && LEX.employee.contains(toks[start - 2].text(text));
    after || before
}

/// `Dillon Read and Co`, `Ingalls & Sons`: a partnership's name runs into `and Co`.
fn and_company(text: &str, toks: &[Tok], end: usize) -> bool {
    toks.get(end)
        .is_some_and(|t| matches!(t.text(text), "and" | "&"))
        && toks.get(end + 1).is_some_and(|t| {
            with_lower_key(t.text(text), |k| {
                matches!(
                    k.trim_end_matches('.'),
                    "co" | "company" | "sons" | "partners" | "associates"
                )
            })
        })
}

/// `Bailey & Glasser`, `Moore & Van Allen`, `Marks & Spencer`: names joined by an ampersand
/// name a firm or a brand, unless both sides are bare first names (`Harry & Meghan`).
fn partnership(text: &str, toks: &[Tok], start: usize, end: usize) -> bool {
    // A token is `&` when it starts with one: words start with a letter or digit.
    let is_amp = |i: usize| {
        toks.get(i)
            .is_some_and(|t| text.as_bytes().get(t.start) == Some(&b'&'))
    };
    let cap_word = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.word && t.text(text).starts_with(char::is_uppercase))
    };
    let (other, near) = if start >= 2 && is_amp(start - 1) && cap_word(start - 2) {
        (start - 2, start)
    } else if is_amp(end) && cap_word(end + 1) {
        (end + 1, end - 1)
    } else {
        return false;
    };
    let first = |i: usize| with_word_key(toks[i].text(text), |k| LEX.first.contains(k));
    !(first(other) && first(near))
}

/// A mention that marks words as a firm's name.
fn firm_mention(
    text: &str,
    run: &[Tok],
    (s, e): (usize, usize),
    start: usize,
    headline: bool,
) -> Mention {
    let words: Vec<String> = run[s..e].iter().map(|t| word_key(t.text(text))).collect();
    let a = run[s].start;
    Mention {
        text: String::new(),
        words,
        span: None,
        accepted: false,
        order: if headline { a } else { a + (1 << 40) },
        weak: false,
        plausible: false,
        toks: (start + s, start + e),
        firm: true,
        titled: false,
    }
}

/// `Scientologist Tom Cruise`, `Coauthor Jane Doe`: words before a known first name that are
/// dictionary words or `-ist`/`-ian` nouns describe the person and are not part of the name.
fn skip_leading_description(keys: &[String], s: usize, e: usize) -> usize {
    // `Seventeen-year-old Ana Ruiz`: an age describes whatever name follows.
    let mut s = s;
    while s + 1 < e && is_age(&keys[s]) {
        s += 1;
    }
    let Some(f) = (s..e.saturating_sub(1))
        .find(|&k| LEX.first.contains(keys[k].as_str()) || is_east_asian_start(keys, k))
    else {
        return s;
    };
    let describes = |k: &String| {
        !LEX.first.contains(k.as_str())
            && (LEX.english.contains(k.as_str())
                || is_common(k)
                || ["ist", "ists", "ian", "ians", "ite", "ites"]
                    .iter()
                    .any(|x| k.ends_with(x))
                || k.rsplit_once('-').is_some_and(|(_, b)| {
                    LEX.english.contains(b) || LEX.class(b) == Class::Demonym
                }))
    };
    if f > s && keys[s..f].iter().all(describes) {
        f
    } else {
        s
    }
}

/// Words that lead a place's name (`San Diego`, `Los Angeles`) and also occur inside people's.
const PLACE_LEADS: [&str; 6] = ["san", "santa", "sao", "los", "las", "saint"];

/// Classifies each token of a run, left to right (a surname-like word is a name only after
/// another name word: `Valeska Paris`, `John Major`).
fn roles(
    text: &str,
    run: &[Tok],
    keys: &[String],
    classes: &[Class],
    caps: bool,
    headline: bool,
) -> Vec<Role> {
    let words = RunWords {
        text,
        run,
        keys,
        classes,
        caps,
        headline,
    };
    let mut roles: Vec<Role> = Vec::with_capacity(keys.len());
    for k in 0..keys.len() {
        let prev_name = k > 0 && roles[k - 1] == Role::Name;
        roles.push(words.role(k, prev_name));
    }
    roles
}

/// A run's tokens with their keys and classes, for [`roles`].
struct RunWords<'a> {
    text: &'a str,
    run: &'a [Tok],
    keys: &'a [String],
    classes: &'a [Class],
    caps: bool,
    headline: bool,
}

impl RunWords<'_> {
    /// The role of word `k`; `prev_name` when the word before it is part of the name.
    fn role(&self, k: usize, prev_name: bool) -> Role {
        let (keys, key, caps) = (self.keys, self.keys[k].as_str(), self.caps);
        let last_pos = k + 1 == keys.len();
        if self.stays_in_name(k, prev_name) {
            return Role::Name;
        }
        let acronym = !caps && is_acronym(self.surface(k));
        match self.classes[k] {
            Class::Honorific => Role::Honorific,
            Class::Title if prev_name && last_pos && self.listed(k) => Role::Name,
            Class::Title => Role::Title,
            // `James To`: a capitalised short word mid-sentence after a first name is a surname.
            Class::Stop
                if prev_name
                    && !caps
                    && !self.headline
                    && LEX.last.contains(key)
                    && LEX.first.contains(keys[k - 1].as_str())
                    && is_upper_initial(self.surface(k)) =>
            {
                Role::Name
            }
            Class::Org if prev_name && last_pos && LEX.last.contains(key) && !caps => Role::OrgHead,
            Class::Org if last_pos => Role::OrgHead,
            Class::Place | Class::Time if prev_name && last_pos && self.place_ends_name(k) => {
                Role::Name
            }
            Class::Demonym if prev_name && last_pos && self.group_word_ends_name(k) => Role::Name,
            Class::Connector
                if self.next_plain(k) && !caps && is_upper_initial(self.surface(k)) =>
            {
                Role::Name
            }
            Class::Place | Class::Org | Class::Connector if k == 0 && self.opens_name(k) => {
                Role::Name
            }
            Class::Suffix if k > 0 => Role::Suffix,
            Class::Connector if prev_name => Role::Name,
            // `AS Heagle`, `JK Rowling`: two capitals before a surname are initials.
            Class::Other | Class::Stop
                if acronym && is_initials_before_surname(self.run, keys, k, self.text) =>
            {
                Role::Name
            }
            Class::Other if acronym => Role::Other,
            Class::Other if is_word_compound(key) => Role::Other,
            // `Charlotte Panthers`: a plural common noun ends a team or a group, not a name.
            Class::Other if k > 0 && last_pos && is_plural_noun(key) => Role::Other,
            Class::Other if is_common(key) => self.common_word_role(k, prev_name),
            Class::Other => Role::Name,
            _ => Role::Other,
        }
    }

    fn surface(&self, k: usize) -> &str {
        self.run[k].text(self.text)
    }

    /// A census first name or surname.
    fn listed(&self, k: usize) -> bool {
        let key = self.keys[k].as_str();
        LEX.first.contains(key) || LEX.last.contains(key)
    }

    /// The next word is of no class and no common word.
    fn next_plain(&self, k: usize) -> bool {
        self.keys
            .get(k + 1)
            .is_some_and(|n| self.classes[k + 1] == Class::Other && !is_common(n))
    }

    /// Words that belong to a name whatever their class: a lower-case particle after a name
    /// word (`de la Cruz`; `la` is also Los Angeles), a place's leading word between name words
    /// (`Aung San Suu Kyi`, `Yves Saint Laurent`; `San Francisco` has a census name after
    /// `San`), and an East Asian surname (`President Park Geun-hye`).
    fn stays_in_name(&self, k: usize, prev_name: bool) -> bool {
        let key = self.keys[k].as_str();
        if prev_name && LEX.is_connector(key) && self.surface(k).starts_with(char::is_lowercase) {
            return true;
        }
        let place_lead = prev_name
            && !self.caps
            && PLACE_LEADS.contains(&key)
            && self.keys.get(k + 1).is_some_and(|n| {
                self.classes[k + 1] == Class::Other && !LEX.first.contains(n.as_str())
            });
        place_lead || !self.caps && is_east_asian_start(self.keys, k)
    }

    /// A place or time word that ends a name after a name word (`Valeska Paris`), though not
    /// a weekday, a direction, an acronym or a country after a firm (`Texaco Canada` is a
    /// firm's national arm).
    fn place_ends_name(&self, k: usize) -> bool {
        let (key, prev) = (self.keys[k].as_str(), self.keys[k - 1].as_str());
        key.len() > 2
            && !is_weekday(key)
            && self.listed(k)
            && !LEX.is_direction(key)
            && !is_acronym(self.surface(k))
            && !is_common(prev)
            && !LEX.english.contains(prev)
            && (LEX.first.contains(prev) || k >= 2 || !LEX.countries.contains(key))
    }

    /// `Jennifer Green`, `Mark English`: a census surname that is also a group word ends a name
    /// after a first name (`Christian Democrats` ends in no surname), unless the first word is
    /// a common word too (`Royal Dutch`, `Roman Catholic`).
    fn group_word_ends_name(&self, k: usize) -> bool {
        let prev = self.keys[k - 1].as_str();
        !self.caps
            && LEX.last.contains(self.keys[k].as_str())
            && LEX.first.contains(prev)
            && !is_common(prev)
            && !LEX.english.contains(prev)
    }

    /// `Paris Hilton`: a census name that is also a place, organisation or particle word opens a
    /// name before a plain word, but not `House Newt Gingrich` (a first name follows).
    fn opens_name(&self, k: usize) -> bool {
        let key = self.keys[k].as_str();
        self.listed(k)
            && key.len() > 2
            && self.next_plain(k)
            && !self.caps
            && !LEX.is_direction(key)
            && !self
                .keys
                .get(1)
                .is_some_and(|n| LEX.first.contains(n.as_str()) || LEX.english.contains(n.as_str()))
    }

    /// A common word is a name as a first name or mid-sentence before a plain word, or as a
    /// surname after a name word.
    fn common_word_role(&self, k: usize, prev_name: bool) -> Role {
        let key = self.keys[k].as_str();
        let mid_sentence = !(k == 0 && self.run[0].sentence_start);
        if ((LEX.first.contains(key) || mid_sentence) && self.next_plain(k))
            || (LEX.last.contains(key) && prev_name)
        {
            Role::Name
        } else {
            Role::Other
        }
    }
}

/// `panthers`, `polaroids`: a plural that is no census name and whose singular (or itself) is
/// a dictionary word.
fn is_plural_noun(k: &str) -> bool {
    k.strip_suffix('s').is_some_and(|stem| {
        !k.ends_with("ss")
            && !LEX.first.contains(k)
            && !LEX.last.contains(k)
            && (LEX.english.contains(k) || LEX.english.contains(stem))
    })
}

/// Two capital letters opening a run, followed by a census surname that is no dictionary word.
fn is_initials_before_surname(run: &[Tok], keys: &[String], k: usize, text: &str) -> bool {
    k == 0
        && keys.len() == 2
        && is_acronym(run[0].text(text))
        && run[0].text(text).chars().count() == 2
        && LEX.last.contains(keys[1].as_str())
        && !LEX.english.contains(keys[1].as_str())
        && !is_common(&keys[1])
}

/// A day of the week (`Netflix Friday`), never a surname after a name.
/// `17-year-old`, `Seventeen-years-old`, `six-month-old`.
fn is_age(k: &str) -> bool {
    ["-year-old", "-years-old", "-month-old", "-months-old"]
        .iter()
        .any(|x| k.ends_with(x))
}

fn is_weekday(k: &str) -> bool {
    matches!(
        k,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// `Prize-winner`, `Award-winning`: a hyphenated compound of dictionary words, no name part.
fn is_word_compound(k: &str) -> bool {
    // `Miami-based`, `Texas-born`, `state-owned`: an attribute, never part of a name.
    const ATTRIBUTES: [&str; 6] = ["-based", "-born", "-led", "-owned", "-backed", "-style"];
    // Every compound and attribute has a hyphen; most words have none.
    if !k.bytes().any(|b| b == b'-') {
        return false;
    }
    if ATTRIBUTES.iter().any(|a| k.ends_with(a)) {
        return true;
    }
    // Short parts are syllables of a given name: `Lung-bin`.
    k.split('-').all(|p| {
        p.len() >= 4 && (LEX.english.contains(p) || is_common(p)) && !LEX.first.contains(p)
    })
}

/// A romanised Chinese or Korean surname followed by a hyphenated given name (`Park Joo-ho`).
fn is_east_asian_start(keys: &[String], k: usize) -> bool {
    // The given name first: most words have no next word or no hyphen, which settles it
    // without a look-up.
    keys.get(k + 1).is_some_and(|n| is_syllable_name(n))
        && LEX.east_asian.contains(keys[k].as_str())
}

/// Evidence for a name of two or more words; 2 or more is a person.
fn multi_score(keys: &[String], title: bool, honorific: bool, cue: bool, caps: bool) -> i32 {
    let first = keys[0].as_str();
    let last = keys[keys.len() - 1].as_str();
    let mut score = 0;
    if LEX.first.contains(first) {
        score += if is_common(first) { 1 } else { 2 };
    } else if first.len() == 1 {
        score += 1; // an initial: `J. Smith`
    }
    if LEX.last.contains(last) && !is_common(last) {
        score += 1;
    }
    if caps {
        // Upper-case wire text: every word looks capitalised; demand a known first name.
        return if LEX.first.contains(first) && (score >= 3 || title || cue) {
            score
        } else {
            0
        };
    }
    // Two or more words that are neither common nor dictionary words: likely a foreign name,
    // enough on its own (`Nacer Chadli`).
    if is_foreign(keys) {
        score += 2;
    }
    if honorific {
        score += 3;
    } else if title {
        score += 2;
    }
    if cue {
        score += 1;
    }
    // East Asian given names: `Ki-moon`, `Jong-un`, `Chung-tai` (not `Prize-winner`).
    if keys[1..].iter().any(|k| is_syllable_name(k)) {
        score += 1;
        if is_east_asian_start(keys, 0) {
            score += 1;
        }
    }
    if keys.len() == 2 && keys[0] == keys[1] {
        score = 0; // `Duran Duran`
    }
    score
}

/// No word of the name is a common or dictionary word.
fn is_foreign(keys: &[String]) -> bool {
    !keys.iter().any(|k| {
        (LEX.english.contains(k.as_str()) && !LEX.is_connector(k))
            || (is_common(k) && !LEX.last.contains(k.as_str()) && !LEX.first.contains(k.as_str()))
    })
}

/// A hyphenated given name of short syllables, not an English compound.
fn is_syllable_name(k: &str) -> bool {
    // A byte search, not `split_once`: this runs for most words of a run, and the searcher's
    // set-up costs more than these short words.
    let Some(dash) = k.bytes().position(|b| b == b'-') else {
        return false;
    };
    let (a, b) = (&k[..dash], &k[dash + 1..]);
    !LEX.is_connector(a)
        && !a.is_empty()
        && !b.is_empty()
        && (a.len() <= 3 || b.len() <= 3 || !LEX.english.contains(a) || !LEX.english.contains(b))
        && a.chars().chain(b.chars()).all(char::is_alphabetic)
}

/// A common English word (lower-case in news text more often than capitalised).
fn is_common(k: &str) -> bool {
    LEX.common.contains(k)
}

/// The look-up key of a word: lower-cased, accents folded, a trailing period removed.
fn word_key(w: &str) -> String {
    let mut k = lower_key(w);
    while k.ends_with('.') {
        k.pop();
    }
    k
}

/// The lexicon class of a token (`key` is its [`word_key`]). `Del.` is the title Delegate, not
/// the particle `del` (see [`crate::lang::lexicon::Lexicon::dotted_titles`]).
fn class_of(word: &str, key: &str) -> Class {
    if word.ends_with('.') && LEX.dotted_titles.contains(key) {
        Class::Title
    } else {
        LEX.class(key)
    }
}

/// Calls `f` with [`word_key`] of `w`, built on the stack for a short ASCII word (see
/// [`with_lower_key`]).
fn with_word_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    with_lower_key(w, |k| f(k.trim_end_matches('.')))
}

/// Starts with a capital letter (`Abdel`, not `de`).
fn is_upper_initial(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `NASA`, `U.S.`, `KSC`: two or more letters, all upper case.
fn is_acronym(w: &str) -> bool {
    // A lower-case ASCII letter rules out an acronym in any text; in a capitalised word it is
    // found at the second byte, before the whole word is scanned.
    if w.bytes().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    if w.is_ascii() {
        // Byte tests for the usual ASCII word; most are done at their first lower-case letter.
        let b = w.as_bytes();
        return !b.iter().any(|&c| c.is_ascii_lowercase() || c == b'.')
            && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !w.contains('.') && !w.chars().any(char::is_lowercase)
}

/// The word before the run carried a possessive `'s` (`Treasury's Baker`).
fn possessive_before(toks: &[Tok], start: usize) -> bool {
    start > 0 && toks[start - 1].word && toks[start - 1].possessive
}

/// A family word just before the run, possibly with a comma (`her brother, Omar`).
fn kin_before(text: &str, toks: &[Tok], start: usize) -> bool {
    let mut k = start;
    if k > 0 && toks[k - 1].text(text) == "," {
        k -= 1;
    }
    k > 0 && toks[k - 1].word && with_lower_key(toks[k - 1].text(text), |w| LEX.kin.contains(w))
}

/// A role word just before the run (`envoy Steve Witkoff`, `envoy, Rustem Umerov`).
fn title_before(text: &str, toks: &[Tok], start: usize) -> bool {
    let mut k = start;
    if k > 0 && !toks[k - 1].word && toks[k - 1].text(text) == "," {
        k -= 1;
    }
    k > 0
        && toks[k - 1].word
        && with_lower_key(toks[k - 1].text(text), |w| {
            let w = w.trim_end_matches('.');
            LEX.is_title(w) && !LEX.weak_titles.contains(w)
        })
}

/// A speech verb or an appositive right after the name (`Putin said`, `Rubio, the ...`).
fn cue_after(text: &str, toks: &[Tok], end: usize) -> bool {
    let Some(t) = toks.get(end) else {
        return false;
    };
    if t.word {
        return with_lower_key(t.text(text), |w| LEX.cue.contains(w));
    }
    if t.text(text) != "," {
        return false;
    }
    toks.get(end + 1).is_some_and(|n| {
        n.word
            && with_lower_key(n.text(text), |w| {
                matches!(w, "who" | "whose" | "the" | "a" | "an" | "his" | "her")
                    || w.chars().all(|c| c.is_ascii_digit())
                    || LEX.cue.contains(w) && w.starts_with("sa")
            })
    })
}

/// `Eau Claire, Wis.`, `Fort Worth, Texas,`, `Albany, New York`: a name followed by a comma and a
/// US state that ends the phrase is the city the dateline or the text locates something in.
fn city_before_state(text: &str, toks: &[Tok], end: usize) -> bool {
    if toks.get(end).is_none_or(|t| t.text(text) != ",") {
        return false;
    }
    // The state: one word, or two (`New York`, `North Carolina`) judged by the last.
    let mut k = end + 1;
    let is_cap_word = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.word && t.text(text).starts_with(char::is_uppercase))
    };
    if !is_cap_word(k) {
        return false;
    }
    if is_cap_word(k + 1)
        && with_word_key(toks[k].text(text), |k| {
            matches!(k, "new" | "north" | "south" | "west" | "rhode")
        })
    {
        k += 1;
    }
    // `Tom Doe, SC,` `Jane Doe, MD`: capitals without periods are post-nominal letters.
    let w = toks[k].text(text);
    let postnominal = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let state = !postnominal && with_word_key(w, |k| LEX.us_states.contains(k));
    // After the state the phrase ends: punctuation, a lower-case word or the end of the text.
    let ends = toks
        .get(k + 1)
        .is_none_or(|t| !t.word || t.text(text).starts_with(char::is_lowercase));
    state && !toks[k].possessive && ends
}

/// `said Smith`, `according to Smith`.
fn cue_before(text: &str, toks: &[Tok], start: usize) -> bool {
    start > 0
        && toks[start - 1].word
        && with_lower_key(toks[start - 1].text(text), |w| {
            matches!(w, "said" | "says" | "told" | "asked")
                || (w == "to"
                    && start > 1
                    && with_lower_key(toks[start - 2].text(text), |a| a == "according"))
        })
}

/// `JAMES` -> `James`, `MCDONALD` -> `McDonald`, `O'NEILL` -> `O'Neill`, `KI-MOON` -> `Ki-Moon`.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut up = true;
    for c in w.chars() {
        if up {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        up = !c.is_alphabetic();
    }
    if out.len() > 3 && out.starts_with("Mc") {
        let (a, b) = out.split_at(2);
        let mut chars = b.chars();
        if let Some(c) = chars.next() {
            return format!("{a}{}{}", c.to_uppercase(), chars.as_str());
        }
    }
    out
}

/// The last word of a name.
fn last_word(name: &str) -> Option<&str> {
    name.split_whitespace().last()
}

/// Lower-case words of a surface form with titles, honorifics and a possessive removed.
fn strip_titles(surface: &str) -> Vec<String> {
    let trimmed = surface
        .trim()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['\'', '’']);
    let words: Vec<String> = trimmed
        .split_whitespace()
        .map(|w| lower_key(w).trim_end_matches(['.', ',']).to_string())
        .collect();
    let skip = words
        .iter()
        .take_while(|w| words.len() > 1 && matches!(LEX.class(w), Class::Honorific | Class::Title))
        .count();
    let skip = skip.min(words.len().saturating_sub(1));
    words[skip..].to_vec()
}

/// One person being assembled.
struct Group {
    words: Vec<String>,
    person: Person,
    order: usize,
    first_seen: usize,
}

/// Merges mentions into persons: full names by first and last word, single words into the full
/// name with that surname (the nearest one mentioned before, else the first), accepted single
/// names into their own person; unaccepted single words that match nobody are dropped.
fn resolve(mut mentions: Vec<Mention>) -> Vec<Person> {
    mentions.sort_by_key(|m| m.order);
    let firms: Vec<Vec<String>> = mentions
        .iter()
        .filter(|m| m.firm)
        .map(|m| m.words.clone())
        .collect();
    mentions
        .retain(|m| !(m.firm || (m.words.len() >= 2 && !m.titled && names_firm(&firms, &m.words))));
    strip_descriptions_before_surnames(&mut mentions);
    confirm_by_repeated_surname(&mut mentions);
    accept_first_name_references(&mut mentions);
    drop_things_named_after_people(&mut mentions);
    let mut groups: Vec<Group> = Vec::new();
    let mut by_full: FxHashMap<(String, String), usize> = FxHashMap::default();
    // Full names first, so later surnames find them.
    for m in mentions.iter().filter(|m| m.accepted && m.words.len() >= 2) {
        let key = (m.words[0].clone(), m.words[m.words.len() - 1].clone());
        let idx = match by_full.get(&key) {
            Some(&i) => i,
            None => {
                let initial = groups.iter().position(|g| {
                    g.words.len() >= 2
                        && g.words.last() == m.words.last()
                        && (g.words[0].len() == 1 || m.words[0].len() == 1)
                        && g.words[0].chars().next() == m.words[0].chars().next()
                });
                let i = initial.unwrap_or_else(|| new_group(&mut groups, m));
                by_full.insert(key, i);
                i
            }
        };
        add_mention(&mut groups[idx], m);
    }
    for m in mentions.iter().filter(|m| m.words.len() < 2 || !m.accepted) {
        let last = m.words.last().cloned().unwrap_or_default();
        let fulls: Vec<usize> = (0..groups.len())
            .filter(|&i| groups[i].words.len() >= 2 && groups[i].words.last() == Some(&last))
            .collect();
        let target = fulls
            .iter()
            .copied()
            .filter(|&i| groups[i].first_seen <= m.order)
            .max_by_key(|&i| groups[i].first_seen)
            .or_else(|| fulls.first().copied());
        let target = match target {
            Some(i) if m.words.len() == 1 && !m.weak => Some(i),
            _ => groups
                .iter()
                .position(|g| g.words == m.words && (m.accepted || !m.weak))
                .or_else(|| family_of(&groups, m)),
        };
        match target {
            Some(i) => add_mention(&mut groups[i], m),
            None if m.accepted && !names_firm(&firms, &m.words) => {
                let i = new_group(&mut groups, m);
                add_mention(&mut groups[i], m);
            }
            None => {}
        }
    }
    groups.sort_by_key(|g| g.order);
    groups.into_iter().map(|g| g.person).collect()
}

/// `Teenager Kovacs`, `Striker Kane`: dictionary words (no census names) before the surname of
/// a person named in full in the article describe that person; the mention is the surname.
fn strip_descriptions_before_surnames(mentions: &mut [Mention]) {
    let describes = |w: &String| {
        LEX.english.contains(w.as_str())
            && !LEX.first.contains(w.as_str())
            && !LEX.last.contains(w.as_str())
    };
    // Surnames of full names whose given names are no such words (`Piers Jacobs`, `Newt
    // Gingrich` keep theirs: no other full name owns the surname).
    let surnames: FxHashSet<String> = mentions_full(mentions)
        .filter(|w| !w[..w.len() - 1].iter().all(describes))
        .filter_map(|w| w.last().cloned())
        .collect();
    for m in mentions.iter_mut() {
        let Some((last, lead)) = m.words.split_last() else {
            continue;
        };
        if lead.is_empty() || !surnames.contains(last) || !lead.iter().all(describes) {
            continue;
        }
        m.words = vec![last.clone()];
        m.text = m.text.rsplit(' ').next().unwrap_or_default().to_string();
        if let Some((_, b)) = m.span {
            m.span = Some((b - m.text.len(), b));
        }
        m.toks.0 = m.toks.1 - 1;
    }
}

/// Accepts a plausible full name whose last word also occurs alone (`Olena Zelenska` ...
/// `Zelenska said`): repetition of the surname is evidence of a person.
fn confirm_by_repeated_surname(mentions: &mut [Mention]) {
    let singles: FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.words.len() == 1 && !m.weak)
        .map(|m| m.words[0].clone())
        .collect();
    for m in mentions.iter_mut().filter(|m| m.plausible) {
        if m.words.last().is_some_and(|l| singles.contains(l)) {
            m.accepted = true;
        }
    }
}

/// Accepts a census first name standing alone (`Thomas Sam` ... `Thomas' sister`, `"Nice work,
/// Ahmed."`) when it is the first word of an accepted full name in the same article and no
/// accepted full name ends in it: news copy calls children, victims and family members by their
/// first name, and such a reference is a name of its own (it does not merge into the full name,
/// which `resolve` reserves for surnames).
fn accept_first_name_references(mentions: &mut [Mention]) {
    let fulls = || mentions_full(mentions);
    // `Delta Air Lines` ... `Delta`, `Abbey National` ... `Abbey`: a short form of a firm or
    // product, not a first name; dictionary words after the first mark the full form as a thing.
    let thing_word = |w: &String| {
        is_common(w) || (LEX.english.contains(w.as_str()) && !LEX.last.contains(w.as_str()))
    };
    let firsts: FxHashSet<String> = fulls()
        .filter(|w| LEX.first.contains(w[0].as_str()) && !LEX.english.contains(w[0].as_str()))
        .filter(|w| !w[1..].iter().any(thing_word))
        .map(|w| w[0].clone())
        .collect();
    if firsts.is_empty() {
        return;
    }
    let surnames: FxHashSet<String> = fulls().filter_map(|w| w.last().cloned()).collect();
    for m in mentions.iter_mut() {
        if let [w] = m.words.as_slice()
            && !m.accepted
            && !m.weak
            && firsts.contains(w)
            && !surnames.contains(w)
        {
            m.accepted = true;
        }
    }
}

/// The words of each accepted name of two or more words.
fn mentions_full(mentions: &[Mention]) -> impl Iterator<Item = &Vec<String>> {
    mentions
        .iter()
        .filter(|m| m.accepted && m.words.len() >= 2)
        .map(|m| &m.words)
}

/// True when `words` are, or begin, the name of a firm found in the article.
fn names_firm(firms: &[Vec<String>], words: &[String]) -> bool {
    firms
        .iter()
        .any(|f| f.windows(words.len()).any(|w| w == words))
}

/// `the Sams`: a plural surname names the family of the person with that surname.
fn family_of(groups: &[Group], m: &Mention) -> Option<usize> {
    let [w] = m.words.as_slice() else {
        return None;
    };
    let stem = w.strip_suffix('s')?;
    groups
        .iter()
        .position(|g| g.words.len() >= 2 && g.words.last().is_some_and(|l| l == stem))
}

/// `Warhol Polaroids`, `Trump Tower`: an accepted person's surname followed by words that are no
/// census names is a thing named after that person, not another person.
fn drop_things_named_after_people(mentions: &mut Vec<Mention>) {
    let surnames: FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.accepted && m.words.len() >= 2)
        .filter_map(|m| m.words.last().cloned())
        .collect();
    let named = |rest: &[String]| {
        rest.iter().any(|w| {
            LEX.first.contains(w.as_str()) || LEX.last.contains(w.as_str()) || w.contains('-')
        })
    };
    // Words that lead a real full name elsewhere (`Lee` in `Lee Cheuk-yan`) stay name starts.
    let first_words: FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.accepted && m.words.len() >= 2 && named(&m.words[1..]))
        .map(|m| m.words[0].clone())
        .collect();
    mentions.retain(|m| {
        let [head, rest @ ..] = m.words.as_slice() else {
            return true;
        };
        rest.is_empty() || !surnames.contains(head) || first_words.contains(head) || named(rest)
    });
}

fn new_group(groups: &mut Vec<Group>, m: &Mention) -> usize {
    groups.push(Group {
        words: m.words.clone(),
        person: Person {
            name: m.text.clone(),
            ..Person::default()
        },
        order: m.order,
        first_seen: m.order,
    });
    groups.len() - 1
}

fn add_mention(g: &mut Group, m: &Mention) {
    g.person.mentions += 1;
    g.order = g.order.min(m.order);
    if g.person.variants.is_empty() {
        g.person.variants.push(g.person.name.clone());
    }
    if !g.person.variants.contains(&m.text) {
        g.person.variants.push(m.text.clone());
    }
    if let Some(span) = m.span {
        g.person.spans.push(span);
    }
}

#[cfg(test)]
mod tests;
