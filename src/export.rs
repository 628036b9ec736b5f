//! Hits to text, JSON, JSON Lines, CSV, TSV and Markdown on one buffered writer.
//!
//! An [`Exporter`] streams: `begin` once, `write` per hit, `finish` once, so `--all` runs in
//! constant memory. Every string from the index passes through [`escape_control`] first.

pub mod article;

use std::io::{self, Write};

use serde_json::Value;

use crate::error::Fatal;
use crate::search::hits::Hit;
use crate::search::snippets::Snippet;
use crate::text::{escape_control, format_date};

/// The output formats of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// For people: headline, date, place, path and a highlighted snippet per hit.
    Text,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    Csv,
    Tsv,
    /// A Markdown table.
    Md,
}

/// Whether hits were grouped into stories (`search::collapse`), which adds default columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Not grouped.
    None,
    /// Every hit, each with its story (`--all`).
    Stories,
    /// One hit per story, with its number of copies.
    Collapsed,
}

/// A column of structured output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Headline,
    Date,
    Place,
    People,
    Speakers,
    Path,
    Snippet,
    Body,
    Score,
    Quote,
    Speaker,
    Cue,
    Direct,
    Start,
    End,
    Article,
    Story,
    Copies,
}

/// Every column name, in the order `--fields` documents them. `speaker` to `article` describe a
/// quote hit (`--in-quotes`): its own speaker, cue, quotation marks or not, offsets in the
/// article's body and the article's id; they are empty for article hits. `story` is the id of
/// the first copy of the article's story among the hits, `copies` the number of other copies
/// (collapsed output).
pub const COLUMN_NAMES: [&str; 19] = [
    "id", "headline", "date", "place", "people", "speakers", "path", "snippet", "body", "score",
    "quote", "speaker", "cue", "direct", "start", "end", "article", "story", "copies",
];

impl Column {
    /// Every column, in the order of [`COLUMN_NAMES`].
    const ALL: [Column; 19] = [
        Column::Id,
        Column::Headline,
        Column::Date,
        Column::Place,
        Column::People,
        Column::Speakers,
        Column::Path,
        Column::Snippet,
        Column::Body,
        Column::Score,
        Column::Quote,
        Column::Speaker,
        Column::Cue,
        Column::Direct,
        Column::Start,
        Column::End,
        Column::Article,
        Column::Story,
        Column::Copies,
    ];

    fn parse(name: &str) -> Option<Column> {
        let i = COLUMN_NAMES.iter().position(|n| *n == name)?;
        Some(Column::ALL[i])
    }

    fn name(self) -> &'static str {
        COLUMN_NAMES[self as usize]
    }
}

/// Columns from `--fields`, or the defaults (quote search: the quote and its attribution;
/// `grouped`, when hits are grouped into stories: the story, and the copies when collapsed).
pub fn columns(
    requested: &[String],
    in_quotes: bool,
    grouped: Grouping,
) -> Result<Vec<Column>, Fatal> {
    if requested.is_empty() && in_quotes {
        return Ok(vec![
            Column::Id,
            Column::Quote,
            Column::Speaker,
            Column::Cue,
            Column::Direct,
            Column::Article,
            Column::Start,
            Column::End,
            Column::Headline,
            Column::Date,
            Column::Place,
            Column::People,
            Column::Path,
            Column::Score,
        ]);
    }
    if requested.is_empty() {
        let mut cols = vec![
            Column::Id,
            Column::Headline,
            Column::Date,
            Column::Place,
            Column::People,
            Column::Speakers,
            Column::Path,
            Column::Score,
        ];
        match grouped {
            Grouping::None => {}
            Grouping::Stories => cols.push(Column::Story),
            Grouping::Collapsed => cols.extend([Column::Story, Column::Copies]),
        }
        return Ok(cols);
    }
    requested
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .map(|r| {
            Column::parse(&r.to_ascii_lowercase()).ok_or_else(|| {
                Fatal::Usage(format!(
                    "--fields: unknown field {:?}; known: {}",
                    escape_control(r),
                    COLUMN_NAMES.join(",")
                ))
            })
        })
        .collect()
}

/// `1234567` -> `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes hits in one format.
pub struct Exporter<W: Write> {
    out: W,
    format: OutputFormat,
    columns: Vec<Column>,
    color: bool,
    written: usize,
    /// The number of stories the hits make, when they were collapsed (said in the text header).
    stories: Option<usize>,
}

const BOLD: &str = "\x1b[1m";
const MARK: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn csv_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<W: Write> Exporter<W> {
    /// An exporter for `format`; `color` only matters for text.
    pub fn new(out: W, format: OutputFormat, columns: Vec<Column>, color: bool) -> Self {
        Exporter {
            out,
            format,
            columns,
            color,
            written: 0,
            stories: None,
        }
    }

    /// Hits are collapsed into this many stories: the text header says so.
    pub fn set_stories(&mut self, stories: usize) {
        self.stories = Some(stories);
    }

    /// True when the format needs a snippet per hit.
    pub fn wants_snippet(&self) -> bool {
        self.format == OutputFormat::Text || self.columns.contains(&Column::Snippet)
    }

    fn plain(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// One CSV record through the `csv` crate (RFC 4180 quoting).
    fn csv_row(&mut self, row: &[impl AsRef<[u8]>]) -> io::Result<()> {
        let mut c = csv::WriterBuilder::new().from_writer(Vec::with_capacity(256));
        c.write_record(row).map_err(csv_err)?;
        let bytes = c
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        self.out.write_all(&bytes)
    }

    /// The opening: text header line, JSON `[`, CSV/TSV/Markdown header row.
    pub fn begin(&mut self, total: usize, query: &str, offset: usize) -> io::Result<()> {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name()).collect();
        match self.format {
            OutputFormat::Text => {
                let noun = if total == 1 { "hit" } else { "hits" };
                let q = escape_control(query);
                let stories = self.stories;
                let w = self.plain();
                write!(w, "{} {noun}", thousands(total))?;
                if let Some(n) = stories.filter(|&n| n != total) {
                    let noun = if n == 1 { "story" } else { "stories" };
                    write!(w, " in {} {noun}", thousands(n))?;
                }
                write!(w, " for {q}")?;
                if offset > 0 {
                    write!(w, " (from hit {})", thousands(offset.saturating_add(1)))?;
                }
                writeln!(w)
            }
            OutputFormat::Json => self.plain().write_all(b"["),
            OutputFormat::Jsonl => Ok(()),
            OutputFormat::Csv => self.csv_row(&names),
            OutputFormat::Tsv => writeln!(self.plain(), "{}", names.join("\t")),
            OutputFormat::Md => {
                let w = self.plain();
                writeln!(w, "| {} |", names.join(" | "))?;
                writeln!(w, "|{}", "---|".repeat(names.len()))
            }
        }
    }

    /// One hit; `snippet` is required by text and by the snippet column.
    pub fn write(&mut self, hit: &Hit, snippet: Option<&Snippet>) -> io::Result<()> {
        self.written += 1;
        match self.format {
            OutputFormat::Text => self.text(hit, snippet),
            OutputFormat::Json | OutputFormat::Jsonl => {
                let obj = self.json(hit, snippet);
                let first = self.written == 1;
                let json = self.format == OutputFormat::Json;
                let w = self.plain();
                if json {
                    w.write_all(if first { b"\n" } else { b",\n" })?;
                }
                write_object(&mut *w, &obj)?;
                if !json {
                    w.write_all(b"\n")?;
                }
                Ok(())
            }
            OutputFormat::Csv => {
                let row = self.cells(hit, snippet);
                self.csv_row(&row)
            }
            OutputFormat::Tsv => {
                let row: Vec<String> = self
                    .cells(hit, snippet)
                    .iter()
                    .map(|c| tsv_cell(c))
                    .collect();
                writeln!(self.plain(), "{}", row.join("\t"))
            }
            OutputFormat::Md => {
                let row: Vec<String> = self
                    .cells(hit, snippet)
                    .iter()
                    .map(|c| md_cell(c))
                    .collect();
                writeln!(self.plain(), "| {} |", row.join(" | "))
            }
        }
    }

    /// Closes the output (JSON `]`), flushes, and gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        let mut w = self.out;
        if self.format == OutputFormat::Json {
            w.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        w.flush()?;
        Ok(w)
    }

    /// Records written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    fn text(&mut self, hit: &Hit, snippet: Option<&Snippet>) -> io::Result<()> {
        let color = self.color;
        let paint = |code: &str, s: &str| {
            if color {
                format!("{code}{s}{RESET}")
            } else {
                s.to_string()
            }
        };
        let n = self.written;
        let mut meta: Vec<String> = Vec::new();
        let headline = escape_control(&one_line(&hit.headline));
        let mut title = paint(
            BOLD,
            if headline.is_empty() {
                "(no headline)"
            } else {
                &headline
            },
        );
        if let Some(q) = &hit.quote {
            let who = hit
                .speakers
                .first()
                .map_or("no named speaker".into(), |s| escape_control(s));
            let said = snippet.map_or_else(
                || escape_control(&one_line(q)),
                |s| render_snippet(s, color),
            );
            // Quotation marks only for words said verbatim: reported speech is marked as such.
            // Text that opens with its own quotation mark is shown as it is, not marked twice.
            let direct = hit.said.as_ref().is_none_or(|q| q.direct);
            title = if !direct {
                format!("(reported) {said} — {}", paint(BOLD, &who))
            } else if q.trim_start().starts_with(['"', '“', '‘']) {
                format!("{said} — {}", paint(BOLD, &who))
            } else {
                format!("“{said}” — {}", paint(BOLD, &who))
            };
            meta.push(headline);
        }
        if let Some(d) = hit.date {
            meta.push(format_date(d));
        }
        if let Some(p) = &hit.place {
            meta.push(escape_control(p));
        }
        meta.push(escape_control(&hit.path));
        let meta = paint(DIM, &meta.join(" · "));
        let snip = snippet.map(|s| render_snippet(s, color));
        let w = self.plain();
        writeln!(w, "\n{n:>3}. {title}")?;
        writeln!(w, "     {meta}")?;
        if let Some(s) = snip.filter(|s| !s.is_empty() && hit.quote.is_none()) {
            writeln!(w, "     {s}")?;
        }
        if let Some(c) = hit.copies.as_ref().filter(|c| c.count > 0) {
            let n = c.count;
            let line = format!("and {n} {}", if n == 1 { "copy" } else { "copies" });
            writeln!(w, "     {}", paint(DIM, &line))?;
            for (path, date) in &c.listed {
                let when = date
                    .map(|d| format!(" · {}", format_date(d)))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "       {}",
                    paint(DIM, &format!("{}{when}", escape_control(path)))
                )?;
            }
        }
        Ok(())
    }

    fn json(&self, hit: &Hit, snippet: Option<&Snippet>) -> Vec<(&'static str, Value)> {
        let mut m = Vec::with_capacity(self.columns.len());
        let s = |v: &str| Value::String(escape_control(v));
        let list = |v: &[String]| Value::Array(v.iter().map(|x| s(x)).collect());
        let said = hit.said.as_ref();
        for c in &self.columns {
            let v = match c {
                Column::Id => s(&hit.id),
                Column::Headline => s(&hit.headline),
                Column::Date => hit
                    .date
                    .map_or(Value::Null, |d| Value::String(format_date(d))),
                Column::Place => hit.place.as_deref().map_or(Value::Null, s),
                Column::People => list(&hit.people),
                Column::Speakers => list(&hit.speakers),
                Column::Path => s(&hit.path),
                Column::Snippet => snippet.map_or(Value::Null, |x| s(&x.text)),
                Column::Body => s(&hit.body),
                Column::Score => hit
                    .score
                    .and_then(|x| serde_json::Number::from_f64(round4(x)))
                    .map_or(Value::Null, Value::Number),
                Column::Quote => hit.quote.as_deref().map_or(Value::Null, s),
                Column::Speaker => said
                    .and_then(|q| q.speaker.as_deref())
                    .map_or(Value::Null, s),
                Column::Cue => said.and_then(|q| q.cue.as_deref()).map_or(Value::Null, s),
                Column::Direct => said.map_or(Value::Null, |q| Value::Bool(q.direct)),
                Column::Start => said.map_or(Value::Null, |q| q.start.into()),
                Column::End => said.map_or(Value::Null, |q| q.end.into()),
                Column::Article => said.map_or(Value::Null, |q| s(&q.article)),
                Column::Story => hit.story.as_deref().map_or(Value::Null, s),
                Column::Copies => hit.copies.as_ref().map_or(Value::Null, |c| c.count.into()),
            };
            m.push((c.name(), v));
        }
        m
    }

    fn cells(&self, hit: &Hit, snippet: Option<&Snippet>) -> Vec<String> {
        let said = hit.said.as_ref();
        self.columns
            .iter()
            .map(|c| {
                let raw = match c {
                    Column::Id => hit.id.clone(),
                    Column::Headline => hit.headline.clone(),
                    Column::Date => hit.date.map(format_date).unwrap_or_default(),
                    Column::Place => hit.place.clone().unwrap_or_default(),
                    Column::People => hit.people.join("; "),
                    Column::Speakers => hit.speakers.join("; "),
                    Column::Path => hit.path.clone(),
                    Column::Snippet => snippet.map(|x| x.text.clone()).unwrap_or_default(),
                    Column::Body => hit.body.clone(),
                    Column::Score => hit.score.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    Column::Quote => hit.quote.clone().unwrap_or_default(),
                    Column::Speaker => said.and_then(|q| q.speaker.clone()).unwrap_or_default(),
                    Column::Cue => said.and_then(|q| q.cue.clone()).unwrap_or_default(),
                    Column::Direct => said.map(|q| q.direct.to_string()).unwrap_or_default(),
                    Column::Start => said.map(|q| q.start.to_string()).unwrap_or_default(),
                    Column::End => said.map(|q| q.end.to_string()).unwrap_or_default(),
                    Column::Article => said.map(|q| q.article.clone()).unwrap_or_default(),
                    Column::Story => hit.story.clone().unwrap_or_default(),
                    Column::Copies => hit
                        .copies
                        .as_ref()
                        .map(|c| c.count.to_string())
                        .unwrap_or_default(),
                };
                escape_control(&raw)
            })
            .collect()
    }
}

/// A JSON object with its keys in column order (serde_json's map would sort them).
fn write_object(w: &mut dyn Write, fields: &[(&str, Value)]) -> io::Result<()> {
    w.write_all(b"{")?;
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        serde_json::to_writer(&mut *w, k)?;
        w.write_all(b":")?;
        serde_json::to_writer(&mut *w, v)?;
    }
    w.write_all(b"}")
}

/// A score rounded to 4 decimals, so f32 noise does not show as 17 digits.
fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The snippet with highlights coloured, or unmarked without colour.
pub fn render_snippet(s: &Snippet, color: bool) -> String {
    s.pieces()
        .into_iter()
        .map(|(p, hl)| {
            let p = escape_control(p);
            if hl && color {
                format!("{MARK}{p}{RESET}")
            } else {
                p
            }
        })
        .collect()
}

/// TSV cell: backslash, tab, newline and carriage return as `\\`, `\t`, `\n`, `\r`.
fn tsv_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown cell: `|` escaped, line breaks as `<br>`.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit() -> Hit {
        Hit {
            id: "a.txt".into(),
            headline: "Oil, \"gas\" | more\tnow".into(),
            people: vec!["Ann Lee".into(), "Bo Li".into()],
            path: "a.txt".into(),
            body: "line one\nline two".into(),
            score: Some(1.5),
            ..Hit::default()
        }
    }

    fn render(format: OutputFormat, cols: &[&str]) -> anyhow::Result<String> {
        let cols: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        let mut e = Exporter::new(
            Vec::new(),
            format,
            columns(&cols, false, Grouping::None)?,
            false,
        );
        e.begin(1, "q", 0)?;
        e.write(&hit(), None)?;
        Ok(String::from_utf8(e.finish()?)?)
    }

    #[test]
    fn formats_escape_their_delimiters() -> anyhow::Result<()> {
        let csv = render(OutputFormat::Csv, &["headline", "people"])?;
        assert_eq!(
            csv,
            "headline,people\n\"Oil, \"\"gas\"\" | more\tnow\",Ann Lee; Bo Li\n"
        );
        let tsv = render(OutputFormat::Tsv, &["headline", "body"])?;
        assert_eq!(
            tsv,
            "headline\tbody\nOil, \"gas\" | more\\tnow\tline one\\nline two\n"
        );
        let md = render(OutputFormat::Md, &["headline"])?;
        assert!(md.ends_with("| Oil, \"gas\" \\| more\tnow |\n"), "{md}");
        let json = render(OutputFormat::Json, &["id", "score", "date"])?;
        let v: Value = serde_json::from_str(&json)?;
        assert_eq!(v[0]["score"], 1.5);
        assert_eq!(v[0]["date"], Value::Null);
        Ok(())
    }

    #[test]
    fn unknown_column_is_a_usage_error() {
        assert!(columns(&["headline".into(), "nope".into()], false, Grouping::None).is_err());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
