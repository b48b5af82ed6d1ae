//! Reading a holdings file row by row: decode, find the layout, then stream
//! records, each with its physical line number.
//!
//! Memory stays bounded: one record at a time, and a record may not exceed
//! [`MAX_RECORD_BYTES`] (a longer one is an error naming the line, not an
//! out-of-memory). A quoted field that is never closed is an error too,
//! because a parser would silently swallow the rest of the file into it.

use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};

use super::columns::{ColumnOverrides, Role, clean_header};
use super::decode::{self, EncodingChoice, UndecodableLine};
use super::guard::{self, Guard, Lines, MAX_RECORD_BYTES, TooLong};
use super::numbers::DecimalStyle;
use super::sniff::{self, Layout};
use super::spreadsheet;

/// How to read holdings files.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// `--encoding`.
    pub encoding: EncodingChoice,
    /// `--name-col` and friends.
    pub overrides: ColumnOverrides,
    /// `--sheet` for spreadsheets: a name or 1-based number.
    pub sheet: Option<String>,
}

/// Where holdings come from.
pub enum Source {
    /// A file path.
    Path(std::path::PathBuf),
    /// Standard input, read once.
    Stdin,
}

impl Source {
    /// The name used in reports and messages.
    pub fn display_name(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// A file's format as found: encoding, layout and number styles.
#[derive(Clone, Debug)]
pub struct FileFormat {
    /// The name in reports (`-` for standard input).
    pub name: String,
    /// The encoding (`utf-8`, `windows-1252`, ..., or `xlsx` for a sheet).
    pub encoding: String,
    /// The encoding was guessed from the bytes.
    pub encoding_guessed: bool,
    /// For a spreadsheet, the sheet read.
    pub sheet: Option<String>,
    /// Delimiter, header row and columns.
    pub layout: Layout,
    /// Decimal separator of the weight column.
    pub weight_style: DecimalStyle,
    /// Decimal separator of the market-value column.
    pub value_style: DecimalStyle,
}

impl FileFormat {
    /// The header of the column holding `role`; empty when there is none.
    pub fn cell_header(&self, role: Role) -> &str {
        self.layout
            .columns
            .get(role)
            .and_then(|i| self.layout.headers.get(i))
            .map_or("", String::as_str)
    }

    /// The cell of `role` in `record`, trimmed; empty when absent.
    pub fn cell<'r>(&self, record: &'r csv::StringRecord, role: Role) -> &'r str {
        self.layout
            .columns
            .get(role)
            .and_then(|i| record.get(i))
            .map_or("", trim_cell)
    }
}

/// Trims spaces, including no-break spaces, from a cell.
pub fn trim_cell(cell: &str) -> &str {
    // Most cells start and end with a visible ASCII character: nothing to do.
    let visible_ascii = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
    if visible_ascii(cell.as_bytes().first()) && visible_ascii(cell.as_bytes().last()) {
        return cell;
    }
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Reads one holdings file.
pub struct HoldingsReader {
    format: FileFormat,
    csv: csv::Reader<Guard>,
    lines: Arc<Mutex<Lines>>,
    header_seen: bool,
    last_line: u64,
    size: Option<u64>,
}

/// A record with its line.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The 1-based physical line where the record starts.
    pub line: u64,
    /// The cells.
    pub record: csv::StringRecord,
    /// Some cell can hold an ISIN (`row::cells_may_hold_isin`); set for
    /// holdings by the thread that reads them (`screen::batches`).
    pub isin_cells: bool,
}

impl HoldingsReader {
    /// Opens `source`, decides its encoding and finds its layout.
    pub fn open(source: &Source, options: &ReadOptions) -> Result<HoldingsReader> {
        let name = source.display_name();
        let mut size = None;
        let input: Box<dyn Read + Send> = match source {
            Source::Path(path) => {
                let metadata =
                    std::fs::metadata(path).with_context(|| format!("cannot open {name}"))?;
                size = Some(metadata.len());
                if metadata.is_dir() {
                    bail!(
                        "{name} is a directory; give the holdings files in it, e.g. {name}/*.csv"
                    );
                }
                Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?)
            }
            Source::Stdin => Box::new(io::stdin()),
        };
        let mut input = io::BufReader::with_capacity(64 * 1024, input);
        let magic =
            io::BufRead::fill_buf(&mut input).with_context(|| format!("cannot read {name}"))?;
        if let Some(kind) = spreadsheet::kind_of(magic) {
            let mut bytes = Vec::new();
            input
                .read_to_end(&mut bytes)
                .with_context(|| format!("cannot read {name}"))?;
            let sheet = spreadsheet::to_csv(
                &bytes,
                kind,
                &name,
                options.sheet.as_deref(),
                &options.overrides,
            )?;
            let decoded = decode::Decoded {
                label: kind.label().to_string(),
                guessed: false,
                sample: String::from_utf8_lossy(
                    &sheet.csv[..sheet.csv.len().min(decode::SAMPLE_BYTES)],
                )
                .into_owned(),
                reader: Box::new(io::Cursor::new(sheet.csv)),
            };
            return HoldingsReader::from_decoded(
                name,
                decoded,
                Some(sheet.name),
                options,
                Some(b','),
            );
        }
        if magic.is_empty() {
            bail!("{name} is empty: there is nothing to screen");
        }
        let decoded = decode::decode(Box::new(input), &name, options.encoding)?;
        let mut reader = HoldingsReader::from_decoded(name, decoded, None, options, None)?;
        reader.size = size;
        Ok(reader)
    }

    fn from_decoded(
        name: String,
        decoded: decode::Decoded,
        sheet: Option<String>,
        options: &ReadOptions,
        delimiter: Option<u8>,
    ) -> Result<HoldingsReader> {
        if decoded.sample.trim().is_empty() {
            bail!("{name} has no rows: there is nothing to screen");
        }
        let layout = sniff::find_layout(&decoded.sample, &name, &options.overrides, delimiter)?;
        check_duplicate_headers(&layout, &name, &options.overrides)?;
        let (weight_style, value_style) = number_styles(&decoded.sample, &layout);
        let (guard, lines) = Guard::new(decoded.reader);
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(layout.delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(guard);
        let format = FileFormat {
            name,
            encoding: decoded.label,
            encoding_guessed: decoded.guessed,
            sheet,
            layout,
            weight_style,
            value_style,
        };
        Ok(HoldingsReader {
            format,
            csv,
            lines,
            header_seen: false,
            last_line: 0,
            size: None,
        })
    }

    /// The size of the input in bytes, when known (for progress).
    pub fn size_hint(&self) -> Option<u64> {
        self.size
    }

    /// Bytes read so far (decoded), for progress.
    pub fn bytes_read(&self) -> u64 {
        guard::lock(&self.lines).offset()
    }

    /// The file's format.
    pub fn format(&self) -> &FileFormat {
        &self.format
    }

    /// Reads the next data row (after the header) into `row`; `false` at the
    /// end of the file.
    pub fn read(&mut self, row: &mut Row) -> Result<bool> {
        loop {
            let more = match self.csv.read_record(&mut row.record) {
                Ok(more) => more,
                Err(e) => return Err(self.read_error(e)),
            };
            if !more {
                return Ok(false);
            }
            let offset = row.record.position().map_or(0, csv::Position::byte);
            row.line = guard::lock(&self.lines).line_of(offset);
            self.last_line = row.line;
            if !self.header_seen {
                if row.line >= self.format.layout.header_line {
                    self.header_seen = true;
                }
                continue;
            }
            if memchr::memchr2(b'\n', b'\r', row.record.as_slice().as_bytes()).is_some()
                && guard::lock(&self.lines).unbalanced_quotes()
            {
                bail!(
                    "{}:{}: a quoted field starts here and is never closed (it runs to the end of the file); close the quote and screen again",
                    self.format.name,
                    row.line
                );
            }
            return Ok(true);
        }
    }

    fn read_error(&self, error: csv::Error) -> anyhow::Error {
        let name = &self.format.name;
        let line = error.position().map_or(self.last_line + 1, |p| {
            guard::lock(&self.lines).line_of(p.byte())
        });
        if let csv::ErrorKind::Io(io_error) = error.kind() {
            if let Some(undecodable) = io_error
                .get_ref()
                .and_then(|e| e.downcast_ref::<UndecodableLine>())
            {
                return anyhow::anyhow!(
                    "{name}:{}: bytes that cannot be decoded as {}; pass the right --encoding, or --encoding {}:lossy to replace them",
                    undecodable.0,
                    self.format.encoding,
                    self.format.encoding
                );
            }
            if io_error.get_ref().is_some_and(|e| e.is::<TooLong>()) {
                return anyhow::anyhow!(
                    "{name}: the row after line {} is longer than {} MiB; a holdings row never is: check for an unclosed quote or a broken export",
                    self.last_line,
                    MAX_RECORD_BYTES / (1024 * 1024)
                );
            }
            return anyhow::anyhow!("{name}: cannot read: {io_error}");
        }
        if let csv::ErrorKind::Utf8 { .. } = error.kind() {
            return anyhow::anyhow!(
                "{name}:{line}: bytes that are not valid UTF-8; pass the file's --encoding (e.g. windows-1252, gbk), or --encoding utf-8:lossy"
            );
        }
        anyhow::anyhow!("{name}:{line}: {error}")
    }
}

/// Two columns with the same header name for a role in use: which one is
/// meant is a guess the screen must not make.
fn check_duplicate_headers(layout: &Layout, name: &str, overrides: &ColumnOverrides) -> Result<()> {
    for (role, column) in layout.columns.roles() {
        if overrides.given.iter().any(|(r, _)| *r == role) {
            continue;
        }
        let wanted = clean_header(&layout.headers[column]);
        let twins: Vec<usize> = layout
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| clean_header(h) == wanted)
            .map(|(i, _)| i + 1)
            .collect();
        if twins.len() > 1 {
            let flag = if role == Role::MarketValue {
                "value".to_string()
            } else {
                role.key().replace('_', "-")
            };
            bail!(
                "{name}:{}: columns {} are all called {:?}; say which holds the {role} with --{flag}-col N",
                layout.header_line,
                twins
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(" and "),
                layout.headers[column]
            );
        }
    }
    Ok(())
}

/// Decimal styles of the weight and value columns, from the sample's rows;
/// an undecided column follows the delimiter.
fn number_styles(sample: &str, layout: &Layout) -> (DecimalStyle, DecimalStyle) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(layout.delimiter)
        .from_reader(sample.as_bytes());
    let mut lines = guard::LinesIn::new(sample.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map_while(Result::ok)
        .filter(|r| {
            r.position()
                .is_some_and(|p| lines.line_at(p.byte() as usize) > layout.header_line)
        })
        .take(500)
        .collect();
    let fallback = if layout.delimiter == b';' {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    };
    let style = |role: Role| {
        layout.columns.get(role).map_or(fallback, |column| {
            DecimalStyle::detect(rows.iter().filter_map(|r| r.get(column))).unwrap_or(fallback)
        })
    };
    (style(Role::Weight), style(Role::MarketValue))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn rows(text: &str) -> Result<Vec<(u64, Vec<String>)>> {
        let decoded = decode::Decoded {
            label: "utf-8".into(),
            guessed: false,
            sample: text.to_string(),
            reader: Box::new(io::Cursor::new(text.as_bytes().to_vec())),
        };
        let mut reader = HoldingsReader::from_decoded(
            "t.csv".into(),
            decoded,
            None,
            &ReadOptions::default(),
            None,
        )?;
        let mut row = Row::default();
        let mut out = Vec::new();
        while reader.read(&mut row)? {
            out.push((row.line, row.record.iter().map(str::to_string).collect()));
        }
        Ok(out)
    }

    #[test]
    fn reads_rows_after_the_header_with_their_lines() {
        let text = "Fund X\n\nName,Weight\nBYD,1.5\n\"TENCENT\nHOLDINGS\",2\n,\nMEITUAN,3\n";
        let read = rows(text).unwrap();
        let lines: Vec<u64> = read.iter().map(|r| r.0).collect();
        assert_eq!(lines, [4, 5, 7, 8]);
        assert_eq!(read[1].1[0], "TENCENT\nHOLDINGS");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_line() {
        let error = rows("Name,Weight\nA,1\n\"B,2\nC,3\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("t.csv:3: a quoted field starts here and is never closed"),
            "{error}"
        );
    }

    #[test]
    fn duplicate_headers_are_an_error() {
        let error = rows("Name,Ticker,Name\nA,B,C\n").unwrap_err().to_string();
        assert!(error.contains("t.csv:1: columns 1 and 3 are all called \"Name\"; say which holds the name with --name-col N"), "{error}");
    }

    #[test]
    fn trims_no_break_spaces() {
        assert_eq!(trim_cell("\u{a0} BYD \u{a0}"), "BYD");
    }
}
