//! The web page, rendered on the server: the search form, ranked hits with highlighted snippets,
//! paging, the hit count, facets and a timeline of the current query, export links, and the
//! article page. All state is in the query string, so every view is a URL and the back button
//! works. Every string from the index or the URL is escaped with [`esc`].

use std::fmt::Write;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::api::{self, Found};
use super::html::{esc, frame};
use super::params::{Params, encode};
use super::{Failure, Shared, blocking};
use crate::export::article::body_pieces;
use crate::export::thousands;
use crate::search::filters::UnknownName;
use crate::search::hits::Hit;
use crate::search::snippets::Snippet;
use crate::search::stats::Stats;
use crate::text::format_date;

/// Names shown per facet.
const FACET_ROWS: usize = 10;

/// `/`: the form, and the results when the URL holds a search.
pub async fn search(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || Ok(render_search(&s, raw.as_deref()));
    respond(blocking(work).await)
}

/// `/article?id=`: one article with its quotes marked.
pub async fn article(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || {
        let page = Params::parse(raw.as_deref())
            .map_err(Failure::from)
            .and_then(|p| api::find_article(&s, &p.id));
        Ok(match page {
            Ok(found) => (StatusCode::OK, render_article(&found)),
            Err(f) => (f.status, frame("error", &error_box(&f.message))),
        })
    };
    respond(blocking(work).await)
}

fn respond(r: Result<(StatusCode, String), Failure>) -> Response {
    match r {
        Ok((status, page)) => (status, Html(page)).into_response(),
        Err(f) => (f.status, Html(frame("error", &error_box(&f.message)))).into_response(),
    }
}

fn render_search(s: &Shared, raw: Option<&str>) -> (StatusCode, String) {
    let p = match Params::parse(raw) {
        Ok(p) => p,
        Err(e) => {
            let f = Failure::from(e);
            let body = form(&Params::default()) + &error_box(&f.message);
            return (f.status, frame("error", &body));
        }
    };
    let title = if p.q.is_empty() { "search" } else { &p.q };
    if !p.has_search() {
        let intro = "<main><p class=\"meta\">The query language of <code>newsdex search</code>: \
                     words, \"phrases\", AND OR NOT, field:term, * for every article.</p></main>";
        return (StatusCode::OK, frame(title, &(form(&p) + intro)));
    }
    match results(s, &p) {
        Ok(html) => (StatusCode::OK, frame(title, &(form(&p) + &html))),
        Err(f) => (f.status, frame(title, &(form(&p) + &error_box(&f.message)))),
    }
}

fn error_box(message: &str) -> String {
    format!(
        "<main><div class=\"results\"><p class=\"error\" id=\"error\">{}</p></div></main>",
        esc(message)
    )
}

/// The search form, filled from the URL; one input per name filter value, plus an empty one.
fn form(p: &Params) -> String {
    let mut out = String::from("<form class=\"search\" method=\"get\" action=\"/\">");
    let _ = write!(
        out,
        "<label>query<input name=\"q\" value=\"{}\" placeholder='\"territorial issues\" OR border' autofocus></label>",
        esc(&p.q)
    );
    for (name, values) in [
        ("person", &p.person),
        ("speaker", &p.speaker),
        ("place", &p.place),
    ] {
        let mut shown: Vec<&str> = values.iter().map(String::as_str).collect();
        if shown.is_empty() {
            shown.push("");
        }
        for v in shown {
            let _ = write!(
                out,
                "<label>{name}<input name=\"{name}\" value=\"{}\" list=\"dl-{name}\" data-names=\"{name}\" autocomplete=\"off\"></label>",
                esc(v)
            );
        }
        let _ = write!(out, "<datalist id=\"dl-{name}\"></datalist>");
    }
    for (name, v) in [("since", &p.since), ("until", &p.until)] {
        let _ = write!(
            out,
            "<label>{name}<input name=\"{name}\" value=\"{}\" size=\"10\" placeholder=\"2025-11\"></label>",
            esc(v)
        );
    }
    out.push_str("<label>sort<select name=\"sort\">");
    for (value, label) in [("", "best match"), ("-date", "newest"), ("date", "oldest")] {
        let selected = if p.sort == value { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{value}\"{selected}>{label}</option>");
    }
    out.push_str("</select></label>");
    for (name, on, label) in [
        ("in_quotes", p.in_quotes, "in quotes"),
        ("exact", p.exact, "exact names"),
    ] {
        let checked = if on { " checked" } else { "" };
        let _ = write!(
            out,
            "<label><span><input type=\"checkbox\" name=\"{name}\" value=\"1\"{checked}> {label}</span></label>"
        );
    }
    out.push_str("<button type=\"submit\">Search</button></form>");
    out
}

/// A link to the page with `change` applied to the current parameters, from the first page.
fn link(p: &Params, change: impl FnOnce(&mut Params)) -> String {
    let mut next = p.clone();
    next.page = 1;
    change(&mut next);
    esc(&format!("/?{}", next.query_string()))
}

fn results(s: &Shared, p: &Params) -> Result<String, Failure> {
    let (spec, note) = api::search_spec(p)?;
    let (prepared, unknown) = s.prepare(&spec)?;
    let offset = p.offset()?;
    let (total, page) = match &unknown {
        Some(_) => (0, Vec::new()),
        None => prepared.top(p.sort_order()?, p.limit, offset)?,
    };
    let highlighter = prepared.highlighter();
    let mut loader = prepared.loader();
    let mut hits = String::new();
    for r in page {
        let hit = loader.load(r)?;
        let snippet = highlighter.snippet(hit.quote.as_deref().unwrap_or(&hit.body));
        hits.push_str(&hit_html(&hit, &snippet));
    }
    let figures = match &unknown {
        Some(_) => Stats::default(),
        None => crate::search::stats::compute(&prepared)?,
    };
    let mut out = String::from("<main><div class=\"results\">");
    let noun = match (spec.in_quotes, total == 1) {
        (true, true) => "quote",
        (true, false) => "quotes",
        (false, true) => "hit",
        (false, false) => "hits",
    };
    let _ = write!(
        out,
        "<p class=\"count\"><span id=\"hit-count\">{}</span> {noun} for <code>{}</code></p>",
        thousands(total),
        esc(if p.q.is_empty() { "*" } else { &p.q })
    );
    if let Some(note) = note {
        let _ = write!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    if let Some(u) = &unknown {
        out.push_str(&unknown_html(p, u));
    }
    out.push_str(&chips(p));
    if !hits.is_empty() {
        let _ = write!(
            out,
            "<ol class=\"hits\" start=\"{}\">{hits}</ol>",
            offset + 1
        );
    }
    out.push_str(&pager(p, total, offset));
    out.push_str(&exports(p));
    out.push_str("</div><aside>");
    if spec.in_quotes {
        // stats counts articles: for a quote search, those that hold a matching quote or may.
        out.push_str(
            "<p class=\"meta\">Timeline and facets count the articles of these quotes.</p>",
        );
    }
    out.push_str(&timeline(p, &figures));
    for (title, rows, name) in [
        ("People", &figures.people, "person"),
        ("Speakers", &figures.speakers, "speaker"),
        ("Places", &figures.places, "place"),
    ] {
        out.push_str(&facet(p, title, rows, name));
    }
    out.push_str("</aside></main>");
    Ok(out)
}

/// The snippet with the query's words in `<mark>`.
fn snippet_html(s: &Snippet) -> String {
    s.pieces()
        .into_iter()
        .map(|(text, hl)| {
            if hl {
                format!("<mark>{}</mark>", esc(text))
            } else {
                esc(text)
            }
        })
        .collect()
}

fn meta(hit: &Hit) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(d) = hit.date {
        meta.push(format_date(d));
    }
    if let Some(place) = &hit.place {
        meta.push(esc(place));
    }
    meta.push(esc(&hit.path));
    meta
}

fn article_link(hit: &Hit) -> String {
    let headline = hit.headline.trim();
    format!(
        "<a class=\"title\" href=\"/article?id={}\">{}</a>",
        esc(&encode(&hit.id)),
        esc(if headline.is_empty() {
            "(no headline)"
        } else {
            headline
        })
    )
}

/// One hit: an article with its snippet, or a quote with its speaker, article and date.
fn hit_html(hit: &Hit, snippet: &Snippet) -> String {
    let Some(said) = &hit.said else {
        return format!(
            "<li class=\"hit\">{}<div class=\"meta\">{}</div><div class=\"snippet\">{}</div></li>",
            article_link(hit),
            meta(hit).join(" · "),
            snippet_html(snippet)
        );
    };
    let who = said
        .speaker
        .as_deref()
        .map_or("no named speaker".to_string(), esc);
    let quote = if said.direct {
        format!("“{}”", snippet_html(snippet))
    } else {
        format!("(reported) {}", snippet_html(snippet))
    };
    let cue = said.cue.as_deref().map_or(String::new(), |c| {
        format!(" <span class=\"meta\">({})</span>", esc(c))
    });
    let mut m = vec![article_link(hit)];
    m.extend(meta(hit));
    format!(
        "<li class=\"hit quote\"><div class=\"said\">{quote} — <b>{who}</b>{cue}</div><div class=\"meta\">{}</div></li>",
        m.join(" · ")
    )
}

/// A name filter that matches nothing, with its suggestions as links.
fn unknown_html(p: &Params, u: &UnknownName) -> String {
    let which = u.flag.trim_start_matches('-').to_string();
    let mut out = format!(
        "<p class=\"note\">{} {:?} matches nothing in the index.",
        esc(&which),
        esc(&u.value)
    );
    if !u.suggestions.is_empty() {
        out.push_str(" Did you mean: ");
        let links: Vec<String> = u
            .suggestions
            .iter()
            .map(|s| {
                let href = link(p, |n| {
                    let list = match which.as_str() {
                        "person" => &mut n.person,
                        "speaker" => &mut n.speaker,
                        _ => &mut n.place,
                    };
                    list.retain(|v| crate::text::filter_key(v) != u.value && *v != u.value);
                    list.push(s.clone());
                });
                format!("<a href=\"{href}\">{}</a>", esc(s))
            })
            .collect();
        out.push_str(&links.join(", "));
        out.push('?');
    }
    out.push_str("</p>");
    out
}

/// The filters in force, each with a link that removes it.
fn chips(p: &Params) -> String {
    let mut out = Vec::new();
    let lists: [(&str, &Vec<String>); 3] = [
        ("person", &p.person),
        ("speaker", &p.speaker),
        ("place", &p.place),
    ];
    for (name, values) in lists {
        for v in values {
            let href = link(p, |n| {
                let list = match name {
                    "person" => &mut n.person,
                    "speaker" => &mut n.speaker,
                    _ => &mut n.place,
                };
                list.retain(|x| x != v);
            });
            out.push(format!("<a href=\"{href}\">{name}: {} ✕</a>", esc(v)));
        }
    }
    for (name, v) in [("since", &p.since), ("until", &p.until)] {
        if !v.is_empty() {
            let href = link(p, |n| match name {
                "since" => n.since.clear(),
                _ => n.until.clear(),
            });
            out.push(format!("<a href=\"{href}\">{name}: {} ✕</a>", esc(v)));
        }
    }
    if out.is_empty() {
        return String::new();
    }
    format!("<p class=\"chips\">{}</p>", out.join(""))
}

fn pager(p: &Params, total: usize, offset: usize) -> String {
    if p.limit == 0 || total <= p.limit {
        return String::new();
    }
    let pages = total.div_ceil(p.limit);
    let to = |page: usize| {
        let mut next = p.clone();
        next.page = page;
        esc(&format!("/?{}", next.query_string()))
    };
    let mut out = String::from("<p class=\"pager\">");
    if p.page > 1 {
        let _ = write!(
            out,
            "<a rel=\"prev\" href=\"{}\">← previous</a>",
            to(p.page - 1)
        );
    }
    let _ = write!(
        out,
        "<span>hits {}–{} · page {} of {}</span>",
        thousands(offset + 1),
        thousands((offset + p.limit).min(total)),
        thousands(p.page),
        thousands(pages)
    );
    if p.page < pages {
        let _ = write!(
            out,
            "<a rel=\"next\" href=\"{}\">next →</a>",
            to(p.page + 1)
        );
    }
    out.push_str("</p>");
    out
}

fn exports(p: &Params) -> String {
    let mut base = p.clone();
    base.page = 1;
    base.limit = super::params::DEFAULT_LIMIT;
    let qs = base.query_string();
    let q = if p.q.is_empty() {
        "q=*&".to_string()
    } else {
        String::new()
    };
    format!(
        "<p class=\"exports\">Every hit: <a id=\"export-csv\" href=\"{}\" download>CSV</a>\
         <a id=\"export-jsonl\" href=\"{}\" download>JSON Lines</a>\
         <a href=\"{}\">this page as JSON</a></p>",
        esc(&format!("/api/export?{q}{qs}&format=csv")),
        esc(&format!("/api/export?{q}{qs}&format=jsonl")),
        esc(&format!("/api/search?{q}{}", p.query_string())),
    )
}

/// Hits per month (or year) as bars; a bar links to the search limited to that period.
fn timeline(p: &Params, s: &Stats) -> String {
    let max = s.histogram.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if max == 0 {
        return String::new();
    }
    let mut out = String::from("<div class=\"facet\"><h3>Timeline</h3><div class=\"timeline\">");
    for (label, n) in &s.histogram {
        let height = (*n as f64 / max as f64 * 100.0).max(if *n > 0 { 2.0 } else { 0.0 });
        let href = link(p, |next| {
            next.since = label.clone();
            next.until = label.clone();
        });
        let _ = write!(
            out,
            "<a class=\"bar\" href=\"{href}\" style=\"height:{height:.1}%\" title=\"{}: {}\" data-period=\"{}\" data-count=\"{n}\"></a>",
            esc(label),
            thousands(*n),
            esc(label)
        );
    }
    out.push_str("</div>");
    if let (Some((first, _)), Some((last, _))) = (s.histogram.first(), s.histogram.last()) {
        let _ = write!(
            out,
            "<div class=\"tl-labels\"><span>{}</span><span>{}</span></div>",
            esc(first),
            esc(last)
        );
    }
    if s.undated > 0 {
        let _ = write!(
            out,
            "<p class=\"meta\">{} undated</p>",
            thousands(s.undated)
        );
    }
    out.push_str("</div>");
    out
}

/// A top list; each name links to the search with that name added as a filter.
fn facet(p: &Params, title: &str, rows: &[(String, usize)], name: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<div class=\"facet\" id=\"facet-{name}\"><h3>{}</h3><ul>",
        esc(title)
    );
    for (value, n) in rows.iter().take(FACET_ROWS) {
        let href = link(p, |next| {
            let list = match name {
                "person" => &mut next.person,
                "speaker" => &mut next.speaker,
                _ => &mut next.place,
            };
            if !list.contains(value) {
                list.push(value.clone());
            }
        });
        let _ = write!(
            out,
            "<li><a href=\"{href}\">{}</a> <span class=\"n\">{}</span></li>",
            esc(value),
            thousands(*n)
        );
    }
    out.push_str("</ul></div>");
    out
}

/// The article page: headline, date, place, path, people and speakers as search links, the body
/// with every quote marked, and the list of quotes.
fn render_article(found: &Found) -> String {
    let hit = &found.hit;
    let view = found.view();
    let headline = hit.headline.trim();
    let headline = if headline.is_empty() {
        "(no headline)"
    } else {
        headline
    };
    let mut out = format!(
        "<main><article><h1 id=\"headline\">{}</h1><p class=\"meta\">{}</p><p class=\"meta\">id: {}</p>",
        esc(headline),
        meta(hit).join(" · "),
        esc(&hit.id)
    );
    for (label, names, filter) in [
        ("people", &hit.people, "person"),
        ("speakers", &hit.speakers, "speaker"),
    ] {
        let links: Vec<String> = names
            .iter()
            .map(|n| {
                format!(
                    "<a href=\"/?q=*&amp;{filter}={}\">{}</a>",
                    esc(&encode(n)),
                    esc(n)
                )
            })
            .collect();
        let shown = if links.is_empty() {
            "none found".to_string()
        } else {
            links.join(", ")
        };
        let _ = write!(out, "<p>{label}: {shown}</p>");
    }
    out.push_str("<div class=\"body\" id=\"body\">");
    for (piece, quote) in body_pieces(&hit.body, view.quotes) {
        match quote {
            None => out.push_str(&esc(piece)),
            Some(i) => {
                let q = &view.quotes[i];
                let class = if view.focus == Some(q.start) {
                    "quote focus"
                } else {
                    "quote"
                };
                let _ = write!(
                    out,
                    "<mark class=\"{class}\" id=\"q{}\" title=\"{}\">{}</mark><sup>{}</sup>",
                    q.start,
                    esc(q.speaker.as_deref().unwrap_or("no named speaker")),
                    esc(piece),
                    i + 1
                );
            }
        }
    }
    out.push_str("</div>");
    if !view.quotes.is_empty() {
        out.push_str("<h2>Quotes</h2><ol class=\"quotes\">");
        for q in view.quotes {
            let who = q
                .speaker
                .as_deref()
                .map_or("(no named speaker)".into(), esc);
            let how = match (&q.cue, q.direct) {
                (Some(cue), true) => esc(cue),
                (Some(cue), false) => format!("{} (reported)", esc(cue)),
                (None, true) => "quoted".to_string(),
                (None, false) => "reported".to_string(),
            };
            let text = esc(hit.body.get(q.start..q.end).unwrap_or_default());
            let _ = write!(
                out,
                "<li><b>{who}</b>, {how}: <a href=\"#q{}\">{text}</a></li>",
                q.start
            );
        }
        out.push_str("</ol>");
    }
    let _ = write!(
        out,
        "<p class=\"exports\"><a href=\"/api/article?id={}\">JSON</a></p></article></main>",
        esc(&encode(&hit.id))
    );
    frame(headline, &out)
}
