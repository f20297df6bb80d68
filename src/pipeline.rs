//! The one place that chains the stages: read → normalise → formula → tables → rules →
//! report. `check`, `clean`, `batch` and `serve` all call this and hold no domain logic.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::codes::lists::CodeLists;
use crate::finding::{dedupe_ids, Finding};
use crate::formula::{recompute, FormulaLimits};
use crate::messages::{Lang, Message};
use crate::model::{CellAt, RangeAt, Raw, SourceFormat, Value, Workbook};
use crate::normalise::normalise_workbook;
use crate::read::{read_bytes, read_file, ReadError, ReadLimits};
use crate::report::{sort_findings, Report, SeverityCounts, SheetSummary, Summary};
use crate::rules::{check_tables, link_causes, official};
use crate::tables::{detect_tables, CodeSource, Table, TableRow};
use crate::write::{CanonicalColumn, CleanInput};

use crate::tables::figures::{self, DataRow};

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

/// A checked workbook: the model after every stage, and its report.
pub struct Checked {
    pub workbook: Workbook,
    pub report: Report,
    /// The tables found, for exports that list rows by code.
    pub tables: Vec<Table>,
    /// Per sheet, where to freeze panes in the cleaned workbook (below the header block).
    pub freeze: Vec<Option<CellAt>>,
}

impl Checked {
    /// What the writer needs to make the cleaned workbook.
    pub fn clean_input<'a>(&'a self, lang: Lang, generated_at: &'a str) -> CleanInput<'a> {
        CleanInput {
            workbook: &self.workbook,
            report: &self.report,
            freeze: &self.freeze,
            header_blocks: header_blocks(&self.tables),
            canonical_codes: canonical_columns(&self.workbook, &self.tables),
            lang,
            generated_at,
        }
    }
}

impl Checked {
    /// The year the document is about (see [`figures::title_year`]).
    pub fn title_year(&self) -> Option<u16> {
        figures::title_year(&self.workbook, &self.tables)
    }

    /// Every data row of every table with its figures (see [`figures::data_rows`]).
    pub fn data_rows(&self) -> impl Iterator<Item = DataRow<'_>> + '_ {
        figures::data_rows(&self.workbook, &self.tables)
    }
}

/// Reads and checks the workbook at `path`.
///
/// # Errors
/// [`ReadError`] when the file cannot be read as a workbook at all.
pub fn check_path(path: &Path, options: &Options) -> Result<Checked, ReadError> {
    check_bytes(path, read_file(path)?, options)
}

/// Checks a workbook already in memory; `path` names it in messages and the report.
///
/// # Errors
/// As [`check_path`].
pub fn check_bytes(path: &Path, bytes: Vec<u8>, options: &Options) -> Result<Checked, ReadError> {
    let sha256 = hex(&Sha256::digest(&bytes));
    let mut workbook = read_bytes(path, bytes, &options.read_limits)?;
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
    findings.extend(check_tables(&workbook, &tables));
    let year = document_year(&workbook, &tables, path);
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

    let sheets = workbook
        .sheets
        .iter()
        .map(|s| SheetSummary {
            name: s.name.clone(),
            hidden: s
                .visibility
                .is_some_and(|v| v != crate::model::Visibility::Visible),
            cells: s.cells.len(),
            formulas: s.cells.values().filter(|c| c.formula.is_some()).count(),
            tables: tables.iter().filter(|t| t.sheet_name == s.name).count(),
        })
        .collect::<Vec<_>>();
    let mut summary = Summary {
        sheets: sheets.len(),
        cells: workbook.cell_count(),
        numbers_normalised: normalised.numbers,
        codes_normalised: normalised.codes,
        nils_normalised: normalised.nils,
        formulas: sheets.iter().map(|s| s.formulas).sum(),
        tables: tables.len(),
        formulas_recomputed: formulas.recomputed,
        formulas_unsupported: formulas.unsupported,
        findings: SeverityCounts::of(&findings),
        ..Summary::default()
    };
    for f in &findings {
        *summary
            .findings_by_rule
            .entry(f.rule.id().to_string())
            .or_default() += 1;
    }
    let freeze = freeze_below_headers(&workbook, &tables);
    let report = Report {
        file: path.display().to_string(),
        sha256,
        format: workbook.format,
        sheets,
        summary,
        notices,
        findings,
    };
    Ok(Checked {
        workbook,
        report,
        tables,
        freeze,
    })
}

/// The year the document is about: from its title rows, else from the file's name
/// (`Renja 2025.xlsx`).
fn document_year(workbook: &Workbook, tables: &[Table], path: &Path) -> Option<u16> {
    figures::title_year(workbook, tables).or_else(|| {
        path.file_name()
            .and_then(|n| figures::year_in_text(&n.to_string_lossy()))
    })
}

/// Gives each finding whose cell sits in a table row that row's uraian, and its budget code
/// and column role where the rule that made it did not know them (a formula finding knows
/// only its cell). Done after root-cause linking, so linking sees the rules' own data.
fn place_in_rows(findings: &mut [Finding], tables: &[Table]) {
    for finding in findings.iter_mut() {
        let at = finding.cell;
        let Some(table) = tables
            .iter()
            .find(|t| t.sheet == finding.sheet && t.range.contains(at))
        else {
            continue;
        };
        // Rows are in sheet order: a binary search keeps this linear in findings.
        let Ok(index) = table.rows.binary_search_by_key(&at.row, |r| r.row) else {
            continue;
        };
        let row = &table.rows[index];
        if finding.uraian.is_none() {
            finding.uraian = row.uraian.clone().filter(|u| !u.trim().is_empty());
        }
        if finding.row_code.is_none() {
            finding.row_code = row.code.as_ref().map(|c| c.canonical());
        }
        if finding.column.is_none() {
            finding.column = table
                .columns
                .iter()
                .find(|c| c.col == at.col)
                .map(|c| c.role.as_str().to_string());
        }
    }
}

/// Each table's header block: its header rows and numbering row over its columns.
fn header_blocks(tables: &[Table]) -> Vec<(usize, RangeAt)> {
    tables
        .iter()
        .flat_map(|t| {
            let rows = t.header_rows.iter().copied().chain(t.numbering_row);
            rows.map(move |row| {
                let start = CellAt::new(row, t.range.start.col);
                (
                    t.sheet,
                    RangeAt::new(start, CellAt::new(row, t.range.end.col)),
                )
            })
        })
        .collect()
}

/// A `Kode (baku)` column for each table whose codes renja assembled from several cells or
/// split along the table's parent rows, where no cell shows the code: the canonical code
/// of every data row, in the first column right of the table that is empty from the header
/// row to the last row, so no input cell moves or is overwritten.
fn canonical_columns(workbook: &Workbook, tables: &[Table]) -> Vec<CanonicalColumn> {
    let mut out: Vec<CanonicalColumn> = Vec::new();
    for table in tables {
        let (Some(sheet), Some(&header_row)) =
            (workbook.sheets.get(table.sheet), table.header_rows.last())
        else {
            continue;
        };
        let columns = table.range.start.col..=table.range.end.col;
        // A code in one cell is written back canonical in its cell (`5 03 02` → `5.03.02`);
        // one assembled from parts, or split along its parent rows (`41101` under `4.1.1`),
        // has no cell that shows it.
        let shown = |row: &TableRow, code: &str| {
            sheet
                .row(row.row)
                .filter(|(at, _)| columns.contains(&at.col))
                .filter_map(|(_, c)| match &c.value {
                    Value::Text(t) => Some(t.clone()),
                    // An account code kept as written, stored as a number: `41201012`.
                    Value::Number(n) => Some(n.normalize().to_string()),
                    _ => None,
                })
                .any(|t| t == code || t.strip_prefix(code).is_some_and(|r| r.starts_with(' ')))
        };
        let repaired = table
            .rows
            .iter()
            .any(|row| match (&row.code, row.code_source) {
                (Some(_), CodeSource::Split) => row.is_data(),
                (Some(code), CodeSource::Cell) => row.is_data() && !shown(row, code.as_str()),
                _ => false,
            });
        if !repaired {
            continue;
        }
        let taken = |col: u32| {
            out.iter()
                .any(|c| c.sheet == table.sheet && c.header.col == col)
                || (header_row..=table.range.end.row).any(|row| {
                    let at = CellAt::new(row, col);
                    sheet.cells.get(&at).is_some_and(|c| c.raw != Raw::Empty)
                        || sheet.merged.iter().any(|m| m.contains(at))
                })
        };
        let Some(col) = (table.range.end.col + 1..16_383).find(|c| !taken(*c)) else {
            continue;
        };
        let codes = table
            .rows
            .iter()
            .filter(|r| r.is_data())
            .filter_map(|r| r.code.as_ref().map(|c| (r.row, c.canonical())))
            .collect();
        out.push(CanonicalColumn {
            sheet: table.sheet,
            header: CellAt::new(header_row, col),
            codes,
        });
    }
    out
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

/// Per sheet, the cell below the first table's header block (and numbering row), so the
/// cleaned workbook scrolls with the header in view.
fn freeze_below_headers(workbook: &Workbook, tables: &[Table]) -> Vec<Option<CellAt>> {
    (0..workbook.sheets.len())
        .map(|sheet| {
            let table = tables.iter().find(|t| t.sheet == sheet)?;
            let last_header = table
                .numbering_row
                .into_iter()
                .chain(table.header_rows.iter().copied())
                .max()?;
            Some(CellAt::new(last_header + 1, 0))
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
