//! File fingerprints (size, mtime, content hash) stored as `file` documents in the index itself,
//! committed together with the file's articles, so the index and its record of what it holds can
//! never disagree after a crash.

use rustc_hash::FxHashMap;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

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

/// The fingerprints of the committed index, each with a slot number so a run can mark the files
/// it met in a plain bit vector instead of a second set of paths.
#[derive(Debug, Default)]
pub struct Recorded {
    map: FxHashMap<String, (usize, Fingerprint)>,
}

impl Recorded {
    /// The slot and fingerprint recorded for `path`.
    pub fn get(&self, path: &str) -> Option<(usize, Fingerprint)> {
        self.map.get(path).copied()
    }

    /// Number of recorded files (slots are `0..len()`).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every recorded file: path, slot, fingerprint.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize, Fingerprint)> {
        self.map
            .iter()
            .map(|(p, &(slot, fp))| (p.as_str(), slot, fp))
    }
}

/// Reads every live fingerprint from the committed index.
pub fn load(searcher: &Searcher, f: &Fields) -> tantivy::Result<Recorded> {
    let mut columns = Vec::new();
    for seg in searcher.segment_readers() {
        let fast = seg.fast_fields();
        columns.push((
            fast.u64("file_size")?,
            fast.i64("file_mtime")?,
            fast.u64("file_hash")?,
        ));
    }
    // Sized up front: growing a map of a million paths rehashes it again and again.
    let files = searcher.doc_freq(&Term::from_field_text(f.kind, KIND_FILE))?;
    let mut map = FxHashMap::with_capacity_and_hasher(
        usize::try_from(files).unwrap_or(0),
        Default::default(),
    );
    for_each_live_path(searcher, f, KIND_FILE, |seg, doc, path| {
        let (sizes, mtimes, hashes) = &columns[seg];
        let fp = Fingerprint {
            size: sizes.first(doc).unwrap_or(0),
            mtime_ns: mtimes.first(doc).unwrap_or(0),
            hash: hashes.first(doc).unwrap_or(0),
        };
        let slot = map.len();
        map.entry(path.to_string()).or_insert((slot, fp));
    })?;
    Ok(Recorded { map })
}

/// Calls `visit(segment ordinal, doc, path)` for every live document of `kind`, reading the path
/// from its fast field (no stored-document access, so this stays fast on big indexes).
pub fn for_each_live_path(
    searcher: &Searcher,
    f: &Fields,
    kind: &str,
    mut visit: impl FnMut(usize, DocId, &str),
) -> tantivy::Result<()> {
    let term = Term::from_field_text(f.kind, kind);
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let inverted = seg.inverted_index(f.kind)?;
        let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let Some(paths) = seg.fast_fields().str("path")? else {
            continue;
        };
        let alive = seg.alive_bitset();
        // Resolve paths in term order: one pass over the dictionary instead of one block
        // decompression per document (which made a no-change re-run of 123k files take 11 s).
        let mut by_ord: Vec<(u64, DocId)> = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc))
                && let Some(path_ord) = paths.term_ords(doc).next()
            {
                by_ord.push((path_ord, doc));
            }
            doc = postings.advance();
        }
        by_ord.sort_unstable();
        let ords: Vec<u64> = by_ord.iter().map(|&(o, _)| o).collect();
        let mut docs = by_ord.iter().map(|&(_, d)| d);
        paths.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(doc) = docs.next() {
                // Paths are stored from `&str`, so the strict check (fast on ASCII) passes.
                match std::str::from_utf8(bytes) {
                    Ok(path) => visit(ord, doc, path),
                    Err(_) => visit(ord, doc, &String::from_utf8_lossy(bytes)),
                }
            }
        })?;
    }
    Ok(())
}
