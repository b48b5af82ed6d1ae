//! From a file's bytes to UTF-8 text, with the encoding found or given.
//!
//! - A byte-order mark decides: UTF-8, UTF-16 LE or BE (spreadsheet
//!   "Unicode text" exports).
//! - Otherwise valid UTF-8 is UTF-8.
//! - Text that is UTF-8 in places and not in others is an error naming the
//!   first bad line: guessing would silently corrupt names.
//! - Text with no UTF-8 multi-byte sequence at all is a legacy single- or
//!   double-byte encoding, detected from its bytes (Windows-1252 for
//!   Western exports, GBK/GB18030 for mainland Chinese ones, ...).
//! - Bytes that look binary (NUL bytes, many control characters) are an
//!   error: a screen must never report "clean" for a file it could not read.
//!
//! Decoding is strict: a byte sequence that is invalid in the chosen
//! encoding is an error naming its line, unless the user asked for a lossy
//! read. UTF-8 input is passed through untouched (the CSV reader validates
//! it record by record), so the common case costs nothing.

use std::io::{self, Read};

use anyhow::{Result, bail};
use encoding_rs::{CoderResult, DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How many bytes are looked at to decide the encoding and layout.
pub const SAMPLE_BYTES: usize = 256 * 1024;

/// What the user asked for with `--encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodingChoice {
    /// A named encoding, or `None` to detect.
    pub encoding: Option<&'static Encoding>,
    /// Replace undecodable bytes instead of stopping.
    pub lossy: bool,
}

impl EncodingChoice {
    /// Parses `--encoding`: a WHATWG label (`utf-8`, `windows-1252`,
    /// `gbk`, `gb18030`, `utf-16le`, `shift_jis` ...), optionally followed by
    /// `:lossy`; `lossy` alone detects and replaces.
    pub fn parse(text: &str) -> Result<EncodingChoice> {
        let (label, lossy) = match text.trim().strip_suffix(":lossy") {
            Some(label) => (label, true),
            None if text.trim().eq_ignore_ascii_case("lossy") => ("", true),
            None => (text.trim(), false),
        };
        if label.is_empty() || label.eq_ignore_ascii_case("auto") {
            return Ok(EncodingChoice {
                encoding: None,
                lossy,
            });
        }
        match Encoding::for_label(label.as_bytes()) {
            Some(encoding) => Ok(EncodingChoice {
                encoding: Some(encoding),
                lossy,
            }),
            None => bail!(
                "unknown encoding {label:?}; use a name such as utf-8, utf-16le, windows-1252, gbk, gb18030, big5, shift_jis, optionally with :lossy"
            ),
        }
    }
}

/// The decoded stream and what was found.
pub struct Decoded {
    /// What the report calls the encoding (`utf-8`, `utf-8-bom`,
    /// `utf-16le`, `windows-1252`, `gbk` ...).
    pub label: String,
    /// True when the encoding was guessed from the bytes (no BOM, not UTF-8,
    /// not chosen by the user).
    pub guessed: bool,
    /// The first bytes decoded (lossily), for finding the layout.
    pub sample: String,
    /// The whole input as UTF-8.
    pub reader: Box<dyn Read + Send>,
}

/// Reads the start of `input`, decides its encoding and returns a UTF-8
/// stream over all of it. `name` is the file name for error messages.
pub fn decode(
    mut input: Box<dyn Read + Send>,
    name: &str,
    choice: EncodingChoice,
) -> Result<Decoded> {
    let mut head = Vec::with_capacity(64 * 1024);
    (&mut input)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| anyhow::anyhow!("{name}: cannot read: {e}"))?;

    let (encoding, bom_len, label, guessed) = match choice.encoding {
        Some(encoding) => {
            let bom = Encoding::for_bom(&head)
                .filter(|(e, _)| *e == encoding)
                .map_or(0, |(_, len)| len);
            (encoding, bom, encoding.name().to_ascii_lowercase(), false)
        }
        None => detect(&head, name, choice.lossy)?,
    };

    let sample = {
        let body = &head[bom_len..];
        let (text, _) = encoding.decode_without_bom_handling(body);
        text.into_owned()
    };
    let rest = io::Cursor::new(head).chain(input);
    let reader: Box<dyn Read + Send> = if encoding == UTF_8 && !choice.lossy {
        let mut rest = rest;
        io::copy(&mut (&mut rest).take(bom_len as u64), &mut io::sink())
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        Box::new(rest)
    } else {
        Box::new(Transcoder::new(rest, encoding, choice.lossy))
    };
    Ok(Decoded {
        label,
        guessed,
        sample,
        reader,
    })
}

/// Decides the encoding of `head`: `(encoding, BOM length, label, guessed)`.
fn detect(
    head: &[u8],
    name: &str,
    lossy: bool,
) -> Result<(&'static Encoding, usize, String, bool)> {
    if let Some((encoding, len)) = Encoding::for_bom(head) {
        let label = if encoding == UTF_8 {
            "utf-8-bom".to_string()
        } else {
            encoding.name().to_ascii_lowercase()
        };
        return Ok((encoding, len, label, false));
    }
    if let Some(encoding) = utf16_without_bom(head) {
        return Ok((encoding, 0, encoding.name().to_ascii_lowercase(), true));
    }
    if let Some(line) = binary_line(head) {
        bail!(
            "{name}:{line}: this does not look like a text file (NUL or control bytes); export the holdings as CSV, or for a spreadsheet give the .xlsx file"
        );
    }
    match std::str::from_utf8(head) {
        Ok(_) => return Ok((UTF_8, 0, "utf-8".into(), false)),
        // The sample may end inside a multi-byte character.
        Err(e) if e.error_len().is_none() => return Ok((UTF_8, 0, "utf-8".into(), false)),
        Err(e) => {
            if mostly_utf8(head) && !lossy {
                let line = line_of(head, e.valid_up_to());
                bail!(
                    "{name}:{line}: bytes that are not valid UTF-8 in a file that is otherwise UTF-8; fix the file, or read it with --encoding utf-8:lossy (bad bytes become \u{FFFD})"
                );
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, head.len() < SAMPLE_BYTES);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    Ok((encoding, 0, encoding.name().to_ascii_lowercase(), true))
}

/// Files of UTF-16 text without a BOM: ASCII characters leave a zero byte at
/// every other position.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len().min(4096) / 2;
    if pairs < 8 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0, 0);
    for pair in head[..pairs * 2].chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0 && pair[1] != 0);
        odd_zero += usize::from(pair[1] == 0 && pair[0] != 0);
    }
    if odd_zero * 10 >= pairs * 9 {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The line of the first NUL byte, or of the start when control bytes
/// (other than tab, CR, LF, form feed, escape) make up over 5% of the sample.
fn binary_line(head: &[u8]) -> Option<usize> {
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Some(line_of(head, at));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (head.len() >= 64 && controls * 20 > head.len()).then_some(1)
}

/// True when most non-ASCII bytes form valid UTF-8 sequences: a UTF-8 file
/// with a few bad bytes, not a legacy encoding (whose bytes only now and
/// then happen to look like UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid > 0 && valid >= 2 * invalid
}

/// The 1-based line of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A reader that decodes `encoding` to UTF-8, failing (or replacing, when
/// lossy) on malformed input, with the line of the fault in the error.
struct Transcoder<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    lossy: bool,
    input: Vec<u8>,
    input_start: usize,
    input_end: usize,
    eof: bool,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    lines: usize,
    finished: bool,
}

impl<R: Read> Transcoder<R> {
    fn new(inner: R, encoding: &'static Encoding, lossy: bool) -> Transcoder<R> {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            lossy,
            input: vec![0; 64 * 1024],
            input_start: 0,
            input_end: 0,
            eof: false,
            output: vec![0; 3 * 64 * 1024 + 16],
            output_start: 0,
            output_end: 0,
            lines: 0,
            finished: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        while self.output_start == self.output_end && !self.finished {
            if self.input_start == self.input_end && !self.eof {
                self.input_start = 0;
                self.input_end = 0;
                let n = self.inner.read(&mut self.input)?;
                self.input_end = n;
                self.eof = n == 0;
            }
            let src = &self.input[self.input_start..self.input_end];
            let last = self.eof;
            let (read, written) = if self.lossy {
                let (result, read, written, _) =
                    self.decoder.decode_to_utf8(src, &mut self.output, last);
                if result == CoderResult::InputEmpty && last {
                    self.finished = true;
                }
                (read, written)
            } else {
                let (result, read, written) =
                    self.decoder
                        .decode_to_utf8_without_replacement(src, &mut self.output, last);
                if let DecoderResult::Malformed(_, _) = result {
                    let line = self.lines
                        + self.output[..written]
                            .iter()
                            .filter(|&&b| b == b'\n')
                            .count()
                        + 1;
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        UndecodableLine(line),
                    ));
                }
                if result == DecoderResult::InputEmpty && last {
                    self.finished = true;
                }
                (read, written)
            };
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            self.lines += self.output[..written]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        }
        Ok(())
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.fill()?;
        let n = (self.output_end - self.output_start).min(buf.len());
        buf[..n].copy_from_slice(&self.output[self.output_start..self.output_start + n]);
        self.output_start += n;
        Ok(n)
    }
}

/// The error a strict decoder reports: the line with undecodable bytes.
#[derive(Debug)]
pub struct UndecodableLine(pub usize);

impl std::fmt::Display for UndecodableLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: bytes that cannot be decoded in this encoding",
            self.0
        )
    }
}

impl std::error::Error for UndecodableLine {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn read_all(bytes: &[u8], choice: EncodingChoice) -> Result<(String, String)> {
        let decoded = decode(Box::new(io::Cursor::new(bytes.to_vec())), "t.csv", choice)?;
        let label = decoded.label.clone();
        let mut text = String::new();
        let mut reader = decoded.reader;
        reader.read_to_string(&mut text)?;
        Ok((label, text))
    }

    #[test]
    fn detects_encodings() {
        let auto = EncodingChoice::default();
        assert_eq!(
            read_all(b"Name\nBYD\n", auto).unwrap(),
            ("utf-8".into(), "Name\nBYD\n".into())
        );
        assert_eq!(
            read_all(b"\xEF\xBB\xBFName\n", auto).unwrap(),
            ("utf-8-bom".into(), "Name\n".into())
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Name\tx\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            read_all(&utf16, auto).unwrap(),
            ("utf-16le".into(), "Name\tx\r\n".into())
        );
        let cp1252 = b"Name\nSoci\xE9t\xE9 G\xE9n\xE9rale\nNestl\xE9\n";
        assert_eq!(
            read_all(cp1252, auto).unwrap(),
            (
                "windows-1252".into(),
                "Name\nSociété Générale\nNestlé\n".into()
            )
        );
        let (gbk, _, _) =
            encoding_rs::GBK.encode("证券简称\n比亚迪\n海康威视\n宁德时代\n贵州茅台\n中国平安\n");
        let (label, text) = read_all(&gbk, auto).unwrap();
        assert!(label == "gbk" || label == "gb18030", "{label}");
        assert!(text.contains("比亚迪"));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let auto = EncodingChoice::default();
        let mixed = "Name\nNestlé\nBad \u{0}".replace('\u{0}', "");
        let mut bytes = mixed.into_bytes();
        bytes.extend_from_slice(b"\xFF\n");
        let error = read_all(&bytes, auto).unwrap_err().to_string();
        assert!(
            error.contains("t.csv:3: bytes that are not valid UTF-8"),
            "{error}"
        );
        let error = read_all(b"Name\nA\x00B\n", auto).unwrap_err().to_string();
        assert!(
            error.contains("t.csv:2: this does not look like a text file"),
            "{error}"
        );
        // Lossy reading replaces instead.
        let lossy = EncodingChoice {
            encoding: Some(UTF_8),
            lossy: true,
        };
        assert_eq!(
            read_all(&bytes, lossy).unwrap().1,
            "Name\nNestlé\nBad \u{FFFD}\n"
        );
    }

    #[test]
    fn strict_decoding_names_the_line() {
        let gbk = EncodingChoice {
            encoding: Some(encoding_rs::GBK),
            lossy: false,
        };
        let error = read_all(b"a\nb\n\x81\x20\n", gbk).unwrap_err();
        let line = error
            .chain()
            .find_map(|e| e.downcast_ref::<io::Error>())
            .and_then(|e| e.get_ref())
            .map(|e| e.to_string());
        assert_eq!(
            line.as_deref(),
            Some("line 3: bytes that cannot be decoded in this encoding")
        );
    }

    #[test]
    fn parses_choices() {
        assert_eq!(
            EncodingChoice::parse("gbk").unwrap().encoding,
            Some(encoding_rs::GBK)
        );
        assert!(EncodingChoice::parse("utf-8:lossy").unwrap().lossy);
        assert!(EncodingChoice::parse("lossy").unwrap().encoding.is_none());
        assert!(EncodingChoice::parse("klingon").is_err());
    }
}
