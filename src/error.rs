//! Typed errors that decide the exit code, and the helpers `main` uses to map any error to one.
//!
//! Inner layers return these (wrapped in `anyhow` with context); `main` walks the chain.

use std::fmt;

/// Errors that end a command with a specific meaning for the user.
#[derive(Debug)]
pub enum Fatal {
    /// The query string could not be parsed; `position` is a character offset into `query`.
    QuerySyntax {
        query: String,
        position: usize,
        reason: String,
    },
    /// Another process holds the index writer lock.
    IndexLocked { dir: String },
    /// No index at the location, or an empty one.
    NoIndex { dir: String },
    /// The index was written by an incompatible newsdex version.
    SchemaMismatch { dir: String, found: String },
    /// A usage problem detected after parsing (bad filter value, refusing to overwrite, ...).
    Usage(String),
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::QuerySyntax {
                query,
                position,
                reason,
            } => {
                let pad: String = query
                    .chars()
                    .take(*position)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "query syntax error: {reason}\n  {query}\n  {pad}^")
            }
            Fatal::IndexLocked { dir } => write!(
                f,
                "the index {dir} is locked: another newsdex is writing to it; wait for it to finish and run again"
            ),
            Fatal::NoIndex { dir } => write!(
                f,
                "no index at {dir}: create one with `newsdex index CORPUS --index {dir}`"
            ),
            Fatal::SchemaMismatch { dir, found } => write!(
                f,
                "the index {dir} was written by an incompatible newsdex ({found}); re-index with `newsdex index CORPUS --index {dir} --rebuild`"
            ),
            Fatal::Usage(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Fatal {}

/// True when the error chain contains a broken pipe (the reader went away: a quiet exit).
///
/// The writers wrap I/O errors: `serde_json` and `csv` keep the `io::Error` inside their own error
/// type instead of exposing it as a source, so each is asked for its kind.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == BrokenPipe;
        }
        if let Some(json) = e.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(BrokenPipe);
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
        }
        false
    })
}

/// Every error is exit code 2, like grep.
pub fn exit_code(_err: &anyhow::Error) -> u8 {
    2
}
