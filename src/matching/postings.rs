//! Postings keyed by the hash of a string: which aliases (or words) a
//! normalised name, a compact name or a spelling points at.
//!
//! The pairs (key hash, id) sit in one sorted vector, twelve bytes each
//! plus padding, instead of a map of owned strings to vectors: a list of a
//! hundred thousand names indexes in a few megabytes. Postings only find
//! candidates for scoring, so the rare hash collision adds a candidate that
//! scoring then rejects; it never decides anything.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// A many-to-many map from strings (by hash) to ids.
#[derive(Debug, Default)]
pub struct Postings {
    pairs: Vec<(u64, u32)>,
}

impl Postings {
    /// Adds `id` under `key` (call [`Postings::seal`] before looking up).
    pub fn add(&mut self, key: &[u8], id: u32) {
        self.pairs.push((hash(key), id));
    }

    /// Sorts the pairs and drops repeats; after this, lookups work.
    pub fn seal(&mut self) {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        self.pairs.shrink_to_fit();
    }

    /// The ids under `key`, in increasing order.
    pub fn get(&self, key: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let key = hash(key);
        let start = self.pairs.partition_point(|&(k, _)| k < key);
        self.pairs[start..]
            .iter()
            .take_while(move |(k, _)| *k == key)
            .map(|&(_, id)| id)
    }
}

fn hash(key: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key);
    hasher.finish()
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
    }
}
