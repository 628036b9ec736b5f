//! Datelines: `BUENOS AIRES, Feb 26 -`, `WASHINGTON (Reuters) -`, `PARIS, 2 March -` and the
//! misspelt forms of the Reuters files, parsed into a place and a day. The year comes from the
//! document's date; without one the date stays unknown.

use time::Date;

use crate::model::Dateline;

/// Parses a dateline. (Placeholder: the text before the first comma is the place.)
pub fn parse(raw: &str, doc_date: Option<Date>) -> Dateline {
    let _ = doc_date;
    let place = raw
        .split(',')
        .next()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    Dateline {
        raw: raw.trim().to_string(),
        place,
        date: None,
    }
}
