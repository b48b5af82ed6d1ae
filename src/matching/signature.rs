//! Signatures: 32 bytes per alias that tell, without fetching the alias,
//! that a holding name cannot score against it.
//!
//! Most candidates a holding's words reach fail to score, for one of two
//! reasons, and the signature checks both:
//! - A full or truncated comparison uses every meaningful word of the
//!   holding (only structural words may be left over). A holding word is
//!   used by an alias word that starts with the same two bytes (the same
//!   word, the word it is the cut-off start of, the word it makes with the
//!   next holding word, or the first of two alias words it runs
//!   together); by one with the same first letter when both are long
//!   enough to be spelt alike; or, with the holding word before it, by an
//!   alias word split in two. So each such holding word needs one of these
//!   in the alias's signature.
//! - An affiliate comparison finds every word of the alias (but structural
//!   ones) exactly in the holding: as a word, as two holding words run
//!   together, or, with the alias word next to it, as one holding word. The
//!   last case is not checked here: a holding word that is two alias words
//!   run together reaches the alias by a whole-name route, which the
//!   signature does not rule out.
//!
//! Everything is kept as bits of masks: a word as two bits of 64 (hashes
//! of the word), a start as one bit of 64, a first letter as one bit of 32
//! (the byte modulo 32). Two different words may share a bit, which only
//! lets a candidate through; the check never rules out an alias that could
//! score.

use super::score::{SPELLING_MIN_LEN, Token, TokenClass};

/// What an alias offers to a holding's words.
#[derive(Clone, Copy, Debug, Default)]
pub struct AliasSignature {
    /// The first two bytes of each word a holding word can be used by.
    starts: u64,
    /// The first letters of those words long enough to be spelt alike.
    long_letters: u32,
    /// Every word a holding word can be used by.
    words: u64,
    /// The words an affiliate must find exactly (not structural).
    exact: u64,
}

impl AliasSignature {
    /// The signature of an alias's weighted words.
    pub fn of(alias: &[Token]) -> AliasSignature {
        let mut signature = AliasSignature::default();
        for word in alias {
            // An ignorable alias word is never aligned with a holding word.
            if word.class == TokenClass::Ignorable {
                continue;
            }
            signature.starts |= start_bit(&word.text);
            signature.long_letters |= long_letter_bit(&word.text);
            let bits = word_bits(word.text.as_bytes());
            signature.words |= bits;
            if word.class != TokenClass::Structural {
                signature.exact |= bits;
            }
        }
        signature
    }

    /// False when `holding` cannot score against the alias.
    pub fn may_score(&self, holding: &HoldingSignature) -> bool {
        let all_used = holding.needs.iter().all(|need| {
            need.start & self.starts != 0
                || need.long_letter & self.long_letters != 0
                || (need.split != 0 && need.split & self.words == need.split)
        });
        let all_found = self.exact & !holding.words == 0;
        all_used || all_found
    }
}

/// What a holding's words need from an alias.
#[derive(Debug, Default)]
pub struct HoldingSignature {
    /// One per meaningful, non-structural word.
    needs: Vec<Need>,
    /// The holding's words, and every two adjacent ones run together.
    words: u64,
}

/// What one holding word needs: any of these bits in the alias.
#[derive(Debug)]
struct Need {
    start: u64,
    /// Zero for a word too short to be spelt alike.
    long_letter: u32,
    /// The word before and this one run together; zero for the first.
    split: u64,
}

impl HoldingSignature {
    /// The signature of a holding's weighted words.
    pub fn of(holding: &[Token]) -> HoldingSignature {
        let mut signature = HoldingSignature::default();
        for (i, word) in holding.iter().enumerate() {
            signature.words |= word_bits(word.text.as_bytes());
            let split = match i.checked_sub(1) {
                Some(before) => {
                    let bits = pair_bits(&holding[before].text, &word.text);
                    signature.words |= bits;
                    bits
                }
                None => 0,
            };
            if matches!(word.class, TokenClass::Generic | TokenClass::Distinctive) {
                signature.needs.push(Need {
                    start: start_bit(&word.text),
                    long_letter: long_letter_bit(&word.text),
                    split,
                });
            }
        }
        signature
    }
}

fn start_bit(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let start = u64::from(bytes.first().copied().unwrap_or(0)) << 8
        | u64::from(bytes.get(1).copied().unwrap_or(0));
    1 << (start.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

fn long_letter_bit(word: &str) -> u32 {
    match word.as_bytes().first() {
        Some(b) if word.len() >= SPELLING_MIN_LEN => 1 << (b % 32),
        _ => 0,
    }
}

/// Two bits of a 64-bit mask for a word (a holding has some ten words
/// and pairs: two bits each let through fewer aliases by chance than one).
fn word_bits(word: &[u8]) -> u64 {
    bits_of(hash_bytes(FNV_OFFSET, word))
}

/// [`word_bits`] of two words run together, without joining them.
fn pair_bits(first: &str, second: &str) -> u64 {
    bits_of(hash_bytes(
        hash_bytes(FNV_OFFSET, first.as_bytes()),
        second.as_bytes(),
    ))
}

const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;

/// FNV-1a, a byte at a time: hashing two pieces one after the other is
/// hashing them joined.
fn hash_bytes(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    hash
}

fn bits_of(hash: u64) -> u64 {
    // The top bits of the product mix every bit of the hash.
    let mixed = hash.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (1 << (mixed >> 58)) | (1 << (mixed >> 52 & 63))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(words: &[(&str, TokenClass)]) -> Vec<Token> {
        words
            .iter()
            .enumerate()
            .map(|(id, &(text, class))| Token {
                text: text.into(),
                weight: 0.5,
                class,
                id: id as u32,
            })
            .collect()
    }

    use TokenClass::{Distinctive as D, Generic as G, Ignorable as I, Structural as S};

    #[test]
    fn a_holding_word_no_alias_word_can_use_rules_the_alias_out() {
        let alias = AliasSignature::of(&tokens(&[("CORRIGEN", D), ("AUTOMOTIVE", G)]));
        let holding = |words| HoldingSignature::of(&tokens(words));
        // Every holding word used: the same name, a cut word, a spelling.
        assert!(alias.may_score(&holding(&[("CORRIGEN", D), ("AUTO", D)])));
        assert!(alias.may_score(&holding(&[("CORIGEN", D), ("AUTOMOTIVE", G)])));
        // A word of its own (`XYLO...`): not the same company, and not an
        // affiliate either (AUTOMOTIVE is missing).
        assert!(!alias.may_score(&holding(&[("CORRIGEN", D), ("XYLOPHONE", G)])));
        // An affiliate: every alias word there, plus words of its own.
        assert!(alias.may_score(&holding(&[
            ("CORRIGEN", D),
            ("AUTOMOTIVE", G),
            ("XYLOPHONE", G),
        ])));
        // Ignorable and structural holding words need nothing.
        assert!(alias.may_score(&holding(&[
            ("CORRIGEN", D),
            ("AUTOMOTIVE", G),
            ("Z", I),
            ("HOLDINGS", S),
        ])));
    }

    #[test]
    fn a_pair_hashes_as_the_word_it_makes() {
        assert_eq!(pair_bits("HIK", "VISION"), word_bits(b"HIKVISION"));
        assert_ne!(pair_bits("HIK", "VISION"), word_bits(b"HIK"));
    }

    #[test]
    fn words_split_or_run_together_are_allowed_for() {
        let alias = AliasSignature::of(&tokens(&[("HIKVISION", D), ("DIGITAL", G)]));
        let holding = |words| HoldingSignature::of(&tokens(words));
        // `VISION` starts no alias word, but `HIK VISION` is one.
        assert!(alias.may_score(&holding(&[("HIK", D), ("VISION", D), ("DIGITAL", G)])));
        // An affiliate with two of its holding words making an alias word.
        assert!(alias.may_score(&holding(&[
            ("HIKVI", D),
            ("SION", D),
            ("DIGITAL", G),
            ("QUANTA", D),
        ])));
    }
}
