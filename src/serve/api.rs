//! The JSON API: `/api/search`, `/api/stats`, `/api/export`, `/api/article` and `/api/names`.
//!
//! Each answer is what the CLI prints for the same request (`search --format json`, `stats
//! --format json`, `search --all --format csv|jsonl`, `show --format json`), written by the same
//! `export` code. Mistakes in the request are 400 with `{"error": "..."}`.

use std::io::Write;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::params::Params;
use super::{Failure, Shared, blocking, stream};
use crate::export::article::{self, ArticleView};
use crate::export::{self, Exporter, OutputFormat};
use crate::search::filters::UnknownName;
use crate::search::{Prepared, SearchSpec, hits, stats};

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = json!({ "error": crate::text::escape_control(&self.message) });
        (self.status, json_body(body.to_string().into_bytes())).into_response()
    }
}

fn json_body(bytes: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(bytes));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The search of `p`, with `quote:` in the query turning quote search on as the CLI does.
pub fn search_spec(p: &Params) -> Result<(SearchSpec, Option<&'static str>), Failure> {
    let mut spec = p.spec()?;
    let mut note = None;
    if spec.needs_quote_search()? {
        spec.in_quotes = true;
        note = Some("the query names quote:, so hits are quotes (in_quotes implied)");
    }
    Ok((spec, note))
}

/// `/api/search`: `{"query", "total", "offset", "limit", "in_quotes", "hits": [...]}`, the hits
/// with the fields of `newsdex search --format json` (or `fields=`).
pub async fn search(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || -> Result<Vec<u8>, Failure> {
        let p = Params::parse(raw.as_deref())?;
        if p.q.is_empty() {
            return Err(Failure::bad_request(
                "q is required: a query, or * for every article",
            ));
        }
        let (spec, note) = search_spec(&p)?;
        let (prepared, unknown) = s.prepare(&spec)?;
        search_json(&p, &spec, &prepared, note, unknown.as_ref()).map_err(Failure::from)
    };
    match blocking(work).await {
        Ok(bytes) => json_body(bytes),
        Err(f) => f.into_response(),
    }
}

fn search_json(
    p: &Params,
    spec: &SearchSpec,
    prepared: &Prepared,
    note: Option<&str>,
    unknown: Option<&UnknownName>,
) -> anyhow::Result<Vec<u8>> {
    let columns = export::columns(&p.fields, spec.in_quotes, export::Grouping::None)?;
    let offset = p.offset()?;
    let (total, page) = match unknown {
        Some(_) => (0, Vec::new()),
        None => prepared.top(p.sort_order()?, p.limit, offset)?,
    };
    let mut out = Vec::with_capacity(4096);
    // Keys in a fixed order, the hits last: written by hand around the exporter's array.
    write!(
        out,
        "{{\"query\":{},\"total\":{total},\"offset\":{offset},\"limit\":{},\"in_quotes\":{}",
        json!(p.q),
        p.limit,
        spec.in_quotes
    )?;
    if let Some(note) = note {
        write!(out, ",\"note\":{}", json!(note))?;
    }
    if let Some(u) = unknown {
        write!(out, ",\"unknown\":{}", unknown_json(u))?;
    }
    out.extend_from_slice(b",\"hits\":");
    let mut ex = Exporter::new(&mut out, OutputFormat::Json, columns, false);
    let highlighter = ex.wants_snippet().then(|| prepared.highlighter());
    ex.begin(total, &p.q, offset)?;
    let mut loader = prepared.loader();
    for r in page {
        let hit = loader.load(r)?;
        let snippet = highlighter
            .as_ref()
            .map(|h| h.snippet(hit.quote.as_deref().unwrap_or(&hit.body)));
        ex.write(&hit, snippet.as_ref())?;
    }
    ex.finish()?;
    while out.last().is_some_and(|b| b.is_ascii_whitespace()) {
        out.pop();
    }
    out.extend_from_slice(b"}\n");
    Ok(out)
}

/// The CLI's "matches nothing in the index, did you mean" as JSON.
pub fn unknown_json(u: &UnknownName) -> Value {
    json!({
        "filter": u.flag.trim_start_matches('-'),
        "value": u.value,
        "suggestions": u.suggestions,
    })
}

/// The figures of `newsdex stats`, refusing `quote:` as it does.
pub fn compute_stats(s: &Shared, p: &Params) -> Result<stats::Stats, Failure> {
    let mut spec = p.spec()?;
    if p.q.is_empty() {
        spec.query = None;
    }
    spec.in_quotes = false;
    if spec.needs_quote_search()? {
        return Err(Failure::bad_request(
            "stats counts articles, and quote: searches quotes: search with in_quotes=1, or drop quote: to count the articles holding the words",
        ));
    }
    let (prepared, _) = s.prepare(&spec)?;
    Ok(stats::compute(&prepared)?)
}

/// `/api/stats`: the JSON of `newsdex stats --format json`.
pub async fn stats(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || -> Result<Vec<u8>, Failure> {
        let p = Params::parse(raw.as_deref())?;
        let figures = compute_stats(&s, &p)?;
        let mut out = serde_json::to_vec(&figures).map_err(anyhow::Error::from)?;
        out.push(b'\n');
        Ok(out)
    };
    match blocking(work).await {
        Ok(bytes) => json_body(bytes),
        Err(f) => f.into_response(),
    }
}

/// The export formats offered, with their media type and file extension.
fn export_format(name: &str) -> Result<(OutputFormat, &'static str, &'static str), Failure> {
    match name {
        "" | "csv" => Ok((OutputFormat::Csv, "text/csv; charset=utf-8", "csv")),
        "jsonl" => Ok((OutputFormat::Jsonl, "application/x-ndjson", "jsonl")),
        "json" => Ok((OutputFormat::Json, "application/json", "json")),
        "tsv" => Ok((
            OutputFormat::Tsv,
            "text/tab-separated-values; charset=utf-8",
            "tsv",
        )),
        other => Err(Failure::bad_request(format!(
            "format {other:?}: use csv, jsonl, json or tsv"
        ))),
    }
}

/// `/api/export`: every hit (`search --all`), streamed as it is written.
pub async fn export(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let prepare = move || -> Result<_, Failure> {
        let p = Params::parse(raw.as_deref())?;
        let format = export_format(&p.format)?;
        let (spec, _) = search_spec(&p)?;
        // As `search --all`: article hits carry their story id.
        let grouping = if spec.in_quotes {
            export::Grouping::None
        } else {
            export::Grouping::Stories
        };
        let columns = export::columns(&p.fields, spec.in_quotes, grouping)?;
        let (prepared, unknown) = s.prepare(&spec)?;
        Ok((p, format, columns, prepared, unknown.is_some()))
    };
    let (p, (format, media, ext), columns, prepared, unknown) = match blocking(prepare).await {
        Ok(ready) => ready,
        Err(f) => return f.into_response(),
    };
    let (mut w, body) = stream::channel();
    tokio::task::spawn_blocking(move || {
        let result = write_every_hit(&mut w, &p, format, columns, &prepared, unknown);
        match result {
            Ok(()) => {}
            Err(e) if crate::error::is_broken_pipe(&e) => {}
            Err(e) => {
                eprintln!("newsdex serve: export failed: {e:#}");
                w.fail(format!("{e:#}"));
            }
        }
    });
    let mut r = Response::new(Body::from_stream(body));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    let disposition = format!("attachment; filename=\"newsdex-hits.{ext}\"");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

fn write_every_hit(
    w: &mut stream::ChannelWriter,
    p: &Params,
    format: OutputFormat,
    columns: Vec<export::Column>,
    prepared: &Prepared,
    unknown: bool,
) -> anyhow::Result<()> {
    let every = if unknown {
        Vec::new()
    } else {
        prepared.all(p.sort_order()?)?
    };
    let mut ex = Exporter::new(w, format, columns, false);
    let highlighter = ex.wants_snippet().then(|| prepared.highlighter());
    ex.begin(every.len(), &p.q, 0)?;
    let mut loader = prepared.loader();
    let mut write = |hit: hits::Hit| -> anyhow::Result<()> {
        let snippet = highlighter
            .as_ref()
            .map(|h| h.snippet(hit.quote.as_deref().unwrap_or(&hit.body)));
        Ok(ex.write(&hit, snippet.as_ref())?)
    };
    if prepared.in_quotes() {
        loader.each(&every, write)?;
    } else {
        crate::search::collapse::each_with_story(
            &prepared.searcher,
            &mut loader,
            every,
            0,
            &mut write,
        )?;
    }
    ex.finish()?;
    Ok(())
}

/// One article and its quotes, as `newsdex show` finds it (a quote hit's id works too).
pub struct Found {
    pub hit: hits::Hit,
    pub quotes: Vec<hits::Said>,
    pub focus: Option<usize>,
}

impl Found {
    pub fn view(&self) -> ArticleView<'_> {
        ArticleView {
            hit: &self.hit,
            quotes: &self.quotes,
            focus: self.focus,
        }
    }
}

/// The article with this id, or 404.
pub fn find_article(s: &Shared, id: &str) -> Result<Found, Failure> {
    if id.is_empty() {
        return Err(Failure::bad_request(
            "id is required: the id of a search hit",
        ));
    }
    let searcher = s.reader.searcher();
    let Some((doc, focus)) = hits::article_by_id(&searcher, &s.fields, id)? else {
        return Err(Failure::not_found(format!("no article has the id {id:?}")));
    };
    let hit = hits::hit_from_doc(&doc, &s.fields, None);
    let quotes = hits::quotes_of(&doc, &s.fields, &hit);
    Ok(Found { hit, quotes, focus })
}

/// `/api/article?id=`: the JSON of `newsdex show --format json`.
pub async fn article(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || -> Result<Vec<u8>, Failure> {
        let p = Params::parse(raw.as_deref())?;
        let found = find_article(&s, &p.id)?;
        let mut out = Vec::new();
        article::write_json(&mut out, &found.view()).map_err(anyhow::Error::from)?;
        Ok(out)
    };
    match blocking(work).await {
        Ok(bytes) => json_body(bytes),
        Err(f) => f.into_response(),
    }
}

/// `/api/names?field=person|speaker|place&prefix=`: the names the index knows, for
/// autocomplete, most frequent first.
pub async fn names(State(s): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let work = move || -> Result<Vec<u8>, Failure> {
        let p = Params::parse(raw.as_deref())?;
        let field = match p.field.as_str() {
            "" | "person" => s.fields.person_key,
            "speaker" => s.fields.speaker_key,
            "place" => s.fields.place_key,
            other => {
                return Err(Failure::bad_request(format!(
                    "field {other:?}: use person, speaker or place"
                )));
            }
        };
        let found = crate::search::filters::names_with_prefix(
            &s.reader.searcher(),
            field,
            &p.prefix,
            p.limit,
        )?;
        Ok(json!({ "names": found }).to_string().into_bytes())
    };
    match blocking(work).await {
        Ok(bytes) => json_body(bytes),
        Err(f) => f.into_response(),
    }
}
