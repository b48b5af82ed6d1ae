//! What changed between two snapshots of one list.

use serde::Serialize;

use super::snapshot::{Entity, Snapshot, Status};

/// One entity's change.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// The entity's id.
    pub entity_id: String,
    /// Its name in the later snapshot (the earlier one for a removal).
    pub name: String,
    /// Its status in the earlier snapshot, if it was there.
    pub from_status: Option<Status>,
    /// Its status in the later snapshot, if it is there.
    pub to_status: Option<Status>,
    /// Its name in the earlier snapshot, when it was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub former_name: Option<String>,
    /// The date it got its later status (for additions and status changes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<chrono::NaiveDate>,
}

/// The changes from one snapshot to another, each group sorted by id.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ListDiff {
    /// Enacted in the later snapshot, absent from the earlier.
    pub added: Vec<Change>,
    /// Recommended in the later snapshot, absent from the earlier.
    pub recommended: Vec<Change>,
    /// In the earlier snapshot, absent from the later.
    pub removed: Vec<Change>,
    /// In both, with a different status (e.g. recommended to enacted).
    pub status_changes: Vec<Change>,
    /// In both, with a different printed name.
    pub renamed: Vec<Change>,
}

impl ListDiff {
    /// Compares `from` with `to`.
    pub fn between(from: &Snapshot, to: &Snapshot) -> ListDiff {
        let mut diff = ListDiff::default();
        for new in &to.entities {
            match from.entity(&new.id) {
                None => {
                    let change = change(new, None, Some(new));
                    match new.status {
                        Status::Enacted => diff.added.push(change),
                        Status::Recommended => diff.recommended.push(change),
                    }
                }
                Some(old) => {
                    if old.status != new.status {
                        diff.status_changes.push(change(new, Some(old), Some(new)));
                    }
                    if old.name != new.name {
                        let mut renamed = change(new, Some(old), Some(new));
                        renamed.former_name = Some(old.name.clone());
                        renamed.since = None;
                        diff.renamed.push(renamed);
                    }
                }
            }
        }
        for old in &from.entities {
            if to.entity(&old.id).is_none() {
                diff.removed.push(change(old, Some(old), None));
            }
        }
        for group in [
            &mut diff.added,
            &mut diff.recommended,
            &mut diff.removed,
            &mut diff.status_changes,
            &mut diff.renamed,
        ] {
            group.sort_by(|a, b| a.entity_id.cmp(&b.entity_id));
        }
        diff
    }

    /// Keeps only changes whose entity id satisfies `keep`.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for group in [
            &mut self.added,
            &mut self.recommended,
            &mut self.removed,
            &mut self.status_changes,
            &mut self.renamed,
        ] {
            group.retain(|c| keep(&c.entity_id));
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.recommended.is_empty()
            && self.removed.is_empty()
            && self.status_changes.is_empty()
            && self.renamed.is_empty()
    }
}

fn change(shown: &Entity, old: Option<&Entity>, new: Option<&Entity>) -> Change {
    Change {
        entity_id: shown.id.clone(),
        name: shown.name.clone(),
        from_status: old.map(|e| e.status),
        to_status: new.map(|e| e.status),
        former_name: None,
        since: new.map(|e| e.since),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::list::parse_date;

    fn snapshot(date: &str, rows: &[(&str, &str, &str)]) -> Snapshot {
        let mut text = String::from(
            "entity_id,name,status,since,aliases,parent_id,tickers,isins,source,note\n",
        );
        for (id, name, status) in rows {
            text.push_str(&format!(
                "{id},{name},{status},2020-01-01,,,,,https://example.org,\n"
            ));
        }
        Snapshot::from_reader("t", parse_date(date).unwrap(), "t", text.as_bytes()).unwrap()
    }

    #[test]
    fn sorts_changes_into_groups() {
        let from = snapshot(
            "2025-01-01",
            &[
                ("a", "A", "enacted"),
                ("b", "B", "recommended"),
                ("c", "C", "enacted"),
            ],
        );
        let to = snapshot(
            "2026-01-01",
            &[
                ("a", "A New", "enacted"),
                ("b", "B", "enacted"),
                ("d", "D", "enacted"),
                ("e", "E", "recommended"),
            ],
        );
        let diff = ListDiff::between(&from, &to);
        let ids = |g: &[Change]| g.iter().map(|c| c.entity_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&diff.added), ["d"]);
        assert_eq!(ids(&diff.recommended), ["e"]);
        assert_eq!(ids(&diff.removed), ["c"]);
        assert_eq!(ids(&diff.status_changes), ["b"]);
        assert_eq!(ids(&diff.renamed), ["a"]);
        assert_eq!(diff.renamed[0].former_name.as_deref(), Some("A"));
        assert!(ListDiff::between(&to, &to).is_empty());
    }
}
