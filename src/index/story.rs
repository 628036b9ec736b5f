//! Story fingerprints: which articles are copies of one story (syndicated, re-run or lightly
//! edited). Each article gets a [`Sketch`] at index time, stored as three `u64` values of the
//! `story` fast field; search groups hits whose sketches say "same story" (`search::collapse`).
//!
//! A sketch is a b-bit one-permutation MinHash: the low 4 bits of the minimum in each of 36
//! bins over the article's words (headline and body, lower-cased, numbers included), a 16-bit
//! key of its headline's words, and 8 bins over its number tokens alone (see `Bins`). Two
//! articles are one story when all 8 number values agree (or neither has a number) and at least
//! 25 of the 36 word values agree (estimated Jaccard similarity of their word sets >= 0.67), or
//! 18 of them (>= 0.47) under the same headline.
//!
//! Why these choices, measured on the Reuters-21578 stories and on copies made the way the bench
//! corpus makes them (3 words swapped for words of another story, so two copies differ by up to 6
//! words): 64-bit SimHash put only 39% of copy pairs within 3 bits; MinHash over word pairs or
//! triples missed 7-17% of copies of short stories; words alone keep 98.8% of copy pairs together
//! but merge templated notices ("Qtly div 10 cts vs 10 cts prior, Pay April 30"), which differ in
//! their figures — hence the number bytes, which cut the Reuters pairs from 2,698 to 732.
//! `tests/stories.rs` measures it on every Reuters article: with 32 separate hash functions and
//! 20 agreeing bytes, 17,964 of 17,965 edited copies were found and 521 pairs of different
//! articles were taken for one story; with one permutation, 40 bins of 4 bits and 27 agreeing,
//! 17,964 and 501, for 17% of the instructions and 24 bytes per article instead of 40 (the
//! `story` field went from 4.1% to 2.5% of the Reuters index).
//!
//! The headline key: two copies of a story of 20-40 words, each with 3 words swapped, share too
//! few words for 0.65, and 57 of 17,965 such pairs of copies were split (the bench's stories
//! whose copies fell in several groups). Under one headline the words need agree only half as
//! much: 1 of 17,965 pairs is split. Reuters articles taken for one story went from 501 to
//! 488: of the 30 pairs gained, 14 share their headline and are re-runs and updates of one story
//! (`REAGAN WARNS CONGRESS ON PROTECTIONISM` twice, `JAPANESE CRUSHERS BUY CANADIAN RAPESEED`
//! with a tonnage corrected); of the 43 lost, most are notices of different firms (the same new
//! prime rate, the same dividend) and about 10 re-written copies of one story. The key takes 4 of
//! the 40 word bins a sketch had, so its size is unchanged, and a copy whose headline was edited
//! is judged as before (17,953 of 17,965 copies with `UPDATE` added to their headline were found,
//! with and without the key).
//!
//! ```
//! use newsdex::index::story::Sketch;
//! let a = Sketch::of("Port reopens", "The port reopened on Monday after 3 days of storms, officials said.");
//! let b = Sketch::of("Port reopens", "The port reopened on Monday after 3 days of gales, officials said.");
//! let c = Sketch::of("Port reopens", "The port reopened on Monday after 5 days of storms, officials said.");
//! assert!(a.unwrap().same_story(&b.unwrap()));
//! assert!(!a.unwrap().same_story(&c.unwrap()));
//! ```

/// Bins over all words.
pub const WORD_BINS: usize = 36;
/// Bins over number tokens.
pub const NUMBER_BINS: usize = 8;
/// Bits of the headline key.
const HEADLINE_BITS: usize = 16;
/// Word bins that must agree for one story. A 4-bit value agrees by chance one time in 16, so
/// `p = J + (1 - J) / 16` of the bins agree at Jaccard similarity `J`: 25 of 36 is `J >= 0.67`.
const SAME_WORD_BINS: usize = 25;
/// Word bins that must agree for one story when the headlines are the same: 18 of 36 is
/// `J >= 0.47`.
const SAME_WORD_BINS_SAME_HEADLINE: usize = 18;
/// The number of `u64` values a sketch is stored as: 48 values of 4 bits.
pub const STORED_VALUES: usize = (WORD_BINS + HEADLINE_BITS / 4 + NUMBER_BINS) / 16;
/// Word bins per band of the candidate index: 12 bands of 3 bins. Two sketches with 25 equal
/// word bins differ in at most 11, which spoil at most 11 of the 12 bands; a pair accepted for
/// its headline shares the headline band: the band index finds every pair
/// [`Sketch::same_story`] accepts. A band of 3 values has 4,096 keys where one of 2 has 256, so
/// a band holds fewer candidates (20 bands of 2 were 7 times the comparisons).
const BAND_SIZES: [usize; 12] = [3; 12];
const _: () = {
    let (mut k, mut bins) = (0, 0);
    while k < BAND_SIZES.len() {
        assert!(BAND_SIZES[k] <= 3, "a band's values fit in 12 bits");
        bins += BAND_SIZES[k];
        k += 1;
    }
    assert!(bins == WORD_BINS && BAND_SIZES.len() > WORD_BINS - SAME_WORD_BINS);
    assert!((WORD_BINS + HEADLINE_BITS / 4 + NUMBER_BINS).is_multiple_of(16));
};

/// The MinHash sketch of one article: a 4-bit value per bin, and a key of its headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sketch {
    words: [u8; WORD_BINS],
    /// A hash of the headline's lower-cased words; 0 for no headline, otherwise odd.
    headline: u16,
    /// All zero when the article has no number; otherwise every value is odd (never zero).
    numbers: [u8; NUMBER_BINS],
}

impl Sketch {
    /// The sketch of an article, or `None` when it has no word at all.
    pub fn of(headline: &str, body: &str) -> Option<Sketch> {
        let mut words = Bins::<WORD_BINS>::new(WORD_SEED);
        let mut numbers = Bins::<NUMBER_BINS>::new(NUMBER_SEED);
        for text in [headline, body] {
            tokens(text, &mut words, &mut numbers);
        }
        Some(Sketch {
            words: words.values()?,
            headline: headline_key(headline),
            numbers: numbers
                .values()
                .map_or([0; NUMBER_BINS], |v| v.map(|v| v | 1)),
        })
    }

    /// True when the two articles are copies of one story: their figures agree and their words
    /// mostly do, or, under the same headline, half of them do (a copy re-run with a paragraph
    /// changed, an update with a figure corrected).
    pub fn same_story(&self, other: &Sketch) -> bool {
        if self.numbers != other.numbers {
            return false;
        }
        let equal = self
            .words
            .iter()
            .zip(&other.words)
            .filter(|(a, b)| a == b)
            .count();
        let same_headline = self.headline != 0 && self.headline == other.headline;
        equal >= SAME_WORD_BINS || same_headline && equal >= SAME_WORD_BINS_SAME_HEADLINE
    }

    /// The band keys of the candidate index, in one `u64` each: the number values (32 bits),
    /// the band's number (16) and its values (16): 12 word bands, then the headline key.
    /// [`Sketch::same_story`] needs the number values equal, so keying every band by them loses
    /// no pair it accepts, and a band's candidates are then only the articles with the same
    /// figures: with the word values alone a band had 256 keys, and collapsing the 15,465
    /// Reuters hits for `said` spent 89% of its 0.42 s comparing sketches.
    pub fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        let numbers = self
            .numbers
            .iter()
            .fold(0u64, |key, &v| (key << 4) | u64::from(v));
        let key = move |band: usize, value: u64| (numbers << 32) | (band as u64) << 16 | value;
        let mut start = 0;
        let words = BAND_SIZES.iter().enumerate().map(move |(band, &size)| {
            let values = &self.words[start..start + size];
            start += size;
            key(band, values.iter().fold(0, |k, &v| (k << 4) | u64::from(v)))
        });
        let headline = (self.headline != 0).then(|| key(BAND_SIZES.len(), self.headline.into()));
        words.chain(headline)
    }

    /// The sketch as the `story` fast field stores it: its 4-bit values packed, 16 to a `u64`
    /// (word bins, the headline key's four nibbles, number bins).
    pub fn to_values(&self) -> [u64; STORED_VALUES] {
        let headline = (0..HEADLINE_BITS / 4).map(|k| ((self.headline >> (4 * k)) & 0xF) as u8);
        let nibbles = self
            .words
            .iter()
            .copied()
            .chain(headline)
            .chain(self.numbers);
        let mut out = [0u64; STORED_VALUES];
        for (k, v) in nibbles.enumerate() {
            out[k / 16] |= u64::from(v & 0xF) << (4 * (k % 16));
        }
        out
    }

    /// The sketch back from its stored values; `None` unless there are exactly [`STORED_VALUES`].
    pub fn from_values(values: &[u64]) -> Option<Sketch> {
        if values.len() != STORED_VALUES {
            return None;
        }
        let value = |k: usize| ((values[k / 16] >> (4 * (k % 16))) & 0xF) as u8;
        let headline = (0..HEADLINE_BITS / 4)
            .fold(0u16, |h, k| h | u16::from(value(WORD_BINS + k)) << (4 * k));
        Some(Sketch {
            words: std::array::from_fn(value),
            headline,
            numbers: std::array::from_fn(|k| value(WORD_BINS + HEADLINE_BITS / 4 + k)),
        })
    }
}

/// The headline's key: a hash of its lower-cased alphanumeric words in order, odd; 0 when it
/// has none. Copies that keep the headline keep the key, whatever their punctuation or case.
fn headline_key(headline: &str) -> u16 {
    let mut key = None;
    let mut lower = String::new();
    for word in headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        key = Some(mix(key.unwrap_or(HEADLINE_SEED) ^ hash(lower.as_bytes())));
    }
    key.map_or(0, |k| (k as u16) | 1)
}

/// Adds the lower-cased alphanumeric words of `text` to `words`, and the tokens that hold a
/// digit (`7-1/2`, `16.9` kept whole) to `numbers` too.
fn tokens<const W: usize, const N: usize>(text: &str, words: &mut Bins<W>, numbers: &mut Bins<N>) {
    if text.is_ascii() {
        return ascii_tokens(text.as_bytes(), words, numbers);
    }
    let mut lower = String::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')'))
    {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        if token.bytes().any(|b| b.is_ascii_digit()) {
            numbers.add(hash(token.as_bytes()));
        }
        for word in token.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                words.add(hash(lower.as_bytes()));
            }
        }
    }
}

/// [`tokens`] for ASCII text, the same tokens by bytes: no decoding and no Unicode case tables
/// (char-by-char splitting and lower-casing were nine tenths of a sketch's cost).
fn ascii_tokens<const W: usize, const N: usize>(
    text: &[u8],
    words: &mut Bins<W>,
    numbers: &mut Bins<N>,
) {
    // `char::is_whitespace` on ASCII: tab to carriage return (vertical tab too) and space.
    let separator = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ' | b',' | b';' | b':' | b'(' | b')');
    let mut lower = Vec::new();
    for token in text.split(separator) {
        let Some(first) = token.iter().position(u8::is_ascii_alphanumeric) else {
            continue;
        };
        let last = token
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .unwrap_or(first);
        let token = &token[first..=last];
        if token.iter().any(u8::is_ascii_digit) {
            numbers.add(hash(token));
        }
        for word in token.split(|b| !b.is_ascii_alphanumeric()) {
            if !word.is_empty() {
                lower.clear();
                lower.extend(word.iter().map(u8::to_ascii_lowercase));
                words.add(hash(&lower));
            }
        }
    }
}

/// Seeds of the word and the number permutations.
const WORD_SEED: u64 = 0x6E65_7773_6465_7801;
const NUMBER_SEED: u64 = 0x6E65_7773_6465_7802;
const HEADLINE_SEED: u64 = 0x6E65_7773_6465_7803;

/// One-permutation MinHash over `N` bins: each token hash is permuted once, its high bits
/// pick a bin and the bin keeps its minimum. This equals `N` hash functions over `N` disjoint
/// parts of the vocabulary: a copy's bins agree as often as `N` separate minimums would, for
/// one permutation per token instead of `N` per distinct word (32 functions were 17% of an
/// index build's instructions). A repeated word changes no minimum, so the tokens need no
/// de-duplication either.
struct Bins<const N: usize> {
    seed: u64,
    mins: [u64; N],
    any: bool,
}

impl<const N: usize> Bins<N> {
    fn new(seed: u64) -> Self {
        Bins {
            seed,
            mins: [u64::MAX; N],
            any: false,
        }
    }

    fn add(&mut self, token_hash: u64) {
        let v = mix(token_hash ^ self.seed);
        // The high 32 bits scaled to `0..N`; the value kept is the low bits, independent of them.
        let bin = (((v >> 32) * N as u64) >> 32) as usize;
        self.mins[bin] = self.mins[bin].min(v);
        self.any = true;
    }

    /// The low 4 bits of each bin's minimum; `None` when no token came. An empty bin (a short
    /// text leaves some) borrows the minimum of the next filled bin, re-mixed with the distance,
    /// so two texts with the same words fill their empty bins alike ("densification").
    fn values(&self) -> Option<[u8; N]> {
        if !self.any {
            return None;
        }
        Some(std::array::from_fn(|i| {
            let (distance, min) = (0..N)
                .map(|d| (d, self.mins[(i + d) % N]))
                .find(|&(_, m)| m != u64::MAX)
                .unwrap_or((0, 0));
            let min = if distance == 0 {
                min
            } else {
                mix(min ^ distance as u64)
            };
            (min & 0xF) as u8
        }))
    }
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
    fn a_short_story_rewritten_in_places_is_one_story_under_its_headline() {
        let short = "The ferry to the island will not sail this weekend because of high winds, \
            the operator said, and passengers can change their tickets free of charge.";
        let rewritten = short
            .replace("sail", "run")
            .replace("high", "strong")
            .replace("operator", "company")
            .replace("change", "swap")
            .replace("free", "without");
        let a = Sketch::of("Ferry cancelled", short).unwrap();
        let b = Sketch::of("FERRY CANCELLED.", &rewritten).unwrap();
        assert!(a.same_story(&b));
        assert!(a.bands().any(|k| b.bands().any(|l| k == l)));
        let c = Sketch::of("Weekend ferry off", &rewritten).unwrap();
        assert!(
            !a.same_story(&c),
            "another headline asks for more words in common"
        );
        assert_eq!(headline_key(""), 0);
        assert_eq!(
            headline_key("Ferry, cancelled"),
            headline_key("ferry cancelled")
        );
    }

    #[test]
    fn stored_values_round_trip_and_no_words_no_sketch() {
        let a = Sketch::of("", BODY).unwrap();
        assert_eq!(Sketch::from_values(&a.to_values()), Some(a));
        assert_eq!(Sketch::from_values(&[1, 2]), None);
        assert_eq!(Sketch::of("", " ... "), None);
    }
}
