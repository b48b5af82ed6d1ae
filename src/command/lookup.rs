//! `redlist lookup`: one name, ticker or ISIN, decided as a holding would
//! be, with the candidates considered and their scores, to explain a
//! verdict.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{InfoFormat, LookupArgs};
use crate::config::Common;
use crate::exit::ExitCode;
use crate::list::Status;
use crate::matching::isin;
use crate::matching::ticker::{HoldingTicker, VenueHints};
use crate::matching::{Evidence, HoldingQuery, Matcher, Verdict};
use crate::sanitize::{for_terminal, truncate};

#[derive(Serialize)]
struct LookupReport {
    query: String,
    read_as: ReadAs,
    lists: Vec<ListLookup>,
}

#[derive(Serialize)]
struct ReadAs {
    name: String,
    normalized: String,
    ticker: Option<String>,
    market: Option<String>,
    isin: Option<String>,
}

#[derive(Serialize)]
struct ListLookup {
    list: String,
    date: chrono::NaiveDate,
    verdict: Verdict,
    status: Option<Status>,
    entity_id: Option<String>,
    entity_name: Option<String>,
    evidence: Option<Evidence>,
    formerly_listed: Option<String>,
    candidates: Vec<CandidateOut>,
}

#[derive(Serialize)]
struct CandidateOut {
    entity_id: String,
    entity_name: String,
    status: Option<Status>,
    removed_on: Option<chrono::NaiveDate>,
    alias: String,
    shape: &'static str,
    score: f64,
    reason: &'static str,
    verdict: Verdict,
}

/// Runs `redlist lookup`.
pub fn run(args: &LookupArgs, common: &Common, out: &mut dyn Write) -> Result<ExitCode> {
    let query = args.query.trim();
    let upper = query.to_ascii_uppercase();
    let isins: Vec<String> = isin::is_valid(&upper)
        .then(|| upper.clone())
        .into_iter()
        .collect();
    // A query without spaces, or in a ticker notation, is also tried as a ticker.
    let ticker = if isins.is_empty() && query.len() <= 24 {
        HoldingTicker::parse(query, VenueHints::default())
    } else {
        None
    };
    let name = if isins.is_empty() { query } else { "" };
    let holding = HoldingQuery::new(name, ticker.clone(), isins.clone());

    let mut lists = Vec::new();
    let mut normalized = String::new();
    for list in &common.lists {
        let snapshot = list.snapshot();
        let matcher = Matcher::new(snapshot, list.history.former_entities(snapshot));
        let decision = matcher.decide(&holding);
        let (display, candidates) = matcher.explain(name);
        normalized = display;
        let targets = matcher.targets();
        let entity = decision.target.map(|t| &targets[t].entity);
        lists.push(ListLookup {
            list: list.history.info.id.clone(),
            date: snapshot.date,
            verdict: decision.verdict,
            status: entity.map(|e| e.status),
            entity_id: entity.map(|e| e.id.clone()),
            entity_name: entity.map(|e| e.name.clone()),
            evidence: decision.evidence,
            formerly_listed: decision.former.map(|t| {
                let target = &targets[t];
                format!(
                    "{} (removed {})",
                    target.entity.name,
                    target.removed_on.map_or(String::new(), |d| d.to_string())
                )
            }),
            candidates: candidates
                .into_iter()
                .take(args.limit)
                .map(|c| {
                    let target = &targets[c.target];
                    CandidateOut {
                        entity_id: target.entity.id.clone(),
                        entity_name: target.entity.name.clone(),
                        status: target.removed_on.is_none().then_some(target.entity.status),
                        removed_on: target.removed_on,
                        alias: c.alias,
                        shape: c.shape,
                        score: c.score,
                        reason: c.reason.code(),
                        verdict: c.verdict,
                    }
                })
                .collect(),
        });
    }
    let report = LookupReport {
        query: query.to_string(),
        read_as: ReadAs {
            name: name.to_string(),
            normalized,
            ticker: ticker.as_ref().map(|t| t.symbol.clone()),
            market: ticker
                .as_ref()
                .and_then(|t| t.market)
                .map(|m| m.to_string()),
            isin: isins.first().cloned(),
        },
        lists,
    };
    match args.format {
        InfoFormat::Json => {
            crate::report::json::write_document(out, &report)?;
        }
        InfoFormat::Table => write_table(out, &report)?,
    }
    let found = report.lists.iter().any(|l| l.verdict == Verdict::Match);
    Ok(if found {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    })
}

fn write_table(out: &mut dyn Write, report: &LookupReport) -> std::io::Result<()> {
    writeln!(out, "query       {}", for_terminal(&report.query))?;
    if !report.read_as.name.is_empty() {
        writeln!(
            out,
            "normalised  {}",
            for_terminal(&report.read_as.normalized)
        )?;
    }
    if let Some(t) = &report.read_as.ticker {
        let market = report
            .read_as
            .market
            .as_deref()
            .unwrap_or("no exchange given");
        writeln!(out, "as ticker   {} ({market})", for_terminal(t))?;
    }
    if let Some(code) = &report.read_as.isin {
        writeln!(out, "as ISIN     {code}")?;
    }
    for list in &report.lists {
        writeln!(out)?;
        write!(
            out,
            "{} {}: {}",
            list.list,
            list.date,
            list.verdict.as_str()
        )?;
        if let (Some(name), Some(id)) = (&list.entity_name, &list.entity_id) {
            let status = list.status.map_or("", Status::as_str);
            write!(out, " {} [{id}] {status}", for_terminal(name))?;
        }
        if let Some(e) = &list.evidence {
            write!(
                out,
                " ({} {:.3}, {:?} via \"{}\")",
                e.reason.code(),
                e.score,
                e.kind,
                for_terminal(&e.matched)
            )?;
        }
        writeln!(out)?;
        if let Some(former) = &list.formerly_listed {
            writeln!(out, "  formerly listed: {}", for_terminal(former))?;
        }
        if list.candidates.is_empty() {
            writeln!(
                out,
                "  no name shares a distinctive word with a listed entity"
            )?;
            continue;
        }
        writeln!(
            out,
            "  {:>5}  {:<10}  {:<24}  {:<7}  {:<40}  alias",
            "score", "shape", "reason", "verdict", "entity"
        )?;
        for c in &list.candidates {
            let entity = match c.removed_on {
                Some(date) => format!("{} (removed {date})", c.entity_name),
                None => c.entity_name.clone(),
            };
            writeln!(
                out,
                "  {:>5.3}  {:<10}  {:<24}  {:<7}  {:<40}  {}",
                c.score,
                c.shape,
                c.reason,
                c.verdict.as_str(),
                truncate(&for_terminal(&entity), 40),
                for_terminal(&c.alias)
            )?;
        }
    }
    Ok(())
}
