//! `renja clean`: writes the cleaned, formula-free workbook beside the input (or where `-o`
//! says) and prints the summary.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{
    colour_on_stdout, default_clean_path, localised, now_rfc3339, CommonArgs, FailOnArgs, Outcome,
    SummaryArgs,
};
use renja::atomic::check_target;
use renja::messages::Message;
use renja::pipeline::check_path;
use renja::report::{terminal, Exporter};
use renja::write::write_cleaned;

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
        .unwrap_or_else(|| default_clean_path(&args.file));
    // Refuse early, before the work, when the output exists or is the input.
    check_target(&output, Some(&args.file), args.force)
        .map_err(|e| localised(e.message(), lang))?;
    let checked = check_path(&args.file, &args.common.options()?)
        .map_err(|e| localised(e.message(), lang))?;
    let generated_at = now_rfc3339();
    write_cleaned(
        &checked.clean_input(lang, &generated_at),
        &args.file,
        &output,
        args.force,
    )
    .map_err(|e| localised(e.message(), lang))?;
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
