//! The indexing pipeline: a walker thread feeds a bounded queue of files; worker threads read,
//! decode, parse and extract them into documents; the calling thread owns the tantivy
//! `IndexWriter`, applies deletions and additions, commits periodically and reports progress.
//!
//! Every queue is bounded, so memory depends on the number of threads and the largest file, not
//! on the size of the corpus. Each commit carries the file fingerprints of the articles it
//! commits, so a crash at any moment leaves an index that agrees with its own fingerprints.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Context;
use crossbeam_channel::{Receiver, Sender, bounded};
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy, UserOperation};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::fingerprints::{self, Cursor, Fingerprint, Recorded};
use super::progress::Progress;
use super::{Fields, documents};
use crate::error::Fatal;
use crate::ingest::formats::{self, ReadError};
use crate::ingest::walk::{self, FileEntry, Found, MetadataReader, WalkEvent, WalkOptions};
use crate::model::RawArticle;

/// Everything `newsdex index` needs, already validated.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub corpus: PathBuf,
    pub index_dir: PathBuf,
    pub walk: WalkOptions,
    pub rebuild: bool,
    pub strict: bool,
    pub memory_bytes: usize,
    pub threads: usize,
    /// Commit at least this often, so a long run killed midway keeps most of its work.
    pub commit_every: Duration,
}

/// Counts reported at the end of a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files_seen: u64,
    pub indexed: u64,
    pub unchanged: u64,
    /// Reason -> count.
    pub skipped: BTreeMap<String, u64>,
    pub failed: u64,
    pub removed: u64,
    pub articles: u64,
    pub bytes: u64,
    pub seconds: f64,
    pub commits: u64,
}

impl Summary {
    /// The one-line summary printed at the end of every run.
    pub fn line(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let skipped: u64 = self.skipped.values().sum();
        let why = if self.skipped.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{n} {r}"))
                .collect();
            format!(" ({})", parts.join(", "))
        };
        format!(
            "{} files seen, {} indexed, {} unchanged, {} skipped{}, {} failed, {} removed; {} articles; {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.files_seen,
            self.indexed,
            self.unchanged,
            skipped,
            why,
            self.failed,
            self.removed,
            self.articles,
            mb,
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        )
    }
}

/// What a worker made of one file.
struct Outcome {
    path: String,
    /// The file's slot among the recorded fingerprints, when the index already knew it.
    slot: Option<usize>,
    what: What,
}

enum What {
    /// Same size and mtime as recorded: not read.
    Unchanged,
    /// Content identical but size or mtime moved: refresh the fingerprint only.
    Touched(Fingerprint),
    /// New or changed: replace everything stored for the path.
    Indexed {
        fp: Fingerprint,
        docs: Vec<TantivyDocument>,
        articles: u64,
        bytes: u64,
        warnings: Vec<String>,
    },
    Skipped(String),
    Failed(String),
    /// Documents of a file of many articles, sent ahead of its `Indexed` outcome so memory
    /// holds a chunk of them at a time, not the whole file's.
    Part(Vec<TantivyDocument>),
}

/// Runs the whole pipeline; warnings go to stderr as they happen.
pub fn run(cfg: &IndexConfig, progress: &dyn Progress) -> anyhow::Result<Summary> {
    let (index, fields) = super::open_or_create(&cfg.index_dir, cfg.rebuild)?;
    let writer: IndexWriter = index
        .writer_with_num_threads(cfg.threads.clamp(1, 8), cfg.memory_bytes)
        .map_err(|e| lock_error(e, &cfg.index_dir))?;
    writer.set_merge_policy(Box::new(BoundedMerges::default()));
    let respelled;
    let cfg = match recorded_spelling(cfg, &index, &fields)? {
        Some(corpus) => {
            let shown = |p: &Path| crate::text::escape_control(&p.display().to_string());
            eprintln!(
                "newsdex: {} is the folder this index knows as {}; indexing it under that name, so its files are not indexed twice",
                shown(&cfg.corpus),
                shown(&corpus)
            );
            respelled = IndexConfig {
                corpus,
                ..cfg.clone()
            };
            &respelled
        }
        None => cfg,
    };
    pipeline(cfg, &index, fields, writer, progress)
        .map_err(|e| explain_failure(e, &index, &cfg.index_dir))
}

/// The spelling under which the index already holds the corpus folder, if it is another one
/// (see [`super::roots`]); a rebuild starts over under the name given.
fn recorded_spelling(
    cfg: &IndexConfig,
    index: &tantivy::Index,
    fields: &Fields,
) -> anyhow::Result<Option<PathBuf>> {
    if cfg.rebuild {
        return Ok(None);
    }
    let searcher = super::open_reader(index, &cfg.index_dir)?.searcher();
    super::roots::recorded_spelling(&searcher, fields.path, &cfg.corpus)
        .map_err(|e| super::damaged(&cfg.index_dir, e))
}

/// tantivy's log merge policy, with no merge producing more than [`MAX_MERGED_DOCS`] documents.
///
/// A merge reads every segment it merges through memory maps, which count in the process's
/// resident memory: unbounded, the last merges of a 1 GB corpus held about 1.1 GiB. Capped, memory
/// stays near the writer's budget whatever the corpus size, and a big index keeps a handful of
/// large segments (searched one after the other, at little cost).
#[derive(Debug)]
pub struct BoundedMerges(LogMergePolicy);

/// About 300 MB of index at newsdex's ~190 bytes per document (articles, quotes, files).
const MAX_MERGED_DOCS: u64 = 1_500_000;

impl Default for BoundedMerges {
    fn default() -> Self {
        let mut log = LogMergePolicy::default();
        log.set_max_docs_before_merge(MAX_MERGED_DOCS as usize / 2);
        BoundedMerges(log)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id: &SegmentId| {
            segments
                .iter()
                .find(|s| s.id() == *id)
                .map_or(0, |s| u64::from(s.num_docs()))
        };
        self.0
            .compute_merge_candidates(segments)
            .into_iter()
            .filter(|c| c.0.iter().map(docs).sum::<u64>() <= MAX_MERGED_DOCS)
            .collect()
    }
}

/// A failure of tantivy's writer (disk full, I/O error) rather than of the input.
#[derive(Debug)]
struct WriterFailed;

impl std::fmt::Display for WriterFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the index writer failed")
    }
}

impl std::error::Error for WriterFailed {}

/// After a writer failure: removes the segment files the failed run left behind (they are not in
/// any commit) and says what happened in the user's terms: disk full, and the last commit intact.
fn explain_failure(err: anyhow::Error, index: &tantivy::Index, dir: &Path) -> anyhow::Error {
    if err.downcast_ref::<WriterFailed>().is_none() {
        return err;
    }
    // Probe before collecting: the collection frees the space the failed run filled.
    let full = disk_is_full(dir);
    if let Ok(w) = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000) {
        let _ = w.garbage_collect_files().wait();
    }
    let shown = dir.display();
    if full {
        anyhow::anyhow!(
            "no space left on the disk that holds the index {shown}: free some space (or put the index elsewhere with --index) and run again; the last committed index is intact"
        )
    } else {
        err.context(format!(
            "indexing into {shown} failed; the last committed index is intact"
        ))
    }
}

/// True when a small probe file cannot be written next to the index for lack of space.
fn disk_is_full(dir: &Path) -> bool {
    let probe = dir.join(".newsdex-space-probe");
    let result = std::fs::write(&probe, vec![0u8; 1 << 20]);
    let _ = std::fs::remove_file(&probe);
    matches!(result, Err(e) if e.kind() == std::io::ErrorKind::StorageFull)
}

fn pipeline(
    cfg: &IndexConfig,
    index: &tantivy::Index,
    fields: Fields,
    writer: IndexWriter,
    progress: &dyn Progress,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    if cfg.rebuild {
        // Emptied inside the same commit that adds everything back: until then readers keep
        // seeing the old index, and a killed rebuild leaves it as it was.
        writer
            .delete_all_documents()
            .context("cannot clear the index for --rebuild")?;
    }
    // Intermediate commits would publish a half-rebuilt index; `--strict` commits all or nothing.
    let periodic_commits = !cfg.rebuild && !cfg.strict;
    let mut sink = Sink {
        writer,
        fields,
        ops: Vec::new(),
        summary: Summary::default(),
        met: Vec::new(),
        failures: Vec::new(),
        streaming: HashSet::new(),
        commit_due: false,
        held: Vec::new(),
        held_paths: HashSet::new(),
        progress,
        last_commit: Instant::now(),
    };
    // Set once the fingerprints are loaded; the walk and the workers' metadata reads run meanwhile
    // (on a million files, loading them and walking take about as long as each other).
    let known_cell: OnceLock<Recorded> = OnceLock::new();

    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (file_tx, file_rx) = bounded::<Vec<Found>>(WALK_QUEUE_BATCHES);
        let (out_tx, out_rx) = bounded::<Vec<Outcome>>(cfg.threads * 8);
        scope.spawn(move || walk_in_batches(cfg, file_tx, progress));
        for _ in 0..cfg.threads.max(1) {
            let (rx, tx, known, fields) = (file_rx.clone(), out_tx.clone(), &known_cell, &fields);
            scope.spawn(move || worker(rx, tx, known, fields, cfg));
        }
        drop(out_tx);
        drop(file_rx);
        let known = match recorded(cfg, index, &fields) {
            Ok(known) => known,
            Err(e) => {
                // Release the workers; dropping `out_rx` on return then stops them.
                let _ = known_cell.set(Recorded::default());
                return Err(e);
            }
        };
        sink.met = vec![false; known.len()];
        let _ = known_cell.set(known);
        for outcomes in out_rx.iter() {
            for outcome in outcomes {
                sink.receive(outcome)?;
            }
            if periodic_commits && sink.last_commit.elapsed() >= cfg.commit_every {
                sink.commit_due = true;
            }
            // Never between the parts of a file: a commit carries a file whole, with its
            // fingerprint.
            if sink.commit_due && sink.streaming.is_empty() {
                sink.commit(&cfg.index_dir)?;
                sink.release_held()?;
            }
        }
        sink.release_held()?;
        Ok(())
    })?;
    let known = known_cell.into_inner().unwrap_or_default();

    sink.progress.finish();
    sink.summary.removed = remove_vanished(&sink.writer, &fields, &known, &sink.met, &cfg.corpus);
    if cfg.strict && sink.summary.failed > 0 {
        sink.writer.rollback()?;
        // Drop the segment files of the rolled-back documents now, not at the next run.
        let _ = sink.writer.garbage_collect_files().wait();
        anyhow::bail!(
            "{} file(s) failed and --strict is set; nothing was committed (first: {})",
            sink.summary.failed,
            sink.failures.first().map(String::as_str).unwrap_or("?")
        );
    }
    sink.commit(&cfg.index_dir)?;
    sink.writer
        .wait_merging_threads()
        .context(WriterFailed)
        .context("merging segments failed")?;
    sink.summary.seconds = started.elapsed().as_secs_f64();
    Ok(sink.summary)
}

/// The fingerprints the index records (none for `--rebuild`, which starts over).
fn recorded(
    cfg: &IndexConfig,
    index: &tantivy::Index,
    fields: &Fields,
) -> anyhow::Result<Recorded> {
    if cfg.rebuild {
        return Ok(Recorded::default());
    }
    let reader = super::open_reader(index, &cfg.index_dir)?;
    fingerprints::load(&reader.searcher(), fields)
        .context("cannot read the file fingerprints from the index")
}

/// Files per batch on the walk queue. The walker does not know file sizes (workers read the
/// metadata), so batches stay small enough that a few big files still spread over workers, and
/// large enough that channel hand-offs are rare next to the work per file.
const BATCH_FILES: usize = 4;
/// Batches the walker may run ahead of the workers: 256 k files (about 40 MB), so the walk goes on
/// while the fingerprints of a big index load.
const WALK_QUEUE_BATCHES: usize = 65_536;
/// Index operations handed to tantivy at once.
const BATCH_OPS: usize = 1024;

fn walk_in_batches(cfg: &IndexConfig, tx: Sender<Vec<Found>>, progress: &dyn Progress) {
    let mut batch = Vec::with_capacity(BATCH_FILES);
    for found in walk::find(&cfg.corpus, &cfg.walk) {
        batch.push(found);
        if batch.len() >= BATCH_FILES {
            progress.found(batch.len() as u64);
            if tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        progress.found(batch.len() as u64);
        let _ = tx.send(batch);
    }
}

/// The receiving end of the pipeline: owns the writer, batches operations, counts, commits.
struct Sink<'a> {
    writer: IndexWriter,
    fields: Fields,
    ops: Vec<UserOperation>,
    summary: Summary,
    /// Recorded paths this walk met (anything recorded and not met is removed at the end).
    met: Vec<bool>,
    failures: Vec<String>,
    /// Files whose documents are arriving in parts (their final outcome is still to come).
    streaming: HashSet<String>,
    /// A periodic commit waits for the files in `streaming` to end.
    commit_due: bool,
    /// Outcomes of files that began to stream while a commit was due, kept until it is done
    /// (at most one file per worker), and their paths.
    held: Vec<Outcome>,
    held_paths: HashSet<String>,
    progress: &'a dyn Progress,
    last_commit: Instant,
}

impl Sink<'_> {
    /// Takes an outcome, or holds it back while a commit waits for open files to end: a file
    /// starting to stream then would keep the commit waiting, and must not be committed half.
    fn receive(&mut self, outcome: Outcome) -> anyhow::Result<()> {
        let starts =
            matches!(outcome.what, What::Part(_)) && !self.streaming.contains(&outcome.path);
        if self.held_paths.contains(&outcome.path) || (self.commit_due && starts) {
            self.held_paths.insert(outcome.path.clone());
            self.held.push(outcome);
            return Ok(());
        }
        self.take(outcome)
    }

    /// Takes the outcomes held back during a commit, in their order.
    fn release_held(&mut self) -> anyhow::Result<()> {
        self.held_paths.clear();
        for outcome in std::mem::take(&mut self.held) {
            self.receive(outcome)?;
        }
        Ok(())
    }

    fn take(&mut self, outcome: Outcome) -> anyhow::Result<()> {
        let f = self.fields;
        let Outcome { path, slot, what } = outcome;
        if let What::Part(docs) = what {
            // The first part of a file the index holds removes its older documents.
            if self.streaming.insert(path.clone()) && slot.is_some() {
                self.ops
                    .extend(documents::path_terms(&f, &path).map(UserOperation::Delete));
            }
            self.ops.extend(docs.into_iter().map(UserOperation::Add));
            return self.flush_when_full();
        }
        let streamed = self.streaming.remove(&path);
        self.summary.files_seen += 1;
        if let Some(slot) = slot {
            self.met[slot] = true;
        }
        match &what {
            What::Indexed {
                bytes, articles, ..
            } => self.progress.advance(*bytes, *articles),
            _ => self.progress.advance(0, 0),
        }
        match what {
            What::Unchanged => self.summary.unchanged += 1,
            What::Touched(fp) => {
                let id = fingerprints::file_doc_id(&path);
                self.ops
                    .push(UserOperation::Delete(Term::from_field_text(f.id, &id)));
                self.ops
                    .push(UserOperation::Add(documents::file_document(&f, &path, fp)));
                self.summary.unchanged += 1;
            }
            What::Indexed {
                fp,
                docs,
                articles,
                bytes,
                warnings,
            } => {
                for w in warnings {
                    self.progress.warn(&format!("{path}: {w}"));
                }
                // Only a file the index already holds has documents to replace (a commit always
                // carries a file's articles with its fingerprint). The delete precedes the adds, so
                // it removes only the older documents. New files issue no delete: every queued
                // delete is applied to every segment, which made a first run several times slower.
                if slot.is_some() && !streamed {
                    self.ops
                        .extend(documents::path_terms(&f, &path).map(UserOperation::Delete));
                }
                self.ops.extend(docs.into_iter().map(UserOperation::Add));
                self.ops
                    .push(UserOperation::Add(documents::file_document(&f, &path, fp)));
                self.summary.indexed += 1;
                self.summary.articles += articles;
                self.summary.bytes += bytes;
            }
            What::Skipped(reason) => {
                // A file the index holds that is now empty (or binary, or no article) keeps
                // nothing: its old articles would answer for text it no longer has.
                if slot.is_some() || streamed {
                    self.ops
                        .extend(documents::path_terms(&f, &path).map(UserOperation::Delete));
                }
                if reason != UNSUPPORTED {
                    self.progress.warn(&format!("skipped {path}: {reason}"));
                }
                *self.summary.skipped.entry(reason).or_default() += 1;
            }
            What::Failed(reason) => {
                // Parts already added go: a file is indexed whole or not at all. (Its older
                // articles went with the first part; the next run indexes the file again.)
                if streamed {
                    self.ops
                        .extend(documents::path_terms(&f, &path).map(UserOperation::Delete));
                }
                self.progress.warn(&format!("failed {path}: {reason}"));
                self.summary.failed += 1;
                self.failures.push(path);
            }
            What::Part(_) => {}
        }
        self.flush_when_full()
    }

    fn flush_when_full(&mut self) -> anyhow::Result<()> {
        if self.ops.len() >= BATCH_OPS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if !self.ops.is_empty() {
            self.writer
                .run(std::mem::take(&mut self.ops))
                .context(WriterFailed)?;
        }
        Ok(())
    }

    fn commit(&mut self, dir: &Path) -> anyhow::Result<()> {
        self.flush()?;
        let context = || format!("cannot commit the index {}", dir.display());
        let mut prepared = self
            .writer
            .prepare_commit()
            .context(WriterFailed)
            .with_context(context)?;
        prepared.set_payload(&super::commit_payload());
        prepared
            .commit()
            .context(WriterFailed)
            .with_context(context)?;
        self.summary.commits += 1;
        self.last_commit = Instant::now();
        self.commit_due = false;
        Ok(())
    }
}

pub const UNSUPPORTED: &str = "not an article format";

fn worker(
    rx: Receiver<Vec<Found>>,
    tx: Sender<Vec<Outcome>>,
    known: &OnceLock<Recorded>,
    fields: &Fields,
    cfg: &IndexConfig,
) {
    let mut meta = MetadataReader::default();
    let mut cursor: Option<Cursor> = None;
    for batch in rx.iter() {
        // Metadata first: it needs no fingerprints, so it runs while they load.
        let events: Vec<WalkEvent> = batch
            .into_iter()
            .map(|found| found.into_event(&cfg.walk, &mut meta))
            .collect();
        let known = cursor.get_or_insert_with(|| known.wait().cursor());
        let outcomes = events
            .into_iter()
            .map(|event| match event {
                WalkEvent::File(entry) => process_file(&entry, known, fields, cfg, &tx),
                WalkEvent::Skipped { path, reason } => Outcome {
                    path: shown(&path),
                    slot: None,
                    what: What::Skipped(reason),
                },
                WalkEvent::Error { path, reason } => Outcome {
                    path: shown(&path),
                    slot: None,
                    what: What::Failed(reason),
                },
            })
            .collect();
        if tx.send(outcomes).is_err() {
            return;
        }
    }
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn process_file(
    entry: &FileEntry,
    known: &mut Cursor,
    fields: &Fields,
    cfg: &IndexConfig,
    tx: &Sender<Vec<Outcome>>,
) -> Outcome {
    let path = entry.path.to_string_lossy();
    let old = known.get(&path);
    let slot = old.map(|(slot, _)| slot);
    let mut emit = |docs: Vec<TantivyDocument>| {
        let part = Outcome {
            path: path.to_string(),
            slot,
            what: What::Part(docs),
        };
        // A closed channel means the run is stopping; the final outcome reports nothing then.
        let _ = tx.send(vec![part]);
    };
    // A bug in a parser or extractor must cost one file, not the run: a panic becomes a failure
    // of this file, reported by path, and every other file is still indexed.
    let what = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        examine(entry, &path, old.map(|(_, fp)| fp), fields, cfg, &mut emit)
    }))
    .unwrap_or_else(|_| {
        What::Failed("internal error while reading this file (a newsdex bug: please report it with the file)".into())
    });
    // The sink needs no path for an unchanged file (most files of a re-run): no copy then.
    let path = match what {
        What::Unchanged => String::new(),
        _ => path.into_owned(),
    };
    Outcome { path, slot, what }
}

/// What reading one file found, before extraction: shared by the local writer and the Quickwit
/// ingest (`quickwit::ingest`), so both skip, fail and detect changes alike.
pub enum Examined {
    /// Same size and mtime as recorded: not read.
    Unchanged,
    /// Content identical but size or mtime moved.
    Touched(Fingerprint),
    /// New or changed, and read into raw articles.
    Read {
        fp: Fingerprint,
        found: formats::FileArticles,
        /// The file holds many articles (ids get `#n`).
        multi: bool,
        bytes: u64,
    },
    Skipped(String),
    Failed(String),
}

/// Decides what to do with one file, reading it only when its metadata moved.
pub fn examine_file(entry: &FileEntry, old: Option<Fingerprint>, max_file_size: u64) -> Examined {
    if formats::detect(&entry.path, "").is_none() {
        return Examined::Skipped(UNSUPPORTED.to_string());
    }
    if old.is_some_and(|fp| fp.size == entry.size && fp.mtime_ns == entry.mtime_ns) {
        return Examined::Unchanged;
    }
    let bytes = match std::fs::read(&entry.path) {
        Ok(b) => b,
        Err(e) => return Examined::Failed(format!("cannot read: {e}")),
    };
    let fp = Fingerprint {
        size: entry.size,
        mtime_ns: entry.mtime_ns,
        hash: fingerprints::content_hash(&bytes),
    };
    if old.is_some_and(|o| o.hash == fp.hash) {
        return Examined::Touched(fp);
    }
    match formats::read_file_bytes(&entry.path, &bytes, max_file_size) {
        Err(e) if e.is_skip() => Examined::Skipped(skip_reason(&e)),
        Err(e) => Examined::Failed(e.to_string()),
        Ok(found) => Examined::Read {
            multi: found.articles.len() > 1 || formats::is_multi_article(&entry.path),
            fp,
            found,
            bytes: bytes.len() as u64,
        },
    }
}

/// Reads one file and extracts its documents, in chunks for big files.
fn examine(
    entry: &FileEntry,
    path: &str,
    old: Option<Fingerprint>,
    fields: &Fields,
    cfg: &IndexConfig,
    emit: &mut dyn FnMut(Vec<TantivyDocument>),
) -> What {
    let (fp, found, multi, bytes) = match examine_file(entry, old, cfg.walk.max_file_size) {
        Examined::Unchanged => return What::Unchanged,
        Examined::Touched(fp) => return What::Touched(fp),
        Examined::Skipped(why) => return What::Skipped(why),
        Examined::Failed(why) => return What::Failed(why),
        Examined::Read {
            fp,
            found,
            multi,
            bytes,
        } => (fp, found, multi, bytes),
    };
    // Chunks of a big file go to the index as they are ready; the last one comes with the
    // fingerprint.
    let mut raws = found.articles.into_iter();
    let mut docs;
    let mut articles = 0;
    loop {
        let chunk: Vec<RawArticle> = raws.by_ref().take(CHUNK_ARTICLES).collect();
        let extracted;
        (docs, extracted) = extract_documents(path, chunk, multi, fields, cfg.threads);
        articles += extracted;
        if raws.len() == 0 {
            break;
        }
        emit(std::mem::take(&mut docs));
    }
    if articles == 0 {
        // Cleanup left nothing of any article (a page of nothing but site chrome).
        return What::Skipped(formats::NO_TEXT.to_string());
    }
    What::Indexed {
        fp,
        docs,
        articles,
        bytes,
        warnings: found.warnings,
    }
}

/// Articles of one file at least this many are extracted on several threads.
const SPLIT_ARTICLES: usize = 64;
/// Articles of a big file whose documents go to the index together.
const CHUNK_ARTICLES: usize = 1024;

/// Extracts a file's articles into documents, in order (each article followed by its quote
/// documents), with the number of articles. A file of many articles (a JSON Lines dump, an SGML
/// collection) is split over `threads` threads: otherwise one big file keeps one core busy while
/// the others wait for files.
fn extract_documents(
    path: &str,
    mut raws: Vec<RawArticle>,
    multi: bool,
    fields: &Fields,
    threads: usize,
) -> (Vec<TantivyDocument>, u64) {
    let one = |raws: Vec<RawArticle>| -> (Vec<TantivyDocument>, u64) {
        let mut docs = Vec::with_capacity(raws.len());
        let mut articles = 0;
        for raw in raws {
            let article = crate::extract::enrich(path, raw, multi);
            if article.has_text() {
                articles += 1;
                docs.extend(documents::article_documents(&article, fields));
            }
        }
        (docs, articles)
    };
    if threads < 2 || raws.len() < SPLIT_ARTICLES {
        return one(raws);
    }
    let size = raws.len().div_ceil(threads);
    let mut chunks = Vec::with_capacity(threads);
    while raws.len() > size {
        chunks.push(raws.split_off(raws.len() - size));
    }
    chunks.push(raws);
    chunks.reverse();
    std::thread::scope(|scope| {
        let rest: Vec<_> = chunks
            .drain(1..)
            .map(|chunk| scope.spawn(|| one(chunk)))
            .collect();
        let (mut docs, mut articles) = chunks.pop().map(one).unwrap_or_default();
        for helper in rest {
            // A panic in a helper thread is re-raised here, so the caller's catch turns it into
            // this file's failure as for any other extraction bug.
            let (more, n) = helper
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            docs.extend(more);
            articles += n;
        }
        (docs, articles)
    })
}

fn skip_reason(e: &ReadError) -> String {
    match e {
        ReadError::Binary => "binary".to_string(),
        ReadError::NotArticle(why) => why.to_string(),
        _ => UNSUPPORTED.to_string(),
    }
}

/// Deletes everything stored for recorded files under `root` that this walk did not meet
/// (deleted, or now excluded). Files that failed to read were met, so their old articles stay.
fn remove_vanished(
    writer: &IndexWriter,
    f: &Fields,
    known: &Recorded,
    met: &[bool],
    root: &Path,
) -> u64 {
    let mut removed = 0;
    for (path, slot, _) in known.iter() {
        if !met[slot] && Path::new(path).starts_with(root) {
            for term in documents::path_terms(f, path) {
                writer.delete_term(term);
            }
            removed += 1;
        }
    }
    removed
}

/// Maps tantivy's lock failure to the user-facing "another newsdex is writing" error.
fn lock_error(e: tantivy::TantivyError, dir: &Path) -> anyhow::Error {
    match e {
        tantivy::TantivyError::LockFailure(_, _) => Fatal::IndexLocked {
            dir: dir.display().to_string(),
        }
        .into(),
        other => anyhow::Error::new(other).context(format!(
            "cannot open a writer on the index {}",
            dir.display()
        )),
    }
}
