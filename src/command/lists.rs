//! `redlist lists`: the lists carried and their snapshots, with dates,
//! counts by status and sha256; the snapshot in effect at `--as-of` is
//! marked.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{InfoFormat, ListsArgs};
use crate::config::Common;
use crate::exit::ExitCode;
use crate::list::{Catalog, ListHistory, Status};
use crate::report::model::StatusCounts;

#[derive(Serialize)]
struct ListsReport<'a> {
    as_of: NaiveDate,
    lists: Vec<ListOut<'a>>,
}

#[derive(Serialize)]
struct ListOut<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    effect: &'a str,
    url: &'a str,
    verified_through: Option<NaiveDate>,
    in_force_until: Option<NaiveDate>,
    /// The snapshot in effect at `as_of`, if any.
    in_effect: Option<NaiveDate>,
    snapshots: Vec<SnapshotOut<'a>>,
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    date: NaiveDate,
    counts: StatusCounts,
    entities: usize,
    sha256: &'a str,
    source: &'a str,
}

/// Runs `redlist lists`: every list carried, or those named with `--list`.
pub fn run(
    args: &ListsArgs,
    common: &Common,
    catalog: &Catalog,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let histories: Vec<&ListHistory> = if args.common.lists.is_empty() {
        catalog.lists.iter().collect()
    } else {
        common.lists.iter().map(|l| &l.history).collect()
    };
    let report = ListsReport {
        as_of: common.as_of,
        lists: histories
            .into_iter()
            .map(|h| ListOut {
                id: &h.info.id,
                title: &h.info.title,
                publisher: &h.info.publisher,
                effect: &h.info.effect,
                url: &h.info.url,
                verified_through: h.info.verified_through,
                in_force_until: h.info.in_force_until,
                in_effect: h.at(common.as_of).map(|s| s.date),
                snapshots: h
                    .snapshots
                    .iter()
                    .map(|s| SnapshotOut {
                        date: s.date,
                        counts: StatusCounts {
                            enacted: s.count(Status::Enacted) as u64,
                            recommended: s.count(Status::Recommended) as u64,
                        },
                        entities: s.entities.len(),
                        sha256: &s.sha256,
                        source: &s.origin,
                    })
                    .collect(),
            })
            .collect(),
    };
    match args.format {
        InfoFormat::Json => {
            crate::report::json::write_document(out, &report)?;
        }
        InfoFormat::Table => {
            for (i, list) in report.lists.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{}  {}", list.id, list.title)?;
                let mut notes = Vec::new();
                if let Some(date) = list.verified_through {
                    notes.push(format!("verified through {date}"));
                }
                if let Some(end) = list.in_force_until {
                    notes.push(format!("in force until {end}"));
                }
                if !notes.is_empty() {
                    writeln!(out, "  {}", notes.join("; "))?;
                }
                writeln!(
                    out,
                    "  {:<12}  {:>7}  {:>11}  sha256",
                    "snapshot", "enacted", "recommended"
                )?;
                for s in &list.snapshots {
                    let mark = if Some(s.date) == list.in_effect {
                        format!("  <- in effect {}", report.as_of)
                    } else {
                        String::new()
                    };
                    writeln!(
                        out,
                        "  {:<12}  {:>7}  {:>11}  {}{mark}",
                        s.date.to_string(),
                        s.counts.enacted,
                        s.counts.recommended,
                        s.sha256
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::Clean)
}
