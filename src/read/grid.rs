//! Reads xls (BIFF), xlsb and ods through calamine's range API. These formats are small in
//! practice and calamine parses them whole; values and formulas come as two ranges, each
//! starting at its own first used cell, so both are mapped to absolute positions here.
//!
//! xls formulas are not kept: calamine's BIFF formula text swaps `>`/`>=`, points cross-sheet
//! references at the wrong sheet and returns filled-down formulas as empty strings. The
//! values (the results Excel saved) are fine, so .xls is read as values only.

use std::fmt::Display;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, SheetType, Xls, Xlsb};

use super::cell_values::{clean_formula, defined_names, raw_from_data};
use super::error::ReadError;
use super::limits::ReadLimits;
use super::xls_check::XlsProblem;
use super::xlsx::visibility;
use crate::model::{Cell, CellAt, RangeAt, Raw, Sheet, SourceFormat, Workbook};

pub(super) fn read(
    file: &Path,
    bytes: Vec<u8>,
    format: SourceFormat,
    limits: &ReadLimits,
) -> Result<Workbook, ReadError> {
    if format == SourceFormat::Ods {
        // calamine parses every ods table into a dense grid as it opens the file.
        let areas = super::extent::ods_areas(&bytes).map_err(|cause| ReadError::Corrupt {
            file: file.to_path_buf(),
            cause,
        })?;
        check_areas(file, areas, limits)?;
    }
    if format == SourceFormat::Xls {
        super::xls_check::check(&bytes, limits.max_cells_per_sheet as u64).map_err(|problem| {
            match problem {
                XlsProblem::Corrupt(cause) => ReadError::Corrupt {
                    file: file.to_path_buf(),
                    cause,
                },
                XlsProblem::Area { sheet, area } => ReadError::AreaTooLarge {
                    file: file.to_path_buf(),
                    sheet,
                    area,
                    limit: limits.max_cells_per_sheet,
                },
            }
        })?;
    }
    // calamine 0.38 slices record buffers without checking their length in all three
    // readers (a short BrtBundleSh in xlsb, a short BoundSheet8 or a sector past the end
    // in xls): a panic there is a corrupt file (see `panic_guard`).
    super::panic_guard::without_panic(|| read_calamine(file, bytes, format, limits)).unwrap_or_else(
        |cause| {
            Err(ReadError::Corrupt {
                file: file.to_path_buf(),
                cause: format!("{}: {cause}", format.name()),
            })
        },
    )
}

fn read_calamine(
    file: &Path,
    bytes: Vec<u8>,
    format: SourceFormat,
    limits: &ReadLimits,
) -> Result<Workbook, ReadError> {
    let cursor = Cursor::new(bytes);
    match format {
        SourceFormat::Xls => {
            // calamine parses every xls sheet into a dense grid when it opens the file;
            // `xls_check` has bounded each grid by `--max-cells`.
            let mut book = Xls::new(cursor).map_err(|e| book_error(file, e))?;
            let merges = |book: &Xls<_>, name: &str| {
                book.merge_cells_by_sheet_name(name).unwrap_or_default()
            };
            read_book(&mut book, file, format, limits, false, merges, |_, _| Ok(0))
        }
        SourceFormat::Xlsb => {
            let mut book = Xlsb::new(cursor).map_err(|e| book_error(file, e))?;
            read_book(
                &mut book,
                file,
                format,
                limits,
                true,
                |_, _| Vec::new(),
                xlsb_area,
            )
        }
        _ => {
            let mut book = Ods::new(cursor).map_err(|e| book_error(file, e))?;
            let area = |_: &mut Ods<_>, _: &str| Ok(0);
            read_book(
                &mut book,
                file,
                format,
                limits,
                true,
                |_, _| Vec::new(),
                area,
            )
        }
    }
}

fn read_book<R, E>(
    book: &mut R,
    file: &Path,
    format: SourceFormat,
    limits: &ReadLimits,
    keep_formulas: bool,
    merges: impl Fn(&R, &str) -> Vec<calamine::Dimensions>,
    mut used_area: impl FnMut(&mut R, &str) -> Result<u64, E>,
) -> Result<Workbook, ReadError>
where
    R: Reader<Cursor<Vec<u8>>, Error = E>,
    E: Display,
{
    let metadata = book.sheets_metadata().to_vec();
    let defined_names = defined_names(book.defined_names());
    let mut sheets = Vec::new();
    for meta in metadata.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let sheet_error = |e: E| sheet_error(file, &meta.name, e);
        let area = used_area(book, &meta.name).map_err(sheet_error)?;
        if area > limits.max_cells_per_sheet as u64 {
            return Err(ReadError::AreaTooLarge {
                file: file.to_path_buf(),
                sheet: meta.name.clone(),
                area,
                limit: limits.max_cells_per_sheet,
            });
        }
        let values = book.worksheet_range(&meta.name).map_err(sheet_error)?;
        let formulas = if keep_formulas {
            book.worksheet_formula(&meta.name).map_err(sheet_error)?
        } else {
            Range::empty()
        };
        let mut sheet = Sheet::new(meta.name.clone());
        sheet.visibility = Some(visibility(meta.visible));
        fill_sheet(&mut sheet, &values, &formulas, file, limits)?;
        sheet.merged = merges(book, &meta.name)
            .into_iter()
            .map(|d| {
                RangeAt::new(
                    CellAt::new(d.start.0, d.start.1),
                    CellAt::new(d.end.0, d.end.1),
                )
            })
            .collect();
        sheets.push(sheet);
    }
    Ok(Workbook {
        format,
        sheets,
        defined_names,
        external_workbooks: Vec::new(),
    })
}

fn check_areas(
    file: &Path,
    areas: impl IntoIterator<Item = (String, super::extent::UsedArea)>,
    limits: &ReadLimits,
) -> Result<(), ReadError> {
    for (sheet, area) in areas {
        if area.cells() > limits.max_cells_per_sheet as u64 {
            return Err(ReadError::AreaTooLarge {
                file: file.to_path_buf(),
                sheet,
                area: area.cells(),
                limit: limits.max_cells_per_sheet,
            });
        }
    }
    Ok(())
}

/// The used area of an xlsb sheet, from one streaming pass over its values and one over its
/// formulas: calamine's range API would build the dense grid first.
fn xlsb_area(book: &mut Xlsb<Cursor<Vec<u8>>>, name: &str) -> Result<u64, calamine::XlsbError> {
    let mut area = super::extent::UsedArea::default();
    {
        let mut cells = book.worksheet_cells_reader(name)?;
        while let Some(cell) = cells.next_cell()? {
            if cell.get_value() != &calamine::DataRef::Empty {
                let (row, col) = cell.get_position();
                area.include((row.into(), row.into()), (col.into(), col.into()));
            }
        }
    }
    let mut cells = book.worksheet_cells_reader(name)?;
    while let Some(cell) = cells.next_formula()? {
        if !cell.get_value().is_empty() {
            let (row, col) = cell.get_position();
            area.include((row.into(), row.into()), (col.into(), col.into()));
        }
    }
    Ok(area.cells())
}

fn fill_sheet(
    sheet: &mut Sheet,
    values: &Range<Data>,
    formulas: &Range<String>,
    file: &Path,
    limits: &ReadLimits,
) -> Result<(), ReadError> {
    let over_limit = |sheet: &Sheet| ReadError::TooManyCells {
        file: file.to_path_buf(),
        sheet: sheet.name.clone(),
        limit: limits.max_cells_per_sheet,
    };
    let (row0, col0) = values.start().unwrap_or((0, 0));
    for (r, c, data) in values.used_cells() {
        let raw = raw_from_data(data);
        if raw == Raw::Empty {
            continue;
        }
        if sheet.cells.len() >= limits.max_cells_per_sheet {
            return Err(over_limit(sheet));
        }
        let at = CellAt::new(row0 + r as u32, col0 + c as u32);
        sheet.cells.insert(
            at,
            Cell {
                raw,
                ..Cell::default()
            },
        );
    }
    let (row0, col0) = formulas.start().unwrap_or((0, 0));
    for (r, c, text) in formulas.used_cells() {
        let Some(formula) = clean_formula(text) else {
            continue;
        };
        let at = CellAt::new(row0 + r as u32, col0 + c as u32);
        if !sheet.cells.contains_key(&at) && sheet.cells.len() >= limits.max_cells_per_sheet {
            return Err(over_limit(sheet));
        }
        sheet.cells.entry(at).or_default().formula = Some(formula);
    }
    Ok(())
}

fn sheet_error(file: &Path, sheet: &str, e: impl Display) -> ReadError {
    password_or(file, e, |cause| ReadError::Sheet {
        file: file.to_path_buf(),
        sheet: sheet.to_string(),
        cause,
    })
}

fn book_error(file: &Path, e: impl Display) -> ReadError {
    password_or(file, e, |cause| ReadError::Corrupt {
        file: file.to_path_buf(),
        cause,
    })
}

/// calamine's xls/xlsb/ods errors carry a password problem only in their text: told apart
/// here so an encrypted file gets its own message, anything else `otherwise`.
fn password_or(
    file: &Path,
    e: impl Display,
    otherwise: impl FnOnce(String) -> ReadError,
) -> ReadError {
    let cause = e.to_string();
    if cause.to_ascii_lowercase().contains("password") {
        return ReadError::Encrypted {
            file: file.to_path_buf(),
        };
    }
    otherwise(cause)
}
