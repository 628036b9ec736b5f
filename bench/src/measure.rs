//! Measuring helpers: run a child process and collect its wall time and peak memory (through
//! `wait4`, so each tool's RSS is its own), sizes on disk, and percentiles of repeated timings.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// What one child run cost.
#[derive(Debug, Clone)]
pub struct Run {
    pub wall: Duration,
    /// CPU time of the child (user + system, all threads): a loaded machine stretches the wall
    /// time, this much less.
    pub cpu: Duration,
    /// Peak resident set of the child (and its waited-for descendants), in bytes.
    pub max_rss: u64,
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The first line of stderr, for notes when a tool failed.
    pub fn first_error(&self) -> String {
        self.stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("(no message)")
            .trim()
            .to_string()
    }
}

/// Runs `cmd` to completion; stdout and stderr go through files in `scratch` so a chatty child
/// cannot block on a full pipe while we wait for it.
pub fn run(cmd: &mut Command, scratch: &Path) -> anyhow::Result<Run> {
    std::fs::create_dir_all(scratch)?;
    let out_path = scratch.join("child.stdout");
    let err_path = scratch.join("child.stderr");
    cmd.stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path)?)
        .stderr(std::fs::File::create(&err_path)?);
    let started = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("cannot start {:?}", cmd.get_program()))?;
    let (status, rss, cpu) = wait_with_rusage(child.id())?;
    let wall = started.elapsed();
    Ok(Run {
        wall,
        cpu,
        max_rss: rss,
        success: status,
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
    })
}

/// Waits for `pid` with `wait4`, returning (exited with 0, peak RSS in bytes, CPU time).
fn wait_with_rusage(pid: u32) -> anyhow::Result<(bool, u64, Duration)> {
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value for this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, status and usage point to live locals.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r == pid as libc::pid_t {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow::Error::new(err).context("wait4 failed"));
        }
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    // Linux reports ru_maxrss in KiB.
    Ok((ok, (usage.ru_maxrss.max(0) as u64) * 1024, cpu))
}

/// Apparent size of every file under `path` (a file or a folder), in bytes.
pub fn du(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    if !meta.is_dir() {
        return 0;
    }
    std::fs::read_dir(path)
        .map(|entries| entries.filter_map(Result::ok).map(|e| du(&e.path())).sum())
        .unwrap_or(0)
}

/// Reads every file under `dir` once, so the first tool measured finds the page cache as warm as
/// the ones after it (a corpus written long ago, or pushed out by a build, is read from disk).
pub fn warm(dir: &Path) -> u64 {
    files_under(dir)
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| b.len() as u64)
        .sum()
}

/// Every regular file under `dir`, sorted, for tools that read the corpus themselves.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(t) if t.is_file() => out.push(e.path()),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// p50 and p99 of some timings (nearest rank); zeros when empty.
pub fn percentiles(times: &[Duration]) -> (Duration, Duration) {
    if times.is_empty() {
        return (Duration::ZERO, Duration::ZERO);
    }
    let mut sorted = times.to_vec();
    sorted.sort();
    let rank = |p: f64| {
        let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[i]
    };
    (rank(0.50), rank(0.99))
}

/// Milliseconds with a sensible number of decimals.
pub fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v < 1.0 {
        format!("{:.0} µs", v * 1e3)
    } else if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let t: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(
            percentiles(&t),
            (Duration::from_millis(50), Duration::from_millis(99))
        );
        assert_eq!(ms(Duration::from_micros(42)), "42 µs");
        assert_eq!(ms(Duration::from_micros(2500)), "2.50 ms");
        let one = [Duration::from_millis(7)];
        assert_eq!(percentiles(&one).1, Duration::from_millis(7));
    }

    #[test]
    fn run_reports_failure_and_output() -> anyhow::Result<()> {
        let scratch = std::env::temp_dir().join(format!("nb-measure-{}", std::process::id()));
        let r = run(
            Command::new("sh").args(["-c", "echo hi; echo oops >&2; exit 3"]),
            &scratch,
        )?;
        assert!(!r.success);
        assert_eq!(r.stdout.trim(), "hi");
        assert_eq!(r.first_error(), "oops");
        assert!(r.max_rss > 0);
        std::fs::remove_dir_all(&scratch)?;
        Ok(())
    }

    #[test]
    fn du_sums_nested_files() -> anyhow::Result<()> {
        let d = std::env::temp_dir().join(format!("nb-du-{}", std::process::id()));
        std::fs::create_dir_all(d.join("a"))?;
        std::fs::write(d.join("x"), b"12345")?;
        std::fs::write(d.join("a/y"), b"123")?;
        assert_eq!(du(&d), 8);
        assert_eq!(files_under(&d).len(), 2);
        std::fs::remove_dir_all(&d)?;
        Ok(())
    }
}
