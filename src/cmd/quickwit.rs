//! `newsdex quickwit ...` and the Quickwit variants of `index` and `search`: flags to plain
//! configs for `crate::quickwit`, and the exit codes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::progress::IndexProgress;
use crate::cli::{
    IndexArgs, QuickwitArgs, QuickwitCommand, QuickwitConfigArgs, QuickwitConfigFormat, SearchArgs,
};
use crate::error::Fatal;
use crate::export::{self, Exporter, Grouping, OutputFormat};
use crate::index::schema;
use crate::quickwit::client::{Client, Retry};
use crate::quickwit::config::{self, ConfigOptions};
use crate::quickwit::ingest::{self, IngestConfig, Target};
use crate::quickwit::query as qw_query;
use crate::quickwit::search::QuickwitSearch;
use crate::search::SearchSpec;
use crate::search::filters::Filters;
use crate::search::query::Compiler;
use crate::search::snippets::{Highlighter, SNIPPET_CHARS};

pub fn run(a: QuickwitArgs) -> anyhow::Result<ExitCode> {
    match a.command {
        QuickwitCommand::Config(c) => print_config(c),
    }
}

fn print_config(a: QuickwitConfigArgs) -> anyhow::Result<ExitCode> {
    config::check_index_id(&a.index_id).map_err(Fatal::Usage)?;
    let opts = ConfigOptions {
        index_id: a.index_id,
        timestamp_field: !a.no_timestamp_field,
        commit_timeout_secs: a.commit_timeout.max(1),
    };
    let value = config::index_config(&opts);
    let text = match a.format {
        QuickwitConfigFormat::Yaml => config::to_yaml(&value),
        QuickwitConfigFormat::Json => format!("{}\n", serde_json::to_string_pretty(&value)?),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The index id from `--quickwit-index`, checked.
fn index_id(flag: &Option<String>, url_flag: &str) -> Result<String, Fatal> {
    let id = flag.clone().ok_or_else(|| {
        Fatal::Usage(format!(
            "{url_flag} needs --quickwit-index ID: the Quickwit index to use"
        ))
    })?;
    config::check_index_id(&id).map_err(Fatal::Usage)?;
    Ok(id)
}

/// `newsdex index CORPUS --to-quickwit URL --quickwit-index ID` or `--ndjson FILE`.
pub fn index(a: IndexArgs) -> anyhow::Result<ExitCode> {
    let q = &a.quickwit;
    if a.rebuild || a.strict {
        return Err(Fatal::Usage(
            "--rebuild and --strict are for the local index; for Quickwit, delete and recreate the index (and its --quickwit-state file) to start over".into(),
        )
        .into());
    }
    let target = match (&q.to_quickwit, &q.ndjson) {
        (Some(url), _) => {
            let index = index_id(&q.quickwit_index, "--to-quickwit")?;
            let mut client = Client::new(url, Retry::default())?;
            client.on_warning(|m| eprintln!("newsdex: {}", crate::text::escape_control(m)));
            if !client.index_exists(&index)? {
                client.create_index(&config::index_config(&ConfigOptions::new(&index)))?;
                eprintln!(
                    "newsdex: created Quickwit index {index} (its config: `newsdex quickwit config --index-id {index}`)"
                );
            }
            let state = q
                .quickwit_state
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("newsdex-quickwit-{index}.state")));
            Target::Quickwit {
                client,
                index,
                state,
            }
        }
        (None, Some(path)) => Target::Ndjson(path.clone()),
        (None, None) => unreachable!("called only with --to-quickwit or --ndjson"),
    };
    let (walk, corpus, threads) = super::index::corpus_walk(&a)?;
    let cfg = IngestConfig {
        walk,
        corpus,
        threads,
        batch_bytes: q.batch_mb.clamp(1, 1024) << 20,
        target,
    };
    let progress = IndexProgress::new(!a.quiet && std::io::stderr().is_terminal());
    let report = ingest::run(&cfg, &progress)?;
    eprintln!("{}", report.summary.line());
    match &cfg.target {
        Target::Quickwit { index, state, .. } => eprintln!(
            "sent to Quickwit index {index} in {} batch(es); {} file(s) had earlier articles deleted; fingerprints in {}",
            report.batches,
            report.deleted_files,
            state.display()
        ),
        Target::Ndjson(path) => eprintln!(
            "wrote {} articles to {} (load with `quickwit tool local-ingest --index ID --input-path {}`)",
            report.summary.articles,
            path.display(),
            path.display()
        ),
    }
    if report.rejected > 0 {
        eprintln!(
            "newsdex: Quickwit rejected {} article(s) (listed above); the rest were sent",
            report.rejected
        );
    }
    if report.summary.failed > 0 {
        eprintln!(
            "newsdex: {} file(s) could not be read (listed above); everything else was sent. Fix or remove them and run again: only changed files are sent.",
            report.summary.failed
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsdex search QUERY --quickwit URL --quickwit-index ID`: the same query language, filters,
/// formats and exit codes as local search.
pub fn search(a: SearchArgs) -> anyhow::Result<ExitCode> {
    let Some(url) = &a.quickwit else {
        unreachable!("called only with --quickwit");
    };
    if a.in_quotes || a.copies || a.collapse {
        return Err(Fatal::Usage(
            "--in-quotes, --collapse and --copies need the local index (quote documents and story sketches are built there); with --quickwit every article is a hit".into(),
        )
        .into());
    }
    let index = index_id(&a.quickwit_index, "--quickwit")?;
    let spec = SearchSpec {
        query: Some(a.query.clone()),
        any: a.any,
        in_quotes: false,
        filters: Filters::new(&a.filters.spec())?,
    };
    let ast = spec.parse()?;
    let body = qw_query::translate(ast.as_ref(), a.any, &spec.filters, &a.query)?;
    let format = a.format.unwrap_or(OutputFormat::Text);
    super::search::check_bom(&a, format)?;
    let columns = export::columns(&a.fields, false, Grouping::None)?;
    super::search::check_output(&a)?;
    // A person waits on a search: a few quick retries, not the ingest's two minutes.
    let retry = Retry {
        attempts: 3,
        ..Retry::default()
    };
    let client = Client::new(url, retry)?;
    let qs = QuickwitSearch {
        client: &client,
        index,
        query: body,
    };
    let (_, fields) = schema::build();
    let mut groups = Vec::new();
    if let Some(ast) = &ast {
        Compiler::new(&fields, a.any, false).highlight_terms(ast, fields.body, &mut groups);
    }
    let highlighter = Highlighter::new(&groups, fields.body, SNIPPET_CHARS);
    let color = super::search::use_color(a.color, a.output.is_some());
    let records = |ex: &mut Exporter<&mut dyn Write>| -> anyhow::Result<usize> {
        let snippets = ex.wants_snippet();
        Ok(if a.all {
            let pages = qs.all(a.sort)?;
            let total = pages.total;
            ex.begin(total, &a.query, a.offset)?;
            pages.each(a.offset, |hit| {
                let s = snippets.then(|| highlighter.snippet(&hit.body));
                Ok(ex.write(&hit, s.as_ref())?)
            })?;
            total
        } else {
            let (total, page) = qs.page(a.sort, a.limit, a.offset)?;
            ex.begin(total, &a.query, a.offset)?;
            for hit in page {
                let s = snippets.then(|| highlighter.snippet(&hit.body));
                ex.write(&hit, s.as_ref())?;
            }
            total
        })
    };
    let emit = |w: &mut dyn Write| {
        let exporter = (format, columns.clone(), color);
        super::search::export_frame(&a, w, exporter, || qs.count(), records)
    };
    let found = super::search::write_hits(a.output.as_deref(), emit)?;
    Ok(ExitCode::from(if found > 0 { 0 } else { 1 }))
}
