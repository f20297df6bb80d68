//! The workbooks of `renja batch`: `ringkasan.xlsx` (one row per input file), `gabungan.xlsx`
//! (every data row of every table, long form) and `rekonsiliasi.xlsx` (figures across files).
//! Each is one plain table with a bold, frozen, filtered header row; figures are numbers with
//! `#,##0.00`; a marked row (figures that differ) is filled as a warning.
//!
//! Rows are streamed in order with rust_xlsxwriter's constant-memory mode, so a combined table
//! of millions of rows costs a few MB; past Excel's 1 048 576 rows a sheet continues on the
//! next one (`Gabungan (2)`). Knows nothing of where the rows come from.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook as XlsxBook, XlsxError};

use super::style::{severity_fill, MONEY_FORMAT};
use crate::atomic::WriteError;
use crate::finding::Severity;

/// One cell of a batch sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetCell {
    Empty,
    Text(String),
    /// A count, a year, a row number: shown without decimals.
    Whole(u64),
    /// An exact figure, shown `#,##0.00`.
    Figure(Decimal),
}

/// Rows in Excel's sheet, the header included.
const MAX_ROWS: u32 = 1_048_576;

/// Writes one table into a new xlsx, row by row, then into place atomically.
pub struct TableXlsx {
    book: XlsxBook,
    sheet_name: String,
    headers: Vec<String>,
    sheets: usize,
    /// Next row to write on the current sheet.
    row: u32,
    widths: Vec<usize>,
    header_format: Format,
    /// Text, whole and figure cells, plain and of a marked row.
    formats: [[Format; 3]; 2],
}

impl TableXlsx {
    /// A new workbook whose first sheet is `sheet_name` with `headers` on top.
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the writer refuses the sheet name.
    pub fn new(sheet_name: &str, headers: Vec<String>) -> Result<TableXlsx, WriteError> {
        let mut table = TableXlsx {
            book: XlsxBook::new(),
            sheet_name: sheet_name.to_string(),
            widths: headers.iter().map(|h| h.chars().count() + 2).collect(),
            headers,
            sheets: 0,
            row: 0,
            header_format: Format::new().set_bold(),
            formats: [false, true].map(|marked| {
                let base = if marked {
                    Format::new().set_background_color(severity_fill(Severity::Warning))
                } else {
                    Format::new()
                };
                [
                    base.clone(),
                    base.clone().set_num_format("0"),
                    base.set_num_format(MONEY_FORMAT),
                ]
            }),
        };
        table.next_sheet().map_err(failed(sheet_name))?;
        Ok(table)
    }

    fn next_sheet(&mut self) -> Result<(), XlsxError> {
        self.finish_sheet()?;
        self.sheets += 1;
        let name = if self.sheets == 1 {
            self.sheet_name.clone()
        } else {
            format!("{} ({})", self.sheet_name, self.sheets)
        };
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(&name)?;
        for (col, header) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, header, &self.header_format)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        self.row = 1;
        Ok(())
    }

    /// Column widths and the filter, once the sheet's rows are known.
    fn finish_sheet(&mut self) -> Result<(), XlsxError> {
        if self.sheets == 0 {
            return Ok(());
        }
        let last_row = self.row.saturating_sub(1);
        let sheet = self.book.worksheets_mut().last_mut().expect("a sheet");
        for (col, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(col as u16, (*width).min(60) as f64)?;
        }
        if !self.headers.is_empty() {
            sheet.autofilter(0, 0, last_row, self.headers.len() as u16 - 1)?;
        }
        Ok(())
    }

    /// Appends one row below the last.
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the writer refuses a value.
    pub fn push(&mut self, cells: &[SheetCell]) -> Result<(), WriteError> {
        let name = self.sheet_name.clone();
        self.push_inner(cells, false).map_err(failed(&name))
    }

    /// Appends one row filled as a warning (a reconciliation line whose figures differ).
    ///
    /// # Errors
    /// [`WriteError::Failed`] when the writer refuses a value.
    pub fn push_marked(&mut self, cells: &[SheetCell]) -> Result<(), WriteError> {
        let name = self.sheet_name.clone();
        self.push_inner(cells, true).map_err(failed(&name))
    }

    fn push_inner(&mut self, cells: &[SheetCell], marked: bool) -> Result<(), XlsxError> {
        if self.row >= MAX_ROWS {
            self.next_sheet()?;
        }
        let row = self.row;
        let [text_format, whole_format, figure_format] = &self.formats[usize::from(marked)];
        let sheet = self.book.worksheets_mut().last_mut().expect("a sheet");
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            let shown = match cell {
                SheetCell::Empty => {
                    if marked {
                        sheet.write_blank(row, c, text_format)?;
                    }
                    0
                }
                SheetCell::Text(text) => {
                    sheet.write_string_with_format(row, c, text, text_format)?;
                    text.chars().count()
                }
                SheetCell::Whole(n) => {
                    sheet.write_number_with_format(row, c, *n as f64, whole_format)?;
                    n.to_string().len()
                }
                SheetCell::Figure(d) => {
                    let x = d.to_f64().unwrap_or(f64::NAN);
                    sheet.write_number_with_format(row, c, x, figure_format)?;
                    // Digits plus grouping separators and two decimals.
                    let digits = d.trunc().abs().to_string().len();
                    digits + digits / 3 + 4
                }
            };
            if let Some(width) = self.widths.get_mut(col) {
                *width = (*width).max(shown + 1);
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Saves the workbook to `target` through a temporary file beside it.
    ///
    /// # Errors
    /// [`WriteError::Failed`] on any I/O or writer error.
    pub fn save(mut self, target: &Path) -> Result<(), WriteError> {
        let failed_io = |cause: String| WriteError::Failed {
            file: target.to_path_buf(),
            cause,
        };
        self.finish_sheet().map_err(|e| failed_io(e.to_string()))?;
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = tempfile::Builder::new()
            .prefix(".renja-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|e| failed_io(e.to_string()))?;
        self.book
            .save(temp.path())
            .map_err(|e| failed_io(e.to_string()))?;
        temp.persist(target)
            .map_err(|e| failed_io(e.error.to_string()))?;
        Ok(())
    }
}

fn failed(name: &str) -> impl Fn(XlsxError) -> WriteError + '_ {
    move |e| WriteError::Failed {
        file: name.into(),
        cause: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_table_that_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("gabungan.xlsx");
        let mut table = TableXlsx::new("Gabungan", vec!["Kode".into(), "pagu".into()]).unwrap();
        table
            .push(&[
                SheetCell::Text("5.03".into()),
                SheetCell::Figure(Decimal::new(563608956300, 2)),
            ])
            .unwrap();
        table
            .push(&[SheetCell::Empty, SheetCell::Whole(7)])
            .unwrap();
        table.save(&target).unwrap();
        let book = crate::read::read_workbook(&target, &Default::default()).unwrap();
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "Gabungan");
        let at = |a1: &str| crate::model::CellAt::parse_a1(a1).unwrap();
        assert_eq!(sheet.get(at("A2")).unwrap().raw.display(), "5.03");
        assert_eq!(sheet.get(at("B2")).unwrap().raw.display(), "5636089563");
        assert!(sheet.get(at("A3")).is_none());
    }
}
