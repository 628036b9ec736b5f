//! The benchmark run: builds (or reuses) the corpus, then measures newsdex and the alternatives
//! on it in one go, collecting one [`Row`] per figure for the report.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::Term;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;

use newsdex::search::SortOrder;
use newsdex::search::filters::{FilterSpec, Filters, Period};
use newsdex::search::{self, SearchSpec};

use crate::baselines;
use crate::corpus::{self, Corpus};
use crate::measure::{self, Run, ms, percentiles};

/// The phrase every engine is asked for.
pub const PHRASE: &str = "oil prices";
const CLI_RUNS: usize = 20;
const IN_PROCESS_RUNS: usize = 200;
/// Time one library probe may take in all (a broad quote search at 1 GB takes seconds per run).
const IN_PROCESS_BUDGET: Duration = Duration::from_secs(20);
const SQLITE_RUNS: usize = 50;
const RG_RUNS: usize = 3;

/// Where things are and what to run.
#[derive(Debug, Clone)]
pub struct Setup {
    pub label: String,
    pub target_bytes: u64,
    pub work: PathBuf,
    pub reuters: PathBuf,
    pub newsdex: PathBuf,
}

/// One line of the results table.
#[derive(Debug, Clone)]
pub struct Row {
    pub measurement: String,
    pub tool: String,
    pub result: String,
    pub target: String,
    /// `Some(true)` met, `Some(false)` missed, `None` no target or no figure.
    pub met: Option<bool>,
}

/// Everything one run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    pub corpus_line: String,
}

impl Outcome {
    /// Adds a note unless the same text is already there (one failure, many queries).
    pub fn note_once(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    fn row(&mut self, measurement: &str, tool: &str, result: String) {
        self.rows.push(Row {
            measurement: measurement.into(),
            tool: tool.into(),
            result,
            target: String::new(),
            met: None,
        });
    }

    fn target(&mut self, measurement: &str, tool: &str, result: String, target: &str, met: bool) {
        self.rows.push(Row {
            measurement: measurement.into(),
            tool: tool.into(),
            result,
            target: target.into(),
            met: Some(met),
        });
    }

    fn missing(&mut self, measurement: &str, tool: &str, why: &str, target: &str) {
        self.rows.push(Row {
            measurement: measurement.into(),
            tool: tool.into(),
            result: format!("n/a ({why})"),
            target: target.into(),
            met: None,
        });
    }
}

/// A timed index build by one tool.
struct Build {
    wall: Duration,
    cpu: Duration,
}

/// Runs everything; a tool that fails becomes an `n/a` row with a note, never an abort.
pub fn run(s: &Setup) -> anyhow::Result<Outcome> {
    let mut out = Outcome::default();
    let dir = s.work.join(format!("corpus-{}", s.label));
    let c = corpus::ensure(&dir, &s.reuters, s.target_bytes)?;
    let jsonl_files = measure::files_under(&c.jsonl_dir).len();
    out.corpus_line = format!(
        "{} articles, {:.1} MB of `.txt` (one file per article, folders of 1,000; built by the {}), \
         the same as {jsonl_files} JSONL file(s)",
        group(c.articles),
        c.text_bytes as f64 / 1e6,
        c.source
    );
    let scratch = s.work.join("scratch");
    let mb = c.text_bytes as f64 / 1e6;

    eprintln!("warming the page cache ...");
    measure::warm(&c.txt_dir);
    let newsdex_index = s.work.join(format!("newsdex-index-{}", s.label));
    let nd = newsdex_build(s, &c, &newsdex_index, &scratch, &mut out)?;
    let raw = raw_build(s, &c, &scratch, &mut out)?;
    let sqlite = sqlite_build(s, &c, &scratch, &mut out)?;
    let cli = tantivy_cli(s, &c, &scratch, &mut out)?;
    let others = [
        ("raw tantivy", &raw, 0.8),
        ("SQLite FTS5", &sqlite, 1.0),
        ("tantivy-cli -t 2", &cli, 1.0),
    ];
    for (tool, other, target) in others {
        if let (Some(nd), Some(other)) = (&nd, other) {
            let r = other.wall.as_secs_f64() / nd.wall.as_secs_f64();
            out.target(
                &format!("indexing speed vs {tool}"),
                "newsdex",
                format!("{r:.2}x"),
                &format!(">= {target}x"),
                r >= target,
            );
        }
    }
    let nd_jsonl = newsdex_jsonl_build(s, &c, &scratch, &mut out)?;
    if let (Some(nd), Some(cli)) = (&nd_jsonl, &cli) {
        out.row(
            "indexing speed vs tantivy-cli -t 2, both on the JSONL copy",
            "newsdex",
            format!("{:.2}x", cli.wall.as_secs_f64() / nd.wall.as_secs_f64()),
        );
    }
    ripgrep(&c, &scratch, &mut out)?;
    if nd.is_some() {
        in_process_queries(&newsdex_index, &c, &mut out)?;
        library_queries(&newsdex_index, &c, &mut out)?;
        cli_queries(s, &newsdex_index, &c, &scratch, &mut out)?;
        exports(s, &newsdex_index, &scratch, &mut out)?;
        if let Some(nd) = &nd {
            stories(&newsdex_index, nd, &mut out)?;
        }
    }
    out.notes.push(format!(
        "All runs read a warm page cache (the corpus is read once before the first run); rates are per MB of \
         `.txt` ({mb:.1} MB). The machine is shared with other jobs, so expect some noise."
    ));
    Ok(out)
}

fn newsdex_build(
    s: &Setup,
    c: &Corpus,
    index: &Path,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<Option<Build>> {
    if index.exists() {
        std::fs::remove_dir_all(index)?;
    }
    eprintln!("newsdex index ...");
    let run = measure::run(&mut newsdex_index(s, &c.txt_dir, index), scratch)?;
    if !run.success {
        out.missing("index build", "newsdex", "failed", "");
        out.notes
            .push(format!("newsdex index failed: {}", run.first_error()));
        return Ok(None);
    }
    let mb = c.text_bytes as f64 / 1e6;
    let secs = run.wall.as_secs_f64();
    out.row(
        "index build (wall)",
        "newsdex",
        format!(
            "{secs:.1} s, {:.1} MB/s, {} articles/s; CPU {:.1} s",
            mb / secs,
            group((c.articles as f64 / secs) as u64),
            run.cpu.as_secs_f64()
        ),
    );
    out.target(
        "index build max RSS",
        "newsdex",
        mib(run.max_rss),
        "<= 1 GB (at 1 GB)",
        run.max_rss <= 1 << 30,
    );
    let size = measure::du(index);
    let ratio = size as f64 / c.text_bytes as f64;
    out.target(
        "index size / text",
        "newsdex",
        format!("{} ({ratio:.2}x)", mib(size)),
        "<= 1.25x (quote documents included)",
        ratio <= 1.25,
    );
    if let Some(line) = run.stderr.lines().rev().find(|l| l.contains("articles")) {
        out.notes
            .push(format!("newsdex index summary: `{}`", line.trim()));
    }
    eprintln!("newsdex index (no change) ...");
    let again = measure::run(&mut newsdex_index(s, &c.txt_dir, index), scratch)?;
    if again.success {
        out.target(
            "no-change re-run (wall)",
            "newsdex",
            format!(
                "{:.2} s (CPU {:.2} s)",
                again.wall.as_secs_f64(),
                again.cpu.as_secs_f64()
            ),
            "<= 3 s (at 1 GB)",
            again.wall <= Duration::from_secs(3),
        );
    } else {
        out.missing(
            "no-change re-run (wall)",
            "newsdex",
            "failed",
            "<= 3 s (at 1 GB)",
        );
        out.notes
            .push(format!("re-run failed: {}", again.first_error()));
    }
    Ok(Some(Build {
        wall: run.wall,
        cpu: run.cpu,
    }))
}

/// `newsdex index` on the JSONL copy: the same articles in a few large files, as tantivy-cli
/// reads them (no per-file work: open, stat, fingerprint document).
fn newsdex_jsonl_build(
    s: &Setup,
    c: &Corpus,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<Option<Build>> {
    let dir = s.work.join(format!("newsdex-jsonl-{}", s.label));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    eprintln!("newsdex index (JSONL copy) ...");
    let run = measure::run(&mut newsdex_index(s, &c.jsonl_dir, &dir), scratch)?;
    let b = build_row("newsdex, JSONL copy", c, &run, measure::du(&dir), out);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(b)
}

fn raw_build(
    s: &Setup,
    c: &Corpus,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<Option<Build>> {
    let dir = s.work.join(format!("raw-tantivy-{}", s.label));
    eprintln!("raw tantivy ...");
    let run = measure::run(
        Command::new(std::env::current_exe()?)
            .arg("raw-tantivy")
            .arg("--corpus")
            .arg(&c.txt_dir)
            .arg("--index")
            .arg(&dir)
            .arg("--memory")
            .arg(baselines::NEWSDEX_MEMORY_MB.to_string()),
        scratch,
    )?;
    let b = build_row(
        "raw tantivy (same schema, no extraction)",
        c,
        &run,
        measure::du(&dir),
        out,
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(b)
}

fn sqlite_build(
    s: &Setup,
    c: &Corpus,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<Option<Build>> {
    let db = s.work.join(format!("fts5-{}.db", s.label));
    eprintln!("sqlite fts5 ...");
    let run = measure::run(
        Command::new(std::env::current_exe()?)
            .arg("sqlite-index")
            .arg("--corpus")
            .arg(&c.txt_dir)
            .arg("--db")
            .arg(&db),
        scratch,
    )?;
    let b = build_row("SQLite FTS5 (unicode61)", c, &run, measure::du(&db), out);
    if b.is_some() {
        let (count, times) = baselines::sqlite_phrase(&db, PHRASE, SQLITE_RUNS)?;
        let (p50, p99) = percentiles(&times);
        out.row(
            &format!("phrase count \"{PHRASE}\" ({SQLITE_RUNS} runs)"),
            "SQLite FTS5",
            format!("p50 {}, p99 {} ({} hits)", ms(p50), ms(p99), group(count)),
        );
        out.notes.push(
            "SQLite's MATCH searches title and body, the in-process tantivy phrase searches the body \
             only, and the tokenizers differ (unicode61 vs newsdex's simple + ASCII folding), so hit \
             counts may differ slightly."
                .into(),
        );
    }
    let _ = std::fs::remove_file(&db);
    Ok(b)
}

/// The build row of an alternative (wall, rate, RSS, size) from its child run.
fn build_row(tool: &str, c: &Corpus, run: &Run, size: u64, out: &mut Outcome) -> Option<Build> {
    if !run.success {
        out.missing("index build", tool, "failed", "");
        out.notes
            .push(format!("{tool} failed: {}", run.first_error()));
        return None;
    }
    let reported: Option<u64> = serde_json::from_str::<serde_json::Value>(run.stdout.trim())
        .ok()
        .and_then(|v| v["docs"].as_u64());
    if let Some(docs) = reported.filter(|&d| d != c.articles) {
        out.notes.push(format!(
            "{tool} indexed {docs} documents, the corpus has {}",
            c.articles
        ));
    }
    let secs = run.wall.as_secs_f64();
    out.row(
        "index build (wall)",
        tool,
        format!(
            "{secs:.1} s, {:.1} MB/s, {} articles/s; CPU {:.1} s; max RSS {}; size {} ({:.2}x)",
            c.text_bytes as f64 / 1e6 / secs,
            group((c.articles as f64 / secs) as u64),
            run.cpu.as_secs_f64(),
            mib(run.max_rss),
            mib(size),
            size as f64 / c.text_bytes as f64
        ),
    );
    Some(Build {
        wall: run.wall,
        cpu: run.cpu,
    })
}

fn ripgrep(c: &Corpus, scratch: &Path, out: &mut Outcome) -> anyhow::Result<()> {
    let Some(rg) = which("rg") else {
        out.missing("`rg -c -F` phrase scan", "ripgrep", "not installed", "");
        out.notes
            .push("ripgrep absent: `apt-get install ripgrep` adds it.".into());
        return Ok(());
    };
    eprintln!("ripgrep ...");
    let mut times = Vec::new();
    for _ in 0..=RG_RUNS {
        let run = measure::run(
            Command::new(&rg).args(["-c", "-F", PHRASE]).arg(&c.txt_dir),
            scratch,
        )?;
        times.push(run.wall);
    }
    times.remove(0); // the first run warms the cache
    let (p50, _) = percentiles(&times);
    out.row(
        &format!("phrase scan `rg -c -F \"{PHRASE}\"` (p50 of {RG_RUNS})"),
        "ripgrep",
        ms(p50),
    );
    Ok(())
}

/// `tantivy index -t 2` on the JSONL copy, when tantivy-cli is installed; its run for the ratio.
fn tantivy_cli(
    s: &Setup,
    c: &Corpus,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<Option<Build>> {
    let Some(tantivy) = which("tantivy") else {
        out.missing(
            "index build of the JSONL",
            "tantivy-cli",
            "not installed",
            "",
        );
        out.notes.push(
            "tantivy-cli absent: `cargo install tantivy-cli` adds it (about 10 minutes on this \
             2-core machine; not with `--locked`, whose traitobject 0.1.0 no longer builds)."
                .into(),
        );
        return Ok(None);
    };
    eprintln!("tantivy-cli ...");
    let dir = baselines::tantivy_cli_index(&s.work.join(format!("tantivy-cli-{}", s.label)))?;
    let mut cat = String::new();
    for f in measure::files_under(&c.jsonl_dir) {
        cat.push_str(&format!(" '{}'", f.display()));
    }
    let script = format!(
        "cat{cat} | '{}' index -i '{}' -t 2",
        tantivy.display(),
        dir.display()
    );
    let run = measure::run(Command::new("sh").arg("-c").arg(&script), scratch)?;
    let size = measure::du(&dir);
    let b = build_row("tantivy-cli (JSONL, -t 2)", c, &run, size, out);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(b)
}

/// The phrase (and the rare word) straight through tantivy on newsdex's index.
fn in_process_queries(index_dir: &Path, c: &Corpus, out: &mut Outcome) -> anyhow::Result<()> {
    let (index, fields) = newsdex::index::open_existing(index_dir)?;
    let searcher = index.reader()?.searcher();
    let terms = |text: &str| {
        let mut analyzer = newsdex::index::schema::news_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(Term::from_field_text(fields.body, &stream.token().text));
        }
        terms
    };
    let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(terms(PHRASE)));
    let rare_terms = terms(&c.rare_word);
    let Some(rare_term) = rare_terms.into_iter().next() else {
        anyhow::bail!("the rare word {:?} has no token", c.rare_word);
    };
    let rare: Box<dyn Query> = Box::new(TermQuery::new(rare_term, IndexRecordOption::Basic));
    for (name, query, target) in [
        (format!("phrase \"{PHRASE}\""), phrase, Some(5.0)),
        (format!("rare word `{}`", c.rare_word), rare, None),
    ] {
        let mut times = Vec::with_capacity(IN_PROCESS_RUNS);
        let mut hits = 0;
        for _ in 0..IN_PROCESS_RUNS {
            let t = Instant::now();
            let (top, count) =
                searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
            times.push(t.elapsed());
            hits = count;
            std::hint::black_box(top);
        }
        let (p50, p99) = percentiles(&times);
        let result = format!(
            "p50 {}, p99 {} ({} hits)",
            ms(p50),
            ms(p99),
            group(hits as u64)
        );
        let what = format!("{name}, top 10 + count, in process ({IN_PROCESS_RUNS} runs)");
        timed_row(out, (&what, "newsdex index + tantivy"), result, p50, target);
    }
    Ok(())
}

/// One search the bench runs, both in process and through the CLI.
struct Probe {
    query: String,
    speaker: Option<&'static str>,
    since: Option<&'static str>,
    in_quotes: bool,
    /// What the table calls it besides its arguments (`phrase`, `rare word`).
    label: &'static str,
    /// Target p50 in milliseconds in process (the newsdex library), if the probe has one.
    library_ms: Option<f64>,
    /// Target p50 in milliseconds through the CLI, if the probe has one.
    cli_ms: Option<f64>,
}

/// A phrase, a rare word, a boolean with a filter, `--speaker`, `--since`, and quote search
/// (everything one speaker said, one narrow query, one broad), with the targets of issue #14.
fn probes(c: &Corpus) -> Vec<Probe> {
    let probe = |query: &str, speaker, since, in_quotes| Probe {
        query: query.to_string(),
        speaker,
        since,
        in_quotes,
        label: "",
        library_ms: None,
        cli_ms: None,
    };
    let phrase = Probe {
        label: "phrase",
        cli_ms: Some(50.0),
        ..probe(&format!("\"{PHRASE}\""), None, None, false)
    };
    let rare = Probe {
        label: "rare word",
        ..probe(&c.rare_word, None, None, false)
    };
    vec![
        phrase,
        rare,
        probe("oil AND opec", None, Some("1987-03"), false),
        probe("dollar", Some("Volcker"), None, false),
        probe("dollar", None, Some("1987-04"), false),
        Probe {
            library_ms: Some(20.0),
            ..probe("*", Some("Volcker"), None, true)
        },
        probe("dollar", Some("Volcker"), None, true),
        Probe {
            library_ms: Some(30.0),
            cli_ms: Some(60.0),
            ..probe("oil", None, None, true)
        },
    ]
}

/// A p50 against an optional target in milliseconds: a target row, or a plain one without.
fn timed_row(
    out: &mut Outcome,
    (what, tool): (&str, &str),
    result: String,
    p50: Duration,
    target_ms: Option<f64>,
) {
    match target_ms {
        Some(limit) => out.target(
            what,
            tool,
            result,
            &format!("p50 <= {limit} ms"),
            p50.as_secs_f64() * 1e3 <= limit,
        ),
        None => out.row(what, tool, result),
    }
}

impl Probe {
    /// The search arguments after `newsdex search`.
    fn cli_args(&self) -> Vec<String> {
        let mut args = vec![self.query.clone()];
        if let Some(who) = self.speaker {
            args.extend(["--speaker".to_string(), who.to_string()]);
        }
        if let Some(day) = self.since {
            args.extend(["--since".to_string(), day.to_string()]);
        }
        if self.in_quotes {
            args.push("--in-quotes".to_string());
        }
        args
    }

    /// How the table names it: its label and arguments.
    fn name(&self) -> String {
        format!("{} `{}`", self.label, self.cli_args().join(" "))
            .trim_start()
            .to_string()
    }

    fn spec(&self) -> anyhow::Result<SearchSpec> {
        let args = FilterSpec {
            speaker: self.speaker.iter().map(|s| s.to_string()).collect(),
            since: self
                .since
                .map(Period::parse)
                .transpose()
                .map_err(anyhow::Error::msg)?,
            ..FilterSpec::default()
        };
        Ok(SearchSpec {
            query: Some(self.query.clone()),
            any: false,
            in_quotes: self.in_quotes,
            filters: Filters::new(&args)?,
        })
    }
}

/// What collapsing copies costs and finds (`index::story`): the story field's share of the index,
/// the CPU of sketching every article (timed in process, one core) against the build's CPU, and
/// whether the corpus's copies of one Reuters story (files `ID.txt`, `ID-cN.txt`) fall into one
/// story and different stories stay apart.
fn stories(index_dir: &Path, nd: &Build, out: &mut Outcome) -> anyhow::Result<()> {
    use newsdex::index::story::Sketch;
    use std::collections::{HashMap, HashSet};
    eprintln!("story sketches ...");
    let (index, fields) = newsdex::index::open_existing(index_dir)?;
    let searcher = index.reader()?.searcher();
    let usage = searcher.space_usage()?;
    let story_bytes: u64 = crate::space::by_component_and_field(&usage)
        .iter()
        .filter(|((_, field), _)| field == "story")
        .map(|(_, bytes)| bytes)
        .sum();
    let total = usage.total().get_bytes();
    let share = story_bytes as f64 / total.saturating_sub(story_bytes).max(1) as f64;
    out.target(
        "story field size (over the index without it)",
        "newsdex",
        format!(
            "{} of {} (+{:.1}%)",
            mib(story_bytes),
            mib(total),
            share * 100.0
        ),
        "<= +3%",
        share <= 0.03,
    );
    let spec = SearchSpec {
        query: Some("*".into()),
        any: false,
        in_quotes: false,
        filters: Filters::default(),
    };
    let p = search::prepare_with(searcher.clone(), fields, &spec)?;
    let docs = newsdex::search::hits::all(&searcher, &*p.query, SortOrder::Date)?;
    let mut sketching = Duration::ZERO;
    let mut base_of = Vec::with_capacity(docs.len());
    let mut words = Vec::with_capacity(docs.len());
    for &at in &docs {
        let doc: tantivy::TantivyDocument = searcher.doc(at)?;
        let hit = newsdex::search::hits::hit_from_doc(&doc, &fields, None);
        let t = Instant::now();
        std::hint::black_box(Sketch::of(&hit.headline, &hit.body));
        sketching += t.elapsed();
        let stem = Path::new(&hit.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        base_of.push(stem.split("-c").next().unwrap_or_default().to_string());
        words.push(hit.headline.split_whitespace().count() + hit.body.split_whitespace().count());
    }
    let cpu_share = sketching.as_secs_f64() / nd.cpu.as_secs_f64().max(1e-9);
    out.target(
        "story sketches CPU (in process, every article) / index build CPU",
        "newsdex",
        format!(
            "{:.2} s of {:.1} s ({:.1}%)",
            sketching.as_secs_f64(),
            nd.cpu.as_secs_f64(),
            cpu_share * 100.0
        ),
        "<= 10%",
        cpu_share <= 0.10,
    );
    let groups = newsdex::search::collapse::groups(&searcher, docs.iter().copied())?;
    let mut groups_of: HashMap<&str, HashSet<usize>> = HashMap::new();
    let mut bases_of: HashMap<usize, HashSet<&str>> = HashMap::new();
    let mut longest: HashMap<&str, usize> = HashMap::new();
    for ((base, &g), &n) in base_of.iter().zip(&groups).zip(&words) {
        groups_of.entry(base).or_default().insert(g);
        bases_of.entry(g).or_default().insert(base);
        let most = longest.entry(base).or_default();
        *most = (*most).max(n);
    }
    let whole = groups_of.values().filter(|g| g.len() == 1).count();
    // Three words swapped in a short story change much of it: copies of a story under
    // SHORT_STORY words may rightly read as different.
    const SHORT_STORY: usize = 20;
    let split_short = groups_of
        .iter()
        .filter(|(base, g)| g.len() > 1 && longest[*base] < SHORT_STORY)
        .count();
    let joined = bases_of.values().filter(|b| b.len() > 1).count();
    out.row(
        "copies of one story in one story group",
        "newsdex",
        format!(
            "{} of {} Reuters stories have all their copies in one group ({} of the others have \
             under {SHORT_STORY} words); {} groups hold more than one Reuters story; {} articles \
             make {} groups",
            group(whole as u64),
            group(groups_of.len() as u64),
            group(split_short as u64),
            group(joined as u64),
            group(docs.len() as u64),
            group(bases_of.len() as u64)
        ),
    );
    Ok(())
}

/// Each probe through newsdex's library as `newsdex search` runs it, minus the process: query
/// prepared, top 10 and the count, hits loaded with snippets. At most [`IN_PROCESS_RUNS`] runs
/// or [`IN_PROCESS_BUDGET`] per probe, whichever comes first.
fn library_queries(index_dir: &Path, c: &Corpus, out: &mut Outcome) -> anyhow::Result<()> {
    let (index, fields) = newsdex::index::open_existing(index_dir)?;
    let searcher = index.reader()?.searcher();
    for probe in probes(c) {
        let spec = probe.spec()?;
        let mut times = Vec::with_capacity(IN_PROCESS_RUNS);
        let mut hits = 0;
        let started = Instant::now();
        while times.len() < IN_PROCESS_RUNS
            && (times.is_empty() || started.elapsed() < IN_PROCESS_BUDGET)
        {
            let t = Instant::now();
            let p = search::prepare_with(searcher.clone(), fields, &spec)?;
            let (count, page) = p.top(SortOrder::Score, 10, 0)?;
            let highlighter = p.highlighter();
            let mut loader = p.loader();
            for r in page {
                let hit = loader.load(r)?;
                std::hint::black_box(
                    highlighter.snippet(hit.quote.as_deref().unwrap_or(&hit.body)),
                );
            }
            times.push(t.elapsed());
            hits = count;
        }
        let (p50, p99) = percentiles(&times);
        let what = format!(
            "{}, top 10 with snippets, newsdex library ({} runs)",
            probe.name(),
            times.len()
        );
        let result = format!(
            "p50 {}, p99 {} ({} hits)",
            ms(p50),
            ms(p99),
            group(hits as u64)
        );
        timed_row(out, (&what, "newsdex"), result, p50, probe.library_ms);
    }
    Ok(())
}

/// `newsdex search` end to end, each query spawned [`CLI_RUNS`] times.
fn cli_queries(
    s: &Setup,
    index: &Path,
    c: &Corpus,
    scratch: &Path,
    out: &mut Outcome,
) -> anyhow::Result<()> {
    for probe in probes(c) {
        let (name, args) = (probe.name(), probe.cli_args());
        let what = format!("CLI search {name} --limit 10 ({CLI_RUNS} runs)");
        let target = probe
            .cli_ms
            .map_or_else(String::new, |ms| format!("p50 <= {ms} ms"));
        let mut times = Vec::with_capacity(CLI_RUNS);
        let mut failure = None;
        for _ in 0..CLI_RUNS {
            let run = measure::run(
                newsdex_cmd(s)
                    .arg("search")
                    .args(&args)
                    .arg("--index")
                    .arg(index)
                    .args(["--limit", "10"]),
                scratch,
            )?;
            // Exit 1 means "no hits" (grep convention), which is a valid answer.
            if !run.success && !run.stderr.trim().is_empty() {
                failure = Some(run.first_error());
                break;
            }
            times.push(run.wall);
        }
        if let Some(err) = failure {
            let why = if err.contains("not implemented") {
                "search not built"
            } else {
                "failed"
            };
            out.missing(&what, "newsdex", why, &target);
            out.note_once(format!("`newsdex search` failed: {err}"));
            continue;
        }
        let (p50, p99) = percentiles(&times);
        let result = format!("p50 {}, p99 {}", ms(p50), ms(p99));
        timed_row(out, (&what, "newsdex"), result, p50, probe.cli_ms);
    }
    Ok(())
}

/// `newsdex search QUERY --all --format jsonl --output FILE --force` (plus `extra` arguments), in
/// records per second against `min_rate` when there is one; returns how many records it wrote.
fn export_all(
    s: &Setup,
    index: &Path,
    scratch: &Path,
    out: &mut Outcome,
    (query, extra, min_rate): (&str, &[&str], Option<f64>),
) -> anyhow::Result<Option<u64>> {
    let file = scratch.join("all.jsonl");
    let flags = extra.iter().map(|a| format!(" {a}")).collect::<String>();
    let what = format!("`search '{query}'{flags} --all --format jsonl --output FILE`");
    let target = min_rate.map_or_else(String::new, |r| format!(">= {} records/s", group(r as u64)));
    eprintln!("newsdex search {query}{flags} --all ...");
    let run = measure::run(
        newsdex_cmd(s)
            .args(["search", query])
            .args(extra)
            .args(["--all", "--format", "jsonl", "--output"])
            .arg(&file)
            .arg("--force")
            .arg("--index")
            .arg(index),
        scratch,
    )?;
    if !run.success {
        let err = run.first_error();
        let why = if err.contains("not implemented") {
            "search not built"
        } else {
            "failed"
        };
        out.missing(&what, "newsdex", why, &target);
        out.note_once(format!("`newsdex search` failed: {err}"));
        return Ok(None);
    }
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let records = text.lines().count() as u64;
    let rate = records as f64 / run.wall.as_secs_f64();
    let result = format!(
        "{} records in {:.2} s = {} records/s",
        group(records),
        run.wall.as_secs_f64(),
        group(rate as u64)
    );
    match min_rate {
        Some(min) => out.target(&what, "newsdex", result, &target, rate >= min),
        None => out.row(&what, "newsdex", result),
    }
    let _ = std::fs::remove_file(&file);
    Ok(Some(records))
}

/// Every article, every quote, and the exact-count check of issue #14: `--count --in-quotes`
/// must print the number of quotes `--all --in-quotes` writes.
fn exports(s: &Setup, index: &Path, scratch: &Path, out: &mut Outcome) -> anyhow::Result<()> {
    export_all(s, index, scratch, out, ("*", &[], Some(50_000.0)))?;
    export_all(
        s,
        index,
        scratch,
        out,
        ("*", &["--in-quotes"], Some(100_000.0)),
    )?;
    let Some(written) = export_all(s, index, scratch, out, ("oil", &["--in-quotes"], None))? else {
        return Ok(());
    };
    let what = "`search oil --in-quotes --count` equals the quotes `--all` writes";
    let run = measure::run(
        newsdex_cmd(s)
            .args(["search", "oil", "--in-quotes", "--count", "--index"])
            .arg(index),
        scratch,
    )?;
    match run.stdout.trim().parse::<u64>() {
        Ok(count) => out.target(
            what,
            "newsdex",
            format!("count {}, written {}", group(count), group(written)),
            "equal",
            count == written,
        ),
        Err(_) => {
            out.missing(what, "newsdex", "no count printed", "equal");
            out.note_once(format!("`newsdex search --count` printed {:?}", run.stdout));
        }
    }
    Ok(())
}

fn newsdex_cmd(s: &Setup) -> Command {
    Command::new(&s.newsdex)
}

/// `newsdex index CORPUS --index INDEX --quiet`.
fn newsdex_index(s: &Setup, corpus: &Path, index: &Path) -> Command {
    let mut cmd = newsdex_cmd(s);
    cmd.arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--quiet");
    cmd
}

/// The full path of a program on PATH, like `command -v`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Bytes as MiB.
fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1u64 << 20) as f64)
}

/// 1234567 -> "1,234,567".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_inserts_thousands_separators() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn which_finds_sh_but_not_nonsense() {
        assert!(which("sh").is_some());
        assert!(which("no-such-tool-newsdex-bench").is_none());
    }
}
