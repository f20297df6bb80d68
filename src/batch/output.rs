//! The batch-wide outputs: `gabungan.csv`/`.xlsx` and `ringkasan.csv`/`.xlsx`.
//!
//! Combined rows arrive file by file from the workers and are appended at once to a spool
//! file in the output folder, so memory holds one file's rows at a time. The spool stores each
//! row's figures as `label, value` pairs because the set of figure columns (`pagu 2025`,
//! `pagu 2026`, …) is known only when every file is done; [`CombinedSpool::publish`] then
//! streams the spool once into both the CSV and the xlsx (rust_xlsxwriter constant-memory).
//! The price is one extra sequential write and read of the rows on disk.
//!
//! The summary has one small row per input and is kept in memory, sorted by path at the end;
//! so is the reconciliation across files (`rekonsiliasi`), one row per figure of each line.

use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::path::Path;

use tempfile::NamedTempFile;

use super::rows::{
    combined_headers, csv_field, reconciliation_cells, reconciliation_headers, summary_cells,
    summary_headers, CombinedRow, FileRow, COMBINED_FIXED,
};
use crate::atomic::WriteError;
use crate::finding::Severity;
use crate::messages::{text, Lang};
use crate::rules::cross_file::CrossFile;
use crate::tables::figures::FigureColumn;
use crate::write::batch_sheets::{SheetCell, TableXlsx};

pub const COMBINED_CSV: &str = "gabungan.csv";
pub const COMBINED_XLSX: &str = "gabungan.xlsx";
pub const SUMMARY_CSV: &str = "ringkasan.csv";
pub const SUMMARY_XLSX: &str = "ringkasan.xlsx";
pub const RECONCILIATION_CSV: &str = "rekonsiliasi.csv";
pub const RECONCILIATION_XLSX: &str = "rekonsiliasi.xlsx";

/// The combined rows written so far, in the order they arrived.
pub struct CombinedSpool {
    file: NamedTempFile,
    writer: csv::Writer<File>,
    columns: BTreeSet<FigureColumn>,
    pub rows: usize,
}

fn failed(file: &Path) -> impl Fn(String) -> WriteError + '_ {
    move |cause| WriteError::Failed {
        file: file.to_path_buf(),
        cause,
    }
}

fn temp_in(folder: &Path) -> Result<NamedTempFile, WriteError> {
    tempfile::Builder::new()
        .prefix(".renja-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|e| failed(folder)(e.to_string()))
}

impl CombinedSpool {
    /// A new spool in `folder` (the output folder, so it lives on the same disk).
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the folder is not writable.
    pub fn new(folder: &Path) -> Result<CombinedSpool, WriteError> {
        let file = temp_in(folder)?;
        let handle = file.reopen().map_err(|e| failed(folder)(e.to_string()))?;
        Ok(CombinedSpool {
            writer: csv::WriterBuilder::new().flexible(true).from_writer(handle),
            file,
            columns: BTreeSet::new(),
            rows: 0,
        })
    }

    /// Appends one row.
    ///
    /// # Errors
    /// [`WriteError::Failed`] on an I/O error.
    pub fn push(&mut self, row: &CombinedRow) -> Result<(), WriteError> {
        self.columns.extend(row.figures.iter().map(|(c, _)| *c));
        self.rows += 1;
        self.writer
            .write_record(row.spool_record())
            .map_err(|e| failed(self.file.path())(e.to_string()))
    }

    /// Appends the rows of `files` from an earlier `gabungan.csv` (inputs skipped as
    /// unchanged); returns how many it took over.
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the spool cannot be written. An unreadable old file
    /// contributes no rows.
    pub fn restore(&mut self, old: &Path, files: &HashSet<String>) -> Result<usize, WriteError> {
        if files.is_empty() {
            return Ok(0);
        }
        let Ok(mut reader) = csv::ReaderBuilder::new().flexible(true).from_path(old) else {
            return Ok(0);
        };
        let columns: Vec<Option<FigureColumn>> = match reader.headers() {
            Ok(h) => h
                .iter()
                .skip(COMBINED_FIXED)
                .map(FigureColumn::parse)
                .collect(),
            Err(_) => return Ok(0),
        };
        let mut taken = 0;
        for record in reader.records().map_while(Result::ok) {
            let Some(row) = CombinedRow::from_published(&record, &columns) else {
                continue;
            };
            if files.contains(&row.file) {
                self.push(&row)?;
                taken += 1;
            }
        }
        Ok(taken)
    }

    /// Writes `gabungan.csv` and `gabungan.xlsx` into `folder` from the spool, then removes it.
    ///
    /// # Errors
    /// [`WriteError::Failed`] on any I/O or writer error.
    pub fn publish(mut self, folder: &Path, lang: Lang) -> Result<(), WriteError> {
        let spool_path = self.file.path().to_path_buf();
        self.writer
            .flush()
            .map_err(|e| failed(&spool_path)(e.to_string()))?;
        let mut columns: Vec<FigureColumn> = self.columns.into_iter().collect();
        columns.sort_by_key(FigureColumn::order);
        let headers = combined_headers(&columns, lang);

        let csv_target = folder.join(COMBINED_CSV);
        let csv_temp = temp_in(folder)?;
        let mut csv_out = csv::Writer::from_writer(
            csv_temp
                .reopen()
                .map_err(|e| failed(&csv_target)(e.to_string()))?,
        );
        let csv_err = |e: csv::Error| failed(&csv_target)(e.to_string());
        csv_out.write_record(&headers).map_err(csv_err)?;
        let mut xlsx = TableXlsx::new(&text("batch.sheet.combined", lang), headers)?;

        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_path(&spool_path)
            .map_err(|e| failed(&spool_path)(e.to_string()))?;
        for record in reader.records() {
            let record = record.map_err(|e| failed(&spool_path)(e.to_string()))?;
            let Some(row) = CombinedRow::from_spool(&record) else {
                continue;
            };
            let cells = row.cells(&columns);
            csv_out
                .write_record(cells.iter().map(|c| csv_field(c).into_owned()))
                .map_err(csv_err)?;
            xlsx.push(&cells)?;
        }
        csv_out
            .flush()
            .map_err(|e| failed(&csv_target)(e.to_string()))?;
        drop(csv_out);
        csv_temp
            .persist(&csv_target)
            .map_err(|e| failed(&csv_target)(e.error.to_string()))?;
        xlsx.save(&folder.join(COMBINED_XLSX))
    }
}

/// Writes `ringkasan.csv` and `ringkasan.xlsx`: one row per input, sorted by path, a column
/// per rule that found something anywhere.
///
/// # Errors
/// [`WriteError::Failed`] on any I/O or writer error.
pub fn publish_summary(
    rows: &[FileRow],
    folder: &Path,
    fail_on: Severity,
    lang: Lang,
) -> Result<(), WriteError> {
    let rules: Vec<String> = rows
        .iter()
        .flat_map(|r| r.by_rule.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let headers = summary_headers(&rules, lang);
    let csv_target = folder.join(SUMMARY_CSV);
    let mut csv_out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| failed(&csv_target)(e.to_string());
    csv_out.write_record(&headers).map_err(csv_err)?;
    let mut xlsx = TableXlsx::new(&text("sheet.summary", lang), headers)?;
    for row in rows {
        let cells: Vec<SheetCell> = summary_cells(row, &rules, fail_on, lang);
        csv_out
            .write_record(cells.iter().map(|c| csv_field(c).into_owned()))
            .map_err(csv_err)?;
        xlsx.push(&cells)?;
    }
    let bytes = csv_out
        .into_inner()
        .map_err(|e| failed(&csv_target)(e.to_string()))?;
    crate::atomic::write_atomically(&csv_target, &bytes, true)?;
    xlsx.save(&folder.join(SUMMARY_XLSX))
}

/// Writes `rekonsiliasi.csv` and `rekonsiliasi.xlsx`: one row per figure of every line of
/// `cross_file`, the lines whose figures differ filled in the xlsx. Written on every run,
/// with its header alone when no two files share a figure, so an earlier run's lines never
/// stay behind.
///
/// # Errors
/// [`WriteError::Failed`] on any I/O or writer error.
pub fn publish_reconciliation(
    cross_file: &CrossFile,
    folder: &Path,
    lang: Lang,
) -> Result<(), WriteError> {
    let headers = reconciliation_headers(lang);
    let csv_target = folder.join(RECONCILIATION_CSV);
    let mut csv_out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| failed(&csv_target)(e.to_string());
    csv_out.write_record(&headers).map_err(csv_err)?;
    let mut xlsx = TableXlsx::new(&text("sheet.reconciliation", lang), headers)?;
    for line in &cross_file.lines {
        for figure in &line.figures {
            let cells = reconciliation_cells(line, figure, lang);
            csv_out
                .write_record(cells.iter().map(|c| csv_field(c).into_owned()))
                .map_err(csv_err)?;
            if line.agrees {
                xlsx.push(&cells)?;
            } else {
                xlsx.push_marked(&cells)?;
            }
        }
    }
    let bytes = csv_out
        .into_inner()
        .map_err(|e| failed(&csv_target)(e.to_string()))?;
    crate::atomic::write_atomically(&csv_target, &bytes, true)?;
    xlsx.save(&folder.join(RECONCILIATION_XLSX))
}
