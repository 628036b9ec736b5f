//! `newsdex index --to-quickwit` and `--ndjson`: the same walk, formats and extraction as the
//! local index (`index::writer::examine_file`, `extract::enrich`), streamed as NDJSON documents
//! (`quickwit::docs`) to Quickwit's ingest API in bounded batches, or to a file for
//! `quickwit tool local-ingest`.
//!
//! A walker thread feeds worker threads that read and extract; the calling thread batches and
//! sends. Memory is bounded by the queues, the largest file and one batch. Re-runs send only new
//! and changed files (`quickwit::state`); the articles of a changed, emptied or vanished file are
//! removed with a Quickwit delete task before its new articles are sent.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use crossbeam_channel::bounded;
use serde_json::Value;

use super::client::Client;
use super::state::State;
use crate::index::fingerprints::Fingerprint;
use crate::index::progress::Progress;
use crate::index::writer::{self, Examined, Summary, UNSUPPORTED};
use crate::ingest::formats;
use crate::ingest::walk::{self, WalkEvent, WalkOptions};
use crate::model::Article;

/// Where the documents go.
pub enum Target {
    Quickwit {
        client: Client,
        index: String,
        /// The fingerprint journal (`quickwit::state`).
        state: PathBuf,
    },
    /// One NDJSON file, every article (no fingerprints: a full export).
    Ndjson(PathBuf),
}

/// Everything a Quickwit ingest run needs, already validated.
pub struct IngestConfig {
    pub corpus: PathBuf,
    pub walk: WalkOptions,
    pub threads: usize,
    /// Largest request body sent (Quickwit refuses bodies over 10 MiB by default).
    pub batch_bytes: usize,
    pub target: Target,
}

/// The counts of a run, and what Quickwit refused.
#[derive(Debug, Default)]
pub struct Report {
    pub summary: Summary,
    pub batches: u64,
    /// Articles Quickwit rejected (each reported with its file).
    pub rejected: u64,
    /// Files whose earlier articles were deleted (changed, emptied, vanished).
    pub deleted_files: u64,
}

/// What a worker made of one file.
enum Outcome {
    Unchanged,
    Touched(Fingerprint),
    Read {
        fp: Fingerprint,
        lines: Vec<String>,
        bytes: u64,
        warnings: Vec<String>,
    },
    Skipped(String),
    Failed(String),
}

pub fn run(cfg: &IngestConfig, progress: &dyn Progress) -> anyhow::Result<Report> {
    let started = Instant::now();
    let mut sink = Sink::open(cfg)?;
    let known: std::collections::HashMap<String, Option<Fingerprint>> = match &sink.state {
        // A file left open by a crash is read again: its fingerprint is not trusted.
        Some(s) => s
            .files
            .iter()
            .map(|(p, k)| (p.clone(), k.fp.filter(|_| !k.open)))
            .collect(),
        None => Default::default(),
    };
    let mut met: HashSet<String> = HashSet::new();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (event_tx, event_rx) = bounded::<WalkEvent>(1024);
        let (out_tx, out_rx) = bounded::<(String, Outcome)>(cfg.threads * 4);
        scope.spawn(move || {
            for event in walk::walk(&cfg.corpus, &cfg.walk) {
                progress.found(1);
                if event_tx.send(event).is_err() {
                    return;
                }
            }
        });
        for _ in 0..cfg.threads.max(1) {
            let (rx, tx, known) = (event_rx.clone(), out_tx.clone(), &known);
            scope.spawn(move || {
                for event in rx.iter() {
                    let item = match event {
                        WalkEvent::File(entry) => {
                            let path = entry.path.to_string_lossy().into_owned();
                            let old = known.get(&path).copied().flatten();
                            let outcome = read_file(&entry, &path, old, cfg.walk.max_file_size);
                            (path, outcome)
                        }
                        WalkEvent::Skipped { path, reason } => (
                            path.to_string_lossy().into_owned(),
                            Outcome::Skipped(reason),
                        ),
                        WalkEvent::Error { path, reason } => {
                            (path.to_string_lossy().into_owned(), Outcome::Failed(reason))
                        }
                    };
                    if tx.send(item).is_err() {
                        return;
                    }
                }
            });
        }
        drop(out_tx);
        drop(event_rx);
        for (path, outcome) in out_rx.iter() {
            met.insert(path.clone());
            sink.take(&path, outcome, progress)?;
        }
        Ok(())
    })?;
    progress.finish();
    sink.remove_vanished(&cfg.corpus, &met, progress)?;
    sink.finish(progress)?;
    sink.report.summary.seconds = started.elapsed().as_secs_f64();
    Ok(sink.report)
}

/// Reads and extracts one file; a panic in a reader or the extractor costs this file only.
fn read_file(entry: &walk::FileEntry, path: &str, old: Option<Fingerprint>, max: u64) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match writer::examine_file(
        entry, old, max,
    ) {
        Examined::Unchanged => Outcome::Unchanged,
        Examined::Touched(fp) => Outcome::Touched(fp),
        Examined::Skipped(why) => Outcome::Skipped(why),
        Examined::Failed(why) => Outcome::Failed(why),
        Examined::Read {
            fp,
            found,
            multi,
            bytes,
        } => {
            let lines: Vec<String> = found
                .articles
                .into_iter()
                .map(|raw| crate::extract::enrich(path, raw, multi))
                .filter(Article::has_text)
                .map(|a| super::docs::article_line(&a))
                .collect();
            if lines.is_empty() {
                return Outcome::Skipped(formats::NO_TEXT.to_string());
            }
            Outcome::Read {
                fp,
                lines,
                bytes,
                warnings: found.warnings,
            }
        }
    }))
    .unwrap_or_else(|_| {
        Outcome::Failed(
            "internal error while reading this file (a newsdex bug: please report it with the file)"
                .into(),
        )
    })
}

/// The receiving end: batches lines, sends them, keeps the journal.
struct Sink<'c> {
    cfg: &'c IngestConfig,
    state: Option<State>,
    /// The NDJSON output (`--ndjson`), written to a temporary file renamed at the end.
    file: Option<(std::io::BufWriter<std::fs::File>, PathBuf)>,
    batch: Vec<u8>,
    /// Files whose last article is in `batch`: done once it is acknowledged.
    completing: Vec<(String, Fingerprint)>,
    /// Files whose earlier articles must be deleted before `batch` is sent.
    deletes: Vec<String>,
    report: Report,
}

/// Paths per delete task (one Quickwit query of `path:"..." OR ...`).
const DELETE_PATHS: usize = 64;

impl<'c> Sink<'c> {
    fn open(cfg: &'c IngestConfig) -> anyhow::Result<Sink<'c>> {
        let (state, file) = match &cfg.target {
            Target::Quickwit { state, index, .. } => (Some(State::open(state, index)?), None),
            Target::Ndjson(path) => {
                let tmp = path.with_extension("ndjson.partial");
                let f = std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                (None, Some((std::io::BufWriter::new(f), tmp)))
            }
        };
        Ok(Sink {
            cfg,
            state,
            file,
            batch: Vec::new(),
            completing: Vec::new(),
            deletes: Vec::new(),
            report: Report::default(),
        })
    }

    /// True when Quickwit may hold articles of `path` from an earlier run.
    fn holds(&self, path: &str) -> bool {
        self.state
            .as_ref()
            .is_some_and(|s| s.files.contains_key(path))
    }

    fn take(
        &mut self,
        path: &str,
        outcome: Outcome,
        progress: &dyn Progress,
    ) -> anyhow::Result<()> {
        let s = &mut self.report.summary;
        s.files_seen += 1;
        match outcome {
            Outcome::Unchanged => {
                s.unchanged += 1;
                progress.advance(0, 0);
            }
            Outcome::Touched(fp) => {
                s.unchanged += 1;
                progress.advance(0, 0);
                if let Some(st) = &mut self.state {
                    st.done(path, fp)?;
                }
            }
            Outcome::Skipped(reason) => {
                progress.advance(0, 0);
                if reason != UNSUPPORTED {
                    progress.warn(&format!("skipped {path}: {reason}"));
                }
                *s.skipped.entry(reason).or_default() += 1;
                // A file Quickwit holds that now has no article keeps none there either.
                if self.holds(path) {
                    self.deletes.push(path.to_string());
                }
            }
            Outcome::Failed(reason) => {
                // Its earlier articles stay, as in the local index; the next run tries again.
                progress.advance(0, 0);
                progress.warn(&format!("failed {path}: {reason}"));
                s.failed += 1;
            }
            Outcome::Read {
                fp,
                lines,
                bytes,
                warnings,
            } => {
                for w in warnings {
                    progress.warn(&format!("{path}: {w}"));
                }
                s.indexed += 1;
                s.articles += lines.len() as u64;
                s.bytes += bytes;
                progress.advance(bytes, lines.len() as u64);
                if self.holds(path) {
                    self.deletes.push(path.to_string());
                }
                if let Some(st) = &mut self.state {
                    st.begin(path)?;
                }
                for line in lines {
                    if !self.batch.is_empty()
                        && self.batch.len() + line.len() + 1 > self.cfg.batch_bytes
                    {
                        self.flush(false, progress)?;
                    }
                    self.batch.extend_from_slice(line.as_bytes());
                    self.batch.push(b'\n');
                }
                self.completing.push((path.to_string(), fp));
            }
        }
        Ok(())
    }

    /// Sends the batch (deletes first, so they cannot touch the new articles), then records the
    /// files it completed.
    fn flush(&mut self, last: bool, progress: &dyn Progress) -> anyhow::Result<()> {
        self.send_deletes()?;
        if let Some((w, _)) = &mut self.file {
            w.write_all(&self.batch)?;
        } else if let Target::Quickwit { client, index, .. } = &self.cfg.target
            && (!self.batch.is_empty() || last)
        {
            // The last call may carry no lines: it still commits what earlier batches sent.
            let reply = client.ingest(index, &self.batch, last)?;
            self.report.rejected += report_rejections(&reply, progress);
        }
        if !self.batch.is_empty() {
            self.report.batches += 1;
        }
        self.batch.clear();
        if let Some(st) = &mut self.state {
            for (path, fp) in self.completing.drain(..) {
                st.done(&path, fp)?;
            }
            st.sync()?;
        }
        self.completing.clear();
        Ok(())
    }

    fn send_deletes(&mut self) -> anyhow::Result<()> {
        let Target::Quickwit { client, index, .. } = &self.cfg.target else {
            return Ok(());
        };
        for chunk in self.deletes.chunks(DELETE_PATHS) {
            let query: Vec<String> = chunk.iter().map(|p| path_query(p)).collect();
            client.delete_matching(index, &query.join(" OR "))?;
        }
        self.report.deleted_files += self.deletes.len() as u64;
        if let Some(st) = &mut self.state {
            for p in self.deletes.drain(..) {
                // A file being re-sent is `begin` again at once; a gone one leaves the journal.
                if !st.files.get(&p).is_some_and(|k| k.open) {
                    st.gone(&p)?;
                }
            }
            st.sync()?;
        }
        self.deletes.clear();
        Ok(())
    }

    /// Deletes the articles of recorded files under `root` this walk did not meet.
    fn remove_vanished(
        &mut self,
        root: &Path,
        met: &HashSet<String>,
        progress: &dyn Progress,
    ) -> anyhow::Result<()> {
        let Some(st) = &self.state else {
            return Ok(());
        };
        let mut vanished: Vec<String> = st
            .files
            .keys()
            .filter(|p| !met.contains(*p) && Path::new(p).starts_with(root))
            .cloned()
            .collect();
        vanished.sort();
        self.report.summary.removed = vanished.len() as u64;
        for p in &vanished {
            progress.warn(&format!("removed {p}: no longer in the corpus"));
        }
        self.deletes.extend(vanished);
        Ok(())
    }

    /// Sends what is left (the last batch commits, so everything is searchable when the run
    /// ends), and compacts the journal or renames the NDJSON file into place.
    fn finish(&mut self, progress: &dyn Progress) -> anyhow::Result<()> {
        let sent_any = self.report.batches > 0 || !self.batch.is_empty();
        self.flush(sent_any, progress)?;
        if let Some(st) = &mut self.state {
            st.compact()?;
        }
        if let (Some((w, tmp)), Target::Ndjson(path)) = (self.file.take(), &self.cfg.target) {
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

/// A Quickwit query matching one path exactly (`path` is a raw field: the phrase is one term).
pub fn path_query(path: &str) -> String {
    let escaped = path.replace('\\', "\\\\").replace('"', "\\\"");
    format!("path:\"{escaped}\"")
}

/// Reports each article Quickwit refused, by its id, with the reason; returns how many.
fn report_rejections(reply: &Value, progress: &dyn Progress) -> u64 {
    let rejected = reply
        .get("num_rejected_docs")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let failures = reply
        .get("parse_failures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for f in &failures {
        let message = f
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("rejected");
        let id = f
            .get("document")
            .and_then(Value::as_str)
            .and_then(|d| serde_json::from_str::<Value>(d).ok())
            .and_then(|d| d.get("id").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| "?".into());
        let hint = if message.contains("timestamp") {
            " (the article has no date and the index's timestamp field requires one: recreate the index from `newsdex quickwit config --no-timestamp-field`)"
        } else {
            ""
        };
        progress.warn(&format!("Quickwit rejected article {id}: {message}{hint}"));
    }
    rejected.max(failures.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_queries_escape_quotes_and_backslashes() {
        assert_eq!(path_query("a/b.sgm"), r#"path:"a/b.sgm""#);
        assert_eq!(path_query(r#"a "q"\x"#), r#"path:"a \"q\"\\x""#);
    }

    #[test]
    fn rejections_are_counted_and_named() {
        let reply: Value = serde_json::json!({
            "num_rejected_docs": 1,
            "parse_failures": [{ "message": "timestamp field is required", "document": "{\"id\":\"x#1\"}" }],
        });
        struct Seen(std::sync::Mutex<Vec<String>>);
        impl Progress for Seen {
            fn warn(&self, msg: &str) {
                if let Ok(mut v) = self.0.lock() {
                    v.push(msg.to_string());
                }
            }
        }
        let seen = Seen(Default::default());
        assert_eq!(report_rejections(&reply, &seen), 1);
        let msgs = seen.0.lock().map(|v| v.clone()).unwrap_or_default();
        assert!(msgs[0].contains("x#1") && msgs[0].contains("--no-timestamp-field"));
    }
}
