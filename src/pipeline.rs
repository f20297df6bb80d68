//! The one place that chains the stages: read → normalise → formula → tables → rules →
//! report → write. Every front door (`renja check`, `renja clean`, drop mode, `batch`, `serve`)
//! calls [`check_path`]/[`check_source`] or [`clean_path`]/[`clean_source`] and holds no
//! domain logic; this module holds none either, only the order of the stages.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::atomic::WriteError;
use crate::codes::lists::CodeLists;
use crate::finding::dedupe_ids;
use crate::formula::{recompute, FormulaLimits};
use crate::messages::{Lang, Message};
use crate::model::{SourceFormat, Workbook};
use crate::normalise::normalise_workbook;
use crate::read::{read_bytes, read_file, ReadError, ReadLimits};
use crate::report::{sort_findings, Report, SheetSummary, StageCounts, Summary};
use crate::rules::cross_file::FileFigure;
use crate::rules::{
    check_tables, file_figures, fold_implied_codes, link_causes, official, place_in_rows,
};
use crate::tables::figures::{self, DataRow};
use crate::tables::organisation::{self, Skpd};
use crate::tables::{detect_tables, Table};
use crate::write::{cleaned_bytes, layout, names, CleanInput};

/// What a run may do, built once from the CLI (or the web form); the library never sees clap.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Lang,
    pub read_limits: ReadLimits,
    pub formula_limits: FormulaLimits,
    /// The official code lists to check codes against: the embedded ones and the user's own
    /// (`--nomenklatur`).
    pub code_lists: CodeLists,
}

/// A workbook's bytes and their SHA-256, hashed once: for the report, and for `batch` to
/// know a file it has seen before.
pub struct Source {
    pub bytes: Vec<u8>,
    /// Lower-case hex.
    pub sha256: String,
}

impl Source {
    pub fn new(bytes: Vec<u8>) -> Source {
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Source { bytes, sha256 }
    }
}

/// A checked workbook: the model after every stage, and its report.
pub struct Checked {
    pub workbook: Workbook,
    pub report: Report,
    /// The tables found, for exports that list rows by code.
    pub tables: Vec<Table>,
}

impl Checked {
    /// What the writer needs to make the cleaned workbook.
    pub fn clean_input<'a>(&'a self, lang: Lang, generated_at: &'a str) -> CleanInput<'a> {
        CleanInput {
            workbook: &self.workbook,
            report: &self.report,
            freeze: layout::freeze_below_headers(&self.workbook, &self.tables),
            header_blocks: layout::header_blocks(&self.tables),
            canonical_codes: layout::canonical_columns(&self.workbook, &self.tables),
            sheet_names: names::excel_sheet_names(
                &self
                    .workbook
                    .sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>(),
            ),
            lang,
            generated_at,
        }
    }

    /// The year the document is about (see [`figures::title_year`]).
    pub fn title_year(&self) -> Option<u16> {
        figures::title_year(&self.workbook, &self.tables)
    }

    /// The SKPD the document is about (see [`organisation::document_skpd`]).
    pub fn skpd(&self) -> Option<Skpd> {
        organisation::document_skpd(&self.workbook, &self.tables)
    }

    /// Every keyed figure the tables carry, for reconciling across files (see
    /// [`file_figures`]).
    pub fn file_figures(&self) -> Vec<FileFigure> {
        file_figures(&self.workbook, &self.tables)
    }

    /// Every data row of every table with its figures (see [`figures::data_rows`]).
    pub fn data_rows(&self) -> impl Iterator<Item = DataRow<'_>> + '_ {
        figures::data_rows(&self.workbook, &self.tables)
    }
}

/// A checked workbook and its cleaned xlsx, already read back and compared with the plan.
pub struct Cleaned {
    pub checked: Checked,
    pub bytes: Vec<u8>,
}

/// Why a workbook could not be cleaned.
#[derive(Debug)]
pub enum CleanError {
    /// The input is not a workbook renja can read.
    Read(ReadError),
    /// The cleaned workbook could not be made, or did not read back as planned.
    Write(WriteError),
}

impl CleanError {
    pub fn message(&self) -> Message {
        match self {
            CleanError::Read(e) => e.message(),
            CleanError::Write(e) => e.message(),
        }
    }
}

/// Reads and checks the workbook at `path`.
///
/// # Errors
/// [`ReadError`] when the file cannot be read as a workbook at all.
pub fn check_path(path: &Path, options: &Options) -> Result<Checked, ReadError> {
    check_source(path, Source::new(read_file(path)?), options)
}

/// Checks a workbook already in memory; `path` names it in messages and the report.
///
/// # Errors
/// As [`check_path`].
pub fn check_bytes(path: &Path, bytes: Vec<u8>, options: &Options) -> Result<Checked, ReadError> {
    check_source(path, Source::new(bytes), options)
}

/// Checks a workbook whose bytes are already hashed.
///
/// # Errors
/// As [`check_path`].
pub fn check_source(path: &Path, source: Source, options: &Options) -> Result<Checked, ReadError> {
    let mut workbook = read_bytes(path, source.bytes, &options.read_limits)?;
    let mut notices = Vec::new();
    if !workbook.format.formulas_trusted() {
        notices.push(Message::new("notice.xls-values-only"));
    }
    if let Some(notice) = source_notice(workbook.format, path) {
        notices.push(notice);
    }
    let normalised = normalise_workbook(&mut workbook);
    let mut findings = normalised.findings;

    let formulas = recompute(&mut workbook, &options.formula_limits);
    findings.extend(formulas.findings);

    let tables = detect_tables(&workbook);
    let table_checks = check_tables(&workbook, &tables);
    findings.extend(table_checks.findings);
    fold_implied_codes(&mut findings);
    let year = figures::document_year(&workbook, &tables, path);
    findings.extend(official::check(
        &workbook,
        &tables,
        year,
        &options.code_lists,
    ));
    link_causes(&mut findings, &tables);
    place_in_rows(&mut findings, &tables);

    dedupe_ids(&mut findings);
    sort_findings(&mut findings);

    let sheets = SheetSummary::of_workbook(&workbook, &tables);
    let stages = StageCounts {
        numbers_normalised: normalised.numbers,
        codes_normalised: normalised.codes,
        nils_normalised: normalised.nils,
        formulas_recomputed: formulas.recomputed,
        formulas_unsupported: formulas.unsupported,
    };
    let summary = Summary::of(&workbook, &sheets, tables.len(), stages, &findings);
    let report = Report {
        file: path.display().to_string(),
        sha256: source.sha256,
        format: workbook.format,
        sheets,
        summary,
        notices,
        findings,
        reconciliation: table_checks.reconciliation,
    };
    Ok(Checked {
        workbook,
        report,
        tables,
    })
}

/// Reads, checks and cleans the workbook at `path`. `output` names the cleaned workbook in
/// errors (nothing is written here); `generated_at` (RFC 3339) is the time the summary sheet
/// gives for the run; the language comes from `options`.
///
/// # Errors
/// [`CleanError`]: the input cannot be read, or the cleaned workbook cannot be made.
pub fn clean_path(
    path: &Path,
    output: &Path,
    options: &Options,
    generated_at: &str,
) -> Result<Cleaned, CleanError> {
    let bytes = read_file(path).map_err(CleanError::Read)?;
    clean_source(path, Source::new(bytes), output, options, generated_at)
}

/// As [`clean_path`], for a workbook already in memory.
///
/// # Errors
/// As [`clean_path`].
pub fn clean_source(
    path: &Path,
    source: Source,
    output: &Path,
    options: &Options,
    generated_at: &str,
) -> Result<Cleaned, CleanError> {
    let checked = check_source(path, source, options).map_err(CleanError::Read)?;
    let bytes = cleaned_bytes(&checked.clean_input(options.lang, generated_at), output)
        .map_err(CleanError::Write)?;
    Ok(Cleaned { checked, bytes })
}

/// The time of a run, RFC 3339 in UTC, as the summary sheet gives it.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// What the input really was, when it is not a workbook: a web page or delimited text
/// with a spreadsheet's name. Staff should know the cell addresses follow the table, not
/// what Excel shows when it opens the page.
fn source_notice(format: SourceFormat, path: &Path) -> Option<Message> {
    let key = match format {
        SourceFormat::Html => "notice.source-html",
        SourceFormat::Mhtml => "notice.source-mhtml",
        SourceFormat::Csv => "notice.source-csv",
        _ => return None,
    };
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let ext = path.extension().map_or_else(
        || "Excel".to_string(),
        |e| format!(".{}", e.to_string_lossy()),
    );
    Some(Message::new(key).arg("file", file).arg("ext", ext))
}
