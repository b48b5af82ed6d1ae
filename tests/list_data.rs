//! Guards on the list data we ship: every snapshot loads and validates, ids
//! are stable across snapshots, counts reconcile with the published counts,
//! identifiers are valid, and every snapshot is documented.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use redlist::list::{Catalog, Status};
use redlist::matching::isin;

fn catalog() -> Catalog {
    Catalog::embedded().expect("the shipped lists load and validate")
}

#[test]
fn the_three_lists_are_carried() {
    let ids: Vec<String> = catalog().lists.iter().map(|l| l.info.id.clone()).collect();
    assert_eq!(ids, ["us-dod-1237", "us-dod-1260h", "us-treasury-nscmic"]);
}

#[test]
fn enacted_counts_reconcile_with_the_published_counts() {
    let catalog = catalog();
    let counts = |list: &str| -> BTreeMap<String, usize> {
        catalog
            .get(list)
            .unwrap()
            .snapshots
            .iter()
            .map(|s| (s.date.to_string(), s.count(Status::Enacted)))
            .collect()
    };
    let h = counts("us-dod-1260h");
    // Published: 47, 60, 73, 134, 188. The 2025 edition prints Xi'an
    // Aircraft Industry Group separately; the data folds it into AVIC Xi'an
    // (the 2026 edition calls it that entity's former name): 133. See
    // lists/us-dod-1260h/README.md.
    for (date, published) in [
        ("2021-06-03", 47),
        ("2022-10-05", 60),
        ("2024-01-31", 73),
        ("2025-01-07", 133),
        ("2026-06-08", 188),
    ] {
        assert_eq!(h[date], published, "us-dod-1260h {date}");
    }
    assert_eq!(h["2024-12-18"], 71, "after the AMEC and IDG removals");
    let r = counts("us-dod-1237");
    for (date, n) in [
        ("2020-06-24", 20),
        ("2020-08-28", 31),
        ("2020-12-03", 35),
        ("2021-01-14", 44),
        ("2021-05-25", 43),
    ] {
        assert_eq!(r[date], n, "us-dod-1237 {date}");
    }
    let t = counts("us-treasury-nscmic");
    for (date, n) in [("2021-06-03", 59), ("2021-12-10", 60), ("2021-12-16", 68)] {
        assert_eq!(t[date], n, "us-treasury-nscmic {date}");
    }
}

#[test]
fn recommendations_are_dated_when_they_became_public() {
    let catalog = catalog();
    let h = catalog.get("us-dod-1260h").unwrap();
    let at = |date: &str| h.at(redlist::list::parse_date(date).unwrap()).unwrap();
    let alibaba = |date: &str| at(date).entity("alibaba-group-holding").map(|e| e.status);
    assert_eq!(alibaba("2024-06-30"), None);
    assert_eq!(alibaba("2025-12-01"), Some(Status::Recommended));
    assert_eq!(alibaba("2026-07-01"), Some(Status::Enacted));
    assert_eq!(at("2026-06-08").count(Status::Recommended), 12);
}

#[test]
fn ids_name_one_entity_across_snapshots_and_lists() {
    for list in catalog().lists {
        let mut names: HashMap<String, Vec<(String, Vec<String>)>> = HashMap::new();
        for snapshot in &list.snapshots {
            let mut printed: HashMap<&str, &str> = HashMap::new();
            for entity in &snapshot.entities {
                if let Some(other) = printed.insert(entity.name.as_str(), entity.id.as_str()) {
                    panic!(
                        "{} {}: {} and {} have the same name",
                        list.info.id, snapshot.date, other, entity.id
                    );
                }
                names
                    .entry(entity.id.clone())
                    .or_default()
                    .push((entity.name.clone(), entity.aliases.clone()));
            }
        }
        // A renamed entity keeps its id and carries the old name as an alias.
        for (id, forms) in names {
            let (latest, aliases) = forms.last().unwrap();
            for (name, _) in &forms {
                assert!(
                    name == latest || aliases.contains(name),
                    "{}: id {id} is {name:?} in one snapshot and {latest:?} later, without the old name as an alias",
                    list.info.id
                );
            }
        }
    }
}

#[test]
fn every_identifier_is_valid_and_every_date_in_order() {
    for list in catalog().lists {
        for snapshot in &list.snapshots {
            for entity in &snapshot.entities {
                for code in &entity.isins {
                    assert!(
                        isin::is_valid(code),
                        "{} {}: {code}",
                        list.info.id,
                        entity.id
                    );
                }
                assert!(
                    entity.since <= snapshot.date,
                    "{} {}: since after the file date",
                    list.info.id,
                    entity.id
                );
                if let Some(effective) = entity.effective {
                    assert!(
                        effective >= entity.since,
                        "{}: effective before listing",
                        entity.id
                    );
                }
                assert!(!entity.sources.is_empty());
            }
        }
    }
}

#[test]
fn every_snapshot_is_documented() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for list in catalog().lists {
        let readme =
            std::fs::read_to_string(root.join("lists").join(&list.info.id).join("README.md"))
                .unwrap();
        for snapshot in &list.snapshots {
            assert!(
                readme.contains(&snapshot.date.to_string()),
                "{} README does not mention {}",
                list.info.id,
                snapshot.date
            );
        }
    }
}

#[test]
fn the_1237_list_ended_when_1260h_and_ns_cmic_began() {
    let catalog = catalog();
    let old = catalog.get("us-dod-1237").unwrap();
    let end = old.info.in_force_until.expect("the 1237 list has an end");
    assert_eq!(end.to_string(), "2021-06-03");
    assert!(old.in_force(redlist::list::parse_date("2021-01-15").unwrap()));
    assert!(!old.in_force(end));
}
