//! The command line: clap definitions shared by every subcommand, and the mapping from a
//! run's outcome to an exit code. The only module (with main.rs) that names clap and anyhow.

mod batch;
mod check;
mod clean;
mod dropped;
mod help;
mod lang;
mod serve;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use renja::finding::Severity;
use renja::formula::FormulaLimits;
use renja::messages::{Lang, Message};
use renja::pipeline::Options;
use renja::read::ReadLimits;

/// The whole command line. Help texts, headings and value names are not written here: they
/// come from the message catalogue in the user's language (`help.rs`), so `///` comments on
/// the flags below are for readers of the code only where they say more than the flag's name.
#[derive(Parser, Debug)]
#[command(name = "renja", version, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `renja FILE…`: what dropping files onto renja.exe runs.
    #[command(flatten)]
    pub dropped: dropped::DroppedArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Check(check::CheckArgs),
    Clean(clean::CleanArgs),
    Batch(batch::BatchArgs),
    Serve(serve::ServeArgs),
}

/// Flags every command shares: the language and the limits on what a file may hold.
#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Unset: from `LANG`/`LC_ALL` (English when they start with `en`), else Indonesian.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    #[arg(long, default_value_t = ReadLimits::default().max_cells_per_sheet, global = true)]
    pub max_cells: usize,
    #[arg(long, default_value_t = ReadLimits::default().max_unpacked_bytes, global = true)]
    pub max_unpacked: u64,
    #[arg(long, default_value = "1GiB", value_parser = serve::parse_size, global = true)]
    pub max_memory: u64,
    #[arg(long, default_value_t = FormulaLimits::default().max_depth, global = true)]
    pub max_formula_depth: usize,
}

/// When a run counts as having findings (exit 1): every command that checks workbooks.
#[derive(Args, Debug, Clone)]
pub struct FailOnArgs {
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    pub fail_on: SeverityArg,
}

/// How much of a report the terminal shows: check, clean and drop mode, which all print the
/// summary with its "use --all" hint.
#[derive(Args, Debug, Clone)]
pub struct SummaryArgs {
    /// Propagated findings too, each under its root cause.
    #[arg(long)]
    pub all: bool,
    /// The summary line alone.
    #[arg(short, long)]
    pub quiet: bool,
}

impl SummaryArgs {
    pub fn style(&self, colour: bool) -> renja::report::terminal::TerminalStyle {
        renja::report::terminal::TerminalStyle {
            colour,
            all: self.all,
            quiet: self.quiet,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangArg {
    Id,
    En,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
        }
    }
}

impl CommonArgs {
    /// `--lang`, else the language of the environment.
    pub fn lang(&self) -> Lang {
        self.lang.map_or_else(lang::from_env, Lang::from)
    }

    /// The library options this command line asks for.
    pub fn options(&self) -> Options {
        Options {
            lang: self.lang(),
            formula_limits: FormulaLimits {
                max_depth: self.max_formula_depth,
            },
            read_limits: ReadLimits {
                max_cells_per_sheet: self.max_cells,
                max_unpacked_bytes: self.max_unpacked,
                max_memory: self.max_memory,
                reader: renja::read::ReaderProcess::this_program(),
            },
        }
    }
}

/// How a run ended, mapped to the exit code: 0 clean, 1 findings at or above the threshold,
/// 2 could not read or write.
pub enum Outcome {
    Clean,
    Findings,
    /// Some inputs could not be read or written; the others were processed (batch).
    Failed,
}

/// The command line of this process, with help and usage errors in the user's language. On a
/// usage error, `--help` or `--version` it prints what clap would (translated) and gives the
/// exit code: 0 for help and version, 2 for an error.
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let lang = lang::requested(&args);
    let command = help::localised(Cli::command(), lang);
    let mut matches = match command.clone().try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(error) => return Err(usage_error(error, lang)),
    };
    if let Some(message) = help::drop_flag_before_command(&command, &matches) {
        eprintln!("{}", message.render(lang));
        return Err(ExitCode::from(2));
    }
    Cli::from_arg_matches_mut(&mut matches).map_err(|error| usage_error(error, lang))
}

/// Help and version are clap's rendering of the translated command; an error is ours.
fn usage_error(error: clap::Error, lang: Lang) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
        }
        _ => eprintln!("{}", help::render_error(&error, lang)),
    }
    ExitCode::from(error.exit_code().clamp(0, 255) as u8)
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Clean(args)) => clean::run(args),
        Some(Command::Batch(args)) => batch::run(args),
        Some(Command::Serve(args)) => serve::run(args),
        None => dropped::run(cli.dropped),
    }
}

pub fn exit_code(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("renja: {error}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A library error as an anyhow error whose text is in the user's language.
pub fn localised(message: Message, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(message.render(lang))
}

/// `Renja 2025.xlsx` → `Renja 2025.bersih.xlsx` in the same folder.
pub fn default_clean_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "renja".into());
    input.with_file_name(format!("{stem}.bersih.xlsx"))
}

/// Colour only on a terminal and only when `NO_COLOR` is unset.
pub fn colour_on_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The time of the run, RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn the_shared_flags_reach_drop_mode() {
        let cli =
            Cli::try_parse_from(["renja", "a.xlsx", "--all", "-q", "--fail-on", "info"]).unwrap();
        assert!(cli.dropped.summary.all && cli.dropped.summary.quiet);
        assert_eq!(cli.dropped.fail_on.fail_on, SeverityArg::Info);
        let cli = Cli::try_parse_from(["renja", "clean", "a.xlsx", "--all"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Clean(c)) if c.summary.all));
    }

    #[test]
    fn files_without_a_subcommand_are_dropped_files() {
        let cli = Cli::try_parse_from(["renja", "a.xlsx", "b.xls"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.dropped.files.len(), 2);
        let cli = Cli::try_parse_from(["renja", "check", "a.xlsx"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check(_))));
    }

    #[test]
    fn cleaned_file_sits_beside_the_input() {
        assert_eq!(
            default_clean_path(Path::new("a/Renja 2025.xlsx")),
            PathBuf::from("a/Renja 2025.bersih.xlsx")
        );
        assert_eq!(
            default_clean_path(Path::new("lama.XLS")),
            PathBuf::from("lama.bersih.xlsx")
        );
    }
}
