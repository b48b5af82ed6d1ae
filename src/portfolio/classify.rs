//! Which rows are not holdings to screen: blank rows, footer text, totals,
//! repeated headers, and positions that are not securities of a company
//! (cash, currency, futures, FX forwards, money-market sweeps, derivatives).
//!
//! An asset-class column decides where a file has one; otherwise the name
//! is matched against the patterns below, which are anchored so that a
//! company called "Cash America" or "Futu Holdings" is still screened.

use serde::Serialize;

/// Why a row was not screened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Every cell empty.
    Blank,
    /// A line of prose in one cell: a disclaimer or note.
    Text,
    /// A totals row.
    Total,
    /// The header row again.
    HeaderRepeat,
    /// Cash or a cash-like balance.
    Cash,
    /// Currency spot or forward.
    Fx,
    /// A futures contract.
    Future,
    /// A money-market fund or sweep vehicle.
    MoneyMarket,
    /// Options, swaps and other derivatives.
    Derivative,
}

impl SkipReason {
    /// The kebab-case code used in reports.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::Blank => "blank",
            SkipReason::Text => "text",
            SkipReason::Total => "total",
            SkipReason::HeaderRepeat => "header-repeat",
            SkipReason::Cash => "cash",
            SkipReason::Fx => "fx",
            SkipReason::Future => "future",
            SkipReason::MoneyMarket => "money-market",
            SkipReason::Derivative => "derivative",
        }
    }
}

/// Asset-class values (lower case, matched as whole words or phrases) that
/// are not company securities.
#[rustfmt::skip]
const ASSET_CLASSES: &[(&str, SkipReason)] = &[
    ("money market", SkipReason::MoneyMarket), ("mmf", SkipReason::MoneyMarket), ("sweep", SkipReason::MoneyMarket),
    ("cash collateral", SkipReason::Cash), ("cash", SkipReason::Cash), ("margin", SkipReason::Cash),
    ("liquidity", SkipReason::Cash), ("deposit", SkipReason::Cash), ("currency", SkipReason::Fx),
    ("fx", SkipReason::Fx), ("forward", SkipReason::Fx), ("spot", SkipReason::Fx), ("futures", SkipReason::Future),
    ("future", SkipReason::Future), ("option", SkipReason::Derivative), ("options", SkipReason::Derivative),
    ("swap", SkipReason::Derivative), ("swaps", SkipReason::Derivative), ("derivative", SkipReason::Derivative),
    ("derivatives", SkipReason::Derivative), ("liquidites", SkipReason::Cash), ("liquidita", SkipReason::Cash),
    ("kasse", SkipReason::Cash), ("liquiditat", SkipReason::Cash), ("geldmarkt", SkipReason::MoneyMarket),
    ("termingeschaft", SkipReason::Derivative), ("efectivo", SkipReason::Cash), ("现金", SkipReason::Cash),
    ("期货", SkipReason::Future), ("货币基金", SkipReason::MoneyMarket),
];

/// Three-letter codes of currencies that appear as cash lines.
#[rustfmt::skip]
const CURRENCY_CODES: &[&str] = &[
    "USD", "HKD", "CNY", "CNH", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SGD", "TWD", "KRW", "INR", "BRL", "ZAR",
    "MXN", "SAR", "AED", "THB", "MYR", "IDR", "PHP", "TRY", "SEK", "NOK", "DKK", "PLN", "NZD", "ILS", "QAR", "KWD",
    "CZK", "HUF", "CLP", "COP", "PEN", "EGP", "RUB", "VND",
];

/// Currency names that make up cash lines (`HONG KONG DOLLAR`, `EURO`).
#[rustfmt::skip]
const CURRENCY_NAMES: &[&str] = &[
    "US DOLLAR", "U S DOLLAR", "HONG KONG DOLLAR", "EURO", "POUND STERLING", "BRITISH POUND", "JAPANESE YEN", "YEN",
    "SWISS FRANC", "CANADIAN DOLLAR", "AUSTRALIAN DOLLAR", "SINGAPORE DOLLAR", "NEW TAIWAN DOLLAR", "TAIWAN DOLLAR",
    "KOREAN WON", "SOUTH KOREAN WON", "INDIAN RUPEE", "BRAZILIAN REAL", "SOUTH AFRICAN RAND", "MEXICAN PESO",
    "SAUDI RIYAL", "UAE DIRHAM", "THAI BAHT", "MALAYSIAN RINGGIT", "INDONESIAN RUPIAH", "PHILIPPINE PESO",
    "TURKISH LIRA", "CHINESE YUAN", "YUAN RENMINBI", "RENMINBI", "CHINA RENMINBI", "OFFSHORE CHINESE YUAN",
];

/// Month abbreviations, as contract names print expiries (`DEC 26`).
const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Phrases that mark money-market and sweep vehicles.
#[rustfmt::skip]
const MONEY_MARKET_PHRASES: &[&str] = &[
    "MONEY MARKET", "CSH FND", "CASH FUND", "CASH FD", "TREASURY SL AGENCY", "TREAS SL AGENCY", "SWEEP",
    "LIQUIDITY FUND", "LIQUIDITY FD", "GOVT MMF", "MMKT", "INSTITUTIONAL CASH", "TREASURY PORTFOLIO INST",
];

/// First words of totals rows, in the languages the header table knows.
#[rustfmt::skip]
const TOTAL_WORDS: &[&str] = &[
    "TOTAL", "TOTALS", "GRAND TOTAL", "SUBTOTAL", "SUB TOTAL", "NET ASSETS", "TOTAL NET ASSETS", "SUMME",
    "GESAMT", "GESAMTSUMME", "TOTAAL", "SOMME", "TOTALE", "合计", "总计", "小计", "合計", "總計",
];

/// The skip reason an asset-class cell gives, if any.
pub fn by_asset_class(cell: &str) -> Option<SkipReason> {
    let class = simplify(cell);
    if class.is_empty() {
        return None;
    }
    ASSET_CLASSES
        .iter()
        .find(|(word, _)| contains_phrase(&class, word))
        .map(|&(_, reason)| reason)
}

/// The skip reason a name gives when the file has no asset class, if any.
pub fn by_name(name: &str) -> Option<SkipReason> {
    let upper = simplify(name).to_uppercase();
    if upper.is_empty() {
        return None;
    }
    if MONEY_MARKET_PHRASES
        .iter()
        .any(|p| contains_phrase(&upper, p))
    {
        return Some(SkipReason::MoneyMarket);
    }
    if is_cash_line(&upper) {
        return Some(SkipReason::Cash);
    }
    if let Some(reason) = contract(&upper, name) {
        return Some(reason);
    }
    if CURRENCY_NAMES.contains(&upper.as_str()) || CURRENCY_CODES.contains(&upper.as_str()) {
        return Some(SkipReason::Fx);
    }
    None
}

/// Futures, currency forwards, swaps and options, recognised by the shape
/// of contract names, so that companies such as Option Care Health or Futu
/// Holdings stay holdings:
/// - swaps: `SWAP` with a currency or a swap type, or `TRS`/`IRS`/`CDS`
///   with an index, a currency or an expiry (`TRS CSI 300 INDEX 15JAN27`);
/// - options: `CALL`/`PUT`, or a strike such as `C27000`, with an expiry
///   (`HSI 12/30/26 C27000`);
/// - futures: `FUTURE(S)`, `FUT` or `MINI`/`EMINI` with an expiry, or an
///   index with an expiry (`HANG SENG INDEX DEC 26`, `S&P500 EMINI DEC 26`);
/// - FX: `FWD`/`FORWARD`/`FX`/`SPOT` with a currency, or a pair (`USD/HKD`).
fn contract(upper: &str, raw: &str) -> Option<SkipReason> {
    let words: Vec<&str> = upper.split(' ').collect();
    let raw_upper = raw.to_uppercase();
    let raw_words: Vec<&str> = raw_upper.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let expiry = words.windows(2).any(|w| {
        MONTHS.contains(&w[0]) && w[1].len() == 2 && w[1].bytes().all(|b| b.is_ascii_digit())
    }) || raw_words.iter().any(|w| is_expiry(w));
    let currency = words.iter().any(|w| CURRENCY_CODES.contains(w));
    let index = has("INDEX") || has("IDX");
    let strike = raw_words.iter().any(|w| {
        w.len() >= 3
            && (w.starts_with('C') || w.starts_with('P'))
            && w[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.')
    });
    let swap_type = has("TRS") || has("IRS") || has("CDS") || has("CCS");
    if ((has("SWAP") || has("SWAPS"))
        && (currency || swap_type || has("RETURN") || has("RATE") || index))
        || (swap_type && (index || currency || expiry))
    {
        return Some(SkipReason::Derivative);
    }
    if (has("CALL") || has("PUT") || strike) && expiry {
        return Some(SkipReason::Derivative);
    }
    let future_word = has("FUTURE")
        || has("FUTURES")
        || has("FUT")
        || has("MINI")
        || has("EMINI")
        || upper.contains("E MINI");
    if (future_word || index) && expiry {
        return Some(SkipReason::Future);
    }
    if (has("FWD") || has("FORWARD") || has("FX") || has("SPOT")) && currency
        || currency_pair(upper)
    {
        return Some(SkipReason::Fx);
    }
    None
}

/// Contract expiries as names print them: `DEC26`, `15JAN27`, `12/30/26`,
/// `20261218`.
fn is_expiry(word: &str) -> bool {
    if !word.is_ascii() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if word.len() == 8 && digits(word) {
        return true;
    }
    let parts: Vec<&str> = word.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| digits(p) && p.len() <= 4) {
        return true;
    }
    // Optional day, month abbreviation, two- or four-digit year.
    let start = word.bytes().take_while(u8::is_ascii_digit).count();
    if start > 2 || word.len() < start + 5 {
        return false;
    }
    let (month, year) = word[start..].split_at(3);
    MONTHS.contains(&month) && (year.len() == 2 || year.len() == 4) && digits(year)
}

/// `USD/HKD`, `EUR-USD`: two currency codes written as a pair (the slash or
/// hyphen is a space after simplifying, so two adjacent codes).
fn currency_pair(upper: &str) -> bool {
    let words: Vec<&str> = upper.split(' ').collect();
    words
        .windows(2)
        .any(|w| CURRENCY_CODES.contains(&w[0]) && CURRENCY_CODES.contains(&w[1]) && w[0] != w[1])
}

/// `CASH`, `USD CASH`, `CASH USD`, `HONG KONG DOLLAR CASH`, `CASH COLLATERAL
/// USD`, `CASH & EQUIVALENTS`, `MARGIN`: cash lines; not `CASH AMERICA`.
fn is_cash_line(upper: &str) -> bool {
    let words: Vec<&str> = upper.split(' ').collect();
    if !words.contains(&"CASH") {
        return matches!(
            upper,
            "MARGIN" | "MARGIN ACCOUNT" | "VARIATION MARGIN" | "INITIAL MARGIN"
        );
    }
    let allowed = |w: &&str| {
        CURRENCY_CODES.contains(w)
            || matches!(
                *w,
                "CASH"
                    | "COLLATERAL"
                    | "AND"
                    | "EQUIVALENTS"
                    | "EQUIVALENT"
                    | "BALANCE"
                    | "MARGIN"
                    | "ACCOUNT"
                    | "AT"
                    | "BANK"
                    | "HELD"
                    | "BROKER"
                    | "DERIVATIVES"
                    | "OR"
                    | "IN"
                    | "ON"
                    | "DEPOSIT"
                    | "DOLLAR"
                    | "US"
                    | "HONG"
                    | "KONG"
                    | "YEN"
                    | "EURO"
                    | "RENMINBI"
                    | "YUAN"
                    | "OFFSHORE"
                    | "CHINESE"
                    | "POUND"
                    | "STERLING"
                    | "FRANC"
                    | "SWISS"
                    | "TOTAL"
                    | "OTHER"
                    | "NET"
                    | "PAYABLE"
                    | "RECEIVABLE"
                    | "SETTLEMENT"
                    | "PENDING"
                    | "FUTURES"
                    | "FX"
                    | "SPOT"
            )
    };
    words.iter().all(allowed)
}

/// Words that may follow a totals word (`Total Net Assets`, `Total USD`);
/// `TOTAL SE` (the oil company's old name) is not a totals row.
const TOTAL_TAILS: &[&str] = &[
    "NET ASSETS",
    "ASSETS",
    "HOLDINGS",
    "PORTFOLIO",
    "FUND",
    "INVESTMENTS",
    "SECURITIES",
    "EQUITIES",
    "EQUITY",
    "CASH",
    "VALUE",
    "MARKET VALUE",
    "POSITIONS",
    "ALL",
    "FOR FUND",
    "OF FUND",
];

/// True for a totals row's name (`Total`, `Grand Total`, `Summe`, `合计`).
pub fn is_total(first_cell: &str) -> bool {
    // Every totals word starts with one of these: most names are ruled out
    // here, without the allocating comparison below.
    let Some(lead) = first_cell.trim_start().chars().next() else {
        return false;
    };
    if !matches!(
        lead.to_ascii_uppercase(),
        'T' | 'G' | 'S' | 'N' | '合' | '总' | '小' | '總'
    ) {
        return false;
    }
    if lead.is_ascii() {
        // The first word, as far as it is ASCII: totals words are, so a
        // first word that is none of theirs rules the row out (the test
        // below decides the rest).
        let text = first_cell.trim_start().as_bytes();
        let word_end = text
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'&'))
            .unwrap_or(text.len());
        let first_word = &text[..word_end];
        // `w`'s first word is `first_word`, case aside.
        let starts_a_total = |w: &&str| {
            let w = w.as_bytes();
            w.len() >= first_word.len()
                && w[..first_word.len()].eq_ignore_ascii_case(first_word)
                && w.get(first_word.len()).is_none_or(|&b| b == b' ')
        };
        if !TOTAL_WORDS.iter().any(starts_a_total) {
            return false;
        }
    }
    let upper = simplify(first_cell).to_uppercase();
    TOTAL_WORDS.iter().any(|w| {
        if !w.is_ascii() {
            return upper.starts_with(w);
        }
        upper == *w
            || upper
                .strip_prefix(w)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| TOTAL_TAILS.contains(&rest) || CURRENCY_CODES.contains(&rest))
    })
}

/// True for a line of prose: a disclaimer or note in a single cell.
/// Sentences are long and have lower-case words; security names are short
/// and, in most files, upper case.
pub fn is_prose(cell: &str) -> bool {
    let text = cell.trim();
    let words = text.split_whitespace().count();
    let lower = text.chars().filter(|c| c.is_lowercase()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (words >= 8 && lower * 2 > letters) || text.len() > 160
}

/// Lower-level cleanup: punctuation to spaces, spaces collapsed, accents kept.
fn simplify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '&')) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word == "&" {
            out.push_str("and");
        } else {
            out.push_str(word);
        }
    }
    out.to_lowercase()
        .replace("liquidités", "liquidites")
        .replace("liquidità", "liquidita")
        .replace("liquidität", "liquiditat")
        .replace("termingeschäft", "termingeschaft")
}

/// True when `phrase` occurs in `text` as whole words (or, for Chinese, as
/// characters anywhere).
fn contains_phrase(text: &str, phrase: &str) -> bool {
    if !phrase.is_ascii() {
        return text.contains(phrase);
    }
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_classes() {
        assert_eq!(by_asset_class("Cash"), Some(SkipReason::Cash));
        assert_eq!(
            by_asset_class("Cash Collateral and Margins"),
            Some(SkipReason::Cash)
        );
        assert_eq!(
            by_asset_class("Money Market"),
            Some(SkipReason::MoneyMarket)
        );
        assert_eq!(by_asset_class("Futures"), Some(SkipReason::Future));
        assert_eq!(by_asset_class("FX"), Some(SkipReason::Fx));
        assert_eq!(by_asset_class("Equity"), None);
        assert_eq!(by_asset_class("Common Stock"), None);
        assert_eq!(by_asset_class(""), None);
    }

    #[test]
    fn names_of_non_securities() {
        let cases = [
            ("HKD CASH", Some(SkipReason::Cash)),
            ("CASH COLLATERAL USD", Some(SkipReason::Cash)),
            ("Cash & Equivalents", Some(SkipReason::Cash)),
            ("HONG KONG DOLLAR", Some(SkipReason::Fx)),
            ("USD", Some(SkipReason::Fx)),
            ("HANG SENG INDEX FUTURES DEC 26", Some(SkipReason::Future)),
            ("FWD USD/HKD 20261218", Some(SkipReason::Fx)),
            (
                "BLK CSH FND TREASURY SL AGENCY",
                Some(SkipReason::MoneyMarket),
            ),
            ("CASH AMERICA INTERNATIONAL", None),
            ("FUTU HOLDINGS LTD-ADR", None),
            ("TENCENT HOLDINGS LTD", None),
            ("OPTION CARE HEALTH INC", None),
            ("S&P500 EMINI DEC 26", Some(SkipReason::Future)),
            ("HSI 12/30/26 C27000", Some(SkipReason::Derivative)),
            ("TRS CSI 300 INDEX 15JAN27", Some(SkipReason::Derivative)),
            ("FX SPOT CNH/USD 20261124", Some(SkipReason::Fx)),
            ("CHINA INDEX HOLDINGS", None),
            ("HANG SENG INDEX DEC 26", Some(SkipReason::Future)),
            ("MINI HSI FUT DEC26", Some(SkipReason::Future)),
            ("USD/HKD SPOT", Some(SkipReason::Fx)),
            ("INTEREST RATE SWAP USD", Some(SkipReason::Derivative)),
            ("TOTAL SE", None),
        ];
        for (name, expected) in cases {
            assert_eq!(by_name(name), expected, "{name}");
        }
    }

    #[test]
    fn totals_and_prose() {
        assert!(is_total("Total"));
        assert!(is_total("GRAND TOTAL"));
        assert!(is_total("Summe"));
        assert!(is_total("合计"));
        assert!(!is_total("TOTALENERGIES SE"));
        assert!(!is_total("TOTAL SE"));
        assert!(is_total("Total Net Assets"));
        assert!(is_total("Sub-total"));
        assert!(is_total("net assets"));
        assert!(!is_total("NETEASE INC"));
        assert!(!is_total("SUBARU CORP"));
        assert!(is_prose(
            "The content contained herein is owned or licensed by the sponsor and may not be reproduced."
        ));
        assert!(!is_prose("TENCENT HOLDINGS LTD"));
        assert!(!is_prose("Alibaba Group Holding Ltd ADR"));
    }
}
