//! One folder, one spelling. Files are known by their path as walked from the corpus argument, so
//! `newsdex index corpus` and later `newsdex index /home/me/news/corpus` would index the same
//! files twice under two names. Before a run, a corpus argument under which the index records no
//! file is compared, as a real folder, with the folders of the recorded paths; when one is the
//! same folder, the run walks it under the recorded spelling.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::Searcher;
use tantivy::schema::Field;

/// The spelling under which the index already knows the folder `root`, when it knows it under
/// another one only; `None` when `root` is new or already used as given.
pub fn recorded_spelling(
    searcher: &Searcher,
    path_field: Field,
    root: &Path,
) -> tantivy::Result<Option<PathBuf>> {
    let Some(prefix) = root.to_str() else {
        return Ok(None);
    };
    if has_path_under(searcher, path_field, prefix)? {
        return Ok(None);
    }
    let Ok(wanted) = root.canonicalize() else {
        return Ok(None);
    };
    let mut tried: HashSet<PathBuf> = HashSet::new();
    let mut found = None;
    for_each_path(searcher, path_field, |recorded| {
        if found.is_some() {
            return;
        }
        for folder in Path::new(recorded).ancestors().skip(1) {
            if folder.as_os_str().is_empty() || !tried.insert(folder.to_path_buf()) {
                // Seen already, and so were its own ancestors.
                break;
            }
            if folder.canonicalize().is_ok_and(|c| c == wanted) {
                found = Some(folder.to_path_buf());
                break;
            }
        }
    })?;
    Ok(found)
}

/// True when some recorded path is `prefix` itself or lies under it.
fn has_path_under(searcher: &Searcher, field: Field, prefix: &str) -> tantivy::Result<bool> {
    let folder = format!("{}/", prefix.trim_end_matches('/'));
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let terms = inverted.terms();
        if terms.term_ord(prefix.as_bytes())?.is_some() {
            return Ok(true);
        }
        let mut after = terms.range().ge(folder.as_bytes()).into_stream()?;
        if after.advance() && after.key().starts_with(folder.as_bytes()) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Calls `visit` with every recorded path (each segment's terms, in order).
fn for_each_path(
    searcher: &Searcher,
    field: Field,
    mut visit: impl FnMut(&str),
) -> tantivy::Result<()> {
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(path) = std::str::from_utf8(stream.key()) {
                visit(path);
            }
        }
    }
    Ok(())
}
