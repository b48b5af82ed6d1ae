//! A reader between the decoded text and the CSV parser that watches what
//! the parser consumes:
//!
//! - **line numbers**: the CSV parser skips empty lines and reports a
//!   record's position at the end of the previous line, so it cannot say on
//!   which physical line a record starts. The guard notes where every line
//!   ends (`\n`, `\r\n` or a lone `\r`), and [`Lines::line_of`] turns a
//!   record's byte offset into the physical line its first cell is on.
//! - **record size**: more than [`MAX_RECORD_BYTES`] since the last record
//!   is an error, so one endless line cannot exhaust memory.
//! - **quotes**: an odd number of quote characters at the end of the input
//!   means a quoted field was never closed.
//!
//! Memory stays bounded: line ends are kept only for the stretch the parser
//! has read ahead, and forgotten once a record beyond them is read.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex, MutexGuard};

/// The longest record accepted, in bytes.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// What the guard has seen, shared with the reader.
#[derive(Debug, Default)]
pub struct Lines {
    /// Line ends not yet behind a record: (first byte, one past last byte).
    ends: VecDeque<(u64, u64)>,
    /// Line ends already forgotten.
    forgotten: u64,
    /// Bytes read so far.
    offset: u64,
    /// Bytes read since the reader last asked for a line.
    since_record: u64,
    /// Quote characters read so far.
    quotes: u64,
    /// The input has ended.
    at_end: bool,
    /// A `\r` ended the last buffer; it may be the first half of `\r\n`.
    pending_cr: Option<u64>,
}

impl Lines {
    /// The 1-based physical line of the first content after `offset`
    /// (skipping the line ends the parser passed over), and forgets line
    /// ends before it.
    pub fn line_of(&mut self, offset: u64) -> u64 {
        self.since_record = 0;
        let mut content = offset;
        loop {
            while self.ends.front().is_some_and(|&(_, end)| end <= offset) {
                self.ends.pop_front();
                self.forgotten += 1;
            }
            // Line ends starting right where the record starts are blank
            // lines (or the end of the previous line) to step over.
            match self.ends.front() {
                Some(&(start, end)) if start <= content && content < end || start == content => {
                    content = end;
                    self.ends.pop_front();
                    self.forgotten += 1;
                }
                _ => break,
            }
        }
        self.forgotten + 1
    }

    /// Bytes read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// True when the input has ended with an odd number of quotes.
    pub fn unbalanced_quotes(&self) -> bool {
        self.at_end && self.quotes % 2 == 1
    }

    fn note(&mut self, bytes: &[u8]) {
        let base = self.offset;
        let mut crlf_split = false;
        if let Some(cr) = self.pending_cr.take() {
            crlf_split = bytes.first() == Some(&b'\n');
            self.ends
                .push_back((cr, if crlf_split { cr + 2 } else { cr + 1 }));
        }
        self.quotes += count_quotes(bytes);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let at = base + i as u64;
            match bytes[i] {
                b'\n' if (i == 0 && crlf_split) || (i > 0 && bytes[i - 1] == b'\r') => {}
                b'\n' => self.ends.push_back((at, at + 1)),
                _ => match bytes.get(i + 1) {
                    None => self.pending_cr = Some(at),
                    Some(b'\n') => self.ends.push_back((at, at + 2)),
                    Some(_) => self.ends.push_back((at, at + 1)),
                },
            }
        }
        self.offset += bytes.len() as u64;
        self.since_record += bytes.len() as u64;
    }
}

/// The quote characters in `bytes`, counted in byte-sized lanes the
/// compiler vectorises (quotes are many per row; finding each would cost
/// more than the parse).
fn count_quotes(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|chunk| {
            let in_chunk = chunk.iter().fold(0u8, |n, &b| n + u8::from(b == b'"'));
            u64::from(in_chunk)
        })
        .sum()
}

/// The reader that notes line ends, quotes and record size.
pub struct Guard {
    inner: Box<dyn Read + Send>,
    lines: Arc<Mutex<Lines>>,
}

impl Guard {
    /// Wraps `inner`; the returned handle reads what the guard noted.
    pub fn new(inner: Box<dyn Read + Send>) -> (Guard, Arc<Mutex<Lines>>) {
        let lines = Arc::new(Mutex::new(Lines::default()));
        (
            Guard {
                inner,
                lines: Arc::clone(&lines),
            },
            lines,
        )
    }
}

/// Locks the shared state; a poisoned lock (a panic elsewhere) still holds
/// consistent counts, so it is used as is.
pub fn lock(lines: &Mutex<Lines>) -> MutexGuard<'_, Lines> {
    lines
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The error for a record over [`MAX_RECORD_BYTES`].
#[derive(Debug)]
pub struct TooLong;

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a row longer than {} MiB",
            MAX_RECORD_BYTES / (1024 * 1024)
        )
    }
}

impl std::error::Error for TooLong {}

impl Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = lock(&self.lines);
        if n == 0 {
            if let Some(cr) = lines.pending_cr.take() {
                lines.ends.push_back((cr, cr + 1));
            }
            lines.at_end = true;
            return Ok(0);
        }
        lines.note(&buf[..n]);
        if lines.since_record > MAX_RECORD_BYTES {
            return Err(io::Error::new(io::ErrorKind::InvalidData, TooLong));
        }
        Ok(n)
    }
}

/// Lines of text held in memory (such as the sample the layout is found
/// in), counted once from the start however many offsets are asked for.
pub struct LinesIn<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LinesIn<'a> {
    /// Starts at line 1.
    pub fn new(text: &'a [u8]) -> LinesIn<'a> {
        LinesIn {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    /// The 1-based line of the first content at or after `offset`. Offsets
    /// are asked for in increasing order; a smaller one starts the count
    /// again.
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let text = self.text;
        let mut content = offset.min(text.len());
        while content < text.len() && matches!(text[content], b'\n' | b'\r') {
            content += 1;
        }
        if content < self.counted_to {
            (self.counted_to, self.line) = (0, 1);
        }
        for i in self.counted_to..content {
            match text[i] {
                b'\n' => self.line += 1,
                b'\r' if text.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.counted_to = content;
        self.line
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Reads `data` through the guard with a tiny buffer (to cross buffer
    /// boundaries) and reports each record's first cell and line.
    fn lines_of(data: &str) -> Vec<(String, u64)> {
        let (guard, lines) = Guard::new(Box::new(io::Cursor::new(data.as_bytes().to_vec())));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(3)
            .from_reader(guard);
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let offset = record.position().unwrap().byte();
            out.push((record[0].to_string(), lock(&lines).line_of(offset)));
        }
        out
    }

    #[test]
    fn physical_lines_whatever_the_line_ends() {
        let expected = |names: &[(&str, u64)]| {
            names
                .iter()
                .map(|(n, l)| (n.to_string(), *l))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines_of("a,1\n\n\nb,2\r\n\r\nc,3\n\"d\nd\",4\ne,5\n"),
            expected(&[("a", 1), ("b", 4), ("c", 6), ("d\nd", 7), ("e", 9)])
        );
        assert_eq!(
            lines_of("x,1\r\ny,2\r\nz,3\r\n"),
            expected(&[("x", 1), ("y", 2), ("z", 3)])
        );
        assert_eq!(lines_of("\n\nx,1\n"), expected(&[("x", 3)]));
    }

    #[test]
    fn quotes_are_counted_across_lanes() {
        let mut text = vec![b'x'; 1000];
        for i in (0..1000).step_by(3) {
            text[i] = b'"';
        }
        assert_eq!(count_quotes(&text), 334);
        assert_eq!(count_quotes(&[b'"'; 600]), 600);
        assert_eq!(count_quotes(b""), 0);
    }

    #[test]
    fn lines_in_memory() {
        let text = b"a\n\nb\r\nc";
        let mut lines = LinesIn::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(1), 3);
        assert_eq!(lines.line_at(4), 4);
        assert_eq!(lines.line_at(1), 3, "an earlier offset counts again");
    }
}
