//! Reading holdings files as they come: encodings, delimiters, preambles and
//! footers, column names in several languages, number formats, spreadsheets,
//! and which rows are not holdings at all.
//!
//! - `decode`: bytes to UTF-8, with the encoding found or given.
//! - `sniff`: delimiter and header row.
//! - `columns`: what each column holds.
//! - `numbers`: weights and values as printed.
//! - `classify` and `row`: holdings, rows to skip, rows to reject.
//! - `spreadsheet`: XLSX and XLS sheets as CSV text.
//! - `guard`: line numbers, record size and unclosed quotes while parsing.
//! - `reader`: all of it, streaming row by row.

pub mod classify;
pub mod columns;
pub mod decode;
pub mod guard;
pub mod numbers;
pub mod reader;
pub mod row;
pub mod sniff;
pub mod spreadsheet;

pub use classify::SkipReason;
pub use reader::{FileFormat, HoldingsReader, ReadOptions, Row, Source};
pub use row::{HoldingFields, RejectReason, RowKind};
