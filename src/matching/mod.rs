//! Deciding whether a holding is a listed entity: identifiers first, then
//! names, each step driven by data tables.
//!
//! - `normalize` and `tables`: from printed names to comparable words.
//! - `isin`, `ticker` and `exchanges`: identifiers and trading venues.
//! - `index`, `postings`, `coverage`, `signature` and `score`: which aliases
//!   to compare, and how close they are.
//! - `names` and `brands`: the best name for a holding, group brands.
//! - `identifiers`: ISINs and tickers of the entities, and conflicts.
//! - `matcher`: the order of evidence and the verdict.

pub mod brands;
pub mod coverage;
pub mod exchanges;
pub mod identifiers;
pub mod index;
pub mod isin;
pub mod matcher;
pub mod names;
pub mod normalize;
pub mod postings;
pub mod score;
pub mod signature;
pub mod tables;
pub mod ticker;
pub mod verdict;

pub use matcher::{HoldingQuery, Matcher, Target};
pub use names::Candidate;
pub use verdict::{Decision, Evidence, EvidenceKind, Reason, Verdict};
