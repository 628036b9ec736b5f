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
            DecodeError::Gzip(e) => write!(f, "invalid or truncated gzip: {e}"),
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
        .map_err(|e| DecodeError::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(DecodeError::TooLarge { limit });
    }
    Ok(out)
}

/// True when the first block looks binary: a NUL byte (outside UTF-16) or over 10% control bytes.
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len()
}

/// Decodes text: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
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
    fn detects_binary() {
        assert!(is_binary(b"\x7fELF\x02\x01\x01\x00\x00"));
        assert!(!is_binary(b"plain text\n"));
        assert!(!is_binary(b"\xff\xfeh\x00i\x00"));
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
