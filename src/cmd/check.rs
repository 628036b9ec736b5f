//! `newsdex check`: verifies the index and reports on stderr/stdout.
//!
//! Exit 0: sound and up to date; 1: sound but files changed or vanished since indexing;
//! 2: the index is damaged (or cannot be opened).

use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::index::{self, check};
use crate::text::escape_control;

pub fn run(a: CheckArgs) -> anyhow::Result<ExitCode> {
    let (idx, fields) = index::open_existing(&a.index)?;
    let report = check::check(&idx, &fields, &a.index)?;
    println!(
        "{}: {} segments, {} articles from {} files",
        a.index.display(),
        report.segments,
        report.articles,
        report.files
    );
    for (label, list) in [("missing", &report.missing), ("changed", &report.changed)] {
        for path in list.iter().take(20) {
            println!("{label}: {}", escape_control(path));
        }
        if list.len() > 20 {
            println!("... and {} more {label} files", list.len() - 20);
        }
    }
    if !report.damage.is_empty() {
        for d in &report.damage {
            eprintln!("newsdex: {}", escape_control(d));
        }
        anyhow::bail!(
            "the index {} is damaged ({} problems); rebuild it with `newsdex index CORPUS --index {} --rebuild`",
            a.index.display(),
            report.damage.len(),
            a.index.display()
        );
    }
    if report.missing.is_empty() && report.changed.is_empty() {
        println!("ok");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{} missing and {} changed files since indexing: run `newsdex index` to bring the index up to date",
            report.missing.len(),
            report.changed.len()
        );
        Ok(ExitCode::from(1))
    }
}
