//! Story fingerprints: which articles are copies of one story (syndicated, re-run or lightly
//! edited). Each article gets a [`Sketch`] at index time, stored as five `u64` values of the
//! `story` fast field; search groups hits whose sketches say "same story" (`search::collapse`).
//!
//! A sketch is a b-bit MinHash: the low byte of the minimum of 32 hash functions over the
//! article's distinct words (headline and body, lower-cased, numbers included), plus 8 more over
//! its number tokens alone. Two articles are one story when at least 20 of the 32 word bytes agree
//! (estimated Jaccard similarity of their word sets >= 0.6) and all 8 number bytes agree (or
//! neither has a number).
//!
//! Why these choices, measured on the Reuters-21578 stories and on copies made the way the bench
//! corpus makes them (3 words swapped for words of another story, so two copies differ by up to 6
//! words): 64-bit SimHash put only 39% of copy pairs within 3 bits; MinHash over word pairs or
//! triples missed 7-17% of copies of short stories; words alone keep 98.8% of copy pairs together
//! but merge templated notices ("Qtly div 10 cts vs 10 cts prior, Pay April 30"), which differ in
//! their figures — hence the number bytes, which cut the Reuters pairs from 2,698 to 732.
//!
//! ```
//! use newsdex::index::story::Sketch;
//! let a = Sketch::of("Port reopens", "The port reopened on Monday after 3 days of storms, officials said.");
//! let b = Sketch::of("Port reopens", "The port reopened on Monday after 3 days of gales, officials said.");
//! let c = Sketch::of("Port reopens", "The port reopened on Monday after 5 days of storms, officials said.");
//! assert!(a.unwrap().same_story(&b.unwrap()));
//! assert!(!a.unwrap().same_story(&c.unwrap()));
//! ```

/// Hash functions over all words.
pub const WORD_BYTES: usize = 32;
/// Hash functions over number tokens.
pub const NUMBER_BYTES: usize = 8;
/// Word bytes that must agree for one story: 20 of 32 estimates Jaccard >= 0.6.
const SAME_WORD_BYTES: usize = 20;
/// The number of `u64` values a sketch is stored as.
pub const STORED_VALUES: usize = (WORD_BYTES + NUMBER_BYTES) / 8;
/// Word bytes per band of the candidate index: 16 bands of 2 bytes. Two sketches with 20 equal
/// word bytes have at least 4 equal bands (12 differing bytes spoil at most 12 bands), so the
/// band index finds every pair [`Sketch::same_story`] accepts.
pub const BAND_BYTES: usize = 2;

/// The MinHash sketch of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sketch {
    words: [u8; WORD_BYTES],
    /// All zero when the article has no number; otherwise every byte is odd (never zero).
    numbers: [u8; NUMBER_BYTES],
}

impl Sketch {
    /// The sketch of an article, or `None` when it has no word at all.
    pub fn of(headline: &str, body: &str) -> Option<Sketch> {
        let mut words: Vec<u64> = Vec::with_capacity(body.len() / 6);
        let mut numbers: Vec<u64> = Vec::new();
        for text in [headline, body] {
            tokens(text, &mut words, &mut numbers);
        }
        if words.is_empty() {
            return None;
        }
        let mut sketch = Sketch {
            words: min_bytes::<WORD_BYTES>(&mut words, 0),
            numbers: [0; NUMBER_BYTES],
        };
        if !numbers.is_empty() {
            sketch.numbers =
                min_bytes::<NUMBER_BYTES>(&mut numbers, WORD_BYTES as u64).map(|b| b | 1);
        }
        Some(sketch)
    }

    /// True when the two articles are copies of one story.
    pub fn same_story(&self, other: &Sketch) -> bool {
        let equal = self
            .words
            .iter()
            .zip(&other.words)
            .filter(|(a, b)| a == b)
            .count();
        equal >= SAME_WORD_BYTES && self.numbers == other.numbers
    }

    /// The band keys of the candidate index: band number and its bytes in one `u32`.
    pub fn bands(&self) -> impl Iterator<Item = u32> + '_ {
        self.words
            .chunks(BAND_BYTES)
            .enumerate()
            .map(|(band, bytes)| {
                bytes
                    .iter()
                    .fold(band as u32, |key, &b| (key << 8) | u32::from(b))
            })
    }

    /// The sketch as the `story` fast field stores it.
    pub fn to_values(&self) -> [u64; STORED_VALUES] {
        let mut bytes = [0u8; WORD_BYTES + NUMBER_BYTES];
        bytes[..WORD_BYTES].copy_from_slice(&self.words);
        bytes[WORD_BYTES..].copy_from_slice(&self.numbers);
        let mut out = [0u64; STORED_VALUES];
        for (value, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *value = u64::from_le_bytes(b);
        }
        out
    }

    /// The sketch back from its stored values; `None` unless there are exactly [`STORED_VALUES`].
    pub fn from_values(values: &[u64]) -> Option<Sketch> {
        if values.len() != STORED_VALUES {
            return None;
        }
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let mut sketch = Sketch {
            words: [0; WORD_BYTES],
            numbers: [0; NUMBER_BYTES],
        };
        sketch.words.copy_from_slice(&bytes[..WORD_BYTES]);
        sketch.numbers.copy_from_slice(&bytes[WORD_BYTES..]);
        Some(sketch)
    }
}

/// Hashes of the lower-cased alphanumeric words of `text` into `words`, and of the tokens that
/// hold a digit (`7-1/2`, `16.9` kept whole) into `numbers` too.
fn tokens(text: &str, words: &mut Vec<u64>, numbers: &mut Vec<u64>) {
    let mut lower = String::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')'))
    {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.bytes().any(|b| b.is_ascii_digit()) {
            numbers.push(hash(token.as_bytes()));
        }
        for word in token.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            words.push(hash(lower.as_bytes()));
        }
    }
}

/// The low byte of the minimum of `N` hash functions over the distinct hashes in `hashes`.
fn min_bytes<const N: usize>(hashes: &mut Vec<u64>, seed: u64) -> [u8; N] {
    hashes.sort_unstable();
    hashes.dedup();
    let mut mins = [u64::MAX; N];
    for &h in hashes.iter() {
        for (k, min) in mins.iter_mut().enumerate() {
            let v = mix(h ^ (seed + k as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
            *min = (*min).min(v);
        }
    }
    mins.map(|m| m as u8)
}

/// The token hash. Stored sketches depend on it: changing it needs a new schema version.
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// SplitMix64's finaliser: one good 64-bit permutation per seed.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The city council voted on Tuesday to close the old river bridge to cars \
        from next month, after engineers found cracks in two of its supports. Buses and bicycles \
        may still cross. The mayor said a new bridge would cost 12 million euros and could open \
        in 2027, and that the council would ask the regional government to pay half.";

    #[test]
    fn a_copy_with_a_few_words_changed_is_the_same_story() {
        let a = Sketch::of("Bridge closes to cars", BODY).unwrap();
        let edited = BODY
            .replace("Tuesday", "Monday")
            .replace("cracks", "damage")
            .replace("bicycles", "cyclists");
        let b = Sketch::of("Bridge closes to cars", &edited).unwrap();
        assert!(a.same_story(&b));
        assert!(a.bands().zip(b.bands()).any(|(x, y)| x == y));
    }

    #[test]
    fn other_figures_or_other_words_are_another_story() {
        let a = Sketch::of("Bridge closes to cars", BODY).unwrap();
        let figures = Sketch::of(
            "Bridge closes to cars",
            &BODY.replace("12 million", "15 million"),
        )
        .unwrap();
        assert!(!a.same_story(&figures));
        let other = Sketch::of(
            "Harbour dredging starts",
            "Dredgers began clearing silt from the harbour mouth, which has narrowed since the \
             spring floods. Ferries will keep running on a shorter timetable.",
        )
        .unwrap();
        assert!(!a.same_story(&other));
    }

    #[test]
    fn stored_values_round_trip_and_no_words_no_sketch() {
        let a = Sketch::of("", BODY).unwrap();
        assert_eq!(Sketch::from_values(&a.to_values()), Some(a));
        assert_eq!(Sketch::from_values(&[1, 2]), None);
        assert_eq!(Sketch::of("", " ... "), None);
    }
}
