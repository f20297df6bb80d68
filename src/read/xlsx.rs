//! Reads xlsx and xlsm in one streaming pass per sheet (value, formula and absolute position
//! together), plus one pass for number formats. Never builds a dense grid: one stray value at
//! XFD1048576 would make a dense range ask for hundreds of GiB and abort the process.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, SheetType, SheetVisible, Xlsx, XlsxError, XlsxFormulaMetadata};

use super::cell_values::{clean_formula, defined_names, error_value, FormatInterner};
use super::error::ReadError;
use super::limits::ReadLimits;
use crate::model::{
    Cell, CellAt, Raw, Sheet, SourceFormat, Visibility, Workbook, MAX_COL, MAX_ROW,
};

/// Reads every sheet cell by cell.
///
/// A panic inside calamine (its xlsx reader indexes buffers and does arithmetic on what the
/// file declares) is a corrupt file, as for the other formats (see `panic_guard`).
pub(super) fn read(
    file: &Path,
    bytes: Vec<u8>,
    format: SourceFormat,
    limits: &ReadLimits,
) -> Result<Workbook, ReadError> {
    super::panic_guard::without_panic(|| read_guarded(file, bytes, format, limits)).unwrap_or_else(
        |cause| {
            Err(ReadError::Corrupt {
                file: file.to_path_buf(),
                cause: format!("{}: {cause}", format.name()),
            })
        },
    )
}

fn read_guarded(
    file: &Path,
    bytes: Vec<u8>,
    format: SourceFormat,
    limits: &ReadLimits,
) -> Result<Workbook, ReadError> {
    let parts = super::xlsx_parts::xlsx_parts(&bytes, limits.max_unpacked_bytes);
    if let Some((part, count)) = parts.overcounted_strings {
        return Err(ReadError::Corrupt {
            file: file.to_path_buf(),
            cause: format!("{part} declares {count} strings, more than its size can hold"),
        });
    }
    let mut layouts = parts.layouts;
    let parts = super::xlsx_workbook::workbook_parts(&bytes, limits.max_unpacked_bytes);
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| book_error(file, e))?;
    let metadata = book.sheets_metadata().to_vec();
    let defined_names = parts
        .defined_names
        .unwrap_or_else(|| defined_names(book.defined_names()));
    let mut formats = FormatInterner::default();
    let mut sheets = Vec::with_capacity(metadata.len());
    let mut text_bytes = 0u64;
    for meta in metadata.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let sheet_error = |e: XlsxError| match e {
            XlsxError::Password => ReadError::Encrypted {
                file: file.to_path_buf(),
            },
            other => ReadError::Sheet {
                file: file.to_path_buf(),
                sheet: meta.name.clone(),
                cause: other.to_string(),
            },
        };
        let mut sheet = Sheet::new(meta.name.clone());
        sheet.visibility = Some(visibility(meta.visible));
        let layout = layouts.get(&meta.name);
        if let Some(cell) = layout.and_then(|l| l.outside_grid.clone()) {
            return Err(ReadError::OutsideGrid {
                file: file.to_path_buf(),
                sheet: meta.name.clone(),
                cell,
            });
        }
        if let Some(index) = layout.and_then(|l| l.shared_index_past) {
            return Err(ReadError::Sheet {
                file: file.to_path_buf(),
                sheet: meta.name.clone(),
                cause: format!("shared formula index {index} is past what the sheet can hold"),
            });
        }
        read_cells(&mut book, &mut sheet, file, limits, &mut text_bytes).map_err(|e| match e {
            CellsError::Xlsx(e) => sheet_error(e),
            CellsError::Limit(e) => e,
        })?;
        let styles = book.worksheet_style(&meta.name).map_err(sheet_error)?;
        for (at, cell) in sheet.cells.iter_mut() {
            if let Some(number_format) = styles
                .get((at.row, at.col))
                .and_then(|s| s.number_format.as_ref())
            {
                cell.number_format = formats.intern(&number_format.format_code);
            }
        }
        let layout = layouts.remove(&meta.name).unwrap_or_default();
        sheet.merged = layout.merged;
        sheet.column_widths = layout.column_widths;
        sheet.hidden_rows = layout.hidden_rows;
        sheets.push(sheet);
    }
    let workbook = Workbook {
        format,
        sheets,
        defined_names,
        external_workbooks: parts.external_workbooks,
    };
    Ok(workbook)
}

enum CellsError {
    Xlsx(XlsxError),
    Limit(ReadError),
}

/// Reads one sheet's cells into `sheet`. `text_bytes` counts the text of every cell read so
/// far in the workbook: a shared string is stored once in the file but copied into each cell
/// naming it, so a megabyte string named by a million cells would take a terabyte; past
/// `--max-memory` the file is refused.
fn read_cells(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &mut Sheet,
    file: &Path,
    limits: &ReadLimits,
    text_bytes: &mut u64,
) -> Result<(), CellsError> {
    let mut reader = book
        .worksheet_cells_reader(&sheet.name)
        .map_err(CellsError::Xlsx)?;
    let mut shared = SharedFormulas::default();
    while let Some(record) = reader
        .next_cell_with_formula_metadata()
        .map_err(CellsError::Xlsx)?
    {
        if let calamine::DataRef::SharedString(text) = &record.value {
            *text_bytes += text.len() as u64;
            if *text_bytes > limits.max_memory {
                return Err(CellsError::Limit(ReadError::OverBudget {
                    file: file.to_path_buf(),
                    budget: limits.max_memory,
                }));
            }
        }
        let raw = raw_from_ref(&record.value);
        let (row, col) = record.pos;
        let on_grid = row <= MAX_ROW && col <= MAX_COL;
        let (formula, derived) = match record.formula {
            // Its formula is the master's, attached once the sheet is read.
            Some(XlsxFormulaMetadata::SharedDerived { shared_index }) => {
                if on_grid {
                    shared.derived.push((CellAt::new(row, col), shared_index));
                }
                (None, true)
            }
            Some(XlsxFormulaMetadata::Shared {
                shared_index,
                formula,
                ..
            }) => {
                let text = clean_formula(&formula);
                if let (Some(text), true) = (&text, on_grid) {
                    let master = (CellAt::new(row, col), text.clone());
                    shared.masters.insert(shared_index, master);
                }
                (text, false)
            }
            Some(XlsxFormulaMetadata::Normal { formula }) => (clean_formula(&formula), false),
            Some(_) | None => (None, false),
        };
        if raw == Raw::Empty && formula.is_none() && !derived {
            continue;
        }
        if sheet.cells.len() >= limits.max_cells_per_sheet {
            return Err(CellsError::Limit(ReadError::TooManyCells {
                file: file.to_path_buf(),
                sheet: sheet.name.clone(),
                limit: limits.max_cells_per_sheet,
            }));
        }
        if row > MAX_ROW || col > MAX_COL {
            return Err(CellsError::Limit(ReadError::OutsideGrid {
                file: file.to_path_buf(),
                sheet: sheet.name.clone(),
                cell: a1_past_grid(row, col),
            }));
        }
        let at = CellAt::new(row, col);
        sheet.cells.insert(
            at,
            Cell {
                raw,
                formula,
                ..Cell::default()
            },
        );
    }
    shared.attach(sheet);
    Ok(())
}

/// The shared formulas of one sheet (`<f t="shared" ref="N34:N97" si="4">K35/M35</f>` on the
/// master, `<f t="shared" si="4"/>` on every other cell of the group), gathered while the
/// cells stream by and attached once the sheet is read, so the order of the cells does not
/// matter. renja moves the master's formula to each cell itself: calamine 0.38 moves it
/// from the first cell of `ref` instead of the master (every copy one row off when they
/// differ), leaves whole columns in place and shifts names such as `LOG10` like references.
#[derive(Default)]
struct SharedFormulas {
    /// Shared index → the master cell and its formula text.
    masters: HashMap<usize, (CellAt, String)>,
    /// Cells that take their formula from a master, with its shared index.
    derived: Vec<(CellAt, usize)>,
}

impl SharedFormulas {
    /// Gives each derived cell its master's text and position (the formula stage moves the
    /// text to the cell). A derived cell whose master is missing has no formula, as in
    /// calamine, and is dropped when it has no value either.
    fn attach(self, sheet: &mut Sheet) {
        for (at, index) in self.derived {
            let master = self.masters.get(&index);
            let Some(cell) = sheet.cells.get_mut(&at) else {
                continue;
            };
            match master {
                Some((master, text)) if *master != at => {
                    cell.formula = Some(text.clone());
                    sheet.shared_formulas.insert(at, *master);
                }
                Some(_) => {}
                None if cell.raw == Raw::Empty => {
                    sheet.cells.remove(&at);
                }
                None => {}
            }
        }
    }
}

/// `ZZZZ2` for a position past the grid, where `model::column_letters` and `CellAt::a1`
/// would overflow.
fn a1_past_grid(row: u32, col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
}

fn raw_from_ref(data: &calamine::DataRef<'_>) -> Raw {
    use calamine::DataRef as D;
    match data {
        D::Empty => Raw::Empty,
        D::Int(i) => Raw::Number(*i as f64),
        D::Float(f) => Raw::Number(*f),
        D::String(s) => Raw::Text(s.clone()),
        D::SharedString(s) => Raw::Text((*s).to_string()),
        D::Bool(b) => Raw::Bool(*b),
        D::DateTime(dt) => Raw::DateTime(dt.as_f64()),
        D::DateTimeIso(s) | D::DurationIso(s) => Raw::DateTimeIso(s.clone()),
        D::Error(e) => Raw::Error(error_value(e)),
    }
}

pub(super) fn visibility(v: SheetVisible) -> Visibility {
    match v {
        SheetVisible::Visible => Visibility::Visible,
        SheetVisible::Hidden => Visibility::Hidden,
        SheetVisible::VeryHidden => Visibility::VeryHidden,
    }
}

fn book_error(file: &Path, e: XlsxError) -> ReadError {
    let file = file.to_path_buf();
    match e {
        XlsxError::Password => ReadError::Encrypted { file },
        XlsxError::Io(cause) => ReadError::Io { file, cause },
        other => ReadError::Corrupt {
            file,
            cause: other.to_string(),
        },
    }
}
