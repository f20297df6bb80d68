//! `renja check`: reads a workbook and reports what is wrong; writes nothing but the report.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{colour_on_stdout, localised, CommonArgs, Outcome, SeverityArg};
use renja::atomic::{check_target, write_atomically};
use renja::pipeline::check_path;
use renja::report::{csv, json, terminal, Exporter};

/// Periksa buku kerja dan laporkan temuan / Check a workbook and report findings.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The workbook (xlsx, xlsm, xlsb, xls, ods).
    pub file: PathBuf,
    /// Report format: text (for people), json (schema renja-report/1), csv (one row per
    /// finding).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the report file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Exit with 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    pub fail_on: SeverityArg,
    /// Show propagated findings too, not only root causes.
    #[arg(long)]
    pub all: bool,
    /// Print the summary line only.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
}

pub fn run(args: CheckArgs) -> anyhow::Result<Outcome> {
    let lang = args.common.lang();
    if let Some(output) = &args.output {
        check_target(output, Some(&args.file), args.force)
            .map_err(|e| localised(e.message(), lang))?;
    }
    let checked =
        check_path(&args.file, &args.common.options()).map_err(|e| localised(e.message(), lang))?;
    let report = &checked.report;
    let exporter: Box<dyn Exporter> = match args.format {
        ReportFormat::Json => Box::new(json::Json { lang }),
        ReportFormat::Csv => Box::new(csv::Csv { lang }),
        ReportFormat::Text => Box::new(terminal::Terminal {
            lang,
            style: terminal::TerminalStyle {
                colour: args.output.is_none() && colour_on_stdout(),
                all: args.all,
                quiet: args.quiet,
            },
        }),
    };
    let text = exporter.render(report);
    match &args.output {
        Some(output) => write_atomically(output, text.as_bytes(), args.force)
            .map_err(|e| localised(e.message(), lang))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if report.fails_at(args.fail_on.into()) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
