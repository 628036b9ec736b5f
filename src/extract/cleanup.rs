//! Text cleanup for scraped pages: choose the headline (the first real title line, not site
//! chrome), find a leading dateline, and drop boilerplate lines (menus, share buttons, "Related
//! Articles", comment forms) by rules that generalise.

/// A scraped page split into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanPage {
    pub headline: String,
    pub body: String,
    /// A dateline found at the start of the body (`PARIS, March 2 (AFP) -`), as written.
    pub dateline: Option<String>,
}

/// Splits a page into headline and body. (Placeholder: first non-empty line is the headline.)
pub fn clean_page(text: &str) -> CleanPage {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let headline = lines.next().unwrap_or_default().to_string();
    let body = lines.collect::<Vec<_>>().join("\n\n");
    CleanPage {
        headline,
        body,
        dateline: None,
    }
}
