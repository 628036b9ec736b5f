//! Which files a Quickwit index holds, kept locally as an append-only journal of JSON lines, so a
//! re-run sends only new and changed files.
//!
//! Why locally and not in Quickwit: Quickwit has no cheap lookup of a million per-file records
//! (each would be a search or a large aggregation on the cluster), and no transaction that ties a
//! file's fingerprint to its articles. The journal records `begin` before a file's first article
//! is sent and `done` once the batch holding its last article was acknowledged; a file left at
//! `begin` by a crash may have some articles in Quickwit, so the next run deletes them before
//! sending it again. The cost: another machine (or a lost journal) does not know what was sent;
//! re-sending a corpus without the journal duplicates it (recreate the index then).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{Value, json};

use crate::index::fingerprints::Fingerprint;

/// What the journal knows of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// The fingerprint of the last complete send.
    pub fp: Option<Fingerprint>,
    /// A send began and did not complete: some of its articles may be in Quickwit.
    pub open: bool,
}

/// The journal of one Quickwit index.
pub struct State {
    path: PathBuf,
    index: String,
    pub files: HashMap<String, Known>,
    out: Option<BufWriter<File>>,
}

impl State {
    /// Loads the journal at `path` (empty when it does not exist yet). A journal of another index
    /// is refused: its files are not in this one.
    pub fn open(path: &Path, index: &str) -> anyhow::Result<State> {
        let mut state = State {
            path: path.to_path_buf(),
            index: index.to_string(),
            files: HashMap::new(),
            out: None,
        };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(state),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("cannot read {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            // A line cut short by a crash is the last one: what it recorded did not happen.
            let Ok(v) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            state.apply(&v).map_err(|why| {
                anyhow::anyhow!(
                    "{} line {}: {why}; give another --quickwit-state file, or delete this one and recreate the Quickwit index",
                    path.display(),
                    n + 1
                )
            })?;
        }
        Ok(state)
    }

    fn apply(&mut self, v: &Value) -> Result<(), String> {
        if let Some(index) = v.get("index").and_then(Value::as_str) {
            if index != self.index {
                return Err(format!(
                    "this journal is for Quickwit index {index:?}, not {:?}",
                    self.index
                ));
            }
            return Ok(());
        }
        let path = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        if let Some(p) = path("done") {
            let num = |k: &str| v.get(k).and_then(Value::as_u64);
            let fp = match (
                num("size"),
                v.get("mtime_ns").and_then(Value::as_i64),
                num("hash"),
            ) {
                (Some(size), Some(mtime_ns), Some(hash)) => Fingerprint {
                    size,
                    mtime_ns,
                    hash,
                },
                _ => return Err("a `done` record without its fingerprint".into()),
            };
            self.files.insert(
                p,
                Known {
                    fp: Some(fp),
                    open: false,
                },
            );
        } else if let Some(p) = path("begin") {
            self.files
                .entry(p)
                .or_insert(Known {
                    fp: None,
                    open: true,
                })
                .open = true;
        } else if let Some(p) = path("gone") {
            self.files.remove(&p);
        } else {
            return Err("not a journal record".into());
        }
        Ok(())
    }

    fn append(&mut self, v: Value) -> anyhow::Result<()> {
        if self.out.is_none() {
            let new = !self.path.exists();
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .with_context(|| format!("cannot write {}", self.path.display()))?;
            let mut w = BufWriter::new(f);
            if new {
                writeln!(w, "{}", json!({ "index": self.index }))?;
            }
            self.out = Some(w);
        }
        self.apply(&v).map_err(|e| anyhow::anyhow!(e))?;
        if let Some(w) = &mut self.out {
            writeln!(w, "{v}").with_context(|| format!("cannot write {}", self.path.display()))?;
        }
        Ok(())
    }

    /// A file's articles are about to be sent.
    pub fn begin(&mut self, path: &str) -> anyhow::Result<()> {
        self.append(json!({ "begin": path }))
    }

    /// Every article of the file was acknowledged (or the file's content is unchanged).
    pub fn done(&mut self, path: &str, fp: Fingerprint) -> anyhow::Result<()> {
        self.append(
            json!({ "done": path, "size": fp.size, "mtime_ns": fp.mtime_ns, "hash": fp.hash }),
        )
    }

    /// The file's articles were deleted from Quickwit.
    pub fn gone(&mut self, path: &str) -> anyhow::Result<()> {
        self.append(json!({ "gone": path }))
    }

    /// Makes the records so far durable.
    pub fn sync(&mut self) -> anyhow::Result<()> {
        if let Some(w) = &mut self.out {
            w.flush()?;
            w.get_ref()
                .sync_data()
                .with_context(|| format!("cannot write {}", self.path.display()))?;
        }
        Ok(())
    }

    /// Rewrites the journal as one record per file (atomically: a temporary file renamed).
    pub fn compact(&mut self) -> anyhow::Result<()> {
        self.sync()?;
        self.out = None;
        let tmp = self.path.with_extension("compacting");
        {
            let f =
                File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
            let mut w = BufWriter::new(f);
            writeln!(w, "{}", json!({ "index": self.index }))?;
            let mut paths: Vec<&String> = self.files.keys().collect();
            paths.sort();
            for p in paths {
                let k = self.files[p];
                if k.open {
                    writeln!(w, "{}", json!({ "begin": p }))?;
                }
                if let Some(fp) = k.fp.filter(|_| !k.open) {
                    writeln!(
                        w,
                        "{}",
                        json!({ "done": p, "size": fp.size, "mtime_ns": fp.mtime_ns, "hash": fp.hash })
                    )?;
                }
            }
            w.flush()?;
            w.get_ref().sync_data()?;
        }
        std::fs::rename(&tmp, &self.path)
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(n: u64) -> Fingerprint {
        Fingerprint {
            size: n,
            mtime_ns: n as i64,
            hash: n * 7,
        }
    }

    #[test]
    fn replays_begin_done_gone_and_survives_a_torn_line() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("s.jsonl");
        let mut s = State::open(&p, "news")?;
        s.begin("a")?;
        s.done("a", fp(1))?;
        s.begin("b")?;
        s.done("c", fp(3))?;
        s.gone("c")?;
        s.begin("a")?;
        s.sync()?;
        drop(s);
        // A crash mid-write leaves half a line.
        let mut f = OpenOptions::new().append(true).open(&p)?;
        write!(f, "{{\"done\": \"b\", \"si")?;
        drop(f);
        let s = State::open(&p, "news")?;
        assert_eq!(
            s.files.get("a"),
            Some(&Known {
                fp: Some(fp(1)),
                open: true
            })
        );
        assert_eq!(
            s.files.get("b"),
            Some(&Known {
                fp: None,
                open: true
            })
        );
        assert!(!s.files.contains_key("c"));
        Ok(())
    }

    #[test]
    fn compaction_keeps_the_same_knowledge() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("s.jsonl");
        let mut s = State::open(&p, "news")?;
        s.done("a", fp(1))?;
        s.begin("b")?;
        s.done("a", fp(2))?;
        s.compact()?;
        let before = s.files.clone();
        let again = State::open(&p, "news")?;
        assert_eq!(again.files, before);
        assert_eq!(std::fs::read_to_string(&p)?.lines().count(), 3);
        Ok(())
    }

    #[test]
    fn a_journal_of_another_index_is_refused() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("s.jsonl");
        let mut s = State::open(&p, "news")?;
        s.done("a", fp(1))?;
        s.sync()?;
        let err = State::open(&p, "other").err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("\"news\"")));
        Ok(())
    }
}
