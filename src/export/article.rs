//! One whole article for `newsdex show`: its headline, date, place, path, people and speakers,
//! the body with each quote marked, and the list of quotes with who said them and how.
//!
//! Text for people (quotes coloured and numbered on a terminal, `[n: ...]` without colour, the one a quote
//! hit's id pointed at marked `>`), JSON for programs (the stored fields and every quote with its
//! speaker, cue, direct flag and offsets).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{BOLD, DIM, MARK, RESET};
use crate::search::hits::{Hit, Said};
use crate::text::{escape_control, format_date};

/// The colour of quotes that are not the one pointed at.
const QUOTE: &str = "\x1b[36m";

/// An article as `newsdex show` prints it.
pub struct ArticleView<'a> {
    pub hit: &'a Hit,
    pub quotes: &'a [Said],
    /// The body offset of the quote a quote hit's id (`ID@OFFSET`) named.
    pub focus: Option<usize>,
}

/// Writes the article as text.
pub fn write_text(w: &mut dyn Write, a: &ArticleView, color: bool) -> io::Result<()> {
    let paint = |code: &str, s: &str| {
        if color {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let hit = a.hit;
    let headline = escape_control(hit.headline.trim());
    let headline = if headline.is_empty() {
        "(no headline)".to_string()
    } else {
        headline
    };
    writeln!(w, "{}", paint(BOLD, &headline))?;
    let mut meta: Vec<String> = Vec::new();
    if let Some(d) = hit.date {
        meta.push(format_date(d));
    }
    if let Some(p) = &hit.place {
        meta.push(escape_control(p));
    }
    meta.push(escape_control(&hit.path));
    writeln!(w, "{}", paint(DIM, &meta.join(" · ")))?;
    writeln!(
        w,
        "{}",
        paint(DIM, &format!("id: {}", escape_control(&hit.id)))
    )?;
    for (label, names) in [("people", &hit.people), ("speakers", &hit.speakers)] {
        let shown = if names.is_empty() {
            "none found".to_string()
        } else {
            escape_control(&names.join(", "))
        };
        writeln!(w, "{label}: {shown}")?;
    }
    writeln!(w)?;
    writeln!(w, "{}", marked_body(a, color))?;
    if a.quotes.is_empty() {
        return Ok(());
    }
    writeln!(w, "\nquotes:")?;
    for (i, q) in a.quotes.iter().enumerate() {
        let pointer = if a.focus == Some(q.start) { ">" } else { " " };
        let who = q
            .speaker
            .as_deref()
            .map_or("(no named speaker)".to_string(), escape_control);
        let how = match (&q.cue, q.direct) {
            (Some(cue), true) => escape_control(cue),
            (Some(cue), false) => format!("{} (reported)", escape_control(cue)),
            (None, true) => "quoted".to_string(),
            (None, false) => "reported".to_string(),
        };
        let text = hit.body.get(q.start..q.end).unwrap_or_default();
        let text = escape_control(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        let text = if q.direct {
            format!("“{text}”")
        } else {
            text
        };
        writeln!(
            w,
            "{pointer}[{}] {}, {how}: {text}",
            i + 1,
            paint(BOLD, &who)
        )?;
    }
    Ok(())
}

/// The body cut into runs, each with the index in `quotes` of the quote it is (or `None`), in
/// order. A quote inside an earlier one is skipped (listed, not marked again). The text and the
/// HTML article views both mark quotes from this.
pub fn body_pieces<'a>(body: &'a str, quotes: &[Said]) -> Vec<(&'a str, Option<usize>)> {
    let mut out = Vec::with_capacity(quotes.len() * 2 + 1);
    let mut at = 0;
    for (i, q) in quotes.iter().enumerate() {
        let (Some(before), Some(quote)) = (body.get(at..q.start), body.get(q.start..q.end)) else {
            continue;
        };
        out.push((before, None));
        out.push((quote, Some(i)));
        at = q.end;
    }
    out.push((body.get(at..).unwrap_or_default(), None));
    out
}

/// The body with every quote marked: coloured and numbered where it ends on a terminal,
/// `[n: ...]` without colour.
fn marked_body(a: &ArticleView, color: bool) -> String {
    let body = &a.hit.body;
    let mut out = String::with_capacity(body.len() + a.quotes.len() * 16);
    for (piece, quote) in body_pieces(body, a.quotes) {
        let Some(i) = quote else {
            out.push_str(&escape_control(piece));
            continue;
        };
        let code = if a.focus == Some(a.quotes[i].start) {
            MARK
        } else {
            QUOTE
        };
        // Colour shows where a quote starts; without it the number opens the quote too.
        if color {
            out.push_str(code);
            out.push_str(&escape_control(piece));
            out.push_str(RESET);
            out.push_str(&format!("[{}]", i + 1));
        } else {
            out.push_str(&format!("[{}: {}]", i + 1, escape_control(piece)));
        }
    }
    out
}

/// Writes the article as one JSON object.
pub fn write_json(w: &mut dyn Write, a: &ArticleView) -> io::Result<()> {
    let hit = a.hit;
    let s = |v: &str| Value::String(escape_control(v));
    let quotes: Vec<Value> = a
        .quotes
        .iter()
        .map(|q| {
            json!({
                "text": s(hit.body.get(q.start..q.end).unwrap_or_default()),
                "speaker": q.speaker.as_deref().map(s),
                "cue": q.cue.as_deref().map(s),
                "direct": q.direct,
                "start": q.start,
                "end": q.end,
            })
        })
        .collect();
    let v = json!({
        "id": s(&hit.id),
        "headline": s(&hit.headline),
        "date": hit.date.map(format_date),
        "place": hit.place.as_deref().map(s),
        "path": s(&hit.path),
        "people": hit.people.iter().map(|p| s(p)).collect::<Vec<_>>(),
        "speakers": hit.speakers.iter().map(|p| s(p)).collect::<Vec<_>>(),
        "body": s(&hit.body),
        "quotes": quotes,
    });
    serde_json::to_writer(&mut *w, &v)?;
    writeln!(w)
}
