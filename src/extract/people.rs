//! People named in an article: canonical full names with titles stripped, later surname-only
//! mentions merged into them, no places, organisations or sentence-initial words.

use crate::model::Person;

/// Every person named in the headline or body, in order of first mention. Spans point into `body`.
/// (Placeholder.)
pub fn find_people(_headline: &str, _body: &str) -> Vec<Person> {
    Vec::new()
}
