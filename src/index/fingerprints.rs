//! File fingerprints (size, mtime, content hash) stored as `file` documents in the index itself,
//! committed together with the file's articles, so the index and its record of what it holds can
//! never disagree after a crash.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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
///
/// Paths are kept back to back in byte order, not in a hash map: a million paths were a million
/// allocations, and the walk meets files in nearly the same order, so a [`Cursor`] finds each one a
/// few slots after the last instead of at a random place in memory (a no-change re-run of 1.2
/// million files spent a tenth of its CPU on hash-table cache misses).
#[derive(Debug, Default)]
pub struct Recorded {
    /// Every recorded path, sorted and without duplicates, back to back.
    paths: String,
    /// Per slot: where its path ends in `paths`, and its fingerprint.
    slots: Vec<(usize, Fingerprint)>,
}

impl Recorded {
    /// The slot and fingerprint recorded for `path` (a binary search; see [`Recorded::cursor`]).
    pub fn get(&self, path: &str) -> Option<(usize, Fingerprint)> {
        self.cursor().get(path)
    }

    /// A reader for paths asked in (mostly) ascending order.
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            recorded: self,
            next: 0,
        }
    }

    /// Number of recorded files (slots are `0..len()`).
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every recorded file: path, slot, fingerprint.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize, Fingerprint)> {
        (0..self.slots.len()).map(|slot| (self.path(slot), slot, self.slots[slot].1))
    }

    fn path(&self, slot: usize) -> &str {
        let start = slot.checked_sub(1).map_or(0, |s| self.slots[s].0);
        &self.paths[start..self.slots[slot].0]
    }

    fn push(&mut self, path: &str, fp: Fingerprint) {
        self.paths.push_str(path);
        self.slots.push((self.paths.len(), fp));
    }
}

/// Looks paths up starting where the last one was found: for paths asked in order, each look-up
/// compares a few neighbouring paths; a path out of order costs a binary search.
#[derive(Debug)]
pub struct Cursor<'a> {
    recorded: &'a Recorded,
    next: usize,
}

impl Cursor<'_> {
    pub fn get(&mut self, path: &str) -> Option<(usize, Fingerprint)> {
        let r = self.recorded;
        let n = r.len();
        let cmp = |slot: usize| r.path(slot).cmp(path);
        let (mut lo, mut hi) = (self.next.min(n), n);
        if lo == n || cmp(lo).is_gt() {
            // Behind the cursor: search everything before it.
            hi = lo;
            lo = 0;
        } else {
            // Gallop: asked in order, the path lies a few slots after the cursor.
            let mut step = 1;
            while lo + step < n && cmp(lo + step).is_le() {
                lo += step;
                step *= 2;
            }
            hi = hi.min(lo + step);
        }
        // The first slot whose path is not below `path`.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if cmp(mid).is_lt() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let found = lo < n && cmp(lo).is_eq();
        self.next = if found { lo + 1 } else { lo };
        found.then(|| (lo, r.slots[lo].1))
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
    // One sorted run per segment (a segment's paths come in term order), merged below.
    let mut runs: Vec<Recorded> = (0..columns.len()).map(|_| Recorded::default()).collect();
    for_each_live_path(searcher, f, KIND_FILE, |seg, doc, path| {
        let (sizes, mtimes, hashes) = &columns[seg];
        let fp = Fingerprint {
            size: sizes.first(doc).unwrap_or(0),
            mtime_ns: mtimes.first(doc).unwrap_or(0),
            hash: hashes.first(doc).unwrap_or(0),
        };
        runs[seg].push(path, fp);
    })?;
    Ok(merge(runs))
}

/// Merges sorted runs into one, keeping the first run's entry for a path recorded twice.
fn merge(mut runs: Vec<Recorded>) -> Recorded {
    runs.retain(|r| !r.is_empty());
    if runs.len() <= 1 {
        return runs.pop().unwrap_or_default();
    }
    let mut out = Recorded {
        paths: String::with_capacity(runs.iter().map(|r| r.paths.len()).sum()),
        slots: Vec::with_capacity(runs.iter().map(Recorded::len).sum()),
    };
    let mut heads: BinaryHeap<Reverse<(&str, usize, usize)>> = runs
        .iter()
        .enumerate()
        .map(|(run, r)| Reverse((r.path(0), run, 0)))
        .collect();
    let mut last: Option<&str> = None;
    while let Some(Reverse((path, run, slot))) = heads.pop() {
        if last != Some(path) {
            out.push(path, runs[run].slots[slot].1);
            last = Some(path);
        }
        if slot + 1 < runs[run].len() {
            heads.push(Reverse((runs[run].path(slot + 1), run, slot + 1)));
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(size: u64) -> Fingerprint {
        Fingerprint {
            size,
            mtime_ns: 7,
            hash: size * 3,
        }
    }

    fn run(paths: &[&str]) -> Recorded {
        let mut r = Recorded::default();
        for (i, p) in paths.iter().enumerate() {
            r.push(p, fp(i as u64 + 100 * paths.len() as u64));
        }
        r
    }

    #[test]
    fn merge_orders_paths_and_keeps_the_first_run_of_a_duplicate() {
        let a = run(&["c/1.txt", "c/3.txt", "d.txt"]);
        let b = run(&["a.txt", "c/2.txt", "c/3.txt"]);
        let m = merge(vec![a, Recorded::default(), b]);
        let paths: Vec<&str> = m.iter().map(|(p, _, _)| p).collect();
        assert_eq!(paths, ["a.txt", "c/1.txt", "c/2.txt", "c/3.txt", "d.txt"]);
        // "c/3.txt" is the first run's (size 301), not the second's (302).
        assert_eq!(m.get("c/3.txt"), Some((3, fp(301))));
        let slots: Vec<usize> = m.iter().map(|(_, s, _)| s).collect();
        assert_eq!(slots, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn cursor_finds_paths_asked_in_any_order() {
        let names: Vec<String> = (0..300).map(|i| format!("news/{i:04}.txt")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let r = run(&refs);
        let mut c = r.cursor();
        // In order, with gaps, backwards, repeated, and paths that are not recorded.
        for i in [0, 1, 2, 5, 40, 41, 299, 3, 150, 150, 149, 0] {
            assert_eq!(c.get(&names[i]).map(|(s, _)| s), Some(i), "slot {i}");
        }
        for missing in ["news/0005.txt.bak", "a.txt", "z.txt", "news/", ""] {
            assert_eq!(c.get(missing), None, "{missing:?}");
        }
        assert_eq!(c.get(&names[7]).map(|(s, _)| s), Some(7));
        assert_eq!(Recorded::default().cursor().get("a.txt"), None);
    }
}
