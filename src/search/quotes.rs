//! Quote search (`--in-quotes`): the query must match inside one quote, and each hit is a quote.
//!
//! Every quote is a document of the index, right after its article (`index::documents`): its
//! words (indexed with positions and field norms, not stored), its speaker and its date. A quote
//! query is then one tantivy query over those documents, as fast as an article query and with
//! exact counts and BM25 ranking among all quotes; what belongs to the article (`headline:`,
//! `people:`, `--person`, `--place`) reaches its quotes through [`join::OfArticle`], and a hit
//! reads its article and stored span only when shown ([`join::Linker`]).
//!
//! Measured against the design it replaces (quotes of the candidate articles indexed in memory
//! at query time, whose cost grew with the archive): see BENCHMARKS.md (`--in-quotes` rows) for
//! times and the index size this costs.

use tantivy::collector::Count;
use tantivy::query::Query;

use super::Prepared;
use super::SortOrder;
use super::hits::{self, HitRef, Scored};
use super::join::Linker;
use super::query::{Ast, QField};

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
    Ok(p.searcher.search(quotes, &Count)?)
}

/// The number of matching quotes and one page of them.
pub fn top(
    p: &Prepared,
    quotes: &dyn Query,
    sort: SortOrder,
    limit: usize,
    offset: usize,
) -> anyhow::Result<(usize, Vec<HitRef>)> {
    let (n, page) = hits::top(&p.searcher, quotes, sort, limit, offset)?;
    Ok((n, link(p, page)?))
}

/// Every matching quote: best first for the score order, else by date (undated last), each
/// article's quotes in the order they stand in it.
pub fn all(p: &Prepared, quotes: &dyn Query, sort: SortOrder) -> anyhow::Result<Vec<HitRef>> {
    link(p, hits::every(&p.searcher, quotes, sort)?)
}

/// Quote documents as hits on their articles.
fn link(p: &Prepared, found: Vec<Scored>) -> anyhow::Result<Vec<HitRef>> {
    let mut linker = Linker::new(&p.searcher);
    let mut refs = Vec::with_capacity(found.len());
    for (score, at) in found {
        // A document the quote query matched is a quote document, which always has a link.
        if let Some((article, quote)) = linker.article_of(at)? {
            refs.push(HitRef {
                article,
                quote: Some(quote),
                score,
            });
        }
    }
    Ok(refs)
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

    /// Each query with the quotes it must find, read off the three articles above: quote words,
    /// negations, `--any`, and article fields carried to the quotes.
    #[test]
    fn quote_queries_match_inside_one_quote() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        index(dir.path())?;
        let cases: [(&str, bool, &[&str]); 15] = [
            (
                "cranes",
                false,
                &["The cranes stay idle", "We agree on wages and cranes"],
            ),
            ("cranes -wages", false, &["The cranes stay idle"]),
            ("cranes wages", false, &["We agree on wages and cranes"]),
            (
                "cranes wages",
                true,
                &[
                    "The cranes stay idle",
                    "Wages first",
                    "We agree on wages and cranes",
                ],
            ),
            (
                "+cranes wages",
                true,
                &["The cranes stay idle", "We agree on wages and cranes"],
            ),
            ("\"stay idle\"", false, &["The cranes stay idle"]),
            ("\"cranes idle\"", false, &[]),
            (
                "NOT cranes",
                false,
                &["Wages first", "The ferries run late"],
            ),
            (
                "*",
                false,
                &[
                    "The cranes stay idle",
                    "Wages first",
                    "We agree on wages and cranes",
                    "The ferries run late",
                ],
            ),
            (
                "ferries OR wages",
                false,
                &[
                    "Wages first",
                    "We agree on wages and cranes",
                    "The ferries run late",
                ],
            ),
            (
                "headline:cranes",
                false,
                &["The cranes stay idle", "Wages first"],
            ),
            (
                "speakers:quist",
                false,
                &["The cranes stay idle", "The ferries run late"],
            ),
            (
                "headline:agree cranes",
                false,
                &["We agree on wages and cranes"],
            ),
            ("-headline:ferries the", false, &["The cranes stay idle"]),
            (
                "cranes OR headline:ferries",
                false,
                &[
                    "The cranes stay idle",
                    "We agree on wages and cranes",
                    "The ferries run late",
                ],
            ),
        ];
        for (q, any, want) in cases {
            let spec = SearchSpec {
                query: Some(q.into()),
                any,
                in_quotes: true,
                filters: Filters::default(),
            };
            let p = prepare(dir.path(), &spec)?;
            let mut loader = p.loader();
            let mut found = Vec::new();
            for hit in p.all(SortOrder::Date)? {
                found.push(loader.load(hit)?.quote.unwrap_or_default());
            }
            assert_eq!(found, want, "{q:?} any={any}");
            assert_eq!(p.count()?, want.len(), "{q:?} any={any}");
        }
        Ok(())
    }
}
