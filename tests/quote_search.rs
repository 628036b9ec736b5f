//! Quote search on the real Reuters collection, checked against an independent answer: every
//! quote `newsdex extract` finds, indexed one document per quote in a separate tantivy index in
//! memory and searched with tantivy's own query parser. The index look-up (`--in-quotes`) must
//! find exactly the same quotes: counts, `--all` sets, and the speaker and date filters.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::{Index, TantivyDocument};
use util::{TestEnv, newsdex_in, shared};

/// One quote as `newsdex extract` reports it.
struct Quote {
    text: String,
    start: u64,
    speaker: String,
    date: String,
}

fn reuters() -> Option<PathBuf> {
    let dir = shared().join("corpora/reuters21578");
    dir.is_dir().then_some(dir)
}

/// Every quote of every article in `dir`'s SGML files.
fn extracted(dir: &Path) -> Vec<Quote> {
    let mut args = vec!["extract".to_string()];
    args.extend(util::sgm_files(dir).iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = newsdex_in(dir, &args);
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut quotes = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let a: serde_json::Value = serde_json::from_str(line).expect("extract writes JSON lines");
        let body = a["body"].as_str().unwrap_or_default();
        let date = a["date"].as_str().unwrap_or_default().to_string();
        for q in a["quotes"].as_array().into_iter().flatten() {
            let (start, end) = (
                q["start"].as_u64().unwrap_or(0),
                q["end"].as_u64().unwrap_or(0),
            );
            let text = body.get(start as usize..end as usize).unwrap_or_default();
            quotes.push(Quote {
                text: text.to_string(),
                start,
                speaker: q["speaker"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_lowercase(),
                date: date.clone(),
            });
        }
    }
    quotes
}

/// The independent answer: one in-memory document per quote.
struct Oracle {
    index: Index,
    text: Field,
    key: Field,
}

impl Oracle {
    fn new(quotes: &[Quote]) -> Oracle {
        let mut b = Schema::builder();
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("news")
                .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
        );
        let text = b.add_text_field("text", words);
        let speaker = b.add_text_field("speaker", STRING);
        let date = b.add_text_field("date", STRING);
        let key = b.add_text_field("key", STORED);
        let index = Index::create_in_ram(b.build());
        index
            .tokenizers()
            .register("news", newsdex::index::schema::news_analyzer());
        let mut w = index
            .writer_with_num_threads(1, 50_000_000)
            .expect("writer");
        for q in quotes {
            let mut d = TantivyDocument::default();
            d.add_text(text, &q.text);
            d.add_text(speaker, &q.speaker);
            d.add_text(date, &q.date);
            d.add_text(key, format!("{}\t{}", q.start, q.text));
            w.add_document(d).expect("add");
        }
        w.commit().expect("commit");
        Oracle { index, text, key }
    }

    /// The quotes matching `query` (tantivy syntax, words must all match), as sorted keys.
    fn find(&self, query: &str) -> Vec<String> {
        let mut parser = QueryParser::for_index(&self.index, vec![self.text]);
        parser.set_conjunction_by_default();
        let q = parser.parse_query(query).expect("oracle query parses");
        let searcher = self.index.reader().expect("reader").searcher();
        let mut keys: Vec<String> = searcher
            .search(&q, &DocSetCollector)
            .expect("search")
            .into_iter()
            .map(|at| {
                let d: TantivyDocument = searcher.doc(at).expect("doc");
                d.get_first(self.key)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        keys.sort();
        assert_eq!(keys.len(), searcher.search(&q, &Count).expect("count"));
        keys
    }
}

/// The quotes newsdex finds for `args`, as sorted keys, checked against its own `--count`.
fn newsdex_finds(env: &TestEnv, index: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec![
        "search",
        "--index",
        index.to_str().unwrap_or(""),
        "--in-quotes",
    ];
    all.extend_from_slice(args);
    let counted = env.run(&[&all[..], &["--count"]].concat());
    let listed = env.run(&[&all[..], &["--all", "--format", "jsonl"]].concat());
    let mut keys: Vec<String> = listed
        .stdout
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).expect("JSON lines");
            format!(
                "{}\t{}",
                r["start"],
                r["quote"].as_str().unwrap_or_default()
            )
        })
        .collect();
    keys.sort();
    let count: usize = counted.stdout.trim().parse().unwrap_or(usize::MAX);
    assert_eq!(count, keys.len(), "{args:?}: --count and --all disagree");
    keys
}

#[test]
fn quote_search_finds_exactly_the_quotes_that_match() {
    let Some(dir) = reuters() else {
        eprintln!("skipping: no Reuters corpus");
        return;
    };
    let env = TestEnv::new();
    let index = env.path().join("idx");
    env.index_dir(&dir, &index);
    let quotes = extracted(&dir);
    assert!(
        quotes.len() > 10_000,
        "only {} quotes extracted",
        quotes.len()
    );
    let oracle = Oracle::new(&quotes);
    // (newsdex query, the same in tantivy's syntax)
    let cases = [
        ("oil", "oil"),
        ("\"oil prices\"", "\"oil prices\""),
        ("dollar yen", "dollar yen"),
        ("dollar AND yen", "dollar AND yen"),
        ("opec OR saudi", "opec OR saudi"),
        ("oil -opec", "oil -opec"),
        ("\"interest rates\"", "\"interest rates\""),
        ("trade deficit", "trade deficit"),
        ("\"will not\"", "\"will not\""),
        ("prices NOT oil", "prices -oil"),
        ("government", "government"),
        (
            "(growth OR inflation) economy",
            "(growth OR inflation) AND economy",
        ),
        ("\"we are\"", "\"we are\""),
        ("japan", "japan"),
        ("u.s.", "\"u s\""),
        ("bank", "bank"),
        ("quote:exports", "exports"),
    ];
    for (ours, theirs) in cases {
        let want = oracle.find(theirs);
        assert!(!want.is_empty(), "{theirs:?} finds nothing: a weak case");
        assert_eq!(newsdex_finds(&env, &index, &[ours]), want, "{ours:?}");
    }
    // Filters: the most frequent named speakers, and a date.
    let mut by_speaker: BTreeMap<&str, usize> = BTreeMap::new();
    for q in quotes.iter().filter(|q| !q.speaker.is_empty()) {
        *by_speaker.entry(&q.speaker).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = by_speaker.into_iter().collect();
    top.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    for &(speaker, _) in top.iter().take(2) {
        let want = oracle.find(&format!("* AND speaker:\"{speaker}\""));
        let got = newsdex_finds(&env, &index, &["*", "--speaker", speaker, "--exact"]);
        assert_eq!(got, want, "--speaker {speaker:?}");
    }
    let want = oracle.find("oil AND date:[1987-03-15 TO 9999]");
    assert_eq!(
        newsdex_finds(&env, &index, &["oil", "--since", "1987-03-15"]),
        want,
        "--since"
    );
}
