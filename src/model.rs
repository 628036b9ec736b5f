//! The data that flows through newsdex: what a reader finds in a file ([`RawArticle`]) and what
//! extraction makes of it ([`Article`], [`Person`], [`Quote`], [`Dateline`]).
//!
//! These are plain values with no I/O; `newsdex extract` prints [`Article`] as JSON, and the
//! indexer stores exactly the same values.

use serde::Serialize;
use time::Date;

/// One article as a format reader found it, before extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Position of the article inside its file (0 for single-article files).
    pub ordinal: usize,
    /// An id the source itself gives the article (Reuters `NEWID`, a JSON `id`), if any.
    pub source_id: Option<String>,
    /// 1-based line in the file where the article starts, when known (for error messages).
    pub line: Option<usize>,
    pub headline: String,
    /// Body text; for plain-text pages still with boilerplate (extraction cleans it).
    pub body: String,
    /// The dateline as written (`BUENOS AIRES, Feb 26 -`), if the format marks it.
    pub dateline: Option<String>,
    /// A date the source gives as metadata (Reuters `<DATE>`, JSON `date`, HTML meta).
    pub date: Option<Date>,
    /// People the source lists as metadata (Reuters `<PEOPLE>` codes, JSON `people`), kept as given.
    pub people_codes: Vec<String>,
    /// Places the source lists as metadata (Reuters `<PLACES>` codes).
    pub places: Vec<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// True when the body is unstructured page text that still needs boilerplate removal.
    pub needs_cleanup: bool,
    /// True when the format has no dateline of its own but its story may open with one (HTML
    /// pages): extraction then looks for it at the start of the body. Formats that mark
    /// datelines (Reuters `<DATELINE>`) leave it false, as their unmarked stories often open
    /// with a table heading in capitals (`BANGKOK TAPIOCA - APRIL 7`).
    pub dateline_in_body: bool,
}

/// True when an article has a headline or a body that is more than white space: the rule that
/// keeps empty articles out of the index, both as read and after extraction.
pub fn has_text(headline: &str, body: &str) -> bool {
    !headline.trim().is_empty() || !body.trim().is_empty()
}

/// A dateline split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dateline {
    pub raw: String,
    /// The place, as written but trimmed and title-cased (`Buenos Aires`), if found.
    pub place: Option<String>,
    /// The day, with the year taken from the document date; `None` rather than a guess.
    #[serde(with = "opt_date")]
    pub date: Option<Date>,
}

/// A person named in an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Canonical full name (`Vladimir Putin`), titles stripped.
    pub name: String,
    pub mentions: usize,
    /// Surface forms seen, canonical first (`Vladimir Putin`, `Putin`).
    pub variants: Vec<String>,
    /// Byte spans of each mention in the text the person was found in (not serialised).
    #[serde(skip)]
    pub spans: Vec<(usize, usize)>,
}

/// The speaker of a quote, by canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub name: String,
}

/// One attribution: somebody said something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// `None` when the speaker cannot be resolved to a named person; never a guess.
    pub speaker: Option<Speaker>,
    /// What was said, without the quotation marks.
    pub text: String,
    /// Byte offsets of `text` into the article's cleaned body.
    pub start: usize,
    pub end: usize,
    /// The attribution cue (`said`, `told reporters`, `according to`).
    pub cue: String,
    /// True for a quotation in quote marks, false for reported speech.
    pub direct: bool,
}

/// An article after extraction: what `newsdex extract` prints and what the index stores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the path, plus `#<source id or ordinal>` inside multi-article files.
    pub id: String,
    pub path: String,
    pub headline: String,
    pub body: String,
    pub dateline: Option<Dateline>,
    /// The article's date: metadata first, else the dateline's; never invented.
    #[serde(with = "opt_date")]
    pub date: Option<Date>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    /// Person codes given by the source (Reuters `<PEOPLE>`), as given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people_codes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Article {
    /// False for an article extraction left with no headline and no body: never indexed.
    pub fn has_text(&self) -> bool {
        has_text(&self.headline, &self.body)
    }

    /// Distinct canonical names of the quoted speakers, in order of first quote.
    pub fn speakers(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for q in &self.quotes {
            if let Some(s) = &q.speaker
                && !out.contains(&s.name.as_str())
            {
                out.push(&s.name);
            }
        }
        out
    }
}

/// Serialises an optional date as `YYYY-MM-DD` or `null`.
pub mod opt_date {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&crate::text::format_date(*d)),
            None => s.serialize_none(),
        }
    }
}
