//! Extraction: pure functions from a [`RawArticle`] to an [`Article`]: text cleanup, headline,
//! dateline and date, people named, quotes and their speakers. No I/O, no tantivy.

pub mod cleanup;
pub mod dateline;
pub mod people;
pub mod quotes;

use crate::model::{Article, RawArticle};

/// People and quotes are looked for in the first this-many bytes of a body. News articles are far
/// shorter; the bound keeps memory and time flat on a file that is one giant "article" (a log, a
/// dump) while the whole text is still indexed for search.
pub const EXTRACT_LIMIT: usize = 1 << 20;

/// Years the index can store exactly (tantivy keeps nanoseconds in an `i64`: 1677 to 2262). A
/// source date outside is a typo or junk; no date is better than a wrong one.
fn is_storable(d: &time::Date) -> bool {
    (1678..=2261).contains(&d.year())
}

/// The longest prefix of `s` of at most `limit` bytes that ends on a character boundary.
fn prefix_at_char_boundary(s: &str, limit: usize) -> &str {
    if s.len() <= limit {
        return s;
    }
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Turns what a reader found into what the index stores. `path` is the file as given;
/// `multi` says whether the file holds several articles (the id then carries a suffix).
pub fn enrich(path: &str, raw: RawArticle, multi: bool) -> Article {
    let mut page_date = None;
    let (headline, body, found_dateline) = if raw.needs_cleanup {
        let page = cleanup::clean_page(&raw.body);
        page_date = page.date;
        let headline = if raw.headline.trim().is_empty() {
            page.headline
        } else {
            raw.headline
        };
        (headline, page.body, page.dateline)
    } else {
        let found = if raw.dateline_in_body {
            let first_paragraph = raw.body.split("\n\n").next().unwrap_or("");
            dateline::leading_dateline(first_paragraph)
        } else {
            None
        };
        (raw.headline, raw.body, found)
    };
    let body = cleanup::join_wrapped_hyphens(body);
    // The page's own date line counts as metadata: it dates the article and gives a dateline's
    // day its year.
    let meta_date = raw.date.or(page_date);
    // A dateline found in the page was read while it was found; one from the reader is parsed.
    let dateline = match raw.dateline {
        Some(d) => Some(dateline::parse(&d, meta_date)),
        None => found_dateline.map(|d| d.into_dateline(meta_date)),
    };
    let date = meta_date
        .or_else(|| dateline.as_ref().and_then(|d| d.date))
        .filter(is_storable);
    let scanned = prefix_at_char_boundary(&body, EXTRACT_LIMIT);
    let people = people::find_people(&headline, scanned);
    let quotes = quotes::find_quotes(scanned, &people);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_the_index_cannot_hold_are_dropped() {
        let date = |y| time::Date::from_calendar_date(y, time::Month::April, 2).ok();
        for (year, kept) in [(2400, false), (1650, false), (2025, true), (1987, true)] {
            let raw = RawArticle {
                headline: "H".into(),
                body: "B.".into(),
                date: date(year),
                ..RawArticle::default()
            };
            assert_eq!(enrich("x.json", raw, false).date.is_some(), kept, "{year}");
        }
    }

    #[test]
    fn a_dateline_opening_the_first_paragraph_is_found_when_the_format_has_none() {
        let raw = |body: &str| RawArticle {
            headline: "Bridge reopens".into(),
            body: body.into(),
            dateline_in_body: true,
            ..RawArticle::default()
        };
        let a = enrich(
            "x.html",
            raw("RIVERTON, March 8 - The bridge opened.\n\nIt took two years."),
            false,
        );
        let d = a.dateline.expect("a dateline");
        assert_eq!(d.raw, "RIVERTON, March 8 -");
        assert_eq!(d.place.as_deref(), Some("Riverton"));
        let later = raw("The bridge opened.\n\nKyiv (AP) — not a dateline where it is not first.");
        assert!(enrich("x.html", later, false).dateline.is_none());
        let agency = enrich("x.html", raw("Kyiv (AP) — Dock workers returned."), false);
        assert_eq!(agency.dateline.map(|d| d.raw), Some("Kyiv (AP) —".into()));
        for body in [
            "BREAKING - Storm makes landfall.",
            "Prices rose - as expected - today.",
            "NO DASH HERE",
        ] {
            assert!(
                enrich("x.html", raw(body), false).dateline.is_none(),
                "{body}"
            );
        }
        // A format that marks its datelines is not searched for one.
        let marked = RawArticle {
            dateline_in_body: false,
            ..raw("BANGKOK TAPIOCA - APRIL 7 Thai pellets.")
        };
        assert!(enrich("x.sgm", marked, false).dateline.is_none());
    }

    #[test]
    fn a_name_broken_at_its_hyphen_across_lines_is_one_name() {
        let raw = RawArticle {
            headline: "Lender sees two more cuts".into(),
            body: "Other speakers were more optimistic. Ines Duarte-\nPinto, a board member of a \
                   small lender, said she expected two more cuts before December."
                .into(),
            ..RawArticle::default()
        };
        let a = enrich("x.txt", raw, false);
        let people: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Ines Duarte-Pinto"]);
        assert!(a.body.contains("Duarte-Pinto"));
    }

    #[test]
    fn extraction_prefix_never_splits_a_character() {
        let s = "é".repeat(10);
        assert_eq!(prefix_at_char_boundary(&s, 5), "éé");
        assert_eq!(prefix_at_char_boundary(&s, 100), s);
    }

    #[test]
    fn giant_body_is_indexed_whole_but_scanned_for_people_only_at_its_start() {
        let mut body = "Officials met. \"We agreed,\" said Maria Lopez. ".to_string();
        body.push_str(&"filler words here ".repeat(EXTRACT_LIMIT / 10));
        body.push_str("Later Jonathan Whitfield said nothing.");
        let raw = RawArticle {
            headline: "Long".into(),
            body: body.clone(),
            ..RawArticle::default()
        };
        let a = enrich("x.json", raw, false);
        assert_eq!(a.body.len(), body.len());
        assert!(
            a.people.iter().any(|p| p.name == "Maria Lopez"),
            "{:?}",
            a.people
        );
        assert!(
            !a.people.iter().any(|p| p.name.contains("Whitfield")),
            "{:?}",
            a.people
        );
    }
}
