//! Screening holdings files: every file read, every holding decided against
//! every list, findings streamed to the renderer, everything counted, and
//! the exit code derived from the findings in one place ([`fails`]).
//!
//! - `holding`: one holding against every list, decisions remembered per
//!   distinct holding.
//! - `batches`: a file's rows read on a thread of their own.
//! - `file`: one file, row by row.

pub mod batches;
pub mod file;
pub mod holding;

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{FailOn, Format};
use crate::config::{Common, ResolvedList};
use crate::decisions::Decisions;
use crate::exit::ExitCode;
use crate::list::Status;
use crate::matching::{Matcher, Verdict};
use crate::portfolio::{HoldingsReader, ReadOptions, Source};
use crate::report::model::{
    Closing, Finding, Header, Outcome, SCHEMA_VERSION, SnapshotBlock, StatusCounts, Summary, Tool,
};
use crate::report::tally::{EntityNames, Tally};
use crate::report::{
    Renderer, csv::CsvRenderer, github::GithubRenderer, json::JsonRenderer,
    markdown::MarkdownRenderer, table::TableRenderer,
};

use file::FileScreen;
use holding::ListRun;

/// A snapshot older than this many days at `--as-of` gets a warning.
pub const STALE_AFTER_DAYS: i64 = 365;

/// Settings of one screen, resolved.
pub struct ScreenConfig {
    /// Shared settings: date, lists, colour.
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
    /// Reviewed findings.
    pub decisions: Option<Decisions>,
    /// Show a progress bar on standard error for long inputs.
    pub progress: bool,
}

/// True when the finding is at or above the failure level (suppressed
/// findings are counted by the caller, never here).
pub fn fails(finding: &Finding, fail_on: FailOn) -> bool {
    match (fail_on, finding.verdict, finding.status) {
        (FailOn::Never, ..) => false,
        (FailOn::Enacted, Verdict::Match, Some(Status::Enacted)) => true,
        (FailOn::Recommended, Verdict::Match, Some(_)) => true,
        (FailOn::Review, Verdict::Match | Verdict::Review, _) => true,
        _ => false,
    }
}

/// What a screen produced besides its report.
pub struct Screened {
    /// The exit code.
    pub exit: ExitCode,
    /// The warnings for standard error.
    pub warnings: Vec<String>,
    /// The indexes of the lists, no longer needed (see [`crate::Leftovers`]).
    pub matchers: Vec<Matcher>,
}

/// Runs the screen, writing the report to `out`.
pub fn run(config: &ScreenConfig, out: &mut dyn Write) -> Result<Screened> {
    let as_of = config.common.as_of;
    let mut warnings = config.common.warnings.clone();
    let blocks: Vec<SnapshotBlock> = config
        .common
        .lists
        .iter()
        .map(|l| snapshot_block(l, as_of))
        .collect();
    check_ages(&blocks, config.max_list_age, as_of, &mut warnings)?;

    // Every input must exist and have a readable layout before anything is
    // written, so that an error never leaves half a report behind. The
    // first input (screened next) and standard input (read once) stay
    // open; other files are opened again when their turn comes, so that
    // many files do not hold many open files.
    let mut opened: Vec<Option<HoldingsReader>> = Vec::with_capacity(config.inputs.len());
    let mut first_headers: Option<(String, Vec<String>)> = None;
    for source in &config.inputs {
        if let Source::Path(path) = source {
            check_path(path)?;
        }
        let reader = HoldingsReader::open(source, &config.read)?;
        check_same_columns(config.format, &reader, &mut first_headers)?;
        let keep = opened.is_empty() || matches!(source, Source::Stdin);
        opened.push(keep.then_some(reader));
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
    let names = |list: usize, target: usize| {
        let run = &runs[list];
        let entity = run.matcher.targets().get(target).map(|t| &t.entity);
        EntityNames {
            list: run.list.history.info.id.clone(),
            entity_id: entity.map_or_else(String::new, |e| e.id.clone()),
            entity_name: entity.map_or_else(String::new, |e| e.name.clone()),
        }
    };
    let header = Header {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        as_of,
        fail_on: config.fail_on.as_str().to_string(),
        snapshots: blocks,
    };
    let mut renderer = renderer(config);
    renderer.begin(out, &header)?;

    let mut inputs = Vec::new();
    let mut total = Tally::default();
    let (mut failing, mut suppressed) = (0u64, 0u64);
    for (source, opened) in config.inputs.iter().zip(&mut opened) {
        let screened = (|| -> Result<FileScreen<'_>> {
            let reader = match (opened.take(), source) {
                (Some(reader), _) => reader,
                (None, Source::Stdin) => bail!("standard input can be read only once"),
                (None, Source::Path(_)) => HoldingsReader::open(source, &config.read)?,
            };
            let mut screen = FileScreen::new(reader.format().clone(), &runs, config);
            screen.run(reader, renderer.as_mut(), out)?;
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
        failing += screen.failing;
        suppressed += screen.suppressed;
        total.merge(&screen.tally);
        inputs.push(screen.block(&names));
    }

    let single_weight_file = inputs.len() == 1 && inputs[0].columns.contains_key("weight");
    let summary = Summary {
        rows: total.rows(),
        verdicts: total.verdict_counts(),
        matches_by_status: total.status_counts(),
        formerly_listed: total.formerly_listed(),
        suppressed,
        exposure: total.exposure(single_weight_file, &names),
    };
    let decisions = config.decisions.as_ref().map(|d| d.report(as_of));
    if let Some(report) = &decisions {
        for expired in &report.expired {
            warnings.push(format!(
                "{}:{}: the decision on {:?} ({}) expired on {}; the finding counts again",
                report.file,
                expired.line,
                expired.holding,
                expired.entity_id,
                expired.expires.map_or_else(String::new, |d| d.to_string())
            ));
        }
        for unused in &report.unused {
            warnings.push(format!(
                "{}:{}: the decision on {:?} ({}) matched no finding; remove it if the holding is gone",
                report.file, unused.line, unused.holding, unused.entity_id
            ));
        }
    }
    let mut exit = if failing > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    };
    if config.strict && total.rejected_rows() > 0 {
        warnings.push(format!(
            "{} row(s) could not be screened and --strict is set",
            total.rejected_rows()
        ));
        exit = ExitCode::Error;
    }
    let closing = Closing {
        inputs,
        summary,
        warnings: warnings.clone(),
        decisions,
        outcome: Outcome {
            exit_code: exit.code(),
            failing_findings: failing,
        },
    };
    renderer.finish(out, &header, &closing)?;
    Ok(Screened {
        exit,
        warnings,
        matchers: runs.into_iter().map(|run| run.matcher).collect(),
    })
}

fn renderer(config: &ScreenConfig) -> Box<dyn Renderer> {
    match config.format {
        Format::Table => Box::new(TableRenderer::new(config.common.color)),
        Format::Json => Box::new(JsonRenderer::default()),
        Format::Csv => Box::new(CsvRenderer::default()),
        Format::Markdown => Box::new(MarkdownRenderer::default()),
        Format::Github => Box::new(GithubRenderer::new(config.fail_on)),
    }
}

/// Warns about stale snapshots; fails past `--max-list-age`.
fn check_ages(
    blocks: &[SnapshotBlock],
    max_age: Option<u32>,
    as_of: NaiveDate,
    warnings: &mut Vec<String>,
) -> Result<()> {
    for block in blocks {
        if let Some(max) = max_age
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
    Ok(())
}

/// CSV output adds columns to the input's own: every file must have the
/// same columns.
fn check_same_columns(
    format: Format,
    reader: &HoldingsReader,
    first: &mut Option<(String, Vec<String>)>,
) -> Result<()> {
    if format != Format::Csv {
        return Ok(());
    }
    let this = reader.format();
    match first {
        None => *first = Some((this.name.clone(), this.layout.headers.clone())),
        Some((name, headers)) if *headers != this.layout.headers => bail!(
            "--format csv writes the input's rows with columns added, so every file needs the same columns: {} and {name} differ; screen them separately",
            this.name
        ),
        Some(_) => {}
    }
    Ok(())
}

fn check_path(path: &Path) -> Result<()> {
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

/// The report's block for one list: which snapshot, how current, counts.
pub fn snapshot_block(list: &ResolvedList, as_of: NaiveDate) -> SnapshotBlock {
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
        applies: list.history.info.applies.clone(),
    }
}
