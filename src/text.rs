//! Small text helpers shared by every layer: name keys, accent folding, control-character escaping,
//! date formatting. Nothing here knows about articles or tantivy.

use time::Date;
use unicode_normalization::UnicodeNormalization;

/// Lower-cases and strips accents: `Zelenskyy` -> `zelenskyy`, `José` -> `jose`.
pub fn fold(s: &str) -> String {
    // ASCII has no accents to strip: most names and keys take this path.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key a name is matched by in filters: folded, punctuation removed, single-spaced.
///
/// ```
/// assert_eq!(newsdex::text::name_key("  Marco  RUBIO "), "marco rubio");
/// assert_eq!(newsdex::text::name_key("José Martí"), "jose marti");
/// ```
pub fn name_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')) {
        let word = word.trim_matches(|c| c == '-' || c == '\'');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Replaces control characters and escape sequences with visible escapes, so text that came from
/// input can never drive the terminal. Newlines and tabs are kept.
pub fn escape_control(s: &str) -> String {
    if !s.chars().any(is_unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Marks the key of a whole name, which `--exact` looks up: `=brian may` is only Brian May,
/// while `may` is every May (surname keys share the plain form).
pub const EXACT_MARK: char = '=';

/// The `--exact` form of a key: [`EXACT_MARK`] then the key.
pub fn exact_key(key: &str) -> String {
    format!("{EXACT_MARK}{key}")
}

/// Keys a person is found by: the full name key, the same marked as a whole name, and the surname
/// key (`marco rubio`, `=marco rubio`, `rubio`). Hyphenated source codes (`james-baker`) count as
/// names too.
///
/// ```
/// assert_eq!(newsdex::text::name_keys("Marco Rubio"), vec!["marco rubio", "=marco rubio", "rubio"]);
/// assert_eq!(newsdex::text::name_keys("james-baker"), vec!["james baker", "=james baker", "baker"]);
/// assert_eq!(newsdex::text::name_keys("May"), vec!["may", "=may"]);
/// ```
pub fn name_keys(name: &str) -> Vec<String> {
    let full = name_key(&name.replace(['-', '_'], " "));
    let full = if name.contains(' ') {
        name_key(name)
    } else {
        full
    };
    let mut keys = vec![full.clone(), exact_key(&full)];
    if let Some((_, last)) = full.rsplit_once(' ') {
        keys.push(last.to_string());
    }
    keys
}

/// The key a user's filter value is looked up by: titles removed (`Mr. Rubio` -> `rubio`).
///
/// ```
/// assert_eq!(newsdex::text::filter_key("Chief Justice Lena Okafor"), "lena okafor");
/// assert_eq!(newsdex::text::filter_key("President"), "president");
/// ```
pub fn filter_key(value: &str) -> String {
    title_forms(value).pop().unwrap_or_default()
}

/// The keys of a filter value from as written to every leading title removed, one title at a
/// time (`president dean baker`, `dean baker`, `baker`: a title word can be a first name too,
/// and the search keeps the first form its index knows). At least one word always stays.
///
/// ```
/// assert_eq!(newsdex::text::title_forms("Sen. Warren"), vec!["sen warren", "warren"]);
/// assert_eq!(newsdex::text::title_forms("Ana Lima"), vec!["ana lima"]);
/// ```
pub fn title_forms(value: &str) -> Vec<String> {
    let key = name_key(value);
    let words: Vec<&str> = key.split(' ').collect();
    let titles = words.iter().take_while(|w| is_title(w)).count();
    let mut forms = vec![key.clone()];
    forms.extend((1..=titles.min(words.len().saturating_sub(1))).map(|k| words[k..].join(" ")));
    forms
}

/// A title or honorific that precedes a name and is not part of it (the lexicon's one list:
/// `data/lexicon/titles.txt` and `honorifics.txt`).
fn is_title(word: &str) -> bool {
    crate::lang::lexicon::is_title_word(word.trim_end_matches('.'))
}

/// ASCII letters and digits by byte value.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Length of the run of ASCII letters and digits opening `bytes`: the common case of a word,
/// read without decoding by the extractors' tokenizers, which see every letter of a text. A table
/// test in a loop over a slice iterator, and kept out of line: inlined into a tokenizer's loop, it
/// reloaded its pointers at every letter.
#[inline(never)]
pub fn ascii_alnum_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len())
}

/// `Talks resume in Geneva | The Daily Ledger` -> `Talks resume in Geneva`: a short last part
/// after ` | `, ` - `, ` – `, ` — ` or ` :: ` whose words all start like a name (a capital, a
/// digit, or a script without case) is the site's name, not part of the title. The part kept
/// must have three words or more, so `Putin - Trump call ends` stays whole, and a title in
/// capitals throughout is kept whole.
///
/// ```
/// use newsdex::text::strip_site_suffix;
/// assert_eq!(strip_site_suffix("Storm hits the coast | The Daily Planet"), "Storm hits the coast");
/// assert_eq!(strip_site_suffix("Talks end - but questions remain"), "Talks end - but questions remain");
/// assert_eq!(strip_site_suffix("Minecraft 1.8 - The Bountiful Update"), "Minecraft 1.8 - The Bountiful Update");
/// assert_eq!(strip_site_suffix("U.S. CORPORATE FINANCE - BOND MARKET GROWS"), "U.S. CORPORATE FINANCE - BOND MARKET GROWS");
/// ```
pub fn strip_site_suffix(title: &str) -> &str {
    let cut = [" | ", " - ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|&(i, _)| i);
    let Some((i, len)) = cut else {
        return title.trim();
    };
    let (prefix, suffix) = (&title[..i], &title[i + len..]);
    // A title in capitals throughout (wire copy) shows no name by its capitals.
    let shouted = prefix.chars().any(char::is_uppercase) && !title.chars().any(char::is_lowercase);
    if shouted {
        return title.trim();
    }
    let suffix_words = suffix.split_whitespace().count();
    let name_like = suffix.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_lowercase())
    });
    if (1..=5).contains(&suffix_words) && name_like && prefix.split_whitespace().count() >= 3 {
        prefix.trim()
    } else {
        title.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_run_stops_at_the_first_other_byte() {
        assert_eq!(ascii_alnum_run(b"Ki-moon"), 2);
        assert_eq!(ascii_alnum_run(b"abc9"), 4);
        assert_eq!(ascii_alnum_run("é".as_bytes()), 0);
        assert_eq!(ascii_alnum_run(b""), 0);
    }

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("plain\ttext\n"), "plain\ttext\n");
    }

    #[test]
    fn folds_accents() {
        assert_eq!(fold("Zürich ÉLAN"), "zurich elan");
    }
}
