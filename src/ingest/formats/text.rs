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
