//! One module per subcommand: each turns its clap args into a plain config, runs the work and
//! chooses the exit code. No parsing or extraction logic lives here.

pub mod check;
pub mod docs;
pub mod extract;
pub mod index;
pub mod progress;
pub mod quickwit;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Parses the arguments and runs the subcommand. Usage errors exit 2 (clap's own code for them).
pub fn run(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<ExitCode> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print()?;
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Check(a) => check::run(a),
        Command::Show(a) => show::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Quickwit(a) => quickwit::run(a),
        Command::Completions(a) => docs::completions(a),
        Command::Man => docs::man(),
    }
}
