//! `newsdex quickwit ...` and the Quickwit variants of `index` and `search`: flags to plain
//! configs for `crate::quickwit`, and the exit codes.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{QuickwitArgs, QuickwitCommand, QuickwitConfigArgs, QuickwitConfigFormat};
use crate::error::Fatal;
use crate::quickwit::config::{self, ConfigOptions};

pub fn run(a: QuickwitArgs) -> anyhow::Result<ExitCode> {
    match a.command {
        QuickwitCommand::Config(c) => print_config(c),
    }
}

fn print_config(a: QuickwitConfigArgs) -> anyhow::Result<ExitCode> {
    config::check_index_id(&a.index_id).map_err(Fatal::Usage)?;
    let opts = ConfigOptions {
        index_id: a.index_id,
        timestamp_field: !a.no_timestamp_field,
        commit_timeout_secs: a.commit_timeout.max(1),
    };
    let value = config::index_config(&opts);
    let text = match a.format {
        QuickwitConfigFormat::Yaml => config::to_yaml(&value),
        QuickwitConfigFormat::Json => format!("{}\n", serde_json::to_string_pretty(&value)?),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
