//! `renja batch` as a library: checks and cleans every workbook under some folders, in
//! parallel, into a mirrored output tree, with a summary row per file (`ringkasan`) and every
//! data row of every table in one long table (`gabungan`), and every figure two files of one
//! SKPD carry side by side (`rekonsiliasi`, see [`crate::rules::cross_file`]).
//!
//! Holds no domain logic: each file goes through [`crate::pipeline`] and the writers. What it
//! owns is walking ([`walk`]), scheduling (rayon workers, one writer thread fed by a bounded
//! channel), re-run skipping ([`state`]) and the batch-wide tables ([`output`]). Memory is
//! bounded by the files in flight: a worker drops a file's model once its outputs are written
//! and its rows are sent. Knows nothing of the command line; progress goes to a [`Progress`].

pub mod error;
pub mod output;
pub mod rows;
pub mod state;
pub mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::Instant;

use rayon::prelude::*;

use crate::atomic::{write_atomically, WriteError};
use crate::finding::Severity;
use crate::messages::{Lang, Message};
use crate::pipeline::{clean_source, Checked, Cleaned, Options, Source};
use crate::read::ReadError;
use crate::report::json::Json;
use crate::report::Exporter;
use crate::rules::cross_file::{reconcile, CrossFile, FileFigures};
use crate::tables::figures::year_in_text;
use crate::write::names::CLEANED_SUFFIX;
pub use error::BatchError;
use output::{publish_reconciliation, publish_summary, CombinedSpool, COMBINED_CSV};
use rows::{CombinedRow, FileRow, Outcome, Status};
use state::{Remembered, State};
use walk::{find_inputs, Input};

/// What a batch run does, built once from the command line.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Files and folders (walked recursively).
    pub inputs: Vec<PathBuf>,
    /// The output folder, created when missing.
    pub output: PathBuf,
    /// Files checked at once; 0 means one per core.
    pub jobs: usize,
    /// Redo every input, even those unchanged since the last run into `output`.
    pub force: bool,
    /// Severity at or above which a file's status is "findings" (and the exit code 1).
    pub fail_on: Severity,
    pub check: Options,
    /// When the run happened, RFC 3339, for the cleaned workbooks' summary sheet.
    pub generated_at: String,
}

/// Told about the run as it goes; called from the writer thread, one call at a time.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn started(&self, _file: &str) {}
    fn finished(&self, _row: &FileRow) {}
    fn finish(&self) {}
    /// Something the user should know about the whole run (not about one file).
    fn notice(&self, _message: &Message) {}
}

/// No progress shown.
pub struct Silent;
impl Progress for Silent {}

/// How the run went: every row of the summary, sorted by path, and the files' figures held
/// against each other.
#[derive(Debug)]
pub struct BatchSummary {
    pub rows: Vec<FileRow>,
    pub fail_on: Severity,
    pub cross_file: CrossFile,
}

impl BatchSummary {
    pub fn count(&self, status: Status) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status(self.fail_on) == status)
            .count()
    }

    pub fn unchanged(&self) -> usize {
        self.rows.iter().filter(|r| r.unchanged).count()
    }

    /// The one-line summary in the user's language.
    pub fn message(&self) -> Message {
        Message::new("batch.summary")
            .arg("total", self.rows.len())
            .arg("ok", self.count(Status::Ok))
            .arg("findings", self.count(Status::Findings))
            .arg("errors", self.count(Status::Error))
            .arg("unchanged", self.unchanged())
            .arg("skipped", self.count(Status::Skipped))
    }

    /// Figures that differ from another file's at or above `--fail-on`.
    pub fn cross_file_findings(&self) -> usize {
        [Severity::Error, Severity::Warning]
            .into_iter()
            .filter(|s| *s >= self.fail_on)
            .map(|s| self.cross_file.differing(s))
            .sum()
    }

    /// The reconciliation across files in one line, in the user's language.
    pub fn cross_file_message(&self) -> Message {
        let lines = &self.cross_file.lines;
        Message::new("batch.reconciled")
            .arg("lines", lines.len())
            .arg("differing", lines.iter().filter(|l| !l.agrees).count())
            .arg("errors", self.cross_file.differing(Severity::Error))
            .arg("warnings", self.cross_file.differing(Severity::Warning))
    }
}

/// What one worker sends the writer.
enum Done {
    Checked(FileRow, Vec<CombinedRow>),
    Unchanged(FileRow),
    Failed(FileRow),
}

/// Runs the batch. Every input is tried; a file that cannot be read or written becomes a row
/// with status error.
///
/// # Errors
/// [`BatchError`] when the output folder or the batch-wide tables cannot be written, or an
/// input is inside the output folder.
pub fn run(options: &BatchOptions, progress: &dyn Progress) -> Result<BatchSummary, BatchError> {
    let out = &options.output;
    std::fs::create_dir_all(out).map_err(|e| WriteError::Failed {
        file: out.clone(),
        cause: e.to_string(),
    })?;
    let found = find_inputs(&options.inputs, out)?;
    for notice in &found.notices {
        progress.notice(notice);
    }
    let fingerprint = format!("{:?}", options.check);
    let previous = if options.force || !out.join(COMBINED_CSV).exists() {
        State::new(fingerprint.clone())
    } else {
        State::load(out, fingerprint.clone())
    };
    let jobs = if options.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;

    progress.start(found.inputs.len());
    // Largest first, one file a task: a 100 000-row workbook taken up last would run alone
    // on one core while the other idles (issue 17, the mix of one big file and many small);
    // begun first, the small files fill the other cores around it. The summary is sorted by
    // path afterwards, so the order of work shows nowhere.
    let mut by_size: Vec<(u64, &Input)> = found
        .inputs
        .iter()
        .map(|input| (std::fs::metadata(&input.path).map_or(0, |m| m.len()), input))
        .collect();
    by_size.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let mut spool = CombinedSpool::new(out)?;
    let (sender, receiver) = sync_channel::<Done>(jobs * 2);
    let collected = std::thread::scope(|scope| {
        let writer = scope.spawn(|| collect(receiver, &mut spool, progress));
        pool.install(|| {
            by_size
                .par_iter()
                .with_max_len(1)
                .for_each_with(sender, |sender, (_, input)| {
                    progress.started(&input.relative);
                    let done = process_guarded(input, options, &previous);
                    // The writer only stops early on an error it reports itself.
                    let _ = sender.send(done);
                })
        });
        writer.join().expect("writer thread")
    });
    let mut collected = collected?;
    progress.finish();

    let unchanged: HashSet<String> = collected
        .iter()
        .filter(|r| r.unchanged)
        .map(|r| r.file.clone())
        .collect();
    spool.restore(&out.join(COMBINED_CSV), &unchanged)?;
    spool.publish(out, options.check.lang)?;

    let mut next = State::new(fingerprint);
    for row in &collected {
        if let Some(sha256) = remembered_sha(row, &previous) {
            next.files.insert(
                row.file.clone(),
                Remembered {
                    sha256,
                    row: row.clone(),
                },
            );
        }
    }
    collected.extend(found.skipped.iter().map(|s| {
        FileRow::new(
            s.relative.clone(),
            Outcome::NotWorkbook,
            s.reason.render(options.check.lang),
        )
    }));
    collected.sort_by(|a, b| a.file.cmp(&b.file));
    publish_summary(&collected, out, options.fail_on, options.check.lang)?;
    let cross_file = reconcile_files(&collected);
    publish_reconciliation(&cross_file, out, options.check.lang)?;
    if !cross_file.unplaced.is_empty() {
        progress.notice(
            &Message::new("batch.unplaced")
                .arg("count", cross_file.unplaced.len())
                .arg("files", first_names(&cross_file.unplaced)),
        );
    }
    // Last, so an interrupted run is redone rather than trusted.
    next.save(out)?;
    Ok(BatchSummary {
        rows: collected,
        fail_on: options.fail_on,
        cross_file,
    })
}

/// The first few of many file names, for a notice of one line; the rest are in the summary.
fn first_names(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut out = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(", … (+{})", names.len() - SHOWN));
    }
    out
}

/// The figures of every checked file held against each other's (see [`crate::rules::cross_file`]).
fn reconcile_files(rows: &[FileRow]) -> CrossFile {
    let files: Vec<FileFigures<'_>> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Checked)
        .map(|r| FileFigures {
            file: &r.file,
            year: r.year,
            period: period_of_path(&r.file),
            skpd: r.skpd.as_ref(),
            figures: &r.figures,
        })
        .collect();
    reconcile(&files)
}

/// The hash to remember for a row: only checked files are remembered.
fn remembered_sha(row: &FileRow, previous: &State) -> Option<String> {
    if row.outcome != Outcome::Checked {
        return None;
    }
    if row.unchanged {
        return previous.files.get(&row.file).map(|r| r.sha256.clone());
    }
    row.sha256.clone()
}

/// The writer thread: appends each file's combined rows to the spool as they come and keeps
/// the (small) summary rows.
fn collect(
    receiver: Receiver<Done>,
    spool: &mut CombinedSpool,
    progress: &dyn Progress,
) -> Result<Vec<FileRow>, WriteError> {
    let mut rows = Vec::new();
    for done in receiver {
        let row = match done {
            Done::Checked(row, combined) => {
                for r in &combined {
                    spool.push(r)?;
                }
                row
            }
            Done::Unchanged(row) | Done::Failed(row) => row,
        };
        progress.finished(&row);
        rows.push(row);
    }
    Ok(rows)
}

/// [`process`], with a panic inside it (a bug in renja, not a bad file: the readers already
/// turn calamine's panics into errors) made that file's failure, as `serve` does for one
/// request, so one file never ends a batch of hundreds.
fn process_guarded(input: &Input, options: &BatchOptions, previous: &State) -> Done {
    let started = Instant::now();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(input, options, previous)
    }))
    .unwrap_or_else(|_| {
        let message = Message::new("batch.internal").arg("file", input.path.display());
        let mut row = FileRow::new(
            input.relative.clone(),
            Outcome::Failed,
            message.render(options.check.lang),
        );
        row.millis = started.elapsed().as_millis() as u64;
        Done::Failed(row)
    })
}

/// Checks one input and writes its cleaned workbook and JSON report.
fn process(input: &Input, options: &BatchOptions, previous: &State) -> Done {
    let started = Instant::now();
    // Debug builds only: a panic on the files whose name holds this text, for the test
    // that a panic on one file does not end the batch (tests/hostile/batch_many.rs).
    #[cfg(debug_assertions)]
    if let Some(part) = std::env::var_os("RENJA_DEBUG_PANIC_ON") {
        if input.relative.contains(part.to_string_lossy().as_ref()) {
            panic!("RENJA_DEBUG_PANIC_ON: {}", input.relative);
        }
    }
    let lang = options.check.lang;
    let failed = |message: Message| {
        let mut row = FileRow::new(
            input.relative.clone(),
            Outcome::Failed,
            message.render(lang),
        );
        row.millis = started.elapsed().as_millis() as u64;
        Done::Failed(row)
    };
    let bytes = match std::fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(cause) if cause.kind() == std::io::ErrorKind::NotFound => {
            return failed(Message::new("batch.no-input").arg("input", input.path.display()))
        }
        Err(cause) => {
            return failed(
                ReadError::Io {
                    file: input.path.clone(),
                    cause,
                }
                .message(),
            )
        }
    };
    let source = Source::new(bytes);
    let (cleaned, report) = output_paths(&options.output, input);
    if let Some(old) = previous.files.get(&input.relative) {
        if old.sha256 == source.sha256 && cleaned.exists() && report.exists() {
            let mut row = old.row.clone();
            row.unchanged = true;
            return Done::Unchanged(row);
        }
    }
    let sha256 = source.sha256.clone();
    let Cleaned { checked, bytes } = match clean_source(
        &input.path,
        source,
        &cleaned,
        &options.check,
        &options.generated_at,
    ) {
        Ok(done) => done,
        Err(e) => return failed(e.message()),
    };
    if let Err(e) = write_outputs(&checked, &bytes, &cleaned, &report, options) {
        return failed(e.message());
    }
    let year = checked
        .title_year()
        .or_else(|| year_of_path(&input.relative));
    let mut row = file_row(input, &checked, year);
    row.sha256 = Some(sha256);
    row.skpd = checked.skpd();
    row.figures = checked.file_figures();
    let combined = checked
        .data_rows()
        .map(|r| CombinedRow {
            year,
            file: input.relative.clone(),
            sheet: r.sheet.to_string(),
            row: r.row,
            code: r.code,
            level: r.level.map(str::to_string),
            uraian: r.uraian.map(str::to_string),
            figures: r.figures,
        })
        .collect();
    drop(checked);
    row.millis = started.elapsed().as_millis() as u64;
    Done::Checked(row, combined)
}

/// `out/2021/Renja.bersih.xlsx` and `out/2021/Renja.laporan.json`.
pub fn output_paths(output: &Path, input: &Input) -> (PathBuf, PathBuf) {
    let stem = output.join(&input.output_stem);
    let with = |suffix: &str| {
        let mut name = stem.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    (with(CLEANED_SUFFIX), with(".laporan.json"))
}

/// Writes the cleaned workbook's `bytes` and the JSON report of `checked`.
fn write_outputs(
    checked: &Checked,
    bytes: &[u8],
    cleaned: &Path,
    report: &Path,
    options: &BatchOptions,
) -> Result<(), WriteError> {
    let lang: Lang = options.check.lang;
    if let Some(folder) = cleaned.parent() {
        std::fs::create_dir_all(folder).map_err(|e| WriteError::Failed {
            file: folder.to_path_buf(),
            cause: e.to_string(),
        })?;
    }
    // The output folder is the batch's own: a file from an earlier run is replaced.
    write_atomically(cleaned, bytes, true)?;
    let json = Json { lang }.render(&checked.report);
    write_atomically(report, json.as_bytes(), true)
}

/// The year in a file name, else in the nearest folder name (`arsip/2021/Renja.xlsx`).
fn year_of_path(relative: &str) -> Option<u16> {
    relative.rsplit('/').find_map(year_in_text)
}

/// The period a report covers, as its file name, else its nearest folder, names it: a month
/// (`LRA Januari.xlsx`), a triwulan (`tw 2`, `Triwulan II`) or a semester. Words are split at
/// anything but letters and digits, so `lra_sipd-januari` names januari.
fn period_of_path(relative: &str) -> Option<&'static str> {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    const TRIWULAN: [&str; 4] = ["triwulan 1", "triwulan 2", "triwulan 3", "triwulan 4"];
    const SEMESTER: [&str; 2] = ["semester 1", "semester 2"];
    let ordinal = |word: &str| match word {
        "1" | "i" => Some(0),
        "2" | "ii" => Some(1),
        "3" | "iii" => Some(2),
        "4" | "iv" => Some(3),
        _ => None,
    };
    relative.rsplit('/').find_map(|part| {
        let part = part.to_lowercase();
        let words: Vec<&str> = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.iter().enumerate().find_map(|(i, word)| {
            if let Some(month) = MONTHS.iter().find(|m| *m == word) {
                return Some(*month);
            }
            let next = words.get(i + 1).and_then(|w| ordinal(w));
            // `tw2`, `triwulan2`: the number written on.
            let (stem, number) = match word.find(|c: char| c.is_ascii_digit()) {
                Some(at) if at > 0 => (&word[..at], ordinal(&word[at..])),
                _ => (*word, next),
            };
            match stem {
                "triwulan" | "tw" => number.map(|n| TRIWULAN[n]),
                "semester" | "smt" => number.filter(|n| *n < 2).map(|n| SEMESTER[n]),
                _ => None,
            }
        })
    })
}

fn file_row(input: &Input, checked: &Checked, year: Option<u16>) -> FileRow {
    let summary = &checked.report.summary;
    let mut row = FileRow::new(input.relative.clone(), Outcome::Checked, String::new());
    row.year = year;
    row.sheets = summary.sheets;
    row.tables = summary.tables;
    row.rows = checked
        .tables
        .iter()
        .map(|t| t.rows.iter().filter(|r| r.is_data()).count())
        .sum();
    row.formulas = summary.formulas;
    row.errors = summary.findings.error;
    row.warnings = summary.findings.warning;
    row.infos = summary.findings.info;
    row.by_rule = summary.findings_by_rule.clone();
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_the_name_then_the_folder() {
        assert_eq!(year_of_path("2021/Renja.xlsx"), Some(2021));
        assert_eq!(year_of_path("2021/Renja 2022.xlsx"), Some(2022));
        assert_eq!(year_of_path("lama/Renja.xlsx"), None);
    }

    #[test]
    fn periods_come_from_the_name_then_the_folder() {
        assert_eq!(
            period_of_path("2026/lra-sipd-januari.xlsx"),
            Some("januari")
        );
        assert_eq!(period_of_path("LRA_Februari_2026.xlsx"), Some("februari"));
        assert_eq!(period_of_path("2025/TW II/LRA.xlsx"), Some("triwulan 2"));
        assert_eq!(period_of_path("realisasi tw3 2025.xls"), Some("triwulan 3"));
        assert_eq!(period_of_path("Semester 1/lra.xlsx"), Some("semester 1"));
        assert_eq!(period_of_path("2025/renja-bkpsdm.xlsx"), None);
        // A word that only starts like a month, or a number that is no ordinal.
        assert_eq!(period_of_path("meimei/tw 5.xlsx"), None);
    }

    #[test]
    fn a_long_list_of_names_is_cut_and_counted() {
        let names: Vec<String> = (1..=12).map(|i| format!("{i}.xlsx")).collect();
        assert_eq!(first_names(&names[..2]), "1.xlsx, 2.xlsx");
        let cut = first_names(&names);
        assert!(cut.starts_with("1.xlsx, 2.xlsx"), "{cut}");
        assert!(cut.ends_with("10.xlsx, … (+2)"), "{cut}");
    }
}
