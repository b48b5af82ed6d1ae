#!/usr/bin/env python3
"""Naive fuzzy-matching baseline for redlist's evaluation set.

This is the approach people usually try first: take each holding's name and
call

    rapidfuzz.process.extractOne(name, choices, scorer=fuzz.WRatio,
                                 processor=utils.default_process,
                                 score_cutoff=85)

over every name and alias in the DoD 1260H snapshot. A hit is a "match" to
the entity that owns the hit alias. It uses names only, no tickers or ISINs.

Two variants are scored:

* WRatio cutoff 85: score >= 85 is match, anything else is clear.
* WRatio with review band: score >= 85 is match, 70 <= score < 85 is review,
  below 70 is clear. This gives three verdicts, as redlist does.

The metrics match `redlist eval` (src/command/eval.rs):

* recall: match-labelled lines matched to the right entity, divided by all
  match-labelled lines;
* false matches: lines given a match they should not have (a clear or review
  line matched, or a match-labelled line matched to the wrong entity);
* review rate: review verdicts on lines not labelled match, divided by all
  lines not labelled match;
* the 3x3 confusion table, label by verdict;
* throughput: lines per second, median of 5 runs.

For the redlist column it runs
`cargo run --release -- eval SET --as-of 2026-11-24 --format json` in the
repository root (or in --redlist-dir, e.g. a `git archive` export of a
commit) and reads the JSON. It then times the release binary that this
command built (5 runs) to get redlist's throughput.

Needs only rapidfuzz:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install rapidfuzz
    /tmp/venv/bin/python bench/baseline/naive_fuzzy.py

It is run by hand, not by CI.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import rapidfuzz
from rapidfuzz import fuzz, process, utils

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SET = REPO / "tests/eval/holdings-1260h.csv"
DEFAULT_SNAPSHOT = REPO / "lists/us-dod-1260h/2026-06-08.csv"
AS_OF = "2026-11-24"
LABELS = ("match", "review", "clear")
MATCH_CUTOFF = 85.0
REVIEW_CUTOFF = 70.0
RUNS = 5


def load_choices(snapshot: Path) -> tuple[list[str], list[str]]:
    """Every snapshot name and alias, plus the entity each one belongs to.

    The two lists run in parallel: extractOne returns the index of the best
    choice, and that index gives the entity.
    """
    choices: list[str] = []
    entities: list[str] = []
    with snapshot.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names = [row["name"]] + row["aliases"].split("|")
            for name in names:
                if name.strip():
                    choices.append(name)
                    entities.append(row["entity_id"])
    return choices, entities


def load_set(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    for i, row in enumerate(rows, start=2):
        if row["expect"] not in LABELS:
            sys.exit(f"{path}:{i}: expect {row['expect']!r} must be match, review or clear")
    return rows


def classify(rows, choices, entities, review_band: bool) -> list[tuple[str, str]]:
    """(verdict, entity_id) for each row, from the holding name alone."""
    cutoff = REVIEW_CUTOFF if review_band else MATCH_CUTOFF
    out = []
    for row in rows:
        hit = process.extractOne(
            row["name"],
            choices,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=cutoff,
        )
        if hit is None:
            out.append(("clear", ""))
            continue
        _choice, score, index = hit
        verdict = "match" if score >= MATCH_CUTOFF else "review"
        out.append((verdict, entities[index]))
    return out


def ratio(a: int, b: int) -> float:
    # Rounded as redlist eval rounds (4 decimals).
    return 0.0 if b == 0 else round(a / b, 4)


def score(rows, verdicts) -> dict:
    """The same counts and ratios `redlist eval --format json` reports."""
    confusion = {label: {v: 0 for v in LABELS} for label in LABELS}
    labelled_match = found = false_matches = reviews_on_unlisted = 0
    for row, (verdict, entity) in zip(rows, verdicts):
        expect = row["expect"]
        confusion[expect][verdict] += 1
        if expect == "match":
            labelled_match += 1
            if verdict == "match" and entity == row["entity_id"]:
                found += 1
            elif verdict == "match":
                false_matches += 1
        else:
            if verdict == "match":
                false_matches += 1
            if verdict == "review":
                reviews_on_unlisted += 1
    lines = len(rows)
    labelled_other = lines - labelled_match
    return {
        "lines": lines,
        "labelled_match": labelled_match,
        "labelled_other": labelled_other,
        "recall": ratio(found, labelled_match),
        "found": found,
        "false_matches": false_matches,
        "reviews_on_unlisted": reviews_on_unlisted,
        "review_rate": ratio(reviews_on_unlisted, labelled_other),
        "confusion": confusion,
    }


def run_baseline(set_path: Path, snapshot: Path, review_band: bool) -> dict:
    """Score one variant, and time it RUNS times.

    A timed run covers what `redlist eval` does per run: read the snapshot,
    build the choices, read the set, decide every line, score. It does not
    cover Python start-up or importing rapidfuzz.
    """
    times = []
    result = None
    for _ in range(RUNS):
        start = time.perf_counter()
        choices, entities = load_choices(snapshot)
        rows = load_set(set_path)
        verdicts = classify(rows, choices, entities, review_band)
        result = score(rows, verdicts)
        times.append(time.perf_counter() - start)
    result["seconds"] = times
    result["lines_per_second"] = result["lines"] / statistics.median(times)
    result["choices"] = len(choices)
    return result


def run_redlist(set_path: Path, redlist_dir: Path, skip_timing: bool) -> dict:
    """Run redlist's evaluator as the README says, then time its binary."""
    cmd = [
        "cargo", "run", "--release", "--quiet", "--",
        "eval", str(set_path), "--as-of", AS_OF, "--format", "json",
    ]
    proc = subprocess.run(cmd, cwd=redlist_dir, capture_output=True, text=True)
    # redlist eval exits 1 when it misses a match or makes a false match;
    # the JSON is still complete. Anything else is a failure.
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        sys.stderr.write(proc.stderr)
        sys.exit(f"redlist eval failed (exit {proc.returncode}) in {redlist_dir}: {' '.join(cmd)}")
    report = json.loads(proc.stdout)
    report.pop("errors", None)
    if skip_timing:
        report["seconds"] = []
        report["lines_per_second"] = None
        return report

    target = Path(os.environ.get("CARGO_TARGET_DIR", redlist_dir / "target"))
    binary = target / "release" / "redlist"
    if not binary.is_file():
        sys.exit(f"cannot find the binary cargo built: {binary}")
    argv = [str(binary), "eval", str(set_path), "--as-of", AS_OF, "--format", "json"]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        p = subprocess.run(argv, cwd=redlist_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if p.returncode not in (0, 1):
            sys.exit(f"{binary} eval exited {p.returncode}")
    report["seconds"] = times
    report["lines_per_second"] = report["lines"] / statistics.median(times)
    return report


def pct(part: int, whole: int, value: float) -> str:
    return f"{value * 100:.2f}% ({part:,} / {whole:,})"


def markdown(columns: list[tuple[str, dict]]) -> str:
    header = "| metric | " + " | ".join(name for name, _ in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    rows = [header, rule]

    def add(metric, cell):
        rows.append(f"| {metric} | " + " | ".join(cell(r) for _, r in columns) + " |")

    add("lines", lambda r: f"{r['lines']:,}")
    add("recall (match lines, right entity)",
        lambda r: pct(r["found"], r["labelled_match"], r["recall"]))
    add("false matches", lambda r: f"{r['false_matches']:,}")
    add("review rate (non-match lines given review)",
        lambda r: pct(r["reviews_on_unlisted"], r["labelled_other"], r["review_rate"]))
    for label in LABELS:
        for verdict in LABELS:
            add(f"label {label} → {verdict}",
                lambda r, l=label, v=verdict: f"{r['confusion'].get(l, {}).get(v, 0):,}")
    add(f"throughput (lines/s, median of {RUNS})",
        lambda r: "n/a" if r["lines_per_second"] is None else f"{r['lines_per_second']:,.0f}")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="labelled evaluation set")
    ap.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT, help="list snapshot")
    ap.add_argument("--redlist-dir", type=Path, default=REPO,
                    help="redlist checkout to build and run (default: this repository)")
    ap.add_argument("--no-redlist-timing", action="store_true",
                    help="read redlist's JSON but do not time its binary")
    ap.add_argument("--json", type=Path, help="also write every number to this JSON file")
    args = ap.parse_args()

    redlist = run_redlist(args.set.resolve(), args.redlist_dir.resolve(), args.no_redlist_timing)
    plain = run_baseline(args.set, args.snapshot, review_band=False)
    band = run_baseline(args.set, args.snapshot, review_band=True)
    columns = [
        ("redlist", redlist),
        (f"WRatio cutoff {MATCH_CUTOFF:g}", plain),
        ("WRatio with review band", band),
    ]
    print(markdown(columns))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\nrapidfuzz {rapidfuzz.__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, 1-minute load average {load:.2f} at the end; "
        f"redlist timed as a whole process, baselines in-process"
    )
    if args.json:
        args.json.write_text(json.dumps(dict(columns), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
