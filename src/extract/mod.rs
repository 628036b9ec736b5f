//! Extraction: pure functions from a [`RawArticle`] to an [`Article`]: text cleanup, headline,
//! dateline and date, people named, quotes and their speakers. No I/O, no tantivy.

pub mod cleanup;
pub mod dateline;
pub mod people;
pub mod quotes;

use crate::model::{Article, RawArticle};

/// Turns what a reader found into what the index stores. `path` is the file as given;
/// `multi` says whether the file holds several articles (the id then carries a suffix).
pub fn enrich(path: &str, raw: RawArticle, multi: bool) -> Article {
    let (headline, body, found_dateline) = if raw.needs_cleanup {
        let page = cleanup::clean_page(&raw.body);
        let headline = if raw.headline.trim().is_empty() {
            page.headline
        } else {
            raw.headline
        };
        (headline, page.body, page.dateline)
    } else {
        (raw.headline, raw.body, None)
    };
    let dateline_raw = raw.dateline.or(found_dateline);
    let dateline = dateline_raw
        .as_deref()
        .map(|d| dateline::parse(d, raw.date));
    let date = raw.date.or_else(|| dateline.as_ref().and_then(|d| d.date));
    let people = people::find_people(&headline, &body);
    let quotes = quotes::find_quotes(&body, &people);
    let id = if multi {
        format!(
            "{path}#{}",
            raw.source_id.unwrap_or_else(|| raw.ordinal.to_string())
        )
    } else {
        path.to_string()
    };
    Article {
        id,
        path: path.to_string(),
        headline,
        body,
        dateline,
        date,
        people,
        quotes,
        people_codes: raw.people_codes,
        places: raw.places,
        url: raw.url,
        author: raw.author,
    }
}
