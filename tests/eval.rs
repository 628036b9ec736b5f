//! Extraction quality: runs the dev sets' own scorer (`../shared/eval-dev/score.py`) on the real
//! binary and fails when an F1 drops more than 0.02 below the figure the README reports.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("eval-dev/score.py").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no eval-dev in {} (set NEWSDEX_SHARED)",
            dir.display()
        );
        None
    }
}

/// The cells of the README table row that starts with `start`.
fn readme_row(start: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let row = readme
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no row {start:?} in the README's score tables"));
    row.split('|').map(|c| c.trim().to_string()).collect()
}

/// The F1 cell of the README's score row that starts with `| {row}`.
fn readme_f1(row: &str) -> f64 {
    let cells = readme_row(&format!("| {row}"));
    cells[4]
        .parse()
        .unwrap_or_else(|_| panic!("no F1 in {cells:?}"))
}

fn measured_f1(shared: &Path, task: &str, gold: &str) -> f64 {
    let mut cmd = Command::new("python3");
    cmd.arg(shared.join("eval-dev/score.py")).args([
        task,
        &shared.join(gold).to_string_lossy(),
        "--newsdex",
        env!("CARGO_BIN_EXE_newsdex"),
    ]);
    let v = scores(&mut cmd, task);
    v["f1"].as_f64().expect("f1")
}

/// Runs a scorer and reads the JSON it prints last.
fn scores(cmd: &mut Command, what: &str) -> serde_json::Value {
    let out = cmd.output().expect("python3 runs the scorer");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the {what} scorer failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(text.trim()).expect("the scorer prints JSON");
    eprintln!("{what}: {v}");
    v
}

/// The scorer's F1 for `task` on `gold` is at most 0.02 below the README row starting `| {row}`.
fn f1_holds(task: &str, gold: &str, row: &str) {
    let Some(shared) = shared() else { return };
    let (got, want) = (measured_f1(&shared, task, gold), readme_f1(row));
    assert!(
        got >= want - 0.02,
        "{gold}: {task} F1 {got} dropped below the README's {want} - 0.02"
    );
}

#[test]
fn people_f1_holds() {
    f1_holds("people", "eval-dev/gum-news/gold.jsonl", "people (");
}

#[test]
fn speakers_f1_holds() {
    f1_holds("speakers", "eval-dev/polnear-dev/gold.jsonl", "speakers (");
}

#[test]
fn speakers_f1_on_the_train_set_holds() {
    f1_holds(
        "speakers",
        "eval-dev/polnear-train/gold.jsonl",
        "speakers, train (",
    );
}

/// The README's page-extraction row for `form` (`txt` or `html`): headlines right and body F1.
fn readme_pages(form: &str) -> (u64, f64) {
    let cells = readme_row(&format!("| pages, `--form {form}`"));
    let headlines = cells[2]
        .split('/')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no headline count in {cells:?}"));
    let f1 = cells[5]
        .parse()
        .unwrap_or_else(|_| panic!("no F1 in {cells:?}"));
    (headlines, f1)
}

/// `pages/score.py --form FORM` on the real binary: headlines right and body F1.
fn measured_pages(shared: &Path, form: &str) -> (u64, f64) {
    let mut cmd = Command::new("python3");
    cmd.arg(shared.join("eval-dev/pages/score.py")).args([
        "--newsdex",
        env!("CARGO_BIN_EXE_newsdex"),
        "--form",
        form,
    ]);
    let v = scores(&mut cmd, &format!("pages {form}"));
    (
        v["headline_right"].as_u64().expect("headline_right"),
        v["body_f1"].as_f64().expect("body_f1"),
    )
}

/// Headlines may drop by at most 3 pages and body F1 by at most 0.02 below the README's table.
fn pages_hold(form: &str) {
    let Some(shared) = shared() else { return };
    let ((heads, f1), (want_heads, want_f1)) = (measured_pages(&shared, form), readme_pages(form));
    assert!(
        heads + 3 >= want_heads,
        "{form}: {heads} headlines right, the README has {want_heads}"
    );
    assert!(
        f1 >= want_f1 - 0.02,
        "{form}: body F1 {f1} dropped below the README's {want_f1} - 0.02"
    );
}

#[test]
fn scraped_text_pages_hold() {
    pages_hold("txt");
}

#[test]
fn html_pages_hold() {
    pages_hold("html");
}
