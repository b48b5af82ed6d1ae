//! The bodies of the fuzz targets, one function per target, each taking the
//! raw fuzz input. They live here rather than in `fuzz_targets/` so that
//! `tests/properties.rs` can replay the saved crash inputs in
//! `tests/fixtures/fuzz-regressions/` through exactly the same code on the
//! stable compiler (`#[path]`-included there; this file must depend on
//! nothing but `redlist`, `chrono`, `csv` and `anyhow`).
//!
//! A target panics (an `assert!`) when it finds a bug; returning is success.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use redlist::list::{Catalog, Snapshot};
use redlist::matching::normalize::normalize;
use redlist::matching::ticker::{HoldingTicker, ListedTicker, VenueHints, canonical_symbol};
use redlist::matching::{HoldingQuery, Matcher, Verdict, isin};
use redlist::portfolio::decode::EncodingChoice;
use redlist::portfolio::numbers::{self, DecimalStyle, Number};
use redlist::portfolio::row::{MAX_NAME_CHARS, RowClassifier};
use redlist::portfolio::{HoldingFields, HoldingsReader, ReadOptions, Row, RowKind, Source};

/// The matcher `screen` uses for the default list on 2026-06-08: the 1260H
/// snapshot of that date, with the entities removed from earlier ones.
pub fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let catalog = Catalog::embedded().expect("embedded lists load");
        let history = catalog.get("us-dod-1260h").expect("1260H is shipped");
        let date = NaiveDate::from_ymd_opt(2026, 6, 8).expect("valid date");
        let snapshot = history.at(date).expect("a 1260H snapshot in effect");
        Matcher::new(snapshot, history.former_entities(snapshot))
    })
}

/// The first `MAX_NAME_CHARS` characters, as the screen matches a name.
fn name_for_matching(name: &str) -> &str {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        Some((cut, _)) => &name[..cut],
        None => name,
    }
}

/// Checks what any decision must satisfy.
fn check_decision(matcher: &Matcher, query: &HoldingQuery<'_>) {
    let decision = matcher.decide(query);
    let targets = matcher.targets().len();
    match decision.verdict {
        Verdict::Match | Verdict::Review => {
            let t = decision.target.expect("a finding names its entity");
            assert!(t < targets);
            assert!(decision.evidence.is_some(), "a finding carries evidence");
        }
        Verdict::Clear => assert!(decision.target.is_none(), "a clear holding names no entity"),
    }
    if let Some(f) = decision.former {
        assert!(f < targets);
    }
    if let Some(evidence) = &decision.evidence {
        assert!(
            evidence.score.is_finite() && (0.0..=1.0).contains(&evidence.score),
            "score {} out of range for {:?}",
            evidence.score,
            query.name
        );
    }
}

// ---------------------------------------------------------------------------

/// `list_loader`: a user's list snapshot (`--list PATH`) from arbitrary
/// bytes. Loading returns an error or a snapshot that keeps the promises of
/// `lists/README.md` and that the matcher can index and query.
pub fn list_loader(data: &[u8]) {
    // A late file date, so that `since` checks let more inputs through.
    let date = NaiveDate::from_ymd_opt(2030, 1, 1).expect("valid date");
    let Ok(snapshot) = Snapshot::from_reader("fuzz-list", date, "fuzz.csv", data) else {
        return;
    };
    let mut ids = HashSet::new();
    for entity in &snapshot.entities {
        assert!(
            ids.insert(entity.id.as_str()),
            "duplicate id {:?} loaded",
            entity.id
        );
        assert!(entity.since <= date, "`since` after the file date loaded");
        for code in &entity.isins {
            assert!(isin::is_valid(code), "invalid ISIN {code:?} loaded");
        }
        assert!(!entity.sources.is_empty(), "entity without a source loaded");
    }
    let matcher = Matcher::new(&snapshot, Vec::new());
    for entity in snapshot.entities.iter().take(8) {
        let names =
            std::iter::once(entity.name.as_str()).chain(entity.aliases.iter().map(String::as_str));
        for name in names.take(4) {
            let query = HoldingQuery::new(name_for_matching(name), None, entity.isins.clone());
            check_decision(&matcher, &query);
        }
    }
}

// ---------------------------------------------------------------------------

/// A scratch file per process for `holdings_reader` (the reader opens paths).
pub fn scratch_file() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("redlist-fuzz-holdings-{}.bin", std::process::id()))
    })
}

/// The scratch file, written with one input and removed when done with,
/// a failed assertion included, so that no run leaves it behind.
struct Scratch(&'static PathBuf);

impl Scratch {
    fn write(data: &[u8]) -> Scratch {
        let path = scratch_file();
        std::fs::write(path, data).expect("the scratch file is writable");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.0);
    }
}

/// Reads every row of `source`; `Err` when the file is refused (allowed).
fn read_all(source: &Source, options: &ReadOptions) -> anyhow::Result<()> {
    let mut reader = HoldingsReader::open(source, options)?;
    let format = reader.format().clone();
    assert!(format.layout.header_line >= 1, "the header line is 1-based");
    let matcher = matcher();
    let mut classifier = RowClassifier::default();
    let mut row = Row::default();
    let mut last_line = format.layout.header_line;
    while reader.read(&mut row)? {
        assert!(
            row.line > last_line,
            "row on line {} does not come after the previous row or header (line {last_line})",
            row.line
        );
        last_line = row.line;
        let kind = classifier.classify(&format, &row.record);
        let fields = HoldingFields::read(&format, &row.record);
        for number in [&fields.weight, &fields.market_value] {
            if let Number::Value { value, .. } = number {
                assert!(value.is_finite());
            }
        }
        let name = fields.name_for_matching();
        let ticker = fields.ticker();
        let isins = fields.isins();
        for code in &isins {
            assert!(isin::is_valid(code), "row yields invalid ISIN {code:?}");
        }
        let _ = fields.invalid_isin();
        if kind == RowKind::Holding {
            check_decision(matcher, &HoldingQuery::new(name, ticker, isins));
        }
    }
    Ok(())
}

/// `holdings_reader`: the whole reading path of `redlist screen FILE` on
/// arbitrary bytes (spreadsheet detection, decoding, layout, streaming with
/// line numbers, row classification, fields, identifiers), each holding
/// then decided against the shipped 1260H list. Input the strict read
/// refuses is read again with `--encoding lossy`.
pub fn holdings_reader(data: &[u8]) {
    let scratch = Scratch::write(data);
    let source = Source::Path(scratch.0.clone());
    if read_all(&source, &ReadOptions::default()).is_err() {
        let lossy = ReadOptions {
            encoding: EncodingChoice::parse("lossy").expect("`lossy` is a valid --encoding"),
            ..ReadOptions::default()
        };
        let _ = read_all(&source, &lossy);
    }
}

// ---------------------------------------------------------------------------

/// `normalizer`: name normalisation on arbitrary UTF-8: tokens are
/// non-empty words, and normalising is idempotent (the display form
/// normalises to the same tokens), as `matching::normalize` promises.
pub fn normalizer(data: &[u8]) {
    let Ok(printed) = std::str::from_utf8(data) else {
        return;
    };
    let once = normalize(printed);
    for token in &once.tokens {
        assert!(!token.is_empty(), "empty token from {printed:?}");
        assert!(
            !token.contains(char::is_whitespace),
            "token {token:?} with a space from {printed:?}"
        );
    }
    let display = once.display();
    let _ = once.compact();
    let twice = normalize(&display);
    assert_eq!(
        twice.tokens,
        once.tokens,
        "not idempotent: {printed:?} -> {display:?} -> {:?}",
        twice.display()
    );
}

// ---------------------------------------------------------------------------

/// `identifiers`: ISIN, CUSIP, ticker and number parsing on arbitrary text.
/// Lines of the input: a cell (ticker, ISIN, CUSIP or number), then the
/// exchange, currency and country hints; all lines form a number column.
pub fn identifiers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let cell = lines.next().unwrap_or("");
    let exchange = lines.next().unwrap_or("");
    let currency = lines.next().unwrap_or("");
    let country = lines.next().unwrap_or("");

    // ISINs and CUSIPs.
    let valid = isin::validate(cell).is_ok();
    assert_eq!(valid, isin::is_valid(cell));
    if valid {
        assert_eq!(
            isin::find_in(cell),
            Some(cell),
            "a valid ISIN is found in itself"
        );
    }
    if let Some(found) = isin::find_in(&text) {
        assert!(isin::is_valid(found), "find_in returned invalid {found:?}");
        assert!(text.contains(found));
    }
    for country_code in ["US", "CA"] {
        if let Some(code) = isin::from_cusip(cell, country_code) {
            assert!(
                isin::is_valid(&code),
                "CUSIP {cell:?} gave invalid ISIN {code:?}"
            );
            assert_eq!(&code[2..11], cell);
        }
    }
    // A public function: any country text must give None or a valid ISIN.
    if let Some(code) = isin::from_cusip(cell, country) {
        assert!(
            isin::is_valid(&code),
            "from_cusip({cell:?}, {country:?}) gave invalid ISIN {code:?}"
        );
    }

    // Tickers.
    let hints = VenueHints {
        exchange,
        currency,
        country,
    };
    for hints in [hints, VenueHints::default()] {
        if let Some(ticker) = HoldingTicker::parse(cell, hints) {
            assert!(!ticker.symbol.is_empty());
            let _ = ticker.key();
            let _ = ticker.is_numeric();
        }
    }
    if let Ok(listed) = ListedTicker::parse(cell) {
        assert!(!listed.key.symbol.is_empty());
    }
    let symbol = canonical_symbol(cell);
    assert_eq!(
        canonical_symbol(&symbol),
        symbol,
        "canonical_symbol is not idempotent on {cell:?}"
    );

    // Numbers.
    for style in [DecimalStyle::Point, DecimalStyle::Comma] {
        if let Number::Value { value, .. } = numbers::parse(cell, style) {
            assert!(value.is_finite());
        }
    }
    let _ = DecimalStyle::detect(text.split('\n'));
}

// ---------------------------------------------------------------------------

/// `matcher`: the shipped 1260H matcher deciding a holding made from
/// arbitrary text. Lines: name, ticker cell, exchange, currency and country
/// hints, ISIN cell.
pub fn matcher_decide(data: &[u8]) {
    let matcher = matcher();
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let name = name_for_matching(lines.next().unwrap_or(""));
    let ticker_cell = lines.next().unwrap_or("");
    let hints = VenueHints {
        exchange: lines.next().unwrap_or(""),
        currency: lines.next().unwrap_or(""),
        country: lines.next().unwrap_or(""),
    };
    let isin_cell = lines.next().unwrap_or("").trim().to_ascii_uppercase();
    let isins = if isin::is_valid(&isin_cell) {
        vec![isin_cell]
    } else {
        Vec::new()
    };
    let query = HoldingQuery::new(name, HoldingTicker::parse(ticker_cell, hints), isins);
    check_decision(matcher, &query);
    let _ = matcher.explain(name);
}
