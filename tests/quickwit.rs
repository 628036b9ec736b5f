//! newsdex against a real Quickwit: runs `scripts/quickwit-test.sh` with this build's binary. The
//! script starts Quickwit on 127.0.0.1 (single node, then a 2-node cluster), indexes the Reuters
//! corpus both locally and into Quickwit, and compares the counts of 17 queries and the ids of
//! `--all` exports. Where no Quickwit binary or corpus is present it says "skipped" and exits 0.

use std::path::Path;
use std::process::Command;

#[test]
fn quickwit_matches_the_local_index() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/quickwit-test.sh");
    let out = Command::new("bash")
        .arg(&script)
        .env("NEWSDEX_BIN", env!("CARGO_BIN_EXE_newsdex"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "quickwit-test failed: {stdout}{stderr}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.contains("all checks passed") || last.contains("skipped"),
        "unexpected last line: {last}"
    );
}
