//! The block classifier for scraped pages: the page's lines become blocks (a paragraph, a menu
//! item, a share button), each block gets a class from its shape (length, sentence punctuation,
//! the chrome and boilerplate rules of `cleanup`), and the article is the run of blocks where
//! prose outweighs everything else, in the spirit of Finn's body-text extraction and jusText:
//! prose adds its length, chrome and short link-like lines subtract, and the run with the
//! largest sum wins. End markers ("Related Articles", "Comments") are walls no run crosses.
//!
//! The headline is then the best-scored title-shaped block between shortly before that run and
//! where its prose gets dense: one that a byline or date line follows, that the page repeats,
//! whose words the text echoes, with few text blocks between it and the text. The rules use
//! shape and position, not a language's words, so pages in any language keep their body.

use rustc_hash::FxHashSet;

use super::{
    ends_sentence, ends_with_period, has_words, is_boilerplate, is_chrome, is_end_marker, is_meta,
    is_title_like, word_count,
};

/// What a block is, from its shape alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Sentences: ends like a sentence, or is long.
    Prose,
    /// A short line without sentence punctuation: a subhead, a title, a menu link.
    Short,
    /// A byline, a timestamp, a date line.
    Meta,
    /// Share buttons, cookie notices, copyright lines.
    Boilerplate,
    /// Menus, breadcrumbs, glued menu words.
    Chrome,
    /// "Related Articles", "Comments": the article is over.
    EndMarker,
}

/// One block of the page: its text (hard-wrapped lines joined by `\n`), class and length in
/// words ([`mass`], counted once: the run and the headline choice read it many times).
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub class: Class,
    pub mass: usize,
}

impl Block {
    /// A block of `text`, of `class` when a line rule gave one, else classed by its shape.
    fn new(text: String, class: Option<Class>) -> Block {
        let mass = mass(&text);
        let class = class.unwrap_or_else(|| text_class(&text, mass));
        Block { text, class, mass }
    }

    /// How much the block speaks for being article text ([`weight`]), for `--show-blocks`.
    pub fn weight(&self) -> i64 {
        weight(self)
    }
}

/// What became of a block, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Headline,
    Body,
    Dropped(&'static str),
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Decision::Headline => f.write_str("HEADLINE"),
            Decision::Body => f.write_str("body"),
            Decision::Dropped(why) => write!(f, "drop: {why}"),
        }
    }
}

/// A page read as blocks: the article's run (`start..end`, indexes into `blocks`) and the
/// headline block, if one was found.
#[derive(Debug, Clone)]
pub struct Layout {
    pub blocks: Vec<Block>,
    pub start: usize,
    pub end: usize,
    pub headline: Option<usize>,
}

impl Layout {
    /// What became of block `i` (before the body's own passes: duplicate headline, teasers,
    /// bylines before the text).
    pub fn decision(&self, i: usize) -> Decision {
        let b = &self.blocks[i];
        if Some(i) == self.headline {
            return Decision::Headline;
        }
        match b.class {
            Class::Boilerplate => return Decision::Dropped("boilerplate line"),
            Class::Chrome => return Decision::Dropped("site chrome (menu, breadcrumb)"),
            Class::EndMarker => return Decision::Dropped("end marker"),
            _ => {}
        }
        if i < self.start || self.headline.is_some_and(|h| i < h) {
            Decision::Dropped("before the article")
        } else if i >= self.end {
            Decision::Dropped("after the article")
        } else {
            Decision::Body
        }
    }

    /// The metadata blocks (bylines, date lines) between the headline and the first prose.
    pub fn meta_before_text(&self) -> impl Iterator<Item = &str> {
        let from = self.headline.map_or(self.start, |h| h + 1);
        let to = (from..self.blocks.len())
            .find(|&i| self.blocks[i].class == Class::Prose)
            .unwrap_or(self.blocks.len());
        self.blocks[from.min(to)..to]
            .iter()
            .filter(|b| b.class == Class::Meta)
            .map(|b| b.text.as_str())
    }

    /// The text of the blocks kept as body, in order.
    pub fn body(&self) -> impl Iterator<Item = &str> {
        (0..self.blocks.len())
            .filter(|&i| self.decision(i) == Decision::Body)
            .map(|i| self.blocks[i].text.as_str())
    }
}

/// Reads the lines (`(block number, line)`) of a page into its [`Layout`].
pub fn layout(lines: &[(usize, &str)]) -> Layout {
    let blocks = group(lines);
    let (run_start, end) = match article_run(&blocks) {
        // No prose anywhere (a headline and a date, a table of figures): keep the whole page.
        (s, e) if !blocks[s..e].iter().any(|b| b.class == Class::Prose) => (0, blocks.len()),
        run => run,
    };
    let text = dense_start(&blocks, run_start, end);
    let headline = pick_headline(&blocks, run_start, text, end);
    // A headline inside the run (after a site blurb that joined it) starts the article.
    let start = headline.map_or(run_start, |h| run_start.max(h + 1));
    Layout {
        blocks,
        start,
        end,
        headline,
    }
}

/// Groups lines into blocks: the lines of one blank-separated block stay together, and so does
/// a line that carries on an unfinished sentence (hard wraps, also across a blank line when the
/// next line starts in lower case). A chrome, boilerplate or end-marker line is a block of its
/// own.
fn group(lines: &[(usize, &str)]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut current_block = usize::MAX;
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !current.is_empty() {
            blocks.push(Block::new(current.join("\n"), None));
            current.clear();
        }
    };
    for &(b, line) in lines {
        let unfinished = current
            .last()
            .is_some_and(|prev| prev.len() >= 40 && !ends_sentence(prev));
        // No boilerplate line continues a sentence (and most lines of wire copy are such lines).
        let continues = unfinished
            && (b == current_block || line.chars().next().is_some_and(char::is_lowercase));
        if continues {
            current.push(line);
            current_block = b;
            continue;
        }
        let class = line_class(line);
        if let Some(class) = class {
            flush(&mut current, &mut blocks);
            blocks.push(Block::new(line.to_string(), Some(class)));
            current_block = usize::MAX;
            continue;
        }
        if b != current_block {
            flush(&mut current, &mut blocks);
        }
        current.push(line);
        current_block = b;
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// The class of a line that is never part of a paragraph, if it is one.
fn line_class(line: &str) -> Option<Class> {
    if is_meta(line) {
        // A date line (`April 5, 2018 | 6:00 PM`) is metadata even with a menu's separators.
        None
    } else if is_end_marker(line) {
        Some(Class::EndMarker)
    } else if is_boilerplate(line) {
        Some(Class::Boilerplate)
    } else if is_chrome(line) {
        Some(Class::Chrome)
    } else {
        None
    }
}

/// Words from which a block without a sentence's final punctuation is still prose (a headline
/// can run to 20 words).
const LONG_UNPUNCTUATED: usize = 25;

/// The class of a paragraph of text lines, `mass` words long.
fn text_class(text: &str, mass: usize) -> Class {
    // `By noon the ships were unloaded.` starts like a byline but is a sentence.
    if is_meta(text) && !ends_with_period(text) {
        Class::Meta
    } else if ends_sentence(text) && mass >= 3 || mass >= LONG_UNPUNCTUATED {
        Class::Prose
    } else {
        Class::Short
    }
}

/// The length of a text in words, where a run of CJK characters (written without spaces)
/// counts one word per two characters.
fn mass(text: &str) -> usize {
    let ideographs = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|&c| is_cjk(c)).count()
    };
    word_count(text) + ideographs / 2
}

/// Han, kana and hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// How much a block speaks for being inside the article: prose its length, a long unpunctuated
/// paragraph half of it, a short line or metadata a little against, chrome and boilerplate more.
fn weight(b: &Block) -> i64 {
    let m = i64::try_from(b.mass).unwrap_or(i64::MAX / 4);
    match b.class {
        Class::Prose => m,
        Class::Short if m >= 8 => m / 2,
        Class::Short | Class::Meta => -1,
        Class::Boilerplate | Class::Chrome => -2,
        Class::EndMarker => 0,
    }
}

/// The article's run of blocks (`start..end`): in each stretch between end markers, the run with
/// the largest summed [`weight`]; of those, the first that weighs at least a
/// [`EARLIER_RUN_SHARE`] of the heaviest. Comments and related stories come after the article
/// and can outweigh it; menus and blurbs before it are light.
fn article_run(blocks: &[Block]) -> (usize, usize) {
    let mut runs: Vec<(i64, usize, usize)> = Vec::new();
    let mut seg_start = 0;
    for i in 0..=blocks.len() {
        let wall = i == blocks.len() || blocks[i].class == Class::EndMarker;
        if !wall {
            continue;
        }
        if let Some((score, s, e)) = max_run(&blocks[seg_start..i]) {
            runs.push((score, seg_start + s, seg_start + e));
        }
        seg_start = i + 1;
    }
    let heaviest = runs.iter().map(|r| r.0).max().unwrap_or(0);
    runs.iter()
        .find(|r| r.0 as f64 >= heaviest as f64 * EARLIER_RUN_SHARE)
        .map_or((0, blocks.len()), |&(_, s, e)| (s, e))
}

/// How much of the heaviest run's weight an earlier run needs to be the article.
const EARLIER_RUN_SHARE: f64 = 0.4;

/// Where the run's prose gets dense: its first prose block that another follows within
/// [`DENSE_GAP`] blocks. A lone paragraph ahead of that (a site blurb, a teaser among menu links)
/// is not the article's start, however long; a run with one prose block starts at it.
fn dense_start(blocks: &[Block], start: usize, end: usize) -> usize {
    let prose: Vec<usize> = (start..end)
        .filter(|&i| blocks[i].class == Class::Prose)
        .collect();
    prose
        .windows(2)
        .find(|w| w[1] - w[0] <= DENSE_GAP)
        .map(|w| w[0])
        .or_else(|| prose.first().copied())
        .unwrap_or(start)
}

/// How many blocks apart two paragraphs of one article's text can be (a caption, a subhead
/// between them).
const DENSE_GAP: usize = 3;

/// The maximum-sum run of `blocks` (Kadane), as `(sum, start, end)`; `None` if nothing weighs
/// above zero.
fn max_run(blocks: &[Block]) -> Option<(i64, usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, b) in blocks.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += weight(b);
        if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, start, i + 1));
        }
    }
    best
}

/// Words of the run's prose before a title-shaped block from which it is a subhead, not the
/// headline (one blurb that joined the run is shorter).
const SUBHEAD_AFTER: usize = 60;

/// How many blocks before the text are scored as headlines at most.
const MAX_CANDIDATES: usize = 60;

/// How far before the article's run a headline is looked for, in blocks that could be text.
const HEADLINE_REACH: usize = 15;

/// Where the headline search starts: [`HEADLINE_REACH`] text-like blocks before the run. Share
/// buttons, icons and menus between title and text are furniture, however many there are.
fn reach_start(blocks: &[Block], run_start: usize) -> usize {
    let mut seen = 0;
    (0..run_start)
        .rev()
        .find(|&i| {
            seen += usize::from(is_text_like(&blocks[i]));
            seen == HEADLINE_REACH
        })
        .unwrap_or(0)
}

/// A block that reads as words (a line or a paragraph), not page furniture or a blank icon.
fn is_text_like(b: &Block) -> bool {
    matches!(b.class, Class::Short | Class::Prose) && b.mass >= 4
}

/// The headline: among the blocks from shortly before the run to where its prose gets dense
/// (`text`), the title-shaped one with the best [`headline_score`].
fn pick_headline(blocks: &[Block], run_start: usize, text: usize, end: usize) -> Option<usize> {
    // The text's first block can itself be the title when it ends in `?` or `!`.
    let titled = blocks.get(text).is_some_and(|b| is_title_like(&b.text));
    let upto = if titled { text + 1 } else { text };
    // At most MAX_CANDIDATES blocks are scored: each score reads the page once (is it repeated?),
    // and a file of many short lines before its first prose must not cost the square of them.
    let from = reach_start(blocks, run_start).max(upto.saturating_sub(MAX_CANDIDATES));
    let echo = EchoWords::new(&blocks[upto.min(end)..end.max(upto)]);
    (from..upto)
        .filter_map(|i| {
            // Before the run the title stands before its first block; inside it, before the
            // dense text.
            let ahead = if i < run_start { run_start } else { text };
            // A title rarely follows the article's prose: inside the run, that is a subhead.
            let prose_before: usize = blocks[run_start.min(i)..i]
                .iter()
                .filter(|b| b.class == Class::Prose)
                .map(|b| b.mass)
                .sum();
            let after_prose = prose_before >= SUBHEAD_AFTER;
            let penalty = if after_prose { 1.0 } else { 0.0 };
            headline_score(blocks, i, ahead, &echo).map(|s| (s - penalty, i))
        })
        // On a tie the later candidate wins: nearer the text, it is the title more often than a
        // byline name or a menu item above it.
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, i)| i)
        .or_else(|| first_line_title(blocks))
}

/// A plain-text article's convention when nothing else looks like a title: its first block,
/// one line of at most 30 words before a date line or a longer paragraph (`Mayor Quits After
/// Budget Row.`), or before anything on a page without prose.
fn first_line_title(blocks: &[Block]) -> Option<usize> {
    let first = blocks.first()?;
    let shaped = matches!(first.class, Class::Short | Class::Prose)
        && !first.text.contains('\n')
        && !has_words(&first.text, 31)
        && first.text.chars().any(char::is_alphabetic)
        && blocks.get(1).is_some_and(|b| {
            b.class == Class::Meta
                || b.class == Class::Prose && b.mass > first.mass
                || !blocks.iter().any(|b| b.class == Class::Prose)
        });
    shaped.then_some(0)
}

/// How much block `i` looks like the headline of an article whose text starts at block `text`
/// (the run's start for a block before the run, else where its prose gets dense);
/// `None` if it cannot be one. What counts is shape (a title's length, no final period), what
/// follows (a byline or date line), whether the page repeats it (document title and on-page
/// heading) or the text echoes its words, and how many text-like blocks stand between it and
/// the text: no word list of any language.
fn headline_score(blocks: &[Block], i: usize, text: usize, echo: &EchoWords) -> Option<f64> {
    let b = &blocks[i];
    if !matches!(b.class, Class::Short | Class::Prose) || b.text.contains('\n') {
        return None;
    }
    let words = b.mass;
    // A title is never the page's last text, nor longer than 30 words (in CJK, 60 characters).
    let text_follows = blocks[i + 1..]
        .iter()
        .any(|b| matches!(b.class, Class::Short | Class::Prose));
    if words > 30 || !text_follows {
        return None;
    }
    let shaped = if is_title_like(&b.text) {
        if (5..=16).contains(&words) { 2.5 } else { 2.0 }
    } else if words <= 3
        && !b.text.ends_with(['.', ',', ':', ';'])
        && b.text.chars().any(char::is_alphabetic)
    {
        0.5
    } else {
        return None;
    };
    let between = &blocks[i + 1..text.max(i + 1)];
    // A byline or date line right after the title, before the text, is the commonest layout.
    let meta_follows = blocks[i + 1..]
        .iter()
        .take(4)
        .any(|b| b.class == Class::Meta);
    let repeated = blocks
        .iter()
        .enumerate()
        .any(|(j, other)| j != i && other.text == b.text);
    // Share buttons and menus between title and text are the page's furniture; only blocks that
    // could be text put distance between them.
    let distance = between.iter().filter(|b| is_text_like(b)).count() as f64;
    Some(
        shaped
            + 2.0 * echo.share(&b.text)
            + 1.5 * f64::from(u8::from(meta_follows))
            + f64::from(u8::from(repeated))
            - 0.15 * distance,
    )
}

/// The words of the article's first paragraphs, to see which title candidates it echoes.
struct EchoWords(FxHashSet<String>);

/// The article text read for echoes, in bytes: its opening says what it is about.
const ECHO_BYTES: usize = 4000;

impl EchoWords {
    fn new(text: &[Block]) -> Self {
        let mut set = FxHashSet::default();
        let mut bytes = 0;
        for b in text.iter().filter(|b| b.class == Class::Prose) {
            set.extend(tokens(&b.text));
            bytes += b.text.len();
            if bytes > ECHO_BYTES {
                break;
            }
        }
        EchoWords(set)
    }

    /// The share of `title`'s tokens the text holds.
    fn share(&self, title: &str) -> f64 {
        let toks: Vec<String> = tokens(title).collect();
        if toks.is_empty() {
            return 0.0;
        }
        let found = toks.iter().filter(|t| self.0.contains(*t)).count();
        found as f64 / toks.len() as f64
    }
}

/// Lower-case word tokens of three letters or more, and each CJK character alone (those
/// scripts write words without spaces).
fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .chain(s.chars().filter(|&c| is_cjk(c)).map(String::from))
}
