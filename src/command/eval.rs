//! `redlist eval` (hidden): matching quality on a labelled set.
//!
//! The set is a CSV with `name,ticker,exchange,currency,isin,expect,entity_id`
//! (and optional `category,note`): each line a holding as files print it,
//! labelled `match` (with the entity), `review` or `clear`. Reported:
//! - recall: labelled-match lines found as a match to the right entity;
//! - false matches: lines given a match they should not have (a clear or
//!   review line matched, or a match to the wrong entity);
//! - review rate: the share of lines not labelled match that got review;
//! - the confusion table of label against verdict, and per-category misses.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::cli::{EvalArgs, InfoFormat};
use crate::config::Common;
use crate::exit::ExitCode;
use crate::matching::ticker::{HoldingTicker, VenueHints};
use crate::matching::{HoldingQuery, Matcher, Verdict, isin};

#[derive(Serialize)]
struct EvalReport {
    list: String,
    snapshot: chrono::NaiveDate,
    lines: usize,
    labelled_match: usize,
    labelled_other: usize,
    recall: f64,
    found: usize,
    false_matches: usize,
    reviews_on_unlisted: usize,
    review_rate: f64,
    /// label -> verdict -> count
    confusion: BTreeMap<String, BTreeMap<String, usize>>,
    errors: Vec<EvalError>,
}

#[derive(Serialize)]
struct EvalError {
    line: u64,
    name: String,
    ticker: String,
    expect: String,
    expected_entity: String,
    verdict: String,
    entity: String,
    reason: String,
    category: String,
}

/// Runs the evaluation; exit 1 when any labelled match is missed or any
/// false match is made.
pub fn run(args: &EvalArgs, common: &Common, out: &mut dyn Write) -> Result<ExitCode> {
    let [list] = common.lists.as_slice() else {
        bail!("eval measures one list; name it with --list");
    };
    let snapshot = list.snapshot();
    let matcher = Matcher::new(snapshot, list.history.former_entities(snapshot));
    let mut reader = csv::Reader::from_path(&args.set)
        .with_context(|| format!("cannot open {}", args.set.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name:?}", args.set.display()))
    };
    let (c_name, c_ticker, c_exchange, c_currency, c_isin, c_expect, c_entity) = (
        column("name")?,
        column("ticker")?,
        column("exchange")?,
        column("currency")?,
        column("isin")?,
        column("expect")?,
        column("entity_id")?,
    );
    let c_category = headers.iter().position(|h| h == "category");

    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let (mut lines, mut labelled_match, mut found, mut false_matches, mut reviews_on_unlisted) =
        (0, 0, 0, 0, 0);
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = record.position().map_or(0, csv::Position::line);
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let expect = get(c_expect);
        if !matches!(expect, "match" | "review" | "clear") {
            bail!(
                "{}:{line}: expect {expect:?} must be match, review or clear",
                args.set.display()
            );
        }
        lines += 1;
        let hints = VenueHints {
            exchange: get(c_exchange),
            currency: get(c_currency),
            country: "",
        };
        let ticker = HoldingTicker::parse(get(c_ticker), hints);
        let code = get(c_isin).to_ascii_uppercase();
        let isins = if isin::is_valid(&code) {
            vec![code]
        } else {
            Vec::new()
        };
        let decision = matcher.decide(&HoldingQuery::new(get(c_name), ticker, isins));
        let entity = decision
            .target
            .map_or(String::new(), |t| matcher.targets()[t].entity.id.clone());
        let verdict = decision.verdict.as_str();
        *confusion
            .entry(expect.to_string())
            .or_default()
            .entry(verdict.to_string())
            .or_default() += 1;

        let expected_entity = get(c_entity);
        let correct = match expect {
            "match" => {
                labelled_match += 1;
                let ok = decision.verdict == Verdict::Match && entity == expected_entity;
                if ok {
                    found += 1;
                } else if decision.verdict == Verdict::Match {
                    false_matches += 1;
                }
                ok
            }
            other => {
                if decision.verdict == Verdict::Match {
                    false_matches += 1;
                }
                if decision.verdict == Verdict::Review {
                    reviews_on_unlisted += 1;
                }
                other == verdict
            }
        };
        if !correct {
            errors.push(EvalError {
                line,
                name: get(c_name).to_string(),
                ticker: get(c_ticker).to_string(),
                expect: expect.to_string(),
                expected_entity: expected_entity.to_string(),
                verdict: verdict.to_string(),
                entity,
                reason: decision.evidence.map_or(String::new(), |e| {
                    format!("{} {:.3} {:?}", e.reason.code(), e.score, e.matched)
                }),
                category: c_category.map_or("", get).to_string(),
            });
        }
    }
    let labelled_other = lines - labelled_match;
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            (a as f64 / b as f64 * 10_000.0).round() / 10_000.0
        }
    };
    let report = EvalReport {
        list: list.history.info.id.clone(),
        snapshot: snapshot.date,
        lines,
        labelled_match,
        labelled_other,
        recall: ratio(found, labelled_match),
        found,
        false_matches,
        reviews_on_unlisted,
        review_rate: ratio(reviews_on_unlisted, labelled_other),
        confusion,
        errors,
    };
    match args.format {
        InfoFormat::Json => {
            crate::report::json::write_document(out, &report)?;
        }
        InfoFormat::Table => write_table(out, &report, args.show_errors)?,
    }
    let failed = report.found < report.labelled_match || report.false_matches > 0;
    Ok(if failed {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    })
}

fn write_table(out: &mut dyn Write, r: &EvalReport, show_errors: bool) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {}: {} lines ({} labelled match, {} not)",
        r.list, r.snapshot, r.lines, r.labelled_match, r.labelled_other
    )?;
    writeln!(
        out,
        "recall         {:.2}% ({} of {})",
        r.recall * 100.0,
        r.found,
        r.labelled_match
    )?;
    writeln!(out, "false matches  {}", r.false_matches)?;
    writeln!(
        out,
        "review rate    {:.2}% of unlisted lines ({} of {})",
        r.review_rate * 100.0,
        r.reviews_on_unlisted,
        r.labelled_other
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<14} {:>8} {:>8} {:>8}",
        "label \\ got", "match", "review", "clear"
    )?;
    for (label, row) in &r.confusion {
        let n = |v: &str| row.get(v).copied().unwrap_or(0);
        writeln!(
            out,
            "{label:<14} {:>8} {:>8} {:>8}",
            n("match"),
            n("review"),
            n("clear")
        )?;
    }
    if show_errors {
        writeln!(out)?;
        for e in &r.errors {
            writeln!(
                out,
                "line {:<5} {:<7} -> {:<7} {:<40} {:<10} expected {:<30} got {:<30} {} [{}]",
                e.line,
                e.expect,
                e.verdict,
                e.name,
                e.ticker,
                e.expected_entity,
                e.entity,
                e.reason,
                e.category
            )?;
        }
    } else if !r.errors.is_empty() {
        writeln!(
            out,
            "\n{} lines differ from their label (--show-errors lists them)",
            r.errors.len()
        )?;
    }
    Ok(())
}
