//! An xlsx renja wrote itself, read back for the self-check: cell by cell as calamine streams
//! them out of the sheet XML, nothing kept. The checker compares each cell with its plan as it
//! comes, so reading back costs one pass over the XML and no model — no styles, no layout, no
//! per-cell `String` (issue 17: the full re-read was a fifth of `clean`).

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, SheetType, Xlsx};

use super::cell_values::error_value;
use super::error::ReadError;
use super::panic_guard::without_panic;
use crate::model::{CellAt, Raw};

/// A cell's value as read back, borrowed from the reader.
#[derive(Debug, PartialEq)]
pub enum WrittenValue<'a> {
    Empty,
    Number(f64),
    /// A number whose cell format is a date: calamine reports it as a date serial.
    DateTime(f64),
    Text(&'a str),
    Bool(bool),
    /// Anything renja never writes into a data sheet (error values, ISO dates).
    Other(Raw),
}

/// One cell of a written sheet, in the order the XML holds them (row by row, left to right).
#[derive(Debug)]
pub struct WrittenCell<'a> {
    pub at: CellAt,
    pub value: WrittenValue<'a>,
    /// Whether the cell carries a formula (a cleaned workbook must hold none).
    pub has_formula: bool,
}

/// The written workbook, open for streaming its sheets.
pub struct WrittenBook<'b> {
    path: &'b Path,
    book: Xlsx<Cursor<&'b [u8]>>,
    sheets: Vec<String>,
}

/// Opens the bytes of an xlsx renja wrote. No limits apply: the bytes are ours.
///
/// # Errors
/// [`ReadError::Corrupt`] when the bytes are not a readable xlsx.
pub fn open_written<'b>(path: &'b Path, bytes: &'b [u8]) -> Result<WrittenBook<'b>, ReadError> {
    let corrupt = |cause: String| ReadError::Corrupt {
        file: path.to_path_buf(),
        cause: format!("xlsx: {cause}"),
    };
    let book = without_panic(|| Xlsx::new(Cursor::new(bytes)))
        .map_err(corrupt)?
        .map_err(|e| corrupt(e.to_string()))?;
    let sheets = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.typ == SheetType::WorkSheet)
        .map(|m| m.name.clone())
        .collect();
    Ok(WrittenBook { path, book, sheets })
}

impl WrittenBook<'_> {
    /// The worksheets' names, in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// Calls `visit` with every cell the sheet's XML holds, blank styled cells included, in
    /// the order written; stops at the first `Err` `visit` returns and hands it back.
    ///
    /// # Errors
    /// The outer [`ReadError`] when the sheet cannot be read at all.
    pub fn each_cell<E>(
        &mut self,
        sheet: &str,
        mut visit: impl FnMut(WrittenCell<'_>) -> Result<(), E>,
    ) -> Result<Result<(), E>, ReadError> {
        let path = self.path;
        let failed = |cause: String| sheet_error(path, sheet, cause);
        let book = &mut self.book;
        without_panic(move || {
            let mut reader = book.worksheet_cells_reader(sheet)?;
            while let Some(cell) = reader.next_cell_with_formula()? {
                let (row, col) = cell.pos;
                let written = WrittenCell {
                    at: CellAt::new(row, col),
                    value: value_of(&cell.value),
                    has_formula: cell.formula.as_deref().is_some_and(|f| !f.is_empty()),
                };
                if let Err(e) = visit(written) {
                    return Ok(Err(e));
                }
            }
            Ok(Ok(()))
        })
        .map_err(failed)?
        .map_err(|e: calamine::XlsxError| failed(e.to_string()))
    }

    /// The last cell the sheet's XML declares (`<dimension>`), read without reading its
    /// cells; `None` when it declares none.
    ///
    /// # Errors
    /// [`ReadError::Sheet`] when the sheet cannot be opened.
    pub fn extent(&mut self, sheet: &str) -> Result<Option<CellAt>, ReadError> {
        let reader = self
            .book
            .worksheet_cells_reader(sheet)
            .map_err(|e| sheet_error(self.path, sheet, e.to_string()))?;
        let declared = reader.dimensions();
        Ok((declared.len() > 0).then(|| CellAt::new(declared.end.0, declared.end.1)))
    }
}

fn sheet_error(file: &Path, sheet: &str, cause: String) -> ReadError {
    ReadError::Sheet {
        file: file.to_path_buf(),
        sheet: sheet.to_string(),
        cause,
    }
}

fn value_of<'a>(data: &'a calamine::DataRef<'_>) -> WrittenValue<'a> {
    use calamine::DataRef as D;
    match data {
        D::Empty => WrittenValue::Empty,
        D::Int(i) => WrittenValue::Number(*i as f64),
        D::Float(f) => WrittenValue::Number(*f),
        D::String(s) => WrittenValue::Text(s),
        D::SharedString(s) => WrittenValue::Text(s),
        D::Bool(b) => WrittenValue::Bool(*b),
        D::DateTime(dt) => WrittenValue::DateTime(dt.as_f64()),
        D::DateTimeIso(s) | D::DurationIso(s) => WrittenValue::Other(Raw::DateTimeIso(s.clone())),
        D::Error(e) => WrittenValue::Other(Raw::Error(error_value(e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Data").unwrap();
        sheet.write_string(0, 0, "Uraian").unwrap();
        sheet.write_number(1, 1, 1.5).unwrap();
        sheet.write_boolean(2, 0, true).unwrap();
        sheet.write_formula(2, 2, "=B2*2").unwrap();
        book.add_worksheet().set_name("Kosong").unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn streams_every_cell_in_order_with_its_formula_flag() {
        let bytes = written();
        let path = Path::new("bersih.xlsx");
        let mut book = open_written(path, &bytes).unwrap();
        assert_eq!(book.sheet_names(), ["Data", "Kosong"]);
        let mut seen = Vec::new();
        book.each_cell("Data", |c| {
            seen.push((c.at.a1(), format!("{:?}", c.value), c.has_formula));
            Ok::<(), ()>(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(
            seen,
            [
                ("A1".into(), "Text(\"Uraian\")".into(), false),
                ("B2".into(), "Number(1.5)".into(), false),
                ("A3".into(), "Bool(true)".into(), false),
                ("C3".into(), "Number(0.0)".into(), true),
            ]
        );
        assert_eq!(book.extent("Data").unwrap(), Some(CellAt::new(2, 2)));
        // An empty sheet declares `A1` (rust_xlsxwriter writes `<dimension ref="A1"/>`).
        assert_eq!(book.extent("Kosong").unwrap(), Some(CellAt::new(0, 0)));
    }

    #[test]
    fn stops_at_the_first_cell_the_visitor_refuses() {
        let bytes = written();
        let mut book = open_written(Path::new("bersih.xlsx"), &bytes).unwrap();
        let mut visited = 0;
        let stopped = book
            .each_cell("Data", |c| {
                visited += 1;
                if c.at.row == 1 {
                    Err(c.at)
                } else {
                    Ok(())
                }
            })
            .unwrap();
        assert_eq!(stopped, Err(CellAt::new(1, 1)));
        assert_eq!(visited, 2);
    }

    #[test]
    fn bytes_that_are_not_an_xlsx_are_refused_with_the_file_named() {
        let err = open_written(Path::new("bersih.xlsx"), b"not a zip")
            .err()
            .unwrap();
        assert!(
            matches!(err, ReadError::Corrupt { ref file, .. } if file == Path::new("bersih.xlsx"))
        );
    }
}
