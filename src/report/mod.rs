//! The report: one model ([`model`]), counted as rows stream by
//! ([`tally`]), rendered by one renderer per output format.
//!
//! Renderers receive the header before the first row, each finding as it
//! is decided, and the closing totals at the end; a format that can stream
//! (JSON, CSV, GitHub annotations) writes at once, one that sorts (the table,
//! Markdown) holds the findings. Renderers write to the writer they are
//! given and never print.

pub mod csv;
pub mod finding_json;
pub mod github;
pub mod json;
pub mod markdown;
pub mod model;
pub mod table;
pub mod tally;

use std::io::{self, Write};

pub use model::{Closing, Finding, Header};

/// One data row of a holdings file and what became of it, for formats that
/// write every input row (CSV).
pub struct RowReport<'a> {
    /// The holdings file.
    pub file: &'a str,
    /// The row's line.
    pub line: u64,
    /// The row's cells.
    pub record: &'a ::csv::StringRecord,
    /// What became of it.
    pub outcome: RowOutcome<'a>,
}

/// What became of a row.
pub enum RowOutcome<'a> {
    /// Screened: its finding on each list.
    Screened(&'a [Finding]),
    /// Skipped, with the reason code.
    Skipped(&'static str),
    /// Rejected, with the reason code.
    Rejected(&'static str),
}

/// Renders a report in one format.
pub trait Renderer {
    /// Before the first finding.
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()>;
    /// True when the format writes every input row ([`Renderer::row`]).
    fn wants_rows(&self) -> bool {
        false
    }
    /// At the start of each holdings file, with its header cells.
    fn file(&mut self, _out: &mut dyn Write, _name: &str, _headers: &[String]) -> io::Result<()> {
        Ok(())
    }
    /// Every data row, when [`Renderer::wants_rows`].
    fn row(&mut self, _out: &mut dyn Write, _row: &RowReport<'_>) -> io::Result<()> {
        Ok(())
    }
    /// One finding, in input order: every match, review and formerly listed
    /// holding, and with `--all` every screened holding.
    fn finding(&mut self, out: &mut dyn Write, finding: &Finding) -> io::Result<()>;
    /// After the last finding.
    fn finish(&mut self, out: &mut dyn Write, header: &Header, closing: &Closing)
    -> io::Result<()>;
    /// When the screen fails after it began: end the report so that it
    /// cannot be read as complete. The error itself goes to standard error.
    fn abort(&mut self, out: &mut dyn Write, error: &str) -> io::Result<()>;
}
