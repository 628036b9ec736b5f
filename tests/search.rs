//! `newsdex search` and `newsdex stats` driven as a user would: the real binary on a small JSON
//! Lines corpus written into a temp dir (every sentence here is made up for the tests), plus a
//! count check against the Reuters-21578 corpus when it is present.

mod util;

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Value, json};
use util::{TestEnv, shared};

/// The test corpus: six articles with dates, datelines and people, one with a terminal escape in
/// its headline and one with CSV-hostile punctuation.
fn corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write_jsonl(
        "news.jsonl",
        &[
            json!({"id": "a1", "headline": "Oil prices climb on supply worries",
                   "body": "Crude oil prices rose on Monday after a pipeline outage in the north. Traders said oil prices could keep rising.",
                   "date": "2025-11-03", "dateline": "LISBON, Nov 3 -", "people": ["Ana Lima"]}),
            json!({"id": "a2", "headline": "Refiners face thin margins",
                   "body": "Refiners said prices for crude oil were volatile, and margins on diesel shrank.",
                   "date": "2025-11-30", "dateline": "OSLO, Nov 30 -", "people": ["Bo Chen"]}),
            json!({"id": "a3", "headline": "Central bank holds rates",
                   "body": "The Federal Reserve kept its benchmark rate steady, citing inflation in food prices.",
                   "date": "2025-12-01", "dateline": "LISBON, Dec 1 -", "people": ["Ana Lima", "Carl Ortiz"]}),
            json!({"id": "a4", "headline": "Trade deficit narrows",
                   "body": "The trade deficit narrowed in October as exports of machinery rose.",
                   "date": "2025-10-15", "dateline": "OSLO, Oct 15 -"}),
            json!({"id": "a5", "headline": "Café owners in Zürich",
                   "body": "Café owners in ZÜRICH said the price of coffee beans doubled.",
                   "date": "2024-06-10", "dateline": "ZURICH, June 10 -", "people": ["Dana Weiss"]}),
            json!({"id": "a6", "headline": "Harvest report",
                   "body": "Farmers expect a record wheat crop; oil seed output fell."}),
        ],
    );
    env.write_jsonl(
        "odd.jsonl",
        &[
            json!({"id": "b1", "headline": "\u{1b}[31mRed alert drill",
                   "body": "Alert sirens were tested downtown.\u{7}", "date": "2023-01-05"}),
            json!({"id": "b2", "headline": "Markets, \"bulls\" and bears",
                   "body": "Line one about markets.\nLine two, with a comma; and a tab\there.", "date": "2023-02-07"}),
        ],
    );
    env.index();
    env
}

#[test]
fn words_phrases_and_operators_count_as_documented() {
    let env = corpus();
    assert_eq!(env.count("oil prices", &[]), 2, "both words, anywhere");
    assert_eq!(env.count("\"oil prices\"", &[]), 1, "exact phrase");
    assert_eq!(env.count("\"crude oil\"", &[]), 2);
    assert_eq!(
        env.count("\"crude prices\"~2", &[]),
        1,
        "slop lets words in between"
    );
    assert_eq!(env.count("oil prices", &["--any"]), 4);
    assert_eq!(env.count("oil OR prices", &[]), 4);
    assert_eq!(env.count("oil -crude", &[]), 1);
    assert_eq!(env.count("oil AND NOT crude", &[]), 1);
    assert_eq!(env.count("(wheat OR coffee) AND NOT beans", &[]), 1);
    assert_eq!(env.count("headline:oil", &[]), 1);
    assert_eq!(env.count("body:\"federal reserve\"", &[]), 1);
    assert_eq!(env.count("headline:(trade deficit)", &[]), 1);
    assert_eq!(env.count("zurich", &[]), 1, "accents fold");
    assert_eq!(env.count("CAFE", &[]), 1, "case folds");
    assert_eq!(env.count("*", &[]), 8);
}

#[test]
fn syntax_errors_exit_2_with_a_caret() {
    let env = corpus();
    for (q, caret_col) in [
        ("oil \"prices", 4),
        ("oil (prices", 4),
        ("oil prices)", 10),
        ("oil AND", 7),
        ("OR oil", 0),
        ("oil OR OR gas", 7),
        ("\"oil prices\"~", 12),
    ] {
        let run = env.search(q, &[]);
        run.expect_code(2);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert!(
            run.stderr.contains("query syntax error"),
            "{q}: {}",
            run.stderr
        );
        assert!(
            lines.iter().any(|l| l.trim_end() == format!("  {q}")),
            "{q}: {}",
            run.stderr
        );
        let caret = lines
            .iter()
            .find(|l| l.trim() == "^")
            .expect("a caret line");
        assert_eq!(
            caret.len() - 1,
            caret_col + 2,
            "{q}: caret under the problem"
        );
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn unknown_field_and_empty_query_exit_2() {
    let env = corpus();
    let run = env.search("author:smith", &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("unknown field"), "{}", run.stderr);
    env.search("", &[]).expect_code(2);
    env.search("   ", &[]).expect_code(2);
    let run = env.search("!!! ... &&&", &[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("nothing to search for"),
        "{}",
        run.stderr
    );
}

#[test]
fn huge_and_deep_queries_end_cleanly() {
    let env = corpus();
    let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
    let all_required = words.join(" ");
    env.search(&all_required, &["--count"]).expect_code(1);
    let any = format!("oil OR {}", words.join(" OR "));
    assert!(env.search(&any, &["--count"]).count() >= 1);
    let deep = format!("{}oil{}", "(".repeat(100), ")".repeat(100));
    let run = env.search(&deep, &[]);
    run.expect_code(2);
    assert!(run.stderr.contains("nests deeper"), "{}", run.stderr);
    env.search(&"NOT ".repeat(5_000), &[]).expect_code(2);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let env = corpus();
    let run = env.search("alert OR \u{1b}[2J\u{7}", &["--color", "never"]);
    run.expect_code(0);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{:?}",
        run.stdout
    );
    // Ingestion may already strip the escape; either way only visible text is printed.
    assert!(run.stdout.contains("Red alert drill"), "{}", run.stdout);
    let bad = env.search("oil (\u{1b}[31m", &[]);
    bad.expect_code(2);
    assert!(!bad.stderr.contains('\u{1b}'), "{:?}", bad.stderr);
    let csv = env.search("alert", &["--format", "csv", "--fields", "headline,body"]);
    assert!(!csv.stdout.contains('\u{1b}'));
}

#[test]
fn count_equals_all_jsonl_lines() {
    let env = corpus();
    for q in ["oil", "*", "prices OR markets", "\"crude oil\""] {
        let n = env.count(q, &[]);
        let all = env.search(q, &["--all", "--format", "jsonl"]);
        all.expect_code(0);
        let lines: Vec<Value> = all
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(lines.len(), n, "{q}");
        let ids: HashSet<&str> = lines.iter().filter_map(|v| v["id"].as_str()).collect();
        assert_eq!(ids.len(), n, "{q}: no duplicates");
    }
}

#[test]
fn csv_round_trips_through_a_csv_reader() {
    let env = corpus();
    let run = env.search(
        "*",
        &[
            "--all",
            "--format",
            "csv",
            "--fields",
            "id,headline,body,people,date",
        ],
    );
    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["id", "headline", "body", "people", "date"]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("valid CSV row"))
        .collect();
    assert_eq!(rows.len(), 8);
    let b2 = rows.iter().find(|r| r[0].ends_with("#b2")).expect("b2 row");
    assert_eq!(&b2[1], "Markets, \"bulls\" and bears");
    assert_eq!(
        &b2[2],
        "Line one about markets.\nLine two, with a comma; and a tab\there."
    );
    let a3 = rows.iter().find(|r| r[0].ends_with("#a3")).expect("a3 row");
    assert_eq!(&a3[3], "Ana Lima; Carl Ortiz");
    assert_eq!(&a3[4], "2025-12-01");
}

#[test]
fn tsv_md_and_json_formats_are_well_formed() {
    let env = corpus();
    let tsv = env.search("markets", &["--format", "tsv", "--fields", "headline,body"]);
    let lines: Vec<&str> = tsv.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "header + one row, newlines escaped: {:?}",
        tsv.stdout
    );
    assert_eq!(lines[1].split('\t').count(), 2);
    assert!(lines[1].contains("markets.\\nLine two") && lines[1].contains("tab\\there"));
    let md = env.search("markets", &["--format", "md", "--fields", "headline"]);
    assert!(
        md.stdout.starts_with("| headline |\n|---|\n"),
        "{}",
        md.stdout
    );
    let json = env.search("oil", &["--format", "json", "--limit", "2"]);
    let v: Value = serde_json::from_str(&json.stdout).expect("a JSON array");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert!(v[0]["score"].as_f64().is_some_and(|s| s > 0.0));
    assert!(v[0]["people"].is_array());
}

#[test]
fn text_output_has_header_headline_and_highlight() {
    let env = corpus();
    let run = env.search("\"oil prices\"", &["--color", "always"]);
    run.expect_code(0);
    assert!(
        run.stdout.starts_with("1 hit for \"oil prices\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\u{1b}[1;31moil\u{1b}[0m \u{1b}[1;31mprices\u{1b}[0m"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2025-11-03"));
    let plain = env.search("\"oil prices\"", &[]);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert!(plain.stdout.contains("Crude oil prices rose"));
}

#[test]
fn limit_offset_and_date_sorts() {
    let env = corpus();
    let dates = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--format", "jsonl", "--fields", "date"];
        args.extend_from_slice(extra);
        env.search("*", &args)
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("json")["date"].to_string())
            .collect()
    };
    let asc = dates(&["--sort", "date", "--limit", "3"]);
    assert_eq!(asc, ["\"2023-01-05\"", "\"2023-02-07\"", "\"2024-06-10\""]);
    let desc = dates(&["--sort", "-date", "--limit", "2", "--offset", "1"]);
    assert_eq!(desc, ["\"2025-11-30\"", "\"2025-11-03\""]);
    let all_desc = dates(&["--sort", "-date", "--all"]);
    assert_eq!(all_desc.len(), 8);
    assert_eq!(
        all_desc.last().map(String::as_str),
        Some("null"),
        "undated last"
    );
    assert_eq!(dates(&["--limit", "0"]).len(), 0);
    assert_eq!(
        dates(&["--limit", "18446744073709551615"]).len(),
        8,
        "no giant allocation"
    );
    assert_eq!(dates(&["--offset", "18446744073709551615"]).len(), 0);
    assert_eq!(
        dates(&["--all", "--offset", "18446744073709551615"]).len(),
        0
    );
}

#[test]
fn output_file_is_atomic_and_never_overwritten_silently() {
    let env = corpus();
    let out = env.path().join("hits.jsonl");
    std::fs::write(&out, "keep me\n").expect("write");
    let before = env.files();
    let run = env.search(
        "oil",
        &["--all", "--format", "jsonl", "--output", "hits.jsonl"],
    );
    run.expect_code(2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me\n");
    assert_eq!(env.files(), before, "no temp file left behind");

    let run = env.search(
        "oil",
        &[
            "--all",
            "--format",
            "jsonl",
            "--output",
            "hits.jsonl",
            "--force",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("wrote 3 records to hits.jsonl"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("read").lines().count(),
        3
    );
    assert_eq!(env.files(), before);

    let run = env.search("oil", &["--output", "no/such/dir/hits.csv"]);
    run.expect_code(2);
    assert!(!env.path().join("no").exists());
}

#[test]
fn each_filter_alone_and_combined() {
    let env = corpus();
    assert_eq!(env.count("*", &["--place", "lisbon"]), 2);
    assert_eq!(env.count("*", &["--place", "Oslo"]), 2);
    assert_eq!(env.count("*", &["--place", "zürich"]), 1);
    assert_eq!(env.count("*", &["--since", "2025-11"]), 3);
    assert_eq!(env.count("*", &["--until", "2025-11"]), 6, "through Nov 30");
    assert_eq!(env.count("*", &["--until", "2025-11-29"]), 5);
    assert_eq!(env.count("*", &["--since", "2025"]), 4);
    assert_eq!(env.count("*", &["--until", "2024"]), 3);
    assert_eq!(
        env.count("*", &["--since", "2025-11", "--until", "2025-11"]),
        2
    );
    assert_eq!(
        env.count("*", &["--place", "lisbon", "--since", "2025-12"]),
        1
    );
    assert_eq!(
        env.count("oil", &["--place", "oslo", "--since", "2025-11-30"]),
        1
    );
    assert_eq!(
        env.count("prices", &["--place", "lisbon", "--until", "2025-11-03"]),
        1
    );
    assert_eq!(env.count("coffee", &["--place", "oslo"]), 0);
}

#[test]
fn person_filter_uses_full_names_and_surnames() {
    // People given by the source (JSON `people`) are indexed as person keys; names found by
    // extraction go through the same keys.
    let env = corpus();
    assert_eq!(env.count("*", &["--person", "lima"]), 2);
    assert_eq!(env.count("*", &["--person", "Ana Lima"]), 2);
    assert_eq!(env.count("*", &["--person", "Ms. Lima"]), 2);
    assert_eq!(
        env.count("*", &["--person", "Lima", "--person", "Ortiz"]),
        1
    );
    assert_eq!(
        env.count("oil", &["--person", "lima", "--place", "lisbon"]),
        1
    );
    assert_eq!(
        env.count("*", &["--person", "Ana Lima", "--place", "oslo"]),
        0
    );
}

#[test]
fn person_filter_finds_names_extracted_from_the_text() {
    let env = TestEnv::new();
    env.write_jsonl(
        "p.jsonl",
        &[
            json!({"id": "p1", "headline": "Budget vote delayed",
                   "body": "Finance Minister Petra Novak said on Tuesday that the budget vote would be delayed. Novak told reporters the coalition needed more time.",
                   "date": "2025-03-04"}),
            json!({"id": "p2", "headline": "Budget surplus forecast",
                   "body": "Economists expect a small budget surplus next year.", "date": "2025-03-05"}),
        ],
    );
    env.index();
    assert_eq!(env.count("budget", &[]), 2);
    assert_eq!(env.count("budget", &["--person", "novak"]), 1);
    assert_eq!(
        env.count("budget", &["--person", "Minister Petra Novak"]),
        1
    );
    let run = env.search(
        "budget",
        &[
            "--person", "novak", "--format", "jsonl", "--fields", "people",
        ],
    );
    assert_eq!(run.stdout.trim(), r#"{"people":["Petra Novak"]}"#);
}

/// A filter's leading titles come off by the lexicon's one title list (`Chief Justice` too), but
/// a title word that is also a first name stays when the index knows the name whole: `Dean
/// Baker` is not every Baker.
#[test]
fn name_filters_drop_titles_the_index_does_not_know() {
    let env = TestEnv::new();
    env.write_jsonl(
        "t.jsonl",
        &[
            json!({"id": "t1", "headline": "Plan doubts", "date": "2025-03-02",
                   "body": "Economist Dean Baker said the plan would fail."}),
            json!({"id": "t2", "headline": "Rates hold", "date": "2025-03-03",
                   "body": "Treasury Secretary James Baker said rates would hold."}),
            json!({"id": "t3", "headline": "Court ruling", "date": "2025-03-04",
                   "body": "Chief Justice Lena Okafor said the court would rule in May."}),
        ],
    );
    env.index();
    assert_eq!(env.count("*", &["--speaker", "Dean Baker"]), 1);
    assert_eq!(env.count("*", &["--speaker", "President Dean Baker"]), 1);
    assert_eq!(env.count("*", &["--speaker", "Secretary Baker"]), 2);
    assert_eq!(env.count("*", &["--speaker", "Chief Justice Okafor"]), 1);
    assert_eq!(
        env.count("*", &["--exact", "--speaker", "Chief Justice Lena Okafor"]),
        1
    );
    assert_eq!(env.count("*", &["--exact", "--speaker", "Dean Baker"]), 1);
}

#[test]
fn speaker_filter_and_quote_search() {
    let env = TestEnv::new();
    env.write_jsonl(
        "q.jsonl",
        &[json!({"id": "q1", "headline": "Port strike ends",
                 "body": "\"The strike is over and the cranes are moving again,\" said Mara Quist, the union leader.",
                 "date": "2025-03-02"})],
    );
    env.index();
    assert_eq!(env.count("*", &["--speaker", "quist"]), 1);
    assert_eq!(
        env.count("cranes", &["--in-quotes", "--speaker", "Mara Quist"]),
        1
    );
    assert_eq!(
        env.count("union", &["--in-quotes"]),
        0,
        "only the quoted words"
    );
    // A quote hit exports its own attribution and place in its article.
    let run = env.search(
        "cranes",
        &[
            "--in-quotes",
            "--format",
            "jsonl",
            "--fields",
            "quote,speaker,cue,direct,start,end,article",
        ],
    );
    run.expect_code(0);
    let v: Value = serde_json::from_str(run.stdout.trim()).expect("one jsonl line");
    assert_eq!(v["speaker"], "Mara Quist");
    assert_eq!(v["cue"], "said");
    assert_eq!(v["direct"], true);
    assert!(
        v["article"].as_str().is_some_and(|a| a.ends_with("#q1")),
        "{v}"
    );
    let (start, end) = (
        v["start"].as_u64().expect("start"),
        v["end"].as_u64().expect("end"),
    );
    let body = env.search("cranes", &["--format", "jsonl", "--fields", "body"]);
    let body: Value = serde_json::from_str(body.stdout.trim()).expect("body");
    let body = body["body"].as_str().expect("body text");
    assert_eq!(
        Some(v["quote"].as_str().expect("quote")),
        body.get(start as usize..end as usize)
    );
    // Article hits leave the quote columns empty.
    let run = env.search(
        "cranes",
        &["--format", "csv", "--fields", "id,speaker,direct"],
    );
    assert!(run.stdout.ends_with("#q1,,\n"), "{}", run.stdout);
    // `quote:` means quote search: it is implied, and said on stderr.
    let run = env.search("quote:cranes", &["--format", "jsonl", "--fields", "quote"]);
    run.expect_code(0);
    assert!(run.stdout.contains("cranes are moving"), "{}", run.stdout);
    assert!(run.stderr.contains("--in-quotes implied"), "{}", run.stderr);
    assert_eq!(env.count("quote:union", &[]), 0);
    let run = env.run(&["stats", "--index", "idx", "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout).expect("stats json");
    assert_eq!(
        (v["quotes"].as_u64(), v["unattributed_quotes"].as_u64()),
        (Some(1), Some(0))
    );
    // stats counts articles: it says so rather than count nothing.
    let run = env.run(&["stats", "quote:cranes", "--index", "idx"]);
    run.expect_code(2);
    assert!(run.stderr.contains("--in-quotes"), "{}", run.stderr);
}

/// More candidate articles than one in-memory batch of quote search holds (2,048), so batches
/// are merged: counts, `--all`, pages and date order must agree with each other.
#[test]
fn quote_search_over_many_batches_is_exact_and_ordered() {
    let env = TestEnv::new();
    let speakers = ["Mara Quist", "Ivo Brandt", "Lena Okafor"];
    let articles: Vec<serde_json::Value> = (0..2_600)
        .map(|i| {
            let who = speakers[i % 3];
            let day = 1 + i % 28;
            let month = 1 + (i / 28) % 12;
            json!({"id": format!("a{i}"), "headline": format!("Harbour report {i}"),
                   "body": format!("\"The cranes moved {i} containers,\" said {who}. Dockers waited. \"Wages come first,\" said {who}."),
                   "date": format!("2024-{month:02}-{day:02}")})
        })
        .collect();
    env.write_jsonl("many.jsonl", &articles);
    env.index();
    assert_eq!(env.count("cranes", &["--in-quotes"]), 2_600);
    assert_eq!(env.count("*", &["--in-quotes"]), 5_200);
    assert_eq!(
        env.count("wages", &["--in-quotes", "--speaker", "brandt"]),
        867
    );
    assert_eq!(env.count("cranes -wages", &["--in-quotes"]), 2_600);
    assert_eq!(env.count("dockers", &["--in-quotes"]), 0, "not quoted");
    let dates = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--in-quotes", "--format", "tsv", "--fields", "id,date"];
        args.extend_from_slice(extra);
        let run = env.search("cranes", &args);
        run.expect_code(0);
        run.stdout.lines().skip(1).map(str::to_string).collect()
    };
    let all = dates(&["--all", "--sort", "date"]);
    assert_eq!(all.len(), 2_600);
    let by_date: Vec<&str> = all.iter().filter_map(|l| l.split('\t').nth(1)).collect();
    assert!(
        by_date.windows(2).all(|w| w[0] <= w[1]),
        "--all --sort date is in date order"
    );
    let page = dates(&["--sort", "date", "--limit", "5", "--offset", "2000"]);
    assert_eq!(page, all[2_000..2_005], "a page is a slice of --all");
    let newest = dates(&["--sort=-date", "--limit", "3"]);
    let last: Vec<&str> = newest.iter().filter_map(|l| l.split('\t').nth(1)).collect();
    assert_eq!(last, vec![by_date[2_599]; 3], "newest first");
}

#[test]
fn bad_filters_are_clear() {
    let env = corpus();
    for bad in ["2025-13", "yesterday", "2025-02-30", "25"] {
        let run = env.search("oil", &["--since", bad]);
        run.expect_code(2);
        assert!(run.stderr.contains("not a date"), "{}", run.stderr);
    }
    env.search("oil", &["--since", "2026", "--until", "2025"])
        .expect_code(2);
    let run = env.search("oil", &["--place", "lisbn"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("matches nothing") && run.stderr.contains("lisbon"),
        "{}",
        run.stderr
    );
    let run = env.search("oil", &["--person", "Limma"]);
    run.expect_code(1);
    assert!(run.stderr.contains("lima"), "{}", run.stderr);
    env.search("oil", &["--fields", "headline,nope", "--format", "csv"])
        .expect_code(2);
}

#[test]
fn no_hits_exit_1_and_missing_index_exit_2() {
    let env = corpus();
    let run = env.search("xylophone", &[]);
    run.expect_code(1);
    assert!(run.stdout.starts_with("0 hits"));
    let run = env.run(&["search", "oil", "--index", "nowhere"]);
    run.expect_code(2);
    assert!(run.stderr.contains("no index at nowhere"), "{}", run.stderr);
}

#[test]
fn stats_report_counts_names_and_months() {
    let env = corpus();
    let run = env.run(&["stats", "--index", "idx", "--format", "json"]);
    run.expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).expect("stats JSON");
    assert_eq!(v["count"], 8);
    assert_eq!(v["first_date"], "2023-01-05");
    assert_eq!(v["last_date"], "2025-12-01");
    assert_eq!(v["undated"], 1);
    assert_eq!(v["people"][0], json!(["Ana Lima", 2]));
    let run = env.run(&["stats", "oil", "--index", "idx", "--since", "2025"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("2 documents"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2025-11") && run.stdout.contains('█'),
        "{}",
        run.stdout
    );
}

/// Tokens as the index sees them: lower-cased runs of letters and digits.
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn decode_entities(s: &str) -> String {
    let numeric = regex::Regex::new(r"&#\d+;").expect("regex");
    numeric
        .replace_all(s, " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Title and body tokens of every Reuters story, read independently of newsdex. Stories with
/// neither (TYPE="UNPROC" wire tables) count by their whole `<TEXT>`, as newsdex keeps them.
fn reuters_stories(dir: &Path) -> Vec<(Vec<String>, Vec<String>)> {
    let story = regex::Regex::new(r"(?s)<REUTERS[^>]*>(.*?)</REUTERS>").expect("regex");
    let title = regex::Regex::new(r"(?s)<TITLE>(.*?)</TITLE>").expect("regex");
    let body = regex::Regex::new(r"(?s)<BODY>(.*?)</BODY>").expect("regex");
    let whole = regex::Regex::new(r"(?s)<TEXT[^>]*>(.*?)</TEXT>").expect("regex");
    let mut out = Vec::new();
    for f in util::sgm_files(dir) {
        let bytes = std::fs::read(&f).expect("read sgm");
        let text = String::from_utf8_lossy(&bytes);
        for s in story.captures_iter(&text) {
            let inner = &s[1];
            let grab = |re: &regex::Regex| {
                re.captures(inner)
                    .map(|c| tokens(&decode_entities(&c[1])))
                    .unwrap_or_default()
            };
            if title.is_match(inner) || body.is_match(inner) {
                out.push((grab(&title), grab(&body)));
            } else {
                out.push((Vec::new(), grab(&whole)));
            }
        }
    }
    out
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn reuters_counts_match_an_independent_count() {
    let dir = shared().join("corpora/reuters21578");
    if !dir.is_dir() {
        eprintln!("skipping: no Reuters corpus at {}", dir.display());
        return;
    }
    let env = TestEnv::new();
    let index = env.path().join("idx");
    env.index_dir(&dir, &index);
    let stories = reuters_stories(&dir);
    for q in [
        "\"oil prices\"",
        "\"trade deficit\"",
        "\"federal reserve\"",
        "oil",
        "wheat",
        "coffee",
        "tonnes",
    ] {
        let needle = tokens(q);
        let expected = stories
            .iter()
            .filter(|(t, b)| contains_seq(t, &needle) || contains_seq(b, &needle))
            .count();
        let got = env.count(q, &[]);
        let tolerance = (expected as f64 * 0.005).max(1.0);
        assert!(
            (got as f64 - expected as f64).abs() <= tolerance,
            "{q}: newsdex {got}, independent count {expected}"
        );
        eprintln!("{q}: newsdex {got}, independent {expected}");
    }
}

#[test]
fn a_closed_pipe_ends_the_export_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let env = TestEnv::new();
    let articles: Vec<Value> = (0..2_000)
        .map(|i| {
            json!({"id": format!("n{i}"), "headline": format!("Bulletin number {i}"),
                   "body": format!("Bulletin {i} reports that the river level was normal and the ferry ran on time. {}",
                                   "Nothing else happened. ".repeat(10))})
        })
        .collect();
    env.write_jsonl("many.jsonl", &articles);
    env.index();
    assert_eq!(env.count("bulletin", &[]), 2_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args([
            "search", "bulletin", "--index", "idx", "--all", "--format", "jsonl", "--fields",
            "id,body",
        ])
        .current_dir(env.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsdex");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("one line");
    // The reader is gone now (more than a pipe buffer of output is still to come).
    assert!(first.starts_with("{\"id\":"), "{first}");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file of many articles is extracted on several threads and reaches the index in parts:
/// every article keeps its own headline and body, and a changed file is replaced whole.
#[test]
fn big_multi_article_file_keeps_each_article_whole() {
    let env = TestEnv::new();
    let dump = |version: &str| -> Vec<Value> {
        (0..2500)
            .map(|i| {
                json!({"id": format!("s{i}"), "headline": format!("Story {i}"),
                       "body": format!("Report number {i} mentions the marker zq{i}x {version}.")})
            })
            .collect()
    };
    env.write_jsonl("dump.jsonl", &dump("first"));
    let index = || {
        env.run(&[
            "index",
            "corpus",
            "--index",
            "idx",
            "--quiet",
            "--threads",
            "2",
        ])
        .expect_code(0);
    };
    index();
    assert_eq!(env.count("*", &[]), 2500);
    // Changed: the older documents go once, before the first part; no part deletes another.
    env.write_jsonl("dump.jsonl", &dump("second"));
    index();
    assert_eq!(env.count("*", &[]), 2500);
    assert_eq!(env.count("first", &[]), 0);
    assert_eq!(env.count("second", &[]), 2500);
    for i in [0, 1, 1023, 1024, 1025, 1249, 1250, 2499] {
        let run = env.search(
            &format!("zq{i}x"),
            &["--format", "jsonl", "--fields", "id,headline"],
        );
        let hits: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(hits.len(), 1, "zq{i}x: {}", run.stdout);
        assert_eq!(hits[0]["headline"], format!("Story {i}"));
        assert_eq!(hits[0]["id"], format!("corpus/dump.jsonl#s{i}"));
    }
}

/// `newsdex ... | head -c 200`: the reader going away is a quiet exit 0, for every output format and for
/// `extract`, with output far larger than a pipe's buffer.
#[test]
fn a_closed_pipe_is_a_quiet_exit() {
    let env = TestEnv::new();
    let articles: Vec<Value> = (0..3000)
        .map(|i| {
            json!({"id": format!("p{i}"), "headline": format!("Pipeline story number {i}"),
                   "body": "Words about pipes, readers and writers. ".repeat(20)})
        })
        .collect();
    env.write_jsonl("many.jsonl", &articles);
    env.index();
    for format in ["text", "json", "jsonl", "csv", "tsv", "md"] {
        let (head, run) = env.run_head(&[
            "search", "pipes", "--index", "idx", "--all", "--format", format,
        ]);
        assert!(!head.is_empty(), "{format}: no output");
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{format}");
    }
    for format in ["jsonl", "json"] {
        let (head, run) = env.run_head(&["extract", "corpus/many.jsonl", "--format", format]);
        assert!(head.contains("Pipeline story"), "{format}: {head}");
        assert_eq!(run.code, 0, "extract {format}: {}", run.stderr);
        assert_eq!(run.stderr, "", "extract {format}");
    }
}

/// `--all` in the default score order ranks every hit, with its score, in the order a page shows.
#[test]
fn all_in_score_order_is_ranked() {
    let env = corpus();
    env.index();
    let ids_scores = |extra: &[&str]| -> Vec<(String, f64)> {
        let mut args = vec!["--format", "jsonl", "--fields", "id,score"];
        args.extend_from_slice(extra);
        let run = env.search("oil OR prices OR crude", &args);
        run.expect_code(0);
        run.stdout
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("jsonl");
                let score = v["score"]
                    .as_f64()
                    .unwrap_or_else(|| panic!("no score: {l}"));
                (v["id"].as_str().unwrap_or_default().to_string(), score)
            })
            .collect()
    };
    let all = ids_scores(&["--all", "--sort", "score"]);
    let page = ids_scores(&["--limit", "100"]);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(all, page);
    assert!(all.windows(2).all(|w| w[0].1 >= w[1].1), "{all:?}");
}

/// Date filters and date sorts on an index with no dated article say so on stderr; on a dated
/// index they say nothing.
#[test]
fn date_options_on_an_undated_index_are_reported() {
    let env = TestEnv::new();
    env.write_jsonl(
        "undated.jsonl",
        &[
            json!({"id": "u1", "headline": "Harbour reopens", "body": "The harbour reopened for ferries."}),
            json!({"id": "u2", "headline": "Ferry fares rise", "body": "Ferry fares rose by a tenth."}),
        ],
    );
    env.index();
    let run = env.search("ferry OR ferries", &["--since", "2020"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("no article in this index has a date"),
        "{}",
        run.stderr
    );
    let run = env.search("ferry OR ferries", &["--sort", "-date"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("--sort date keeps index order"),
        "{}",
        run.stderr
    );
    let run = env.run(&["stats", "--index", "idx", "--until", "2024-05"]);
    assert!(
        run.stderr.contains("no article in this index has a date"),
        "{}",
        run.stderr
    );
    // stats names what it leaves out rather than drop the sections silently.
    let run = env.run(&["stats", "--index", "idx"]);
    run.expect_code(0);
    assert!(run.stdout.contains("dates: none"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("no people, no speakers, no places found"),
        "{}",
        run.stdout
    );
    let dated = corpus();
    dated.index();
    let run = dated.search("oil", &["--since", "2020", "--sort", "date"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
}

/// `--bom`: csv for Excel starts with the UTF-8 byte-order mark, then the same bytes as without it,
/// written to a file as to stdout; other formats refuse it.
#[test]
fn bom_marks_csv_for_spreadsheets() {
    let env = corpus();
    env.index();
    let args = ["--all", "--format", "csv", "--fields", "id,headline"];
    let plain = env.search("café OR oil", &args);
    plain.expect_code(0);
    let marked = env.search("café OR oil", &[&args[..], &["--bom"]].concat());
    marked.expect_code(0);
    assert_eq!(marked.stdout, format!("\u{feff}{}", plain.stdout));
    assert!(plain.stdout.contains("Café owners"), "{}", plain.stdout);
    let file = env.search("café", &["--format", "tsv", "--bom", "-o", "hits.tsv"]);
    file.expect_code(0);
    let bytes = std::fs::read(env.path().join("hits.tsv")).expect("hits.tsv");
    assert!(bytes.starts_with(b"\xef\xbb\xbfid\t"), "{bytes:?}");
    let refused = env.search("oil", &["--format", "jsonl", "--bom"]);
    refused.expect_code(2);
    assert!(
        refused.stderr.contains("--format csv"),
        "{}",
        refused.stderr
    );
}

/// `--exact`: the whole name only. Without it a surname finds every bearer of it.
#[test]
fn exact_names_match_the_whole_name_only() {
    let env = TestEnv::new();
    env.write_jsonl(
        "names.jsonl",
        &[
            json!({"id": "e1", "headline": "Guitar tour announced", "body": "The tour starts in June.", "people": ["Brian May"]}),
            json!({"id": "e2", "headline": "Vote on the deal", "body": "The vote is next week.", "people": ["Theresa May"]}),
            json!({"id": "e3", "headline": "Harbour news", "body": "Boats left early.", "people": ["May"]}),
            json!({"id": "e4", "headline": "Wage study", "body": "Wages rose.", "people": ["Dean Baker"]}),
        ],
    );
    env.index();
    assert_eq!(env.count("*", &["--person", "May"]), 3);
    assert_eq!(env.count("*", &["--person", "May", "--exact"]), 1);
    assert_eq!(env.count("*", &["--person", "Brian May", "--exact"]), 1);
    assert_eq!(env.count("*", &["--person", "Mr Brian May", "--exact"]), 1);
    let run = env.search("*", &["--person", "Brian", "--exact"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("\"brian\" matches nothing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("brian may"), "{}", run.stderr);
    // A bare surname under --exact is answered with the whole names that carry it.
    let run = env.search("*", &["--person", "Baker", "--exact"]);
    run.expect_code(1);
    assert!(run.stderr.contains("dean baker"), "{}", run.stderr);
}

#[test]
fn show_prints_one_whole_article_with_its_quotes() {
    let env = TestEnv::new();
    env.write(
        "harbour.txt",
        "Harbour dredging to start in spring\n\n\
         The port authority will dredge the harbour from April, its chair said on Monday.\n\n\
         \"The channel has silted up faster than anyone expected,\" said Margaret Okafor, the authority's chair. \
         She said the work would cost 4 million euros.\n",
    );
    env.index();
    let ids = env.search("dredge", &["--format", "tsv", "--fields", "id"]);
    ids.expect_code(0);
    let id = ids.stdout.lines().nth(1).expect("one hit").to_string();

    let text = env.run(&["show", &id, "--index", "idx", "--color", "never"]);
    text.expect_code(0);
    assert!(
        text.stdout
            .starts_with("Harbour dredging to start in spring\n"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("Margaret Okafor"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains(": The channel has silted up faster than anyone expected,]"),
        "the quote is marked in the body:\n{}",
        text.stdout
    );

    let json = env.run(&["show", &id, "--index", "idx", "--format", "json"]);
    json.expect_code(0);
    let article: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON object");
    assert_eq!(article["id"], id.as_str());
    let quotes = article["quotes"].as_array().expect("quotes");
    let direct = quotes
        .iter()
        .find(|q| q["direct"] == true)
        .expect("the direct quote");
    assert_eq!(direct["speaker"], "Margaret Okafor");
    let (start, end) = (
        direct["start"].as_u64().unwrap() as usize,
        direct["end"].as_u64().unwrap() as usize,
    );
    let body = article["body"].as_str().expect("body");
    assert_eq!(&body[start..end], direct["text"].as_str().unwrap());

    // A quote hit's id opens its article with that quote pointed at.
    let quote_id = format!("{id}@{start}");
    let focused = env.run(&["show", &quote_id, "--index", "idx", "--color", "never"]);
    focused.expect_code(0);
    assert!(
        focused
            .stdout
            .lines()
            .any(|l| l.starts_with(">[") && l.contains("Margaret Okafor")),
        "{}",
        focused.stdout
    );

    let missing = env.run(&["show", "no-such-id", "--index", "idx"]);
    missing.expect_code(1);
    assert!(
        missing.stderr.contains("no article has the id"),
        "{}",
        missing.stderr
    );
}

/// Three copies of one wire story (a few words changed, as outlets and updates do) and one other
/// story: collapsed by default on the terminal, every copy with its story id in exports.
#[test]
fn copies_of_one_story_collapse_into_one_hit() {
    let env = TestEnv::new();
    let story = "Dockworkers at the northern port walked out on Friday over a plan to automate two \
        of its container terminals, halting traffic for the second time this year. The union said \
        the plan would cost 400 jobs, while the port's owner said no one would be laid off and \
        that talks would resume next week.";
    env.write_jsonl(
        "wire.jsonl",
        &[
            json!({"id": "w1", "headline": "Port strike halts traffic", "body": story, "date": "2025-03-07"}),
            json!({"id": "w2", "headline": "Port strike halts traffic", "body": story.replace("halting", "stopping"), "date": "2025-03-07"}),
            json!({"id": "w3", "headline": "Port strike halts traffic", "body": story.replace("next week", "on Monday").replace("Friday", "Thursday"), "date": "2025-03-08"}),
            json!({"id": "o1", "headline": "Port dredging plan", "body": "The port authority will dredge the harbour mouth before the autumn storms, which silted it up last year. Traffic will not stop.", "date": "2025-03-09"}),
        ],
    );
    env.index();

    let text = env.search("port traffic", &["--color", "never"]);
    text.expect_code(0);
    assert!(
        text.stdout
            .starts_with("4 hits in 2 stories for port traffic"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("and 2 copies"), "{}", text.stdout);
    assert!(!text.stdout.contains("  3. "), "{}", text.stdout);

    let all = env.search("port traffic", &["--no-collapse", "--color", "never"]);
    assert!(all.stdout.starts_with("4 hits for"), "{}", all.stdout);
    assert!(all.stdout.contains("  4. "), "{}", all.stdout);

    let listed = env.search("port traffic", &["--copies", "--color", "never"]);
    assert!(listed.stdout.contains("2025-03-08"), "{}", listed.stdout);

    let rows = env.search(
        "port traffic",
        &["--all", "--format", "jsonl", "--fields", "id,story"],
    );
    rows.expect_code(0);
    let rows: Vec<serde_json::Value> = rows
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 4);
    let story_of = |suffix: &str| {
        rows.iter()
            .find(|r| r["id"].as_str().unwrap().ends_with(suffix))
            .map(|r| r["story"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(story_of("#w1"), story_of("#w2"));
    assert_eq!(story_of("#w1"), story_of("#w3"));
    assert_ne!(story_of("#w1"), story_of("#o1"));

    let one_per_story = env.search(
        "port traffic",
        &[
            "--all",
            "--collapse",
            "--format",
            "jsonl",
            "--fields",
            "id,copies",
        ],
    );
    let copies: Vec<u64> = one_per_story
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["copies"]
                .as_u64()
                .unwrap()
        })
        .collect();
    let mut sorted = copies.clone();
    sorted.sort();
    assert_eq!(sorted, vec![0, 2], "{}", one_per_story.stdout);

    env.search("port traffic", &["--copies", "--no-collapse"])
        .expect_code(2);

    let stats = env.run(&["stats", "--index", "idx"]);
    stats.expect_code(0);
    assert!(
        stats
            .stdout
            .contains("stories: 2 (2 documents are copies of another)"),
        "{}",
        stats.stdout
    );
}
