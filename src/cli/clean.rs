//! `renja clean`: writes the cleaned, formula-free workbook beside the input (or where `-o`
//! says) and prints the summary.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::args::{colour_on_stdout, CommonArgs, FailOnArgs, SummaryArgs};
use super::outcome::{localised, write_failure, Outcome};
use renja::atomic::{check_target, write_atomically};
use renja::messages::Message;
use renja::pipeline::{clean_path, now_rfc3339};
use renja::report::{terminal, Exporter};
use renja::write::names::cleaned_path;

/// `renja clean FILE`: its help texts are the catalogue's `cli.clean.*` entries.
#[derive(Args, Debug)]
pub struct CleanArgs {
    pub file: PathBuf,
    /// Unset: NAME.bersih.xlsx beside the input.
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

pub fn run(args: CleanArgs) -> anyhow::Result<Outcome> {
    let lang = args.common.lang();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| cleaned_path(&args.file));
    // Refuse early, before the work, when the output exists or is the input.
    check_target(&output, Some(&args.file), args.force).map_err(|e| write_failure(&e, lang))?;
    let cleaned = clean_path(&args.file, &output, &args.common.options()?, &now_rfc3339())
        .map_err(|e| localised(e.message(), lang))?;
    write_atomically(&output, &cleaned.bytes, args.force).map_err(|e| write_failure(&e, lang))?;
    let checked = cleaned.checked;
    let style = args.summary.style(colour_on_stdout());
    let mut stdout = std::io::stdout().lock();
    let summary = terminal::Terminal { lang, style }.render(&checked.report);
    stdout.write_all(summary.as_bytes())?;
    writeln!(
        stdout,
        "{}",
        Message::new("label.written")
            .arg("file", output.display())
            .render(lang)
    )?;
    Ok(if checked.report.fails_at(args.fail_on.fail_on.into()) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
