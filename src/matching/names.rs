//! Choosing the best listed name for a holding's name: every candidate alias
//! is compared, the best kept by a total order, and a tie between unrelated
//! entities flagged; group brands are the fallback.

use std::collections::HashSet;

use super::brands::Brands;
use super::index::{AliasEntry, NameIndex, NameSource};
use super::matcher::Target;
use super::normalize::NormalizedName;
use super::score::{MATCH_MIN_SCORE, NameScore, Shape, TRUNCATED_MIN_SCORE, Token, compare};
use super::verdict::{Reason, Verdict};

/// The score of a name that is a listed name with its words run together
/// or split (`CHINA BLUE CHEMICAL` / `China BlueChemical`).
const SPACING_SCORE: f32 = 0.97;

/// The best alias found for a name.
#[derive(Clone, Debug)]
pub struct NameChoice {
    /// Index of the alias.
    pub alias: usize,
    /// How it compared.
    pub score: NameScore,
    /// The target is on the list (not former).
    pub current: bool,
    /// The alias is the printed name.
    pub is_name: bool,
    /// The alias leaves out a distinctive word of the printed name.
    pub partial: bool,
    /// The alias is printed as the holding's name, up to letter case, spaces
    /// and punctuation (which tells apart `中国联通` and `中國聯通`, the same
    /// after normalising).
    pub printed_alike: bool,
    /// Another, unrelated entity fits equally well.
    pub ambiguous: bool,
}

impl NameChoice {
    /// True when the comparison alone makes a match. A formerly listed
    /// entity is matched only by its whole name (cut or not): with words
    /// missing it is a review, which yields to a current entity's review.
    pub fn is_match(&self) -> bool {
        !self.partial
            && (self.current || self.score.complete)
            && match self.score.shape {
                Shape::Full => self.score.score >= MATCH_MIN_SCORE,
                Shape::Truncated => self.score.score >= TRUNCATED_MIN_SCORE,
                Shape::Affiliate => false,
            }
    }

    /// Ordering: a match over a review, then the shape, then (for reviews) a
    /// current entity over a former one, then the score, then a name printed
    /// as the holding prints it, then a full name over a short form
    /// (`CNOOC LTD` is CNOOC Limited, not the parent whose acronym is CNOOC),
    /// then a current entity over a former one, then the printed name over an
    /// alias.
    fn beats(&self, other: &NameChoice) -> bool {
        let key = |c: &NameChoice| {
            (
                c.is_match(),
                c.score.shape != Shape::Affiliate,
                // Among reviews, a current entity before a former one (a
                // review of a former entity says nothing).
                c.is_match() || c.current,
                c.score.score,
                c.printed_alike,
                c.score.reason != Reason::NameAcronym,
                c.current,
                c.is_name,
            )
        };
        key(self)
            .partial_cmp(&key(other))
            .is_some_and(|o| o == std::cmp::Ordering::Greater)
    }
}

/// One alias considered for a name, with how it compared (for `lookup`).
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Index into the targets.
    pub target: usize,
    /// The alias as printed.
    pub alias: String,
    /// `full`, `truncated`, `affiliate` or `short-form`.
    pub shape: &'static str,
    /// 0 to 1.
    pub score: f64,
    /// The reason code this comparison alone would give.
    pub reason: Reason,
    /// The verdict this comparison alone would give.
    pub verdict: Verdict,
}

/// The name side of the matcher.
#[derive(Debug)]
pub struct NameMatcher {
    index: NameIndex,
    brands: Brands,
}

impl NameMatcher {
    /// Indexes every name and alias of `targets`.
    pub fn new(targets: &[Target]) -> NameMatcher {
        // Brands are found on one core while the index is being built,
        // which leaves a core idle at times.
        let (index, brands) = rayon::join(
            || NameIndex::build(name_sources(targets), targets.len()),
            || Brands::build(targets),
        );
        NameMatcher { index, brands }
    }

    /// The alias with this index.
    pub fn alias(&self, id: usize) -> &AliasEntry {
        &self.index.aliases[id]
    }

    /// Weighs a normalised name's words.
    pub fn weigh(&self, name: &NormalizedName) -> Vec<Token> {
        self.index.weigh(name)
    }

    /// Compares `name` with one alias.
    fn compare(
        &self,
        name: &NormalizedName,
        tokens: &[Token],
        compact: &str,
        alias: &AliasEntry,
    ) -> Option<NameScore> {
        if alias.acronym {
            // A short form matches only as the whole name.
            return (alias.compact == compact).then_some(NameScore {
                shape: Shape::Full,
                score: 1.0,
                reason: Reason::NameAcronym,
                complete: true,
            });
        }
        let scored = compare(tokens, name.cut_short, &alias.tokens, alias.own_structural);
        if alias.compact == compact && scored.is_none_or(|s| s.score < SPACING_SCORE) {
            return Some(NameScore {
                shape: Shape::Full,
                score: SPACING_SCORE,
                reason: Reason::NameVariant,
                complete: true,
            });
        }
        scored
    }

    /// The best alias for a name (`printed` as the holding prints it,
    /// `name` normalised) across all targets.
    pub fn best(
        &self,
        printed: &str,
        name: &NormalizedName,
        targets: &[Target],
    ) -> Option<NameChoice> {
        let tokens = self.index.weigh(name);
        let compact = name.compact();
        let entity_of = |alias: usize| &targets[self.index.aliases[alias].target].entity.id;
        let mut best: Option<NameChoice> = None;
        let mut runner_up: Option<NameChoice> = None;
        let candidates = self.index.candidates(name, &tokens);
        if cfg!(debug_assertions) {
            for id in self.index.reachable(name, &tokens) {
                debug_assert!(
                    candidates.binary_search(&id).is_ok()
                        || self
                            .compare(name, &tokens, &compact, self.alias(id as usize))
                            .is_none(),
                    "the index ruled out {:?} for {:?}",
                    self.alias(id as usize).printed,
                    name.tokens
                );
            }
        }
        for id in candidates {
            let alias = &self.index.aliases[id as usize];
            let Some(score) = self.compare(name, &tokens, &compact, alias) else {
                continue;
            };
            let choice = NameChoice {
                alias: id as usize,
                score,
                current: targets[alias.target].removed_on.is_none(),
                is_name: alias.is_name,
                partial: alias.partial,
                printed_alike: printed_alike(&alias.printed, printed),
                ambiguous: false,
            };
            match &best {
                Some(b) if !choice.beats(b) => {
                    if entity_of(choice.alias) != entity_of(b.alias)
                        && runner_up.as_ref().is_none_or(|r| choice.beats(r))
                    {
                        runner_up = Some(choice);
                    }
                }
                _ => {
                    if let Some(b) = best.take()
                        && entity_of(b.alias) != entity_of(choice.alias)
                    {
                        runner_up = Some(b);
                    }
                    best = Some(choice);
                }
            }
        }
        let mut best = best?;
        if let Some(second) = runner_up
            && best.is_match()
            && second.is_match()
            && best.current
            && second.current
            && (best.score.score - second.score.score).abs() < 1e-4
            && best.score.shape == second.score.shape
            && best.printed_alike == second.printed_alike
            && !related(
                targets,
                self.index.aliases[best.alias].target,
                self.index.aliases[second.alias].target,
            )
        {
            best.ambiguous = true;
        }
        Some(best)
    }

    /// The group brand a name carries, with the target it points at.
    pub fn brand(&self, name: &NormalizedName) -> Option<(String, usize)> {
        self.brands.find(&name.tokens).map(|b| (b.text(), b.target))
    }

    /// Every entity's best alias compared with `name`, best first.
    pub fn explain(&self, name: &NormalizedName) -> Vec<Candidate> {
        let tokens = self.index.weigh(name);
        let compact = name.compact();
        let mut found = Vec::new();
        for id in self.index.candidates(name, &tokens) {
            let alias = &self.index.aliases[id as usize];
            let Some(score) = self.compare(name, &tokens, &compact, alias) else {
                continue;
            };
            let choice = NameChoice {
                alias: id as usize,
                score,
                current: true,
                is_name: alias.is_name,
                partial: alias.partial,
                printed_alike: false,
                ambiguous: false,
            };
            found.push(Candidate {
                target: alias.target,
                alias: alias.printed.clone(),
                shape: match (alias.acronym, score.shape) {
                    (true, _) => "short-form",
                    (_, Shape::Full) => "full",
                    (_, Shape::Truncated) => "truncated",
                    (_, Shape::Affiliate) => "affiliate",
                },
                score: (f64::from(score.score) * 1000.0).round() / 1000.0,
                reason: score.reason,
                verdict: if choice.is_match() {
                    Verdict::Match
                } else {
                    Verdict::Review
                },
            });
        }
        found.sort_by(|a, b| {
            a.verdict
                .cmp(&b.verdict)
                .then(b.score.total_cmp(&a.score))
                .then(a.target.cmp(&b.target))
                .then(a.alias.cmp(&b.alias))
        });
        let mut seen = HashSet::new();
        found.retain(|c| seen.insert(c.target));
        found
    }
}

/// True when two printed names have the same letters and digits, in the same
/// order, ignoring case: `China-Unicom (HK)` and `CHINA UNICOM HK` are alike.
fn printed_alike(a: &str, b: &str) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    folded(a).eq(folded(b))
}

/// Parent and child (either way) are related: the better one is meant.
fn related(targets: &[Target], a: usize, b: usize) -> bool {
    let (ea, eb) = (&targets[a].entity, &targets[b].entity);
    ea.parent_id.as_deref() == Some(eb.id.as_str())
        || eb.parent_id.as_deref() == Some(ea.id.as_str())
}

/// Every name and alias of `targets`, each with its target's number.
fn name_sources(targets: &[Target]) -> impl Iterator<Item = NameSource<'_>> {
    targets.iter().enumerate().flat_map(|(i, t)| {
        std::iter::once(NameSource {
            target: i,
            printed: t.entity.name.as_str(),
            is_name: true,
        })
        .chain(t.entity.aliases.iter().map(move |a| NameSource {
            target: i,
            printed: a.as_str(),
            is_name: false,
        }))
    })
}
