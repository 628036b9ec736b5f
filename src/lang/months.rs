//! Month names: the one table that datelines, date strings and the quote finder read.
//!
//! ```
//! use newsdex::lang::months::{by_prefix, is_written_month};
//! assert_eq!(by_prefix("Sept"), Some(9));
//! assert!(is_written_month("August"));
//! assert!(!is_written_month("august") && !is_written_month("Aug"));
//! ```

/// Month names, lower case, January first.
pub const NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number (1-12) of `jan`, `January`, `FEB`, `Sept`: the first three letters decide,
/// in any case; shorter words are no month.
pub fn by_prefix(name: &str) -> Option<u8> {
    let key = name.get(..3)?;
    let i = NAMES
        .iter()
        .position(|n| n.as_bytes()[..3].eq_ignore_ascii_case(key.as_bytes()))?;
    u8::try_from(i + 1).ok()
}

/// A month name as written in running text: capitalised and in full (`August`, `May`; not
/// `Aug.`, not `AUGUST`).
pub fn is_written_month(word: &str) -> bool {
    let b = word.as_bytes();
    NAMES.iter().any(|n| {
        let n = n.as_bytes();
        n.len() == b.len() && b[0] == n[0].to_ascii_uppercase() && b[1..] == n[1..]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_by_its_prefix_and_in_full() {
        for (i, n) in NAMES.iter().enumerate() {
            assert_eq!(by_prefix(n), u8::try_from(i + 1).ok());
            let written = format!("{}{}", n[..1].to_uppercase(), &n[1..]);
            assert!(is_written_month(&written), "{written}");
        }
        assert_eq!(by_prefix("ma"), None);
        assert_eq!(
            by_prefix("maybe"),
            Some(5),
            "the first three letters decide"
        );
        assert_eq!(by_prefix("xyz"), None);
        assert!(!is_written_month("Mayday") && !is_written_month(""));
    }
}
