//! One linear pass over a body: paragraphs, quotation spans (straight and curly marks, hard-wrapped
//! lines, paragraph-spanning quotes), word/punctuation tokens and sentences. Everything is byte
//! offsets into the body, always on char boundaries.

use crate::lang::abbreviations::is_abbreviation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters/digits with internal apostrophes, hyphens and abbreviation dots (`U.S.`, `Mr.`).
    Word,
    /// One punctuation character.
    Punct,
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
    /// A paragraph break (zero width).
    Para,
}

/// A token: its kind and byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A quotation: the text between the marks, and whether it continues a quote left open in the
/// previous paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Text between the marks (`start..end`), trimmed of whitespace.
    pub start: usize,
    pub end: usize,
    /// Byte offset just past the closing mark (or the paragraph end when left open).
    pub close: usize,
    /// True when this span continues an unclosed quote from the previous paragraph.
    pub continued: bool,
}

/// A body scanned once: its tokens, sentences and quotation spans, and for each token the
/// span it lies in.
pub struct Scanned<'a> {
    pub body: &'a str,
    pub toks: Vec<Tok>,
    /// Sentences as token index ranges `[a, b)`.
    pub sents: Vec<(usize, usize)>,
    pub spans: Vec<Span>,
    /// For each token, the quotation span it lies in.
    pub tok_span: Vec<Option<usize>>,
}

impl<'a> Scanned<'a> {
    pub fn new(body: &'a str) -> Self {
        let paras = paragraphs(body);
        let spans = quote_spans(body, &paras);
        let toks = tokenize(body, &paras, &spans);
        let sents = sentences(body, &toks);
        let tok_span = map_spans(&toks, &spans);
        Scanned {
            body,
            toks,
            sents,
            spans,
            tok_span,
        }
    }
}

/// Byte ranges of paragraphs: split at blank lines and at line starts indented by two or more
/// spaces or a tab (Reuters style). Single newlines are soft wraps.
pub fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // From line break to line break (memchr skips the line between).
    while let Some(off) = b.get(i..).and_then(|rest| memchr::memchr(b'\n', rest)) {
        i += off;
        let mut j = i + 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
            j += 1;
        }
        let blank = j < b.len() && b[j] == b'\n';
        let indented = j - (i + 1) >= 2 || (j > i + 1 && b[i + 1] == b'\t');
        if blank || indented || j >= b.len() {
            push_para(body, start, i, &mut out);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push_para(body, start, b.len(), &mut out);
    out
}

fn push_para(body: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &body[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

/// True for characters that may open a straight quote when they precede it.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:".contains(c),
    }
}

/// Quotation spans in one paragraph `(ps, pe)`; `carry` is true when the previous paragraph left
/// a quote open. Returns the spans and whether this paragraph leaves one open.
fn para_quotes(body: &str, ps: usize, pe: usize, carry: bool, out: &mut Vec<Span>) -> bool {
    let text = &body[ps..pe];
    let mut marks = Marks::default();
    let first_is_mark = text.starts_with(['“', '”', '"', '«', '„']) || text.starts_with("''");
    let mut skip_next = false;
    let bytes = text.as_bytes();
    // 0xC2 is a fourth byte to look for (see `next_mark_byte`), only where the paragraph has one.
    let has_c2 = memchr::memchr(0xC2, bytes).is_some();
    let mut from = 0;
    while let Some(off) = next_mark_byte(bytes, from, has_c2) {
        let Some((c, clen)) = char_at(text, off) else {
            break;
        };
        from = off + clen;
        if skip_next {
            skip_next = false;
            continue;
        }
        let pos = ps + off;
        let next = text[off + c.len_utf8()..].chars().next();
        // Two apostrophes are a double quote mark in some archives (`''like this''`).
        let double_apos = c == '\'' && next == Some('\'');
        let family = match c {
            '“' | '”' | '«' | '»' | '„' => 0,
            '"' => 1,
            '\'' if double_apos => 2,
            _ => continue,
        };
        let around = Around {
            prev: text[..off].chars().next_back(),
            starts_word: next.is_some_and(|n| n.is_alphanumeric() || "‘'$(….".contains(n)),
            ends_word: next.is_none_or(|n| n.is_whitespace() || ",.;:!?)—–-".contains(n)),
        };
        let Some(is_open) = marks.reads_as_open(c, family, around) else {
            continue;
        };
        let mark_len = if double_apos { 2 } else { c.len_utf8() };
        skip_next = double_apos;
        match (marks.open, is_open) {
            (None, true) => {
                marks = Marks {
                    open: Some((pos, mark_len, carry && off == 0 && first_is_mark, family)),
                    ..Marks::default()
                };
            }
            (Some((o, ol, cont, _)), false) => {
                push_span(body, (o, ol), pos, pos + mark_len, cont, out);
                marks.open = None;
            }
            // A second opening mark inside an open quote: the first one was never closed;
            // restart at the new mark so one stray mark cannot swallow the paragraph.
            (Some(_), true) => marks.open = Some((pos, mark_len, false, family)),
            (None, false) => {}
        }
    }
    if let Some((o, ol, cont, _)) = marks.open {
        push_span(body, (o, ol), pe, pe, cont, out);
        return true;
    }
    false
}

/// The quote marks met so far in a paragraph.
#[derive(Default)]
struct Marks {
    /// The open quote: offset of its mark, the mark's length, whether it continues the previous
    /// paragraph's quote, and its family (0 curly, 1 straight, 2 double apostrophe).
    open: Option<(usize, usize, bool, u8)>,
    /// Nesting depth of curly quotes inside an open curly quote (`“... “hell” ...”`).
    nested: usize,
    /// Curly quotes nested inside a straight one (`"a “b” c"`).
    nested_curly: usize,
}

/// What is around a quote mark: the character before it, and whether a word starts or ends
/// right after it.
#[derive(Clone, Copy)]
struct Around {
    prev: Option<char>,
    starts_word: bool,
    ends_word: bool,
}

impl Marks {
    /// Whether the mark `c` of `family` opens (`true`) or closes (`false`) a quote; `None` when it
    /// does neither here (a nested quote's mark, another family's).
    fn reads_as_open(&mut self, c: char, family: u8, at: Around) -> Option<bool> {
        let opens_here = opens_after(at.prev);
        Some(match (c, self.open) {
            // `"...”`: a straight opening mark closed by a curly one.
            ('”', Some((_, _, _, 1))) if self.nested_curly == 0 && at.ends_word && !opens_here => {
                false
            }
            ('“', Some((_, _, _, 1))) => {
                self.nested_curly += 1;
                return None;
            }
            ('”', Some((_, _, _, 1))) => {
                self.nested_curly = self.nested_curly.saturating_sub(1);
                return None;
            }
            // Marks of another family inside a quote are nested quotes: not ours.
            (_, Some((_, _, _, f))) if f != family => return None,
            ('“' | '«' | '„', Some(_)) => {
                if at.ends_word && !opens_here {
                    false
                } else {
                    self.nested += 1;
                    return None;
                }
            }
            ('“' | '«' | '„', None) => true,
            // A closing curly mark used to open (`”Like this.”`).
            ('”' | '»', None) => opens_here && at.starts_word,
            ('”' | '»', Some(_)) if self.nested > 0 => {
                self.nested -= 1;
                return None;
            }
            ('”' | '»', Some(_)) => false,
            (_, o) => o.is_none() && opens_here,
        })
    }
}

/// The next byte at or after `from` that can start a quotation mark: `"`, `'` and the lead
/// bytes of “ ” „ (0xE2) and « » (0xC2). memchr skips the text between; when the text has a
/// 0xC2 (rare, but also the lead byte of a no-break space), a plain loop looks for all four.
fn next_mark_byte(bytes: &[u8], from: usize, has_c2: bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let found = if has_c2 {
        rest.iter()
            .position(|&b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2))
    } else {
        memchr::memchr3(b'"', b'\'', 0xE2, rest)
    };
    found.map(|p| from + p)
}

fn push_span(
    body: &str,
    (open, mark_len): (usize, usize),
    close_mark: usize,
    close: usize,
    continued: bool,
    out: &mut Vec<Span>,
) {
    let inner = &body[open + mark_len..close_mark];
    let lead = inner.len() - inner.trim_start().len();
    let t = inner.trim();
    if t.is_empty() {
        return;
    }
    let start = open + mark_len + lead;
    out.push(Span {
        open,
        start,
        end: start + t.len(),
        close,
        continued,
    });
}

/// Every quotation span in the body, in order.
pub fn quote_spans(body: &str, paras: &[(usize, usize)]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut carry = false;
    for &(ps, pe) in paras {
        carry = para_quotes(body, ps, pe, carry, &mut out);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokens of the whole body; quote marks found in `spans` become `Open`/`Close`, paragraph
/// breaks become `Para` tokens.
pub fn tokenize(body: &str, paras: &[(usize, usize)], spans: &[Span]) -> Vec<Tok> {
    let mut marks: Vec<(usize, Kind)> = Vec::with_capacity(spans.len() * 2);
    for s in spans {
        marks.push((s.open, Kind::Open));
        if s.close > s.end && s.close > s.open + 1 {
            let c = body[..s.close].chars().next_back();
            if let Some(c) = c {
                marks.push((s.close - c.len_utf8(), Kind::Close));
            }
        }
    }
    marks.sort_unstable_by_key(|m| m.0);
    let mut toks = Vec::with_capacity(body.len() / 5);
    let mut mi = 0;
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        if pi > 0 {
            toks.push(Tok {
                kind: Kind::Para,
                start: ps,
                end: ps,
            });
        }
        tokenize_range(body, ps, pe, &marks, &mut mi, &mut toks);
    }
    toks
}

/// The char at byte `i` of `text` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some((b as char, 1))
    } else {
        text.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
    }
}

fn tokenize_range(
    body: &str,
    ps: usize,
    pe: usize,
    marks: &[(usize, Kind)],
    mi: &mut usize,
    toks: &mut Vec<Tok>,
) {
    let text = &body[ps..pe];
    let bytes = text.as_bytes();
    let mut off = 0;
    while let Some(&b) = bytes.get(off) {
        // ASCII spaces, letters and digits without decoding: most of a text.
        if matches!(b, b' ' | b'\t'..=b'\r') {
            off += 1;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            off = push_word(text, ps, off, off + 1, toks);
            // The space after a word, skipped here without another turn of the loop.
            if bytes.get(off) == Some(&b' ') {
                off += 1;
            }
            continue;
        }
        let Some((c, len)) = char_at(text, off) else {
            break;
        };
        let pos = ps + off;
        if c.is_whitespace() {
            off += len;
            continue;
        }
        if is_word_char(c) {
            off = push_word(text, ps, off, off + len, toks);
            continue;
        }
        while *mi < marks.len() && marks[*mi].0 < pos {
            *mi += 1;
        }
        let kind = if *mi < marks.len() && marks[*mi].0 == pos {
            marks[*mi].1
        } else {
            Kind::Punct
        };
        toks.push(Tok {
            kind,
            start: pos,
            end: pos + len,
        });
        off += len;
    }
}

/// Pushes the word starting at `start` of the paragraph `text` (at `ps` in the body), first
/// char read up to `end`; returns where the word ends.
fn push_word(text: &str, ps: usize, start: usize, end: usize, toks: &mut Vec<Tok>) -> usize {
    let end = word_end(text, start, end);
    toks.push(Tok {
        kind: Kind::Word,
        start: ps + start,
        end: ps + end,
    });
    end
}

/// End of the word starting at `start` (first char already read up to `end`): letters and
/// digits, joined by internal apostrophes and hyphens, plus abbreviation dots.
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        end += crate::text::ascii_alnum_run(bytes.get(end..).unwrap_or_default());
        // A space or another ASCII mark than `'`, `-`, `.` ends the word: no decoding.
        match bytes.get(end) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.') => break,
            Some(_) => {}
        }
        let (next, goes_on) = word_step(text, start, end);
        end = next;
        if !goes_on {
            break;
        }
    }
    end
}

/// At a non-ASCII char or an ASCII `'`, `-`, `.` at `end` of the word from `start`: where the
/// word ends for now, and whether it goes on after that. Kept out of line: the tokenizer's loop
/// runs past most words without it.
#[inline(never)]
fn word_step(text: &str, start: usize, end: usize) -> (usize, bool) {
    let Some((d, len)) = char_at(text, end) else {
        return (end, false);
    };
    if is_word_char(d) {
        return (end + len, true);
    }
    if !matches!(d, '\'' | '’' | '-' | '.') {
        return (end, false);
    }
    let after = char_at(text, end + len).map(|(c, _)| c);
    let word = &text[start..end];
    // Byte tests, no char searchers: this runs at every sentence end.
    let has_dot = word.as_bytes().contains(&b'.');
    let joins = after.is_some_and(is_word_char)
        && (d != '.' || word.len() <= 2 || short_part_after_hyphen(word) || has_dot);
    let abbrev_dot =
        d == '.' && (is_abbreviation(word) || is_one_capital(word) || (has_dot && word.len() <= 6));
    if !(joins || abbrev_dot) {
        return (end, false);
    }
    // An abbreviation's dot ends the word unless a letter joins on (`U.S.` goes on to `S`).
    (end + len, joins || !abbrev_dot)
}

/// `R-S.C.`, `D-N.Y.`: a short part after a hyphen takes a dot like a short word does (else
/// the dot would end the sentence before `C.`). The part is the whole word when it has no
/// hyphen.
fn short_part_after_hyphen(word: &str) -> bool {
    let b = word.as_bytes();
    let part = &b[b.iter().rposition(|&c| c == b'-').map_or(0, |p| p + 1)..];
    part.len() <= 2 && part.first().is_some_and(u8::is_ascii_uppercase)
}

/// A word of one upper-case letter (`J` of `J. Smith`).
fn is_one_capital(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Longest sentence, in tokens, before [`sentences`] cuts it.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Sentences as token index ranges `[a, b)`: split at paragraph breaks and at `.`, `!`, `?` outside
/// quotes when the next token starts a new sentence (capital letter, digit or quote mark).
pub fn sentences(body: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for i in 0..toks.len() {
        // No real sentence is this long; text without sentence ends (a list, a dump) is cut into
        // pieces, so each reported-speech quote stays short and the total work stays linear.
        if i - start >= MAX_SENTENCE_TOKENS {
            out.push((start, i));
            start = i;
        }
        let t = toks[i];
        match t.kind {
            Kind::Para => {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
                depth = 0;
            }
            Kind::Open => depth += 1,
            Kind::Close => {
                depth = depth.saturating_sub(1);
                // `“... remains.” He then ...`: a quote ending its sentence, unless an
                // attribution follows (`“... now.” Smith said.`).
                let ends = i > 0 && is_stop_mark(body, &toks[i - 1]);
                if depth == 0
                    && ends
                    && starts_sentence(body, toks, i + 1)
                    && !attribution_follows(body, toks, i + 1)
                {
                    out.push((start, i + 1));
                    start = i + 1;
                }
            }
            Kind::Punct if depth == 0 && is_stop_mark(body, &t) => {
                let next_starts = match toks.get(i + 1) {
                    None => true,
                    Some(n) => match n.kind {
                        Kind::Word => body[n.start..]
                            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()),
                        Kind::Open | Kind::Para => true,
                        _ => false,
                    },
                };
                if next_starts {
                    out.push((start, i + 1));
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// True for a `.`, `!` or `?` token (compared as one byte: this runs for every token).
fn is_stop_mark(body: &str, t: &Tok) -> bool {
    t.end == t.start + 1 && matches!(body.as_bytes().get(t.start), Some(b'.' | b'!' | b'?'))
}

/// True when token `i` is a word starting with a capital letter.
fn starts_sentence(body: &str, toks: &[Tok], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Kind::Word && body[t.start..].starts_with(char::is_uppercase))
}

/// True when the clause starting at token `i` is a short attribution (`Smith said.`,
/// `said Smith`, `Smith, the minister, said`): a cue within a few words.
fn attribution_follows(body: &str, toks: &[Tok], i: usize) -> bool {
    let text = |t: &Tok| &body[t.start..t.end];
    let window: Vec<&Tok> = toks[i..]
        .iter()
        .take(8)
        .take_while(|t| t.kind == Kind::Word || text(t) == ",")
        .collect();
    window.iter().enumerate().any(|(k, t)| {
        let is_cue = t.kind == Kind::Word
            && super::cues::cue_kind(text(t))
                .is_some_and(|c| c != super::cues::CueKind::Participle);
        if !is_cue {
            return false;
        }
        // The cue opens the clause (`said Smith`) or closes it (`Smith said.`, `Smith said on ...`).
        let next = toks.get(i + k + 1);
        k == 0
            || next.is_none_or(|n| {
                n.kind != Kind::Word
                    || super::cues::is_day(text(n))
                    || matches!(text(n), "on" | "in" | "at" | "late" | "earlier" | "later")
            })
    })
}

/// For each token, the quotation span containing it (marks excluded).
fn map_spans(toks: &[Tok], spans: &[Span]) -> Vec<Option<usize>> {
    // Pushed, not pre-filled: a zeroed buffer for every token was a second pass over it.
    let mut out = Vec::with_capacity(toks.len());
    let mut si = 0;
    for t in toks {
        while si < spans.len() && spans[si].end <= t.start {
            si += 1;
        }
        let inside = si < spans.len() && t.start >= spans[si].start && t.end <= spans[si].end;
        out.push(inside.then_some(si));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_blank_lines_and_indents() {
        let body = "One line\nwrapped.\n\nTwo.\n    Three.";
        let p = paragraphs(body);
        assert_eq!(p.len(), 3);
        assert_eq!(&body[p[0].0..p[0].1], "One line\nwrapped.");
        assert_eq!(&body[p[2].0..p[2].1], "Three.");
    }

    #[test]
    fn finds_straight_and_curly_spans() {
        let body = "He said \"yes\" and “no way” and ''maybe'' today.";
        let p = paragraphs(body);
        let s = quote_spans(body, &p);
        let texts: Vec<&str> = s.iter().map(|s| &body[s.start..s.end]).collect();
        assert_eq!(texts, vec!["yes", "no way", "maybe"]);
    }

    #[test]
    fn nested_and_reversed_marks() {
        let body = "\"He thinks it is “Shark Tank” again,\" she said. ”Wrong way,” he said.";
        let p = paragraphs(body);
        let s = quote_spans(body, &p);
        let texts: Vec<&str> = s.iter().map(|s| &body[s.start..s.end]).collect();
        assert_eq!(
            texts,
            vec!["He thinks it is “Shark Tank” again,", "Wrong way,"]
        );
    }

    #[test]
    fn straight_open_curly_close() {
        let body = "\"He has a “big” pulpit,” said Ann Lee.";
        let p = paragraphs(body);
        let s = quote_spans(body, &p);
        assert_eq!(&body[s[0].start..s[0].end], "He has a “big” pulpit,");
    }

    #[test]
    fn quote_spans_paragraphs() {
        let body = "“We will go on.\n\n“And we will win,” she said.";
        let p = paragraphs(body);
        let s = quote_spans(body, &p);
        assert_eq!(s.len(), 2);
        assert!(!s[0].continued && s[1].continued);
        assert_eq!(&body[s[0].start..s[0].end], "We will go on.");
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        let body = "Mr. Smith of the U.S. left. Then";
        let p = paragraphs(body);
        let t = tokenize(body, &p, &[]);
        let words: Vec<&str> = t.iter().map(|t| &body[t.start..t.end]).collect();
        assert_eq!(
            words,
            vec!["Mr.", "Smith", "of", "the", "U.S.", "left", ".", "Then"]
        );
        assert_eq!(sentences(body, &t).len(), 2);
    }

    #[test]
    fn party_state_labels_are_one_word() {
        let body = "Lee, R-S.C., and Ray, D-N.Y., said";
        let p = paragraphs(body);
        let t = tokenize(body, &p, &[]);
        let words: Vec<&str> = t.iter().map(|t| &body[t.start..t.end]).collect();
        assert!(words.contains(&"R-S.C.") && words.contains(&"D-N.Y."));
        assert_eq!(sentences(body, &t).len(), 1);
    }
}
