//! Articles to tantivy documents: one `article` document, one `quote` document per attribution,
//! and the `file` document that carries a source file's fingerprint.

use tantivy::{DateTime, TantivyDocument};
use time::Date;

use super::fingerprints::Fingerprint;
use super::schema::{Fields, KIND_ARTICLE, KIND_FILE, KIND_QUOTE};
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

/// The documents for one article: the article itself, then its quotes.
pub fn article_documents(a: &Article, f: &Fields) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(1 + a.quotes.len());
    let place = a.dateline.as_ref().and_then(|d| d.place.as_deref());
    let filters = Filters {
        date: a.date.map(to_tantivy_date),
        place_key: place.map(crate::text::name_key),
    };
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, &a.path);
    doc.add_text(f.headline, &a.headline);
    doc.add_text(f.body, &a.body);
    if let Some(place) = place {
        doc.add_text(f.place, place);
    }
    filters.add_to(&mut doc, f);
    if let Some(d) = &a.dateline {
        doc.add_text(f.dateline, &d.raw);
    }
    for p in &a.people {
        doc.add_text(f.people, &p.name);
        for key in name_keys(&p.name) {
            doc.add_text(f.person_key, key);
        }
    }
    for code in &a.people_codes {
        doc.add_text(f.people_codes, code);
        for key in name_keys(code) {
            doc.add_text(f.person_key, key);
        }
    }
    for s in a.speakers() {
        doc.add_text(f.speakers, s);
        for key in name_keys(s) {
            doc.add_text(f.speaker_key, key);
        }
    }
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    if let Some(author) = &a.author {
        doc.add_text(f.author, author);
    }
    docs.push(doc);
    // A quote document holds what quote-level search needs: the quote's words (indexed, not
    // stored), its offsets into the article's stored body, its speaker, and the path, date and
    // place key for deletion and filters. Headline, place and text are read from the article
    // when shown, which keeps quote documents small: they outnumber articles about 3 to 1.
    for q in &a.quotes {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_QUOTE);
        doc.add_text(f.article_id, &a.id);
        doc.add_text(f.path, &a.path);
        doc.add_text(f.quote, &q.text);
        doc.add_u64(f.quote_start, q.start as u64);
        doc.add_u64(f.quote_end, q.end as u64);
        filters.add_to(&mut doc, f);
        if let Some(s) = &q.speaker {
            doc.add_text(f.speakers, &s.name);
            for key in name_keys(&s.name) {
                doc.add_text(f.speaker_key, key);
            }
        }
        docs.push(doc);
    }
    docs
}

/// What `--since`, `--until` and `--place` filter on, on article and quote documents alike.
struct Filters {
    date: Option<DateTime>,
    place_key: Option<String>,
}

impl Filters {
    fn add_to(&self, doc: &mut TantivyDocument, f: &Fields) {
        if let Some(d) = self.date {
            doc.add_date(f.date, d);
        }
        if let Some(key) = &self.place_key {
            doc.add_text(f.place_key, key);
        }
    }
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
