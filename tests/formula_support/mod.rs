//! Builds small workbooks for formula tests from `[("A1", "5"), ("B2", "=A1*2")]`.
//!
//! Cell text: `=…` a formula (no cached value unless given with `cached`), `'5` a number
//! typed as text (raw text, value a number, as the normalise stage leaves it), `TRUE`,
//! `#DIV/0!`, a plain number, or text. `Sheet2!A1` puts a cell on another sheet.

#![allow(dead_code)]

use std::str::FromStr;

use renja::model::{
    Cell, CellAt, DefinedName, ErrorValue, Raw, Sheet, SourceFormat, Value, Workbook,
};
use rust_decimal::Decimal;

pub fn cell_from(text: &str) -> Cell {
    if let Some(f) = text.strip_prefix('=') {
        return Cell {
            formula: Some(f.to_string()),
            ..Cell::default()
        };
    }
    if let Some(t) = text.strip_prefix('\'') {
        let n = Decimal::from_str(t).expect("text number");
        return Cell {
            raw: Raw::Text(t.to_string()),
            value: Value::Number(n),
            ..Cell::default()
        };
    }
    if let Some(e) = ErrorValue::parse(text) {
        return Cell {
            raw: Raw::Error(e),
            value: Value::Error(e),
            ..Cell::default()
        };
    }
    match text {
        "TRUE" | "FALSE" => {
            let b = text == "TRUE";
            return Cell {
                raw: Raw::Bool(b),
                value: Value::Bool(b),
                ..Cell::default()
            };
        }
        "" => return Cell::default(),
        _ => {}
    }
    match Decimal::from_str(text) {
        Ok(n) => Cell {
            raw: Raw::Number(text.parse().unwrap_or(0.0)),
            value: Value::Number(n),
            ..Cell::default()
        },
        Err(_) => Cell {
            raw: Raw::Text(text.to_string()),
            value: Value::Text(text.to_string()),
            ..Cell::default()
        },
    }
}

/// `Sheet2!A1` → ("Sheet2", A1); `A1` → ("Sheet1", A1); `'Pagu Perubahan'!E6` too.
pub fn split_address(address: &str) -> (String, CellAt) {
    let (sheet, a1) = match address.rsplit_once('!') {
        Some((s, a)) => (s.trim_matches('\'').to_string(), a),
        None => ("Sheet1".to_string(), address),
    };
    (sheet, CellAt::parse_a1(a1).expect("address"))
}

pub fn workbook(cells: &[(&str, &str)], names: &[(&str, &str)]) -> Workbook {
    let mut wb = Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![Sheet::new("Sheet1")],
        ..Workbook::default()
    };
    for (address, text) in cells {
        let (sheet, at) = split_address(address);
        let index = match wb.sheet_index(&sheet) {
            Some(i) => i,
            None => {
                wb.sheets.push(Sheet::new(sheet.clone()));
                wb.sheets.len() - 1
            }
        };
        wb.sheets[index].cells.insert(at, cell_from(text));
    }
    wb.defined_names = names
        .iter()
        .map(|(n, f)| DefinedName {
            name: n.to_string(),
            formula: f.to_string(),
            sheet: None,
        })
        .collect();
    wb
}

/// Gives a formula cell a cached value, as a file saved by Excel would have.
pub fn set_cached(wb: &mut Workbook, address: &str, cached: Value) {
    let (sheet, at) = split_address(address);
    let i = wb.sheet_index(&sheet).expect("sheet");
    let cell = wb.sheets[i].cells.get_mut(&at).expect("cell");
    cell.value = cached.clone();
    cell.cached = Some(cached);
}

/// A value the way the case tables write it: `6`, `"text"`, `TRUE`, `#DIV/0!`, `` (empty).
pub fn show(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Number(n) => n.normalize().to_string(),
        Value::Text(t) => format!("\"{t}\""),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Error(e) => e.to_string(),
    }
}

pub fn value_at(wb: &Workbook, address: &str) -> Value {
    let (sheet, at) = split_address(address);
    wb.sheet(&sheet)
        .map(|s| s.value(at).clone())
        .unwrap_or_default()
}
