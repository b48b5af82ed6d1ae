//! Every output format parsed, not just non-empty: JSON against the shipped
//! schema, CSV by a CSV reader, Markdown tables, GitHub annotations; the
//! decisions file (suppression, expiry, unused); quiet and colour.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{AS_OF, redlist, run, stderr, stdout};
use serde_json::Value;

const EM: &str = "examples/em-etf-holdings.csv";
const HOLDINGS: &str = "tests/fixtures/decisions/holdings.csv";

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join("schema/report.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn assert_valid(report: &Value) {
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn json_follows_the_shipped_schema() {
    for extra in [
        vec![EM],
        vec![EM, "--all"],
        vec![
            EM,
            "examples/ark-style.csv",
            "examples/developed-markets.csv",
        ],
        vec![
            HOLDINGS,
            "--decisions",
            "tests/fixtures/decisions/accepted.csv",
        ],
        vec!["tests/fixtures/portfolios/isin-only.csv"],
        vec!["tests/fixtures/portfolios/holdings.xlsx"],
    ] {
        let mut args = vec!["screen", "--format", "json", "--as-of", AS_OF];
        args.extend(extra.iter().copied());
        let output = run(&args);
        let report: Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{extra:?}: {e}"));
        assert_valid(&report);
    }
}

#[test]
fn a_report_cut_short_by_an_error_says_so_and_still_parses() {
    let output = run(&[
        "screen",
        "tests/fixtures/broken/unterminated-quote.csv",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["outcome"]["exit_code"], 2);
    assert!(report["error"].as_str().unwrap().contains("never closed"));
    assert_valid(&report);
}

#[test]
fn csv_is_the_input_with_verdict_columns() {
    let output = run(&[
        "screen",
        HOLDINGS,
        "--format",
        "csv",
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(&headers[..4], ["Name", "Ticker", "Exchange", "Weight (%)"]);
    assert_eq!(headers[4], "redlist_verdict");
    assert!(headers.contains(&"redlist_snapshot".to_string()));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "every input row is written");
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let verdicts: Vec<&str> = rows.iter().map(|r| &r[column("redlist_verdict")]).collect();
    assert_eq!(verdicts, ["match", "clear", "review", "clear", "clear"]);
    assert_eq!(&rows[0][column("redlist_entity_id")], "tencent-holdings");
    assert_eq!(&rows[0][column("redlist_status")], "enacted");
    assert_eq!(
        &rows[0][column("redlist_snapshot")],
        "us-dod-1260h@2026-06-08"
    );
    // A cell a spreadsheet would execute is neutralised.
    assert!(rows[3][0].starts_with("'=HYPERLINK"), "{}", &rows[3][0]);
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
        }
    }
}

#[test]
fn markdown_renders_summary_and_findings_tables() {
    let output = run(&["screen", EM, "--format", "markdown", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("## redlist screen: failed\n"), "{text}");
    let tables: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|l| l.starts_with('|'))
                .collect::<Vec<_>>()
        })
        .filter(|t: &Vec<&str>| !t.is_empty())
        .collect();
    assert_eq!(tables.len(), 2, "a summary table and a findings table");
    for table in &tables {
        let width = table[0].matches('|').count();
        assert!(
            table[1].chars().all(|c| matches!(c, '|' | '-' | ':')),
            "separator row: {}",
            table[1]
        );
        for row in table {
            assert_eq!(
                row.matches('|').count() - row.matches("\\|").count(),
                width,
                "{row}"
            );
        }
    }
    assert!(
        tables[1]
            .iter()
            .any(|r| r.contains("Tencent Holdings Limited") && r.starts_with("| match |"))
    );
    assert!(text.contains("Snapshot: `us-dod-1260h` 2026-06-08"));
}

#[test]
fn github_annotations_point_at_file_and_line() {
    let output = run(&[
        "screen",
        HOLDINGS,
        "--format",
        "github",
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
    ]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("::error file={HOLDINGS},line=2,title=redlist match::TENCENT HOLDINGS LTD is match enacted"))),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("::warning file={HOLDINGS},line=4,"))),
        "{text}"
    );
    assert!(
        lines.last().unwrap().starts_with("::notice title=redlist"),
        "{text}"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error")).count(), 1);
}

#[test]
fn decisions_suppress_expire_and_report_unused() {
    // Accepted: the only failing finding is suppressed, so the run passes.
    let output = run(&[
        "screen",
        HOLDINGS,
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
        "--decisions",
        "tests/fixtures/decisions/accepted.csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let tencent = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["line"] == 2)
        .unwrap();
    assert_eq!(
        tencent["verdict"], "match",
        "a suppressed finding is still reported"
    );
    assert_eq!(tencent["suppressed"]["decision"], "accepted");
    assert_eq!(
        tencent["suppressed"]["source"],
        "tests/fixtures/decisions/accepted.csv:2"
    );
    assert_eq!(report["summary"]["suppressed"], 2);
    assert_eq!(report["decisions"]["used"], 2);
    assert_eq!(report["decisions"]["unused"][0]["line"], 4);
    assert!(
        stderr(&output).contains(
            "accepted.csv:4: the decision on \"NO LONGER HELD CO\" (byd) matched no finding"
        ),
        "{}",
        stderr(&output)
    );
    // With --fail-on review too: suppressed findings never count.
    let review = run(&[
        "screen",
        HOLDINGS,
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
        "--decisions",
        "tests/fixtures/decisions/accepted.csv",
        "--fail-on",
        "review",
        "--quiet",
    ]);
    assert_eq!(review.status.code(), Some(0));

    // Expired: the decision stops working and the run fails again.
    let output = run(&[
        "screen",
        HOLDINGS,
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
        "--decisions",
        "tests/fixtures/decisions/expired.csv",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("expired.csv:2: the decision on \"700\" (tencent-holdings) expired on 2026-09-30; the finding counts again"), "{}", stderr(&output));
    // Before its expiry it applies.
    let before = run(&[
        "screen",
        HOLDINGS,
        "--as-of",
        "2026-09-01",
        "--list",
        "us-dod-1260h",
        "--decisions",
        "tests/fixtures/decisions/expired.csv",
        "--quiet",
    ]);
    assert_eq!(before.status.code(), Some(0));
}

#[test]
fn a_decisions_file_beside_the_holdings_is_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join(HOLDINGS),
        dir.path().join("holdings.csv"),
    )
    .unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/decisions/accepted.csv"),
        dir.path().join("redlist-decisions.csv"),
    )
    .unwrap();
    let file = dir.path().join("holdings.csv");
    let output = redlist()
        .args([
            "screen",
            "--as-of",
            AS_OF,
            "--list",
            "us-dod-1260h",
            "--quiet",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bad = dir.path().join("redlist-decisions.csv");
    std::fs::write(
        &bad,
        "holding,entity_id,decision,reason\nX,byd,not-a-match,\n",
    )
    .unwrap();
    let output = redlist()
        .args(["screen", "--as-of", AS_OF, "--quiet"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("every decision needs a reason"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn no_format_passes_on_escape_sequences_or_invisible_characters() {
    // Names with colour codes, a title-setting sequence, a bidi override and
    // zero-width spaces; a formula; an escape sequence as a ticker.
    let file = "tests/fixtures/broken/terminal-escapes.csv";
    let hostile = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    for format in ["table", "json", "csv", "markdown", "github"] {
        let output = run(&[
            "screen", file, "--as-of", AS_OF, "--all", "--format", format,
        ]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        let found: Vec<char> = text.chars().filter(|&c| hostile(c)).collect();
        assert!(found.is_empty(), "{format} prints {found:?}");
        assert!(!stderr(&output).chars().any(hostile), "{format}: stderr");
        if format == "json" {
            // Escaped, not lost: the JSON decodes to the names as the file has them.
            let report: Value = serde_json::from_str(&text).unwrap();
            assert_valid(&report);
            let names = common::texts(&report["results"], "name");
            assert!(names.contains(&"\u{202e}CORP AIDIVN"), "{names:?}");
            assert!(names.contains(&"\x1b[31mAPPLE INC\x1b[0m"), "{names:?}");
        }
    }
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let output = run(&["screen", EM, "--as-of", AS_OF, "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(output.stderr.is_empty());
    let output = run(&["screen", "missing.csv", "--quiet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing.csv: no such file"));
}

#[test]
fn colour_only_when_asked() {
    let plain = run(&["screen", EM, "--as-of", AS_OF]);
    assert!(
        !stdout(&plain).contains('\x1b'),
        "not a terminal: no colour"
    );
    let coloured = run(&["screen", EM, "--as-of", AS_OF, "--color", "always"]);
    assert!(stdout(&coloured).contains("\x1b[31m"));
    let json = run(&[
        "screen", EM, "--as-of", AS_OF, "--color", "always", "--format", "json",
    ]);
    assert!(!stdout(&json).contains('\x1b'), "JSON is never coloured");
    let no_color = redlist()
        .args(["screen", EM, "--as-of", AS_OF, "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&no_color).contains('\x1b'));
}

#[test]
fn completions_and_man_page() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(stdout(&bash).contains("_redlist()"), "{}", stdout(&bash));
    let zsh = run(&["completions", "zsh"]);
    assert!(stdout(&zsh).contains("#compdef redlist"));
    let man = run(&["man"]);
    assert!(stdout(&man).contains(".TH redlist"), "{}", stdout(&man));
    assert!(stdout(&man).contains("screen"));
}
