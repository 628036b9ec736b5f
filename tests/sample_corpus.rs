//! The bundled sample corpus, indexed by the real binary: the README's main job, and each filter
//! alone and combined, with the expected documents written out.

mod util;

use std::fs;
use std::path::Path;

use util::TestEnv;

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read corpus") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The bundled corpus copied to `corpus/` in a temp dir (so ids read `corpus/...`) and indexed.
fn sample() -> TestEnv {
    let env = TestEnv::new();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &env.path().join("corpus"),
    );
    // The corpus holds one malformed file on purpose: the run reports it and still exits 0.
    let run = env.run(&["index", "corpus", "--index", "idx", "--quiet"]);
    run.expect_code(0);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    env
}

fn ids(env: &TestEnv, query: &str, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["--all", "--format", "tsv", "--fields", "id"];
    args.extend_from_slice(filters);
    let run = env.search(query, &args);
    let mut ids: Vec<String> = run.stdout.lines().skip(1).map(str::to_string).collect();
    ids.sort();
    ids
}

#[test]
fn readme_main_job_finds_the_territorial_issues_articles() {
    let env = sample();
    let run = env.search("\"territorial issues\"", &[]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("3 hits"), "{}", run.stdout);
    assert_eq!(
        ids(&env, "\"territorial issues\"", &[]),
        [
            "corpus/compressed/moscow-talks-postponed.txt.gz",
            "corpus/html/whitcombe-kyiv-talks.html",
            "corpus/scraped/kremlin-talks-constructive.txt",
        ]
    );
}

#[test]
fn each_filter_alone_and_combined() {
    let env = sample();
    assert_eq!(
        ids(&env, "*", &["--speaker", "valenko"]),
        [
            "corpus/compressed/late-news.json.gz#prisoners-2025-10-07",
            "corpus/compressed/moscow-talks-postponed.txt.gz",
            "corpus/html/whitcombe-kyiv-talks.html",
            "corpus/scraped/kremlin-talks-constructive.txt",
        ]
    );
    // Accents fold: "muller" finds "Anna K. Müller".
    assert_eq!(
        ids(&env, "*", &["--speaker", "muller"]),
        ids(&env, "*", &["--speaker", "Müller"])
    );
    assert_eq!(
        ids(&env, "*", &["--person", "Laura Whitcombe"]),
        [
            "corpus/compressed/moscow-talks-postponed.txt.gz",
            "corpus/html/whitcombe-kyiv-talks.html",
            "corpus/html/whitcombe-nairobi-visit.html",
            "corpus/scraped/kremlin-talks-constructive.txt",
            "corpus/txt/washington-trade-talks.txt",
        ]
    );
    assert_eq!(
        ids(&env, "*", &["--place", "geneva"]),
        ["corpus/scraped/kremlin-talks-constructive.txt"]
    );
    assert_eq!(
        ids(&env, "*", &["--person", "whitcombe", "--place", "Nairobi"]),
        ["corpus/html/whitcombe-nairobi-visit.html"]
    );
    assert_eq!(
        ids(
            &env,
            "*",
            &[
                "--speaker",
                "Ferreira-Lima",
                "--since",
                "2025-01",
                "--until",
                "2025-06"
            ]
        ),
        [
            "corpus/json/markets-and-local.json#shipping-2025-01-20",
            "corpus/txt/london-oil-prices.txt"
        ]
    );
    assert_eq!(
        ids(
            &env,
            "talks",
            &[
                "--speaker",
                "valenko",
                "--since",
                "2025-11",
                "--until",
                "2025-11"
            ]
        ),
        [
            "corpus/html/whitcombe-kyiv-talks.html",
            // dated by its "Updated November 25, 2025" line
            "corpus/scraped/kremlin-talks-constructive.txt",
        ]
    );
}

#[test]
fn quote_level_search_shows_what_the_speaker_said() {
    let env = sample();
    let run = env.search(
        "territorial",
        &["--in-quotes", "--speaker", "valenko", "--format", "jsonl"],
    );
    run.expect_code(0);
    assert!(!run.stdout.is_empty());
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = v.to_string().to_lowercase();
        assert!(
            text.contains("territorial") && text.contains("valenko"),
            "{line}"
        );
    }
}
