//! The lists over time: `--as-of` picks the snapshot in effect, removed
//! entities are reported as formerly listed, `lists` and `diff` show the
//! history, and stale snapshots warn or fail.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{redlist, run, stderr, stdout};
use serde_json::Value;

/// Screens one holding line against 1260H as of `date`; the JSON result.
fn screen_one(name: &str, ticker: &str, date: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("holdings.csv");
    std::fs::write(&file, format!("Name,Ticker\n{name},{ticker}\n")).unwrap();
    let output = redlist()
        .args([
            "screen",
            "--format",
            "json",
            "--list",
            "us-dod-1260h",
            "--as-of",
            date,
        ])
        .arg(&file)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

#[test]
fn alibaba_over_time() {
    let (code, report) = screen_one("ALIBABA GROUP HOLDING LTD", "9988 HK", "2025-12-01");
    assert_eq!(report["snapshots"][0]["date"], "2025-11-26");
    assert_eq!(report["results"][0]["status"], "recommended");
    assert_eq!(code, 0, "recommended does not fail --fail-on enacted");

    let (code, report) = screen_one("ALIBABA GROUP HOLDING LTD", "9988 HK", "2026-07-01");
    assert_eq!(report["snapshots"][0]["date"], "2026-06-08");
    assert_eq!(report["results"][0]["status"], "enacted");
    assert_eq!(code, 1);

    let (code, report) = screen_one("ALIBABA GROUP HOLDING LTD", "9988 HK", "2024-06-30");
    assert_eq!(report["snapshots"][0]["date"], "2024-01-31");
    assert!(
        report["results"].as_array().unwrap().is_empty(),
        "not listed then: {report}"
    );
    assert_eq!(report["summary"]["verdicts"]["clear"], 1);
    assert_eq!(code, 0);
}

#[test]
fn removed_entities_are_formerly_listed_and_never_fail() {
    let (code, report) = screen_one(
        "CHINA RAILWAY CONSTRUCTION CORP LTD-H",
        "1186 HK",
        "2025-06-01",
    );
    let result = &report["results"][0];
    assert_eq!(result["verdict"], "clear");
    assert_eq!(
        result["formerly_listed"]["entity_id"],
        "china-railway-construction"
    );
    assert_eq!(result["formerly_listed"]["removed_on"], "2025-01-07");
    assert_eq!(code, 0);
    // Not even at the strictest level.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.csv");
    std::fs::write(
        &file,
        "Name,Ticker\nCHINA RAILWAY CONSTRUCTION CORP LTD-H,1186 HK\n",
    )
    .unwrap();
    // (On 1260H: the same company is still on Treasury's NS-CMIC list.)
    let output = redlist()
        .args([
            "screen",
            "--as-of",
            "2025-06-01",
            "--fail-on",
            "review",
            "--list",
            "us-dod-1260h",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).contains("formerly listed"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn lists_shows_every_snapshot_with_counts() {
    let output = run(&["lists", "--format", "json", "--as-of", "2026-11-24"]);
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let lists = report["lists"].as_array().unwrap();
    let find = |id: &str| lists.iter().find(|l| l["id"] == id).unwrap();
    let enacted = |id: &str| -> Vec<u64> {
        find(id)["snapshots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["counts"]["enacted"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(
        enacted("us-dod-1260h"),
        [47, 60, 73, 71, 133, 133, 133, 188]
    );
    assert_eq!(enacted("us-dod-1237"), [20, 31, 35, 44, 43]);
    assert_eq!(enacted("us-treasury-nscmic"), [59, 60, 68]);
    assert_eq!(find("us-dod-1260h")["in_effect"], "2026-06-08");
    assert_eq!(find("us-dod-1237")["in_force_until"], "2021-06-03");
    for list in lists {
        for snapshot in list["snapshots"].as_array().unwrap() {
            assert_eq!(snapshot["sha256"].as_str().unwrap().len(), 64);
        }
    }
    let table = stdout(&run(&["lists", "--as-of", "2025-12-01"]));
    assert!(
        table.contains("2025-11-26") && table.contains("<- in effect 2025-12-01"),
        "{table}"
    );
}

#[test]
fn diff_shows_what_an_edition_changed() {
    let output = run(&["diff", "2025-01-07", "2026-06-08", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["entity_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(report["from"]["snapshot"], "2025-01-07");
    assert_eq!(report["to"]["snapshot"], "2026-06-08");
    assert_eq!(
        ids("added").len(),
        65,
        "the June 2026 edition added 65 entities"
    );
    assert_eq!(ids("removed").len(), 10, "and removed 10");
    assert!(ids("added").contains(&"alibaba-group-holding".to_string()));
    assert!(ids("removed").contains(&"costar-group".to_string()));
    for key in ["recommended", "status_changes", "renamed"] {
        assert!(report[key].is_array(), "{key}");
    }
    // From the recommendation to the listing: a status change.
    let output = run(&["diff", "2025-12-01", "2026-06-08", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let changes = report["status_changes"].as_array().unwrap();
    let alibaba = changes
        .iter()
        .find(|c| c["entity_id"] == "alibaba-group-holding")
        .unwrap();
    assert_eq!(
        (
            alibaba["from_status"].as_str(),
            alibaba["to_status"].as_str()
        ),
        (Some("recommended"), Some("enacted"))
    );

    // Only what touches a portfolio.
    let output = run(&[
        "diff",
        "2025-01-07",
        "2026-06-08",
        "--format",
        "json",
        "--portfolio",
        "examples/em-etf-holdings.csv",
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let added: Vec<&str> = common::texts(&report["added"], "entity_id");
    assert!(
        added.contains(&"alibaba-group-holding") && added.contains(&"byd"),
        "{added:?}"
    );
    assert!(added.len() < 10, "only the portfolio's entities: {added:?}");
    assert!(report["removed"].as_array().unwrap().is_empty());

    let table = stdout(&run(&["diff", "2025-01-07", "2026-06-08"]));
    assert!(table.contains("added (enacted): 65"), "{table}");
    let backwards = run(&["diff", "2026-06-08", "2025-01-07"]);
    assert_eq!(backwards.status.code(), Some(2));
}

#[test]
fn stale_snapshots_warn_and_can_fail() {
    let output = run(&[
        "screen",
        "examples/developed-markets.csv",
        "--as-of",
        "2028-06-01",
        "--list",
        "us-dod-1260h",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("us-dod-1260h snapshot 2026-06-08 is 556 days old on 2028-06-01"),
        "{}",
        stderr(&output)
    );
    let output = run(&[
        "screen",
        "examples/developed-markets.csv",
        "--format",
        "json",
        "--as-of",
        "2028-06-01",
        "--list",
        "us-dod-1260h",
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["snapshots"][0]["stale"], true);
    assert_eq!(report["snapshots"][0]["age_days"], 556);
    let output = run(&[
        "screen",
        "examples/developed-markets.csv",
        "--as-of",
        "2026-11-24",
        "--max-list-age",
        "0",
        "--list",
        "us-dod-1260h",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("over --max-list-age 0"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
    let output = run(&[
        "screen",
        "examples/developed-markets.csv",
        "--as-of",
        "2026-11-24",
        "--max-list-age",
        "30",
        "--list",
        "us-dod-1260h",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "current as of 2026-11-23: {}",
        stderr(&output)
    );
}

#[test]
fn the_1237_list_is_screened_for_dates_it_was_in_force() {
    let output = run(&[
        "screen",
        "examples/em-etf-holdings.csv",
        "--format",
        "json",
        "--as-of",
        "2021-02-01",
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let lists: Vec<&str> = common::texts(&report["snapshots"], "list");
    assert_eq!(lists, ["us-dod-1237"]);
    assert_eq!(report["snapshots"][0]["date"], "2021-01-14");
    let xiaomi = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity_id"] == "xiaomi")
        .unwrap();
    assert_eq!(xiaomi["status"], "enacted");
}
