//! The report: machine and versions, the results table in Markdown, and BENCHMARKS.md, where
//! each corpus size has its own `## Corpus <size>` section (a new run replaces only its own).

use std::path::Path;
use std::process::Command;

use crate::suite::{Outcome, Row};

const TITLE: &str = "# newsdex benchmarks\n\n\
Measured by the `newsdex-bench` workspace member (`bench/`): newsdex side by side with raw \
tantivy, SQLite FTS5, ripgrep (and tantivy-cli when installed) on the same corpus, built from \
Reuters-21578 repeated with small perturbations, in the same run. Re-run with the command shown \
in each section; each size's section is replaced by its own run.\n";

/// Facts about the machine and the tools, gathered once per run.
#[derive(Debug, Clone)]
pub struct Context {
    pub command: String,
    pub date: String,
    pub machine: String,
    pub versions: String,
}

/// Reads /proc and asks the tools for their versions.
pub fn context(repo: &Path, command: String, sqlite: &str) -> Context {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| field(&t, "model name"))
        .unwrap_or_else(|| "unknown CPU".into());
    let ram = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| field(&t, "MemTotal"))
        .and_then(|v| {
            v.split_whitespace()
                .next()
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or("unknown RAM".into(), |kib| {
            format!("{:.1} GiB RAM", kib / (1u64 << 20) as f64)
        });
    let kernel = first_line("uname", &["-r"]).unwrap_or_default();
    // Other jobs share the machine; the load average says how much the figures may suffer.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into());
    let rustc = first_line("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".into());
    let tantivy = lock_version(repo, "tantivy").unwrap_or_else(|| "?".into());
    let rusqlite = lock_version(repo, "rusqlite").unwrap_or_else(|| "?".into());
    let rg = first_line("rg", &["--version"]).unwrap_or_else(|| "ripgrep absent".into());
    let tcli = first_line("tantivy", &["--version"]).unwrap_or_else(|| "tantivy-cli absent".into());
    let rev = first_line(
        "git",
        &[
            "-C",
            &repo.to_string_lossy(),
            "rev-parse",
            "--short",
            "HEAD",
        ],
    )
    .unwrap_or_else(|| "?".into());
    Context {
        command,
        date: first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default(),
        machine: format!(
            "{cores} cores ({cpu}), {ram}, Linux {kernel}; 1-minute load average {load} at the end"
        ),
        versions: format!(
            "newsdex {} (commit {rev}, release build), {rustc}, tantivy {tantivy}, \
             SQLite {sqlite} (bundled, rusqlite {rusqlite}), {rg}, {tcli}",
            env!("CARGO_PKG_VERSION")
        ),
    }
}

/// The value after `key<spaces>:` on the first matching line of a /proc file.
fn field(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
}

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|l| l.trim().to_string())
}

/// The version Cargo.lock pins for `name`.
fn lock_version(repo: &Path, name: &str) -> Option<String> {
    let lock = std::fs::read_to_string(repo.join("Cargo.lock")).ok()?;
    let key = format!("name = \"{name}\"\nversion = \"");
    let start = lock.find(&key)? + key.len();
    let len = lock[start..].find('"')?;
    Some(lock[start..start + len].to_string())
}

/// The Markdown section for one size.
pub fn section(label: &str, ctx: &Context, outcome: &Outcome) -> String {
    let mut s = format!("## Corpus {label}\n\n");
    s.push_str(&format!("- Command: `{}`\n", ctx.command));
    s.push_str(&format!("- Date: {}\n", ctx.date));
    s.push_str(&format!("- Machine: {}\n", ctx.machine));
    s.push_str(&format!("- Versions: {}\n", ctx.versions));
    s.push_str(&format!("- Corpus: {}\n\n", outcome.corpus_line));
    s.push_str(&table(&outcome.rows));
    if !outcome.notes.is_empty() {
        s.push_str("\nNotes:\n\n");
        for n in &outcome.notes {
            s.push_str(&format!("- {}\n", n.replace('\n', " ")));
        }
    }
    s
}

/// The results as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut t =
        String::from("| Measurement | Tool | Result | Target | Met |\n|---|---|---|---|---|\n");
    for r in rows {
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        t.push_str(&format!(
            "| {} | {} | {} | {} | {met} |\n",
            cell(&r.measurement),
            cell(&r.tool),
            cell(&r.result),
            cell(&r.target)
        ));
    }
    t
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Replaces (or appends) the `## Corpus <label>` section of `existing`, keeping the others.
pub fn merge(existing: &str, label: &str, section: &str) -> String {
    let heading = format!("## Corpus {label}");
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in existing.lines() {
        if line.starts_with("## ") {
            if let Some(done) = current.take() {
                sections.push(done);
            }
            current = Some((line.trim().to_string(), String::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections.extend(current);
    let mut out = format!("{TITLE}\n");
    let mut placed = false;
    for (head, body) in &sections {
        if *head == heading {
            out.push_str(section.trim_end());
            out.push_str("\n\n");
            placed = true;
        } else {
            out.push_str(&format!("{head}\n{}\n", body.trim_end_matches('\n')));
            out.push('\n');
        }
    }
    if !placed {
        out.push_str(section.trim_end());
        out.push('\n');
    }
    format!("{}\n", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_replaces_only_its_own_size() {
        let first = merge("", "100MB", "## Corpus 100MB\n\nold figures\n");
        let both = merge(&first, "1GB", "## Corpus 1GB\n\nbig figures\n");
        let again = merge(&both, "100MB", "## Corpus 100MB\n\nnew figures\n");
        assert!(again.starts_with("# newsdex benchmarks"));
        assert!(again.contains("new figures"));
        assert!(!again.contains("old figures"));
        assert!(again.contains("big figures"));
        assert_eq!(again.matches("## Corpus 100MB").count(), 1);
        assert!(
            again.find("100MB") < again.find("## Corpus 1GB"),
            "order kept"
        );
    }

    #[test]
    fn table_escapes_pipes_and_marks_misses() {
        let rows = vec![Row {
            measurement: "a|b".into(),
            tool: "t".into(),
            result: "1".into(),
            target: ">= 2".into(),
            met: Some(false),
        }];
        let t = table(&rows);
        assert!(t.contains("a\\|b"));
        assert!(t.contains("**no**"));
    }

    #[test]
    fn cpuinfo_field_is_read() {
        let text = "processor\t: 0\nmodel name\t: Some CPU @ 2GHz\n";
        assert_eq!(
            field(text, "model name").as_deref(),
            Some("Some CPU @ 2GHz")
        );
    }
}
