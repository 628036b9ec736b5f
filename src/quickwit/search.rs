//! Searching a Quickwit index: the count, one page, or every hit (`search_after` over
//! `_shard_doc`, a page at a time, so memory stays constant whatever the number of hits), as
//! `search::hits::Hit`s for `export`.

use serde_json::{Value, json};
use time::Date;

use super::client::Client;
use crate::search::SortOrder;
use crate::search::hits::{Hit, merge_people};

/// Hits fetched per request by [`QuickwitSearch::each`] (Quickwit allows up to 10,000).
pub const PAGE: usize = 1000;

/// One query on one Quickwit index.
pub struct QuickwitSearch<'c> {
    pub client: &'c Client,
    pub index: String,
    /// The query body (`quickwit::query::translate`).
    pub query: Value,
}

/// The sort clause: by score (Quickwit's BM25), or by date then the document address, which
/// makes the order total (search_after needs that: equal dates would otherwise be skipped).
fn sort_clause(sort: SortOrder, ranked: bool) -> Value {
    let doc = json!({ "_shard_doc": { "order": "asc" } });
    match sort {
        SortOrder::Score if ranked => json!([{ "_score": { "order": "desc" } }]),
        SortOrder::Score => json!([doc]),
        SortOrder::Date => json!([{ "date": { "order": "asc" } }, doc]),
        SortOrder::DateDesc => json!([{ "date": { "order": "desc" } }, doc]),
    }
}

impl QuickwitSearch<'_> {
    fn run(&self, body: Value) -> anyhow::Result<Value> {
        self.client.search(&self.index, &body)
    }

    /// The number of matching articles.
    pub fn count(&self) -> anyhow::Result<usize> {
        let r = self.run(json!({ "query": self.query, "size": 0, "track_total_hits": true }))?;
        Ok(total(&r))
    }

    /// The number of hits and one page of them.
    pub fn page(
        &self,
        sort: SortOrder,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(usize, Vec<Hit>)> {
        let r = self.run(json!({
            "query": self.query,
            "size": limit,
            "from": offset,
            "sort": sort_clause(sort, true),
            "track_total_hits": true,
        }))?;
        Ok((total(&r), hits(&r).iter().map(to_hit).collect()))
    }

    /// Every hit, [`PAGE`] at a time: the first page is fetched now (it carries the total), the
    /// others as [`Pages::each`] goes. Score order is not kept (index order, as for a full export).
    pub fn all(&self, sort: SortOrder) -> anyhow::Result<Pages<'_>> {
        let mut pages = Pages {
            search: self,
            sort,
            total: 0,
            page: Vec::new(),
        };
        let first = pages.fetch(None, true)?;
        pages.total = total(&first);
        pages.page = hits(&first).to_vec();
        Ok(pages)
    }
}

/// Every hit of a search, one page in memory at a time.
pub struct Pages<'s> {
    search: &'s QuickwitSearch<'s>,
    sort: SortOrder,
    pub total: usize,
    page: Vec<Value>,
}

impl Pages<'_> {
    fn fetch(&self, after: Option<&Value>, count: bool) -> anyhow::Result<Value> {
        let mut body = json!({
            "query": self.search.query,
            "size": PAGE,
            "sort": sort_clause(self.sort, false),
            "track_total_hits": count,
        });
        if let Some(a) = after {
            body["search_after"] = a.clone();
        }
        self.search.run(body)
    }

    /// Calls `each` on every hit after the first `offset`, in order.
    pub fn each(
        mut self,
        offset: usize,
        mut each: impl FnMut(Hit) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut skip = offset;
        loop {
            for h in &self.page {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                each(to_hit(h))?;
            }
            let after = match self.page.last().and_then(|h| h.get("sort")) {
                Some(s) if self.page.len() == PAGE => s.clone(),
                _ => return Ok(()),
            };
            let next = self.fetch(Some(&after), false)?;
            self.page = hits(&next).to_vec();
        }
    }
}

fn total(r: &Value) -> usize {
    r["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize
}

fn hits(r: &Value) -> &[Value] {
    r["hits"]["hits"].as_array().map_or(&[], Vec::as_slice)
}

/// A Quickwit hit as newsdex's hit; fields the article lacks are empty, as locally.
pub fn to_hit(h: &Value) -> Hit {
    let src = &h["_source"];
    let text = |k: &str| src.get(k).and_then(Value::as_str).map(str::to_string);
    let list = |k: &str| -> Vec<String> {
        match src.get(k) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    };
    Hit {
        id: text("id").unwrap_or_default(),
        headline: text("headline").unwrap_or_default(),
        date: text("date").as_deref().and_then(parse_day),
        place: text("place"),
        people: merge_people(list("people"), list("people_codes")),
        speakers: list("speakers"),
        path: text("path").unwrap_or_default(),
        body: text("body").unwrap_or_default(),
        score: h.get("_score").and_then(Value::as_f64).map(|s| s as f32),
        ..Hit::default()
    }
}

/// The day of an RFC 3339 timestamp (`1987-03-02T00:00:00Z`).
fn parse_day(s: &str) -> Option<Date> {
    let p = crate::search::filters::Period::parse(s.get(..10)?).ok()?;
    Some(p.first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_from_sources() {
        let h = json!({
            "_source": {
                "id": "a#1", "path": "a", "headline": "H", "body": "B",
                "date": "1987-03-02T00:00:00Z", "place": "Paris",
                "people": ["Marco Rubio"], "people_codes": ["marco-rubio", "james-baker"],
                "speakers": ["Marco Rubio"]
            },
            "sort": ["x"]
        });
        let hit = to_hit(&h);
        assert_eq!(hit.id, "a#1");
        assert_eq!(
            hit.date.map(crate::text::format_date).as_deref(),
            Some("1987-03-02")
        );
        assert_eq!(hit.people, vec!["Marco Rubio", "james-baker"]);
        assert_eq!(hit.place.as_deref(), Some("Paris"));
        let bare = to_hit(&json!({ "_source": { "id": "b" } }));
        assert_eq!(bare.date, None);
        assert!(bare.people.is_empty());
    }

    #[test]
    fn sorts_are_total_for_search_after() {
        assert_eq!(
            sort_clause(SortOrder::Score, false),
            json!([{ "_shard_doc": { "order": "asc" } }])
        );
        assert_eq!(
            sort_clause(SortOrder::DateDesc, false),
            json!([{ "date": { "order": "desc" } }, { "_shard_doc": { "order": "asc" } }])
        );
    }
}
