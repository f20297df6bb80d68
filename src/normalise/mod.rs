//! The normalise stage: turns what staff typed into exact values — Indonesian-formatted
//! number text into `Decimal` (keeping the original text and its unit), budget codes into
//! their canonical form. Knows nothing of tables' arithmetic.

pub mod code;
pub mod number;

// Placeholder until the normalise pass lands.
pub struct NormaliseOutcome {
    pub findings: Vec<crate::finding::Finding>,
    pub numbers: usize,
    pub codes: usize,
    pub nils: usize,
}
pub fn normalise_workbook(workbook: &mut crate::model::Workbook) -> NormaliseOutcome {
    use crate::model::{excel_decimal, Raw, Value};
    for sheet in &mut workbook.sheets {
        for cell in sheet.cells.values_mut() {
            cell.value = match &cell.raw {
                Raw::Empty => Value::Empty,
                Raw::Number(n) | Raw::DateTime(n) => {
                    excel_decimal(*n).map_or(Value::Empty, Value::Number)
                }
                Raw::Text(t) | Raw::DateTimeIso(t) => Value::Text(t.clone()),
                Raw::Bool(b) => Value::Bool(*b),
                Raw::Error(e) => Value::Error(*e),
            };
            if cell.formula.is_some() && cell.raw != Raw::Empty {
                cell.cached = Some(cell.value.clone());
            }
        }
    }
    NormaliseOutcome {
        findings: vec![],
        numbers: 0,
        codes: 0,
        nils: 0,
    }
}
