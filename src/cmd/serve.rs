//! `newsdex serve`: turns the flags into a [`ServeConfig`], warns when the address is not
//! loopback, and runs the server until it is stopped.

use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::serve::{self, ServeConfig};

pub fn run(a: ServeArgs) -> anyhow::Result<ExitCode> {
    if !a.bind.is_loopback() {
        // The page has no login: anyone who can reach the address can read the whole index.
        eprintln!(
            "newsdex: warning: --bind {} is not a loopback address: anyone on the network can read this index",
            a.bind
        );
    }
    serve::run(&ServeConfig {
        index: a.index,
        addr: std::net::SocketAddr::new(a.bind, a.port),
    })?;
    Ok(ExitCode::SUCCESS)
}
