//! The report model: one serialisable description of a screen that every
//! output format renders. Field names are the JSON contract (snake case,
//! stable; see `schema/report.schema.json`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::decisions::{DecisionsReport, Suppression};
use crate::list::Status;
use crate::matching::{Evidence, Verdict};

/// The version of the JSON contract. Within a major version, fields are
/// only added, never removed or changed in meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// What does not change while a screen runs: known before the first row.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The tool and its version.
    pub tool: Tool,
    /// The date the screen is for.
    pub as_of: NaiveDate,
    /// The level at which the run fails.
    pub fail_on: String,
    /// One block per list screened.
    pub snapshots: Vec<SnapshotBlock>,
}

/// The tool that made the report.
#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    /// `redlist`.
    pub name: &'static str,
    /// The package version.
    pub version: &'static str,
}

impl Tool {
    /// This build.
    pub fn this() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// Which snapshot of a list was used, and how current it is.
#[derive(Clone, Debug, Serialize)]
pub struct SnapshotBlock {
    /// The list id.
    pub list: String,
    /// The list's title.
    pub title: String,
    /// The snapshot's date.
    pub date: NaiveDate,
    /// SHA-256 of the snapshot file.
    pub sha256: String,
    /// `lists/<id>/<date>.csv` for a snapshot compiled in, else the path.
    pub source: String,
    /// The last date the list is known to have been unchanged.
    pub current_as_of: NaiveDate,
    /// Days from `current_as_of` to the screen's `as_of`.
    pub age_days: i64,
    /// Older than a year.
    pub stale: bool,
    /// Entities by status.
    pub counts: StatusCounts,
    /// What being on this list means.
    pub effect: String,
    /// What applies to a holding of a listed entity, for a list with legal
    /// effect on holdings (NS-CMIC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies: Option<String>,
}

/// Counts by list status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StatusCounts {
    /// Enacted entities.
    pub enacted: u64,
    /// Recommended entities.
    pub recommended: u64,
}

/// One screened holding against one list. The JSON report writes it by
/// hand (`finding_json`), field for field as this derive does; a test there
/// fails when the two part.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The list id.
    pub list: String,
    /// The holdings file (`-` for standard input).
    pub file: String,
    /// The 1-based line of the record in that file.
    pub line: u64,
    /// The holding's name as printed.
    pub name: String,
    /// The ticker as printed, if any.
    pub ticker: Option<String>,
    /// The holding's ISIN, if it has a valid one.
    pub isin: Option<String>,
    /// The weight as printed (percent or fraction; see the input's exposure).
    pub weight: Option<f64>,
    /// The market value as printed.
    pub market_value: Option<f64>,
    /// Match, review or clear.
    pub verdict: Verdict,
    /// The list status of the entity the evidence points at.
    pub status: Option<Status>,
    /// The date the entity got that status.
    pub since: Option<NaiveDate>,
    /// The entity's id.
    pub entity_id: Option<String>,
    /// The entity's printed name.
    pub entity_name: Option<String>,
    /// Why.
    pub evidence: Option<Evidence>,
    /// The entity's parent on the list, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<EntityRef>,
    /// When the holding is an entity that left the list: which and when.
    pub formerly_listed: Option<FormerlyListed>,
    /// Where the list has legal effect from a date (NS-CMIC): the date the
    /// purchase prohibition started for this entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<NaiveDate>,
    /// Where the list has one: the end of the window for sales to divest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub divestment_until: Option<NaiveDate>,
    /// A reviewer's decision that suppresses this finding: it is reported
    /// but never counts towards `--fail-on`.
    pub suppressed: Option<Suppression>,
}

impl Finding {
    /// True for a finding shown by default: a match, a review, or a holding
    /// of a formerly listed entity.
    pub fn is_notable(&self) -> bool {
        self.verdict != Verdict::Clear || self.formerly_listed.is_some()
    }
}

/// Another entity, named in evidence.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRef {
    /// Its id.
    pub entity_id: String,
    /// Its printed name.
    pub name: String,
    /// Its status, when it is on the snapshot used.
    pub status: Option<Status>,
}

/// A holding of an entity that was on the list and is not any more.
#[derive(Clone, Debug, Serialize)]
pub struct FormerlyListed {
    /// The entity's id.
    pub entity_id: String,
    /// Its printed name when last listed.
    pub entity_name: String,
    /// The date of the first snapshot without it.
    pub removed_on: NaiveDate,
}

/// How rows were accounted for.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RowCounts {
    /// Records after the header row.
    pub read: u64,
    /// Holdings screened.
    pub screened: u64,
    /// Rows that are not holdings.
    pub skipped: u64,
    /// Skipped rows by reason code.
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Holdings that could not be screened.
    pub rejected: u64,
}

impl RowCounts {
    /// Adds another file's counts.
    pub fn add(&mut self, other: &RowCounts) {
        self.read += other.read;
        self.screened += other.screened;
        self.skipped += other.skipped;
        self.rejected += other.rejected;
        for (reason, n) in &other.skipped_by_reason {
            *self.skipped_by_reason.entry(reason.clone()).or_default() += n;
        }
    }
}

/// A row that could not be screened.
#[derive(Clone, Debug, Serialize)]
pub struct Rejected {
    /// The file.
    pub file: String,
    /// The line.
    pub line: u64,
    /// Stable code.
    pub reason: String,
    /// What was wrong, for a person.
    pub detail: String,
}

/// One holdings file as read.
#[derive(Clone, Debug, Serialize)]
pub struct InputBlock {
    /// The file (`-` for standard input).
    pub file: String,
    /// The encoding read (`utf-8`, `windows-1252`, `xlsx` ...).
    pub encoding: String,
    /// The encoding was guessed from the bytes.
    pub encoding_guessed: bool,
    /// The sheet read, for a spreadsheet.
    pub sheet: Option<String>,
    /// The delimiter.
    pub delimiter: String,
    /// The header row's line.
    pub header_line: u64,
    /// Which header each recognised column had, by role.
    pub columns: BTreeMap<String, String>,
    /// Row accounting.
    pub rows: RowCounts,
    /// Exposure of this file.
    pub exposure: Exposure,
    /// Rows not screened, with line and reason.
    pub rejected: Vec<Rejected>,
}

/// Exposure: the share of the portfolio in findings.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Exposure {
    /// `weight`, `market-value` or `count`.
    pub basis: String,
    /// For the weight basis: `percent` or `fraction`, as the file writes it.
    pub weight_unit: Option<String>,
    /// Matches by status (each holding once, at its strongest status).
    pub by_status: BTreeMap<String, ExposureLine>,
    /// Matches by list and status (a holding on two lists counts on each).
    pub by_list: BTreeMap<String, BTreeMap<String, ExposureLine>>,
    /// Matches and reviews.
    pub by_verdict: BTreeMap<String, ExposureLine>,
    /// Matches and reviews by entity, largest first.
    pub by_entity: Vec<EntityExposure>,
}

/// Holdings and their share of the portfolio.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ExposureLine {
    /// Number of holdings.
    pub holdings: u64,
    /// Percent of the portfolio (0-100); absent on the count basis.
    pub percent: Option<f64>,
}

/// Exposure to one listed entity.
#[derive(Clone, Debug, Serialize)]
pub struct EntityExposure {
    /// The list.
    pub list: String,
    /// The entity's id.
    pub entity_id: String,
    /// Its printed name.
    pub entity_name: String,
    /// Its status.
    pub status: Status,
    /// The strongest verdict among its holdings.
    pub verdict: Verdict,
    /// Number of holdings and share.
    #[serde(flatten)]
    pub line: ExposureLine,
}

/// The end of a report: everything counted.
#[derive(Clone, Debug, Serialize)]
pub struct Closing {
    /// One block per file.
    pub inputs: Vec<InputBlock>,
    /// Everything together.
    pub summary: Summary,
    /// Things the reader should know (stale list, guessed encoding ...).
    pub warnings: Vec<String>,
    /// The decisions file used, if any: what it suppressed, what expired,
    /// what matched nothing.
    pub decisions: Option<DecisionsReport>,
    /// Whether the run fails, and why.
    pub outcome: Outcome,
}

/// The totals over all files.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Rows, all files together.
    pub rows: RowCounts,
    /// Holdings by strongest verdict across lists.
    pub verdicts: BTreeMap<String, u64>,
    /// Matching holdings by strongest status.
    pub matches_by_status: BTreeMap<String, u64>,
    /// Holdings of formerly listed entities.
    pub formerly_listed: u64,
    /// Findings suppressed by the decisions file.
    pub suppressed: u64,
    /// Exposure, all files together (see `basis`).
    pub exposure: Exposure,
}

/// The exit decision.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// 0, 1 or 2.
    pub exit_code: i32,
    /// Findings at or above `fail_on`.
    pub failing_findings: u64,
}
