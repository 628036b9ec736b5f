//! A hostile corpus: every kind of bad input in one folder beside one good article. Each bad file is
//! reported (or indexed), the run exits 0, and the good article is searchable. The slow and huge
//! cases (a 2 GB file, one 100 MB line) are in `scripts/hostile-test.sh`.

mod util;

use std::fs;
use std::path::Path;
use util::newsdex_in;

fn write(root: &Path, name: &str, bytes: &[u8]) {
    let p = root.join(name);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, bytes).expect("write");
}

fn hostile_corpus(root: &Path) {
    write(
        root,
        "good.txt",
        b"Harbour reopens after storm\n\nThe harbour reopened on Monday after the storm.\n",
    );
    write(
        root,
        "elf.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
    );
    write(
        root,
        "bad.txt.gz",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
    );
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut enc,
        "Truncated gzip story\n\nWords ".repeat(2000).as_bytes(),
    )
    .expect("gz");
    let gz = enc.finish().expect("gz");
    write(root, "truncated.txt.gz", &gz[..gz.len() / 2]);
    write(
        root,
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    write(
        root,
        "tags.html",
        "<div><span><b>".repeat(350_000).as_bytes(),
    );
    write(
        root,
        "unclosed.sgm",
        b"<REUTERS NEWID=\"1\">\n<TEXT><TITLE>FIRST STORY</TITLE><BODY>No end tag here.\n\
          <REUTERS NEWID=\"2\">\n<TEXT><TITLE>SECOND STORY</TITLE><BODY>Closed properly.</BODY></TEXT>\n</REUTERS>\n",
    );
    let mut deep = root.to_path_buf();
    for i in 0..60 {
        deep = deep.join(format!("level{i}"));
    }
    fs::create_dir_all(&deep).expect("deep dirs");
    fs::write(
        deep.join("bottom.txt"),
        b"Deep story headline here\n\nIt is deep.\n",
    )
    .expect("deep file");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::os::unix::fs::symlink(".", root.join("loop")).expect("symlink loop");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9-latin1-name.txt");
        fs::write(
            root.join(name),
            b"Cafe owners protest rent rise\n\nThey marched on Friday.\n",
        )
        .expect("bad name");
    }
}

#[test]
fn hostile_corpus_is_reported_and_nothing_else_is_lost() {
    let tmp = tempfile::tempdir().expect("tmp");
    let corpus = tmp.path().join("corpus");
    hostile_corpus(&corpus);
    let out = newsdex_in(
        tmp.path(),
        &["index", "corpus", "--index", "idx", "--quiet", "--follow"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for name in [
        "elf.txt",
        "bad.txt.gz",
        "truncated.txt.gz",
        "deep.json",
        "loop",
    ] {
        assert!(err.contains(name), "{name} not reported in:\n{err}");
    }
    assert!(
        err.contains("unclosed.sgm"),
        "missing </REUTERS> not reported:\n{err}"
    );
    let check = newsdex_in(tmp.path(), &["check", "--index", "idx"]);
    let summary = String::from_utf8_lossy(&check.stdout);
    // good.txt, bottom.txt, the Latin-1-named file and both SGML stories; tags.html has no text.
    assert!(err.contains("tags.html: no text"), "{err}");
    assert!(summary.contains(", 5 articles"), "{summary}\n{err}");
}
