//! `renja clean`: writes the cleaned, formula-free workbook beside the input (or where `-o`
//! says) and prints the summary.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{
    colour_on_stdout, default_clean_path, localised, now_rfc3339, CommonArgs, Outcome, SeverityArg,
};
use renja::atomic::check_target;
use renja::messages::Message;
use renja::pipeline::check_path;
use renja::report::{terminal, Exporter};
use renja::write::write_cleaned;

/// Bersihkan buku kerja: nilai tanpa rumus, angka & kode baku, temuan ditandai /
/// Clean a workbook: values without formulas, normalised numbers and codes, findings marked.
#[derive(Args, Debug)]
pub struct CleanArgs {
    /// The workbook (xlsx, xlsm, xlsb, xls, ods).
    pub file: PathBuf,
    /// Where to write the cleaned workbook [default: NAME.bersih.xlsx beside the input].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the output if it exists.
    #[arg(long)]
    pub force: bool,
    /// Exit with 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error)]
    pub fail_on: SeverityArg,
    /// Print the summary line only.
    #[arg(short, long)]
    pub quiet: bool,
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
    let checked =
        check_path(&args.file, &args.common.options()).map_err(|e| localised(e.message(), lang))?;
    let generated_at = now_rfc3339();
    write_cleaned(
        &checked.clean_input(lang, &generated_at),
        &args.file,
        &output,
        args.force,
    )
    .map_err(|e| localised(e.message(), lang))?;
    let style = terminal::TerminalStyle {
        colour: colour_on_stdout(),
        all: false,
        quiet: args.quiet,
    };
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
    Ok(if checked.report.fails_at(args.fail_on.into()) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
