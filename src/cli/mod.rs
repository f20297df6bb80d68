//! The command line: clap definitions shared by every subcommand, and the mapping from a
//! run's outcome to an exit code. The only module (with main.rs) that names clap and anyhow.

mod args;
mod batch;
mod check;
mod clean;
mod dropped;
mod help;
mod lang;
mod outcome;
mod serve;
mod size;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use renja::messages::Lang;

pub use outcome::Outcome;

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

/// The command line of this process, with help and usage errors in the user's language. On a
/// usage error, `--help` or `--version` it prints what clap would (translated) and gives the
/// exit code: 0 for help and version, 2 for an error.
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let lang = lang::requested(&args);
    let command = help::localised(Cli::command(), lang);
    let mut matches = match command.clone().try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(error) => return Err(usage_error(error, lang, &command, &args)),
    };
    if let Some(message) = help::drop_flag_before_command(&command, &matches) {
        eprintln!("{}", message.render(lang));
        return Err(ExitCode::from(2));
    }
    Cli::from_arg_matches_mut(&mut matches)
        .map_err(|error| usage_error(error, lang, &command, &args))
}

/// Help and version are clap's rendering of the translated command; an error is ours, with
/// the usage line of the command the arguments name (clap gives none for a flag's invalid
/// value: `--lang xx`, `--jobs abc`).
fn usage_error(
    error: clap::Error,
    lang: Lang,
    command: &clap::Command,
    args: &[OsString],
) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
        }
        _ => {
            let usage = help::usage_of(command, args);
            eprintln!("{}", help::render_error(&error, lang, usage.as_deref()))
        }
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

#[cfg(test)]
mod tests {
    use super::args::SeverityArg;
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
}
