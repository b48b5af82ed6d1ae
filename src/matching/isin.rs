//! ISIN (ISO 6166) validation and the US CUSIP to ISIN conversion.
//!
//! An ISIN is two letters (a country code or `XS`), nine letters or digits,
//! and a check digit: the Luhn check over the code with every letter written
//! as two digits (A = 10 ... Z = 35).

/// Checks format and check digit; the error says what is wrong.
pub fn validate(code: &str) -> Result<(), &'static str> {
    validate_bytes(code.as_bytes())
}

/// True for a well-formed ISIN with a valid check digit.
pub fn is_valid(code: &str) -> bool {
    validate(code).is_ok()
}

/// True when `code`, with its letters in capitals, is a valid ISIN (a
/// holdings cell may be written in lower case). Allocates nothing.
pub fn is_valid_any_case(code: &str) -> bool {
    let Ok(mut bytes) = <[u8; 12]>::try_from(code.as_bytes()) else {
        return false;
    };
    bytes.make_ascii_uppercase();
    validate_bytes(&bytes).is_ok()
}

fn validate_bytes(bytes: &[u8]) -> Result<(), &'static str> {
    if bytes.len() != 12 {
        return Err("must be 12 characters");
    }
    if !bytes[..2].iter().all(u8::is_ascii_uppercase) {
        return Err("must start with two capital letters");
    }
    if !bytes[2..11]
        .iter()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err("must have nine capital letters or digits after the country code");
    }
    if !bytes[11].is_ascii_digit() {
        return Err("must end with a check digit");
    }
    if check_digit(&bytes[..11]) != bytes[11] - b'0' {
        return Err("has a wrong check digit");
    }
    Ok(())
}

/// The ISIN of a US or Canadian security from its 9-character CUSIP.
///
/// Returns `None` when the text is not a CUSIP with a valid check digit, so a
/// SEDOL or a ticker in a CUSIP column is not mistaken for one.
pub fn from_cusip(cusip: &str, country: &str) -> Option<String> {
    let bytes = cusip.as_bytes();
    if bytes.len() != 9 || cusip_check_digit(&bytes[..8]) != bytes[8] {
        return None;
    }
    with_check_digit(&format!("{country}{cusip}"))
}

/// The ISIN made of `body` (two capital letters, then nine capital letters
/// or digits) and its check digit; `None` for any other body.
pub fn with_check_digit(body: &str) -> Option<String> {
    let bytes = body.as_bytes();
    let shaped = bytes.len() == 11
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    let mut isin = body.to_string();
    isin.push(char::from(b'0' + check_digit(bytes)));
    Some(isin)
}

/// The ISIN check digit of the first eleven characters (capital letters
/// and digits).
fn check_digit(body: &[u8]) -> u8 {
    // Letters count as two digits (A = 10 ... Z = 35); then Luhn from the
    // right, doubling the rightmost digit (the check digit is not yet
    // there).
    let mut sum = 0u32;
    let mut doubled = true;
    let mut add = |digit: u32| {
        let value = if doubled { digit * 2 } else { digit };
        sum += value / 10 + value % 10;
        doubled = !doubled;
    };
    for &b in body.iter().rev() {
        if b.is_ascii_digit() {
            add(u32::from(b - b'0'));
        } else {
            let value = u32::from(b.wrapping_sub(b'A')) + 10;
            add(value % 10);
            add(value / 10);
        }
    }
    ((10 - sum % 10) % 10) as u8
}

/// The CUSIP check digit (as an ASCII digit) of the first eight characters.
fn cusip_check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let mut v = match b {
                b'0'..=b'9' => u32::from(b - b'0'),
                b'A'..=b'Z' => u32::from(b - b'A') + 10,
                _ => 0,
            };
            if i % 2 == 1 {
                v *= 2;
            }
            v / 10 + v % 10
        })
        .sum();
    b'0' + ((10 - sum % 10) % 10) as u8
}

/// Finds an ISIN-shaped, check-digit-valid code in free text, e.g. a
/// description cell such as `TENCENT HLDGS (KYG875721634)`.
pub fn find_in(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    // An ISIN ends with a digit: most names have none and are done here.
    if bytes.len() < 12 || !bytes.iter().any(u8::is_ascii_digit) {
        return None;
    }
    (0..=bytes.len() - 12).find_map(|start| {
        let boundary_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let end = start + 12;
        let boundary_after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        let candidate = text.get(start..end)?;
        (boundary_before && boundary_after && is_valid(candidate)).then_some(candidate)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_isins() {
        for code in [
            "US0378331005",
            "KYG875721634",
            "CNE100000296",
            "HK0941009539",
            "US01609W1027",
            "XS2230649225",
        ] {
            assert_eq!(validate(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn rejects_wrong_check_digits_and_shapes() {
        assert_eq!(validate("US0378331006"), Err("has a wrong check digit"));
        assert_eq!(validate("CND10002K094"), Err("has a wrong check digit"));
        assert_eq!(validate("BRC1EODR004"), Err("must be 12 characters"));
        assert_eq!(
            validate("us0378331005"),
            Err("must start with two capital letters")
        );
        assert_eq!(validate("US037833100A"), Err("must end with a check digit"));
        assert!(!is_valid("KYG1238E1070"));
    }

    #[test]
    fn any_case_is_upper_case_first() {
        assert!(is_valid_any_case("kyg875721634"));
        assert!(is_valid_any_case("Us0378331005"));
        assert!(!is_valid_any_case("us0378331006"));
        assert!(!is_valid_any_case("us037833100"));
        assert!(!is_valid_any_case("ünicode12345"));
    }

    #[test]
    fn converts_cusips() {
        assert_eq!(
            from_cusip("037833100", "US").as_deref(),
            Some("US0378331005")
        );
        assert_eq!(
            from_cusip("88032Q109", "US").as_deref(),
            Some("US88032Q1094")
        );
        assert_eq!(
            from_cusip("05606L100", "US").as_deref(),
            Some("US05606L1008")
        );
        // A SEDOL (7 characters) or a CUSIP with a wrong check digit is not one.
        assert_eq!(from_cusip("B0LMTQ3", "US"), None);
        assert_eq!(from_cusip("037833101", "US"), None);
        // The country must be a two-letter code (a fuzzed `\0` once
        // overflowed the check digit).
        assert_eq!(from_cusip("037833100", "\0"), None);
        assert_eq!(from_cusip("037833100", "us"), None);
        assert_eq!(from_cusip("037833100", "USA"), None);
    }

    #[test]
    fn finds_isins_in_text() {
        assert_eq!(find_in("TENCENT (KYG875721634) ORD"), Some("KYG875721634"));
        assert_eq!(find_in("XKYG875721634"), None);
        assert_eq!(find_in("no code here at all"), None);
    }
}
