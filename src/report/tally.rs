//! Counting while the rows stream by: rows by outcome, holdings by verdict
//! and status, and exposure by status, verdict and entity. Memory grows
//! with the number of listed entities found, never with the number of rows.

use std::collections::BTreeMap;

use crate::list::Status;
use crate::matching::Verdict;

use super::model::{EntityExposure, Exposure, ExposureLine, RowCounts};

/// Running sums for one holding class (a status, a verdict, an entity).
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    holdings: u64,
    weight: f64,
    value: f64,
}

impl Sums {
    fn add(&mut self, weight: Option<f64>, value: Option<f64>) {
        self.holdings += 1;
        self.weight += weight.unwrap_or(0.0);
        self.value += value.unwrap_or(0.0);
    }
}

/// What one holding contributes: its amounts and, per list, what it was
/// found to be.
#[derive(Clone, Debug, Default)]
pub struct HoldingTally {
    /// The weight as printed.
    pub weight: Option<f64>,
    /// The market value as printed.
    pub value: Option<f64>,
    /// Per list: (list, entity id, entity name, status, verdict) of a
    /// match or review.
    pub found: Vec<(String, String, String, Status, Verdict)>,
    /// Formerly listed on some list.
    pub formerly_listed: bool,
}

/// The tally of one file, or of all files together.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Row accounting.
    pub rows: RowCounts,
    holdings_with_weight: u64,
    holdings_with_value: u64,
    total_weight: f64,
    total_value: f64,
    portfolio_value: f64,
    by_status: BTreeMap<Status, Sums>,
    by_verdict: BTreeMap<Verdict, Sums>,
    /// Per (list, entity, verdict): name, status and sums. Matches and
    /// reviews of one entity are kept apart: an affiliate's weight is not
    /// exposure to the listed entity.
    by_entity: BTreeMap<(String, String, Verdict), (String, Status, Sums)>,
    formerly_listed: u64,
    /// The weight column's header says percent.
    pub weight_in_percent_header: bool,
    /// A weight cell carried a `%` sign.
    pub weight_had_percent_sign: bool,
}

impl Tally {
    /// Counts a skipped row; a non-security position with a value still
    /// counts towards the portfolio's total value.
    pub fn skipped(&mut self, reason: &str, value: Option<f64>, counts_in_portfolio: bool) {
        self.rows.read += 1;
        self.rows.skipped += 1;
        *self
            .rows
            .skipped_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
        if counts_in_portfolio {
            self.portfolio_value += value.unwrap_or(0.0);
        }
    }

    /// Counts a rejected row.
    pub fn rejected(&mut self) {
        self.rows.read += 1;
        self.rows.rejected += 1;
    }

    /// Counts a screened holding.
    pub fn screened(&mut self, holding: &HoldingTally) {
        self.rows.read += 1;
        self.rows.screened += 1;
        if let Some(w) = holding.weight {
            self.holdings_with_weight += 1;
            self.total_weight += w;
        }
        if let Some(v) = holding.value {
            self.holdings_with_value += 1;
            self.total_value += v;
            self.portfolio_value += v;
        }
        let verdict = holding
            .found
            .iter()
            .map(|f| f.4)
            .min()
            .unwrap_or(Verdict::Clear);
        self.by_verdict
            .entry(verdict)
            .or_default()
            .add(holding.weight, holding.value);
        if let Some(status) = holding
            .found
            .iter()
            .filter(|f| f.4 == Verdict::Match)
            .map(|f| f.3)
            .min()
        {
            self.by_status
                .entry(status)
                .or_default()
                .add(holding.weight, holding.value);
        }
        for (list, id, name, status, verdict) in &holding.found {
            let entry = self
                .by_entity
                .entry((list.clone(), id.clone(), *verdict))
                .or_insert_with(|| (name.clone(), *status, Sums::default()));
            entry.2.add(holding.weight, holding.value);
        }
        if holding.formerly_listed {
            self.formerly_listed += 1;
        }
    }

    /// Adds another file's tally (for the combined summary).
    pub fn merge(&mut self, other: &Tally) {
        self.rows.add(&other.rows);
        self.holdings_with_weight += other.holdings_with_weight;
        self.holdings_with_value += other.holdings_with_value;
        self.total_weight += other.total_weight;
        self.total_value += other.total_value;
        self.portfolio_value += other.portfolio_value;
        for (k, v) in &other.by_status {
            let e = self.by_status.entry(*k).or_default();
            e.holdings += v.holdings;
            e.weight += v.weight;
            e.value += v.value;
        }
        for (k, v) in &other.by_verdict {
            let e = self.by_verdict.entry(*k).or_default();
            e.holdings += v.holdings;
            e.weight += v.weight;
            e.value += v.value;
        }
        for (k, (name, status, sums)) in &other.by_entity {
            let e = self
                .by_entity
                .entry(k.clone())
                .or_insert_with(|| (name.clone(), *status, Sums::default()));
            e.2.holdings += sums.holdings;
            e.2.weight += sums.weight;
            e.2.value += sums.value;
        }
        self.formerly_listed += other.formerly_listed;
        self.weight_in_percent_header |= other.weight_in_percent_header;
        self.weight_had_percent_sign |= other.weight_had_percent_sign;
    }

    /// Holdings by strongest verdict.
    pub fn verdict_counts(&self) -> BTreeMap<String, u64> {
        [Verdict::Match, Verdict::Review, Verdict::Clear]
            .into_iter()
            .map(|v| {
                (
                    v.as_str().to_string(),
                    self.by_verdict.get(&v).map_or(0, |s| s.holdings),
                )
            })
            .collect()
    }

    /// Matching holdings by strongest status.
    pub fn status_counts(&self) -> BTreeMap<String, u64> {
        [Status::Enacted, Status::Recommended]
            .into_iter()
            .map(|s| {
                (
                    s.as_str().to_string(),
                    self.by_status.get(&s).map_or(0, |x| x.holdings),
                )
            })
            .collect()
    }

    /// Holdings of formerly listed entities.
    pub fn formerly_listed(&self) -> u64 {
        self.formerly_listed
    }

    /// Holdings screened without a readable weight and without a value.
    pub fn missing_amounts(&self) -> (u64, u64) {
        (
            self.rows.screened - self.holdings_with_weight,
            self.rows.screened - self.holdings_with_value,
        )
    }

    /// The basis exposure is measured on: the weight column when the file
    /// has one (`allow_weight`) with weights in it, else market value
    /// when values are given, else counts.
    pub fn exposure(&self, allow_weight: bool) -> Exposure {
        let (basis, unit) = if allow_weight && self.holdings_with_weight > 0 {
            let percent = self.weight_in_percent_header
                || self.weight_had_percent_sign
                || self.total_weight > 1.5;
            ("weight", Some(if percent { "percent" } else { "fraction" }))
        } else if self.holdings_with_value > 0 && self.portfolio_value > 0.0 {
            ("market-value", None)
        } else {
            ("count", None)
        };
        let share = |s: &Sums| -> Option<f64> {
            let value = match basis {
                "weight" if unit == Some("fraction") => s.weight * 100.0,
                "weight" => s.weight,
                "market-value" => s.value / self.portfolio_value * 100.0,
                _ => return None,
            };
            Some(round(value))
        };
        let line = |s: Option<&Sums>| {
            s.map_or(
                ExposureLine {
                    holdings: 0,
                    percent: share(&Sums::default()),
                },
                |s| ExposureLine {
                    holdings: s.holdings,
                    percent: share(s),
                },
            )
        };
        let by_status = [Status::Enacted, Status::Recommended]
            .into_iter()
            .map(|s| (s.as_str().to_string(), line(self.by_status.get(&s))))
            .collect();
        let by_verdict = [Verdict::Match, Verdict::Review]
            .into_iter()
            .map(|v| (v.as_str().to_string(), line(self.by_verdict.get(&v))))
            .collect();
        let mut by_entity: Vec<EntityExposure> = self
            .by_entity
            .iter()
            .map(
                |((list, id, verdict), (name, status, sums))| EntityExposure {
                    list: list.clone(),
                    entity_id: id.clone(),
                    entity_name: name.clone(),
                    status: *status,
                    verdict: *verdict,
                    line: line(Some(sums)),
                },
            )
            .collect();
        by_entity.sort_by(|a, b| {
            (
                a.verdict,
                b.line.percent.unwrap_or(0.0),
                b.line.holdings,
                &a.list,
                &a.entity_id,
            )
                .partial_cmp(&(
                    b.verdict,
                    a.line.percent.unwrap_or(0.0),
                    a.line.holdings,
                    &b.list,
                    &b.entity_id,
                ))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Exposure {
            basis: basis.to_string(),
            weight_unit: unit.map(str::to_string),
            by_status,
            by_verdict,
            by_entity,
        }
    }
}

/// Percentages to four decimals, so output does not depend on summation
/// order noise.
fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holding(weight: f64, found: &[(&str, Status, Verdict)]) -> HoldingTally {
        HoldingTally {
            weight: Some(weight),
            value: Some(weight * 1000.0),
            found: found
                .iter()
                .map(|(id, s, v)| ("l".to_string(), id.to_string(), id.to_uppercase(), *s, *v))
                .collect(),
            formerly_listed: false,
        }
    }

    #[test]
    fn exposure_by_weight_status_and_entity() {
        let mut t = Tally::default();
        t.screened(&holding(10.0, &[("a", Status::Enacted, Verdict::Match)]));
        t.screened(&holding(5.0, &[("a", Status::Enacted, Verdict::Match)]));
        t.screened(&holding(2.0, &[("b", Status::Recommended, Verdict::Match)]));
        t.screened(&holding(1.0, &[("c", Status::Enacted, Verdict::Review)]));
        t.screened(&holding(82.0, &[]));
        let e = t.exposure(true);
        assert_eq!(
            (e.basis.as_str(), e.weight_unit.as_deref()),
            ("weight", Some("percent"))
        );
        assert_eq!(
            e.by_status["enacted"],
            ExposureLine {
                holdings: 2,
                percent: Some(15.0)
            }
        );
        assert_eq!(
            e.by_status["recommended"],
            ExposureLine {
                holdings: 1,
                percent: Some(2.0)
            }
        );
        assert_eq!(
            e.by_verdict["review"],
            ExposureLine {
                holdings: 1,
                percent: Some(1.0)
            }
        );
        let ids: Vec<&str> = e.by_entity.iter().map(|x| x.entity_id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(t.verdict_counts()["clear"], 1);
    }

    #[test]
    fn fractions_and_fallbacks() {
        let mut t = Tally::default();
        t.screened(&holding(0.25, &[("a", Status::Enacted, Verdict::Match)]));
        t.screened(&holding(0.75, &[]));
        let e = t.exposure(true);
        assert_eq!(e.weight_unit.as_deref(), Some("fraction"));
        assert_eq!(e.by_status["enacted"].percent, Some(25.0));
        // Without weights: market value share.
        let e = t.exposure(false);
        assert_eq!(e.basis, "market-value");
        assert_eq!(e.by_status["enacted"].percent, Some(25.0));
        // Without either: counts.
        let mut t = Tally::default();
        t.screened(&HoldingTally::default());
        assert_eq!(t.missing_amounts(), (1, 1));
        assert_eq!(t.exposure(true).basis, "count");
        assert_eq!(t.exposure(true).by_status["enacted"].percent, None);
    }
}
