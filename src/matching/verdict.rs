//! What the matcher concludes about one holding, and why.

use serde::Serialize;

/// The outcome for one holding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The holding is a listed entity's security.
    Match,
    /// Worth a human look: a possible match, or an affiliate sharing a listed
    /// entity's distinctive name.
    Review,
    /// Nothing on the list points at it.
    Clear,
}

impl Verdict {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::Review => "review",
            Verdict::Clear => "clear",
        }
    }
}

/// Which piece of the holding decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// An ISIN of the entity's own securities.
    Isin,
    /// A ticker of the entity's own shares.
    Ticker,
    /// The entity's name or one of its aliases.
    Name,
    /// A listed entity's distinctive name inside a longer name.
    Affiliate,
}

/// Stable kebab-case codes for why a verdict was reached. Scripts may rely on
/// them; new codes may be added, existing ones keep their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The holding's ISIN is one of the entity's.
    IsinListed,
    /// Ticker and exchange are one of the entity's listed lines.
    TickerExchange,
    /// A ticker without exchange that only this entity has on the list,
    /// with no name to contradict it.
    TickerUnique,
    /// A ticker without exchange, shared by several markets, and no name.
    TickerBare,
    /// The name, normalised, is the entity's name or an alias.
    NameExact,
    /// The name differs only in spelling (one or two letters).
    NameFuzzy,
    /// The name is the entity's name cut short by the file.
    NameTruncated,
    /// The name is the entity's short acronym, as the whole name.
    NameAcronym,
    /// The name differs in generic words only (group, technology, a city).
    NameVariant,
    /// The name and a ticker without exchange both point at the entity.
    NameAndTicker,
    /// The name resembles the entity's, not closely enough to decide.
    NamePartial,
    /// The name fits two listed entities equally well.
    NameAmbiguous,
    /// The name matches, but the holding's ticker or ISIN belongs elsewhere.
    NameIdentifierConflict,
    /// The name carries a listed entity's distinctive name plus other words.
    AffiliateName,
}

impl Reason {
    /// The kebab-case code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::IsinListed => "isin-listed",
            Reason::TickerExchange => "ticker-exchange",
            Reason::TickerUnique => "ticker-unique",
            Reason::TickerBare => "ticker-bare",
            Reason::NameExact => "name-exact",
            Reason::NameFuzzy => "name-fuzzy",
            Reason::NameTruncated => "name-truncated",
            Reason::NameAcronym => "name-acronym",
            Reason::NameVariant => "name-variant",
            Reason::NameAndTicker => "name-and-ticker",
            Reason::NamePartial => "name-partial",
            Reason::NameAmbiguous => "name-ambiguous",
            Reason::NameIdentifierConflict => "name-identifier-conflict",
            Reason::AffiliateName => "affiliate-name",
        }
    }
}

/// Why a holding got its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// Which piece of the holding decided.
    pub kind: EvidenceKind,
    /// The alias or identifier of the entity that matched, as the list prints it.
    pub matched: String,
    /// 0 to 1: how close the match is.
    pub score: f64,
    /// Stable code.
    pub reason: Reason,
    /// The holding's name after normalisation, when the name was compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
}

/// The matcher's answer for one holding.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Match, review or clear.
    pub verdict: Verdict,
    /// The listed entity the evidence points at (an index into the
    /// matcher's targets).
    pub target: Option<usize>,
    /// Why; absent for clear holdings with nothing to say.
    pub evidence: Option<Evidence>,
    /// A formerly listed entity the holding is (an index into the targets).
    pub former: Option<usize>,
}

impl Decision {
    /// Nothing points at the holding.
    pub fn clear() -> Decision {
        Decision {
            verdict: Verdict::Clear,
            target: None,
            evidence: None,
            former: None,
        }
    }
}
