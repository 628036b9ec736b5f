//! The tantivy side: the schema and analyzers ([`schema`]), opening indexes with a version check,
//! turning articles into documents ([`documents`]), file fingerprints for incremental runs
//! ([`fingerprints`]) and the writing pipeline ([`writer`]).

pub mod check;
pub mod documents;
pub mod fingerprints;
pub mod progress;
pub mod quote_spans;
pub mod roots;
pub mod schema;
pub mod story;
pub mod writer;

use std::path::Path;

use anyhow::Context;
use tantivy::Index;

use crate::error::Fatal;
pub use schema::Fields;

/// The schema version written into every commit; bump it whenever fields or analyzers change.
pub const SCHEMA_VERSION: u32 = 9;

/// Opens an existing index for reading, checking that it is a newsdex index of this version.
pub fn open_existing(dir: &Path) -> anyhow::Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return Err(Fatal::NoIndex {
            dir: dir.display().to_string(),
        }
        .into());
    }
    open_checked(dir)
}

/// Opens the index for writing, creating it (and its folder) when missing. With `rebuild`, an
/// index of another version (or unreadable metadata) is cleared first; a usable one is kept as it
/// is and emptied by the writer inside its single commit, so a killed rebuild loses nothing.
pub fn open_or_create(dir: &Path, rebuild: bool) -> anyhow::Result<(Index, Fields)> {
    let shown = dir.display().to_string();
    if dir.join("meta.json").exists() {
        match open_checked(dir) {
            Ok(found) => return Ok(found),
            Err(e) if !rebuild => return Err(e),
            Err(_) => remove_index_files(dir)
                .with_context(|| format!("cannot clear the index {shown} for --rebuild"))?,
        }
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the index folder {shown}"))?;
    let (schema, fields) = schema::build();
    let index = Index::builder()
        .schema(schema)
        .settings(schema::settings())
        .create_in_dir(dir)
        .with_context(|| format!("cannot create an index in {shown}"))?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// Opens an index folder that has metadata, checking version and fields.
fn open_checked(dir: &Path) -> anyhow::Result<(Index, Fields)> {
    let shown = dir.display().to_string();
    let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
    check_version(&index, &shown)?;
    let fields = Fields::from_schema(&index.schema()).map_err(|found| Fatal::SchemaMismatch {
        dir: shown.clone(),
        found,
    })?;
    schema::register_analyzers(&index);
    Ok((index, fields))
}

/// Opens a reader on every segment; a damaged segment becomes one clear error with advice.
pub fn open_reader(index: &Index, dir: &Path) -> anyhow::Result<tantivy::IndexReader> {
    index.reader().map_err(|e| damaged(dir, e))
}

/// The error for an index whose files cannot be read back.
pub fn damaged(dir: &Path, err: impl std::fmt::Display) -> anyhow::Error {
    let shown = dir.display();
    anyhow::anyhow!(
        "the index {shown} is damaged or unreadable ({err}); rebuild it with `newsdex index CORPUS --index {shown} --rebuild`"
    )
}

/// The payload stored with each commit, naming the schema version.
pub fn commit_payload() -> String {
    format!("{{\"newsdex_schema\":{SCHEMA_VERSION}}}")
}

fn check_version(index: &Index, shown: &str) -> anyhow::Result<()> {
    let meta = index
        .load_metas()
        .with_context(|| format!("cannot read the index metadata in {shown}"))?;
    match meta.payload.as_deref() {
        // A freshly created index that never committed has no payload yet.
        None if meta.segments.is_empty() => Ok(()),
        Some(p) if p == commit_payload() => Ok(()),
        other => Err(Fatal::SchemaMismatch {
            dir: shown.to_string(),
            found: other.map_or("no newsdex version".to_string(), |p| p.to_string()),
        }
        .into()),
    }
}

/// Removes tantivy's files from `dir` but leaves unrelated files (and the folder) alone.
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name.ends_with(".lock")
            || name.split('.').next().is_some_and(|stem| {
                stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit())
            });
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}
