//! `newsdex serve` in a real headless Chromium: runs `scripts/serve-browser.sh` on a Reuters
//! index built by this build's binary. The script loads the page for a query, applies a speaker
//! filter, follows a facet, a timeline bar and an article link as the browser renders them,
//! downloads both exports, and compares every visible count with the CLI's. It installs Debian's
//! `chromium` when missing; where that cannot be done it says "skipped" and exits 0.

mod util;

#[test]
fn the_page_in_chromium_shows_the_cli_counts() {
    let env = util::TestEnv::new();
    let index = env.path().join("reuters-index");
    env.index_dir(&util::shared().join("corpora/reuters21578"), &index);
    let last = util::run_script("serve-browser.sh", &[&index, &env.path().join("shots")]);
    assert!(
        last.contains("all checks passed") || last.starts_with("skipped"),
        "unexpected last line: {last}"
    );
}
