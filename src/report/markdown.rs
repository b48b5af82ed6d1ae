//! The Markdown report, for pull-request comments and CI job summaries: a
//! summary table, a findings table, and the snapshot line.

use std::io::{self, Write};

use super::model::Finding;
use super::{Closing, Header, Renderer};
use crate::matching::Verdict;

/// Holds findings, writes the document at the end.
#[derive(Default)]
pub struct MarkdownRenderer {
    findings: Vec<Finding>,
}

impl Renderer for MarkdownRenderer {
    fn begin(&mut self, _out: &mut dyn Write, _header: &Header) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, _out: &mut dyn Write, finding: &Finding) -> io::Result<()> {
        self.findings.push(finding.clone());
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        header: &Header,
        closing: &Closing,
    ) -> io::Result<()> {
        let verdict = match closing.outcome.exit_code {
            0 => "passed",
            1 => "failed",
            _ => "could not complete",
        };
        writeln!(out, "## redlist screen: {verdict}")?;
        writeln!(out)?;
        writeln!(
            out,
            "{} finding(s) at or above `--fail-on {}`; {} file(s) screened as of {}.",
            closing.outcome.failing_findings,
            header.fail_on,
            closing.inputs.len(),
            header.as_of
        )?;
        writeln!(out)?;

        let s = &closing.summary;
        writeln!(out, "| | holdings | exposure |")?;
        writeln!(out, "|---|---:|---:|")?;
        let share = |line: Option<&super::model::ExposureLine>| {
            line.and_then(|l| l.percent)
                .map_or("–".to_string(), |p| format!("{p:.2}%"))
        };
        writeln!(
            out,
            "| match, enacted | {} | {} |",
            s.matches_by_status["enacted"],
            share(s.exposure.by_status.get("enacted"))
        )?;
        writeln!(
            out,
            "| match, recommended | {} | {} |",
            s.matches_by_status["recommended"],
            share(s.exposure.by_status.get("recommended"))
        )?;
        writeln!(
            out,
            "| review | {} | {} |",
            s.verdicts["review"],
            share(s.exposure.by_verdict.get("review"))
        )?;
        writeln!(out, "| clear | {} | |", s.verdicts["clear"])?;
        if s.formerly_listed > 0 {
            writeln!(
                out,
                "| formerly listed (informational) | {} | |",
                s.formerly_listed
            )?;
        }
        if s.suppressed > 0 {
            writeln!(out, "| suppressed by decisions | {} | |", s.suppressed)?;
        }
        writeln!(
            out,
            "| rows | {} read = {} screened + {} skipped + {} rejected | exposure by {} |",
            s.rows.read, s.rows.screened, s.rows.skipped, s.rows.rejected, s.exposure.basis
        )?;
        writeln!(out)?;

        super::table::sort(&mut self.findings);
        let shown: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.verdict != Verdict::Clear || f.formerly_listed.is_some())
            .collect();
        if shown.is_empty() {
            writeln!(out, "No findings.")?;
        } else {
            writeln!(
                out,
                "| verdict | status | list | file:line | holding | entity | evidence |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|---|")?;
            for f in shown {
                let verdict = match (&f.suppressed, &f.formerly_listed, f.verdict) {
                    (Some(s), ..) => format!(
                        "{} (suppressed: {})",
                        f.verdict.as_str(),
                        s.decision.as_str()
                    ),
                    (None, Some(_), Verdict::Clear) => "formerly listed".to_string(),
                    (None, ..) => f.verdict.as_str().to_string(),
                };
                let entity = match (&f.entity_name, &f.formerly_listed) {
                    (Some(name), _) => name.clone(),
                    (None, Some(former)) => {
                        format!("{} (removed {})", former.entity_name, former.removed_on)
                    }
                    _ => String::new(),
                };
                let evidence = f.evidence.as_ref().map_or(String::new(), |e| {
                    format!("{} {:.3} `{}`", e.reason.code(), e.score, cell(&e.matched))
                });
                writeln!(
                    out,
                    "| {verdict} | {} | {} | {}:{} | {} | {} | {evidence} |",
                    f.status.map_or("", |s| s.as_str()),
                    f.list,
                    cell(&f.file),
                    f.line,
                    cell(&holding(f)),
                    cell(&entity),
                )?;
            }
        }
        writeln!(out)?;
        for snapshot in &header.snapshots {
            writeln!(
                out,
                "Snapshot: `{}` {} (current as of {}, {} days before {}), {} enacted, {} recommended, sha256 `{}`; redlist {}.",
                snapshot.list,
                snapshot.date,
                snapshot.current_as_of,
                snapshot.age_days,
                header.as_of,
                snapshot.counts.enacted,
                snapshot.counts.recommended,
                snapshot.sha256,
                header.tool.version
            )?;
            writeln!(out)?;
        }
        for warning in &closing.warnings {
            writeln!(out, "> warning: {}", cell(warning))?;
        }
        Ok(())
    }

    fn abort(&mut self, _out: &mut dyn Write, _error: &str) -> io::Result<()> {
        Ok(())
    }
}

fn holding(f: &Finding) -> String {
    match (&f.ticker, f.name.is_empty()) {
        (Some(t), false) => format!("{} ({t})", f.name),
        (Some(t), true) => t.clone(),
        (None, _) => f.name.clone(),
    }
}

/// Text safe inside a Markdown table cell: no pipes, no line breaks, no
/// HTML, and terminal controls removed.
fn cell(text: &str) -> String {
    let text = crate::sanitize::truncate(&crate::sanitize::for_terminal(text), 120);
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}
