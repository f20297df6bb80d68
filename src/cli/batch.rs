//! `renja batch`: checks and cleans every workbook under some folders into a mirrored output
//! tree, with `ringkasan` and `gabungan` tables; shows progress and maps the run to an exit
//! code (2 when any file could not be read, else 1 on findings, else 0).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::args::{CommonArgs, FailOnArgs};
use super::outcome::{localised, Outcome};
use renja::batch::rows::{FileRow, Status};
use renja::batch::{run as run_batch, BatchOptions, Progress};
use renja::finding::Severity;
use renja::messages::{Lang, Message};
use renja::pipeline::now_rfc3339;

/// `renja batch INPUTS… -o OUT`: its help texts are the catalogue's `cli.batch.*` entries.
/// Batch prints no findings, so of the summary flags it takes only `--quiet`, meaning no
/// progress.
#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Workbooks and folders; folders are walked recursively.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(short, long)]
    pub output: PathBuf,
    /// 0: one per core.
    #[arg(short, long, default_value_t = 0, hide_default_value = true)]
    pub jobs: usize,
    /// Redo every input, even those unchanged since the last run into the output folder.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub fail_on: FailOnArgs,
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(args: BatchArgs) -> anyhow::Result<Outcome> {
    let lang = args.common.lang();
    let fail_on: Severity = args.fail_on.fail_on.into();
    let options = BatchOptions {
        inputs: args.inputs.clone(),
        output: args.output.clone(),
        jobs: args.jobs,
        force: args.force,
        fail_on,
        check: args.common.options()?,
        generated_at: now_rfc3339(),
    };
    let progress = Shown::new(lang, fail_on, args.quiet);
    let summary = run_batch(&options, &progress).map_err(|e| localised(e.message(), lang))?;
    let mut stderr = std::io::stderr().lock();
    for row in summary
        .rows
        .iter()
        .filter(|r| r.status(fail_on) == Status::Error)
    {
        let line = Message::new("batch.progress.error")
            .arg("file", &row.file)
            .arg("message", &row.message);
        writeln!(stderr, "{}", line.render(lang))?;
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", summary.message().render(lang))?;
    writeln!(stdout, "{}", summary.cross_file_message().render(lang))?;
    writeln!(
        stdout,
        "{}",
        Message::new("label.written")
            .arg("file", args.output.display())
            .render(lang)
    )?;
    Ok(if summary.count(Status::Error) > 0 {
        Outcome::Failed
    } else if summary.count(Status::Findings) > 0 || summary.cross_file_findings() > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Progress on standard error: a bar on a terminal, one plain line per file otherwise.
struct Shown {
    lang: Lang,
    fail_on: Severity,
    bar: Option<ProgressBar>,
    plain: bool,
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Shown {
    fn new(lang: Lang, fail_on: Severity, quiet: bool) -> Shown {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} [{elapsed_precise} < {eta_precise}] {wide_msg}",
                )
                .expect("template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Shown {
            lang,
            fail_on,
            bar,
            plain: !quiet && !terminal,
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }
}

impl Progress for Shown {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    fn started(&self, file: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(file.to_string());
        }
    }

    fn finished(&self, row: &FileRow) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        if self.plain {
            let line = Message::new("batch.progress.line")
                .arg("done", done)
                .arg("total", self.total.load(Ordering::Relaxed))
                .arg("file", &row.file)
                .arg("status", row.status(self.fail_on).label(self.lang));
            eprintln!("{}", line.render(self.lang));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn notice(&self, message: &Message) {
        let text = message.render(self.lang);
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }
}
