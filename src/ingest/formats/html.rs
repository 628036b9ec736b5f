//! HTML pages: headline from `<h1>`, `og:title` or `<title>`; body from the article element or the
//! main text blocks; date from `article:published_time`, `<time>` or JSON-LD.

use super::{FileArticles, ReadError};
use crate::model::RawArticle;

/// One article per page. (Placeholder: text of the whole document.)
pub fn read(text: &str) -> Result<FileArticles, ReadError> {
    let doc = scraper::Html::parse_document(text);
    let body: String = doc.root_element().text().collect::<Vec<_>>().join(" ");
    Ok(FileArticles {
        articles: vec![RawArticle {
            body,
            needs_cleanup: true,
            ..RawArticle::default()
        }],
        warnings: Vec::new(),
    })
}
