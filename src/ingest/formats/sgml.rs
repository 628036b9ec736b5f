//! Reuters-21578 SGML: many `<REUTERS>` stories per file, entities decoded, BRIEF and UNPROC kept.

use super::{FileArticles, ReadError};

/// Every `<REUTERS>` story in the file. (Placeholder.)
pub fn read(_text: &str) -> Result<FileArticles, ReadError> {
    Ok(FileArticles::default())
}
