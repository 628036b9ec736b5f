//! `newsdex extract`: reads each file, runs extraction and prints the [`Article`]s as JSON, one
//! line per article (`--format jsonl`, the default) or one JSON array (`--format json`). A file
//! that cannot be read is reported on stderr and the others still run; the exit code is then 2.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::model::Article;

/// Gzip members are decompressed up to this many bytes.
const DECOMPRESS_LIMIT: u64 = 64 << 20;

/// Runs `newsdex extract`.
pub fn run(a: ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let array = a.format == ExtractFormat::Json;
    let mut failed = false;
    let mut first = true;
    if array {
        out.write_all(b"[")?;
    }
    for path in &a.files {
        let articles = match extract_file(path) {
            Ok(articles) => articles,
            Err(e) => {
                eprintln!(
                    "newsdex: {}: {e:#}",
                    crate::text::escape_control(&path.display().to_string())
                );
                failed = true;
                continue;
            }
        };
        for article in &articles {
            if array && !first {
                out.write_all(b",")?;
            }
            first = false;
            serde_json::to_writer(&mut out, article)?;
            if !array {
                out.write_all(b"\n")?;
            }
        }
    }
    if array {
        out.write_all(b"]\n")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and extracts one file.
fn extract_file(path: &Path) -> anyhow::Result<Vec<Article>> {
    let bytes = std::fs::read(path)?;
    let found = crate::ingest::formats::read_file_bytes(path, &bytes, DECOMPRESS_LIMIT).map_err(
        |e| match e.is_skip() {
            true => anyhow::anyhow!("skipped: {e}"),
            false => anyhow::anyhow!("{e}"),
        },
    )?;
    for w in &found.warnings {
        eprintln!(
            "newsdex: {}: {}",
            path.display(),
            crate::text::escape_control(w)
        );
    }
    let multi = crate::ingest::formats::is_multi_article(path);
    let name = path.to_string_lossy();
    Ok(found
        .articles
        .into_iter()
        .map(|raw| crate::extract::enrich(&name, raw, multi))
        .filter(Article::has_text)
        .collect())
}
