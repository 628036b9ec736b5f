//! Abbreviations whose period does not end a sentence (`Mr.`, `Sen.`, `Jan.`, `Corp.`): one list,
//! `data/lexicon/abbreviations.txt`, for every tokenizer that splits a body into sentences.
//!
//! ```
//! use newsdex::lang::abbreviations::is_abbreviation;
//! assert!(is_abbreviation("Sen"));
//! assert!(is_abbreviation("sept."));
//! assert!(!is_abbreviation("said"));
//! ```

use std::sync::LazyLock;

const LIST: &str = include_str!("../../data/lexicon/abbreviations.txt");

/// True when `w` (any case, trailing periods allowed) is a listed abbreviation. This runs at every
/// sentence end: a binary search for the word packed into one integer, not a comparison with each
/// abbreviation.
pub fn is_abbreviation(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    pack_short(w).is_some_and(|k| KEYS.binary_search(&k).is_ok())
}

/// The listed abbreviations packed by [`pack_short`], sorted.
static KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut keys: Vec<u64> = words().filter_map(pack_short).collect();
    keys.sort_unstable();
    keys
});

/// The words of the list (after its `#` comment lines).
fn words() -> impl Iterator<Item = &'static str> {
    super::lexicon::list_words(LIST)
}

/// An ASCII word of at most 6 bytes, lower-cased, as one integer: its bytes, then its length
/// (so that no two words share a key).
fn pack_short(w: &str) -> Option<u64> {
    if w.len() > 6 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    buf[7] = w.len() as u8;
    Some(u64::from_le_bytes(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_packs() {
        assert!(words().count() > 40);
        assert!(
            words().all(|w| pack_short(w).is_some()),
            "a word longer than 6 letters"
        );
    }

    #[test]
    fn keys_are_exact() {
        assert!(is_abbreviation("Mr."));
        assert!(is_abbreviation("MESSRS"));
        // A longer word sharing the first letters is no abbreviation.
        assert!(!is_abbreviation("Mrs.x"));
        assert!(!is_abbreviation("decide"));
        assert!(!is_abbreviation(""));
    }
}
