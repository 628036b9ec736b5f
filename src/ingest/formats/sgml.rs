//! Reuters-21578 SGML: many `<REUTERS>` stories per file, entities decoded, BRIEF and UNPROC kept.
//!
//! A linear scan with `str::find`, no regular expressions and no SGML parser: the files are
//! messy (control characters written as numeric entities, unescaped `>`, junk after dates), and a
//! story with a missing `</REUTERS>` must end where the next `<REUTERS` begins instead of
//! swallowing it. Tag names are upper case, as in the distribution.

use super::dates;
use super::{FileArticles, ReadError};
use crate::model::RawArticle;

const START: &str = "<REUTERS";
const END: &str = "</REUTERS>";

/// Every `<REUTERS>` story in the file, in order; a file without any is not Reuters SGML.
pub fn read(text: &str) -> Result<FileArticles, ReadError> {
    let starts = story_starts(text);
    if starts.is_empty() {
        return Err(ReadError::Unsupported);
    }
    let mut out = FileArticles::default();
    let mut line = 1;
    let mut counted_to = 0;
    for (ordinal, &start) in starts.iter().enumerate() {
        line += count_newlines(&text[counted_to..start]);
        counted_to = start;
        let next = starts.get(ordinal + 1).copied().unwrap_or(text.len());
        let region = &text[start..next];
        let story = match region.find(END) {
            Some(end) => &region[..end],
            None => {
                let place = if next == text.len() {
                    "the file ends inside it"
                } else {
                    "ended at the next <REUTERS>"
                };
                out.warnings
                    .push(format!("line {line}: story without </REUTERS>; {place}"));
                region
            }
        };
        let mut article = parse_story(story);
        article.ordinal = ordinal;
        article.line = Some(line);
        out.articles.push(article);
    }
    Ok(out)
}

/// Byte offsets of every `<REUTERS` opening tag (not `<REUTERSX`).
fn story_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(START) {
        let at = from + i;
        let after = text.as_bytes().get(at + START.len()).copied();
        if matches!(after, None | Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            starts.push(at);
        }
        from = at + START.len();
    }
    starts
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// One story, from its `<REUTERS` to just before its `</REUTERS>`.
fn parse_story(story: &str) -> RawArticle {
    let open_tag = &story[..story.find('>').unwrap_or(story.len())];
    let mut article = RawArticle {
        source_id: attribute(open_tag, "NEWID"),
        date: element(story, "DATE").and_then(|d| dates::parse_day_month_year(&decode(d))),
        places: codes(element(story, "PLACES")),
        people_codes: codes(element(story, "PEOPLE")),
        needs_cleanup: false,
        ..RawArticle::default()
    };
    let Some(text) = container(story, "TEXT") else {
        return article;
    };
    article.author = element(text, "AUTHOR").and_then(|a| non_empty(one_line(&decode(a))));
    article.dateline = element(text, "DATELINE").and_then(|d| non_empty(one_line(&decode(d))));
    let title = element(text, "TITLE");
    let body = element(text, "BODY");
    if title.is_none() && body.is_none() {
        // UNPROC: raw wire text, often a table; its first line serves as headline.
        article.body = strip_signoff(&trim_body(&decode(text))).to_string();
        article.headline = first_line_headline(&article.body);
    } else {
        article.headline = title.map(|t| one_line(&decode(t))).unwrap_or_default();
        article.body = body
            .map(|b| strip_signoff(&trim_body(&decode(b))).to_string())
            .unwrap_or_default();
    }
    article
}

/// The value of `NAME="value"` inside an opening tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let preceded_by_space = tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = &tag[from..];
        if let (true, Some(rest)) = (preceded_by_space, rest.strip_prefix("=\"")) {
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            return non_empty(value.trim().to_string());
        }
    }
    None
}

/// The raw content of the first `<NAME ...>` element in `hay`: up to `</NAME>`, or when that is
/// missing, up to the next tag (Reuters escapes `<` in text, so a raw `<` always starts a tag).
fn element<'a>(hay: &'a str, name: &str) -> Option<&'a str> {
    let open = find_open_tag(hay, name)?;
    let content = &hay[open..];
    let end = content
        .find(&format!("</{name}>"))
        .or_else(|| content.find('<'))
        .unwrap_or(content.len());
    Some(&content[..end])
}

/// Like [`element`] for an element that holds other tags (`<TEXT>`): without its end tag it
/// runs to the end of the story.
fn container<'a>(hay: &'a str, name: &str) -> Option<&'a str> {
    let open = find_open_tag(hay, name)?;
    let content = &hay[open..];
    let end = content.find(&format!("</{name}>")).unwrap_or(content.len());
    Some(&content[..end])
}

/// Byte offset just after the `>` of the first `<NAME>` or `<NAME attr...>` tag.
fn find_open_tag(hay: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + hay[from..].find('<')?;
        let rest = &hay[at + 1..];
        from = at + 1;
        if let Some(after) = rest.strip_prefix(name) {
            match after.bytes().next() {
                Some(b'>') => return Some(at + 1 + name.len() + 1),
                Some(b' ' | b'\t' | b'\n') => {
                    return Some(at + 1 + name.len() + after.find('>')? + 1);
                }
                _ => {}
            }
        }
    }
}

/// The `<D>code</D>` values of a category element, decoded and trimmed.
fn codes(content: Option<&str>) -> Vec<String> {
    let Some(mut rest) = content else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Some(i) = rest.find("<D>") {
        rest = &rest[i + 3..];
        let end = rest.find("</D>").unwrap_or(rest.len());
        if let Some(code) = non_empty(decode(&rest[..end]).trim().to_string()) {
            out.push(code);
        }
        rest = &rest[end..];
    }
    out
}

/// Decodes character entities and drops control characters: the distribution writes wire
/// control codes as `&#2;`, `&#3;`, `&#5;` ... and they must never reach the index or a terminal.
/// Newlines and tabs are kept; CR LF and lone CR become LF.
pub(crate) fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['&', '\r']) {
        push_clean(&mut out, &rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        match entity(rest) {
            Some((decoded, len)) => {
                if let Some(c) = decoded.filter(|c| !is_dropped_control(*c)) {
                    out.push(c);
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_clean(&mut out, rest);
    out
}

fn push_clean(out: &mut String, s: &str) {
    if s.chars().any(is_dropped_control) {
        out.extend(s.chars().filter(|c| !is_dropped_control(*c)));
    } else {
        out.push_str(s);
    }
}

fn is_dropped_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// An entity at the start of `s` (`&lt;`, `&#3;`, `&#x41;`): its character (`None` for a code
/// point that is not a character) and its length. `None` when `s` does not start an entity.
fn entity(s: &str) -> Option<(Option<char>, usize)> {
    let head = &s.as_bytes()[1.min(s.len())..s.len().min(12)];
    let semi = head.iter().position(|&b| b == b';')? + 1;
    let name = &s[1..semi];
    let c = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code)
        }
    };
    Some((c, semi + 1))
}

/// Whitespace runs (including line breaks) collapsed to single spaces, trimmed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Blank lines at the start and all trailing whitespace removed; the indentation of the first
/// line is kept because wire tables depend on it.
fn trim_body(s: &str) -> String {
    let start = s
        .char_indices()
        .take_while(|(_, c)| c.is_whitespace())
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    s[start..].trim_end().to_string()
}

/// The body without its closing ` Reuter` sign-off (`Reuter`, `REUTER...`, `reuter^M` on their
/// own last line, or a bare `Reuter` as the last word).
fn strip_signoff(body: &str) -> &str {
    let body = body.trim_end();
    let line_start = body.rfind('\n').map_or(0, |i| i + 1);
    let last_line = body[line_start..].trim();
    if is_signoff(last_line) {
        return body[..line_start].trim_end();
    }
    // The last whitespace may be a multi-byte space (U+00A0): step over its whole width.
    match body.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) if body[i + c.len_utf8()..].eq_ignore_ascii_case("reuter") => {
            body[..i].trim_end()
        }
        _ => body,
    }
}

/// `Reuter` or `Reuters` in any case, with trailing dots, stars or a literal `^M` after it.
fn is_signoff(line: &str) -> bool {
    let word = line
        .trim_end_matches(['.', '*'])
        .trim_end_matches("^M")
        .trim_end_matches(['.', '*']);
    word.eq_ignore_ascii_case("reuter") || word.eq_ignore_ascii_case("reuters")
}

/// The first non-blank line of an unprocessed story, when short enough to be a title.
fn first_line_headline(body: &str) -> String {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty());
    match line {
        Some(l) if l.chars().count() <= 120 => one_line(l),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Date, Month};

    fn story(newid: u32, inner: &str) -> String {
        format!("<REUTERS TOPICS=\"NO\" OLDID=\"9\" NEWID=\"{newid}\">\n{inner}\n</REUTERS>\n")
    }

    const NORMAL: &str = "<DATE> 4-MAR-1987 10:11:12.13</DATE>\n\
        <PLACES><D>norway</D><D>usa</D></PLACES>\n<PEOPLE><D>jane-doe</D></PEOPLE>\n\
        <UNKNOWN>&#5;&#5;&#5;X\n&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>\n\
        <TEXT>&#2;\n<AUTHOR>    By Kari Nordmann, Reuters</AUTHOR>\n\
        <TITLE>ACME &lt;ACM> BUYS WIDGET MAKER</TITLE>\n\
        <DATELINE>    OSLO, March 4 - </DATELINE><BODY>Acme Corp said it agreed to buy\n\
        a maker of small widgets &amp; gears.\n    The price was not given.\n Reuter\n&#3;</BODY></TEXT>";

    #[test]
    fn reads_a_normal_story() {
        let text = format!(
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n{}",
            story(7, NORMAL)
        );
        let got = read(&text).unwrap();
        assert!(got.warnings.is_empty());
        let a = &got.articles[0];
        assert_eq!(a.source_id.as_deref(), Some("7"));
        assert_eq!(a.line, Some(2));
        assert_eq!(a.headline, "ACME <ACM> BUYS WIDGET MAKER");
        assert_eq!(a.dateline.as_deref(), Some("OSLO, March 4 -"));
        assert_eq!(a.author.as_deref(), Some("By Kari Nordmann, Reuters"));
        assert_eq!(
            a.body,
            "Acme Corp said it agreed to buy\na maker of small widgets & gears.\n    The price was not given."
        );
        assert_eq!(
            a.date,
            Some(Date::from_calendar_date(1987, Month::March, 4).unwrap())
        );
        assert_eq!(a.places, vec!["norway", "usa"]);
        assert_eq!(a.people_codes, vec!["jane-doe"]);
        assert!(!a.needs_cleanup);
    }

    #[test]
    fn keeps_brief_and_unproc_stories() {
        let brief = story(
            1,
            "<DATE>5-MAR-1987 01:02:03.04</DATE>\n<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>SHORT ITEM\n</TITLE>Blah.\n&#3;\n</TEXT>",
        );
        let unproc = story(
            2,
            "<DATE>5-MAR-1987 01:02:03.04</DATE>\n<TEXT TYPE=\"UNPROC\">&#2;\nWEEKLY TABLE - MAR 5\n  Item one......12 vs 10\n\n Reuter\n&#3;</TEXT>",
        );
        let got = read(&(brief + &unproc)).unwrap();
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[0].headline, "SHORT ITEM");
        assert_eq!(got.articles[0].body, "");
        assert_eq!(got.articles[1].headline, "WEEKLY TABLE - MAR 5");
        assert_eq!(
            got.articles[1].body,
            "WEEKLY TABLE - MAR 5\n  Item one......12 vs 10"
        );
        assert_eq!((got.articles[0].ordinal, got.articles[1].ordinal), (0, 1));
        assert_eq!(got.articles[1].line, Some(9));
    }

    #[test]
    fn missing_end_tag_does_not_swallow_the_next_story() {
        let broken = "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>FIRST</TITLE><BODY>one\n</BODY></TEXT>\n";
        let text = format!("{broken}{}", story(2, "<TEXT><TITLE>SECOND</TITLE></TEXT>"));
        let got = read(&text).unwrap();
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[0].headline, "FIRST");
        assert_eq!(got.articles[1].headline, "SECOND");
        assert_eq!(got.warnings.len(), 1);
        assert!(got.warnings[0].starts_with("line 1:"), "{:?}", got.warnings);
    }

    #[test]
    fn junk_dates_and_control_entities() {
        let inner = "<DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>\n\
            <TEXT><TITLE>A&#127;B&#27;C</TITLE><BODY>x&#30;y &#233; &#99999999; &bogus; &#</BODY></TEXT>";
        let got = read(&story(3, inner)).unwrap();
        let a = &got.articles[0];
        assert_eq!(
            a.date,
            Some(Date::from_calendar_date(1987, Month::March, 27).unwrap())
        );
        assert_eq!(a.headline, "ABC");
        assert_eq!(a.body, "xy é  &bogus; &#");
    }

    #[test]
    fn survives_truncated_and_garbage_input() {
        for text in [
            "<REUTERS",
            "<REUTERS NEWID=\"5",
            "<REUTERS NEWID=\"5\"><DATE>1-JAN-",
            "<REUTERS ><TEXT TYPE=\"",
            "<REUTERS>\n<TEXT><TITLE>é&#",
            "<REUTERS>&#x;&#;&;&amp",
        ] {
            let got = read(text).unwrap();
            assert_eq!(got.articles.len(), 1, "{text:?}");
            assert_eq!(got.warnings.len(), 1, "{text:?}");
        }
        assert_eq!(read("no stories here").unwrap_err(), ReadError::Unsupported);
        assert_eq!(read("<REUTERSX>").unwrap_err(), ReadError::Unsupported);
    }

    #[test]
    fn sign_off_variants() {
        assert_eq!(strip_signoff("Done.\n Reuter"), "Done.");
        assert_eq!(strip_signoff("Done.\n REUTER..."), "Done.");
        assert_eq!(strip_signoff("Done.\n reuter^M"), "Done.");
        assert_eq!(strip_signoff("Done. Reuter"), "Done.");
        assert_eq!(strip_signoff("He told Reuter."), "He told Reuter.");
        assert_eq!(strip_signoff("Talks go on.\n MORE"), "Talks go on.\n MORE");
    }
}

/// Reads the real distribution when it is present (`NEWSDEX_SHARED` or `../shared` beside the
/// crate); skipped with a note otherwise.
#[cfg(test)]
mod corpus_tests {
    use std::path::PathBuf;

    fn corpus_dir() -> Option<PathBuf> {
        let shared = std::env::var_os("NEWSDEX_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
        let dir = shared.join("corpora/reuters21578");
        dir.is_dir().then_some(dir)
    }

    #[test]
    fn reads_the_whole_reuters_distribution() {
        let Some(dir) = corpus_dir() else {
            eprintln!("note: Reuters corpus not found (set NEWSDEX_SHARED); test skipped");
            return;
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
            .collect();
        files.sort();
        assert_eq!(files.len(), 22);
        let (mut total, mut datelines, mut people, mut bytes, mut empty) = (0, 0, 0, 0, 0);
        let started = std::time::Instant::now();
        let mut articles = Vec::new();
        for path in &files {
            let raw = std::fs::read(path).unwrap();
            bytes += raw.len();
            let got = super::super::read_file_bytes(path, &raw, u64::MAX).unwrap();
            // The distribution holds stories with no title and no text (an UNPROC story of
            // control characters only): those, and nothing else, are warnings.
            for w in &got.warnings {
                assert!(w.contains("no headline and no body"), "{path:?}: {w}");
            }
            empty += got.warnings.len();
            articles.extend(got.articles);
        }
        let secs = started.elapsed().as_secs_f64();
        for a in &articles {
            total += 1;
            datelines += usize::from(a.dateline.as_deref().is_some_and(|d| !d.is_empty()));
            people += usize::from(!a.people_codes.is_empty());
            assert!(a.date.is_some(), "no date: NEWID {:?}", a.source_id);
            let bad = |s: &str| s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
            assert!(!bad(&a.headline) && !bad(&a.body), "{:?}", a.source_id);
        }
        eprintln!(
            "reuters: {total} stories, {datelines} datelines, {people} with people, \
             {:.1} MB in {secs:.3}s = {:.1} MB/s",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
        eprintln!("reuters: {empty} stories with no text dropped");
        assert_eq!(total + empty, 21_578);
        assert!(empty < 10, "{empty} empty stories");
        assert_eq!(datelines, 19_043);
        assert_eq!(people, 1_156);
        let umlaut = articles
            .iter()
            .find(|a| a.source_id.as_deref() == Some("17980"))
            .unwrap();
        assert!(umlaut.body.contains('\u{fc}'), "0xFC byte not decoded");
        assert!(!umlaut.body.contains('\u{fffd}'));
    }
}
