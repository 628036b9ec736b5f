//! `newsdex index`: builds the config from the flags, runs the pipeline, prints the summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::progress::IndexProgress;
use crate::cli::IndexArgs;
use crate::index::writer::{self, IndexConfig};
use crate::ingest::walk::WalkOptions;

pub fn run(a: IndexArgs) -> anyhow::Result<ExitCode> {
    if !a.corpus.exists() {
        anyhow::bail!(
            "the corpus {} does not exist: give the folder of articles to index, e.g. `newsdex index ~/news`",
            a.corpus.display()
        );
    }
    if a.quickwit.to_quickwit.is_some() || a.quickwit.ndjson.is_some() {
        return super::quickwit::index(a);
    }
    let (walk, corpus, threads) = corpus_walk(&a)?;
    let cfg = IndexConfig {
        walk,
        corpus,
        index_dir: a.index,
        rebuild: a.rebuild,
        strict: a.strict,
        memory_bytes: a.memory.max(15) << 20,
        threads,
        commit_every: Duration::try_from_secs_f64(a.commit_interval).map_err(|_| {
            anyhow::anyhow!("--commit-interval must be a positive number of seconds")
        })?,
    };
    let progress = IndexProgress::new(!a.quiet && std::io::stderr().is_terminal());
    let summary = writer::run(&cfg, &progress)?;
    eprintln!("{}", summary.line());
    if summary.failed > 0 {
        eprintln!(
            "newsdex: {} file(s) could not be indexed (listed above); everything else is committed. \
             Fix or remove them and run `newsdex index` again: only changed files are read.",
            summary.failed
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What the local index and the Quickwit ingest share of `newsdex index`'s flags: how to walk,
/// the corpus root (one spelling) and the number of threads.
pub(super) fn corpus_walk(a: &IndexArgs) -> anyhow::Result<(WalkOptions, PathBuf, usize)> {
    Ok((
        WalkOptions::new(a.follow, a.hidden, a.max_file_size << 20, &a.exclude)?,
        crate::ingest::walk::normalize_root(&a.corpus),
        threads(a.threads),
    ))
}

/// `--threads`, else the number of cores.
pub fn threads(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1)
}
