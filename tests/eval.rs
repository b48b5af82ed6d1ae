//! Matching quality floors on the labelled set in `tests/eval/` (see its
//! README): every listed line found as a match to the right entity, no false
//! match, and review on under 2% of the lines that are not listed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{AS_OF, run};
use serde_json::Value;

#[test]
fn matching_meets_its_floors_on_the_evaluation_set() {
    let output = run(&[
        "eval",
        "tests/eval/holdings-1260h.csv",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("eval prints JSON");
    let errors = serde_json::to_string_pretty(&report["errors"]).unwrap();
    assert!(
        report["labelled_match"].as_u64().unwrap() >= 300,
        "the set has at least 300 listed lines"
    );
    assert!(
        report["labelled_other"].as_u64().unwrap() >= 1000,
        "the set has at least 1,000 unlisted lines"
    );
    assert_eq!(
        report["recall"], 1.0,
        "every listed line must be found: {errors}"
    );
    assert_eq!(report["false_matches"], 0, "no false match: {errors}");
    let review_rate = report["review_rate"].as_f64().unwrap();
    assert!(
        review_rate < 0.02,
        "review on {review_rate} of unlisted lines: {errors}"
    );
    assert_eq!(output.status.code(), Some(0));
}
