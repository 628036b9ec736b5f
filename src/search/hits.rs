//! Running a query: counts, the ranked or date-sorted top hits, every matching document in index
//! (or date) order for `--all`, and loading a stored document into a [`Hit`].

use anyhow::Context;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{
    DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
};
use time::{Date, OffsetDateTime};

use crate::cli::SortOrder;
use crate::index::Fields;

/// One hit, as export formats see it. Text comes straight from the index (not yet escaped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hit {
    pub id: String,
    pub headline: String,
    pub date: Option<Date>,
    pub place: Option<String>,
    pub people: Vec<String>,
    pub speakers: Vec<String>,
    pub path: String,
    pub body: String,
    /// The quote text for quote-level hits.
    pub quote: Option<String>,
    /// BM25 score; `None` when hits are sorted by date or streamed.
    pub score: Option<f32>,
}

/// One page of hits: the score (when ranked by score) and the document.
pub type Page = Vec<(Option<f32>, DocAddress)>;

/// The number of matches and one page of hits (score or date order).
pub fn top(
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> anyhow::Result<(usize, Page)> {
    // tantivy reserves room for 2 * (offset + limit) entries: bound both by the index size.
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = limit.min(docs);
    if limit == 0 || offset >= docs {
        return Ok((searcher.search(query, &Count)?, Vec::new()));
    }
    let page = TopDocs::with_limit(limit).and_offset(offset);
    Ok(match sort {
        SortOrder::Score => {
            let (n, docs) = searcher.search(query, &(Count, page.order_by_score()))?;
            (n, docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
        }
        SortOrder::Date | SortOrder::DateDesc => {
            let order = if sort == SortOrder::Date {
                Order::Asc
            } else {
                Order::Desc
            };
            let by_date = page.order_by_fast_field::<tantivy::DateTime>("date", order);
            let (n, docs) = searcher.search(query, &(Count, by_date))?;
            (n, docs.into_iter().map(|(_, a)| (None, a)).collect())
        }
    })
}

/// Every matching document: in index order, or by date (undated last) for date sorts.
pub fn all(
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
) -> anyhow::Result<Vec<DocAddress>> {
    let mut docs = searcher.search(query, &AllDocs)?;
    if sort != SortOrder::Score {
        docs.sort_by(|(da, aa), (db, ab)| {
            let by_date = match (da, db) {
                (Some(x), Some(y)) if sort == SortOrder::Date => x.cmp(y),
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_date.then(aa.cmp(ab))
        });
    }
    Ok(docs.into_iter().map(|(_, a)| a).collect())
}

/// Collects every matching document with its date (seconds) in segment and doc order.
struct AllDocs;

struct SegmentDocs {
    segment: SegmentOrdinal,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    docs: Vec<(Option<i64>, DocAddress)>,
}

impl Collector for AllDocs {
    type Fruit = Vec<(Option<i64>, DocAddress)>;
    type Child = SegmentDocs;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDocs> {
        Ok(SegmentDocs {
            segment,
            dates: reader.fast_fields().date("date").ok(),
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentDocs {
    type Fruit = Vec<(Option<i64>, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        self.docs.push((date, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.docs
    }
}

/// Loads stored documents as [`Hit`]s.
///
/// A quote document stores its offsets into its article's body, not its text: the headline and
/// the quote's words come from the article, which is kept between calls because the quotes of
/// one article usually come together (`--all` streams them in index order).
pub struct Loader<'s> {
    searcher: &'s Searcher,
    fields: Fields,
    /// The article last read for a quote.
    article: Option<Article>,
}

impl<'s> Loader<'s> {
    pub fn new(searcher: &'s Searcher, fields: Fields) -> Self {
        Loader {
            searcher,
            fields,
            article: None,
        }
    }

    /// Loads the document at `addr` as a hit.
    pub fn load(&mut self, addr: DocAddress, score: Option<f32>) -> anyhow::Result<Hit> {
        let doc = self.stored(addr)?;
        let mut hit = hit_from_doc(&doc, &self.fields, score);
        let Some(article_id) = first_text(&doc, self.fields.article_id) else {
            return Ok(hit);
        };
        let offset = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
        };
        let (start, end) = (
            offset(self.fields.quote_start),
            offset(self.fields.quote_end),
        );
        let article = self.article(&article_id)?;
        hit.headline = article.headline.clone();
        hit.place = article.place.clone();
        hit.quote = Some(
            start
                .zip(end)
                .and_then(|(s, e)| article.body.get(s..e))
                .unwrap_or_default()
                .to_string(),
        );
        hit.id = format!("{article_id}@{}", start.unwrap_or_default());
        Ok(hit)
    }

    fn stored(&self, addr: DocAddress) -> anyhow::Result<TantivyDocument> {
        stored(self.searcher, addr)
    }

    /// The article with this id (empty when it is gone).
    fn article(&mut self, id: &str) -> anyhow::Result<&Article> {
        if !matches!(&self.article, Some(a) if a.id == id) {
            let mut article = Article {
                id: id.to_string(),
                ..Article::default()
            };
            if let Some(addr) = find_by_id(self.searcher, &self.fields, id)? {
                let doc = self.stored(addr)?;
                let text = |field| first_text(&doc, field);
                article.headline = text(self.fields.headline).unwrap_or_default();
                article.body = text(self.fields.body).unwrap_or_default();
                article.place = text(self.fields.place);
            }
            self.article = Some(article);
        }
        Ok(self.article.get_or_insert_with(Article::default))
    }
}

/// What a quote hit shows of its article.
#[derive(Default)]
struct Article {
    id: String,
    headline: String,
    body: String,
    place: Option<String>,
}

/// Loads a document's own stored fields as a [`Hit`] (for tallies: a quote hit gets its speaker,
/// date and place, but not its article's headline or its text; [`Loader`] adds those).
pub fn load(
    searcher: &Searcher,
    f: &Fields,
    addr: DocAddress,
    score: Option<f32>,
) -> anyhow::Result<Hit> {
    Ok(hit_from_doc(&stored(searcher, addr)?, f, score))
}

fn stored(searcher: &Searcher, addr: DocAddress) -> anyhow::Result<TantivyDocument> {
    searcher
        .doc(addr)
        .context("cannot read a stored document from the index")
}

/// The live document whose `id` is `id`, if any: a direct postings lookup, no scoring.
fn find_by_id(searcher: &Searcher, f: &Fields, id: &str) -> anyhow::Result<Option<DocAddress>> {
    let term = tantivy::Term::from_field_text(f.id, id);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(f.id)?;
        let Some(mut postings) =
            inverted.read_postings(&term, tantivy::schema::IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = tantivy::DocSet::doc(&postings);
        while doc != tantivy::TERMINATED {
            if !segment.is_deleted(doc) {
                return Ok(Some(DocAddress::new(ord as SegmentOrdinal, doc)));
            }
            doc = tantivy::DocSet::advance(&mut postings);
        }
    }
    Ok(None)
}

fn first_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Builds a [`Hit`] from stored fields.
pub fn hit_from_doc(doc: &TantivyDocument, f: &Fields, score: Option<f32>) -> Hit {
    let first = |field: Field| first_text(doc, field);
    let all = |field: Field| -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect()
    };
    // Names found in the text first, then source codes that name someone not already listed.
    let mut people = all(f.people);
    let mut keys: Vec<String> = people.iter().map(|p| crate::text::name_key(p)).collect();
    for code in all(f.people_codes) {
        let key = crate::text::name_key(&code.replace(['-', '_'], " "));
        if !keys.contains(&key) {
            keys.push(key);
            people.push(code);
        }
    }
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs()).ok())
        .map(|d| d.date());
    Hit {
        id: first(f.id).unwrap_or_default(),
        headline: first(f.headline).unwrap_or_default(),
        date,
        place: first(f.place),
        people,
        speakers: all(f.speakers),
        path: first(f.path).unwrap_or_default(),
        body: first(f.body).unwrap_or_default(),
        quote: None,
        score,
    }
}
