//! The alternatives newsdex is measured against, run inside hidden subcommands of the bench
//! binary so each gets its own process (and its own peak RSS):
//! raw tantivy on newsdex's schema with no extraction, and SQLite FTS5 through rusqlite.
//! Each prints one JSON line (`{"docs":…,"bytes":…}`) on stdout for the parent.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::measure;

/// Memory budget of newsdex's index writer by default (`newsdex index --memory`).
pub const NEWSDEX_MEMORY_MB: usize = 256;

/// Headline = first line, body = the rest (after the blank line).
fn split_article(text: &str) -> (&str, &str) {
    match text.split_once('\n') {
        Some((head, rest)) => (head.trim(), rest.trim_start_matches('\n')),
        None => (text.trim(), ""),
    }
}

/// Indexes every `.txt` under `corpus` into a fresh index at `dir` with newsdex's schema and
/// analyzers, reader threads feeding one writer; prints the counts as JSON.
pub fn raw_tantivy(corpus: &Path, dir: &Path, memory_mb: usize) -> anyhow::Result<()> {
    let files = measure::files_under(corpus);
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let (schema, fields) = newsdex::index::schema::build();
    let index = Index::builder()
        .schema(schema)
        .settings(newsdex::index::schema::settings())
        .create_in_dir(dir)
        .context("cannot create the raw index")?;
    newsdex::index::schema::register_analyzers(&index);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads.clamp(1, 8), memory_mb << 20)?;
    // The same merge policy as newsdex's writer, so the two differ only by extraction and fields.
    writer.set_merge_policy(Box::new(newsdex::index::writer::BoundedMerges::default()));
    let docs = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let shared: &IndexWriter = &writer;
    let results: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (files, docs, bytes) = (&files, &docs, &bytes);
                scope.spawn(move || -> anyhow::Result<()> {
                    for path in files.iter().skip(t).step_by(threads) {
                        let text = std::fs::read_to_string(path)?;
                        shared.add_document(raw_document(&fields, path, &text))?;
                        docs.fetch_add(1, Ordering::Relaxed);
                        bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a reader thread panicked")))
            })
            .collect()
    });
    for r in results {
        r?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "{}",
        serde_json::json!({"docs": docs.into_inner(), "bytes": bytes.into_inner()})
    );
    Ok(())
}

/// The document raw tantivy gets: kind, id, path, headline and body; nothing extracted.
fn raw_document(fields: &newsdex::index::Fields, path: &Path, text: &str) -> TantivyDocument {
    let (headline, body) = split_article(text);
    let shown = path.to_string_lossy();
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.kind, newsdex::index::schema::KIND_ARTICLE);
    doc.add_text(fields.id, &shown);
    doc.add_text(fields.path, &shown);
    doc.add_text(fields.headline, headline);
    doc.add_text(fields.body, body);
    doc
}

/// Inserts every `.txt` under `corpus` into an FTS5 table in one transaction; prints counts.
pub fn sqlite_index(corpus: &Path, db: &Path) -> anyhow::Result<()> {
    let files = measure::files_under(corpus);
    if db.exists() {
        std::fs::remove_file(db)?;
    }
    let mut conn = rusqlite::Connection::open(db)?;
    conn.execute_batch("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61');")?;
    let tx = conn.transaction()?;
    let (mut docs, mut bytes) = (0u64, 0u64);
    {
        let mut insert = tx.prepare("INSERT INTO docs(title, body) VALUES (?1, ?2)")?;
        for path in &files {
            let text = std::fs::read_to_string(path)?;
            let (headline, body) = split_article(&text);
            insert.execute((headline, body))?;
            docs += 1;
            bytes += text.len() as u64;
        }
    }
    tx.commit()?;
    println!("{}", serde_json::json!({"docs": docs, "bytes": bytes}));
    Ok(())
}

/// Times the FTS5 phrase count `runs` times; returns (count, all timings).
pub fn sqlite_phrase(db: &Path, phrase: &str, runs: usize) -> anyhow::Result<(u64, Vec<Duration>)> {
    let conn = rusqlite::Connection::open(db)?;
    let fts = format!("\"{}\"", phrase.replace('"', ""));
    let mut stmt = conn.prepare("SELECT count(*) FROM docs WHERE docs MATCH ?1")?;
    let mut count = 0;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        count = stmt.query_row([&fts], |r| r.get::<_, i64>(0))?;
        times.push(t.elapsed());
    }
    Ok((count.max(0) as u64, times))
}

/// The SQLite library version linked in (bundled).
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

/// Creates an empty index for tantivy-cli with fields id, title, body, date (the JSONL keys).
pub fn tantivy_cli_index(dir: &Path) -> anyhow::Result<PathBuf> {
    use tantivy::schema::{STORED, STRING, Schema, TEXT};
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("title", TEXT | STORED);
    b.add_text_field("body", TEXT | STORED);
    b.add_text_field("date", STRING | STORED);
    Index::create_in_dir(dir, b.build())?;
    Ok(dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_article_takes_first_line_as_headline() {
        assert_eq!(
            split_article("Head\n\nBody line\nmore"),
            ("Head", "Body line\nmore")
        );
        assert_eq!(split_article("Only a head"), ("Only a head", ""));
    }

    #[test]
    fn sqlite_counts_a_phrase() -> anyhow::Result<()> {
        let d = std::env::temp_dir().join(format!("nb-sqlite-{}", std::process::id()));
        std::fs::create_dir_all(d.join("c"))?;
        std::fs::write(d.join("c/1.txt"), "Fuel\n\nHeating oil prices rose.\n")?;
        std::fs::write(d.join("c/2.txt"), "Other\n\nPrices of oil fell.\n")?;
        sqlite_index(&d.join("c"), &d.join("x.db"))?;
        let (count, times) = sqlite_phrase(&d.join("x.db"), "oil prices", 3)?;
        assert_eq!(count, 1);
        assert_eq!(times.len(), 3);
        std::fs::remove_dir_all(&d)?;
        Ok(())
    }
}
