//! Index verification for `newsdex check`: checksums of every segment file, every segment opened,
//! articles against their files' fingerprints, duplicate ids, and the files on disk compared with
//! the fingerprints (missing or changed since indexing).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::Context;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, Searcher, TERMINATED};

use super::Fields;
use super::fingerprints::{self, Recorded};
use super::schema::KIND_ARTICLE;

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub segments: usize,
    pub articles: u64,
    pub files: usize,
    /// Problems with the index itself (damaged files, orphans, duplicates).
    pub damage: Vec<String>,
    /// Source files gone since indexing.
    pub missing: Vec<String>,
    /// Source files whose size or mtime changed since indexing.
    pub changed: Vec<String>,
}

/// Runs every check on an opened index.
pub fn check(index: &Index, f: &Fields, dir: &Path) -> anyhow::Result<CheckReport> {
    let mut report = CheckReport::default();
    let damaged = index
        .validate_checksum()
        .map_err(|e| super::damaged(dir, e))?;
    for file in damaged {
        report
            .damage
            .push(format!("damaged index file {}", file.display()));
    }
    let reader = super::open_reader(index, dir)?;
    let searcher = reader.searcher();
    report.segments = searcher.segment_readers().len();
    let known = fingerprints::load(&searcher, f).context("cannot read the file fingerprints")?;
    report.files = known.len();
    let article_paths = article_paths(&searcher, f)?;
    report.articles = article_paths.values().sum();
    for path in article_paths.keys() {
        if known.get(path).is_none() {
            report
                .damage
                .push(format!("articles of {path} have no file fingerprint"));
        }
    }
    report.damage.extend(duplicate_ids(&searcher, f)?);
    compare_with_disk(&known, &mut report);
    Ok(report)
}

/// Live article count per path.
fn article_paths(searcher: &Searcher, f: &Fields) -> anyhow::Result<HashMap<String, u64>> {
    let mut out: HashMap<String, u64> = HashMap::new();
    fingerprints::for_each_live_path(searcher, f, KIND_ARTICLE, |_, _, path| {
        *out.entry(path.to_string()).or_default() += 1;
    })?;
    Ok(out)
}

/// Ids held by more than one live document (a crash must never leave any).
fn duplicate_ids(searcher: &Searcher, f: &Fields) -> anyhow::Result<Vec<String>> {
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    let mut dups = Vec::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(f.id)?;
        let alive = seg.alive_bitset();
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let info = terms.value();
            let mut postings =
                inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
            let mut live = 0;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    live += 1;
                }
                doc = postings.advance();
            }
            let key = terms.key();
            if live > 1 || (live == 1 && !seen.insert(key.to_vec())) {
                dups.push(format!(
                    "duplicate id {}",
                    String::from_utf8_lossy(key).replace('\0', "")
                ));
            }
        }
    }
    Ok(dups)
}

fn compare_with_disk(known: &Recorded, report: &mut CheckReport) {
    for (path, _, fp) in known.iter() {
        match std::fs::metadata(Path::new(path)) {
            Err(_) => report.missing.push(path.to_string()),
            Ok(meta) => {
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as i64);
                if meta.len() != fp.size || mtime != fp.mtime_ns {
                    report.changed.push(path.to_string());
                }
            }
        }
    }
    report.missing.sort();
    report.changed.sort();
}
