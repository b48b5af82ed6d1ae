//! Treasury's NS-CMIC list screened alongside 1260H: prohibition dates in
//! the findings, both lists for one holding, bonds by ISIN, and the data's
//! links to the 1260H list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{AS_OF, run, screen_json, stdout};
use redlist::list::Catalog;
use serde_json::Value;

const FILE: &str = "tests/fixtures/nscmic/em-etf-2020.csv";

fn results<'a>(report: &'a Value, list: &str) -> Vec<&'a Value> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["list"] == list)
        .collect()
}

/// The entity ids of the matches among `results`.
fn matched_ids<'a>(results: &[&'a Value]) -> Vec<&'a str> {
    results
        .iter()
        .filter(|r| r["verdict"] == "match")
        .map(|r| r["entity_id"].as_str().unwrap())
        .collect()
}

#[test]
fn an_emerging_markets_fund_is_screened_against_both_lists() {
    let (code, report) = screen_json(FILE, &[]);
    assert_eq!(code, 1);
    let lists: Vec<&str> = common::texts(&report["snapshots"], "list");
    assert_eq!(lists, ["us-dod-1260h", "us-treasury-nscmic"]);
    assert!(
        report["snapshots"][1]["applies"]
            .as_str()
            .unwrap()
            .contains("50 percent rule does not apply")
    );

    let nscmic = results(&report, "us-treasury-nscmic");
    let matched = matched_ids(&nscmic);
    for id in [
        "china-mobile",
        "china-telecom",
        "china-unicom-hong-kong",
        "cnooc",
        "semiconductor-manufacturing-international",
        "hangzhou-hikvision-digital-technology",
    ] {
        assert!(matched.contains(&id), "{id} on NS-CMIC: {matched:?}");
    }
    for r in &nscmic {
        assert_eq!(r["effective"], "2021-08-02", "{r}");
        assert_eq!(r["divestment_until"], "2022-06-03", "{r}");
    }
    // The bond is found by its ISIN alone.
    let bond = nscmic
        .iter()
        .find(|r| r["line"] == 14)
        .expect("the bond line");
    assert_eq!(
        bond["entity_id"],
        "semiconductor-manufacturing-international"
    );
    assert_eq!(bond["evidence"]["kind"], "isin");
    // On 1260H where they are on it; CNOOC Limited left it in 2025.
    let dod = results(&report, "us-dod-1260h");
    let on_1260h = matched_ids(&dod);
    for id in [
        "china-mobile",
        "china-telecom",
        "china-unicom-hong-kong",
        "semiconductor-manufacturing-international",
        "tencent-holdings",
    ] {
        assert!(on_1260h.contains(&id), "{id} on 1260H: {on_1260h:?}");
    }
    let cnooc = dod.iter().find(|r| r["line"] == 9).unwrap();
    assert_eq!(cnooc["formerly_listed"]["entity_id"], "cnooc");
    // Tencent is on 1260H only; TSMC, Samsung and Reliance on neither.
    assert!(!nscmic.iter().any(|r| r["entity_id"] == "tencent-holdings"));
    for line in [12, 13, 15] {
        assert!(
            !report["results"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["line"] == line && r["verdict"] != "clear"),
            "line {line}"
        );
    }
    // Exposure by list and status.
    assert!(
        report["summary"]["exposure"]["by_list"]["us-treasury-nscmic"]["enacted"]["holdings"]
            .as_u64()
            .unwrap()
            >= 6
    );

    let table = stdout(&run(&["screen", FILE, "--as-of", AS_OF]));
    assert!(
        table.contains(
            "[purchase prohibited since 2021-08-02, divestment allowed until 2022-06-03]"
        ),
        "{table}"
    );
    assert!(table.contains("what applies to its matches:"), "{table}");
}

#[test]
fn lists_can_be_chosen() {
    let (_, report) = screen_json(FILE, &["--list", "us-treasury-nscmic"]);
    assert_eq!(report["snapshots"].as_array().unwrap().len(), 1);
    assert!(results(&report, "us-dod-1260h").is_empty());
    let (_, report) = screen_json(
        FILE,
        &["--list", "us-treasury-nscmic", "--list", "us-dod-1260h"],
    );
    assert_eq!(report["snapshots"].as_array().unwrap().len(), 2);
    let (_, report) = screen_json(FILE, &["--list", "all"]);
    assert_eq!(
        report["snapshots"].as_array().unwrap().len(),
        2,
        "the 1237 list is not in force today"
    );
}

#[test]
fn ns_cmic_data_is_linked_to_1260h() {
    let catalog = Catalog::embedded().unwrap();
    let nscmic = catalog.get("us-treasury-nscmic").unwrap();
    let dod = catalog.get("us-dod-1260h").unwrap();
    let last = nscmic.snapshots.last().unwrap();
    assert_eq!(last.entities.len(), 68);
    let dod_ids: std::collections::BTreeSet<&str> = dod
        .snapshots
        .iter()
        .flat_map(|s| s.entities.iter().map(|e| e.id.as_str()))
        .collect();
    for entity in &last.entities {
        let link = format!("also on us-dod-1260h as {}", entity.id);
        if dod_ids.contains(entity.id.as_str()) {
            assert!(
                entity.note.contains(&link),
                "{}: note should say {link:?}: {}",
                entity.id,
                entity.note
            );
        } else {
            assert!(
                !entity.note.contains("also on us-dod-1260h"),
                "{}: {}",
                entity.id,
                entity.note
            );
        }
        assert!(
            entity.effective.is_some() && entity.divestment_until.is_some(),
            "{}",
            entity.id
        );
    }
    // And the other way: 1260H entries on NS-CMIC say so.
    let nscmic_ids: std::collections::BTreeSet<&str> =
        last.entities.iter().map(|e| e.id.as_str()).collect();
    let current = dod.snapshots.last().unwrap();
    for entity in current
        .entities
        .iter()
        .filter(|e| nscmic_ids.contains(e.id.as_str()))
    {
        assert!(
            entity
                .note
                .contains(&format!("also on us-treasury-nscmic as {}", entity.id)),
            "{}: {}",
            entity.id,
            entity.note
        );
    }
}
