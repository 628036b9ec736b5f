//! Finding the files of a corpus: walkdir traversal with the user's filters (hidden files,
//! symlinks with loop detection, size limit, exclude globs). Problems are events, never aborts.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// What the user asked the walk to include.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    pub follow: bool,
    pub hidden: bool,
    pub max_file_size: u64,
    pub exclude: GlobSet,
}

impl WalkOptions {
    /// Builds the exclude set; an invalid glob is a usage error naming the glob.
    pub fn new(
        follow: bool,
        hidden: bool,
        max_file_size: u64,
        exclude: &[String],
    ) -> anyhow::Result<Self> {
        let mut b = GlobSetBuilder::new();
        for g in exclude {
            b.add(Glob::new(g).map_err(|e| anyhow::anyhow!("invalid --exclude glob {g:?}: {e}"))?);
        }
        Ok(WalkOptions {
            follow,
            hidden,
            max_file_size,
            exclude: b.build()?,
        })
    }
}

/// A file to consider, with the metadata its fingerprint starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i64,
}

/// One step of the walk.
#[derive(Debug)]
pub enum WalkEvent {
    File(FileEntry),
    /// Left out on purpose (too large); counted and reported in the summary.
    Skipped {
        path: PathBuf,
        reason: String,
    },
    /// Could not be read (permissions, symlink loop, vanished); reported as a failure.
    Error {
        path: PathBuf,
        reason: String,
    },
}

/// Walks `root` (a folder or a single file) in sorted order.
pub fn walk<'a>(root: &'a Path, opts: &'a WalkOptions) -> impl Iterator<Item = WalkEvent> + 'a {
    walkdir::WalkDir::new(root)
        .follow_links(opts.follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            e.depth() == 0
                || ((opts.hidden || !is_hidden(e.file_name())) && !opts.exclude.is_match(e.path()))
        })
        .filter_map(move |entry| match entry {
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    err.io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string())
                };
                Some(WalkEvent::Error { path, reason })
            }
            Ok(e) if e.file_type().is_file() => Some(file_event(e, opts)),
            Ok(_) => None,
        })
}

fn file_event(e: walkdir::DirEntry, opts: &WalkOptions) -> WalkEvent {
    let path = e.path().to_path_buf();
    match e.metadata() {
        Err(err) => WalkEvent::Error {
            path,
            reason: err.to_string(),
        },
        Ok(meta) if meta.len() > opts.max_file_size => WalkEvent::Skipped {
            path,
            reason: format!(
                "larger than --max-file-size ({} MiB)",
                opts.max_file_size >> 20
            ),
        },
        Ok(meta) => {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            WalkEvent::File(FileEntry {
                path,
                size: meta.len(),
                mtime_ns,
            })
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}
