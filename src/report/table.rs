//! The table report for people at a terminal: findings sorted by verdict,
//! status and exposure, per file; then rows, verdicts and exposure; then the
//! snapshot used. Every name from a list or file is sanitised first.

use std::io::{self, Write};

use super::model::{Exposure, Finding, InputBlock, RowCounts, SnapshotBlock};
use super::{Closing, Header, Renderer};
use crate::list::Status;
use crate::matching::Verdict;
use crate::sanitize::{for_terminal, truncate};

/// Holding names are cut to this many characters.
const HOLDING_WIDTH: usize = 36;
/// Entity names are cut to this many characters.
const ENTITY_WIDTH: usize = 40;

/// Writes the table; holds findings until the end to sort them.
#[derive(Default)]
pub struct TableRenderer {
    findings: Vec<Finding>,
    /// ANSI colours.
    pub color: bool,
}

impl TableRenderer {
    /// A renderer, coloured or not.
    pub fn new(color: bool) -> TableRenderer {
        TableRenderer {
            findings: Vec::new(),
            color,
        }
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn heading(&self, text: &str) -> String {
        self.paint(text, "1")
    }
}

impl Renderer for TableRenderer {
    fn begin(&mut self, _out: &mut dyn Write, _header: &Header) -> io::Result<()> {
        Ok(())
    }

    fn finding(&mut self, _out: &mut dyn Write, finding: &Finding) -> io::Result<()> {
        self.findings.push(finding.clone());
        Ok(())
    }

    fn abort(&mut self, _out: &mut dyn Write, _error: &str) -> io::Result<()> {
        // Nothing was printed yet; the error goes to standard error alone.
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        header: &Header,
        closing: &Closing,
    ) -> io::Result<()> {
        let lists: Vec<String> = header
            .snapshots
            .iter()
            .map(|s| format!("{} {}", s.list, s.date))
            .collect();
        let files = closing.inputs.len();
        writeln!(
            out,
            "redlist {}: {} {} screened against {} (as of {})",
            header.tool.version,
            files,
            if files == 1 { "file" } else { "files" },
            lists.join(", "),
            header.as_of
        )?;
        let many_lists = header.snapshots.len() > 1;
        sort(&mut self.findings);
        for input in &closing.inputs {
            writeln!(out)?;
            writeln!(out, "{}", self.heading(&for_terminal(&input.file)))?;
            writeln!(out, "  {}", describe_input(input))?;
            let mine: Vec<&Finding> = self
                .findings
                .iter()
                .filter(|f| f.file == input.file)
                .collect();
            let (formerly, findings): (Vec<&Finding>, Vec<&Finding>) = mine
                .into_iter()
                .partition(|f| f.verdict == Verdict::Clear && f.formerly_listed.is_some());
            let (shown, clear): (Vec<&Finding>, Vec<&Finding>) = findings
                .into_iter()
                .partition(|f| f.verdict != Verdict::Clear);
            if shown.is_empty() {
                writeln!(out, "  no findings")?;
            } else {
                self.write_findings(out, &shown, many_lists)?;
            }
            if !formerly.is_empty() {
                writeln!(
                    out,
                    "  formerly listed (informational, does not fail the run):"
                )?;
                for f in formerly {
                    if let Some(former) = &f.formerly_listed {
                        writeln!(
                            out,
                            "    line {:<6} {:<w$}  {} (removed {})",
                            f.line,
                            holding_text(f),
                            for_terminal(&former.entity_name),
                            former.removed_on,
                            w = HOLDING_WIDTH
                        )?;
                    }
                }
            }
            if !clear.is_empty() {
                writeln!(out, "  clear: {} holdings listed with --all", clear.len())?;
                for f in clear {
                    writeln!(out, "    line {:<6} {}", f.line, holding_text(f))?;
                }
            }
            if !input.rejected.is_empty() {
                writeln!(out, "  rejected rows:")?;
                for r in input.rejected.iter().take(20) {
                    writeln!(
                        out,
                        "    line {:<6} {}: {}",
                        r.line,
                        r.reason,
                        for_terminal(&r.detail)
                    )?;
                }
                if input.rejected.len() > 20 {
                    writeln!(
                        out,
                        "    ... and {} more (all in --format json)",
                        input.rejected.len() - 20
                    )?;
                }
            }
            writeln!(out, "  rows: {}", describe_rows(&input.rows))?;
            if files > 1 {
                writeln!(out, "  exposure: {}", describe_exposure(&input.exposure))?;
            }
        }

        writeln!(out)?;
        writeln!(
            out,
            "{}",
            self.heading(if files > 1 {
                "Summary (all files)"
            } else {
                "Summary"
            })
        )?;
        let s = &closing.summary;
        if files > 1 {
            writeln!(out, "  rows      {}", describe_rows(&s.rows))?;
        }
        writeln!(
            out,
            "  verdicts  {} match ({} enacted, {} recommended), {} review, {} clear{}",
            s.verdicts["match"],
            s.matches_by_status["enacted"],
            s.matches_by_status["recommended"],
            s.verdicts["review"],
            s.verdicts["clear"],
            if s.formerly_listed > 0 {
                format!("; {} formerly listed", s.formerly_listed)
            } else {
                String::new()
            }
        )?;
        if s.suppressed > 0 {
            writeln!(
                out,
                "  decisions {} finding(s) suppressed by reviewed decisions",
                s.suppressed
            )?;
        }
        writeln!(out, "  exposure  {}", describe_exposure(&s.exposure))?;
        if many_lists {
            for (list, statuses) in &s.exposure.by_list {
                let parts: Vec<String> = statuses
                    .iter()
                    .map(|(status, line)| match line.percent {
                        Some(p) => format!("{status} {p:.2}% ({})", line.holdings),
                        None => format!("{status} {}", line.holdings),
                    })
                    .collect();
                writeln!(out, "    {list:<20}{}", parts.join(", "))?;
            }
        }
        for e in s.exposure.by_entity.iter().take(25) {
            let share = e
                .line
                .percent
                .map_or(String::new(), |p| format!("{p:>8.2}%"));
            let list = if many_lists {
                format!("{:<20}", e.list)
            } else {
                String::new()
            };
            writeln!(
                out,
                "    {list}{:<w$}  {:<11}  {:<6}  {:>4} {:<8}{share}",
                truncate(&for_terminal(&e.entity_name), ENTITY_WIDTH),
                e.status.as_str(),
                e.verdict.as_str(),
                e.line.holdings,
                if e.line.holdings == 1 {
                    "holding"
                } else {
                    "holdings"
                },
                w = ENTITY_WIDTH
            )?;
        }
        if s.exposure.by_entity.len() > 25 {
            writeln!(
                out,
                "    ... and {} more entities (all in --format json)",
                s.exposure.by_entity.len() - 25
            )?;
        }

        writeln!(out)?;
        writeln!(
            out,
            "{}",
            self.heading(if header.snapshots.len() > 1 {
                "Snapshots"
            } else {
                "Snapshot"
            })
        )?;
        for snapshot in &header.snapshots {
            writeln!(
                out,
                "  {}",
                describe_snapshot(snapshot, &header.as_of.to_string())
            )?;
            let matched = self
                .findings
                .iter()
                .any(|f| f.list == snapshot.list && f.verdict == Verdict::Match);
            if let Some(applies) = snapshot.applies.as_ref().filter(|_| matched) {
                writeln!(out, "    what applies to its matches: {applies}")?;
            }
        }
        writeln!(out)?;
        let verdict = match closing.outcome.exit_code {
            0 => format!("PASS: nothing at or above --fail-on {}", header.fail_on),
            1 => format!(
                "FAIL: {} finding(s) at or above --fail-on {}",
                closing.outcome.failing_findings, header.fail_on
            ),
            _ => "ERROR: the screen cannot be trusted (see messages)".to_string(),
        };
        let code = if closing.outcome.exit_code == 0 {
            "32"
        } else {
            "31;1"
        };
        writeln!(out, "{}", self.paint(&verdict, code))
    }
}

impl TableRenderer {
    fn write_findings(
        &self,
        out: &mut dyn Write,
        findings: &[&Finding],
        many_lists: bool,
    ) -> io::Result<()> {
        let list_head = if many_lists {
            format!("{:<20}", "list")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {list_head}{:<11}  {:<7}  {:>8}  {:<6}  {:<hw$}  {:<ew$}  evidence",
            "status",
            "verdict",
            "weight",
            "line",
            "holding",
            "entity",
            hw = HOLDING_WIDTH,
            ew = ENTITY_WIDTH
        )?;
        for f in findings {
            let status = f.status.map_or("-", Status::as_str);
            let colour = match (f.verdict, f.status) {
                (Verdict::Match, Some(Status::Enacted)) => "31",
                (Verdict::Match, _) => "33",
                _ => "36",
            };
            let weight = f.weight.map_or("-".to_string(), |w| format!("{w:.2}"));
            let evidence = f.evidence.as_ref().map_or(String::new(), |e| {
                format!(
                    "{} {:.3} \"{}\"",
                    e.reason.code(),
                    e.score,
                    truncate(&for_terminal(&e.matched), 40)
                )
            });
            let list = if many_lists {
                format!("{:<20}", f.list)
            } else {
                String::new()
            };
            let colour = if f.suppressed.is_some() { "2" } else { colour };
            let verdict = self.paint(&format!("{:<7}", f.verdict.as_str()), colour);
            let mut evidence = evidence;
            if let Some(s) = &f.suppressed {
                evidence.push_str(&format!(
                    " [suppressed {}: {} ({})]",
                    s.decision.as_str(),
                    truncate(&for_terminal(&s.reason), 60),
                    for_terminal(&s.source)
                ));
            }
            if let Some(date) = f.effective {
                let divest = f
                    .divestment_until
                    .map_or(String::new(), |d| format!(", divestment allowed until {d}"));
                evidence.push_str(&format!(" [purchase prohibited since {date}{divest}]"));
            }
            writeln!(
                out,
                "  {list}{:<11}  {verdict}  {:>8}  {:<6}  {:<hw$}  {:<ew$}  {evidence}",
                status,
                weight,
                f.line,
                holding_text(f),
                truncate(
                    &for_terminal(f.entity_name.as_deref().unwrap_or("")),
                    ENTITY_WIDTH
                ),
                hw = HOLDING_WIDTH,
                ew = ENTITY_WIDTH
            )?;
        }
        Ok(())
    }
}

/// Findings in report order: matches, then reviews; enacted before
/// recommended; larger weight first; then file and line.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.verdict,
                f.status.map_or(2, |s| s as u8),
                f.file.clone(),
                f.line,
                f.list.clone(),
            )
        };
        let weight = |f: &Finding| f.weight.or(f.market_value).unwrap_or(0.0);
        key(a)
            .0
            .cmp(&key(b).0)
            .then(key(a).1.cmp(&key(b).1))
            .then(
                weight(b)
                    .partial_cmp(&weight(a))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(key(a).2.cmp(&key(b).2))
            .then(key(a).3.cmp(&key(b).3))
            .then(key(a).4.cmp(&key(b).4))
    });
}

/// The holding as shown: sanitised name (or identifier) and ticker.
fn holding_text(f: &Finding) -> String {
    let name = if f.name.is_empty() {
        f.isin.clone().or(f.ticker.clone()).unwrap_or_default()
    } else {
        f.name.clone()
    };
    let ticker = f
        .ticker
        .as_deref()
        .filter(|t| !t.is_empty() && !f.name.is_empty())
        .map_or(String::new(), |t| format!(" ({t})"));
    let ticker_chars = ticker.chars().count();
    format!(
        "{}{}",
        truncate(
            &for_terminal(&name),
            HOLDING_WIDTH.saturating_sub(ticker_chars).max(12)
        ),
        for_terminal(&ticker)
    )
}

fn describe_input(input: &InputBlock) -> String {
    let delimiter = match input.delimiter.as_str() {
        "\t" => "tab".to_string(),
        d => format!("'{d}'"),
    };
    let sheet = input
        .sheet
        .as_ref()
        .map_or(String::new(), |s| format!(", sheet {:?}", for_terminal(s)));
    let guessed = if input.encoding_guessed {
        " (detected)"
    } else {
        ""
    };
    format!(
        "{}{guessed}{sheet}, delimiter {delimiter}, header on line {}",
        input.encoding, input.header_line
    )
}

fn describe_rows(rows: &RowCounts) -> String {
    let reasons: Vec<String> = rows
        .skipped_by_reason
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join(", "))
    };
    format!(
        "{} read = {} screened + {} skipped{reasons} + {} rejected",
        rows.read, rows.screened, rows.skipped, rows.rejected
    )
}

fn describe_exposure(e: &Exposure) -> String {
    let part = |key: &str, map: &std::collections::BTreeMap<String, super::model::ExposureLine>| {
        let line = map.get(key).copied().unwrap_or_default();
        match line.percent {
            Some(p) => format!("{key} {p:.2}% ({})", line.holdings),
            None => format!("{key} {}", line.holdings),
        }
    };
    let basis = match (e.basis.as_str(), e.weight_unit.as_deref()) {
        ("weight", Some("fraction")) => {
            "by weight column (fractions, shown as percent)".to_string()
        }
        ("weight", _) => "by weight column (percent)".to_string(),
        ("market-value", _) => "by share of market value".to_string(),
        _ => "by count of holdings (no weights or values in the file)".to_string(),
    };
    format!(
        "{basis}: {}, {}, {}",
        part("enacted", &e.by_status),
        part("recommended", &e.by_status),
        part("review", &e.by_verdict)
    )
}

fn describe_snapshot(s: &SnapshotBlock, as_of: &str) -> String {
    let days = if s.age_days == 1 {
        "1 day".to_string()
    } else {
        format!("{} days", s.age_days)
    };
    let age = if s.current_as_of > s.date {
        format!("current as of {}, {days} before {as_of}", s.current_as_of)
    } else {
        format!("{days} before {as_of}")
    };
    let stale = if s.stale { " STALE" } else { "" };
    format!(
        "{} {} ({age}){stale}: {} enacted, {} recommended; {}; sha256 {}",
        s.list, s.date, s.counts.enacted, s.counts.recommended, s.source, s.sha256
    )
}
