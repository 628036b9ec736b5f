//! Plain text and scraped pages: the whole file is one article; boilerplate removal and headline
//! choice happen in `extract::cleanup`, since they are rules about text, not about the format.

use super::{FileArticles, ReadError};
use crate::model::RawArticle;

/// One article per file, body still raw.
pub fn read(text: &str) -> Result<FileArticles, ReadError> {
    Ok(FileArticles {
        articles: vec![RawArticle {
            body: text.to_string(),
            needs_cleanup: true,
            ..RawArticle::default()
        }],
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_file_is_one_raw_article() {
        let got = read("Headline here\n\nFirst paragraph.\nSecond line.\n").unwrap();
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
            let got = read(text).unwrap();
            assert_eq!(got.articles[0].body, text);
        }
    }
}
