//! The JSON report: one document, findings streamed into `results` as they
//! are decided, totals after them. Field order is fixed; every number and
//! date is deterministic. Bidi and zero-width characters are written as
//! `\uXXXX` escapes (see `sanitize`).

use std::io::{self, Write};

use serde::Serialize;

use super::finding_json::write_finding;
use super::{Closing, Finding, Header, Renderer};
use crate::sanitize::escape_invisible_in_json;

/// Writes the JSON document.
#[derive(Default)]
pub struct JsonRenderer {
    findings: u64,
    /// A finding's JSON, before it is written.
    buffer: Vec<u8>,
}

fn field(out: &mut dyn Write, key: &str, value: &impl Serialize, last: bool) -> io::Result<()> {
    write!(out, "  \"{key}\": ")?;
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(
        escape_invisible_in_json(&text)
            .replace('\n', "\n  ")
            .as_bytes(),
    )?;
    out.write_all(if last { b"\n" } else { b",\n" })
}

/// Writes `value` as one indented JSON document and a line break (the
/// JSON of `lists`, `lookup`, `diff` and `eval`), escaped as the report is.
pub fn write_document(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(escape_invisible_in_json(&text).as_bytes())?;
    out.write_all(b"\n")
}

impl Renderer for JsonRenderer {
    fn begin(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()> {
        out.write_all(b"{\n")?;
        field(out, "schema_version", &header.schema_version, false)?;
        field(out, "tool", &header.tool, false)?;
        field(out, "as_of", &header.as_of, false)?;
        field(out, "fail_on", &header.fail_on, false)?;
        field(out, "snapshots", &header.snapshots, false)?;
        out.write_all(b"  \"results\": [")
    }

    fn finding(&mut self, out: &mut dyn Write, finding: &Finding) -> io::Result<()> {
        out.write_all(if self.findings == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        self.buffer.clear();
        write_finding(&mut self.buffer, finding).map_err(io::Error::other)?;
        let text = std::str::from_utf8(&self.buffer).map_err(io::Error::other)?;
        out.write_all(escape_invisible_in_json(text).as_bytes())?;
        self.findings += 1;
        Ok(())
    }

    fn abort(&mut self, out: &mut dyn Write, error: &str) -> io::Result<()> {
        out.write_all(if self.findings == 0 {
            b"],\n"
        } else {
            b"\n  ],\n"
        })?;
        field(out, "error", &error, false)?;
        let outcome = serde_json::json!({ "exit_code": 2, "failing_findings": null });
        field(out, "outcome", &outcome, true)?;
        out.write_all(b"}\n")
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _header: &Header,
        closing: &Closing,
    ) -> io::Result<()> {
        out.write_all(if self.findings == 0 {
            b"],\n"
        } else {
            b"\n  ],\n"
        })?;
        field(out, "inputs", &closing.inputs, false)?;
        field(out, "summary", &closing.summary, false)?;
        field(out, "warnings", &closing.warnings, false)?;
        field(out, "decisions", &closing.decisions, false)?;
        field(out, "outcome", &closing.outcome, true)?;
        out.write_all(b"}\n")
    }
}
