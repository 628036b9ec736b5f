//! The query string of every page and endpoint: decoded into [`Params`], checked, and turned into
//! the same [`SearchSpec`] the CLI builds from its flags. Links are built back from `Params`, so
//! every state of the page is a URL.

use crate::error::Fatal;
use crate::search::filters::{FilterSpec, Filters, Period};
use crate::search::{SearchSpec, SortOrder};

/// Hits per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;
/// The largest page; every hit is what `/api/export` is for.
pub const MAX_LIMIT: usize = 1000;

/// Everything a URL can say, as given (names as typed, dates as text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub q: String,
    pub person: Vec<String>,
    pub speaker: Vec<String>,
    pub place: Vec<String>,
    pub since: String,
    pub until: String,
    pub exact: bool,
    pub in_quotes: bool,
    pub any: bool,
    pub sort: String,
    /// 1-based.
    pub page: usize,
    pub limit: usize,
    pub fields: Vec<String>,
    pub format: String,
    pub id: String,
    pub prefix: String,
    pub field: String,
}

impl Params {
    /// Decodes a raw query string. Empty values are ignored (an empty form field means "not
    /// set"); unknown keys are ignored too, as browsers and scripts add their own.
    pub fn parse(raw: Option<&str>) -> Result<Params, Fatal> {
        let mut p = Params {
            page: 1,
            limit: DEFAULT_LIMIT,
            ..Params::default()
        };
        for (key, value) in decode_pairs(raw.unwrap_or("")) {
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "q" => p.q = value,
                "person" => p.person.push(value),
                "speaker" => p.speaker.push(value),
                "place" => p.place.push(value),
                "since" => p.since = value,
                "until" => p.until = value,
                "exact" => p.exact = flag(&key, &value)?,
                "in_quotes" => p.in_quotes = flag(&key, &value)?,
                "any" => p.any = flag(&key, &value)?,
                "sort" => p.sort = value,
                "page" => p.page = number(&key, &value, 1, usize::MAX)?,
                "limit" => p.limit = number(&key, &value, 0, MAX_LIMIT)?,
                "fields" => p.fields.extend(value.split(',').map(str::to_string)),
                "format" => p.format = value,
                "id" => p.id = value,
                "prefix" => p.prefix = value,
                "field" => p.field = value,
                _ => {}
            }
        }
        p.sort_order()?;
        Ok(p)
    }

    /// The order of hits: `score` (default), `date` or `-date`, as `--sort` spells them.
    pub fn sort_order(&self) -> Result<SortOrder, Fatal> {
        match self.sort.as_str() {
            "" | "score" => Ok(SortOrder::Score),
            "date" => Ok(SortOrder::Date),
            "-date" => Ok(SortOrder::DateDesc),
            other => Err(Fatal::Usage(format!(
                "sort {other:?}: use score, date or -date"
            ))),
        }
    }

    /// The hits skipped before this page.
    pub fn offset(&self) -> Result<usize, Fatal> {
        (self.page - 1)
            .checked_mul(self.limit)
            .ok_or_else(|| Fatal::Usage(format!("page {}: too far", self.page)))
    }

    /// The filters as `search::filters` takes them; dates are parsed here, like the CLI's flags.
    pub fn filter_spec(&self) -> Result<FilterSpec, Fatal> {
        let period = |name: &str, v: &str| -> Result<Option<Period>, Fatal> {
            if v.is_empty() {
                return Ok(None);
            }
            Period::parse(v)
                .map(Some)
                .map_err(|e| Fatal::Usage(format!("{name} {v:?}: {e}")))
        };
        Ok(FilterSpec {
            person: self.person.clone(),
            speaker: self.speaker.clone(),
            place: self.place.clone(),
            since: period("since", &self.since)?,
            until: period("until", &self.until)?,
            exact: self.exact,
        })
    }

    /// The search for these parameters; no `q` is every document (`*`).
    pub fn spec(&self) -> Result<SearchSpec, Fatal> {
        let q = if self.q.is_empty() { "*" } else { &self.q };
        Ok(SearchSpec {
            query: Some(q.to_string()),
            any: self.any,
            in_quotes: self.in_quotes,
            filters: Filters::new(&self.filter_spec()?)?,
        })
    }

    /// True when the URL asks for something beyond the empty form.
    pub fn has_search(&self) -> bool {
        !(self.q.is_empty()
            && self.person.is_empty()
            && self.speaker.is_empty()
            && self.place.is_empty()
            && self.since.is_empty()
            && self.until.is_empty())
    }

    /// The query string of the search state (not `id`, `format` or autocomplete keys), the page
    /// left out when it is the first.
    pub fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for (k, vs) in [
            ("person", &self.person),
            ("speaker", &self.speaker),
            ("place", &self.place),
        ] {
            pairs.extend(vs.iter().map(|v| (k, v.clone())));
        }
        for (k, v) in [
            ("since", &self.since),
            ("until", &self.until),
            ("sort", &self.sort),
        ] {
            if !v.is_empty() {
                pairs.push((k, v.clone()));
            }
        }
        for (k, on) in [
            ("exact", self.exact),
            ("in_quotes", self.in_quotes),
            ("any", self.any),
        ] {
            if on {
                pairs.push((k, "1".into()));
            }
        }
        if self.limit != DEFAULT_LIMIT {
            pairs.push(("limit", self.limit.to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn flag(key: &str, value: &str) -> Result<bool, Fatal> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(Fatal::Usage(format!("{key} {value:?}: use 1 or 0"))),
    }
}

fn number(key: &str, value: &str, min: usize, max: usize) -> Result<usize, Fatal> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            Fatal::Usage(format!(
                "{key} {value:?}: give a number from {min} to {max}"
            ))
        })
}

/// `application/x-www-form-urlencoded` pairs: `+` is a space, `%XX` a byte; bytes that are not
/// UTF-8 become U+FFFD rather than an error.
pub fn decode_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query-string value (unreserved characters kept, space as `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() -> Result<(), Fatal> {
        let p = Params::parse(Some(
            "q=%22oil+prices%22&person=Ana+Lima&person=Bo&since=2025-11&in_quotes=1&page=2&x=&bogus=1",
        ))?;
        assert_eq!(p.q, "\"oil prices\"");
        assert_eq!(p.person, vec!["Ana Lima", "Bo"]);
        assert!(p.in_quotes);
        assert_eq!(p.offset()?, 10);
        let again = Params::parse(Some(&p.query_string()))?;
        assert_eq!(again, p);
        Ok(())
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for bad in [
            "page=0",
            "limit=x",
            "in_quotes=maybe",
            "sort=up",
            "limit=100000",
        ] {
            assert!(Params::parse(Some(bad)).is_err(), "{bad}");
        }
        let p = Params::parse(Some("since=March")).map(|p| p.spec());
        assert!(matches!(p, Ok(Err(_))));
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }
}
