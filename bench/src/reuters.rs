//! Reads the Reuters-21578 `.sgm` files into plain [`Story`] values, the seed of the benchmark
//! corpus. The newsdex library reader (`ingest::formats::read_file_bytes`) is used when it yields
//! stories; until the SGML reader lands there, a small scan of `<REUTERS>…</REUTERS>` does the job.

use std::path::Path;

use anyhow::Context;

/// One story, reduced to what the benchmark corpus needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Story {
    /// The source id (`NEWID`), or the ordinal in the collection when absent.
    pub id: String,
    pub title: String,
    /// The dateline as written, trimmed (`SALVADOR, Feb 26 -`); may be empty.
    pub dateline: String,
    pub body: String,
    /// `YYYY-MM-DD`, when the story carries a date.
    pub date: Option<String>,
}

impl Story {
    /// The text written into the `.txt` file after the headline: dateline and body on one run.
    pub fn text(&self) -> String {
        match (self.dateline.is_empty(), self.body.is_empty()) {
            (true, _) => self.body.clone(),
            (false, true) => self.dateline.clone(),
            (false, false) => format!("{} {}", self.dateline, self.body),
        }
    }
}

/// Which reader produced the stories, recorded in the corpus manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Library,
    OwnScan,
}

impl Source {
    /// Short name for the manifest and the report.
    pub fn name(self) -> &'static str {
        match self {
            Source::Library => "newsdex SGML reader",
            Source::OwnScan => "bench SGML scan",
        }
    }
}

/// Reads every `*.sgm` under `dir`, sorted by name. Prefers the library reader, falling back to
/// the own scan when the library finds no story in the first file.
pub fn load(dir: &Path) -> anyhow::Result<(Vec<Story>, Source)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("sgm")))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("no .sgm files in {}", dir.display());
    }
    let mut source = None;
    let mut stories = Vec::new();
    for path in &files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let use_library = match source {
            Some(s) => s == Source::Library,
            None => {
                let found = from_library(path, &bytes);
                let s = if found.is_empty() {
                    Source::OwnScan
                } else {
                    Source::Library
                };
                source = Some(s);
                s == Source::Library
            }
        };
        if use_library {
            stories.extend(from_library(path, &bytes));
        } else {
            stories.extend(scan(&String::from_utf8_lossy(&bytes)));
        }
    }
    Ok((stories, source.unwrap_or(Source::OwnScan)))
}

/// Stories through `newsdex::ingest::formats::read_file_bytes`; empty when the reader is a stub.
fn from_library(path: &Path, bytes: &[u8]) -> Vec<Story> {
    let Ok(found) = newsdex::ingest::formats::read_file_bytes(path, bytes, 1 << 30) else {
        return Vec::new();
    };
    found
        .articles
        .into_iter()
        .map(|a| Story {
            id: a.source_id.unwrap_or_else(|| a.ordinal.to_string()),
            title: one_line(&a.headline),
            dateline: a.dateline.map(|d| d.trim().to_string()).unwrap_or_default(),
            body: a.body.trim().to_string(),
            date: a.date.map(newsdex::text::format_date),
        })
        .collect()
}

/// The own scan: every `<REUTERS …>…</REUTERS>` block with its NEWID, TITLE, DATELINE, BODY, DATE.
pub fn scan(text: &str) -> Vec<Story> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<REUTERS") {
        let after = &rest[start..];
        let Some(end) = after.find("</REUTERS>") else {
            break;
        };
        let block = &after[..end];
        let head_end = block.find('>').unwrap_or(block.len());
        let id = attribute(&block[..head_end], "NEWID").unwrap_or_else(|| out.len().to_string());
        out.push(Story {
            id,
            title: one_line(&decode(element(block, "TITLE").unwrap_or(""))),
            dateline: decode(element(block, "DATELINE").unwrap_or(""))
                .trim()
                .to_string(),
            body: decode(element(block, "BODY").unwrap_or(""))
                .trim()
                .to_string(),
            date: element(block, "DATE").and_then(parse_date),
        });
        rest = &after[end + "</REUTERS>".len()..];
    }
    out
}

/// The inner text of the first `<TAG>…</TAG>` in `block`.
fn element<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = block.find(&open)? + open.len();
    let len = block[start..].find(&close)?;
    Some(&block[start..start + len])
}

/// The value of `NAME="…"` inside an opening tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// Decodes `&lt;` `&gt;` `&amp;` `&quot;` and drops numeric entities (control characters in
/// this collection).
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let semi = tail.find(';').filter(|&j| j <= 8);
        match semi.map(|j| &tail[..=j]) {
            Some("&lt;") => out.push('<'),
            Some("&gt;") => out.push('>'),
            Some("&amp;") => out.push('&'),
            Some("&quot;") => out.push('"'),
            Some(e) if e.starts_with("&#") => {}
            _ => {
                out.push('&');
                rest = &tail[1..];
                continue;
            }
        }
        rest = &tail[semi.map_or(1, |j| j + 1)..];
    }
    out.push_str(rest);
    out
}

/// `26-FEB-1987 15:01:01.79` -> `1987-02-26`.
fn parse_date(s: &str) -> Option<String> {
    let day_part = s.split_whitespace().next()?;
    let mut parts = day_part.split('-');
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.to_ascii_uppercase().as_str() {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let year: u32 = parts.next()?.parse().ok()?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Headlines must fit on the first line of a `.txt` file.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
        <REUTERS TOPICS=\"NO\" NEWID=\"7\">\n<DATE> 3-MAR-1987 09:10:11.00</DATE>\n\
        <TEXT>&#2;\n<TITLE>PAPER MILL &lt;ACME&gt; OPENS</TITLE>\n\
        <DATELINE>    HARBOR TOWN, March 3 - </DATELINE><BODY>A mill opened &amp; hired\n\
        forty people today.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
        <REUTERS NEWID=\"8\"><TEXT TYPE=\"BRIEF\"><TITLE>SHORT ITEM</TITLE></TEXT></REUTERS>";

    #[test]
    fn scan_finds_both_stories_with_fields() {
        let stories = scan(SAMPLE);
        assert_eq!(stories.len(), 2);
        let s = &stories[0];
        assert_eq!(s.id, "7");
        assert_eq!(s.title, "PAPER MILL <ACME> OPENS");
        assert_eq!(s.dateline, "HARBOR TOWN, March 3 -");
        assert_eq!(
            s.body,
            "A mill opened & hired\nforty people today.\n Reuter"
        );
        assert_eq!(s.date.as_deref(), Some("1987-03-03"));
        assert_eq!(stories[1].title, "SHORT ITEM");
        assert_eq!(stories[1].body, "");
        assert_eq!(stories[1].date, None);
    }

    #[test]
    fn decode_keeps_stray_ampersands_and_drops_controls() {
        assert_eq!(decode("A & B&#31;C &amp;&lt;"), "A & BC &<");
        assert_eq!(decode("tail &"), "tail &");
    }

    #[test]
    fn text_joins_dateline_and_body() {
        let s = Story {
            dateline: "CITY, May 1 -".into(),
            body: "Words.".into(),
            ..Story::default()
        };
        assert_eq!(s.text(), "CITY, May 1 - Words.");
    }

    #[test]
    fn unterminated_block_is_ignored() {
        assert!(scan("<REUTERS NEWID=\"1\"><TITLE>X</TITLE>").is_empty());
    }
}
