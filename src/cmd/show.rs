//! `newsdex show ID`: one whole article from the index, as text or JSON. Exit 0 when the id is
//! found, 1 when no article has it (with the hint where ids come from).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use tantivy::ReloadPolicy;

use crate::cli::{ShowArgs, StatsFormat};
use crate::export::article::{self, ArticleView};
use crate::search::hits;

pub fn run(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let (index, fields) = crate::index::open_existing(&a.index)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .with_context(|| format!("cannot read the index {}", a.index.display()))?;
    let searcher = reader.searcher();
    let Some((doc, focus)) = hits::article_by_id(&searcher, &fields, &a.id)? else {
        eprintln!(
            "newsdex: no article has the id {:?}: ids are the `id` field of search hits (--format jsonl --fields id)",
            crate::text::escape_control(&a.id)
        );
        return Ok(ExitCode::from(1));
    };
    let hit = hits::hit_from_doc(&doc, &fields, None);
    let quotes = hits::quotes_of(&doc, &fields, &hit);
    let view = ArticleView {
        hit: &hit,
        quotes: &quotes,
        focus,
    };
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match a.format {
        StatsFormat::Json => article::write_json(&mut w, &view)?,
        StatsFormat::Text => {
            let color = super::search::use_color(a.color, false);
            article::write_text(&mut w, &view, color)?
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
