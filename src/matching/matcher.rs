//! The matcher: one snapshot's entities, indexed once, deciding holdings.
//!
//! Order of evidence (DESIGN §5): an ISIN of the entity's own securities,
//! then a ticker with its exchange, then the name. A ticker without an
//! exchange only confirms a name, or decides alone when no name is given and
//! no other entity on the list has that symbol; a numeric one never decides
//! alone. A name match is held back for review when the holding's ticker or
//! ISIN places it somewhere the entity is not traded, and a review is
//! dropped for the same reason.
//!
//! Entities that were on an earlier snapshot of the list but not on this one
//! are targets too ("former"): a holding that is one is reported as
//! formerly listed, with a clear verdict; it never fails a run.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::identifiers::IdentifierIndex;
use super::names::{Candidate, NameMatcher};
use super::normalize::{NormalizedName, normalize};
use super::score::Shape;
use super::ticker::{HoldingTicker, TickerKey};
use super::verdict::{Decision, Evidence, EvidenceKind, Reason, Verdict};
use crate::list::{Entity, Snapshot};

/// The score given to a review on a group brand alone.
const BRAND_SCORE: f64 = 0.5;

/// An entity the matcher can point at.
#[derive(Clone, Debug)]
pub struct Target {
    /// The entity as its snapshot states it.
    pub entity: Arc<Entity>,
    /// For an entity no longer on the list: the date of the first snapshot
    /// without it.
    pub removed_on: Option<NaiveDate>,
    /// The target of the entity's `parent_id`, when the parent is on the
    /// list (a current target).
    pub parent: Option<usize>,
}

/// What the matcher needs to know about one holding. The name is
/// normalised once, however many lists decide the holding.
#[derive(Clone, Debug, Default)]
pub struct HoldingQuery<'a> {
    /// The security's name or description as printed.
    pub name: &'a str,
    /// The name normalised.
    pub normalized: NormalizedName,
    /// The ticker with whatever market the file gives.
    pub ticker: Option<HoldingTicker>,
    /// Valid ISINs found in the row (including ones derived from a CUSIP).
    pub isins: Vec<String>,
}

impl<'a> HoldingQuery<'a> {
    /// The query for a holding printed as `name`.
    pub fn new(
        name: &'a str,
        ticker: Option<HoldingTicker>,
        isins: Vec<String>,
    ) -> HoldingQuery<'a> {
        HoldingQuery {
            name,
            normalized: normalize(name),
            ticker,
            isins,
        }
    }
}

/// The index over one snapshot (plus former entities).
#[derive(Debug)]
pub struct Matcher {
    targets: Vec<Target>,
    names: NameMatcher,
    identifiers: IdentifierIndex,
}

impl Matcher {
    /// Indexes `snapshot`, plus `former` entities with their removal dates.
    pub fn new(snapshot: &Snapshot, former: Vec<(Arc<Entity>, NaiveDate)>) -> Matcher {
        // Where each entity named as a parent is in the snapshot (few are:
        // a table of every id would cost a large list more than this pass).
        let mut parents: FxHashMap<&str, Option<usize>> = snapshot
            .entities
            .iter()
            .map(|e| e.parent_id.as_deref())
            .chain(former.iter().map(|(e, _)| e.parent_id.as_deref()))
            .flatten()
            .map(|id| (id, None))
            .collect();
        if !parents.is_empty() {
            for (i, e) in snapshot.entities.iter().enumerate() {
                if let Some(position) = parents.get_mut(e.id.as_str()) {
                    position.get_or_insert(i);
                }
            }
        }
        let parent = |e: &Entity| {
            e.parent_id
                .as_deref()
                .and_then(|id| parents.get(id).copied().flatten())
        };
        let targets: Vec<Target> = snapshot
            .entities
            .iter()
            .map(|e| Target {
                entity: Arc::clone(e),
                removed_on: None,
                parent: parent(e),
            })
            .chain(former.iter().map(|(entity, removed)| Target {
                parent: parent(entity),
                entity: Arc::clone(entity),
                removed_on: Some(*removed),
            }))
            .collect();
        let names = NameMatcher::new(&targets);
        let identifiers = IdentifierIndex::build(&targets);
        Matcher {
            targets,
            names,
            identifiers,
        }
    }

    /// The entities the matcher points at; a decision's `target` indexes this.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Decides one holding.
    pub fn decide(&self, holding: &HoldingQuery<'_>) -> Decision {
        let decision = self.decide_any(holding);
        match decision.target {
            // A former entity never makes a finding of its own.
            Some(t) if self.targets[t].removed_on.is_some() => {
                if decision.verdict == Verdict::Match {
                    Decision {
                        verdict: Verdict::Clear,
                        target: None,
                        evidence: decision.evidence,
                        former: Some(t),
                    }
                } else {
                    Decision::clear()
                }
            }
            Some(t)
                if decision.verdict == Verdict::Review
                    && self.identifiers.conflicts(t, holding) =>
            {
                Decision::clear()
            }
            _ => decision,
        }
    }

    fn decide_any(&self, holding: &HoldingQuery<'_>) -> Decision {
        if let Some((code, target)) = self.identifiers.isin(&holding.isins) {
            return decision(
                Verdict::Match,
                target,
                EvidenceKind::Isin,
                code.to_string(),
                1.0,
                Reason::IsinListed,
                None,
            );
        }
        if let Some(key) = holding.ticker.as_ref().and_then(HoldingTicker::key) {
            let targets = self.identifiers.ticker(&key);
            if !targets.is_empty() {
                let target = self.prefer_current(targets);
                let text = self.listed_ticker_text(target, &key);
                return decision(
                    Verdict::Match,
                    target,
                    EvidenceKind::Ticker,
                    text,
                    1.0,
                    Reason::TickerExchange,
                    None,
                );
            }
        }

        let normalized = &holding.normalized;
        let bare: &[usize] = match &holding.ticker {
            Some(t) if t.market.is_none() => self.identifiers.symbol(&t.symbol),
            _ => &[],
        };
        if normalized.is_empty() {
            return self.decide_bare_ticker(holding, bare);
        }
        let display = Some(normalized.display());
        let Some(best) = self.names.best(holding.name, normalized, &self.targets) else {
            return match self.names.brand(normalized) {
                Some((brand, target)) => decision(
                    Verdict::Review,
                    target,
                    EvidenceKind::Affiliate,
                    brand,
                    BRAND_SCORE,
                    Reason::AffiliateName,
                    display,
                ),
                None => Decision::clear(),
            };
        };

        let alias = self.names.alias(best.alias);
        let target = alias.target;
        let matched = alias.printed.clone();
        let score = f64::from(best.score.score);
        if bare.contains(&target) && best.score.shape != Shape::Affiliate {
            let score = score.max(0.9);
            return decision(
                Verdict::Match,
                target,
                EvidenceKind::Name,
                matched,
                score,
                Reason::NameAndTicker,
                display,
            );
        }
        let kind = if best.score.shape == Shape::Affiliate {
            EvidenceKind::Affiliate
        } else {
            EvidenceKind::Name
        };
        let review = |reason| {
            decision(
                Verdict::Review,
                target,
                kind,
                matched.clone(),
                score,
                reason,
                display.clone(),
            )
        };
        if !best.is_match() {
            let reason = if best.score.reason == Reason::AffiliateName {
                Reason::AffiliateName
            } else {
                Reason::NamePartial
            };
            return review(reason);
        }
        if best.ambiguous {
            return review(Reason::NameAmbiguous);
        }
        if self.identifiers.conflicts(target, holding) {
            return review(Reason::NameIdentifierConflict);
        }
        decision(
            Verdict::Match,
            target,
            kind,
            matched,
            score,
            best.score.reason,
            display,
        )
    }

    /// A holding known only by a ticker without exchange: it decides when
    /// no other entity on the list has the symbol and the symbol is not a
    /// number (numbers repeat across exchanges); otherwise a review.
    fn decide_bare_ticker(&self, holding: &HoldingQuery<'_>, bare: &[usize]) -> Decision {
        let Some(ticker) = &holding.ticker else {
            return Decision::clear();
        };
        if bare.is_empty() {
            return Decision::clear();
        }
        let target = self.prefer_current(bare);
        let id = |t: usize| self.targets[t].entity.id.as_str();
        let one_entity = bare.iter().all(|&t| id(t) == id(bare[0]));
        let (verdict, score, reason) = if one_entity && !ticker.is_numeric() {
            (Verdict::Match, 0.9, Reason::TickerUnique)
        } else {
            (Verdict::Review, 0.5, Reason::TickerBare)
        };
        decision(
            verdict,
            target,
            EvidenceKind::Ticker,
            ticker.symbol.clone(),
            score,
            reason,
            None,
        )
    }

    /// Every entity's best alias compared with `name`, best first (for
    /// `lookup`), and the name as normalised.
    pub fn explain(&self, name: &str) -> (String, Vec<Candidate>) {
        let normalized = normalize(name);
        (normalized.display(), self.names.explain(&normalized))
    }

    fn prefer_current(&self, targets: &[usize]) -> usize {
        targets
            .iter()
            .copied()
            .find(|&t| self.targets[t].removed_on.is_none())
            .unwrap_or(targets[0])
    }

    fn listed_ticker_text(&self, target: usize, key: &TickerKey) -> String {
        self.targets[target]
            .entity
            .tickers
            .iter()
            .find(|t| &t.key == key)
            .map_or_else(|| key.to_string(), |t| t.text.clone())
    }
}

fn decision(
    verdict: Verdict,
    target: usize,
    kind: EvidenceKind,
    matched: String,
    score: f64,
    reason: Reason,
    normalized: Option<String>,
) -> Decision {
    // Scores are reported to three decimals, so output does not depend on
    // floating-point noise.
    let score = (score * 1000.0).round() / 1000.0;
    Decision {
        verdict,
        target: Some(target),
        evidence: Some(Evidence {
            kind,
            matched,
            score,
            reason,
            normalized,
        }),
        former: None,
    }
}
