//! `newsdex check`. (Placeholder.)

use std::process::ExitCode;

pub fn run(_a: crate::cli::CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("newsdex check is not implemented yet")
}
