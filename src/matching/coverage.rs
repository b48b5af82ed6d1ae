//! Coverage: which candidate aliases a holding's words can account for,
//! counted from the postings alone, before any alias is fetched.
//!
//! A holding name not cut short scores against an alias (in full or as an
//! affiliate) only when every distinctive word of the alias is matched by
//! the holding: the same word, a spelling variant, two holding words that
//! make the alias word, or the alias word run together with the next one
//! into one holding word. Candidates are found through the postings of the
//! holding's words by exactly those routes, so counting the distinct words
//! by which an alias was reached tells, without touching the alias, whether
//! all of its distinctive words can be matched. On a list of 100,000 names
//! most candidates share one word with the holding and no other; they are
//! ruled out here.
//!
//! Two routes are not counted word by word, and let their aliases through
//! whatever the count: the whole name (normalised or compact, or the lead
//! words of a generic-only alias), and two alias words run together. A word
//! long enough to be matched within two letters (which the spelling
//! postings, built on one deletion, do not find) is not required.

use super::score::{TWO_EDITS_MIN_LEN, is_latin_capitals};

/// The word marker of a pair that lets its alias through.
const WHOLE: u32 = u32::MAX;
/// The word marker of a pair reached by a word the count leaves out.
const UNCOUNTED: u32 = WHOLE - 1;

/// True for an alias word the coverage count requires: one that every
/// match with a holding word reaches through the postings.
pub fn is_counted(word: &str) -> bool {
    word.len() < TWO_EDITS_MIN_LEN || !is_latin_capitals(word)
}

/// The aliases reached by a holding's words, with the word that reached
/// each.
#[derive(Debug, Default)]
pub struct Reached {
    /// (alias, position of the word in the vocabulary, or a marker).
    pairs: Vec<(u32, u32)>,
}

impl Reached {
    /// Aliases found by a route that lets them through.
    pub fn whole(&mut self, aliases: impl IntoIterator<Item = u32>) {
        self.pairs
            .extend(aliases.into_iter().map(|alias| (alias, WHOLE)));
    }

    /// Aliases found through the postings of the vocabulary word at
    /// `word`; `counted` says whether the word is one the count requires.
    pub fn word(&mut self, word: u32, counted: bool, aliases: impl IntoIterator<Item = u32>) {
        let marker = if counted { word } else { UNCOUNTED };
        self.pairs
            .extend(aliases.into_iter().map(|alias| (alias, marker)));
    }

    /// Every alias reached, once, in increasing order.
    pub fn all(mut self) -> Vec<u32> {
        self.pairs.sort_unstable();
        let mut aliases: Vec<u32> = self.pairs.iter().map(|p| p.0).collect();
        aliases.dedup();
        aliases
    }

    /// The aliases reached whose counted words were all reached (or that a
    /// whole-name route let through), once, in increasing order.
    /// `required[alias]` is the number of distinct counted distinctive
    /// words of the alias.
    pub fn covered(mut self, required: &[u8]) -> Vec<u32> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut kept = Vec::new();
        for group in self.pairs.chunk_by(|a, b| a.0 == b.0) {
            let alias = group[0].0;
            let whole = group.last().is_some_and(|p| p.1 == WHOLE);
            let counted = group.iter().filter(|p| p.1 < UNCOUNTED).count();
            if whole || counted >= usize::from(required[alias as usize]) {
                kept.push(alias);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_needs_every_counted_word_or_a_whole_route() {
        let required = [2, 2, 1, 2];
        let mut reached = Reached::default();
        reached.word(10, true, [0, 1, 3]);
        reached.word(11, true, [0, 2]);
        // The same word twice counts once.
        reached.word(10, true, [3]);
        reached.whole([1]);
        assert_eq!(reached.covered(&required), [0, 1, 2]);
    }

    #[test]
    fn an_uncounted_word_keeps_a_candidate_without_counting() {
        let mut reached = Reached::default();
        reached.word(7, false, [0, 1]);
        reached.word(8, true, [1]);
        assert_eq!(reached.covered(&[0, 2]), [0]);
        let mut reached = Reached::default();
        reached.word(7, false, [0, 1]);
        reached.whole([3]);
        assert_eq!(reached.all(), [0, 1, 3]);
    }

    #[test]
    fn long_latin_words_are_not_counted() {
        assert!(is_counted("HIKVISION"));
        assert!(!is_counted("HIKVISIONS"));
        assert!(is_counted("中国航空工业集团"));
    }
}
