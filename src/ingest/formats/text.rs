//! Plain text and scraped pages: the whole file is one article; boilerplate removal and headline
//! choice happen in `extract::cleanup`, since they are rules about text, not about the format.

use std::path::Path;

use super::{FileArticles, ReadError};
use crate::model::RawArticle;

/// One article per file, body still raw. Documentation files that travel with collections
/// (`README.txt`, `LICENSE.txt`) and word lists (one term per line, like a category list) are not
/// articles: they are skipped with the reason, so a distribution can be indexed as unpacked.
pub fn read(path: &Path, text: &str) -> Result<FileArticles, ReadError> {
    if is_documentation(path) {
        return Err(ReadError::NotArticle("documentation file, not an article"));
    }
    if is_word_list(text) {
        return Err(ReadError::NotArticle("a list of terms, not an article"));
    }
    Ok(FileArticles {
        articles: vec![RawArticle {
            body: text.to_string(),
            needs_cleanup: true,
            ..RawArticle::default()
        }],
        warnings: Vec::new(),
    })
}

/// `README`, `LICENSE`, `COPYING`, `CHANGELOG`, `INSTALL` (any case, any extension, also
/// `README-fr.txt`), but not `licensed-bars.txt`.
fn is_documentation(path: &Path) -> bool {
    // The name's bytes, compared without case: this runs for every `.txt` file.
    let name = path.file_name().map_or(&b""[..], |n| n.as_encoded_bytes());
    [
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CHANGELOG",
        "INSTALL",
    ]
    .iter()
    .any(|d| {
        name.get(..d.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(d.as_bytes()))
            && !name.get(d.len()).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// Twenty or more non-empty lines, nearly all a single short term, and no sentence anywhere.
/// Read in one pass that stops at the first sentence (most files are articles).
fn is_word_list(text: &str) -> bool {
    let (mut lines, mut single) = (0usize, 0usize);
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if l.ends_with('.') && l.contains(' ') {
            return false;
        }
        lines += 1;
        single += usize::from(!l.contains(char::is_whitespace) && l.len() <= 40);
    }
    lines >= 20 && single * 10 >= lines * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readmes_and_term_lists_are_not_articles() {
        let story = "Council approves harbour plan\n\nThe council voted on Monday.\n";
        assert!(matches!(
            read(Path::new("README.txt"), story),
            Err(ReadError::NotArticle(_))
        ));
        assert!(matches!(
            read(Path::new("license.txt"), story),
            Err(ReadError::NotArticle(_))
        ));
        let terms: String = (0..40).map(|i| format!("term-{i}\n")).collect();
        assert!(matches!(
            read(Path::new("codes.txt"), &terms),
            Err(ReadError::NotArticle(_))
        ));
        // A short article with one-word lines is still an article.
        assert!(
            read(
                Path::new("notes.txt"),
                "Flood\n\nRiver rose.\nRoads shut.\n"
            )
            .is_ok()
        );
        assert!(read(Path::new("README-fr.txt"), story).is_err());
        assert!(read(Path::new("licensed-bars-reopen.txt"), story).is_ok());
        assert!(read(Path::new("harbour.txt"), story).is_ok());
    }

    #[test]
    fn whole_file_is_one_raw_article() {
        let got = read(
            Path::new("a.txt"),
            "Headline here\n\nFirst paragraph.\nSecond line.\n",
        )
        .unwrap();
        assert_eq!(got.articles.len(), 1);
        let a = &got.articles[0];
        assert_eq!(a.body, "Headline here\n\nFirst paragraph.\nSecond line.\n");
        assert_eq!((a.ordinal, a.headline.as_str()), (0, ""));
        assert!(a.needs_cleanup);
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn empty_and_odd_text_never_fails() {
        for text in ["", "\n\n", "\u{feff}x", "é\u{1b}[2J", &"w ".repeat(100_000)] {
            let got = read(Path::new("a.txt"), text).unwrap();
            assert_eq!(got.articles[0].body, text);
        }
    }
}
