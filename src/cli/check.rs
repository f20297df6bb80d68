//! `renja check`: reads a workbook and reports what is wrong; writes nothing but the report.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::args::{colour_on_stdout, CommonArgs, FailOnArgs, SummaryArgs};
use super::outcome::{localised, write_failure, Outcome};
use renja::atomic::{check_target, write_atomically};
use renja::pipeline::check_path;
use renja::report::{csv, json, terminal, Exporter};

/// `renja check FILE`: its help texts are the catalogue's `cli.check.*` entries.
#[derive(Args, Debug)]
pub struct CheckArgs {
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// The report file, written atomically instead of printing; an existing one needs --force.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub fail_on: FailOnArgs,
    #[command(flatten)]
    pub summary: SummaryArgs,
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
        check_target(output, Some(&args.file), args.force).map_err(|e| write_failure(&e, lang))?;
    }
    let checked = check_path(&args.file, &args.common.options()?)
        .map_err(|e| localised(e.message(), lang))?;
    let report = &checked.report;
    let exporter: Box<dyn Exporter> = match args.format {
        ReportFormat::Json => Box::new(json::Json { lang }),
        ReportFormat::Csv => Box::new(csv::Csv { lang }),
        ReportFormat::Text => Box::new(terminal::Terminal {
            lang,
            style: args
                .summary
                .style(args.output.is_none() && colour_on_stdout()),
        }),
    };
    let text = exporter.render(report);
    match &args.output {
        Some(output) => write_atomically(output, text.as_bytes(), args.force)
            .map_err(|e| write_failure(&e, lang))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if report.fails_at(args.fail_on.fail_on.into()) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
