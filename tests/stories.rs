//! Story sketches on real wire copy: every Reuters-21578 article (`../shared`) sketched as the
//! index sketches it, its edited copies found as the same story, and distinct stories kept apart.
//! The copies are made the way the bench corpus makes them: 3 words swapped for words of another
//! story. Prints its figures.

mod util;

use std::collections::{HashMap, HashSet};

use newsdex::index::story::Sketch;
use util::shared;

/// Headline and body of every Reuters article.
fn reuters() -> Vec<(String, String)> {
    let dir = shared().join("corpora/reuters21578");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("../shared/corpora/reuters21578")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).expect("read");
        let read = newsdex::ingest::formats::read_file_bytes(&path, &bytes, u64::MAX)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        out.extend(read.articles.into_iter().map(|a| (a.headline, a.body)));
    }
    out
}

/// xorshift64*, so every run makes the same copies.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// `body` with 3 of its plain words swapped for words of `donor`.
fn copy_of(body: &str, donor: &str, rng: &mut Rng) -> String {
    let mut words: Vec<&str> = body.split(' ').collect();
    let donor: Vec<&str> = donor.split_whitespace().filter(|w| is_word(w)).collect();
    let slots: Vec<usize> = (0..words.len()).filter(|&i| is_word(words[i])).collect();
    if donor.is_empty() || slots.is_empty() {
        return body.to_string();
    }
    for _ in 0..3 {
        words[slots[rng.below(slots.len())]] = donor[rng.below(donor.len())];
    }
    words.join(" ")
}

#[test]
fn copies_are_one_story_and_distinct_stories_stay_apart() {
    let articles = reuters();
    assert!(articles.len() > 21_000, "{} articles", articles.len());
    let sketches: Vec<Option<Sketch>> = articles.iter().map(|(h, b)| Sketch::of(h, b)).collect();

    // Copies of every story with 20 words or more, as the bench corpus edits them: one copy
    // against the original, and two copies against each other (up to 6 words apart), which is
    // what a search meets when its best-ranked copy is not the original.
    let mut rng = Rng(7);
    let (mut copies, mut kept, mut pairs_kept) = (0usize, 0usize, 0usize);
    for (i, (headline, body)) in articles.iter().enumerate() {
        let Some(original) = sketches[i] else {
            continue;
        };
        if body.split_whitespace().filter(|w| is_word(w)).count() < 20 {
            continue;
        }
        let mut copy = || {
            let donor = &articles[rng.below(articles.len())].1;
            Sketch::of(headline, &copy_of(body, donor, &mut rng))
        };
        let (first, second) = (copy(), copy());
        copies += 1;
        kept += usize::from(first.is_some_and(|c| original.same_story(&c)));
        pairs_kept += usize::from(first.zip(second).is_some_and(|(a, b)| a.same_story(&b)));
    }

    // Pairs of distinct Reuters articles taken for one story (the band index finds them all).
    let mut bands: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in sketches.iter().enumerate() {
        for band in s.iter().flat_map(Sketch::bands) {
            bands.entry(band).or_default().push(i);
        }
    }
    let mut pairs = HashSet::new();
    for ids in bands.values() {
        for (k, &a) in ids.iter().enumerate() {
            for &b in &ids[k + 1..] {
                let same = sketches[a]
                    .zip(sketches[b])
                    .is_some_and(|(x, y)| x.same_story(&y));
                if same && articles[a] != articles[b] {
                    pairs.insert((a, b));
                }
            }
        }
    }
    // `NEWSDEX_STORY_PAIRS=FILE` writes the pairs' headlines and body starts, to check by reading.
    if let Some(file) = std::env::var_os("NEWSDEX_STORY_PAIRS") {
        let start = |i: usize| {
            articles[i]
                .1
                .chars()
                .take(150)
                .collect::<String>()
                .replace(char::is_whitespace, " ")
        };
        let mut sorted: Vec<_> = pairs.iter().collect();
        sorted.sort();
        let lines: Vec<String> = sorted
            .iter()
            .map(|&&(a, b)| {
                let (ha, hb) = (&articles[a].0, &articles[b].0);
                format!("{a}\t{b}\t{ha} | {hb}\t{} | {}", start(a), start(b))
            })
            .collect();
        std::fs::write(file, lines.join("\n")).expect("write the pairs");
    }
    let share = kept as f64 / copies as f64;
    let pair_share = pairs_kept as f64 / copies as f64;
    eprintln!(
        "{kept} of {copies} edited copies found as their story ({:.2}%); {pairs_kept} of {copies} \
         pairs of copies found as one story ({:.2}%); {} pairs of different Reuters articles \
         taken for one story",
        100.0 * share,
        100.0 * pair_share,
        pairs.len()
    );
    assert!(share >= 0.99, "copies kept: {share:.4}");
    assert!(pair_share >= 0.99, "pairs of copies kept: {pair_share:.4}");
    assert!(pairs.len() <= 1_000, "{} pairs", pairs.len());
}
