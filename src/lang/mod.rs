//! The language core: what extraction knows about English words, with no I/O and no tantivy.
//!
//! - [`lexicon`]: every word list (census names, dictionary words and the hand-written class
//!   lists under `data/lexicon/`) and the class of a word.
//! - [`abbreviations`]: the one list of abbreviations whose period ends no sentence.
//! - [`months`]: the one table of month names.
//!
//! The extractors in `extract/` and the date parser in `ingest/formats/dates.rs` read it; nothing
//! here imports an upper layer.

pub mod abbreviations;
pub mod lexicon;
pub mod months;
