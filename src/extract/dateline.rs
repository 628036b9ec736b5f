//! Datelines: `BUENOS AIRES, Feb 26 -`, `WASHINGTON (Reuters) -`, `PARIS, 2 March -` and the
//! misspelt forms of the Reuters files, parsed into a place and a day. The year comes from an
//! explicit year in the dateline, else from the document's date; without either the date stays
//! unknown (never invented).
//!
//! Rules, in short:
//! - Month words match case-insensitively by prefix (`Mar`, `Sept.`, `Apri`) or, for tokens of
//!   four or more letters, by one edit or one transposition (`Narch`, `Macrh`, `Junee`); a few
//!   real words that are one edit from a month (`Marsh`, `Jury`) never match. A month only counts
//!   next to a day number (`Feb 26`, `2 March`, `MAR8`).
//! - The place is the text before the first comma, `(agency)`, dash or date, title-cased when
//!   written in capitals (`RIO DE JANEIRO` -> `Rio de Janeiro`); it is `None` when that text is
//!   empty or not place-like (`Wilcox/Gibbs`, `As of`, `us 7.8015`).
//! - `RICHMOND, Va. Feb 26` gives `Richmond`: the place is the city, so `--place richmond`
//!   matches however the state is written.

use time::{Date, Month};

use crate::model::Dateline;

/// Parses a dateline into place and day. `doc_date` supplies the year when the dateline has none.
pub fn parse(raw: &str, doc_date: Option<Date>) -> Dateline {
    let text = raw.trim();
    let toks = tokenize(text);
    let found = find_date(&toks);
    let place = place_of(text, &toks, found.as_ref());
    let date = found.and_then(|f| resolve(&f, doc_date));
    Dateline {
        raw: single_spaced(text),
        place,
        date,
    }
}

/// The cleaned place of the dateline `text` (trimmed at its start) with its tokens `toks`.
fn place_of(text: &str, toks: &[Tok], found: Option<&Found>) -> Option<String> {
    let end = place_end(toks, found, text.len());
    text.get(..end)
        .and_then(|p| clean_place(p, found.is_some()))
}

/// A dateline found at the start of a paragraph by [`leading`], with the place and date read on
/// the way: the text need not be parsed a second time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leading {
    /// The dateline as written (`PARIS, March 2 (AFP) -`), trimmed.
    pub text: String,
    place: Option<String>,
    found: Option<Found>,
}

impl Leading {
    /// The dateline, the same as [`parse`] gives for its text.
    pub fn into_dateline(self, doc_date: Option<Date>) -> Dateline {
        Dateline {
            raw: single_spaced(&self.text),
            place: self.place,
            date: self.found.and_then(|f| resolve(&f, doc_date)),
        }
    }
}

/// `text` with each run of white space as one space, built in one buffer.
fn single_spaced(text: &str) -> String {
    // A dateline is mostly written with single spaces already (and `text` is trimmed). The test
    // is `char::is_whitespace`, as for `split_whitespace` (it also counts the vertical tab).
    let spaced = text.is_ascii()
        && text
            .bytes()
            .all(|b| b == b' ' || !char::from(b).is_whitespace())
        && !text.contains("  ");
    if spaced {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Length in bytes of a dateline at the start of `paragraph` (`PARIS, March 2 (AFP) -`,
/// `KYIV, Ukraine —`, `Washington (AFP) –`, `ISLAMABAD:`), including its dash or colon; `None`
/// when the paragraph does not open with one. The place must be written in capitals, or an
/// agency must follow it; a colon only ends a dateline of capitals.
pub fn leading(paragraph: &str) -> Option<usize> {
    let (toks, _) = scan_leading(paragraph)?;
    toks.last().map(|t| t.end)
}

/// The dateline at the start of `paragraph` (see [`leading`]) with its place and date.
pub fn leading_dateline(paragraph: &str) -> Option<Leading> {
    let (toks, found) = scan_leading(paragraph)?;
    // `parse` of the dateline text would make these same tokens (the text before the dash is the
    // same, the white space before it is trimmed by both) and find the same date: only the place
    // is read again, as `parse` reads it (through a closing colon).
    let text = paragraph.get(..toks.last()?.end)?;
    Some(Leading {
        text: text.trim().to_string(),
        place: place_of(text, &toks, found.as_ref()),
        found,
    })
}

/// The tokens of the dateline opening `paragraph`, up to and including its dash or colon, and
/// the date found before that (see [`leading`]).
fn scan_leading(paragraph: &str) -> Option<(Vec<Tok<'_>>, Option<Found>)> {
    // A dateline ends within its first 16 tokens: look at a short prefix only, not at the whole
    // paragraph (a hard-wrapped wire story can be one long paragraph).
    let mut end = paragraph.len().min(LEADING_SCAN_BYTES);
    while !paragraph.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &paragraph[..end];
    // Most paragraphs fail here, before any token is made.
    if !could_open_dateline(prefix) {
        return None;
    }
    let colon = |t: &Tok| t.text == ":" && paragraph[t.end..].starts_with(char::is_whitespace);
    let toks = tokens_to_end(prefix, |t| t.kind == Kind::Dash || colon(t))?;
    let dash = toks.len() - 1;
    let head = &toks[..dash];
    let first = head.first()?;
    if first.kind != Kind::Word || !first.text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let agency = has_agency(head);
    // A colon only ends a dateline of capitals.
    let by_agency = agency && toks[dash].kind == Kind::Dash;
    // The place, when not empty, holds the first word: a lower-case letter there rules out a
    // place in capitals, and only an agency can still make a dateline. Checked before the
    // date is looked for, as most sentences with a dash fail here.
    if !by_agency && first.text.chars().any(char::is_lowercase) {
        return None;
    }
    let found = find_date(head);
    let end = place_end(head, found.as_ref(), toks[dash].start);
    let place = paragraph.get(..end)?.trim();
    let caps = place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !place.chars().any(char::is_lowercase);
    if !(caps || by_agency) || place_text(place, false).is_none() || is_kicker(place) {
        return None;
    }
    if !rest_is_dateline(head, found.as_ref()) {
        return None;
    }
    Some((toks, found))
}

/// The tests of [`leading`] that need no tokens, on the text it reads: the first token (after
/// the white space [`tokenize`] skips) is a capitalised word, and when that word has a lower-case
/// letter the place is not in capitals, so only an agency in parentheses can make a dateline.
fn could_open_dateline(prefix: &str) -> bool {
    let text = prefix.trim_start();
    if !text.starts_with(|c: char| c.is_alphabetic() && c.is_uppercase()) {
        return false;
    }
    let first_word = text.get(..run_end(text, 0, is_word_char)).unwrap_or(text);
    !first_word.chars().any(char::is_lowercase) || text.contains('(')
}

/// The tokens of `prefix` up to and including the first that `is_end` accepts, when that token
/// is among the first [`LEADING_TOKENS`]; the text after it is not read.
fn tokens_to_end<'a>(prefix: &'a str, is_end: impl Fn(&Tok) -> bool) -> Option<Vec<Tok<'a>>> {
    let mut toks = Vec::with_capacity(LEADING_TOKENS);
    let mut pos = 0;
    while toks.len() < LEADING_TOKENS {
        let t = next_token(prefix, pos)?;
        pos = t.end;
        toks.push(t);
        if is_end(&t) {
            return Some(toks);
        }
    }
    None
}

/// How much of a paragraph [`leading`] reads: far more than any dateline's tokens.
const LEADING_SCAN_BYTES: usize = 400;
/// A dateline ends (with its dash or colon) within this many tokens.
const LEADING_TOKENS: usize = 16;

/// Month number (1-12) of a month word, matched leniently; `None` for any other word.
pub fn month_of(word: &str) -> Option<u8> {
    // Real words one edit away from a month name; they are never months.
    const NOT_MONTHS: &[&str] = &[
        "arch", "marsh", "match", "parch", "larch", "marco", "marcy", "merch", "jane", "junk",
        "juno", "jury", "judy", "jung", "duly", "jule", "dune", "tune", "rune", "lune", "mays",
        "mayo", "augusta",
    ];
    let word = word.trim_end_matches('.');
    // Longer than every month name plus one letter: no work (most words of a text land here or
    // fail the letters check, so this runs on the stack, without allocating).
    if !(3..=OSA_MAX).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut buf = [0u8; OSA_MAX];
    let buf = &mut buf[..word.len()];
    buf.copy_from_slice(word.as_bytes());
    buf.make_ascii_lowercase();
    let w: &[u8] = buf;
    // Every fit of a word of four letters or fewer keeps the month's first letter: most short
    // words of a text stop here, before the twelve names are tried.
    if w.len() <= 4 && !MONTH_INITIALS.contains(&w[0]) {
        return None;
    }
    let month = month_fit(w)?;
    // Checked only once a month fits: most words fit none, and the list costs a comparison each.
    (!NOT_MONTHS.iter().any(|n| n.as_bytes() == w)).then_some(month)
}

/// First letters of the month names.
const MONTH_INITIALS: &[u8] = b"jfmasond";

/// The month whose name fits the lower-case word `w` (see [`month_of`]), else `None`.
fn month_fit(w: &[u8]) -> Option<u8> {
    let first = w[0];
    // A prefix keeps the first letter: comparing it first spares most names the full test.
    if let Some(by_prefix) = only_fit(|name| name[0] == first && name.starts_with(w)) {
        return by_prefix;
    }
    only_fit(|name| {
        if w.len() >= 4 {
            // A wrong first letter only for longer words (`Narch`), where it stays unambiguous.
            name.len() >= 4
                && (w.len() >= 5 || name[0] == first)
                && w.len().abs_diff(name.len()) <= 1
                && within_one_edit(w, name)
        } else {
            // Three letters: `Jne` (a letter dropped) or `Jnu` (two swapped), same first letter.
            name[0] == first
                && ((name.len() == 4 && within_one_edit(w, name)) || is_swap(w, &name[..3]))
        }
    })
    .flatten()
}

/// The month (1-12) when exactly one name fits, `Some(None)` when several do (ambiguous), and
/// `None` when none does.
fn only_fit(fits: impl Fn(&[u8]) -> bool) -> Option<Option<u8>> {
    let mut found = None;
    for (i, name) in crate::lang::months::NAMES.iter().enumerate() {
        if fits(name.as_bytes()) {
            if found.is_some() {
                return Some(None);
            }
            found = Some(i);
        }
    }
    found.map(|i| u8::try_from(i + 1).ok())
}

/// True when one edit (or one swap of neighbours) turns `a` into `b`. The letters before and
/// after a single edit are a common prefix and suffix covering all but two letters: a cheap test
/// that rejects almost every word before the distance table is filled.
fn within_one_edit(x: &[u8], y: &[u8]) -> bool {
    // An edit that keeps the first letter leaves it in place; one at the first letter keeps the
    // second (a changed letter), shifts the first (a letter added or dropped) or swaps the two.
    // Most words share none of these with a name and stop here.
    if let (Some(&[x0, x1]), Some(&[y0, y1])) = (x.get(..2), y.get(..2))
        && !(x0 == y0 || x1 == y1 || x0 == y1 || x1 == y0)
    {
        return false;
    }
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let suffix = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    prefix + suffix + 2 >= x.len().min(y.len()) && osa(x, y) <= 1
}

/// Optimal string alignment distance (edits plus adjacent transpositions), on ASCII. Words longer
/// than [`OSA_MAX`] are far from every month name and get a large distance without any work.
fn osa(a: &[u8], b: &[u8]) -> usize {
    if a.len() > OSA_MAX || b.len() > OSA_MAX {
        return usize::MAX;
    }
    let mut d = [[0u8; OSA_MAX + 1]; OSA_MAX + 1];
    for (i, row) in (0u8..).zip(d.iter_mut()).take(a.len() + 1) {
        row[0] = i;
    }
    for (j, cell) in (0u8..).zip(d[0].iter_mut()).take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    usize::from(d[a.len()][b.len()])
}

/// Longest word [`osa`] compares (the longest month name plus one letter, with room to spare).
const OSA_MAX: usize = 12;

/// True when `a` is `b` with two adjacent letters swapped.
fn is_swap(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a != b && osa(a, b) == 1 && {
        let diff = a.iter().zip(b).filter(|(x, y)| x != y).count();
        diff == 2
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Comma,
    Open,
    Close,
    Dash,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
    end: usize,
}

/// Splits a dateline into words, numbers and separators. A hyphen inside a word
/// (`WINSTON-SALEM`) is not a dash; a spaced one, a run of two, or an en/em dash is.
fn tokenize(s: &str) -> Vec<Tok<'_>> {
    // Room for a whole dateline at once: most hold fewer tokens than a leading one may.
    let mut out = Vec::with_capacity(LEADING_TOKENS);
    let mut pos = 0;
    while let Some(t) = next_token(s, pos) {
        pos = t.end;
        out.push(t);
    }
    out
}

/// The first token of `s` at or after byte `from` (see [`tokenize`]), skipping white space.
/// Reads the text lazily, character by character: [`leading`] asks for a few tokens of a long
/// prefix, on every paragraph it tries.
fn next_token(s: &str, from: usize) -> Option<Tok<'_>> {
    let char_at = |p: usize| s.get(p..).and_then(|r| r.chars().next());
    let run = |from: usize, pred: fn(char) -> bool| run_end(s, from, pred);
    let mut start = from;
    loop {
        let c = char_at(start)?;
        let (kind, end) = if c.is_alphabetic() {
            (Kind::Word, run(start, is_word_char))
        } else if c.is_ascii_digit() {
            (Kind::Num, run(start, |c: char| c.is_ascii_digit()))
        } else if c == '-' {
            let e = run(start, |c: char| c == '-');
            let before = s[..start]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
            let after = char_at(e).is_none_or(char::is_whitespace);
            // `-` is one byte: two bytes are two hyphens.
            let dash = e - start >= 2 || before || after;
            (if dash { Kind::Dash } else { Kind::Other }, e)
        } else if matches!(c, '–' | '—' | '―') {
            (Kind::Dash, start + c.len_utf8())
        } else if c.is_whitespace() {
            start += c.len_utf8();
            continue;
        } else {
            let kind = match c {
                ',' => Kind::Comma,
                '(' => Kind::Open,
                ')' => Kind::Close,
                _ => Kind::Other,
            };
            (kind, start + c.len_utf8())
        };
        return Some(Tok {
            kind,
            text: &s[start..end],
            start,
            end,
        });
    }
}

/// Letters of a word token, with apostrophes (`JOHN'S`).
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\'' || c == '’'
}

/// The byte offset where the run of characters matching `pred` from `from` ends. Generic, so the
/// test is inlined in the character loop instead of called per character.
fn run_end(s: &str, from: usize, pred: impl Fn(char) -> bool) -> usize {
    let rest = s.get(from..).unwrap_or("");
    from + rest.find(|c: char| !pred(c)).unwrap_or(rest.len())
}

/// A month and day found in a dateline, with the explicit year if written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    month: u8,
    day: u8,
    year: Option<i32>,
    /// Index of the first token of the date.
    first: usize,
}

/// The first `Month Day` or `Day Month` of the dateline's first segment, else one opening the
/// segment after the first dash (`KANSAS CITY, Mo. - March 13 -`). Later segments are body text
/// spilled into the dateline and are not read.
fn find_date(toks: &[Tok]) -> Option<Found> {
    let lead = toks.iter().take_while(|t| t.kind == Kind::Dash).count();
    let seg_end = toks[lead..]
        .iter()
        .position(|t| t.kind == Kind::Dash)
        .map_or(toks.len(), |p| p + lead);
    if let Some(f) = (lead..seg_end).find_map(|i| date_at(toks, i, lead, seg_end)) {
        return Some(f);
    }
    let next = seg_end + 1;
    let next_end = toks
        .get(next..)?
        .iter()
        .position(|t| t.kind == Kind::Dash)
        .map_or(toks.len(), |p| p + next);
    (next..(next + 2).min(next_end))
        .find_map(|i| date_at(toks, i, next, next_end))
        .filter(|f| f.first == next)
}

/// A date whose month word is token `i`, within tokens `lo..hi`.
fn date_at(toks: &[Tok], i: usize, lo: usize, hi: usize) -> Option<Found> {
    let t = toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    // A day number beside the word is looked for first: it is cheaper to check than the month
    // word, and most words of a dateline (its place) have none.
    let after = skip_punct(toks, i + 1, hi);
    let day_after = after.and_then(|j| day_of(&toks[j]));
    let prev = i.checked_sub(1).filter(|&p| p >= lo);
    let day_before = prev.and_then(|p| day_of(&toks[p]));
    if day_after.is_none() && day_before.is_none() {
        return None;
    }
    let month = month_of(t.text)?;
    if let Some(day) = day_after {
        let year = after.and_then(|j| year_after(toks, j + 1, hi));
        return Some(Found {
            month,
            day,
            year,
            first: i,
        });
    }
    let (prev, day) = prev.zip(day_before)?;
    Some(Found {
        month,
        day,
        year: year_after(toks, i + 1, hi),
        first: prev,
    })
}

/// The next token from `j` after at most two commas or periods (`Oct. 20`, `April, 13`).
fn skip_punct(toks: &[Tok], mut j: usize, hi: usize) -> Option<usize> {
    for _ in 0..2 {
        match toks.get(j) {
            Some(t) if j < hi && (t.kind == Kind::Comma || t.text == ".") => j += 1,
            _ => break,
        }
    }
    (j < hi).then_some(j)
}

fn day_of(t: &Tok) -> Option<u8> {
    if t.kind != Kind::Num || t.text.len() > 2 {
        return None;
    }
    t.text.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year_after(toks: &[Tok], j: usize, hi: usize) -> Option<i32> {
    let t = &toks[skip_punct(toks, j, hi)?];
    if t.kind != Kind::Num || t.text.len() != 4 {
        return None;
    }
    t.text
        .parse::<i32>()
        .ok()
        .filter(|y| (1800..=2100).contains(y))
}

/// Byte offset where the place ends: the first comma, parenthesis, dash, number or date word.
fn place_end(toks: &[Tok], found: Option<&Found>, default: usize) -> usize {
    let date_first = found.map_or(usize::MAX, |f| f.first);
    toks.iter()
        .enumerate()
        .find(|(i, t)| {
            *i >= date_first || matches!(t.kind, Kind::Comma | Kind::Open | Kind::Dash | Kind::Num)
        })
        .map_or(default, |(_, t)| t.start)
}

/// Words that open a sentence or a table row, not a place.
const NOT_PLACE_START: &[&str] = &[
    "as",
    "a",
    "an",
    "today",
    "yesterday",
    "by",
    "for",
    "from",
    "total",
    "totals",
    "in",
    "at",
    "on",
];

/// Words that end a phrase, not a place (`Accumulative total at`, `Bids only`).
const NOT_PLACE_END: &[&str] = &["at", "only", "and", "or", "to", "for", "with", "from", "by"];

/// Lower-case in title-cased places when not the first word (`Rio de Janeiro`).
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "of", "la", "le", "les",
    "el", "al", "es", "y", "van", "von", "der", "den", "the", "on", "upon", "en", "sur", "au",
    "aux",
];

/// Trims and title-cases a place; `None` when it is empty or not place-like. A place written
/// all in lower case (`st louis, april 7`) is only trusted when a date follows it.
fn clean_place(s: &str, dated: bool) -> Option<String> {
    let s = place_text(s, dated)?;
    let mut words = s.split_whitespace();
    if s.len() <= 2 && words.clone().nth(1).is_none() {
        return Some(s.to_string());
    }
    let mixed = s.chars().any(char::is_lowercase);
    let mut out = String::with_capacity(s.len());
    if let Some(first) = words.next() {
        fix_case(first, true, mixed, &mut out);
    }
    for w in words {
        out.push(' ');
        fix_case(w, false, mixed, &mut out);
    }
    Some(out)
}

/// The trimmed text of a place (see [`clean_place`]) when it is place-like, else `None`. Reads
/// the words in place, without collecting them: [`leading`] only asks whether there is a place.
fn place_text(s: &str, dated: bool) -> Option<&str> {
    let s = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .trim_end_matches([',', ':', ';'])
        .trim_end();
    let mut words = s.split_whitespace();
    let first = words.next()?;
    let (mut last, mut count) = (first, 1);
    for w in words {
        last = w;
        count += 1;
    }
    let chars = PlaceChars::of(s);
    // A slash joins twin cities in capitals (`DALLAS/FORT WORTH`); `Wilcox/Gibbs` is a byline.
    let ok_chars = !chars.other && (!chars.slash || !chars.lower);
    let place_like = ok_chars
        && count <= 6
        && (first.starts_with(|c: char| c.is_uppercase()) || (dated && !chars.upper))
        && chars.letters >= 2
        && !lower_in(first, NOT_PLACE_START)
        && !lower_in(last, PARTICLES)
        && !lower_in(last, NOT_PLACE_END)
        && !(count == 1 && month_of(first).is_some());
    place_like.then_some(s)
}

/// What [`place_text`] asks of a place's characters, read in one pass.
struct PlaceChars {
    /// Alphabetic characters.
    letters: usize,
    lower: bool,
    upper: bool,
    slash: bool,
    /// A character that is neither a letter, a slash, nor a space, period, hyphen or apostrophe.
    other: bool,
}

impl PlaceChars {
    fn of(s: &str) -> Self {
        let mut out = PlaceChars {
            letters: 0,
            lower: false,
            upper: false,
            slash: false,
            other: false,
        };
        for c in s.chars() {
            if c.is_alphabetic() {
                out.letters += 1;
            } else if c == '/' {
                out.slash = true;
            } else if !matches!(c, ' ' | '.' | '-' | '\'' | '’') {
                out.other = true;
            }
            out.lower |= c.is_lowercase();
            out.upper |= c.is_uppercase();
        }
        out
    }
}

/// True when `word` in lower case is one of `list` (written in lower case). An ASCII word is
/// compared in place, without the allocation of `to_lowercase`.
fn lower_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter()
            .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// One word of a place in reading case: capitals (also with a typo, `WALtHAM`) are title-cased,
/// a lower-case word that is no particle is capitalised (`New york`), abbreviations with inner
/// dots (`D.C.`), short capitals beside lower case (`Washington DC`) and mixed case (`LaFox`)
/// stay as written.
fn fix_case(word: &str, first: bool, mixed_place: bool, out: &mut String) {
    let (upper, lower) = word.chars().fold((0, 0), |(u, l), c| {
        (
            u + usize::from(c.is_uppercase()),
            l + usize::from(c.is_lowercase()),
        )
    });
    let inner_dot = word.trim_end_matches('.').contains('.');
    if inner_dot || (mixed_place && lower == 0 && upper <= 3) {
        out.push_str(word);
    } else if upper > 0 && upper * 10 >= (upper + lower) * 7 {
        title_word(word, first, out);
    } else if upper == 0 && (first || !lower_in(word, PARTICLES)) {
        capitalise(word, out);
    } else {
        out.push_str(word);
    }
}

/// `JANEIRO` -> `Janeiro`, `PORT-AU-PRINCE` -> `Port-au-Prince`, `JOHN'S` -> `John's`,
/// `DE` -> `de` (particles stay lower case except at the very start).
fn title_word(word: &str, first: bool, out: &mut String) {
    for (j, part) in word.split('-').enumerate() {
        if j > 0 {
            out.push('-');
        }
        let lower = part.to_lowercase();
        if (!first || j > 0) && PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            capitalise(&lower, out);
        }
    }
}

/// Upper-cases the first letter and the letter after `/`, and after an apostrophe when two or
/// more letters follow (`O'HARE` -> `O'Hare`, but `JOHN'S` -> `John's`).
fn capitalise(lower: &str, out: &mut String) {
    // Most place words are plain ASCII: only their first letter changes.
    if lower.is_ascii() && !lower.contains(['/', '\'']) {
        let first = lower.find(|c: char| c.is_ascii_alphabetic());
        let (before, rest) = lower.split_at(first.unwrap_or(lower.len()));
        out.push_str(before);
        let mut rest = rest.chars();
        out.extend(rest.next().map(|c| c.to_ascii_uppercase()));
        out.push_str(rest.as_str());
        return;
    }
    let mut upper_next = true;
    for (k, c) in lower.char_indices() {
        if upper_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
        if c == '/' {
            upper_next = true;
        } else if c == '\'' || c == '’' {
            upper_next = lower[k + c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 2;
        }
    }
}

/// News agencies written in parentheses after a place.
fn has_agency(toks: &[Tok]) -> bool {
    const AGENCIES: &[&str] = &[
        "reuters",
        "reuter",
        "afp",
        "ap",
        "xinhua",
        "dpa",
        "ansa",
        "efe",
        "bloomberg",
        "upi",
        "tass",
        "kyodo",
        "yonhap",
        "ians",
        "pti",
        "ani",
        "aa",
        "bernama",
        "anadolu",
    ];
    toks.windows(3).any(|w| {
        w[0].kind == Kind::Open
            && w[2].kind == Kind::Close
            && w[1].kind == Kind::Word
            && lower_in(w[1].text, AGENCIES)
    })
}

/// Capitals that open stories without being places (`BREAKING -`).
fn is_kicker(place: &str) -> bool {
    const KICKERS: &[&str] = &[
        "breaking",
        "breaking news",
        "update",
        "updated",
        "exclusive",
        "analysis",
        "opinion",
        "watch",
        "live",
        "video",
        "photos",
        "editorial",
        "comment",
        "factbox",
        "explainer",
        "note",
        "correction",
        "urgent",
        "flash",
        "fact check",
        "editor's note",
        "read more",
        "related",
        "sponsored",
        "advertisement",
        "warning",
        "interview",
        "review",
        "recap",
        "timeline",
    ];
    lower_in(place, KICKERS)
}

/// Everything between place and dash must be dateline material: capitalised region words,
/// commas, periods, the date, and a parenthesised agency.
fn rest_is_dateline(head: &[Tok], found: Option<&Found>) -> bool {
    let date_toks = found.map_or(0..0, |f| f.first..f.first + 6);
    let mut in_parens = false;
    head.iter().enumerate().all(|(i, t)| match t.kind {
        Kind::Open => {
            in_parens = true;
            true
        }
        Kind::Close => {
            in_parens = false;
            true
        }
        Kind::Word => {
            in_parens
                || t.text.starts_with(|c: char| c.is_uppercase())
                || (date_toks.contains(&i) && month_of(t.text).is_some())
        }
        Kind::Num => date_toks.contains(&i) || in_parens,
        Kind::Comma | Kind::Dash => true,
        Kind::Other => t.text == "." || t.text == "-" || t.text == "'",
    }) && head.len() <= 14
}

/// The date, with the year from the dateline or else from the document: a dateline cannot be
/// much later than its publication, so a month more than two after the document's month is of
/// the previous year.
fn resolve(f: &Found, doc_date: Option<Date>) -> Option<Date> {
    let year = match (f.year, doc_date) {
        (Some(y), _) => y,
        (None, Some(doc)) => {
            let doc_month = i32::from(u8::from(doc.month()));
            if i32::from(f.month) - doc_month > 2 {
                doc.year() - 1
            } else {
                doc.year()
            }
        }
        (None, None) => return None,
    };
    let month = Month::try_from(f.month).ok()?;
    Date::from_calendar_date(year, month, f.day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::from_calendar_date(y, Month::try_from(m).ok()?, day).ok()
    }

    /// Parses with a document date of 1987-03-15 and checks place and date.
    fn check(raw: &str, place: Option<&str>, date: Option<Date>) {
        let got = parse(raw, d(1987, 3, 15));
        assert_eq!(got.place.as_deref(), place, "place of {raw:?}");
        assert_eq!(got.date, date, "date of {raw:?}");
    }

    #[test]
    fn reuters_common_forms() {
        check(
            "BUENOS AIRES, Feb 26 -",
            Some("Buenos Aires"),
            d(1987, 2, 26),
        );
        check("    SALVADOR, Feb 26 - ", Some("Salvador"), d(1987, 2, 26));
        check("    NEW YORK, March 5 - ", Some("New York"), d(1987, 3, 5));
        check(
            "    RALEIGH, N.C., March 3 - ",
            Some("Raleigh"),
            d(1987, 3, 3),
        );
        check(
            "EDMONTON, Alberta, March 11 -",
            Some("Edmonton"),
            d(1987, 3, 11),
        );
        check(
            "Vancouver, British Columbia, March 9 -",
            Some("Vancouver"),
            d(1987, 3, 9),
        );
    }

    #[test]
    fn agency_forms() {
        check("WASHINGTON (Reuters) -", Some("Washington"), None);
        check("LONDON, March 3 (AFP) -", Some("London"), d(1987, 3, 3));
        check("Washington (AFP) –", Some("Washington"), None);
        check(
            "KYIV, Ukraine, Nov 25 (Reuters) -",
            Some("Kyiv"),
            d(1986, 11, 25),
        );
    }

    #[test]
    fn explicit_year_wins() {
        check(
            "MOSCOW, Nov. 26, 2025 (AP) —",
            Some("Moscow"),
            d(2025, 11, 26),
        );
        check("PARIS, 2 March 2024 -", Some("Paris"), d(2024, 3, 2));
    }

    #[test]
    fn day_before_month() {
        check("PARIS, 2 March -", Some("Paris"), d(1987, 3, 2));
        check("AMSTERDAM, 2 March", Some("Amsterdam"), d(1987, 3, 2));
    }

    #[test]
    fn no_comma_before_month() {
        check("RICHMOND, Va. Feb 26 -", Some("Richmond"), d(1987, 2, 26));
        check(
            "JOHANNESBURG March 13 -\n    ",
            Some("Johannesburg"),
            d(1987, 3, 13),
        );
        check(
            "KANSAS CITY, Mo. - March 13 - ",
            Some("Kansas City"),
            d(1987, 3, 13),
        );
        check(
            "CHEVY CHASE, Md., - March 4 - ",
            Some("Chevy Chase"),
            d(1987, 3, 4),
        );
    }

    #[test]
    fn case_variants() {
        check("NEW YORK, FEB 26 -", Some("New York"), d(1987, 2, 26));
        check("TOKYO, FEb 26", Some("Tokyo"), d(1987, 2, 26));
        check("LONDON, MArch 2 -", Some("London"), d(1987, 3, 2));
        check("ROME, march 2 -", Some("Rome"), d(1987, 3, 2));
        check("OSLO, APril 1 -", Some("Oslo"), d(1987, 4, 1));
    }

    #[test]
    fn typos() {
        check("LIMA, Narch 4 -", Some("Lima"), d(1987, 3, 4));
        check("BONN, Mach 4 -", Some("Bonn"), d(1987, 3, 4));
        check("MADRID, Macrh 4 -", Some("Madrid"), d(1987, 3, 4));
        check("LISBON, Marchg 4 -", Some("Lisbon"), d(1987, 3, 4));
        check("SEOUL, Junee 1 -", Some("Seoul"), d(1986, 6, 1));
        check("TAIPEI, Jne 1 -", Some("Taipei"), d(1986, 6, 1));
        check("MANILA, Juen 2 -", Some("Manila"), d(1986, 6, 2));
    }

    #[test]
    fn abbreviations() {
        check("TOKYO, Oct. 20 -", Some("Tokyo"), d(1986, 10, 20));
        check("DUBLIN, Mar 9 -", Some("Dublin"), d(1987, 3, 9));
        check("ATHENS, Marc 9 -", Some("Athens"), d(1987, 3, 9));
        check("CAIRO, Apri 2 -", Some("Cairo"), d(1987, 4, 2));
        check("BERN, Sept. 14 -", Some("Bern"), d(1986, 9, 14));
        check("SYDNEY, MAR8 --", Some("Sydney"), d(1987, 3, 8));
        check(
            "EVANDALE, Ohio, April, 13 -",
            Some("Evandale"),
            d(1987, 4, 13),
        );
    }

    #[test]
    fn particles_in_capital_places() {
        check(
            "RIO DE JANEIRO, Feb 26 - Brazil's \"Cruzado\" anti- ",
            Some("Rio de Janeiro"),
            d(1987, 2, 26),
        );
        check(
            "DAR ES SALAAM, March 2 - ",
            Some("Dar es Salaam"),
            d(1987, 3, 2),
        );
        check("WINSTON-SALEM, N.C. - ", Some("Winston-Salem"), None);
        check("ST. JOHN'S, March 2 -", Some("St. John's"), d(1987, 3, 2));
    }

    #[test]
    fn no_place_or_no_date() {
        check(" Wilcox/Gibbs - ", None, None);
        check("    APRIL 7  - ", None, d(1987, 4, 7));
        check(" As of April 7  - ", None, d(1987, 4, 7));
        check(" us        7.8015 - ", None, None);
        check("    CHICAGO, April - ", Some("Chicago"), None);
        check("    TOKYO - ", Some("Tokyo"), None);
        check(
            "    THE HAGUE, April 8 - ",
            Some("The Hague"),
            d(1987, 4, 8),
        );
        check(
            "    AUGUSTA, Maine, June 2 - ",
            Some("Augusta"),
            d(1986, 6, 2),
        );
        check(
            "    sioux city, april 7 - ",
            Some("Sioux City"),
            d(1987, 4, 7),
        );
        check(
            "    ****MOSCOW, April 29 - ",
            Some("Moscow"),
            d(1987, 4, 29),
        );
        check(" overnight     4 1/4 - ", None, None);
        check(
            "DALLAS/FORT WORTH, Texas, March 3 -",
            Some("Dallas/Fort Worth"),
            d(1987, 3, 3),
        );
        check("", None, None);
    }

    #[test]
    fn spilled_body_dates_are_not_read() {
        check("TOKYO - The May 5 meeting", Some("Tokyo"), None);
    }

    #[test]
    fn invalid_day_gives_no_date() {
        check("LONDON, Feb 30 -", Some("London"), None);
        check("LONDON, April 31 -", Some("London"), None);
    }

    #[test]
    fn year_from_document_date() {
        let doc = d(2025, 1, 10);
        assert_eq!(parse("OTTAWA, Dec 30 -", doc).date, d(2024, 12, 30));
        assert_eq!(parse("OTTAWA, Jan 9 -", doc).date, d(2025, 1, 9));
        assert_eq!(parse("OTTAWA, March 9 -", doc).date, d(2025, 3, 9));
        assert_eq!(parse("OTTAWA, April 9 -", doc).date, d(2024, 4, 9));
        assert_eq!(parse("OTTAWA, Jan 9 -", None).date, None);
        assert_eq!(parse("OTTAWA, Jan 9, 2023 -", None).date, d(2023, 1, 9));
    }

    #[test]
    fn raw_is_trimmed_and_single_spaced() {
        assert_eq!(
            parse("  JOHANNESBURG March 13 -\n    ", None).raw,
            "JOHANNESBURG March 13 -"
        );
    }

    #[test]
    fn single_spacing() {
        assert_eq!(single_spaced("LIMA, May 2 -"), "LIMA, May 2 -");
        assert_eq!(single_spaced("LIMA,  May\t2\n-"), "LIMA, May 2 -");
        assert_eq!(single_spaced("LIMA,\u{b}May 2 -"), "LIMA, May 2 -");
        assert_eq!(
            single_spaced("SÃO PAULO,\u{a0}May 2 -"),
            "SÃO PAULO, May 2 -"
        );
        assert_eq!(single_spaced(""), "");
    }

    #[test]
    fn month_matching() {
        for (w, m) in [
            ("March", 3),
            ("MARCH", 3),
            ("Narch", 3),
            ("Apirl", 4),
            ("Sept.", 9),
            ("Octobre", 10),
            ("Jly", 7),
            ("dec", 12),
            ("May", 5),
        ] {
            assert_eq!(month_of(w), Some(m), "{w}");
        }
        for w in [
            "Marsh", "Arch", "Jury", "Many", "Mary", "Ma", "Main", "Junk", "Dune", "Match", "Mars",
            "Marchers", "Oil", "Jab", "Judy",
        ] {
            assert_eq!(month_of(w), None, "{w}");
        }
    }

    #[test]
    fn leading_dateline_reads_as_parse_does() {
        let doc = d(2024, 3, 15);
        for par in [
            "PARIS, March 2 (AFP) - The minister said",
            "  ROME, 4 March 2023 -- Rain fell",
            "ISLAMABAD: The finance minister",
            "NEW DELHI, March 3: Rail fares",
            "OSLO . : Snow closed roads",
            "WASHINGTON (Reuters) - Lawmakers",
            "Washington (AFP) – The vote",
        ] {
            let Some(found) = leading_dateline(par) else {
                panic!("no dateline in {par:?}");
            };
            let parsed = parse(&found.text, doc);
            assert_eq!(found.into_dateline(doc), parsed, "{par}");
        }
    }

    #[test]
    fn leading_dateline_in_paragraph() {
        let cases = [
            (
                "PARIS, March 2 (AFP) - The minister said",
                Some("PARIS, March 2 (AFP) -"),
            ),
            (
                "WASHINGTON (Reuters) - Lawmakers",
                Some("WASHINGTON (Reuters) -"),
            ),
            ("KYIV, Ukraine — Officials", Some("KYIV, Ukraine —")),
            ("Washington (AFP) – The", Some("Washington (AFP) –")),
            ("NAIROBI, Kenya — Rains", Some("NAIROBI, Kenya —")),
            (
                "BERLIN, March 3 (Reuters) - The",
                Some("BERLIN, March 3 (Reuters) -"),
            ),
            ("The talks - which began", None),
            ("Paris - the city", None),
            ("BREAKING - A fire", None),
            ("He said - and repeated", None),
            ("NATO allies, meeting in Brussels - agreed", None),
            ("ISLAMABAD: The finance minister", Some("ISLAMABAD:")),
            (
                "NEW DELHI, March 3: Rail fares",
                Some("NEW DELHI, March 3:"),
            ),
            ("EXCLUSIVE: Bank to cut jobs", None),
            ("Note: figures are provisional", None),
            ("WASHINGTON (Reuters): text", Some("WASHINGTON (Reuters):")),
            ("Time 10:30 - the", None),
        ];
        for (par, want) in cases {
            let got = leading(par).and_then(|n| par.get(..n));
            assert_eq!(got, want, "{par}");
            let found = leading_dateline(par);
            assert_eq!(found.as_ref().map(|l| l.text.as_str()), want, "{par}");
        }
    }
}
