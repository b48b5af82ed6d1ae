//! Properties that must hold for every input, checked on generated ones
//! (proptest): normalisation is idempotent; a verdict does not depend on the
//! letter case, spacing or punctuation between the words of a name, nor on
//! the order of a file's rows; every row read is accounted for exactly once;
//! and a screen prints the same bytes every time it is run.
//!
//! Case counts are kept moderate so that the file runs in seconds in a debug
//! build; `PROPTEST_CASES=N cargo test --test properties` runs more.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use redlist::list::Catalog;
use redlist::matching::normalize::normalize;
use redlist::matching::{HoldingQuery, Matcher, Verdict};
use serde_json::Value;

/// `default` cases, or `PROPTEST_CASES` when it is set.
fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config::with_cases(cases)
}

// ---------------------------------------------------------------------------
// Shared data: the shipped list's names and a matcher over it.
// ---------------------------------------------------------------------------

/// The matcher `screen` builds for the default list on 2026-06-08 (the
/// 1260H snapshot in effect on the fixtures' date), with former entities.
fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let catalog = Catalog::embedded().expect("the embedded lists load");
        let history = catalog.get("us-dod-1260h").expect("1260H is shipped");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        let snapshot = history.at(date).expect("a snapshot is in effect");
        Matcher::new(snapshot, history.former_entities(snapshot))
    })
}

/// Every name and alias of every entity the matcher points at.
fn list_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = matcher()
            .targets()
            .iter()
            .flat_map(|t| std::iter::once(t.entity.name.clone()).chain(t.entity.aliases.clone()))
            .filter(|n| !n.trim().is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    })
}

/// Names that look like listed ones but are not, names as holdings files
/// print listed companies, and ordinary companies.
const OTHER_NAMES: &[&str] = &[
    // look-alikes (README: they stay clear)
    "CHINA UNICOM (HONG KONG) LTD",
    "COSCO CAPITAL INC",
    "TAIWAN SEMICONDUCTOR MANUFACTURING",
    "ZHONGJIN GOLD CORP LTD A",
    "BOYD GAMING CORP",
    "UNION PACIFIC CORP",
    "NIO INC - ADR",
    "CHINA CONSTRUCTION BANK CORP H",
    "PING AN INSURANCE (GROUP) CO OF CHINA LTD H",
    "CNOOC LTD",
    "MEITUAN",
    "HUA HONG SEMICONDUCTOR LTD",
    // affiliates (README: review)
    "ALIBABA HEALTH INFORMATION TECH",
    "BYD ELECTRONIC INTL",
    "COSCO SHIPPING HOLDINGS",
    // listed companies as files print them
    "TENCENT HOLDINGS LTD-UNS ADR",
    "HANGZHOU HIKVISION DIGITAL TECHNOL",
    "ALIBABA GRP HLDG",
    "BYD CO LTD-H",
    "CONTEMPORARY AMPEREX TECHNOLOGY L",
    "XIAOMI CORP-CLASS B",
    "CHINA MOBILE LTD",
    "ZHONGJI INNOLIGHT LTD A",
    "比亚迪",
    "腾讯控股",
    // ordinary companies
    "APPLE INC",
    "MICROSOFT CORP",
    "TOTALENERGIES SE",
    "SAMSUNG ELECTRONICS CO LTD",
    "Société Générale S.A.",
    "NESTLE SA-REG",
    "TOYOTA MOTOR CORP",
    "ASML HOLDING NV",
];

/// A holding name: from the list, or one of the others.
fn holding_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..list_names().len()).prop_map(|i| list_names()[i].clone()),
        1 => proptest::sample::select(OTHER_NAMES).prop_map(str::to_string),
    ]
}

/// What the matcher says about a name: verdict, entity, former entity.
fn verdict_of(name: &str) -> (Verdict, Option<String>, Option<String>) {
    let m = matcher();
    let decision = m.decide(&HoldingQuery::new(name, None, Vec::new()));
    let id = |t: usize| m.targets()[t].entity.id.clone();
    (
        decision.verdict,
        decision.target.map(id),
        decision.former.map(id),
    )
}

// ---------------------------------------------------------------------------
// Variations of a name that must not change its verdict.
// ---------------------------------------------------------------------------

/// Changes the case of letters: `modes[i]` 0 keeps character i, 1 lowers it,
/// 2 raises it (only where the change is one character for one).
fn recase(name: &str, modes: &[u8]) -> String {
    let one = |mapped: String, c: char| {
        let mut chars = mapped.chars();
        match (chars.next(), chars.next()) {
            (Some(m), None) => m,
            _ => c,
        }
    };
    name.chars()
        .enumerate()
        .map(|(i, c)| match modes[i % modes.len()] {
            1 => one(c.to_lowercase().collect(), c),
            2 => one(c.to_uppercase().collect(), c),
            _ => c,
        })
        .collect()
}

/// Replaces each space between words with `separators[i]`.
fn respace(name: &str, separators: &[&str], pad: (usize, usize)) -> String {
    let mut out = " ".repeat(pad.0);
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push_str(separators[(i - 1) % separators.len()]);
        }
        out.push_str(word);
    }
    out.push_str(&" ".repeat(pad.1));
    out
}

/// Runs of spaces.
fn spaces() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&[" ", "  ", "   ", "\t", " \u{a0}"][..])
}

/// Punctuation a file may put between two words.
fn punctuation() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(
        &[
            " ", " - ", "-", ", ", ",", " / ", "/", " (", ") ", "_", " | ",
        ][..],
    )
}

// ---------------------------------------------------------------------------
// 1. Normalisation is idempotent.
// ---------------------------------------------------------------------------

/// Pieces real security names are made of.
fn name_piece() -> impl Strategy<Value = String> {
    let words = &[
        "TENCENT",
        "Alibaba",
        "BYD",
        "HIKVISION",
        "Hangzhou",
        "DIGITAL",
        "AVIC",
        "China",
        "MOBILE",
        "SEMICONDUCTOR",
        "Xi'an",
        "Xi’an",
        "AIRCRAFT",
        "INDUSTRY",
        "ZHONGJI",
        "INNOLIGHT",
        "CETC",
        "32",
        "6th",
        "RESEARCH",
        "INSTITUTE",
        "OF",
        "THE",
        "DE",
        "ST",
        "*ST",
        "PT",
        "Société",
        "Générale",
        "ＡＢＣ",
        "ß",
        "İstanbul",
        "Ǆemal",
        "ﬁnance",
    ][..];
    let legal = &[
        "CO",
        "LTD",
        "LTD.",
        "LIMITED",
        "CORP",
        "CORPORATION",
        "INC",
        "PLC",
        "SA",
        "S.A.",
        "AG",
        "HLDGS",
        "HLDG",
        "INTL",
        "GRP",
        "TECH",
        "TECHNOL",
        "L",
        "LT",
        "LIMI",
        "CORPO",
        "HOLD",
        "COMPA",
        "CORPORATON",
        "GR.HLDG",
    ][..];
    let noise = &[
        "ADR",
        "-UNS ADR",
        "SPON ADR",
        "SP.ADR/8",
        "-H",
        "H",
        "A",
        "CL A",
        "CLASS B",
        "REG S",
        "144A",
        "DL-,00025",
        "HD-,00002",
        "YC 1",
        "PFD",
        "-W",
        "NEW",
    ][..];
    let punct = &[
        "-", ".", ",", "(", ")", "&", "/", "'", "’", "'", "`", "´", "*", ":", "  ", "\u{a0}",
    ][..];
    let cjk = &[
        "腾讯",
        "控股",
        "腾讯控股",
        "比亞迪",
        "比亚迪",
        "股份有限公司",
        "有限公司",
        "公司",
        "集團",
        "集团",
        "科技",
        "小米集團-W",
        "京东方Ａ",
        "华谊",
        "國際",
        "电子",
    ][..];
    prop_oneof![
        4 => proptest::sample::select(words).prop_map(str::to_string),
        2 => proptest::sample::select(legal).prop_map(str::to_string),
        2 => proptest::sample::select(noise).prop_map(str::to_string),
        2 => proptest::sample::select(punct).prop_map(str::to_string),
        2 => proptest::sample::select(cjk).prop_map(str::to_string),
        1 => "[A-Z]{1,12}",
        1 => "[a-z]{1,8}",
    ]
}

/// A name assembled from pieces, with or without spaces between them.
fn realistic_name() -> impl Strategy<Value = String> {
    proptest::collection::vec((name_piece(), proptest::bool::weighted(0.8)), 1..10).prop_map(
        |pieces| {
            let mut out = String::new();
            for (piece, space) in pieces {
                out.push_str(&piece);
                if space {
                    out.push(' ');
                }
            }
            out
        },
    )
}

fn assert_idempotent(printed: &str) -> Result<(), TestCaseError> {
    let once = normalize(printed);
    let display = once.display();
    let twice = normalize(&display);
    prop_assert_eq!(
        &twice.tokens,
        &once.tokens,
        "{:?} normalises to {:?}, which normalises to {:?}",
        printed,
        display,
        twice.display()
    );
    Ok(())
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn normalisation_is_idempotent_on_arbitrary_text(printed in any::<String>()) {
        assert_idempotent(&printed)?;
    }

    #[test]
    fn normalisation_is_idempotent_on_realistic_names(printed in realistic_name()) {
        assert_idempotent(&printed)?;
    }
}

/// A Chinese name with a generic suffix that normalising splits off, a Latin
/// word, and the start of a legal form, 24 to 26 characters long in all:
/// around the length from which a name counts as cut by a column width.
fn name_at_the_cut_short_length() -> impl Strategy<Value = String> {
    let cjk = &[
        "腾讯控股",
        "小米集团",
        "比亚迪科技",
        "京东方电子",
        "中兴通讯",
    ][..];
    let tails = &["L", "LT", "LIMI", "HOLD", "CORPO", "COMPA", "INCORP"][..];
    (
        proptest::sample::select(cjk),
        proptest::sample::select(tails),
        24usize..=26,
    )
        .prop_flat_map(|(cjk, tail, total)| {
            let latin = total
                .saturating_sub(cjk.chars().count() + tail.len() + 2)
                .max(1);
            let latin = proptest::string::string_regex(&format!("[A-Z]{{{latin}}}")).unwrap();
            (Just(cjk), latin, Just(tail))
        })
        .prop_map(|(cjk, latin, tail)| format!("{cjk} {latin} {tail}"))
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn normalisation_is_idempotent_at_the_cut_short_length(printed in name_at_the_cut_short_length()) {
        assert_idempotent(&printed)?;
    }
}

// ---------------------------------------------------------------------------
// 2. Verdicts do not depend on case, spacing or punctuation between words.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn verdict_ignores_letter_case(
        name in holding_name(),
        modes in proptest::collection::vec(0u8..3, 1..16),
    ) {
        let variant = recase(&name, &modes);
        prop_assert_eq!(verdict_of(&variant), verdict_of(&name), "{:?} vs {:?}", variant, name);
    }

    #[test]
    fn verdict_ignores_extra_spaces(
        name in holding_name(),
        separators in proptest::collection::vec(spaces(), 1..6),
        pad in (0usize..3, 0usize..3),
    ) {
        let variant = respace(&name, &separators, pad);
        prop_assert_eq!(verdict_of(&variant), verdict_of(&name), "{:?} vs {:?}", variant, name);
    }

    #[test]
    fn verdict_ignores_punctuation_between_words(
        name in holding_name(),
        separators in proptest::collection::vec(punctuation(), 1..6),
    ) {
        let variant = respace(&name, &separators, (0, 0));
        prop_assert_eq!(verdict_of(&variant), verdict_of(&name), "{:?} vs {:?}", variant, name);
    }
}

// ---------------------------------------------------------------------------
// Generated holdings files, screened through the binary.
// ---------------------------------------------------------------------------

/// One CSV line, every cell quoted.
fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect();
    quoted.join(",") + "\n"
}

/// Tickers as files print them, some of listed companies, some not.
const TICKERS: &[&str] = &[
    "",
    "",
    "",
    "700",
    "0700.HK",
    "9988 HK",
    "BABA UN",
    "BYDDY",
    "002594.SZ",
    "1211",
    "941",
    "AAPL",
    "MSFT",
    "BYD",
    "TSM",
    "2318",
    "300750",
];

/// Valid ISINs, some of listed companies' securities.
const ISINS: &[&str] = &[
    "",
    "",
    "",
    "",
    "KYG875721634",
    "US0378331005",
    "CNE100000296",
    "HK0941009539",
    "US01609W1027",
];

#[derive(Clone, Debug)]
struct Holding {
    name: String,
    ticker: &'static str,
    isin: &'static str,
    weight: String,
}

fn holding() -> impl Strategy<Value = Holding> {
    (
        holding_name(),
        proptest::sample::select(TICKERS),
        proptest::sample::select(ISINS),
        0u32..5000,
    )
        .prop_map(|(name, ticker, isin, w)| Holding {
            name,
            ticker,
            isin,
            weight: format!("{}.{:02}", w / 100, w % 100),
        })
}

/// Holdings with distinct names, so that results can be keyed by name.
fn distinct_holdings(max: usize) -> impl Strategy<Value = Vec<Holding>> {
    proptest::collection::vec(holding(), 2..max).prop_map(|mut rows| {
        let mut seen = HashSet::new();
        rows.retain(|h| seen.insert(h.name.trim().to_string()));
        rows
    })
}

fn holdings_csv(rows: &[Holding]) -> String {
    let mut text = csv_line(&["Name", "Ticker", "ISIN", "Weight (%)"]);
    for h in rows {
        text.push_str(&csv_line(&[&h.name, h.ticker, h.isin, &h.weight]));
    }
    text
}

/// Runs `redlist screen FILES... --as-of AS_OF --all` plus `extra` and
/// returns the exit code and standard output.
fn screen(files: &[&Path], extra: &[&str]) -> (i32, Vec<u8>) {
    let mut cmd = common::redlist();
    cmd.arg("screen").args(files);
    cmd.args(["--as-of", common::AS_OF, "--all"]).args(extra);
    let output = cmd.output().expect("redlist runs");
    let code = output.status.code().expect("exit code");
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (code, output.stdout)
}

fn screen_json(file: &Path) -> Value {
    let (_, stdout) = screen(&[file], &["--format", "json"]);
    serde_json::from_slice(&stdout).expect("stdout is JSON")
}

/// The results of a JSON report keyed by list and holding name, without
/// the line (a holding is screened against every list in force).
fn results_by_name(report: &Value) -> BTreeMap<String, Value> {
    let mut by_name = BTreeMap::new();
    for result in report["results"].as_array().expect("results") {
        let mut result = result.clone();
        let object = result.as_object_mut().unwrap();
        object.remove("line");
        object.remove("file");
        let key = format!(
            "{} {}",
            object["list"].as_str().expect("list"),
            object["name"].as_str().expect("name")
        );
        assert!(
            by_name.insert(key.clone(), result).is_none(),
            "{key:?} reported twice"
        );
    }
    by_name
}

// ---------------------------------------------------------------------------
// 3. Verdicts do not depend on row order.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(6))]

    #[test]
    fn verdicts_do_not_depend_on_row_order(
        (rows, shuffled) in distinct_holdings(16)
            .prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle()))
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, holdings_csv(&rows)).unwrap();
        std::fs::write(&b, holdings_csv(&shuffled)).unwrap();
        let (ra, rb) = (screen_json(&a), screen_json(&b));
        let (ma, mb) = (results_by_name(&ra), results_by_name(&rb));
        let lists = ra["snapshots"].as_array().unwrap().len();
        prop_assert_eq!(ma.len(), rows.len() * lists, "every holding is screened");
        prop_assert_eq!(&ma, &mb);
        prop_assert_eq!(&ra["summary"]["verdicts"], &rb["summary"]["verdicts"]);
        prop_assert_eq!(&ra["summary"]["rows"], &rb["summary"]["rows"]);
    }
}

// ---------------------------------------------------------------------------
// 4. Every row is accounted for exactly once.
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Line {
    Holding(Holding),
    /// Every cell empty.
    Blank,
    /// A cash or cash-like line (with an asset class where the file has one).
    Cash(&'static str, &'static str),
    /// A totals row.
    Total,
    /// A disclaimer in one cell.
    Disclaimer(&'static str),
    /// Values but no name, ticker or ISIN.
    NoIdentifier(String),
}

const CASH: &[(&str, &str)] = &[
    ("HKD CASH", "Cash"),
    ("USD CASH", "Cash"),
    ("US DOLLAR", "Cash"),
    ("BLK CSH FND TREASURY SL AGENCY", "Money Market"),
    ("HANG SENG INDEX DEC 26", "Futures"),
    ("FWD USD/HKD 20261218", "FX Forward"),
];

const DISCLAIMERS: &[&str] = &[
    "The content contained herein is provided for information purposes only and may not be reproduced.",
    "Holdings are subject to change and are not a recommendation to buy or sell any security, see the prospectus.",
    "Index and fund names used in this file are for illustration only, and this is not a record of any real fund.",
];

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        6 => holding().prop_map(Line::Holding),
        1 => Just(Line::Blank),
        1 => proptest::sample::select(CASH).prop_map(|(n, c)| Line::Cash(n, c)),
        1 => Just(Line::Total),
        1 => proptest::sample::select(DISCLAIMERS).prop_map(Line::Disclaimer),
        1 => (1u32..90_000).prop_map(|v| Line::NoIdentifier(format!("{v}.00"))),
    ]
}

/// A file with an optional preamble, a header and `lines`; returns the text
/// and the number of records after the header.
fn mixed_csv(lines: &[Line], asset_class: bool, preamble: bool) -> (String, usize) {
    let mut text = String::new();
    if preamble {
        text.push_str("Example China Equity Fund\n");
        text.push_str(&csv_line(&["Fund Holdings as of", "Nov 20, 2026"]));
        text.push('\n');
    }
    let mut header = vec!["Name", "Ticker", "ISIN", "Market Value", "Weight (%)"];
    if asset_class {
        header.push("Asset Class");
    }
    text.push_str(&csv_line(&header));
    let width = header.len();
    for line in lines {
        let mut cells: Vec<&str> = vec![""; width];
        match line {
            Line::Holding(h) => {
                cells[0] = &h.name;
                cells[1] = h.ticker;
                cells[2] = h.isin;
                cells[3] = "1,000.00";
                cells[4] = &h.weight;
                if asset_class {
                    cells[5] = "Equity";
                }
            }
            Line::Blank => {}
            Line::Cash(name, class) => {
                cells[0] = name;
                cells[3] = "310,000.00";
                cells[4] = "0.53";
                if asset_class {
                    cells[5] = class;
                }
            }
            Line::Total => {
                cells[0] = "Total";
                cells[3] = "17,916,100.00";
                cells[4] = "100.00";
            }
            Line::Disclaimer(text) => {
                cells.truncate(1);
                cells[0] = text;
            }
            Line::NoIdentifier(value) => {
                cells[3] = value;
                cells[4] = "0.10";
                if asset_class {
                    cells[5] = "Equity";
                }
            }
        }
        text.push_str(&csv_line(&cells));
    }
    (text, lines.len())
}

fn rows_of(report: &Value) -> [u64; 4] {
    let rows = &report["inputs"][0]["rows"];
    ["read", "screened", "skipped", "rejected"].map(|k| rows[k].as_u64().expect(k))
}

proptest! {
    #![proptest_config(cases(8))]

    #[test]
    fn every_row_is_accounted_for_exactly_once(
        lines in proptest::collection::vec(line(), 1..30),
        asset_class in any::<bool>(),
        preamble in any::<bool>(),
    ) {
        let (text, records) = mixed_csv(&lines, asset_class, preamble);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mixed.csv");
        std::fs::write(&file, &text).unwrap();
        let report = screen_json(&file);
        let [read, screened, skipped, rejected] = rows_of(&report);
        prop_assert_eq!(read, screened + skipped + rejected, "{}", text);
        prop_assert_eq!(read, records as u64, "{}", text);
        // With --all every screened holding is a result, once for each
        // list in force; a rejected row is listed once, on a line of its own.
        let results = report["results"].as_array().unwrap();
        let lists: Vec<&str> = common::texts(&report["snapshots"], "list");
        prop_assert_eq!(results.len() as u64, screened * lists.len() as u64, "{}", text);
        for list in &lists {
            let mut seen = HashSet::new();
            for result in results.iter().filter(|r| r["list"] == *list) {
                prop_assert!(seen.insert(result["line"].as_u64().unwrap()), "{}", text);
            }
            prop_assert_eq!(seen.len() as u64, screened, "{}", text);
        }
        let holding_lines: HashSet<u64> =
            results.iter().map(|r| r["line"].as_u64().unwrap()).collect();
        let rejected_rows = report["inputs"][0]["rejected"].as_array().unwrap();
        prop_assert_eq!(rejected_rows.len() as u64, rejected, "{}", text);
        let mut rejected_lines = HashSet::new();
        for row in rejected_rows {
            let line = row["line"].as_u64().unwrap();
            prop_assert!(rejected_lines.insert(line), "{}", text);
            prop_assert!(!holding_lines.contains(&line), "{}", text);
        }
    }
}

// ---------------------------------------------------------------------------
// 5. The same screen prints the same bytes.
// ---------------------------------------------------------------------------

fn assert_same_output_twice(files: &[&Path]) -> Result<(), TestCaseError> {
    for format in ["json", "table"] {
        let first = screen(files, &["--format", format]);
        let second = screen(files, &["--format", format]);
        prop_assert_eq!(first.0, second.0, "exit code, --format {}", format);
        prop_assert!(
            first.1 == second.1,
            "--format {} differs between runs:\n{}\n---\n{}",
            format,
            String::from_utf8_lossy(&first.1),
            String::from_utf8_lossy(&second.1)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(3))]

    #[test]
    fn output_is_byte_identical_across_runs(
        a in distinct_holdings(12),
        b in proptest::collection::vec(line(), 1..20),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (fa, fb) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&fa, holdings_csv(&a)).unwrap();
        std::fs::write(&fb, mixed_csv(&b, true, false).0).unwrap();
        let example = common::root().join("examples/em-etf-holdings.csv");
        // One file, then several (screened in parallel, reported in order).
        assert_same_output_twice(&[&fa])?;
        assert_same_output_twice(&[&fa, &fb, &example])?;
    }
}

// ---------------------------------------------------------------------------
// 6. Saved fuzz crashes stay fixed.
// ---------------------------------------------------------------------------

/// The fuzz targets' bodies (`fuzz/src/lib.rs`), run here on stable.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

/// Runs every `tests/fixtures/fuzz-regressions/<target>-*.bin` through the
/// target's body; a panic names the file.
fn replay(target: &str, body: fn(&[u8])) {
    let dir = common::root().join("tests/fixtures/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        let name = common::file_name(p);
        name.starts_with(&format!("{target}-")) && name.ends_with(".bin")
    });
    files.sort();
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if let Err(panic) = std::panic::catch_unwind(|| body(&data)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{}: {message}", file.display());
        }
    }
}

#[test]
fn fuzz_regressions_list_loader() {
    replay("list_loader", harness::list_loader);
}

#[test]
fn fuzz_regressions_holdings_reader() {
    replay("holdings_reader", harness::holdings_reader);
    assert!(
        !harness::scratch_file().exists(),
        "the holdings reader's scratch file is left behind"
    );
}

#[test]
fn fuzz_regressions_normalizer() {
    replay("normalizer", harness::normalizer);
}

#[test]
fn fuzz_regressions_identifiers() {
    replay("identifiers", harness::identifiers);
}

#[test]
fn fuzz_regressions_matcher() {
    replay("matcher", harness::matcher_decide);
}
