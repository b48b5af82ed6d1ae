//! redlist screens investment holdings against dated snapshots of US
//! government lists of Chinese military companies.
//!
//! The pipeline, in one paragraph: the lists compiled into the binary (or a
//! user's list) are loaded and validated ([`list`]); the snapshot in effect
//! on the screen's date is chosen and indexed once ([`matching`]); each
//! holdings file is decoded, its layout found and its rows streamed
//! ([`portfolio`]); every holding is decided by ISIN, ticker with exchange,
//! then name ([`matching`]), counted and rendered ([`report`]); the exit
//! code follows from the findings ([`exit`]).
#![forbid(unsafe_code)]

pub mod cli;
pub mod command;
pub mod config;
pub mod exit;
pub mod list;
pub mod matching;
pub mod portfolio;
pub mod report;
pub mod sanitize;

use std::io::Write;

use anyhow::Result;

use cli::{Cli, Command};
use exit::ExitCode;

/// What a run produced besides its report: the exit code and the notes for
/// standard error.
pub struct RunOutcome {
    /// The exit code.
    pub exit: ExitCode,
    /// Warnings to show on standard error (unless `--quiet`).
    pub warnings: Vec<String>,
    /// `--quiet` was given.
    pub quiet: bool,
}

/// Runs a parsed command line, writing the report to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<RunOutcome> {
    let catalog = list::Catalog::embedded()?;
    match cli.command {
        Command::Screen(args) => {
            let common = config::resolve_common(&args.common, &catalog)?;
            let quiet = common.quiet;
            let config = command::screen::ScreenConfig::from_args(&args, common)?;
            let (exit, warnings) = command::screen::run(&config, out)?;
            Ok(RunOutcome {
                exit,
                warnings,
                quiet,
            })
        }
        Command::Lookup(args) => {
            let common = config::resolve_common(&args.common, &catalog)?;
            let exit = command::lookup::run(&args, &common, out)?;
            Ok(RunOutcome {
                exit,
                warnings: common.warnings,
                quiet: common.quiet,
            })
        }
        Command::Lists(args) => {
            let common = config::resolve_common(&args.common, &catalog)?;
            let exit = command::lists::run(&args, &common, &catalog, out)?;
            Ok(RunOutcome {
                exit,
                warnings: common.warnings,
                quiet: common.quiet,
            })
        }
        Command::Diff(args) => {
            let common = config::resolve_common(&args.common, &catalog)?;
            let exit = command::diff::run(&args, &common, out)?;
            Ok(RunOutcome {
                exit,
                warnings: common.warnings,
                quiet: common.quiet,
            })
        }
        Command::Eval(args) => {
            let common = config::resolve_common(&args.common, &catalog)?;
            let exit = command::eval::run(&args, &common, out)?;
            Ok(RunOutcome {
                exit,
                warnings: common.warnings,
                quiet: common.quiet,
            })
        }
    }
}
