//! `newsdex stats`. (Placeholder.)

use std::process::ExitCode;

pub fn run(_a: crate::cli::StatsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("newsdex stats is not implemented yet")
}
