//! Unit tests for the person finder: one short invented sentence per edge case.

use super::*;

fn names(body: &str) -> Vec<String> {
    find_people("", body).into_iter().map(|p| p.name).collect()
}

#[test]
fn strips_title_and_merges_surname() {
    let people = find_people("", "President Vladimir Putin met aides. Later Putin left.");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Vladimir Putin");
    assert_eq!(people[0].mentions, 2);
}

#[test]
fn long_title_with_of_is_stripped() {
    assert_eq!(
        names("The talks were led by U.S. Secretary of State Marco Rubio on Sunday."),
        ["Marco Rubio"]
    );
}

#[test]
fn honorific_surname_merges_into_full_name() {
    let p = find_people("", "Donald Trump spoke first. Then Mr. Trump left the room.");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].mentions, 2);
    assert_eq!(p[0].variants, ["Donald Trump", "Trump"]);
}

#[test]
fn possessive_is_removed() {
    let p = names("Olena Zelenska arrived. Zelenska's chief of staff stayed home.");
    assert_eq!(p, ["Olena Zelenska"]);
}

#[test]
fn title_alone_makes_a_single_name() {
    assert_eq!(names("On Monday President Zelensky flew to Paris."), ["Zelensky"]);
}

#[test]
fn places_are_not_people() {
    assert!(names("Officials met in New York and later in Hong Kong and Buenos Aires.").is_empty());
}

#[test]
fn organisations_are_not_people() {
    assert!(
        names("Goldman Sachs Group Inc and the Federal Reserve Bank said rates would rise.")
            .is_empty()
    );
}

#[test]
fn months_and_weekdays_are_not_people() {
    assert!(names("On Tuesday, March 3, the committee met again.").is_empty());
}

#[test]
fn sentence_initial_words_are_not_people() {
    assert!(names("Meanwhile the rain fell. However nothing changed. Following that, all left.").is_empty());
}

/// Prints what the finder sees in a file: `NEWSDEX_DUMP=path cargo test --lib dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("NEWSDEX_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (head, body) = text.split_once('\n').unwrap_or(("", &text));
    for m in scan(body, false) {
        println!("{:?} acc={} pl={} weak={}", m.text, m.accepted, m.plausible, m.weak);
    }
    for p in find_people(head, body) {
        println!("=> {} {} {:?}", p.name, p.mentions, p.variants);
    }
}
