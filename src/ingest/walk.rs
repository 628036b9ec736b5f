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

/// The corpus root as paths are recorded under it: `.` components dropped, so `./corpus`,
/// `corpus/.` and `corpus` name the same files in the index (a re-run with another spelling would
/// otherwise index every article a second time).
///
/// ```
/// use std::path::Path;
/// use newsdex::ingest::walk::normalize_root;
/// assert_eq!(normalize_root(Path::new("./corpus/./txt/")), Path::new("corpus/txt"));
/// assert_eq!(normalize_root(Path::new("./")), Path::new("."));
/// ```
pub fn normalize_root(root: &Path) -> PathBuf {
    let kept: PathBuf = root
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    if kept.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        kept
    }
}

/// Walks `root` (a folder or a single file) in sorted order, reading each file's metadata.
pub fn walk<'a>(root: &'a Path, opts: &'a WalkOptions) -> impl Iterator<Item = WalkEvent> + 'a {
    let mut meta = MetadataReader::default();
    find(root, opts).map(move |found| found.into_event(opts, &mut meta))
}

/// A step of [`find`]: a file whose metadata is still to be read, or an event already decided.
#[derive(Debug)]
pub enum Found {
    File(walkdir::DirEntry),
    Event(WalkEvent),
}

impl Found {
    /// Reads the metadata of a found file (one `stat`) and decides its event.
    pub fn into_event(self, opts: &WalkOptions, meta: &mut MetadataReader) -> WalkEvent {
        match self {
            Found::File(entry) => file_event(entry, opts, meta),
            Found::Event(event) => event,
        }
    }
}

/// Walks `root` in sorted order without reading file metadata: a caller with several threads
/// reads it with [`Found::into_event`] on all of them (on a million files, one `stat` each is
/// most of a run that finds nothing changed).
pub fn find<'a>(root: &'a Path, opts: &'a WalkOptions) -> impl Iterator<Item = Found> + 'a {
    walkdir::WalkDir::new(root)
        .follow_links(opts.follow)
        // Siblings share their parent's path, so comparing whole paths as bytes orders them by
        // name; `sort_by_file_name` parses each path's last component on every comparison,
        // which was 44% of a no-change re-run's instructions.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(move |e| {
            e.depth() == 0
                || ((opts.hidden || !is_hidden(e.file_name())) && !excluded(e, root, opts))
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
                Some(Found::Event(WalkEvent::Error { path, reason }))
            }
            Ok(e) if e.file_type().is_file() => Some(Found::File(e)),
            Ok(_) => None,
        })
}

/// An exclude glob may name the full path, the path below the root (`drafts/*.txt`) or just the
/// file or folder name (`*.bak`, `drafts`).
fn excluded(e: &walkdir::DirEntry, root: &Path, opts: &WalkOptions) -> bool {
    let set = &opts.exclude;
    !set.is_empty()
        && (set.is_match(e.path())
            || set.is_match(e.file_name())
            || e.path()
                .strip_prefix(root)
                .is_ok_and(|rel| set.is_match(rel)))
}

fn file_event(e: walkdir::DirEntry, opts: &WalkOptions, reader: &mut MetadataReader) -> WalkEvent {
    let meta = reader.read(&e);
    // The entry's own path, not a copy: a re-run of a million files makes this a million copies.
    let path = e.into_path();
    match meta {
        Err(err) => WalkEvent::Error {
            path,
            reason: err.to_string(),
        },
        Ok((size, _)) if size > opts.max_file_size => WalkEvent::Skipped {
            path,
            reason: format!(
                "larger than --max-file-size ({} MiB)",
                opts.max_file_size >> 20
            ),
        },
        Ok((size, mtime_ns)) => WalkEvent::File(FileEntry {
            path,
            size,
            mtime_ns,
        }),
    }
}

/// Reads a found file's size and modification time (nanoseconds since the epoch, 0 when unknown
/// or earlier). One per thread: on Linux it keeps the file's folder open and asks for the file by
/// name, because a `stat` of the whole path walks every folder of it again in the kernel, which
/// was a fifth of the CPU of a re-run that finds nothing changed. Symbolic links that reach here
/// were chosen to be followed (`--follow`), so the target's metadata is read, as walkdir does.
#[derive(Debug, Default)]
pub struct MetadataReader {
    #[cfg(target_os = "linux")]
    folder: Option<(Vec<u8>, rustix::fd::OwnedFd)>,
}

impl MetadataReader {
    // `O_PATH` folder handles are Linux's; elsewhere the whole path is read.
    #[cfg(target_os = "linux")]
    fn read(&mut self, e: &walkdir::DirEntry) -> std::io::Result<(u64, i64)> {
        use rustix::fs::{AtFlags, Mode, OFlags};
        use std::os::unix::ffi::OsStrExt;
        // Split at the last `/` (walkdir joins names with it; `Path::parent` and `file_name`
        // parse the whole path, which showed in the profile).
        let path = e.path().as_os_str().as_encoded_bytes();
        let Some(cut) = path.iter().rposition(|&b| b == b'/').filter(|&c| c > 0) else {
            return std_metadata(e);
        };
        let (folder, name) = (&path[..cut], &path[cut + 1..]);
        if self.folder.as_ref().is_none_or(|(open, _)| open != folder) {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let folder_path = Path::new(std::ffi::OsStr::from_bytes(folder));
            match rustix::fs::open(folder_path, flags, Mode::empty()) {
                Ok(fd) => self.folder = Some((folder.to_vec(), fd)),
                // The folder cannot be opened on its own: the whole path still may be.
                Err(_) => return std_metadata(e),
            }
        }
        let Some((_, fd)) = &self.folder else {
            return std_metadata(e);
        };
        let st = rustix::fs::statat(fd, std::ffi::OsStr::from_bytes(name), AtFlags::empty())?;
        let mtime_ns = if st.st_mtime < 0 {
            0
        } else {
            (st.st_mtime as i64)
                .saturating_mul(1_000_000_000)
                .saturating_add(st.st_mtime_nsec as i64)
        };
        Ok((st.st_size as u64, mtime_ns))
    }

    #[cfg(not(target_os = "linux"))]
    fn read(&mut self, e: &walkdir::DirEntry) -> std::io::Result<(u64, i64)> {
        std_metadata(e)
    }
}

fn std_metadata(e: &walkdir::DirEntry) -> std::io::Result<(u64, i64)> {
    let meta = e.metadata()?;
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    Ok((meta.len(), mtime_ns))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn opts(follow: bool, hidden: bool, max: u64, exclude: &[&str]) -> WalkOptions {
        let exclude: Vec<String> = exclude.iter().map(|s| s.to_string()).collect();
        WalkOptions::new(follow, hidden, max, &exclude).unwrap()
    }

    /// File names (relative to `root`) of the File events.
    fn files(root: &Path, o: &WalkOptions) -> Vec<String> {
        walk(root, o)
            .filter_map(|e| match e {
                WalkEvent::File(f) => Some(
                    f.path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                ),
                _ => None,
            })
            .collect()
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("news/drafts")).unwrap();
        fs::create_dir_all(r.join(".git")).unwrap();
        fs::write(r.join("a.txt"), "one").unwrap();
        fs::write(r.join("news/b.html"), "two").unwrap();
        fs::write(r.join("news/c.bak"), "three").unwrap();
        fs::write(r.join("news/drafts/d.txt"), "four").unwrap();
        fs::write(r.join(".hidden.txt"), "five").unwrap();
        fs::write(r.join(".git/config"), "six").unwrap();
        dir
    }

    #[test]
    fn hidden_entries_only_when_asked() {
        let dir = tree();
        let all = ["a.txt", "news/b.html", "news/c.bak", "news/drafts/d.txt"];
        assert_eq!(files(dir.path(), &opts(false, false, 1 << 20, &[])), all);
        let with_hidden = files(dir.path(), &opts(false, true, 1 << 20, &[]));
        assert!(with_hidden.contains(&".hidden.txt".to_string()));
        assert!(with_hidden.contains(&".git/config".to_string()));
        assert_eq!(with_hidden.len(), 6);
    }

    #[test]
    fn exclude_globs_match_names_relative_and_full_paths() {
        let dir = tree();
        let got = files(
            dir.path(),
            &opts(false, false, 1 << 20, &["*.bak", "drafts"]),
        );
        assert_eq!(got, ["a.txt", "news/b.html"]);
        let got = files(dir.path(), &opts(false, false, 1 << 20, &["news/*.html"]));
        assert_eq!(got, ["a.txt", "news/c.bak", "news/drafts/d.txt"]);
        assert!(WalkOptions::new(false, false, 1, &["a{".to_string()]).is_err());
    }

    #[test]
    fn large_files_are_skipped_with_a_reason() {
        let dir = tree();
        fs::write(dir.path().join("big.txt"), vec![b'x'; 100]).unwrap();
        let events: Vec<WalkEvent> = walk(dir.path(), &opts(false, false, 10, &[])).collect();
        let skipped: Vec<&PathBuf> = events
            .iter()
            .filter_map(|e| match e {
                WalkEvent::Skipped { path, reason } if reason.contains("max-file-size") => {
                    Some(path)
                }
                _ => None,
            })
            .collect();
        assert_eq!(skipped, [&dir.path().join("big.txt")]);
        let file = events.iter().find_map(|e| match e {
            WalkEvent::File(f) => Some(f),
            _ => None,
        });
        let file = file.unwrap();
        assert_eq!(file.size, 3);
        assert!(file.mtime_ns > 0);
    }

    #[test]
    fn a_single_file_root_is_walked() {
        let dir = tree();
        let root = dir.path().join("a.txt");
        let events: Vec<WalkEvent> =
            walk(&root, &opts(false, false, 1 << 20, &["*.txt"])).collect();
        assert!(matches!(&events[..], [WalkEvent::File(f)] if f.path == root));
    }

    /// Size and mtime read relative to the open folder equal what the whole path's `stat` says,
    /// for files in several folders and for a followed link (the target's metadata).
    #[cfg(unix)]
    #[test]
    fn metadata_matches_a_stat_of_the_whole_path() {
        let dir = tree();
        let r = dir.path();
        fs::write(r.join("news/drafts/long.txt"), "x".repeat(5000)).unwrap();
        std::os::unix::fs::symlink(r.join("news/drafts/long.txt"), r.join("link.txt")).unwrap();
        let mut seen = 0;
        for event in walk(r, &opts(true, false, 1 << 20, &[])) {
            let WalkEvent::File(f) = event else {
                panic!("unexpected {event:?}");
            };
            let meta = fs::metadata(&f.path).unwrap();
            let mtime = meta.modified().unwrap().duration_since(UNIX_EPOCH).unwrap();
            assert_eq!((f.size, f.mtime_ns), (meta.len(), mtime.as_nanos() as i64));
            seen += 1;
        }
        assert_eq!(seen, 6);
        let link = walk(r, &opts(true, false, 1 << 20, &[])).find_map(|e| match e {
            WalkEvent::File(f) if f.path.ends_with("link.txt") => Some(f.size),
            _ => None,
        });
        assert_eq!(link, Some(5000));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_an_error_event() {
        let dir = tree();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("news/loop")).unwrap();
        let events: Vec<WalkEvent> = walk(dir.path(), &opts(true, false, 1 << 20, &[])).collect();
        let errors: Vec<&String> = events
            .iter()
            .filter_map(|e| match e {
                WalkEvent::Error { reason, .. } => Some(reason),
                _ => None,
            })
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("loop"));
        // Without --follow the link is neither followed nor an error.
        let plain: Vec<WalkEvent> = walk(dir.path(), &opts(false, false, 1 << 20, &[])).collect();
        assert!(plain.iter().all(|e| matches!(e, WalkEvent::File(_))));
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_folder_is_an_error_event() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tree();
        let locked = dir.path().join("news/drafts");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read_dir(&locked).is_ok() {
            // Running as root: permissions do not apply, nothing to test.
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("note: running as root, unreadable-folder test skipped");
            return;
        }
        let events: Vec<WalkEvent> = walk(dir.path(), &opts(false, false, 1 << 20, &[])).collect();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(events.iter().any(|e| matches!(e,
            WalkEvent::Error { path, reason } if path == &locked && reason.contains("ermission"))));
        assert_eq!(
            events
                .iter()
                .filter(|e| matches!(e, WalkEvent::File(_)))
                .count(),
            3
        );
    }

    #[cfg(unix)]
    #[test]
    fn dangling_symlink_with_follow_is_an_error_event() {
        let dir = tree();
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("z.txt")).unwrap();
        let events: Vec<WalkEvent> = walk(dir.path(), &opts(true, false, 1 << 20, &[])).collect();
        assert!(events.iter().any(|e| matches!(e,
            WalkEvent::Error { path, .. } if path.ends_with("z.txt"))));
    }
}
