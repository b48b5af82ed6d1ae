//! `redlist screen`: read each holdings file, decide every holding against
//! every list, stream findings to the renderer, count, and decide the exit
//! code.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::cli::{FailOn, Format, ScreenArgs};
use crate::config::{Common, ResolvedList};
use crate::exit::ExitCode;
use crate::list::Status;
use crate::matching::{Decision, HoldingQuery, Matcher, Verdict};
use crate::portfolio::columns::{ColumnOverrides, Role};
use crate::portfolio::decode::EncodingChoice;
use crate::portfolio::numbers::Number;
use crate::portfolio::{
    FileFormat, HoldingFields, HoldingsReader, ReadOptions, Row, RowKind, SkipReason, Source,
};
use crate::report::model::{
    Closing, EntityRef, Finding, FormerlyListed, Header, InputBlock, Outcome, Rejected,
    SCHEMA_VERSION, SnapshotBlock, StatusCounts, Summary, Tool,
};
use crate::report::tally::{HoldingTally, Tally};
use crate::report::{Renderer, json::JsonRenderer, table::TableRenderer};

/// A snapshot older than this many days at `--as-of` gets a warning.
pub const STALE_AFTER_DAYS: i64 = 365;
/// Distinct holdings whose decisions are remembered; beyond, the memory is
/// cleared (it bounds memory on files where every row is different).
const CACHE_CAPACITY: usize = 200_000;
/// Rejected rows listed per file; beyond, only counted.
const REJECTED_LISTED: usize = 1000;
/// Warnings of one kind listed per file; beyond, only counted.
const WARNINGS_LISTED: usize = 5;

/// Settings of one screen.
pub struct ScreenConfig {
    /// Shared settings.
    pub common: Common,
    /// The holdings files.
    pub inputs: Vec<Source>,
    /// How to read them.
    pub read: ReadOptions,
    /// Output format.
    pub format: Format,
    /// Failure level.
    pub fail_on: FailOn,
    /// Report clear holdings too.
    pub all: bool,
    /// Rejected rows fail the run.
    pub strict: bool,
    /// Snapshot age that fails the run.
    pub max_list_age: Option<u32>,
}

impl ScreenConfig {
    /// Resolves `redlist screen`'s arguments.
    pub fn from_args(args: &ScreenArgs, common: Common) -> Result<ScreenConfig> {
        let mut overrides = ColumnOverrides::default();
        for (role, given) in [
            (Role::Name, &args.name_col),
            (Role::Ticker, &args.ticker_col),
            (Role::Isin, &args.isin_col),
            (Role::Weight, &args.weight_col),
            (Role::MarketValue, &args.value_col),
            (Role::Exchange, &args.exchange_col),
        ] {
            if let Some(column) = given {
                overrides.given.push((role, column.clone()));
            }
        }
        let stdin_count = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            bail!("standard input (-) can be given only once");
        }
        let inputs = args
            .inputs
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Source::Stdin
                } else {
                    Source::Path(p.clone())
                }
            })
            .collect();
        Ok(ScreenConfig {
            common,
            inputs,
            read: ReadOptions {
                encoding: EncodingChoice::parse(&args.encoding)?,
                overrides,
                sheet: args.sheet.clone(),
            },
            format: args.format,
            fail_on: args.fail_on,
            all: args.all,
            strict: args.strict,
            max_list_age: args.max_list_age,
        })
    }
}

/// One list being screened.
struct ListRun<'a> {
    list: &'a ResolvedList,
    matcher: Matcher,
}

/// Runs the screen, writing the report to `out`. Returns the exit code and
/// the warnings for standard error.
pub fn run(config: &ScreenConfig, out: &mut dyn Write) -> Result<(ExitCode, Vec<String>)> {
    let as_of = config.common.as_of;
    let mut warnings = config.common.warnings.clone();
    let blocks: Vec<SnapshotBlock> = config
        .common
        .lists
        .iter()
        .map(|l| snapshot_block(l, as_of))
        .collect();
    for block in &blocks {
        if let Some(max) = config.max_list_age
            && block.age_days > i64::from(max)
        {
            bail!(
                "{} snapshot {} is {} days old on {as_of} (current as of {}), over --max-list-age {max}; update redlist or its lists",
                block.list,
                block.date,
                block.age_days,
                block.current_as_of
            );
        }
        if block.stale {
            warnings.push(format!(
                "{} snapshot {} is {} days old on {as_of}: newer changes to the list may be missing",
                block.list, block.date, block.age_days
            ));
        }
    }
    // Every input must exist and have a readable layout before anything is
    // written, so that an error never leaves half a report behind. Files are
    // opened again to screen them; standard input, read once, is kept.
    let mut stdin_reader = None;
    for source in &config.inputs {
        if let Source::Path(path) = source {
            check_path(path)?;
        }
        let reader = HoldingsReader::open(source, &config.read)?;
        if matches!(source, Source::Stdin) {
            stdin_reader = Some(reader);
        }
    }

    let runs: Vec<ListRun> = config
        .common
        .lists
        .iter()
        .map(|list| ListRun {
            matcher: Matcher::new(
                list.snapshot(),
                list.history.former_entities(list.snapshot()),
            ),
            list,
        })
        .collect();
    let header = Header {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        as_of,
        fail_on: config.fail_on.as_str().to_string(),
        snapshots: blocks,
    };
    let mut renderer: Box<dyn Renderer> = match config.format {
        Format::Table => Box::new(TableRenderer::new(config.common.color)),
        Format::Json => Box::new(JsonRenderer::default()),
    };
    renderer.begin(out, &header)?;

    let mut inputs = Vec::new();
    let mut total = Tally::default();
    let mut failing = 0u64;
    let mut rejected_rows = 0u64;
    let mut single_weight_file = true;
    for source in &config.inputs {
        let screened = (|| -> Result<FileScreen<'_>> {
            let reader = match source {
                Source::Stdin => stdin_reader
                    .take()
                    .context("standard input can be read only once")?,
                Source::Path(_) => HoldingsReader::open(source, &config.read)?,
            };
            let mut screen = FileScreen::new(reader, &runs);
            screen.rows(|finding| {
                if fails(finding, config.fail_on) {
                    failing += 1;
                }
                if config.all || finding.is_notable() {
                    renderer.finding(out, finding)?;
                }
                Ok(())
            })?;
            Ok(screen)
        })();
        let screen = match screened {
            Ok(screen) => screen,
            Err(error) => {
                // The report has begun: end it so that it says it failed.
                renderer.abort(out, &format!("{error:#}"))?;
                return Err(error);
            }
        };
        warnings.extend(screen.format_warnings());
        warnings.extend(screen.row_warnings());
        rejected_rows += screen.state.tally.rows.rejected;
        single_weight_file &= config.inputs.len() == 1 && screen.has_weight_column();
        total.merge(&screen.state.tally);
        inputs.push(screen.into_block());
    }

    let exposure = total.exposure(single_weight_file);
    let summary = Summary {
        rows: total.rows.clone(),
        verdicts: total.verdict_counts(),
        matches_by_status: total.status_counts(),
        formerly_listed: total.formerly_listed(),
        exposure,
    };
    let mut exit = if failing > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    };
    if config.strict && rejected_rows > 0 {
        warnings.push(format!(
            "{rejected_rows} row(s) could not be screened and --strict is set"
        ));
        exit = ExitCode::Error;
    }
    let closing = Closing {
        inputs,
        summary,
        warnings: warnings.clone(),
        outcome: Outcome {
            exit_code: exit.code(),
            failing_findings: failing,
        },
    };
    renderer.finish(out, &header, &closing)?;
    Ok((exit, warnings))
}

/// True when the finding is at or above the failure level.
pub fn fails(finding: &Finding, fail_on: FailOn) -> bool {
    match (fail_on, finding.verdict, finding.status) {
        (FailOn::Never, ..) => false,
        (FailOn::Enacted, Verdict::Match, Some(Status::Enacted)) => true,
        (FailOn::Recommended, Verdict::Match, Some(_)) => true,
        (FailOn::Review, Verdict::Match | Verdict::Review, _) => true,
        _ => false,
    }
}

fn check_path(path: &PathBuf) -> Result<()> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            bail!("{shown} is a directory; give the holdings files in it, e.g. {shown}/*.csv")
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!("{shown}: no such file"),
        Err(e) => bail!("{shown}: cannot open: {e}"),
    }
}

fn snapshot_block(list: &ResolvedList, as_of: NaiveDate) -> SnapshotBlock {
    let snapshot = list.snapshot();
    let current_as_of = list
        .history
        .current_as_of(snapshot)
        .min(as_of.max(snapshot.date));
    let age_days = (as_of - current_as_of).num_days().max(0);
    SnapshotBlock {
        list: list.history.info.id.clone(),
        title: list.history.info.title.clone(),
        date: snapshot.date,
        sha256: snapshot.sha256.clone(),
        source: list.source(),
        current_as_of,
        age_days,
        stale: age_days > STALE_AFTER_DAYS,
        counts: StatusCounts {
            enacted: snapshot.count(Status::Enacted) as u64,
            recommended: snapshot.count(Status::Recommended) as u64,
        },
        effect: list.history.info.effect.clone(),
    }
}

/// The screen of one file: its reader, and what is counted while reading.
struct FileScreen<'a> {
    reader: HoldingsReader,
    state: FileState<'a>,
}

/// What one file's screen counts and remembers.
struct FileState<'a> {
    runs: &'a [ListRun<'a>],
    tally: Tally,
    rejected: Vec<Rejected>,
    cache: HashMap<String, Vec<Decision>>,
    bad_numbers: Vec<String>,
    bad_number_count: u64,
    invalid_isins: Vec<String>,
    invalid_isin_count: u64,
    long_names: u64,
}

impl<'a> FileScreen<'a> {
    fn new(reader: HoldingsReader, runs: &'a [ListRun<'a>]) -> FileScreen<'a> {
        let mut tally = Tally::default();
        tally.weight_in_percent_header = reader.format().layout.columns.weight_in_percent;
        let state = FileState {
            runs,
            tally,
            rejected: Vec::new(),
            cache: HashMap::new(),
            bad_numbers: Vec::new(),
            bad_number_count: 0,
            invalid_isins: Vec::new(),
            invalid_isin_count: 0,
            long_names: 0,
        };
        FileScreen { reader, state }
    }

    fn has_weight_column(&self) -> bool {
        self.reader
            .format()
            .layout
            .columns
            .get(Role::Weight)
            .is_some()
    }

    fn format_warnings(&self) -> Vec<String> {
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

    /// Reads every row, calling `emit` with each finding.
    fn rows(&mut self, mut emit: impl FnMut(&Finding) -> std::io::Result<()>) -> Result<()> {
        let mut row = Row::default();
        let mut key = String::new();
        while self.reader.read(&mut row)? {
            let format = self.reader.format();
            match crate::portfolio::row::classify(format, &row.record) {
                RowKind::Skipped(reason) => {
                    let value = match crate::portfolio::numbers::parse(
                        format.cell(&row.record, Role::MarketValue),
                        format.value_style,
                    ) {
                        Number::Value { value, .. } => Some(value),
                        _ => None,
                    };
                    let counts = !matches!(
                        reason,
                        SkipReason::Blank
                            | SkipReason::Text
                            | SkipReason::Total
                            | SkipReason::HeaderRepeat
                    );
                    self.state.tally.skipped(reason.code(), value, counts);
                }
                RowKind::Rejected(reason) => {
                    self.state.tally.rejected();
                    let fields = HoldingFields::read(format, &row.record);
                    let detail = match fields.invalid_isin() {
                        Some(bad) => format!(
                            "no name or ticker, and ISIN {bad:?} is not valid (wrong check digit or shape)"
                        ),
                        None => "no name, ticker or ISIN".to_string(),
                    };
                    if self.state.rejected.len() < REJECTED_LISTED {
                        self.state.rejected.push(Rejected {
                            file: format.name.clone(),
                            line: row.line,
                            reason: reason.code().to_string(),
                            detail,
                        });
                    }
                }
                RowKind::Holding => {
                    let fields = HoldingFields::read(format, &row.record);
                    let findings = self.state.decide(format, &fields, row.line, &mut key);
                    for finding in &findings {
                        emit(finding)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn row_warnings(&self) -> Vec<String> {
        self.state.warnings(&self.reader.format().name)
    }

    fn into_block(self) -> InputBlock {
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
        let exposure = self
            .state
            .tally
            .exposure(format.layout.columns.get(Role::Weight).is_some());
        InputBlock {
            file: format.name.clone(),
            encoding: format.encoding.clone(),
            encoding_guessed: format.encoding_guessed,
            sheet: format.sheet.clone(),
            delimiter: (format.layout.delimiter as char).to_string(),
            header_line: format.layout.header_line,
            columns,
            rows: self.state.tally.rows.clone(),
            exposure,
            rejected: self.state.rejected,
        }
    }
}

impl FileState<'_> {
    fn decide(
        &mut self,
        format: &FileFormat,
        fields: &HoldingFields<'_>,
        line: u64,
        key: &mut String,
    ) -> Vec<Finding> {
        let weight = self.amount(
            fields.weight,
            "weight",
            format.cell_header(Role::Weight),
            line,
        );
        let market_value = self.amount(
            fields.market_value,
            "market value",
            format.cell_header(Role::MarketValue),
            line,
        );
        if let Number::Value { percent: true, .. } = fields.weight {
            self.tally.weight_had_percent_sign = true;
        }
        if let Some(bad) = fields.invalid_isin() {
            self.invalid_isin_count += 1;
            if self.invalid_isins.len() < WARNINGS_LISTED {
                self.invalid_isins.push(format!("line {line}: {bad:?}"));
            }
        }
        if fields.name.chars().count() > crate::portfolio::row::MAX_NAME_CHARS {
            self.long_names += 1;
        }

        key.clear();
        for part in [
            fields.name_for_matching(),
            fields.ticker,
            fields.isin,
            fields.cusip,
            fields.exchange,
            fields.currency,
            fields.country,
        ] {
            key.push_str(part);
            key.push('\u{1f}');
        }
        let isins = fields.isins();
        let decisions = match self.cache.get(key.as_str()) {
            Some(d) => d.clone(),
            None => {
                let query = HoldingQuery {
                    name: fields.name_for_matching(),
                    ticker: fields.ticker(),
                    isins: isins.clone(),
                };
                let decisions: Vec<Decision> =
                    self.runs.iter().map(|r| r.matcher.decide(&query)).collect();
                if self.cache.len() >= CACHE_CAPACITY {
                    self.cache.clear();
                }
                self.cache.insert(key.clone(), decisions.clone());
                decisions
            }
        };

        let mut tally = HoldingTally {
            weight,
            value: market_value,
            ..HoldingTally::default()
        };
        let mut findings = Vec::with_capacity(decisions.len());
        for (run, decision) in self.runs.iter().zip(decisions) {
            let finding = finding(
                run,
                decision,
                fields,
                &format.name,
                line,
                isins.first().cloned(),
                weight,
                market_value,
            );
            if let (Some(id), Some(name), Some(status)) =
                (&finding.entity_id, &finding.entity_name, finding.status)
                && finding.verdict != Verdict::Clear
            {
                tally.found.push((
                    finding.list.clone(),
                    id.clone(),
                    name.clone(),
                    status,
                    finding.verdict,
                ));
            }
            tally.formerly_listed |= finding.formerly_listed.is_some();
            findings.push(finding);
        }
        self.tally.screened(&tally);
        findings
    }

    /// A number cell's value; an unreadable one is remembered for a warning.
    fn amount(&mut self, number: Number, what: &str, header: &str, line: u64) -> Option<f64> {
        match number {
            Number::Value { value, .. } => Some(value),
            Number::Empty => None,
            Number::Invalid => {
                self.bad_number_count += 1;
                if self.bad_numbers.len() < WARNINGS_LISTED {
                    self.bad_numbers
                        .push(format!("line {line}: {what} ({header}) is not a number"));
                }
                None
            }
        }
    }

    fn warnings(&self, name: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        let more = |listed: usize, total: u64| {
            if total as usize > listed {
                format!(" and {} more", total as usize - listed)
            } else {
                String::new()
            }
        };
        if self.bad_number_count > 0 {
            warnings.push(format!(
                "{name}: {} cell(s) are not numbers and count as missing: {}{}",
                self.bad_number_count,
                self.bad_numbers.join("; "),
                more(self.bad_numbers.len(), self.bad_number_count)
            ));
        }
        if self.invalid_isin_count > 0 {
            warnings.push(format!(
                "{name}: {} ISIN(s) are not valid and were not used: {}{}",
                self.invalid_isin_count,
                self.invalid_isins.join("; "),
                more(self.invalid_isins.len(), self.invalid_isin_count)
            ));
        }
        if self.long_names > 0 {
            warnings.push(format!(
                "{name}: {} name(s) longer than {} characters were matched on their start",
                self.long_names,
                crate::portfolio::row::MAX_NAME_CHARS
            ));
        }
        if self.tally.rows.rejected > 0 {
            warnings.push(format!(
                "{name}: {} row(s) could not be screened (see rejected rows)",
                self.tally.rows.rejected
            ));
        }
        warnings
    }
}

/// Builds the finding for one holding on one list.
#[allow(clippy::too_many_arguments)]
fn finding(
    run: &ListRun<'_>,
    decision: Decision,
    fields: &HoldingFields<'_>,
    file: &str,
    line: u64,
    isin: Option<String>,
    weight: Option<f64>,
    market_value: Option<f64>,
) -> Finding {
    let targets = run.matcher.targets();
    let entity = decision.target.map(|t| &targets[t].entity);
    let snapshot = run.list.snapshot();
    let parent = entity.and_then(|e| e.parent_id.as_ref()).map(|id| {
        let on_list = snapshot.entity(id);
        EntityRef {
            entity_id: id.clone(),
            name: on_list.map_or_else(|| id.clone(), |p| p.name.clone()),
            status: on_list.map(|p| p.status),
        }
    });
    Finding {
        list: run.list.history.info.id.clone(),
        file: file.to_string(),
        line,
        name: fields.name.to_string(),
        ticker: Some(fields.ticker.to_string()).filter(|t| !t.is_empty()),
        isin,
        weight,
        market_value,
        verdict: decision.verdict,
        status: entity.map(|e| e.status),
        since: entity.map(|e| e.since),
        entity_id: entity.map(|e| e.id.clone()),
        entity_name: entity.map(|e| e.name.clone()),
        evidence: decision.evidence,
        parent,
        formerly_listed: decision.former.map(|t| &targets[t]).and_then(|t| {
            t.removed_on.map(|removed_on| FormerlyListed {
                entity_id: t.entity.id.clone(),
                entity_name: t.entity.name.clone(),
                removed_on,
            })
        }),
    }
}
