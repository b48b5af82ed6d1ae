//! Performance benchmark of `redlist screen`.
//!
//! Generates deterministic holdings files and synthetic lists under
//! `target/bench-data/`, then measures, in one run and as medians of several
//! repetitions:
//!
//! - a read-only pass over each holdings file (every field parsed with the
//!   `csv` crate into a reused `ByteRecord`, nothing else): the baseline;
//! - `redlist screen FILE --format json --as-of 2026-11-24` (the binary cargo
//!   builds with the bench profile), output to `/dev/null`, against the
//!   shipped 1260H list and against synthetic 20,000- and 100,000-entity
//!   lists: wall time, and peak memory (max RSS) through GNU time;
//! - start-up: `redlist screen` on a one-row file, and `redlist lists`.
//!
//! `cargo bench --bench screen` runs everything; `cargo bench --bench screen
//! -- quick` only the 10,000-row file. See `bench/README.md`.

// A benchmark harness reports to the terminal and aborts on setup errors:
// printing, `expect` and `unwrap` are what it is meant to do here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use redlist::matching::isin;

/// The redlist binary cargo built for this benchmark (bench profile).
const REDLIST: &str = env!("CARGO_BIN_EXE_redlist");
/// The package root.
const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
/// The shipped snapshot whose names, aliases and tickers seed the holdings.
const SHIPPED_SNAPSHOT: &str = "lists/us-dod-1260h/2026-06-08.csv";
/// The date every screen runs as of (the shipped list's newest snapshot).
const AS_OF: &str = "2026-11-24";
/// Seed of every generated file.
const SEED: u64 = 0x1260_2026_0608_5eed;
/// Bump when the generator changes, so that old data is regenerated.
const GENERATOR_VERSION: u32 = 2;
/// Distinct securities in the pool that pooled holdings files draw from.
const POOL_SECURITIES: usize = 50_000;
/// Zipf exponent of how often a pool security appears.
const ZIPF_EXPONENT: f64 = 1.0;
/// GNU time, for peak memory.
const GNU_TIME: &str = "/usr/bin/time";
/// The performance targets (see `bench/README.md`).
const TARGET_RATIO_SHIPPED: f64 = 2.0;
const TARGET_RATIO_BIG: f64 = 4.0;
const TARGET_SECONDS_1M: f64 = 1.5;
const TARGET_PEAK_MB: f64 = 100.0;
const TARGET_STARTUP_MS: f64 = 50.0;

fn main() {
    let options = Options::parse();
    let load_at_start = load_average();
    let root = PathBuf::from(MANIFEST_DIR);
    let data = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_absolute() { t } else { root.join(t) })
        .unwrap_or_else(|| root.join("target"))
        .join("bench-data");
    fs::create_dir_all(data.join("out")).expect("cannot create target/bench-data");

    let gnu_time = gnu_time_works();
    if !gnu_time {
        eprintln!(
            "warning: GNU time ({GNU_TIME}) is missing or not GNU time; peak memory is not measured.\n\
             Install it with: apt-get install time   (Debian/Ubuntu), dnf install time (Fedora)"
        );
    }

    let holdings: Vec<HoldingsSpec> = HoldingsSpec::all()
        .into_iter()
        .filter(|h| !options.quick || h.rows <= 10_000)
        .collect();
    let lists = ListSpec::all();
    let cases: Vec<(usize, usize)> = holdings
        .iter()
        .enumerate()
        .flat_map(|(h, hs)| {
            lists
                .iter()
                .enumerate()
                .filter(move |(_, ls)| ls.only.is_none_or(|only| only == hs.label))
                .map(move |(l, ls)| (h, l, format!("{}/{}", hs.label, ls.label)))
        })
        .filter(|(_, _, name)| options.selects(name))
        .map(|(h, l, _)| (h, l))
        .collect();
    if cases.is_empty() {
        eprintln!(
            "no benchmark case matches the filters {:?}",
            options.filters
        );
        std::process::exit(2);
    }

    // Data.
    let started = Instant::now();
    let universe = std::cell::LazyCell::new(|| Universe::build(&root.join(SHIPPED_SNAPSHOT)));
    let shipped_hash =
        fnv1a(&fs::read(root.join(SHIPPED_SNAPSHOT)).expect("cannot read shipped list"));
    let mut files = Vec::new();
    for (h, spec) in holdings.iter().enumerate() {
        if !cases.iter().any(|&(ch, _)| ch == h) {
            files.push(PathBuf::new());
            continue;
        }
        let path = data.join(format!("holdings-{}.csv", spec.label));
        let params = format!(
            "generator v{GENERATOR_VERSION} seed {SEED:#x} rows {} unique {} pool {POOL_SECURITIES} zipf {ZIPF_EXPONENT} shipped-list {shipped_hash:016x}",
            spec.rows, spec.unique
        );
        ensure_generated(&path, &params, |w| {
            write_holdings(
                w,
                std::cell::LazyCell::force(&universe),
                spec.rows,
                spec.unique,
            )
        });
        files.push(path);
    }
    // Synthetic lists are always generated (a second or so): start-up is
    // also measured with the largest.
    for spec in &lists {
        let Some(entities) = spec.entities() else {
            continue;
        };
        let path = spec.path(&data);
        fs::create_dir_all(path.parent().unwrap()).expect("cannot create list folder");
        let params = format!(
            "generator v{GENERATOR_VERSION} seed {SEED:#x} entities {entities} pool {POOL_SECURITIES} shipped-list {shipped_hash:016x}"
        );
        ensure_generated(&path, &params, |w| {
            write_list(w, std::cell::LazyCell::force(&universe), entities)
        });
    }
    let one_row = data.join("holdings-1-row.csv");
    ensure_generated(&one_row, "one row v1", |w| {
        writeln!(w, "{HEADER}")?;
        writeln!(
            w,
            r#""700","TENCENT HOLDINGS LTD","Communication","Equity","249,401,677.38","16.48","249,401,677.38","3,720,700.00","521.50","China","Hong Kong Exchanges And Clearing Ltd","HKD","7.78","HKD","-""#
        )
    });
    println!(
        "data ready in {:.1} s under {}",
        started.elapsed().as_secs_f64(),
        data.display()
    );

    // Every synthetic list must load before anything is timed.
    for spec in lists.iter().filter(|s| s.entities().is_some()) {
        run_screen(&one_row, spec, &data, None, false, None);
        println!(
            "list {} ({} entities) accepted: {}",
            spec.label,
            spec.entities().unwrap_or(0),
            spec.path(&data).display()
        );
    }

    // Start-up.
    let startup = measure_startup(&options, &one_row, &lists, &data, gnu_time);

    // Screens. Per file: a warm-up run of each case (its JSON is kept and
    // checked), then rounds of [read-only pass, each screen], so that the
    // baseline and the screens share the machine's noise.
    let mut results = Vec::new();
    for (h, spec) in holdings.iter().enumerate() {
        let case_lists: Vec<usize> = cases
            .iter()
            .filter(|&&(ch, _)| ch == h)
            .map(|&(_, l)| l)
            .collect();
        if case_lists.is_empty() {
            continue;
        }
        let file = &files[h];
        let size = fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        println!(
            "\n{} ({} rows, {:.1} MB): warm-up and check",
            spec.label,
            spec.rows,
            size as f64 / 1e6
        );
        let baseline = read_only(file);
        let mut cases_here = Vec::new();
        for &l in &case_lists {
            let out = data
                .join("out")
                .join(format!("{}-{}.json", spec.label, lists[l].label));
            let warm = run_screen(
                file,
                &lists[l],
                &data,
                Some(&out),
                gnu_time,
                Some(options.timeout),
            );
            let check = (!warm.timed_out).then(|| check_output(&out, spec));
            // Slow cases get fewer timed runs: as many as fit in the budget,
            // at least one; none past the budget (the warm-up is the run).
            let reps = if warm.timed_out || warm.wall > options.budget {
                0
            } else {
                options
                    .reps
                    .min((options.budget.as_secs_f64() / warm.wall.as_secs_f64()) as usize)
                    .max(1)
            };
            println!(
                "  {:<14} {}{}{}  {}",
                lists[l].label,
                if warm.timed_out { "> " } else { "" },
                secs(warm.wall),
                if reps < options.reps {
                    format!(" ({reps} timed runs)")
                } else {
                    String::new()
                },
                check
                    .as_ref()
                    .map_or("timed out".to_string(), Check::describe)
            );
            cases_here.push(CaseRuns {
                list: l,
                warm,
                check,
                reps,
                runs: Vec::new(),
            });
        }
        let mut read_times = Vec::new();
        for round in 0..options.reps {
            let pass = read_only(file);
            assert_eq!(
                pass.records, baseline.records,
                "read-only pass is not stable"
            );
            read_times.push(pass.elapsed);
            let mut line = format!(
                "  round {}/{}: read-only {}",
                round + 1,
                options.reps,
                secs(pass.elapsed)
            );
            for case in cases_here.iter_mut().filter(|c| round < c.reps) {
                let run = run_screen(
                    file,
                    &lists[case.list],
                    &data,
                    None,
                    gnu_time,
                    Some(options.timeout),
                );
                let _ = write!(line, ", {} {}", lists[case.list].label, secs(run.wall));
                case.runs.push(run);
            }
            println!("{line}");
        }
        let read_median = median(&read_times);
        for case in cases_here {
            // A case with no timed run is represented by its warm-up.
            let runs = if case.runs.is_empty() {
                vec![case.warm.clone()]
            } else {
                case.runs
            };
            results.push(CaseResult {
                holdings: spec.clone(),
                list: lists[case.list].clone(),
                walls: runs.iter().map(|r| r.wall).collect(),
                peak_kb: runs.iter().filter_map(|r| r.max_rss_kb).max(),
                warm_up_only: case.reps == 0,
                timed_out: runs.iter().any(|r| r.timed_out),
                read_only: read_median,
                read_only_runs: read_times.clone(),
                file_bytes: size,
                check: case.check.unwrap_or_default(),
            });
        }
    }

    let report = report(&options, &results, &startup, gnu_time, &load_at_start);
    println!("\n{report}");
    let out = options.out.clone().unwrap_or_else(|| {
        root.join("bench/results").join(if options.quick {
            "quick.md"
        } else {
            "latest.md"
        })
    });
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent).expect("cannot create the results folder");
    }
    fs::write(&out, &report).expect("cannot write the results");
    println!("results written to {}", out.display());
}

// ---------------------------------------------------------------------------
// Options

struct Options {
    quick: bool,
    /// Timed runs per case (fewer for cases slower than `budget`).
    reps: usize,
    startup_reps: usize,
    /// Time a case's timed runs may take together.
    budget: Duration,
    /// A run is stopped after this long.
    timeout: Duration,
    filters: Vec<String>,
    out: Option<PathBuf>,
    note: Option<String>,
}

const USAGE: &str = "usage: cargo bench --bench screen -- [quick] [--reps N] [--budget SECS] [--timeout SECS] [--out FILE] [--note TEXT] [FILTER...]
  quick          only the 10k-row file, 3 runs per case
  --reps N       timed runs per case (default 9, quick 3; or REDLIST_BENCH_REPS)
  --budget SECS  a case slower than SECS / N per run gets fewer runs (default 240)
  --timeout SECS a run is stopped after SECS (default 1800)
  --out FILE     where to write the report (default bench/results/latest.md, quick.md in quick mode)
  --note TEXT    a line for the report (e.g. what is being measured)
  FILTER         run only cases whose name contains it: 10k, 100k, 1m, 1m-unique, us-dod-1260h, big-20k, big-100k, in-force, 1m/big-100k";

impl Options {
    fn parse() -> Options {
        let mut options = Options {
            quick: false,
            reps: 0,
            startup_reps: 0,
            budget: Duration::from_secs(240),
            timeout: Duration::from_secs(1800),
            filters: Vec::new(),
            out: None,
            note: None,
        };
        let mut args = std::env::args().skip(1);
        let value = |args: &mut std::iter::Skip<std::env::Args>, flag: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value\n{USAGE}"))
        };
        let seconds = |text: String, flag: &str| {
            Duration::from_secs_f64(
                text.parse()
                    .unwrap_or_else(|_| panic!("{flag} needs a number of seconds")),
            )
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "quick" | "--quick" => options.quick = true,
                "--reps" => {
                    options.reps = value(&mut args, "--reps")
                        .parse()
                        .expect("--reps needs a number")
                }
                "--budget" => options.budget = seconds(value(&mut args, "--budget"), "--budget"),
                "--timeout" => {
                    options.timeout = seconds(value(&mut args, "--timeout"), "--timeout")
                }
                "--out" => options.out = Some(PathBuf::from(value(&mut args, "--out"))),
                "--note" => options.note = Some(value(&mut args, "--note")),
                "-h" | "--help" => {
                    println!("{USAGE}");
                    std::process::exit(0);
                }
                // `cargo bench` passes `--bench`; other harness flags are ignored.
                other if other.starts_with('-') => {}
                other => options.filters.push(other.to_string()),
            }
        }
        if options.reps == 0 {
            options.reps = std::env::var("REDLIST_BENCH_REPS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(if options.quick { 3 } else { 9 });
        }
        options.startup_reps = if options.quick { 11 } else { 31 };
        options
    }

    fn selects(&self, case: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| case.contains(f.as_str()))
    }
}

/// One holdings file.
#[derive(Clone)]
struct HoldingsSpec {
    label: &'static str,
    rows: usize,
    unique: bool,
}

impl HoldingsSpec {
    fn all() -> Vec<HoldingsSpec> {
        let spec = |label, rows, unique| HoldingsSpec {
            label,
            rows,
            unique,
        };
        vec![
            spec("10k", 10_000, false),
            spec("100k", 100_000, false),
            spec("1m", 1_000_000, false),
            spec("1m-unique", 1_000_000, true),
        ]
    }
}

/// One list to screen against.
#[derive(Clone)]
struct ListSpec {
    label: &'static str,
    kind: ListKind,
    /// Screened only with this holdings file (`None`: with every file).
    only: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum ListKind {
    /// `--list ID`: a list carried in the binary.
    Carried(&'static str),
    /// `--list PATH`: a synthetic list of this many entities.
    Synthetic(usize),
    /// No `--list`: every carried list in force on the date.
    InForce,
}

impl ListSpec {
    fn all() -> Vec<ListSpec> {
        let spec = |label, kind, only| ListSpec { label, kind, only };
        vec![
            spec("us-dod-1260h", ListKind::Carried("us-dod-1260h"), None),
            spec("big-20k", ListKind::Synthetic(20_000), None),
            spec("big-100k", ListKind::Synthetic(100_000), None),
            spec("in-force", ListKind::InForce, Some("1m")),
        ]
    }

    fn entities(&self) -> Option<usize> {
        match self.kind {
            ListKind::Synthetic(n) => Some(n),
            _ => None,
        }
    }

    fn path(&self, data: &Path) -> PathBuf {
        data.join("lists").join(self.label).join("2026-01-01.csv")
    }

    /// The `--list` arguments.
    fn args(&self, data: &Path) -> Vec<String> {
        match self.kind {
            ListKind::Carried(id) => vec!["--list".into(), id.into()],
            ListKind::Synthetic(_) => vec!["--list".into(), self.path(data).display().to_string()],
            ListKind::InForce => Vec::new(),
        }
    }

    fn describe(&self) -> String {
        match self.kind {
            ListKind::Carried(id) => format!("`--list {id}` (shipped)"),
            ListKind::Synthetic(n) => format!(
                "`--list target/bench-data/lists/{}/2026-01-01.csv` ({} synthetic entities)",
                self.label,
                thousands(n as u64)
            ),
            ListKind::InForce => {
                "no `--list`: every carried list in force on the date (1260H and NS-CMIC)"
                    .to_string()
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Measuring

/// One run of the binary.
#[derive(Clone)]
struct Run {
    wall: Duration,
    max_rss_kb: Option<u64>,
    /// Ended at the time limit: `wall` is the limit, not the screen's time.
    timed_out: bool,
}

/// Runs `redlist screen FILE --format json --as-of AS_OF [--list PATH]`,
/// output to `/dev/null` (or `keep`), under GNU time when `rss`.
fn run_screen(
    file: &Path,
    list: &ListSpec,
    data: &Path,
    keep: Option<&Path>,
    rss: bool,
    timeout: Option<Duration>,
) -> Run {
    run_redlist(&screen_args(file, list, data), data, keep, rss, timeout)
}

/// `screen FILE --format json --as-of AS_OF` and the list's arguments.
fn screen_args(file: &Path, list: &ListSpec, data: &Path) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "screen".into(),
        file.display().to_string(),
        "--format".into(),
        "json".into(),
        "--as-of".into(),
        AS_OF.into(),
    ];
    args.extend(list.args(data));
    args
}

fn run_redlist(
    args: &[String],
    data: &Path,
    keep: Option<&Path>,
    rss: bool,
    timeout: Option<Duration>,
) -> Run {
    let time_file = data.join("out").join("time.txt");
    let stderr_file = data.join("out").join("stderr.txt");
    let _ = fs::remove_file(&time_file);
    let mut command = if rss {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f")
            .arg("%e %M")
            .arg("-o")
            .arg(&time_file)
            .arg(REDLIST);
        c
    } else {
        Command::new(REDLIST)
    };
    // Its own process group, so that a run over the time limit can be ended
    // together with GNU time.
    command
        .args(args)
        .stdin(Stdio::null())
        .stderr(fs::File::create(&stderr_file).expect("cannot create the stderr file"))
        .process_group(0);
    match keep {
        Some(path) => {
            command.stdout(fs::File::create(path).expect("cannot create the output file"));
        }
        None => {
            command.stdout(Stdio::null());
        }
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("cannot run redlist");
    let status = match timeout {
        None => Some(child.wait().expect("cannot wait for redlist")),
        Some(limit) => loop {
            if let Some(status) = child.try_wait().expect("cannot wait for redlist") {
                break Some(status);
            }
            if started.elapsed() > limit {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .stderr(Stdio::null())
                    .status();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        },
    };
    let wall = started.elapsed();
    let Some(status) = status else {
        return Run {
            wall,
            max_rss_kb: None,
            timed_out: true,
        };
    };
    // 0: nothing failing; 1: findings. Anything else is an error.
    if !matches!(status.code(), Some(0 | 1)) {
        eprintln!(
            "redlist {} failed ({status}):\n{}",
            args.join(" "),
            fs::read_to_string(&stderr_file).unwrap_or_default()
        );
        std::process::exit(2);
    }
    let max_rss_kb = rss.then(|| {
        let text = fs::read_to_string(&time_file).expect("GNU time wrote no output");
        let last = text.lines().last().unwrap_or("");
        last.split_whitespace()
            .nth(1)
            .and_then(|kb| kb.parse().ok())
            .unwrap_or_else(|| panic!("cannot read GNU time's output {text:?}"))
    });
    Run {
        wall,
        max_rss_kb,
        timed_out: false,
    }
}

fn gnu_time_works() -> bool {
    Command::new(GNU_TIME)
        .args(["-f", "%e %M", "true"])
        .stdout(Stdio::null())
        .output()
        .is_ok_and(|o| {
            o.status.success()
                && String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .and_then(|l| l.split_whitespace().nth(1))
                    .is_some_and(|kb| kb.parse::<u64>().is_ok())
        })
}

/// One read-only pass.
struct ReadPass {
    elapsed: Duration,
    records: u64,
}

/// The baseline: parse every field of the file with the `csv` crate into a
/// reused `ByteRecord`, and nothing else.
fn read_only(path: &Path) -> ReadPass {
    let started = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .expect("cannot open the holdings file");
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    let mut bytes = 0usize;
    while reader
        .read_byte_record(&mut record)
        .expect("cannot parse the holdings file")
    {
        records += 1;
        for field in record.iter() {
            bytes += field.len();
        }
    }
    std::hint::black_box(bytes);
    ReadPass {
        elapsed: started.elapsed(),
        records,
    }
}

/// What the warm-up run's JSON says.
#[derive(Clone, Default)]
struct Check {
    read: u64,
    screened: u64,
    skipped: u64,
    rejected: u64,
    matches: u64,
    reviews: u64,
    results: u64,
    json_bytes: u64,
    problem: Option<String>,
}

impl Check {
    fn describe(&self) -> String {
        let mut text = format!(
            "rows read {} = {} screened + {} skipped + {} rejected; {} match, {} review; JSON {} results, {:.1} MB",
            self.read,
            self.screened,
            self.skipped,
            self.rejected,
            self.matches,
            self.reviews,
            self.results,
            self.json_bytes as f64 / 1e6
        );
        if let Some(problem) = &self.problem {
            let _ = write!(text, "  WARNING: {problem}");
        }
        text
    }
}

fn check_output(path: &Path, spec: &HoldingsSpec) -> Check {
    let bytes = fs::read(path).expect("cannot read the warm-up output");
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).expect("the JSON output does not parse");
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
    let rows = &json["summary"]["rows"];
    let verdicts = &json["summary"]["verdicts"];
    let mut check = Check {
        read: n(&rows["read"]),
        screened: n(&rows["screened"]),
        skipped: n(&rows["skipped"]),
        rejected: n(&rows["rejected"]),
        matches: n(&verdicts["match"]),
        reviews: n(&verdicts["review"]),
        results: json["results"].as_array().map_or(0, |r| r.len() as u64),
        json_bytes: bytes.len() as u64,
        problem: None,
    };
    let expected = spec.rows as u64 + FOOTER.len() as u64;
    if check.read != expected {
        check.problem = Some(format!(
            "expected {expected} rows read ({} holdings + {} footer lines)",
            spec.rows,
            FOOTER.len()
        ));
    } else if check.rejected > 0 {
        check.problem = Some(format!("{} rows rejected", check.rejected));
    }
    check
}

/// One start-up measurement.
struct StartupCase {
    what: String,
    times: Vec<Duration>,
    max_rss_kb: Option<u64>,
}

/// Start-up: the commands that do nothing but load lists and build their
/// indexes (and, for `screen`, read a one-row file).
fn measure_startup(
    options: &Options,
    one_row: &Path,
    lists: &[ListSpec],
    data: &Path,
    gnu_time: bool,
) -> Vec<StartupCase> {
    let mut commands: Vec<(String, Vec<String>, usize)> = Vec::new();
    for list in lists {
        let reps = match list.kind {
            ListKind::Carried(_) | ListKind::InForce => options.startup_reps,
            ListKind::Synthetic(_) => options.startup_reps.min(5),
        };
        commands.push((
            format!("`redlist screen` 1-row file, {}", list.describe()),
            screen_args(one_row, list, data),
            reps,
        ));
    }
    commands.push((
        "`redlist lists`".to_string(),
        vec!["lists".into(), "--as-of".into(), AS_OF.into()],
        options.startup_reps,
    ));
    let mut cases = Vec::new();
    for (what, args, reps) in commands {
        // Warm the page cache and the binary.
        run_redlist(&args, data, None, false, None);
        let times: Vec<Duration> = (0..reps)
            .map(|_| run_redlist(&args, data, None, false, None).wall)
            .collect();
        let max_rss_kb = if gnu_time {
            run_redlist(&args, data, None, true, None).max_rss_kb
        } else {
            None
        };
        println!(
            "start-up {:.1} ms (median of {reps}): {what}",
            ms(median(&times))
        );
        cases.push(StartupCase {
            what,
            times,
            max_rss_kb,
        });
    }
    cases
}

/// The runs of one case while they are taken.
struct CaseRuns {
    list: usize,
    warm: Run,
    check: Option<Check>,
    reps: usize,
    runs: Vec<Run>,
}

/// The measurements of one case.
struct CaseResult {
    holdings: HoldingsSpec,
    list: ListSpec,
    walls: Vec<Duration>,
    peak_kb: Option<u64>,
    /// Slower than the budget: the warm-up run is the only measurement.
    warm_up_only: bool,
    /// Stopped at the time limit: the time is a lower bound.
    timed_out: bool,
    read_only: Duration,
    read_only_runs: Vec<Duration>,
    file_bytes: u64,
    check: Check,
}

impl CaseResult {
    fn screen(&self) -> Duration {
        median(&self.walls)
    }

    fn ratio(&self) -> f64 {
        self.screen().as_secs_f64() / self.read_only.as_secs_f64()
    }

    fn peak_mb(&self) -> Option<f64> {
        self.peak_kb.map(kb_to_mb)
    }
}

fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Kibibytes (what GNU time's `%M` reports) to megabytes (10^6 bytes).
fn kb_to_mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

// ---------------------------------------------------------------------------
// Report

fn report(
    options: &Options,
    results: &[CaseResult],
    startup: &[StartupCase],
    gnu_time: bool,
    load_at_start: &str,
) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# redlist screen benchmark\n");
    let _ = writeln!(
        md,
        "{} · load average (1, 5, 15 min) {load_at_start} at the start, {} at the end\n",
        environment(),
        load_average()
    );
    if let Some(note) = &options.note {
        let _ = writeln!(md, "{note}\n");
    }
    let _ = writeln!(
        md,
        "Screen: `redlist screen FILE --format json --as-of {AS_OF} --list LIST > /dev/null`, wall \
         time of the process, median of N runs (N = {} unless the case is slow: see the runs \
         column; `1w` = the warm-up run is the only one) after one untimed warm-up run whose JSON \
         is checked; peak = largest max RSS of those runs (GNU time `%M`), in MB of 10^6 bytes. \
         Read-only: one pass of the `csv` crate over every field (`ByteRecord`, reused), median of \
         {} passes interleaved with the screens of the same file. Ratio = screen median / \
         read-only median.{}\n",
        options.reps,
        options.reps,
        if options.quick {
            " **Quick mode: 10k rows only.**"
        } else {
            ""
        }
    );
    let _ = writeln!(
        md,
        "| holdings | rows | file MB | list | runs | screen s (median) | min–max s | holdings/s | peak MB | read-only s | screen / read-only | match | review |"
    );
    let _ = writeln!(
        md,
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for r in results {
        let (lo, hi) = (
            r.walls.iter().min().copied().unwrap_or_default(),
            r.walls.iter().max().copied().unwrap_or_default(),
        );
        let bound = if r.timed_out { "> " } else { "" };
        let _ = writeln!(
            md,
            "| {} | {} | {:.0} | {} | {} | {bound}{:.3} | {:.3}–{:.3} | {bound}{} | {} | {:.3} | {bound}{:.1}× | {} | {} |",
            r.holdings.label,
            thousands(r.holdings.rows as u64),
            r.file_bytes as f64 / 1e6,
            r.list.label,
            if r.timed_out {
                "timed out".to_string()
            } else if r.warm_up_only {
                "1w".to_string()
            } else {
                r.walls.len().to_string()
            },
            r.screen().as_secs_f64(),
            lo.as_secs_f64(),
            hi.as_secs_f64(),
            thousands((r.holdings.rows as f64 / r.screen().as_secs_f64()) as u64),
            r.peak_mb()
                .map_or("n/a".to_string(), |mb| format!("{mb:.1}")),
            r.read_only.as_secs_f64(),
            r.ratio(),
            if r.timed_out {
                "–".to_string()
            } else {
                thousands(r.check.matches)
            },
            if r.timed_out {
                "–".to_string()
            } else {
                thousands(r.check.reviews)
            },
        );
    }
    let _ = writeln!(md, "\nLists: {}.", {
        let mut seen = Vec::new();
        for r in results {
            if !seen.iter().any(|(l, _)| *l == r.list.label) {
                seen.push((r.list.label, r.list.describe()));
            }
        }
        seen.iter()
            .map(|(l, d)| format!("{l} = {d}"))
            .collect::<Vec<_>>()
            .join("; ")
    });

    let _ = writeln!(md, "\n## Start-up\n");
    let _ = writeln!(md, "| command | median ms | min–max ms | runs | peak MB |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|");
    for case in startup {
        let _ = writeln!(
            md,
            "| {} | {:.1} | {:.1}–{:.1} | {} | {} |",
            case.what,
            ms(median(&case.times)),
            ms(case.times.iter().min().copied().unwrap_or_default()),
            ms(case.times.iter().max().copied().unwrap_or_default()),
            case.times.len(),
            case.max_rss_kb
                .map_or("n/a".to_string(), |kb| format!("{:.1}", kb_to_mb(kb)))
        );
    }

    let problems: Vec<String> = results
        .iter()
        .filter_map(|r| {
            r.check
                .problem
                .as_ref()
                .map(|p| format!("- {}/{}: {p}", r.holdings.label, r.list.label))
        })
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(md, "\nOutput checks that failed:\n{}", problems.join("\n"));
    }

    // Targets.
    let _ = writeln!(md, "\n## Targets\n");
    let _ = writeln!(md, "| target | case | measured | met |");
    let _ = writeln!(md, "|---|---|---|---|");
    let find = |holdings: &str, list: &str| {
        results
            .iter()
            .find(|r| r.holdings.label == holdings && r.list.label == list)
    };
    let mut row = |target: &str, case: &str, measured: Option<(String, bool)>| {
        let (text, met) = match measured {
            Some((text, true)) => (text, "yes"),
            Some((text, false)) => (text, "**no**"),
            None => ("not measured in this run".to_string(), "–"),
        };
        let _ = writeln!(md, "| {target} | {case} | {text} | {met} |");
    };
    let ratio = |r: &CaseResult, limit: f64| {
        (
            format!(
                "{}{:.1}× ({:.3} s / {:.3} s)",
                if r.timed_out { "> " } else { "" },
                r.ratio(),
                r.screen().as_secs_f64(),
                r.read_only.as_secs_f64()
            ),
            !r.timed_out && r.ratio() <= limit,
        )
    };
    for (holdings, list) in [
        ("1m", "us-dod-1260h"),
        ("1m-unique", "us-dod-1260h"),
        ("1m", "in-force"),
    ] {
        row(
            &format!("screen ≤ {TARGET_RATIO_SHIPPED}× read-only"),
            &format!("{holdings} / {list}"),
            find(holdings, list).map(|r| ratio(r, TARGET_RATIO_SHIPPED)),
        );
    }
    for (holdings, list) in [
        ("1m", "us-dod-1260h"),
        ("1m-unique", "us-dod-1260h"),
        ("1m", "in-force"),
    ] {
        row(
            &format!("end to end < {TARGET_SECONDS_1M} s (`--format json`)"),
            &format!("{holdings} / {list}"),
            find(holdings, list).map(|r| {
                (
                    format!("{:.3} s", r.screen().as_secs_f64()),
                    !r.timed_out && r.screen().as_secs_f64() < TARGET_SECONDS_1M,
                )
            }),
        );
    }
    for holdings in ["1m", "1m-unique"] {
        row(
            &format!("screen ≤ {TARGET_RATIO_BIG}× read-only"),
            &format!("{holdings} / big-100k"),
            find(holdings, "big-100k").map(|r| ratio(r, TARGET_RATIO_BIG)),
        );
    }
    for holdings in ["1m", "1m-unique"] {
        for list in ["us-dod-1260h", "in-force", "big-20k", "big-100k"] {
            if list == "in-force" && holdings != "1m" {
                continue;
            }
            row(
                &format!("peak memory < {TARGET_PEAK_MB} MB"),
                &format!("{holdings} / {list}"),
                find(holdings, list).and_then(|r| {
                    r.peak_mb()
                        .map(|mb| (format!("{mb:.1} MB"), mb < TARGET_PEAK_MB))
                }),
            );
        }
    }
    for case in startup.iter().filter(|c| !c.what.contains("synthetic")) {
        let median_ms = ms(median(&case.times));
        row(
            &format!("start-up < {TARGET_STARTUP_MS} ms"),
            &case.what,
            Some((format!("{median_ms:.1} ms"), median_ms < TARGET_STARTUP_MS)),
        );
    }
    if !gnu_time {
        let _ = writeln!(
            md,
            "\nPeak memory not measured: GNU time is missing (`apt-get install time`)."
        );
    }

    // Raw numbers, for whoever wants to look at the spread.
    let _ = writeln!(md, "\n## Raw runs (seconds)\n");
    for r in results {
        let list = |v: &[Duration]| {
            v.iter()
                .map(|d| format!("{:.3}", d.as_secs_f64()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            md,
            "- {}/{}: screen {}; read-only {}; warm-up check: {}",
            r.holdings.label,
            r.list.label,
            list(&r.walls),
            list(&r.read_only_runs),
            if r.timed_out {
                "timed out".to_string()
            } else {
                r.check.describe()
            }
        );
    }
    md
}

/// The machine's load averages: on a shared machine, what else was running.
fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}

fn environment() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let capture = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .current_dir(MANIFEST_DIR)
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let commit = capture("git", &["rev-parse", "--short", "HEAD"]);
    let dirty = capture("git", &["status", "--porcelain", "--", "src", "Cargo.toml"]);
    let rustc = capture("rustc", &["--version"]);
    format!(
        "{} UTC · {cpu}, {cores} cores · commit {}{} · {rustc} · binary {}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        if commit.is_empty() {
            "unknown"
        } else {
            &commit
        },
        if dirty.is_empty() {
            ""
        } else {
            " + uncommitted changes in src/ or Cargo.toml"
        },
        Path::new(REDLIST)
            .strip_prefix(MANIFEST_DIR)
            .unwrap_or(Path::new(REDLIST))
            .display()
    )
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Generated files

/// Writes `path` with `write` unless it exists with the same parameters.
/// The file is written under a temporary name and renamed, so an interrupted
/// run never leaves a half file that looks finished.
fn ensure_generated(
    path: &Path,
    params: &str,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> std::io::Result<()>,
) {
    let stamp = path.with_extension("params");
    if path.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == params) {
        return;
    }
    let started = Instant::now();
    let partial = path.with_extension("partial");
    let file = fs::File::create(&partial).expect("cannot create a data file");
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    write(&mut writer).expect("cannot write a data file");
    writer.flush().expect("cannot write a data file");
    drop(writer);
    fs::rename(&partial, path).expect("cannot rename a data file");
    fs::write(&stamp, params).expect("cannot write a parameter stamp");
    println!(
        "generated {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ---------------------------------------------------------------------------
// Deterministic randomness

/// xorshift64* (Vigna 2016): small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    /// A generator for one purpose (`stream`) of the benchmark's seed.
    fn new(stream: u64) -> Rng {
        // SplitMix64 finaliser, so that nearby streams are unrelated.
        let mut z = SEED ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x9E37_79B9_7F4A_7C15 } else { z })
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n` below 2^32).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `words`.
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Zipf-like ranks: rank k (from 0) has weight 1 / (k + 1)^s.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("empty Zipf");
        let u = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c < u)
            .min(self.cumulative.len() - 1)
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

const HEADER: &str = "Ticker,Name,Sector,Asset Class,Market Value,Weight (%),Notional Value,Quantity,Price,Location,Exchange,Currency,FX Rate,Market Currency,Accrual Date";

const PREAMBLE: &[&str] = &[
    "Benchmark Emerging Markets Equity Fund (generated)",
    "Fund Holdings as of,\"Nov 20, 2026\"",
    "Inception Date,\"Mar 29, 2011\"",
    "Shares Outstanding,\"41,300,000.00\"",
    "Stock,\"-\"",
    "Bond,\"-\"",
    "Cash,\"-\"",
    "Collateral,\"-\"",
    "",
];

const FOOTER: &[&str] = &[
    "\"The content contained herein is provided for information purposes only. Holdings are subject to change and are not a recommendation to buy or sell any security. This file was generated for a benchmark and is not a record of any real fund.\"",
    "\"Index and fund names used in this file are for illustration only.\"",
];

#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "kor", "va", "tel", "min", "da", "ra", "lux", "ber", "an", "to", "sel", "ven", "dor", "ix", "quin", "mar",
    "tec", "nor", "sys", "gen", "lo", "pa", "ri", "zon", "cor", "al", "fin", "tri", "cap", "med", "ex", "ul",
    "tra", "bio", "ter", "vi", "sta", "om", "ni", "cal", "mo", "ro", "fa", "li", "sa", "ge", "ne", "pro", "dyn",
    "kel", "wes", "har", "bel", "ton", "vor", "mil", "gar", "len", "tis", "ka",
];

#[rustfmt::skip]
const PINYIN: &[&str] = &[
    "zhong", "hua", "xin", "tian", "jin", "long", "feng", "hai", "shan", "da", "guo", "min", "kang", "hong", "rui",
    "sheng", "tai", "yuan", "an", "bao", "chang", "cheng", "de", "fu", "guang", "heng", "hui", "jia", "jian", "kai",
    "li", "mei", "ning", "qing", "rong", "shun", "tong", "wei", "xing", "yang", "yi", "yong", "yu", "zhi", "zhen",
    "lian", "ming", "peng", "quan", "sen", "wan", "xiang", "yao", "zhou",
];

#[rustfmt::skip]
const CN_PLACES: &[&str] = &[
    "JIANGSU", "ZHEJIANG", "GUANGDONG", "SHANDONG", "SICHUAN", "HUNAN", "HUBEI", "FUJIAN", "ANHUI", "HENAN",
    "SHANGHAI", "BEIJING", "SHENZHEN", "TIANJIN", "CHONGQING", "XIAMEN", "NINGBO", "SUZHOU", "HANGZHOU", "WUHAN",
    "CHENGDU", "QINGDAO", "DALIAN", "GUANGZHOU", "YUNNAN", "GUIZHOU", "SHAANXI", "JIANGXI", "HEBEI", "LIAONING",
    "JILIN", "HAINAN", "CHINA", "CHINA", "CHINA",
];

#[rustfmt::skip]
const WEST_PREFIXES: &[&str] = &[
    "NORTHERN", "SOUTHERN", "PACIFIC", "ATLANTIC", "GLOBAL", "UNITED", "FIRST", "NATIONAL", "AMERICAN", "EUROPEAN",
    "ASIA", "INTERNATIONAL", "CONTINENTAL", "GENERAL", "ROYAL", "METRO", "CENTRAL", "EASTERN", "WESTERN", "NEW",
];

#[rustfmt::skip]
const INDUSTRIES: &[&str] = &[
    "TECHNOLOGY", "PHARMACEUTICAL", "ENERGY", "BANK", "INSURANCE", "PROPERTIES", "REAL ESTATE", "ELECTRIC", "POWER",
    "MINING", "STEEL", "CHEMICAL", "FOODS", "BEVERAGE", "AUTOMOTIVE", "SEMICONDUCTOR", "SOFTWARE", "LOGISTICS",
    "SHIPPING", "AIRLINES", "TELECOM", "MEDIA", "RETAIL", "BIOTECH", "MEDICAL", "INDUSTRIES", "MATERIALS",
    "CONSTRUCTION", "ENGINEERING", "RESOURCES", "GAS", "WATER", "SECURITIES", "FINANCIAL", "CAPITAL", "HOTELS",
    "ENTERTAINMENT", "NETWORKS", "SYSTEMS", "INSTRUMENTS", "MACHINERY", "ELECTRONICS", "OPTICAL", "PRECISION",
    "AGRICULTURE", "TEXTILE", "PAPER", "CEMENT", "GLASS", "HEALTHCARE", "GAMING", "BREWERIES", "LIFE SCIENCES",
];

const CN_FORMS: &[&str] = &[
    "CO LTD-A",
    "CO LTD-H",
    "CO LTD",
    "LTD",
    "LTD-H",
    "GROUP CO LTD-A",
    "HOLDINGS LTD",
    "CORP LTD-H",
    "CO LTD A",
];
const WEST_FORMS: &[&str] = &[
    "INC",
    "CORP",
    "LTD",
    "PLC",
    "AG",
    "SA",
    "NV",
    "HOLDINGS INC",
    "GROUP PLC",
    "CO",
    "SE",
    "ASA",
    "AB",
    "INC CLASS A",
];
const EM_FORMS: &[&str] = &[
    "LTD",
    "TBK PT",
    "BHD",
    "SA",
    "CO LTD",
    "HOLDINGS",
    "LTD-ADR",
    "SAB DE CV",
];

#[rustfmt::skip]
const SECTORS: &[&str] = &[
    "Information Technology", "Financials", "Consumer Discretionary", "Communication", "Industrials", "Materials",
    "Health Care", "Energy", "Utilities", "Real Estate", "Consumer Staples",
];

/// Real Chinese and Asian companies that share words with listed ones but
/// are not listed (look-alikes of the kind the matcher must keep clear).
#[rustfmt::skip]
const LOOK_ALIKES: &[(&str, &str)] = &[
    ("939", "CHINA CONSTRUCTION BANK CORP H"), ("2318", "PING AN INSURANCE (GROUP) CO OF CHINA LTD H"),
    ("3968", "CHINA MERCHANTS BANK CO LTD H"), ("2628", "CHINA LIFE INSURANCE CO LTD H"),
    ("386", "CHINA PETROLEUM & CHEMICAL CORP H"), ("1088", "CHINA SHENHUA ENERGY CO LTD H"),
    ("1109", "CHINA RESOURCES LAND LTD"), ("688", "CHINA OVERSEAS LAND & INVESTMENT LTD"),
    ("1398", "INDUSTRIAL AND COMMERCIAL BANK OF CHINA LTD H"), ("3988", "BANK OF CHINA LTD H"),
    ("1288", "AGRICULTURAL BANK OF CHINA LTD H"), ("2601", "CHINA PACIFIC INSURANCE (GROUP) CO LTD H"),
    ("1093", "CSPC PHARMACEUTICAL GROUP LTD"), ("2020", "ANTA SPORTS PRODUCTS LTD"),
    ("291", "CHINA RESOURCES BEER HOLDINGS CO LTD"), ("1044", "HENGAN INTERNATIONAL GROUP CO LTD"),
    ("2388", "BOC HONG KONG HOLDINGS LTD"), ("6862", "HAIDILAO INTERNATIONAL HOLDING LTD"),
    ("1919", "COSCO SHIPPING HOLDINGS CO LTD H"), ("1199", "COSCO SHIPPING PORTS LTD"),
    ("COSCO", "COSCO CAPITAL INC"), ("2330", "TAIWAN SEMICONDUCTOR MANUFACTURING"),
    ("TSM", "TAIWAN SEMICONDUCTOR MANUFACTURING SPON ADR"), ("NIO", "NIO INC ADR"),
    ("600489", "ZHONGJIN GOLD CORP LTD-A"), ("BYD", "BOYD GAMING CORP"), ("762", "CHINA UNICOM HONG KONG LTD"),
    ("1800", "CHINA COMMUNICATIONS SERVICES CORP LTD H"), ("552", "CHINA COMMUNICATIONS SERVICES CORP H"),
    ("2899", "ZIJIN MINING GROUP CO LTD H"), ("1928", "SANDS CHINA LTD"), ("27", "GALAXY ENTERTAINMENT GROUP LTD"),
    ("1177", "SINO BIOPHARMACEUTICAL LTD"), ("2313", "SHENZHOU INTERNATIONAL GROUP HOLDINGS LTD"),
    ("175", "GEELY AUTOMOBILE HOLDINGS LTD"), ("2333", "GREAT WALL MOTOR CO LTD H"),
    ("600519", "KWEICHOW MOUTAI CO LTD-A"), ("000858", "WULIANGYE YIBIN CO LTD-A"),
    ("300750", "CONTEMPORARY AMPEREX TECHNOLOGY CO LTD-A"), ("601318", "PING AN INSURANCE GROUP CO-A"),
    ("ZTO", "ZTO EXPRESS (CAYMAN) INC ADR"), ("BIDU", "BAIDU INC CLASS A ADR"), ("JD", "JD.COM INC CLASS A ADR"),
    ("TCOM", "TRIP.COM GROUP LTD ADR"), ("BEKE", "KE HOLDINGS INC ADR"), ("LI", "LI AUTO INC ADR"),
    ("XPEV", "XPENG INC ADR"), ("1024", "KUAISHOU TECHNOLOGY"), ("9618", "JD.COM INC CLASS A"),
    ("2015", "LI AUTO INC CLASS A"), ("9868", "XPENG INC CLASS A"), ("1211", "AL JOUF CEMENT CO"),
];

#[rustfmt::skip]
const LIST_FORMS: &[&str] = &[
    "LLC", "Limited", "Co., Ltd.", "Trading Co., Ltd.", "OOO", "JSC", "S.A.", "S.A. de C.V.", "GmbH", "FZE", "FZCO",
    "Pte. Ltd.", "Sdn. Bhd.", "Ltd.", "Company", "Corporation", "Inc.", "Industrial Co.", "General Trading LLC",
    "Holding A.S.", "Import Export Co., Ltd.", "Technology Co., Ltd.", "International Ltd.",
];

// ---------------------------------------------------------------------------
// Markets

#[derive(Clone, Copy, PartialEq, Eq)]
enum Market {
    Hk,
    Sh,
    Sz,
    Nasdaq,
    Nyse,
    Otc,
    London,
    Xetra,
    Tokyo,
    Korea,
    Taiwan,
    India,
    Brazil,
    Saudi,
    Johannesburg,
    None,
}

impl Market {
    /// Exchange column, currency, FX rate to USD, location.
    fn venue(self) -> (&'static str, &'static str, f64, &'static str) {
        match self {
            Market::Hk => ("Hong Kong Exchanges And Clearing Ltd", "HKD", 7.78, "China"),
            Market::Sh => ("Shanghai Stock Exchange", "CNY", 7.12, "China"),
            Market::Sz => ("Shenzhen Stock Exchange", "CNY", 7.12, "China"),
            Market::Nasdaq => ("NASDAQ", "USD", 1.0, "United States"),
            Market::Nyse => ("New York Stock Exchange Inc.", "USD", 1.0, "United States"),
            Market::Otc => ("OTC Markets", "USD", 1.0, "United States"),
            Market::London => ("London Stock Exchange", "GBP", 0.79, "United Kingdom"),
            Market::Xetra => ("Xetra", "EUR", 0.92, "Germany"),
            Market::Tokyo => ("Tokyo Stock Exchange", "JPY", 151.2, "Japan"),
            Market::Korea => (
                "Korea Exchange (Stock Market)",
                "KRW",
                1380.0,
                "Korea (South)",
            ),
            Market::Taiwan => ("Taiwan Stock Exchange", "TWD", 32.1, "Taiwan"),
            Market::India => ("National Stock Exchange Of India", "INR", 83.2, "India"),
            Market::Brazil => ("XBSP - Bolsa De Valores", "BRL", 5.0, "Brazil"),
            Market::Saudi => ("Saudi Stock Exchange", "SAR", 3.75, "Saudi Arabia"),
            Market::Johannesburg => ("Johannesburg Stock Exchange", "ZAR", 18.5, "South Africa"),
            Market::None => ("-", "USD", 1.0, "United States"),
        }
    }

    fn from_mic(mic: &str) -> Market {
        match mic {
            "XHKG" => Market::Hk,
            "XSHG" => Market::Sh,
            "XSHE" => Market::Sz,
            "XNAS" | "XNGS" | "XNMS" => Market::Nasdaq,
            "XNYS" => Market::Nyse,
            "OTC" | "OTCM" | "PINX" => Market::Otc,
            "XLON" => Market::London,
            "XETR" | "XFRA" | "DE" => Market::Xetra,
            "XTKS" => Market::Tokyo,
            "XKRX" | "XKOS" => Market::Korea,
            "XTAI" => Market::Taiwan,
            "XNSE" | "XBOM" => Market::India,
            "BVMF" => Market::Brazil,
            "XSAU" => Market::Saudi,
            "XJSE" => Market::Johannesburg,
            _ => Market::None,
        }
    }

    fn isin_country(self) -> &'static str {
        match self {
            Market::Hk => "KY",
            Market::Sh | Market::Sz => "CN",
            Market::Nasdaq | Market::Nyse | Market::Otc | Market::None => "US",
            Market::London => "GB",
            Market::Xetra => "DE",
            Market::Tokyo => "JP",
            Market::Korea => "KR",
            Market::Taiwan => "TW",
            Market::India => "IN",
            Market::Brazil => "BR",
            Market::Saudi => "SA",
            Market::Johannesburg => "ZA",
        }
    }

    /// A random symbol as this market prints it in a holdings file.
    fn ticker(self, rng: &mut Rng) -> String {
        let letters = |rng: &mut Rng, n: usize| -> String {
            (0..n)
                .map(|_| (b'A' + rng.below(26) as u8) as char)
                .collect()
        };
        match self {
            // Hong Kong codes lose their leading zeros in many exports.
            Market::Hk => rng.range(1, 9999).to_string(),
            Market::Sh => (*rng.pick(&[600_000u64, 601_000, 603_000, 605_000, 688_000])
                + rng.range(0, 999))
            .to_string(),
            Market::Sz => format!(
                "{:06}",
                *rng.pick(&[0u64, 1_000, 2_000, 300_000, 301_000]) + rng.range(1, 999)
            ),
            Market::Tokyo | Market::Taiwan | Market::Saudi => rng.range(1000, 9999).to_string(),
            Market::Korea => format!("{:06}", rng.range(1, 999_999)),
            Market::Brazil => format!("{}{}", letters(rng, 4), rng.pick(&["3", "4", "11"])),
            Market::Nasdaq | Market::Otc => {
                let n = 3 + rng.below(3);
                letters(rng, n)
            }
            _ => {
                let n = 2 + rng.below(3);
                letters(rng, n)
            }
        }
    }
}

/// A valid ISIN: country, nine characters, and the check digit as redlist
/// computes it.
fn make_isin(country: &str, rng: &mut Rng) -> String {
    let mut body = country.to_string();
    if country == "CN" {
        body.push_str("E1");
        for _ in 0..7 {
            body.push((b'0' + rng.below(10) as u8) as char);
        }
    } else {
        for i in 0..9 {
            let c = if i < 2 && rng.chance(0.3) {
                (b'A' + rng.below(26) as u8) as char
            } else {
                (b'0' + rng.below(10) as u8) as char
            };
            body.push(c);
        }
    }
    isin::with_check_digit(&body).expect("a country and nine capitals or digits")
}

// ---------------------------------------------------------------------------
// Securities

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Equity,
    Cash,
    Future,
    MoneyMarket,
    Forward,
}

#[derive(Clone)]
struct Security {
    ticker: String,
    name: String,
    sector: &'static str,
    kind: Kind,
    market: Market,
    price: f64,
}

/// Which part of the pool a row is drawn from.
#[derive(Clone, Copy)]
enum Category {
    Listed,
    LookAlike,
    Ordinary,
    NonSecurity,
}

/// Everything holdings and lists are drawn from.
struct Universe {
    listed: Vec<Security>,
    look_alikes: Vec<Security>,
    ordinary: Vec<Security>,
    non_securities: Vec<Security>,
    /// Distinct invented words, for unique names.
    words: Vec<String>,
    /// Tickers of listed entities, which generated companies must not get.
    taken_tickers: HashSet<(u8, String)>,
}

impl Universe {
    fn build(shipped: &Path) -> Universe {
        let started = Instant::now();
        let mut rng = Rng::new(1);
        let entities = read_shipped(shipped);
        let mut taken_tickers: HashSet<(u8, String)> = HashSet::new();
        let mut names = HashSet::new();

        // Listed entities in broker forms.
        let mut listed = Vec::new();
        for entity in &entities {
            for (market, symbol) in &entity.tickers {
                taken_tickers.insert((*market as u8, symbol.clone()));
            }
            let latin: Vec<String> = std::iter::once(entity.name.clone())
                .chain(entity.aliases.iter().cloned())
                .map(|a| strip_parenthetical(&a))
                .filter(|a| a.is_ascii() && a.len() > 3)
                .collect();
            let chinese: Vec<&String> = entity.aliases.iter().filter(|a| !a.is_ascii()).collect();
            let variants = 3 + rng.below(5);
            for _ in 0..variants {
                let (market, ticker) = match entity.tickers.len() {
                    0 => (Market::None, "-".to_string()),
                    n => {
                        let (market, symbol) = &entity.tickers[rng.below(n)];
                        (*market, symbol.clone())
                    }
                };
                let ticker = if !entity.isins.is_empty() && rng.chance(0.15) {
                    rng.pick(&entity.isins).clone()
                } else if rng.chance(0.1) {
                    "-".to_string()
                } else {
                    ticker
                };
                let name = if !chinese.is_empty()
                    && matches!(market, Market::Sh | Market::Sz)
                    && rng.chance(0.15)
                {
                    (*rng.pick(&chinese)).clone()
                } else if latin.is_empty() {
                    continue;
                } else {
                    broker_form(rng.pick(&latin).as_str(), market, &mut rng)
                };
                if !names.insert(format!("{ticker}\u{1f}{name}")) {
                    continue;
                }
                listed.push(Security {
                    ticker,
                    name,
                    sector: rng.word(SECTORS),
                    kind: Kind::Equity,
                    market,
                    price: 5.0 + rng.unit() * 200.0,
                });
            }
        }

        // Look-alikes: real names, then names built from listed names' words.
        let mut look_alikes: Vec<Security> = LOOK_ALIKES
            .iter()
            .map(|(ticker, name)| {
                let market = if ticker.len() == 6 && ticker.starts_with('6') {
                    Market::Sh
                } else if ticker.len() == 6 {
                    Market::Sz
                } else if ticker.parse::<u32>().is_ok() {
                    if *ticker == "1211" {
                        Market::Saudi
                    } else {
                        Market::Hk
                    }
                } else {
                    Market::Nasdaq
                };
                Security {
                    ticker: ticker.to_string(),
                    name: name.to_string(),
                    sector: rng.word(SECTORS),
                    kind: Kind::Equity,
                    market,
                    price: 5.0 + rng.unit() * 200.0,
                }
            })
            .collect();
        let listed_words: Vec<Vec<String>> = entities
            .iter()
            .map(|e| {
                broker_words(&strip_parenthetical(&e.name))
                    .into_iter()
                    .filter(|w| !is_legal_form(w))
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        while look_alikes.len() < 3_000 {
            let words = rng.pick(&listed_words);
            let keep = 1 + rng.below(words.len().min(2));
            let mut name = words[..keep].join(" ");
            match rng.below(3) {
                0 => {
                    name = format!("{} {}", rng.pick(CN_PLACES), name);
                }
                1 => {
                    let _ = write!(name, " {}", pinyin_word(&mut rng));
                }
                _ => {}
            }
            let _ = write!(name, " {} {}", rng.pick(INDUSTRIES), rng.pick(CN_FORMS));
            let market = *rng.pick(&[Market::Hk, Market::Sh, Market::Sz]);
            let Some(security) = new_security(name, market, &mut rng, &mut names, &taken_tickers)
            else {
                continue;
            };
            look_alikes.push(security);
        }

        // Ordinary companies: tens of thousands of distinct names.
        let mut ordinary = Vec::new();
        let target = POOL_SECURITIES - listed.len() - look_alikes.len() - 400;
        while ordinary.len() < target {
            let (name, market) = ordinary_name(&mut rng, None);
            if let Some(security) = new_security(name, market, &mut rng, &mut names, &taken_tickers)
            {
                ordinary.push(security);
            }
        }

        // Cash, futures, money-market and FX lines.
        let mut non_securities = Vec::new();
        let currencies = [
            "USD", "HKD", "CNY", "CNH", "EUR", "GBP", "JPY", "KRW", "TWD", "INR", "BRL", "SAR",
            "ZAR",
        ];
        for (i, ccy) in currencies.iter().enumerate() {
            non_securities.push(Security {
                ticker: ccy.to_string(),
                name: format!("{ccy} CASH"),
                sector: "Cash and/or Derivatives",
                kind: Kind::Cash,
                market: Market::None,
                price: 100.0 + i as f64,
            });
        }
        let indices = [
            "HANG SENG INDEX",
            "MSCI EMERGING MARKETS",
            "MSCI CHINA A 50",
            "S&P500 EMINI",
            "KOSPI2 INX",
            "FTSE CHINA A50",
            "NIFTY 50",
        ];
        let months = ["MAR", "JUN", "SEP", "DEC"];
        for index in indices {
            for year in 25..=27 {
                for month in months {
                    non_securities.push(Security {
                        ticker: format!("{}{}{}", &index[..2], &month[..1], year % 10),
                        name: format!("{index} {month} {year}"),
                        sector: "Cash and/or Derivatives",
                        kind: Kind::Future,
                        market: Market::None,
                        price: 1_000.0 + rng.unit() * 30_000.0,
                    });
                }
            }
        }
        for fund in [
            "BLK CSH FND TREASURY SL AGENCY",
            "GOLDMAN SACHS GOVT MMF INST",
            "JPM US TREASURY PLUS MONEY MARKET",
        ] {
            non_securities.push(Security {
                ticker: "-".to_string(),
                name: fund.to_string(),
                sector: "Cash and/or Derivatives",
                kind: Kind::MoneyMarket,
                market: Market::None,
                price: 1.0,
            });
        }
        while non_securities.len() < 400 {
            let ccy = rng.pick(&currencies[1..]);
            non_securities.push(Security {
                ticker: "-".to_string(),
                name: format!("FX FWD USD/{ccy} {}", 20_260_000 + rng.range(101, 1231)),
                sector: "Cash and/or Derivatives",
                kind: Kind::Forward,
                market: Market::None,
                price: 1.0,
            });
        }

        rng.shuffle(&mut listed);
        rng.shuffle(&mut look_alikes);
        rng.shuffle(&mut ordinary);
        rng.shuffle(&mut non_securities);

        // Words for unique names: every two- and three-syllable word, shuffled.
        let mut words: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for a in SYLLABLES {
            for b in SYLLABLES {
                let w = format!("{a}{b}").to_uppercase();
                if seen.insert(w.clone()) {
                    words.push(w);
                }
            }
        }
        for a in PINYIN {
            for b in PINYIN {
                let w = format!("{a}{b}").to_uppercase();
                if seen.insert(w.clone()) {
                    words.push(w);
                }
            }
        }
        rng.shuffle(&mut words);

        println!(
            "pool: {} listed forms of {} entities, {} look-alikes, {} ordinary, {} non-securities ({} in all; built in {:.1} s)",
            listed.len(),
            entities.len(),
            look_alikes.len(),
            ordinary.len(),
            non_securities.len(),
            listed.len() + look_alikes.len() + ordinary.len() + non_securities.len(),
            started.elapsed().as_secs_f64()
        );
        Universe {
            listed,
            look_alikes,
            ordinary,
            non_securities,
            words,
            taken_tickers,
        }
    }
}

fn new_security(
    name: String,
    market: Market,
    rng: &mut Rng,
    names: &mut HashSet<String>,
    taken: &HashSet<(u8, String)>,
) -> Option<Security> {
    if !names.insert(name.clone()) {
        return None;
    }
    let mut ticker = market.ticker(rng);
    while taken.contains(&(market as u8, ticker.clone())) {
        ticker = market.ticker(rng);
    }
    if rng.chance(0.1) {
        ticker = make_isin(market.isin_country(), rng);
    }
    Some(Security {
        ticker,
        name,
        sector: rng.word(SECTORS),
        kind: Kind::Equity,
        market,
        price: 1.0 + rng.unit() * 300.0,
    })
}

fn invented_word(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    (0..n)
        .map(|_| *rng.pick(SYLLABLES))
        .collect::<String>()
        .to_uppercase()
}

fn pinyin_word(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(PINYIN), rng.pick(PINYIN)).to_uppercase()
}

/// An ordinary company's name and market. With `words`, the two invented
/// words are given (unique names); otherwise drawn.
fn ordinary_name(rng: &mut Rng, words: Option<(&str, &str)>) -> (String, Market) {
    let (w1, w2) = match words {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (invented_word(rng), invented_word(rng)),
    };
    let style = rng.below(100);
    if style < 35 {
        // Chinese issuer: PLACE WORD [WORD] INDUSTRY FORM.
        let market = *rng.pick(&[Market::Hk, Market::Hk, Market::Sh, Market::Sz]);
        let w1 = if words.is_some() {
            w1
        } else {
            pinyin_word(rng)
        };
        let mut name = String::new();
        if rng.chance(0.6) || words.is_some() {
            let _ = write!(name, "{} ", rng.pick(CN_PLACES));
        }
        let _ = write!(name, "{w1} ");
        if words.is_some() {
            let _ = write!(name, "{w2} ");
        }
        let _ = write!(name, "{} {}", rng.pick(INDUSTRIES), rng.pick(CN_FORMS));
        (truncate(name, rng), market)
    } else if style < 80 {
        let market = *rng.pick(&[
            Market::Nasdaq,
            Market::Nyse,
            Market::Nyse,
            Market::London,
            Market::Xetra,
            Market::Tokyo,
        ]);
        let name = match rng.below(4) {
            0 => format!(
                "{} {w1} {} {}",
                rng.pick(WEST_PREFIXES),
                rng.pick(INDUSTRIES),
                rng.pick(WEST_FORMS)
            ),
            1 => format!("{w1} {w2} {}", rng.pick(WEST_FORMS)),
            2 => format!("{w1} {} {}", rng.pick(INDUSTRIES), rng.pick(WEST_FORMS)),
            _ => format!(
                "{w1} {w2} {} {}",
                rng.pick(INDUSTRIES),
                rng.pick(WEST_FORMS)
            ),
        };
        let name = if words.is_some() && !name.contains(&w2) {
            format!("{w2} {name}")
        } else {
            name
        };
        (truncate(name, rng), market)
    } else {
        let market = *rng.pick(&[
            Market::Korea,
            Market::Taiwan,
            Market::India,
            Market::Brazil,
            Market::Saudi,
            Market::Johannesburg,
        ]);
        let name = match rng.below(3) {
            0 => format!("{w1} {} {}", rng.pick(INDUSTRIES), rng.pick(EM_FORMS)),
            1 => format!("{w1} {w2} {}", rng.pick(EM_FORMS)),
            _ => format!("{} {w1} {}", rng.pick(WEST_PREFIXES), rng.pick(EM_FORMS)),
        };
        let name = if words.is_some() && !name.contains(&w2) {
            format!("{w2} {name}")
        } else {
            name
        };
        (truncate(name, rng), market)
    }
}

/// Exports cut long names (iShares at 34 characters, e.g. `HANGZHOU
/// HIKVISION DIGITAL TECHNOL`).
fn truncate(name: String, rng: &mut Rng) -> String {
    if name.chars().count() > 34 && rng.chance(0.6) {
        name.chars()
            .take(34)
            .collect::<String>()
            .trim_end()
            .to_string()
    } else {
        name
    }
}

/// A listed name as a broker prints it: upper case, no punctuation, short
/// legal forms, share-line suffixes, sometimes cut at 34 characters.
fn broker_form(name: &str, market: Market, rng: &mut Rng) -> String {
    let words = broker_words(name);
    let mut out: Vec<String> = Vec::with_capacity(words.len() + 2);
    for word in words {
        let short = match word.as_str() {
            "LIMITED" if rng.chance(0.9) => "LTD",
            "COMPANY" if rng.chance(0.9) => "CO",
            "CORPORATION" if rng.chance(0.9) => "CORP",
            "INTERNATIONAL" if rng.chance(0.5) => "INTL",
            "HOLDINGS" if rng.chance(0.3) => "HLDGS",
            "HOLDING" if rng.chance(0.3) => "HLDG",
            "TECHNOLOGY" if rng.chance(0.3) => "TECH",
            "GROUP" if rng.chance(0.2) => "GRP",
            _ => "",
        };
        out.push(if short.is_empty() {
            word
        } else {
            short.to_string()
        });
    }
    let mut name = out.join(" ");
    let roll = rng.below(100);
    match market {
        Market::Hk if roll < 40 => name.push_str(if rng.chance(0.5) { "-H" } else { " H" }),
        Market::Sh | Market::Sz if roll < 50 => {
            if name.ends_with(" CO LTD") || name.ends_with(" LTD") {
                name.push_str("-A");
            } else {
                name.push_str(" CO LTD-A");
            }
        }
        Market::Nasdaq | Market::Nyse | Market::Otc if roll < 50 => {
            name.push_str(rng.word(&[" SPON ADR", " ADR", "-UNSP ADR", " CLASS A"]));
        }
        _ if roll > 92 => name.push_str(" 'A'"),
        _ => {}
    }
    truncate(name, rng)
}

fn broker_words(name: &str) -> Vec<String> {
    name.replace(['’', '`'], "'")
        .replace([',', '.', '"'], " ")
        .to_uppercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn is_legal_form(word: &str) -> bool {
    matches!(
        word,
        "CO" | "LTD"
            | "LIMITED"
            | "COMPANY"
            | "CORPORATION"
            | "CORP"
            | "INC"
            | "GROUP"
            | "HOLDINGS"
            | "PLC"
    )
}

/// `Name (Short)` → `Name`; `Name (formerly X)` → `Name`.
fn strip_parenthetical(text: &str) -> String {
    let trimmed = text.trim();
    match trimmed.rfind(" (") {
        Some(at) if trimmed.ends_with(')') && at > 3 => trimmed[..at].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

/// One entity of the shipped snapshot, as far as the generator needs it.
struct ShippedEntity {
    name: String,
    aliases: Vec<String>,
    tickers: Vec<(Market, String)>,
    isins: Vec<String>,
}

fn read_shipped(path: &Path) -> Vec<ShippedEntity> {
    let mut reader = csv::Reader::from_path(path).expect("cannot open the shipped list");
    let headers = reader.headers().expect("shipped list header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("the shipped list has no {name} column"))
    };
    let (name, aliases, tickers, isins) = (
        column("name"),
        column("aliases"),
        column("tickers"),
        column("isins"),
    );
    let split = |cell: &str| -> Vec<String> {
        cell.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    reader
        .records()
        .map(|r| r.expect("cannot parse the shipped list"))
        .map(|r| ShippedEntity {
            name: r[name].to_string(),
            aliases: split(&r[aliases]),
            tickers: split(&r[tickers])
                .iter()
                .filter_map(|t| t.split_once(':'))
                .map(|(mic, symbol)| {
                    let market = Market::from_mic(mic);
                    let symbol = if market == Market::Hk {
                        symbol.trim_start_matches('0').to_string()
                    } else {
                        symbol.to_string()
                    };
                    (market, symbol)
                })
                .collect(),
            isins: split(&r[isins]),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Holdings files

/// Writes a holdings file of `rows` data rows. Pooled files draw from the
/// pool with Zipf-like frequencies; unique files give nearly every ordinary
/// row a name of its own.
fn write_holdings(
    w: &mut impl Write,
    universe: &Universe,
    rows: usize,
    unique: bool,
) -> std::io::Result<()> {
    let mut rng = Rng::new(if unique { 3 } else { 2 });
    let zipf = |n: usize| Zipf::new(n, ZIPF_EXPONENT);
    let (listed, look_alikes, ordinary, non_securities) = (
        zipf(universe.listed.len()),
        zipf(universe.look_alikes.len()),
        zipf(universe.ordinary.len()),
        zipf(universe.non_securities.len()),
    );
    // Shares of rows: listed, look-alike, non-security; the rest ordinary.
    let (p_listed, p_look, p_non) = if unique {
        (0.02, 0.02, 0.01)
    } else {
        (0.03, 0.07, 0.03)
    };
    let words = &universe.words;
    for line in PREAMBLE {
        writeln!(w, "{line}")?;
    }
    writeln!(w, "{HEADER}")?;
    let mut unique_security;
    for i in 0..rows {
        let u = rng.unit();
        let category = if u < p_listed {
            Category::Listed
        } else if u < p_listed + p_look {
            Category::LookAlike
        } else if u < p_listed + p_look + p_non {
            Category::NonSecurity
        } else {
            Category::Ordinary
        };
        let security = match category {
            Category::Listed => &universe.listed[listed.sample(&mut rng)],
            Category::LookAlike => &universe.look_alikes[look_alikes.sample(&mut rng)],
            Category::NonSecurity => &universe.non_securities[non_securities.sample(&mut rng)],
            Category::Ordinary if !unique => &universe.ordinary[ordinary.sample(&mut rng)],
            Category::Ordinary => {
                // Row i gets the word pair (i mod n, i div n): distinct for
                // every row up to n² (over 10 million).
                let n = words.len();
                let (a, b) = (&words[i % n], &words[(i / n + i) % n]);
                let (name, market) = ordinary_name(&mut rng, Some((a, b)));
                let mut ticker = market.ticker(&mut rng);
                while universe
                    .taken_tickers
                    .contains(&(market as u8, ticker.clone()))
                {
                    ticker = market.ticker(&mut rng);
                }
                if rng.chance(0.1) {
                    ticker = make_isin(market.isin_country(), &mut rng);
                }
                unique_security = Security {
                    ticker,
                    name,
                    sector: rng.word(SECTORS),
                    kind: Kind::Equity,
                    market,
                    price: 1.0 + rng.unit() * 300.0,
                };
                &unique_security
            }
        };
        write_row(w, security, &mut rng)?;
    }
    writeln!(w)?;
    for line in FOOTER {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

fn write_row(w: &mut impl Write, s: &Security, rng: &mut Rng) -> std::io::Result<()> {
    let (exchange, currency, fx, location) = s.market.venue();
    let (class, quantity, price, value, notional) = match s.kind {
        Kind::Equity => {
            let quantity = 10f64.powf(2.0 + rng.unit() * 5.5).round();
            let price = s.price * (0.9 + rng.unit() * 0.2);
            let value = quantity * price / fx;
            ("Equity", quantity, price, value, value)
        }
        Kind::Cash => {
            let value = 10f64.powf(3.0 + rng.unit() * 4.5);
            ("Cash", value * fx, 100.0, value, value)
        }
        Kind::Future => {
            let quantity = rng.range(1, 500) as f64;
            let notional = quantity * s.price * 50.0 / fx;
            ("Futures", quantity, s.price, 0.0, notional)
        }
        Kind::MoneyMarket => {
            let value = 10f64.powf(4.0 + rng.unit() * 3.5);
            ("Money Market", value, 1.0, value, value)
        }
        Kind::Forward => {
            let value =
                10f64.powf(3.0 + rng.unit() * 4.0) * if rng.chance(0.5) { -1.0 } else { 1.0 };
            ("FX", value.abs() * fx, 1.0, value, value.abs())
        }
    };
    let weight = value / 2.0e9 * 100.0;
    let fields: [&str; 15] = [
        &s.ticker,
        &s.name,
        s.sector,
        class,
        &money(value),
        &format!("{weight:.2}"),
        &money(notional),
        &money(quantity),
        &money(price),
        location,
        exchange,
        currency,
        &format!("{fx:.2}"),
        currency,
        "-",
    ];
    let mut line = String::with_capacity(256);
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    }
    line.push('\n');
    w.write_all(line.as_bytes())
}

/// `1234567.891` → `1,234,567.89`; negatives with a minus sign.
fn money(value: f64) -> String {
    let cents = (value.abs() * 100.0).round() as u64;
    let sign = if value < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", thousands(cents / 100), cents % 100)
}

// ---------------------------------------------------------------------------
// Synthetic lists

/// Writes a snapshot of `entities` synthetic entities in the format of
/// `lists/README.md`, shaped like a sanctions list: company names of many
/// jurisdictions with their legal forms, some aliases, some parents, a few
/// names of ordinary holdings (so that screens find something).
fn write_list(w: &mut impl Write, universe: &Universe, entities: usize) -> std::io::Result<()> {
    let mut rng = Rng::new(10 + entities as u64);
    let mut out = csv::Writer::from_writer(w);
    out.write_record(redlist::list::SNAPSHOT_COLUMNS)?;
    let mut names = HashSet::new();
    let mut ids: Vec<String> = Vec::with_capacity(entities);
    for i in 0..entities {
        let name = loop {
            let name = if rng.chance(0.003) {
                // A holding's company, as a list prints it.
                let s = rng.pick(&universe.ordinary);
                list_form_of_holding(&s.name)
            } else {
                list_name(&mut rng)
            };
            if names.insert(name.clone()) {
                break name;
            }
        };
        let id = format!("{}-{}", kebab(&name, 4), i + 1);
        let status = if rng.chance(0.95) {
            "enacted"
        } else {
            "recommended"
        };
        let since = format!(
            "{}-{:02}-{:02}",
            rng.range(2015, 2025),
            rng.range(1, 12),
            rng.range(1, 28)
        );
        let mut aliases = Vec::new();
        if rng.chance(0.4) {
            for _ in 0..1 + rng.below(3) {
                aliases.push(match rng.below(4) {
                    0 => acronym(&name),
                    1 => without_form(&name),
                    2 => list_name(&mut rng),
                    _ => format!("{} Group", without_form(&name)),
                });
            }
        }
        let mut seen_aliases = HashSet::new();
        aliases.retain(|a| !a.is_empty() && a != &name && seen_aliases.insert(a.clone()));
        let parent = if i > 10 && rng.chance(0.05) {
            ids[rng.below(i)].clone()
        } else {
            String::new()
        };
        let source = format!(
            "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}",
            10_000 + i
        );
        let note = if rng.chance(0.2) {
            "synthetic benchmark entry"
        } else {
            ""
        };
        out.write_record([
            id.as_str(),
            &name,
            status,
            &since,
            &aliases.join("|"),
            &parent,
            "",
            "",
            &source,
            note,
        ])?;
        ids.push(id);
    }
    out.flush()?;
    Ok(())
}

fn title(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

fn title_words(text: &str) -> String {
    text.split(' ').map(title).collect::<Vec<_>>().join(" ")
}

/// An OFAC-style company name.
fn list_name(rng: &mut Rng) -> String {
    let word = |rng: &mut Rng| title(&invented_word(rng));
    let industry = |rng: &mut Rng| title_words(rng.word(INDUSTRIES));
    match rng.below(100) {
        0..=29 => format!("{} {} {}", word(rng), industry(rng), rng.pick(LIST_FORMS)),
        30..=54 => format!(
            "{} {} {} Co., Ltd.",
            title(rng.word(CN_PLACES)),
            title(&pinyin_word(rng)),
            industry(rng)
        ),
        55..=69 => match rng.below(4) {
            0 => format!("Limited Liability Company {}", word(rng)),
            1 => format!("Joint Stock Company {} {}", word(rng), industry(rng)),
            2 => format!("OOO {}", word(rng)),
            _ => format!("AO {} {}", word(rng), word(rng)),
        },
        70..=79 => match rng.below(3) {
            0 => format!("{} General Trading FZE", word(rng)),
            1 => format!("Al {} {} Company", word(rng), industry(rng)),
            _ => format!("{} Petrochemical Company", word(rng)),
        },
        80..=89 => match rng.below(3) {
            0 => format!("{} {} S.A. de C.V.", word(rng), industry(rng)),
            1 => format!("Inversiones {} S.A.", word(rng)),
            _ => format!("Grupo {} {}", word(rng), word(rng)),
        },
        _ => format!("{} {} {}", word(rng), word(rng), rng.pick(LIST_FORMS)),
    }
}

/// `JIANGSU XINGRUI PHARMACEUTICAL CO LTD-A` → `Jiangsu Xingrui Pharmaceutical Co., Ltd.`
fn list_form_of_holding(name: &str) -> String {
    let base = name
        .trim_end_matches("-A")
        .trim_end_matches("-H")
        .trim_end_matches(" CLASS A")
        .trim_end_matches(" A");
    let titled = title_words(base);
    titled
        .replace(" Co Ltd", " Co., Ltd.")
        .replace(" Ltd", " Limited")
        .replace(" Corp", " Corporation")
}

fn without_form(name: &str) -> String {
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].trim_end_matches(['.', ',']);
        let form = matches!(
            last,
            "LLC"
                | "Limited"
                | "Co"
                | "Ltd"
                | "OOO"
                | "JSC"
                | "S.A"
                | "GmbH"
                | "FZE"
                | "FZCO"
                | "Pte"
                | "Sdn"
                | "Bhd"
                | "Company"
                | "Corporation"
                | "Inc"
                | "de"
                | "C.V"
                | "A.S"
                | "S.A."
                | "Holding"
                | "Trading"
                | "General"
                | "Industrial"
                | "Export"
                | "Import"
                | "International"
                | "Technology"
                | "Corp"
        );
        if form {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ")
}

fn acronym(name: &str) -> String {
    let letters: String = without_form(name)
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.len() >= 2 {
        letters
    } else {
        String::new()
    }
}

/// The first `words` words of `text` in kebab case (`[a-z0-9]+(-[a-z0-9]+)*`).
fn kebab(text: &str, words: usize) -> String {
    let parts: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .take(words)
        .map(str::to_ascii_lowercase)
        .collect();
    if parts.is_empty() {
        "entity".to_string()
    } else {
        parts.join("-")
    }
}
