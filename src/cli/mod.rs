//! The command line: clap definitions shared by every subcommand, and the mapping from a
//! run's outcome to an exit code. The only module (with main.rs) that names clap and anyhow.

mod batch;
mod check;
mod clean;
mod dropped;
mod serve;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use renja::finding::Severity;
use renja::formula::FormulaLimits;
use renja::messages::{Lang, Message};
use renja::pipeline::Options;
use renja::read::ReadLimits;

/// renja: periksa dan bersihkan buku kerja Renja / realisasi anggaran.
/// Check and clean Renja and budget-realisation workbooks.
///
/// Without a subcommand, `renja FILE…` cleans each file beside itself (what dropping files
/// onto renja does).
#[derive(Parser, Debug)]
#[command(
    name = "renja",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
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

/// Flags every subcommand shares.
#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Language of messages and of the report sheets: id (Bahasa Indonesia) or en.
    #[arg(long, value_enum, default_value_t = LangArg::Id, global = true)]
    pub lang: LangArg,
    /// Most filled cells one sheet may have.
    #[arg(long, default_value_t = ReadLimits::default().max_cells_per_sheet, global = true)]
    pub max_cells: usize,
    /// Most bytes the parts of an xlsx/ods may unpack to (guards against zip bombs).
    #[arg(long, default_value_t = ReadLimits::default().max_unpacked_bytes, global = true)]
    pub max_unpacked: u64,
    /// Most memory reading one file may take, e.g. 1GiB, 512MiB (a damaged file asking for
    /// more is refused).
    #[arg(long, default_value = "1GiB", value_parser = serve::parse_size, global = true)]
    pub max_memory: u64,
    /// Deepest nesting of a formula renja evaluates; deeper ones are reported, not computed.
    #[arg(long, default_value_t = FormulaLimits::default().max_depth, global = true)]
    pub max_formula_depth: usize,
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

impl CommonArgs {
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Id => Lang::Id,
            LangArg::En => Lang::En,
        }
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
