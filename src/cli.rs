//! The command line, as clap parses it: commands, options and their help.
//! Nothing here decides anything; `config.rs` resolves it.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Screen investment holdings against dated snapshots of US government
/// lists of Chinese military companies.
#[derive(Debug, Parser)]
#[command(name = "redlist", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 error (input unreadable, list invalid or stale, bad usage)."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen holdings files against the lists.
    Screen(Box<ScreenArgs>),
    /// Explain how one name, ticker or ISIN matches: candidates, scores, why.
    Lookup(LookupArgs),
    /// Show the lists and snapshots carried, with counts and sha256.
    Lists(ListsArgs),
    /// Show what changed on a list between two dates.
    Diff(DiffArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), generated from this command line.
    Man,
    /// Measure matching quality on a labelled evaluation set.
    #[command(hide = true)]
    Eval(EvalArgs),
}

/// `redlist completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options every command shares.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// List to use: an id (us-dod-1260h, us-dod-1237, us-treasury-nscmic),
    /// `all`, or a path to a snapshot CSV or a folder of them. Repeatable.
    #[arg(long = "list", value_name = "ID|PATH", help_heading = "Lists")]
    pub lists: Vec<String>,

    /// Screen as of this date: the newest snapshot dated on or before it is
    /// used. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, help_heading = "Lists")]
    pub as_of: Option<NaiveDate>,

    /// Colour: auto (terminal, NO_COLOR unset, TERM not dumb), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,

    /// Print nothing but errors; only the exit status tells.
    #[arg(long, short, help_heading = "Output")]
    pub quiet: bool,
}

/// `redlist screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Holdings files (CSV, TSV, XLSX, XLS); `-` reads standard input.
    #[arg(required = true, value_name = "PORTFOLIO")]
    pub inputs: Vec<PathBuf>,

    /// Options every command shares.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = "Output")]
    pub format: Format,

    /// Fail (exit 1) on findings at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Enacted, help_heading = "Policy")]
    pub fail_on: FailOn,

    /// Fail (exit 2) when a snapshot is older than this many days at --as-of
    /// (by default a warning after 365 days).
    #[arg(long, value_name = "DAYS", help_heading = "Policy")]
    pub max_list_age: Option<u32>,

    /// Exit 2 when any row is rejected (cannot be screened).
    #[arg(long, help_heading = "Policy")]
    pub strict: bool,

    /// Report every screened holding, not only findings.
    #[arg(long, help_heading = "Output")]
    pub all: bool,

    /// Reviewed findings (CSV: holding, entity_id, decision, reason,
    /// reviewer, expires). Default: redlist-decisions.csv beside the first
    /// holdings file or in the current directory, if there is one.
    #[arg(long, value_name = "FILE", help_heading = "Policy")]
    pub decisions: Option<PathBuf>,

    /// Column holding the security name (header text or 1-based number).
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub name_col: Option<String>,
    /// Column holding the ticker.
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub ticker_col: Option<String>,
    /// Column holding the ISIN.
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub isin_col: Option<String>,
    /// Column holding the weight (percent or fraction).
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub weight_col: Option<String>,
    /// Column holding the market value.
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub value_col: Option<String>,
    /// Column holding the exchange of listing.
    #[arg(long, value_name = "COLUMN", help_heading = "Input")]
    pub exchange_col: Option<String>,

    /// Text encoding: auto (detect), utf-8, utf-16le, windows-1252, gbk,
    /// gb18030 ...; add `:lossy` to replace undecodable bytes.
    #[arg(
        long,
        value_name = "ENCODING",
        default_value = "auto",
        help_heading = "Input"
    )]
    pub encoding: String,

    /// Spreadsheet sheet to read (name or 1-based number); default: the
    /// first with a recognisable header.
    #[arg(long, value_name = "SHEET", help_heading = "Input")]
    pub sheet: Option<String>,
}

/// `redlist lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// A security name, a ticker (`9988 HK`, `002594.SZ`) or an ISIN.
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Options every command shares.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = InfoFormat::Table, help_heading = "Output")]
    pub format: InfoFormat,

    /// How many candidates to show.
    #[arg(long, default_value_t = 5, help_heading = "Output")]
    pub limit: usize,
}

/// `redlist lists`.
#[derive(Debug, Args)]
pub struct ListsArgs {
    /// Options every command shares.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = InfoFormat::Table, help_heading = "Output")]
    pub format: InfoFormat,
}

/// `redlist diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier date: the snapshot in effect then.
    #[arg(value_parser = parse_date, value_name = "FROM")]
    pub from: NaiveDate,
    /// The later date: the snapshot in effect then.
    #[arg(value_parser = parse_date, value_name = "TO")]
    pub to: NaiveDate,

    /// Options every command shares.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Only changes touching the holdings in this file.
    #[arg(long, value_name = "FILE")]
    pub portfolio: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = InfoFormat::Table, help_heading = "Output")]
    pub format: InfoFormat,
}

/// `redlist eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The labelled set (CSV: name,ticker,exchange,currency,isin,expect,entity_id,...).
    #[arg(value_name = "SET")]
    pub set: PathBuf,

    /// Options every command shares.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = InfoFormat::Table, help_heading = "Output")]
    pub format: InfoFormat,

    /// Print every line whose verdict differs from its label.
    #[arg(long)]
    pub show_errors: bool,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// One JSON document (versioned contract).
    Json,
    /// The input rows with verdict columns added.
    Csv,
    /// Markdown for pull-request comments and CI job summaries.
    Markdown,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Output formats of the commands that describe rather than screen
/// (`lookup`, `lists`, `diff`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InfoFormat {
    /// Aligned text for people.
    Table,
    /// JSON for scripts.
    Json,
}

/// Levels for `--fail-on`, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    /// Matches with an enacted listing.
    Enacted,
    /// Matches, enacted or recommended.
    Recommended,
    /// Any match or review.
    Review,
    /// Never fail on findings (errors still exit 2).
    Never,
}

impl FailOn {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Enacted => "enacted",
            FailOn::Recommended => "recommended",
            FailOn::Review => "review",
            FailOn::Never => "never",
        }
    }
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::list::parse_date(text).map_err(|_| format!("{text:?} is not a date: use YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        Cli::command().debug_assert();
    }
}
