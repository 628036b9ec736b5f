//! How the index writer tells its caller what it is doing, without knowing who listens: the CLI
//! draws a progress bar (`cmd::progress`), tests and other front ends can print plain lines or
//! nothing. The writer calls these from several threads.

/// What an index run reports as it goes. Every method but [`Progress::warn`] may do nothing.
pub trait Progress: Sync {
    /// The walk found `files` more files.
    fn found(&self, _files: u64) {}
    /// One file is done; `bytes` and `articles` are what it added (0 when it was unchanged).
    fn advance(&self, _bytes: u64, _articles: u64) {}
    /// A line the user must see: a skipped or failed file, a bad article.
    fn warn(&self, msg: &str) {
        eprintln!("newsdex: {}", crate::text::escape_control(msg));
    }
    /// The run is over (called once, before the final commit).
    fn finish(&self) {}
}

/// No progress, warnings on stderr: for `--quiet`, pipes and tests.
pub struct Plain;

impl Progress for Plain {}
