//! Quotes and reported speech with their speakers: direct quotes in straight or curly marks,
//! "X said that ...", "..., he said." with the pronoun resolved, "according to X".

use crate::model::{Person, Quote};

/// Every attribution in `body`; speakers are resolved against `people` (found in the same body).
/// (Placeholder.)
pub fn find_quotes(_body: &str, _people: &[Person]) -> Vec<Quote> {
    Vec::new()
}
