//! A temp-dir test environment for integration tests: write a small corpus, run the real
//! `newsdex` binary in that directory, read its output and exit code.

#![allow(dead_code)]

pub mod rng;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary directory holding `corpus/` and, after [`TestEnv::index`], `idx/`.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            // A signal (no code) counts as a crash.
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Fails the test with the run's output when the exit code is not `code` or it panicked.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert!(
            self.code == code && !self.stderr.contains("panicked"),
            "expected exit {code}, got {}\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Stdout parsed as a number (for `--count`).
    pub fn count(&self) -> usize {
        self.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("not a count: {:?} (stderr {:?})", self.stdout, self.stderr))
    }
}

/// Runs `bash scripts/NAME ARGS` with this build's binary as `NEWSDEX_BIN`, prints its output,
/// fails the test unless it exits 0, and returns the last line it printed (the script's verdict:
/// its checks passed, or it skipped for want of a tool).
pub fn run_script(name: &str, args: &[&Path]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts")
        .join(name);
    let out = Command::new("bash")
        .arg(&script)
        .args(args)
        .env("NEWSDEX_BIN", env!("CARGO_BIN_EXE_newsdex"))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(out.status.success(), "{name} failed: {stdout}{stderr}");
    stdout.lines().last().unwrap_or_default().to_string()
}

/// Runs the real `newsdex ARGS` in `dir` (with `NO_COLOR` unset, so colour choices are the test's).
pub fn newsdex_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run newsdex")
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        TestEnv { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a corpus file (folders are created).
    pub fn write(&self, name: &str, content: &str) {
        self.write_bytes(name, content.as_bytes());
    }

    /// Writes a corpus file of raw bytes (binary, gzip, other encodings).
    pub fn write_bytes(&self, name: &str, content: &[u8]) {
        let p = self.path().join("corpus").join(name);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, content).expect("write corpus file");
    }

    /// Writes articles as JSON Lines, one `serde_json::Value` per line.
    pub fn write_jsonl(&self, name: &str, articles: &[serde_json::Value]) {
        let text: String = articles.iter().map(|a| format!("{a}\n")).collect();
        self.write(name, &text);
    }

    /// Runs `newsdex ARGS` in the environment's directory.
    pub fn run(&self, args: &[&str]) -> Run {
        newsdex_in(self.path(), args).into()
    }

    /// Runs `newsdex ARGS` as `newsdex ARGS | head -c 200` would: reads the first 200 bytes of its
    /// output, closes the pipe, and returns them with the run's exit code and stderr.
    pub fn run_head(&self, args: &[&str]) -> (String, Run) {
        use std::io::Read;
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(args)
            .current_dir(self.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run newsdex");
        let mut head = Vec::new();
        {
            let stdout = child.stdout.take().expect("stdout");
            stdout
                .take(200)
                .read_to_end(&mut head)
                .expect("read the output");
        }
        let run = child.wait_with_output().expect("wait for newsdex").into();
        (String::from_utf8_lossy(&head).into_owned(), run)
    }

    /// Indexes `corpus/` into `idx/`, failing the test if indexing fails.
    pub fn index(&self) {
        self.index_dir(&self.path().join("corpus"), &self.path().join("idx"));
    }

    /// Indexes any folder into any index folder.
    pub fn index_dir(&self, corpus: &Path, index: &Path) {
        let corpus = corpus.to_string_lossy();
        let index = index.to_string_lossy();
        self.run(&["index", &corpus, "--index", &index, "--quiet"])
            .expect_code(0);
    }

    /// Runs `newsdex search QUERY --index idx EXTRA...`.
    pub fn search(&self, query: &str, extra: &[&str]) -> Run {
        let mut args = vec!["search", query, "--index", "idx"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `newsdex search QUERY --count EXTRA...` as a number, requiring exit 0 or 1.
    pub fn count(&self, query: &str, extra: &[&str]) -> usize {
        let mut args = vec!["--count"];
        args.extend_from_slice(extra);
        let run = self.search(query, &args);
        assert!(
            run.code == 0 || run.code == 1,
            "count {query:?} {extra:?} failed: {}",
            run.stderr
        );
        let n = run.count();
        assert_eq!(run.code, if n > 0 { 0 } else { 1 }, "exit code vs count");
        n
    }

    /// Files in the environment's directory (not in subfolders).
    pub fn files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(self.path())
            .expect("read dir")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        v
    }
}

/// The `.sgm` files of a Reuters collection folder, in name order.
pub fn sgm_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("Reuters folder readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    files
}

/// Where the shared data lives: `NEWSDEX_SHARED`, else `../shared` beside the crate.
pub fn shared() -> PathBuf {
    std::env::var_os("NEWSDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}
