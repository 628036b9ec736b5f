//! An article's quotes as stored on its document: byte spans of the stored body, each with the
//! index of its speaker in the article's stored `speakers` list, of its cue in the stored `cues`
//! list, and whether it stands in quotation marks, packed as varints.
//!
//! Quote search reads these back to build its in-memory quote documents and to show a quote hit
//! (its text is the body between the offsets). A few bytes per quote replace a stored and
//! indexed document per quote.
//!
//! ```
//! use newsdex::index::quote_spans::{decode, encode, Span};
//!
//! let spans = vec![
//!     Span { start: 4, end: 20, speaker: Some(0), cue: Some(0), direct: true },
//!     Span { start: 31, end: 40, speaker: None, cue: None, direct: false },
//! ];
//! assert_eq!(decode(&encode(&spans)), spans);
//! ```

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

/// The spans stored on an article document (none when it holds no quotes).
pub fn stored(doc: &TantivyDocument, field: Field) -> Vec<Span> {
    doc.get_first(field)
        .and_then(|v| v.as_bytes())
        .map(decode)
        .unwrap_or_default()
}

/// One quote: `body[start..end]`, said by `speakers[speaker]` (`None`: no named speaker), with
/// the cue `cues[cue]` (`said`, `according to`), in quotation marks when `direct`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<usize>,
    pub cue: Option<usize>,
    pub direct: bool,
}

/// Packs spans as varints: start, length, speaker index + 1 (0 for none), then
/// (cue index + 1) * 2 + 1 when direct (cue 0 for none).
pub fn encode(spans: &[Span]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 5);
    for s in spans {
        put(&mut out, s.start as u64);
        put(&mut out, s.end.saturating_sub(s.start) as u64);
        put(&mut out, s.speaker.map_or(0, |i| i as u64 + 1));
        put(
            &mut out,
            (s.cue.map_or(0, |i| i as u64 + 1) << 1) | u64::from(s.direct),
        );
    }
    out
}

/// Unpacks what [`encode`] wrote. Damaged bytes end the list early rather than fail: a stored
/// value is checked by the index's own checksums, and a reader should still show the article.
pub fn decode(mut bytes: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let (Some(start), Some(len), Some(speaker), Some(cue)) = (
            take(&mut bytes),
            take(&mut bytes),
            take(&mut bytes),
            take(&mut bytes),
        ) else {
            break;
        };
        let (Ok(start), Ok(len), Ok(speaker), Ok(cue_and_direct)) = (
            usize::try_from(start),
            usize::try_from(len),
            usize::try_from(speaker),
            usize::try_from(cue),
        ) else {
            break;
        };
        out.push(Span {
            start,
            end: start.saturating_add(len),
            speaker: speaker.checked_sub(1),
            cue: (cue_and_direct >> 1).checked_sub(1),
            direct: cue_and_direct & 1 == 1,
        });
    }
    out
}

fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads one varint; `None` when the bytes end inside it or it overflows 64 bits.
fn take(bytes: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        n |= u64::from(b & 0x7f).checked_shl(7 * i as u32)?;
        if b & 0x80 == 0 {
            *bytes = &bytes[i + 1..];
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_large_offsets_and_speakers() {
        let spans = vec![
            Span {
                start: 0,
                end: 0,
                speaker: None,
                cue: None,
                direct: false,
            },
            Span {
                start: 127,
                end: 128,
                speaker: Some(127),
                cue: Some(63),
                direct: true,
            },
            Span {
                start: 1 << 40,
                end: (1 << 40) + 300_000,
                speaker: Some(0),
                cue: Some(64),
                direct: false,
            },
        ];
        assert_eq!(decode(&encode(&spans)), spans);
    }

    #[test]
    fn damaged_bytes_end_the_list_without_panicking() {
        let spans = [Span {
            start: 300,
            end: 900,
            speaker: Some(2),
            cue: None,
            direct: true,
        }];
        let mut bytes = encode(&spans);
        bytes.extend_from_slice(&[0x80, 0x80]);
        assert_eq!(decode(&bytes), spans);
        assert!(decode(&[0xff; 32]).is_empty());
    }
}
