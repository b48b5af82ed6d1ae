//! Postings keyed by the hash of a string: which aliases (or words) a
//! normalised name, a compact name or a spelling points at.
//!
//! The pairs (key hash, id) sit in one sorted vector, twelve bytes each
//! plus padding, instead of a map of owned strings to vectors: a list of a
//! hundred thousand names indexes in a few megabytes. A table of where each
//! run of hashes with the same top bits starts finds a key's pairs in one
//! step, however many there are. Postings only find candidates for
//! scoring, so the rare hash collision adds a candidate that scoring then
//! rejects; it never decides anything.

use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::FxHasher;

/// A many-to-many map from strings (by hash) to ids.
#[derive(Debug, Default)]
pub struct Postings {
    pairs: Vec<(u64, u32)>,
    /// Where the pairs whose hash starts with each `bucket_bits`-bit
    /// prefix begin (one more entry at the end: the length).
    starts: Vec<u32>,
    bucket_bits: u32,
    /// A filter in front of the pairs: a key whose three bits in its word
    /// are not all set has no pairs. It is small enough to stay in cache,
    /// so most keys that are not there (most spellings a holding's words
    /// are tried in) cost no trip to the pairs.
    filter: Vec<u64>,
}

/// Bits of filter per distinct key.
const FILTER_BITS_PER_KEY: usize = 8;

impl Postings {
    /// Adds `id` under `key` (call [`Postings::seal`] before looking up).
    pub fn add(&mut self, key: &[u8], id: u32) {
        self.pairs.push((hash(key), id));
    }

    /// Adds `id` under the key whose [`Postings::hash`] is `hash` (hashes
    /// can be worked out on other threads).
    pub fn add_hashed(&mut self, hash: u64, id: u32) {
        self.pairs.push((hash, id));
    }

    /// The hash a key is filed under.
    pub fn hash(key: &[u8]) -> u64 {
        hash(key)
    }

    /// Postings of `count` ids built on every core: `keys_of(id, add)`
    /// hands each key of `id` to `add`.
    pub fn par_build(
        count: usize,
        keys_of: impl Fn(usize, &mut dyn FnMut(&[u8])) + Sync + Send,
    ) -> Postings {
        let parts: Vec<Vec<(u64, u32)>> = (0..count)
            .into_par_iter()
            .fold(Vec::new, |mut pairs, id| {
                keys_of(id, &mut |key| pairs.push((hash(key), id as u32)));
                pairs
            })
            .collect();
        let mut pairs = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            pairs.extend(part);
        }
        let mut postings = Postings {
            pairs,
            ..Postings::default()
        };
        postings.seal();
        postings
    }

    /// Sorts the pairs, drops repeats and indexes them; after this,
    /// lookups work.
    pub fn seal(&mut self) {
        self.pairs.par_sort_unstable();
        self.pairs.dedup();
        self.pairs.shrink_to_fit();
        // About one pair per bucket.
        self.bucket_bits = (self.pairs.len().max(2).ilog2() + 1).min(30);
        let buckets = 1usize << self.bucket_bits;
        self.starts = Vec::with_capacity(buckets + 1);
        let mut pair = 0;
        for bucket in 0..buckets {
            while pair < self.pairs.len() && self.bucket(self.pairs[pair].0) < bucket {
                pair += 1;
            }
            self.starts.push(pair as u32);
        }
        self.starts.push(self.pairs.len() as u32);

        let keys = self.pairs.chunk_by(|a, b| a.0 == b.0).count();
        let words = (keys * FILTER_BITS_PER_KEY / 64).max(1).next_power_of_two();
        self.filter = vec![0; words];
        for &(key, _) in &self.pairs {
            let (word, bits) = self.filter_bits(key);
            self.filter[word] |= bits;
        }
    }

    /// The word of the filter for a key's hash, and the key's bits in it.
    fn filter_bits(&self, hash: u64) -> (usize, u64) {
        let mixed = hash.rotate_left(29).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let word = (mixed as usize) & (self.filter.len() - 1);
        let bits = (1 << (mixed >> 46 & 63)) | (1 << (mixed >> 52 & 63)) | (1 << (mixed >> 58));
        (word, bits)
    }

    /// The ids under `key`, in increasing order.
    pub fn get(&self, key: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let key = hash(key);
        let absent = self.filter.is_empty() || {
            let (word, bits) = self.filter_bits(key);
            self.filter[word] & bits != bits
        };
        let in_bucket = match self.starts.get(self.bucket(key)..=self.bucket(key) + 1) {
            Some(&[start, end]) if !absent => &self.pairs[start as usize..end as usize],
            _ => &[],
        };
        in_bucket
            .iter()
            .skip_while(move |(k, _)| *k < key)
            .take_while(move |(k, _)| *k == key)
            .map(|&(_, id)| id)
    }

    fn bucket(&self, hash: u64) -> usize {
        // Before sealing there are no bits: everything is bucket 0.
        hash.checked_shr(64 - self.bucket_bits).unwrap_or(0) as usize
    }
}

/// The key's hash, its bits mixed up to the top ones that pick a bucket
/// (multiplying by an odd constant loses nothing).
fn hash(key: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key);
    hasher.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_under_a_key_once() {
        let mut postings = Postings::default();
        postings.add(b"HIKVISION", 3);
        postings.add(b"HIKVISION", 1);
        postings.add(b"HIKVISION", 3);
        postings.add(b"BOE", 2);
        postings.seal();
        assert_eq!(postings.get(b"HIKVISION").collect::<Vec<_>>(), [1, 3]);
        assert_eq!(postings.get(b"BOE").collect::<Vec<_>>(), [2]);
        assert_eq!(postings.get(b"ZTE").count(), 0);
        assert_eq!(Postings::default().get(b"BOE").count(), 0, "unsealed");
    }

    #[test]
    fn finds_every_key_of_a_large_index() {
        let mut postings = Postings::default();
        for id in 0..50_000u32 {
            postings.add(format!("WORD{id}").as_bytes(), id);
            postings.add(format!("WORD{id}").as_bytes(), id + 1_000_000);
        }
        postings.seal();
        for id in (0..50_000u32).step_by(7) {
            let found: Vec<u32> = postings.get(format!("WORD{id}").as_bytes()).collect();
            assert_eq!(found, [id, id + 1_000_000]);
        }
        assert_eq!(postings.get(b"WORD50000").count(), 0);
    }
}
