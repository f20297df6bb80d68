//! The self-check: reads the rendered bytes back and compares every cell of the data sheets
//! with the plan, streaming, in the order both are in (row by row). A lost cell, a changed
//! value, a cell the plan does not hold or a surviving formula is an error, never a quiet
//! difference. The summary is read cell by cell too; the findings and the change log (which
//! can run to hundreds of thousands of rows) by the extent they declare.

use std::path::Path;

use super::plan::{OutValue, PlannedCell};
use super::xlsx::Rendered;
use crate::atomic::WriteError;
use crate::model::CellAt;
use crate::read::{open_written, WrittenBook, WrittenCell, WrittenValue};

/// What differs, before it is named with the file and sheet.
struct Mismatch {
    cell: String,
    expected: String,
    actual: String,
}

impl Mismatch {
    fn new(cell: String, expected: impl Into<String>, actual: impl Into<String>) -> Mismatch {
        Mismatch {
            cell,
            expected: expected.into(),
            actual: actual.into(),
        }
    }
}

pub(super) fn verify(rendered: &Rendered, file: &Path) -> Result<(), WriteError> {
    let named = |sheet: &str, m: Mismatch| WriteError::VerifyFailed {
        file: file.to_path_buf(),
        sheet: sheet.to_string(),
        cell: m.cell,
        expected: m.expected,
        actual: m.actual,
    };
    let unreadable = |e: crate::read::ReadError| WriteError::Failed {
        file: file.to_path_buf(),
        cause: e.to_string(),
    };
    let mut back = open_written(file, &rendered.bytes).map_err(unreadable)?;
    let expected_sheets = rendered.data_sheets.len() + rendered.report_sheets.len();
    if back.sheet_names().len() != expected_sheets {
        return Err(named(
            "-",
            Mismatch::new(
                "-".into(),
                format!("{expected_sheets} sheets"),
                format!("{} sheets", back.sheet_names().len()),
            ),
        ));
    }
    let present = |back: &WrittenBook<'_>, name: &str| {
        if back.sheet_names().iter().any(|n| n == name) {
            Ok(())
        } else {
            Err(named(name, Mismatch::new("-".into(), "sheet", "missing")))
        }
    };
    for (name, planned) in &rendered.data_sheets {
        present(&back, name)?;
        let mut lockstep = Lockstep::new(planned);
        back.each_cell(name, |cell| lockstep.next(cell))
            .map_err(unreadable)?
            .and_then(|()| lockstep.finish())
            .map_err(|m| named(name, m))?;
    }
    let summary = rendered
        .report_sheets
        .first()
        .map(|(name, _)| name.as_str());
    for (name, rows) in &rendered.report_sheets {
        present(&back, name)?;
        let last_row = if Some(name.as_str()) == summary {
            let mut last_row = 0;
            back.each_cell(name, |cell| {
                if cell.has_formula {
                    return Err(Mismatch::new(cell.at.a1(), "value", "formula"));
                }
                if cell.value != WrittenValue::Empty {
                    last_row = last_row.max(cell.at.row as usize + 1);
                }
                Ok(())
            })
            .map_err(unreadable)?
            .map_err(|m| named(name, m))?;
            last_row
        } else {
            back.extent(name)
                .map_err(unreadable)?
                .map_or(0, |at| at.row as usize + 1)
        };
        // The summary's rows are counted loosely (blank spacer rows); the lists exactly.
        let fits = if Some(name.as_str()) == summary {
            last_row <= *rows
        } else {
            last_row == *rows
        };
        if !fits {
            return Err(named(
                name,
                Mismatch::new(
                    format!("A{last_row}"),
                    format!("{rows} rows"),
                    format!("{last_row} rows"),
                ),
            ));
        }
    }
    Ok(())
}

/// Walks a sheet's planned cells (in row order) beside the cells read back (in the order the
/// XML holds them, which is row order too): each read cell must be the next planned one.
struct Lockstep<'p> {
    planned: &'p [PlannedCell],
    next: usize,
}

impl<'p> Lockstep<'p> {
    fn new(planned: &'p [PlannedCell]) -> Lockstep<'p> {
        Lockstep { planned, next: 0 }
    }

    fn next(&mut self, cell: WrittenCell<'_>) -> Result<(), Mismatch> {
        if cell.has_formula {
            return Err(Mismatch::new(cell.at.a1(), "value", "formula"));
        }
        if cell.value == WrittenValue::Empty {
            // A styled blank (a flagged empty cell, a planned blank): nothing to compare, and
            // a planned blank the writer left out reads back the same.
            return Ok(());
        }
        self.skip_blanks_before(cell.at)?;
        match self.planned.get(self.next) {
            Some(planned) if planned.at == cell.at => {
                if !same(&planned.value, &cell.value) {
                    return Err(Mismatch::new(
                        cell.at.a1(),
                        format!("{:?}", planned.value),
                        format!("{:?}", cell.value),
                    ));
                }
                self.next += 1;
                Ok(())
            }
            _ => Err(Mismatch::new(
                cell.at.a1(),
                "no cell",
                format!("{:?}", cell.value),
            )),
        }
    }

    /// Planned cells before `at` were not read back: only blanks may be missing.
    fn skip_blanks_before(&mut self, at: CellAt) -> Result<(), Mismatch> {
        while let Some(planned) = self.planned.get(self.next).filter(|p| p.at < at) {
            if planned.value != OutValue::Blank {
                return Err(Mismatch::new(
                    planned.at.a1(),
                    format!("{:?}", planned.value),
                    "Empty",
                ));
            }
            self.next += 1;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), Mismatch> {
        self.skip_blanks_before(CellAt::new(u32::MAX, u32::MAX))?;
        match self.planned.get(self.next) {
            Some(planned) if planned.value != OutValue::Blank => Err(Mismatch::new(
                planned.at.a1(),
                format!("{:?}", planned.value),
                "Empty",
            )),
            _ => Ok(()),
        }
    }
}

fn same(planned: &OutValue, actual: &WrittenValue<'_>) -> bool {
    match (planned, actual) {
        (OutValue::Number(a), WrittenValue::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
        (OutValue::Number(a), WrittenValue::DateTime(b)) => a == b,
        (OutValue::Text(a), WrittenValue::Text(b)) => a == b,
        (OutValue::Bool(a), WrittenValue::Bool(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(at: &str, value: OutValue) -> PlannedCell {
        PlannedCell {
            at: CellAt::parse_a1(at).unwrap(),
            value,
            number_format: None,
            is_error: false,
        }
    }

    fn read(at: &str, value: WrittenValue<'static>) -> WrittenCell<'static> {
        WrittenCell {
            at: CellAt::parse_a1(at).unwrap(),
            value,
            has_formula: false,
        }
    }

    fn walk(plan: &[PlannedCell], cells: Vec<WrittenCell<'static>>) -> Result<(), String> {
        let mut lockstep = Lockstep::new(plan);
        for cell in cells {
            lockstep.next(cell).map_err(|m| m.cell)?;
        }
        lockstep.finish().map_err(|m| m.cell)
    }

    #[test]
    fn the_same_cells_pass_and_blanks_may_be_absent() {
        let plan = [
            planned("A1", OutValue::Text("Uraian".into())),
            planned("B1", OutValue::Blank),
            planned("B2", OutValue::Number(1.5)),
            planned("C9", OutValue::Blank),
        ];
        let cells = vec![
            read("A1", WrittenValue::Text("Uraian")),
            read("B2", WrittenValue::Number(1.5)),
            read("D4", WrittenValue::Empty),
        ];
        assert_eq!(walk(&plan, cells), Ok(()));
    }

    #[test]
    fn a_changed_lost_extra_or_formula_cell_is_named() {
        let plan = [
            planned("A1", OutValue::Text("Uraian".into())),
            planned("B2", OutValue::Number(1.5)),
        ];
        let changed = vec![
            read("A1", WrittenValue::Text("Uraian")),
            read("B2", WrittenValue::Number(1.25)),
        ];
        assert_eq!(walk(&plan, changed), Err("B2".into()));
        let lost = vec![read("A1", WrittenValue::Text("Uraian"))];
        assert_eq!(walk(&plan, lost), Err("B2".into()));
        let lost_before = vec![read("C3", WrittenValue::Number(2.0))];
        assert_eq!(walk(&plan, lost_before), Err("A1".into()));
        let extra = vec![
            read("A1", WrittenValue::Text("Uraian")),
            read("A2", WrittenValue::Bool(true)),
            read("B2", WrittenValue::Number(1.5)),
        ];
        assert_eq!(walk(&plan, extra), Err("A2".into()));
        let mut formula = read("A1", WrittenValue::Text("Uraian"));
        formula.has_formula = true;
        assert_eq!(walk(&plan, vec![formula]), Err("A1".into()));
    }

    #[test]
    fn a_number_read_as_a_date_is_the_same_serial() {
        assert!(same(
            &OutValue::Number(45_000.5),
            &WrittenValue::DateTime(45_000.5)
        ));
        assert!(!same(&OutValue::Number(1.0), &WrittenValue::Text("1")));
        assert!(same(
            &OutValue::Number(f64::NAN),
            &WrittenValue::Number(f64::NAN)
        ));
    }
}
