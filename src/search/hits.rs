//! Running a query over documents: counts, the ranked or date-sorted top documents, every matching
//! document in index (or date) order for `--all`, and loading what a hit points at ([`HitRef`])
//! into a [`Hit`].

use anyhow::Context;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{
    DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
};
use time::{Date, OffsetDateTime};

use super::SortOrder;
use crate::index::Fields;
use crate::index::quote_spans;

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
    /// For quote-level hits: who said it, how, and where it stands in its article.
    pub said: Option<Said>,
    /// BM25 score; `None` when hits are sorted by date or streamed.
    pub score: Option<f32>,
    /// The story this article belongs to: the id of the story's first copy among the hits
    /// (known when hits were grouped: collapsed output, `--all`).
    pub story: Option<String>,
    /// Collapsed output: the other copies of this story among the hits.
    pub copies: Option<Copies>,
}

/// The other copies of a collapsed story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Copies {
    pub count: usize,
    /// Path and date of each copy, when asked for (`--copies`).
    pub listed: Vec<(String, Option<Date>)>,
}

/// The attribution of one quote hit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Said {
    /// The id of the article the quote stands in.
    pub article: String,
    /// The named speaker; `None` when the extractor could not name one (never a guess).
    pub speaker: Option<String>,
    /// The attribution cue (`said`, `told reporters`, `according to`).
    pub cue: Option<String>,
    /// True for words in quotation marks, false for reported speech.
    pub direct: bool,
    /// Byte offsets of the quote in the article's stored body.
    pub start: usize,
    pub end: usize,
}

/// A matching document, with its score when ranked by score.
pub type Scored = (Option<f32>, DocAddress);

/// The number of matching documents and one page of them (score or date order), with their
/// scores when ranked by score.
pub fn top(
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> anyhow::Result<(usize, Vec<Scored>)> {
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

/// Every matching document: in index order, or by date (undated last) for date sorts. For the
/// score order use [`all_ranked`].
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

/// Every matching document in `sort`'s order: best first with scores, or by date without.
pub fn every(
    searcher: &Searcher,
    query: &dyn Query,
    sort: SortOrder,
) -> anyhow::Result<Vec<Scored>> {
    Ok(match sort {
        SortOrder::Score => all_ranked(searcher, query)?,
        SortOrder::Date | SortOrder::DateDesc => all(searcher, query, sort)?
            .into_iter()
            .map(|at| (None, at))
            .collect(),
    })
}

/// Every matching document with its BM25 score, best first (equal scores in index order).
pub fn all_ranked(searcher: &Searcher, query: &dyn Query) -> anyhow::Result<Vec<Scored>> {
    let mut docs = searcher.search(query, &Ranked)?;
    docs.sort_by(|(sa, aa), (sb, ab)| sb.total_cmp(sa).then(aa.cmp(ab)));
    Ok(docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
}

/// Collects every matching document with its date (seconds) in segment and doc order.
struct AllDocs;

struct SegmentDocs {
    segment: SegmentOrdinal,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    docs: Vec<(Option<i64>, DocAddress)>,
}

/// Collects every matching document with its score, in segment and doc order.
struct Ranked;

struct SegmentRanked {
    segment: SegmentOrdinal,
    docs: Vec<(Score, DocAddress)>,
}

impl Collector for Ranked {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentRanked;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentRanked {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentRanked {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push((score, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.docs
    }
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

/// What a hit points at: an article, or one quote of an article (its place in the article's
/// stored quote spans), with its score when hits are ranked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HitRef {
    pub article: DocAddress,
    pub quote: Option<usize>,
    pub score: Option<f32>,
}

impl HitRef {
    /// An article hit.
    pub fn article(article: DocAddress, score: Option<f32>) -> HitRef {
        HitRef {
            article,
            quote: None,
            score,
        }
    }
}

/// Loads [`HitRef`]s as [`Hit`]s.
///
/// A quote hit shows its article's headline, date and place, and the article's body between the
/// quote's stored offsets; the article last read is kept, because the quotes of one article
/// usually come together.
/// Hits [`Loader::each`] loads at once. Hits spread over the whole store touch most of its
/// blocks in any chunk, so a chunk must be large for each block to be read once for many hits:
/// at 1 GB (1,700 store blocks), `oil --all` (85,958 hits) took 11.3 s hit by hit, 11.3 s in
/// chunks of 4,096, 6.6 s of 16,384 and 3.9 s of 65,536, for about 100 MB more memory.
pub const LOAD_CHUNK: usize = 1 << 16;

pub struct Loader<'s> {
    searcher: &'s Searcher,
    fields: Fields,
    article: Option<(DocAddress, TantivyDocument)>,
}

impl<'s> Loader<'s> {
    pub fn new(searcher: &'s Searcher, fields: Fields) -> Self {
        Loader {
            searcher,
            fields,
            article: None,
        }
    }

    /// Loads every hit of `refs`, handing them to `each` in the order given, but reading the
    /// store [`LOAD_CHUNK`] hits at a time in address order. The store is compressed in large
    /// blocks (`index::schema::settings`); hits in score order land on a different block each
    /// time, and reading them as they come decompressed a block per hit (measured at 1 GB:
    /// `oil --in-quotes --all` 12.9 s in score order, 1.6 s in date order, which is the
    /// corpus's own order).
    pub fn each(
        &mut self,
        refs: &[HitRef],
        mut each: impl FnMut(Hit) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        for chunk in refs.chunks(LOAD_CHUNK) {
            let mut order: Vec<usize> = (0..chunk.len()).collect();
            order.sort_by_key(|&i| (chunk[i].article, chunk[i].quote));
            let mut loaded: Vec<Option<Hit>> = (0..chunk.len()).map(|_| None).collect();
            for i in order {
                loaded[i] = Some(self.load(chunk[i])?);
            }
            for hit in loaded.into_iter().flatten() {
                each(hit)?;
            }
        }
        Ok(())
    }

    /// Loads the article or quote `r` points at.
    pub fn load(&mut self, r: HitRef) -> anyhow::Result<Hit> {
        let Some(quote) = r.quote else {
            return load(self.searcher, &self.fields, r.article, r.score);
        };
        if !matches!(&self.article, Some((at, _)) if *at == r.article) {
            self.article = Some((r.article, stored(self.searcher, r.article)?));
        }
        let Some((_, doc)) = &self.article else {
            anyhow::bail!("the article of a quote hit was not loaded");
        };
        Ok(quote_hit(doc, &self.fields, quote, r.score))
    }
}

/// One quote of a stored article as a hit: `ARTICLE_ID@OFFSET`, the quote's text and speaker,
/// the article's headline, date, place and people; no body (the quote is the text shown).
fn quote_hit(doc: &TantivyDocument, f: &Fields, quote: usize, score: Option<f32>) -> Hit {
    let mut hit = hit_from_doc(doc, f, score);
    let said = quotes_of(doc, f, &hit)
        .into_iter()
        .nth(quote)
        .unwrap_or_else(|| Said {
            article: hit.id.clone(),
            ..Said::default()
        });
    hit.quote = Some(
        hit.body
            .get(said.start..said.end)
            .unwrap_or_default()
            .to_string(),
    );
    hit.id = format!("{}@{}", hit.id, said.start);
    hit.speakers = said.speaker.iter().cloned().collect();
    hit.said = Some(said);
    hit.body.clear();
    hit
}

/// The quotes stored on an article, in body order, with their speakers and cues resolved.
/// `article` is the article's hit ([`hit_from_doc`] of the same document).
pub fn quotes_of(doc: &TantivyDocument, f: &Fields, article: &Hit) -> Vec<Said> {
    let cues: Vec<&str> = doc.get_all(f.cues).filter_map(|v| v.as_str()).collect();
    quote_spans::stored(doc, f.quotes)
        .into_iter()
        .map(|span| Said {
            article: article.id.clone(),
            speaker: span.speaker.and_then(|i| article.speakers.get(i).cloned()),
            cue: span.cue.and_then(|i| cues.get(i)).map(|c| c.to_string()),
            direct: span.direct,
            start: span.start,
            end: span.end,
        })
        .collect()
}

/// The stored article with this id, or `None`. A quote hit's id (`ARTICLE_ID@OFFSET`) finds its
/// article too; the offset is returned so the caller can point at that quote.
pub fn article_by_id(
    searcher: &Searcher,
    f: &Fields,
    id: &str,
) -> anyhow::Result<Option<(TantivyDocument, Option<usize>)>> {
    let find = |id: &str| -> anyhow::Result<Option<TantivyDocument>> {
        let term = tantivy::Term::from_field_text(f.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        found
            .first()
            .map(|&(_, at)| stored(searcher, at))
            .transpose()
    };
    if let Some(doc) = find(id)? {
        return Ok(Some((doc, None)));
    }
    let Some((article, offset)) = id.rsplit_once('@') else {
        return Ok(None);
    };
    let Ok(offset) = offset.parse::<usize>() else {
        return Ok(None);
    };
    Ok(find(article)?.map(|doc| (doc, Some(offset))))
}

/// Loads an article's stored fields as a [`Hit`].
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

fn first_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The people a hit shows: names found in the text first, then source codes that name someone
/// not already listed (shared with Quickwit hits, `quickwit::search`).
pub fn merge_people(mut people: Vec<String>, codes: Vec<String>) -> Vec<String> {
    let mut keys: Vec<String> = people.iter().map(|p| crate::text::name_key(p)).collect();
    for code in codes {
        let key = crate::text::name_key(&code.replace(['-', '_'], " "));
        if !keys.contains(&key) {
            keys.push(key);
            people.push(code);
        }
    }
    people
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
    let people = merge_people(all(f.people), all(f.people_codes));
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
        said: None,
        score,
        story: None,
        copies: None,
    }
}
