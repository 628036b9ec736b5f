//! Searching: the query language and filters to a tantivy query ([`query`], [`filters`]), running
//! it over articles ([`hits`]) or quotes ([`quotes`]), snippets ([`snippets`]) and aggregate
//! figures for `newsdex stats` ([`stats`]).
//!
//! [`Prepared`] is what both commands start from: an open searcher and the final query, which is
//! the user's query AND the document kind AND every filter (filters never change scores).

pub mod collapse;
pub mod filters;
pub mod hits;
pub mod join;
pub mod query;
pub mod quotes;
pub mod snippets;
pub mod stats;

use std::path::Path;

use anyhow::Context;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{ReloadPolicy, Searcher, Term};

use crate::error::Fatal;
use crate::index::Fields;
use crate::index::schema::{KIND_ARTICLE, KIND_QUOTE, KIND_QUOTED};
use filters::Filters;
use hits::{HitRef, Loader};
use query::{Ast, Compiler};
use snippets::{Highlighter, SNIPPET_CHARS};

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first (BM25).
    Score,
    /// Oldest first; undated articles last.
    Date,
    /// Newest first; undated articles last.
    DateDesc,
}

/// What to search for, independent of how hits are shown.
#[derive(Debug, Clone)]
pub struct SearchSpec {
    /// The query text; `None` means every document (stats without a query).
    pub query: Option<String>,
    pub any: bool,
    pub in_quotes: bool,
    pub filters: Filters,
}

/// An open index with the final query, ready to count or collect.
pub struct Prepared {
    pub searcher: Searcher,
    pub fields: Fields,
    /// The final query over articles; for quote search, the articles that can hold a match.
    pub query: Box<dyn Query>,
    /// Quote search: the final query over the quote documents.
    quotes: Option<Box<dyn Query>>,
    ast: Option<Ast>,
}

impl SearchSpec {
    /// Parses the query text (syntax errors come before the index is even opened).
    pub fn parse(&self) -> Result<Option<Ast>, Fatal> {
        self.query.as_deref().map(query::parse).transpose()
    }

    /// True when the query names the `quote:` field but quote search is off: articles have no
    /// quote field, so such a query would find nothing. The caller turns quote search on (and
    /// says so) or refuses.
    pub fn needs_quote_search(&self) -> Result<bool, Fatal> {
        Ok(!self.in_quotes && self.parse()?.is_some_and(|a| a.reads(query::QField::Quote)))
    }
}

/// Opens the index and builds the final query.
pub fn prepare(index_dir: &Path, spec: &SearchSpec) -> anyhow::Result<Prepared> {
    let ast = spec.parse()?;
    let (index, fields) = crate::index::open_existing(index_dir)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .with_context(|| format!("cannot read the index {}", index_dir.display()))?;
    build(reader.searcher(), fields, spec, ast)
}

/// Builds the final query on an index that is already open.
pub fn prepare_with(
    searcher: Searcher,
    fields: Fields,
    spec: &SearchSpec,
) -> anyhow::Result<Prepared> {
    let ast = spec.parse()?;
    build(searcher, fields, spec, ast)
}

/// The final queries for the parsed query `ast` of `spec`.
fn build(
    searcher: Searcher,
    fields: Fields,
    spec: &SearchSpec,
    ast: Option<Ast>,
) -> anyhow::Result<Prepared> {
    let text = spec.query.as_deref().unwrap_or("");
    let filters = spec.filters.as_indexed(&searcher, &fields)?;
    let filtered = |user: Box<dyn Query>, kind: &str| -> Box<dyn Query> {
        let mut clauses = vec![
            (Occur::Must, user),
            (Occur::Must, constant(fields.kind, kind)),
        ];
        clauses.extend(
            filters
                .queries(&fields, kind == KIND_QUOTE)
                .into_iter()
                .map(|q| (Occur::Must, q)),
        );
        Box::new(BooleanQuery::new(clauses))
    };
    let (query, quotes) = if spec.in_quotes {
        let quotes = user_query(&fields, spec.any, true, ast.as_ref(), text)?;
        let articles = ast.as_ref().map(quotes::candidates);
        let articles = user_query(&fields, spec.any, false, articles.as_ref(), text)?;
        (
            filtered(articles, KIND_QUOTED),
            Some(filtered(quotes, KIND_QUOTE)),
        )
    } else {
        let articles = user_query(&fields, spec.any, false, ast.as_ref(), text)?;
        (filtered(articles, KIND_ARTICLE), None)
    };
    Ok(Prepared {
        searcher,
        fields,
        query,
        quotes,
        ast,
    })
}

/// The user's query over articles or quotes (every document when there is no query).
fn user_query(
    fields: &Fields,
    any: bool,
    in_quotes: bool,
    ast: Option<&Ast>,
    text: &str,
) -> Result<Box<dyn Query>, Fatal> {
    let Some(ast) = ast else {
        return Ok(Box::new(AllQuery));
    };
    Compiler::new(fields, any, in_quotes)
        .compile(ast)
        .ok_or_else(|| {
            query::syntax(
                text,
                0,
                "nothing to search for: the query has no letters or digits",
            )
        })
}

fn constant(field: Field, value: &str) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    );
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
}

impl Prepared {
    /// The field snippets come from: the body, or the quote for quote hits.
    pub fn snippet_field(&self) -> Field {
        if self.in_quotes() {
            self.fields.quote
        } else {
            self.fields.body
        }
    }

    /// A highlighter for the query's positive words in the snippet field.
    pub fn highlighter(&self) -> Highlighter {
        let field = self.snippet_field();
        let mut terms: Vec<Vec<String>> = Vec::new();
        if let Some(ast) = &self.ast {
            Compiler::new(&self.fields, false, self.in_quotes())
                .highlight_terms(ast, field, &mut terms);
        }
        Highlighter::new(&terms, field, SNIPPET_CHARS)
    }

    /// True when hits are quotes rather than articles.
    pub fn in_quotes(&self) -> bool {
        self.quotes.is_some()
    }

    /// The number of hits.
    pub fn count(&self) -> anyhow::Result<usize> {
        match &self.quotes {
            Some(q) => quotes::count(self, &**q),
            None => Ok(self
                .searcher
                .search(&*self.query, &tantivy::collector::Count)?),
        }
    }

    /// The number of hits and one page of them.
    pub fn top(
        &self,
        sort: SortOrder,
        limit: usize,
        offset: usize,
    ) -> anyhow::Result<(usize, Vec<HitRef>)> {
        if let Some(q) = &self.quotes {
            return quotes::top(self, &**q, sort, limit, offset);
        }
        let (n, page) = hits::top(&self.searcher, &*self.query, sort, limit, offset)?;
        let refs = page
            .into_iter()
            .map(|(score, at)| HitRef::article(at, score))
            .collect();
        Ok((n, refs))
    }

    /// Every hit, best first with their scores, or by date.
    pub fn all(&self, sort: SortOrder) -> anyhow::Result<Vec<HitRef>> {
        if let Some(q) = &self.quotes {
            return quotes::all(self, &**q, sort);
        }
        Ok(hits::every(&self.searcher, &*self.query, sort)?
            .into_iter()
            .map(|(score, at)| HitRef::article(at, score))
            .collect())
    }

    /// True when some document of the index has a date. Date filters and date sorts mean nothing
    /// on an index without one, and the commands say so rather than answer with nothing.
    pub fn has_dates(&self) -> bool {
        self.searcher.segment_readers().iter().any(|r| {
            r.fast_fields()
                .date("date")
                .is_ok_and(|column| column.values.num_vals() > 0)
        })
    }

    /// Loads hits from this index.
    pub fn loader(&self) -> Loader<'_> {
        Loader::new(&self.searcher, self.fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;
    use tantivy::collector::Count;
    use tantivy::{Index, TantivyDocument};

    /// A RAM index with three small articles, searched through the same query path as the CLI.
    fn searcher() -> anyhow::Result<(Searcher, Fields)> {
        let (s, f) = schema::build();
        let index = Index::create_in_ram(s);
        schema::register_analyzers(&index);
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        for (h, b) in [
            (
                "Oil prices climb",
                "Crude oil prices rose in Zürich trading.",
            ),
            ("Prices of oil", "The oil market said prices were flat."),
            ("Wheat harvest", "Farmers in the U.S. expect a record crop."),
        ] {
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, KIND_ARTICLE);
            d.add_text(f.headline, h);
            d.add_text(f.body, b);
            w.add_document(d)?;
        }
        w.commit()?;
        Ok((index.reader()?.searcher(), f))
    }

    fn count(q: &str, any: bool) -> anyhow::Result<usize> {
        let (searcher, f) = searcher()?;
        let ast = query::parse(q)?;
        let query = Compiler::new(&f, any, false)
            .compile(&ast)
            .ok_or_else(|| anyhow::anyhow!("empty"))?;
        Ok(searcher.search(&*query, &Count)?)
    }

    #[test]
    fn query_semantics() -> anyhow::Result<()> {
        assert_eq!(count("oil prices", false)?, 2);
        assert_eq!(count("\"oil prices\"", false)?, 1);
        assert_eq!(count("\"oil climb\"", false)?, 0);
        assert_eq!(count("\"oil climb\"~1", false)?, 1);
        assert_eq!(count("oil -climb", false)?, 1);
        assert_eq!(count("wheat OR zurich", false)?, 2);
        assert_eq!(count("wheat zurich", true)?, 2);
        assert_eq!(count("headline:oil", false)?, 2);
        assert_eq!(count("body:(oil market)", false)?, 1);
        assert_eq!(count("u.s.", false)?, 1);
        assert_eq!(count("NOT oil", false)?, 1);
        assert_eq!(count("*", false)?, 3);
        assert_eq!(count("ZURICH", false)?, 1);
        Ok(())
    }

    /// An on-disk index holding one article with two attributed quotes.
    fn quote_index(dir: &Path) -> anyhow::Result<()> {
        let body = "\"The cranes are moving again,\" said Mara Quist. The union thanked the mayor. \
                    \"We thank the union for its patience,\" said Ivo Brandt.";
        let mut a = testing::article(
            "p.txt",
            "Port strike ends",
            body,
            &[
                (Some("Mara Quist"), "The cranes are moving again"),
                (Some("Ivo Brandt"), "We thank the union for its patience"),
            ],
        );
        a.dateline = Some(crate::model::Dateline {
            raw: "RIGA, May 2 -".into(),
            place: Some("Riga".into()),
            date: None,
        });
        a.date = time::Date::from_calendar_date(2025, time::Month::May, 2).ok();
        testing::write(dir, &[a])
    }

    #[test]
    fn quote_search_and_speaker_filter() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        quote_index(dir.path())?;
        let run = |q: &str, in_quotes: bool, speaker: &[&str]| -> anyhow::Result<usize> {
            let spec = SearchSpec {
                query: Some(q.into()),
                any: false,
                in_quotes,
                filters: Filters::new(&filters::FilterSpec {
                    speaker: speaker.iter().map(|s| s.to_string()).collect(),
                    ..Default::default()
                })?,
            };
            prepare(dir.path(), &spec)?.count()
        };
        assert_eq!(run("union", false, &[])?, 1, "the article");
        assert_eq!(
            run("union", true, &[])?,
            1,
            "only Brandt's quote says union"
        );
        assert_eq!(run("cranes", true, &["quist"])?, 1);
        assert_eq!(run("cranes", true, &["Ivo Brandt"])?, 0);
        assert_eq!(
            run("*", false, &["Mara Quist"])?,
            1,
            "article-level speaker filter"
        );
        assert_eq!(run("*", true, &["brandt"])?, 1);
        assert_eq!(run("mayor", true, &[])?, 0, "body words are not quotes");
        let spec = SearchSpec {
            query: Some("cranes".into()),
            any: false,
            in_quotes: true,
            filters: Filters::default(),
        };
        let p = prepare(dir.path(), &spec)?;
        let (n, page) = p.top(SortOrder::Score, 5, 0)?;
        assert_eq!((n, page.len()), (1, 1));
        let hit = p.loader().load(page[0])?;
        assert_eq!(hit.id, "p.txt@1");
        assert_eq!(hit.quote.as_deref(), Some("The cranes are moving again"));
        assert_eq!(hit.speakers, vec!["Mara Quist"]);
        assert_eq!(hit.place.as_deref(), Some("Riga"));
        let snip = p.highlighter().snippet(hit.quote.as_deref().unwrap_or(""));
        assert_eq!(snip.pieces()[1], ("cranes", true));
        Ok(())
    }
}

/// Small on-disk indexes for unit tests, written through the indexer's own document builder (so
/// no extraction is needed).
#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use crate::model::{Article, Quote, Speaker};

    /// An article whose quotes are `(speaker, text)` pairs, each text found in `body`.
    pub fn article(
        id: &str,
        headline: &str,
        body: &str,
        quotes: &[(Option<&str>, &str)],
    ) -> Article {
        let quotes = quotes
            .iter()
            .map(|(who, text)| {
                let start = body.find(text).unwrap_or_default();
                Quote {
                    speaker: who.map(|name| Speaker { name: name.into() }),
                    text: (*text).into(),
                    start,
                    end: start + text.len(),
                    cue: "said".into(),
                    direct: true,
                }
            })
            .collect();
        Article {
            id: id.into(),
            path: id.into(),
            headline: headline.into(),
            body: body.into(),
            quotes,
            ..Article::default()
        }
    }

    /// Writes `articles` into a new index in `dir`, in one commit.
    pub fn write(dir: &Path, articles: &[Article]) -> anyhow::Result<()> {
        let (index, f) = crate::index::open_or_create(dir, false)?;
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        for a in articles {
            let docs = crate::index::documents::article_documents(a, &f);
            w.run(docs.into_iter().map(tantivy::indexer::UserOperation::Add))?;
        }
        let mut commit = w.prepare_commit()?;
        commit.set_payload(&crate::index::commit_payload());
        commit.commit()?;
        Ok(())
    }
}
