//! `renja FILE…` with no subcommand: what Windows runs when files are dropped onto renja.exe.
//! Cleans each file beside the original like `renja clean`, but an existing output gets the
//! next free numbered name (`NAME.bersih (2).xlsx`) instead of an error, since nobody is there
//! to type `--force`. One bad file is reported and the others carry on. When the console
//! window would vanish with the results (Windows, started without a subcommand on a console),
//! waits for Enter.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::args::{colour_on_stdout, CommonArgs, FailOnArgs, SummaryArgs};
use super::outcome::{write_failure, Outcome};
use renja::atomic::{check_target, write_atomically};
use renja::messages::{Lang, Message};
use renja::pipeline::{clean_path, now_rfc3339, Options};
use renja::report::{terminal, Exporter};
use renja::write::names::{cleaned_path, numbered_cleaned_path};

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
    let output = if args.force {
        cleaned_path(file)
    } else {
        free_clean_path(file)
    };
    check_target(&output, Some(file), args.force)
        .map_err(|e| write_failure(&e, lang).to_string())?;
    let cleaned =
        clean_path(file, &output, options, &now_rfc3339()).map_err(|e| e.message().render(lang))?;
    write_atomically(&output, &cleaned.bytes, args.force)
        .map_err(|e| write_failure(&e, lang).to_string())?;
    let checked = cleaned.checked;
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
    let first = cleaned_path(input);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| numbered_cleaned_path(input, n))
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
