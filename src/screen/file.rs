//! The screen of one holdings file: every row read and classified (on a
//! thread of its own, see `batches`), decided, counted and handed to the
//! renderer in file order; then the file's block of the report.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::batches;
use super::holding::{self, Decided, DecisionCache, ListRun, Place};
use super::{ScreenConfig, fails};
use crate::matching::{Decision, Verdict};
use crate::portfolio::columns::Role;
use crate::portfolio::numbers::{self, Number};
use crate::portfolio::row::MAX_NAME_CHARS;
use crate::portfolio::{FileFormat, HoldingFields, HoldingsReader, Row, RowKind};
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
    format: FileFormat,
    runs: &'a [ListRun<'a>],
    config: &'a ScreenConfig,
    /// What was counted.
    pub tally: Tally,
    /// Findings at or above `--fail-on`, not suppressed.
    pub failing: u64,
    /// Findings suppressed by the decisions file.
    pub suppressed: u64,
    cache: DecisionCache,
    /// The decision keys of a batch's holdings (`HoldingFields::write_key`).
    keys: Vec<Vec<u8>>,
    rejected: Vec<Rejected>,
    bad_numbers: Noted,
    invalid_isins: Noted,
    extra_cells: Noted,
    long_names: u64,
}

impl<'a> FileScreen<'a> {
    /// Starts the screen of a file of this format.
    pub fn new(
        format: FileFormat,
        runs: &'a [ListRun<'a>],
        config: &'a ScreenConfig,
    ) -> FileScreen<'a> {
        let mut tally = Tally::default();
        tally.weight_in_percent_header = format.layout.columns.weight_in_percent;
        FileScreen {
            format,
            runs,
            config,
            tally,
            failing: 0,
            suppressed: 0,
            cache: DecisionCache::default(),
            keys: Vec::new(),
            rejected: Vec::new(),
            bad_numbers: Noted::default(),
            invalid_isins: Noted::default(),
            extra_cells: Noted::default(),
            long_names: 0,
        }
    }

    /// Reads every row of `reader` (opened on this screen's file), handing
    /// findings (and, for formats that want them, every row) to the
    /// renderer.
    pub fn run(
        &mut self,
        reader: HoldingsReader,
        renderer: &mut dyn Renderer,
        out: &mut dyn Write,
    ) -> Result<()> {
        renderer.file(out, &self.format.name, &self.format.layout.headers)?;
        let started = Instant::now();
        let progress = self
            .config
            .progress
            .then(|| progress_bar(&self.format.name, reader.size_hint()));
        let screened = batches::read_in_background(reader, |mut batches| {
            let mut shown = false;
            while let Some(batch) = batches.next_batch() {
                let batch = batch?;
                if let Some(bar) = &progress {
                    if !shown && started.elapsed() >= PROGRESS_AFTER {
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                        shown = true;
                    }
                    bar.set_position(batch.bytes_read);
                }
                self.batch(batch.rows(), batch.kinds(), renderer, out)?;
                batches.recycle(batch);
            }
            Ok(())
        });
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        screened
    }

    /// Screens rows read one after another, with what each is: the
    /// holdings decided together, then each row counted and rendered in
    /// order.
    fn batch(
        &mut self,
        rows: &[Row],
        kinds: &[RowKind],
        renderer: &mut dyn Renderer,
        out: &mut dyn Write,
    ) -> Result<()> {
        let format = &self.format;
        // Sized once: a batch's holdings are a few hundred bytes each.
        let mut holdings = Vec::with_capacity(rows.len());
        for (row, _) in rows
            .iter()
            .zip(kinds)
            .filter(|(_, kind)| **kind == RowKind::Holding)
        {
            holdings.push(HoldingFields::read(format, &row.record).with_isin_cells(row.isin_cells));
        }
        // Decision keys, in buffers kept from batch to batch.
        if self.keys.len() < holdings.len() {
            self.keys.resize_with(holdings.len(), Vec::new);
        }
        for (fields, key) in holdings.iter().zip(&mut self.keys) {
            key.clear();
            fields.write_key(key);
        }
        let holding_keys: Vec<&[u8]> = self.keys[..holdings.len()]
            .iter()
            .map(Vec::as_slice)
            .collect();
        // The cache lends the batch its decisions while the rows are
        // counted, and comes back after.
        let mut cache = std::mem::take(&mut self.cache);
        let decided = cache.decide_all(self.runs, &holdings, &holding_keys);
        let rendered = self.render_batch(rows, kinds, &holdings, &decided, &cache, renderer, out);
        self.cache = cache;
        rendered
    }

    /// Counts and renders the rows of a batch whose holdings are decided.
    #[allow(clippy::too_many_arguments)]
    fn render_batch(
        &mut self,
        rows: &[Row],
        kinds: &[RowKind],
        holdings: &[HoldingFields<'_>],
        decided: &[Decided],
        cache: &DecisionCache,
        renderer: &mut dyn Renderer,
        out: &mut dyn Write,
    ) -> Result<()> {
        let wants_rows = renderer.wants_rows();
        let width = self.format.layout.headers.len();
        let mut findings: Vec<Finding> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut holding = 0;
        for (row, &kind) in rows.iter().zip(kinds) {
            if row.record.len() > width
                && row.record.iter().skip(width).any(|c| !c.trim().is_empty())
            {
                let line = row.line;
                self.extra_cells.add(|| format!("line {line}"));
            }
            let outcome = match kind {
                RowKind::Skipped(reason) => {
                    let value = amount(numbers::parse(
                        self.format.cell(&row.record, Role::MarketValue),
                        self.format.value_style,
                    ));
                    self.tally.skipped(reason, value);
                    RowOutcome::Skipped(reason.code())
                }
                RowKind::Rejected(reason) => {
                    self.rejected_row(row, reason);
                    RowOutcome::Rejected(reason.code())
                }
                RowKind::Holding => {
                    // Holdings were read and decided in row order above.
                    // A clear holding's decisions are read only when
                    // every decision is reported.
                    let place = decided[holding];
                    let fields = &holdings[holding];
                    let decisions = if wants_rows || self.config.all || cache.is_notable(place) {
                        cache.get(place)
                    } else {
                        &[]
                    };
                    holding += 1;
                    self.holding(
                        fields,
                        decisions,
                        row.line,
                        wants_rows,
                        &mut findings,
                        &mut found,
                    );
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
                        file: &self.format.name,
                        line: row.line,
                        record: &row.record,
                        outcome,
                    },
                )?;
            }
        }
        Ok(())
    }

    /// Counts a row that cannot be screened and lists the first ones.
    fn rejected_row(&mut self, row: &Row, reason: crate::portfolio::RejectReason) {
        self.tally.rejected();
        if self.rejected.len() >= REJECTED_LISTED {
            return;
        }
        let fields = HoldingFields::read(&self.format, &row.record);
        let detail = match fields.invalid_isin() {
            Some(bad) => {
                format!(
                    "no name or ticker, and ISIN {bad:?} is not valid (wrong check digit or shape)"
                )
            }
            None => "no name, ticker or ISIN".to_string(),
        };
        self.rejected.push(Rejected {
            file: self.format.name.clone(),
            line: row.line,
            reason: reason.code().into(),
            detail,
        });
    }

    /// Counts one decided holding and leaves its findings in `findings`
    /// (every list's when `all_findings`, else the notable ones).
    /// `decisions` is empty for a holding with nothing notable when only
    /// notable findings are wanted.
    fn holding(
        &mut self,
        fields: &HoldingFields<'_>,
        decisions: &[Decision],
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
        if fields.name_for_matching().len() < fields.name.len() {
            self.long_names += 1;
        }

        let want = |d: &crate::matching::Decision| {
            all_findings || self.config.all || holding::is_notable(d)
        };
        let mut formerly_listed = false;
        if decisions.iter().any(want) {
            let isins = fields.isins();
            let place = Place {
                file: &self.format.name,
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
                let header = self.format.cell_header(if what == "weight" {
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
        let format = &self.format;
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
        let name = &self.format.name;
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
        self.format.layout.columns.get(Role::Weight).is_some()
    }

    /// The file's block of the report.
    pub fn block(&self, names: &dyn Fn(usize, usize) -> EntityNames) -> InputBlock {
        let format = &self.format;
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
    bar.set_message(crate::sanitize::for_terminal(name));
    bar
}
