//! Person names around attribution cues: which capitalised token runs are people (first-name
//! list, titles), which are organisations or places, the canonical full name of a surname in one
//! body, and a gender guess for resolving he/she.

use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::lexicon::{self, speaker};

/// A hash map keyed by short strings.
pub type FastMap<K, V> = HashMap<K, V, FxBuildHasher>;

pub use crate::lang::lexicon::Gender;

/// Gender of a first name (`Hillary` -> female), if the word is a capitalised known first
/// name; `lex` gives the word's list bits (asked only for a word that may be one).
fn first_gender_of(word: &str, lex: impl FnOnce() -> Lex) -> Option<Gender> {
    if word.len() > 20 || !word.starts_with(char::is_uppercase) {
        return None;
    }
    lex().first_gender()
}

/// `word` without a trailing possessive (`Trump’s` -> `Trump`).
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// Calls `f` with the word lower-cased and without trailing dots, without allocating for
/// short ASCII words (the common case: this runs for every capitalised token).
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    lowered(trim_dots(word), f)
}

/// `word` without trailing dots (`trim_end_matches('.')` by bytes: no char searcher).
pub fn trim_dots(word: &str) -> &str {
    let b = word.as_bytes();
    let n = b.iter().rposition(|&c| c != b'.').map_or(0, |i| i + 1);
    // A dot is one byte: `n` is on a char boundary.
    word.get(..n).unwrap_or(word)
}

/// Calls `f` with the word lower-cased (`to_lowercase`), on the stack for short ASCII words.
pub fn lowered<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    lowered_bytes(w, |b| f(std::str::from_utf8(b).unwrap_or("")))
}

/// [`lowered`] as bytes, for look-ups that need no `str` (no UTF-8 check of the copy).
pub fn lowered_bytes<R>(w: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    if w.len() <= 32 {
        // Padded with zeros to a fixed length: the ASCII test and the lower-casing then run
        // over whole vector registers, not byte by byte.
        let mut buf = [0u8; 32];
        buf[..w.len()].copy_from_slice(w.as_bytes());
        if buf.iter().fold(0, |acc, &c| acc | c).is_ascii() {
            buf.make_ascii_lowercase();
            return f(&buf[..w.len()]);
        }
    }
    f(w.to_lowercase().as_bytes())
}

/// Honorifics that mark a person; `Some(gender)` when the title tells it.
pub fn title_gender(word: &str) -> Option<Option<Gender>> {
    lex(word).title_gender()
}

/// Where a lower-cased word stands in the name lists (`lang::lexicon::speaker` and the shared
/// lists it borrows), as bits: one hash look-up answers
/// every list (a name run's words are checked against up to six lists each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Lex(u16);

impl Lex {
    const FIRST_MALE: u16 = 1;
    const FIRST_FEMALE: u16 = 1 << 1;
    const TITLE_MALE: u16 = 1 << 2;
    const TITLE_FEMALE: u16 = 1 << 3;
    const TITLE: u16 = 1 << 4;
    const ROLE: u16 = 1 << 5;
    const SURNAME_TITLE: u16 = 1 << 6;
    const ORG: u16 = 1 << 7;
    const PLACE: u16 = 1 << 8;
    const GROUP: u16 = 1 << 9;

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    fn first_gender(self) -> Option<Gender> {
        if self.has(Self::FIRST_FEMALE) {
            Some(Gender::Female)
        } else if self.has(Self::FIRST_MALE) {
            Some(Gender::Male)
        } else {
            None
        }
    }

    fn title_gender(self) -> Option<Option<Gender>> {
        if self.has(Self::TITLE_MALE) {
            Some(Some(Gender::Male))
        } else if self.has(Self::TITLE_FEMALE) {
            Some(Some(Gender::Female))
        } else if self.has(Self::TITLE) {
            Some(None)
        } else {
            None
        }
    }

    /// A role word, or a title that is no common surname too.
    fn role(self) -> bool {
        self.has(Self::ROLE) || self.title_gender().is_some() && !self.has(Self::SURNAME_TITLE)
    }
}

/// Every list word with its bits, built once.
fn lexicon() -> &'static FastMap<&'static [u8], Lex> {
    static MAP: OnceLock<FastMap<&'static [u8], Lex>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FastMap<&'static [u8], Lex> = FastMap::default();
        for (name, g) in lexicon::first_names() {
            let bit = match g {
                Gender::Female => Lex::FIRST_FEMALE,
                Gender::Male => Lex::FIRST_MALE,
            };
            // A name listed twice keeps its last gender.
            let e = map.entry(name.as_bytes()).or_default();
            e.0 = e.0 & !(Lex::FIRST_MALE | Lex::FIRST_FEMALE) | bit;
        }
        for (w, g) in speaker::gendered_titles() {
            let bit = match g {
                Gender::Male => Lex::TITLE_MALE,
                Gender::Female => Lex::TITLE_FEMALE,
            };
            mark(&mut map, [w], bit);
        }
        mark(&mut map, speaker::titles(), Lex::TITLE);
        mark(&mut map, speaker::role_words(), Lex::ROLE);
        mark(&mut map, speaker::surname_titles(), Lex::SURNAME_TITLE);
        mark(&mut map, speaker::org_words(), Lex::ORG);
        mark(&mut map, speaker::place_words(), Lex::PLACE);
        // The people finder's organisation heads are organisation words here too, but for the
        // census surnames among them (`John Tower`, `Mike Hall` speak).
        let lex = &lexicon::LEX;
        let org = lexicon::org_words().filter(|w| !lex.last.contains(w));
        mark(&mut map, org, Lex::ORG);
        // The lexicon's places, but for the census names among them (`Jackson`, `Austin`).
        let places =
            lexicon::place_words().filter(|w| !lex.last.contains(w) && !lex.first.contains(w));
        mark(&mut map, places, Lex::PLACE);
        // Plural nouns for people and groups (`Virginia Democrats`) end no person's name.
        mark(&mut map, lex.person_plurals.iter().copied(), Lex::GROUP);
        // `May` is a given name and a verb as well as a month.
        let months = crate::lang::months::NAMES
            .into_iter()
            .filter(|&m| m != "may");
        mark(&mut map, months, Lex::PLACE);
        map
    })
}

/// Sets `bit` on every word of `words`.
fn mark(
    map: &mut FastMap<&'static [u8], Lex>,
    words: impl IntoIterator<Item = &'static str>,
    bit: u16,
) {
    for w in words {
        map.entry(w.as_bytes()).or_default().0 |= bit;
    }
}

/// The list bits of `word`, lower-cased and without trailing dots.
fn lex(word: &str) -> Lex {
    lowered_bytes(trim_dots(word), |l| {
        lexicon().get(l).copied().unwrap_or_default()
    })
}

/// One word of a name run with its list bits, looked up once.
#[derive(Debug, Clone, Copy, Default)]
struct RunWord {
    /// Bits of the word as written.
    lex: Lex,
    /// Bits of the word without its possessive (organisation and place lists).
    owned: Lex,
    /// Gender when the word is a capitalised first name.
    first: Option<Gender>,
    /// The same for the word without its possessive (`Melanie’s`).
    bare_first: Option<Gender>,
}

impl RunWord {
    fn of(word: &str) -> Self {
        let lex = lex(word);
        let bare = strip_possessive(word);
        let first = first_gender_of(word, || lex);
        // Most words have no possessive: their bare form needs no second look-up.
        let (owned, bare_first) = if bare.len() == word.len() {
            (lex, first)
        } else {
            let owned = self::lex(bare);
            (owned, first_gender_of(bare, || owned))
        };
        RunWord {
            lex,
            owned,
            first,
            bare_first,
        }
    }

    fn org(self) -> bool {
        self.owned.has(Lex::ORG)
    }

    fn place(self) -> bool {
        self.owned.has(Lex::PLACE)
    }
}

/// Lower-case particles allowed inside a name (`Ludwig van Beethoven`).
pub fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "van"
            | "von"
            | "der"
            | "da"
            | "al"
            | "bin"
            | "la"
            | "le"
            | "del"
            | "di"
            | "du"
            | "dos"
            | "ibn"
    )
}

/// True for a token that can be part of a name: capitalised word (`Trump`, `O’Neill`, `J.`).
#[inline]
pub fn is_cap(word: &str) -> bool {
    // An upper-case letter is never a digit: the first character alone decides.
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Pronouns that may refer to a person; `Some(gender)` for he/she.
pub fn pronoun(word: &str) -> Option<Option<Gender>> {
    // No lower-cased copy: this runs for every capitalised token, and no other character
    // lower-cases to the ASCII letters of `he` and `she`.
    if word.eq_ignore_ascii_case("he") {
        Some(Some(Gender::Male))
    } else if word.eq_ignore_ascii_case("she") {
        Some(Some(Gender::Female))
    } else {
        None
    }
}

/// A word that says its phrase describes a person (`head`, `official`, `a Lebanese citizen`,
/// `Chairman`): titles and a few nouns for people's roles.
pub fn is_person_role(word: &str) -> bool {
    title_gender(word).is_some()
        || with_lower(word, |l| {
            matches!(
                l,
                "head"
                    | "official"
                    | "officials"
                    | "citizen"
                    | "researcher"
                    | "economist"
                    | "analyst"
                    | "lawyer"
                    | "member"
                    | "executive"
                    | "founder"
                    | "editor"
                    | "spokesperson"
                    | "treasurer"
                    | "manager"
                    | "expert"
                    | "scientist"
                    | "negotiator"
                    | "delegate"
            )
        })
}

/// `V. Martynenko`, `L.N. Short`: initials, then a name word that is no firm suffix.
pub fn initials_then_name(tokens: &[String]) -> bool {
    let [first, .., last] = tokens else {
        return false;
    };
    let initials = first.ends_with('.')
        && first
            .split_terminator('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
    let firm = with_lower(last, |l| {
        matches!(
            l,
            "co" | "corp" | "inc" | "ltd" | "plc" | "ag" | "sa" | "nv" | "lp" | "llc" | "bv"
        )
    });
    initials && !firm && !last.contains('.')
}

/// Gender of a common noun for a person (`woman`, `father`), for descriptions that pronouns
/// may refer to. Role nouns (`first lady`, `senator`) are left out: they usually re-describe a
/// person already named.
pub fn person_noun_gender(word: &str) -> Option<Gender> {
    match word {
        "woman" | "girl" | "mother" | "wife" | "daughter" | "widow" | "grandmother" | "sister"
        | "aunt" | "niece" | "actress" | "businesswoman" | "mom" | "housewife" | "girlfriend" => {
            Some(Gender::Female)
        }
        "man" | "boy" | "father" | "husband" | "son" | "widower" | "grandfather" | "brother"
        | "uncle" | "nephew" | "actor" | "businessman" | "dad" | "boyfriend" => Some(Gender::Male),
        _ => None,
    }
}

/// A candidate name taken from a run of capitalised words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCand {
    /// Name tokens, titles and roles removed, possessive stripped.
    pub tokens: Vec<String>,
    /// A known first name starts the name.
    pub has_first: bool,
    /// Gender from a title (`Mr.`, `Ms.`) or the first name.
    pub gender: Option<Gender>,
    /// A person title or role preceded the name.
    pub titled: bool,
    /// A lone first name with no title (`Melanie`): a person only where a cue supports it.
    pub given_only: bool,
}

impl NameCand {
    /// The name as text (`Donald Trump`).
    pub fn text(&self) -> String {
        self.tokens.join(" ")
    }
}

/// Most words in a run that can still be a name (titles and roles included).
pub const MAX_RUN: usize = 8;

/// Turns a run of capitalised words (as written) into a name, or `None` when it is an organisation,
/// place or only titles. `after_article` says a determiner (`the`, `a`) precedes the run.
pub fn name_from_run(run: &[&str], after_article: bool) -> Option<NameCand> {
    if run.is_empty() || run.len() > MAX_RUN {
        return None;
    }
    // Each word's list bits, looked up once: the rules below ask several lists per word.
    let mut info = [RunWord::default(); MAX_RUN];
    for (k, w) in run.iter().enumerate() {
        info[k] = RunWord::of(w);
    }
    let info = &info[..run.len()];
    let mut gender = None;
    let mut titled = false;
    for w in info {
        if let Some(g) = w.lex.title_gender() {
            titled = true;
            gender = gender.or(g);
        }
    }
    // Start at the first known first name that is followed by another capitalised word.
    let is_first = |i: usize| info[i].first.is_some() && !info[i].lex.role() && !info[i].org();
    let end = run.len().saturating_sub(1);
    let mut first = (0..end).find(|&i| is_first(i));
    // `Charlotte Mayor Jennifer Roberts`: a title after that first name shows it was a place
    // or an organisation; the name starts after the title.
    if let Some(i) = first
        && let Some(t) = (i + 1..end).rfind(|&j| {
            run[j].starts_with(char::is_uppercase) && info[j].lex.title_gender().is_some()
        })
    {
        first = (t + 1..end).find(|&k| is_first(k));
    }
    let (start, has_first) = match first {
        Some(i) => (i, true),
        // No first name: the name is what follows the last role or organisation word
        // (`Research Director Raj Shah` -> `Raj Shah`).
        None => match info.iter().rposition(|w| w.lex.role() || w.org()) {
            Some(i) => (i + 1, false),
            None => (0, false),
        },
    };
    let name = &run[start..];
    let name_info = &info[start..];
    if name.is_empty() || name.len() > 4 {
        return None;
    }
    if !has_first && (after_article && !titled || name_info.iter().any(|w| w.org() || w.place())) {
        return None;
    }
    let last = name_info[name.len() - 1];
    if has_first && (last.org() || last.lex.role() || last.place() || last.lex.has(Lex::GROUP)) {
        return None;
    }
    if name.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    if has_first {
        gender = gender.or(name_info[0].first);
    }
    let given_only = !has_first
        && !titled
        && name.len() == 1
        && name_info[0].bare_first.is_some()
        && !name_info[0].lex.role()
        && !name_info[0].lex.has(Lex::GROUP);
    let last_at = name.len() - 1;
    let tokens: Vec<String> = name
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if k == last_at {
                strip_possessive(w).to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    Some(NameCand {
        tokens,
        has_first,
        gender,
        titled,
        given_only,
    })
}

/// Title-cases an all-capitals word (`PENCE` -> `Pence`); other words unchanged.
pub fn title_case(word: &str) -> String {
    if word.chars().any(char::is_lowercase) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut up = true;
    for c in word.chars() {
        if up {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        up = !c.is_alphanumeric();
    }
    out
}

/// One full name known in a body.
#[derive(Debug, Clone)]
struct Known {
    full: String,
    gender: Option<Gender>,
    count: usize,
    /// Byte positions of the full mentions added with a position, ascending.
    seen: Vec<usize>,
}

/// How far back (bytes, about two short paragraphs) a full name decides who a bare surname
/// shared by two people is: `Secretary Jeh Johnson says ... Johnson tells MSNBC` after a
/// `Gary Johnson` mentioned more often elsewhere.
const RECENT_FULL_NAME: usize = 600;

/// The people of one body, by surname: full names seen, gender evidence, mention counts.
#[derive(Debug, Default)]
pub struct Registry {
    /// Lower-case last token -> full names with that surname, in order of first mention.
    /// (Keys are bytes: looked up through [`lowered_bytes`], with no UTF-8 check of the copy.)
    by_last: FastMap<Vec<u8>, Vec<Known>>,
    /// Lower-case surname -> gender given by a title on a surname-only mention (`Mr. Obama`).
    titled_last: FastMap<Vec<u8>, Gender>,
}

impl Registry {
    /// Records a name seen in the body. Names of one token only mark the surname as known;
    /// a full name that extends an earlier one (`Donald J. Trump` after `Donald Trump`) counts
    /// for it.
    pub fn add(&mut self, cand: &NameCand) {
        self.add_at(cand, None);
    }

    /// [`Self::add`] for a mention at byte position `pos` (in body order).
    pub fn add_at(&mut self, cand: &NameCand, pos: Option<usize>) {
        let Some(last) = cand.tokens.last() else {
            return;
        };
        // `Morgan Grenfell's Bell`: an owner run into the name is no full name to prefer.
        let owned = cand.tokens[..cand.tokens.len() - 1]
            .iter()
            .any(|t| strip_possessive(t).len() != t.len());
        let pos = pos.filter(|_| !owned);
        let key = last.to_lowercase().into_bytes();
        if cand.tokens.len() < 2 {
            if let (true, Some(g)) = (cand.titled, cand.gender) {
                self.titled_last.entry(key.clone()).or_insert(g);
            }
            self.by_last.entry(key).or_default();
            return;
        }
        let list = self.by_last.entry(key).or_default();
        let first = cand.tokens[0].to_lowercase();
        let same = list.iter_mut().find(|k| {
            k.full
                .split(' ')
                .next()
                .is_some_and(|f| f.to_lowercase() == first)
        });
        match same {
            Some(k) => {
                k.count += 1;
                k.seen.extend(pos);
                if cand.titled && cand.gender.is_some() || k.gender.is_none() {
                    k.gender = cand.gender.or(k.gender);
                }
            }
            None => list.push(Known {
                full: cand.text(),
                gender: cand.gender,
                count: 1,
                seen: pos.into_iter().collect(),
            }),
        }
    }

    /// True when a person with this surname is known.
    pub fn knows_last(&self, last: &str) -> bool {
        lowered_bytes(last, |l| self.by_last.contains_key(l))
    }

    /// Canonical full name and gender for a name as written (`Trump` -> `Donald Trump`): the
    /// most mentioned full name with that surname whose gender fits.
    pub fn canonical(&self, cand: &NameCand) -> (String, Option<Gender>) {
        self.canonical_at(cand, usize::MAX)
    }

    /// [`Self::canonical`] for a mention at byte position `pos`: a bare surname shared by
    /// several full names goes to the one named in full just before it, if that is recent
    /// (else to the most mentioned).
    pub fn canonical_at(&self, cand: &NameCand, pos: usize) -> (String, Option<Gender>) {
        let Some(last) = cand.tokens.last() else {
            return (cand.text(), cand.gender);
        };
        let Some(list) = lowered_bytes(last, |l| self.by_last.get(l)) else {
            return (cand.text(), cand.gender);
        };
        // Only a name of two or more tokens compares its first one (no copy for a bare surname).
        let first = match cand.tokens.as_slice() {
            [first, _, ..] => first.to_lowercase(),
            _ => String::new(),
        };
        // A bare surname takes the gender its titled mentions give (`Mr. Obama` elsewhere).
        let gender = cand.gender.or_else(|| {
            (cand.tokens.len() == 1)
                .then(|| lowered_bytes(last, |l| self.titled_last.get(l).copied()))
                .flatten()
        });
        let fits = |k: &&Known| {
            let first_ok = cand.tokens.len() == 1
                || lowered(k.full.split(' ').next().unwrap_or(""), |f| {
                    f == first || first.len() <= 2 && f.starts_with(first.trim_end_matches('.'))
                });
            first_ok && (gender.is_none() || k.gender.is_none() || k.gender == gender)
        };
        let mut best: Option<&Known> = None;
        let mut recent: Option<(&Known, usize)> = None;
        for k in list.iter().filter(fits) {
            if best.is_none_or(|b| k.count > b.count) {
                best = Some(k);
            }
            let before = k.seen.partition_point(|&at| at < pos);
            if let Some(at) = before.checked_sub(1).map(|i| k.seen[i])
                && recent.is_none_or(|(_, r)| at > r)
            {
                recent = Some((k, at));
            }
        }
        // Only between different people: `China Octavio Valerio` (a place run into the name)
        // is the same person as `Octavio Valerio`.
        let variant = |k: &Known| {
            best.is_some_and(|b| {
                b.full.ends_with(k.full.as_str()) || k.full.ends_with(b.full.as_str())
            })
        };
        if let Some((k, at)) = recent
            && cand.tokens.len() == 1
            && pos - at <= RECENT_FULL_NAME
            && !variant(k)
        {
            best = Some(k);
        }
        match best {
            Some(k) => (k.full.clone(), gender.or(k.gender)),
            None => (cand.text(), gender),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_titles_and_roles() {
        let c = name_from_run(&["Secretary", "State", "Marco", "Rubio"], false);
        assert_eq!(c.map(|c| c.text()).as_deref(), Some("Marco Rubio"));
        let c = name_from_run(&["Mr.", "Trump’s"], false);
        assert_eq!(c.as_ref().map(|c| c.text()).as_deref(), Some("Trump"));
        assert_eq!(c.and_then(|c| c.gender), Some(Gender::Male));
    }

    #[test]
    fn rejects_organisations() {
        assert!(name_from_run(&["White", "House"], true).is_none());
        assert!(name_from_run(&["Pentagon"], true).is_none());
        assert!(name_from_run(&["Washington", "Post"], true).is_none());
    }

    #[test]
    fn trims_dots_and_lowers_bytes() {
        assert_eq!(trim_dots("Jr.."), "Jr");
        assert_eq!(trim_dots("U.S."), "U.S");
        assert_eq!(trim_dots("..."), "");
        assert!(lowered_bytes("McCain", |l| l == b"mccain"));
        assert!(lowered_bytes("Öztürk", |l| l == "öztürk".as_bytes()));
    }

    #[test]
    fn canonicalises_surnames() {
        let mut r = Registry::default();
        r.add(&name_from_run(&["Hillary", "Clinton"], false).unwrap_or_else(|| panic!("name")));
        let c = name_from_run(&["Clinton"], false).unwrap_or_else(|| panic!("name"));
        assert_eq!(
            r.canonical(&c),
            ("Hillary Clinton".to_string(), Some(Gender::Female))
        );
    }
}
