//! The indexing progress bar (stderr, terminals only) and warning lines that do not garble it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::walk::{self, WalkEvent, WalkOptions};

/// Progress of an index run: bytes done against bytes found by a background size count.
pub struct IndexProgress {
    bar: Option<ProgressBar>,
    articles: AtomicU64,
}

impl IndexProgress {
    /// A bar when `show` is set; a second, cheap walk (metadata only) fills in the total for ETA.
    pub fn new(show: bool, corpus: &Path, opts: &WalkOptions) -> Self {
        if !show {
            return IndexProgress {
                bar: None,
                articles: AtomicU64::new(0),
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {msg} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let counter = bar.clone();
        let corpus = corpus.to_path_buf();
        let opts = opts.clone();
        std::thread::spawn(move || {
            let mut total = 0;
            for event in walk::walk(&corpus, &opts) {
                if let WalkEvent::File(f) = event {
                    total += f.size;
                    counter.set_length(total);
                }
            }
        });
        IndexProgress {
            bar: Some(bar),
            articles: AtomicU64::new(0),
        }
    }

    /// One file done.
    pub fn advance(&self, bytes: u64, articles: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let secs = bar.elapsed().as_secs_f64().max(0.001);
            let done = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
            bar.set_message(format!("{done} articles ({:.0}/s)", done as f64 / secs));
        }
    }

    /// A warning line above the bar (or plain stderr).
    pub fn warn(&self, msg: &str) {
        let msg = format!("newsdex: {}", crate::text::escape_control(msg));
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
