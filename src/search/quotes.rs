//! Quote search (`--in-quotes`): the query must match inside one quote, and each hit is a quote.
//!
//! Quotes are not indexed on disk: that repeated about a third of the body's words and made the
//! index 1.3 times the size of its text. An article stores its quotes as spans of its body
//! ([`quote_spans`]). A quote search first finds the articles that can hold a matching quote
//! (the query's positive words in the body, every filter, at least one quote: [`candidates`]),
//! then indexes those articles' quotes in memory, [`BATCH`] articles at a time, as `quote`
//! documents with the same schema, and runs the real query on them. Hits are exact; the cost
//! grows with the number of candidate articles, not with the index.
//!
//! Ranking by score is BM25 among the quotes of one batch, so it is exact when the candidates fit
//! in one batch and an approximation beyond (scores of different batches are merged as they are).

use tantivy::collector::Count;
use tantivy::directory::RamDirectory;
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, Searcher, TantivyDocument};

use super::Prepared;
use super::hits::{self, HitRef};
use super::query::{Ast, QField};
use crate::cli::SortOrder;
use crate::index::documents::add_names;
use crate::index::quote_spans::{self, Span};
use crate::index::schema::{self, Fields, KIND_QUOTE};

/// Candidate articles indexed in memory at a time: bounds memory (a few MB per batch) for a
/// query that matches every quote.
pub const BATCH: usize = 2_048;

/// Memory the in-memory writer starts with (it grows as a batch needs).
const BATCH_MEMORY: usize = 16 << 20;

/// The article-level form of a quote query: every match of the quote query lies in an article
/// this matches. Words meant for the quote are looked up in the body (a quote is part of it);
/// `NOT` clauses are dropped, because a word the quote must not hold may stand elsewhere.
pub fn candidates(ast: &Ast) -> Ast {
    let in_body = |field: Option<QField>| match field {
        None | Some(QField::Quote) => Some(QField::Body),
        other => other,
    };
    let all = |items: &[Ast]| items.iter().map(candidates).collect();
    match ast {
        Ast::All | Ast::Not(_) => Ast::All,
        Ast::Word { field, text } => Ast::Word {
            field: in_body(*field),
            text: text.clone(),
        },
        Ast::Phrase { field, text, slop } => Ast::Phrase {
            field: in_body(*field),
            text: text.clone(),
            slop: *slop,
        },
        Ast::And(items) => Ast::And(all(items)),
        Ast::Or(items) => Ast::Or(all(items)),
        Ast::Seq(items) => Ast::Seq(all(items)),
        Ast::Required(inner) => Ast::Required(Box::new(candidates(inner))),
    }
}

/// The number of matching quotes.
pub fn count(p: &Prepared, quotes: &dyn Query) -> anyhow::Result<usize> {
    Ok(run(p, quotes, SortOrder::Score, Want::Count)?.0)
}

/// The number of matching quotes and one page of them.
pub fn top(
    p: &Prepared,
    quotes: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> anyhow::Result<(usize, Vec<HitRef>)> {
    let end = offset.saturating_add(limit);
    let want = match sort {
        SortOrder::Score => Want::Best(end),
        SortOrder::Date | SortOrder::DateDesc => Want::First(end),
    };
    let (n, refs) = run(p, quotes, sort, want)?;
    Ok((n, refs.into_iter().skip(offset).collect()))
}

/// Every matching quote: by article in index order (or date order for date sorts), then in the
/// order the quotes stand in their article.
pub fn all(p: &Prepared, quotes: &dyn Query, sort: SortOrder) -> anyhow::Result<Vec<HitRef>> {
    Ok(run(p, quotes, sort, Want::First(usize::MAX))?.1)
}

/// What to keep of the matches while counting all of them.
#[derive(Clone, Copy)]
enum Want {
    Count,
    /// The best `n` by score.
    Best(usize),
    /// The first `n` in candidate order.
    First(usize),
}

/// Runs the quote query over every batch of candidate articles (in `sort`'s date order, else in
/// index order); returns the number of matching quotes and the ones `want` keeps.
fn run(
    p: &Prepared,
    quotes: &dyn Query,
    sort: SortOrder,
    want: Want,
) -> anyhow::Result<(usize, Vec<HitRef>)> {
    let articles = hits::all(&p.searcher, &*p.query, sort)?;
    let mut total = 0;
    let mut kept: Vec<HitRef> = Vec::new();
    for chunk in articles.chunks(BATCH) {
        let batch = Batch::build(p, chunk)?;
        let s = &batch.searcher;
        match want {
            Want::Count => total += s.search(quotes, &Count)?,
            Want::Best(n) => {
                let (found, page) = hits::top(s, quotes, SortOrder::Score, n, 0)?;
                total += found;
                kept.extend(
                    page.into_iter()
                        .filter_map(|(score, at)| batch.hit(at, score)),
                );
                kept.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
                kept.truncate(n);
            }
            Want::First(n) => {
                let found = hits::all(s, quotes, SortOrder::Score)?;
                total += found.len();
                let room = n.saturating_sub(kept.len());
                kept.extend(
                    found
                        .into_iter()
                        .take(room)
                        .filter_map(|at| batch.hit(at, None)),
                );
            }
        }
    }
    Ok((total, kept))
}

/// The quotes of a batch of articles, indexed in memory.
struct Batch {
    searcher: Searcher,
    /// For each in-memory document, in order: its article and the quote's place in it.
    origin: Vec<(DocAddress, usize)>,
}

impl Batch {
    fn build(p: &Prepared, articles: &[DocAddress]) -> anyhow::Result<Batch> {
        // A single segment keeps documents in the order they are added, which `origin` relies
        // on, and needs no indexing threads for a few thousand small documents.
        let mut writer = Index::builder()
            .schema(schema::quote_schema())
            .tokenizers(schema::tokenizers())
            .single_segment_index_writer(RamDirectory::create(), BATCH_MEMORY)?;
        let mut origin = Vec::new();
        for &at in articles {
            let article: TantivyDocument = p.searcher.doc(at)?;
            let spans = article
                .get_first(p.fields.quotes)
                .and_then(|v| v.as_bytes())
                .map(quote_spans::decode)
                .unwrap_or_default();
            for (i, span) in spans.into_iter().enumerate() {
                writer.add_document(quote_document(&article, &p.fields, span))?;
                origin.push((at, i));
            }
        }
        let searcher = writer.finalize()?.reader()?.searcher();
        Ok(Batch { searcher, origin })
    }

    fn hit(&self, at: DocAddress, score: Option<f32>) -> Option<HitRef> {
        let &(article, quote) = self.origin.get(at.doc_id as usize)?;
        Some(HitRef {
            article,
            quote: Some(quote),
            score,
        })
    }
}

/// One quote of a stored article as an in-memory document: the quote's words, its speaker, and
/// what filters and field prefixes see of the article (headline, place, date, people).
fn quote_document(article: &TantivyDocument, f: &Fields, span: Span) -> TantivyDocument {
    let text = |field| article.get_first(field).and_then(|v| v.as_str());
    let texts = |field| article.get_all(field).filter_map(|v| v.as_str());
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_QUOTE);
    let body = text(f.body).unwrap_or_default();
    doc.add_text(f.quote, body.get(span.start..span.end).unwrap_or_default());
    doc.add_text(f.headline, text(f.headline).unwrap_or_default());
    if let Some(place) = text(f.place) {
        doc.add_text(f.place, place);
        doc.add_text(f.place_key, crate::text::name_key(place));
    }
    if let Some(date) = article.get_first(f.date).and_then(|v| v.as_datetime()) {
        doc.add_date(f.date, date);
    }
    add_names(&mut doc, f.people, f.person_key, texts(f.people));
    add_names(
        &mut doc,
        f.people_codes,
        f.person_key,
        texts(f.people_codes),
    );
    let speaker = span.speaker.and_then(|i| texts(f.speakers).nth(i));
    add_names(&mut doc, f.speakers, f.speaker_key, speaker.into_iter());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn candidate(q: &str) -> Ast {
        parse(q).map(|a| candidates(&a)).unwrap_or(Ast::All)
    }

    #[test]
    fn candidates_look_in_the_body_and_drop_negations() -> anyhow::Result<()> {
        assert_eq!(candidate("cranes"), candidates(&parse("body:cranes")?));
        assert_eq!(
            candidate("quote:\"we thank\"~1"),
            parse("body:\"we thank\"~1")?
        );
        assert_eq!(candidate("headline:strike"), parse("headline:strike")?);
        assert_eq!(candidate("-union"), Ast::All);
        assert_eq!(
            candidate("cranes -union"),
            Ast::Seq(vec![parse("body:cranes")?, Ast::All])
        );
        Ok(())
    }
}
