//! One dated snapshot of a list: its entities, and loading them from CSV with
//! full validation.
//!
//! The format is described in `lists/README.md`. Loading is strict: an unknown
//! or missing column, a duplicate id, a bad date or status, an invalid ISIN, a
//! malformed ticker, a `since` after the file date or an entry without a source
//! is an error naming the file, line and column, because a list that loads
//! half-right would screen half-right.

use std::io::Read;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::matching::isin;
use crate::matching::ticker::ListedTicker;

/// Whether an entity is on the published list or only named for addition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// On the published list.
    Enacted,
    /// Named for addition (by the issuing body or by legislators), not listed.
    Recommended,
}

impl Status {
    /// The word used in snapshot files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Enacted => "enacted",
            Status::Recommended => "recommended",
        }
    }
}

/// One entry of a snapshot.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// Stable kebab-case id, the same in every snapshot of the list.
    pub id: String,
    /// The name as the issuing body prints it.
    pub name: String,
    /// Enacted or recommended.
    pub status: Status,
    /// The date the entity got this status.
    pub since: NaiveDate,
    /// Other names: former names, short forms, market short names.
    pub aliases: Vec<String>,
    /// The parent entity's id, when the parent is in the same snapshot.
    pub parent_id: Option<String>,
    /// The entity's own listed shares.
    pub tickers: Vec<ListedTicker>,
    /// ISINs of the entity's own securities, check digit valid.
    pub isins: Vec<String>,
    /// URLs of the documents that state this entry.
    pub sources: Vec<String>,
    /// Free text: caveats, which letter recommended it, identifiers left out.
    pub note: String,
    /// The date the legal effect starts, where the list has one (NS-CMIC).
    pub effective: Option<NaiveDate>,
    /// The end of the divestment window, where the list has one (NS-CMIC).
    pub divestment_until: Option<NaiveDate>,
}

/// The whole state of one list from one date.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The list this snapshot belongs to, e.g. `us-dod-1260h`.
    pub list_id: String,
    /// The date this state took effect.
    pub date: NaiveDate,
    /// Where it was loaded from: `lists/<id>/<date>.csv` (embedded) or a path.
    pub origin: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The entries, in file order (shared with the matcher's targets).
    pub entities: Vec<Arc<Entity>>,
}

impl Snapshot {
    /// Number of entities with the given status.
    pub fn count(&self, status: Status) -> usize {
        self.entities.iter().filter(|e| e.status == status).count()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id).map(|e| &**e)
    }

    /// Parses and validates a snapshot.
    ///
    /// `origin` names the file in error messages; `date` is the file's date,
    /// against which every `since` is checked. Errors name the origin, the
    /// line and the column.
    pub fn from_reader(
        list_id: &str,
        date: NaiveDate,
        origin: &str,
        mut reader: impl Read,
    ) -> Result<Snapshot> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read list snapshot {origin}"))?;
        let (sha256, entities) = rayon::join(
            || hex(&Sha256::digest(&bytes)),
            || {
                let text = std::str::from_utf8(&bytes).map_err(|e| {
                    let line = bytes[..e.valid_up_to()]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    anyhow::anyhow!(
                        "{origin}:{line}: list snapshot is not valid UTF-8; save it as UTF-8"
                    )
                })?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                parse_entities(text, date, origin)
            },
        );
        let entities = entities?;
        Ok(Snapshot {
            list_id: list_id.to_string(),
            date,
            origin: origin.to_string(),
            sha256,
            entities,
        })
    }
}

/// The columns of a snapshot file, in the order of `lists/README.md`.
pub const REQUIRED: [&str; 10] = [
    "entity_id",
    "name",
    "status",
    "since",
    "aliases",
    "parent_id",
    "tickers",
    "isins",
    "source",
    "note",
];
const OPTIONAL: [&str; 2] = ["effective", "divestment_until"];

/// Rows checked together on every core.
const CHUNK_ROWS: usize = 4096;

/// Column positions in one file.
struct Columns {
    at: [usize; 10],
    effective: Option<usize>,
    divestment_until: Option<usize>,
}

/// Rows read one after another, their buffers kept from chunk to chunk.
#[derive(Default)]
struct Chunk {
    records: Vec<csv::StringRecord>,
    len: usize,
    /// The row that could not be read, after the rows before it.
    unreadable: Option<anyhow::Error>,
    /// The end of the file (or an unreadable row) came in this chunk.
    last: bool,
}

impl Chunk {
    /// Reads up to [`CHUNK_ROWS`] rows.
    fn fill(&mut self, reader: &mut csv::Reader<&[u8]>, origin: &str) {
        self.len = 0;
        self.unreadable = None;
        self.last = false;
        while self.len < CHUNK_ROWS {
            if self.records.len() == self.len {
                self.records.push(csv::StringRecord::new());
            }
            match reader.read_record(&mut self.records[self.len]) {
                Ok(true) => self.len += 1,
                Ok(false) => {
                    self.last = true;
                    break;
                }
                Err(error) => {
                    self.unreadable = Some(csv_error(origin, &error));
                    self.last = true;
                    break;
                }
            }
        }
    }

    /// The rows read by the last [`Chunk::fill`].
    fn records(&self) -> &[csv::StringRecord] {
        &self.records[..self.len]
    }
}

fn parse_entities(text: &str, date: NaiveDate, origin: &str) -> Result<Vec<Arc<Entity>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => bail!(
            "{origin}: list snapshot is empty; it needs the header row {}",
            REQUIRED.join(",")
        ),
        Err(error) => {
            return Err(error).with_context(|| format!("{origin}:1: cannot parse the header row"));
        }
    }
    let columns = locate_columns(&header, origin)?;

    // Rows are read a chunk at a time, each chunk checked on every core
    // while the next is read; the error reported is the first in file
    // order.
    let mut entities: Vec<Arc<Entity>> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let mut failure = None;
    let mut chunk = Chunk::default();
    let mut next = Chunk::default();
    chunk.fill(&mut reader, origin);
    loop {
        let (_, parsed) = rayon::join(
            || {
                if !chunk.last {
                    next.fill(&mut reader, origin);
                }
            },
            || {
                chunk
                    .records()
                    .par_iter()
                    .map(|record| parse_row(record, &header, &columns, date, origin))
                    .collect::<Vec<Result<Option<Entity>>>>()
            },
        );
        for (entity, record) in parsed.into_iter().zip(chunk.records()) {
            match entity {
                Ok(Some(entity)) => {
                    entities.push(Arc::new(entity));
                    lines.push(record.position().map_or(0, |p| p.line()));
                }
                Ok(None) => {}
                Err(error) => {
                    failure = Some(error);
                    break;
                }
            }
        }
        if failure.is_none() {
            failure = chunk.unreadable.take();
        }
        if failure.is_some() || chunk.last {
            break;
        }
        std::mem::swap(&mut chunk, &mut next);
    }

    let mut ids: HashSet<&str> = HashSet::default();
    ids.reserve(entities.len());
    for (entity, line) in entities.iter().zip(lines) {
        if !ids.insert(entity.id.as_str()) {
            let location = Location {
                origin,
                line,
                column: columns.at[0] + 1,
                name: REQUIRED[0],
            };
            bail!(
                "{location}: duplicate entity_id {:?}; ids must be unique within a snapshot",
                entity.id
            );
        }
    }
    if let Some(error) = failure {
        return Err(error);
    }
    for (row, entity) in entities.iter().enumerate() {
        if let Some(parent) = &entity.parent_id
            && !ids.contains(parent.as_str())
        {
            bail!(
                "{origin}: entity {:?} (entry {}) has parent_id {parent:?}, which is not in this snapshot",
                entity.id,
                row + 1
            );
        }
    }
    Ok(entities)
}

/// One row of a snapshot as an entity, or `None` for a blank row.
fn parse_row(
    record: &csv::StringRecord,
    header: &csv::StringRecord,
    columns: &Columns,
    date: NaiveDate,
    origin: &str,
) -> Result<Option<Entity>> {
    let line = record.position().map_or(0, |p| p.line());
    if record.iter().all(|c| c.trim().is_empty()) {
        return Ok(None);
    }
    if record.len() != header.len() {
        bail!(
            "{origin}:{line}: row has {} cells, the header has {}; quote cells that contain commas",
            record.len(),
            header.len()
        );
    }
    let cell = |i: usize| record.get(columns.at[i]).unwrap_or("").trim();
    let at = |i: usize| Location {
        origin,
        line,
        column: columns.at[i] + 1,
        name: REQUIRED[i],
    };
    parse_entity(&cell, &at, record, columns, date, origin, line).map(Some)
}

fn locate_columns(header: &csv::StringRecord, origin: &str) -> Result<Columns> {
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
        .collect();
    for (i, name) in names.iter().enumerate() {
        if !REQUIRED.contains(name) && !OPTIONAL.contains(name) {
            bail!(
                "{origin}:1:{}: unknown column {name:?}; a snapshot has the columns {} and optionally {}",
                i + 1,
                REQUIRED.join(", "),
                OPTIONAL.join(", ")
            );
        }
        if names[..i].contains(name) {
            bail!("{origin}:1:{}: column {name:?} appears twice", i + 1);
        }
    }
    let mut at = [0; 10];
    for (slot, wanted) in at.iter_mut().zip(REQUIRED) {
        *slot = names.iter().position(|n| *n == wanted).with_context(|| {
            format!(
                "{origin}:1: missing column {wanted:?}; the header must name {}",
                REQUIRED.join(", ")
            )
        })?;
    }
    let find = |wanted: &str| names.iter().position(|n| *n == wanted);
    Ok(Columns {
        at,
        effective: find("effective"),
        divestment_until: find("divestment_until"),
    })
}

/// Where a cell is, for error messages: `file:line:column (name)`.
struct Location<'a> {
    origin: &'a str,
    line: u64,
    column: usize,
    name: &'static str,
}

impl std::fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{} ({})",
            self.origin, self.line, self.column, self.name
        )
    }
}

fn parse_entity<'a>(
    cell: &dyn Fn(usize) -> &'a str,
    at: &dyn Fn(usize) -> Location<'a>,
    record: &'a csv::StringRecord,
    columns: &Columns,
    date: NaiveDate,
    origin: &str,
    line: u64,
) -> Result<Entity> {
    let id = cell(0);
    if !is_kebab(id) {
        bail!(
            "{}: entity_id {id:?} must be kebab-case: lower-case letters and digits joined by single hyphens",
            at(0)
        );
    }
    let name = cell(1);
    if name.is_empty() {
        bail!("{}: name is empty", at(1));
    }
    let status = match cell(2) {
        "enacted" => Status::Enacted,
        "recommended" => Status::Recommended,
        other => bail!(
            "{}: status {other:?} must be \"enacted\" or \"recommended\"",
            at(2)
        ),
    };
    let since = parse_date(cell(3))
        .with_context(|| format!("{}: since {:?} is not a date YYYY-MM-DD", at(3), cell(3)))?;
    if since > date {
        bail!(
            "{}: since {since} is after the snapshot's date {date}; a snapshot states the list as of its date",
            at(3)
        );
    }
    let aliases = split(cell(4));
    let parent_id = Some(cell(5)).filter(|p| !p.is_empty()).map(str::to_string);
    if let Some(parent) = &parent_id {
        if !is_kebab(parent) {
            bail!("{}: parent_id {parent:?} must be an entity_id", at(5));
        }
        if parent == id {
            bail!("{}: an entity cannot be its own parent", at(5));
        }
    }
    let tickers = split(cell(6))
        .iter()
        .map(|t| ListedTicker::parse(t).with_context(|| format!("{}: ticker {t:?}", at(6))))
        .collect::<Result<Vec<_>>>()?;
    let isins = split(cell(7))
        .into_iter()
        .map(|code| match isin::validate(&code) {
            Ok(()) => Ok(code),
            Err(why) => bail!("{}: ISIN {code:?} {why}", at(7)),
        })
        .collect::<Result<Vec<_>>>()?;
    let sources = split(cell(8));
    if sources.is_empty() {
        bail!("{}: every entry needs a source URL", at(8));
    }
    if let Some(bad) = sources.iter().find(|s| !is_url(s)) {
        bail!(
            "{}: source {bad:?} is not an http(s) URL (spaces and control characters must be percent-encoded)",
            at(8)
        );
    }
    let optional_date = |column: Option<usize>, label: &'static str| -> Result<Option<NaiveDate>> {
        let Some(i) = column else { return Ok(None) };
        let text = record.get(i).unwrap_or("").trim();
        if text.is_empty() {
            return Ok(None);
        }
        parse_date(text).map(Some).with_context(|| {
            format!(
                "{origin}:{line}:{} ({label}): {text:?} is not a date YYYY-MM-DD",
                i + 1
            )
        })
    };
    Ok(Entity {
        id: id.to_string(),
        name: name.to_string(),
        status,
        since,
        aliases,
        parent_id,
        tickers,
        isins,
        sources,
        note: cell(9).to_string(),
        effective: optional_date(columns.effective, "effective")?,
        divestment_until: optional_date(columns.divestment_until, "divestment_until")?,
    })
}

/// Splits a multi-valued cell on `|`, trimming and dropping empty parts.
fn split(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for an `http(s)://` URL with a host and no whitespace or control
/// characters.
fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Parses `YYYY-MM-DD` strictly.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    if text.len() != 10 {
        bail!("expected YYYY-MM-DD");
    }
    // Four, two and two digits between hyphens make a date when the day
    // exists; anything else gets chrono's parser and its error message.
    let digits = |range: std::ops::Range<usize>| {
        text.as_bytes()[range].iter().try_fold(0u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    if text.as_bytes()[4] == b'-'
        && text.as_bytes()[7] == b'-'
        && let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
        && let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day)
    {
        return Ok(date);
    }
    Ok(NaiveDate::parse_from_str(text, "%Y-%m-%d")?)
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn csv_error(origin: &str, error: &csv::Error) -> anyhow::Error {
    match error.position() {
        Some(p) => anyhow::anyhow!("{origin}:{}: {error}", p.line()),
        None => anyhow::anyhow!("{origin}: {error}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const HEADER: &str =
        "entity_id,name,status,since,aliases,parent_id,tickers,isins,source,note\n";
    const URL: &str = "https://example.org/list.pdf";

    fn load(body: &str) -> Result<Snapshot> {
        let date = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        Snapshot::from_reader(
            "test",
            date,
            "test.csv",
            format!("{HEADER}{body}").as_bytes(),
        )
    }

    fn error(body: &str) -> String {
        format!("{:#}", load(body).unwrap_err())
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2026-06-08",
            "2024-02-29",
            "0001-01-01",
            "9999-12-31",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-06-31",
            "2026/06/08",
            "2026-6-008",
            "+2026-6-08",
            "2026-06-0a",
            "26-06-2026",
            "２０２６-6-8",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_date(text).ok(), chrono, "{text:?}");
        }
        assert!(parse_date("2026-06-8").is_err());
    }

    #[test]
    fn loads_a_valid_row() {
        let s = load(&format!(
            "byd,BYD Company Limited,enacted,2026-06-08,BYD|BYD CO LTD-H,,XHKG:1211|XSHE:002594,CNE100000296,{URL},\n"
        ))
        .unwrap();
        let e = &s.entities[0];
        assert_eq!(e.id, "byd");
        assert_eq!(e.aliases, ["BYD", "BYD CO LTD-H"]);
        assert_eq!(e.tickers.len(), 2);
        assert_eq!(e.isins, ["CNE100000296"]);
        assert_eq!(s.count(Status::Enacted), 1);
        assert_eq!(s.sha256.len(), 64);
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases = [
            (
                format!("Bad_Id,X,enacted,2026-01-01,,,,,{URL},\n"),
                "test.csv:2:1 (entity_id)",
            ),
            (
                format!("x,X,listed,2026-01-01,,,,,{URL},\n"),
                "test.csv:2:3 (status)",
            ),
            (
                format!("x,X,enacted,2026-13-01,,,,,{URL},\n"),
                "test.csv:2:4 (since)",
            ),
            (
                format!("x,X,enacted,2026-07-01,,,,,{URL},\n"),
                "after the snapshot's date",
            ),
            (
                format!("x,X,enacted,2026-01-01,,,,CNE100000297,{URL},\n"),
                "test.csv:2:8 (isins)",
            ),
            (
                "x,X,enacted,2026-01-01,,,,,,\n".to_string(),
                "needs a source",
            ),
            (
                "x,X,enacted,2026-01-01,,,,,ftp://x,\n".to_string(),
                "not an http(s) URL",
            ),
            (
                "x,X,enacted,2026-01-01,,,,,https://example.org/a list.pdf,\n".to_string(),
                "test.csv:2:9 (source)",
            ),
            (
                "x,X,enacted,2026-01-01,,,,,https://example.org/\x0blist.pdf,\n".to_string(),
                "not an http(s) URL",
            ),
            (
                "x,X,enacted,2026-01-01,,,,,https://,\n".to_string(),
                "not an http(s) URL",
            ),
            (
                format!("x,X,enacted,2026-01-01,,,HK9988,,{URL},\n"),
                "test.csv:2:7 (tickers)",
            ),
            (
                format!("x,X,enacted,2026-01-01,,y,,,{URL},\n"),
                "not in this snapshot",
            ),
            (
                format!("x,X,enacted,2026-01-01,,,,,{URL},\nx,Y,enacted,2026-01-01,,,,,{URL},\n"),
                "duplicate entity_id",
            ),
            (
                format!("x,X,enacted,2026-01-01,,,,,{URL}\n"),
                "row has 9 cells",
            ),
        ];
        for (body, expected) in cases {
            let message = error(&body);
            assert!(
                message.contains(expected),
                "{message:?} should contain {expected:?}"
            );
        }
    }

    #[test]
    fn the_first_bad_row_in_file_order_is_reported_across_chunks() {
        let row = |n: usize| format!("e{n},Entity {n},enacted,2026-01-01,,,,,{URL},\n");
        let rows = |count: usize| (0..count).map(row).collect::<String>();
        let many = CHUNK_ROWS + 10;
        assert_eq!(load(&rows(many)).unwrap().entities.len(), many);

        // A bad row in the second chunk, after a duplicate in the first.
        let mut body = rows(CHUNK_ROWS + 5);
        body.push_str(&row(3));
        body.push_str(&format!("late,X,listed,2026-01-01,,,,,{URL},\n"));
        let line_of_repeat = CHUNK_ROWS + 5 + 2;
        assert!(error(&body).contains(&format!("test.csv:{line_of_repeat}:1 (entity_id)")));

        // The bad row first, the duplicate after it.
        let mut body = rows(CHUNK_ROWS + 5);
        body.push_str(&format!("late,X,listed,2026-01-01,,,,,{URL},\n"));
        body.push_str(&row(3));
        let line_of_bad = CHUNK_ROWS + 5 + 2;
        assert!(error(&body).contains(&format!("test.csv:{line_of_bad}:3 (status)")));
    }

    #[test]
    fn rejects_unknown_and_missing_columns() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        let unknown =
            Snapshot::from_reader("t", date, "t.csv", "entity_id,nmae\n".as_bytes()).unwrap_err();
        assert!(format!("{unknown:#}").contains("t.csv:1:2: unknown column \"nmae\""));
        let missing =
            Snapshot::from_reader("t", date, "t.csv", "entity_id,name\n".as_bytes()).unwrap_err();
        assert!(format!("{missing:#}").contains("missing column \"status\""));
        let empty = Snapshot::from_reader("t", date, "t.csv", "".as_bytes()).unwrap_err();
        assert!(format!("{empty:#}").contains("empty"));
    }

    #[test]
    fn reads_optional_dates() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 8).unwrap();
        let text = format!(
            "{}effective,divestment_until\nx,X,enacted,2021-06-03,,,,,{URL},,2021-08-02,2022-06-03\n",
            HEADER.trim_end().to_owned() + ","
        );
        let s = Snapshot::from_reader("t", date, "t.csv", text.as_bytes()).unwrap();
        assert_eq!(s.entities[0].effective, NaiveDate::from_ymd_opt(2021, 8, 2));
        assert_eq!(
            s.entities[0].divestment_until,
            NaiveDate::from_ymd_opt(2022, 6, 3)
        );
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("china-mobile-2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b"] {
            assert!(!is_kebab(bad), "{bad:?}");
        }
    }
}
