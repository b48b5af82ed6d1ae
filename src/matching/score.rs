//! Comparing one holding name with one alias, word by word.
//!
//! Each word carries a weight and a class (see [`TokenClass`]): distinctive
//! words (`TENCENT`, `HIKVISION`) decide, generic words (`CHINA`,
//! `TECHNOLOGY`, a city) may be missing from a holding's shorter name but
//! never make a match on their own, structural words (`GROUP`, `HOLDINGS`)
//! may be added or dropped freely. Words are aligned exactly, with one or two
//! letters of spelling difference in long words, or, for the last word of a
//! name the file cut short, as the start of the listed word.
//!
//! The comparison ends in one of three shapes:
//! - **full**: every distinctive word on both sides is accounted for, and the
//!   holding adds nothing but structural words: the same entity.
//! - **truncated**: the holding is the listed name with its end cut off.
//! - **affiliate**: the holding contains every word of a distinctive alias
//!   plus words of its own (`ALIBABA HEALTH`, `BYD ELECTRONIC`): a relative
//!   of the listed entity, never the entity itself.

use super::normalize::Word;
use super::verdict::Reason;

/// How much a word says about which company is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenClass {
    /// Says nothing: single letters, numbers, legal forms, share-line words.
    Ignorable,
    /// Corporate structure (`GROUP`, `HOLDINGS`): may be added or dropped.
    Structural,
    /// Common in company names (`CHINA`, `TECHNOLOGY`, cities): may be
    /// missing from the holding, but an extra one makes another company.
    Generic,
    /// Identifies the company.
    Distinctive,
}

/// A word with its weight (0 to 1) and class.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The normalised word.
    pub text: Word,
    /// How much the word counts, 0 to 1.
    pub weight: f32,
    /// How the word is treated.
    pub class: TokenClass,
    /// The word's number among the words of the list's names: equal
    /// numbers are equal words. [`UNKNOWN_WORD`] for a word no name of the
    /// list has.
    pub id: u32,
}

/// The number of a word no name of the list has.
pub const UNKNOWN_WORD: u32 = u32::MAX;

/// Words that describe how a company is organised, not which company it
/// is: the structural words.
pub const STRUCTURAL_WORDS: &[&str] = &[
    "GROUP",
    "HOLDINGS",
    "COMPANY",
    "CORPORATION",
    "控股",
    "集团",
];

/// Some of the [`STRUCTURAL_WORDS`] (those an entity uses in its names),
/// one bit per word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StructuralSet(u8);

impl StructuralSet {
    /// The set of the structural words among `words`.
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> StructuralSet {
        let mut set = StructuralSet::default();
        for word in words {
            set.0 |= StructuralSet::bit(word);
        }
        set
    }

    /// Adds the structural words of `other`.
    pub fn union(self, other: StructuralSet) -> StructuralSet {
        StructuralSet(self.0 | other.0)
    }

    /// True when `word` is a structural word in the set.
    pub fn contains(self, word: &str) -> bool {
        self.0 & StructuralSet::bit(word) != 0
    }

    fn bit(word: &str) -> u8 {
        STRUCTURAL_WORDS
            .iter()
            .position(|w| *w == word)
            .map_or(0, |i| 1 << i)
    }
}

/// The shape of a comparison that found something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// A relative sharing the alias's distinctive name.
    Affiliate,
    /// The listed name cut short.
    Truncated,
    /// The same name, up to generic and structural words and spelling.
    Full,
}

/// The result of comparing a holding name with one alias.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NameScore {
    /// Which shape of similarity.
    pub shape: Shape,
    /// 0 to 1.
    pub score: f32,
    /// The code for the evidence.
    pub reason: Reason,
    /// Every word of the alias was found (exactly, spelt alike, or cut).
    pub complete: bool,
}

/// A full comparison at or above this score is a match; below, a review.
pub const MATCH_MIN_SCORE: f32 = 0.80;
/// A truncated comparison at or above this share of the listed name's
/// weight is a match; below, a review.
pub const TRUNCATED_MIN_SCORE: f32 = 0.60;
/// An alias makes affiliates only if one of its words weighs this much.
pub const AFFILIATE_MIN_WEIGHT: f32 = 0.45;
/// The score of a match found by spelling similarity alone: below the match
/// threshold, so it is reviewed, not decided.
const FUZZY_ONLY_SCORE: f32 = 0.75;
/// The score of a name of generic words only, cut before its end: below the
/// truncation threshold, so it is reviewed.
const GENERIC_CUT_SCORE: f32 = 0.55;

/// Two words this long (the shorter of them) may differ by two letters;
/// shorter ones by one at most.
pub const TWO_EDITS_MIN_LEN: usize = 10;
/// Two words this long (the shorter of them) may be spelt alike.
pub const SPELLING_MIN_LEN: usize = 6;
/// The longer of two words spelt alike is at least this long: two words of
/// the shortest length are never variants (the spelling keys rely on it).
pub const SPELLING_LONGER_MIN_LEN: usize = SPELLING_MIN_LEN + 1;

/// True for a word of Latin capitals only: the words that may be spelt
/// alike or cut short.
pub fn is_latin_capitals(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase())
}

/// How one holding word relates to one alias word.
#[derive(Clone, Copy, Debug, PartialEq)]
enum WordMatch {
    Exact,
    /// Spelling differs by one or two letters.
    Fuzzy(f32),
    /// The holding word is the start of the alias word (cut by the file).
    Cut,
}

impl WordMatch {
    fn similarity(self) -> f32 {
        match self {
            WordMatch::Exact => 1.0,
            WordMatch::Fuzzy(s) => s,
            WordMatch::Cut => 0.95,
        }
    }
}

/// True when a holding word matches an alias word as a whole word: the
/// same, or spelt within a letter or two.
pub fn words_alike(holding: &str, alias: &str) -> bool {
    holding == alias || compare_unequal_words(holding, alias, false).is_some()
}

/// How a holding word relates to an alias word. `may_be_cut`: the holding
/// word may be the start of the alias word.
fn compare_words(holding: &Token, alias: &Token, may_be_cut: bool) -> Option<WordMatch> {
    // Words are equal when their numbers are; two words the list does not
    // know are compared by their letters.
    let equal = if holding.id == UNKNOWN_WORD && alias.id == UNKNOWN_WORD {
        holding.text == alias.text
    } else {
        holding.id == alias.id
    };
    if equal {
        return Some(WordMatch::Exact);
    }
    compare_unequal_words(&holding.text, &alias.text, may_be_cut)
}

/// [`compare_words`] for two words known to differ.
fn compare_unequal_words(holding: &str, alias: &str, may_be_cut: bool) -> Option<WordMatch> {
    let (shorter, longer) = (
        holding.len().min(alias.len()),
        holding.len().max(alias.len()),
    );
    let allowed = match (shorter, longer) {
        (TWO_EDITS_MIN_LEN.., _) => 2,
        (SPELLING_MIN_LEN.., SPELLING_LONGER_MIN_LEN..) => 1,
        _ => 0,
    };
    let may_be_cut = may_be_cut && holding.len() >= 2 && alias.len() > holding.len();
    if allowed == 0 && !may_be_cut {
        return None;
    }
    // A cut word and a spelling variant both keep the first letter
    // (`EMEMORY` is not `MEMORY`).
    if holding.as_bytes().first() != alias.as_bytes().first() {
        return None;
    }
    if !is_latin_capitals(holding) || !is_latin_capitals(alias) {
        return None;
    }
    if may_be_cut && alias.starts_with(holding) {
        return Some(WordMatch::Cut);
    }
    match edit_distance(holding.as_bytes(), alias.as_bytes(), allowed) {
        Some(1) => Some(WordMatch::Fuzzy(0.9)),
        Some(2) => Some(WordMatch::Fuzzy(0.8)),
        _ => None,
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent
/// transpositions), or `None` when it exceeds `limit`.
pub fn edit_distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    if limit <= 1 {
        return distance_within_one(a, b, limit);
    }
    table_distance(a, b, limit)
}

/// [`edit_distance`] for a limit of 0 or 1, without a table: past the
/// common start, what is left must line up after one edit.
fn distance_within_one(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    if limit == 0 {
        return None;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let one = match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Greater => a[i + 1..] == b[i..],
        std::cmp::Ordering::Less => a[i..] == b[i + 1..],
        std::cmp::Ordering::Equal => {
            a[i + 1..] == b[i + 1..]
                || (i + 1 < a.len()
                    && a[i] == b[i + 1]
                    && a[i + 1] == b[i]
                    && a[i + 2..] == b[i + 2..])
        }
    };
    one.then_some(1)
}

/// [`edit_distance`] by the dynamic-programming table.
fn table_distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    // Three rolling rows (two back, one back, this one), on the stack for
    // words of ordinary length.
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * 64];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= stack.len() {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    let (two_back, rest) = rows.split_at_mut(width);
    let (one_back, this) = rest.split_at_mut(width);
    let (mut two_back, mut one_back, mut this) = (two_back, one_back, this);
    for (j, cell) in one_back.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        this[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (one_back[j] + 1)
                .min(this[j - 1] + 1)
                .min(one_back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            this[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        (two_back, one_back, this) = (one_back, this, two_back);
    }
    let d = one_back[b.len()];
    (d <= limit).then_some(d)
}

/// Compares a holding's words with an alias's words.
///
/// `cut_short`: the holding's printed name is long enough to have been cut.
/// `own_structural`: the structural words (`GROUP`, `HOLDINGS`) the entity
/// uses in any of its names; another one in the holding's name makes
/// another company (`COSCO SHIPPING HOLDINGS` is not China COSCO Shipping).
/// Short acronyms are not compared here: they match only as the whole name
/// (see `matcher.rs`).
pub fn compare(
    holding: &[Token],
    cut_short: bool,
    alias: &[Token],
    own_structural: StructuralSet,
) -> Option<NameScore> {
    let alignment = align(holding, cut_short, alias);
    let complete = alias
        .iter()
        .zip(&alignment.alias)
        .all(|(w, a)| a.is_some() || w.class == TokenClass::Ignorable);
    let (shape, score, reason) = shape(holding, cut_short, alias, own_structural, &alignment)?;
    Some(NameScore {
        shape,
        score,
        reason,
        complete,
    })
}

/// The shape, score and reason of an aligned comparison.
fn shape(
    holding: &[Token],
    cut_short: bool,
    alias: &[Token],
    own_structural: StructuralSet,
    alignment: &Alignment,
) -> Option<(Shape, f32, Reason)> {
    let mut covered = 0.0f32;
    let mut alias_total = 0.0f32;
    let mut alias_distinctive_weight = 0.0f32;
    let mut matched_distinctive_weight = 0.0f32;
    let mut heaviest = 0.0f32;
    let (mut missing_distinctive, mut missing_generic) = (false, false);
    let (mut matched_distinctive, mut distinctive_exact, mut exact_words) = (false, false, 0);
    let (mut any_cut, mut any_fuzzy, mut all_exact) = (false, false, true);
    let mut affiliate_words_exact = true;
    for (word, found) in alias.iter().zip(&alignment.alias) {
        if word.class == TokenClass::Ignorable {
            continue;
        }
        alias_total += word.weight;
        heaviest = heaviest.max(word.weight);
        if word.class == TokenClass::Distinctive {
            alias_distinctive_weight += word.weight;
        }
        let Some(m) = found else {
            all_exact = false;
            match word.class {
                TokenClass::Distinctive => missing_distinctive = true,
                TokenClass::Generic => missing_generic = true,
                TokenClass::Structural | TokenClass::Ignorable => {}
            }
            if word.class != TokenClass::Structural {
                affiliate_words_exact = false;
            }
            continue;
        };
        covered += word.weight * m.similarity();
        match m {
            WordMatch::Exact => exact_words += 1,
            WordMatch::Cut => any_cut = true,
            WordMatch::Fuzzy(_) => any_fuzzy = true,
        }
        if *m != WordMatch::Exact {
            all_exact = false;
            if word.class != TokenClass::Structural {
                affiliate_words_exact = false;
            }
        }
        if word.class == TokenClass::Distinctive {
            matched_distinctive = true;
            matched_distinctive_weight += word.weight;
            distinctive_exact |= *m == WordMatch::Exact;
        }
    }
    if alias_total <= 0.0 {
        return None;
    }

    let mut extra_structural = 0.0f32;
    let mut extra_meaningful = 0.0f32;
    for (h, &used) in holding.iter().zip(&alignment.holding_used) {
        match h.class {
            _ if used => {}
            TokenClass::Ignorable => {}
            TokenClass::Structural if own_structural.contains(&h.text) => {
                extra_structural += h.weight
            }
            _ => extra_meaningful += h.weight.max(0.05),
        }
    }
    let clamp = |score: f32| score.clamp(0.0, 1.0);

    // An alias of generic words only (`CHINA ELECTRONICS`) names a company
    // only when the holding says exactly that and nothing more (the last
    // word may be cut, a structural word may be missing). A holding cut
    // short before the end of such a name is worth a review, never a match:
    // `CHINA STATE CONSTRUCTION` starts several companies' names.
    if alias_distinctive_weight == 0.0 {
        let nothing_else = !any_fuzzy && extra_meaningful == 0.0 && extra_structural == 0.0;
        if nothing_else && !missing_generic {
            let reason = if any_cut {
                Reason::NameTruncated
            } else {
                Reason::NameExact
            };
            return Some((Shape::Full, clamp(covered / alias_total), reason));
        }
        let matched_words = alignment.alias.iter().filter(|a| a.is_some()).count();
        if nothing_else
            && cut_short
            && matched_words >= 3
            && clean_prefix(holding, alias, alignment)
        {
            let score = (covered / alias_total).min(GENERIC_CUT_SCORE);
            return Some((Shape::Truncated, clamp(score), Reason::NameTruncated));
        }
        return None;
    }

    if !missing_distinctive && extra_meaningful == 0.0 && matched_distinctive {
        let mut score = covered / (alias_total + extra_structural);
        // Spelling alone (or a cut word alone) decides only with the rest
        // of the name there to confirm it.
        if !distinctive_exact && (missing_generic || exact_words == 0) {
            score = score.min(FUZZY_ONLY_SCORE);
        }
        let reason = if all_exact && extra_structural == 0.0 {
            Reason::NameExact
        } else if any_cut {
            Reason::NameTruncated
        } else if any_fuzzy {
            Reason::NameFuzzy
        } else {
            Reason::NameVariant
        };
        return Some((Shape::Full, clamp(score), reason));
    }

    // The holding is the listed name with its end cut off by the file: every
    // holding word is used, and every missing alias word comes after the
    // last matched one.
    let clean_cut = clean_prefix(holding, alias, alignment);
    if cut_short
        && clean_cut
        && distinctive_exact
        && matched_distinctive_weight >= 0.5 * alias_distinctive_weight
    {
        let score = covered / alias_total;
        return Some((Shape::Truncated, clamp(score), Reason::NameTruncated));
    }

    if extra_meaningful > 0.0
        && affiliate_words_exact
        && distinctive_exact
        && heaviest >= AFFILIATE_MIN_WEIGHT
    {
        let score = covered / (alias_total + extra_structural + extra_meaningful);
        return Some((Shape::Affiliate, clamp(score), Reason::AffiliateName));
    }
    None
}

/// True when the holding is the alias with its end cut off: every holding
/// word is used, and every missing alias word comes after the last matched
/// one (generic or structural words may be missing before it).
fn clean_prefix(holding: &[Token], alias: &[Token], alignment: &Alignment) -> bool {
    let Some(last) = alignment.alias.iter().rposition(Option::is_some) else {
        return false;
    };
    let prefix = alias
        .iter()
        .zip(&alignment.alias)
        .enumerate()
        .all(|(j, (w, a))| {
            j > last
                || a.is_some()
                || matches!(
                    w.class,
                    TokenClass::Ignorable | TokenClass::Structural | TokenClass::Generic
                )
        });
    let all_used = holding
        .iter()
        .zip(&alignment.holding_used)
        .all(|(h, &u)| u || h.class == TokenClass::Ignorable);
    prefix && all_used
}

/// Which holding word each alias word matched, and which holding words
/// were used.
struct Alignment {
    alias: Vec<Option<WordMatch>>,
    holding_used: Vec<bool>,
}

/// Aligns every alias word with the best unused holding word, preferring
/// words after the previous alignment (names keep their order). A word
/// split in two on one side (`BLUE CHEMICAL` / `BLUECHEMICAL`, `XI AN` /
/// `XIAN`) matches the two words of the other side.
fn align(holding: &[Token], cut_short: bool, alias: &[Token]) -> Alignment {
    let meaningful = |t: &Token| t.class != TokenClass::Ignorable;
    let last_holding = holding.iter().rposition(meaningful);
    let mut used = vec![false; holding.len()];
    let mut found: Vec<Option<WordMatch>> = vec![None; alias.len()];
    let mut cursor = 0;
    for (j, word) in alias.iter().enumerate() {
        if word.class == TokenClass::Ignorable || found[j].is_some() {
            continue;
        }
        let mut best: Option<(usize, WordMatch)> = None;
        for (i, h) in holding.iter().enumerate() {
            if used[i] || !meaningful(h) {
                continue;
            }
            let Some(m) = compare_words(h, word, cut_short && Some(i) == last_holding) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((bi, bm)) => {
                    m.similarity() > bm.similarity()
                        || (m.similarity() == bm.similarity() && bi < cursor && i >= cursor)
                }
            };
            if better {
                best = Some((i, m));
            }
        }
        if let Some((i, m)) = best {
            used[i] = true;
            cursor = i + 1;
            found[j] = Some(m);
            continue;
        }
        // Two holding words that make this alias word.
        if let Some(i) = (0..holding.len().saturating_sub(1)).find(|&i| {
            !used[i]
                && !used[i + 1]
                && holding[i].text.len() + holding[i + 1].text.len() == word.text.len()
                && word.text.starts_with(holding[i].text.as_str())
                && word.text.ends_with(holding[i + 1].text.as_str())
        }) {
            used[i] = true;
            used[i + 1] = true;
            cursor = i + 2;
            found[j] = Some(WordMatch::Exact);
            continue;
        }
        // This alias word and the next make one holding word.
        if let Some(next) = alias.get(j + 1)
            && let Some(i) = (0..holding.len()).find(|&i| {
                !used[i]
                    && holding[i].text.len() == word.text.len() + next.text.len()
                    && holding[i].text.starts_with(word.text.as_str())
                    && holding[i].text.ends_with(next.text.as_str())
            })
        {
            used[i] = true;
            cursor = i + 1;
            found[j] = Some(WordMatch::Exact);
            found[j + 1] = Some(WordMatch::Exact);
        }
    }
    Alignment {
        alias: found,
        holding_used: used,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A number per distinct word, as a list's words have.
    fn number(word: &str) -> u32 {
        thread_local! {
            static WORDS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        WORDS.with_borrow_mut(|words| match words.iter().position(|w| w == word) {
            Some(n) => n as u32,
            None => {
                words.push(word.to_string());
                words.len() as u32 - 1
            }
        })
    }

    /// Words in capitals are distinctive (weight 0.8); words in a small
    /// fixed set are generic or structural, as the real weights make them.
    fn tokens(text: &str) -> Vec<Token> {
        text.split_whitespace()
            .map(|w| {
                let (weight, class) = match w {
                    "GROUP" | "HOLDINGS" => (0.1, TokenClass::Structural),
                    "CHINA" | "TECHNOLOGY" | "INTERNATIONAL" | "HANGZHOU" | "DIGITAL"
                    | "ELECTRONICS" | "AMERICAS" | "MANUFACTURING" | "STATE" | "CONSTRUCTION"
                    | "ENGINEERING" | "TAIWAN" => (0.15, TokenClass::Generic),
                    w if w.len() == 1 => (0.0, TokenClass::Ignorable),
                    _ => (0.8, TokenClass::Distinctive),
                };
                Token {
                    text: Word::from(w),
                    weight,
                    class,
                    id: number(w),
                }
            })
            .collect()
    }

    fn score(holding: &str, alias: &str) -> Option<(Shape, Reason, f32)> {
        let cut_short = holding.len() >= 26;
        let own = StructuralSet::of(["GROUP", "HOLDINGS"]);
        compare(&tokens(holding), cut_short, &tokens(alias), own)
            .map(|s| (s.shape, s.reason, s.score))
    }

    #[test]
    fn same_names_are_full_matches() {
        assert_eq!(
            score("TENCENT HOLDINGS", "TENCENT HOLDINGS"),
            Some((Shape::Full, Reason::NameExact, 1.0))
        );
        let (shape, reason, s) = score("TENCENT HOLDINGS", "TENCENT").unwrap();
        assert_eq!((shape, reason), (Shape::Full, Reason::NameVariant));
        assert!(s >= MATCH_MIN_SCORE, "{s}");
        let (shape, _, s) = score(
            "HIKVISION DIGITAL TECHNOLOGY",
            "HANGZHOU HIKVISION DIGITAL TECHNOLOGY",
        )
        .unwrap();
        assert_eq!(shape, Shape::Full);
        assert!(s >= MATCH_MIN_SCORE, "{s}");
    }

    #[test]
    fn cut_names_match_the_start_of_a_word() {
        let (shape, reason, _) = score(
            "HANGZHOU HIKVISION DIGITAL TECHNOL",
            "HANGZHOU HIKVISION DIGITAL TECHNOLOGY",
        )
        .unwrap();
        assert_eq!((shape, reason), (Shape::Full, Reason::NameTruncated));
        // Cut before a distinctive word: the holding is the start of the name.
        let (shape, _, _) = score(
            "SEMICONDUCTOR MANUFACTURING INTERN",
            "SEMICONDUCTOR MANUFACTURING INTERNATIONAL",
        )
        .unwrap();
        assert_eq!(shape, Shape::Full);
        let (shape, reason, _) = score(
            "ZHONGJI INNOLIGHT OPTICAL COMMU",
            "ZHONGJI INNOLIGHT OPTICAL COMMUNICATIONS KWEG",
        )
        .unwrap();
        assert_eq!((shape, reason), (Shape::Truncated, Reason::NameTruncated));
    }

    #[test]
    fn extra_distinctive_words_make_affiliates() {
        for holding in [
            "ALIBABA HEALTH INFORMATION",
            "TENCENT MUSIC ENTERTAINMENT",
            "BYD ELECTRONICS INTERNATIONAL",
        ] {
            let alias = holding.split(' ').next().unwrap();
            assert_eq!(
                score(holding, alias).map(|s| s.0),
                Some(Shape::Affiliate),
                "{holding}"
            );
        }
        // A generic extra word makes a relative too (a regional arm).
        assert_eq!(
            score("CHINA TELECOM AMERICAS", "CHINA TELECOM").map(|s| s.0),
            Some(Shape::Affiliate)
        );
    }

    #[test]
    fn look_alikes_stay_clear() {
        assert_eq!(score("ZHONGJIN GOLD", "ZHONGJI INNOLIGHT"), None);
        assert_eq!(score("UNION PACIFIC", "NIO"), None);
        assert_eq!(score("CHINA UNICOM", "CHINA MOBILE"), None);
        assert_eq!(
            score(
                "TAIWAN SEMICONDUCTOR MANUFACTURING",
                "SEMICONDUCTOR MANUFACTURING INTERNATIONAL"
            ),
            None
        );
        assert_eq!(
            score(
                "CHINA STATE CONSTRUCTION INTERNATIONAL",
                "CHINA STATE CONSTRUCTION ENGINEERING"
            ),
            None
        );
    }

    #[test]
    fn spelling_alone_is_reviewed() {
        let (_, reason, s) = score("HIKVISON", "HIKVISION").unwrap();
        assert_eq!(reason, Reason::NameFuzzy);
        assert!(s < MATCH_MIN_SCORE);
        let (_, reason, s) =
            score("HANGZHOU HIKVISON BLARGH", "HANGZHOU HIKVISION BLARGH").unwrap();
        assert_eq!(reason, Reason::NameFuzzy);
        assert!(s >= MATCH_MIN_SCORE, "{s}");
    }

    #[test]
    fn generic_only_aliases_need_the_exact_name() {
        assert!(score("CHINA ELECTRONICS", "CHINA ELECTRONICS").is_some());
        assert!(score("CHINA ELECTRONICS HOLDINGS", "CHINA ELECTRONICS").is_none());
        assert!(score("CHINA ELECTRONICS", "CHINA ELECTRONICS GROUP").is_some());
        assert!(score("CHINA ELECTRONICS", "CHINA ELECTRONICS TECHNOLOGY GROUP").is_none());
        let (_, reason, _) = score(
            "CHINA STATE CONSTRUCTION ENGINEERI",
            "CHINA STATE CONSTRUCTION ENGINEERING",
        )
        .unwrap();
        assert_eq!(reason, Reason::NameTruncated);
        // Cut before the end of such a name: a review (below the threshold).
        let (shape, _, s) = score(
            "CHINA STATE CONSTRUCTION E A",
            "CHINA STATE CONSTRUCTION ENGINEERING",
        )
        .unwrap();
        assert_eq!(shape, Shape::Truncated);
        assert!(s < TRUNCATED_MIN_SCORE, "{s}");
    }

    #[test]
    fn structural_words_of_another_company_make_a_relative() {
        // China COSCO Shipping's names have no HOLDINGS: COSCO SHIPPING
        // HOLDINGS is another company of the group.
        let found = compare(
            &tokens("COSCO SHIPPING HOLDINGS"),
            false,
            &tokens("COSCO SHIPPING"),
            StructuralSet::default(),
        );
        assert_eq!(found.map(|s| s.shape), Some(Shape::Affiliate));
        // Tencent's own name has HOLDINGS: a variant of the same company.
        let own = StructuralSet::of(["HOLDINGS"]);
        let found = compare(&tokens("TENCENT HOLDINGS"), false, &tokens("TENCENT"), own);
        assert_eq!(found.map(|s| s.shape), Some(Shape::Full));
    }

    #[test]
    fn words_the_list_does_not_know_compare_by_their_letters() {
        let none = StructuralSet::default();
        let mut holding = tokens("HIKVISON DIGITAL");
        holding[0].id = UNKNOWN_WORD;
        let found = compare(&holding, false, &tokens("HIKVISION DIGITAL"), none);
        assert_eq!(found.map(|s| s.reason), Some(Reason::NameFuzzy));
        let (mut holding, mut alias) = (tokens("ZORVEX"), tokens("ZORVEX"));
        holding[0].id = UNKNOWN_WORD;
        alias[0].id = UNKNOWN_WORD;
        let found = compare(&holding, false, &alias, none);
        assert_eq!(found.map(|s| s.reason), Some(Reason::NameExact));
    }

    #[test]
    fn words_run_together_or_split() {
        let (shape, reason, _) = score("CHINA BLUE CHEMICAL", "CHINA BLUECHEMICAL").unwrap();
        assert_eq!((shape, reason), (Shape::Full, Reason::NameExact));
        let (shape, _, _) = score("XIAN AIRCRAFT", "XI AN AIRCRAFT").unwrap();
        assert_eq!(shape, Shape::Full);
    }

    #[test]
    fn a_misspelt_word_with_its_name_around_it_matches() {
        let (_, reason, s) = score("WUXI APPTECH", "WUXI APPTEC").unwrap();
        assert_eq!(reason, Reason::NameFuzzy);
        assert!(s >= MATCH_MIN_SCORE, "{s}");
        let (_, _, s) = score("ALIBBA GROUP HOLDINGS", "ALIBABA GROUP HOLDINGS").unwrap();
        assert!(s >= MATCH_MIN_SCORE, "{s}");
        // Short words are never spelling variants of each other, and
        // spelling variants keep their first letter.
        assert_eq!(score("BAIDA", "BAIDU"), None);
        assert_eq!(score("EMEMORY TECHNOLOGY", "MEMORY"), None);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance(b"HIKVISION", b"HIKVISON", 2), Some(1));
        assert_eq!(edit_distance(b"ABCD", b"ABDC", 2), Some(1));
        assert_eq!(edit_distance(b"ABCDEFG", b"XYZDEFG", 2), None);
        assert_eq!(edit_distance(b"", b"AB", 2), Some(2));
        let long = "A".repeat(70) + "XY";
        let swapped = "A".repeat(70) + "YX";
        assert_eq!(
            edit_distance(long.as_bytes(), swapped.as_bytes(), 2),
            Some(1)
        );
        assert_eq!(edit_distance(long.as_bytes(), b"AXY", 2), None);
    }

    #[test]
    fn one_edit_shortcut_agrees_with_the_table() {
        // Every word of up to four letters over a three-letter alphabet.
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=4 {
            let shorter: Vec<Vec<u8>> = words
                .iter()
                .filter(|w| w.len() == len - 1)
                .cloned()
                .collect();
            for word in shorter {
                for letter in b"ABC" {
                    let mut longer = word.clone();
                    longer.push(*letter);
                    words.push(longer);
                }
            }
        }
        for a in &words {
            for b in &words {
                for limit in 0..=1 {
                    let expected = if a.len().abs_diff(b.len()) > limit {
                        None
                    } else {
                        table_distance(a, b, limit)
                    };
                    assert_eq!(edit_distance(a, b, limit), expected, "{a:?} {b:?} {limit}");
                }
            }
        }
    }
}
