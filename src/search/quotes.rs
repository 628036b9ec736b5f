//! Quote search (`--in-quotes`): the query must match inside one quote, and each hit is a quote.
//!
//! Quotes are not indexed on disk: that repeated about a third of the body's words and made the
//! index 1.3 times the size of its text. An article stores its quotes as spans of its body
//! ([`quote_spans`]). A quote search first finds the articles that can hold a matching quote
//! (the query's positive words in the body, every filter, at least one quote: [`candidates`]),
//! then indexes those articles' quotes in memory, [`BATCH`] articles at a time, as `quote`
//! documents with the same schema, and runs the real query on them. Hits are exact; the cost
//! grows with the number of candidate articles, not with the index. A quote that holds none of
//! the words a match needs is not indexed at all ([`Shape`]), which is most of a broad query.
//!
//! Ranking by score is BM25 among the quotes of one batch, so it is exact when the candidates fit
//! in one batch and an approximation beyond (scores of different batches are merged as they are).

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::collector::Count;
use tantivy::directory::RamDirectory;
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, Searcher, TantivyDocument};

use super::Prepared;
use super::SortOrder;
use super::hits::{self, HitRef};
use super::query::{Ast, Compiler, QField};
use crate::index::documents::{add_keys, add_names};
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

/// Every matching quote: best first for the score order (see the module doc on scores across
/// batches), else by article in date order, then in the order the quotes stand in their article.
pub fn all(p: &Prepared, quotes: &dyn Query, sort: SortOrder) -> anyhow::Result<Vec<HitRef>> {
    let want = match sort {
        SortOrder::Score => Want::Best(usize::MAX),
        SortOrder::Date | SortOrder::DateDesc => Want::First(usize::MAX),
    };
    Ok(run(p, quotes, sort, want)?.1)
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
/// index order), batches on every core; returns the number of matching quotes and the ones
/// `want` keeps, merged in batch order.
fn run(
    p: &Prepared,
    quotes: &dyn Query,
    sort: SortOrder,
    want: Want,
) -> anyhow::Result<(usize, Vec<HitRef>)> {
    run_shaped(p, quotes, sort, want, &Shape::of(p))
}

/// [`run`] with the in-memory documents shaped by `shape` (tests compare shapes).
fn run_shaped(
    p: &Prepared,
    quotes: &dyn Query,
    sort: SortOrder,
    want: Want,
    shape: &Shape,
) -> anyhow::Result<(usize, Vec<HitRef>)> {
    let articles = hits::all(&p.searcher, &*p.query, sort)?;
    let chunks: Vec<&[DocAddress]> = articles.chunks(BATCH).collect();
    let results = in_parallel(chunks.len(), |i| {
        let batch = Batch::build(p, shape, chunks[i])?;
        batch.run(quotes, want)
    })?;
    let mut total = 0;
    let mut kept: Vec<HitRef> = Vec::new();
    for (found, refs) in results {
        total += found;
        kept.extend(refs);
    }
    match want {
        Want::Count => {}
        Want::Best(n) => {
            // Stable: equal scores keep batch order.
            kept.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
            kept.truncate(n);
        }
        Want::First(n) => kept.truncate(n),
    }
    Ok((total, kept))
}

/// `job(0..n)` on up to one thread per core; results in job order.
fn in_parallel<T: Send>(
    n: usize,
    job: impl Fn(usize) -> anyhow::Result<T> + Sync,
) -> anyhow::Result<Vec<T>> {
    let threads = std::thread::available_parallelism().map_or(1, |c| c.get());
    if n <= 1 || threads <= 1 {
        return (0..n).map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<anyhow::Result<T>>>> = (0..n).map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(n) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slot) = slots.get(i) else { break };
                    let result = job(i);
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| match slot.into_inner() {
            Ok(Some(result)) => result,
            _ => Err(anyhow::anyhow!("a quote search batch did not finish")),
        })
        .collect()
}

/// What the in-memory quote documents of one query need: the words one of which a quote must
/// hold to match (when the query implies such a set), and the article fields the query reads.
/// Quotes that cannot match are left out, which is most of the work saved on a broad query.
struct Shape {
    needs_one_of: Option<HashSet<String>>,
    headline: bool,
    people: bool,
    place: bool,
}

impl Shape {
    /// Every quote, with every field: what the query would see with no shortcut.
    #[cfg(test)]
    fn everything() -> Shape {
        Shape {
            needs_one_of: None,
            headline: true,
            people: true,
            place: true,
        }
    }

    fn of(p: &Prepared) -> Shape {
        let Some(ast) = &p.ast else {
            return Shape {
                needs_one_of: None,
                headline: false,
                people: false,
                place: false,
            };
        };
        let mut compiler = Compiler::new(&p.fields, p.any, true);
        Shape {
            needs_one_of: needed_words(ast, p.any, &mut compiler).map(|w| w.into_iter().collect()),
            headline: ast.reads(QField::Headline),
            people: ast.reads(QField::People),
            place: ast.reads(QField::Place),
        }
    }

    /// False when the quote cannot match: it holds none of the needed words.
    fn may_match(&self, quote: &str, analyzer: &mut TextAnalyzer) -> bool {
        let Some(words) = &self.needs_one_of else {
            return true;
        };
        let mut stream = analyzer.token_stream(quote);
        while stream.advance() {
            if words.contains(&stream.token().text) {
                return true;
            }
        }
        false
    }
}

/// Words of which every quote matching `ast` holds at least one; `None` when no such set follows
/// from the query (`*`, only negations, alternatives of which one constrains no quote word).
fn needed_words(ast: &Ast, any: bool, c: &mut Compiler) -> Option<Vec<String>> {
    let one_of = |items: &[&Ast], c: &mut Compiler| -> Option<Vec<String>> {
        let mut all = Vec::new();
        for item in items {
            all.extend(needed_words(item, any, c)?);
        }
        (!all.is_empty()).then_some(all)
    };
    let all_of = |items: &[&Ast], c: &mut Compiler| {
        items
            .iter()
            .filter_map(|a| needed_words(a, any, c))
            .min_by_key(Vec::len)
    };
    match ast {
        Ast::Word { field, text } | Ast::Phrase { field, text, .. }
            if matches!(field, None | Some(QField::Quote)) =>
        {
            let words: Vec<String> = c.tokens(text).into_iter().map(|(_, t)| t).collect();
            (!words.is_empty()).then_some(words)
        }
        Ast::Word { .. } | Ast::Phrase { .. } | Ast::All | Ast::Not(_) => None,
        Ast::Required(inner) => needed_words(inner, any, c),
        Ast::And(items) => all_of(&items.iter().collect::<Vec<_>>(), c),
        Ast::Or(items) => one_of(&items.iter().collect::<Vec<_>>(), c),
        Ast::Seq(items) if !any => all_of(&items.iter().collect::<Vec<_>>(), c),
        Ast::Seq(items) => {
            // With --any, plain words are alternatives unless a `+word` makes them optional.
            let required: Vec<&Ast> = items
                .iter()
                .filter(|a| matches!(a, Ast::Required(_)))
                .collect();
            if required.is_empty() {
                let plain: Vec<&Ast> = items.iter().filter(|a| !matches!(a, Ast::Not(_))).collect();
                one_of(&plain, c)
            } else {
                all_of(&required, c)
            }
        }
    }
}

/// The quotes of a batch of articles, indexed in memory.
struct Batch {
    searcher: Searcher,
    /// For each in-memory document, in order: its article and the quote's place in it.
    origin: Vec<(DocAddress, usize)>,
}

impl Batch {
    fn build(p: &Prepared, shape: &Shape, articles: &[DocAddress]) -> anyhow::Result<Batch> {
        // A single segment keeps documents in the order they are added, which `origin` relies
        // on, and needs no indexing threads for a few thousand small documents.
        let mut writer = Index::builder()
            .schema(schema::quote_schema())
            .tokenizers(schema::tokenizers())
            .single_segment_index_writer(RamDirectory::create(), BATCH_MEMORY)?;
        let mut analyzer = schema::news_analyzer();
        let mut origin = Vec::new();
        for &at in articles {
            let article = Article::read(p, at)?;
            let body = article.body(&p.fields);
            for (i, span) in article.spans.iter().enumerate() {
                let quote = body.get(span.start..span.end).unwrap_or_default();
                if shape.may_match(quote, &mut analyzer) {
                    writer.add_document(article.quote_document(&p.fields, shape, quote, *span))?;
                    origin.push((at, i));
                }
            }
        }
        let searcher = writer.finalize()?.reader()?.searcher();
        Ok(Batch { searcher, origin })
    }

    /// The number of matching quotes in this batch and the ones `want` keeps.
    fn run(&self, quotes: &dyn Query, want: Want) -> anyhow::Result<(usize, Vec<HitRef>)> {
        let s = &self.searcher;
        Ok(match want {
            Want::Count => (s.search(quotes, &Count)?, Vec::new()),
            Want::Best(n) => {
                let (found, page) = hits::top(s, quotes, SortOrder::Score, n, 0)?;
                let refs = page
                    .into_iter()
                    .filter_map(|(score, at)| self.hit(at, score));
                (found, refs.collect())
            }
            Want::First(n) => {
                let found = hits::all(s, quotes, SortOrder::Score)?;
                let refs = found.iter().take(n).filter_map(|&at| self.hit(at, None));
                (found.len(), refs.collect())
            }
        })
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

/// A stored article, as quote search reads it.
struct Article {
    doc: TantivyDocument,
    spans: Vec<Span>,
}

impl Article {
    fn read(p: &Prepared, at: DocAddress) -> anyhow::Result<Article> {
        let doc: TantivyDocument = p.searcher.doc(at)?;
        let spans = quote_spans::stored(&doc, p.fields.quotes);
        Ok(Article { doc, spans })
    }

    /// The stored body the spans point into.
    fn body(&self, f: &Fields) -> &str {
        self.doc
            .get_first(f.body)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// One of its quotes as an in-memory document: the quote's words and speaker, the keys every
    /// filter looks up, and the article's text fields the query reads.
    fn quote_document(
        &self,
        f: &Fields,
        shape: &Shape,
        quote: &str,
        span: Span,
    ) -> TantivyDocument {
        let text = |field| self.doc.get_first(field).and_then(|v| v.as_str());
        let texts = |field| self.doc.get_all(field).filter_map(|v| v.as_str());
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_QUOTE);
        doc.add_text(f.quote, quote);
        if shape.headline {
            doc.add_text(f.headline, text(f.headline).unwrap_or_default());
        }
        if let Some(place) = text(f.place) {
            if shape.place {
                doc.add_text(f.place, place);
            }
            doc.add_text(f.place_key, crate::text::name_key(place));
        }
        if let Some(date) = self.doc.get_first(f.date).and_then(|v| v.as_datetime()) {
            doc.add_date(f.date, date);
        }
        let (people, codes) = (texts(f.people), texts(f.people_codes));
        if shape.people {
            add_names(&mut doc, f.people, f.person_key, people);
            add_names(&mut doc, f.people_codes, f.person_key, codes);
        } else {
            add_keys(&mut doc, f.person_key, people.chain(codes));
        }
        let speaker = span.speaker.and_then(|i| texts(f.speakers).nth(i));
        add_names(&mut doc, f.speakers, f.speaker_key, speaker.into_iter());
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::filters::Filters;
    use crate::search::query::parse;
    use crate::search::{SearchSpec, prepare, testing};

    fn candidate(q: &str) -> Ast {
        parse(q).map(|a| candidates(&a)).unwrap_or(Ast::All)
    }

    #[test]
    fn candidates_look_in_the_body_and_drop_negations() -> anyhow::Result<()> {
        assert_eq!(candidate("cranes"), parse("body:cranes")?);
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

    /// Three articles whose quotes share and miss words in every combination the queries below
    /// test.
    fn index(dir: &std::path::Path) -> anyhow::Result<()> {
        let a = testing::article(
            "a.txt",
            "Harbour cranes idle",
            "\"The cranes stay idle,\" said Mara Quist. Talks went on. \"Wages first,\" the union said.",
            &[
                (Some("Mara Quist"), "The cranes stay idle"),
                (None, "Wages first"),
            ],
        );
        let b = testing::article(
            "b.txt",
            "Union and port agree",
            "\"We agree on wages and cranes,\" said Ivo Brandt. The cranes moved.",
            &[(Some("Ivo Brandt"), "We agree on wages and cranes")],
        );
        let c = testing::article(
            "c.txt",
            "Ferries late",
            "\"The ferries run late,\" said Mara Quist.",
            &[(Some("Mara Quist"), "The ferries run late")],
        );
        testing::write(dir, &[a, b, c])
    }

    /// Leaving out quotes that hold none of the needed words never changes what matches.
    #[test]
    fn the_shortcut_finds_what_the_full_quote_index_finds() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        index(dir.path())?;
        let queries = [
            "cranes",
            "cranes -wages",
            "cranes OR -wages",
            "+cranes wages",
            "cranes wages",
            "\"stay idle\"",
            "NOT cranes",
            "*",
            "ferries OR wages",
            "(cranes OR ferries) -idle",
            "headline:cranes",
            "speakers:quist",
            "cranes AND (idle OR -agree)",
            "-cranes -wages",
        ];
        for q in queries {
            for any in [false, true] {
                let spec = SearchSpec {
                    query: Some(q.into()),
                    any,
                    in_quotes: true,
                    filters: Filters::default(),
                };
                let p = prepare(dir.path(), &spec)?;
                let Some(quotes) = &p.quotes else {
                    anyhow::bail!("not a quote search");
                };
                let all = |shape: &Shape| -> anyhow::Result<Vec<HitRef>> {
                    Ok(run_shaped(&p, &**quotes, SortOrder::Score, Want::First(99), shape)?.1)
                };
                let shortcut = all(&Shape::of(&p))?;
                assert_eq!(shortcut, all(&Shape::everything())?, "{q:?} any={any}");
                assert!(
                    !shortcut.is_empty() || q == "-cranes -wages",
                    "{q:?} any={any} found nothing"
                );
            }
        }
        Ok(())
    }
}
