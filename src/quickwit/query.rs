//! newsdex's query language and filters as an Elasticsearch-style query body, which Quickwit's
//! `_elastic` search endpoint takes. The translation follows `search::query::Compiler` clause by
//! clause, so a query means the same on both engines:
//!
//! - a word or phrase is a `match_phrase` on each field it applies to (headline and body without a
//!   prefix); Quickwit analyzes it with the same `news` analyzer, so one token is a term query and
//!   several a phrase, as locally; words with no letters or digits are dropped, as locally;
//! - juxtaposition is `must` (or `should` with `--any`), `AND` is `must`, `OR` is `should`, `NOT`/`-`
//!   is `must_not` and `+` is `must`; a clause with nothing positive matches every article minus
//!   the negatives, as locally;
//! - filters are `term` queries on the raw name keys and a `range` on `date`, in `filter` (they do
//!   not change scores).

use serde_json::{Value, json};

use crate::error::Fatal;
use crate::index::schema;
use crate::search::filters::Filters;
use crate::search::query::{self, Ast, Compiler, QField};

/// The query DSL for `ast` (every article when `None`) and the filters.
pub fn translate(
    ast: Option<&Ast>,
    any: bool,
    filters: &Filters,
    text: &str,
) -> Result<Value, Fatal> {
    let user = match ast {
        None => json!({ "match_all": {} }),
        Some(ast) => {
            if ast.reads(QField::Quote) {
                return Err(Fatal::Usage(
                    "quote: needs quote-level search, which runs on the local index only: drop --quickwit, or search the words without quote:".into(),
                ));
            }
            let (_, fields) = schema::build();
            let mut t = Translator {
                compiler: Compiler::new(&fields, any, false),
                any,
            };
            t.compile(ast).ok_or_else(|| {
                query::syntax(
                    text,
                    0,
                    "nothing to search for: the query has no letters or digits",
                )
            })?
        }
    };
    let filter = filter_clauses(filters);
    if filter.is_empty() {
        return Ok(user);
    }
    Ok(json!({ "bool": { "must": [user], "filter": filter } }))
}

/// The filters as `term` and `range` clauses.
pub fn filter_clauses(f: &Filters) -> Vec<Value> {
    let mut out = Vec::new();
    let term = |field: &str, key: &str| json!({ "term": { field: { "value": key } } });
    out.extend(f.person.iter().map(|k| term("person_key", k)));
    out.extend(f.speaker.iter().map(|k| term("speaker_key", k)));
    out.extend(f.place.iter().map(|k| term("place_key", k)));
    if f.since.is_some() || f.until.is_some() {
        // Dates are stored at midnight UTC, so the last day's midnight is inclusive of it.
        let mut range = serde_json::Map::new();
        if let Some(d) = f.since {
            range.insert("gte".into(), json!(midnight(d)));
        }
        if let Some(d) = f.until {
            range.insert("lte".into(), json!(midnight(d)));
        }
        out.push(json!({ "range": { "date": range } }));
    }
    out
}

/// A day as the RFC 3339 timestamp the documents carry (`quickwit::docs`).
pub fn midnight(d: time::Date) -> String {
    format!("{}T00:00:00Z", crate::text::format_date(d))
}

struct Translator<'a> {
    /// Used for its analyzer only: which words have something searchable.
    compiler: Compiler<'a>,
    any: bool,
}

fn match_all() -> Value {
    json!({ "match_all": {} })
}

impl Translator<'_> {
    fn compile(&mut self, ast: &Ast) -> Option<Value> {
        match ast {
            Ast::All => Some(match_all()),
            Ast::Word { field, text } => self.leaf(*field, text, 0),
            Ast::Phrase { field, text, slop } => self.leaf(*field, text, *slop),
            Ast::And(items) => self.boolean(items, "must"),
            Ast::Seq(items) => {
                let occur = if self.any { "should" } else { "must" };
                self.boolean(items, occur)
            }
            Ast::Or(items) => {
                let alts: Vec<Value> = items.iter().filter_map(|a| self.compile(a)).collect();
                (!alts.is_empty()).then(|| json!({ "bool": { "should": alts } }))
            }
            Ast::Not(inner) => {
                let q = self.compile(inner)?;
                Some(json!({ "bool": { "must": [match_all()], "must_not": [q] } }))
            }
            Ast::Required(inner) => self.compile(inner),
        }
    }

    /// Children joined by `occur`; `NOT` children go to `must_not`, `+` children to `must`.
    fn boolean(&mut self, items: &[Ast], occur: &str) -> Option<Value> {
        let mut clauses: [(&str, Vec<Value>); 3] =
            [("must", vec![]), ("should", vec![]), ("must_not", vec![])];
        for item in items {
            let (o, inner) = match item {
                Ast::Not(inner) => ("must_not", inner.as_ref()),
                Ast::Required(inner) => ("must", inner.as_ref()),
                other => (occur, other),
            };
            if let Some(q) = self.compile(inner)
                && let Some((_, list)) = clauses.iter_mut().find(|(name, _)| *name == o)
            {
                list.push(q);
            }
        }
        let positive = !clauses[0].1.is_empty() || !clauses[1].1.is_empty();
        if !positive && clauses[2].1.is_empty() {
            return None;
        }
        if !positive {
            clauses[0].1.push(match_all());
        }
        let body: serde_json::Map<String, Value> = clauses
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(name, list)| (name.to_string(), Value::Array(list)))
            .collect();
        Some(json!({ "bool": body }))
    }

    fn leaf(&mut self, field: Option<QField>, text: &str, slop: u32) -> Option<Value> {
        if self.compiler.tokens(text).is_empty() {
            return None;
        }
        let phrase =
            |name: &str| json!({ "match_phrase": { name: { "query": text, "slop": slop } } });
        match field {
            Some(f) => Some(phrase(field_name(f))),
            None => Some(json!({ "bool": { "should": [phrase("headline"), phrase("body")] } })),
        }
    }
}

/// The Quickwit field a query prefix names (the same names as the local schema).
fn field_name(f: QField) -> &'static str {
    match f {
        QField::Headline => "headline",
        QField::Body => "body",
        QField::People => "people",
        QField::Speakers => "speakers",
        QField::Place => "place",
        QField::Quote => "quote",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::filters::{FilterSpec, Period};

    fn tr(q: &str) -> Result<Value, Fatal> {
        translate(Some(&query::parse(q)?), false, &Filters::default(), q)
    }

    fn phrase(field: &str, text: &str, slop: u32) -> Value {
        json!({ "match_phrase": { field: { "query": text, "slop": slop } } })
    }

    fn both(text: &str, slop: u32) -> Value {
        json!({ "bool": { "should": [phrase("headline", text, slop), phrase("body", text, slop)] } })
    }

    #[test]
    fn words_and_phrases() -> Result<(), Fatal> {
        assert_eq!(tr("oil")?, both("oil", 0));
        assert_eq!(tr("\"oil prices\"~2")?, both("oil prices", 2));
        assert_eq!(tr("headline:opec")?, phrase("headline", "opec", 0));
        assert_eq!(tr("people:(rubio)")?, phrase("people", "rubio", 0));
        // Several tokens in one word are a phrase locally; match_phrase makes them one here too.
        assert_eq!(tr("U.S.")?, both("U.S.", 0));
        assert_eq!(tr("*")?, json!({ "match_all": {} }));
        Ok(())
    }

    #[test]
    fn boolean_structure_follows_the_local_compiler() -> Result<(), Fatal> {
        assert_eq!(
            tr("oil gas")?,
            json!({ "bool": { "must": [both("oil", 0), both("gas", 0)] } })
        );
        let any = translate(
            Some(&query::parse("oil gas")?),
            true,
            &Filters::default(),
            "",
        )?;
        assert_eq!(
            any,
            json!({ "bool": { "should": [both("oil", 0), both("gas", 0)] } })
        );
        assert_eq!(
            tr("oil OR gas")?,
            json!({ "bool": { "should": [both("oil", 0), both("gas", 0)] } })
        );
        assert_eq!(
            tr("oil -gas +opec")?,
            json!({ "bool": { "must": [both("oil", 0), both("opec", 0)], "must_not": [both("gas", 0)] } })
        );
        // Only negatives: everything but them.
        assert_eq!(
            tr("-gas")?,
            json!({ "bool": { "must": [{ "match_all": {} }], "must_not": [both("gas", 0)] } })
        );
        assert_eq!(
            tr("NOT gas")?,
            json!({ "bool": { "must": [{ "match_all": {} }], "must_not": [both("gas", 0)] } })
        );
        Ok(())
    }

    #[test]
    fn punctuation_is_dropped_or_refused() -> Result<(), Fatal> {
        assert_eq!(
            tr("oil &&& —")?,
            json!({ "bool": { "must": [both("oil", 0)] } })
        );
        assert!(matches!(tr("&&& —"), Err(Fatal::QuerySyntax { .. })));
        assert!(matches!(tr("quote:prices"), Err(Fatal::Usage(_))));
        Ok(())
    }

    #[test]
    fn filters_become_terms_and_a_date_range() -> Result<(), Fatal> {
        let spec = FilterSpec {
            person: vec!["Mr. José Martí".into()],
            speaker: vec!["Rubio".into()],
            place: vec!["New York".into()],
            since: Period::parse("1987-03").ok(),
            until: Period::parse("1987").ok(),
            exact: false,
        };
        let f = Filters::new(&spec)?;
        let q = translate(None, false, &f, "")?;
        assert_eq!(
            q,
            json!({ "bool": {
                "must": [{ "match_all": {} }],
                "filter": [
                    { "term": { "person_key": { "value": "jose marti" } } },
                    { "term": { "speaker_key": { "value": "rubio" } } },
                    { "term": { "place_key": { "value": "new york" } } },
                    { "range": { "date": { "gte": "1987-03-01T00:00:00Z", "lte": "1987-12-31T00:00:00Z" } } },
                ]
            } })
        );
        let exact = Filters::new(&FilterSpec {
            person: vec!["Brian May".into()],
            exact: true,
            ..FilterSpec::default()
        })?;
        assert_eq!(
            filter_clauses(&exact),
            vec![json!({ "term": { "person_key": { "value": "=brian may" } } })]
        );
        Ok(())
    }
}
