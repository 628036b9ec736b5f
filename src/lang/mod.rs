//! The language core: what extraction knows about English words, with no I/O and no tantivy.
//!
//! [`abbreviations`] is the one list of abbreviations whose period ends no sentence. [`lexicon`] holds every word list (census names, dictionary words and the hand-written class
//! lists under `data/lexicon/`) and the class of a word. The extractors in `extract/` read it;
//! nothing here imports an upper layer.

pub mod abbreviations;
pub mod lexicon;
