//! Lists and their dated snapshots: the model, loading with validation, the
//! snapshots compiled into the binary, choosing the one in effect on a date,
//! and comparing two of them.

mod catalog;
mod diff;
mod snapshot;

pub use catalog::{Catalog, ListHistory, ListInfo, load_user_list};
pub use diff::{Change, ListDiff};
pub use snapshot::{Entity, REQUIRED as SNAPSHOT_COLUMNS, Snapshot, Status, parse_date};
