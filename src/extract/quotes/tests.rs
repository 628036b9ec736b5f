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
