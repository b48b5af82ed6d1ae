//! The report: one model ([`model`]), counted as rows stream by
//! ([`tally`]), rendered by one renderer per output format.
//!
//! Renderers receive the header before the first row, each finding as it
//! is decided, and the closing totals at the end; a format that can stream
//! (JSON) writes findings at once, one that sorts (the table) holds them.
//! Renderers write to the writer they are given and never print.

pub mod json;
pub mod model;
pub mod table;
pub mod tally;

use std::io::{self, Write};

pub use model::{Closing, Finding, Header};

/// Renders a report in one format.
pub trait Renderer {
    /// Before the first finding.
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()>;
    /// One finding, in input order.
    fn finding(&mut self, out: &mut dyn Write, finding: &Finding) -> io::Result<()>;
    /// After the last finding.
    fn finish(&mut self, out: &mut dyn Write, header: &Header, closing: &Closing)
    -> io::Result<()>;
    /// When the screen fails after it began: end the report so that it
    /// cannot be read as complete. The error itself goes to standard error.
    fn abort(&mut self, out: &mut dyn Write, error: &str) -> io::Result<()>;
}
