//! The name index: every alias of every entity, normalised and weighted once,
//! with postings that find the few aliases worth comparing with a holding.
//!
//! Word weights are inverse document frequencies over the loaded list, so a
//! word many entities share (`AVIC`, `AEROSPACE`) weighs less than one only a
//! single entity has (`HIKVISION`); words in the generic table are capped low
//! whatever the list says. A holding word the list does not know weighs 1.
//!
//! Candidates come from shared distinctive words (exactly, within one or two
//! letters, or as the cut-off start of a word), from the whole normalised name
//! or its compact form, and, for aliases made of generic words only, from
//! their first two words. Scoring then touches a handful of aliases per
//! holding, whatever the size of the list.

use std::collections::HashMap;

use super::normalize::{NormalizedName, normalize};
use super::score::{Token, TokenClass};
use super::tables::sets;

/// Words below this weight are generic even if not in the generic table.
pub const DISTINCTIVE_MIN_WEIGHT: f32 = 0.30;
/// The weight of structural words (`GROUP`, `HOLDINGS`).
const STRUCTURAL_WEIGHT: f32 = 0.10;
/// The most a word in the generic table can weigh.
const GENERIC_MAX_WEIGHT: f32 = 0.15;
/// Words that describe how a company is organised, not which company it is.
const STRUCTURAL_WORDS: &[&str] = &[
    "GROUP",
    "HOLDINGS",
    "COMPANY",
    "CORPORATION",
    "控股",
    "集团",
];
/// Shortest word that may be matched within a letter or two.
const FUZZY_MIN_LEN: usize = 6;

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
    document_frequency: HashMap<String, u32>,
    documents: u32,
}

impl Weights {
    /// Weighs `text` (already normalised) as a holding or alias word.
    pub fn token(&self, text: &str) -> Token {
        let (weight, class) = self.classify(text);
        Token {
            text: text.to_string(),
            weight,
            class,
        }
    }

    fn classify(&self, text: &str) -> (f32, TokenClass) {
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
        let idf = self.idf(text);
        if sets::GENERIC_WORDS.contains(text) {
            return (idf.min(GENERIC_MAX_WEIGHT), TokenClass::Generic);
        }
        if idf < DISTINCTIVE_MIN_WEIGHT {
            (idf, TokenClass::Generic)
        } else {
            (idf, TokenClass::Distinctive)
        }
    }

    /// Inverse document frequency scaled to 0..1: 1 for a word no entity has.
    fn idf(&self, text: &str) -> f32 {
        let df = self.document_frequency.get(text).copied().unwrap_or(0) as f32;
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
    by_display: HashMap<String, Vec<u32>>,
    by_compact: HashMap<String, Vec<u32>>,
    by_word: HashMap<String, Vec<u32>>,
    by_lead: HashMap<String, Vec<u32>>,
    /// Distinctive words and each single-letter deletion of them, pointing at
    /// the words (for spelling variants).
    by_deletion: HashMap<String, Vec<String>>,
    /// Distinctive words, sorted, for words cut short by the file.
    vocabulary: Vec<String>,
    /// Per target: the structural words (`GROUP`, `HOLDINGS`) in its names.
    own_structural: Vec<Vec<String>>,
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

impl NameIndex {
    /// Builds the index; `names` lists every name and alias of every target.
    pub fn build<'a>(names: impl IntoIterator<Item = NameSource<'a>>, targets: usize) -> NameIndex {
        let normalised: Vec<(NameSource<'a>, NormalizedName)> = names
            .into_iter()
            .map(|n| (normalize(n.printed), n))
            .filter(|(nn, _)| !nn.is_empty())
            .map(|(nn, n)| (n, nn))
            .collect();

        let mut per_target: Vec<Vec<&str>> = vec![Vec::new(); targets];
        for (source, name) in &normalised {
            per_target[source.target].extend(name.tokens.iter().map(String::as_str));
        }
        let mut weights = Weights {
            document_frequency: HashMap::new(),
            documents: targets as u32,
        };
        for words in &mut per_target {
            words.sort_unstable();
            words.dedup();
            for word in words.iter() {
                *weights
                    .document_frequency
                    .entry((*word).to_string())
                    .or_default() += 1;
            }
        }

        let mut index = NameIndex {
            weights,
            own_structural: vec![Vec::new(); targets],
            ..NameIndex::default()
        };
        let mut printed_tokens: Vec<Vec<String>> = vec![Vec::new(); targets];
        for (source, name) in &normalised {
            if source.is_name {
                printed_tokens[source.target] = name.tokens.clone();
            }
            for token in &name.tokens {
                let own = &mut index.own_structural[source.target];
                if index.weights.token(token).class == TokenClass::Structural
                    && !own.contains(token)
                {
                    own.push(token.clone());
                }
            }
        }
        let mut seen: HashMap<(usize, String), ()> = HashMap::new();
        for (source, name) in normalised {
            let display = name.display();
            if seen.insert((source.target, display.clone()), ()).is_some() && !source.is_name {
                continue;
            }
            let tokens: Vec<Token> = name.tokens.iter().map(|t| index.weights.token(t)).collect();
            let compact = name.compact();
            let acronym = !source.is_name && is_short_form(&compact);
            let printed = &printed_tokens[source.target];
            let partial = !source.is_name
                && name.tokens.iter().all(|t| printed.contains(t))
                && printed.iter().any(|t| {
                    !name.tokens.contains(t)
                        && index.weights.token(t).class == TokenClass::Distinctive
                });
            let id = index.aliases.len() as u32;
            index.by_display.entry(display).or_default().push(id);
            index
                .by_compact
                .entry(compact.clone())
                .or_default()
                .push(id);
            let distinctive: Vec<&Token> = tokens
                .iter()
                .filter(|t| t.class == TokenClass::Distinctive)
                .collect();
            if !acronym {
                for token in &distinctive {
                    let postings = index.by_word.entry(token.text.clone()).or_default();
                    if postings.last() != Some(&id) {
                        postings.push(id);
                    }
                }
                if distinctive.is_empty() && name.tokens.len() >= 2 {
                    index
                        .by_lead
                        .entry(lead(&name.tokens))
                        .or_default()
                        .push(id);
                }
            }
            index.aliases.push(AliasEntry {
                target: source.target,
                printed: source.printed.to_string(),
                tokens,
                compact,
                acronym,
                is_name: source.is_name,
                partial,
            });
        }

        let mut vocabulary: Vec<String> = index.by_word.keys().cloned().collect();
        vocabulary.sort_unstable();
        for word in &vocabulary {
            if word.len() >= FUZZY_MIN_LEN && word.bytes().all(|b| b.is_ascii_uppercase()) {
                for variant in std::iter::once(word.clone()).chain(deletions(word)) {
                    index
                        .by_deletion
                        .entry(variant)
                        .or_default()
                        .push(word.clone());
                }
            }
        }
        index.vocabulary = vocabulary;
        index
    }

    /// The structural words a target uses in its names.
    pub fn own_structural(&self, target: usize) -> &[String] {
        &self.own_structural[target]
    }

    /// Weighs a holding's words with this list's weights.
    pub fn weigh(&self, name: &NormalizedName) -> Vec<Token> {
        name.tokens.iter().map(|t| self.weights.token(t)).collect()
    }

    /// The aliases worth comparing with a holding, without duplicates.
    pub fn candidates(&self, name: &NormalizedName, tokens: &[Token]) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        let mut add = |ids: Option<&Vec<u32>>| {
            if let Some(ids) = ids {
                found.extend_from_slice(ids);
            }
        };
        add(self.by_display.get(&name.display()));
        add(self.by_compact.get(&name.compact()));
        if name.tokens.len() >= 2 {
            add(self.by_lead.get(&lead(&name.tokens)));
        }
        let last = tokens
            .iter()
            .rposition(|t| t.class != TokenClass::Ignorable);
        for (i, token) in tokens.iter().enumerate() {
            if token.class == TokenClass::Ignorable {
                continue;
            }
            add(self.by_word.get(&token.text));
            let letters = token.text.bytes().all(|b| b.is_ascii_uppercase());
            if letters && token.text.len() >= FUZZY_MIN_LEN {
                for variant in std::iter::once(token.text.clone()).chain(deletions(&token.text)) {
                    if let Some(words) = self.by_deletion.get(&variant) {
                        for word in words {
                            add(self.by_word.get(word));
                        }
                    }
                }
            }
            if name.cut_short && Some(i) == last && letters && token.text.len() >= 3 {
                let start = self
                    .vocabulary
                    .partition_point(|w| w.as_str() < token.text.as_str());
                for word in self.vocabulary[start..]
                    .iter()
                    .take_while(|w| w.starts_with(token.text.as_str()))
                {
                    add(self.by_word.get(word));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The first two words: the key for aliases made of generic words only.
fn lead(tokens: &[String]) -> String {
    format!("{} {}", tokens[0], tokens[1])
}

/// Every string made by deleting one letter.
fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    (0..word.len()).map(move |i| {
        let mut variant = String::with_capacity(word.len() - 1);
        variant.push_str(&word[..i]);
        variant.push_str(&word[i + 1..]);
        variant
    })
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

    fn index(names: &[(usize, &'static str, bool)]) -> NameIndex {
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
        let found = |holding: &str| {
            let name = normalize(holding);
            let tokens = idx.weigh(&name);
            idx.candidates(&name, &tokens)
                .into_iter()
                .map(|i| idx.aliases[i as usize].target)
                .collect::<Vec<_>>()
        };
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
    fn short_forms() {
        for short in ["BYD", "CATL", "SSEA", "SUGON", "XIAOMI"] {
            assert!(is_short_form(short), "{short}");
        }
        for long in ["ALIBABA", "NORINCOGROUP", "中国移动"] {
            assert!(!is_short_form(long), "{long}");
        }
    }
}
