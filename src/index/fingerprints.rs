//! File fingerprints (size, mtime, content hash) stored as `file` documents in the index itself,
//! committed together with the file's articles, so the index and its record of what it holds can
//! never disagree after a crash.

use std::collections::HashMap;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use super::schema::{Fields, KIND_FILE};

/// What newsdex remembers of a file it indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub mtime_ns: i64,
    pub hash: u64,
}

/// The content hash used in fingerprints.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The `id` of a file's fingerprint document (distinct from any article id, which never starts
/// with a NUL).
pub fn file_doc_id(path: &str) -> String {
    format!("\u{0}file:{path}")
}

/// Reads every live fingerprint from the committed index: path -> fingerprint.
pub fn load(searcher: &Searcher, f: &Fields) -> tantivy::Result<HashMap<String, Fingerprint>> {
    let mut out = HashMap::new();
    let term = Term::from_field_text(f.kind, KIND_FILE);
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(f.kind)?;
        let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let fast = seg.fast_fields();
        let Some(paths) = fast.str("path")? else {
            continue;
        };
        let sizes = fast.u64("file_size")?;
        let mtimes = fast.i64("file_mtime")?;
        let hashes = fast.u64("file_hash")?;
        let alive = seg.alive_bitset();
        let mut path = String::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if let Some(ord) = paths.term_ords(doc).next() {
                    path.clear();
                    paths.ord_to_str(ord, &mut path)?;
                    let fp = Fingerprint {
                        size: sizes.first(doc).unwrap_or(0),
                        mtime_ns: mtimes.first(doc).unwrap_or(0),
                        hash: hashes.first(doc).unwrap_or(0),
                    };
                    out.insert(path.clone(), fp);
                }
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}
