//! Snippets: the best passage of a hit's text with the query's words marked, built on tantivy's
//! `SnippetGenerator` with newsdex's analyzer. Passages start and end on word boundaries (token
//! offsets) and whitespace is collapsed so a snippet prints on one line.

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use crate::index::schema;

/// Default snippet length in bytes of source text.
pub const SNIPPET_CHARS: usize = 200;

/// A passage of text and the byte ranges in it to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Sorted, non-overlapping byte ranges of `text`, on char boundaries.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet cut into `(piece, highlighted)` runs, in order.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for r in &self.highlights {
            let (Some(before), Some(hl)) = (self.text.get(at..r.start), self.text.get(r.clone()))
            else {
                continue;
            };
            if !before.is_empty() {
                out.push((before, false));
            }
            out.push((hl, true));
            at = r.end;
        }
        if let Some(rest) = self.text.get(at..)
            && !rest.is_empty()
        {
            out.push((rest, false));
        }
        out
    }
}

/// Makes snippets for one query over one field.
pub struct Highlighter {
    generator: SnippetGenerator,
    /// Query phrases (two or more tokens): the passage should show one whole if it can.
    phrases: Vec<Vec<String>>,
    max_chars: usize,
}

impl Highlighter {
    /// `groups` are the analyzed query words and phrases to mark (see
    /// `Compiler::highlight_terms`).
    pub fn new(groups: &[Vec<String>], field: Field, max_chars: usize) -> Highlighter {
        let map: BTreeMap<String, f32> =
            groups.iter().flatten().map(|t| (t.clone(), 1.0)).collect();
        Highlighter {
            generator: SnippetGenerator::new(map, schema::news_analyzer(), field, max_chars),
            phrases: groups.iter().filter(|g| g.len() > 1).cloned().collect(),
            max_chars,
        }
    }

    /// The best passage of `text`: around the first whole phrase when the query has one, else
    /// where query words are densest; the opening when no query word occurs.
    pub fn snippet(&self, text: &str) -> Snippet {
        let window = self.phrase_window(text).unwrap_or(0..text.len());
        let Some(part) = text.get(window.clone()) else {
            return lead(text, self.max_chars);
        };
        let s = self.generator.snippet(part);
        if s.is_empty() || s.highlighted().is_empty() {
            return lead(text, self.max_chars);
        }
        let found = s.fragment_range();
        let range = widen(text, found.start + window.start..found.end + window.start);
        let shift = found.start + window.start - range.start;
        let marks: Vec<Range<usize>> = s
            .highlighted()
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect();
        let Some(fragment) = text.get(range.clone()) else {
            return lead(text, self.max_chars);
        };
        let mut out = collapse(fragment, &marks);
        if text[..range.start].chars().any(char::is_alphanumeric) {
            out = prefix_ellipsis(out);
        }
        if text[range.end..].chars().any(char::is_alphanumeric) {
            out.text.push('…');
        }
        out
    }
}

impl Highlighter {
    /// A slice of `text` of about `max_chars` bytes that starts a little before the first
    /// occurrence of a query phrase, on token boundaries.
    fn phrase_window(&self, text: &str) -> Option<Range<usize>> {
        if self.phrases.is_empty() {
            return None;
        }
        let mut analyzer = schema::news_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut toks: Vec<(usize, usize, String)> = Vec::new();
        while let Some(t) = stream.next() {
            toks.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        let (first, last) = self.phrases.iter().find_map(|p| {
            toks.windows(p.len())
                .position(|w| w.iter().zip(p).all(|(t, q)| t.2 == *q))
                .map(|i| (i, i + p.len() - 1))
        })?;
        let phrase_start = toks[first].0;
        let lead_in = self.max_chars / 4;
        let from = toks[..=first]
            .iter()
            .find(|t| t.0 + lead_in >= phrase_start)
            .map_or(phrase_start, |t| t.0);
        let end = toks[last].1.max(from + self.max_chars);
        let to = toks
            .iter()
            .map(|t| t.1)
            .take_while(|&e| e <= end)
            .last()
            .unwrap_or(text.len())
            .max(toks[last].1);
        Some(from..to)
    }
}

/// Extends a token range over the punctuation glued to it (`"oil.` rather than `oil`).
fn widen(text: &str, r: Range<usize>) -> Range<usize> {
    let glued = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
    let start = text
        .get(..r.start)
        .map_or(r.start, |before| before.trim_end_matches(glued).len());
    let end = text.get(r.end..).map_or(r.end, |after| {
        r.end + (after.len() - after.trim_start_matches(glued).len())
    });
    start..end
}

fn prefix_ellipsis(s: Snippet) -> Snippet {
    let shift = '…'.len_utf8();
    Snippet {
        text: format!("…{}", s.text),
        highlights: s
            .highlights
            .into_iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect(),
    }
}

/// The first words of `text` up to about `max` bytes, cut at a word boundary.
pub fn lead(text: &str, max: usize) -> Snippet {
    let flat = collapse(text.trim(), &[]).text;
    if flat.len() <= max {
        return Snippet {
            text: flat,
            highlights: Vec::new(),
        };
    }
    let mut cut = max;
    while !flat.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &flat[..cut];
    // Step back to the last space so no word is cut in half (unless it is one giant word).
    let head = match head.rfind(' ') {
        Some(sp) if sp > 0 => &head[..sp],
        _ => head,
    };
    Snippet {
        text: format!("{}…", head.trim_end()),
        highlights: Vec::new(),
    }
}

/// Collapses runs of whitespace to one space, moving the highlight ranges along.
fn collapse(fragment: &str, highlighted: &[Range<usize>]) -> Snippet {
    let mut text = String::with_capacity(fragment.len());
    // new_at[i] = position in `text` of the byte `i` of `fragment` (for char starts and the end).
    let mut new_at = vec![0usize; fragment.len() + 1];
    let mut last_space = true;
    for (i, c) in fragment.char_indices() {
        new_at[i] = text.len();
        if c.is_whitespace() {
            if !last_space {
                text.push(' ');
            }
            last_space = true;
        } else {
            text.push(c);
            last_space = false;
        }
    }
    new_at[fragment.len()] = text.len();
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    let mut highlights: Vec<Range<usize>> = Vec::new();
    for r in highlighted {
        if r.end > fragment.len()
            || !fragment.is_char_boundary(r.start)
            || !fragment.is_char_boundary(r.end)
        {
            continue;
        }
        let (s, e) = (new_at[r.start].min(trimmed), new_at[r.end].min(trimmed));
        if s < e && highlights.last().is_none_or(|l| l.end <= s) {
            highlights.push(s..e);
        }
    }
    Snippet { text, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> String {
        s.pieces()
            .into_iter()
            .map(|(p, h)| if h { format!("[{p}]") } else { p.to_string() })
            .collect()
    }

    #[test]
    fn highlights_every_query_word() {
        let (_, f) = schema::build();
        let h = Highlighter::new(&[vec!["oil".into()], vec!["prices".into()]], f.body, 200);
        let s = h.snippet("Crude  OIL\n\nprices rose; oil fell.");
        assert_eq!(marked(&s), "Crude [OIL] [prices] rose; [oil] fell.");
    }

    #[test]
    fn accents_and_multibyte_text_stay_whole() {
        let (_, f) = schema::build();
        let h = Highlighter::new(&[vec!["zurich".into()]], f.body, 40);
        let long = format!(
            "{} Zürich banks said the franc was strong. {}",
            "é ".repeat(60),
            "ü ".repeat(60)
        );
        let s = h.snippet(&long);
        assert!(marked(&s).contains("[Zürich]"), "{}", marked(&s));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
    }

    #[test]
    fn phrase_passages_show_the_phrase() {
        let (_, f) = schema::build();
        let h = Highlighter::new(&[vec!["oil".into(), "prices".into()]], f.body, 60);
        let text = format!(
            "Oil output rose, oil stocks fell, prices of oil and oil firms were mixed. {} Analysts said oil prices would hold. {}",
            "Filler words here. ".repeat(10),
            "More filler. ".repeat(10)
        );
        let s = h.snippet(&text);
        assert!(
            marked(&s).contains("[oil] [prices] would hold"),
            "{}",
            marked(&s)
        );
    }

    #[test]
    fn lead_cuts_at_a_word_boundary() {
        let s = lead("alpha beta gamma delta", 13);
        assert_eq!(s.text, "alpha beta…");
        let s = lead("ééééééééé", 5);
        assert!(s.text.ends_with('…'));
    }
}
