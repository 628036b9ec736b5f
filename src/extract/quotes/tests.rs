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
