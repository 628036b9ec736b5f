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
    if a.show_blocks {
        return show_blocks(&a.files, &mut out);
    }
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

/// `--show-blocks`: each file's scraped-page blocks with their decisions, or a line saying that
/// its format gives the headline and body itself.
fn show_blocks(files: &[std::path::PathBuf], out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for path in files {
        let shown = crate::text::escape_control(&path.display().to_string());
        let raws = match read_raw(path) {
            Ok(raws) => raws,
            Err(e) => {
                eprintln!("newsdex: {shown}: {e:#}");
                failed = true;
                continue;
            }
        };
        for raw in raws {
            if !raw.needs_cleanup {
                writeln!(
                    out,
                    "{shown}: no cleanup (its format gives headline and body)"
                )?;
                continue;
            }
            let layout = crate::extract::cleanup::page_layout(&raw.body);
            writeln!(out, "{shown}: {} blocks", layout.blocks.len())?;
            for (i, block) in layout.blocks.iter().enumerate() {
                let first_line = block.text.lines().next().unwrap_or_default();
                let text: String = first_line.chars().take(90).collect();
                let text = crate::text::escape_control(&text);
                let decision = layout.decision(i).to_string();
                let class = format!("{:?} {:+}", block.class, block.weight());
                writeln!(out, "{i:>5} {decision:<36} {class:<16} {text}")?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads one file into what its format reader found, warnings printed.
fn read_raw(path: &Path) -> anyhow::Result<Vec<crate::model::RawArticle>> {
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
    Ok(found.articles)
}

/// Reads and extracts one file.
fn extract_file(path: &Path) -> anyhow::Result<Vec<Article>> {
    let raws = read_raw(path)?;
    let multi = crate::ingest::formats::is_multi_article(path);
    let name = path.to_string_lossy();
    Ok(raws
        .into_iter()
        .map(|raw| crate::extract::enrich(&name, raw, multi))
        .filter(Article::has_text)
        .collect())
}
