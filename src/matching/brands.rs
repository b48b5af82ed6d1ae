//! Group brands: the capitalised short word a group puts at the front of
//! its companies' names (`AVIC Heavy Machinery`, `AVIC Shenyang Aircraft`;
//! `CETC Digital Technology`; `COSCO SHIPPING Logistics`). A holding whose
//! name carries a listed group's brand plus other words (`AVIC INDUSTRY-
//! FINANCE`, `CHINA CSSC HOLDINGS`, `COSCO SHIPPING HOLDINGS`) is one of the
//! group's companies: worth a review, never a match.
//!
//! A brand is the first word of a current entity's printed name, printed
//! in capitals, that is not a generic word. Where several names start with
//! it, the brand is their common start (`COSCO SHIPPING`, so that the
//! Philippine `COSCO CAPITAL` is not taken for the shipping group) and
//! points at their common parent; a brand of one name only must be at least
//! four letters, because three-letter words are shared by too many unrelated
//! companies (`EVE`, `MGI`).

use rustc_hash::FxHashMap;

use super::matcher::Target;
use super::normalize::{Word, normalize};
use super::tables::GENERIC_WORDS;

/// Shortest brand of a single entity.
const SINGLE_BRAND_MIN_CHARS: usize = 4;

/// One brand and the entity a review points at.
#[derive(Clone, Debug)]
pub struct Brand {
    /// The brand's words, normalised.
    pub words: Vec<Word>,
    /// Index of the target: the group's listed parent, or the one entity.
    pub target: usize,
}

impl Brand {
    /// The brand as shown in evidence.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }
}

/// Brands by their first word.
#[derive(Debug, Default)]
pub struct Brands {
    by_first: FxHashMap<Word, Brand>,
}

impl Brands {
    /// Finds the brands of the current targets.
    pub fn build(targets: &[Target]) -> Brands {
        let mut groups: FxHashMap<Word, Vec<(usize, Vec<Word>)>> = FxHashMap::default();
        for (i, target) in targets.iter().enumerate() {
            if target.removed_on.is_some() || !first_word_in_capitals(&target.entity.name) {
                continue;
            }
            let words = normalize(&target.entity.name).tokens;
            let Some(first) = words.first() else { continue };
            if words.len() < 2
                || GENERIC_WORDS.contains(&first.as_str())
                || !first.is_ascii()
                || first.len() < 3
            {
                continue;
            }
            groups.entry(first.clone()).or_default().push((i, words));
        }
        let mut by_first = FxHashMap::default();
        for (first, members) in groups {
            let brand = if members.len() == 1 {
                if first.len() < SINGLE_BRAND_MIN_CHARS {
                    continue;
                }
                Brand {
                    words: vec![first.clone()],
                    target: members[0].0,
                }
            } else {
                let common = common_prefix(members.iter().map(|(_, w)| w.as_slice()));
                Brand {
                    words: common,
                    target: common_parent(targets, &members).unwrap_or(members[0].0),
                }
            };
            by_first.insert(first, brand);
        }
        Brands { by_first }
    }

    /// The brand a holding's words carry, when they carry more than it.
    pub fn find(&self, words: &[Word]) -> Option<&Brand> {
        words.iter().enumerate().find_map(|(i, word)| {
            let brand = self.by_first.get(word)?;
            let carries = words[i..].starts_with(&brand.words);
            (carries && words.len() > brand.words.len()).then_some(brand)
        })
    }
}

/// True when the printed name's first word is in capitals (`AVIC`, `CETC`,
/// `COSCO`, `TP-Link` counts by its first letters), not a word like `China`.
fn first_word_in_capitals(printed: &str) -> bool {
    let first = printed.split_whitespace().next().unwrap_or("");
    let letters: String = first.chars().take_while(|c| c.is_alphanumeric()).collect();
    letters.len() >= 2
        && letters
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn common_prefix<'a>(mut names: impl Iterator<Item = &'a [Word]>) -> Vec<Word> {
    let Some(first) = names.next() else {
        return Vec::new();
    };
    let mut common = first.to_vec();
    for name in names {
        let same = common.iter().zip(name).take_while(|(a, b)| a == b).count();
        common.truncate(same);
    }
    common
}

/// The parent all members share, when it is a current target itself.
fn common_parent(targets: &[Target], members: &[(usize, Vec<Word>)]) -> Option<usize> {
    let parent = targets[members[0].0].entity.parent_id.as_deref()?;
    let shared = members
        .iter()
        .all(|(i, _)| targets[*i].entity.parent_id.as_deref() == Some(parent));
    if !shared {
        return None;
    }
    targets
        .iter()
        .position(|t| t.removed_on.is_none() && t.entity.id == parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals() {
        assert!(first_word_in_capitals("AVIC Heavy Machinery"));
        assert!(first_word_in_capitals("TP-Link Technologies"));
        assert!(!first_word_in_capitals("China COSCO SHIPPING"));
        assert!(!first_word_in_capitals("Tencent Holdings"));
    }

    #[test]
    fn common_start_of_names() {
        let a = [
            Word::from("COSCO"),
            Word::from("SHIPPING"),
            Word::from("LOGISTICS"),
        ];
        let b = [
            Word::from("COSCO"),
            Word::from("SHIPPING"),
            Word::from("NORTH"),
        ];
        assert_eq!(
            common_prefix([a.as_slice(), b.as_slice()].into_iter()),
            ["COSCO", "SHIPPING"]
        );
    }
}
