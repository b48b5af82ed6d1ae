//! The command line as a user meets it: exit codes, standard input, error
//! messages, the exact table, the JSON contract, and the other commands.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{AS_OF, redlist, run, screen_json, stderr, stdout};
use serde_json::Value;

const EM: &str = "examples/em-etf-holdings.csv";
const DEVELOPED: &str = "examples/developed-markets.csv";
const SMALL: &str = "tests/fixtures/screen/small.csv";
const SMALL_LIST: &str = "tests/fixtures/lists/valid-small/2026-06-08.csv";

#[test]
fn exit_0_when_nothing_is_listed() {
    let output = run(&["screen", DEVELOPED, "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("PASS: nothing at or above --fail-on enacted"));
}

#[test]
fn exit_1_when_an_enacted_entity_is_held() {
    let output = run(&["screen", EM, "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn exit_2_for_a_missing_file_naming_it() {
    let output = run(&["screen", "no/such/holdings.csv", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/holdings.csv: no such file"),
        "{}",
        stderr(&output)
    );
    assert!(
        output.stdout.is_empty(),
        "nothing may be reported for a missing file"
    );
}

#[test]
fn error_messages_carry_no_escape_sequence_from_input() {
    // A path is input too: an error naming it must not let it recolour or
    // retitle the terminal.
    let hostile = "no/such/\x1b]0;owned\x07holdings\x1b[31m.csv";
    let output = run(&["screen", hostile, "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(
        err.contains("no/such/\\u{1b}]0;owned\\u{7}holdings\\u{1b}[31m.csv: no such file"),
        "{err}"
    );
}

#[test]
fn exit_2_for_a_directory_and_for_bad_usage() {
    let output = run(&["screen", "tests", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("tests is a directory"),
        "{}",
        stderr(&output)
    );
    for args in [
        vec!["screen"],
        vec!["screen", EM, "--as-of", "2026-02-30"],
        vec!["screen", EM, "--fail-on", "sometimes"],
        vec!["screen", EM, "--list", "us-dod-9999"],
        vec!["screen", EM, "--as-of", "2019-01-01"],
    ] {
        let output = run(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let early = run(&[
        "screen",
        EM,
        "--as-of",
        "2019-01-01",
        "--list",
        "us-dod-1260h",
    ]);
    assert!(
        stderr(&early)
            .contains("no snapshot on or before 2019-01-01; its snapshots are dated 2021-06-03"),
        "{}",
        stderr(&early)
    );
    let early = run(&["screen", EM, "--as-of", "2019-01-01"]);
    assert!(
        stderr(&early).contains(
            "no list has a snapshot in effect on 2019-01-01: us-dod-1237 from 2020-06-24"
        ),
        "{}",
        stderr(&early)
    );
}

#[test]
fn fail_on_every_level() {
    // small.csv against the small list: three enacted matches and a review.
    let code = |level: &str, file: &str| {
        run(&[
            "screen",
            file,
            "--list",
            SMALL_LIST,
            "--as-of",
            AS_OF,
            "--fail-on",
            level,
            "--quiet",
        ])
        .status
        .code()
    };
    assert_eq!(code("enacted", SMALL), Some(1));
    assert_eq!(code("recommended", SMALL), Some(1));
    assert_eq!(code("review", SMALL), Some(1));
    assert_eq!(code("never", SMALL), Some(0));
    // Only a review (an affiliate) in the file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("affiliate.csv");
    std::fs::write(&file, "Name\nALIBABA HEALTH INFORMATION TECH\n").unwrap();
    let file = file.to_string_lossy().to_string();
    assert_eq!(code("enacted", &file), Some(0));
    assert_eq!(code("recommended", &file), Some(0));
    assert_eq!(code("review", &file), Some(1));
    // Only a recommended entity (Xiaomi on the shipped list).
    let file = dir.path().join("recommended.csv");
    std::fs::write(&file, "Name,Ticker\nXIAOMI CORP,1810 HK\n").unwrap();
    let args = |level: &'static str| {
        vec![
            "screen".to_string(),
            file.to_string_lossy().into(),
            "--as-of".into(),
            AS_OF.into(),
            "--fail-on".into(),
            level.into(),
        ]
    };
    assert_eq!(
        redlist()
            .args(args("enacted"))
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        redlist()
            .args(args("recommended"))
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_row_beyond_the_size_limit_is_an_error_naming_its_line() {
    // Line 3 opens a quoted name that is never closed: the parser would read
    // the rest of the input (17 MiB) as one field.
    let mut bytes = b"Name,Ticker,Weight (%)\nTencent Holdings Ltd,700,1.0\n\"Endless,".to_vec();
    bytes.resize(bytes.len() + 17 * 1024 * 1024, b'x');
    let output = redlist()
        .args(["screen", "-", "--as-of", AS_OF])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the row after line 2 is longer than 16 MiB"),
        "{}",
        stderr(&output)
    );
    assert!(
        !stdout(&output).contains("PASS"),
        "an unread file is never reported clean"
    );
}

#[test]
fn standard_input_reads_like_a_file() {
    let (_, from_file) = screen_json(EM, &[]);
    let bytes = std::fs::read(common::root().join(EM)).unwrap();
    let (code, from_stdin) = common::screen_stdin_json(bytes, &[]);
    assert_eq!(code, 1);
    let strip = |v: &Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["line"].clone(),
                    r["verdict"].clone(),
                    r["entity_id"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&from_file), strip(&from_stdin));
    assert_eq!(from_stdin["inputs"][0]["file"], "-");
    assert_eq!(from_stdin["results"][0]["file"], "-");
}

#[test]
fn the_table_is_exactly_as_expected() {
    let output = run(&["screen", SMALL, "--list", SMALL_LIST, "--as-of", AS_OF]);
    let expected =
        std::fs::read_to_string(common::root().join("tests/fixtures/screen/small.table.txt"))
            .unwrap();
    let expected = expected.replace(
        "redlist 0.1.0",
        &format!("redlist {}", env!("CARGO_PKG_VERSION")),
    );
    assert_eq!(stdout(&output), expected);
}

#[test]
fn the_json_contract_field_by_field() {
    let (code, report) = screen_json(EM, &[]);
    assert_eq!(code, 1);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["tool"]["name"], "redlist");
    assert_eq!(report["as_of"], AS_OF);
    assert_eq!(report["fail_on"], "enacted");

    // By default every list in force: 1260H and NS-CMIC today.
    let snapshots = report["snapshots"].as_array().unwrap();
    assert_eq!(snapshots.len(), 2);
    assert_eq!(snapshots[1]["list"], "us-treasury-nscmic");
    assert_eq!(snapshots[1]["date"], "2021-12-16");
    assert_eq!(snapshots[1]["counts"]["enacted"], 68);
    let snapshot = &snapshots[0];
    assert_eq!(snapshot["list"], "us-dod-1260h");
    assert_eq!(snapshot["date"], "2026-06-08");
    assert_eq!(snapshot["counts"]["enacted"], 188);
    assert_eq!(snapshot["counts"]["recommended"], 12);
    let sha = snapshot["sha256"].as_str().unwrap();
    assert!(
        sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
        "{sha}"
    );

    let summary = &report["summary"];
    let rows = &summary["rows"];
    let read = rows["read"].as_u64().unwrap();
    let parts = rows["screened"].as_u64().unwrap()
        + rows["skipped"].as_u64().unwrap()
        + rows["rejected"].as_u64().unwrap();
    assert_eq!(read, parts, "every row is accounted for");
    assert_eq!(read, 46);
    for key in ["match", "review", "clear"] {
        assert!(summary["verdicts"][key].is_u64(), "{key}");
    }
    assert!(summary["matches_by_status"]["enacted"].as_u64().unwrap() >= 10);
    assert_eq!(summary["exposure"]["basis"], "weight");

    let results = report["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(["us-dod-1260h", "us-treasury-nscmic"].contains(&r["list"].as_str().unwrap()));
        assert_eq!(r["file"], EM);
        assert!(r["line"].as_u64().unwrap() >= 11);
        assert!(r["name"].is_string());
        assert!(r["ticker"].is_string() || r["ticker"].is_null());
        assert!(r["isin"].is_string() || r["isin"].is_null());
        assert!(r["weight"].is_number() || r["weight"].is_null());
        assert!(r["market_value"].is_number() || r["market_value"].is_null());
        let verdict = r["verdict"].as_str().unwrap();
        assert!(["match", "review", "clear"].contains(&verdict));
        let evidence = &r["evidence"];
        if verdict == "clear" {
            assert!(
                r["formerly_listed"].is_object(),
                "a clear result shown by default is formerly listed: {r}"
            );
            continue;
        }
        assert!(["enacted", "recommended"].contains(&r["status"].as_str().unwrap()));
        assert!(
            r["entity_id"]
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        );
        assert!(r["entity_name"].is_string());
        assert!(
            ["isin", "ticker", "name", "affiliate"].contains(&evidence["kind"].as_str().unwrap())
        );
        assert!(evidence["matched"].is_string());
        let score = evidence["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let reason = evidence["reason"].as_str().unwrap();
        assert!(
            reason.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{reason}"
        );
    }
    let mobile: Vec<&Value> = results.iter().filter(|r| r["line"] == 17).collect();
    assert_eq!(mobile.len(), 2, "China Mobile is on both lists");
    assert_eq!(mobile[1]["list"], "us-treasury-nscmic");
    assert_eq!(mobile[1]["effective"], "2021-08-02");
    assert_eq!(mobile[1]["divestment_until"], "2022-06-03");
    let tencent = results
        .iter()
        .find(|r| r["entity_id"] == "tencent-holdings" && r["verdict"] == "match")
        .unwrap();
    assert_eq!(tencent["status"], "enacted");
    assert_eq!(tencent["line"], 11);
    let xiaomi = results.iter().find(|r| r["entity_id"] == "xiaomi").unwrap();
    assert_eq!(xiaomi["status"], "recommended");
    let railway = results
        .iter()
        .find(|r| r["formerly_listed"]["entity_id"] == "china-railway-construction")
        .unwrap();
    assert_eq!(railway["verdict"], "clear");
    assert_eq!(railway["formerly_listed"]["removed_on"], "2025-01-07");
    assert_eq!(report["outcome"]["exit_code"], 1);
}

#[test]
fn all_lists_every_screened_holding() {
    let (_, default) = screen_json(SMALL, &["--list", SMALL_LIST]);
    assert_eq!(default["results"].as_array().unwrap().len(), 4);
    let (_, all) = screen_json(SMALL, &["--list", SMALL_LIST, "--all"]);
    let results = all["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[4]["verdict"], "clear");
    assert_eq!(results[4]["name"], "APPLE INC");
}

#[test]
fn malformed_lists_are_refused_with_file_and_line() {
    for (file, expected) in [
        (
            "tests/fixtures/lists/bad-header.csv",
            "bad-header.csv:1:3: unknown column \"staus\"",
        ),
        (
            "tests/fixtures/lists/duplicate-id.csv",
            "duplicate entity_id",
        ),
        ("tests/fixtures/lists/bad-date.csv", "(since)"),
        ("tests/fixtures/lists/bad-status.csv", "(status)"),
        ("tests/fixtures/lists/bad-isin.csv", "(isins)"),
        (
            "tests/fixtures/lists/missing-source.csv",
            "needs a source URL",
        ),
        (
            "tests/fixtures/lists/since-after-date/2026-01-01.csv",
            "after the snapshot's date 2026-01-01",
        ),
    ] {
        let output = run(&["screen", DEVELOPED, "--list", file, "--as-of", AS_OF]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{file}: {message}");
        assert!(
            output.stdout.is_empty(),
            "{file}: a refused list must not print a report"
        );
    }
}

#[test]
fn lookup_explains_a_decision() {
    let output = run(&[
        "lookup",
        "BYD ELECTRONIC INTL CO LTD",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let list = &report["lists"][0];
    assert_eq!(list["verdict"], "review");
    assert_eq!(list["entity_id"], "byd");
    assert_eq!(list["evidence"]["reason"], "affiliate-name");
    assert_eq!(list["candidates"][0]["entity_id"], "byd");
    let output = run(&["lookup", "9988 HK", "--as-of", AS_OF]);
    assert!(
        stdout(&output)
            .contains("match Alibaba Group Holding Limited [alibaba-group-holding] enacted"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("redlist"))
        .current_dir(common::root())
        .args(["screen", "--as-of", AS_OF, "--format", "json", "--all"])
        .args([EM; 20])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed now; the screen still completes with its true code.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}
