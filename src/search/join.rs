//! From articles to their quotes, and back.
//!
//! Each quote is a document of its own, right after its article (`index::documents`), with its
//! place among the article's quotes as the fast field `quote_no`. So a quote query is an index
//! look-up: the quote's words and speaker are on the quote document, and whatever belongs to the
//! article (`headline:`, `people:`, `--person`, `--place`) is matched on the article and carried
//! to its quotes by [`OfArticle`], without copying the article onto each quote.
//!
//! The reverse step, from a quote hit to its article and its stored span, is [`Linker`].

use std::fmt;

use tantivy::columnar::Column;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::index::schema::QUOTE_NO;

/// Matches the quote documents of the articles `articles` matches (score 0: article facts
/// filter quotes, they do not rank them).
pub struct OfArticle {
    articles: Box<dyn Query>,
}

impl OfArticle {
    pub fn new(articles: Box<dyn Query>) -> OfArticle {
        OfArticle { articles }
    }
}

impl Clone for OfArticle {
    fn clone(&self) -> Self {
        OfArticle {
            articles: self.articles.box_clone(),
        }
    }
}

impl fmt::Debug for OfArticle {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "OfArticle({:?})", self.articles)
    }
}

impl Query for OfArticle {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let disabled = match scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(scoring.schema()),
        };
        Ok(Box::new(OfArticleWeight {
            articles: self.articles.weight(disabled)?,
        }))
    }
}

struct OfArticleWeight {
    articles: Box<dyn Weight>,
}

impl Weight for OfArticleWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let numbers = quote_numbers(reader)?;
        let mut articles = self.articles.scorer(reader, 1.0)?;
        let max = reader.max_doc();
        let mut quotes = BitSet::with_max_value(max);
        let mut article = articles.doc();
        while article != TERMINATED {
            let mut d = article + 1;
            while d < max && numbers.first(d) == Some(u64::from(d - article)) {
                quotes.insert(d);
                d += 1;
            }
            article = articles.advance();
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(quotes), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not a quote of a matching article"
            )));
        }
        Ok(Explanation::new("quote of a matching article", 0.0))
    }
}

/// The `quote_no` column of a segment.
fn quote_numbers(reader: &SegmentReader) -> tantivy::Result<Column<u64>> {
    reader.fast_fields().u64(QUOTE_NO)
}

/// The article of quote document `at` and the quote's place among the article's stored spans;
/// `None` when `at` is not a quote document.
fn link(numbers: &Column<u64>, at: DocAddress) -> Option<(DocAddress, usize)> {
    let no = DocId::try_from(numbers.first(at.doc_id)?).ok()?;
    let article = at.doc_id.checked_sub(no)?;
    Some((DocAddress::new(at.segment_ord, article), no as usize - 1))
}

/// Maps quote documents to their articles, keeping each segment's column once read.
pub struct Linker<'s> {
    searcher: &'s Searcher,
    columns: Vec<Option<Column<u64>>>,
}

impl<'s> Linker<'s> {
    pub fn new(searcher: &'s Searcher) -> Self {
        Linker {
            searcher,
            columns: vec![None; searcher.segment_readers().len()],
        }
    }

    /// The article of quote document `at` and the quote's place among the article's stored
    /// spans; `None` when `at` is not a quote document.
    pub fn article_of(&mut self, at: DocAddress) -> tantivy::Result<Option<(DocAddress, usize)>> {
        let slot = at.segment_ord as usize;
        if self.columns.get(slot).is_some_and(Option::is_none) {
            self.columns[slot] = Some(quote_numbers(self.searcher.segment_reader(at.segment_ord))?);
        }
        Ok(self
            .columns
            .get(slot)
            .and_then(Option::as_ref)
            .and_then(|c| link(c, at)))
    }
}
