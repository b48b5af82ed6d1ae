//! One data row: is it a holding, a row to skip, or a row to reject; and
//! the holding's fields and identifiers as the matcher needs them.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::classify::{self, SkipReason};
use super::columns::Role;
use super::numbers::{self, Number};
use super::reader::{FileFormat, trim_cell};
use crate::matching::isin;
use crate::matching::normalize::is_cjk;
use crate::matching::ticker::{HoldingTicker, Market, VenueHints};

/// Why a row could not be screened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RejectReason {
    /// A data row with values but no name, ticker or valid ISIN.
    NoIdentifier,
}

impl RejectReason {
    /// The kebab-case code used in reports.
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::NoIdentifier => "no-identifier",
        }
    }
}

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A holding to screen.
    Holding,
    /// Not a holding: footer, total, cash, ...
    Skipped(SkipReason),
    /// A holding that cannot be screened.
    Rejected(RejectReason),
}

/// Names longer than this are matched on their first this-many characters
/// (no security name is that long; it bounds the work on hostile input).
pub const MAX_NAME_CHARS: usize = 512;

/// Distinct cells whose classification is remembered; beyond, the memory
/// is cleared (it bounds memory on files where every name differs).
const MEMO_CAPACITY: usize = 100_000;

/// Decides what each row of one file is, remembering the verdicts on
/// asset-class cells and names (a file repeats them), so the common row
/// costs no allocation.
#[derive(Debug, Default)]
pub struct RowClassifier {
    by_asset_class: HashMap<Box<str>, Option<SkipReason>>,
    by_name: HashMap<Box<str>, Option<SkipReason>>,
}

impl RowClassifier {
    /// Decides what a row is.
    pub fn classify(&mut self, format: &FileFormat, record: &csv::StringRecord) -> RowKind {
        // The first two non-empty cells are all the checks below need.
        let mut filled = 0usize;
        let mut first: Option<(usize, &str)> = None;
        for (i, cell) in record.iter().enumerate() {
            let cell = trim_cell(cell);
            if !cell.is_empty() {
                filled += 1;
                first.get_or_insert((i, cell));
                if filled > 1 {
                    break;
                }
            }
        }
        let Some((first_column, first)) = first else {
            return RowKind::Skipped(SkipReason::Blank);
        };
        if is_header_repeat(format, record) {
            return RowKind::Skipped(SkipReason::HeaderRepeat);
        }
        let columns = &format.layout.columns;
        let name = format.cell(record, Role::Name);

        if filled == 1 && format.layout.headers.len() > 1 {
            let in_name = columns.get(Role::Name) == Some(first_column);
            let in_identifier = [Role::Ticker, Role::Isin, Role::Cusip, Role::Sedol]
                .iter()
                .any(|r| columns.get(*r) == Some(first_column));
            let looks_like_identifier = first.len() <= 24
                && !first.contains(char::is_lowercase)
                && first.split_whitespace().count() <= 3;
            let is_text =
                classify::is_prose(first) || !(in_name || (in_identifier && looks_like_identifier));
            if is_text && !classify::is_total(first) {
                return RowKind::Skipped(SkipReason::Text);
            }
        }
        if classify::is_total(if name.is_empty() { first } else { name }) {
            return RowKind::Skipped(SkipReason::Total);
        }
        let asset_class = format.cell(record, Role::AssetClass);
        if !asset_class.is_empty() {
            if let Some(reason) = remember(
                &mut self.by_asset_class,
                asset_class,
                classify::by_asset_class,
            ) {
                return RowKind::Skipped(reason);
            }
        } else if !name.is_empty()
            && let Some(reason) = remember(&mut self.by_name, name, classify::by_name)
        {
            return RowKind::Skipped(reason);
        }
        if name.is_empty() {
            let fields = HoldingFields::read(format, record);
            if fields.ticker().is_none() && fields.isins().is_empty() {
                return RowKind::Rejected(RejectReason::NoIdentifier);
            }
        }
        RowKind::Holding
    }
}

/// `decide(key)`, remembered in `memo`.
fn remember(
    memo: &mut HashMap<Box<str>, Option<SkipReason>>,
    key: &str,
    decide: fn(&str) -> Option<SkipReason>,
) -> Option<SkipReason> {
    if let Some(known) = memo.get(key) {
        return *known;
    }
    let verdict = decide(key);
    if memo.len() >= MEMO_CAPACITY {
        memo.clear();
    }
    memo.insert(key.into(), verdict);
    verdict
}

/// The header row again (custodian exports repeat it every page): most
/// cells equal the header's, case aside.
fn is_header_repeat(format: &FileFormat, record: &csv::StringRecord) -> bool {
    let headers = &format.layout.headers;
    let same = |cell: &str, header: &str| trim_cell(cell).eq_ignore_ascii_case(trim_cell(header));
    // Cheap exit: a repeated header starts like the header.
    let Some((first, header)) = headers
        .iter()
        .enumerate()
        .find(|(_, h)| !trim_cell(h).is_empty())
    else {
        return false;
    };
    if !record.get(first).is_some_and(|cell| same(cell, header)) {
        return false;
    }
    let named = headers.iter().filter(|h| !trim_cell(h).is_empty()).count();
    let matching = record
        .iter()
        .zip(headers)
        .filter(|(cell, header)| !trim_cell(header).is_empty() && same(cell, header))
        .count();
    matching * 10 >= named * 8
}

/// The cells of a holding that the screen uses.
#[derive(Clone, Debug)]
pub struct HoldingFields<'r> {
    /// Security name or description.
    pub name: &'r str,
    /// Ticker cell as printed.
    pub ticker: &'r str,
    /// ISIN cell as printed.
    pub isin: &'r str,
    /// CUSIP cell.
    pub cusip: &'r str,
    /// Exchange cell.
    pub exchange: &'r str,
    /// Currency cell.
    pub currency: &'r str,
    /// Country or location cell.
    pub country: &'r str,
    /// Weight.
    pub weight: Number,
    /// Market value.
    pub market_value: Number,
    /// Every cell, for ISINs in unexpected columns.
    record: &'r csv::StringRecord,
    /// False when no cell can hold an ISIN ([`cells_may_hold_isin`]), as
    /// found when the row was read: the cells are then not searched again.
    isin_cells: bool,
}

impl<'r> HoldingFields<'r> {
    /// Reads the cells of `record`.
    pub fn read(format: &FileFormat, record: &'r csv::StringRecord) -> HoldingFields<'r> {
        let cell = |role| format.cell(record, role);
        HoldingFields {
            name: cell(Role::Name),
            ticker: cell(Role::Ticker),
            isin: cell(Role::Isin),
            cusip: cell(Role::Cusip),
            exchange: cell(Role::Exchange),
            currency: cell(Role::Currency),
            country: cell(Role::Country),
            weight: numbers::parse(cell(Role::Weight), format.weight_style),
            market_value: numbers::parse(cell(Role::MarketValue), format.value_style),
            record,
            isin_cells: true,
        }
    }

    /// The same cells, for a row known to have (`true`) or not to have a
    /// cell that can hold an ISIN ([`cells_may_hold_isin`] of its record).
    pub fn with_isin_cells(self, isin_cells: bool) -> HoldingFields<'r> {
        debug_assert_eq!(isin_cells, cells_may_hold_isin(self.record));
        HoldingFields { isin_cells, ..self }
    }

    /// The name as matched: at most [`MAX_NAME_CHARS`] characters.
    pub fn name_for_matching(&self) -> &'r str {
        if self.name.len() <= MAX_NAME_CHARS {
            // Never more characters than bytes.
            return self.name;
        }
        match self.name.char_indices().nth(MAX_NAME_CHARS) {
            Some((cut, _)) => &self.name[..cut],
            None => self.name,
        }
    }

    /// The ticker with the market the row gives, unless the cell holds an
    /// ISIN. A six-digit code beside a name in Chinese characters is a
    /// mainland A-share (Korean codes are six digits too, but Korean names
    /// are written in Hangul, Japanese ones with kana).
    pub fn ticker(&self) -> Option<HoldingTicker> {
        if isin::is_valid_any_case(self.ticker) {
            return None;
        }
        let hints = VenueHints {
            exchange: self.exchange,
            currency: self.currency,
            country: self.country,
        };
        let mut ticker = HoldingTicker::parse(self.ticker, hints)?;
        let kana_or_hangul =
            |c: char| matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0x1100..=0x11FF);
        if ticker.market.is_none()
            && self.ticker.len() == 6
            && ticker.is_numeric()
            && self.name.chars().any(is_cjk)
            && !self.name.chars().any(kana_or_hangul)
        {
            ticker.market = Market::new("CN");
        }
        Some(ticker)
    }

    /// Every valid ISIN of the row: the ISIN column, one derived from a
    /// CUSIP, and ISINs written in other columns.
    pub fn isins(&self) -> Vec<String> {
        let mut found = Vec::new();
        if isin::is_valid_any_case(self.isin) {
            found.push(self.isin.to_ascii_uppercase());
        }
        if let Some(code) = self.isin_from_cusip() {
            found.push(code);
        }
        if found.is_empty() {
            self.isins_in_other_cells(|code| found.push(code.into_owned()));
        }
        found.dedup();
        found
    }

    /// Calls `found` with each valid ISIN written in any cell, in order: a
    /// cell that is one (any case), or one inside a longer text.
    fn isins_in_other_cells(&self, mut found: impl FnMut(Cow<'r, str>)) {
        if !self.isin_cells {
            return;
        }
        for cell in self.record.iter() {
            if !may_hold_isin(cell.as_bytes()) {
                continue;
            }
            let cell = trim_cell(cell);
            let letters_first = cell.bytes().take(2).all(|b| b.is_ascii_alphabetic());
            if cell.len() == 12 && letters_first && isin::is_valid_any_case(cell) {
                found(Cow::Owned(cell.to_ascii_uppercase()));
            } else if cell.len() > 12
                && cell.len() < 200
                && let Some(code) = isin::find_in(cell)
            {
                found(Cow::Borrowed(code));
            }
        }
    }

    /// Writes into `key` everything the decision on this holding depends
    /// on: the name as matched, the ticker, exchange, currency and country
    /// cells, the ISIN and CUSIP cells (each after its length, so that two
    /// rows write the same bytes only when those cells are the same), and,
    /// when those give no ISIN, the ISINs found in other cells (twelve bytes
    /// each). Holdings with the same key get the same decision.
    pub fn write_key(&self, key: &mut Vec<u8>) {
        for part in [
            self.name_for_matching(),
            self.ticker,
            self.isin,
            self.cusip,
            self.exchange,
            self.currency,
            self.country,
        ] {
            push_length(key, part.len());
            key.extend_from_slice(part.as_bytes());
        }
        if !isin::is_valid_any_case(self.isin) && self.isin_from_cusip().is_none() {
            let mut last: Option<Cow<'r, str>> = None;
            self.isins_in_other_cells(|code| {
                // The same ISIN twice in a row counts once, as in `isins`.
                if last.as_ref() != Some(&code) {
                    key.extend_from_slice(code.as_bytes());
                    last = Some(code);
                }
            });
        }
    }

    /// The US ISIN of the CUSIP cell, when it holds a valid CUSIP.
    fn isin_from_cusip(&self) -> Option<String> {
        if self.cusip.is_empty() {
            return None;
        }
        isin::from_cusip(&self.cusip.to_ascii_uppercase(), "US")
    }

    /// The ISIN cell, when it holds something that is not a valid ISIN.
    pub fn invalid_isin(&self) -> Option<&'r str> {
        (!self.isin.is_empty() && !isin::is_valid_any_case(self.isin)).then_some(self.isin)
    }
}

/// Appends `length` seven bits a byte, the high bit set on all bytes but
/// the last (LEB128): one byte for a cell of under 128 bytes, and no
/// encoding is the start of another.
fn push_length(key: &mut Vec<u8>, mut length: usize) {
    while length >= 0x80 {
        key.push((length & 0x7f) as u8 | 0x80);
        length >>= 7;
    }
    key.push(length as u8);
}

/// True when some cell of `record` can hold an ISIN (see `may_hold_isin`):
/// most rows have none, which the thread reading the file finds out.
pub fn cells_may_hold_isin(record: &csv::StringRecord) -> bool {
    record.iter().any(|cell| may_hold_isin(cell.as_bytes()))
}

/// False when a cell cannot hold an ISIN (twelve letters and digits, the
/// first two letters, the last a digit): most cells (short codes, names
/// without digits, numbers without letters) are ruled out here without
/// looking further.
fn may_hold_isin(cell: &[u8]) -> bool {
    cell.len() >= 12
        && cell[11..].iter().any(u8::is_ascii_digit)
        && cell[..cell.len() - 11].iter().any(u8::is_ascii_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_when_cells_differ_however_they_are_split() {
        use crate::portfolio::columns::recognise;
        use crate::portfolio::sniff::Layout;
        let headers = ["Name", "Ticker", "Exchange", "Weight"];
        let format = FileFormat {
            name: "t.csv".into(),
            encoding: "utf-8".into(),
            encoding_guessed: false,
            sheet: None,
            layout: Layout {
                delimiter: b',',
                header_line: 1,
                headers: headers.iter().map(|h| h.to_string()).collect(),
                columns: recognise(&headers),
            },
            weight_style: numbers::DecimalStyle::Point,
            value_style: numbers::DecimalStyle::Point,
        };
        let key = |cells: &[&str]| {
            let record = csv::StringRecord::from(cells.to_vec());
            let mut key = Vec::new();
            HoldingFields::read(&format, &record).write_key(&mut key);
            key
        };
        assert_eq!(
            key(&["ACME", "700", "XHKG", "1.0"]),
            key(&["ACME", "700", "XHKG", "2.0"]),
            "weight aside"
        );
        // Text moved from one cell to the next is another holding, also
        // when a unit separator (which once ended each cell in the key)
        // moves with it.
        assert_ne!(
            key(&["ACME\u{1f}700", "5", "XHKG", "1.0"]),
            key(&["ACME", "700\u{1f}5", "XHKG", "1.0"])
        );
        assert_ne!(key(&["AB", "C", "", ""]), key(&["A", "BC", "", ""]));
        let mut length = Vec::new();
        push_length(&mut length, 300);
        assert_eq!(length, [0xAC, 0x02]);
    }

    #[test]
    fn rules_out_cells_without_an_isin_shape() {
        assert!(may_hold_isin(b"KYG875721634"));
        assert!(may_hold_isin(b"TENCENT (KYG875721634)"));
        assert!(may_hold_isin(b"kyg875721634"));
        assert!(!may_hold_isin(b"HONG KONG EXCHANGES AND CLEARING"));
        assert!(!may_hold_isin(b"35,242,299.13"));
        assert!(!may_hold_isin(b"KYG87572163"));
    }
}
