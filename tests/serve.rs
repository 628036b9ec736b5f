//! `newsdex serve` against a real server: the binary on a free local port over a temp-dir index,
//! spoken to over plain HTTP/1.0 from std. The API must answer what the CLI prints for the same
//! search; bad input is 400, never 500; article text and queries reach the page escaped.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use util::TestEnv;

/// A running `newsdex serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(env: &TestEnv) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(["serve", "--index", "idx", "--port", "0"])
            .current_dir(env.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start newsdex serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("read the first line");
        let addr = first
            .trim()
            .split("http://")
            .nth(1)
            .map(|a| a.trim_end_matches('/').to_string())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Server { child, addr }
    }

    /// `GET path`: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).ok();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).expect("send");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read the response");
        let text = String::from_utf8(raw).expect("UTF-8 response");
        let (head, body) = text.split_once("\r\n\r\n").expect("headers");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .expect("status code");
        (status, body.to_string())
    }

    /// `GET path` that must be 200, as JSON.
    fn json(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The id of the one article `query` finds (ids hold the corpus's absolute path).
fn id_of(server: &Server, query: &str) -> String {
    let v = server.json(&format!("/api/search?q={}&fields=id", enc(query)));
    assert_eq!(v["total"], 1, "{query}: {v}");
    v["hits"][0]["id"].as_str().expect("an id").to_string()
}

/// Query-string encoding for the tests' URLs.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

const INJECTION: &str = "<script>alert(1)</script>";

fn corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write_jsonl(
        "news.jsonl",
        &[
            json!({"id": "p1", "headline": "Budget vote delayed",
                   "body": "PRAGUE, March 4 - Finance Minister Petra Novak said on Tuesday that the budget vote would be delayed. \"We need more time for the budget,\" Novak told reporters.",
                   "date": "2025-03-04", "dateline": "PRAGUE, March 4 -"}),
            json!({"id": "p2", "headline": "Budget surplus forecast",
                   "body": "Economists expect a small budget surplus next year. \"The budget is in good shape,\" said Karl Weber, an economist.",
                   "date": "2025-04-05"}),
            json!({"id": "p3", "headline": "Oil prices climb",
                   "body": "LONDON, April 7 - Crude oil prices rose. \"Supply is tight,\" said Karl Weber.",
                   "date": "2025-04-07", "dateline": "LONDON, April 7 -"}),
            json!({"id": "x1", "headline": format!("{INJECTION} budget & \"friends\""),
                   "body": format!("The budget page said {INJECTION} here. \"{INJECTION} is harmless,\" said Petra Novak. <b>bold</b> & 'single'."),
                   "date": "2025-05-01"}),
        ],
    );
    env.index();
    env
}

#[test]
fn search_counts_and_filters_equal_the_cli() {
    let env = corpus();
    let server = Server::start(&env);
    let cases: [(&str, &[&str], &str); 8] = [
        ("budget", &[], ""),
        ("*", &[], ""),
        ("\"budget vote\"", &[], ""),
        ("budget", &["--speaker", "novak"], "&speaker=novak"),
        (
            "*",
            &["--since", "2025-04", "--until", "2025-04"],
            "&since=2025-04&until=2025-04",
        ),
        ("budget", &["--in-quotes"], "&in_quotes=1"),
        (
            "*",
            &["--in-quotes", "--speaker", "Karl Weber"],
            "&in_quotes=1&speaker=Karl+Weber",
        ),
        ("budget OR oil", &["--place", "london"], "&place=London"),
    ];
    for (q, flags, params) in cases {
        let url = format!("/api/search?q={}{params}", enc(q));
        let v = server.json(&url);
        let expected = env.count(q, flags);
        assert_eq!(v["total"], expected, "{url}");
        let shown = v["hits"].as_array().map_or(0, Vec::len);
        assert_eq!(shown, expected.min(10), "{url}");
    }
    // One page's hits are the CLI's JSON hits, field for field.
    let v = server.json("/api/search?q=budget&limit=2&page=2");
    let cli = env
        .search(
            "budget",
            &["--format", "json", "--limit", "2", "--offset", "2"],
        )
        .stdout;
    let cli: Value = serde_json::from_str(&cli).expect("CLI JSON");
    assert_eq!(v["hits"], cli);
    let quotes = server.json("/api/search?q=budget&in_quotes=1");
    assert_eq!(quotes["in_quotes"], true);
    assert!(quotes["hits"][0]["quote"].is_string(), "{quotes}");
}

#[test]
fn bad_input_is_400_with_a_message() {
    let env = corpus();
    let server = Server::start(&env);
    for path in [
        "/api/search?q=%22unclosed",
        "/api/search?q=budget&since=March",
        "/api/search?q=budget&page=0",
        "/api/search?q=budget&limit=lots",
        "/api/search?q=budget&sort=sideways",
        "/api/search",
        "/api/search?q=budget&since=2025-05&until=2025-01",
        "/api/stats?q=quote:budget",
        "/api/export?q=budget&format=xml",
        "/api/article",
        "/api/search?q=%FF%FE%",
    ] {
        // Bytes that are not UTF-8 are replaced, so the last is a query with no letters.
        let (status, body) = server.get(path);
        assert_eq!(status, 400, "{path}: {body}");
        let v: Value = serde_json::from_str(&body).expect("JSON error");
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{body}");
    }
    let (status, body) = server.get("/api/article?id=nope");
    assert_eq!(status, 404, "{body}");
    let (status, body) = server.get("/?q=%22unclosed");
    assert_eq!(status, 400);
    assert!(
        body.contains("id=\"error\"") && body.contains("never closed"),
        "{body}"
    );
    // An unknown name is no hits with suggestions, as the CLI's exit 1 and "did you mean".
    let v = server.json("/api/search?q=*&speaker=novk");
    assert_eq!(v["total"], 0);
    assert_eq!(v["unknown"]["filter"], "speaker");
}

#[test]
fn export_stats_and_article_equal_the_cli() {
    let env = corpus();
    let server = Server::start(&env);
    for (format, q) in [("csv", "budget"), ("jsonl", "*"), ("csv", "budget")] {
        let (status, body) = server.get(&format!("/api/export?q={}&format={format}", enc(q)));
        assert_eq!(status, 200);
        let cli = env.search(q, &["--all", "--format", format]).stdout;
        assert_eq!(body, cli, "{format} {q}");
    }
    let (_, quotes) = server.get("/api/export?q=*&in_quotes=1&format=jsonl");
    let cli = env.search("*", &["--all", "--in-quotes", "--format", "jsonl"]);
    assert_eq!(quotes.lines().count(), cli.stdout.lines().count());
    assert!(quotes.lines().count() >= 3, "{quotes}");

    let stats = server.json("/api/stats?q=budget&since=2025");
    let cli = env.run(&[
        "stats", "budget", "--since", "2025", "--index", "idx", "--format", "json",
    ]);
    let cli: Value = serde_json::from_str(&cli.stdout).expect("CLI stats JSON");
    assert_eq!(stats, cli);

    let id = id_of(&server, "\"budget vote\"");
    let article = server.json(&format!("/api/article?id={}", enc(&id)));
    let cli = env.run(&["show", &id, "--index", "idx", "--format", "json"]);
    let cli: Value = serde_json::from_str(&cli.stdout).expect("CLI show JSON");
    assert_eq!(article, cli);
}

#[test]
fn pages_show_hits_facets_timeline_and_articles() {
    let env = corpus();
    let server = Server::start(&env);
    let (status, page) = server.get("/?q=budget");
    assert_eq!(status, 200);
    let count = env.count("budget", &[]);
    assert!(
        page.contains(&format!("<span id=\"hit-count\">{count}</span>")),
        "{page}"
    );
    assert!(page.contains("<mark>"), "snippets are highlighted");
    assert!(page.contains("id=\"facet-speaker\""), "speaker facet");
    assert!(
        page.contains("href=\"/?q=budget&amp;speaker=Petra+Novak\""),
        "{page}"
    );
    assert!(page.contains("data-period=\"2025-03\""), "timeline bar");
    assert!(
        page.contains("/api/export?q=budget&amp;format=csv"),
        "export link"
    );
    // A timeline bar's link: the month as since and until.
    let (_, month) = server.get("/?q=budget&since=2025-03&until=2025-03");
    let n = env.count("budget", &["--since", "2025-03", "--until", "2025-03"]);
    assert!(month.contains(&format!("<span id=\"hit-count\">{n}</span>")));
    // The quote view: quotes with their speakers.
    let (_, quotes) = server.get("/?q=budget&in_quotes=1");
    let n = env.count("budget", &["--in-quotes"]);
    assert!(quotes.contains(&format!("<span id=\"hit-count\">{n}</span> quote")));
    assert!(quotes.contains("<b>Petra Novak</b>"), "{quotes}");
    // The article page: headline, people, quotes marked in the body.
    let id = id_of(&server, "\"budget vote\"");
    let (status, article) = server.get(&format!("/article?id={}", enc(&id)));
    assert_eq!(status, 200);
    assert!(article.contains("<h1 id=\"headline\">Budget vote delayed</h1>"));
    assert!(article.contains("<mark class=\"quote\""), "{article}");
    assert!(article.contains("2025-03-04"));
    let (status, _) = server.get("/article?id=missing");
    assert_eq!(status, 404);
}

#[test]
fn article_text_and_queries_are_escaped() {
    let env = corpus();
    let server = Server::start(&env);
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let pages = [
        server.get("/?q=budget").1,
        server.get("/?q=harmless&in_quotes=1").1,
        server
            .get(&format!("/article?id={}", enc(&id_of(&server, "harmless"))))
            .1,
        server
            .get(&format!("/?q={}", enc(&format!("budget {INJECTION}"))))
            .1,
        server
            .get(&format!("/?q=budget&person={}", enc(INJECTION)))
            .1,
        server
            .get(&format!("/?q={}", enc(&format!("\"{INJECTION}"))))
            .1,
    ];
    for page in &pages {
        let body = page.split("</header>").nth(1).unwrap_or(page);
        assert!(!page.contains(INJECTION), "unescaped markup:\n{body}");
        assert!(!page.contains("<b>bold"), "unescaped markup:\n{body}");
        assert!(page.contains(escaped), "{body}");
    }
    assert!(pages[2].contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#39;single&#39;"));
    assert!(pages[2].contains("<h1 id=\"headline\">&lt;script&gt;"));
}

#[test]
fn sees_new_commits_while_running() {
    let env = corpus();
    let server = Server::start(&env);
    let before = server.json("/api/search?q=harbour")["total"].clone();
    assert_eq!(before, 0);
    env.write_jsonl(
        "more.jsonl",
        &[json!({"id": "h1", "headline": "Harbour reopens", "body": "The harbour reopened.", "date": "2025-06-01"})],
    );
    env.index();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if server.json("/api/search?q=harbour")["total"] == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the new commit never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_non_loopback_bind_warns() {
    let env = corpus();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args([
            "serve", "--index", "idx", "--port", "0", "--bind", "0.0.0.0",
        ])
        .current_dir(env.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start newsdex serve");
    let mut line = String::new();
    let read = child
        .stderr
        .take()
        .map(|e| BufReader::new(e).read_line(&mut line));
    let _ = child.kill();
    let _ = child.wait();
    assert!(read.is_some_and(|r| r.is_ok()));
    assert!(line.contains("not a loopback address"), "{line:?}");
}

#[test]
fn a_missing_index_is_an_error_before_listening() {
    let env = TestEnv::new();
    let run = env.run(&["serve", "--index", "nowhere", "--port", "0"]);
    run.expect_code(2);
    assert!(run.stderr.contains("no index at nowhere"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
