//! JSON (one object or an array of objects) and JSON Lines: common keys mapped to article fields,
//! unknown keys ignored, one article per object.
//!
//! Keys are matched case-insensitively (`publishedAt` = `publishedat`). A whole `.json` file that
//! does not parse is malformed; in JSON Lines a bad line is a warning and the other lines count.
//! serde_json's recursion limit (128) turns absurdly deep nesting into an error, not a crash.

use serde_json::{Map, Value};

use super::dates;
use super::{FileArticles, ReadError};
use crate::model::RawArticle;

/// Keys holding an article list inside a wrapper object (`{"articles": [...]}`).
const WRAPPER_KEYS: &[&str] = &["articles", "items", "data"];
const HEADLINE_KEYS: &[&str] = &["headline", "title", "name"];
const BODY_KEYS: &[&str] = &["body", "text", "content", "article", "description"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedat",
    "datepublished",
    "pubdate",
    "created_at",
];
const URL_KEYS: &[&str] = &["url", "link"];
const AUTHOR_KEYS: &[&str] = &["author", "byline"];
const ID_KEYS: &[&str] = &["id", "_id", "guid"];

/// A `.json` file: one object, an array of objects, or a wrapper object holding an array.
pub fn read(text: &str) -> Result<FileArticles, ReadError> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // A `.json` file that is really one object per line: read it as such.
        Err(_) if looks_like_json_lines(text) => return read_lines(text),
        Err(e) => {
            return Err(ReadError::Malformed {
                line: Some(e.line()),
                reason: message_with_column(&e),
            });
        }
    };
    let start = text.len() - text.trim_start().len();
    let mut out = FileArticles::default();
    match value {
        Value::Array(items) => {
            let lines = lines_of(text, &array_element_starts(text, start));
            push_items(&mut out, items, &lines);
        }
        Value::Object(mut map) => match wrapper_array(&map) {
            Some(key) => {
                let lines = member_value_start(text, start, &key)
                    .map(|at| lines_of(text, &array_element_starts(text, at)))
                    .unwrap_or_default();
                if let Some(Value::Array(items)) = map.remove(&key) {
                    push_items(&mut out, items, &lines);
                }
            }
            None => push_object(&mut out, &map, 0, Some(line_at(text, start))),
        },
        _ => {
            return Err(ReadError::Malformed {
                line: Some(line_at(text, start)),
                reason: "expected a JSON object or an array of objects".into(),
            });
        }
    }
    Ok(out)
}

/// A `.jsonl` / `.ndjson` file: one object per line; a bad line is a warning naming it.
pub fn read_lines(text: &str) -> Result<FileArticles, ReadError> {
    let mut out = FileArticles::default();
    let mut ordinal = 0;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => push_object(&mut out, &map, ordinal, Some(number)),
            Ok(_) => out
                .warnings
                .push(format!("line {number}: expected a JSON object")),
            Err(e) => out
                .warnings
                .push(format!("line {number}: {}", message_with_column(&e))),
        }
        ordinal += 1;
    }
    Ok(out)
}

/// serde_json's message with its own `at line L column C` replaced by `at column C` (the caller
/// names the line).
fn message_with_column(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let base = msg.strip_suffix(&suffix).unwrap_or(&msg);
    format!("{base} at column {}", e.column())
}

/// True when the first non-blank line is a complete JSON object and more text follows.
fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first_is_object = lines
        .next()
        .is_some_and(|l| matches!(serde_json::from_str::<Value>(l), Ok(Value::Object(_))));
    first_is_object && lines.next().is_some()
}

/// The first key naming an article array in a wrapper object, case-insensitively.
fn wrapper_array(map: &Map<String, Value>) -> Option<String> {
    WRAPPER_KEYS.iter().find_map(|want| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(want) && v.is_array())
            .map(|(k, _)| k.clone())
    })
}

fn push_items(out: &mut FileArticles, items: Vec<Value>, lines: &[usize]) {
    for (ordinal, item) in items.into_iter().enumerate() {
        let line = lines.get(ordinal).copied();
        match item {
            Value::Object(map) => push_object(out, &map, ordinal, line),
            _ => out.warnings.push(format!(
                "{}item {ordinal}: not a JSON object, skipped",
                line_prefix(line)
            )),
        }
    }
}

fn line_prefix(line: Option<usize>) -> String {
    line.map(|l| format!("line {l}: ")).unwrap_or_default()
}

/// Adds the article an object describes, or a warning when it has neither headline nor body.
fn push_object(
    out: &mut FileArticles,
    map: &Map<String, Value>,
    ordinal: usize,
    line: Option<usize>,
) {
    let article = to_article(map, ordinal, line);
    if article.headline.trim().is_empty() && article.body.trim().is_empty() {
        out.warnings.push(format!(
            "{}item {ordinal}: no headline or body, skipped",
            line_prefix(line)
        ));
    } else {
        out.articles.push(article);
    }
}

/// Maps the known keys of one object to an article.
fn to_article(map: &Map<String, Value>, ordinal: usize, line: Option<usize>) -> RawArticle {
    let get = |keys: &[&str]| first_value(map, keys);
    RawArticle {
        ordinal,
        line,
        source_id: get(ID_KEYS).and_then(id_string),
        headline: get(HEADLINE_KEYS)
            .and_then(text_of)
            .map(|s| decode_entities(&s))
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        body: get(BODY_KEYS).and_then(text_of).unwrap_or_default(),
        dateline: get(&["dateline"])
            .and_then(text_of)
            .map(|s| s.trim().to_string()),
        date: get(DATE_KEYS).and_then(date_of),
        people_codes: get(&["people"]).map(string_list).unwrap_or_default(),
        places: get(&["places"]).map(string_list).unwrap_or_default(),
        url: get(URL_KEYS).and_then(text_of),
        author: get(AUTHOR_KEYS).and_then(author_of),
        needs_cleanup: false,
        // JSON records are often table rows and wire dumps, as the Reuters files are.
        dateline_in_body: false,
    }
}

/// The value of the first key (in priority order) present with a non-empty value.
fn first_value<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|want| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(want) && !is_empty(v))
            .map(|(_, v)| v)
    })
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A string, an array of strings joined as paragraphs, or an object holding the text under
/// `rendered`/`html`/`text`/`value` (WordPress and CMS exports). HTML markup is reduced to
/// its paragraphs; control characters are removed.
fn text_of(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) if looks_like_html(s) => super::html::fragment_text(s),
        Value::String(s) => s.clone(),
        Value::Object(m) => {
            return first_value(m, &["rendered", "html", "text", "value"]).and_then(text_of);
        }
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => return None,
    };
    let text = strip_controls(&text);
    (!text.trim().is_empty()).then_some(text)
}

/// `Vote &amp; count` -> `Vote & count`: CMS exports escape titles; plain text passes unchanged.
fn decode_entities(s: &str) -> String {
    let escaped = s.find('&').is_some_and(|i| s[i..].contains(';'));
    if escaped && !s.contains('<') {
        super::html::fragment_text(s)
    } else {
        s.to_string()
    }
}

/// True when a string carries HTML paragraph or line markup rather than plain text.
fn looks_like_html(s: &str) -> bool {
    let lower = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    ["</p>", "<br", "</div>", "<p>", "</li>"]
        .iter()
        .any(|t| lower.contains(t))
}

/// Drops control characters other than newline and tab; CR LF becomes LF.
fn strip_controls(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn date_of(v: &Value) -> Option<time::Date> {
    match v {
        Value::String(s) => dates::parse_any(s),
        Value::Number(n) => dates::from_unix(n.as_f64()?),
        _ => None,
    }
}

fn id_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        // MongoDB exports write ids as `{"$oid": "..."}`.
        Value::Object(m) => m.get("$oid").and_then(id_string),
        _ => None,
    }
}

/// Names from an array (of strings or `{"name": ..}` objects) or a `;`/`,`-separated string.
fn string_list(v: &Value) -> Vec<String> {
    let parts: Vec<String> = match v {
        Value::String(s) => {
            let sep = if s.contains(';') { ';' } else { ',' };
            s.split(sep).map(str::to_string).collect()
        }
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        _ => Vec::new(),
    };
    parts
        .into_iter()
        .map(|p| strip_controls(p.trim()))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A string, or the `name` of an object.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => first_value(m, &["name"]).and_then(|n| n.as_str().map(str::to_string)),
        _ => None,
    }
}

/// `"Jane Roe"`, `{"name": "Jane Roe"}` or a list of either (joined with `, `).
fn author_of(v: &Value) -> Option<String> {
    let names = match v {
        Value::Array(_) => string_list(v),
        _ => name_of(v)
            .map(|n| vec![strip_controls(n.trim())])
            .unwrap_or_default(),
    };
    let joined = names.join(", ");
    (!joined.is_empty()).then_some(joined)
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// 1-based lines of ascending byte offsets, counted in one pass.
fn lines_of(text: &str, offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut pos) = (1, 0);
    offsets
        .iter()
        .map(|&at| {
            let at = at.min(bytes.len());
            line += bytes[pos.min(at)..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            pos = at;
            line
        })
        .collect()
}

/// Byte offsets where the elements of the (valid) JSON array starting at `open` begin.
fn array_element_starts(text: &str, open: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut expect_value = true;
    scan_top_level(text, open, |at, b| {
        if b == b',' {
            expect_value = true;
        } else if expect_value {
            starts.push(at);
            expect_value = false;
        }
    });
    starts
}

/// Byte offset of the value of member `key` in the (valid) JSON object starting at `open`.
fn member_value_start(text: &str, open: usize, key: &str) -> Option<usize> {
    let wanted = serde_json::to_string(key).ok()?;
    let (mut found, mut after_colon, mut key_matches) = (None, false, false);
    scan_top_level(text, open, |at, b| {
        if found.is_some() {
            return;
        }
        match b {
            b':' => after_colon = true,
            b',' => (after_colon, key_matches) = (false, false),
            _ if after_colon => {
                if key_matches {
                    found = Some(at);
                }
                after_colon = false;
            }
            b'"' => key_matches = text[at..].starts_with(&wanted),
            _ => {}
        }
    });
    found
}

/// Calls `visit(offset, byte)` for every non-blank byte directly inside the container opened at
/// `open` that starts a value or is a separator; nested containers and string contents are
/// skipped. Linear, and iterative: it never recurses, whatever the nesting.
fn scan_top_level(text: &str, open: usize, mut visit: impl FnMut(usize, u8)) {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if b.is_ascii_whitespace() {
            continue;
        }
        let top = depth == 0;
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if top => return,
            b']' | b'}' => {
                depth -= 1;
                continue;
            }
            _ => {}
        }
        if top {
            visit(at, b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Date, Month};

    fn date(y: i32, m: Month, d: u8) -> Option<Date> {
        Date::from_calendar_date(y, m, d).ok()
    }

    #[test]
    fn maps_keys_case_insensitively() {
        let text = r#"{"Title": "Rain  expected", "TEXT": ["First part.", "Second part."],
            "publishedAt": "2024-05-06T07:08:09Z", "People": "Ana Lima; Bo Chen",
            "link": "https://example.org/a", "byline": {"name": "Cy Park"}, "_id": 42,
            "dateline": " LISBON, May 6 - ", "extra": {"ignored": true}}"#;
        let got = read(text).unwrap();
        assert!(got.warnings.is_empty());
        let a = &got.articles[0];
        assert_eq!(a.headline, "Rain expected");
        assert_eq!(a.body, "First part.\n\nSecond part.");
        assert_eq!(a.date, date(2024, Month::May, 6));
        assert_eq!(a.people_codes, vec!["Ana Lima", "Bo Chen"]);
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.author.as_deref(), Some("Cy Park"));
        assert_eq!(a.source_id.as_deref(), Some("42"));
        assert_eq!(a.dateline.as_deref(), Some("LISBON, May 6 -"));
        assert_eq!((a.line, a.ordinal, a.needs_cleanup), (Some(1), 0, false));
    }

    #[test]
    fn arrays_and_wrappers_carry_lines() {
        let text = "[\n {\"title\": \"One\", \"date\": \"Tue, 25 Nov 2025 10:00:00 GMT\"},\n\n \
                    {\"headline\": \"Two\", \"tags\": [\"a]\", {\"b\": \"}\"}]},\n {\"id\": \"x\"}\n]";
        let got = read(text).unwrap();
        let lines: Vec<_> = got.articles.iter().map(|a| a.line).collect();
        assert_eq!(lines, vec![Some(2), Some(4)]);
        assert_eq!(got.articles[0].date, date(2025, Month::November, 25));
        assert_eq!(got.articles[1].ordinal, 1);
        assert_eq!(
            got.warnings,
            vec!["line 5: item 2: no headline or body, skipped"]
        );

        let wrapped = "{\"meta\": {\"items\": 1},\n \"Articles\": [\n  {\"name\": \"A\", \"created_at\": 1700000000},\n  {\"body\": \"B\"}]}";
        let got = read(wrapped).unwrap();
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[0].line, Some(3));
        assert_eq!(got.articles[1].line, Some(4));
        assert_eq!(got.articles[0].date, date(2023, Month::November, 14));
    }

    #[test]
    fn malformed_json_names_the_line() {
        let err = read("{\"title\": \"a\",\n \"body\": }").unwrap_err();
        assert_eq!(
            err,
            ReadError::Malformed {
                line: Some(2),
                reason: "expected value at column 10".into()
            }
        );
        assert!(matches!(read("   "), Err(ReadError::Malformed { .. })));
        assert!(matches!(read("42"), Err(ReadError::Malformed { .. })));
    }

    #[test]
    fn json_lines_keep_going_after_a_bad_line() {
        let text = "{\"title\": \"a\"}\n\n{\"title\": \nnot json\n[1]\n{\"body\": \"b\", \"author\": [\"X\", {\"name\": \"Y\"}]}\n";
        let got = read_lines(text).unwrap();
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[1].line, Some(6));
        assert_eq!(got.articles[1].author.as_deref(), Some("X, Y"));
        assert_eq!(got.warnings.len(), 3);
        assert_eq!(
            got.warnings[0],
            "line 3: EOF while parsing a value at column 10"
        );
        assert_eq!(got.warnings[1], "line 4: expected ident at column 2");
        assert_eq!(got.warnings[2], "line 5: expected a JSON object");
    }

    #[test]
    fn html_bodies_and_rendered_objects() {
        let text = r#"{"title": {"rendered": "Vote &amp; count"},
            "content": {"rendered": "<p>First &amp; foremost.</p>\n<p>Then more.</p>"}}"#;
        let got = read(text).unwrap();
        assert_eq!(got.articles[0].body, "First & foremost.\n\nThen more.");
        assert_eq!(got.articles[0].headline, "Vote & count");
        let plain = read(r#"{"body": "Prices < 5 and > 2 <3"}"#).unwrap();
        assert_eq!(plain.articles[0].body, "Prices < 5 and > 2 <3");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(matches!(read(&deep), Err(ReadError::Malformed { .. })));
        let got = read_lines(&format!("{deep}\n{{\"title\": \"ok\"}}")).unwrap();
        assert_eq!(got.articles.len(), 1);
        assert!(
            got.warnings[0].contains("recursion limit"),
            "{:?}",
            got.warnings
        );
        let objects = "{\"a\":".repeat(100_000);
        assert!(read(&objects).is_err());
    }

    #[test]
    fn json_lines_in_a_json_file_and_odd_values() {
        let got =
            read("{\"title\": \"a\"}\n{\"title\": \"b\", \"date\": \"someday\", \"body\": 5}\n")
                .unwrap();
        assert_eq!(got.articles.len(), 2);
        assert_eq!(got.articles[1].date, None);
        assert_eq!(got.articles[1].body, "");
        let got = read("{\"title\": \"t\\u001b[31m\", \"body\": \"x\\u0007y\\r\\nz\"}").unwrap();
        assert_eq!(got.articles[0].headline, "t[31m");
        assert_eq!(got.articles[0].body, "xy\nz");
    }
}
