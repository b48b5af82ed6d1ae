//! `redlist diff`: what changed on a list between the snapshots in effect on
//! two dates, optionally only for the entities a portfolio holds.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{DiffArgs, InfoFormat};
use crate::config::Common;
use crate::exit::ExitCode;
use crate::list::{Change, ListDiff, ListHistory};
use crate::matching::{HoldingQuery, Matcher};
use crate::portfolio::row::RowClassifier;
use crate::portfolio::{HoldingFields, HoldingsReader, ReadOptions, Row, RowKind, Source};
use crate::sanitize::for_terminal;

#[derive(Serialize)]
struct DiffReport<'a> {
    list: &'a str,
    from: End,
    to: End,
    portfolio: Option<String>,
    #[serde(flatten)]
    diff: &'a ListDiff,
}

/// A date asked for and the snapshot in effect then.
#[derive(Serialize)]
struct End {
    date: NaiveDate,
    snapshot: NaiveDate,
    sha256: String,
}

/// Runs `redlist diff`.
pub fn run(args: &DiffArgs, common: &Common, out: &mut dyn Write) -> Result<ExitCode> {
    let [list] = common.lists.as_slice() else {
        bail!("diff compares one list; name it with --list");
    };
    let history = &list.history;
    if args.from > args.to {
        bail!(
            "FROM {} is after TO {}; give the earlier date first",
            args.from,
            args.to
        );
    }
    let snapshot_at = |date: NaiveDate| {
        history.at(date).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: no snapshot on or before {date}; its snapshots are dated {}",
                history.info.id,
                history.dates()
            )
        })
    };
    let (from, to) = (snapshot_at(args.from)?, snapshot_at(args.to)?);
    let mut diff = ListDiff::between(from, to);
    if let Some(path) = &args.portfolio {
        let held = entities_held(path, history, &[from, to])?;
        diff.retain(|id| held.contains(id));
    }
    let report = DiffReport {
        list: &history.info.id,
        from: End {
            date: args.from,
            snapshot: from.date,
            sha256: from.sha256.clone(),
        },
        to: End {
            date: args.to,
            snapshot: to.date,
            sha256: to.sha256.clone(),
        },
        portfolio: args.portfolio.as_ref().map(|p| p.display().to_string()),
        diff: &diff,
    };
    match args.format {
        InfoFormat::Json => {
            crate::report::json::write_document(out, &report)?;
        }
        InfoFormat::Table => write_table(out, &report)?,
    }
    Ok(ExitCode::Clean)
}

/// The ids of entities a portfolio's holdings match or resemble on any of
/// `snapshots` (or were formerly listed as).
fn entities_held(
    path: &std::path::Path,
    history: &ListHistory,
    snapshots: &[&crate::list::Snapshot],
) -> Result<BTreeSet<String>> {
    let matchers: Vec<Matcher> = snapshots
        .iter()
        .map(|s| Matcher::new(s, history.former_entities(s)))
        .collect();
    let mut reader =
        HoldingsReader::open(&Source::Path(path.to_path_buf()), &ReadOptions::default())?;
    let mut row = Row::default();
    let mut classifier = RowClassifier::default();
    let mut held = BTreeSet::new();
    while reader.read(&mut row)? {
        let format = reader.format();
        if classifier.classify(format, &row.record) != RowKind::Holding {
            continue;
        }
        let fields = HoldingFields::read(format, &row.record);
        let query = HoldingQuery::new(fields.name_for_matching(), fields.ticker(), fields.isins());
        for matcher in &matchers {
            let decision = matcher.decide(&query);
            for t in decision.target.into_iter().chain(decision.former) {
                held.insert(matcher.targets()[t].entity.id.clone());
            }
        }
    }
    Ok(held)
}

fn write_table(out: &mut dyn Write, report: &DiffReport<'_>) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} (snapshot {}) -> {} (snapshot {})",
        report.list, report.from.date, report.from.snapshot, report.to.date, report.to.snapshot
    )?;
    if let Some(p) = &report.portfolio {
        writeln!(
            out,
            "only changes touching the holdings of {}",
            for_terminal(p)
        )?;
    }
    let groups: [(&str, &Vec<Change>); 5] = [
        ("added (enacted)", &report.diff.added),
        ("recommended", &report.diff.recommended),
        ("removed", &report.diff.removed),
        ("status changes", &report.diff.status_changes),
        ("renamed", &report.diff.renamed),
    ];
    for (title, changes) in groups {
        writeln!(out)?;
        writeln!(out, "{title}: {}", changes.len())?;
        for c in changes {
            let detail = match (&c.former_name, c.from_status, c.to_status) {
                (Some(old), ..) => format!("  (was {})", for_terminal(old)),
                (None, Some(a), Some(b)) if a != b => {
                    format!("  ({} -> {})", a.as_str(), b.as_str())
                }
                _ => String::new(),
            };
            writeln!(
                out,
                "  {:<48} {}{detail}",
                c.entity_id,
                for_terminal(&c.name)
            )?;
        }
    }
    Ok(())
}
