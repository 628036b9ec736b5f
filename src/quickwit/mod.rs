//! Quickwit as newsdex's scale-out back end: the same documents, queries and exports when an
//! archive outgrows one machine.
//!
//! - `config`: the index config whose doc mapping matches `index::schema`;
//! - `docs`: an enriched `Article` as a Quickwit document (NDJSON line);
//! - `query`: the query language and filters as a Quickwit (`_elastic`) query body;
//! - `client`: a small blocking HTTP client with retries and back-off;
//! - `ingest`: the walk, read and extraction of `newsdex index`, streamed to Quickwit's ingest API
//!   (or to an NDJSON file) in bounded batches, with fingerprints kept locally;
//! - `search`: counts, pages and every hit (`search_after`) as `search::hits::Hit`s for `export`.
//!
//! This layer sits beside `index` and `search`: it uses `ingest`, `extract`, `model`, `text`,
//! the schema's names and the query parser, and knows nothing of clap.

pub mod client;
pub mod config;
pub mod docs;
pub mod ingest;
pub mod query;
pub mod search;
pub mod state;
