//! Test helper: builds a normalised sheet from rows of strings, each cell read the way the
//! normalise stage would leave it (Indonesian numbers as `Decimal` with their style and unit,
//! `150%` as the fraction 1.5, codes in canonical form, `#DIV/0!` as a typed error, `-` as nil).

use std::str::FromStr;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::codes::{classify, CodeShape, ColumnHint, Hints};
use crate::model::{
    Cell, CellAt, ErrorValue, NumberStyle, Raw, Reading, Sheet, SourceFormat, Value, Workbook,
};

fn number_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(Rp\.?\s*)?(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(%)?\s*([A-Za-z][A-Za-z ]*)?$",
        )
        .unwrap()
    })
}

/// One cell as the normalise stage leaves it. `code_column` says the cell is in a Kode column.
pub fn cell(text: &str, code_column: bool) -> Option<Cell> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let raw = Raw::Text(text.to_string());
    let mut cell = Cell {
        raw,
        ..Cell::default()
    };
    let hints = Hints {
        column: code_column.then_some(ColumnHint::Code),
        right_of_code: false,
    };
    if let CodeShape::Code(code) = classify(t, hints) {
        cell.value = Value::Text(code.canonical());
        cell.set_reading(Reading::Code(code));
        return Some(cell);
    }
    if let Some(e) = ErrorValue::parse(t) {
        cell.value = Value::Error(e);
        cell.set_reading(Reading::TypedError);
        return Some(cell);
    }
    if t == "-" {
        cell.value = Value::Number(Decimal::ZERO);
        cell.set_reading(Reading::Nil);
        return Some(cell);
    }
    if let Some(m) = number_pattern().captures(t) {
        let int = m.get(3).unwrap().as_str().replace('.', "");
        let frac = m.get(4).map_or("", |f| f.as_str());
        let sign = m.get(2).unwrap().as_str();
        let digits = if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac}")
        };
        let mut value = Decimal::from_str(&digits).unwrap();
        let percent = m.get(5).is_some();
        if percent {
            value /= Decimal::ONE_HUNDRED;
        }
        cell.value = Value::Number(value);
        cell.set_reading(Reading::Number(NumberStyle {
            decimals: frac.len() as u32,
            grouped: int.len() != m.get(3).unwrap().as_str().len(),
            percent,
            currency: m.get(1).is_some(),
            unit: m.get(6).map(|u| u.as_str().trim().to_string()),
        }));
        return Some(cell);
    }
    cell.value = Value::Text(t.to_string());
    Some(cell)
}

/// A sheet with `rows` placed from (`top`, `left`), zero-based. Cells in `code_cols`
/// (offsets from `left`) are read as codes where they parse as one.
pub fn sheet(name: &str, top: u32, left: u32, code_cols: &[u32], rows: &[Vec<&str>]) -> Sheet {
    let mut sheet = Sheet::new(name);
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if let Some(cell) = cell(text, code_cols.contains(&(c as u32))) {
                sheet
                    .cells
                    .insert(CellAt::new(top + r as u32, left + c as u32), cell);
            }
        }
    }
    sheet
}

/// Splits tab-separated lines (the seed's text form) into rows; a blank line is a blank row.
pub fn tsv(text: &str) -> Vec<Vec<&str>> {
    text.lines().map(|l| l.split('\t').collect()).collect()
}

pub fn workbook(sheets: Vec<Sheet>) -> Workbook {
    Workbook {
        format: SourceFormat::Xlsx,
        sheets,
        ..Workbook::default()
    }
}
