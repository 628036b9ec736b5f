//! Bytes to text: gzip, byte-order marks, UTF-8, UTF-16 and the Windows-1252 fallback, and the
//! binary-file test. One function per concern, used by every format reader.

use std::borrow::Cow;
use std::io::Read;

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The content is not text (NUL bytes or many control bytes in the first block).
    Binary,
    /// A `.gz` file that is not valid gzip, or is truncated.
    Gzip(String),
    /// Decompressed content is larger than the limit.
    TooLarge { limit: u64 },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary content, not text"),
            DecodeError::Gzip(e) => write!(f, "corrupt gzip: {e}"),
            DecodeError::TooLarge { limit } => {
                write!(
                    f,
                    "decompressed size exceeds --max-file-size ({} MiB)",
                    limit >> 20
                )
            }
        }
    }
}

/// True when `bytes` starts with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses gzip (all members), refusing to grow beyond `limit` bytes.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|e| DecodeError::Gzip(gzip_reason(&e)))?;
    if out.len() as u64 > limit {
        return Err(DecodeError::TooLarge { limit });
    }
    Ok(out)
}

/// flate2's words for a cut-off stream ("incomplete deflate stream", "unexpected end of file")
/// say the same thing: the file ends too early, as a truncated download or copy does.
fn gzip_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    if e.kind() == std::io::ErrorKind::UnexpectedEof || text.contains("incomplete") {
        "unexpected end of data (the file is truncated: copy or download it again)".to_string()
    } else {
        text
    }
}

/// True when the first block looks binary: a NUL byte or over 10% control bytes. UTF-16 text
/// (with a byte-order mark, or recognised by its pattern of zero bytes) is never binary.
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    if sniff_utf16(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    control_bytes(head) * 10 > head.len()
}

/// Control bytes other than line breaks, tabs, form feeds and escapes. Counted in byte-wide
/// lanes over blocks of at most 255 bytes, which the compiler vectorises: this reads the head
/// of every file.
fn control_bytes(bytes: &[u8]) -> usize {
    let mut total = 0;
    for block in bytes.chunks(255) {
        let mut n = 0u8;
        for &b in block {
            n += u8::from(b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b));
        }
        total += usize::from(n);
    }
    total
}

/// UTF-16 without a byte-order mark, recognised in the first block: mostly-Latin text has a
/// zero in every other byte (odd positions for little-endian, even for big-endian) and no
/// zero on the other side.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    // Without a zero byte there is no pattern to find; most files end here, after one memchr.
    if pairs < 2 || !head.contains(&0) {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 3;
    let never = |n: usize| n * 100 <= pairs;
    let (enc, little) = if mostly(odd) && never(even) {
        (encoding_rs::UTF_16LE, true)
    } else if mostly(even) && never(odd) {
        (encoding_rs::UTF_16BE, false)
    } else {
        return None;
    };
    // Binary records of small 16-bit numbers share the zero pattern; text has few controls.
    let units = head.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let control = char::decode_utf16(units)
        .filter(|c| {
            c.as_ref()
                .map_or(true, |c| c.is_control() && !c.is_whitespace())
        })
        .count();
    (control * 10 <= pairs).then_some(enc)
}

/// Decodes text: a byte-order mark (UTF-8, UTF-16) wins; then BOM-less UTF-16; then UTF-8; text
/// that is not valid UTF-8 is Windows-1252, unless it is mostly UTF-8 with a few damaged bytes
/// (then the damaged bytes become U+FFFD and the rest stays right).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return enc.decode_without_bom_handling(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) if mostly_utf8(bytes) => String::from_utf8_lossy(bytes),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Decodes an HTML page: like [`decode`], except that a page which is not UTF-8 and declares
/// its charset (`<meta charset="shift_jis">`, `content="text/html; charset=gbk"`) in its first
/// 2 KiB is decoded with that charset.
pub fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    let plain = encoding_rs::Encoding::for_bom(bytes).is_none()
        && sniff_utf16(bytes).is_none()
        && std::str::from_utf8(bytes).is_err();
    match declared_charset(bytes).filter(|_| plain) {
        Some(enc) => enc.decode_without_bom_handling(bytes).0,
        None => decode(bytes),
    }
}

/// The encoding named by `charset=` in the first 2 KiB, if encoding_rs knows it.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(2048)].to_ascii_lowercase();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .count();
    encoding_rs::Encoding::for_label(&rest[..len])
}

/// More valid multi-byte UTF-8 characters than invalid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9"), "café");
        assert_eq!(decode(b"caf\xe9"), "café");
        assert_eq!(decode(b"\xff\xfec\x00a\x00"), "ca");
        assert_eq!(decode("Zürich".as_bytes()), "Zürich");
    }

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        let le: Vec<u8> = "Grüße, Zoë"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Grüße, Zoë"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&le), "Grüße, Zoë");
        assert_eq!(decode(&be), "Grüße, Zoë");
        assert!(!is_binary(&le) && !is_binary(&be));
        let with_bom = [&[0xfe, 0xff][..], &be].concat();
        assert_eq!(decode(&with_bom), "Grüße, Zoë");
        assert!(!is_binary(&with_bom));
    }

    #[test]
    fn mostly_utf8_with_a_bad_byte_stays_utf8() {
        assert_eq!(
            decode(b"na\xc3\xafve caf\xc3\xa9 \xff end"),
            "naïve café \u{fffd} end"
        );
        // No valid multi-byte character at all: Windows-1252.
        assert_eq!(decode(b"growth.\xfc side"), "growth.ü side");
        assert_eq!(decode(b"\x93quoted\x94"), "\u{201c}quoted\u{201d}");
    }

    #[test]
    fn html_charset_declaration_is_honoured() {
        let page =
            b"<html><head><meta charset=\"shift_jis\"></head><body>\x93\xfa\x96\x7b</body></html>";
        assert!(decode_html(page).contains("日本"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xe9";
        assert!(decode_html(page).ends_with("café"));
        // Valid UTF-8 wins over a wrong declaration.
        assert!(decode_html("<meta charset=big5><p>é".as_bytes()).ends_with('é'));
    }

    #[test]
    fn detects_binary() {
        assert!(is_binary(b"\x00\x00\x00\x01\x00\x00\x00\x02"));
        assert!(is_binary(&[0x01, 0x02, 0x03, 0x04, b'a', b'b']));
        assert!(!is_binary(b""));
        let records: Vec<u8> = (1u16..200).flat_map(u16::to_le_bytes).collect();
        assert!(is_binary(&records));
        assert!(!is_binary(b"colour \x1b[1mbold\x1b[0m text"));
        assert!(is_binary(b"\x7fELF\x02\x01\x01\x00\x00"));
        assert!(!is_binary(b"plain text\n"));
        assert!(!is_binary(b"\xff\xfeh\x00i\x00"));
    }

    #[test]
    fn control_bytes_add_up_across_blocks() {
        let text = b"ab\x01\n\x1b\x02cd".repeat(100);
        assert_eq!(control_bytes(&text), 200);
    }

    #[test]
    fn gunzip_rejects_garbage_and_bombs() {
        assert!(matches!(
            gunzip(b"\x1f\x8bnot gzip", 100),
            Err(DecodeError::Gzip(_))
        ));
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, &[b'a'; 1000]).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(gunzip(&gz, 10), Err(DecodeError::TooLarge { limit: 10 }));
        assert_eq!(gunzip(&gz, 1000).unwrap().len(), 1000);
    }
}
