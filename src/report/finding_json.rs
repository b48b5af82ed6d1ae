//! One finding as compact JSON, byte for byte what `serde_json` writes for
//! [`Finding`] (a test holds the two together), written directly.
//!
//! A large screen writes a hundred thousand findings, and `serde_json`
//! spent about a microsecond on each: it escapes every field name, scans
//! every string a byte at a time and formats dates through `fmt`. Here the
//! field names are constants, a string with nothing to escape (nearly all)
//! is copied whole, and a date is written digit by digit. What is rare
//! (an entity's parent, a formerly listed entity, a suppression, a string
//! that needs escapes) still goes through `serde_json`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::model::Finding;
use crate::matching::Evidence;

/// Appends the JSON of `finding` to `out`.
pub fn write_finding(out: &mut Vec<u8>, finding: &Finding) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"list\":");
    string(out, &finding.list)?;
    out.extend_from_slice(b",\"file\":");
    string(out, &finding.file)?;
    out.extend_from_slice(b",\"line\":");
    value(out, &finding.line)?;
    out.extend_from_slice(b",\"name\":");
    string(out, &finding.name)?;
    out.extend_from_slice(b",\"ticker\":");
    optional_string(out, finding.ticker.as_deref())?;
    out.extend_from_slice(b",\"isin\":");
    optional_string(out, finding.isin.as_deref())?;
    out.extend_from_slice(b",\"weight\":");
    value(out, &finding.weight)?;
    out.extend_from_slice(b",\"market_value\":");
    value(out, &finding.market_value)?;
    out.extend_from_slice(b",\"verdict\":");
    value(out, &finding.verdict)?;
    out.extend_from_slice(b",\"status\":");
    value(out, &finding.status)?;
    out.extend_from_slice(b",\"since\":");
    optional_date(out, finding.since)?;
    out.extend_from_slice(b",\"entity_id\":");
    optional_string(out, finding.entity_id.as_deref())?;
    out.extend_from_slice(b",\"entity_name\":");
    optional_string(out, finding.entity_name.as_deref())?;
    out.extend_from_slice(b",\"evidence\":");
    match &finding.evidence {
        Some(evidence) => write_evidence(out, evidence)?,
        None => out.extend_from_slice(b"null"),
    }
    if let Some(parent) = &finding.parent {
        out.extend_from_slice(b",\"parent\":");
        value(out, parent)?;
    }
    out.extend_from_slice(b",\"formerly_listed\":");
    value(out, &finding.formerly_listed)?;
    if let Some(date) = finding.effective {
        out.extend_from_slice(b",\"effective\":");
        optional_date(out, Some(date))?;
    }
    if let Some(date) = finding.divestment_until {
        out.extend_from_slice(b",\"divestment_until\":");
        optional_date(out, Some(date))?;
    }
    out.extend_from_slice(b",\"suppressed\":");
    value(out, &finding.suppressed)?;
    out.push(b'}');
    Ok(())
}

fn write_evidence(out: &mut Vec<u8>, evidence: &Evidence) -> serde_json::Result<()> {
    out.extend_from_slice(b"{\"kind\":");
    value(out, &evidence.kind)?;
    out.extend_from_slice(b",\"matched\":");
    string(out, &evidence.matched)?;
    out.extend_from_slice(b",\"score\":");
    value(out, &evidence.score)?;
    out.extend_from_slice(b",\"reason\":");
    value(out, &evidence.reason)?;
    if let Some(normalized) = &evidence.normalized {
        out.extend_from_slice(b",\"normalized\":");
        string(out, normalized)?;
    }
    out.push(b'}');
    Ok(())
}

/// Anything, as `serde_json` writes it.
fn value(out: &mut Vec<u8>, value: &impl Serialize) -> serde_json::Result<()> {
    serde_json::to_writer(out, value)
}

/// A string: copied whole between quotes when JSON needs no escape in it
/// (no quote, backslash or control character), else as `serde_json`
/// escapes it.
fn string(out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    // Every byte is looked at, without stopping at the first escape, so
    // that the check runs many bytes at a time.
    let needs_escape = text.bytes().fold(false, |found, b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if needs_escape {
        return value(out, &text);
    }
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
    Ok(())
}

fn optional_string(out: &mut Vec<u8>, text: Option<&str>) -> serde_json::Result<()> {
    match text {
        Some(text) => string(out, text),
        None => {
            out.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// A date as `"YYYY-MM-DD"` (chrono's form for years 0 to 9999; others go
/// through chrono).
fn optional_date(out: &mut Vec<u8>, date: Option<NaiveDate>) -> serde_json::Result<()> {
    let Some(date) = date else {
        out.extend_from_slice(b"null");
        return Ok(());
    };
    let Ok(year) = u32::try_from(date.year()) else {
        return value(out, &date);
    };
    if year > 9999 {
        return value(out, &date);
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, day) = (date.month(), date.day());
    out.extend_from_slice(&[
        b'"',
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
        b'"',
    ]);
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decisions::{Kind, Suppression};
    use crate::list::Status;
    use crate::matching::{EvidenceKind, Reason, Verdict};
    use crate::report::model::{EntityRef, FormerlyListed};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn plain() -> Finding {
        Finding {
            list: "us-dod-1260h".into(),
            file: "holdings.csv".into(),
            line: 42,
            name: "BYD CO LTD-H".into(),
            ticker: Some("1211 HK".into()),
            isin: Some("CNE100000296".into()),
            weight: Some(1.25),
            market_value: Some(12_900_160.0),
            verdict: Verdict::Match,
            status: Some(Status::Enacted),
            since: Some(date(2025, 1, 7)),
            entity_id: Some("byd".into()),
            entity_name: Some("BYD Company Limited".into()),
            evidence: Some(Evidence {
                kind: EvidenceKind::Name,
                matched: "BYD Company Limited".into(),
                score: 0.9375,
                reason: Reason::NameExact,
                normalized: Some("BYD".into()),
            }),
            parent: None,
            formerly_listed: None,
            effective: None,
            divestment_until: None,
            suppressed: None,
        }
    }

    fn same_as_serde(finding: &Finding) {
        let mut direct = Vec::new();
        write_finding(&mut direct, finding).unwrap();
        let serde = serde_json::to_vec(finding).unwrap();
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            String::from_utf8(serde).unwrap()
        );
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde(&plain());

        // Every optional field absent, and a clear verdict.
        same_as_serde(&Finding {
            ticker: None,
            isin: None,
            weight: None,
            market_value: None,
            verdict: Verdict::Clear,
            status: None,
            since: None,
            entity_id: None,
            entity_name: None,
            evidence: None,
            ..plain()
        });

        // Every optional field present; numbers of every shape.
        same_as_serde(&Finding {
            weight: Some(-0.000_001_5),
            market_value: Some(f64::NAN),
            evidence: Some(Evidence {
                normalized: None,
                score: 1.0,
                ..plain().evidence.unwrap()
            }),
            parent: Some(EntityRef {
                entity_id: "byd-group".into(),
                name: "BYD \"Group\"".into(),
                status: Some(Status::Recommended),
            }),
            formerly_listed: Some(FormerlyListed {
                entity_id: "old".into(),
                entity_name: "Old Name".into(),
                removed_on: date(2021, 6, 3),
            }),
            effective: Some(date(2021, 8, 2)),
            divestment_until: Some(date(2022, 6, 3)),
            suppressed: Some(Suppression {
                decision: Kind::NotAMatch,
                reason: "reviewed: ADR of an unlisted affiliate".into(),
                reviewer: "analyst".into(),
                expires: Some(date(2027, 1, 1)),
                source: "decisions.toml:7".into(),
            }),
            line: u64::MAX,
            ..plain()
        });

        // Strings that need escapes, and ones that do not.
        for text in [
            "QUOTE \" INSIDE",
            "BACK\\SLASH",
            "TAB\tAND\nLINE",
            "\u{1b}[31mRED",
            "DEL \u{7f} STAYS",
            "比亚迪股份有限公司",
            "ZERO\u{200b}WIDTH",
            "",
        ] {
            same_as_serde(&Finding {
                name: text.into(),
                file: text.into(),
                ticker: Some(text.into()),
                entity_name: Some(text.into()),
                ..plain()
            });
        }

        // Dates at the ends of chrono's four-digit years and beyond.
        for since in [date(1, 1, 1), date(999, 12, 31), date(9999, 12, 31)] {
            same_as_serde(&Finding {
                since: Some(since),
                ..plain()
            });
        }
        same_as_serde(&Finding {
            since: Some(NaiveDate::MAX),
            effective: Some(NaiveDate::MIN),
            ..plain()
        });
    }
}
