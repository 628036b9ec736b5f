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

/// The F1 the README's score table gives for `task` (`people` or `speakers`).
fn readme_f1(task: &str) -> f64 {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let row = readme
        .lines()
        .find(|l| l.starts_with(&format!("| {task} (")))
        .unwrap_or_else(|| panic!("no {task} row in the README score table"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    cells[4]
        .parse()
        .unwrap_or_else(|_| panic!("no F1 in {row:?}"))
}

fn measured_f1(shared: &Path, task: &str, gold: &str) -> f64 {
    let out = Command::new("python3")
        .arg(shared.join("eval-dev/score.py"))
        .args([
            task,
            &shared.join(gold).to_string_lossy(),
            "--newsdex",
            env!("CARGO_BIN_EXE_newsdex"),
        ])
        .output()
        .expect("python3 runs score.py");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "score.py failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(text.trim()).expect("score.py prints JSON");
    eprintln!("{task}: {v}");
    v["f1"].as_f64().expect("f1")
}

#[test]
fn people_f1_holds() {
    let Some(shared) = shared() else { return };
    let (got, want) = (
        measured_f1(&shared, "people", "eval-dev/gum-news/gold.jsonl"),
        readme_f1("people"),
    );
    assert!(
        got >= want - 0.02,
        "people F1 {got} dropped below the README's {want} - 0.02"
    );
}

#[test]
fn speakers_f1_holds() {
    let Some(shared) = shared() else { return };
    let (got, want) = (
        measured_f1(&shared, "speakers", "eval-dev/polnear-dev/gold.jsonl"),
        readme_f1("speakers"),
    );
    assert!(
        got >= want - 0.02,
        "speakers F1 {got} dropped below the README's {want} - 0.02"
    );
}
