//! Numbers as holdings files print them: thousands separators, decimal
//! commas, percent signs, currency symbols, parentheses or a trailing minus
//! for negatives, and `-` for nothing.
//!
//! Whether a column uses a decimal comma is decided per column from the
//! values themselves ([`DecimalStyle::detect`]): `1.234,56` and `0,25` are
//! decimal-comma; `1,234.56` and `0.25` decimal-point; an undecided column
//! (only `1,234`) follows the file's delimiter: `;` files are usually
//! written with decimal commas.

/// How a column writes its decimal separator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecimalStyle {
    /// `1,234.56`
    #[default]
    Point,
    /// `1.234,56`
    Comma,
}

/// What a number cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// Nothing: empty, `-`, `n/a`.
    Empty,
    /// A finite value; `percent` when the cell carried a `%` sign.
    Value {
        /// The value as printed (a percent stays in percent).
        value: f64,
        /// The cell carried a `%` sign.
        percent: bool,
    },
    /// Text that is not a number (or overflows).
    Invalid,
}

impl DecimalStyle {
    /// Decides from sample values; `None` when they do not tell.
    pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<DecimalStyle> {
        let (mut point, mut comma) = (0, 0);
        for value in values {
            match vote(value) {
                Some(DecimalStyle::Point) => point += 1,
                Some(DecimalStyle::Comma) => comma += 1,
                None => {}
            }
        }
        match point.cmp(&comma) {
            std::cmp::Ordering::Greater => Some(DecimalStyle::Point),
            std::cmp::Ordering::Less => Some(DecimalStyle::Comma),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// What one value says about its column's decimal separator.
fn vote(value: &str) -> Option<DecimalStyle> {
    let marks: String = value
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let (dots, commas) = (marks.matches('.').count(), marks.matches(',').count());
    let single = |mark: char| {
        // One separator followed by exactly three digits after a non-zero
        // integer part (`1,234`) could be either; anything else is decimal.
        let at = marks.rfind(mark).unwrap_or(0);
        let after = marks.len() - at - 1;
        let before = marks[..at].trim_start_matches('0');
        after == 3 && !before.is_empty()
    };
    match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => Some(DecimalStyle::Comma),
        (0, _) if commas > 1 => Some(DecimalStyle::Point),
        (1, 0) => (!single('.')).then_some(DecimalStyle::Point),
        (0, 1) => (!single(',')).then_some(DecimalStyle::Comma),
        _ => {
            if marks.rfind(',') > marks.rfind('.') {
                Some(DecimalStyle::Comma)
            } else {
                Some(DecimalStyle::Point)
            }
        }
    }
}

/// Currency symbols that may stand before or after a number.
const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '₩', '₹', '元', '¢'];

/// Parses a number cell.
pub fn parse(cell: &str, style: DecimalStyle) -> Number {
    let mut text = cell.trim();
    if matches!(
        text,
        "" | "-" | "--" | "—" | "–" | "n/a" | "N/A" | "NA" | "na" | "null" | "NULL"
    ) {
        return Number::Empty;
    }
    let mut negative = false;
    let mut percent = false;
    // Peel signs, brackets, percent signs and currency marks off both ends
    // (a cell that starts and ends with a digit, the common case, has none).
    let bare = text.starts_with(|c: char| c.is_ascii_digit())
        && text.ends_with(|c: char| c.is_ascii_digit());
    if !bare {
        loop {
            let before = text;
            text = text.trim_matches(|c: char| c.is_whitespace());
            if let Some(rest) = text.strip_suffix('%') {
                percent = true;
                text = rest;
            }
            if let Some(rest) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                negative = true;
                text = rest;
            }
            if let Some(rest) = text
                .strip_prefix(['-', '−', '–'])
                .or_else(|| text.strip_suffix(['-', '−', '–']))
            {
                negative = true;
                text = rest;
            }
            text = text.strip_prefix('+').unwrap_or(text);
            text = text.trim_matches(CURRENCY_SYMBOLS);
            text = strip_currency_code(text);
            if text == before {
                break;
            }
        }
    }
    let (thousands, decimal) = match style {
        DecimalStyle::Point => (',', '.'),
        DecimalStyle::Comma => ('.', ','),
    };
    if let Some(v) = plain_decimal(text, thousands as u8, decimal as u8) {
        return Number::Value {
            value: if negative { -v } else { v },
            percent,
        };
    }
    // Digits, exponent and the decimal point, in a buffer on the stack: a
    // number longer than that is not one.
    let mut plain = [0u8; 64];
    let mut len = 0;
    for c in text.chars() {
        let byte = match c {
            '0'..='9' | 'e' | 'E' => c as u8,
            c if c == decimal => b'.',
            c if c == thousands => continue,
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’' => continue,
            _ => return Number::Invalid,
        };
        if len == plain.len() {
            return Number::Invalid;
        }
        plain[len] = byte;
        len += 1;
    }
    let Ok(plain) = std::str::from_utf8(&plain[..len]) else {
        return Number::Invalid;
    };
    if !plain.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Number::Invalid;
    }
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() => Number::Value {
            value: if negative { -v } else { v },
            percent,
        },
        _ => Number::Invalid,
    }
}

/// Powers of ten a double holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The common cell, `12,900,160.00`: digits, thousands marks before one
/// decimal mark. Read without a float parse when the result is exact
/// anyway (at most 2^53 in the digits, at most 22 decimals: one correctly
/// rounded division); `None` sends anything else to the full parse.
fn plain_decimal(text: &str, thousands: u8, decimal: u8) -> Option<f64> {
    let mut digits: u64 = 0;
    let mut seen_digit = false;
    let mut decimals: Option<usize> = None;
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                digits = digits.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                seen_digit = true;
                if let Some(n) = &mut decimals {
                    *n += 1;
                }
            }
            b if b == thousands && decimals.is_none() => {}
            b if b == decimal && decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if !seen_digit || digits > 1 << 53 {
        return None;
    }
    let scale = EXACT_POWERS_OF_TEN.get(decimals.unwrap_or(0))?;
    Some(digits as f64 / scale)
}

/// Removes a three-letter currency code (`USD 12`, `12 CHF`, `HK$`).
fn strip_currency_code(text: &str) -> &str {
    let is_code = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
    if let Some((head, tail)) = text.rsplit_once(' ')
        && is_code(tail)
    {
        return head;
    }
    if let Some((head, tail)) = text.split_once(' ')
        && is_code(head)
    {
        return tail;
    }
    for prefix in ["HK$", "US$", "S$", "A$", "C$", "NT$", "R$", "RMB", "CN¥"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_read_as_the_float_parser_reads_them() {
        // Pseudo-random cells: digits, thousands marks, one decimal mark.
        let mut state: u64 = 0x1260;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut read_fast = 0;
        for _ in 0..20_000 {
            let mut cell = String::new();
            let mut decimal_at = None;
            for i in 0..1 + next(22) {
                match next(12) {
                    10 if decimal_at.is_none() => cell.push(','),
                    11 if decimal_at.is_none() => {
                        decimal_at = Some(i);
                        cell.push('.');
                    }
                    d => cell.push(char::from(b'0' + (d % 10) as u8)),
                }
            }
            let plain: String = cell.chars().filter(|&c| c != ',').collect();
            let expected = plain.parse::<f64>().ok();
            let fast = plain_decimal(&cell, b',', b'.');
            if let Some(fast) = fast {
                assert_eq!(Some(fast), expected, "{cell:?}");
                read_fast += 1;
            }
        }
        assert!(
            read_fast > 10_000,
            "only {read_fast} cells took the fast path"
        );
        assert_eq!(
            plain_decimal("12,900,160.00", b',', b'.'),
            Some(12_900_160.0)
        );
        assert_eq!(plain_decimal("0,25", b'.', b','), Some(0.25));
        assert_eq!(plain_decimal("1.5e3", b',', b'.'), None);
        assert_eq!(plain_decimal(".", b',', b'.'), None);
        assert_eq!(plain_decimal("99999999999999999999", b',', b'.'), None);
    }

    fn value(cell: &str, style: DecimalStyle) -> Option<f64> {
        match parse(cell, style) {
            Number::Value { value, .. } => Some(value),
            _ => None,
        }
    }

    #[test]
    fn parses_printed_numbers() {
        let p = DecimalStyle::Point;
        let c = DecimalStyle::Comma;
        assert_eq!(value("1,234,567.89", p), Some(1_234_567.89));
        assert_eq!(value("1.234.567,89", c), Some(1_234_567.89));
        assert_eq!(value("(1,234.50)", p), Some(-1234.5));
        assert_eq!(value("1,234.50-", p), Some(-1234.5));
        assert_eq!(value("$1,234", p), Some(1234.0));
        assert_eq!(value("HK$ 12.5", p), Some(12.5));
        assert_eq!(value("€ 1.234,56", c), Some(1234.56));
        assert_eq!(value("1 234,56", c), Some(1234.56));
        assert_eq!(value("1\u{202f}234,56", c), Some(1234.56));
        assert_eq!(value("1'234.5", p), Some(1234.5));
        assert_eq!(value("12.5 USD", p), Some(12.5));
        assert_eq!(value("1.5e3", p), Some(1500.0));
        assert_eq!(
            parse("16.10%", p),
            Number::Value {
                value: 16.1,
                percent: true
            }
        );
    }

    #[test]
    fn empty_and_invalid() {
        for empty in ["", " ", "-", "n/a", "—"] {
            assert_eq!(
                parse(empty, DecimalStyle::Point),
                Number::Empty,
                "{empty:?}"
            );
        }
        for invalid in ["abc", "12..5", "1e999", "1.2.3", "12abc"] {
            assert_eq!(
                parse(invalid, DecimalStyle::Point),
                Number::Invalid,
                "{invalid:?}"
            );
        }
        // Large but finite values parse.
        assert!(value("99999999999999999999999", DecimalStyle::Point).is_some());
    }

    #[test]
    fn detects_decimal_style() {
        assert_eq!(
            DecimalStyle::detect(["1.234,56", "0,25"]),
            Some(DecimalStyle::Comma)
        );
        assert_eq!(
            DecimalStyle::detect(["1,234.56", "0.25"]),
            Some(DecimalStyle::Point)
        );
        assert_eq!(
            DecimalStyle::detect(["12,5", "3,75"]),
            Some(DecimalStyle::Comma)
        );
        assert_eq!(DecimalStyle::detect(["1,234", "5,678"]), None);
        assert_eq!(
            DecimalStyle::detect(["1.234.567", "2.000.000"]),
            Some(DecimalStyle::Comma)
        );
    }
}
