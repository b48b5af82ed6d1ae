//! Finding a holdings file's layout from its first lines: the delimiter and
//! the header row (after any preamble of fund name, dates and blank lines).
//!
//! Each candidate delimiter (`,` `;` tab `|`) is tried; the header is the
//! first of the first 60 records that names the most known columns,
//! including one that identifies securities. The delimiter whose header
//! names the most columns, and whose following rows have the header's
//! width, wins; ties go to the comma.

use anyhow::{Result, bail};

use super::columns::{self, ColumnMap, ColumnOverrides};
use super::guard;

/// Records looked at to find the header.
const HEADER_SEARCH_RECORDS: usize = 60;
/// Rows after the header looked at to check the delimiter.
const WIDTH_CHECK_ROWS: usize = 30;
/// The delimiters tried, in order of preference.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Where the data is.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The field delimiter.
    pub delimiter: u8,
    /// The header row's 1-based physical line.
    pub header_line: u64,
    /// The header cells as printed.
    pub headers: Vec<String>,
    /// What each column holds.
    pub columns: ColumnMap,
}

struct Candidate {
    layout: Layout,
    recognised: usize,
    consistent_rows: usize,
}

/// Finds the layout in the decoded `sample`. `name` is the file name for
/// error messages.
pub fn find_layout(
    sample: &str,
    name: &str,
    overrides: &ColumnOverrides,
    delimiter: Option<u8>,
) -> Result<Layout> {
    let delimiters: Vec<u8> = delimiter.map_or_else(|| DELIMITERS.to_vec(), |d| vec![d]);
    let mut best: Option<Candidate> = None;
    for &d in &delimiters {
        let Some(candidate) = try_delimiter(sample, d, overrides)? else {
            continue;
        };
        let better = best.as_ref().is_none_or(|b| {
            (candidate.recognised, candidate.consistent_rows) > (b.recognised, b.consistent_rows)
        });
        if better {
            best = Some(candidate);
        }
    }
    if let Some(candidate) = best {
        return Ok(candidate.layout);
    }
    // A column named on the command line that no row has: say so, against
    // the first row (split by the delimiter that splits it most).
    if !overrides.given.is_empty()
        && let Some((_, cells)) = first_row(sample, &delimiters)
    {
        let headers: Vec<&str> = cells.iter().map(String::as_str).collect();
        let mut map = columns::recognise(&headers);
        columns::apply_overrides(&mut map, &headers, overrides)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    }
    bail!("{}", no_header_message(sample, name, &delimiters))
}

/// The first non-empty row, split by the delimiter that gives it most cells.
fn first_row(sample: &str, delimiters: &[u8]) -> Option<(u64, Vec<String>)> {
    delimiters
        .iter()
        .filter_map(|&d| {
            records(sample, d)
                .into_iter()
                .find(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        })
        .max_by_key(|(_, cells)| cells.len())
}

fn records(sample: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(sample.as_bytes());
    let mut out = Vec::new();
    let mut lines = guard::LinesIn::new(sample.as_bytes());
    for record in reader
        .records()
        .take(HEADER_SEARCH_RECORDS + WIDTH_CHECK_ROWS)
    {
        // The sample may end inside a quoted field; what was read is enough.
        let Ok(record) = record else { break };
        let line = record
            .position()
            .map_or(0, |p| lines.line_at(p.byte() as usize));
        out.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    out
}

fn try_delimiter(
    sample: &str,
    delimiter: u8,
    overrides: &ColumnOverrides,
) -> Result<Option<Candidate>> {
    let rows = records(sample, delimiter);
    let mut best: Option<(usize, usize, ColumnMap)> = None;
    for (i, (_, cells)) in rows.iter().take(HEADER_SEARCH_RECORDS).enumerate() {
        if cells.iter().filter(|c| !c.is_empty()).count() == 0 {
            continue;
        }
        let headers: Vec<&str> = cells.iter().map(String::as_str).collect();
        let mut map = columns::recognise(&headers);
        if !overrides.given.is_empty()
            && columns::apply_overrides(&mut map, &headers, overrides).is_err()
        {
            continue;
        }
        if !map.identifies() {
            continue;
        }
        let score = map.count();
        if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
            best = Some((i, score, map));
        }
    }
    let Some((index, recognised, columns)) = best else {
        return Ok(None);
    };
    let (header_line, cells) = &rows[index];
    let width = cells.len();
    let consistent_rows = rows[index + 1..]
        .iter()
        .take(WIDTH_CHECK_ROWS)
        .filter(|(_, r)| r.len() == width)
        .count();
    let headers: Vec<&str> = cells.iter().map(String::as_str).collect();
    if !overrides.given.is_empty() {
        // Report a bad override against the header that was found.
        let mut check = columns::recognise(&headers);
        columns::apply_overrides(&mut check, &headers, overrides)?;
    }
    Ok(Some(Candidate {
        layout: Layout {
            delimiter,
            header_line: *header_line,
            headers: cells.clone(),
            columns,
        },
        recognised,
        consistent_rows,
    }))
}

/// The error for a file without a recognisable header: the first row seen
/// (with the delimiter that splits it most) and the names accepted.
fn no_header_message(sample: &str, name: &str, delimiters: &[u8]) -> String {
    let seen = match first_row(sample, delimiters) {
        Some((line, cells)) => format!(
            "the first row (line {line}) has {}",
            cells
                .iter()
                .take(30)
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "the file has no rows".to_string(),
    };
    format!(
        "{name}: no header row with a security name, ticker or ISIN column found in the first {HEADER_SEARCH_RECORDS} rows; {seen}. \
         Accepted column names: {}. Name the columns with --name-col, --ticker-col or --isin-col.",
        columns::accepted_names()
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::portfolio::columns::Role;

    fn layout(sample: &str) -> Layout {
        find_layout(sample, "t.csv", &ColumnOverrides::default(), None).unwrap()
    }

    #[test]
    fn finds_the_header_after_a_preamble() {
        let sample = "Example China ETF\nFund Holdings as of,\"Nov 20, 2026\"\nStock,\"-\"\n\nTicker,Name,Weight (%)\n700,TENCENT,10\n";
        let l = layout(sample);
        assert_eq!((l.delimiter, l.header_line), (b',', 5));
        assert_eq!(l.columns.get(Role::Name), Some(1));
    }

    #[test]
    fn picks_the_delimiter() {
        assert_eq!(
            layout("Name;ISIN;Kurswert\nBYD;CNE100000296;1.234,56\n").delimiter,
            b';'
        );
        assert_eq!(layout("Name\tTicker\nBYD\t1211\n").delimiter, b'\t');
        assert_eq!(layout("Name|Ticker\nBYD|1211\n").delimiter, b'|');
        assert_eq!(layout("Name,Ticker\nBYD,1211\n").delimiter, b',');
    }

    #[test]
    fn no_header_is_an_error_listing_what_was_seen() {
        let error = find_layout(
            "Foo,Bar,Baz\n1,2,3\n",
            "t.csv",
            &ColumnOverrides::default(),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("t.csv: no header row"), "{error}");
        assert!(error.contains("\"Foo\", \"Bar\", \"Baz\""), "{error}");
        assert!(error.contains("\"security name\""), "{error}");
    }

    #[test]
    fn overrides_name_the_columns() {
        let overrides = ColumnOverrides {
            given: vec![(Role::Name, "Bar".into())],
        };
        let l = find_layout("Foo,Bar,Baz\n1,BYD,3\n", "t.csv", &overrides, None).unwrap();
        assert_eq!(l.columns.get(Role::Name), Some(1));
    }
}
