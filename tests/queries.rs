//! Query robustness and terminal safety, against a small real index.
//!
//! - Random hostile queries (lossy random bytes, unbalanced quotes, huge slops, deep nesting,
//!   unknown fields, 10,000-term queries, control characters) with random flags (`--in-quotes`,
//!   filters with odd values, formats, sorts, huge limits) through the real `newsdex search`
//!   binary: every run exits 0, 1 or 2, never panics, and finishes within 10 s. The number of runs
//!   comes from `NEWSDEX_QUERY_RUNS` (default 300; `scripts/fuzz.sh` runs 10,000).
//! - Many more (`NEWSDEX_QUERY_LIB_RUNS`, default 10,000) in-process through the same library path
//!   the binary takes: parse, compile, filters, top hits, loading, snippets and every export format.
//! - Terminal safety: an article whose headline, body, dateline and names hold ESC sequences, C1
//!   controls and bidi overrides never puts those raw on stdout (search in every format, with and
//!   without colour, and stats); with `--color always` the only escapes are newsdex's own.
//!
//! The seed is `NEWSDEX_QUERY_SEED` (default fixed); failures print the arguments that failed.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsdex::export::{self, Exporter, OutputFormat};
use newsdex::search::SortOrder;
use newsdex::search::filters::{FilterSpec, Filters, Period};
use newsdex::search::query::{self, Compiler};
use newsdex::search::snippets::{Highlighter, SNIPPET_CHARS};
use newsdex::search::{self, SearchSpec};
use serde_json::json;
use tantivy::query::{BooleanQuery, Occur, Query};
use util::rng::Rng;
use util::{Run, TestEnv};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("NEWSDEX_QUERY_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0x7175_6572_7921)
}

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

/// A small index: plain-text stories with datelines, names and quotes, and JSON Lines articles
/// with people, places and dates (so every filter has something to match or miss).
fn indexed() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "port.txt",
        "Port strike ends after talks\n\nRIGA, May 2 (Reuters) - The harbour cranes moved again on \
         Friday. \"We thank the union for its patience,\" said Mara Quist, the port director. \
         Ivo Brandt told reporters that oil prices would fall.\n",
    );
    env.write(
        "oil.txt",
        "Oil prices climb in Zurich\n\nZURICH, March 3 - Crude oil prices rose in Zurich trading, \
         according to Lena Vogt. \"Demand is strong,\" Vogt said. The U.S. market was flat.\n",
    );
    env.write(
        "farm.txt",
        "Wheat harvest sets record\n\nNAIROBI, Kenya \u{2014} Farmers expect a record crop, \
         said Amina Odhiambo, who leads the growers' union. Rain came early this year.\n",
    );
    env.write_jsonl(
        "wire.jsonl",
        &[
            json!({"title": "Council approves budget", "body": "The council approved the budget on Tuesday. \"It is balanced,\" said Mayor Tomas Berg.", "date": "2025-11-25", "people": ["Tomas Berg"], "dateline": "RIVERTON, Nov 25 -"}),
            json!({"title": "Bridge closes for repairs", "body": "The old bridge will close for two weeks, officials said.", "date": "2024-04-02", "dateline": "HARBOUR CITY, April 2 -"}),
        ],
    );
    env.index();
    env
}

// ---------------------------------------------------------------------------------------------
// Random queries and flags
// ---------------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "oil",
    "prices",
    "harbour",
    "union",
    "Quist",
    "Vogt",
    "U.S.",
    "Zurich",
    "Z\u{fc}rich",
    "budget",
    "said",
    "the",
    "a",
    "caf\u{e9}",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "😀",
    "x",
];

const TOKENS: &[&str] = &[
    "AND",
    "OR",
    "NOT",
    "and",
    "(",
    ")",
    "\"",
    "~",
    "~2",
    "~99999999",
    "~18446744073709551616",
    "~-1",
    "+",
    "-",
    "*",
    "headline:",
    "body:",
    "people:",
    "speakers:",
    "place:",
    "quote:",
    "foo:",
    "foo:bar",
    ":",
    "::",
    "\\",
    " ",
    "\t",
    "\n",
    "\u{1b}[31m",
    "\u{9b}",
    "\u{202e}",
    "\u{301}",
    "\u{7f}",
    "\u{fffd}",
    "\u{200b}",
];

fn random_bytes_query(rng: &mut Rng) -> String {
    let n = rng.below(64);
    let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn soup(rng: &mut Rng, n: usize) -> String {
    let mut q = String::new();
    for _ in 0..n {
        let t = if rng.one_in(2) {
            rng.pick(WORDS)
        } else {
            rng.pick(TOKENS)
        };
        q.push_str(t);
        if rng.one_in(2) {
            q.push(' ');
        }
    }
    q
}

/// One hostile query; `heavy` allows 10,000-term queries often (they take up to a second).
fn random_query(rng: &mut Rng, heavy: bool) -> String {
    let word = *rng.pick(WORDS);
    match rng.below(14) {
        0 => random_bytes_query(rng),
        1 => format!("\"{word} {}", rng.pick(WORDS)),
        2 => format!(
            "\"{word} {}\"~{}",
            rng.pick(WORDS),
            rng.pick(&[
                "99999999",
                "1000",
                "1001",
                "0",
                "18446744073709551616",
                "-5",
                ""
            ])
        ),
        3 => {
            let open = rng.below(2000);
            let close = if rng.one_in(2) { open } else { rng.below(2000) };
            format!("{}{word}{}", "(".repeat(open), ")".repeat(close))
        }
        4 => format!("{}{word}", "NOT ".repeat(rng.below(200))),
        5 => format!(
            "{}:{word}",
            rng.pick(&[
                "foo",
                "headline",
                "people",
                "",
                "HEADLINE",
                "body:body",
                "quote"
            ])
        ),
        6 if heavy || rng.one_in(100) => {
            let n = *rng.pick(&[10_000usize, 19_999, 20_000, 20_001]);
            let sep = *rng.pick(&[" ", " OR ", " AND "]);
            vec![word; n].join(sep)
        }
        7 => {
            let n = 1 + rng.below(8);
            let mut q = soup(rng, n);
            let c = char::from_u32(1 + rng.below(0x9f) as u32).unwrap_or(' ');
            q.insert(0, c);
            q
        }
        8 => String::new(),
        9 | 10 => format!("{word} {}", rng.pick(WORDS)),
        _ => {
            let n = 1 + rng.below(12);
            soup(rng, n)
        }
    }
}

const ODD_VALUES: &[&str] = &[
    "",
    " ",
    "2025",
    "2025-11",
    "2025-11-25",
    "2025-13-45",
    "2025-02-29",
    "0000",
    "-1",
    "99999",
    "99999999999999999999",
    "abc",
    "2025-1-1",
    "\u{1b}[31m",
    "\u{202e}quist",
    "quist",
    "Quist",
    "Mara Quist",
    "riga",
    "RIGA",
    "harbour city",
    "Tomas Berg",
    "berg",
    "x",
    "\u{fc}",
    "\u{9b}",
    "--",
    "-date",
];

fn odd(rng: &mut Rng) -> String {
    if rng.one_in(6) {
        random_bytes_query(rng)
    } else {
        rng.pick(ODD_VALUES).to_string()
    }
}

/// Random `search` flags; values never hold NUL (an argument cannot).
fn random_flags(rng: &mut Rng) -> Vec<String> {
    let mut a: Vec<String> = Vec::new();
    for _ in 0..rng.below(4) {
        match rng.below(14) {
            0 => a.push("--in-quotes".into()),
            1 => a.push("--any".into()),
            2 => a.extend(["--person".into(), odd(rng)]),
            3 => a.extend(["--speaker".into(), odd(rng)]),
            4 => a.extend(["--place".into(), odd(rng)]),
            5 => a.extend(["--since".into(), odd(rng)]),
            6 => a.extend(["--until".into(), odd(rng)]),
            7 => a.extend([
                "--sort".into(),
                rng.pick(&["score", "date", "-date", "x"]).to_string(),
            ]),
            8 => a.extend([
                "--limit".into(),
                rng.pick(&["0", "1", "1000000", "18446744073709551615", "-1"])
                    .to_string(),
            ]),
            9 => a.extend([
                "--offset".into(),
                rng.pick(&["0", "3", "18446744073709551615", "x"])
                    .to_string(),
            ]),
            10 => a.extend([
                "--format".into(),
                rng.pick(&["text", "json", "jsonl", "csv", "tsv", "md", "xml"])
                    .to_string(),
            ]),
            11 => a.push(rng.pick(&["--count", "--all"]).to_string()),
            12 => a.extend([
                "--color".into(),
                rng.pick(&["never", "always", "auto"]).to_string(),
            ]),
            _ => a.extend([
                "--fields".into(),
                rng.pick(&["id,headline", "quote,speaker", "nope", "", ",,,"])
                    .to_string(),
            ]),
        }
    }
    a
}

fn no_nul(s: String) -> String {
    s.replace('\0', " ")
}

/// Linux refuses a single argument over 128 KiB; longer queries are cut (at a character).
fn fit_argv(mut s: String) -> String {
    let mut end = s.len().min(120_000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

// ---------------------------------------------------------------------------------------------
// Through the binary
// ---------------------------------------------------------------------------------------------

/// Longest a single search may take (a hang detector: searches here take milliseconds).
const RUN_BOUND: Duration = Duration::from_secs(10);

/// Runs newsdex with a hard timeout; output goes to files so a large output cannot block it.
fn run_timed(dir: &Path, args: &[String], n: usize) -> (Run, Duration) {
    let out_path = dir.join(format!("run-{n}.out"));
    let err_path = dir.join(format!("run-{n}.err"));
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("spawn newsdex");
    let status = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if started.elapsed() > RUN_BOUND * 6 {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let took = started.elapsed();
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let run = Run {
        code: status.and_then(|s| s.code()).unwrap_or(-1),
        stdout: read(&out_path),
        stderr: read(&err_path),
    };
    let _ = std::fs::remove_file(out_path);
    let _ = std::fs::remove_file(err_path);
    (run, took)
}

/// The problem with one run, if any.
fn judge(run: &Run, took: Duration) -> Option<String> {
    if !matches!(run.code, 0..=2) {
        return Some(format!("exit {} (killed or crashed)", run.code));
    }
    if run.stderr.contains("panicked") {
        return Some(format!("panicked: {}", run.stderr));
    }
    if run.code == 2 && run.stderr.trim().is_empty() {
        return Some("exit 2 without an error message".into());
    }
    if took > RUN_BOUND {
        return Some(format!("took {took:.1?}"));
    }
    None
}

/// Short display of an argument list (10,000-term queries are cut).
fn show(args: &[String]) -> String {
    let v: Vec<String> = args
        .iter()
        .map(|a| {
            let s: String = a.chars().take(120).collect();
            if s.len() < a.len() {
                format!("{s:?}... ({} bytes)", a.len())
            } else {
                format!("{s:?}")
            }
        })
        .collect();
    v.join(" ")
}

#[test]
fn random_queries_through_the_binary() {
    let env = indexed();
    let runs = env_usize("NEWSDEX_QUERY_RUNS", 300);
    let threads = env_usize("NEWSDEX_QUERY_THREADS", 2).max(1);
    let seed = seed();
    let started = Instant::now();
    let results: Vec<(usize, [usize; 3], Duration, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let dir = env.path();
                s.spawn(move || {
                    let mut codes = [0usize; 3];
                    let mut max = Duration::ZERO;
                    let mut problems = Vec::new();
                    for n in (t..runs).step_by(threads) {
                        let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0x9e37_79b9));
                        let mut args: Vec<String> = vec!["search".into()];
                        let q = fit_argv(no_nul(random_query(&mut rng, true)));
                        let flags: Vec<String> =
                            random_flags(&mut rng).into_iter().map(no_nul).collect();
                        args.extend(flags);
                        args.extend(["--index".into(), "idx".into()]);
                        if rng.one_in(2) {
                            args.push("--".into());
                        }
                        args.push(q);
                        let (run, took) = run_timed(dir, &args, n);
                        max = max.max(took);
                        if let Ok(code @ 0..=2) = usize::try_from(run.code) {
                            codes[code] += 1;
                        }
                        if let Some(p) = judge(&run, took) {
                            problems.push(format!("run {n}: {p}\n  newsdex {}", show(&args)));
                        }
                    }
                    (t, codes, max, problems)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let mut codes = [0usize; 3];
    let mut max = Duration::ZERO;
    let mut problems = Vec::new();
    for (_, c, m, p) in results {
        for i in 0..3 {
            codes[i] += c[i];
        }
        max = max.max(m);
        problems.extend(p);
    }
    println!(
        "queries via binary: runs {runs} exit0 {} exit1 {} exit2 {} other {} max_ms {} seed {seed} seconds {:.1}",
        codes[0],
        codes[1],
        codes[2],
        problems
            .iter()
            .filter(|p| p.contains("exit -1") || p.contains("killed"))
            .count(),
        max.as_millis(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        problems.is_empty(),
        "{} of {runs} searches failed (NEWSDEX_QUERY_SEED={seed}):\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Not all errors, not all successes: the generator reaches both sides.
    assert!(codes[2] > 0 && codes[0] + codes[1] > 0, "{codes:?}");
}

// ---------------------------------------------------------------------------------------------
// In-process, through the library
// ---------------------------------------------------------------------------------------------

/// One random search as the library sees it.
struct Case {
    query: String,
    any: bool,
    in_quotes: bool,
    filters: FilterSpec,
    sort: SortOrder,
    limit: usize,
    offset: usize,
    format: OutputFormat,
    fields: Vec<String>,
    color: bool,
}

fn random_case(rng: &mut Rng) -> Case {
    let mut filters = FilterSpec::default();
    for _ in 0..rng.below(3) * usize::from(rng.one_in(3)) {
        match rng.below(5) {
            0 => filters.person.push(odd(rng)),
            1 => filters.speaker.push(odd(rng)),
            2 => filters.place.push(odd(rng)),
            // Dates reach the library parsed (the CLI rejects the rest); odd ones parse rarely.
            3 => filters.since = Period::parse(&odd(rng)).ok(),
            _ => filters.until = Period::parse(&odd(rng)).ok(),
        }
    }
    let formats = [
        OutputFormat::Text,
        OutputFormat::Json,
        OutputFormat::Jsonl,
        OutputFormat::Csv,
        OutputFormat::Tsv,
        OutputFormat::Md,
    ];
    Case {
        query: random_query(rng, false),
        any: rng.one_in(3),
        in_quotes: rng.one_in(3),
        filters,
        sort: *rng.pick(&[SortOrder::Score, SortOrder::Date, SortOrder::DateDesc]),
        limit: *rng.pick(&[0, 1, 10, 1000, usize::MAX]),
        offset: *rng.pick(&[0, 1, 3, usize::MAX]),
        format: *rng.pick(&formats),
        fields: if rng.one_in(4) {
            vec![
                "id".into(),
                "snippet".into(),
                "quote".into(),
                "speakers".into(),
            ]
        } else {
            Vec::new()
        },
        color: rng.one_in(2),
    }
}

/// An index opened once, for the cases that go through [`search::prepare_with`] rather than
/// [`search::prepare`] (which opens the index anew each time and would make 10,000 cases slow).
struct Opened {
    searcher: tantivy::Searcher,
    fields: newsdex::index::Fields,
}

fn open(idx: &Path) -> Opened {
    let (index, fields) = newsdex::index::open_existing(idx).expect("open index");
    let searcher = index.reader().expect("reader").searcher();
    Opened { searcher, fields }
}

/// Runs one case the way `newsdex search` does (through `search::prepare` when `via_prepare`,
/// else against the index opened once); returns the hits written. Errors (bad filters, syntax)
/// are fine; panics are not, and the output must keep each format's promises.
fn run_case(idx: &Path, o: &Opened, c: &Case, via_prepare: bool) -> anyhow::Result<usize> {
    let filters = Filters::new(&c.filters)?;
    let spec = SearchSpec {
        query: Some(c.query.clone()),
        any: c.any,
        in_quotes: c.in_quotes,
        filters: filters.clone(),
    };
    let p = if via_prepare {
        search::prepare(idx, &spec)?
    } else {
        search::prepare_with(o.searcher.clone(), o.fields, &spec)?
    };
    let highlighter = p.highlighter();
    if filters.unknown_name(&p.searcher, &p.fields)?.is_some() {
        return Ok(0);
    }
    let columns = export::columns(&c.fields, c.in_quotes, export::Grouping::None)?;
    let mut ex = Exporter::new(Vec::new(), c.format, columns, c.color);
    let refs = if via_prepare {
        p.all(c.sort)?
    } else {
        p.top(c.sort, c.limit, c.offset)?.1
    };
    ex.begin(refs.len(), &c.query, c.offset)?;
    let mut loader = p.loader();
    for r in &refs {
        let hit = loader.load(*r)?;
        let snip = highlighter.snippet(hit.quote.as_deref().unwrap_or(&hit.body));
        ex.write(&hit, Some(&snip))?;
    }
    let out = ex.finish()?;
    check_output(&out, c);
    if via_prepare && !c.in_quotes {
        search::stats::compute(&p)?;
        let stories = search::collapse::stories(&p.searcher, refs.clone())?;
        let copies: usize = stories.iter().map(|s| 1 + s.copies.len()).sum();
        assert_eq!(copies, refs.len(), "every hit is in exactly one story");
    }
    Ok(refs.len())
}

/// What every output must keep: JSON parses, and no raw escape without colour.
fn check_output(out: &[u8], c: &Case) {
    let text = String::from_utf8_lossy(out);
    match c.format {
        OutputFormat::Json => {
            let v: Result<serde_json::Value, _> = serde_json::from_slice(out);
            assert!(v.is_ok(), "JSON output does not parse: {text}");
        }
        OutputFormat::Jsonl => {
            for line in text.lines() {
                let v: Result<serde_json::Value, _> = serde_json::from_str(line);
                assert!(v.is_ok(), "JSON Lines output line does not parse: {line}");
            }
        }
        _ => {}
    }
    if !c.color || c.format != OutputFormat::Text {
        assert!(
            !out.contains(&0x1b),
            "raw ESC in {:?} output: {text:?}",
            c.format
        );
    }
}

/// Parses and compiles alone (no index): the cheapest way through the query language.
fn compile_only(q: &str, any: bool, in_quotes: bool) -> Option<Box<dyn Query>> {
    let (_, fields) = newsdex::index::schema::build();
    let ast = query::parse(q).ok()?;
    let mut c = Compiler::new(&fields, any, in_quotes);
    let compiled = c.compile(&ast)?;
    let mut terms = Vec::new();
    c.highlight_terms(&ast, fields.body, &mut terms);
    let h = Highlighter::new(&terms, fields.body, SNIPPET_CHARS);
    let _ = h.snippet("The harbour cranes moved again, \"said\" Quist \u{1b}[31m.");
    Some(Box::new(BooleanQuery::new(vec![(Occur::Must, compiled)])))
}

/// Panics already reported that are not newsdex's to fix. They are counted, not failed, unless
/// `NEWSDEX_FUZZ_STRICT` is set.
const KNOWN_PANICS: &[(&str, &str)] = &[
    // `NOT U.S.` (an excluded multi-token word) seeks a PhraseScorer backwards; results in
    // release are right. A tantivy debug assertion (debug builds only), not newsdex's.
    (
        "phrase_query/phrase_scorer.rs:578:",
        "none (tantivy debug assertion)",
    ),
];

fn known_panic(at: &str) -> bool {
    std::env::var_os("NEWSDEX_FUZZ_STRICT").is_none()
        && KNOWN_PANICS.iter().any(|(loc, _)| at.contains(loc))
}

thread_local! {
    /// Where and why the last panic on this thread happened, while a case runs.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into its location and message (not printed: the report lists it).
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                return default(info);
            }
            let p = info.payload();
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let at = info.location().map_or(String::new(), |l| l.to_string());
            LAST_PANIC.with(|l| *l.borrow_mut() = Some(format!("{at}: {msg}")));
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|_| {
        LAST_PANIC
            .with(|l| l.borrow_mut().take())
            .unwrap_or_default()
    })
}

#[test]
fn random_queries_in_process() {
    let env = indexed();
    let idx = env.path().join("idx");
    let opened = open(&idx);
    let runs = env_usize("NEWSDEX_QUERY_LIB_RUNS", 10_000);
    let seed = seed();
    let started = Instant::now();
    let (mut ok, mut errors, mut found, mut known) = (0usize, 0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for n in 0..runs {
        let mut rng = Rng::new(seed.wrapping_add(1) ^ (n as u64).wrapping_mul(0x2545_f491));
        let case = random_case(&mut rng);
        let via_prepare = rng.one_in(25);
        let t0 = Instant::now();
        let outcome = catch(|| {
            let _ = compile_only(&case.query, case.any, case.in_quotes);
            run_case(&idx, &opened, &case, via_prepare)
        });
        let took = t0.elapsed();
        if took > slowest.0 {
            slowest = (took, case.query.chars().take(60).collect());
        }
        match outcome {
            Ok(Ok(hits)) => {
                ok += 1;
                found += usize::from(hits > 0);
            }
            Ok(Err(e)) => {
                errors += 1;
                if std::env::var_os("NEWSDEX_QUERY_DEBUG").is_some() {
                    let first: String = format!("{e:#}").chars().take(50).collect();
                    println!("error: {first}");
                }
            }
            Err(at) if known_panic(&at) => known += 1,
            Err(at) => problems.push(format!(
                "case {n}: panicked at {at}\n  query {:?} (in_quotes {}, any {}, filters {:?}, sort {:?}, limit {}, offset {}, via_prepare {via_prepare}, format {:?})",
                case.query.chars().take(200).collect::<String>(),
                case.in_quotes,
                case.any,
                case.filters,
                case.sort,
                case.limit,
                case.offset,
                case.format
            )),
        }
        if took > RUN_BOUND {
            problems.push(format!("case {n}: took {took:.1?} on {:?}", case.query));
        }
    }
    println!(
        "queries in process: runs {runs} ok {ok} (with hits {found}) errors {errors} panics {} known {known} slowest {:.1?} ({:?}) seconds {:.1}",
        problems.len() + known,
        slowest.0,
        slowest.1,
        started.elapsed().as_secs_f64()
    );
    assert!(
        problems.is_empty(),
        "NEWSDEX_QUERY_SEED={seed}:\n{}",
        problems.join("\n")
    );
    assert!(
        found > 0 && errors > 0,
        "the generator reaches hits and errors"
    );
}

// ---------------------------------------------------------------------------------------------
// Terminal safety
// ---------------------------------------------------------------------------------------------

/// newsdex's own colour codes (export.rs); with `--color always` no other escape may appear.
const OWN_CODES: &[&str] = &["\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"];

/// An index whose every text field carries terminal escapes, C1 controls and bidi overrides.
fn hostile_index() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "evil.txt",
        "Harbour \u{1b}[31mstrike\u{1b}]0;pwned\u{7} ends \u{9b}31m \u{202e}desrever\n\n\
         \u{202e}RIGA\u{1b}[2J, May 2 (Reuters) - The harbour \u{1b}[5mcranes\u{1b}[0m moved \
         again \u{9b}2J on Friday. \"We \u{1b}[31mthank\u{202e} the union,\" said Mara Quist. \
         Harbour workers cheered \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}.\n",
    );
    env.write_jsonl(
        "evil.jsonl",
        &[json!({
            "title": "Harbour news \u{1b}[41m \u{9b}0m \u{202e}tfel",
            "body": "The harbour reopened. \"All \u{1b}[31mclear\u{9b},\" said Ivo Brandt.",
            "date": "2025-05-02",
            "people": ["Evil\u{1b}[31m Name", "\u{202e}Ivo Brandt"],
            "places": ["\u{9b}riga"],
            "dateline": "\u{202e}RIGA\u{1b}[2J, May 2 -",
            "author": "\u{1b}]0;title\u{7}Reporter",
            "url": "http://example.invalid/\u{1b}[31m"
        })],
    );
    env.index();
    env
}

/// Runs newsdex and returns the raw stdout and stderr bytes (no lossy conversion).
fn raw(env: &TestEnv, args: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let o = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(env.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run newsdex");
    (o.status.code().unwrap_or(-1), o.stdout, o.stderr)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The unsafe bytes left in `out` (after removing newsdex's own codes when `own_allowed`).
fn unsafe_in(out: &[u8], own_allowed: bool) -> Vec<&'static str> {
    let mut out = out.to_vec();
    if own_allowed {
        let mut s = String::from_utf8_lossy(&out).into_owned();
        for code in OWN_CODES {
            s = s.replace(code, "");
        }
        out = s.into_bytes();
    }
    let mut found = Vec::new();
    if out.contains(&0x1b) {
        found.push("ESC");
    }
    if out.contains(&0x07) {
        found.push("BEL");
    }
    if contains(&out, "\u{9b}".as_bytes()) {
        found.push("U+009B");
    }
    if contains(&out, "\u{202e}".as_bytes()) {
        found.push("U+202E");
    }
    found
}

fn assert_safe(env: &TestEnv, args: &[&str], own_allowed: bool) {
    let (code, out, err) = raw(env, args);
    let e = String::from_utf8_lossy(&err);
    assert!(matches!(code, 0 | 1), "newsdex {args:?} exit {code}: {e}");
    assert!(!e.contains("panicked"), "{e}");
    let bad = unsafe_in(&out, own_allowed);
    assert!(
        bad.is_empty(),
        "newsdex {args:?} wrote raw {bad:?} to stdout:\n{:?}",
        String::from_utf8_lossy(&out)
    );
    let bad = unsafe_in(&err, false);
    assert!(
        bad.is_empty(),
        "newsdex {args:?} wrote raw {bad:?} to stderr: {e:?}"
    );
}

#[test]
fn terminal_safety_search_every_format() {
    let env = hostile_index();
    let (code, out, _) = raw(&env, &["search", "harbour", "--index", "idx", "--count"]);
    assert_eq!(
        (code, String::from_utf8_lossy(&out).trim()),
        (0, "2"),
        "both articles found"
    );
    // The hostile text is shown, made visible: the checks below look at real output.
    let (_, out, _) = raw(
        &env,
        &["search", "harbour", "--index", "idx", "--color", "never"],
    );
    let shown = String::from_utf8_lossy(&out);
    for visible in ["\\u{1b}[31m", "\\u{202e}", "\\u{9b}"] {
        assert!(shown.contains(visible), "{visible} not in {shown}");
    }
    for format in ["text", "json", "jsonl", "csv", "tsv", "md"] {
        for query in [
            "harbour",
            "harbour \u{1b}[31m",
            "\"harbour news\" OR cranes",
            "*",
        ] {
            let base = ["search", query, "--index", "idx", "--format", format];
            assert_safe(&env, &[&base[..], &["--color", "never"]].concat(), false);
            assert_safe(&env, &[&base[..], &["--color", "always"]].concat(), true);
            let fields = [
                "--fields",
                "id,headline,date,place,people,speakers,path,snippet,quote",
            ];
            assert_safe(
                &env,
                &[&base[..], &fields, &["--color", "never"]].concat(),
                false,
            );
        }
    }
    for filter in [
        ["--place", "riga"],
        ["--person", "brandt"],
        ["--speaker", "quist"],
    ] {
        let args = [
            &["search", "harbour", "--index", "idx", "--color", "never"][..],
            &filter,
        ]
        .concat();
        assert_safe(&env, &args, false);
    }
    // An unknown name with escapes is reported on stderr, escaped.
    assert_safe(
        &env,
        &[
            "search",
            "harbour",
            "--index",
            "idx",
            "--person",
            "\u{1b}[31mx\u{202e}",
        ],
        false,
    );
}

#[test]
fn terminal_safety_quote_search() {
    let env = hostile_index();
    for color in ["never", "always"] {
        let args = [
            "search",
            "*",
            "--in-quotes",
            "--index",
            "idx",
            "--color",
            color,
        ];
        assert_safe(&env, &args, color == "always");
    }
}

#[test]
fn terminal_safety_stats() {
    let env = hostile_index();
    assert_safe(&env, &["stats", "--index", "idx"], false);
    assert_safe(&env, &["stats", "harbour", "--index", "idx"], false);
}

/// `stats --format json` writes names with serde_json, which escapes C0 controls but leaves C1
/// controls and bidi overrides raw.
#[test]
fn terminal_safety_stats_json() {
    let env = hostile_index();
    assert_safe(
        &env,
        &["stats", "--index", "idx", "--format", "json"],
        false,
    );
}
