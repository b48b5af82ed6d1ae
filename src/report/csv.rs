//! The CSV report: every input row, in input order, with the screen's
//! columns added, so a spreadsheet user can filter the holdings file itself.
//!
//! Added columns (prefixed, so they never clash with the input's):
//! `redlist_verdict` (`match`, `review`, `clear`, `skipped`, `rejected`),
//! `redlist_list`, `redlist_status`, `redlist_entity_id`,
//! `redlist_entity_name`, `redlist_score`, `redlist_reason` (for skipped and
//! rejected rows, the reason code), `redlist_suppressed`, and the provenance
//! `redlist_snapshot` (`list@date` of every list), `redlist_version`. Where
//! a holding is found on several lists, the strongest finding is shown
//! (match before review, enacted before recommended).
//!
//! Every cell a spreadsheet would run as a formula (one starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return, unless it is a number) is
//! written with a leading `'`, which spreadsheets show as text; escape
//! sequences and invisible characters from the input are shown as escapes
//! (`\u{1b}`), so the CSV is safe on a terminal too.

use std::io::{self, Write};

use super::{Closing, Finding, Header, Renderer, RowOutcome, RowReport};
use crate::list::Status;
use crate::matching::Verdict;
use crate::sanitize::for_csv_cell;

/// Writes the CSV rows.
#[derive(Default)]
pub struct CsvRenderer {
    provenance: String,
    header_written: bool,
    width: usize,
}

const ADDED: [&str; 10] = [
    "redlist_verdict",
    "redlist_list",
    "redlist_status",
    "redlist_entity_id",
    "redlist_entity_name",
    "redlist_score",
    "redlist_reason",
    "redlist_suppressed",
    "redlist_snapshot",
    "redlist_version",
];

impl Renderer for CsvRenderer {
    fn begin(&mut self, _out: &mut dyn Write, header: &Header) -> io::Result<()> {
        self.provenance = header
            .snapshots
            .iter()
            .map(|s| format!("{}@{}", s.list, s.date))
            .collect::<Vec<_>>()
            .join(" ");
        Ok(())
    }

    fn wants_rows(&self) -> bool {
        true
    }

    fn file(&mut self, out: &mut dyn Write, _name: &str, headers: &[String]) -> io::Result<()> {
        self.width = headers.len();
        if self.header_written {
            return Ok(());
        }
        self.header_written = true;
        let cells: Vec<String> = headers
            .iter()
            .map(|h| neutralise(h))
            .chain(ADDED.iter().map(|a| a.to_string()))
            .collect();
        write_record(out, &cells)
    }

    fn row(&mut self, out: &mut dyn Write, row: &RowReport<'_>) -> io::Result<()> {
        // Rows as wide as the header: a short row is padded, the extra
        // cells of a long one (reported as a warning) are left out.
        let mut cells: Vec<String> = row.record.iter().map(neutralise).collect();
        cells.resize(self.width, String::new());
        let added: [String; 8] = match row.outcome {
            RowOutcome::Skipped(code) => without_entity("skipped", code),
            RowOutcome::Rejected(code) => without_entity("rejected", code),
            RowOutcome::Screened(findings) => match strongest(findings) {
                None => without_entity("clear", ""),
                Some(f) => [
                    f.verdict.as_str().into(),
                    f.list.clone(),
                    f.status.map_or("", Status::as_str).into(),
                    f.entity_id.clone().unwrap_or_default(),
                    neutralise(f.entity_name.as_deref().unwrap_or("")),
                    f.evidence
                        .as_ref()
                        .map_or(String::new(), |e| format!("{:.3}", e.score)),
                    f.evidence
                        .as_ref()
                        .map_or(String::new(), |e| e.reason.code().to_string()),
                    f.suppressed.as_ref().map_or(String::new(), |s| {
                        format!("{}: {}", s.decision.as_str(), neutralise(&s.reason))
                    }),
                ],
            },
        };
        cells.extend(added);
        cells.push(self.provenance.clone());
        cells.push(env!("CARGO_PKG_VERSION").to_string());
        write_record(out, &cells)
    }

    fn finding(&mut self, _out: &mut dyn Write, _finding: &Finding) -> io::Result<()> {
        Ok(())
    }

    fn finish(
        &mut self,
        _out: &mut dyn Write,
        _header: &Header,
        _closing: &Closing,
    ) -> io::Result<()> {
        Ok(())
    }

    fn abort(&mut self, _out: &mut dyn Write, _error: &str) -> io::Result<()> {
        Ok(())
    }
}

/// The finding to show for a row: match before review before clear,
/// enacted before recommended, unsuppressed before suppressed.
fn strongest(findings: &[Finding]) -> Option<&Finding> {
    findings
        .iter()
        .filter(|f| f.verdict != Verdict::Clear)
        .min_by_key(|f| {
            (
                f.verdict,
                f.suppressed.is_some(),
                f.status.map_or(2, |s| s as u8),
            )
        })
}

/// The added columns of a row that names no entity: its verdict and, for
/// skipped and rejected rows, the reason code.
fn without_entity(verdict: &str, reason: &str) -> [String; 8] {
    let mut added: [String; 8] = Default::default();
    added[0] = verdict.to_string();
    added[6] = reason.to_string();
    added
}

/// Writes one record. A writer is built for each (the output is borrowed
/// per call), so its buffer is kept small: the default 8 KiB, allocated and
/// zeroed for every row, cost more than the rest of a CSV report; a longer
/// record is simply written in several pieces.
fn write_record(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(512)
        .from_writer(out);
    writer.write_record(cells).map_err(io::Error::other)?;
    writer.flush()
}

/// Makes a cell from a file or a list safe: escape sequences and invisible
/// characters shown as escapes (see `sanitize`), and a cell a spreadsheet
/// would execute (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) neutralised, unless it is a plain number (`-12.5` stays as it
/// is).
pub fn neutralise(cell: &str) -> String {
    let cell = for_csv_cell(cell);
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(&cell) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

fn is_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        && body.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralise("+1+1"), "'+1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-12.5"), "-12.5");
        assert_eq!(neutralise("-1,234.50"), "-1,234.50");
        assert_eq!(neutralise("TENCENT"), "TENCENT");
        assert_eq!(neutralise("-"), "'-");
    }
}
