//! `newsdex index` and `newsdex check` driven as a user would: the real binary on temp-dir corpora
//! and real tantivy indexes.

use std::fs;
use std::path::{Path, PathBuf};

mod util;

use util::{Run, TestEnv as Env};

trait IndexRuns {
    fn corpus(&self) -> PathBuf;
    fn idx(&self) -> PathBuf;
    fn index_run(&self, extra: &[&str]) -> Run;
}

impl IndexRuns for Env {
    fn corpus(&self) -> PathBuf {
        self.path().join("corpus")
    }
    fn idx(&self) -> PathBuf {
        self.path().join("idx")
    }
    /// `newsdex index corpus --index idx --quiet EXTRA...`, whatever its exit code.
    fn index_run(&self, extra: &[&str]) -> Run {
        let mut args = vec!["index", "corpus", "--index", "idx", "--quiet"];
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

/// The number after `label` in the summary line, e.g. `count(s, "indexed")`.
fn count(summary: &str, label: &str) -> u64 {
    let line = summary
        .lines()
        .find(|l| l.contains("files seen"))
        .unwrap_or("");
    let words: Vec<&str> = line
        .split([' ', ',', ';'])
        .filter(|w| !w.is_empty())
        .collect();
    let pos = words
        .iter()
        .position(|w| *w == label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"));
    words[pos - 1]
        .parse()
        .unwrap_or_else(|_| panic!("no count before {label:?} in {line:?}"))
}

fn article(headline: &str, body: &str) -> String {
    format!("{headline}\n\n{body}\n")
}

fn three_files(env: &Env) {
    env.write(
        "a.txt",
        &article("Ministers meet in Geneva for talks", "The talks were long."),
    );
    env.write(
        "b.txt",
        &article(
            "Harvest forecast lifted after rains",
            "Farmers were relieved.",
        ),
    );
    env.write(
        "sub/c.txt",
        &article("Port strike enters second week", "Ships waited offshore."),
    );
}

fn check_articles(env: &Env) -> u64 {
    let out = env.run(&["check", "--index", "idx"]);
    let text = out.stdout;
    let first = text.lines().next().unwrap_or("");
    let n = first
        .split(", ")
        .nth(1)
        .and_then(|p| p.split(' ').next())
        .and_then(|n| n.parse().ok());
    n.unwrap_or_else(|| panic!("no article count in {text:?} {}", out.stderr))
}

#[test]
fn first_run_indexes_every_file_and_check_is_clean() {
    let env = Env::new();
    three_files(&env);
    let out = env.index_run(&[]);
    assert!((out.code == 0), "{}", out.stderr);
    let s = out.stderr;
    assert_eq!(count(&s, "indexed"), 3, "{s}");
    assert_eq!(count(&s, "articles"), 3, "{s}");
    let check = env.run(&["check", "--index", "idx"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check_articles(&env), 3);
}

#[test]
fn rerun_reads_only_changed_files_and_removes_deleted_ones() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);

    let again = env.index_run(&[]).stderr;
    assert_eq!(count(&again, "unchanged"), 3, "{again}");
    assert_eq!(count(&again, "indexed"), 0, "{again}");

    env.write(
        "b.txt",
        &article(
            "Harvest forecast cut after floods",
            "Farmers were worried again.",
        ),
    );
    fs::remove_file(env.corpus().join("sub/c.txt")).expect("rm");
    let changed = env.index_run(&[]).stderr;
    assert_eq!(count(&changed, "indexed"), 1, "{changed}");
    assert_eq!(count(&changed, "unchanged"), 1, "{changed}");
    assert_eq!(count(&changed, "removed"), 1, "{changed}");
    assert_eq!(check_articles(&env), 2);
}

#[test]
fn another_spelling_of_the_corpus_path_finds_the_same_files() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    for spelling in ["./corpus", "corpus/", "./corpus/./"] {
        let again = env
            .run(&["index", spelling, "--index", "idx", "--quiet"])
            .stderr;
        assert_eq!(count(&again, "unchanged"), 3, "{spelling}: {again}");
        assert_eq!(count(&again, "indexed"), 0, "{spelling}: {again}");
    }
    // The absolute path of the folder, and of a folder inside it, are the same files too: the
    // run walks them under the spelling the index knows, and says so.
    let absolute = env.corpus().canonicalize().expect("canonical corpus");
    let sub = absolute.join("sub");
    for (folder, files) in [(&absolute, 3), (&sub, 1)] {
        let shown = folder.to_string_lossy();
        let again = env
            .run(&["index", shown.as_ref(), "--index", "idx", "--quiet"])
            .stderr;
        assert_eq!(count(&again, "unchanged"), files, "{shown}: {again}");
        assert_eq!(count(&again, "indexed"), 0, "{shown}: {again}");
        assert!(again.contains("knows as"), "{again}");
    }
    assert_eq!(check_articles(&env), 3);
}

#[test]
fn touched_file_with_same_content_is_not_reindexed() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    let content = fs::read(env.corpus().join("a.txt")).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(env.corpus().join("a.txt"), content).expect("rewrite");
    let s = env.index_run(&[]).stderr;
    assert_eq!(count(&s, "indexed"), 0, "{s}");
    assert_eq!(count(&s, "unchanged"), 3, "{s}");
    // The refreshed fingerprint means the next run does not even read the file.
    assert_eq!(env.run(&["check", "--index", "idx"]).code, 0);
    assert_eq!(check_articles(&env), 3);
}

#[test]
fn check_reports_files_changed_since_indexing() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    fs::remove_file(env.corpus().join("a.txt")).expect("rm");
    let out = env.run(&["check", "--index", "idx"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("missing: corpus/a.txt"),
        "{}",
        out.stdout
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_is_committed() {
    let env = Env::new();
    three_files(&env);
    env.write_bytes(
        "broken.txt.gz",
        b"\x1f\x8b\x08\x00 this is not deflate data",
    );
    env.write_bytes("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    env.write_bytes("notes.csv", b"a,b\n1,2\n");
    let out = env.index_run(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = out.stderr;
    assert!(s.contains("broken.txt.gz") && s.contains("gzip"), "{s}");
    assert!(s.contains("image.txt") && s.contains("binary"), "{s}");
    assert_eq!(count(&s, "failed"), 1, "{s}");
    assert_eq!(count(&s, "indexed"), 3, "{s}");
    assert_eq!(check_articles(&env), 3);
}

/// Issue 17: a truncated gzip is a failed file, an empty file and a file with no text are skipped
/// with their reason, and no article with neither headline nor body reaches the index.
#[test]
fn empty_and_textless_files_are_skipped_and_truncated_gzip_fails() {
    let env = Env::new();
    three_files(&env);
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let story = article(
        "Truncated story headline",
        &"Words of the body. ".repeat(400),
    );
    std::io::Write::write_all(&mut enc, story.as_bytes()).expect("gzip");
    let gz = enc.finish().expect("gzip");
    env.write_bytes("cut.txt.gz", &gz[..500.min(gz.len() / 2)]);
    env.write_bytes("empty.txt", b"");
    env.write_bytes("blank.txt", b" \n\n\t\n");
    env.write("tags.html", &"<div><span>".repeat(20_000));
    env.write(
        "dump.jsonl",
        "{\"headline\": \"Kept story\", \"body\": \"Text.\"}\n{\"headline\": \" \", \"body\": \"\"}\n",
    );
    let out = env.index_run(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = out.stderr;
    assert!(
        s.contains("cut.txt.gz") && s.contains("corrupt gzip: unexpected end of data"),
        "{s}"
    );
    assert!(
        s.contains("skipped") && s.contains("empty.txt: empty"),
        "{s}"
    );
    assert!(s.contains("blank.txt: empty"), "{s}");
    assert!(s.contains("tags.html: no text"), "{s}");
    assert!(s.contains("dump.jsonl: line 2"), "{s}");
    assert_eq!(count(&s, "failed"), 1, "{s}");
    assert_eq!(count(&s, "indexed"), 4, "{s}");
    assert_eq!(check_articles(&env), 4);
    let all = env.run(&[
        "search",
        "*",
        "--index",
        "idx",
        "--all",
        "--format",
        "jsonl",
        "--fields",
        "headline,body",
    ]);
    all.expect_code(0);
    for line in all.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        let text = |k: &str| v[k].as_str().unwrap_or("").trim().to_string();
        assert!(
            !(text("headline").is_empty() && text("body").is_empty()),
            "{line}"
        );
    }
    // A file the index held that is emptied later takes its articles with it.
    env.write_bytes("a.txt", b"");
    let out = env.index_run(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(check_articles(&env), 3, "{}", out.stderr);
}

#[test]
fn strict_fails_the_run_and_commits_nothing() {
    let env = Env::new();
    three_files(&env);
    env.write_bytes("broken.json.gz", b"\x1f\x8bnot gzip at all");
    let out = env.index_run(&["--strict"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--strict"), "{}", out.stderr);
    // Nothing was committed, and the rolled-back segment files are gone.
    assert_eq!(check_articles(&env), 0);
    let files: Vec<_> = fs::read_dir(env.idx())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().ends_with(".store")),
        "{files:?}"
    );
}

#[test]
fn missing_corpus_is_an_error_that_names_it() {
    let env = Env::new();
    let out = env.run(&["index", "nowhere", "--index", "idx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

#[test]
fn second_writer_is_refused_with_the_directory_named() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    let index = tantivy::Index::open_in_dir(env.idx()).expect("open");
    let _held = index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .expect("first writer");
    let started = std::time::Instant::now();
    let out = env.index_run(&[]);
    assert_eq!(out.code, 2);
    let s = out.stderr;
    assert!(
        s.contains("idx") && s.contains("another newsdex is writing"),
        "{s}"
    );
    assert!(
        started.elapsed().as_millis() < 1000,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_killed_writer_leaves_no_stale_lock() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    // tantivy's writer lock is an OS file lock: it dies with its process, whatever the lock file says.
    fs::write(env.idx().join(".tantivy-writer.lock"), b"").expect("stale lock file");
    let out = env.index_run(&["--rebuild"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn index_of_another_version_is_refused_with_rebuild_advice() {
    let env = Env::new();
    three_files(&env);
    fs::create_dir(env.idx()).expect("mkdir");
    let mut b = tantivy::schema::Schema::builder();
    let f = b.add_text_field("title", tantivy::schema::TEXT);
    let index = tantivy::Index::create_in_dir(env.idx(), b.build()).expect("create");
    let mut w = index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .expect("writer");
    w.add_document(tantivy::doc!(f => "x")).expect("add");
    w.commit().expect("commit");
    let out = env.index_run(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--rebuild"), "{}", out.stderr);
    let rebuilt = env.index_run(&["--rebuild"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(check_articles(&env), 3);
}

#[test]
fn corrupted_segment_is_a_clear_error_not_a_panic() {
    let env = Env::new();
    three_files(&env);
    assert!(env.index_run(&[]).code == 0);
    let store = fs::read_dir(env.idx())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a store file");
    truncate_half(&store);
    let out = env.run(&["check", "--index", "idx"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(
        out.stderr.contains("damaged") && out.stderr.contains("--rebuild"),
        "{}",
        out.stderr
    );
    // Every command that opens the index says the same, including a new index run.
    let again = env.index_run(&[]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("damaged"), "{}", again.stderr);
    // The advice works: --rebuild replaces the damaged index without having to read it.
    let rebuilt = env.index_run(&["--rebuild"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(check_articles(&env), 3);
}

fn truncate_half(p: &Path) {
    let bytes = fs::read(p).expect("read");
    fs::write(p, &bytes[..bytes.len() / 2]).expect("truncate");
}
