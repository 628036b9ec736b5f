//! `newsdex stats [QUERY]`: the figures of `search::stats` over the matching articles, as text
//! or JSON. Exit 0 when something matched, 1 otherwise.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::{StatsArgs, StatsFormat};
use crate::error::Fatal;
use crate::search::filters::Filters;
use crate::search::{self, SearchSpec, SortOrder, stats};

pub fn run(a: StatsArgs) -> anyhow::Result<ExitCode> {
    let spec = SearchSpec {
        query: a.query.clone(),
        any: false,
        in_quotes: false,
        filters: Filters::new(&a.filters.spec())?,
    };
    if spec.needs_quote_search()? {
        return Err(Fatal::Usage(
            "stats counts articles, and quote: searches quotes: use `newsdex search QUERY --in-quotes`, or drop quote: to count the articles holding the words".into(),
        )
        .into());
    }
    let p = search::prepare(&a.index, &spec)?;
    if let Some(unknown) = spec.filters.unknown_name(&p.searcher, &p.fields)? {
        super::search::report_unknown(&unknown);
        return Ok(ExitCode::from(1));
    }
    super::search::warn_if_undated(&p, &spec.filters, SortOrder::Score);
    let s = stats::compute(&p)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    if a.format == StatsFormat::Json {
        serde_json::to_writer_pretty(&mut w, &s)?;
        writeln!(w)?;
    } else {
        stats::render_text(&s, &mut w)?;
    }
    w.flush()?;
    Ok(ExitCode::from(if s.count > 0 { 0 } else { 1 }))
}
