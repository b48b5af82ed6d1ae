//! Every holdings fixture under `tests/fixtures/portfolios` and
//! `tests/fixtures/broken` carries a sidecar `<file>.expect.json` saying
//! exactly what a screen of it must report: encoding, header line, the
//! accounting of every row, each finding by line, and the exit code (or the
//! error). This test screens each and compares.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{AS_OF, file_name, run, stderr};
use serde_json::Value;

fn sidecars() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in ["tests/fixtures/portfolios", "tests/fixtures/broken"] {
        for entry in std::fs::read_dir(common::root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().ends_with(".expect.json") {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(
        found.len() >= 40,
        "fixtures are missing: found {}",
        found.len()
    );
    found
}

#[test]
fn every_fixture_screens_as_its_sidecar_says() {
    let mut failures = Vec::new();
    for sidecar in sidecars() {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
        let fixture = sidecar
            .to_string_lossy()
            .trim_end_matches(".expect.json")
            .to_string();
        // The expectations are written against the 1260H list.
        let output = run(&[
            "screen",
            &fixture,
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--list",
            "us-dod-1260h",
        ]);
        let code = output.status.code().unwrap();
        let name = file_name(&PathBuf::from(&fixture));
        let mut problems = Vec::new();
        if stderr(&output).contains("panicked") {
            problems.push(format!("it panicked: {}", stderr(&output)));
        }
        if code != expected["exit"].as_i64().unwrap() as i32 {
            problems.push(format!(
                "exit {code}, expected {}; stderr: {}",
                expected["exit"],
                stderr(&output)
            ));
        }
        if let Some(error) = expected["error"].as_str() {
            let message = stderr(&output);
            if !message.contains(&name) {
                problems.push(format!("the error does not name the file: {message}"));
            }
            // Where the expectation names a line, the message must too.
            if let Some(line) = error
                .split("line ")
                .nth(1)
                .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
                && !line.is_empty()
                && !message.contains(&format!(":{line}:"))
                && !message.contains(&format!("line {line}"))
            {
                problems.push(format!("the error does not name line {line}: {message}"));
            }
            // An error found before screening prints no report; one found
            // while streaming ends the JSON document with the error and
            // exit code 2, so it cannot be read as complete.
            if !output.stdout.is_empty() {
                match serde_json::from_slice::<Value>(&output.stdout) {
                    Ok(report)
                        if report["outcome"]["exit_code"] == 2 && report["error"].is_string() => {}
                    _ => problems.push("an error left a report that does not say it failed".into()),
                }
            }
        } else {
            compare_report(&expected, &output.stdout, &mut problems);
        }
        if !problems.is_empty() {
            failures.push(format!("{fixture}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn compare_report(expected: &Value, stdout: &[u8], problems: &mut Vec<String>) {
    let report: Value = match serde_json::from_slice(stdout) {
        Ok(v) => v,
        Err(e) => return problems.push(format!("stdout is not JSON: {e}")),
    };
    let input = &report["inputs"][0];
    for key in ["header_line", "encoding", "delimiter"] {
        let want = &expected[key];
        if !want.is_null() && want != &input[key] {
            problems.push(format!("{key} {} != {want}", input[key]));
        }
    }
    if let Some(sheet) = expected.get("sheet").filter(|s| !s.is_null())
        && sheet != &input["sheet"]
    {
        problems.push(format!("sheet {} != {sheet}", input["sheet"]));
    }
    let rows = &expected["rows"];
    for key in ["read", "screened", "rejected"] {
        if rows[key] != input["rows"][key] {
            problems.push(format!(
                "rows.{key} {} != {}",
                input["rows"][key], rows[key]
            ));
        }
    }
    let want_skipped: BTreeMap<String, u64> = rows["skipped"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, n)| n.as_u64() != Some(0))
        .map(|(k, n)| (k.clone(), n.as_u64().unwrap()))
        .collect();
    let got_skipped: BTreeMap<String, u64> =
        serde_json::from_value(input["rows"]["skipped_by_reason"].clone()).unwrap();
    if want_skipped != got_skipped {
        problems.push(format!("skipped {got_skipped:?} != {want_skipped:?}"));
    }
    if let Some(basis) = expected["exposure_basis"].as_str() {
        let exposure = &input["exposure"];
        let got = match (exposure["basis"].as_str(), exposure["weight_unit"].as_str()) {
            (Some("weight"), Some(unit)) => format!("weight-{unit}"),
            (Some(b), _) => b.to_string(),
            _ => String::new(),
        };
        if got != basis {
            problems.push(format!("exposure basis {got} != {basis}"));
        }
    }

    let results: BTreeMap<u64, &Value> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r))
        .collect();
    let mut expected_lines = Vec::new();
    for finding in expected["findings"].as_array().unwrap() {
        let line = finding["line"].as_u64().unwrap();
        expected_lines.push(line);
        let Some(got) = results.get(&line) else {
            problems.push(format!(
                "line {line} {}: expected {}, not reported",
                finding["name"], finding["expect"]
            ));
            continue;
        };
        if got["verdict"] != finding["expect"] || got["entity_name"] != finding["company"] {
            problems.push(format!(
                "line {line} {}: expected {} {}, got {} {} ({})",
                finding["name"],
                finding["expect"],
                finding["company"],
                got["verdict"],
                got["entity_name"],
                got["evidence"]
            ));
        }
        if let Some(status) = finding.get("status")
            && got["status"] != *status
        {
            problems.push(format!("line {line}: status {} != {status}", got["status"]));
        }
    }
    for (line, got) in &results {
        if !expected_lines.contains(line) && got["verdict"] != "clear" {
            problems.push(format!(
                "line {line} {}: unexpected {} {}",
                got["name"], got["verdict"], got["entity_name"]
            ));
        }
    }
    if let Some(rejected) = expected.get("rejected_rows").and_then(Value::as_array) {
        let got: Vec<u64> = input["rejected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect();
        let want: Vec<u64> = rejected.iter().filter_map(|r| r["line"].as_u64()).collect();
        if got != want {
            problems.push(format!("rejected lines {got:?} != {want:?}"));
        }
    }
}
