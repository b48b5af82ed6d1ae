//! `redlist screen`: arguments to settings; the screen itself is in
//! [`crate::screen`].

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::ScreenArgs;
use crate::config::Common;
use crate::decisions::Decisions;
use crate::portfolio::columns::{ColumnOverrides, Role};
use crate::portfolio::decode::EncodingChoice;
use crate::portfolio::{ReadOptions, Source};
use crate::screen::{self, ScreenConfig};

/// Resolves `redlist screen`'s arguments.
pub fn config(args: &ScreenArgs, common: Common, progress: bool) -> Result<ScreenConfig> {
    let mut overrides = ColumnOverrides::default();
    for (role, given) in [
        (Role::Name, &args.name_col),
        (Role::Ticker, &args.ticker_col),
        (Role::Isin, &args.isin_col),
        (Role::Weight, &args.weight_col),
        (Role::MarketValue, &args.value_col),
        (Role::Exchange, &args.exchange_col),
    ] {
        if let Some(column) = given {
            overrides.given.push((role, column.clone()));
        }
    }
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("standard input (-) can be given only once");
    }
    let inputs: Vec<Source> = args
        .inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::Path(p.clone())
            }
        })
        .collect();
    let first_path = args
        .inputs
        .iter()
        .find(|p| p.as_os_str() != "-")
        .map(PathBuf::as_path);
    let decisions = match Decisions::locate(args.decisions.as_deref(), first_path) {
        Some(path) => Some(Decisions::load(&path)?),
        None => None,
    };
    Ok(ScreenConfig {
        common,
        inputs,
        read: ReadOptions {
            encoding: EncodingChoice::parse(&args.encoding)?,
            overrides,
            sheet: args.sheet.clone(),
        },
        format: args.format,
        fail_on: args.fail_on,
        all: args.all,
        strict: args.strict,
        max_list_age: args.max_list_age,
        decisions,
        progress,
    })
}

/// Runs `redlist screen`.
pub fn run(config: &ScreenConfig, out: &mut dyn Write) -> Result<screen::Screened> {
    screen::run(config, out)
}
