//! HTML pages: headline from `<h1>`, `og:title` or `<title>`; body from the article element or the
//! main text blocks; date from `article:published_time`, `<time>` or JSON-LD.
//!
//! Parsing is html5ever (through `scraper`); the page is then walked once, iteratively (pages can
//! nest a million deep), skipping navigation, asides, forms and elements whose class or id says
//! they are chrome. Because html5ever does work proportional to the open-element stack for each
//! tag, [`limit_nesting`] first drops start tags nested deeper than [`MAX_DEPTH`], keeping the
//! whole parse linear.

use std::borrow::Cow;

use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::dates;
use super::{FileArticles, ReadError};
use crate::model::RawArticle;
use crate::text::strip_site_suffix;

/// Deepest element nesting kept; real pages stay far below it.
const MAX_DEPTH: usize = 200;

/// One article per page.
pub fn read(text: &str) -> Result<FileArticles, ReadError> {
    let text = limit_nesting(text);
    let doc = Html::parse_document(&text);
    let page = Page::scan(doc.root_element());
    let mut blocks = page.story_blocks();
    let found: usize = blocks.iter().map(String::len).sum();
    // JSON-LD `articleBody` is the publisher's own text: better than a page that yielded little.
    if let Some(ld_body) = page.ld.body.as_ref().filter(|b| b.len() > found * 4) {
        blocks = vec![ld_body.clone()];
    }
    let article = RawArticle {
        headline: page.headline(),
        body: blocks.join("\n\n"),
        date: page.date(),
        url: page.url(),
        author: page.author(),
        needs_cleanup: false,
        dateline_in_body: true,
        ..RawArticle::default()
    };
    Ok(FileArticles {
        articles: vec![article],
        warnings: Vec::new(),
    })
}

/// The text of an HTML fragment (a JSON feed's `content`), as paragraphs joined by blank lines.
pub(crate) fn fragment_text(fragment: &str) -> String {
    let fragment = limit_nesting(fragment);
    let doc = Html::parse_fragment(&fragment);
    body_blocks(doc.root_element()).join("\n\n")
}

/// One step of an iterative walk: an element opened (the visitor says whether to enter it), an
/// element closed (only for entered ones), or a text node.
enum Step<'a> {
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Walks `root` in document order without recursion; `visit` returns whether to descend into an
/// opened element (returning false skips the whole subtree).
fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Step<'a>) -> bool) {
    let root_id = root.id();
    let mut node = *root;
    loop {
        let descend = match node.value() {
            Node::Element(_) => ElementRef::wrap(node).is_some_and(|e| visit(Step::Open(e))),
            Node::Text(t) => {
                visit(Step::Text(t));
                false
            }
            _ => false,
        };
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            if let Some(e) = ElementRef::wrap(node) {
                visit(Step::Close(e));
            }
        }
        loop {
            if node.id() == root_id {
                return;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    if let Some(e) = ElementRef::wrap(node) {
                        visit(Step::Close(e));
                    }
                }
                None => return,
            }
        }
    }
}

/// What one pass over the page collects.
#[derive(Default)]
struct Page<'a> {
    /// `(property or name or itemprop, content)`, keys lower-cased.
    meta: Vec<(String, String)>,
    canonical: Option<String>,
    title: Option<String>,
    /// Text of the first `rel=author` / `itemprop=author` element.
    byline: Option<String>,
    /// First `<h1>` inside an article element, and first outside page chrome.
    article_h1: Option<String>,
    page_h1: Option<String>,
    /// `datetime` of the first `<time>` inside an article element, and of the first anywhere.
    article_time: Option<String>,
    any_time: Option<String>,
    /// Top-level `<article>` elements with their text length.
    articles: Vec<(ElementRef<'a>, usize)>,
    article_body: Option<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
    ld: LinkedData,
}

impl<'a> Page<'a> {
    fn scan(root: ElementRef<'a>) -> Page<'a> {
        let mut page = Page::default();
        let (mut in_article, mut in_chrome) = (0usize, 0usize);
        let mut h1_text: Option<String> = None;
        walk(root, |step| {
            match step {
                Step::Open(e) => {
                    let name = e.value().name();
                    match name {
                        "article" => {
                            if in_article == 0 {
                                page.articles.push((e, 0));
                            }
                            in_article += 1;
                        }
                        "nav" | "footer" | "aside" => in_chrome += 1,
                        "header" if in_article == 0 => in_chrome += 1,
                        "h1" if h1_text.is_none() => h1_text = Some(String::new()),
                        "main" if page.main.is_none() => page.main = Some(e),
                        "body" if page.body.is_none() => page.body = Some(e),
                        _ => {}
                    }
                    if page.article_body.is_none()
                        && !matches!(name, "meta" | "link")
                        && e.attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                    {
                        page.article_body = Some(e);
                    }
                    page.collect_head(e, in_article > 0);
                    if matches!(name, "script" | "style" | "title") {
                        return false;
                    }
                }
                Step::Close(e) => match e.value().name() {
                    "article" => in_article = in_article.saturating_sub(1),
                    "nav" | "footer" | "aside" => in_chrome = in_chrome.saturating_sub(1),
                    "header" if in_article == 0 => in_chrome = in_chrome.saturating_sub(1),
                    "h1" => {
                        let text = one_line(&h1_text.take().unwrap_or_default());
                        if !text.is_empty() {
                            if in_article > 0 && page.article_h1.is_none() {
                                page.article_h1 = Some(text.clone());
                            }
                            if in_chrome == 0 && page.page_h1.is_none() {
                                page.page_h1 = Some(text);
                            }
                        }
                    }
                    _ => {}
                },
                Step::Text(t) => {
                    if let Some(h) = h1_text.as_mut() {
                        h.push_str(t);
                        h.push(' ');
                    }
                    if let (true, Some(last)) = (in_article > 0, page.articles.last_mut()) {
                        last.1 += t.trim().len();
                    }
                }
            }
            true
        });
        page
    }

    /// Metadata held by one element: meta tags, the canonical link, the title, times, JSON-LD.
    fn collect_head(&mut self, e: ElementRef<'a>, in_article: bool) {
        let has = |attr: &str, word: &str| {
            e.attr(attr)
                .is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(word)))
        };
        if self.byline.is_none() && (has("rel", "author") || has("itemprop", "author")) {
            let text = e
                .attr("content")
                .map(one_line)
                .unwrap_or_else(|| one_line(&e.text().collect::<String>()));
            self.byline = Some(text).filter(|t| !t.is_empty() && t.chars().count() <= 80);
        }
        match e.value().name() {
            "meta" => {
                let key = ["property", "name", "itemprop"]
                    .iter()
                    .find_map(|k| e.attr(k));
                // `property="og:title twitter:title"` declares the content for each name.
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    for k in key.split_whitespace() {
                        self.meta
                            .push((k.to_ascii_lowercase(), content.trim().to_string()));
                    }
                }
            }
            "link" => {
                let canonical = e.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if canonical && self.canonical.is_none() {
                    self.canonical = e.attr("href").map(|h| h.trim().to_string());
                }
            }
            "title" if self.title.is_none() => {
                self.title = Some(one_line(&e.text().collect::<String>()));
            }
            "time" => {
                let when = e.attr("datetime").map(str::to_string);
                if in_article && self.article_time.is_none() {
                    self.article_time.clone_from(&when);
                }
                if self.any_time.is_none() {
                    self.any_time = when;
                }
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let json: String = e.text().collect();
                self.ld.absorb(&json);
            }
            _ => {}
        }
    }

    /// The story's paragraphs, from the first container that holds a fair share of the page's
    /// text: `[itemprop=articleBody]` (the most specific marker), the longest top-level
    /// `<article>`, `<main>`; else the whole `<body>`. A container with little text next to a
    /// text-rich page is a teaser or a card, not the story.
    fn story_blocks(&self) -> Vec<String> {
        let longest_article = self
            .articles
            .iter()
            .fold(
                None,
                |best: Option<(ElementRef<'a>, usize)>, &(e, len)| match best {
                    Some((_, b)) if b >= len => best,
                    _ => Some((e, len)),
                },
            )
            .map(|(e, _)| e);
        let page = self.body.map(body_blocks).unwrap_or_default();
        let page_len: usize = page.iter().map(String::len).sum();
        [self.article_body, longest_article, self.main]
            .into_iter()
            .flatten()
            .map(body_blocks)
            .find(|blocks| {
                let len: usize = blocks.iter().map(String::len).sum();
                len > 0 && (len * 4 >= page_len || len >= 1500)
            })
            .unwrap_or(page)
    }

    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(key, content)| key == k && !content.is_empty())
                .map(|(_, c)| c.as_str())
        })
    }

    /// The page's declared title (Dublin Core, Open Graph, Twitter, Parse.ly, JSON-LD
    /// `headline`), else `<title>`; its on-page `<h1>` instead when the title is that heading
    /// plus the site's name. An `<h1>` the title does not hold is often the site's logo or a
    /// section name, so the title wins then, without its site suffix.
    fn headline(&self) -> String {
        const DECLARED: &[&str] = &[
            "dc.title",
            "dc:title",
            "dcterm:title",
            "dcterms.title",
            "og:title",
            "twitter:title",
            "parsely-title",
        ];
        let title = self
            .meta(DECLARED)
            .map(one_line)
            .or_else(|| self.title.as_deref().map(one_line))
            .filter(|t| !t.is_empty());
        // JSON-LD `headline` (some sites put a description there) and `<h1>` are cleaner forms
        // of the title when it holds them; without a title, either will do.
        let cleaner = [
            self.ld.headline.clone(),
            self.article_h1.clone(),
            self.page_h1.clone(),
        ];
        let held = |t: &str| {
            cleaner
                .iter()
                .flatten()
                .find(|c| holds_most_of(c, t))
                .cloned()
        };
        // An `<h1>` that the JSON-LD `headline` repeats is the story's own headline, stated twice
        // by the publisher; a social title that differs is a variant written for sharing.
        let agreed = self.ld.headline.as_ref().and_then(|ld| {
            [&self.article_h1, &self.page_h1]
                .into_iter()
                .flatten()
                .find(|h| holds_most_of(h, ld) && holds_most_of(ld, h))
        });
        if let Some(h) = agreed {
            return h.clone();
        }
        let fallback = || cleaner.iter().flatten().next().cloned();
        match title {
            Some(t) => held(&t).unwrap_or_else(|| strip_site_suffix(&t).to_string()),
            None => fallback().unwrap_or_default(),
        }
    }

    /// Meta tags first, then JSON-LD, then `<time>` (inside the article before anywhere else).
    fn date(&self) -> Option<time::Date> {
        const KEYS: &[&str] = &[
            "article:published_time",
            "og:published_time",
            "date",
            "pubdate",
            "publish-date",
            "publishdate",
            "datepublished",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
        ];
        KEYS.iter()
            .filter_map(|k| self.meta(&[k]))
            .find_map(dates::parse_any)
            .or_else(|| self.ld.date.as_deref().and_then(dates::parse_any))
            .or_else(|| self.article_time.as_deref().and_then(dates::parse_any))
            .or_else(|| self.any_time.as_deref().and_then(dates::parse_any))
    }

    fn author(&self) -> Option<String> {
        self.meta(&["author", "article:author", "byl", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
            .map(one_line)
            .or_else(|| self.ld.author.clone())
            .or_else(|| self.byline.clone())
            .filter(|a| !a.is_empty())
    }

    fn url(&self) -> Option<String> {
        self.meta(&["og:url"])
            .map(str::to_string)
            .or_else(|| self.canonical.clone())
            .or_else(|| self.ld.url.clone())
            .filter(|u| !u.is_empty())
    }
}

/// Fields of the first JSON-LD object that describes an article (or, failing that, has a
/// publication date).
#[derive(Default)]
struct LinkedData {
    found_article: bool,
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    url: Option<String>,
    body: Option<String>,
}

impl LinkedData {
    fn absorb(&mut self, json: &str) {
        if self.found_article {
            return;
        }
        // Between the first and the last brace (or bracket): drops CDATA wrappers, comments
        // and a trailing `;`.
        let between = |open: char, close: char| {
            let start = json.find(open)?;
            let end = json.rfind(close)?;
            serde_json::from_str::<Value>(json.get(start..=end)?).ok()
        };
        let Some(value) = between('{', '}').or_else(|| between('[', ']')) else {
            return;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    let is_article = map.get("@type").is_some_and(is_article_type);
                    if is_article || (self.date.is_none() && map.contains_key("datePublished")) {
                        self.take(map);
                        if is_article {
                            self.found_article = true;
                            return;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn take(&mut self, map: &serde_json::Map<String, Value>) {
        let s = |k: &str| map.get(k).and_then(Value::as_str).map(one_line);
        self.headline = s("headline").or_else(|| s("name"));
        self.date = s("datePublished").or_else(|| s("dateCreated"));
        self.url = s("url");
        self.body = map
            .get("articleBody")
            .and_then(Value::as_str)
            .map(|b| b.trim().to_string());
        self.author = map.get("author").and_then(ld_author);
    }
}

fn is_article_type(t: &Value) -> bool {
    let matches = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match t {
        Value::String(s) => matches(s),
        Value::Array(items) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// `"Jane Roe"`, `{"name": "Jane Roe"}` or a list of either, joined with `, `.
fn ld_author(v: &Value) -> Option<String> {
    let name = |v: &Value| match v {
        Value::String(s) => Some(one_line(s)),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(one_line),
        _ => None,
    };
    let names: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(name).collect(),
        _ => name(v).into_iter().collect(),
    };
    let joined = names.join(", ");
    (!joined.is_empty()).then_some(joined)
}

/// Marks a `<br>` inside a block until whitespace is collapsed; a private-use character that
/// is removed from page text beforehand.
const BREAK: char = '\u{e000}';

/// The text blocks of a container. When `<p>` paragraphs hold most of its text, the page is
/// written in paragraphs, and loose text in `<div>`s beside them is teasers, labels and widgets:
/// then the paragraphs are kept, and with them the other running content (code, quotes, list
/// items, subheads, table cells) that sits in the story's own element, the smallest one holding
/// most of the paragraph text; lists in a sidebar beside it are not the story. Otherwise every
/// block-level run of text is kept (pages built from `<div>`s and `<br>`s). Chrome is skipped,
/// and so is the headline `<h1>`.
fn body_blocks(container: ElementRef<'_>) -> Vec<String> {
    let mut blocks: Vec<Flushed> = Vec::new();
    let mut current = Block::default();
    // Open block elements, innermost last: a block's text belongs to the innermost.
    let mut open: Vec<ElementRef<'_>> = vec![container];
    let mut a_depth = 0usize;
    let root_id = container.id();
    walk(container, |step| {
        match step {
            Step::Open(e) => {
                if e.id() != root_id && is_chrome(e) {
                    return false;
                }
                let name = e.value().name();
                if name == "br" {
                    current.text.push(BREAK);
                } else if name == "a" {
                    a_depth += 1;
                } else if is_block(name) && e.id() != root_id {
                    current.flush(&open, &mut blocks);
                    open.push(e);
                }
            }
            Step::Close(e) => {
                let name = e.value().name();
                if name == "a" {
                    a_depth = a_depth.saturating_sub(1);
                } else if is_block(name) && e.id() != root_id {
                    current.flush(&open, &mut blocks);
                    open.pop();
                }
            }
            Step::Text(t) => {
                if a_depth > 0 {
                    current.link_chars += t.trim().chars().count();
                }
                if t.contains(BREAK) {
                    current.text.push_str(&t.replace(BREAK, " "));
                } else {
                    current.text.push_str(t);
                }
            }
        }
        true
    });
    current.flush(&open, &mut blocks);
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let in_p: usize = blocks.iter().filter(|b| b.in_p).map(|b| b.text.len()).sum();
    if in_p == 0 || in_p * 2 < total {
        return blocks.into_iter().map(|b| b.text).collect();
    }
    let story = story_element(&blocks, in_p);
    blocks
        .into_iter()
        .filter(|b| b.in_p || (b.in_content && story.is_some_and(|s| b.within(s))))
        .map(|b| b.text)
        .collect()
}

/// The deepest element that holds more than half of the paragraph text (`in_p` bytes in all):
/// the elements holding more than half form one chain of ancestors, so the deepest is unique.
fn story_element(blocks: &[Flushed], in_p: usize) -> Option<ego_tree::NodeId> {
    let mut held: std::collections::HashMap<ego_tree::NodeId, (usize, usize)> =
        std::collections::HashMap::new();
    for b in blocks.iter().filter(|b| b.in_p) {
        for (depth, node) in b
            .anchor
            .ancestors()
            .collect::<Vec<_>>()
            .iter()
            .rev()
            .enumerate()
        {
            held.entry(node.id()).or_insert((0, depth)).0 += b.text.len();
        }
    }
    held.into_iter()
        .filter(|(_, (len, _))| len * 2 > in_p)
        .max_by_key(|(_, (_, depth))| *depth)
        .map(|(id, _)| id)
}

/// One block of text and where it sits.
struct Flushed<'a> {
    text: String,
    /// The innermost block element around the text.
    anchor: ElementRef<'a>,
    in_p: bool,
    /// Inside an element that marks running content (see `is_content_block`).
    in_content: bool,
}

impl Flushed<'_> {
    fn within(&self, id: ego_tree::NodeId) -> bool {
        self.anchor.id() == id || self.anchor.ancestors().any(|n| n.id() == id)
    }
}

/// Text gathered for one block, and how much of it is link text.
#[derive(Default)]
struct Block {
    text: String,
    link_chars: usize,
}

impl Block {
    /// Moves the text, whitespace collapsed, into `blocks` unless it is blank, mostly links
    /// (menus, lists of other stories) or an ad label. `open` is the stack of block elements
    /// around it, innermost last.
    fn flush<'a>(&mut self, open: &[ElementRef<'a>], blocks: &mut Vec<Flushed<'a>>) {
        let lines: Vec<String> = self
            .text
            .split(BREAK)
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        let text = lines.join("\n");
        let chars = text.chars().count();
        let links = self.link_chars * 10 > chars * 6;
        let ad_label = ["advertisement", "advertisements", "sponsored", "ad"]
            .iter()
            .any(|w| text.eq_ignore_ascii_case(w));
        if let (false, false, false, Some(&anchor)) =
            (text.is_empty(), links, ad_label, open.last())
        {
            let inside = |test: fn(&str) -> bool| open[1..].iter().any(|e| test(e.value().name()));
            blocks.push(Flushed {
                text,
                anchor,
                in_p: inside(|n| n == "p"),
                in_content: inside(is_content_block),
            });
        }
        self.text.clear();
        self.link_chars = 0;
    }
}

/// Block elements whose text is running content wherever they stand, unlike a `<div>`'s.
fn is_content_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre"
            | "blockquote"
            | "li"
            | "dt"
            | "dd"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "td"
            | "th"
    )
}

fn is_block(name: &str) -> bool {
    is_content_block(name)
        || matches!(
            name,
            "div"
                | "section"
                | "ul"
                | "ol"
                | "dl"
                | "table"
                | "tr"
                | "article"
                | "main"
                | "body"
                | "hr"
        )
}

/// Elements that are never article text: by tag, by ARIA role, hidden, or by a class or id
/// naming navigation, sharing, comments, ads and the like.
fn is_chrome(e: ElementRef<'_>) -> bool {
    let name = e.value().name();
    if matches!(
        name,
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "iframe"
            | "svg"
            | "figure"
            | "figcaption"
            | "h1"
            | "title"
            | "head"
    ) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    if e.attr("style").is_some_and(|st| {
        let st = st.replace(' ', "").to_ascii_lowercase();
        st.contains("display:none") || st.contains("visibility:hidden")
    }) {
        return true;
    }
    if e.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "complementary" | "contentinfo" | "menu" | "dialog"
        )
    }) {
        return true;
    }
    let class = e.attr("class").unwrap_or("");
    let id = e.attr("id").unwrap_or("");
    names_chrome(class) || names_chrome(id)
}

/// True when a class or id value has a word naming page chrome (`share-bar`, `ad-slot`,
/// `site-nav`, `related_links`); words are split at spaces, `-`, `_` and camel-case humps.
/// Layout words (`nav`, `sidebar`, `related`) give way to a content word in the same value
/// (`contentWithSidebar`, `l-sidebar-fixed l-article-body`); sharing, comments and ads do not.
fn names_chrome(value: &str) -> bool {
    const STRONG: &[&str] = &[
        "ad",
        "ads",
        "comment",
        "comments",
        "share",
        "sharing",
        "cookie",
        "cookies",
        "promo",
        "subscribe",
        "newsletter",
        "social",
        "sponsored",
        "advertisement",
    ];
    const STRONG_PREFIX: &[&str] = &["advert", "newsletter", "cookie"];
    const WEAK: &[&str] = &[
        "related",
        "menu",
        "footer",
        "sidebar",
        "byline",
        "caption",
        "banner",
        "masthead",
        "breadcrumb",
        "breadcrumbs",
        "sponsor",
        "toolbar",
        "popup",
        "modal",
    ];
    const WEAK_PREFIX: &[&str] = &["nav", "sidebar", "footer", "breadcrumb"];
    const CONTENT: &[&str] = &["article", "story", "content", "body", "entry", "text"];
    let words = words(value);
    let any = |exact: &[&str], prefix: &[&str]| {
        words
            .iter()
            .any(|w| exact.contains(&w.as_str()) || prefix.iter().any(|p| w.starts_with(p)))
    };
    if any(STRONG, STRONG_PREFIX) {
        return true;
    }
    any(WEAK, WEAK_PREFIX) && !any(CONTENT, &[])
}

/// Lower-case words of an identifier list.
fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whitespace runs collapsed to single spaces, trimmed; control characters count as whitespace
/// so they never reach the index.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every word of `heading` is in `title`, and they are most of its words: the title is the
/// heading with the site's name around it.
fn holds_most_of(heading: &str, title: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (h, t) = (words(heading), words(title));
    !h.is_empty() && h.iter().all(|w| t.contains(w)) && h.len() * 5 >= t.len() * 3
}

/// Drops start tags nested deeper than [`MAX_DEPTH`] (see the module docs); borrows the text
/// unchanged in the normal case. The nesting estimate follows html5ever where it matters: void
/// elements and elements with optional end tags do not nest, and an end tag closes up to the
/// nearest open element of its name.
fn limit_nesting(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied_to = 0;
    let mut pos = 0;
    while let Some(i) = text[pos..].find('<') {
        let start = pos + i;
        let rest = &text[start + 1..];
        pos = start + 1;
        if rest.starts_with("!--") {
            pos = rest.find("-->").map_or(text.len(), |j| start + 1 + j + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &text[name_start..name_start + name_len];
        let end = tag_end(text, name_start + name_len);
        pos = end;
        if closing {
            if let Some(k) = stack
                .iter()
                .rposition(|open| open.eq_ignore_ascii_case(name))
            {
                stack.truncate(k);
            }
            continue;
        }
        if is_raw_text(name) {
            pos = raw_text_end(text, end, name);
            continue;
        }
        if !nests(name) {
            continue;
        }
        if stack.len() >= MAX_DEPTH {
            let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
            buf.push_str(&text[copied_to..start]);
            copied_to = end;
        } else {
            stack.push(name);
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&text[copied_to..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(text),
    }
}

/// Byte offset after the `>` closing a tag whose name ends at `from` (quotes respected).
fn tag_end(text: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in text.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Where the content of a raw-text element (`<script>`, `<style>`, ...) ends.
fn raw_text_end(text: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{}", name.to_ascii_lowercase());
    let lower_hit = text[from..]
        .match_indices("</")
        .find(|(j, _)| {
            text.get(from + j..from + j + closing.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(&closing))
        })
        .map(|(j, _)| from + j);
    lower_hit.unwrap_or(text.len())
}

fn is_raw_text(name: &str) -> bool {
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "noscript",
        "iframe",
        "noembed",
        "plaintext",
    ]
    .iter()
    .any(|r| r.eq_ignore_ascii_case(name))
}

/// False for void elements and for those whose end tag is optional (they never pile up).
fn nests(name: &str) -> bool {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "html", "head", "body", "p", "li", "dt", "dd", "option",
        "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rp", "rt",
        "rb", "rtc",
    ];
    !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Date, Month};

    fn one(html: &str) -> RawArticle {
        let mut got = read(html).unwrap();
        assert_eq!(got.articles.len(), 1);
        got.articles.remove(0)
    }

    #[test]
    fn headline_is_the_title_or_the_heading_it_holds() {
        let page = |head: &str, body: &str| {
            one(&format!(
                "<html><head>{head}</head><body>{body}<p>Text.</p></body></html>"
            ))
            .headline
        };
        // `<h1>` is the title without the site's name.
        assert_eq!(
            page(
                "<title>Ferry fares rise again | Coastal Herald</title>",
                "<h1>Ferry fares rise again</h1>"
            ),
            "Ferry fares rise again"
        );
        // `<h1>` is the site's logo: the title, without its suffix.
        assert_eq!(
            page(
                "<title>Ferry fares rise again | Coastal Herald</title>",
                "<h1>Coastal Herald</h1>"
            ),
            "Ferry fares rise again"
        );
        // Space-separated properties each name the content; Dublin Core comes first.
        assert_eq!(
            page(
                r#"<title>Page</title><meta property="og:title x:title dc:title" content="Declared title here">"#,
                "<h1>Logo</h1>"
            ),
            "Declared title here"
        );
        // JSON-LD `headline` is used when the title holds it, not when it is a description.
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"HEAD"}</script>"#;
        assert_eq!(
            page(
                &format!(
                    "<title>Harbour plan approved - City News</title>{}",
                    ld.replace("HEAD", "Harbour plan approved")
                ),
                ""
            ),
            "Harbour plan approved"
        );
        assert_eq!(
            page(
                &format!(
                    "<title>New Zealand</title>{}",
                    ld.replace("HEAD", "country in Oceania")
                ),
                ""
            ),
            "New Zealand"
        );
        assert_eq!(page("", "<h1>Only a heading</h1>"), "Only a heading");
        // `<h1>` and JSON-LD agree: the social title is a variant.
        assert_eq!(
            page(
                &format!(
                    r#"<meta property="og:title" content="You won't believe this bridge">{}"#,
                    ld.replace("HEAD", "Harbour bridge reopens")
                ),
                "<h1>Harbour bridge reopens</h1>"
            ),
            "Harbour bridge reopens"
        );
    }

    #[test]
    fn article_page_with_metadata() {
        let html = r#"<!doctype html><html><head><title>Bridge reopens | Valley Gazette</title>
            <meta property="og:title" content="Bridge reopens after repairs">
            <meta property="article:published_time" content="2024-03-09T08:00:00+01:00">
            <meta name="author" content="Dana Wells">
            <link rel="canonical" href="https://gazette.example/bridge">
            </head><body><header><h1>Valley Gazette</h1><nav><p>Home</p></nav></header>
            <article><h1>The old  bridge
            reopens</h1><div class="share-bar"><p>Share this</p></div>
            <p>RIVERTON, March 8 - The old bridge opened to traffic again on Friday.</p>
            <p>Work took <b>two</b> years,<br>the council said.</p>
            <aside><p>Related: other bridges</p></aside>
            <figure><img src="x.jpg"><figcaption>The bridge</figcaption></figure></article>
            <footer><p>Copyright</p></footer></body></html>"#;
        let a = one(html);
        // The declared title wins over an `<h1>` it does not hold.
        assert_eq!(a.headline, "Bridge reopens after repairs");
        assert_eq!(
            a.body,
            "RIVERTON, March 8 - The old bridge opened to traffic again on Friday.\n\nWork took two years,\nthe council said."
        );
        // The dateline stays in the body, for `extract::dateline` to read.
        assert_eq!(a.dateline, None);
        assert_eq!(a.date, Date::from_calendar_date(2024, Month::March, 9).ok());
        assert_eq!(a.author.as_deref(), Some("Dana Wells"));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/bridge"));
        assert!(!a.needs_cleanup);
    }

    #[test]
    fn story_keeps_its_code_lists_and_subheads_but_not_a_sidebar() {
        let html = r#"<html><body>
            <div class="post">
              <p>The council published the plan on Monday, after two years of talks.</p>
              <h2>What changes</h2>
              <ul><li>Fares drop by a tenth</li><li>Night buses return</li></ul>
              <pre>route 7: every 10 minutes</pre>
              <p>The plan starts in May, the council said in a statement on its website.</p>
            </div>
            <div class="widgets"><h3>Popular</h3><ul><li>Weather today</li><li>Photo gallery</li></ul>
              <div>Loose teaser text</div></div>
            </body></html>"#;
        assert_eq!(
            one(html).body,
            "The council published the plan on Monday, after two years of talks.\n\n\
             What changes\n\nFares drop by a tenth\n\nNight buses return\n\n\
             route 7: every 10 minutes\n\n\
             The plan starts in May, the council said in a statement on its website."
        );
    }

    #[test]
    fn page_without_article_uses_paragraphs_and_title() {
        let html = r#"<html><head><title>Harvest festival draws crowds - Town News</title>
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Town News"},
              {"@type": ["NewsArticle"], "datePublished": "2023-10-01",
               "author": [{"@type": "Person", "name": "Lee Moss"}, "Kim Ray"]}]}</script>
            </head><body><div id="main-menu"><p>News</p><p>Sport</p></div>
            <div class="content"><p>Thousands came to the harvest festival.</p>
            <p>Kyiv (AP) — not a dateline here since it is not first.</p></div>
            <div class="cookie-notice"><p>We use cookies.</p></div>
            <p style="display: none">Hidden text.</p>
            <ul class="list"><li><a href="/a">Other story one</a></li><li><a href="/b">Two</a></li></ul>
            <div class="comments"><p>Great event!</p></div></body></html>"#;
        let a = one(html);
        assert_eq!(a.headline, "Harvest festival draws crowds");
        assert_eq!(
            a.body,
            "Thousands came to the harvest festival.\n\nKyiv (AP) — not a dateline here since it is not first."
        );
        assert_eq!(a.dateline, None);
        assert_eq!(
            a.date,
            Date::from_calendar_date(2023, Month::October, 1).ok()
        );
        assert_eq!(a.author.as_deref(), Some("Lee Moss, Kim Ray"));
    }

    #[test]
    fn item_prop_body_and_time_element() {
        let html = r#"<body><main><h1>Port strike ends</h1>
            <p class="byline">By Staff <time datetime="2022-07-15T10:00Z">July 15</time></p>
            <div itemprop="articleBody"><p>Kyiv (AP) — Dock workers returned on Friday.</p>
            <div>A line in a div.</div></div><div class="ad-slot"><p>Buy now</p></div></main></body>"#;
        let a = one(html);
        assert_eq!(a.headline, "Port strike ends");
        assert_eq!(a.body, "Kyiv (AP) — Dock workers returned on Friday.");
        assert_eq!(a.date, Date::from_calendar_date(2022, Month::July, 15).ok());
    }

    #[test]
    fn blocks_without_paragraphs_and_odd_inputs() {
        let a = one(
            "<html><body><div>First block</div><div><span>Second</span> block</div></body></html>",
        );
        assert_eq!(a.body, "First block\n\nSecond block");
        assert_eq!(a.headline, "");
        let a = one("");
        assert_eq!((a.headline.as_str(), a.body.as_str()), ("", ""));
        let a = one("<p>unterminated <b>bold <i>text &amp; more &#1; &bogus;");
        assert_eq!(a.body, "unterminated bold text & more &bogus;");
        let a = one("<title>Only a title</title>");
        assert_eq!(a.headline, "Only a title");
    }

    #[test]
    fn chrome_names_and_suffixes() {
        assert!(names_chrome("site-nav main"));
        assert!(names_chrome("shareBar"));
        assert!(names_chrome("ad"));
        assert!(names_chrome("related_links"));
        assert!(!names_chrome("article-body headline"));
        assert!(!names_chrome("commentary-body"));
        assert!(!names_chrome("shadow leader"));
        assert!(!names_chrome("contentWithSidebar"));
        assert!(names_chrome("article-share-tools"));
        assert_eq!(strip_site_suffix("A - B - Site"), "A - B");
        assert_eq!(
            strip_site_suffix("No suffix at all here"),
            "No suffix at all here"
        );
    }

    #[test]
    fn fragments_become_paragraphs() {
        let text =
            fragment_text("<p>One &amp; <em>two</em>.</p><p>Three<br>four</p><script>x()</script>");
        assert_eq!(text, "One & two.\n\nThree\nfour");
        assert_eq!(fragment_text("no tags at all"), "no tags at all");
    }

    #[test]
    fn million_unclosed_tags_stay_linear() {
        for tag in ["<div>", "<b>", "<ul>", "<table>", "<blockquote><span>"] {
            let html = format!(
                "<body><article><p>Start.</p>{}end</article></body>",
                tag.repeat(1_000_000)
            );
            let started = std::time::Instant::now();
            let a = one(&html);
            assert!(a.body.starts_with("Start."), "{tag}");
            let secs = started.elapsed().as_secs_f64();
            assert!(secs < 60.0, "{tag}: {secs}s");
            eprintln!("{tag} x1M: {secs:.2}s");
        }
    }

    #[test]
    fn nesting_limit_keeps_ordinary_pages() {
        let page = "<div><p>a<p>b<ul><li>c<li>d</ul></div><script>var s = '<div><div>';</script>";
        assert!(matches!(limit_nesting(page), Cow::Borrowed(_)));
        let deep = "<div>".repeat(MAX_DEPTH + 5);
        assert_eq!(limit_nesting(&deep).len(), MAX_DEPTH * 5);
        let closed = "<div></x>".repeat(MAX_DEPTH + 5);
        assert_eq!(limit_nesting(&closed).matches("<div>").count(), MAX_DEPTH);
    }
}
