//! `newsdex extract`: prints every article of the given files as one JSON line each (minimal
//! version on the `quotes` branch, for scoring; the `people` branch owns the real one).

use std::io::Write;
use std::process::ExitCode;

/// Reads each file, extracts its articles and prints them as JSON lines on stdout.
pub fn run(a: crate::cli::ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &a.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("newsdex: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let multi = crate::ingest::formats::is_multi_article(path);
        let found = match crate::ingest::formats::read_file_bytes(path, &bytes, 64 << 20) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("newsdex: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let shown = path.to_string_lossy();
        for raw in found.articles {
            let article = crate::extract::enrich(&shown, raw, multi);
            serde_json::to_writer(&mut out, &article)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
