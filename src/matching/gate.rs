//! A cheap test that rules out most candidate aliases before they are
//! compared, kept in one small record per alias so that ruling one out
//! costs a single memory access instead of fetching the alias and each of
//! its words (which, on a list of 100,000 names, is what a screen spends
//! its time on: most candidates share one word with the holding and are
//! then rejected).
//!
//! Why it is safe: a comparison that is not cut short (`cut_short`) scores
//! a full name or an affiliate only when every distinctive word of the
//! alias is matched, and every way a word matches (the same word, a
//! spelling variant, a cut word, two words run together or split) keeps
//! its first byte: the alias word starts with the first byte of some word
//! of the holding. An alias whose distinctive words start with a byte that
//! starts none of the holding's words cannot score. Two exceptions go to
//! the full comparison: a holding cut short (a truncated name needs only
//! half of the distinctive words), and an alias written as the holding
//! with other spacing (same words run together), recognised by its
//! compact form.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::normalize::NormalizedName;

/// First bytes of words, one bit each (byte modulo 64: two bytes may share
/// a bit, which only lets more aliases through).
type Initials = u64;

fn initial(word: &str) -> Initials {
    word.as_bytes().first().map_or(0, |&b| 1 << (b % 64))
}

fn compact_hash(compact: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(compact.as_bytes());
    hasher.finish()
}

/// What the gate keeps of one alias.
#[derive(Clone, Copy, Debug, Default)]
pub struct AliasGate {
    /// First bytes of the alias's distinctive words (none for a short form,
    /// which is compared as a whole name).
    initials: Initials,
    /// The hash of its words joined without spaces.
    compact: u64,
}

impl AliasGate {
    /// The gate of an alias with these distinctive words and compact form.
    pub fn new<'w>(distinctive: impl IntoIterator<Item = &'w str>, compact: &str) -> AliasGate {
        AliasGate {
            initials: distinctive.into_iter().map(initial).fold(0, |a, b| a | b),
            compact: compact_hash(compact),
        }
    }
}

/// What the gate keeps of one holding's name.
#[derive(Clone, Copy, Debug)]
pub struct HoldingGate {
    /// First bytes of every word; `None` lets every alias through.
    initials: Option<Initials>,
    compact: u64,
}

impl HoldingGate {
    /// The gate of a normalised holding name.
    pub fn new(name: &NormalizedName, compact: &str) -> HoldingGate {
        let usable = !name.cut_short && name.tokens.iter().all(|t| !t.is_empty());
        HoldingGate {
            initials: usable.then(|| name.tokens.iter().map(|t| initial(t)).fold(0, |a, b| a | b)),
            compact: compact_hash(compact),
        }
    }

    /// False when the alias cannot score against this holding.
    pub fn lets_through(&self, alias: &AliasGate) -> bool {
        match self.initials {
            None => true,
            Some(initials) => alias.initials & !initials == 0 || alias.compact == self.compact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(words: &[&str], cut_short: bool) -> NormalizedName {
        NormalizedName {
            tokens: words.iter().map(|w| w.to_string()).collect(),
            cut_short,
        }
    }

    #[test]
    fn an_alias_word_no_holding_word_starts_like_is_ruled_out() {
        let holding = name(&["HANGZHOU", "HIKVISION", "DIGITAL"], false);
        let gate = HoldingGate::new(&holding, &holding.compact());
        let hikvision = AliasGate::new(["HIKVISION"], "HIKVISION");
        let zte = AliasGate::new(["ZTE"], "ZTE");
        let hik_zhejiang = AliasGate::new(["HIKVISION", "ZHEJIANG"], "HIKVISIONZHEJIANG");
        assert!(gate.lets_through(&hikvision));
        assert!(!gate.lets_through(&zte));
        assert!(!gate.lets_through(&hik_zhejiang));
        // Same words, other spacing: through, whatever the words.
        let spaced = AliasGate::new(["ZHOUHIK"], "HANGZHOUHIKVISIONDIGITAL");
        assert!(gate.lets_through(&spaced));
    }

    #[test]
    fn a_name_cut_short_lets_every_alias_through() {
        let holding = name(&["HANGZHOU", "HIKVI"], true);
        let gate = HoldingGate::new(&holding, &holding.compact());
        assert!(gate.lets_through(&AliasGate::new(["ZTE"], "ZTE")));
    }
}
