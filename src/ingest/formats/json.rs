//! JSON (one object or an array of objects) and JSON Lines: common keys mapped to article fields,
//! unknown keys ignored, one article per object.

use super::{FileArticles, ReadError};

/// A `.json` file: one object or an array. (Placeholder.)
pub fn read(_text: &str) -> Result<FileArticles, ReadError> {
    Ok(FileArticles::default())
}

/// A `.jsonl` / `.ndjson` file: one object per line. (Placeholder.)
pub fn read_lines(_text: &str) -> Result<FileArticles, ReadError> {
    Ok(FileArticles::default())
}
