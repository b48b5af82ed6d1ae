//! Reading holdings files as they come, through the flags a user has:
//! several files in one report, `--strict`, `--sheet`, `--encoding`, and the
//! column overrides.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{AS_OF, run, screen_json, stderr};
use serde_json::Value;

#[test]
fn several_files_make_one_report() {
    let output = run(&[
        "screen",
        "examples/em-etf-holdings.csv",
        "examples/ark-style.csv",
        "examples/developed-markets.csv",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--list",
        "us-dod-1260h",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 3);
    let read: u64 = inputs
        .iter()
        .map(|i| i["rows"]["read"].as_u64().unwrap())
        .sum();
    assert_eq!(
        report["summary"]["rows"]["read"].as_u64().unwrap(),
        read,
        "the summary adds up the files"
    );
    let files: std::collections::BTreeSet<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains("examples/em-etf-holdings.csv") && files.contains("examples/ark-style.csv"),
        "{files:?}"
    );
    let table = common::stdout(&run(&[
        "screen",
        "examples/em-etf-holdings.csv",
        "examples/ark-style.csv",
        "--as-of",
        AS_OF,
    ]));
    assert!(
        table.contains("\nexamples/ark-style.csv\n") && table.contains("Summary (all files)"),
        "{table}"
    );
}

#[test]
fn strict_fails_on_rejected_rows() {
    let file = "tests/fixtures/portfolios/isin-only.csv";
    let (code, report) = screen_json(file, &["--list", "us-dod-1260h"]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"][0]["rows"]["rejected"], 2);
    let lines: Vec<u64> = report["inputs"][0]["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [21, 22]);
    let output = run(&["screen", file, "--as-of", AS_OF, "--strict"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("2 row(s) could not be screened and --strict is set"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn spreadsheets_read_the_holdings_sheet_or_the_one_named() {
    let (_, report) = screen_json(
        "tests/fixtures/portfolios/holdings.xlsx",
        &["--list", "us-dod-1260h"],
    );
    assert_eq!(report["inputs"][0]["sheet"], "Holdings");
    assert_eq!(report["inputs"][0]["header_line"], 4);
    let (_, report) = screen_json(
        "tests/fixtures/portfolios/holdings.xls",
        &["--list", "us-dod-1260h"],
    );
    assert_eq!(report["inputs"][0]["encoding"], "xls");
    let output = run(&[
        "screen",
        "tests/fixtures/portfolios/holdings.xlsx",
        "--sheet",
        "Cover",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "the cover sheet has no table"
    );
    let output = run(&[
        "screen",
        "tests/fixtures/portfolios/holdings.xlsx",
        "--sheet",
        "Nope",
        "--as-of",
        AS_OF,
    ]);
    assert!(
        stderr(&output).contains("no sheet \"Nope\"; the sheets are \"Cover\", \"Holdings\""),
        "{}",
        stderr(&output)
    );
    let (_, report) = screen_json(
        "tests/fixtures/portfolios/holdings.xlsx",
        &["--sheet", "2", "--list", "us-dod-1260h"],
    );
    assert_eq!(report["inputs"][0]["sheet"], "Holdings");
}

#[test]
fn encodings_can_be_named() {
    let gbk = "tests/fixtures/portfolios/gbk-a-shares.csv";
    let (_, detected) = screen_json(gbk, &["--list", "us-dod-1260h"]);
    let (_, named) = screen_json(gbk, &["--list", "us-dod-1260h", "--encoding", "gb18030"]);
    assert_eq!(detected["results"], named["results"]);
    assert_eq!(named["inputs"][0]["encoding_guessed"], false);
    // Windows-1252 bytes are not UTF-8: naming the wrong encoding is an
    // error at the line, unless lossy.
    let cp1252 = "tests/fixtures/portfolios/windows-1252.csv";
    let output = run(&["screen", cp1252, "--as-of", AS_OF, "--encoding", "utf-8"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("windows-1252.csv:"),
        "{}",
        stderr(&output)
    );
    let output = run(&[
        "screen",
        cp1252,
        "--as-of",
        AS_OF,
        "--encoding",
        "utf-8:lossy",
        "--quiet",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let output = run(&["screen", cp1252, "--as-of", AS_OF, "--encoding", "klingon"]);
    assert!(
        stderr(&output).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn columns_can_be_named() {
    let file = "tests/fixtures/portfolios/no-usable-column.csv";
    let output = run(&["screen", file, "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no header row with a security name, ticker or ISIN column"),
        "{message}"
    );
    assert!(message.contains("\"Foo\""), "{message}");
    let headers = std::fs::read_to_string(common::root().join(file)).unwrap();
    let first: Vec<&str> = headers.lines().next().unwrap().split(',').collect();
    let output = run(&[
        "screen",
        file,
        "--as-of",
        AS_OF,
        "--name-col",
        first[0],
        "--format",
        "json",
        "--list",
        "us-dod-1260h",
    ]);
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["inputs"][0]["columns"]["name"], first[0]);
    let output = run(&["screen", file, "--as-of", AS_OF, "--name-col", "Nope"]);
    assert!(
        stderr(&output).contains("--name-col \"Nope\": no such column"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_repeated_name_with_another_isin_in_another_column_is_decided_on_its_own() {
    // No ISIN column: the ISINs sit in a column the reader does not know,
    // and both notes print the same description. The second is a bond of
    // a listed company and must not take the first one's clear verdict.
    let text = "Name,Identifier,Weight (%)\n\
                SENIOR NOTES 3.5% 2030,US0378331005,1.0\n\
                SENIOR NOTES 3.5% 2030,KYG875721634,2.0\n\
                SENIOR NOTES 3.5% 2030,US0378331005,1.0\n";
    let (code, report) = common::screen_stdin_json(text, &["--all", "--list", "us-dod-1260h"]);
    assert_eq!(code, 1, "{report}");
    let verdicts: Vec<(u64, &str)> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(verdicts, [(2, "clear"), (3, "match"), (4, "clear")]);
    assert_eq!(report["results"][1]["entity_id"], "tencent-holdings");
}

#[test]
fn isins_in_unknown_columns_are_found_in_any_case_and_inside_text() {
    // The cells that hold the ISIN are in columns the reader does not
    // know: a lower-case code, a code inside a note, and a number that is
    // twelve characters long but holds no code.
    let text = "Name,Identifier,Notes,Weight (%)\n\
                SENIOR NOTES 3.5% 2030,kyg875721634,,1.0\n\
                SENIOR NOTES 3.5% 2030,,issuer code (KYG875721634) per custodian,2.0\n\
                SENIOR NOTES 3.5% 2030,123456789012,\"1,234,567,890.12\",1.0\n";
    let (code, report) = common::screen_stdin_json(text, &["--all", "--list", "us-dod-1260h"]);
    assert_eq!(code, 1, "{report}");
    let results: Vec<(u64, &str, &str)> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["verdict"].as_str().unwrap(),
                r["isin"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            (2, "match", "KYG875721634"),
            (3, "match", "KYG875721634"),
            (4, "clear", "")
        ]
    );
}
