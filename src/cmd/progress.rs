//! The indexing progress bar (stderr, terminals only) and warning lines that do not garble it.

use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::index::progress::Progress;

/// Progress of an index run: files done against files the walk has found so far. Counted in
/// files, not bytes, so the one walk of the run gives the total without reading any metadata
/// (a second walk for sizes doubled a re-run's `stat` calls), and unchanged files move the bar.
pub struct IndexProgress {
    bar: Option<ProgressBar>,
    articles: AtomicU64,
    bytes: AtomicU64,
}

impl IndexProgress {
    /// A bar when `show` is set.
    pub fn new(show: bool) -> Self {
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} files {msg} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        IndexProgress {
            bar,
            articles: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }
}

impl Progress for IndexProgress {
    fn found(&self, files: u64) {
        if let Some(bar) = &self.bar {
            bar.inc_length(files);
        }
    }

    fn advance(&self, bytes: u64, articles: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if articles == 0 && bytes == 0 {
                return;
            }
            let secs = bar.elapsed().as_secs_f64().max(0.001);
            let done = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
            let read = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
            bar.set_message(format!(
                "{} indexed, {done} articles ({:.0}/s)",
                HumanBytes(read),
                done as f64 / secs
            ));
        }
    }

    /// A warning line above the bar (or plain stderr).
    fn warn(&self, msg: &str) {
        let msg = format!("newsdex: {}", crate::text::escape_control(msg));
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
