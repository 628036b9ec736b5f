//! newsdex: a full-text search engine for news archives, on tantivy.
//!
//! Data flow, one module per arrow:
//!
//! ```text
//! cli ─> ingest::walk ─> ingest::formats (bytes -> RawArticle) ─> extract (RawArticle -> Article) ─> index::writer
//! cli ─> search::query (text + filters -> tantivy Query) ─> search::hits ─> export (text, json, csv, ...)
//! serve (HTTP query string -> the same search, stats and export code -> HTML and JSON)
//! ```

pub mod cli;
pub mod cmd;
pub mod error;
pub mod export;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod lang;
pub mod model;
pub mod quickwit;
pub mod search;
pub mod serve;
pub mod text;
