//! The name index: every alias of every entity, normalised and weighted once,
//! with postings that find the few aliases worth comparing with a holding.
//!
//! Word weights are inverse document frequencies over the loaded list, so a
//! word many entities share (`AVIC`, `AEROSPACE`) weighs less than one only a
//! single entity has (`HIKVISION`); words in the generic table are capped low
//! whatever the list says. A holding word the list does not know weighs 1.
//!
//! Candidates come from shared distinctive words (exactly, within one or two
//! letters, split or run together, or as the cut-off start of a word), from
//! the whole normalised name or its compact form, and, for aliases made of
//! generic words only, from their first two words. Those that cannot score
//! are ruled out before they are fetched: by the count of their distinctive
//! words reached (`coverage.rs`) and by their signature (`signature.rs`).
//! Scoring then touches a handful of aliases per holding, whatever the size
//! of the list.

use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::coverage::{Reached, is_counted};
use super::normalize::{NormalizedName, Word, normalize};
use super::postings::Postings;
use super::score::{
    SPELLING_LONGER_MIN_LEN, SPELLING_MIN_LEN, STRUCTURAL_WORDS, StructuralSet, Token, TokenClass,
    UNKNOWN_WORD, is_latin_capitals, words_alike,
};
use super::signature::{AliasSignature, HoldingSignature};
use super::tables::sets;

/// Words below this weight are generic even if not in the generic table.
pub const DISTINCTIVE_MIN_WEIGHT: f32 = 0.30;
/// A word more entities than this carry is generic whatever its weight: in
/// a list of tens of thousands of names, an industry word is rare in
/// proportion but still names hundreds of companies, none in particular.
/// (On the shipped lists no distinctive word comes near: `AVIC`, the most
/// shared, is in a dozen entities.)
const GENERIC_MIN_ENTITIES: u32 = 50;
/// The weight of structural words (`GROUP`, `HOLDINGS`).
const STRUCTURAL_WEIGHT: f32 = 0.10;
/// The most a word in the generic table can weigh.
const GENERIC_MAX_WEIGHT: f32 = 0.15;
/// The vocabulary position of a word that is not distinctive.
const NOT_DISTINCTIVE: u32 = u32::MAX;
/// Shortest last word of a name cut short that finds the words it may be
/// the start of.
const CUT_MIN_LEN: usize = 3;

/// One alias of one entity, ready to compare.
#[derive(Clone, Debug)]
pub struct AliasEntry {
    /// Index of the entity in the matcher's targets.
    pub target: usize,
    /// The alias as the list prints it.
    pub printed: String,
    /// Weighted words.
    pub tokens: Vec<Token>,
    /// The words joined without spaces.
    pub compact: String,
    /// The structural words the entity uses in any of its names: another
    /// one in a holding's name makes another company.
    pub own_structural: StructuralSet,
    /// A short form (`BYD`, `CATL`, `S-SEA`): matches only as the whole name.
    pub acronym: bool,
    /// The entity's printed name (not an alias).
    pub is_name: bool,
    /// A short form that leaves out a distinctive word of the printed name
    /// (`SinoTrans` for `Sinotrans & CSC Holdings`): a holding named so may
    /// be another company of the brand, so it is reviewed, not matched.
    pub partial: bool,
}

/// Weights of the words of one list.
#[derive(Debug, Default)]
pub struct Weights {
    /// Weight, class and number of every word of the list, worked out
    /// once.
    known: FxHashMap<Box<str>, (f32, TokenClass, u32)>,
    documents: u32,
}

impl Weights {
    /// Weighs the words of a list's names by how many of its `targets`
    /// use each; `groups` holds each target's names as positions in
    /// `names`.
    fn of(
        names: &[(NameSource<'_>, NormalizedName)],
        groups: &[&[usize]],
        targets: usize,
    ) -> Weights {
        // Each target's distinct words.
        let per_target: Vec<Vec<&str>> = groups
            .par_iter()
            .map(|group| {
                let mut words: Vec<&str> = group
                    .iter()
                    .flat_map(|&i| names[i].1.tokens.iter().map(Word::as_str))
                    .collect();
                words.sort_unstable();
                words.dedup();
                words
            })
            .collect();
        // Words are split in two halves by hash, counted on two cores.
        let count = |half: u64| {
            let mut document_frequency: FxHashMap<&str, u32> = FxHashMap::default();
            for word in per_target.iter().flatten() {
                if Postings::hash(word.as_bytes()) >> 63 == half {
                    *document_frequency.entry(word).or_default() += 1;
                }
            }
            document_frequency
        };
        let (lower, upper) = rayon::join(|| count(0), || count(1));
        Weights::new(lower.into_iter().chain(upper).collect(), targets as u32)
    }

    /// Weighs the words of a list from how many entities use each
    /// (numbered in the order given).
    fn new(document_frequency: Vec<(&str, u32)>, documents: u32) -> Weights {
        let mut weights = Weights {
            known: FxHashMap::default(),
            documents,
        };
        let weighed: Vec<(f32, TokenClass)> = document_frequency
            .par_iter()
            .map(|&(word, df)| weights.classify(word, df))
            .collect();
        weights.known.reserve(document_frequency.len());
        for (number, ((word, _), (weight, class))) in
            document_frequency.into_iter().zip(weighed).enumerate()
        {
            weights
                .known
                .insert(Box::from(word), (weight, class, number as u32));
        }
        weights
    }

    /// Weighs `text` (already normalised) as a holding or alias word.
    pub fn token(&self, text: &str) -> Token {
        let (weight, class, id) = self.weigh(text);
        Token {
            text: Word::from(text),
            weight,
            class,
            id,
        }
    }

    /// How `text` is treated, without building a token.
    pub fn class_of(&self, text: &str) -> TokenClass {
        self.weigh(text).1
    }

    /// The number of a word of the list (see [`Token::id`]).
    fn number(&self, text: &str) -> Option<u32> {
        self.known.get(text).map(|&(_, _, number)| number)
    }

    fn weigh(&self, text: &str) -> (f32, TokenClass, u32) {
        match self.known.get(text) {
            Some(&weighed) => weighed,
            None => {
                let (weight, class) = self.classify(text, 0);
                (weight, class, UNKNOWN_WORD)
            }
        }
    }

    /// The weight and class of a word `df` entities of the list use.
    fn classify(&self, text: &str, df: u32) -> (f32, TokenClass) {
        let is_ascii_single = text.len() == 1 && text.is_ascii();
        if is_ascii_single
            || sets::LEGAL_FORMS.contains(text)
            || sets::SHARE_LINE_NOISE.contains(text)
            || sets::STOPWORDS.contains(text)
        {
            return (0.0, TokenClass::Ignorable);
        }
        if STRUCTURAL_WORDS.contains(&text) {
            return (STRUCTURAL_WEIGHT, TokenClass::Structural);
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return (GENERIC_MAX_WEIGHT, TokenClass::Generic);
        }
        let idf = self.idf(df);
        if sets::GENERIC_WORDS.contains(text) || df > GENERIC_MIN_ENTITIES {
            return (idf.min(GENERIC_MAX_WEIGHT), TokenClass::Generic);
        }
        if idf < DISTINCTIVE_MIN_WEIGHT {
            (idf, TokenClass::Generic)
        } else {
            (idf, TokenClass::Distinctive)
        }
    }

    /// Inverse document frequency scaled to 0..1: 1 for a word no entity has.
    fn idf(&self, df: u32) -> f32 {
        let df = df as f32;
        let n = self.documents as f32 + 1.0;
        ((n / (df + 0.5)).ln() / (n / 0.5).ln()).clamp(0.0, 1.0)
    }
}

/// The aliases of all targets and the postings to find them.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Every alias, in target order.
    pub aliases: Vec<AliasEntry>,
    weights: Weights,
    /// The postings that find an alias from a holding's whole name.
    whole: WholeNames,
    /// Per alias: how many distinct distinctive words a holding not cut
    /// short must match (see `coverage.rs`).
    required: Vec<u8>,
    /// The postings that find an alias from one of its words.
    words: Words,
}

/// Postings that find an alias from a holding's name as a whole, or from
/// two of its words run together.
#[derive(Debug, Default)]
struct WholeNames {
    /// Aliases by their normalised words, joined with spaces.
    display: Postings,
    /// Aliases by their normalised words, joined without spaces.
    compact: Postings,
    /// Aliases of generic words only, by their first two words.
    lead: Postings,
    /// Aliases by two adjacent words run together, the first not ignorable
    /// (`HIKVISION DIGITAL` -> `HIKVISIONDIGITAL`): every pair a holding
    /// word can match as one (see `signature.rs`).
    joined: Postings,
}

/// The distinctive words of the aliases, and the aliases that carry each.
#[derive(Debug, Default)]
struct Words {
    /// Distinctive words, sorted (words cut short by the file find the
    /// words they start by binary search).
    vocabulary: Vec<Box<str>>,
    /// Positions in `vocabulary` by word number (see [`Token::id`]), or
    /// `NOT_DISTINCTIVE`.
    position_of_word: Vec<u32>,
    /// The aliases that carry each word of `vocabulary`, each with its
    /// signature (see `signature.rs`): read along with the alias's number,
    /// it rules the alias out without a trip to memory.
    postings: Vec<Vec<(u32, AliasSignature)>>,
    /// Positions in `vocabulary` by spelling: each long word and the
    /// deletions of one letter that can matter (see `for_each_spelling`).
    spellings: Postings,
    /// The words of `vocabulary` spelt like each holding word looked up so
    /// far (see [`Words::spelt_alike`]).
    spelt: Mutex<FxHashMap<Box<str>, Box<[u32]>>>,
}

impl WholeNames {
    /// Files every alias under its whole-name keys.
    fn file(keys: &[AliasKeys]) -> WholeNames {
        let mut whole = WholeNames::default();
        for (id, keys) in keys.iter().enumerate() {
            let id = id as u32;
            whole.display.add_hashed(keys.display, id);
            whole.compact.add_hashed(keys.compact, id);
            if let Some(lead) = keys.lead {
                whole.lead.add_hashed(lead, id);
            }
            for &joined in &keys.joined {
                whole.joined.add_hashed(joined, id);
            }
        }
        whole.display.seal();
        whole.compact.seal();
        whole.lead.seal();
        whole.joined.seal();
        whole
    }
}

/// Holding words whose spelling variants are remembered; beyond, they
/// are looked up each time (it bounds memory on files of many different
/// names).
const SPELT_REMEMBERED: usize = 200_000;

impl Words {
    /// The positions in `vocabulary` of the words spelt like `word` (itself
    /// included when it is there), in `alike`. A holding word repeats
    /// across a file's names (`HOLDINGS`, `TECHNOLOGY`): its spellings are
    /// looked up once and remembered.
    fn spelt_alike(&self, word: &str, buffer: &mut Vec<u8>, alike: &mut Vec<u32>) {
        alike.clear();
        let remembered = self.spelt.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = remembered.get(word) {
            alike.extend_from_slice(known);
            return;
        }
        drop(remembered);
        for_each_spelling(word, buffer, |spelling| {
            for position in self.spellings.get(spelling) {
                // Sharing a deletion is not enough (`TERMIN` and `HERMIN`
                // share `ERMIN`): the words must match. A word shares
                // every deletion with itself and a variant may share
                // several: each is listed once.
                if !alike.contains(&position)
                    && words_alike(word, &self.vocabulary[position as usize])
                {
                    alike.push(position);
                }
            }
        });
        let mut remembered = self.spelt.lock().unwrap_or_else(|e| e.into_inner());
        if remembered.len() < SPELT_REMEMBERED {
            remembered.insert(Box::from(word), Box::from(alike.as_slice()));
        }
    }

    /// Files every alias (but short forms) under its distinctive words;
    /// `numbers` is how many words the list's weights number.
    fn file(aliases: &[AliasEntry], keys: &[AliasKeys], numbers: usize) -> Words {
        // (word number, alias) for every distinctive word, and each
        // number's word.
        let mut word_aliases: Vec<(u32, u32)> = Vec::new();
        let mut text: Vec<&str> = vec![""; numbers];
        for (id, alias) in aliases.iter().enumerate() {
            if alias.acronym {
                continue;
            }
            for token in &alias.tokens {
                if token.class == TokenClass::Distinctive {
                    word_aliases.push((token.id, id as u32));
                    text[token.id as usize] = &token.text;
                }
            }
        }
        word_aliases.par_sort_unstable();
        word_aliases.dedup();
        let groups: Vec<&[(u32, u32)]> = word_aliases.chunk_by(|a, b| a.0 == b.0).collect();
        // The words in the order of their text, each with its group.
        let mut by_text: Vec<(&str, u32, usize)> = groups
            .iter()
            .enumerate()
            .map(|(g, group)| (text[group[0].0 as usize], group[0].0, g))
            .collect();
        by_text.par_sort_unstable();
        let mut words = Words {
            position_of_word: vec![NOT_DISTINCTIVE; numbers],
            ..Words::default()
        };
        for (position, &(word, number, _)) in by_text.iter().enumerate() {
            words.position_of_word[number as usize] = position as u32;
            words.vocabulary.push(Box::from(word));
        }
        words.postings = by_text
            .par_iter()
            .map(|&(_, _, g)| {
                groups[g]
                    .iter()
                    .map(|&(_, id)| (id, keys[id as usize].signature))
                    .collect()
            })
            .collect();
        words.spellings = Postings::par_build(words.vocabulary.len(), |position, add| {
            let word = &words.vocabulary[position];
            if is_spelt_fuzzily(word) {
                for_each_spelling(word, &mut Vec::new(), add);
            }
        });
        words
    }
}

/// One name of one target, before weighting.
pub struct NameSource<'a> {
    /// Index of the target.
    pub target: usize,
    /// As printed.
    pub printed: &'a str,
    /// The entity's printed name rather than an alias.
    pub is_name: bool,
}

/// What the names of one target share, and which of them become aliases.
struct TargetNames {
    /// The structural words of all its names.
    own_structural: StructuralSet,
    /// Its printed name, as a position in the normalised names.
    printed: Option<usize>,
    /// Its names that become aliases: the first of each distinct normalised
    /// form, and the printed name always.
    kept: Vec<usize>,
}

impl TargetNames {
    /// `group` holds the positions of one target's names in `normalised`
    /// (and `displays`), in input order.
    fn of(
        group: &[usize],
        normalised: &[(NameSource<'_>, NormalizedName)],
        displays: &[String],
    ) -> TargetNames {
        let mut names = TargetNames {
            own_structural: StructuralSet::default(),
            printed: None,
            kept: Vec::new(),
        };
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for &i in group {
            let (source, name) = &normalised[i];
            if source.is_name {
                names.printed = Some(i);
            }
            let words = StructuralSet::of(name.tokens.iter().map(Word::as_str));
            names.own_structural = names.own_structural.union(words);
            if seen.insert(displays[i].as_str()) || source.is_name {
                names.kept.push(i);
            }
        }
        names
    }
}

impl NameIndex {
    /// Builds the index; `names` lists every name and alias of every target.
    /// Every step runs on both cores: per name (normalising, weighing), per
    /// target (its distinct words and names), or the two kinds of postings
    /// side by side.
    pub fn build<'a>(names: impl IntoIterator<Item = NameSource<'a>>, targets: usize) -> NameIndex {
        let names: Vec<NameSource<'a>> = names.into_iter().collect();
        let normalised: Vec<(NameSource<'a>, NormalizedName)> = names
            .into_par_iter()
            .map(|n| {
                let normalised = normalize(n.printed);
                (n, normalised)
            })
            .filter(|(_, nn)| !nn.is_empty())
            .collect();
        // Each target's names, as positions in `normalised`, in input order
        // (the sort is stable).
        let mut order: Vec<usize> = (0..normalised.len()).collect();
        order.par_sort_by_key(|&i| normalised[i].0.target);
        let groups: Vec<&[usize]> = order
            .chunk_by(|&a, &b| normalised[a].0.target == normalised[b].0.target)
            .collect();
        let weights = Weights::of(&normalised, &groups, targets);

        // One alias per distinct normalised name of a target (the printed
        // name always), and what a target's names share.
        let displays: Vec<String> = normalised
            .par_iter()
            .map(|(_, name)| name.display())
            .collect();
        let shared: Vec<TargetNames> = groups
            .par_iter()
            .map(|group| TargetNames::of(group, &normalised, &displays))
            .collect();
        let mut own_structural = vec![StructuralSet::default(); targets];
        // The printed name of each target, as a position in `normalised`.
        let mut printed_name: Vec<Option<usize>> = vec![None; targets];
        let mut kept: Vec<usize> = Vec::with_capacity(normalised.len());
        for (group, names) in groups.iter().zip(shared) {
            let target = normalised[group[0]].0.target;
            own_structural[target] = names.own_structural;
            printed_name[target] = names.printed;
            kept.extend(names.kept);
        }
        // Aliases are numbered in input order.
        kept.par_sort_unstable();
        let (mut aliases, keys): (Vec<AliasEntry>, Vec<AliasKeys>) = kept
            .par_iter()
            .map(|&i| {
                let (source, name) = &normalised[i];
                let printed = printed_name[source.target]
                    .map_or(&[][..], |position| normalised[position].1.tokens.as_slice());
                prepare(
                    source,
                    name,
                    &displays[i],
                    printed,
                    own_structural[source.target],
                    &weights,
                )
            })
            .unzip();

        // The two kinds of postings are filed at once, on a core each; the
        // names as normalised are freed meanwhile, and their memory reused.
        let (whole, words) = rayon::join(
            || {
                drop(displays);
                drop(order);
                drop(normalised);
                WholeNames::file(&keys)
            },
            || Words::file(&aliases, &keys, weights.known.len()),
        );
        aliases.shrink_to_fit();
        NameIndex {
            aliases,
            weights,
            whole,
            required: keys.iter().map(|keys| keys.required).collect(),
            words,
        }
    }

    /// Weighs a holding's words with this list's weights.
    pub fn weigh(&self, name: &NormalizedName) -> Vec<Token> {
        name.tokens.iter().map(|t| self.weights.token(t)).collect()
    }

    /// The aliases worth comparing with a holding, without duplicates, in
    /// increasing order: those its words reach whose distinctive words it
    /// may all match (see `coverage.rs`; for a name cut short, which may
    /// be the start of an alias, any), and whose signature says they may
    /// score (see `signature.rs`).
    pub fn candidates(&self, name: &NormalizedName, tokens: &[Token]) -> Vec<u32> {
        if name.tokens.iter().any(Word::is_empty) {
            return self.reachable(name, tokens);
        }
        let holding = HoldingSignature::of(tokens);
        let reached = self.reach(name, tokens, Some(&holding));
        if name.cut_short {
            reached.all()
        } else {
            reached.covered(&self.required)
        }
    }

    /// Every alias a holding's words reach, whatever it covers or its
    /// signature says (for checks of what [`NameIndex::candidates`] rules
    /// out).
    pub fn reachable(&self, name: &NormalizedName, tokens: &[Token]) -> Vec<u32> {
        self.reach(name, tokens, None).all()
    }

    /// The aliases a holding's words reach; with a `holding` signature, only
    /// those whose signature lets them through (or reached as a whole).
    fn reach(
        &self,
        name: &NormalizedName,
        tokens: &[Token],
        holding: Option<&HoldingSignature>,
    ) -> Reached {
        let mut reached = Reached::default();
        let mut buffer = Vec::new();
        let mut alike: Vec<u32> = Vec::new();
        reached.whole(self.whole.display.get(name.display().as_bytes()));
        reached.whole(self.whole.compact.get(name.compact().as_bytes()));
        if name.tokens.len() >= 2 {
            reached.whole(self.whole.lead.get(lead(&name.tokens).as_bytes()));
        }
        // The vocabulary position of a distinctive word, by its number.
        let position = |number: u32| {
            let word = *self.words.position_of_word.get(number as usize)?;
            (word != NOT_DISTINCTIVE).then_some(word as usize)
        };
        let by_word = |reached: &mut Reached, word: usize| {
            let counted = is_counted(&self.words.vocabulary[word]);
            let aliases = self.words.postings[word]
                .iter()
                .filter(|(_, signature)| holding.is_none_or(|h| signature.may_score(h)))
                .map(|&(alias, _)| alias);
            reached.word(word as u32, counted, aliases);
        };
        let last = tokens
            .iter()
            .rposition(|t| t.class != TokenClass::Ignorable);
        for (i, token) in tokens.iter().enumerate() {
            let text = token.text.as_str();
            // An alias word and the next one run together (any holding word).
            reached.whole(self.whole.joined.get(text.as_bytes()));
            // A holding word and the next one make an alias word.
            if let Some(next) = tokens.get(i + 1) {
                buffer.clear();
                buffer.extend_from_slice(text.as_bytes());
                buffer.extend_from_slice(next.text.as_bytes());
                if let Ok(joined) = std::str::from_utf8(&buffer)
                    && let Some(word) = self.weights.number(joined).and_then(position)
                {
                    by_word(&mut reached, word);
                }
            }
            if token.class == TokenClass::Ignorable {
                continue;
            }
            let exact = position(token.id);
            if let Some(word) = exact {
                by_word(&mut reached, word);
            }
            if is_spelt_fuzzily(text) {
                self.words.spelt_alike(text, &mut buffer, &mut alike);
                for &word in &alike {
                    if Some(word as usize) != exact {
                        by_word(&mut reached, word as usize);
                    }
                }
            }
            if name.cut_short
                && Some(i) == last
                && is_latin_capitals(text)
                && text.len() >= CUT_MIN_LEN
            {
                let start = self.words.vocabulary.partition_point(|w| w.as_ref() < text);
                let cut_from = self.words.vocabulary[start..]
                    .iter()
                    .take_while(|w| w.starts_with(text))
                    .count();
                for word in start..start + cut_from {
                    by_word(&mut reached, word);
                }
            }
        }
        reached
    }
}

/// What places an alias in the postings besides its words, worked out
/// with the alias (on any thread): the hashes of its keys.
struct AliasKeys {
    /// See [`NameIndex::required`].
    required: u8,
    /// Kept beside the alias in its words' postings (see `signature.rs`).
    signature: AliasSignature,
    /// Its words joined with spaces, and without.
    display: u64,
    compact: u64,
    /// Its first two words (for aliases of generic words only).
    lead: Option<u64>,
    /// Adjacent words run together (see [`WholeNames::joined`]).
    joined: Vec<u64>,
}

/// Weighs one alias and works out its keys; `printed` holds the words of
/// the target's printed name, `own_structural` the structural words of all
/// its names.
fn prepare(
    source: &NameSource<'_>,
    name: &NormalizedName,
    display: &str,
    printed: &[Word],
    own_structural: StructuralSet,
    weights: &Weights,
) -> (AliasEntry, AliasKeys) {
    let tokens: Vec<Token> = name.tokens.iter().map(|t| weights.token(t)).collect();
    let compact = name.compact();
    let acronym = !source.is_name && is_short_form(&compact);
    let partial = !source.is_name
        && name.tokens.iter().all(|t| printed.contains(t))
        && printed
            .iter()
            .any(|t| !name.tokens.contains(t) && weights.class_of(t) == TokenClass::Distinctive);
    let mut required: Vec<&str> = Vec::new();
    let mut joined = Vec::new();
    let mut lead_key = None;
    if !acronym {
        for (token, word) in tokens.iter().zip(&name.tokens) {
            if token.class == TokenClass::Distinctive
                && is_counted(word)
                && !required.contains(&word.as_str())
            {
                required.push(word);
            }
        }
        let distinctive = tokens.iter().any(|t| t.class == TokenClass::Distinctive);
        if !distinctive && name.tokens.len() >= 2 {
            lead_key = Some(Postings::hash(lead(&name.tokens).as_bytes()));
        }
        for (pair, words) in tokens.windows(2).zip(name.tokens.windows(2)) {
            if pair[0].class != TokenClass::Ignorable {
                joined.push(Postings::hash(words.concat().as_bytes()));
            }
        }
    }
    let keys = AliasKeys {
        required: u8::try_from(required.len()).unwrap_or(u8::MAX),
        signature: AliasSignature::of(&tokens),
        display: Postings::hash(display.as_bytes()),
        compact: Postings::hash(compact.as_bytes()),
        lead: lead_key,
        joined,
    };
    let entry = AliasEntry {
        target: source.target,
        printed: source.printed.to_string(),
        tokens,
        compact,
        own_structural,
        acronym,
        is_name: source.is_name,
        partial,
    };
    (entry, keys)
}

/// The first two words: the key for aliases made of generic words only.
fn lead(tokens: &[Word]) -> String {
    format!("{} {}", tokens[0], tokens[1])
}

/// Words long enough, and in Latin capitals, to be matched within a
/// letter or two.
fn is_spelt_fuzzily(word: &str) -> bool {
    word.len() >= SPELLING_MIN_LEN && is_latin_capitals(word)
}

/// Hands `visit` `word` and every string made by deleting one letter of it
/// but the first, building each in `buffer`. Two words within one letter
/// of each other that start alike (as spelling variants must) share one of
/// them: where a deletion of the first letter would do, so does one of the
/// second (`AABC` / `ABC`). A word of the shortest length spelt alike has
/// variants only one letter longer, which its own spelling finds: it gets
/// no deletions.
fn for_each_spelling(word: &str, buffer: &mut Vec<u8>, mut visit: impl FnMut(&[u8])) {
    let bytes = word.as_bytes();
    visit(bytes);
    if bytes.len() < SPELLING_LONGER_MIN_LEN {
        return;
    }
    for i in 1..bytes.len() {
        buffer.clear();
        buffer.extend_from_slice(&bytes[..i]);
        buffer.extend_from_slice(&bytes[i + 1..]);
        visit(buffer);
    }
}

/// Aliases this short, in Latin letters, are acronyms or short forms
/// (`BYD`, `CATL`, `COSCO`, `S-SEA`, `Hesai`): inside a longer name they
/// are too likely to be another company's word, so they match only as the
/// whole name.
pub const SHORT_FORM_MAX_CHARS: usize = 6;

/// True for a normalised alias, without spaces, that is a short form.
pub fn is_short_form(compact: &str) -> bool {
    compact.is_ascii() && compact.len() <= SHORT_FORM_MAX_CHARS
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn index(names: &[(usize, &str, bool)]) -> NameIndex {
        let targets = names.iter().map(|n| n.0).max().map_or(0, |m| m + 1);
        NameIndex::build(
            names.iter().map(|&(target, printed, is_name)| NameSource {
                target,
                printed,
                is_name,
            }),
            targets,
        )
    }

    #[test]
    fn shared_words_weigh_less() {
        let idx = index(&[
            (0, "Hangzhou Hikvision Digital Technology Co., Ltd.", true),
            (1, "AVIC Heavy Machinery", true),
            (2, "AVIC Shenyang Aircraft", true),
            (3, "AVIC Chengdu Aircraft", true),
        ]);
        let w = |t: &str| idx.weights.token(t);
        assert!(w("HIKVISION").weight > w("AVIC").weight);
        assert_eq!(w("HIKVISION").class, TokenClass::Distinctive);
        assert_eq!(w("TECHNOLOGY").class, TokenClass::Generic);
        assert_eq!(w("GROUP").class, TokenClass::Structural);
        assert_eq!(w("LTD").class, TokenClass::Ignorable);
        assert_eq!(w("UNKNOWNWORD").weight, 1.0);
    }

    /// The targets of the candidates for a holding's name, in alias order.
    fn candidate_targets(idx: &NameIndex, holding: &str) -> Vec<usize> {
        let name = normalize(holding);
        let tokens = idx.weigh(&name);
        idx.candidates(&name, &tokens)
            .into_iter()
            .map(|i| idx.aliases[i as usize].target)
            .collect()
    }

    #[test]
    fn finds_candidates_by_every_route() {
        let idx = index(&[
            (0, "Hangzhou Hikvision Digital Technology Co., Ltd.", true),
            (
                1,
                "China State Construction Engineering Corporation Limited",
                true,
            ),
            (2, "BYD Company Limited", true),
            (2, "BYD", false),
        ]);
        let found = |holding: &str| candidate_targets(&idx, holding);
        assert_eq!(found("HIKVISION"), [0]);
        assert_eq!(found("HIKVISON DIGITAL"), [0], "spelling variant");
        assert_eq!(
            found("HANGZHOU HIK"),
            Vec::<usize>::new(),
            "too short to be cut"
        );
        assert_eq!(
            found("HANGZHOU DIGITAL TECHNOLOGY HIKVIS"),
            [0],
            "cut short"
        );
        assert_eq!(
            found("CHINA STATE CONSTRUCTION ENGINEERI"),
            [1],
            "generic words only"
        );
        assert_eq!(found("BYD CO LTD-H"), [2]);
        assert!(found("TOYOTA MOTOR").is_empty());
    }

    #[test]
    fn remembered_spellings_find_what_a_first_lookup_finds() {
        let idx = index(&[
            (0, "Hangzhou Hikvision Digital Technology Co., Ltd.", true),
            (1, "Hikvisions Trading Limited", true),
            (2, "Zhejiang Dahua Technology", true),
        ]);
        let remembered = || idx.words.spelt.lock().unwrap().len();
        assert_eq!(remembered(), 0);
        let first = candidate_targets(&idx, "HIKVISON DIGITAL");
        assert_eq!(first, [0]);
        let after_first = remembered();
        assert!(after_first >= 1, "HIKVISON and DIGITAL are long words");
        assert_eq!(candidate_targets(&idx, "HIKVISON DIGITAL"), first);
        assert_eq!(remembered(), after_first, "nothing new to remember");
        // A word remembered from another name finds the same words.
        assert_eq!(candidate_targets(&idx, "HIKVISON TRADING"), [0]);
        assert_eq!(candidate_targets(&idx, "HIKVISIONS TRADING"), [0, 1]);
    }

    #[test]
    fn words_spelt_alike_share_a_spelling() {
        // Every word one edit away from a few words of every length that
        // may be spelt alike: where the comparison accepts the pair, the
        // spellings (which skip some deletions) must still meet.
        let spellings = |word: &str| {
            let mut keys = std::collections::HashSet::new();
            for_each_spelling(word, &mut Vec::new(), |key| {
                keys.insert(key.to_vec());
            });
            keys
        };
        let mut checked = 0;
        for base in ["AABCDE", "LENTRA", "LUXVENN", "HIKVISION", "QQUARTZE"] {
            let bytes = base.as_bytes();
            let mut variants: Vec<Vec<u8>> = Vec::new();
            for i in 0..=bytes.len() {
                for letter in [b'A', b'E', b'Q', bytes[i.min(bytes.len() - 1)]] {
                    let mut inserted = bytes.to_vec();
                    inserted.insert(i, letter);
                    variants.push(inserted);
                    if i < bytes.len() {
                        let mut replaced = bytes.to_vec();
                        replaced[i] = letter;
                        variants.push(replaced);
                    }
                }
                if i < bytes.len() {
                    let mut deleted = bytes.to_vec();
                    deleted.remove(i);
                    variants.push(deleted);
                }
                if i + 1 < bytes.len() {
                    let mut swapped = bytes.to_vec();
                    swapped.swap(i, i + 1);
                    variants.push(swapped);
                }
            }
            for variant in variants {
                let variant = String::from_utf8(variant).unwrap();
                if variant == base || !words_alike(&variant, base) {
                    continue;
                }
                checked += 1;
                assert!(
                    !spellings(&variant).is_disjoint(&spellings(base)),
                    "{variant} and {base} share no spelling"
                );
            }
        }
        assert!(checked > 100, "only {checked} pairs checked");
    }

    #[test]
    fn finds_words_split_or_run_together() {
        let idx = index(&[
            (0, "Hangzhou Hikvision Digital Technology Co., Ltd.", true),
            (1, "Al Nisa Insurance Company", true),
        ]);
        let found = |holding: &str| candidate_targets(&idx, holding);
        assert_eq!(found("HIK VISION DIGITAL"), [0], "split in two");
        assert_eq!(found("ALNISA INSURANCE"), [1], "run together");
    }

    #[test]
    fn rules_out_aliases_whose_distinctive_words_are_not_all_there() {
        // Enough other entities for a word three of them share to stay
        // distinctive.
        let others: Vec<String> = (0..20).map(|n| format!("Other{n} Company")).collect();
        let mut names = vec![
            (0, "Lentra Luxven Industrial Co.", true),
            (1, "Lentra Vexora Group", true),
            (2, "Corvania Lentra", true),
            (3, "Lentra Luxven Industrial Zorbex Corporation", true),
        ];
        names.extend(
            others
                .iter()
                .enumerate()
                .map(|(n, o)| (n + 4, o.as_str(), true)),
        );
        let idx = index(&names);
        let found = |holding: &str| candidate_targets(&idx, holding);
        assert_eq!(found("LENTRA LUXVEN INDUSTRIAL"), [0]);
        assert_eq!(found("LENTRA VEXORRA GROUP"), [1], "spelt within a letter");
        // A name cut short needs none of the words it may have lost: it
        // may be the start of the longer name (3) as well as the shorter.
        // (Which others its signature lets through by chance depends on the
        // hash; `signature.rs` tests the rule itself.)
        let cut = found("LENTRA LUXVEN INDUSTRIAL LTD");
        assert!(cut.contains(&0) && cut.contains(&3), "{cut:?}");
        assert_eq!(found("LENTRA LUXVEN INDUSTRIAL"), [0], "not cut short");
    }

    #[test]
    fn short_forms() {
        for short in ["BYD", "CATL", "SSEA", "SUGON", "XIAOMI"] {
            assert!(is_short_form(short), "{short}");
        }
        for long in ["ALIBABA", "NORINCOGROUP", "中国移动"] {
            assert!(!is_short_form(long), "{long}");
        }
    }
}
