//! `newsdex-bench`: one command that measures newsdex side by side with raw tantivy, SQLite FTS5,
//! ripgrep (and tantivy-cli when installed) on the same generated corpus, prints a Markdown table
//! and writes it into BENCHMARKS.md.
//!
//! `cargo run --release -p newsdex-bench -- --size 100MB`. The hidden subcommands run one
//! alternative in a child process, so its peak memory is measured on its own.

mod baselines;
mod corpus;
mod measure;
mod report;
mod reuters;
mod space;
mod suite;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Benchmark newsdex against alternatives on the same corpus.
#[derive(Debug, Parser)]
#[command(name = "newsdex-bench", args_conflicts_with_subcommands = true)]
struct Cli {
    /// Corpus size in bytes of text: 100MB, 1GB, 5MB (decimal units).
    #[arg(long, default_value = "100MB")]
    size: String,
    /// Where corpora and indexes are kept (default: bench-data in the repository, git-ignored).
    #[arg(long)]
    work: Option<PathBuf>,
    /// The shared data folder holding corpora/reuters21578 (default: $NEWSDEX_SHARED, else
    /// ../shared next to the repository).
    #[arg(long)]
    shared: Option<PathBuf>,
    /// The newsdex binary to measure (default: target/release/newsdex, built first).
    #[arg(long)]
    newsdex: Option<PathBuf>,
    /// The Markdown file to update (default: BENCHMARKS.md in the repository).
    #[arg(long)]
    output: Option<PathBuf>,
    /// A note to add under the table (repeatable), e.g. what was not built yet on main.
    #[arg(long)]
    note: Vec<String>,
    #[command(subcommand)]
    internal: Option<Internal>,
}

#[derive(Debug, Subcommand)]
enum Internal {
    /// Raw tantivy indexing of the .txt corpus (child process of the benchmark).
    #[command(hide = true)]
    RawTantivy {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        index: PathBuf,
        #[arg(long, default_value_t = baselines::NEWSDEX_MEMORY_MB)]
        memory: usize,
    },
    /// SQLite FTS5 indexing of the .txt corpus (child process of the benchmark).
    #[command(hide = true)]
    SqliteIndex {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        db: PathBuf,
    },
    /// Scraped-page cleanup speed on one core: every `page.txt` under PAGES (e.g.
    /// ../shared/eval-dev/pages/pages), cleaned again and again for about two seconds.
    #[command(hide = true)]
    CleanupSpeed {
        #[arg(long)]
        pages: PathBuf,
    },
    /// Bytes per index component and field (to decide what the schema keeps).
    #[command(hide = true)]
    Space {
        #[arg(long)]
        index: PathBuf,
    },
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if newsdex::error::is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdex-bench: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.internal {
        Some(Internal::RawTantivy {
            corpus,
            index,
            memory,
        }) => return baselines::raw_tantivy(&corpus, &index, memory),
        Some(Internal::SqliteIndex { corpus, db }) => return baselines::sqlite_index(&corpus, &db),
        Some(Internal::Space { index }) => return space::report(&index),
        Some(Internal::CleanupSpeed { pages }) => return cleanup_speed(&pages),
        None => {}
    }
    let target = parse_size(&cli.size)?;
    let label = size_label(target);
    let repo = repo_root();
    let work = cli.work.unwrap_or_else(|| repo.join("bench-data"));
    let shared = cli
        .shared
        .or_else(|| std::env::var_os("NEWSDEX_SHARED").map(PathBuf::from))
        .unwrap_or_else(|| repo.join("../shared"));
    let newsdex = match cli.newsdex {
        Some(p) => p,
        None => build_newsdex(&repo)?,
    };
    let setup = suite::Setup {
        label: label.clone(),
        target_bytes: target,
        work: std::path::absolute(&work)?,
        reuters: shared.join("corpora/reuters21578"),
        newsdex,
    };
    let mut outcome = suite::run(&setup)?;
    outcome.notes.extend(cli.note);
    let command = format!("cargo run --release -p newsdex-bench -- --size {label}");
    let ctx = report::context(&repo, command, baselines::sqlite_version());
    let section = report::section(&label, &ctx, &outcome);
    println!("{section}");
    let output = cli.output.unwrap_or_else(|| repo.join("BENCHMARKS.md"));
    let existing = std::fs::read_to_string(&output).unwrap_or_default();
    std::fs::write(&output, report::merge(&existing, &label, &section))
        .with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

/// Prints how many MB/s of scraped text `extract::cleanup::clean_page` gets through on one core.
fn cleanup_speed(pages: &Path) -> anyhow::Result<()> {
    let mut texts = Vec::new();
    for entry in
        std::fs::read_dir(pages).with_context(|| format!("cannot list {}", pages.display()))?
    {
        let file = entry?.path().join("page.txt");
        if let Ok(text) = std::fs::read_to_string(&file) {
            texts.push(text);
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no page.txt under {}", pages.display());
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let mut rounds = 0u32;
    while rounds == 0 || started.elapsed().as_secs_f64() < 2.0 {
        for t in &texts {
            std::hint::black_box(newsdex::extract::cleanup::clean_page(t));
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} pages, {:.1} MB, {rounds} rounds in {secs:.2} s: {:.1} MB/s on one core",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 * f64::from(rounds) / 1e6 / secs
    );
    Ok(())
}

/// The workspace root (the bench crate lives in `bench/`).
fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .map_or_else(|| here.to_path_buf(), Path::to_path_buf)
}

/// Builds the release binary of newsdex (a no-op when up to date) and returns its path.
fn build_newsdex(repo: &Path) -> anyhow::Result<PathBuf> {
    eprintln!("building target/release/newsdex ...");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "-p", "newsdex", "--bin", "newsdex"])
        .current_dir(repo)
        .status()
        .context("cannot run cargo to build newsdex")?;
    if !status.success() {
        anyhow::bail!("building newsdex failed");
    }
    Ok(repo.join("target/release/newsdex"))
}

/// "100MB" -> 100_000_000; units B, KB, MB, GB (decimal), case-insensitive.
fn parse_size(s: &str) -> anyhow::Result<u64> {
    let t = s.trim().to_ascii_uppercase();
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(digits_end);
    let n: f64 = num
        .parse()
        .with_context(|| format!("bad size {s:?}: expected e.g. 100MB or 1GB"))?;
    let scale = match unit.trim() {
        "" | "B" => 1.0,
        "K" | "KB" => 1e3,
        "M" | "MB" => 1e6,
        "G" | "GB" => 1e9,
        other => anyhow::bail!("bad size unit {other:?} in {s:?}: use KB, MB or GB"),
    };
    let bytes = (n * scale) as u64;
    if bytes == 0 {
        anyhow::bail!("the size must be above zero");
    }
    Ok(bytes)
}

/// 100_000_000 -> "100MB", 1_000_000_000 -> "1GB"; odd sizes keep their bytes.
fn size_label(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000_000) {
        format!("{}GB", bytes / 1_000_000_000)
    } else if bytes.is_multiple_of(1_000_000) {
        format!("{}MB", bytes / 1_000_000)
    } else {
        format!("{bytes}B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_label_round_trip() -> anyhow::Result<()> {
        assert_eq!(parse_size("100MB")?, 100_000_000);
        assert_eq!(parse_size("1gb")?, 1_000_000_000);
        assert_eq!(parse_size("1.5GB")?, 1_500_000_000);
        assert_eq!(size_label(parse_size("100MB")?), "100MB");
        assert_eq!(size_label(parse_size("1GB")?), "1GB");
        assert!(parse_size("12XB").is_err());
        assert!(parse_size("MB").is_err());
        assert!(parse_size("0MB").is_err());
        Ok(())
    }

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
