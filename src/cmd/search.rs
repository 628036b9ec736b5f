//! `newsdex search`. (Placeholder.)

use std::process::ExitCode;

pub fn run(_a: crate::cli::SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("newsdex search is not implemented yet")
}
