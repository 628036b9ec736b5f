//! Crash safety, fast version (the Reuters version is `scripts/crash-test.sh`): `newsdex index` is
//! killed with SIGKILL at many moments; after each kill the last committed index opens and checks
//! clean, and a final run completes it with every article exactly once.

mod util;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use util::newsdex_in;

const FILES: usize = 3000;

/// Indexes the whole corpus, failing the test if the run fails.
fn index_fully(dir: &Path) {
    let out = newsdex_in(dir, &["index", "corpus", "--index", "idx", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts `newsdex index corpus --index idx --quiet EXTRA...` in the background.
fn spawn_index(dir: &Path, extra: &[&str]) -> Child {
    let mut args = vec!["index", "corpus", "--index", "idx", "--quiet"];
    args.extend_from_slice(extra);
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn newsdex index")
}

/// SIGKILLs `child` after `ms` milliseconds (if it is still running) and reaps it.
fn kill_after(mut child: Child, ms: u64) {
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill();
    let _ = child.wait();
}

/// `(exit code, article count)` from `newsdex check`.
fn check(dir: &Path) -> (Option<i32>, u64) {
    let out = newsdex_in(dir, &["check", "--index", "idx"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let articles = text
        .lines()
        .next()
        .and_then(|l| l.split(", ").nth(1))
        .and_then(|p| p.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (out.status.code(), articles)
}

fn write_corpus(root: &Path) {
    for i in 0..FILES {
        let dir = root.join(format!("corpus/part{:02}", i / 500));
        fs::create_dir_all(&dir).expect("mkdir");
        let text = format!(
            "Council debates budget item {i}\n\nThe council met on Tuesday to debate item {i} of the budget. \
             \"We need more time,\" said Maria Lopez, the council chair. The vote was postponed.\n"
        );
        fs::write(dir.join(format!("{i:05}.txt")), text).expect("write");
    }
}

#[test]
fn sigkill_at_any_moment_keeps_the_last_commit_and_rerun_completes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    write_corpus(dir);
    let mut previous = 0;
    for (n, delay_ms) in [10u64, 20, 40, 60, 90, 130, 180, 250, 350, 500, 700, 1000]
        .iter()
        .enumerate()
    {
        kill_after(spawn_index(dir, &["--commit-interval", "0.05"]), *delay_ms);
        if !dir.join("idx/meta.json").exists() {
            continue;
        }
        let (code, articles) = check(dir);
        assert!(
            matches!(code, Some(0) | Some(1)),
            "kill {n} after {delay_ms} ms left a damaged index"
        );
        assert!(
            articles <= FILES as u64,
            "kill {n}: {articles} articles, more than the corpus holds"
        );
        assert!(
            articles >= previous,
            "kill {n}: committed articles went back from {previous} to {articles}"
        );
        eprintln!("kill {n} after {delay_ms} ms: {articles} articles committed");
        previous = articles;
    }
    index_fully(dir);
    assert_eq!(check(dir), (Some(0), FILES as u64));
}

/// Files of many articles reach the index in parts: a kill at any moment leaves whole files
/// only (committed article counts are multiples of a file's), and periodic commits go on.
#[test]
fn sigkill_during_big_multi_article_files_commits_whole_files_only() {
    const PER_FILE: usize = 2600;
    const BIG_FILES: usize = 10;
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    fs::create_dir_all(dir.join("corpus")).expect("mkdir");
    for f in 0..BIG_FILES {
        let lines: String = (0..PER_FILE)
            .map(|i| {
                format!(
                    "{{\"id\": \"d{f}-{i}\", \"headline\": \"Harbour report {f} {i}\", \"body\": \"The harbour board met to discuss berth {i} of dock {f}. \\\"We need more cranes,\\\" said Maria Lopez, the board chair.\"}}\n"
                )
            })
            .collect();
        fs::write(dir.join(format!("corpus/dump{f}.jsonl")), lines).expect("write");
    }
    let mut previous = 0;
    for delay_ms in [40u64, 80, 120, 160, 200, 250, 300, 350, 400, 500, 650, 800] {
        kill_after(spawn_index(dir, &["--commit-interval", "0.05"]), delay_ms);
        if !dir.join("idx/meta.json").exists() {
            continue;
        }
        let (code, articles) = check(dir);
        assert!(
            matches!(code, Some(0) | Some(1)),
            "kill after {delay_ms} ms left a damaged index"
        );
        assert_eq!(
            articles % PER_FILE as u64,
            0,
            "kill after {delay_ms} ms committed part of a file: {articles} articles"
        );
        assert!(articles >= previous, "committed articles went back");
        eprintln!("kill after {delay_ms} ms: {articles} articles committed");
        previous = articles;
    }
    index_fully(dir);
    assert_eq!(check(dir), (Some(0), (PER_FILE * BIG_FILES) as u64));
}

#[test]
fn a_killed_rebuild_leaves_the_previous_index_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    write_corpus(dir);
    index_fully(dir);
    for delay_ms in [20u64, 60, 120, 200, 300, 450] {
        kill_after(
            spawn_index(dir, &["--rebuild", "--commit-interval", "0.05"]),
            delay_ms,
        );
        assert_eq!(
            check(dir),
            (Some(0), FILES as u64),
            "rebuild killed after {delay_ms} ms"
        );
    }
}

#[test]
fn searches_keep_working_while_an_index_run_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    write_corpus(dir);
    index_fully(dir);
    let mut writer = spawn_index(dir, &["--rebuild"]);
    let mut searches = 0;
    while writer.try_wait().expect("poll").is_none() && searches < 200 {
        let out = newsdex_in(
            dir,
            &["search", "\"budget item\"", "--index", "idx", "--count"],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            FILES.to_string()
        );
        searches += 1;
    }
    assert!(writer.wait().expect("wait").success());
    assert!(searches > 0, "the index run ended before any search ran");
}
