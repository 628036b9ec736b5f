//! Filters shared by `search` and `stats`: person, speaker and place keys, and date ranges. Also
//! the "did you mean" lookup when a name filter matches nothing in the whole index.

use std::ops::Bound;

use anyhow::Context;
use tantivy::query::{ConstScoreQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};
use time::{Date, Month};

use crate::error::Fatal;
use crate::index::Fields;
use crate::index::documents::to_tantivy_date;
use crate::text::{EXACT_MARK, exact_key, filter_key, name_key, title_forms};

/// Validated filters: name keys and an inclusive date range.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub person: Vec<String>,
    pub speaker: Vec<String>,
    pub place: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Person and speaker filters given with leading title words: their key (every title
    /// removed) and the fuller forms, as written first (`baker`: `president dean baker`, `dean
    /// baker`). A title word can be a first name too, so [`Filters::as_indexed`] keeps the
    /// fullest form the index has.
    pub titled: Vec<(String, Vec<String>)>,
}

/// A name filter that no document in the index carries, with the closest known names.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownName {
    /// `--person`, `--speaker` or `--place`.
    pub flag: &'static str,
    pub value: String,
    pub suggestions: Vec<String>,
}

/// The filters as the user gave them (the CLI's flags, the web page's fields): names as typed,
/// dates already parsed into periods.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterSpec {
    pub person: Vec<String>,
    pub speaker: Vec<String>,
    pub place: Vec<String>,
    pub since: Option<Period>,
    pub until: Option<Period>,
    /// `--exact`: person and speaker names match the whole name only ("May" is not Brian May).
    pub exact: bool,
}

impl Filters {
    /// Checks and normalises the filters; an empty name or an empty date range is a usage error.
    pub fn new(a: &FilterSpec) -> Result<Filters, Fatal> {
        let keys = |flag: &str, values: &[String], f: fn(&str) -> String| {
            values
                .iter()
                .map(|v| {
                    let k = f(v);
                    if k.is_empty() {
                        Err(Fatal::Usage(format!(
                            "{flag} {v:?}: give a name with letters in it"
                        )))
                    } else {
                        Ok(k)
                    }
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let since = a.since.map(|p| p.first);
        let until = a.until.map(|p| p.last);
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Err(Fatal::Usage(format!(
                "--since {} is after --until {}: nothing can match",
                crate::text::format_date(s),
                crate::text::format_date(u)
            )));
        }
        let person_key = if a.exact {
            exact_filter_key
        } else {
            filter_key
        };
        let titled = a
            .person
            .iter()
            .chain(&a.speaker)
            .filter_map(|v| {
                let mut forms = title_forms(v);
                let key = forms.pop()?;
                let mark = |k: String| if a.exact { exact_key(&k) } else { k };
                (!forms.is_empty()).then(|| (mark(key), forms.into_iter().map(mark).collect()))
            })
            .collect();
        Ok(Filters {
            person: keys("--person", &a.person, person_key)?,
            speaker: keys("--speaker", &a.speaker, person_key)?,
            place: keys("--place", &a.place, name_key)?,
            since,
            until,
            titled,
        })
    }

    /// The filters with each titled name's fullest form that `searcher`'s index has (`Dean
    /// Baker` is a name the extractor kept whole), else its key with every title removed
    /// (`President Trump` is found as `Trump`).
    pub fn as_indexed(&self, searcher: &Searcher, f: &Fields) -> anyhow::Result<Filters> {
        let mut out = self.clone();
        for (key, forms) in &self.titled {
            for (keys, field) in [
                (&mut out.person, f.person_key),
                (&mut out.speaker, f.speaker_key),
            ] {
                for k in keys.iter_mut().filter(|k| *k == key) {
                    for form in forms {
                        let n = searcher
                            .doc_freq(&Term::from_field_text(field, form))
                            .context("cannot read the index")?;
                        if n > 0 {
                            k.clone_from(form);
                            break;
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// One constant-score query per filter; all of them must match. On quote documents
    /// (`on_quotes`) the article-level filters match through the quote's article.
    pub fn queries(&self, f: &Fields, on_quotes: bool) -> Vec<Box<dyn Query>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let term = |field: Field, key: &str| -> Box<dyn Query> {
            let q = TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
            Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
        };
        // Persons named and the place are facts of the article; a quote document holds its
        // speaker and date itself.
        let of_article = |q: Box<dyn Query>| -> Box<dyn Query> {
            if on_quotes {
                Box::new(super::join::OfArticle::new(q))
            } else {
                q
            }
        };
        out.extend(
            self.person
                .iter()
                .map(|k| of_article(term(f.person_key, k))),
        );
        out.extend(self.speaker.iter().map(|k| term(f.speaker_key, k)));
        out.extend(self.place.iter().map(|k| of_article(term(f.place_key, k))));
        if self.since.is_some() || self.until.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => {
                    Bound::Included(Term::from_field_date_for_search(f.date, to_tantivy_date(d)))
                }
                None => Bound::Unbounded,
            };
            let q = RangeQuery::new(bound(self.since), bound(self.until));
            out.push(Box::new(ConstScoreQuery::new(Box::new(q), 0.0)));
        }
        out
    }

    /// The first name filter that matches no document at all, with suggestions.
    pub fn unknown_name(
        &self,
        searcher: &Searcher,
        f: &Fields,
    ) -> anyhow::Result<Option<UnknownName>> {
        let filters = self.as_indexed(searcher, f)?;
        let groups: [(&'static str, &[String], Field); 3] = [
            ("--person", &filters.person, f.person_key),
            ("--speaker", &filters.speaker, f.speaker_key),
            ("--place", &filters.place, f.place_key),
        ];
        for (flag, keys, field) in groups {
            for key in keys {
                let n = searcher
                    .doc_freq(&Term::from_field_text(field, key))
                    .context("cannot read the index")?;
                if n == 0 {
                    return Ok(Some(UnknownName {
                        flag,
                        value: key.trim_start_matches(EXACT_MARK).to_string(),
                        suggestions: suggest(searcher, field, key)?,
                    }));
                }
            }
        }
        Ok(None)
    }
}

/// The `--exact` key of a filter value: its whole name, titles removed.
fn exact_filter_key(value: &str) -> String {
    let key = filter_key(value);
    if key.is_empty() { key } else { exact_key(&key) }
}

/// A year, a month or a day, as `--since` and `--until` take them: the first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

/// The forms [`Period::parse`] accepts, for error messages.
pub const PERIOD_FORMS: &str = "a year (2025), a month (2025-11) or a day (2025-11-25)";

impl Period {
    /// Parses `2025`, `2025-11` or `2025-11-25`.
    ///
    /// ```
    /// use newsdex::search::filters::Period;
    /// let feb = Period::parse("2024-02").unwrap();
    /// assert_eq!((feb.first.day(), feb.last.day()), (1, 29));
    /// assert!(Period::parse("March").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Period, String> {
        let bad = || format!("not a date: use {PERIOD_FORMS}");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = num(parts.first().copied().unwrap_or(""), 4)? as i32;
        let month_of = |m: u32| {
            u8::try_from(m)
                .ok()
                .and_then(|m| Month::try_from(m).ok())
                .ok_or_else(bad)
        };
        let day = |y, m, d: u8| Date::from_calendar_date(y, m, d).map_err(|_| bad());
        let (first, last) = match parts.as_slice() {
            [_] => (
                day(year, Month::January, 1)?,
                day(year, Month::December, 31)?,
            ),
            [_, m] => {
                let m = month_of(num(m, 2)?)?;
                let days = time::util::days_in_month(m, year);
                (day(year, m, 1)?, day(year, m, days)?)
            }
            [_, m, d] => {
                let m = month_of(num(m, 2)?)?;
                let d = u8::try_from(num(d, 2)?).map_err(|_| bad())?;
                let date = day(year, m, d)?;
                (date, date)
            }
            _ => return Err(bad()),
        };
        Ok(Period { first, last })
    }
}

/// Up to five keys of `field` closest to `key`: shared prefix or small edit distance first,
/// then the names more documents carry.
fn suggest(searcher: &Searcher, field: Field, key: &str) -> anyhow::Result<Vec<String>> {
    // An `--exact` value is answered with whole names (`baker` -> `james baker`): a bare
    // surname would match nothing under `--exact` either.
    let exact = key.starts_with(EXACT_MARK);
    let key = key.trim_start_matches(EXACT_MARK);
    let mut found: std::collections::HashMap<String, (usize, u64)> = Default::default();
    let max_dist = (key.chars().count() / 3).max(1);
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(field)?;
        let mut stream = inv.terms().stream()?;
        while stream.advance() {
            let Ok(cand) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let cand = match cand.strip_prefix(EXACT_MARK) {
                Some(whole) if exact => whole,
                None if !exact => cand,
                _ => continue,
            };
            let surname = exact && cand.strip_suffix(key).is_some_and(|s| s.ends_with(' '));
            let dist =
                if surname || cand.starts_with(key) || key.starts_with(cand) && cand.len() > 2 {
                    0
                } else {
                    let d = edit_distance(key, cand, max_dist);
                    if d > max_dist {
                        continue;
                    }
                    d
                };
            let entry = found.entry(cand.to_string()).or_insert((dist, 0));
            entry.1 += u64::from(stream.value().doc_freq);
        }
    }
    let mut ranked: Vec<(usize, std::cmp::Reverse<u64>, String)> = found
        .into_iter()
        .map(|(name, (d, n))| (d, std::cmp::Reverse(n), name))
        .collect();
    ranked.sort();
    Ok(ranked.into_iter().take(5).map(|(_, _, s)| s).collect())
}

/// Up to `limit` keys of a name field (`person_key`, `speaker_key`, `place_key`) that start
/// with `prefix` (normalised like a filter value), the names more documents carry first. For the
/// web page's autocomplete; every key returned works as a filter value.
pub fn names_with_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    limit: usize,
) -> anyhow::Result<Vec<(String, u64)>> {
    let prefix = name_key(prefix);
    let mut found: std::collections::HashMap<String, u64> = Default::default();
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(field)?;
        let mut stream = inv.terms().range().ge(prefix.as_bytes()).into_stream()?;
        while stream.advance() {
            if !stream.key().starts_with(prefix.as_bytes()) {
                break;
            }
            let Ok(name) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if name.starts_with(EXACT_MARK) {
                continue;
            }
            *found.entry(name.to_string()).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    let mut ranked: Vec<(String, u64)> = found.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(limit);
    Ok(ranked)
}

/// Levenshtein distance over chars, giving up (returning `limit + 1`) beyond `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        let m = Month::try_from(m).unwrap_or(Month::January);
        Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN)
    }

    #[test]
    fn periods() -> Result<(), String> {
        let span = |s: &str| Period::parse(s).map(|p| (p.first, p.last));
        assert_eq!(span("2025")?, (date(2025, 1, 1), date(2025, 12, 31)));
        assert_eq!(span("2024-02")?, (date(2024, 2, 1), date(2024, 2, 29)));
        assert_eq!(span("2025-11-25")?.1, date(2025, 11, 25));
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-02-30",
            "2025-1",
            "2025/11",
            "2025-11-25-1",
            "২০২৫",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn since_after_until_is_an_error() -> Result<(), String> {
        let a = FilterSpec {
            since: Some(Period::parse("2025-12")?),
            until: Some(Period::parse("2025-11")?),
            ..FilterSpec::default()
        };
        assert!(Filters::new(&a).is_err());
        Ok(())
    }

    #[test]
    fn names_become_keys() -> Result<(), Fatal> {
        let a = FilterSpec {
            person: vec!["Mr. José Martí".into()],
            place: vec!["  NEW York ".into()],
            ..FilterSpec::default()
        };
        let f = Filters::new(&a)?;
        assert_eq!(f.person, vec!["jose marti"]);
        assert_eq!(f.place, vec!["new york"]);
        Ok(())
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("rubio", "rubo", 3), 1);
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("abc", "xyzxyz", 2), 3);
    }
}
