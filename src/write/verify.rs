//! The self-check: reads the rendered bytes back with the same reader as any input and
//! compares every cell with the plan. A lost cell, a changed value or a surviving formula is
//! an error, never a quiet difference.

use std::collections::BTreeMap;
use std::path::Path;

use super::plan::OutValue;
use super::xlsx::Rendered;
use crate::atomic::WriteError;
use crate::model::{Raw, Sheet};
use crate::read::{read_written_xlsx, WrittenXlsx};

pub(super) fn verify(rendered: &Rendered, file: &Path) -> Result<(), WriteError> {
    let mismatch =
        |sheet: &str, cell: String, expected: String, actual: String| WriteError::VerifyFailed {
            file: file.to_path_buf(),
            sheet: sheet.to_string(),
            cell,
            expected,
            actual,
        };
    // Data sheets and the summary cell by cell; the findings and the change log (which can
    // run to hundreds of thousands of rows) by the extent they declare.
    let summary = rendered
        .report_sheets
        .first()
        .map(|(name, _)| name.as_str());
    let wanted =
        |name: &str| Some(name) == summary || rendered.data_sheets.iter().any(|(n, _)| n == name);
    let WrittenXlsx {
        workbook: back,
        extents,
    } = read_written_xlsx(file, rendered.bytes.clone(), &wanted).map_err(|e| {
        WriteError::Failed {
            file: file.to_path_buf(),
            cause: e.to_string(),
        }
    })?;
    for (name, planned) in &rendered.data_sheets {
        let sheet = back
            .sheet(name)
            .ok_or_else(|| mismatch(name, "-".into(), "sheet".into(), "missing".into()))?;
        check_no_formula(sheet)
            .map_err(|cell| mismatch(name, cell, "value".into(), "formula".into()))?;
        let found: BTreeMap<_, _> = sheet
            .cells
            .iter()
            .filter(|(_, c)| c.raw != Raw::Empty)
            .map(|(at, c)| (*at, &c.raw))
            .collect();
        for cell in planned {
            let actual = found.get(&cell.at).copied().unwrap_or(&Raw::Empty);
            if !same(&cell.value, actual) {
                return Err(mismatch(
                    name,
                    cell.at.a1(),
                    format!("{:?}", cell.value),
                    format!("{actual:?}"),
                ));
            }
        }
        let written = planned
            .iter()
            .filter(|c| c.value != OutValue::Blank)
            .count();
        if found.len() != written {
            let extra = found
                .keys()
                .find(|at| planned.binary_search_by_key(*at, |c| c.at).is_err())
                .map(|at| at.a1())
                .unwrap_or_default();
            return Err(mismatch(
                name,
                extra,
                format!("{written} cells"),
                format!("{} cells", found.len()),
            ));
        }
    }
    for (name, rows) in &rendered.report_sheets {
        let sheet = back
            .sheet(name)
            .ok_or_else(|| mismatch(name, "-".into(), "sheet".into(), "missing".into()))?;
        check_no_formula(sheet)
            .map_err(|cell| mismatch(name, cell, "value".into(), "formula".into()))?;
        let declared = extents
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, at)| at.map_or(0, |at| at.row as usize + 1));
        let read = sheet
            .cells
            .keys()
            .map(|at| at.row as usize + 1)
            .max()
            .unwrap_or(0);
        let last_row = declared.unwrap_or(read);
        // The summary's rows are counted loosely (blank spacer rows); the lists exactly.
        let fits = if Some(name.as_str()) == summary {
            last_row <= *rows
        } else {
            last_row == *rows
        };
        if !fits {
            return Err(mismatch(
                name,
                format!("A{last_row}"),
                format!("{rows} rows"),
                format!("{last_row} rows"),
            ));
        }
    }
    let expected_sheets = rendered.data_sheets.len() + rendered.report_sheets.len();
    if back.sheets.len() != expected_sheets {
        return Err(mismatch(
            "-",
            "-".into(),
            format!("{expected_sheets} sheets"),
            format!("{} sheets", back.sheets.len()),
        ));
    }
    Ok(())
}

fn check_no_formula(sheet: &Sheet) -> Result<(), String> {
    match sheet.cells.iter().find(|(_, c)| c.formula.is_some()) {
        Some((at, _)) => Err(at.a1()),
        None => Ok(()),
    }
}

fn same(planned: &OutValue, actual: &Raw) -> bool {
    match (planned, actual) {
        (OutValue::Number(a), Raw::Number(b)) => a == b || (a.is_nan() && b.is_nan()),
        (OutValue::Number(a), Raw::DateTime(b)) => a == b,
        (OutValue::Text(a), Raw::Text(b)) => a == b,
        (OutValue::Bool(a), Raw::Bool(b)) => a == b,
        (OutValue::Blank, Raw::Empty) => true,
        _ => false,
    }
}
