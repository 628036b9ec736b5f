//! Builds the benchmark corpus from the Reuters stories: one `.txt` per article (headline line,
//! blank line, the date as a page shows it (`February 26, 1987`), blank line, dateline + body) in
//! folders of 1,000 files, repeated with light deterministic
//! perturbation until the target size, plus the same articles as JSON Lines in ~50 MB files.
//!
//! A `manifest.json` records what was built; a corpus with a matching manifest is reused.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::json;

use crate::reuters::{self, Story};

/// Bump when the layout or the perturbation changes, so cached corpora are rebuilt.
const FORMAT_VERSION: u64 = 2;
const FILES_PER_FOLDER: usize = 1000;
const JSONL_PART_BYTES: u64 = 50_000_000;
/// Words swapped per article in every copy after the first.
const SWAPS_PER_COPY: usize = 3;

/// What is on disk, as recorded in the manifest.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub txt_dir: PathBuf,
    pub jsonl_dir: PathBuf,
    /// Bytes of the `.txt` files (the "text size" every rate is computed from).
    pub text_bytes: u64,
    pub articles: u64,
    pub source: String,
    /// A word found in exactly three base stories, for the rare-word query.
    pub rare_word: String,
}

/// Returns the corpus for `target` bytes under `dir`, building it unless a matching one exists.
pub fn ensure(dir: &Path, reuters_dir: &Path, target: u64) -> anyhow::Result<Corpus> {
    let manifest = dir.join("manifest.json");
    if let Some(c) = read_manifest(dir, &manifest, target) {
        eprintln!(
            "corpus: reusing {} ({} articles, {:.1} MB)",
            dir.display(),
            c.articles,
            c.text_bytes as f64 / 1e6
        );
        return Ok(c);
    }
    let (stories, source) = reuters::load(reuters_dir)?;
    if stories.is_empty() {
        anyhow::bail!("no stories found in {}", reuters_dir.display());
    }
    eprintln!(
        "corpus: building {} from {} stories ({})",
        dir.display(),
        stories.len(),
        source.name()
    );
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    let mut corpus = write(dir, &stories, target)?;
    corpus.source = source.name().to_string();
    corpus.rare_word = rare_word(&stories);
    let m = json!({
        "format_version": FORMAT_VERSION,
        "target_bytes": target,
        "text_bytes": corpus.text_bytes,
        "articles": corpus.articles,
        "source": corpus.source,
        "rare_word": corpus.rare_word,
    });
    std::fs::write(&manifest, serde_json::to_string_pretty(&m)?)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    Ok(corpus)
}

fn read_manifest(dir: &Path, manifest: &Path, target: u64) -> Option<Corpus> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(manifest).ok()?).ok()?;
    let ok = v["format_version"].as_u64() == Some(FORMAT_VERSION)
        && v["target_bytes"].as_u64() == Some(target)
        && dir.join("txt").is_dir();
    ok.then(|| Corpus {
        txt_dir: dir.join("txt"),
        jsonl_dir: dir.join("jsonl"),
        text_bytes: v["text_bytes"].as_u64().unwrap_or(0),
        articles: v["articles"].as_u64().unwrap_or(0),
        source: v["source"].as_str().unwrap_or("?").to_string(),
        rare_word: v["rare_word"].as_str().unwrap_or("cocoa").to_string(),
    })
}

/// Writes copies of `stories` until `target` bytes of `.txt` are on disk.
fn write(dir: &Path, stories: &[Story], target: u64) -> anyhow::Result<Corpus> {
    let txt_dir = dir.join("txt");
    let jsonl_dir = dir.join("jsonl");
    std::fs::create_dir_all(&jsonl_dir)?;
    let mut jsonl = JsonlParts::new(&jsonl_dir);
    let mut text_bytes = 0u64;
    let mut articles = 0u64;
    let mut copy = 0usize;
    'copies: loop {
        let mut rng = Rng::new(0x5eed_0000 + copy as u64);
        for (i, story) in stories.iter().enumerate() {
            if text_bytes >= target {
                break 'copies;
            }
            let story = if copy == 0 {
                story.clone()
            } else {
                perturb(story, stories, copy, &mut rng)
            };
            let folder = txt_dir.join(format!("{copy:03}-{:03}", i / FILES_PER_FOLDER));
            if i % FILES_PER_FOLDER == 0 {
                std::fs::create_dir_all(&folder)?;
            }
            let content = match story.date.as_deref().and_then(page_date) {
                Some(date) => format!("{}\n\n{date}\n\n{}\n", story.title, story.text()),
                None => format!("{}\n\n{}\n", story.title, story.text()),
            };
            let path = folder.join(format!("{}.txt", story.id));
            std::fs::write(&path, &content)
                .with_context(|| format!("cannot write {}", path.display()))?;
            text_bytes += content.len() as u64;
            articles += 1;
            jsonl.push(&story)?;
        }
        copy += 1;
    }
    jsonl.finish()?;
    Ok(Corpus {
        txt_dir,
        jsonl_dir,
        text_bytes,
        articles,
        source: String::new(),
        rare_word: String::new(),
    })
}

/// `1987-02-26` as a news page prints it, `February 26, 1987`: Reuters datelines carry no year,
/// so without it no article of the corpus would be dated and `--since` would find nothing.
fn page_date(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<usize>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let name = MONTHS.get(month.checked_sub(1)?)?;
    Some(format!("{name} {day}, {year}"))
}

/// Copy `copy` of a story: a new id and a few words swapped with words of another story.
pub fn perturb(story: &Story, all: &[Story], copy: usize, rng: &mut Rng) -> Story {
    let mut out = story.clone();
    out.id = format!("{}-c{copy}", story.id);
    let mut words: Vec<String> = out.body.split(' ').map(str::to_string).collect();
    let donor = &all[rng.below(all.len())];
    let donor_words: Vec<&str> = donor
        .body
        .split_whitespace()
        .filter(|w| is_word(w))
        .collect();
    if donor_words.is_empty() {
        return out;
    }
    let slots: Vec<usize> = (0..words.len()).filter(|&i| is_word(&words[i])).collect();
    for _ in 0..SWAPS_PER_COPY.min(slots.len()) {
        let slot = slots[rng.below(slots.len())];
        words[slot] = donor_words[rng.below(donor_words.len())].to_string();
    }
    out.body = words.join(" ");
    out
}

/// Plain alphabetic words only, so swaps never break numbers, lines or punctuation.
fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// A word (8+ letters) present in exactly three stories: the alphabetically first such word,
/// so the choice is stable for a given collection.
fn rare_word(stories: &[Story]) -> String {
    let mut df: HashMap<String, u32> = HashMap::new();
    for s in stories {
        let mut seen: Vec<String> = s
            .body
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 8)
            .map(str::to_ascii_lowercase)
            .collect();
        seen.sort();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    df.into_iter()
        .filter(|(_, n)| *n == 3)
        .map(|(w, _)| w)
        .min()
        .unwrap_or_else(|| "cocoa".to_string())
}

/// JSON Lines output split into parts of about [`JSONL_PART_BYTES`].
struct JsonlParts {
    dir: PathBuf,
    part: usize,
    written: u64,
    out: Option<BufWriter<std::fs::File>>,
}

impl JsonlParts {
    fn new(dir: &Path) -> Self {
        JsonlParts {
            dir: dir.to_path_buf(),
            part: 0,
            written: 0,
            out: None,
        }
    }

    fn push(&mut self, s: &Story) -> anyhow::Result<()> {
        if self.out.is_none() || self.written >= JSONL_PART_BYTES {
            self.finish()?;
            let path = self.dir.join(format!("part-{:04}.jsonl", self.part));
            self.part += 1;
            self.written = 0;
            let file = std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            self.out = Some(BufWriter::new(file));
        }
        let line = json!({"id": s.id, "title": s.title, "body": s.text(), "date": s.date});
        let line = format!("{line}\n");
        if let Some(out) = self.out.as_mut() {
            out.write_all(line.as_bytes())?;
        }
        self.written += line.len() as u64;
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(mut out) = self.out.take() {
            out.flush()?;
        }
        Ok(())
    }
}

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (zero is replaced, xorshift needs a non-zero state).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str, body: &str) -> Story {
        Story {
            id: id.into(),
            title: format!("Title {id}"),
            body: body.into(),
            ..Story::default()
        }
    }

    #[test]
    fn page_dates_read_like_a_news_page() {
        assert_eq!(
            page_date("1987-02-26").as_deref(),
            Some("February 26, 1987")
        );
        assert_eq!(page_date("1987-13-01"), None);
        assert_eq!(page_date("soon"), None);
    }

    #[test]
    fn perturb_changes_id_and_is_deterministic() {
        let all = vec![
            story("1", "the quick brown fox jumps over 12 lazy dogs"),
            story("2", "alpha beta gamma delta epsilon zeta"),
        ];
        let a = perturb(&all[0], &all, 3, &mut Rng::new(9));
        let b = perturb(&all[0], &all, 3, &mut Rng::new(9));
        assert_eq!(a, b);
        assert_eq!(a.id, "1-c3");
        assert!(a.body.contains(" 12 "), "numbers are never swapped");
        assert_eq!(a.body.split(' ').count(), all[0].body.split(' ').count());
    }

    #[test]
    fn rare_word_needs_three_documents() {
        let all = vec![
            story("1", "elephants roam"),
            story("2", "elephants graze; aardvarks"),
            story("3", "Elephants sleep"),
            story("4", "aardvarks dig"),
        ];
        assert_eq!(rare_word(&all), "elephants");
    }

    #[test]
    fn write_stops_at_target_and_reuses_manifest() -> anyhow::Result<()> {
        let tmp = std::env::temp_dir().join(format!("newsdex-bench-test-{}", std::process::id()));
        let all = vec![story("1", "one two three"), story("2", "four five six")];
        let c = write(&tmp, &all, 100)?;
        assert!(c.text_bytes >= 100);
        assert!(c.articles > all.len() as u64, "copies were added");
        assert!(tmp.join("txt/001-000/1-c1.txt").exists());
        let jsonl = std::fs::read_to_string(tmp.join("jsonl/part-0000.jsonl"))?;
        assert_eq!(jsonl.lines().count() as u64, c.articles);
        std::fs::remove_dir_all(&tmp)?;
        Ok(())
    }
}
