//! The flags several commands share (language, limits, `--fail-on`, how much of a report the
//! terminal shows) and what they become: the library's [`Options`], a [`Severity`] threshold,
//! a terminal style.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::lang;
use super::outcome::localised;
use super::size::parse_size;
use renja::codes::lists::CodeLists;
use renja::finding::Severity;
use renja::formula::FormulaLimits;
use renja::messages::Lang;
use renja::pipeline::Options;
use renja::read::ReadLimits;

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
    #[arg(long, default_value = "1GiB", value_parser = parse_size, global = true)]
    pub max_memory: u64,
    #[arg(long, default_value_t = FormulaLimits::default().max_depth, global = true)]
    pub max_formula_depth: usize,
    /// A code list of the user's own (code and name per row), added to the embedded ones or,
    /// for the year in its name, replacing them. Repeatable.
    #[arg(long, value_name = "FILE", global = true)]
    pub nomenklatur: Vec<PathBuf>,
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

    /// The library options this command line asks for, the `--nomenklatur` lists read.
    ///
    /// # Errors
    /// A list file that cannot be read or holds no codes, in the user's language.
    pub fn options(&self) -> anyhow::Result<Options> {
        let read_limits = ReadLimits {
            max_cells_per_sheet: self.max_cells,
            max_unpacked_bytes: self.max_unpacked,
            max_memory: self.max_memory,
            reader: renja::read::ReaderProcess::this_program(),
        };
        let mut lists = Vec::new();
        for path in &self.nomenklatur {
            let loaded = renja::user_lists::load(path, &read_limits)
                .map_err(|e| localised(e.message(), self.lang()))?;
            lists.extend(loaded);
        }
        Ok(Options {
            lang: self.lang(),
            formula_limits: FormulaLimits {
                max_depth: self.max_formula_depth,
            },
            read_limits,
            code_lists: CodeLists::with_user(lists),
        })
    }
}

/// Colour only on a terminal and only when `NO_COLOR` is unset.
pub fn colour_on_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
