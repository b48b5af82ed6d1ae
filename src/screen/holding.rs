//! One holding against every list: the decisions (remembered per distinct
//! holding, so a security held in many accounts is decided once; those of a
//! batch not yet known are decided on every core) and the findings built
//! from them.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use crate::config::ResolvedList;
use crate::decisions::{Decisions, HoldingKeys};
use crate::list::Status;
use crate::matching::{Decision, HoldingQuery, Matcher, Verdict};
use crate::portfolio::HoldingFields;
use crate::report::model::{EntityRef, Finding, FormerlyListed};

/// Distinct holdings whose decisions are remembered; beyond, the memory is
/// cleared (it bounds memory on files where every row is different). A
/// position file rarely holds more distinct securities than this; at this
/// size a screen of 1,000,000 distinct rows peaks at about 55 MB.
const CACHE_CAPACITY: usize = 100_000;

/// One list being screened, with its index.
pub struct ListRun<'a> {
    /// The list and the snapshot in effect.
    pub list: &'a ResolvedList,
    /// The index over that snapshot.
    pub matcher: Matcher,
}

/// Decisions remembered by the holding's identifying cells.
///
/// Most rows of a file are clear; whether a holding has anything to report
/// is kept apart from its decisions, in a small array that stays in the
/// processor's cache, so a clear row does not read its decisions at all.
#[derive(Default)]
pub struct DecisionCache {
    /// Where each key's decisions are.
    remembered: FxHashMap<Box<[u8]>, u32>,
    /// Every list's decisions of each distinct holding, in the order first
    /// seen: one per list, one holding after another.
    decided: Vec<Decision>,
    /// For each distinct holding: some list's decision is notable
    /// ([`is_notable`]).
    notable: Vec<bool>,
    /// Lists decided (decisions per holding).
    lists: usize,
}

/// Where a holding's decisions are in the [`DecisionCache`].
#[derive(Clone, Copy, Debug)]
pub struct Decided(u32);

impl DecisionCache {
    /// Where the decisions of every list are for each holding, in order;
    /// `keys[i]` is the decision key of `holdings[i]`
    /// (`HoldingFields::write_key`). Holdings not seen before are decided
    /// in parallel; the result is the same as deciding them one by one.
    /// What this returns stays valid until the next call.
    pub fn decide_all(
        &mut self,
        runs: &[ListRun<'_>],
        holdings: &[HoldingFields<'_>],
        keys: &[&[u8]],
    ) -> Vec<Decided> {
        assert_eq!(holdings.len(), keys.len(), "one key per holding");
        self.lists = runs.len();
        if self.remembered.len() + holdings.len() > CACHE_CAPACITY {
            self.remembered.clear();
            self.decided.clear();
            self.notable.clear();
        }
        // Holdings not seen before, each once, decided after the others.
        let mut to_decide: Vec<&HoldingFields<'_>> = Vec::new();
        let places = holdings
            .iter()
            .zip(keys)
            .map(|(fields, &key)| {
                if let Some(&known) = self.remembered.get(key) {
                    return Decided(known);
                }
                let next = (self.notable.len() + to_decide.len()) as u32;
                self.remembered.insert(key.into(), next);
                to_decide.push(fields);
                Decided(next)
            })
            .collect();
        let fresh: Vec<Box<[Decision]>> = to_decide
            .par_iter()
            .map(|fields| decide(runs, fields))
            .collect();
        for decisions in fresh {
            self.notable.push(decisions.iter().any(is_notable));
            self.decided.extend(decisions);
        }
        places
    }

    /// True when some list's decision at `place` is notable.
    pub fn is_notable(&self, place: Decided) -> bool {
        self.notable[place.0 as usize]
    }

    /// The decisions of every list at `place` (from the last
    /// [`decide_all`](Self::decide_all)).
    pub fn get(&self, place: Decided) -> &[Decision] {
        let start = place.0 as usize * self.lists;
        &self.decided[start..start + self.lists]
    }
}

/// Decides a holding on every list, without remembering.
pub fn decide(runs: &[ListRun<'_>], fields: &HoldingFields<'_>) -> Box<[Decision]> {
    let query = HoldingQuery::new(fields.name_for_matching(), fields.ticker(), fields.isins());
    runs.iter().map(|run| run.matcher.decide(&query)).collect()
}

/// Where a finding is and what it holds, shared by its lists.
pub struct Place<'a> {
    /// The holdings file.
    pub file: &'a str,
    /// The row's line.
    pub line: u64,
    /// The row's cells.
    pub fields: &'a HoldingFields<'a>,
    /// The holding's ISINs.
    pub isins: &'a [String],
    /// Its weight.
    pub weight: Option<f64>,
    /// Its market value.
    pub market_value: Option<f64>,
}

/// Builds the finding of one list's decision, with the decisions file's
/// verdict on it.
pub fn finding(
    run: &ListRun<'_>,
    decision: &Decision,
    place: &Place<'_>,
    reviewed: Option<(&Decisions, NaiveDate)>,
) -> Finding {
    let targets = run.matcher.targets();
    let entity = decision.target.map(|t| &targets[t].entity);
    let parent = decision.target.and_then(|t| {
        let id = targets[t].entity.parent_id.as_ref()?;
        let on_list = targets[t].parent.map(|p| &targets[p].entity);
        Some(EntityRef {
            entity_id: id.clone(),
            name: on_list.map_or_else(|| id.clone(), |p| p.name.clone()),
            status: on_list.map(|p| p.status),
        })
    });
    let suppressed = match (entity, reviewed) {
        (Some(e), Some((decisions, as_of))) if decision.verdict != Verdict::Clear => {
            let keys = HoldingKeys {
                name: place.fields.name,
                ticker: place.fields.ticker,
                isins: place.isins,
            };
            decisions.find(keys, &e.id, as_of)
        }
        _ => None,
    };
    Finding {
        list: run.list.history.info.id.clone(),
        file: place.file.to_string(),
        line: place.line,
        name: place.fields.name.to_string(),
        ticker: Some(place.fields.ticker.to_string()).filter(|t| !t.is_empty()),
        isin: place.isins.first().cloned(),
        weight: place.weight,
        market_value: place.market_value,
        verdict: decision.verdict,
        status: entity.map(|e| e.status),
        since: entity.map(|e| e.since),
        entity_id: entity.map(|e| e.id.clone()),
        entity_name: entity.map(|e| e.name.clone()),
        evidence: decision.evidence.clone(),
        parent,
        formerly_listed: decision.former.map(|t| &targets[t]).and_then(|t| {
            t.removed_on.map(|removed_on| FormerlyListed {
                entity_id: t.entity.id.clone(),
                entity_name: t.entity.name.clone(),
                removed_on,
            })
        }),
        effective: entity.and_then(|e| e.effective),
        divestment_until: entity.and_then(|e| e.divestment_until),
        suppressed,
    }
}

/// True when a decision is worth reporting by default: a match, a review,
/// or a formerly listed entity.
pub fn is_notable(decision: &Decision) -> bool {
    decision.verdict != Verdict::Clear || decision.former.is_some()
}

/// The status of a decision's entity.
pub fn status(run: &ListRun<'_>, decision: &Decision) -> Option<Status> {
    decision
        .target
        .map(|t| run.matcher.targets()[t].entity.status)
}
