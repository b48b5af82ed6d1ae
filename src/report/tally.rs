//! Counting while the rows stream by: rows by outcome, holdings by verdict
//! and status, and exposure by status, list, verdict and entity. Memory
//! grows with the number of listed entities found, never with the number of
//! rows; the per-row work allocates nothing.

use std::collections::BTreeMap;

use crate::list::Status;
use crate::matching::Verdict;
use crate::portfolio::SkipReason;

use super::model::{EntityExposure, Exposure, ExposureLine, RowCounts};

/// Running sums for one class of holdings (a status, a verdict, an entity).
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

    fn merge(&mut self, other: &Sums) {
        self.holdings += other.holdings;
        self.weight += other.weight;
        self.value += other.value;
    }
}

/// A match or review of a holding on one list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Index of the list in the run.
    pub list: usize,
    /// Index of the entity in that list's matcher.
    pub target: usize,
    /// The entity's status.
    pub status: Status,
    /// Match or review.
    pub verdict: Verdict,
}

/// What one holding contributes.
#[derive(Clone, Copy, Debug, Default)]
pub struct HoldingTally<'a> {
    /// The weight as printed.
    pub weight: Option<f64>,
    /// The market value as printed.
    pub value: Option<f64>,
    /// Its unsuppressed matches and reviews, one per list at most.
    pub found: &'a [Found],
    /// Formerly listed on some list.
    pub formerly_listed: bool,
}

/// Names for an entity in the exposure table.
#[derive(Clone, Debug)]
pub struct EntityNames {
    /// The list id.
    pub list: String,
    /// The entity id.
    pub entity_id: String,
    /// The printed name.
    pub entity_name: String,
}

/// The tally of one file, or of all files together.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    read: u64,
    screened: u64,
    rejected: u64,
    skipped: BTreeMap<SkipReason, u64>,
    holdings_with_weight: u64,
    holdings_with_value: u64,
    total_weight: f64,
    portfolio_value: f64,
    by_status: BTreeMap<Status, Sums>,
    by_verdict: BTreeMap<Verdict, Sums>,
    by_list: BTreeMap<(usize, Status), Sums>,
    /// Matches and reviews of one entity are kept apart: an affiliate's
    /// weight is not exposure to the listed entity.
    by_entity: BTreeMap<(usize, usize, Verdict), (Status, Sums)>,
    formerly_listed: u64,
    /// The weight column's header says percent.
    pub weight_in_percent_header: bool,
    /// A weight cell carried a `%` sign.
    pub weight_had_percent_sign: bool,
}

impl Tally {
    /// Counts a skipped row; a non-security position with a value still
    /// counts towards the portfolio's total value.
    pub fn skipped(&mut self, reason: SkipReason, value: Option<f64>) {
        self.read += 1;
        *self.skipped.entry(reason).or_default() += 1;
        let position = !matches!(
            reason,
            SkipReason::Blank | SkipReason::Text | SkipReason::Total | SkipReason::HeaderRepeat
        );
        if position {
            self.portfolio_value += value.unwrap_or(0.0);
        }
    }

    /// Counts a rejected row.
    pub fn rejected(&mut self) {
        self.read += 1;
        self.rejected += 1;
    }

    /// Counts a screened holding.
    pub fn screened(&mut self, holding: &HoldingTally<'_>) {
        self.read += 1;
        self.screened += 1;
        if let Some(w) = holding.weight {
            self.holdings_with_weight += 1;
            self.total_weight += w;
        }
        if let Some(v) = holding.value {
            self.holdings_with_value += 1;
            self.portfolio_value += v;
        }
        let verdict = holding
            .found
            .iter()
            .map(|f| f.verdict)
            .min()
            .unwrap_or(Verdict::Clear);
        self.by_verdict
            .entry(verdict)
            .or_default()
            .add(holding.weight, holding.value);
        let matches = || holding.found.iter().filter(|f| f.verdict == Verdict::Match);
        if let Some(status) = matches().map(|f| f.status).min() {
            self.by_status
                .entry(status)
                .or_default()
                .add(holding.weight, holding.value);
        }
        for found in matches() {
            self.by_list
                .entry((found.list, found.status))
                .or_default()
                .add(holding.weight, holding.value);
        }
        for found in holding.found {
            let entry = self
                .by_entity
                .entry((found.list, found.target, found.verdict))
                .or_insert((found.status, Sums::default()));
            entry.1.add(holding.weight, holding.value);
        }
        if holding.formerly_listed {
            self.formerly_listed += 1;
        }
    }

    /// Adds another file's tally (for the combined summary).
    pub fn merge(&mut self, other: &Tally) {
        self.read += other.read;
        self.screened += other.screened;
        self.rejected += other.rejected;
        for (reason, n) in &other.skipped {
            *self.skipped.entry(*reason).or_default() += n;
        }
        self.holdings_with_weight += other.holdings_with_weight;
        self.holdings_with_value += other.holdings_with_value;
        self.total_weight += other.total_weight;
        self.portfolio_value += other.portfolio_value;
        for (k, v) in &other.by_status {
            self.by_status.entry(*k).or_default().merge(v);
        }
        for (k, v) in &other.by_verdict {
            self.by_verdict.entry(*k).or_default().merge(v);
        }
        for (k, v) in &other.by_list {
            self.by_list.entry(*k).or_default().merge(v);
        }
        for (k, (status, sums)) in &other.by_entity {
            self.by_entity
                .entry(*k)
                .or_insert((*status, Sums::default()))
                .1
                .merge(sums);
        }
        self.formerly_listed += other.formerly_listed;
        self.weight_in_percent_header |= other.weight_in_percent_header;
        self.weight_had_percent_sign |= other.weight_had_percent_sign;
    }

    /// Row accounting.
    pub fn rows(&self) -> RowCounts {
        RowCounts {
            read: self.read,
            screened: self.screened,
            skipped: self.skipped.values().sum(),
            skipped_by_reason: self
                .skipped
                .iter()
                .map(|(r, n)| (r.code().to_string(), *n))
                .collect(),
            rejected: self.rejected,
        }
    }

    /// Rows that could not be screened.
    pub fn rejected_rows(&self) -> u64 {
        self.rejected
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
            self.screened - self.holdings_with_weight,
            self.screened - self.holdings_with_value,
        )
    }

    /// Exposure, on the weight column when the file has one (`allow_weight`)
    /// with weights in it, else on market value when values are given, else
    /// on counts. `names` resolves (list, entity) indices for the table by
    /// entity.
    pub fn exposure(
        &self,
        allow_weight: bool,
        names: &dyn Fn(usize, usize) -> EntityNames,
    ) -> Exposure {
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
            let s = s.copied().unwrap_or_default();
            ExposureLine {
                holdings: s.holdings,
                percent: share(&s),
            }
        };
        let statuses = [Status::Enacted, Status::Recommended];
        let by_status = statuses
            .into_iter()
            .map(|s| (s.as_str().to_string(), line(self.by_status.get(&s))))
            .collect();
        let by_verdict = [Verdict::Match, Verdict::Review]
            .into_iter()
            .map(|v| (v.as_str().to_string(), line(self.by_verdict.get(&v))))
            .collect();
        let mut by_list: BTreeMap<String, BTreeMap<String, ExposureLine>> = BTreeMap::new();
        for ((list, status), sums) in &self.by_list {
            let id = names(*list, usize::MAX).list;
            by_list
                .entry(id)
                .or_default()
                .insert(status.as_str().to_string(), line(Some(sums)));
        }
        let mut by_entity: Vec<EntityExposure> = self
            .by_entity
            .iter()
            .map(|((list, target, verdict), (status, sums))| {
                let n = names(*list, *target);
                EntityExposure {
                    list: n.list,
                    entity_id: n.entity_id,
                    entity_name: n.entity_name,
                    status: *status,
                    verdict: *verdict,
                    line: line(Some(sums)),
                }
            })
            .collect();
        by_entity.sort_by(|a, b| {
            a.verdict
                .cmp(&b.verdict)
                .then(
                    b.line
                        .percent
                        .unwrap_or(0.0)
                        .total_cmp(&a.line.percent.unwrap_or(0.0)),
                )
                .then(b.line.holdings.cmp(&a.line.holdings))
                .then(a.list.cmp(&b.list))
                .then(a.entity_id.cmp(&b.entity_id))
        });
        Exposure {
            basis: basis.to_string(),
            weight_unit: unit.map(str::to_string),
            by_status,
            by_list,
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

    fn names(list: usize, target: usize) -> EntityNames {
        EntityNames {
            list: format!("list{list}"),
            entity_id: format!("e{target}"),
            entity_name: format!("E{target}"),
        }
    }

    fn found(target: usize, status: Status, verdict: Verdict) -> Found {
        Found {
            list: 0,
            target,
            status,
            verdict,
        }
    }

    fn add(t: &mut Tally, weight: f64, found: &[Found]) {
        t.screened(&HoldingTally {
            weight: Some(weight),
            value: Some(weight * 1000.0),
            found,
            formerly_listed: false,
        });
    }

    #[test]
    fn exposure_by_weight_status_list_and_entity() {
        let mut t = Tally::default();
        add(&mut t, 10.0, &[found(1, Status::Enacted, Verdict::Match)]);
        add(&mut t, 5.0, &[found(1, Status::Enacted, Verdict::Match)]);
        add(
            &mut t,
            2.0,
            &[found(2, Status::Recommended, Verdict::Match)],
        );
        add(&mut t, 1.0, &[found(3, Status::Enacted, Verdict::Review)]);
        add(&mut t, 82.0, &[]);
        let e = t.exposure(true, &names);
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
        assert_eq!(e.by_list["list0"]["enacted"].percent, Some(15.0));
        assert_eq!(
            e.by_verdict["review"],
            ExposureLine {
                holdings: 1,
                percent: Some(1.0)
            }
        );
        let ids: Vec<&str> = e.by_entity.iter().map(|x| x.entity_id.as_str()).collect();
        assert_eq!(ids, ["e1", "e2", "e3"]);
        assert_eq!(t.verdict_counts()["clear"], 1);
        assert_eq!(t.rows().read, 5);
    }

    #[test]
    fn fractions_and_fallbacks() {
        let mut t = Tally::default();
        add(&mut t, 0.25, &[found(1, Status::Enacted, Verdict::Match)]);
        add(&mut t, 0.75, &[]);
        let e = t.exposure(true, &names);
        assert_eq!(e.weight_unit.as_deref(), Some("fraction"));
        assert_eq!(e.by_status["enacted"].percent, Some(25.0));
        let e = t.exposure(false, &names);
        assert_eq!(e.basis, "market-value");
        assert_eq!(e.by_status["enacted"].percent, Some(25.0));
        let mut t = Tally::default();
        t.screened(&HoldingTally::default());
        t.skipped(SkipReason::Cash, Some(5.0));
        t.rejected();
        assert_eq!(t.exposure(true, &names).basis, "count");
        assert_eq!(t.missing_amounts(), (1, 1));
        let rows = t.rows();
        assert_eq!(
            (rows.read, rows.screened, rows.skipped, rows.rejected),
            (3, 1, 1, 1)
        );
        assert_eq!(rows.skipped_by_reason["cash"], 1);
    }
}
