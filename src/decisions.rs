//! The decisions file: reviewed findings kept beside the holdings.
//!
//! A CSV with the columns `holding` (an ISIN, a ticker or a name, as the
//! holdings file prints it), `entity_id`, `decision` (`not-a-match`: the
//! finding is wrong; `accepted`: it is right and the exposure is accepted),
//! `reason` (required), `reviewer` and `expires` (`YYYY-MM-DD`, optional).
//!
//! A decision suppresses only its pairing of holding and entity: the
//! finding is still reported, marked suppressed with its reason, and never
//! counts towards `--fail-on`. From its expiry date on, a decision no longer
//! applies (the finding fails the run again) and a warning says so. A
//! decision that matched nothing is reported, so stale entries do not pile
//! up unnoticed.

use std::cell::Cell;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::list::parse_date;
use crate::matching::isin;

/// The file looked for beside the holdings, then in the current directory,
/// when `--decisions` is not given.
pub const DEFAULT_FILE_NAME: &str = "redlist-decisions.csv";

/// What a reviewer decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The finding is wrong: the holding is not the entity.
    NotAMatch,
    /// The finding is right and the exposure is accepted.
    Accepted,
}

impl Kind {
    /// The word used in the file and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NotAMatch => "not-a-match",
            Kind::Accepted => "accepted",
        }
    }
}

/// One reviewed pairing.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    /// The decisions file's 1-based line.
    pub line: u64,
    /// The holding key as written: ISIN, ticker or name.
    pub holding: String,
    /// The entity the finding pointed at.
    pub entity_id: String,
    /// What was decided.
    pub decision: Kind,
    /// Why.
    pub reason: String,
    /// Who.
    pub reviewer: String,
    /// The first day it no longer applies.
    pub expires: Option<NaiveDate>,
    #[serde(skip)]
    used: Cell<u64>,
}

/// How a finding was suppressed, as reports show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suppression {
    /// `not-a-match` or `accepted`.
    pub decision: Kind,
    /// The reviewer's reason.
    pub reason: String,
    /// The reviewer.
    pub reviewer: String,
    /// When it stops applying.
    pub expires: Option<NaiveDate>,
    /// Where it is written: `file:line`.
    pub source: String,
}

/// The decisions of one file.
#[derive(Debug, Default)]
pub struct Decisions {
    /// The file, for messages.
    pub file: String,
    /// Every decision, in file order.
    pub entries: Vec<Decision>,
}

/// What a decision file says about a holding, for the report.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionsReport {
    /// The file used.
    pub file: String,
    /// Decisions that suppressed at least one finding.
    pub used: usize,
    /// Decisions past their expiry that matched a finding (which counts again).
    pub expired: Vec<Decision>,
    /// Decisions that matched nothing.
    pub unused: Vec<Decision>,
}

/// The holding's keys a decision can name.
#[derive(Clone, Copy, Debug)]
pub struct HoldingKeys<'a> {
    /// Name as printed.
    pub name: &'a str,
    /// Ticker as printed.
    pub ticker: &'a str,
    /// The holding's valid ISINs.
    pub isins: &'a [String],
}

impl Decisions {
    /// Finds the decisions file: the one given, else `redlist-decisions.csv`
    /// beside the first holdings file, else in the current directory.
    pub fn locate(given: Option<&Path>, first_input: Option<&Path>) -> Option<PathBuf> {
        if let Some(path) = given {
            return Some(path.to_path_buf());
        }
        let beside = first_input
            .and_then(Path::parent)
            .map(|dir| dir.join(DEFAULT_FILE_NAME));
        beside
            .into_iter()
            .chain([PathBuf::from(DEFAULT_FILE_NAME)])
            .find(|p| p.is_file())
    }

    /// Loads and validates a decisions file.
    pub fn load(path: &Path) -> Result<Decisions> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot open decisions file {name}"))?;
        Decisions::from_reader(&name, file)
    }

    /// Parses a decisions file; errors name the file, line and column.
    pub fn from_reader(name: &str, reader: impl Read) -> Result<Decisions> {
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers: Vec<String> = csv
            .headers()
            .with_context(|| format!("{name}:1: cannot read the header row"))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        const COLUMNS: [&str; 6] = [
            "holding",
            "entity_id",
            "decision",
            "reason",
            "reviewer",
            "expires",
        ];
        for (i, h) in headers.iter().enumerate() {
            if !COLUMNS.contains(&h.as_str()) {
                bail!(
                    "{name}:1:{}: unknown column {h:?}; a decisions file has the columns {}",
                    i + 1,
                    COLUMNS.join(", ")
                );
            }
        }
        let at = |column: &str| headers.iter().position(|h| h == column);
        let required = |column: &str| {
            at(column).with_context(|| {
                format!(
                    "{name}:1: missing column {column:?}; a decisions file has the columns {}",
                    COLUMNS.join(", ")
                )
            })
        };
        let (holding, entity, decision, reason) = (
            required("holding")?,
            required("entity_id")?,
            required("decision")?,
            required("reason")?,
        );
        let (reviewer, expires) = (at("reviewer"), at("expires"));

        let mut entries = Vec::new();
        for record in csv.records() {
            let record = record.with_context(|| format!("{name}: cannot read a row"))?;
            let line = record.position().map_or(0, csv::Position::line);
            let cell = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let place =
                |column: usize, label: &str| format!("{name}:{line}:{} ({label})", column + 1);
            let key = cell(Some(holding));
            if key.is_empty() {
                bail!(
                    "{}: the holding is empty; write its ISIN, ticker or name as the holdings file prints it",
                    place(holding, "holding")
                );
            }
            let entity_id = cell(Some(entity));
            if entity_id.is_empty() {
                bail!(
                    "{}: the entity_id is empty; copy it from the finding",
                    place(entity, "entity_id")
                );
            }
            let kind = match cell(Some(decision)).as_str() {
                "not-a-match" => Kind::NotAMatch,
                "accepted" => Kind::Accepted,
                other => bail!(
                    "{}: {other:?} must be \"not-a-match\" or \"accepted\"",
                    place(decision, "decision")
                ),
            };
            let why = cell(Some(reason));
            if why.is_empty() {
                bail!("{}: every decision needs a reason", place(reason, "reason"));
            }
            let expiry = match expires.map(|i| cell(Some(i))).filter(|t| !t.is_empty()) {
                None => None,
                Some(text) => Some(parse_date(&text).with_context(|| {
                    format!(
                        "{}: {text:?} is not a date YYYY-MM-DD",
                        place(expires.unwrap_or(0), "expires")
                    )
                })?),
            };
            entries.push(Decision {
                line,
                holding: key,
                entity_id,
                decision: kind,
                reason: why,
                reviewer: cell(reviewer),
                expires: expiry,
                used: Cell::new(0),
            });
        }
        Ok(Decisions {
            file: name.to_string(),
            entries,
        })
    }

    /// The decision for a finding of `entity_id` on a holding, if one
    /// applies on `as_of`. An expired decision that would have applied is
    /// counted, so the report can warn about it.
    pub fn find(
        &self,
        keys: HoldingKeys<'_>,
        entity_id: &str,
        as_of: NaiveDate,
    ) -> Option<Suppression> {
        let entry = self
            .entries
            .iter()
            .find(|d| d.entity_id == entity_id && d.names(keys))?;
        entry.used.set(entry.used.get() + 1);
        if entry.expires.is_some_and(|e| e <= as_of) {
            return None;
        }
        Some(Suppression {
            decision: entry.decision,
            reason: entry.reason.clone(),
            reviewer: entry.reviewer.clone(),
            expires: entry.expires,
            source: format!("{}:{}", self.file, entry.line),
        })
    }

    /// Used, expired and unused decisions after a screen.
    pub fn report(&self, as_of: NaiveDate) -> DecisionsReport {
        let expired = |d: &&Decision| d.expires.is_some_and(|e| e <= as_of);
        DecisionsReport {
            file: self.file.clone(),
            used: self
                .entries
                .iter()
                .filter(|d| d.used.get() > 0 && !expired(d))
                .count(),
            expired: self
                .entries
                .iter()
                .filter(|d| d.used.get() > 0 && expired(d))
                .cloned()
                .collect(),
            unused: self
                .entries
                .iter()
                .filter(|d| d.used.get() == 0)
                .cloned()
                .collect(),
        }
    }
}

impl Decision {
    /// True when the decision's holding key names this holding: an ISIN
    /// the holding has, its ticker, or its name (case and spacing aside).
    fn names(&self, keys: HoldingKeys<'_>) -> bool {
        let key = self.holding.as_str();
        if isin::is_valid(&key.to_ascii_uppercase()) {
            return keys.isins.iter().any(|code| code.eq_ignore_ascii_case(key));
        }
        let same = |a: &str, b: &str| {
            let a = a.split_whitespace();
            let b = b.split_whitespace();
            a.map(str::to_lowercase).eq(b.map(str::to_lowercase))
        };
        (!keys.ticker.is_empty() && same(key, keys.ticker))
            || (!keys.name.is_empty() && same(key, keys.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    const FILE: &str = "holding,entity_id,decision,reason,reviewer,expires
BOYD GAMING CORP,byd,not-a-match,Boyd Gaming is a US casino operator,ana,
9988 HK,alibaba-group-holding,accepted,legacy position being sold,ben,2026-12-31
US01609W1027,alibaba-group-holding,accepted,ADR line,ben,2026-01-01
NOTHING HELD,tencent-holdings,not-a-match,stale entry,ana,
";

    #[test]
    fn decisions_suppress_their_pairing_only() {
        let d = Decisions::from_reader("d.csv", FILE.as_bytes()).unwrap();
        let keys = |name, ticker, isins: &'static [String]| HoldingKeys {
            name,
            ticker,
            isins,
        };
        let boyd = d
            .find(
                keys("Boyd  Gaming Corp", "BYD", &[]),
                "byd",
                date("2026-11-24"),
            )
            .unwrap();
        assert_eq!(boyd.decision, Kind::NotAMatch);
        assert_eq!(boyd.source, "d.csv:2");
        assert!(
            d.find(
                keys("Boyd Gaming Corp", "BYD", &[]),
                "tencent-holdings",
                date("2026-11-24")
            )
            .is_none()
        );
        let alibaba = d.find(
            keys("ALIBABA", "9988 hk", &[]),
            "alibaba-group-holding",
            date("2026-11-24"),
        );
        assert_eq!(alibaba.map(|s| s.decision), Some(Kind::Accepted));
    }

    #[test]
    fn expired_decisions_stop_and_unused_ones_are_reported() {
        let d = Decisions::from_reader("d.csv", FILE.as_bytes()).unwrap();
        let isins = vec!["US01609W1027".to_string()];
        let keys = HoldingKeys {
            name: "ALIBABA ADR",
            ticker: "BABA",
            isins: &isins,
        };
        assert!(
            d.find(keys, "alibaba-group-holding", date("2026-11-24"))
                .is_none(),
            "expired on 2026-01-01"
        );
        let report = d.report(date("2026-11-24"));
        assert_eq!(report.expired.len(), 1);
        assert_eq!(
            report.unused.iter().map(|u| u.line).collect::<Vec<_>>(),
            [2, 3, 5]
        );
    }

    #[test]
    fn every_decision_needs_a_reason_and_a_known_decision() {
        let no_reason = "holding,entity_id,decision,reason\nX,byd,not-a-match,\n";
        let e = Decisions::from_reader("d.csv", no_reason.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("d.csv:2:4 (reason): every decision needs a reason"),
            "{e}"
        );
        let bad = "holding,entity_id,decision,reason\nX,byd,maybe,because\n";
        let e = Decisions::from_reader("d.csv", bad.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(e.contains("d.csv:2:3 (decision)"), "{e}");
        let unknown = "holding,entity,decision,reason\n";
        let e = Decisions::from_reader("d.csv", unknown.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown column \"entity\""), "{e}");
    }
}
