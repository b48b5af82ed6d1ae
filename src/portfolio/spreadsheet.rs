//! Spreadsheets (XLSX, XLS, ODS) as brokers export them: the sheet with the
//! holdings is turned into CSV text, one sheet row per line, so that the
//! same reader, classification and line numbers (sheet row numbers) apply.
//!
//! The sheet read is the one named or numbered by `--sheet`, else the first
//! whose first rows contain a recognisable header. Whole numbers stored as
//! numbers print without a decimal part (`700`, not `700.0`), because
//! tickers such as Hong Kong codes are often stored that way.

use std::io::Cursor;

use anyhow::{Context, Result, bail};
use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::columns::{self, ColumnOverrides};

/// Rows of a sheet looked at for a header.
const HEADER_SEARCH_ROWS: usize = 60;

/// Which kind of spreadsheet the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (zip): `.xlsx`, also `.ods`.
    Zip,
    /// Legacy binary Excel (OLE compound file): `.xls`.
    Compound,
}

impl Kind {
    /// The name used for the file's "encoding" in reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Zip => "xlsx",
            Kind::Compound => "xls",
        }
    }
}

/// Recognises a spreadsheet by its first bytes.
pub fn kind_of(magic: &[u8]) -> Option<Kind> {
    if magic.starts_with(b"PK\x03\x04") {
        Some(Kind::Zip)
    } else if magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Kind::Compound)
    } else {
        None
    }
}

/// One sheet as CSV text.
pub struct SheetText {
    /// The sheet's name.
    pub name: String,
    /// The rows as CSV, line N being sheet row N.
    pub csv: Vec<u8>,
}

/// Converts the holdings sheet of a workbook to CSV text.
pub fn to_csv(
    bytes: &[u8],
    kind: Kind,
    file: &str,
    wanted: Option<&str>,
    overrides: &ColumnOverrides,
) -> Result<SheetText> {
    survive_damage(file, kind, || {
        read_sheet(bytes, kind, file, wanted, overrides)
    })
}

/// Runs `read`, turning a panic of the workbook parser into an error: it
/// asserts on some damaged structures instead of returning an error, and a
/// damaged file must be refused with a message, never crash the screen.
fn survive_damage<T>(file: &str, kind: Kind, read: impl FnOnce() -> Result<T>) -> Result<T> {
    // Silence the default panic message while the parser runs; the error
    // below says what happened. Files are opened between screens, when no
    // other work is in flight, so no other panic's message is lost.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(previous);
    outcome.unwrap_or_else(|_| {
        bail!(
            "{file}: this {} workbook is damaged and cannot be read; open it in a spreadsheet program and save it again, or export it as CSV",
            kind.label()
        )
    })
}

fn read_sheet(
    bytes: &[u8],
    kind: Kind,
    file: &str,
    wanted: Option<&str>,
    overrides: &ColumnOverrides,
) -> Result<SheetText> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .with_context(|| format!("{file}: cannot read this {} workbook", kind.label()))?;
    let names = book.sheet_names();
    if names.is_empty() {
        bail!("{file}: the workbook has no sheets");
    }
    let mut ranges = Vec::new();
    if let Some(wanted) = wanted {
        let name = match wanted.parse::<usize>() {
            Ok(n) if (1..=names.len()).contains(&n) => names[n - 1].clone(),
            _ => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(wanted))
                .cloned()
                .with_context(|| {
                    format!(
                        "{file}: no sheet {wanted:?}; the sheets are {}",
                        names
                            .iter()
                            .map(|n| format!("{n:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?,
        };
        let range = book
            .worksheet_range(&name)
            .with_context(|| format!("{file}: cannot read sheet {name:?}"))?;
        return Ok(SheetText {
            csv: render(&range)?,
            name,
        });
    }
    for name in &names {
        let range = book
            .worksheet_range(name)
            .with_context(|| format!("{file}: cannot read sheet {name:?}"))?;
        if has_header(&range, overrides) {
            return Ok(SheetText {
                csv: render(&range)?,
                name: name.clone(),
            });
        }
        ranges.push(name.clone());
    }
    bail!(
        "{file}: no sheet has a header row with a security name, ticker or ISIN column (sheets: {}); name the sheet with --sheet and the columns with --name-col",
        ranges
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn has_header(range: &calamine::Range<Data>, overrides: &ColumnOverrides) -> bool {
    range.rows().take(HEADER_SEARCH_ROWS).any(|row| {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        let headers: Vec<&str> = cells.iter().map(String::as_str).collect();
        let mut map = columns::recognise(&headers);
        if !overrides.given.is_empty()
            && columns::apply_overrides(&mut map, &headers, overrides).is_err()
        {
            return false;
        }
        map.identifies()
    })
}

/// Writes the range as CSV, with empty lines for the rows above it and for
/// empty rows, and empty cells for the columns left of it, so that lines
/// and columns are the sheet's.
fn render(range: &calamine::Range<Data>) -> Result<Vec<u8>> {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    out.extend(std::iter::repeat_n(b'\n', first_row as usize));
    for row in range.rows() {
        if row.iter().all(|c| cell_text(c).trim().is_empty()) {
            out.push(b'\n');
            continue;
        }
        let cells = std::iter::repeat_n(String::new(), first_column as usize)
            .chain(row.iter().map(cell_text));
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        writer.write_record(cells)?;
        writer.flush()?;
    }
    Ok(out)
}

/// A cell as text; line breaks become spaces so a row stays one line.
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.as_f64().to_string(), |d| d.date().to_string()),
    };
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_spreadsheets_by_magic() {
        assert_eq!(kind_of(b"PK\x03\x04rest"), Some(Kind::Zip));
        assert_eq!(
            kind_of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Kind::Compound)
        );
        assert_eq!(kind_of(b"Name,Ticker"), None);
    }

    #[test]
    fn numbers_print_like_the_sheet_shows_them() {
        assert_eq!(cell_text(&Data::Float(700.0)), "700");
        assert_eq!(cell_text(&Data::Float(1.25)), "1.25");
        assert_eq!(cell_text(&Data::String("A\nB".into())), "A B");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
