//! From parsed arguments to resolved settings. This is the only place that
//! reads the environment (`NO_COLOR`, `TERM`), asks whether output is a
//! terminal, or asks for today's date.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{ColorChoice, CommonArgs};
use crate::list::{Catalog, ListHistory, Snapshot, load_user_list};

/// The list `diff` and `eval` use by default.
pub const DEFAULT_LIST: &str = "us-dod-1260h";

/// Which lists a command uses when `--list` is not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultLists {
    /// Every carried list in force on the date (`screen`, `lookup`, `lists`).
    InForce,
    /// The 1260H list (`diff`, `eval`, which look at one list).
    Dod1260h,
}

/// A list and the snapshot in effect on the screen's date.
#[derive(Clone, Debug)]
pub struct ResolvedList {
    /// The list with all its snapshots.
    pub history: ListHistory,
    /// Index of the snapshot in effect.
    pub index: usize,
}

impl ResolvedList {
    /// The snapshot in effect.
    pub fn snapshot(&self) -> &Snapshot {
        &self.history.snapshots[self.index]
    }

    /// `lists/<id>/<date>.csv` or the user's path.
    pub fn source(&self) -> String {
        self.snapshot().origin.clone()
    }
}

/// Settings shared by every command, resolved.
#[derive(Clone, Debug)]
pub struct Common {
    /// The screen's date.
    pub as_of: NaiveDate,
    /// The lists, each with its snapshot in effect at `as_of`.
    pub lists: Vec<ResolvedList>,
    /// Colour on standard output.
    pub color: bool,
    /// Only errors are printed.
    pub quiet: bool,
    /// Notes for standard error (e.g. a list used past its end).
    pub warnings: Vec<String>,
}

/// Today, in the local time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Resolves the shared options.
pub fn resolve_common(
    args: &CommonArgs,
    catalog: &Catalog,
    default: DefaultLists,
) -> Result<Common> {
    let as_of = args.as_of.unwrap_or_else(today);
    let mut warnings = Vec::new();
    let lists = resolve_lists(&args.lists, catalog, as_of, default, &mut warnings)?;
    Ok(Common {
        as_of,
        lists,
        color: color(args.color),
        quiet: args.quiet,
        warnings,
    })
}

/// Whether to colour standard output.
pub fn color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Whether to draw progress on standard error: a terminal, and not quiet.
pub fn progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// The lists named by `--list` (ids, `all`, or paths), or the default.
fn resolve_lists(
    given: &[String],
    catalog: &Catalog,
    as_of: NaiveDate,
    default: DefaultLists,
    warnings: &mut Vec<String>,
) -> Result<Vec<ResolvedList>> {
    let mut resolved: Vec<ResolvedList> = Vec::new();
    let names: Vec<&str> = match (given.is_empty(), default) {
        (false, _) => given.iter().map(String::as_str).collect(),
        (true, DefaultLists::InForce) => vec!["all"],
        (true, DefaultLists::Dod1260h) => vec![DEFAULT_LIST],
    };
    for name in names {
        if name == "all" {
            for history in &catalog.lists {
                if history.in_force(as_of)
                    && let Some(list) = at(history, as_of)
                {
                    resolved.push(list);
                }
            }
            continue;
        }
        let history = match catalog.get(name) {
            Some(history) => history.clone(),
            None if looks_like_path(name) => load_user_list(Path::new(name))?,
            None => bail!(
                "unknown list {name:?}: the lists are {} (or give a path to a snapshot CSV)",
                catalog.ids()
            ),
        };
        let Some(list) = at(&history, as_of) else {
            bail!(
                "{}: no snapshot on or before {as_of}; its snapshots are dated {}",
                history.info.id,
                history.dates()
            );
        };
        if let Some(end) = history.info.in_force_until
            && as_of >= end
        {
            warnings.push(format!(
                "{} ended on {end}; screening {as_of} against its last snapshot for reference only",
                history.info.id
            ));
        }
        resolved.push(list);
    }
    let mut seen = std::collections::HashSet::new();
    resolved.retain(|l| seen.insert(l.history.info.id.clone()));
    if resolved.is_empty() {
        let starts: Vec<String> = catalog
            .lists
            .iter()
            .filter_map(|l| {
                l.snapshots
                    .first()
                    .map(|s| format!("{} from {}", l.info.id, s.date))
            })
            .collect();
        bail!(
            "no list has a snapshot in effect on {as_of}: {}",
            starts.join(", ")
        );
    }
    Ok(resolved)
}

fn at(history: &ListHistory, as_of: NaiveDate) -> Option<ResolvedList> {
    let index = history.snapshots.iter().rposition(|s| s.date <= as_of)?;
    Some(ResolvedList {
        history: history.clone(),
        index,
    })
}

fn looks_like_path(name: &str) -> bool {
    name.contains(['/', '\\', '.']) || Path::new(name).exists()
}
