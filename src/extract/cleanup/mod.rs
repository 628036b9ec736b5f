//! Text cleanup for scraped pages: the line rules (site chrome, boilerplate, bylines, date
//! lines, end markers such as "Related Articles"), the page's date from its metadata line, a
//! leading dateline, and [`clean_page`], which puts them together with the block classifier of
//! [`blocks`]: that module decides which run of blocks is the article and which block is its
//! headline; this one then drops a repeated title, teasers and bylines before the text.
//!
//! The page is read as blocks separated by blank lines (a block of long lines becomes one block
//! per line); the body keeps the lines of a block together (hard wraps are not reflowed).

pub mod blocks;

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use time::Date;

use super::dateline;
use crate::ingest::formats::dates;
use crate::text::strip_site_suffix;

/// A scraped page split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanPage {
    pub headline: String,
    pub body: String,
    /// A dateline found at the start of the body (`PARIS, March 2 (AFP) -`), as written, with
    /// its place and date already read.
    pub dateline: Option<dateline::Leading>,
    /// The page's date from a metadata line (`Updated November 25, 2025`), if it gives one.
    pub date: Option<Date>,
}

/// Splits a page into headline, body and leading dateline, dropping chrome and boilerplate.
pub fn clean_page(text: &str) -> CleanPage {
    let decoded = decode_entities(text);
    let text = normalize(&decoded);
    let layout = layout_of(&text);
    let head_text = layout
        .headline
        .map_or("", |h| layout.blocks[h].text.as_str());
    let headline = strip_site_suffix(head_text).to_string();
    let mut paragraphs: Vec<String> = layout.body().map(str::to_string).collect();
    // Pages often carry the title twice (document title, then the on-page heading).
    paragraphs.retain(|p| p != head_text && *p != headline);
    drop_teasers(&mut paragraphs);
    // Page metadata (bylines, "Updated ..." lines) stands before the first real sentence.
    let text_start = paragraphs
        .iter()
        .position(|p| ends_sentence(p) && has_words(p, 8))
        .unwrap_or(paragraphs.len());
    let date = layout
        .meta_before_text()
        .chain(paragraphs[..text_start].iter().map(String::as_str))
        .filter(|p| is_meta(p))
        .find_map(page_date);
    drop_bylines_before(&mut paragraphs, text_start);
    // The dateline opens the first sentence paragraph, or one of the first few paragraphs.
    let dateline = paragraphs
        .iter()
        .filter(|p| !is_meta(p))
        .take(3)
        .find_map(|p| dateline::leading_dateline(p));
    CleanPage {
        headline,
        body: paragraphs.join("\n\n"),
        dateline,
        date,
    }
}

/// A scraped page read as blocks, with what became of each ([`blocks::Layout::decision`]): what
/// `newsdex extract --show-blocks` prints.
pub fn page_layout(text: &str) -> blocks::Layout {
    layout_of(&normalize(&decode_entities(text)))
}

/// The page read as blocks, with the article's run and headline found ([`blocks::layout`]).
fn layout_of(text: &str) -> blocks::Layout {
    let blocks = split_blocks(text);
    let lines: Vec<(usize, &str)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, ls)| ls.iter().map(move |l| (b, *l)))
        .collect();
    blocks::layout(&lines)
}

/// The date of a metadata line (`Updated November 25, 2025`, `Tuesday, September 22, 2015`,
/// `Published: 2025-11-25 10:00`); `None` unless a full date with its year is there.
fn page_date(line: &str) -> Option<Date> {
    let lower = line.to_lowercase();
    let mut rest = line;
    for prefix in [
        "last updated",
        "updated",
        "published",
        "posted on",
        "posted",
        "on",
    ] {
        if lower.starts_with(prefix) {
            rest = line.get(prefix.len()..)?;
            break;
        }
    }
    let rest = rest.trim_start_matches([':', ' ']);
    // A leading weekday (`Tuesday, ...`) is not part of the date forms the parser knows.
    let without_weekday = rest.split_once(", ").map(|(head, tail)| {
        if head.chars().all(char::is_alphabetic) && dateline::month_of(head).is_none() {
            tail
        } else {
            rest
        }
    });
    dates::parse_any(without_weekday.unwrap_or(rest)).or_else(|| dates::parse_any(rest))
}

/// Decodes the HTML entities that survive in scraped text (`&amp;`, `&nbsp;`, `&#8217;`,
/// `&#x2019;`); unknown or malformed ones stay as written. One pass, so `&amp;amp;` -> `&amp;`.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail
            .get(1..tail.len().min(12))
            .and_then(|t| t.find(';').map(|semi| (&t[..semi], semi + 2)))
            .and_then(|(name, len)| entity(name).map(|c| (c, len)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (`amp`, `#8217`, `#x2019`) stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n' || *c == '\t');
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "deg" => '°',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c)
}

/// `Marta Silva-\nPinto`, `D-\nMich.`: a word broken after its hyphen at the end of a
/// hard-wrapped line is joined again (the line break and the next line's indent go), so a name
/// or compound stays one word for extraction and phrase search.
///
/// ```
/// use newsdex::extract::cleanup::join_wrapped_hyphens;
/// assert_eq!(join_wrapped_hyphens("Ana Silva-\n  Pinto said".into()), "Ana Silva-Pinto said");
/// assert_eq!(join_wrapped_hyphens("a list:\n- one".into()), "a list:\n- one");
/// assert_eq!(join_wrapped_hyphens("three-\nand seven-day".into()), "three-\nand seven-day");
/// ```
pub fn join_wrapped_hyphens(text: String) -> String {
    if !text.contains("-\n") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("-\n") {
        let before = rest[..i].chars().next_back();
        let after = rest[i + 2..].trim_start_matches([' ', '\t']);
        // `three-\nand seven-day`: a hyphen left hanging before `and` stays apart.
        let next_word = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let joins = before.is_some_and(char::is_alphabetic)
            && after.chars().next().is_some_and(char::is_alphabetic)
            && !matches!(next_word, "and" | "or" | "to" | "nor");
        if joins {
            out.push_str(&rest[..=i]);
            rest = after;
        } else {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
        }
    }
    out.push_str(rest);
    out
}

/// Line endings to `\n`, no-break spaces to spaces, zero-width characters and BOMs removed.
fn normalize(s: &str) -> Cow<'_, str> {
    // Searched for as byte strings: most pages hold none of them, and curly quotes (which share
    // a lead byte with some) must not send a page down the character-by-character copy.
    const CHANGED: [&str; 7] = [
        "\r", "\u{200b}", "\u{200c}", "\u{200d}", "\u{feff}", "\u{a0}", "\u{202f}",
    ];
    if !CHANGED
        .iter()
        .any(|c| memchr::memmem::find(s.as_bytes(), c.as_bytes()).is_some())
    {
        return Cow::Borrowed(s);
    }
    s.chars()
        .filter(|c| !matches!(c, '\r' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}'))
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{202f}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Blocks of trimmed, non-empty lines, split at blank lines; a block whose lines are mostly
/// long (one paragraph per line, not hard-wrapped) becomes one block per line.
fn split_blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines().map(str::trim) {
        match (line.is_empty(), blocks.last_mut()) {
            (true, Some(last)) if !last.is_empty() => blocks.push(Vec::new()),
            (false, Some(last)) => last.push(line),
            _ => {}
        }
    }
    blocks.retain(|b| !b.is_empty());
    // Hard-wrapped text stays under ~80 columns; a block of mostly longer lines holds one
    // paragraph per line.
    blocks
        .into_iter()
        .flat_map(|block| {
            // A line of 100 bytes or fewer has at most 100 characters: no need to count them.
            let long = block
                .iter()
                .filter(|l| l.len() > 100 && l.chars().count() > 100)
                .count();
            if block.len() >= 2 && long * 2 > block.len() {
                block.into_iter().map(|l| vec![l]).collect()
            } else {
                vec![block]
            }
        })
        .collect()
}

/// Words separated by whitespace.
fn word_count(s: &str) -> usize {
    count_words(s, usize::MAX)
}

/// At least `n` words: stops counting there (paragraphs can be a whole article long).
fn has_words(s: &str, n: usize) -> bool {
    count_words(s, n) >= n
}

/// The words of `s`, counted up to `limit`. The classifiers run this on every line several
/// times, so ASCII text (most of it) is counted in blocks of 64 bytes, without decoding and in a
/// loop the compiler vectorises; a block with a non-ASCII byte sends the whole count to
/// `split_whitespace` (`\u{a0}` separates words too).
fn count_words(s: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut prev_space = true;
    for block in s.as_bytes().chunks(64) {
        if words >= limit {
            break;
        }
        if !block.is_ascii() {
            return s.split_whitespace().take(limit).count();
        }
        let (first, last) = (block[0], block[block.len() - 1]);
        words += usize::from(prev_space && !is_ascii_space(first)) + word_starts_after_first(block);
        prev_space = is_ascii_space(last);
    }
    words.min(limit)
}

/// Word starts (a space, then a non-space) inside an ASCII block of at most 255 bytes, counted
/// branch-free in byte-wide lanes.
fn word_starts_after_first(block: &[u8]) -> usize {
    let mut n = 0u8;
    for (&p, &c) in block.iter().zip(&block[1..]) {
        n += u8::from(is_ascii_space(p) & !is_ascii_space(c));
    }
    usize::from(n)
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(c: u8) -> bool {
    (c == b' ') | (c.wrapping_sub(b'\t') <= b'\r' - b'\t')
}

/// Ends like a sentence: `.`, `!`, `?`, or a closing quote after one.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')']);
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

/// 4 to 30 words, no sentence-final period (`?` and `!` are fine), not chrome or a byline.
fn is_title_like(line: &str) -> bool {
    let words = word_count(line);
    (4..=30).contains(&words)
        && !ends_with_period(line)
        && !line.ends_with([',', ':', ';'])
        && line.chars().any(char::is_alphabetic)
        && !is_chrome(line)
        && !is_boilerplate(line)
        && !is_meta(line)
}

/// A sentence-final period, not the one of an abbreviation (`U.S.`, `Jr.`).
fn ends_with_period(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '”', '’', '\'']);
    if !t.ends_with('.') || t.ends_with("...") {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or_default();
    let inner_dots = last.matches('.').count() > 1;
    let short_abbrev = last.chars().filter(|c| c.is_alphabetic()).count() <= 2
        && last.starts_with(char::is_uppercase);
    !(inner_dots || short_abbrev)
}

/// Words of site navigation and social buttons.
const NAV_WORDS: &[&str] = &[
    "home",
    "world",
    "news",
    "sport",
    "sports",
    "business",
    "politics",
    "opinion",
    "tech",
    "technology",
    "science",
    "health",
    "culture",
    "entertainment",
    "lifestyle",
    "travel",
    "video",
    "videos",
    "latest",
    "top",
    "more",
    "menu",
    "search",
    "live",
    "europe",
    "asia",
    "africa",
    "americas",
    "middle",
    "east",
    "us",
    "uk",
    "local",
    "national",
    "international",
    "economy",
    "markets",
    "weather",
    "podcasts",
    "newsletters",
    "subscribe",
    "login",
    "log",
    "in",
    "sign",
    "about",
    "contact",
    "privacy",
    "terms",
    "trending",
    "sections",
    "breaking",
    "facebook",
    "twitter",
    "whatsapp",
    "email",
    "linkedin",
    "telegram",
    "pinterest",
    "reddit",
    "share",
    "tweet",
    "print",
    "x",
    "instagram",
    "youtube",
    "&",
    "and",
    "arts",
    "style",
    "food",
    "climate",
    "environment",
    "education",
    "media",
    "featured",
    "popular",
    "editor's",
    "picks",
    "region",
];

/// Chrome, bylines and boilerplate are short lines; longer lines are article text. The bound also
/// keeps the per-line classifiers (which split and lower-case) cheap on a file of one giant line.
const MAX_CHROME_BYTES: usize = 1000;

/// Site chrome: menus, breadcrumbs, glued menu words (`LatestWorldTop News`), lines of nav words.
fn is_chrome(line: &str) -> bool {
    if line.len() > MAX_CHROME_BYTES {
        return false;
    }
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return true;
    };
    let short_parts = |sep: &str| {
        let mut parts = line.split(sep).map(str::trim);
        let n = parts.clone().count();
        n >= 2 && parts.all(|p| word_count(p) <= 4)
    };
    let few_words = !has_words(line, 7);
    let glued = few_words && line.split_whitespace().any(|w| camel_humps(w) >= 2);
    let all_nav = is_nav_word(first) && words.clone().next().is_some() && words.all(is_nav_word);
    // Separators are rare in text lines: one byte scan spares the substring searches (`»` and
    // `›` start with 0xc2 and 0xe2).
    let has_separator = || {
        let b = line.as_bytes();
        memchr::memchr3(b'|', b'>', b'/', b).is_some() || memchr::memchr2(0xc2, 0xe2, b).is_some()
    };
    glued
        || all_nav
        || has_separator()
            && ((line.contains('|') && short_parts("|"))
                || [(" > ", ">"), (" » ", "»"), (" › ", "›"), (" / ", "/")]
                    .iter()
                    .any(|(spaced, sep)| line.contains(spaced) && short_parts(sep)))
}

/// A word of site navigation ([`NAV_WORDS`]), in any case, with a trailing comma or period.
fn is_nav_word(word: &str) -> bool {
    static NAV: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| NAV_WORDS.iter().copied().collect());
    let w = word.trim_matches([',', '.']);
    let mut buf = [0u8; 16];
    let Some(buf) = buf.get_mut(..w.len()) else {
        return false;
    };
    buf.copy_from_slice(w.as_bytes());
    buf.make_ascii_lowercase();
    std::str::from_utf8(buf).is_ok_and(|lower| NAV.contains(lower))
}

/// Lower-to-upper transitions inside a word: `LatestPakistanTop` has two, `McDonald` one.
fn camel_humps(word: &str) -> usize {
    let mut humps = 0;
    let mut prev_lower = false;
    for c in word.chars() {
        if prev_lower && c.is_uppercase() {
            humps += 1;
        }
        prev_lower = c.is_lowercase();
    }
    humps
}

/// Bylines and timestamps (`By Jane Roe`, `Updated March 3, 2025`): page metadata.
fn is_byline(line: &str) -> bool {
    if line.len() > MAX_CHROME_BYTES {
        return false;
    }
    const STARTS: &[&str] = &[
        "by ",
        "updated",
        "published",
        "posted ",
        "last updated",
        "photo:",
        "image:",
    ];
    // A longer credit (`By Jane Roe, Senior Reporter, Health Desk`) names someone and ends
    // without a sentence's punctuation.
    let credit_shaped = || {
        !has_words(line, 9) || !has_words(line, 16) && !ends_sentence(line) && line.contains(',')
    };
    credit_shaped() && with_lower(line, |lower| starts_with_any(lower, STARTS))
}

/// Bylines, timestamps and date-only lines (`Friday, July 21, 2017`): never titles.
fn is_meta(line: &str) -> bool {
    if line.len() > MAX_CHROME_BYTES {
        return false;
    }
    is_byline(line) || is_date_line(line)
}

/// A short line that gives a date: a month name next to a number (`Nov 11, 2020`,
/// `5 April 2018`, `// By Arun Sai • Nov 11, 2020`) or a numeric date (`2019-02-15`), in at
/// most 11 words, or 16 with a time of day, more than half of them numbers, months or
/// particles.
fn is_date_line(line: &str) -> bool {
    // A time of day (`10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM`) allows a longer line.
    let has_time = || {
        let b = line.as_bytes();
        b.windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
    };
    if !line.bytes().any(|b| b.is_ascii_digit()) || has_words(line, 17) {
        return false;
    }
    if has_words(line, 12) && !has_time() {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &&str| w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    // `2019-02-15`, `15.02.2019`, `2/15/2019`: three numbers in a row, one of them a year.
    let numeric = words.windows(3).any(|w| {
        w.iter().all(number) && w.iter().any(|n| n.len() == 4) && line.contains(['-', '.', '/'])
    });
    let month = |w: &&str| w.len() >= 3 && dateline::month_of(w).is_some();
    let dated = numeric
        || words.iter().enumerate().any(|(i, w)| {
            month(w) && (words.get(i + 1).is_some_and(number) || i > 0 && number(&words[i - 1]))
        });
    // Most of a date line is the date: `DEB SHOPS INC 4TH QTR JAN 31 NET` is a headline.
    let datelike = words
        .iter()
        .filter(|w| number(w) || month(w) || w.chars().count() <= 2)
        .count();
    dated && datelike * 2 > words.len()
}

/// Drops bylines and timestamps standing before the article text (the first `text_start`
/// paragraphs); a date-only line stays (it is part of some plain-text article formats).
fn drop_bylines_before(paragraphs: &mut Vec<String>, text_start: usize) {
    let mut i = 0;
    paragraphs.retain(|p| {
        i += 1;
        i > text_start || !is_byline(p)
    });
}

/// Opening words of boilerplate lines of up to 25 words.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "related articles",
    "related posts",
    "related stories",
    "leave a reply",
    "leave a comment",
    "your email address will not be published",
    "required fields are marked",
    "back to top",
    "share this",
    "click to share",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by continuing to use",
    "accept cookies",
    "subscribe to our newsletter",
    "advertisement",
    "©",
    "copyright ©",
    "copyright (c)",
    "skip to",
    "click here to",
    "cancel reply",
    "story continues below",
    "article continues below",
    "continue reading",
    "listen to this article",
    "our standards:",
    "report an error",
    "enter your email",
    "get the latest news",
];

/// Opening words of boilerplate lines of up to 12 words: these also open real sentences.
const BOILERPLATE_SHORT_PREFIXES: &[&str] = &[
    "share on",
    "share via",
    "sign up",
    "read more",
    "also read",
    "posted in",
    "tagged",
    "tags:",
    "follow us",
    "subscribe now",
    "download our app",
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "photo:",
    "image:",
    "image source",
    "image caption",
    "media caption",
    "photo credit",
    "filed under",
    "topics:",
    "support our journalism",
    "thank you for reading",
    "become a member",
    "watch:",
    "show more",
    "load more",
];

/// Whole boilerplate lines (buttons, labels), lower-case, without a final `:` or `.`.
const BOILERPLATE_LINES: &[&str] = &[
    "share",
    "tweet",
    "email",
    "print",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "telegram",
    "copy link",
    "ad",
    "sponsored",
    "menu",
    "search",
    "home",
    "close",
    "comments",
    "related",
    "loading",
    "loading...",
    "getty images",
    "donate",
    "newsletter",
];

/// Lines that are never article text.
fn is_boilerplate(line: &str) -> bool {
    if line.len() > MAX_CHROME_BYTES {
        return false;
    }
    // A copyright line of any length; every other rule is for lines of at most 30 words, so
    // longer ones (most text) need no lower-casing.
    let head = line.get(..6).unwrap_or_default();
    if head.eq_ignore_ascii_case("(c) 20") || head.eq_ignore_ascii_case("(c) 19") {
        return true;
    }
    let words = word_count(line);
    if words > 30 {
        return false;
    }
    static RIGHTS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("all rights reserved"));
    with_lower(line, |lower| {
        let lower = lower.trim().trim_end_matches([':', '.']);
        let anchored = || {
            BOILERPLATE_LINES.contains(&lower)
                || (words <= 25 && starts_with_any(lower, BOILERPLATE_PREFIXES))
                || (words <= 12 && starts_with_any(lower, BOILERPLATE_SHORT_PREFIXES))
        };
        (opens_like_boilerplate(lower) && anchored())
            || RIGHTS.find(lower.as_bytes()).is_some()
            || (words <= 3 && lower.ends_with("min read"))
    })
}

/// `lower` opens with the first two bytes of a boilerplate line or prefix: one look-up in a
/// bit table (8 KiB) spares most lines of text the comparisons with every pattern. Every pattern
/// has at least two bytes.
fn opens_like_boilerplate(lower: &str) -> bool {
    static PAIRS: LazyLock<Vec<[u64; 4]>> = LazyLock::new(|| {
        let mut pairs = vec![[0u64; 4]; 256];
        for p in BOILERPLATE_LINES
            .iter()
            .chain(BOILERPLATE_PREFIXES)
            .chain(BOILERPLATE_SHORT_PREFIXES)
        {
            if let [a, b, ..] = *p.as_bytes() {
                pairs[usize::from(a)][usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        pairs
    });
    match *lower.as_bytes() {
        [a, b, ..] => PAIRS[usize::from(a)][usize::from(b >> 6)] >> (b & 63) & 1 == 1,
        _ => false,
    }
}

/// `line` starts with one of `prefixes`. The first byte is compared before the rest: most
/// lines share it with none of them.
fn starts_with_any(line: &str, prefixes: &[&str]) -> bool {
    let first = line.as_bytes().first();
    prefixes
        .iter()
        .any(|p| p.as_bytes().first() == first && line.starts_with(p))
}

/// Runs `f` on `line` in lower case, as [`str::to_lowercase`] gives it; a short ASCII line (most
/// lines the classifiers read) is lower-cased in a buffer on the stack instead of a new string.
fn with_lower<R>(line: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 256];
    if let Some(buf) = buf.get_mut(..line.len()).filter(|_| line.is_ascii()) {
        buf.copy_from_slice(line.as_bytes());
        buf.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(buf) {
            return f(lower);
        }
    }
    f(&line.to_lowercase())
}

/// Lines after which the article is over (related links, comment forms).
fn is_end_marker(line: &str) -> bool {
    // Every marker is at most five words: a longer line is text (and needs no lower-casing).
    if line.len() > 80 || has_words(line, 6) {
        return false;
    }
    const MARKERS: &[&str] = &[
        "related articles",
        "related posts",
        "related stories",
        "related news",
        "related content",
        "related",
        "leave a reply",
        "leave a comment",
        "comments",
        "you may also like",
        "you might also like",
        "more stories",
        "read next",
        "recommended",
        "recommended for you",
        "most read",
        "most popular",
        "trending now",
        "most viewed",
        "popular now",
        "editor's picks",
        "around the web",
        "sponsored content",
        "more on this story",
        "recommended articles",
    ];
    with_lower(line, |lower| {
        let lower = lower.trim().trim_end_matches([':', '.']);
        let comments = lower
            .strip_suffix(" comments")
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        let short_prefix = word_count(lower) <= 5
            && ["more from ", "more on ", "related:", "comments ("]
                .iter()
                .any(|p| lower.starts_with(p));
        MARKERS.contains(&lower) || comments || short_prefix
    })
}

/// Drops teaser lines: a line cut off without final punctuation that repeats the start of a
/// later paragraph.
fn drop_teasers(paragraphs: &mut Vec<String>) {
    // Only a teaser that repeats a later paragraph goes: a standfirst (summary line) above the text,
    // even cut off, is the publisher's own words and may hold a quote users search for.
    let mut keep = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        let cut = !ends_sentence(p) && !p.contains('\n');
        let stem = p.trim_end_matches(['.', '…', ' ']);
        let repeats = cut
            && word_count(stem) >= 6
            && paragraphs
                .iter()
                .skip(i + 1)
                .any(|later| later.starts_with(stem));
        keep.push(!repeats);
    }
    let mut k = keep.into_iter();
    paragraphs.retain(|_| k.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_menu_line_is_not_the_headline() {
        let page = "LatestWorldTop News\n\nCity council approves new harbour bridge plan\n\n\
                    The council voted 9 to 2 on Tuesday to approve the bridge.";
        let p = clean_page(page);
        assert_eq!(p.headline, "City council approves new harbour bridge plan");
        assert_eq!(
            p.body,
            "The council voted 9 to 2 on Tuesday to approve the bridge."
        );
    }

    #[test]
    fn pipe_menus_and_breadcrumbs_are_skipped() {
        let page = "Menu\nSkip to content\nHome | World | Sport | Business\nHome > World > Europe\n\n\
                    Farmers protest new water rules in northern valleys\n\n\
                    Hundreds of farmers drove tractors into the town square.";
        let p = clean_page(page);
        assert_eq!(
            p.headline,
            "Farmers protest new water rules in northern valleys"
        );
        assert!(p.body.starts_with("Hundreds of farmers"));
        assert!(!p.body.contains("Home"));
    }

    #[test]
    fn short_lines_are_not_titles() {
        let page = "World News\n\nBreaking\n\nWill the reservoir last until the autumn rains?\n\n\
                    Engineers say the level fell by a metre in June.";
        assert_eq!(
            clean_page(page).headline,
            "Will the reservoir last until the autumn rains?"
        );
    }

    #[test]
    fn headline_ending_in_period_on_first_line_is_kept() {
        let page = "Mayor Quits After Budget Row.\n\n\
                    The mayor of a small coastal town resigned on Monday after a long dispute over \
                    the budget for schools and roads.";
        let p = clean_page(page);
        assert_eq!(p.headline, "Mayor Quits After Budget Row.");
        assert!(p.body.starts_with("The mayor of a small"));
    }

    #[test]
    fn date_line_is_not_the_headline() {
        let page = "Tuesday, March 4, 2025\n\nRegional airline adds three routes to the islands\n\n\
                    The airline said the flights start in May.";
        assert_eq!(
            clean_page(page).headline,
            "Regional airline adds three routes to the islands"
        );
    }

    #[test]
    fn comment_form_and_related_links_are_cut() {
        let page = "Library reopens after two years of repairs\n\n\
                    The central library reopened its doors on Saturday.\n\n\
                    Related Articles\n\nNew museum wing opens\n\nSchool roof fixed\n\n\
                    Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n\n\
                    Back to top button";
        let p = clean_page(page);
        assert_eq!(
            p.body,
            "The central library reopened its doors on Saturday."
        );
    }

    #[test]
    fn share_and_cookie_lines_are_removed() {
        let page = "Storm closes mountain passes for a second day\n\n\
                    We use cookies to improve your experience on our site.\n\n\
                    Share on Facebook\n\nShare on WhatsApp\n\nClick to share on Twitter\n\n\
                    Snow blocked two passes overnight.\n\nAdvertisement\n\n\
                    Crews expect to reopen them on Friday.\n\nSubscribe to our newsletter\n\n\
                    Follow us on Instagram\n\n© 2025 Valley Courier. All rights reserved.";
        let p = clean_page(page);
        assert_eq!(
            p.body,
            "Snow blocked two passes overnight.\n\nCrews expect to reopen them on Friday."
        );
    }

    #[test]
    fn posted_in_and_tags_are_removed_but_sentences_kept() {
        let page = "Port strike enters its third week without talks\n\n\
                    Posted in Business, Transport\n\nTagged port, strike\n\n\
                    Posted in Rotterdam since 2019, the inspector said the strike was the longest she \
                    had seen in her whole career at the port.";
        let p = clean_page(page);
        assert!(p.body.starts_with("Posted in Rotterdam since 2019"));
        assert!(!p.body.contains("Tagged"));
    }

    #[test]
    fn cut_off_teaser_is_dropped() {
        let page = "Ministers agree on new fishing quotas after long night\n\n\
                    The quotas will be lower for cod, but higher for herring, the minister told \
                    reporters after the\n\n\
                    The quotas will be lower for cod, but higher for herring, the minister told \
                    reporters after the meeting ended at dawn.";
        let p = clean_page(page);
        assert_eq!(p.body.matches("The quotas").count(), 1);
        assert!(p.body.ends_with("ended at dawn."));
    }

    #[test]
    fn unpunctuated_standfirst_before_text_is_kept() {
        let page = "Rail union calls strike over pension changes\n\n\
                    We will not accept cuts to what our members earned over decades, union leader \
                    says\n\n\
                    The rail union said on Wednesday its members would strike for two days next week.";
        let p = clean_page(page);
        assert_eq!(p.headline, "Rail union calls strike over pension changes");
        assert!(p.body.starts_with("We will not accept cuts"), "{}", p.body);
        assert!(p.body.contains("The rail union said"));
    }

    #[test]
    fn page_date_lines_date_the_page() {
        let page = "Harbour fees to rise next spring\n\nBy Ana Ruiz\n\nUpdated March 3, 2025\n\n\
                    The port authority said on Monday that fees would rise by four percent next year.";
        let p = clean_page(page);
        assert_eq!(
            p.date,
            Date::from_calendar_date(2025, time::Month::March, 3).ok()
        );
        assert!(p.body.starts_with("The port authority"), "{}", p.body);
        assert_eq!(
            page_date("Tuesday, September 22, 2015"),
            Date::from_calendar_date(2015, time::Month::September, 22).ok()
        );
        assert_eq!(
            page_date("Published: 2024-06-01 10:00"),
            Date::from_calendar_date(2024, time::Month::June, 1).ok()
        );
        assert_eq!(page_date("Updated 5 minutes ago"), None);
    }

    #[test]
    fn dateline_after_a_standfirst_is_found() {
        let page = "Mayor promises new bridge within two years\n\n\
                    The plan still needs money from the region and a vote in the council, officials say\n\n\
                    LYON, June 4 (AFP) - The mayor said on Wednesday the bridge would open by 2027.";
        assert_eq!(
            clean_page(page).dateline.map(|d| d.text).as_deref(),
            Some("LYON, June 4 (AFP) -")
        );
    }

    #[test]
    fn subheads_in_the_body_are_kept() {
        let page = "Council publishes budget for next year\n\n\
                    The council published its budget on Monday, with more money for parks.\n\n\
                    What changes\n\nBus fares will stay the same.";
        assert!(clean_page(page).body.contains("\n\nWhat changes\n\n"));
    }

    #[test]
    fn leading_datelines_are_found() {
        let cases = [
            (
                "PARIS, March 2 (AFP) - The minister said on Sunday that talks would resume.",
                "PARIS, March 2 (AFP) -",
            ),
            (
                "WASHINGTON (Reuters) - Lawmakers passed the bill late on Thursday night.",
                "WASHINGTON (Reuters) -",
            ),
            (
                "KYIV, Ukraine — Officials said power was restored to most homes.",
                "KYIV, Ukraine —",
            ),
        ];
        for (text, want) in cases {
            let page = format!("A headline of several plain words\n\n{text}");
            let p = clean_page(&page);
            assert_eq!(p.dateline.as_ref().map(|d| d.text.as_str()), Some(want));
            assert!(p.body.starts_with(want), "body keeps the dateline text");
        }
    }

    #[test]
    fn bylines_before_the_text_are_dropped() {
        let page = "Dockers vote to end strike after pay offer\n\nBy Jane Roe and Amir Haddad\n\n\
                    Updated 4 March 2025, 10:15 GMT\n\nFriday, March 4, 2025\n\n\
                    HAMBURG, March 4 (Reuters) - Dock workers voted to accept the offer.\n\n\
                    By noon the first ships were being unloaded.";
        let p = clean_page(page);
        assert_eq!(
            p.dateline.as_ref().map(|d| d.text.as_str()),
            Some("HAMBURG, March 4 (Reuters) -")
        );
        assert!(p.body.starts_with("Friday, March 4, 2025\n\nHAMBURG"));
        assert!(
            p.body
                .ends_with("By noon the first ships were being unloaded.")
        );
    }

    #[test]
    fn site_name_suffix_is_cut_from_the_headline() {
        let page = "Ferry fares to rise by a tenth in the spring | Coastal Herald\n\n\
                    Ferry fares to rise by a tenth in the spring\n\nThe operator said fuel costs rose.";
        let p = clean_page(page);
        assert_eq!(p.headline, "Ferry fares to rise by a tenth in the spring");
        assert_eq!(p.body, "The operator said fuel costs rose.");
        assert_eq!(
            strip_site_suffix("Talks end in Geneva - but hard questions remain"),
            "Talks end in Geneva - but hard questions remain"
        );
        assert_eq!(
            strip_site_suffix("Putin - Trump call ends"),
            "Putin - Trump call ends"
        );
    }

    #[test]
    fn wire_trailers_and_captions_are_removed() {
        let page = "Bank keeps rates on hold for a third meeting\n\n\
                    Image caption, The bank's headquarters in the capital\n\n\
                    The central bank kept its main rate at 3 percent on Thursday.\n\n\
                    Story continues below advertisement\n\nIt said inflation was easing.\n\n\
                    Reporting by Jane Roe; Editing by Sam Poe\n\nMore from Business\n\nOther story";
        assert_eq!(
            clean_page(page).body,
            "The central bank kept its main rate at 3 percent on Thursday.\n\nIt said inflation was easing."
        );
    }

    #[test]
    fn scraped_page_with_chrome_teaser_and_comment_form() {
        let page = "LatestAsiaBusiness News\n\n\
                    Envoys hold long meeting in the capital on border dispute\n\n\
                    Neither side will give up the valley, and both say the army will stay \u{201c}as long as needed,\u{201d} minister\n\n\
                    The envoys met for six hours on Tuesday, officials said.\n\n\
                    \u{201c}It was useful,\u{201d} the foreign minister told reporters afterwards.\n\n\
                    \u{a0}\n\nRelated Articles\n\nLeave a Reply\n\n\
                    Your email address will not be published. Required fields are marked *\n\n\
                    Back to top button";
        let p = clean_page(page);
        assert_eq!(
            p.headline,
            "Envoys hold long meeting in the capital on border dispute"
        );
        // The standfirst stays (it carries a quote); chrome and the comment form go.
        assert_eq!(
            p.body,
            "Neither side will give up the valley, and both say the army will stay \u{201c}as long as needed,\u{201d} minister\n\n\
             The envoys met for six hours on Tuesday, officials said.\n\n\
             \u{201c}It was useful,\u{201d} the foreign minister told reporters afterwards."
        );
        assert_eq!(p.dateline, None);
    }

    #[test]
    fn no_dateline_in_ordinary_text() {
        let page =
            "A headline of several plain words\n\nThe talks - which began on Monday - ended.";
        assert_eq!(clean_page(page).dateline, None);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities(
                "Smith &amp; Sons&nbsp;said it&#8217;s &#x201C;fine&#x201D; &bogus; & more"
            ),
            "Smith & Sons said it’s “fine” &bogus; & more"
        );
        assert_eq!(decode_entities("&amp;amp;"), "&amp;");
        assert_eq!(decode_entities("&#0; &#x110000; &"), "&#0; &#x110000; &");
    }

    #[test]
    fn nbsp_only_lines_and_hard_wraps() {
        let page = "Harbour tunnel opens to traffic a year late\n\n\u{a0}\n\n\
                    The tunnel opened on Monday,\nthree years after work began.\n\n&nbsp;\n\n\
                    Tolls start in June.";
        let p = clean_page(page);
        assert_eq!(
            p.body,
            "The tunnel opened on Monday,\nthree years after work began.\n\nTolls start in June."
        );
    }

    #[test]
    fn one_paragraph_per_line_pages_are_split() {
        let long = "This line is one full paragraph of the article and it is long enough to not be a hard wrap at all, as it runs on.";
        let page = format!("Title of a page without blank lines here\n{long}\n{long}\n{long}");
        let p = clean_page(&page);
        assert_eq!(p.body.matches("\n\n").count(), 2);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        for page in [
            "",
            "\n\n\n",
            "&",
            "&#",
            "é&#x",
            "Menu",
            "Related Articles",
            "— — —",
        ] {
            let _ = clean_page(page);
        }
        assert_eq!(clean_page("").headline, "");
    }

    #[test]
    fn end_marker_before_text_is_only_dropped() {
        let page = "Comments\n\nSchool choir wins national competition in the capital\n\n\
                    The choir sang three pieces.\n\nComments\n\nGreat news!";
        let p = clean_page(page);
        assert_eq!(
            p.headline,
            "School choir wins national competition in the capital"
        );
        assert_eq!(p.body, "The choir sang three pieces.");
    }
}
