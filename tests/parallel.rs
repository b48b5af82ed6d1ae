//! The screen reads on one thread and decides new holdings on every core:
//! the report must be the same, byte for byte, as with a single worker,
//! with every row in file order, on a file of many batches.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write as _;

use common::{AS_OF, redlist, root};

/// A holdings file of `rows` data rows: the rows of an example export over
/// and over, every fifth with a name of its own so that each batch has
/// holdings not decided before.
fn many_batches(rows: usize) -> String {
    let example = std::fs::read_to_string(root().join("examples/em-etf-holdings.csv")).unwrap();
    let header = example
        .lines()
        .find(|l| l.starts_with("Ticker,Name"))
        .unwrap();
    let holdings: Vec<&str> = example
        .lines()
        .skip_while(|l| !l.starts_with("Ticker,Name"))
        .skip(1)
        .take_while(|l| l.starts_with('"'))
        .collect();
    assert!(holdings.len() > 20, "the example has holdings");
    let mut text = format!("{header}\n");
    for i in 0..rows {
        if i % 5 == 4 {
            writeln!(
                text,
                "\"\",\"ORDINARY HOLDING NUMBER {i} PLC\",\"Industrials\",\"Equity\",\"1,000.00\",\"0.01\",\"1,000.00\",\"10.00\",\"100.00\",\"United Kingdom\",\"London Stock Exchange\",\"GBP\",\"1.27\",\"GBP\",\"-\""
            )
            .unwrap();
        } else {
            writeln!(text, "{}", holdings[i % holdings.len()]).unwrap();
        }
    }
    text
}

/// The report of `file` with this many workers; `format` is the format's
/// arguments (`--all` with it reads every decision, without it only
/// whether each holding has anything to report).
fn screen(file: &std::path::Path, workers: &str, format: &[&str]) -> Vec<u8> {
    let output = redlist()
        .env("RAYON_NUM_THREADS", workers)
        .args(["screen", "--as-of", AS_OF])
        .args(format)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "screen failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn every_core_gives_the_single_worker_report() {
    const ROWS: usize = 5000;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("book.csv");
    std::fs::write(&file, many_batches(ROWS)).unwrap();

    for format in [
        &["--all", "--format", "csv"][..],
        &["--all", "--format", "json"],
        &["--format", "json"],
    ] {
        let single = screen(&file, "1", format);
        let many = screen(&file, "4", format);
        assert!(single == many, "{format:?}: the reports differ");
    }

    // Every row once, in file order.
    let names = |bytes: &[u8]| -> Vec<String> {
        csv::Reader::from_reader(bytes)
            .records()
            .map(|r| r.unwrap()[1].to_string())
            .collect()
    };
    let input = std::fs::read(&file).unwrap();
    let report = screen(&file, "4", &["--all", "--format", "csv"]);
    assert_eq!(names(&report).len(), ROWS);
    assert!(names(&report) == names(&input), "rows lost or out of order");
}
