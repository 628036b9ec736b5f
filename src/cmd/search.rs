//! `newsdex search`: checks the flags, prepares the query, then prints the count, one page of hits
//! or (`--all`) every hit, to stdout or atomically to `--output`. Exit 0 with hits, 1 without.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{ColorChoice, SearchArgs};
use crate::error::Fatal;
use crate::export::{self, Exporter, Grouping, OutputFormat};
use crate::search::filters::{Filters, UnknownName};
use crate::search::{self, Prepared, SearchSpec, SortOrder, collapse, hits};

pub fn run(mut a: SearchArgs) -> anyhow::Result<ExitCode> {
    if a.quickwit.is_some() {
        return super::quickwit::search(a);
    }
    let mut spec = SearchSpec {
        query: Some(a.query.clone()),
        any: a.any,
        in_quotes: a.in_quotes,
        filters: Filters::new(&a.filters.spec())?,
    };
    if spec.needs_quote_search()? {
        eprintln!("newsdex: the query names quote:, so hits are quotes (--in-quotes implied)");
        spec.in_quotes = true;
        a.in_quotes = true;
    }
    let format = a.format.unwrap_or(OutputFormat::Text);
    check_bom(&a, format)?;
    let grouping = grouping(&a, format);
    if a.copies && grouping != Grouping::Collapsed {
        return Err(Fatal::Usage(
            "--copies lists the copies of collapsed stories: use it without --no-collapse, --in-quotes or --count (with --all, add --collapse)".into(),
        )
        .into());
    }
    let columns = export::columns(&a.fields, a.in_quotes, grouping)?;
    check_output(&a)?;
    let p = search::prepare(&a.index, &spec)?;
    if let Some(unknown) = spec.filters.unknown_name(&p.searcher, &p.fields)? {
        report_unknown(&unknown);
        return Ok(ExitCode::from(1));
    }
    warn_if_undated(&p, &spec.filters, a.sort);
    let color = use_color(a.color, a.output.is_some());
    let found = write_hits(a.output.as_deref(), |w| {
        emit(&a, &p, format, columns, color, w)
    })?;
    Ok(ExitCode::from(if found > 0 { 0 } else { 1 }))
}

/// `--bom` only makes sense for the spreadsheet formats.
pub fn check_bom(a: &SearchArgs, format: OutputFormat) -> Result<(), Fatal> {
    if a.bom && !matches!(format, OutputFormat::Csv | OutputFormat::Tsv) {
        return Err(Fatal::Usage(
            "--bom is for spreadsheets: use it with --format csv or --format tsv".into(),
        ));
    }
    Ok(())
}

/// `--output` never overwrites a file unless `--force` says so.
pub fn check_output(a: &SearchArgs) -> Result<(), Fatal> {
    if let Some(out) = &a.output
        && out.exists()
        && !a.force
    {
        return Err(Fatal::Usage(format!(
            "{} already exists: use --force to overwrite it",
            out.display()
        )));
    }
    Ok(())
}

/// Article hits are grouped into stories for the text view (one hit per story) unless
/// `--no-collapse`, and for `--all` (every hit with its story id; one per story with
/// `--collapse`). Quote hits and counts are never grouped.
fn grouping(a: &SearchArgs, format: OutputFormat) -> Grouping {
    if a.in_quotes || a.count || a.no_collapse {
        Grouping::None
    } else if a.collapse || (!a.all && format == OutputFormat::Text) {
        Grouping::Collapsed
    } else if a.all {
        Grouping::Stories
    } else {
        Grouping::None
    }
}

/// Colour on a terminal only, never with NO_COLOR set or into a file.
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Date filters and date sorts on an index where no article has a date: said on stderr, because
/// the answer (no hits, or index order) would otherwise look like a finding.
pub fn warn_if_undated(p: &Prepared, filters: &Filters, sort: SortOrder) {
    let filtered = filters.since.is_some() || filters.until.is_some();
    let sorted = sort != SortOrder::Score;
    if !(filtered || sorted) || p.has_dates() {
        return;
    }
    let what = match (filtered, sorted) {
        (true, true) => "--since/--until match nothing and --sort date keeps index order",
        (true, false) => "--since/--until match nothing",
        _ => "--sort date keeps index order",
    };
    eprintln!("newsdex: no article in this index has a date, so {what}");
}

pub fn report_unknown(u: &UnknownName) {
    let value = crate::text::escape_control(&u.value);
    eprintln!("newsdex: {} {value:?} matches nothing in the index", u.flag);
    if !u.suggestions.is_empty() {
        let names: Vec<String> = u
            .suggestions
            .iter()
            .map(|s| crate::text::escape_control(s))
            .collect();
        eprintln!("  did you mean: {}?", names.join(", "));
    }
}

/// Writes the count, a page or every hit; returns (matching documents, records written).
fn emit(
    a: &SearchArgs,
    p: &Prepared,
    format: OutputFormat,
    columns: Vec<export::Column>,
    color: bool,
    w: &mut dyn Write,
) -> anyhow::Result<(usize, usize)> {
    let exporter = (format, columns, color);
    export_frame(
        a,
        w,
        exporter,
        || p.count(),
        |ex| local_records(a, p, format, ex),
    )
}

/// The frame the local and the Quickwit search share: `--count` prints the number of matching
/// documents alone (`count`); otherwise the byte-order mark (`--bom`), then `records` on an
/// exporter of `(format, columns, color)`, which returns the matching documents. Returns
/// (matching documents, records written).
pub fn export_frame(
    a: &SearchArgs,
    w: &mut dyn Write,
    (format, columns, color): (OutputFormat, Vec<export::Column>, bool),
    count: impl FnOnce() -> anyhow::Result<usize>,
    records: impl FnOnce(&mut Exporter<&mut dyn Write>) -> anyhow::Result<usize>,
) -> anyhow::Result<(usize, usize)> {
    if a.count {
        let n = count()?;
        writeln!(w, "{n}")?;
        return Ok((n, 0));
    }
    if a.bom {
        w.write_all("\u{feff}".as_bytes())?;
    }
    let mut ex = Exporter::new(w, format, columns, color);
    let total = records(&mut ex)?;
    let written = ex.written();
    ex.finish()?;
    Ok((total, written))
}

/// The local index's records for [`emit`]: a page, every hit or every story, with snippets
/// when the format shows them; returns the matching documents.
fn local_records(
    a: &SearchArgs,
    p: &Prepared,
    format: OutputFormat,
    ex: &mut Exporter<&mut dyn Write>,
) -> anyhow::Result<usize> {
    let highlighter = ex.wants_snippet().then(|| p.highlighter());
    let snippet_of = |hit: &hits::Hit| {
        highlighter.as_ref().map(|h| {
            let text = hit.quote.as_deref().unwrap_or(&hit.body);
            h.snippet(text)
        })
    };
    let mut loader = p.loader();
    let total = match grouping(a, format) {
        Grouping::Collapsed => {
            let every = p.all(a.sort)?;
            let total = every.len();
            let stories = collapse::stories(&p.searcher, every)?;
            ex.set_stories(stories.len());
            ex.begin(total, &a.query, a.offset)?;
            let take = if a.all { usize::MAX } else { a.limit };
            for story in stories.into_iter().skip(a.offset).take(take) {
                let hit = collapsed_hit(&mut loader, &story, a.copies)?;
                ex.write(&hit, snippet_of(&hit).as_ref())?;
            }
            total
        }
        Grouping::Stories => {
            let every = p.all(a.sort)?;
            let total = every.len();
            ex.begin(total, &a.query, a.offset)?;
            collapse::each_with_story(&p.searcher, &mut loader, every, a.offset, |hit| {
                Ok(ex.write(&hit, snippet_of(&hit).as_ref())?)
            })?;
            total
        }
        Grouping::None => {
            let (total, page) = if a.all {
                let every = p.all(a.sort)?;
                (every.len(), every.into_iter().skip(a.offset).collect())
            } else {
                p.top(a.sort, a.limit, a.offset)?
            };
            ex.begin(total, &a.query, a.offset)?;
            loader.each(&page, |hit| Ok(ex.write(&hit, snippet_of(&hit).as_ref())?))?;
            total
        }
    };
    Ok(total)
}

/// The hit that stands for a collapsed story, with its copies counted (and listed: `--copies`).
fn collapsed_hit(
    loader: &mut hits::Loader,
    story: &collapse::Story,
    list: bool,
) -> anyhow::Result<hits::Hit> {
    let mut hit = loader.load(story.first)?;
    hit.story = Some(hit.id.clone());
    let mut copies = hits::Copies {
        count: story.copies.len(),
        listed: Vec::new(),
    };
    if list {
        for &c in &story.copies {
            let copy = loader.load(c)?;
            copies.listed.push((copy.path, copy.date));
        }
    }
    hit.copies = Some(copies);
    Ok(hit)
}

/// Runs `emit` on standard output, or on `output` written atomically (a temp file renamed in
/// place) with a "wrote N records" line; `emit` returns (hits found, records written).
pub fn write_hits(
    output: Option<&Path>,
    emit: impl FnOnce(&mut dyn Write) -> anyhow::Result<(usize, usize)>,
) -> anyhow::Result<usize> {
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
            let (found, _) = emit(&mut w)?;
            w.flush()?;
            Ok(found)
        }
        Some(path) => {
            let (found, written) = write_atomically(path, emit)?;
            eprintln!(
                "wrote {} records to {}",
                export::thousands(written),
                crate::text::escape_control(&path.display().to_string())
            );
            Ok(found)
        }
    }
}

/// Runs `body` on a temporary file beside `path`, then renames it over `path`. On any error the
/// temporary file is removed and `path` is untouched.
pub fn write_atomically<T>(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let shown = path.display().to_string();
    let tmp = temp_path(path);
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let guard = TempGuard(Some(tmp.clone()));
    let mut w = BufWriter::with_capacity(1 << 16, file);
    let value = body(&mut w)?;
    let file = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {shown}"))?;
    file.sync_all()
        .with_context(|| format!("cannot write {shown}"))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {shown}"))?;
    guard.keep();
    Ok(value)
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = format!(".{name}.newsdex-{}.tmp", std::process::id());
    path.with_file_name(tmp)
}

/// Removes the temporary file unless the write completed.
struct TempGuard(Option<PathBuf>);

impl TempGuard {
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}
