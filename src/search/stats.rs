//! Aggregate figures over the documents a query matches: count, date range, top people, speakers
//! and places, hits per month. Computed from stored fields, one document at a time.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use time::Date;

use anyhow::Context;
use tantivy::TantivyDocument;

use super::Prepared;
use super::SortOrder;
use super::hits;
use crate::index::quote_spans;

/// How many names each top list keeps.
pub const TOP: usize = 20;
/// Beyond this many months the histogram counts years instead.
const MAX_MONTH_ROWS: usize = 120;

/// The figures `newsdex stats` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub count: usize,
    #[serde(with = "crate::model::opt_date")]
    pub first_date: Option<Date>,
    #[serde(with = "crate::model::opt_date")]
    pub last_date: Option<Date>,
    pub undated: usize,
    /// Quotes in the matching articles, and how many of them have no named speaker.
    pub quotes: usize,
    pub unattributed_quotes: usize,
    /// Distinct stories among the documents: `count - stories` of them are copies
    /// (`search::collapse`).
    pub stories: usize,
    pub people: Vec<(String, usize)>,
    pub speakers: Vec<(String, usize)>,
    pub places: Vec<(String, usize)>,
    /// `YYYY-MM` (or `YYYY` over long spans) and the number of hits, in time order, gaps filled.
    pub histogram: Vec<(String, usize)>,
}

/// Computes the figures for every matching document.
pub fn compute(p: &Prepared) -> anyhow::Result<Stats> {
    let docs = hits::all(&p.searcher, &*p.query, SortOrder::Score)?;
    let mut people: HashMap<String, usize> = HashMap::new();
    let mut speakers: HashMap<String, usize> = HashMap::new();
    let mut places: HashMap<String, usize> = HashMap::new();
    let mut months: BTreeMap<(i32, u8), usize> = BTreeMap::new();
    let groups = super::collapse::groups(&p.searcher, docs.iter().copied())?;
    let mut s = Stats {
        count: docs.len(),
        stories: groups.iter().max().map_or(0, |&g| g + 1),
        ..Stats::default()
    };
    for addr in docs {
        let doc: TantivyDocument = p
            .searcher
            .doc(addr)
            .context("cannot read a stored document from the index")?;
        let hit = hits::hit_from_doc(&doc, &p.fields, None);
        let spans = quote_spans::stored(&doc, p.fields.quotes);
        s.quotes += spans.len();
        s.unattributed_quotes += spans.iter().filter(|q| q.speaker.is_none()).count();
        tally(&mut people, &hit.people);
        tally(&mut speakers, &hit.speakers);
        tally(&mut places, hit.place.as_slice());
        match hit.date {
            Some(d) => {
                s.first_date = Some(s.first_date.map_or(d, |f| f.min(d)));
                s.last_date = Some(s.last_date.map_or(d, |l| l.max(d)));
                *months.entry((d.year(), u8::from(d.month()))).or_default() += 1;
            }
            None => s.undated += 1,
        }
    }
    s.people = top(people);
    s.speakers = top(speakers);
    s.places = top(places);
    s.histogram = histogram(&months);
    Ok(s)
}

/// Counts each distinct name once per document, a bare surname as the full name the same
/// document gives ("Blair" beside "Tony Blair" counts once, as "Tony Blair").
fn tally(counts: &mut HashMap<String, usize>, names: &[String]) {
    let distinct: HashSet<&str> = names.iter().map(|n| full_name(n, names)).collect();
    for n in distinct {
        *counts.entry(n.to_string()).or_default() += 1;
    }
}

/// The one longer name of `names` that ends with the single word `name`; else `name` itself.
fn full_name<'a>(name: &'a str, names: &'a [String]) -> &'a str {
    if name.contains(' ') {
        return name;
    }
    let mut longer = names.iter().filter(|n| {
        n.len() > name.len()
            && n.rsplit(' ')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(name))
    });
    match (longer.next(), longer.next()) {
        (Some(full), None) => full,
        _ => name,
    }
}

fn top(counts: HashMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(TOP);
    v
}

/// Months from first to last with zeros in the gaps; years when the span is long.
fn histogram(months: &BTreeMap<(i32, u8), usize>) -> Vec<(String, usize)> {
    let (Some((&first, _)), Some((&last, _))) = (months.first_key_value(), months.last_key_value())
    else {
        return Vec::new();
    };
    let span = (last.0 - first.0) as i64 * 12 + last.1 as i64 - first.1 as i64 + 1;
    if span as usize > MAX_MONTH_ROWS {
        let mut years: BTreeMap<i32, usize> = BTreeMap::new();
        for (&(y, _), n) in months {
            *years.entry(y).or_default() += n;
        }
        return (first.0..=last.0)
            .map(|y| (format!("{y:04}"), years.get(&y).copied().unwrap_or(0)))
            .collect();
    }
    let mut out = Vec::with_capacity(span as usize);
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push((
            format!("{y:04}-{m:02}"),
            months.get(&(y, m)).copied().unwrap_or(0),
        ));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The stats as text: a summary, three top lists and a histogram of bars.
pub fn render_text(s: &Stats, out: &mut impl std::io::Write) -> std::io::Result<()> {
    use crate::export::thousands;
    use crate::text::{escape_control, format_date};
    writeln!(out, "{} documents", thousands(s.count))?;
    if s.stories < s.count {
        writeln!(
            out,
            "stories: {} ({} documents are copies of another)",
            thousands(s.stories),
            thousands(s.count - s.stories)
        )?;
    }
    if let (Some(f), Some(l)) = (s.first_date, s.last_date) {
        writeln!(out, "dates: {} to {}", format_date(f), format_date(l))?;
    }
    if s.count > 0 && s.undated == s.count {
        writeln!(out, "dates: none (no document has a date; no histogram)")?;
    } else if s.undated > 0 {
        writeln!(out, "undated: {}", thousands(s.undated))?;
    }
    if s.quotes > 0 {
        writeln!(
            out,
            "quotes: {}, {} ({}%) without a named speaker",
            thousands(s.quotes),
            thousands(s.unattributed_quotes),
            (s.unattributed_quotes * 100 + s.quotes / 2) / s.quotes
        )?;
    }
    let mut missing = Vec::new();
    for (title, list) in [
        ("people", &s.people),
        ("speakers", &s.speakers),
        ("places", &s.places),
    ] {
        if list.is_empty() {
            missing.push(title);
            continue;
        }
        writeln!(out, "\ntop {title}:")?;
        for (name, n) in list {
            writeln!(out, "  {:>7}  {}", thousands(*n), escape_control(name))?;
        }
    }
    if !s.histogram.is_empty() {
        writeln!(out, "\nhits per period:")?;
        let max = s
            .histogram
            .iter()
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0)
            .max(1);
        for (label, n) in &s.histogram {
            let width = (n * 40).div_ceil(max);
            writeln!(
                out,
                "  {label:<7} {:>7} {}",
                thousands(*n),
                "█".repeat(width)
            )?;
        }
    }
    if s.count > 0 && !missing.is_empty() {
        writeln!(
            out,
            "\nno {} found in these documents",
            missing.join(", no ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_fills_gaps_and_switches_to_years() {
        let mut m = BTreeMap::new();
        m.insert((2024, 11), 2);
        m.insert((2025, 2), 1);
        let h = histogram(&m);
        assert_eq!(h.len(), 4);
        assert_eq!(h[1], ("2024-12".to_string(), 0));
        m.insert((2040, 1), 1);
        let h = histogram(&m);
        assert_eq!(h.first(), Some(&("2024".to_string(), 2)));
        assert_eq!(h.len(), 17);
    }

    #[test]
    fn a_bare_surname_counts_as_the_full_name_beside_it() {
        let mut c = HashMap::new();
        tally(
            &mut c,
            &["Blair".into(), "Tony Blair".into(), "Brown".into()],
        );
        // Two full names end with the surname: which one is meant is unknown, so it stays.
        tally(
            &mut c,
            &["May".into(), "Theresa May".into(), "Brian May".into()],
        );
        let mut v: Vec<_> = c.into_iter().collect();
        v.sort();
        let names: Vec<(&str, usize)> = v.iter().map(|(n, k)| (n.as_str(), *k)).collect();
        assert_eq!(
            names,
            [
                ("Brian May", 1),
                ("Brown", 1),
                ("May", 1),
                ("Theresa May", 1),
                ("Tony Blair", 1)
            ]
        );
    }

    #[test]
    fn tallies_once_per_document() {
        let mut c = HashMap::new();
        tally(&mut c, &["A".into(), "A".into(), "B".into()]);
        tally(&mut c, &["A".into()]);
        assert_eq!(top(c), vec![("A".to_string(), 2), ("B".to_string(), 1)]);
    }
}
