//! redlist screens investment holdings against dated snapshots of US
//! government lists of Chinese military companies.
//!
//! The pipeline, in one paragraph: the lists compiled into the binary (or a
//! user's list) are loaded and validated ([`list`]); the snapshot of each
//! list in effect on the screen's date is chosen ([`config`]) and indexed
//! once ([`matching`]); each holdings file is decoded, its layout found and
//! its rows streamed ([`portfolio`]); every holding is decided by ISIN,
//! ticker with exchange, then name ([`matching`]), checked against the
//! reviewers' decisions ([`decisions`]), counted and rendered ([`report`],
//! [`screen`]); the exit code follows from the findings ([`exit`]).
#![forbid(unsafe_code)]

pub mod cli;
pub mod command;
pub mod config;
pub mod decisions;
pub mod exit;
pub mod huge_pages;
pub mod list;
pub mod matching;
pub mod portfolio;
pub mod report;
pub mod sanitize;
pub mod screen;

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use cli::{Cli, Command};
use config::{Common, DefaultLists};
use exit::ExitCode;

/// What a run produced besides its report: the exit code and the notes for
/// standard error.
pub struct RunOutcome {
    /// The exit code.
    pub exit: ExitCode,
    /// Warnings to show on standard error (unless `--quiet`).
    pub warnings: Vec<String>,
    /// `--quiet` was given: print nothing but errors.
    pub quiet: bool,
    /// What the run built and no longer needs.
    pub leftovers: Leftovers,
}

impl RunOutcome {
    /// The outcome of a command run on `common`'s lists: their warnings,
    /// and the lists themselves left over.
    fn after(exit: ExitCode, mut common: Common) -> RunOutcome {
        RunOutcome {
            exit,
            warnings: std::mem::take(&mut common.warnings),
            quiet: common.quiet,
            leftovers: Leftovers {
                _kept: vec![Box::new(common)],
            },
        }
    }

    /// A clean outcome with nothing to warn about or leave over.
    fn clean() -> RunOutcome {
        RunOutcome {
            exit: ExitCode::Clean,
            warnings: Vec::new(),
            quiet: false,
            leftovers: Leftovers::default(),
        }
    }
}

/// What a run built and no longer needs once its report is written: the
/// lists and their indexes. Freeing the index of a large list takes tens
/// of milliseconds of both cores, allocation by allocation; a process
/// about to end can leave that to the operating system instead (the
/// binary does). Dropped, it is freed as usual.
#[derive(Default)]
pub struct Leftovers {
    /// Held only to be dropped, or forgotten.
    _kept: Vec<Box<dyn std::any::Any>>,
}

/// Runs a parsed command line, writing the report to `out` (or nowhere
/// with `--quiet`).
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<RunOutcome> {
    let mut sink = std::io::sink();
    let catalog = list::Catalog::embedded()?;
    match cli.command {
        Command::Screen(args) => {
            let common = config::resolve_common(&args.common, &catalog, DefaultLists::InForce)?;
            let quiet = common.quiet;
            let progress = config::progress(quiet);
            let settings = command::screen::config(&args, common, progress)?;
            let out: &mut dyn Write = if quiet { &mut sink } else { out };
            let screened = command::screen::run(&settings, out)?;
            Ok(RunOutcome {
                exit: screened.exit,
                warnings: screened.warnings,
                quiet,
                leftovers: Leftovers {
                    _kept: vec![Box::new(screened.matchers), Box::new(settings)],
                },
            })
        }
        Command::Lookup(args) => {
            let common = config::resolve_common(&args.common, &catalog, DefaultLists::InForce)?;
            let out: &mut dyn Write = if common.quiet { &mut sink } else { out };
            let exit = command::lookup::run(&args, &common, out)?;
            Ok(RunOutcome::after(exit, common))
        }
        Command::Lists(args) => {
            let common = config::resolve_common(&args.common, &catalog, DefaultLists::InForce)?;
            let out: &mut dyn Write = if common.quiet { &mut sink } else { out };
            let exit = command::lists::run(&args, &common, &catalog, out)?;
            Ok(RunOutcome::after(exit, common))
        }
        Command::Diff(args) => {
            let common = config::resolve_common(&args.common, &catalog, DefaultLists::Dod1260h)?;
            let out: &mut dyn Write = if common.quiet { &mut sink } else { out };
            let exit = command::diff::run(&args, &common, out)?;
            Ok(RunOutcome::after(exit, common))
        }
        Command::Eval(args) => {
            let common = config::resolve_common(&args.common, &catalog, DefaultLists::Dod1260h)?;
            let exit = command::eval::run(&args, &common, out)?;
            Ok(RunOutcome::after(exit, common))
        }
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "redlist", out);
            Ok(RunOutcome::clean())
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(RunOutcome::clean())
        }
    }
}
