//! The identifier side of the matcher: ISINs and tickers of every target,
//! and where each target is traded, to tell when a holding's own ticker or
//! ISIN contradicts a name match.

use std::collections::{HashMap, HashSet};

use super::matcher::{HoldingQuery, Target};
use super::ticker::{Market, TickerKey};

/// ISINs and tickers of the targets.
#[derive(Debug, Default)]
pub struct IdentifierIndex {
    by_isin: HashMap<String, usize>,
    by_ticker: HashMap<TickerKey, Vec<usize>>,
    by_symbol: HashMap<String, Vec<usize>>,
    /// Per target: the market families its identifiers place it in.
    families: Vec<HashSet<Market>>,
}

impl IdentifierIndex {
    /// Indexes the identifiers of `targets`.
    pub fn build(targets: &[Target]) -> IdentifierIndex {
        let mut index = IdentifierIndex::default();
        for (i, target) in targets.iter().enumerate() {
            let mut family = HashSet::new();
            for code in &target.entity.isins {
                index.by_isin.entry(code.clone()).or_insert(i);
                family.extend(market_family(&code[..2]));
            }
            for ticker in &target.entity.tickers {
                push_unique(index.by_ticker.entry(ticker.key.clone()).or_default(), i);
                push_unique(
                    index
                        .by_symbol
                        .entry(ticker.key.symbol.clone())
                        .or_default(),
                    i,
                );
                family.extend(market_family(ticker.key.market.as_str()));
            }
            index.families.push(family);
        }
        index
    }

    /// The first of `isins` that a target has, and the target.
    pub fn isin<'a>(&self, isins: &'a [String]) -> Option<(&'a str, usize)> {
        isins
            .iter()
            .find_map(|code| self.by_isin.get(code).map(|&t| (code.as_str(), t)))
    }

    /// Targets with this ticker on this market.
    pub fn ticker(&self, key: &TickerKey) -> &[usize] {
        self.by_ticker.get(key).map_or(&[], Vec::as_slice)
    }

    /// Targets with this symbol on any market.
    pub fn symbol(&self, symbol: &str) -> &[usize] {
        self.by_symbol.get(symbol).map_or(&[], Vec::as_slice)
    }

    /// True when the holding's own ticker or ISIN puts it in a market where
    /// `target` is not known to trade. Depositary receipts and US
    /// over-the-counter lines of foreign companies are expected anywhere, so
    /// a US line conflicts only without them. A target without identifiers
    /// never conflicts.
    pub fn conflicts(&self, target: usize, holding: &HoldingQuery<'_>) -> bool {
        let families = &self.families[target];
        if families.is_empty() {
            return false;
        }
        let depositary = is_depositary(holding.name);
        let us = Market::new("US");
        let conflicts = |family: Option<Market>, otc_foreign: bool| {
            family.is_some_and(|f| {
                !families.contains(&f) && !(Some(f) == us && (depositary || otc_foreign))
            })
        };
        if let Some(ticker) = &holding.ticker
            && let Some(market) = ticker.market
            && conflicts(
                market_family(market.as_str()),
                is_otc_foreign_symbol(&ticker.symbol),
            )
        {
            return true;
        }
        holding
            .isins
            .iter()
            .any(|code| !code.starts_with("XS") && conflicts(market_family(&code[..2]), false))
    }
}

fn push_unique(list: &mut Vec<usize>, value: usize) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Greater China's markets and the domiciles of its companies (Cayman,
/// Bermuda, British Virgin Islands) are one family: an H-share's CN ISIN and
/// its Hong Kong ticker do not conflict. Other markets are their own family.
fn market_family(code: &str) -> Option<Market> {
    match code {
        "CN" | "HK" | "KY" | "BM" | "VG" | "MO" => Market::new("CN"),
        _ => Market::new(code),
    }
}

/// Depositary receipts: their US lines exist for companies listed anywhere.
fn is_depositary(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w,
            "ADR"
                | "ADS"
                | "ADRS"
                | "GDR"
                | "SPON"
                | "SPONSORED"
                | "UNSPONSORED"
                | "DEPOSITARY"
                | "DR"
        )
    })
}

/// US over-the-counter symbols of foreign companies: five letters ending in
/// Y (ADRs, `BYDDY`) or F (ordinary shares, `TCTZF`).
fn is_otc_foreign_symbol(symbol: &str) -> bool {
    symbol.len() == 5
        && symbol.bytes().all(|b| b.is_ascii_uppercase())
        && matches!(symbol.as_bytes()[4], b'Y' | b'F')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(market_family("HK"), market_family("KY"));
        assert_ne!(market_family("US"), market_family("CN"));
        assert_eq!(market_family("??"), None);
        assert!(is_otc_foreign_symbol("BYDDY"));
        assert!(!is_otc_foreign_symbol("BABA"));
        assert!(is_depositary("BAIDU INC - SPON ADR"));
        assert!(!is_depositary("COSTAR GROUP INC"));
    }
}
