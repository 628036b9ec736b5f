//! `newsdex serve` in a real headless Chromium: runs `scripts/serve-browser.sh` on a Reuters
//! index built by this build's binary. The script loads the page for a query, applies a speaker
//! filter, follows a facet, a timeline bar and an article link as the browser renders them,
//! downloads both exports, and compares every visible count with the CLI's. It installs Debian's
//! `chromium` when missing; where that cannot be done it says "skipped" and exits 0.

mod util;

use std::path::Path;
use std::process::Command;

#[test]
fn the_page_in_chromium_shows_the_cli_counts() {
    let bin = env!("CARGO_BIN_EXE_newsdex");
    let dir = tempfile::tempdir().expect("temp dir");
    let index = dir.path().join("index");
    let corpus = util::shared().join("corpora/reuters21578");
    let built = Command::new(bin)
        .arg("index")
        .arg(&corpus)
        .arg("--index")
        .arg(&index)
        .output()
        .expect("newsdex runs");
    assert!(
        built.status.success(),
        "index: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/serve-browser.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(&index)
        .arg(dir.path().join("shots"))
        .env("NEWSDEX_BIN", bin)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "serve-browser failed: {stdout}{stderr}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.contains("all checks passed") || last.starts_with("skipped"),
        "unexpected last line: {last}"
    );
}
