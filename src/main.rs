//! The `newsdex` binary: parse the command line, run it, map the outcome to an exit code.
//!
//! Exit codes follow grep: 0 found / ok, 1 no hits, 2 error. A broken pipe is a quiet exit.

use std::process::ExitCode;

/// mimalloc rather than the system allocator: indexing allocates many small strings per article
/// on several threads, where glibc's malloc and free took about 9% of the time (perf, 100 MB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match newsdex::cmd::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) if newsdex::error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "newsdex: {}",
                newsdex::text::escape_control(&format!("{err:#}"))
            );
            ExitCode::from(newsdex::error::exit_code(&err))
        }
    }
}
