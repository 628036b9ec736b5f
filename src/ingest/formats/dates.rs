//! Date strings as sources write them, to `time::Date`: ISO 8601 prefixes (`2025-11-25T10:00Z`),
//! RFC 2822 (`Tue, 25 Nov 2025 10:00:00 GMT`), `November 25, 2025`, Reuters `26-FEB-1987 ...` and
//! unix timestamps. Only the calendar day is kept; times and zones are ignored on purpose.

use time::{Date, Month, OffsetDateTime};

/// Any of the written forms this module knows, tried from the most to the least specific.
pub fn parse_any(s: &str) -> Option<Date> {
    let s = s.trim();
    parse_iso(s)
        .or_else(|| parse_day_month_year(s))
        .or_else(|| parse_month_day_year(s))
        .or_else(|| {
            let n: f64 = s.parse().ok()?;
            from_unix(n)
        })
}

/// `YYYY-MM-DD` at the start (anything may follow, e.g. a time); also `YYYY/MM/DD`.
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.trim_start().as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/') {
        return None;
    }
    let sep = b[4];
    let (month, rest) = take_number(&b[5..], 2)?;
    let rest = rest.strip_prefix(&[sep])?;
    let (day, rest) = take_number(rest, 2)?;
    // A digit right after the day means this was not a date (`2025-11-250`).
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let year = std::str::from_utf8(&b[..4]).ok()?.parse().ok()?;
    make_date(year, month, day)
}

/// `D Mon YYYY` with optional weekday (`Tue, 25 Nov 2025 ...`), and Reuters' `26-FEB-1987 ...`
/// (leading spaces and trailing junk allowed).
pub fn parse_day_month_year(s: &str) -> Option<Date> {
    let s = s.trim_start();
    // Skip an optional weekday: `Tue,` or `Tuesday,`.
    let s = match s.split_once(',') {
        Some((head, tail)) if head.len() <= 9 && head.chars().all(|c| c.is_ascii_alphabetic()) => {
            tail.trim_start()
        }
        _ => s,
    };
    let b = s.as_bytes();
    let (day, rest) = take_number(b, 2)?;
    let rest = strip_separator(rest)?;
    let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let month = month_from_name(std::str::from_utf8(&rest[..letters]).ok()?)?;
    let rest = strip_separator(&rest[letters..])?;
    let (year, rest) = take_number(rest, 4)?;
    if rest.first().is_some_and(u8::is_ascii_digit) || year < 1000 {
        return None;
    }
    Date::from_calendar_date(year as i32, month, u8::try_from(day).ok()?).ok()
}

/// `November 25, 2025` or `Nov 25 2025`.
pub fn parse_month_day_year(s: &str) -> Option<Date> {
    let b = s.trim_start().as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let month = month_from_name(std::str::from_utf8(&b[..letters]).ok()?)?;
    let rest = strip_separator(&b[letters..])?;
    let (day, rest) = take_number(rest, 2)?;
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    let rest = strip_separator(rest)?;
    let (year, rest) = take_number(rest, 4)?;
    if rest.first().is_some_and(u8::is_ascii_digit) || year < 1000 {
        return None;
    }
    Date::from_calendar_date(year as i32, month, u8::try_from(day).ok()?).ok()
}

/// Seconds since 1970; values too large for seconds are taken as milliseconds.
pub fn from_unix(n: f64) -> Option<Date> {
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    // 1e11 seconds is the year 5138: anything larger is a millisecond timestamp.
    let secs = if n >= 1e11 { n / 1000.0 } else { n };
    OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()
        .map(|t| t.date())
}

/// `jan`, `January`, `FEB`, `Sept` (the first three letters decide, see
/// [`crate::lang::months::by_prefix`]).
pub fn month_from_name(name: &str) -> Option<Month> {
    Month::try_from(crate::lang::months::by_prefix(name)?).ok()
}

fn make_date(year: i32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// Up to `max` leading ASCII digits (at least one) and the rest.
fn take_number(b: &[u8], max: usize) -> Option<(u32, &[u8])> {
    let n = b
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 {
        return None;
    }
    let value = b[..n]
        .iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    Some((value, &b[n..]))
}

/// One or more spaces or a single hyphen between date parts.
fn strip_separator(b: &[u8]) -> Option<&[u8]> {
    if let Some(rest) = b.strip_prefix(b"-") {
        return Some(rest);
    }
    let n = b.iter().take_while(|c| **c == b' ').count();
    (n > 0).then(|| &b[n..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    #[test]
    fn iso_prefixes() {
        assert_eq!(parse_iso("2025-11-25T10:00:00Z"), Some(date(2025, 11, 25)));
        assert_eq!(parse_iso(" 2024-02-29"), Some(date(2024, 2, 29)));
        assert_eq!(parse_iso("2023-02-29"), None);
        assert_eq!(parse_iso("2025-13-01"), None);
        assert_eq!(parse_iso("20251125"), None);
    }

    #[test]
    fn written_forms() {
        let d = Some(date(2025, 11, 25));
        assert_eq!(parse_any("Tue, 25 Nov 2025 10:00:00 GMT"), d);
        assert_eq!(parse_any("25 November 2025"), d);
        assert_eq!(parse_any("November 25, 2025"), d);
        assert_eq!(parse_any("1764064800"), d);
        assert_eq!(parse_any("1764064800000"), d);
        assert_eq!(parse_any("yesterday"), None);
        assert_eq!(parse_any(""), None);
    }

    #[test]
    fn reuters_style() {
        let d = Some(date(1987, 3, 3));
        assert_eq!(parse_day_month_year(" 3-MAR-1987 09:15:05.40"), d);
        assert_eq!(parse_day_month_year("3-MAR-1987  09:15:05.40"), d);
        assert_eq!(parse_day_month_year("3-MAR-1987 605:12:19.12junk"), d);
        assert_eq!(parse_day_month_year("31-FEB-1987"), None);
        assert_eq!(parse_day_month_year("3-XYZ-1987"), None);
    }
}
