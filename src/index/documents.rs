//! Articles to tantivy documents: one `article` document (its quotes stored on it as spans), right
//! after it one `quote` document per quote, and the `file` document that carries a source file's
//! fingerprint.
//!
//! A quote document is what makes quote search an index look-up: the quote's words (indexed with
//! positions, not stored), its speaker, its date (for date filters and sorts) and its place among
//! its article's quotes (`quote_no`, 1-based). It stores nothing: because an article and its
//! quotes are added in one batch, they sit next to each other in every segment (merges keep the
//! order), so the article of quote document `d` is document `d - quote_no`, read only for the
//! hits shown (`search::join`).

use tantivy::schema::Field;
use tantivy::{DateTime, TantivyDocument, Term};
use time::Date;

use super::fingerprints::Fingerprint;
use super::quote_spans::{self, Span};
use super::schema::{Fields, KIND_ARTICLE, KIND_FILE, KIND_QUOTE, KIND_QUOTED};
use crate::model::Article;
use crate::text::name_keys;

/// A date as a tantivy date at midnight UTC.
///
/// tantivy keeps dates as nanoseconds in an `i64` (about 1677-09-22 to 2262-04-11); days outside
/// are clamped to those ends rather than wrapping around, so filters and sorting stay in order.
pub fn to_tantivy_date(d: Date) -> DateTime {
    const LIMIT_SECS: i64 = i64::MAX / 1_000_000_000;
    let secs = d.midnight().assume_utc().unix_timestamp();
    DateTime::from_timestamp_secs(secs.clamp(-LIMIT_SECS, LIMIT_SECS))
}

/// The documents for one article, in the order the index must keep them: the article, then its
/// quotes (see the module doc). Add them in one `IndexWriter::run` batch.
pub fn article_documents(a: &Article, f: &Fields) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(1 + a.quotes.len());
    docs.push(article_document(a, f));
    docs.extend(quote_documents(a, f));
    docs
}

/// The quote documents of an article, in the order of its stored spans.
pub fn quote_documents<'a>(
    a: &'a Article,
    f: &'a Fields,
) -> impl Iterator<Item = TantivyDocument> + 'a {
    let date = a.date.map(to_tantivy_date);
    a.quotes.iter().enumerate().map(move |(i, q)| {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_QUOTE);
        // Deletes the quotes with their article when the file changes or goes (the article's
        // own `path` is stored, which would cost every quote a copy).
        doc.add_text(f.quote_of, &a.path);
        doc.add_u64(f.quote_no, i as u64 + 1);
        // The words shown for the hit: the body between the stored offsets.
        doc.add_text(f.quote, a.body.get(q.start..q.end).unwrap_or(&q.text));
        if let Some(d) = date {
            doc.add_date(f.date, d);
        }
        let speaker = q.speaker.as_ref().map(|s| s.name.as_str());
        add_names(&mut doc, f.speakers, f.speaker_key, speaker.into_iter());
        doc
    })
}

/// The terms that delete every document of the source file `path`: its articles and fingerprint
/// (`path`) and their quotes (`quote_of`).
pub fn path_terms(f: &Fields, path: &str) -> [Term; 2] {
    [
        Term::from_field_text(f.path, path),
        Term::from_field_text(f.quote_of, path),
    ]
}

/// The article document alone.
fn article_document(a: &Article, f: &Fields) -> TantivyDocument {
    let place = a.dateline.as_ref().and_then(|d| d.place.as_deref());
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, &a.path);
    doc.add_text(f.headline, &a.headline);
    doc.add_text(f.body, &a.body);
    if let Some(place) = place {
        doc.add_text(f.place, place);
        doc.add_text(f.place_key, crate::text::name_key(place));
    }
    if let Some(d) = a.date {
        doc.add_date(f.date, to_tantivy_date(d));
    }
    if let Some(d) = &a.dateline {
        doc.add_text(f.dateline, &d.raw);
    }
    if let Some(sketch) = super::story::Sketch::of(&a.headline, &a.body) {
        for v in sketch.to_values() {
            doc.add_u64(f.story, v);
        }
    }
    add_names(
        &mut doc,
        f.people,
        f.person_key,
        a.people.iter().map(|p| p.name.as_str()),
    );
    add_names(
        &mut doc,
        f.people_codes,
        f.person_key,
        a.people_codes.iter().map(String::as_str),
    );
    let speakers = a.speakers();
    add_names(
        &mut doc,
        f.speakers,
        f.speaker_key,
        speakers.iter().copied(),
    );
    if !a.quotes.is_empty() {
        doc.add_text(f.kind, KIND_QUOTED);
        let mut cues = Vec::new();
        doc.add_bytes(
            f.quotes,
            &quote_spans::encode(&spans(a, &speakers, &mut cues)),
        );
        for cue in cues {
            doc.add_text(f.cues, cue);
        }
    }
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    if let Some(author) = &a.author {
        doc.add_text(f.author, author);
    }
    doc
}

/// Adds each name to `names` and its filter keys (full name, surname) to `keys`.
pub fn add_names<'n>(
    doc: &mut TantivyDocument,
    names: Field,
    keys: Field,
    values: impl Iterator<Item = &'n str>,
) {
    for name in values {
        doc.add_text(names, name);
        add_keys(doc, keys, std::iter::once(name));
    }
}

/// Adds the filter keys of each name (full name, surname) to `keys`.
pub fn add_keys<'n>(doc: &mut TantivyDocument, keys: Field, values: impl Iterator<Item = &'n str>) {
    for name in values {
        for key in name_keys(name) {
            doc.add_text(keys, key);
        }
    }
}

/// The article's quotes as spans, each speaker by its place in `speakers` (the stored list) and
/// each cue by its place in `cues` (the distinct cues in order of first use, stored beside).
fn spans<'a>(a: &'a Article, speakers: &[&str], cues: &mut Vec<&'a str>) -> Vec<Span> {
    a.quotes
        .iter()
        .map(|q| Span {
            start: q.start,
            end: q.end,
            speaker: q
                .speaker
                .as_ref()
                .and_then(|s| speakers.iter().position(|n| *n == s.name)),
            cue: (!q.cue.is_empty()).then(|| {
                cues.iter().position(|c| *c == q.cue).unwrap_or_else(|| {
                    cues.push(&q.cue);
                    cues.len() - 1
                })
            }),
            direct: q.direct,
        })
        .collect()
}

/// The fingerprint document of one source file.
pub fn file_document(f: &Fields, path: &str, fp: Fingerprint) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_FILE);
    doc.add_text(f.id, super::fingerprints::file_doc_id(path));
    doc.add_text(f.path, path);
    doc.add_u64(f.file_size, fp.size);
    doc.add_i64(f.file_mtime, fp.mtime_ns);
    doc.add_u64(f.file_hash, fp.hash);
    doc
}
