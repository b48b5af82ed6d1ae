//! The screen of one holdings file: every row read, classified, decided,
//! counted and handed to the renderer; then the file's block of the report.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::holding::{self, DecisionCache, ListRun, Place};
use super::{ScreenConfig, fails};
use crate::matching::Verdict;
use crate::portfolio::columns::Role;
use crate::portfolio::numbers::{self, Number};
use crate::portfolio::row::{MAX_NAME_CHARS, RowClassifier};
use crate::portfolio::{HoldingFields, HoldingsReader, Row, RowKind};
use crate::report::model::{Finding, InputBlock, Rejected};
use crate::report::tally::{EntityNames, Found, HoldingTally, Tally};
use crate::report::{Renderer, RowOutcome, RowReport};

/// Rejected rows listed per file; beyond, only counted.
const REJECTED_LISTED: usize = 1000;
/// Warnings of one kind listed per file; beyond, only counted.
const WARNINGS_LISTED: usize = 5;
/// A progress bar appears once a file has taken this long.
const PROGRESS_AFTER: Duration = Duration::from_secs(2);

/// Problems worth a warning, counted with the first few examples.
#[derive(Default)]
struct Noted {
    count: u64,
    examples: Vec<String>,
}

impl Noted {
    fn add(&mut self, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < WARNINGS_LISTED {
            self.examples.push(example());
        }
    }

    fn describe(&self, file: &str, what: &str) -> Option<String> {
        (self.count > 0).then(|| {
            let more = self.count.saturating_sub(self.examples.len() as u64);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(
                "{file}: {} {what}: {}{more}",
                self.count,
                self.examples.join("; ")
            )
        })
    }
}

/// The screen of one file.
pub struct FileScreen<'a> {
    reader: HoldingsReader,
    runs: &'a [ListRun<'a>],
    config: &'a ScreenConfig,
    /// What was counted.
    pub tally: Tally,
    /// Findings at or above `--fail-on`, not suppressed.
    pub failing: u64,
    /// Findings suppressed by the decisions file.
    pub suppressed: u64,
    cache: DecisionCache,
    classifier: RowClassifier,
    rejected: Vec<Rejected>,
    bad_numbers: Noted,
    invalid_isins: Noted,
    extra_cells: Noted,
    long_names: u64,
}

impl<'a> FileScreen<'a> {
    /// Starts the screen of an opened file.
    pub fn new(
        reader: HoldingsReader,
        runs: &'a [ListRun<'a>],
        config: &'a ScreenConfig,
    ) -> FileScreen<'a> {
        let mut tally = Tally::default();
        tally.weight_in_percent_header = reader.format().layout.columns.weight_in_percent;
        FileScreen {
            reader,
            runs,
            config,
            tally,
            failing: 0,
            suppressed: 0,
            cache: DecisionCache::default(),
            classifier: RowClassifier::default(),
            rejected: Vec::new(),
            bad_numbers: Noted::default(),
            invalid_isins: Noted::default(),
            extra_cells: Noted::default(),
            long_names: 0,
        }
    }

    /// Reads every row, handing findings (and, for formats that want them,
    /// every row) to the renderer.
    pub fn run(&mut self, renderer: &mut dyn Renderer, out: &mut dyn Write) -> Result<()> {
        let format = self.reader.format().clone();
        renderer.file(out, &format.name, &format.layout.headers)?;
        let wants_rows = renderer.wants_rows();
        let started = Instant::now();
        let progress = self
            .config
            .progress
            .then(|| progress_bar(&format.name, self.reader.size_hint()));
        let mut row = Row::default();
        let mut findings: Vec<Finding> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let width = format.layout.headers.len();
        let mut rows: u64 = 0;
        while self.reader.read(&mut row)? {
            rows += 1;
            if let Some(bar) = &progress
                && rows % 4096 == 0
            {
                if started.elapsed() >= PROGRESS_AFTER {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
                bar.set_position(self.reader.bytes_read());
            }
            if row.record.len() > width
                && row.record.iter().skip(width).any(|c| !c.trim().is_empty())
            {
                let line = row.line;
                self.extra_cells.add(|| format!("line {line}"));
            }
            let outcome = match self.classifier.classify(&format, &row.record) {
                RowKind::Skipped(reason) => {
                    let value = amount(numbers::parse(
                        format.cell(&row.record, Role::MarketValue),
                        format.value_style,
                    ));
                    self.tally.skipped(reason, value);
                    RowOutcome::Skipped(reason.code())
                }
                RowKind::Rejected(reason) => {
                    self.tally.rejected();
                    if self.rejected.len() < REJECTED_LISTED {
                        let fields = HoldingFields::read(&format, &row.record);
                        let detail = match fields.invalid_isin() {
                            Some(bad) => format!(
                                "no name or ticker, and ISIN {bad:?} is not valid (wrong check digit or shape)"
                            ),
                            None => "no name, ticker or ISIN".to_string(),
                        };
                        self.rejected.push(Rejected {
                            file: format.name.clone(),
                            line: row.line,
                            reason: reason.code().into(),
                            detail,
                        });
                    }
                    RowOutcome::Rejected(reason.code())
                }
                RowKind::Holding => {
                    let fields = HoldingFields::read(&format, &row.record);
                    self.holding(&fields, row.line, wants_rows, &mut findings, &mut found);
                    for finding in &findings {
                        if self.config.all || finding.is_notable() {
                            renderer.finding(out, finding)?;
                        }
                    }
                    RowOutcome::Screened(&findings)
                }
            };
            if wants_rows {
                renderer.row(
                    out,
                    &RowReport {
                        file: &format.name,
                        line: row.line,
                        record: &row.record,
                        outcome,
                    },
                )?;
            }
        }
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        Ok(())
    }

    /// Decides one holding, counts it, and leaves its findings in
    /// `findings` (every list's when `all_findings`, else the notable ones).
    fn holding(
        &mut self,
        fields: &HoldingFields<'_>,
        line: u64,
        all_findings: bool,
        findings: &mut Vec<Finding>,
        found: &mut Vec<Found>,
    ) {
        findings.clear();
        found.clear();
        let weight = self.amount(fields.weight, "weight", line);
        let market_value = self.amount(fields.market_value, "market value", line);
        if let Number::Value { percent: true, .. } = fields.weight {
            self.tally.weight_had_percent_sign = true;
        }
        if let Some(bad) = fields.invalid_isin() {
            self.invalid_isins.add(|| format!("line {line}: {bad:?}"));
        }
        if fields.name.chars().nth(MAX_NAME_CHARS).is_some() {
            self.long_names += 1;
        }

        let decisions = self.cache.decide(self.runs, fields);
        let want = |d: &crate::matching::Decision| {
            all_findings || self.config.all || holding::is_notable(d)
        };
        let mut formerly_listed = false;
        if decisions.iter().any(want) {
            let isins = fields.isins();
            let file = self.reader.format().name.clone();
            let place = Place {
                file: &file,
                line,
                fields,
                isins: &isins,
                weight,
                market_value,
            };
            let reviewed = self
                .config
                .decisions
                .as_ref()
                .map(|d| (d, self.config.common.as_of));
            for (list, (run, decision)) in self.runs.iter().zip(decisions.iter()).enumerate() {
                if !want(decision) {
                    continue;
                }
                let finding = holding::finding(run, decision, &place, reviewed);
                formerly_listed |= finding.formerly_listed.is_some();
                if finding.suppressed.is_some() {
                    self.suppressed += 1;
                } else {
                    if fails(&finding, self.config.fail_on) {
                        self.failing += 1;
                    }
                    if let (Some(target), Some(status)) = (decision.target, finding.status)
                        && decision.verdict != Verdict::Clear
                    {
                        found.push(Found {
                            list,
                            target,
                            status,
                            verdict: decision.verdict,
                        });
                    }
                }
                findings.push(finding);
            }
        }
        self.tally.screened(&HoldingTally {
            weight,
            value: market_value,
            found,
            formerly_listed,
        });
    }

    /// A number cell's value; an unreadable one is noted for a warning.
    fn amount(&mut self, number: Number, what: &str, line: u64) -> Option<f64> {
        match number {
            Number::Invalid => {
                let header = self.reader.format().cell_header(if what == "weight" {
                    Role::Weight
                } else {
                    Role::MarketValue
                });
                let header = header.to_string();
                self.bad_numbers
                    .add(|| format!("line {line}: {what} ({header})"));
                None
            }
            other => amount(other),
        }
    }

    /// Warnings about the file's format (a guessed encoding).
    pub fn format_warnings(&self) -> Vec<String> {
        let format = self.reader.format();
        let mut warnings = Vec::new();
        if format.encoding_guessed {
            warnings.push(format!(
                "{}: read as {} (detected from its bytes); pass --encoding if names look wrong",
                format.name, format.encoding
            ));
        }
        warnings
    }

    /// Warnings about the rows read.
    pub fn row_warnings(&self) -> Vec<String> {
        let name = &self.reader.format().name;
        let mut warnings = Vec::new();
        warnings.extend(
            self.bad_numbers
                .describe(name, "cell(s) are not numbers and count as missing"),
        );
        warnings.extend(
            self.invalid_isins
                .describe(name, "ISIN(s) are not valid and were not used"),
        );
        warnings.extend(self.extra_cells.describe(
            name,
            "row(s) have more cells than the header; the extra cells were ignored",
        ));
        if self.long_names > 0 {
            warnings.push(format!(
                "{name}: {} name(s) longer than {MAX_NAME_CHARS} characters were matched on their start",
                self.long_names
            ));
        }
        if self.tally.rejected_rows() > 0 {
            warnings.push(format!(
                "{name}: {} row(s) could not be screened (see rejected rows)",
                self.tally.rejected_rows()
            ));
        }
        warnings
    }

    /// True when the file has a weight column.
    pub fn has_weight_column(&self) -> bool {
        self.reader
            .format()
            .layout
            .columns
            .get(Role::Weight)
            .is_some()
    }

    /// The file's block of the report.
    pub fn block(&self, names: &dyn Fn(usize, usize) -> EntityNames) -> InputBlock {
        let format = self.reader.format();
        let columns = format
            .layout
            .columns
            .roles()
            .map(|(role, column)| {
                (
                    role.key().to_string(),
                    format.layout.headers[column].clone(),
                )
            })
            .collect();
        InputBlock {
            file: format.name.clone(),
            encoding: format.encoding.clone(),
            encoding_guessed: format.encoding_guessed,
            sheet: format.sheet.clone(),
            delimiter: (format.layout.delimiter as char).to_string(),
            header_line: format.layout.header_line,
            columns,
            rows: self.tally.rows(),
            exposure: self.tally.exposure(self.has_weight_column(), names),
            rejected: self.rejected.clone(),
        }
    }
}

fn amount(number: Number) -> Option<f64> {
    match number {
        Number::Value { value, .. } => Some(value),
        Number::Empty | Number::Invalid => None,
    }
}

fn progress_bar(name: &str, total: Option<u64>) -> ProgressBar {
    let bar = match total {
        Some(bytes) => ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::hidden()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
    };
    let template = if total.is_some() {
        "{msg} [{bar:30}] {bytes}/{total_bytes} {elapsed}"
    } else {
        "{msg} {spinner} {bytes} {elapsed}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name.to_string());
    bar
}
