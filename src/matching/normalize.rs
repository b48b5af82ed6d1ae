//! Name normalisation: from what a file or a list prints to comparable tokens.
//!
//! The steps, each driven by a table in `tables.rs`:
//! 1. Unicode compatibility decomposition with accents dropped (`Société` ->
//!    `SOCIETE`, full-width `Ａ` -> `A`), traditional Chinese characters
//!    mapped to simplified ones, upper case.
//! 2. Punctuation splits words; apostrophes join them (`XI'AN` -> `XIAN`);
//!    dotted initials join (`S.A.` -> `SA`); a run of Chinese characters is a
//!    word of its own.
//! 3. Abbreviations expanded (`HLDGS` -> `HOLDINGS`, `INTL` -> `INTERNATIONAL`).
//! 4. Stop words dropped (`BANK OF CHINA` -> `BANK CHINA`).
//! 5. Legal forms, share-line noise and share-class letters removed from the
//!    end until none is left (`TENCENT HOLDINGS LTD-UNS ADR` ->
//!    `TENCENT HOLDINGS`); Chinese legal forms removed from the end of a
//!    Chinese word, generic Chinese suffixes split off.
//!
//! A name long enough to have been cut by a file's column width is marked
//! `cut_short`; then a last word that is the start of a legal form (`L` of
//! `LTD`) goes too, and the matcher accepts a last word that is the start of
//! a listed word (`TECHNOL`).
//!
//! Normalising is idempotent: the display form normalises to itself.

use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::score::edit_distance;
use super::tables::{CJK_GENERIC_SUFFIXES, CJK_LEGAL_FORMS, sets};

/// Names at least this long (in characters, as printed, a run of spaces or
/// punctuation between words counting as one) may have been cut
/// short by the width of a file's column: iShares prints 34-35 characters,
/// Bloomberg short names about 30.
pub const CUT_SHORT_MIN_CHARS: usize = 26;

/// A normalised word. Most are short enough to be kept inline, without an
/// allocation of their own: the index of a large list holds millions.
pub type Word = CompactString;

/// A normalised name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormalizedName {
    /// The words, upper case, in order.
    pub tokens: Vec<Word>,
    /// The printed name was long enough to have been cut by a column width.
    pub cut_short: bool,
}

impl NormalizedName {
    /// The words joined by single spaces: what evidence shows.
    pub fn display(&self) -> String {
        self.tokens.join(" ")
    }

    /// The words joined without spaces, for spacing variants of
    /// transliterations (`XI AN` / `XIAN`, `HIK VISION` / `HIKVISION`).
    pub fn compact(&self) -> String {
        self.tokens.concat()
    }

    /// True when there is nothing left to match on.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// True for a character of a Chinese, Japanese or Korean ideographic script.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

/// Normalises a printed name.
pub fn normalize(printed: &str) -> NormalizedName {
    let mut tokens = split_words(printed);
    // The printed length, with each run of spaces and punctuation between
    // words counted as one character: padding or `-` for ` ` then does not
    // decide whether a name looks cut.
    let printed_chars = display_chars(&tokens);
    if tokens.iter().any(|t| !sets::STOPWORDS.contains(t.as_str())) {
        tokens.retain(|t| !sets::STOPWORDS.contains(t.as_str()));
    }
    drop_leading_markers(&mut tokens);
    for token in &mut tokens {
        if let Some(&word) = sets::ABBREVIATIONS.get(token.as_str()) {
            *token = Word::from(word);
        }
    }
    // Measured after expansion too, so that normalising the display form
    // never finds a name "longer" than the first pass did (idempotence).
    let expanded_chars = display_chars(&tokens);
    let mut cut_short = printed_chars.max(expanded_chars) >= CUT_SHORT_MIN_CHARS;
    // Splitting Chinese suffixes off adds spaces: a display form that grows
    // long enough to look cut is normalised as cut here too, so that
    // normalising it again changes nothing.
    let may_grow = !cut_short && tokens.iter().any(|t| t.starts_with(is_cjk));
    let unsplit = may_grow.then(|| tokens.clone());
    strip_trailing_noise(&mut tokens, cut_short);
    split_cjk_suffixes(&mut tokens);
    if let Some(mut unsplit) = unsplit
        && display_chars(&tokens) >= CUT_SHORT_MIN_CHARS
    {
        cut_short = true;
        strip_trailing_noise(&mut unsplit, cut_short);
        split_cjk_suffixes(&mut unsplit);
        tokens = unsplit;
    }
    NormalizedName { tokens, cut_short }
}

/// The characters of the words joined by single spaces.
fn display_chars(tokens: &[Word]) -> usize {
    tokens
        .iter()
        .map(|t| t.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

/// Step 1 and 2: characters to upper-case words.
fn split_words(printed: &str) -> Vec<Word> {
    if printed.is_ascii() {
        split_ascii_words(printed)
    } else {
        split_unicode_words(printed)
    }
}

/// [`split_words`] for any text.
fn split_unicode_words(printed: &str) -> Vec<Word> {
    let mut tokens = Vec::new();
    let mut current = Word::default();
    let mut current_is_cjk = false;
    let finish = |current: &mut Word, tokens: &mut Vec<Word>| {
        if !current.is_empty() {
            let word = if current.is_ascii() {
                std::mem::take(current)
            } else {
                current.nfc().collect()
            };
            current.clear();
            tokens.push(word);
        }
    };
    for c in printed.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = if is_cjk(c) {
            sets::TRADITIONAL_TO_SIMPLIFIED
                .get(&c)
                .copied()
                .unwrap_or(c)
        } else {
            c
        };
        match c {
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => {}
            '.' if current.chars().count() == 1 && !current_is_cjk => {}
            c if is_cjk(c) => {
                if !current_is_cjk {
                    finish(&mut current, &mut tokens);
                }
                current_is_cjk = true;
                current.push(c);
            }
            c if c.is_alphanumeric() => {
                if current_is_cjk {
                    finish(&mut current, &mut tokens);
                    current_is_cjk = false;
                }
                current.extend(c.to_uppercase());
            }
            _ => {
                finish(&mut current, &mut tokens);
                current_is_cjk = false;
            }
        }
    }
    finish(&mut current, &mut tokens);
    tokens
}

/// [`split_words`] for ASCII (most names in most files): no decomposition,
/// no Chinese, byte by byte.
fn split_ascii_words(printed: &str) -> Vec<Word> {
    let mut tokens = Vec::new();
    let mut current = Word::default();
    for byte in printed.bytes() {
        match byte {
            b'\'' | b'`' => {}
            b'.' if current.len() == 1 => {}
            b if b.is_ascii_alphanumeric() => current.push(char::from(b.to_ascii_uppercase())),
            _ => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Mainland short names can carry risk markers before the name (`*ST`,
/// `ST`), Indonesian names a leading `PT`.
fn drop_leading_markers(tokens: &mut Vec<Word>) {
    while tokens.len() > 1 && matches!(tokens[0].as_str(), "ST" | "PT") {
        tokens.remove(0);
    }
}

/// Step 5.
fn strip_trailing_noise(tokens: &mut Vec<Word>, cut_short: bool) {
    loop {
        if let Some(last) = tokens.last_mut()
            && last.chars().next().is_some_and(is_cjk)
        {
            if let Some(form) = CJK_LEGAL_FORMS
                .iter()
                .find(|f| last.ends_with(*f) && last.len() > f.len())
            {
                last.truncate(last.len() - form.len());
                continue;
            }
        }
        if tokens.len() < 2 {
            return;
        }
        let last = tokens[tokens.len() - 1].as_str();
        // `DL-,00025`, `HD-,00002`, `YC 1`: a nominal value (German prints),
        // or a count after a share-line word (`SP.ADR/8`).
        if last.bytes().all(|b| b.is_ascii_digit()) {
            let before = tokens[tokens.len() - 2].as_str();
            if sets::NOMINAL_CURRENCIES.contains(before) && tokens.len() > 2 {
                tokens.truncate(tokens.len() - 2);
                continue;
            }
            if is_noise(before, cut_short) {
                tokens.pop();
                continue;
            }
            return;
        }
        if !is_noise(last, cut_short) {
            return;
        }
        tokens.pop();
    }
}

/// A legal form, share-line word or share-class letter, also misspelt by one
/// letter when long (`CORPORATON`, `SPONSERED`).
fn is_noise(word: &str, cut_short: bool) -> bool {
    sets::LEGAL_FORMS.contains(word)
        || sets::SHARE_LINE_NOISE.contains(word)
        || sets::SHARE_CLASS_LETTERS.contains(word)
        || (cut_short && is_start_of_legal_form(word))
        || (word.len() >= 6 && word.is_ascii() && is_misspelt_noise(word))
}

/// A Latin legal form or share-line word of six letters or more, misspelt
/// by one letter.
fn is_misspelt_noise(word: &str) -> bool {
    let by_length = &*sets::LONG_NOISE_BY_LENGTH;
    let lengths = word.len().saturating_sub(1)..=word.len() + 1;
    lengths
        .filter_map(|length| by_length.get(length))
        .flatten()
        .any(|form| edit_distance(word.as_bytes(), form.as_bytes(), 1).is_some())
}

/// `L`, `LT`, `LIMI`, `CORPO`, `INCORP`: a legal form cut by a column width.
fn is_start_of_legal_form(word: &str) -> bool {
    [
        "LTD",
        "LIMITED",
        "CORPORATION",
        "INCORPORATED",
        "COMPANY",
        "HOLDINGS",
    ]
    .iter()
    .any(|form| form.len() > word.len() && form.starts_with(word))
}

/// Splits generic Chinese words (`控股`, `集团`) off the end of a Chinese word.
fn split_cjk_suffixes(tokens: &mut Vec<Word>) {
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if token.chars().next().is_some_and(is_cjk)
            && let Some(suffix) = CJK_GENERIC_SUFFIXES
                .iter()
                .find(|s| token.ends_with(*s) && token.len() > s.len())
        {
            let head = Word::from(&token[..token.len() - suffix.len()]);
            tokens[i] = head;
            tokens.insert(i + 1, Word::const_new(suffix));
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_twice_changes_nothing() {
        for printed in [
            "公司CO腾讯控股集團DIGITAL LIMI",
            "腾讯控股 ABCDEFGHIJKLMNO HOLD",
            "TENCENT HOLDINGS LTD-UNS ADR",
            "HANGZHOU HIKVISION DIGITAL TECHNOL",
        ] {
            let once = normalize(printed);
            let twice = normalize(&once.display());
            assert_eq!(
                once.tokens,
                twice.tokens,
                "{printed:?} -> {:?}",
                once.display()
            );
        }
    }

    #[test]
    fn ascii_words_split_as_unicode_ones_do() {
        for printed in [
            "TENCENT HOLDINGS LTD-UNS ADR",
            "S.A. de C.V.",
            "XI'AN `AERO` ENGINE",
            "A.B.C. CO.,LTD. (CL A) 8.5%",
            "  ..lone. . dots.  ",
            "NIO INC. A ADR DL-,00025",
            "",
        ] {
            assert_eq!(
                split_ascii_words(printed),
                split_unicode_words(printed),
                "{printed:?}"
            );
        }
    }

    #[test]
    fn printed_forms_normalise() {
        let cases = [
            ("BAIDU INC - SPON ADR", "BAIDU"),
            ("TENCENT HOLDINGS LTD-UNS ADR", "TENCENT HOLDINGS"),
            ("BYD CO LTD-UNSPONSORED ADR", "BYD"),
            ("BYD CO LTD-H", "BYD"),
            ("Alibaba Group Holding Ltd.", "ALIBABA GROUP HOLDINGS"),
            ("ALIBABA GRP HLDG LTD SPON ADR", "ALIBABA GROUP HOLDINGS"),
            (
                "HANGZHOU HIKVISION DIGITAL TECHNOL",
                "HANGZHOU HIKVISION DIGITAL TECHNOLOGY",
            ),
            (
                "CONTEMPORARY AMPEREX TECHNOLOGY L",
                "CONTEMPORARY AMPEREX TECHNOLOGY",
            ),
            ("Xi’an Aircraft Industry", "XIAN AIRCRAFT INDUSTRIES"),
            ("Société Générale S.A.", "SOCIETE GENERALE"),
            ("CHINA UNICOM (HONG KONG) LTD", "CHINA UNICOM HONG KONG"),
            ("BANK OF CHINA LTD-H", "BANK CHINA"),
            ("SAMSUNG ELECTRONICS CO LTD PFD", "SAMSUNG ELECTRONICS"),
            ("NIO INC - ADR", "NIO"),
            ("XIAOMI CORP-CLASS B", "XIAOMI"),
            ("SENSETIME GROUP INC-CLASS B", "SENSETIME GROUP"),
            ("China Telecom Corp Ltd H Shs", "CHINA TELECOM"),
            (
                "The 6th Research Institute of CEC",
                "6TH RESEARCH INSTITUTE CEC",
            ),
            ("比亞迪股份有限公司", "比亚迪"),
            ("腾讯控股", "腾讯 控股"),
            ("京东方Ａ", "京东方"),
            ("*ST华谊", "华谊"),
            ("小米集團-W", "小米 集团"),
            ("AT&T INC", "AT T"),
            ("ALIBABA GR.HLDG SP.ADR/8", "ALIBABA GROUP HOLDINGS"),
            ("NIO INC. A ADR DL-,00025", "NIO"),
            ("XIAOMI CORP. CL.B DL-,0000025", "XIAOMI"),
            ("TENCENT HLDGS HD-,00002", "TENCENT HOLDINGS"),
            ("BYD CO. LTD H YC 1", "BYD"),
            ("BAIDU INC SPONSERED ADR", "BAIDU"),
            (
                "F ALIBABA GROUP HOLDING SPONSORED ADR 1 ADR REPS 8 ORD SHS",
                "F ALIBABA GROUP HOLDINGS",
            ),
            ("XIAOMI CORPORATON", "XIAOMI"),
            ("SZ DJI TECHNOLOGY CO LTD", "SHENZHEN DJI TECHNOLOGY"),
            ("CETC RESEARCH INSTITUTE 32", "CETC RESEARCH INSTITUTE 32"),
            ("", ""),
            ("   ---   ", ""),
        ];
        for (printed, expected) in cases {
            assert_eq!(normalize(printed).display(), expected, "{printed:?}");
        }
    }

    #[test]
    fn short_names_keep_their_last_word() {
        // Only a name long enough to have been cut loses a partial legal form.
        assert_eq!(normalize("ACME L").display(), "ACME L");
        assert_eq!(normalize("CO").display(), "CO");
        assert_eq!(normalize("A").display(), "A");
    }

    #[test]
    fn normalising_is_idempotent() {
        let names = [
            "TENCENT HOLDINGS LTD-UNS ADR",
            "CONTEMPORARY AMPEREX TECHNOLOGY L",
            "腾讯控股",
            "X CO A B",
            "XYZ CO OF",
            "HANGZHOU HIK DIG TECH L",
            "THE ST PT ABC",
        ];
        for printed in names {
            let once = normalize(printed);
            assert_eq!(
                normalize(&once.display()).tokens,
                once.tokens,
                "{printed:?}"
            );
        }
    }

    #[test]
    fn compact_joins_words() {
        assert_eq!(normalize("XI AN AIRCRAFT").compact(), "XIANAIRCRAFT");
    }
}
