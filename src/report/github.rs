//! GitHub Actions workflow annotations: `::error file=…,line=…::` for each
//! finding that fails the run, `::warning` for the others (reviews,
//! findings below `--fail-on`, suppressed and formerly listed holdings),
//! and a `::notice` with the snapshot and the totals.
//!
//! Annotation text is escaped as the workflow-command format requires
//! (`%`, CR, LF; and `,` and `:` in properties).

use std::io::{self, Write};

use super::model::Finding;
use super::{Closing, Header, Renderer};
use crate::cli::FailOn;
use crate::matching::Verdict;
use crate::screen::fails;

/// Writes one annotation per finding as it comes.
pub struct GithubRenderer {
    fail_on: FailOn,
}

impl GithubRenderer {
    /// A renderer for this failure level.
    pub fn new(fail_on: FailOn) -> GithubRenderer {
        GithubRenderer { fail_on }
    }
}

impl Renderer for GithubRenderer {
    fn begin(&mut self, _out: &mut dyn Write, _header: &Header) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, out: &mut dyn Write, f: &Finding) -> io::Result<()> {
        if f.verdict == Verdict::Clear && f.formerly_listed.is_none() {
            return Ok(());
        }
        let level = if f.suppressed.is_none() && fails(f, self.fail_on) {
            "error"
        } else {
            "warning"
        };
        let what = match (f.verdict, &f.formerly_listed) {
            (Verdict::Clear, Some(former)) => format!(
                "formerly listed: {} (removed {})",
                former.entity_name, former.removed_on
            ),
            _ => format!(
                "{} {} on {}: {}",
                f.verdict.as_str(),
                f.status.map_or("", |s| s.as_str()),
                f.list,
                f.entity_name.as_deref().unwrap_or("")
            ),
        };
        let evidence = f.evidence.as_ref().map_or(String::new(), |e| {
            format!(" ({} {:.3}: {})", e.reason.code(), e.score, e.matched)
        });
        let suppressed = f.suppressed.as_ref().map_or(String::new(), |s| {
            format!(" [suppressed, {}: {}]", s.decision.as_str(), s.reason)
        });
        let title = format!("redlist {}", f.verdict.as_str());
        writeln!(
            out,
            "::{level} file={},line={},title={}::{}",
            property(&f.file),
            f.line,
            property(&title),
            message(&format!("{} is {what}{evidence}{suppressed}", f.name))
        )
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        header: &Header,
        closing: &Closing,
    ) -> io::Result<()> {
        let snapshots: Vec<String> = header
            .snapshots
            .iter()
            .map(|s| {
                format!(
                    "{} {} (sha256 {}, {} days old)",
                    s.list,
                    s.date,
                    &s.sha256[..12.min(s.sha256.len())],
                    s.age_days
                )
            })
            .collect();
        let s = &closing.summary;
        writeln!(
            out,
            "::notice title=redlist {}::{}",
            header.tool.version,
            message(&format!(
                "{} finding(s) at or above --fail-on {}; {} match ({} enacted, {} recommended), {} review, {} clear; against {} as of {}",
                closing.outcome.failing_findings,
                header.fail_on,
                s.verdicts["match"],
                s.matches_by_status["enacted"],
                s.matches_by_status["recommended"],
                s.verdicts["review"],
                s.verdicts["clear"],
                snapshots.join(", "),
                header.as_of
            ))
        )
    }

    fn abort(&mut self, out: &mut dyn Write, error: &str) -> io::Result<()> {
        writeln!(out, "::error title=redlist::{}", message(error))
    }
}

/// Escapes annotation message text.
fn message(text: &str) -> String {
    crate::sanitize::for_terminal(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escapes an annotation property value.
fn property(text: &str) -> String {
    message(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_text() {
        assert_eq!(message("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
