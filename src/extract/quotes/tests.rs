//! Attribution patterns, one short invented sentence each.

use super::*;

/// (speaker, text, cue, direct) of every quote found in `body`.
fn run(body: &str) -> Vec<(Option<String>, String, String, bool)> {
    find_quotes(body, &[])
        .into_iter()
        .map(|q| {
            assert_eq!(&body[q.start..q.end], q.text);
            (q.speaker.map(|s| s.name), q.text, q.cue, q.direct)
        })
        .collect()
}

/// Speakers of the quotes whose text contains `needle`.
fn who(body: &str, needle: &str) -> Vec<Option<String>> {
    run(body).into_iter().filter(|q| q.1.contains(needle)).map(|q| q.0).collect()
}

fn one(body: &str, needle: &str) -> Option<String> {
    let w = who(body, needle);
    assert!(!w.is_empty(), "no quote with {needle:?} in {:?}", run(body));
    w[0].clone()
}

#[test]
fn said_after_quote() {
    assert_eq!(one("“The budget is fine,” Tom Baker said.", "budget").as_deref(), Some("Tom Baker"));
}

#[test]
fn appositive_after_quote() {
    let b = "“The rule is an overreach, in our view, of federal power,” Kyle Barton, the attorney general of Kansas, said.";
    assert_eq!(one(b, "overreach").as_deref(), Some("Kyle Barton"));
}

#[test]
fn double_apostrophe_marks() {
    let b = "''We admire the plan'' in several ways, Mr. Holt said. ''It is careful.''";
    assert_eq!(one(b, "admire").as_deref(), Some("Holt"));
    assert_eq!(one(b, "careful").as_deref(), Some("Holt"));
}

#[test]
fn inverted_with_title_abbreviation() {
    let b = "\"This hearing is a waste of time,\" said Del. Maria Gomez.";
    assert_eq!(one(b, "waste").as_deref(), Some("Maria Gomez"));
}

#[test]
fn participle_appositive_before_said() {
    let b = "President Obama, opening the new library on Monday, said it would tell a story of hope.";
    assert_eq!(one(b, "story").as_deref(), Some("Obama"));
}

#[test]
fn transcript_line() {
    let b = "HARRIS: Let us begin with the economy tonight.\n\nMr. Harris asked the first question.";
    assert_eq!(one(b, "economy").as_deref(), Some("Harris"));
}

#[test]
fn double_apostrophe_said_after() {
    let b = "''Tell that to the teachers who are paying,'' Mr. Vance said. ''Tell that to them.''";
    assert_eq!(one(b, "teachers").as_deref(), Some("Vance"));
}

#[test]
fn long_appositive_then_told() {
    let b = "“This story is not only in our courts,” Nadia Brook, the executive director at the Center of Fair Media and who also appears in the film, told HuffPost.";
    assert_eq!(one(b, "courts").as_deref(), Some("Nadia Brook"));
}

#[test]
fn condemned_what_he_called() {
    let b = "Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of the rules.";
    assert_eq!(one(b, "brazen").as_deref(), Some("Ban Ki-moon"));
}

#[test]
fn wrote_inverted() {
    let b = "“The effect is still small,” wrote Carla Easton for Morning Digest.";
    assert_eq!(one(b, "effect").as_deref(), Some("Carla Easton"));
}

#[test]
fn said_inverted_with_long_appositive() {
    let b = "\"He has a huge pulpit,\" said Daniel Gorman, an associate professor of surgery at the State University School of Medicine.";
    assert_eq!(one(b, "pulpit").as_deref(), Some("Daniel Gorman"));
}

#[test]
fn nested_curly_quote_with_dash_credit() {
    let b = "“I would rather live in what he calls “hell” than live there.” ― Ana Rodarte";
    assert_eq!(one(b, "rather").as_deref(), Some("Ana Rodarte"));
}

#[test]
fn as_x_put_it() {
    let b = "As Ms. Simmons put it in a statement, the network is ''offering another view.''";
    assert_eq!(one(b, "another view").as_deref(), Some("Simmons"));
}

#[test]
fn told_a_publication() {
    let b = "“We are ready,” Lena Ortiz told The Daily Courier.";
    let q = run(b);
    assert_eq!(q[0].0.as_deref(), Some("Lena Ortiz"));
    assert_eq!(q[0].2, "told The Daily Courier");
}

/// The shared data folder: `NEWSDEX_SHARED`, else `../shared` next to the crate.
fn shared() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("NEWSDEX_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: shared data folder {} not found (set NEWSDEX_SHARED)", dir.display());
        None
    }
}

/// The cleaned body of a file, as `newsdex extract` sees it.
fn bodies(path: &std::path::Path) -> Vec<String> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    match crate::ingest::formats::read_file_bytes(path, &bytes, 64 << 20) {
        Ok(f) => f
            .articles
            .into_iter()
            .map(|raw| crate::extract::enrich(&path.to_string_lossy(), raw, false).body)
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn scraped_sample_speakers() {
    let Some(dir) = shared() else { return };
    let path = dir.join("samples/scraped-article.txt");
    if !path.is_file() {
        println!("skipped: {} not found", path.display());
        return;
    }
    let body = bodies(&path).concat();
    let expect = [
        ("constructive", "Yuri Ushakov"),
        ("substantive", "Yuri Ushakov"),
        ("productive", "Marco Rubio"),
        ("additional work remains", "Marco Rubio"),
        ("difficult but necessary concessions", "Marco Rubio"),
        ("right now", "Vladimir Putin"),
    ];
    for (text, speaker) in expect {
        let w = who(&body, text);
        assert!(w.iter().any(|s| s.as_deref() == Some(speaker)), "{text:?}: {w:?}");
    }
}

#[test]
fn direct_quote_offsets_on_dev_files() {
    let Some(dir) = shared() else { return };
    let Ok(entries) = std::fs::read_dir(dir.join("eval-dev/polnear-dev/text")) else {
        println!("skipped: polnear-dev not found");
        return;
    };
    let mut n = 0;
    for e in entries.flatten() {
        for body in bodies(&e.path()) {
            for q in find_quotes(&body, &[]) {
                assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()));
                n += 1;
            }
        }
    }
    assert!(n > 100, "only {n} quotes");
}

/// Throughput: `cargo test --release --lib quotes::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore]
fn speed() {
    let Some(dir) = shared() else { return };
    let mut texts = Vec::new();
    for (sub, ext, max) in [("eval-dev/polnear-dev/text", "txt", 100), ("corpora/reuters21578", "sgm", 3)] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            let files = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == ext));
            for p in files.take(max) {
                texts.extend(bodies(&p));
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    find_quotes("Warm-up, Tom Baker said.", &[]);
    const REPS: usize = 20;
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..REPS {
        for t in &texts {
            n += find_quotes(t, &[]).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{} bodies, {:.1} MB x{REPS}, {n} quotes, {:.1} MB/s", texts.len(), bytes as f64 / 1e6, REPS as f64 * bytes as f64 / 1e6 / secs);
}

#[test]
fn coordinated_speakers() {
    let w = who("Mr. Grant and Mr. Lyle say other changes are needed.", "changes");
    assert!(w.contains(&Some("Grant".to_string())) && w.contains(&Some("Lyle".to_string())), "{w:?}");
}

#[test]
fn name_dash_quote() {
    let b = "Some were blunt.\n\nMitt Ramsey -- ''It is disqualifying to hide the returns.''";
    assert_eq!(one(b, "disqualifying").as_deref(), Some("Mitt Ramsey"));
}

#[test]
fn called_day_for() {
    let b = "Attorney General Roy Hooper called Friday for the release of the video.";
    assert_eq!(one(b, "release").as_deref(), Some("Roy Hooper"));
}
