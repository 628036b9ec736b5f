//! A one-pass tokenizer for name finding: words (with inner hyphens and apostrophes, dotted
//! initials such as `J.K.` and abbreviations such as `Mr.`), single punctuation marks, and for each
//! token whether a line break precedes it and whether it starts a sentence.

use crate::lang::abbreviations::is_abbreviation;

/// One token; `start..end` is a byte range of the text (a possessive `'s` is outside it).
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// The word carried a possessive `'s` (`Putin's`), which ends a name.
    pub possessive: bool,
    pub newline_before: bool,
    pub sentence_start: bool,
    /// A word whose first letter is upper case (`Putin`, `Ángel`), decided once here: the name
    /// finder asks it of every token, often more than once.
    pub upper: bool,
    /// A word with an inner hyphen (`al-Sisi`): only such words can carry a particle prefix.
    pub hyphen: bool,
}

impl Tok {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// A word that may be part of a name in mixed-case text: capitalised, or hyphenated after a
    /// particle (`al-Sisi`); all other tokens are not.
    pub fn may_be_name(&self) -> bool {
        self.word && (self.upper || self.hyphen)
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut newline = false;
    let mut sentence = true;
    let wrapped = is_hard_wrapped(text);
    let mut line_start = 0;
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if c == ' ' || c.is_whitespace() {
            if c == '\n' {
                if !is_soft_wrap(text, line_start, i, wrapped) {
                    newline = true;
                    sentence = true;
                }
                line_start = i + 1;
            }
            i += len;
            continue;
        }
        if !is_alnum(c) {
            out.push(Tok {
                start: i,
                end: i + len,
                word: false,
                possessive: false,
                newline_before: newline,
                sentence_start: sentence,
                upper: false,
                hyphen: false,
            });
            newline = false;
            sentence = matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '(' | '—' | '–' | '|'
            );
            i += len;
            continue;
        }
        let (mut end, hyphen) = word_end(text, i + len);
        // A period after an initial or a known abbreviation belongs to the word.
        if bytes.get(end) == Some(&b'.') {
            let w = &text[i..end];
            let last_seg = after_last(w, |b| b == b'.');
            let single = last_seg.chars().count() == 1 && last_seg.chars().all(char::is_alphabetic);
            if single || is_abbreviation(w) {
                end += 1;
            }
        }
        let (stem_end, possessive) = strip_possessive(text, i, end);
        out.push(Tok {
            start: i,
            end: stem_end,
            word: true,
            possessive,
            newline_before: newline,
            sentence_start: sentence,
            upper: is_upper_letter(c),
            hyphen,
        });
        newline = false;
        sentence = false;
        i = end;
    }
    out
}

/// The character at byte `i` and its length; one byte compare for ASCII, which most text is.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// An upper-case letter, with a fast path for ASCII.
fn is_upper_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        c.is_alphabetic() && c.is_uppercase()
    }
}

/// The part of `w` after the last byte that `sep` accepts (all of `w` without one); the byte
/// search `rsplit` with a char pattern would set up for these short words.
fn after_last(w: &str, sep: impl Fn(u8) -> bool) -> &str {
    let from = w.bytes().rposition(sep).map_or(0, |p| p + 1);
    w.get(from..).unwrap_or(w)
}

/// Where a word that continues at byte `from` ends: letters and digits, joined across inner
/// hyphens and apostrophes (`Ki-moon`, `O'Neill`) and the periods of initials (`J.K`); and
/// whether it joined across a hyphen.
fn word_end(text: &str, from: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut end = from;
    let mut hyphen = false;
    let mut segment = 1; // letters since the last inner period
    loop {
        // ASCII letters and digits, the bulk of every word, without decoding: one table load per
        // byte, and the segment length added once per stretch.
        let stretch = crate::text::ascii_alnum_run(bytes.get(end..).unwrap_or_default());
        end += stretch;
        segment += stretch;
        // Most words end at an ASCII space or mark that joins nothing: no decoding.
        match bytes.get(end) {
            Some(&b) if b.is_ascii() && !matches!(b, b'-' | b'\'' | b'.') => break,
            None => break,
            _ => {}
        }
        let Some((d, len)) = char_at(text, end) else {
            break;
        };
        if is_alnum(d) {
            end += len;
            segment += 1;
            continue;
        }
        let joins = matches!(d, '-' | '\'' | '’') || (d == '.' && segment == 1);
        if joins && char_at(text, end + len).is_some_and(|(after, _)| is_alnum(after)) {
            end += len;
            hyphen |= d == '-';
            if d == '.' {
                segment = 0;
            }
            continue;
        }
        break;
    }
    (end, hyphen)
}

/// Shortest line that counts as hard-wrapped running text (wire copy wraps at 60-70 columns;
/// bylines, captions and list items are shorter).
const WRAP_MIN: usize = 40;

/// True when most lines of a text of several lines are 40-90 bytes long: wire copy wrapped at a
/// fixed width, where a line break is no more than a space.
fn is_hard_wrapped(text: &str) -> bool {
    let (mut lines, mut wrapped) = (0usize, 0usize);
    let mut count = |line: &str| {
        lines += 1;
        if (WRAP_MIN..=90).contains(&line.trim_end().len()) {
            wrapped += 1;
        }
    };
    // The lines of `str::lines` (a final line break opens no empty line; a `\r` before a break
    // goes with `trim_end`), found by the vectorised `memchr`: wire copy has a break every 65
    // bytes.
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        count(text.get(start..nl).unwrap_or(""));
        start = nl + 1;
    }
    if start < text.len() {
        count(text.get(start..).unwrap_or(""));
    }
    lines >= 3 && wrapped * 2 >= lines
}

/// True when the line break at byte `i` (its line starting at `line_start`) only wraps running text: the line does not end a sentence,
/// it is long (or the whole text is hard-wrapped), and the next line follows unindented and
/// non-blank (so `George\nShultz` in wire copy stays one name, while paragraph breaks and short
/// lines such as bylines still end a name).
fn is_soft_wrap(text: &str, line_start: usize, i: usize, wrapped: bool) -> bool {
    let line = text.get(line_start..i).unwrap_or("").trim_end_matches('\r');
    if (line.len() < WRAP_MIN && !wrapped) || line.ends_with(['!', '?', ':', '"', '”']) {
        return false;
    }
    if let Some(stem) = line.strip_suffix('.') {
        // `Mr.`, `J.` at the end of a line still lead into a name on the next line.
        let last = after_last(stem, |b| b == b' ' || b == b'.');
        let abbreviation = last.chars().count() == 1 || is_abbreviation(last);
        if !abbreviation {
            return false;
        }
    }
    text[i + 1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
}

/// Alphanumeric, with a fast path for ASCII.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// `Putin's` -> end before `'s`.
fn strip_possessive(text: &str, start: usize, end: usize) -> (usize, bool) {
    // Every suffix ends in `s` or `S`: most words are done after one byte test (an ASCII byte
    // never ends a longer character).
    if end <= start || !matches!(text.as_bytes().get(end - 1), Some(b's' | b'S')) {
        return (end, false);
    }
    let w = &text[start..end];
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = w.strip_suffix(suffix).filter(|s| !s.is_empty()) {
            return (start + stem.len(), true);
        }
    }
    (end, false)
}

/// Lower-cased, accent-folded word for list look-ups.
pub fn lower_key(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        crate::text::fold(w).replace('’', "'")
    }
}

/// Calls `f` with [`lower_key`] of `w`; a short ASCII word is lower-cased on the stack. The
/// context checks beside a name look up one word each, and a `String` per check cost more than
/// the look-up itself.
pub fn with_lower_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    // A lower-case ASCII word (`said`, `the`) is its own key; a capitalised one stops the test
    // at its first byte.
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(w);
    }
    let mut buf = [0u8; 32];
    if w.is_ascii()
        && let Some(b) = buf.get_mut(..w.len())
    {
        // Copied and lower-cased in one pass.
        for (d, s) in b.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        if let Ok(k) = std::str::from_utf8(b) {
            return f(k);
        }
    }
    f(&lower_key(w))
}

/// True when most letters are upper case (wire copy such as `JAMES BAKER SAID`).
pub fn is_mostly_upper(text: &str) -> bool {
    let (letters, upper) = if text.is_ascii() {
        ascii_letter_counts(text.as_bytes())
    } else {
        let mut counts = (0, 0);
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            counts.0 += 1;
            counts.1 += usize::from(c.is_uppercase());
        }
        counts
    };
    letters >= 8 && upper * 10 >= letters * 7
}

/// (letters, upper-case letters) of ASCII bytes. This runs over every body: the counts go to
/// byte-wide lanes in blocks of at most 255 bytes, which the compiler vectorises (a count in
/// `usize` per byte is not).
fn ascii_letter_counts(b: &[u8]) -> (usize, usize) {
    let (mut letters, mut upper) = (0usize, 0usize);
    for block in b.chunks(255) {
        let (mut l, mut u) = (0u8, 0u8);
        for &c in block {
            let up = u8::from(c.is_ascii_uppercase());
            u += up;
            l += up | u8::from(c.is_ascii_lowercase());
        }
        letters += usize::from(l);
        upper += usize::from(u);
    }
    (letters, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_initials_hyphens_and_abbreviations() {
        assert_eq!(
            words("Mr. J.K. Rowling met Ban Ki-moon."),
            ["Mr.", "J.K.", "Rowling", "met", "Ban", "Ki-moon", "."]
        );
    }

    #[test]
    fn strips_possessive_and_marks_sentences() {
        let text = "It rained. Putin’s aide left";
        let toks = tokenize(text);
        let putin = toks.iter().find(|t| t.text(text) == "Putin");
        assert!(putin.is_some_and(|t| t.possessive && t.sentence_start));
    }

    #[test]
    fn soft_wrap_keeps_name_together() {
        let text = "The committee heard evidence from the treasury chief, Harold\nPinter-Lowe, on Friday.\nShort line\nNext";
        let toks = tokenize(text);
        let find = |w: &str| toks.iter().find(|t| t.text(text) == w).copied();
        assert!(find("Pinter-Lowe").is_some_and(|t| !t.newline_before));
        assert!(find("Next").is_some_and(|t| t.newline_before));
    }

    #[test]
    fn flags_capitals_and_hyphens() {
        let text = "Ángel met al-Sisi and ébène";
        let toks = tokenize(text);
        let flags: Vec<(bool, bool)> = toks.iter().map(|t| (t.upper, t.hyphen)).collect();
        assert_eq!(
            flags,
            [
                (true, false),
                (false, false),
                (false, true),
                (false, false),
                (false, false)
            ]
        );
        let maybe: Vec<bool> = toks.iter().map(Tok::may_be_name).collect();
        assert_eq!(maybe, [true, false, true, false, false]);
    }

    #[test]
    fn stack_key_matches_lower_key() {
        for w in ["Putin", "SAID", "Ángel", "O’Neill", "", &"Long".repeat(20)] {
            assert_eq!(with_lower_key(w, str::to_string), lower_key(w));
        }
    }

    #[test]
    fn abbreviation_keys_tell_lengths_apart() {
        assert!(is_abbreviation("MR") && is_abbreviation("Sept"));
        assert!(!is_abbreviation("m") && !is_abbreviation("mr\0") && !is_abbreviation("Mé"));
    }

    #[test]
    fn hard_wrap_counts_lines_like_str_lines() {
        let line = "x".repeat(60);
        assert!(is_hard_wrapped(&format!("{line}\n{line}\r\nshort\n")));
        assert!(!is_hard_wrapped(&format!("{line}\nshort\n\nshort")));
        assert!(!is_hard_wrapped(&line));
    }

    #[test]
    fn after_last_matches_rsplit() {
        assert_eq!(after_last("J.K", |b| b == b'.'), "K");
        assert_eq!(after_last("Mr", |b| b == b'.'), "Mr");
        assert_eq!(after_last("said Mr", |b| b == b' ' || b == b'.'), "Mr");
        assert_eq!(after_last("end.", |b| b == b'.'), "");
    }

    #[test]
    fn detects_upper_case_copy() {
        assert!(is_mostly_upper("JAMES BAKER SAID THE DOLLAR WOULD FALL"));
        assert!(!is_mostly_upper("James Baker said the dollar would fall"));
    }

    #[test]
    fn letter_counts_add_up_across_blocks() {
        let text = "AB cd, 9!".repeat(100);
        assert_eq!(ascii_letter_counts(text.as_bytes()), (400, 200));
    }
}
