//! `renja FILE…` with no subcommand: what Windows runs when files are dropped onto renja.exe.
//! Cleans each file beside the original like `renja clean`, but an existing output gets the
//! next free numbered name (`NAME.bersih (2).xlsx`) instead of an error, since nobody is there
//! to type `--force`. One bad file is reported and the others carry on. When the console
//! window would vanish with the results (Windows, started without a subcommand on a console),
//! waits for Enter.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{
    colour_on_stdout, default_clean_path, now_rfc3339, CommonArgs, FailOnArgs, Outcome, SummaryArgs,
};
use renja::messages::{Lang, Message};
use renja::pipeline::{check_path, Options};
use renja::report::{terminal, Exporter};
use renja::write::write_cleaned;

/// `renja FILE…`: its help texts are the catalogue's `cli.dropped.*` entries.
#[derive(Args, Debug)]
pub struct DroppedArgs {
    pub files: Vec<PathBuf>,
    /// Overwrite an existing NAME.bersih.xlsx instead of writing NAME.bersih (2).xlsx.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub fail_on: FailOnArgs,
    #[command(flatten)]
    pub summary: SummaryArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(args: DroppedArgs) -> anyhow::Result<Outcome> {
    let lang = args.common.lang();
    let options = args.common.options()?;
    let mut failed = 0usize;
    let mut findings = false;
    let mut stdout = std::io::stdout().lock();
    for (i, file) in args.files.iter().enumerate() {
        if i > 0 {
            writeln!(stdout)?;
        }
        match clean_one(file, &args, &options, lang) {
            Ok((text, fails)) => {
                stdout.write_all(text.as_bytes())?;
                findings |= fails;
            }
            Err(message) => {
                failed += 1;
                writeln!(stdout, "renja: {message}")?;
            }
        }
    }
    stdout.flush()?;
    drop(stdout);
    if console_would_vanish() {
        wait_for_enter(lang);
    }
    if failed > 0 {
        return Err(anyhow::anyhow!(Message::new("drop.failed")
            .arg("failed", failed)
            .arg("total", args.files.len())
            .render(lang)));
    }
    Ok(if findings {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Cleans one file; the summary to print and whether it has errors, or the message why not.
fn clean_one(
    file: &Path,
    args: &DroppedArgs,
    options: &Options,
    lang: Lang,
) -> Result<(String, bool), String> {
    let checked = check_path(file, options).map_err(|e| e.message().render(lang))?;
    let output = if args.force {
        default_clean_path(file)
    } else {
        free_clean_path(file)
    };
    let generated_at = now_rfc3339();
    write_cleaned(
        &checked.clean_input(lang, &generated_at),
        file,
        &output,
        args.force,
    )
    .map_err(|e| e.message().render(lang))?;
    let style = args.summary.style(colour_on_stdout());
    let mut text = terminal::Terminal { lang, style }.render(&checked.report);
    text.push_str(
        &Message::new("label.written")
            .arg("file", output.display())
            .render(lang),
    );
    text.push('\n');
    Ok((text, checked.report.fails_at(args.fail_on.fail_on.into())))
}

/// `NAME.bersih.xlsx`, or `NAME.bersih (2).xlsx`, `(3)`… when taken, as Windows names copies.
pub fn free_clean_path(input: &Path) -> PathBuf {
    let first = default_clean_path(input);
    if !first.exists() {
        return first;
    }
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "renja".into());
    (2..)
        .map(|n| input.with_file_name(format!("{stem}.bersih ({n}).xlsx")))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Windows closes the console of a program started by dropping files on it the moment it
/// ends. Approximation: on Windows, a terminal on stdout and no subcommand given.
fn console_would_vanish() -> bool {
    cfg!(windows) && std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

fn wait_for_enter(lang: Lang) {
    print!("{} ", Message::new("drop.pause").render(lang));
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}
