//! `newsdex extract`. (Placeholder.)

use std::process::ExitCode;

pub fn run(_a: crate::cli::ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("newsdex extract is not implemented yet")
}
