//! Tickers: the list's `VENUE:SYMBOL` entries and the many ways holdings
//! files write a symbol and its exchange.
//!
//! Both sides are reduced to a [`TickerKey`]: a market (where the symbol is
//! unique) and a canonical symbol. Numeric symbols lose their leading zeros,
//! so `0700`, `00700` and a spreadsheet's `700` are one key in Hong Kong, and
//! `002594` and `2594` one key in China. A symbol without a known market is
//! "bare": it can point at a listed entity, but because the same number or
//! letters are used on many exchanges (`1211` is BYD in Hong Kong and
//! Ma'aden in Riyadh), a bare symbol alone never decides a match.

use std::cell::RefCell;
use std::fmt;

use anyhow::{Result, bail};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::exchanges::{
    self, BLOOMBERG, COUNTRIES, CURRENCIES, DOT_SUFFIXES, EXCHANGE_WORDS, MICS, PREFIXES,
};

/// The scope in which a symbol is unique, as an ISO 3166 country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Market([u8; 2]);

impl Market {
    /// A market from a two-letter upper-case code.
    pub fn new(code: &str) -> Option<Market> {
        let b = code.as_bytes();
        (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| Market([b[0], b[1]]))
    }

    fn from_table(code: &'static str) -> Market {
        let b = code.as_bytes();
        Market([b[0], b[1]])
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Market {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A market and a canonical symbol: equal keys are the same security line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TickerKey {
    /// Where the symbol is unique.
    pub market: Market,
    /// Upper case; numeric symbols without leading zeros.
    pub symbol: String,
}

impl fmt::Display for TickerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.market, self.symbol)
    }
}

/// A ticker as a list file writes it: `XHKG:9988`, `OTC:BYDDY`, `DE:ZCHA`.
#[derive(Clone, Debug, Serialize)]
pub struct ListedTicker {
    /// The text as written in the list.
    pub text: String,
    /// The market and canonical symbol.
    #[serde(skip)]
    pub key: TickerKey,
}

impl ListedTicker {
    /// Parses `VENUE:SYMBOL`, where VENUE is a MIC, `OTC`, or a country code.
    pub fn parse(text: &str) -> Result<ListedTicker> {
        let Some((venue, symbol)) = text.split_once(':') else {
            bail!("must be VENUE:SYMBOL, e.g. XHKG:9988 or OTC:BYDDY");
        };
        let market = match exchanges::lookup(MICS, venue) {
            Some(code) => Market::from_table(code),
            None => match Market::new(venue) {
                Some(m) => m,
                None => {
                    bail!("venue {venue:?} is neither a known MIC nor a two-letter country code")
                }
            },
        };
        let symbol = canonical_symbol(symbol);
        if symbol.is_empty() {
            bail!("has an empty symbol");
        }
        Ok(ListedTicker {
            text: text.to_string(),
            key: TickerKey { market, symbol },
        })
    }
}

/// A holding's ticker after reading every notation in the cell and the
/// file's exchange, currency and country columns.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HoldingTicker {
    /// Canonical symbol.
    pub symbol: String,
    /// The market, when the cell or another column says where it trades.
    pub market: Option<Market>,
}

/// What a file says about where a holding trades, besides the ticker cell.
#[derive(Clone, Copy, Debug, Default)]
pub struct VenueHints<'a> {
    /// An exchange column: a MIC, a Bloomberg code or a venue name.
    pub exchange: &'a str,
    /// A trading-currency column.
    pub currency: &'a str,
    /// A country or location column.
    pub country: &'a str,
}

impl HoldingTicker {
    /// Reads a ticker cell such as `700`, `0700.HK`, `700 HK Equity`,
    /// `HKG:0700`, `BABA UN`, `SH600519`, `002594.SZ` or `BRK/B`.
    /// Returns `None` for an empty or symbol-less cell.
    pub fn parse(cell: &str, hints: VenueHints<'_>) -> Option<HoldingTicker> {
        let upper = cell.trim().to_ascii_uppercase();
        let text = upper.strip_suffix(" EQUITY").unwrap_or(&upper).trim();
        if text.is_empty() || text == "-" || text == "N/A" {
            return None;
        }
        let (symbol, market) = split_venue(text);
        let symbol = canonical_symbol(symbol);
        if symbol.is_empty() {
            return None;
        }
        let market = market.or_else(|| market_from_hints(&symbol, hints));
        Some(HoldingTicker { symbol, market })
    }

    /// The key to look up, when the market is known.
    pub fn key(&self) -> Option<TickerKey> {
        self.market.map(|market| TickerKey {
            market,
            symbol: self.symbol.clone(),
        })
    }

    /// True when the symbol is only digits (and so shared by many exchanges).
    pub fn is_numeric(&self) -> bool {
        self.symbol.bytes().all(|b| b.is_ascii_digit())
    }
}

/// Splits a cell into symbol and, where the notation names one, market.
fn split_venue(text: &str) -> (&str, Option<Market>) {
    // `HKG:9988`, `XHKG:0700`, `NYSE:BABA`
    if let Some((venue, symbol)) = text.split_once(':') {
        let venue = venue.trim();
        if let Some(m) =
            exchanges::lookup(MICS, venue).or_else(|| exchanges::lookup(PREFIXES, venue))
        {
            return (symbol.trim(), Some(Market::from_table(m)));
        }
    }
    // `700 HK`, `BABA UN`, `002594 CH`: the last word is a Bloomberg code.
    if let Some((symbol, code)) = text.rsplit_once(' ') {
        let symbol = symbol.trim();
        if let Some(m) = exchanges::lookup(BLOOMBERG, code) {
            return (symbol, Some(bloomberg_market(symbol, code, m)));
        }
    }
    // `0700.HK`, `600519.SS`, `BABA.N`; but `BRK.B` is a share class.
    if let Some((symbol, suffix)) = text.rsplit_once('.')
        && let Some(m) = exchanges::lookup(DOT_SUFFIXES, suffix)
        && !symbol.is_empty()
    {
        return (symbol, Some(Market::from_table(m)));
    }
    // `HK.00700`, `SH.600519`, `US.BABA`
    if let Some((prefix, symbol)) = text.split_once('.')
        && let Some(m) = exchanges::lookup(PREFIXES, prefix)
        && !symbol.is_empty()
    {
        return (symbol, Some(Market::from_table(m)));
    }
    // `SH600519`, `SZ002594`: two letters glued to a six-digit code.
    if text.len() == 8 && text.is_char_boundary(2) && text[2..].bytes().all(|b| b.is_ascii_digit())
    {
        let (prefix, symbol) = text.split_at(2);
        if matches!(prefix, "SH" | "SZ" | "BJ") {
            return (symbol, Some(Market::from_table("CN")));
        }
    }
    (text, None)
}

/// Bloomberg writes Canada as `CN`; a six-digit code with `CN` is a Chinese
/// A-share as OFAC prints them (`601800 CN`), not a Toronto symbol.
fn bloomberg_market(symbol: &str, code: &str, market: &'static str) -> Market {
    if code == "CN" && symbol.len() == 6 && symbol.bytes().all(|b| b.is_ascii_digit()) {
        Market::from_table("CN")
    } else {
        Market::from_table(market)
    }
}

fn market_from_hints(symbol: &str, hints: VenueHints<'_>) -> Option<Market> {
    let exchange = hints.exchange.trim();
    if !exchange.is_empty()
        && let Some(m) = market_of_exchange(exchange)
    {
        return Some(Market::from_table(m));
    }
    let currency = hints.currency.trim().to_ascii_uppercase();
    if let Some(m) = exchanges::lookup(CURRENCIES, &currency) {
        return Some(Market::from_table(m));
    }
    let country = hints.country.trim().to_ascii_uppercase();
    let found = COUNTRIES
        .iter()
        .find(|(name, _)| country == *name)
        .map(|&(_, m)| m)?;
    // Chinese companies trade in Hong Kong under short numeric codes and in
    // Shanghai or Shenzhen under six-digit ones; a "China" location alone
    // does not say which, the code does.
    if found == "CN" {
        let numeric = symbol.bytes().all(|b| b.is_ascii_digit());
        return match (numeric, symbol.len()) {
            (true, 6) => Some(Market::from_table("CN")),
            (true, 1..=5) => Some(Market::from_table("HK")),
            _ => None,
        };
    }
    Some(Market::from_table(found))
}

/// Exchange cells whose market is remembered per thread; beyond, the
/// memory starts again.
const EXCHANGES_REMEMBERED: usize = 1024;

/// The market of an exchange cell (trimmed, not empty): a MIC, Bloomberg or
/// prefix code, or a word of the exchange's name (`SHENZHEN STOCK
/// EXCHANGE`). A file repeats a few exchange cells in every row, and the
/// names are searched for each of some 70 words: the answer for each cell
/// is remembered.
fn market_of_exchange(exchange: &str) -> Option<&'static str> {
    thread_local! {
        static KNOWN: RefCell<FxHashMap<Box<str>, Option<&'static str>>> =
            RefCell::new(FxHashMap::default());
    }
    KNOWN.with(|known| {
        if let Some(&market) = known.borrow().get(exchange) {
            return market;
        }
        let upper = exchange.to_ascii_uppercase();
        let market = exchanges::lookup(MICS, &upper)
            .or_else(|| exchanges::lookup(BLOOMBERG, &upper))
            .or_else(|| exchanges::lookup(PREFIXES, &upper))
            .or_else(|| {
                EXCHANGE_WORDS
                    .iter()
                    .find(|(word, _)| upper.contains(word))
                    .map(|&(_, m)| m)
            });
        let mut known = known.borrow_mut();
        if known.len() >= EXCHANGES_REMEMBERED {
            known.clear();
        }
        known.insert(exchange.into(), market);
        market
    })
}

/// Upper case, separators of share classes unified (`BRK/B`, `BRK-B`,
/// `BRK B` -> `BRK.B`), numeric symbols without leading zeros.
pub fn canonical_symbol(symbol: &str) -> String {
    let trimmed = symbol.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let stripped = trimmed.trim_start_matches('0');
        return if stripped.is_empty() {
            "0".to_string()
        } else {
            stripped.to_string()
        };
    }
    trimmed
        .chars()
        .map(|c| match c {
            '/' | '-' | ' ' => '.',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(cell: &str) -> (String, Option<String>) {
        let t = HoldingTicker::parse(cell, VenueHints::default()).unwrap();
        (t.symbol, t.market.map(|m| m.to_string()))
    }

    #[test]
    fn reads_every_notation() {
        let cases = [
            ("9988 HK", "9988", Some("HK")),
            ("9988.HK", "9988", Some("HK")),
            ("HKG:9988", "9988", Some("HK")),
            ("XHKG:0700", "700", Some("HK")),
            ("700 HK Equity", "700", Some("HK")),
            ("0700.hk", "700", Some("HK")),
            ("HK.00700", "700", Some("HK")),
            ("BABA US", "BABA", Some("US")),
            ("BABA UN", "BABA", Some("US")),
            ("BABA.N", "BABA", Some("US")),
            ("NYSE:BABA", "BABA", Some("US")),
            ("002594.SZ", "2594", Some("CN")),
            ("002594 CH", "2594", Some("CN")),
            ("600519.SS", "600519", Some("CN")),
            ("SH600519", "600519", Some("CN")),
            ("601800 CN", "601800", Some("CN")),
            ("CNU CN", "CNU", Some("CA")),
            ("09988", "9988", None),
            ("2594", "2594", None),
            ("BRK.B", "BRK.B", None),
            ("BRK/B", "BRK.B", None),
        ];
        for (cell, symbol, market) in cases {
            assert_eq!(
                parse(cell),
                (symbol.to_string(), market.map(str::to_string)),
                "{cell}"
            );
        }
    }

    #[test]
    fn empty_cells_have_no_ticker() {
        for cell in ["", "  ", "-", "n/a"] {
            assert_eq!(
                HoldingTicker::parse(cell, VenueHints::default()),
                None,
                "{cell:?}"
            );
        }
    }

    #[test]
    fn other_columns_give_the_market() {
        let with = |exchange, currency, country| VenueHints {
            exchange,
            currency,
            country,
        };
        let market = |cell, hints| {
            HoldingTicker::parse(cell, hints)
                .unwrap()
                .market
                .map(|m| m.to_string())
        };
        assert_eq!(
            market("700", with("Hong Kong Exchanges And Clearing Ltd", "", "")),
            Some("HK".into())
        );
        assert_eq!(
            market("2594", with("Shenzhen Stock Exchange", "", "")),
            Some("CN".into())
        );
        assert_eq!(
            market("BABA", with("New York Stock Exchange Inc.", "", "")),
            Some("US".into())
        );
        assert_eq!(
            market("1211", with("Saudi Stock Exchange", "", "")),
            Some("SA".into())
        );
        assert_eq!(market("1211", with("", "SAR", "")), Some("SA".into()));
        assert_eq!(market("1211", with("", "HKD", "")), Some("HK".into()));
        assert_eq!(market("1211", with("XHKG", "", "")), Some("HK".into()));
        assert_eq!(market("700", with("", "", "China")), Some("HK".into()));
        assert_eq!(market("300750", with("", "", "China")), Some("CN".into()));
        assert_eq!(market("BABA", with("", "", "China")), None);
        // The cell's own notation wins over the columns.
        assert_eq!(
            market("1211 HK", with("Saudi Stock Exchange", "", "")),
            Some("HK".into())
        );
    }

    #[test]
    fn list_tickers() {
        let t = ListedTicker::parse("XSHE:002594").unwrap();
        assert_eq!(t.key.to_string(), "CN:2594");
        assert_eq!(
            ListedTicker::parse("OTC:BYDDY").unwrap().key.to_string(),
            "US:BYDDY"
        );
        assert_eq!(
            ListedTicker::parse("DE:ZCHA").unwrap().key.to_string(),
            "DE:ZCHA"
        );
        assert!(ListedTicker::parse("HK9988").is_err());
        assert!(ListedTicker::parse("HONGKONG:9988").is_err());
        assert!(ListedTicker::parse("XHKG:").is_err());
    }
}
