//! Format readers: one per [`Format`], each turning decoded text into [`RawArticle`]s.
//!
//! [`read_file_bytes`] is the single entry point: it unwraps gzip, rejects binary content,
//! decodes the text and dispatches on the format found by [`detect`].

pub mod dates;
pub mod html;
pub mod json;
pub mod sgml;
pub mod text;

use std::path::Path;

use crate::ingest::decode::{self, DecodeError};
use crate::model::RawArticle;

/// The formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    Jsonl,
    ReutersSgml,
}

/// Why a file produced no articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a format newsdex reads (by extension and content). Counted as skipped.
    Unsupported,
    /// Binary content. Counted as skipped.
    Binary,
    /// Text that is not an article (a README, a word list). Counted as skipped, with the reason.
    NotArticle(&'static str),
    /// Damaged input; `line` is 1-based where known. Counted as failed.
    Malformed { line: Option<usize>, reason: String },
    /// Invalid gzip or over the size limit. Counted as failed.
    Decode(DecodeError),
}

impl ReadError {
    /// Skips are expected (not our format); failures are damaged input the user should hear about.
    pub fn is_skip(&self) -> bool {
        matches!(
            self,
            ReadError::Unsupported | ReadError::Binary | ReadError::NotArticle(_)
        )
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unsupported => {
                f.write_str("not a supported format (txt, html, json, jsonl, sgm, or .gz of these)")
            }
            ReadError::Binary => f.write_str("binary content, not text"),
            ReadError::NotArticle(why) => f.write_str(why),
            ReadError::Malformed {
                line: Some(l),
                reason,
            } => write!(f, "line {l}: {reason}"),
            ReadError::Malformed { line: None, reason } => f.write_str(reason),
            ReadError::Decode(e) => e.fmt(f),
        }
    }
}

/// What a file yielded: its articles, plus problems with single articles that did not stop the
/// rest (reported as warnings).
#[derive(Debug, Default)]
pub struct FileArticles {
    pub articles: Vec<RawArticle>,
    pub warnings: Vec<String>,
}

/// Picks the format from the extension (after removing `.gz`), falling back to sniffing content
/// for unknown extensions. Returns `None` for files that are not articles.
pub fn detect(path: &Path, text_head: &str) -> Option<Format> {
    // Bytes, not a lower-cased copy: this runs for every file of every re-run.
    let name = path.file_name()?.as_encoded_bytes();
    let name = match name.len().checked_sub(3) {
        Some(cut) if name[cut..].eq_ignore_ascii_case(b".gz") => &name[..cut],
        _ => name,
    };
    let ext = name
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(&b""[..], |dot| &name[dot + 1..]);
    let is = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n.as_bytes()));
    if is(&["txt", "text"]) {
        Some(sniff(text_head).unwrap_or(Format::Text))
    } else if is(&["html", "htm", "xhtml"]) {
        Some(Format::Html)
    } else if is(&["json"]) {
        Some(Format::Json)
    } else if is(&["jsonl", "ndjson"]) {
        Some(Format::Jsonl)
    } else if is(&["sgm", "sgml"]) {
        Some(Format::ReutersSgml)
    } else {
        None
    }
}

/// True for formats that hold several articles per file, whose ids therefore always carry the
/// article's position or source id (stable even when the file holds one article today).
pub fn is_multi_article(path: &Path) -> bool {
    matches!(
        detect(path, ""),
        Some(Format::Json | Format::Jsonl | Format::ReutersSgml)
    )
}

/// Recognises content whose extension lies (an HTML page saved as `.txt`, Reuters SGML, JSON).
fn sniff(head: &str) -> Option<Format> {
    // Compared in place, without a lower-cased copy: this runs for every `.txt` file.
    let t = head.trim_start().as_bytes();
    let opens = |tag: &str| {
        t.get(..tag.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(tag.as_bytes()))
    };
    if opens("<!doctype html") || opens("<html") {
        Some(Format::Html)
    } else if opens("<!doctype lewis") || opens("<reuters") {
        Some(Format::ReutersSgml)
    } else {
        None
    }
}

/// Reads one file's bytes into articles. `limit` bounds gzip decompression.
pub fn read_file_bytes(path: &Path, bytes: &[u8], limit: u64) -> Result<FileArticles, ReadError> {
    let plain;
    let bytes = if decode::is_gzip(bytes) {
        plain = decode::gunzip(bytes, limit).map_err(ReadError::Decode)?;
        &plain[..]
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Err(ReadError::Decode(DecodeError::Gzip(
            "missing gzip header".into(),
        )));
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::NotArticle(EMPTY));
    }
    if decode::is_binary(bytes) {
        return Err(ReadError::Binary);
    }
    let mut text = decode::decode(bytes);
    // Sniffing needs only the start (it reads 200 characters after leading space).
    let head = &text[..text.floor_char_boundary(2048)];
    let format = detect(path, head).ok_or(ReadError::Unsupported)?;
    if format == Format::Html {
        text = decode::decode_html(bytes);
    }
    let found = match format {
        Format::Text => text::read(path, &text),
        Format::Html => html::read(&text),
        Format::Json => json::read(&text),
        Format::Jsonl => json::read_lines(&text),
        Format::ReutersSgml => sgml::read(&text),
    }?;
    keep_articles_with_text(found)
}

/// The skip reason of a file with no bytes but white space.
pub const EMPTY: &str = "empty";
/// The skip reason of a file whose articles hold no text at all (a page of bare tags, `[]`).
pub const NO_TEXT: &str = "no text";

/// Drops articles with neither headline nor body: an empty article is nothing a search can find,
/// and indexing it hides a broken file. Each dropped article of a many-article file is a warning
/// with its line; a file left with no article is skipped as [`NO_TEXT`].
fn keep_articles_with_text(mut found: FileArticles) -> Result<FileArticles, ReadError> {
    let before = found.articles.len();
    let mut dropped = Vec::new();
    found.articles.retain(|a| {
        let keep = crate::model::has_text(&a.headline, &a.body);
        if !keep && before > 1 {
            dropped.push(match a.line {
                Some(line) => format!("line {line}: article with no headline and no body, skipped"),
                None => format!(
                    "article {}: no headline and no body, skipped",
                    a.ordinal + 1
                ),
            });
        }
        keep
    });
    if found.articles.is_empty() {
        return Err(ReadError::NotArticle(NO_TEXT));
    }
    found.warnings.extend(dropped);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn detects_by_extension_then_content() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(detect(&p("a/b.HTM"), ""), Some(Format::Html));
        assert_eq!(detect(&p("b.json.gz"), ""), Some(Format::Json));
        assert_eq!(detect(&p("b.ndjson"), ""), Some(Format::Jsonl));
        assert_eq!(detect(&p("reut.sgm"), ""), Some(Format::ReutersSgml));
        assert_eq!(
            detect(&p("page.txt"), "  <!DOCTYPE html>"),
            Some(Format::Html)
        );
        assert_eq!(
            detect(&p("x.txt"), "<REUTERS NEWID=\"1\">"),
            Some(Format::ReutersSgml)
        );
        assert_eq!(detect(&p("notes.txt"), "Just words"), Some(Format::Text));
        assert_eq!(detect(&p("lewis.dtd"), ""), None);
        assert_eq!(detect(&p("README"), ""), None);
        assert!(is_multi_article(&p("x.jsonl")) && !is_multi_article(&p("x.txt")));
    }

    #[test]
    fn reads_gzip_and_rejects_binary_and_bad_gzip() {
        let path = Path::new("story.json.gz");
        let got = read_file_bytes(path, &gz(br#"{"title": "Zipped"}"#), 1 << 20).unwrap();
        assert_eq!(got.articles[0].headline, "Zipped");
        assert!(matches!(
            read_file_bytes(path, b"not gzip at all", 1 << 20),
            Err(ReadError::Decode(DecodeError::Gzip(_)))
        ));
        let bomb = gz(&vec![b' '; 5000]);
        assert!(matches!(
            read_file_bytes(path, &bomb, 100),
            Err(ReadError::Decode(DecodeError::TooLarge { .. }))
        ));
        let binary = read_file_bytes(Path::new("a.txt"), b"\x00\x01\x02\x03binary", 1 << 20);
        assert_eq!(binary.unwrap_err(), ReadError::Binary);
        let other = read_file_bytes(Path::new("a.pdf"), b"text", 1 << 20);
        assert!(other.unwrap_err().is_skip());
    }

    #[test]
    fn html_charset_and_utf16_text_reach_the_readers() {
        let page = b"<meta charset=\"iso-8859-1\"><body><p>Caf\xe9 opens.</p></body>";
        let got = read_file_bytes(Path::new("p.html"), page, 1 << 20).unwrap();
        assert_eq!(got.articles[0].body, "Café opens.");
        let utf16: Vec<u8> = "Plain words."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let got = read_file_bytes(Path::new("t.txt"), &utf16, 1 << 20).unwrap();
        assert_eq!(got.articles[0].body, "Plain words.");
    }
}
