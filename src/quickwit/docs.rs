//! Enriched articles as Quickwit documents: one JSON object per article with the fields of the
//! doc mapping in `quickwit::config`. The name keys are the ones the local index writes
//! (`text::name_keys`), so `--person`/`--speaker`/`--place` look up the same terms in both.

use serde_json::{Map, Value, json};

use crate::model::Article;
use crate::text::{format_date, name_key, name_keys};

/// The document for one article, as one line of NDJSON (no newline).
pub fn article_line(a: &Article) -> String {
    Value::Object(article_document(a)).to_string()
}

/// The document for one article.
pub fn article_document(a: &Article) -> Map<String, Value> {
    let mut d = Map::new();
    d.insert("id".into(), json!(a.id));
    d.insert("path".into(), json!(a.path));
    d.insert("headline".into(), json!(a.headline));
    d.insert("body".into(), json!(a.body));
    if let Some(dl) = &a.dateline {
        d.insert("dateline".into(), json!(dl.raw));
        if let Some(place) = &dl.place {
            d.insert("place".into(), json!(place));
            d.insert("place_key".into(), json!([name_key(place)]));
        }
    }
    if let Some(date) = a.date {
        d.insert(
            "date".into(),
            json!(format!("{}T00:00:00Z", format_date(date))),
        );
    }
    let people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
    let speakers = a.speakers();
    // Source codes (Reuters `<PEOPLE>`) are found by `--person` too, as in the local index.
    let person_names = people
        .iter()
        .copied()
        .chain(a.people_codes.iter().map(String::as_str));
    insert_list(&mut d, "people", &people);
    insert_list(&mut d, "people_codes", &a.people_codes);
    insert_list(&mut d, "person_key", &keys(person_names));
    insert_list(&mut d, "speakers", &speakers);
    insert_list(&mut d, "speaker_key", &keys(speakers.iter().copied()));
    if !a.quotes.is_empty() {
        let quotes: Vec<Value> = a
            .quotes
            .iter()
            .map(|q| {
                json!({
                    "speaker": q.speaker.as_ref().map(|s| s.name.as_str()),
                    "text": q.text,
                    "cue": q.cue,
                    "direct": q.direct,
                    "start": q.start,
                    "end": q.end,
                })
            })
            .collect();
        d.insert("quotes".into(), Value::Array(quotes));
    }
    if let Some(url) = &a.url {
        d.insert("url".into(), json!(url));
    }
    if let Some(author) = &a.author {
        d.insert("author".into(), json!(author));
    }
    d
}

/// Every filter key of the names, each once, in order of first appearance.
fn keys<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in names.flat_map(name_keys) {
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// Adds a list field, leaving it out when empty (an absent field and an empty list search alike).
fn insert_list<S: AsRef<str>>(d: &mut Map<String, Value>, name: &str, values: &[S]) {
    if !values.is_empty() {
        let v: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        d.insert(name.into(), json!(v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dateline, Person, Quote, Speaker};
    use time::{Date, Month};

    fn article() -> Article {
        Article {
            id: "news/a.sgm#7".into(),
            path: "news/a.sgm".into(),
            headline: "Oil up".into(),
            body: "\"Prices rise,\" Marco Rubio said.".into(),
            dateline: Some(Dateline {
                raw: "PARIS, March 2 -".into(),
                place: Some("Paris".into()),
                date: None,
            }),
            date: Date::from_calendar_date(1987, Month::March, 2).ok(),
            people: vec![Person {
                name: "Marco Rubio".into(),
                mentions: 1,
                ..Person::default()
            }],
            quotes: vec![Quote {
                speaker: Some(Speaker {
                    name: "Marco Rubio".into(),
                }),
                text: "Prices rise,".into(),
                start: 1,
                end: 13,
                cue: "said".into(),
                direct: true,
            }],
            people_codes: vec!["james-baker".into()],
            ..Article::default()
        }
    }

    #[test]
    fn fields_and_keys_match_the_local_index() {
        let d = article_document(&article());
        assert_eq!(d["date"], "1987-03-02T00:00:00Z");
        assert_eq!(d["place_key"], json!(["paris"]));
        assert_eq!(
            d["person_key"],
            json!([
                "marco rubio",
                "=marco rubio",
                "rubio",
                "james baker",
                "=james baker",
                "baker"
            ])
        );
        assert_eq!(d["speakers"], json!(["Marco Rubio"]));
        assert_eq!(
            d["speaker_key"],
            json!(["marco rubio", "=marco rubio", "rubio"])
        );
        assert_eq!(d["quotes"][0]["speaker"], "Marco Rubio");
        assert_eq!(d["quotes"][0]["direct"], true);
    }

    #[test]
    fn absent_values_stay_absent() {
        let a = Article {
            id: "x.txt".into(),
            path: "x.txt".into(),
            body: "text".into(),
            ..Article::default()
        };
        let d = article_document(&a);
        for absent in ["date", "place", "people", "speakers", "quotes", "url"] {
            assert!(!d.contains_key(absent), "{absent}");
        }
        let line = article_line(&a);
        assert!(!line.contains('\n'));
    }
}
