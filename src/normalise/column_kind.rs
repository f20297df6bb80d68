//! What a column's cells, read together, say about the few that one cell alone cannot settle.
//! Runs after the sheet's cells are read, and changes only how such a cell was read:
//!
//! - **A column of words** (SIPD's list of units, the nomenclature's PELAKSANA column) holds
//!   names, so its `1 Kg` is the unit called "1 Kg" and its `-` means "none": both stay text
//!   as typed, not the numbers 1 and 0. A column is one of words when it holds at least
//!   [`MIN_WORDS`] texts with letters and more than twice as many as numbers (dashes and
//!   counts with units included): a Renja target column has a header and, below the table,
//!   a signature block, but mostly numbers.
//! - **A column of account codes** writes a kelompok as accounts do, `5.2` (Belanja Modal),
//!   which alone is bidang urusan 5.02 with its zero dropped: where the column's account codes
//!   outnumber its program codes, such a text is the kelompok, kept as typed.
//!
//! A cell read again loses the finding its first reading gave (an ambiguous number, a dot as
//! decimal point), and the counts of the pass follow. Knows nothing of headers or tables.

use std::collections::HashSet;

use crate::codes::{BudgetCode, CodeKind};
use crate::model::{Cell, CellAt, Raw, Reading, Sheet, Value};

use super::outcome::NormaliseOutcome;

/// The fewest words that make a column one of words: a header and a few labels do not.
pub const MIN_WORDS: usize = 10;

/// One column's cells, counted by what they were read as.
#[derive(Default)]
struct Column {
    /// Texts with a letter, kept as text.
    words: usize,
    /// Numbers, typed or read from text, and dashes read as nil.
    numbers: usize,
    /// Counts with a unit (`1 Kg`) and dashes: words, if the column is one of words.
    labels: Vec<CellAt>,
    accounts: usize,
    programs: usize,
    /// `5.2`, read as bidang 5.02 or left as text: a kelompok, if the column is one of
    /// account codes.
    kelompok: Vec<CellAt>,
}

impl Column {
    fn holds_words(&self) -> bool {
        self.words >= MIN_WORDS && self.words > 2 * self.numbers
    }

    fn holds_accounts(&self) -> bool {
        self.accounts > self.programs
    }
}

/// Reads again, in `sheet` (the sheet at `sheet_index`), the cells its columns settle; see the
/// module doc.
pub fn settle(sheet_index: usize, sheet: &mut Sheet, outcome: &mut NormaliseOutcome) {
    let mut columns: Vec<Column> = Vec::new();
    for (at, cell) in &sheet.cells {
        let col = at.col as usize;
        if columns.len() <= col {
            columns.resize_with(col + 1, Column::default);
        }
        count(&mut columns[col], *at, cell);
    }
    let mut changed = HashSet::new();
    for column in &columns {
        if column.holds_words() {
            for at in &column.labels {
                let cell = sheet.cells.get_mut(at).expect("counted cell");
                match cell.reading() {
                    Some(Reading::Nil) => outcome.nils -= 1,
                    _ => outcome.numbers -= 1,
                }
                cell.value = Value::Text(typed(cell).to_string());
                cell.reading = None;
                changed.insert(*at);
            }
        }
        if column.holds_accounts() {
            for at in &column.kelompok {
                let cell = sheet.cells.get_mut(at).expect("counted cell");
                let code = BudgetCode::kelompok(typed(cell)).expect("counted as a kelompok");
                if cell.code().is_none() {
                    outcome.codes += 1;
                }
                cell.value = Value::Text(code.canonical());
                cell.set_reading(Reading::Code(code));
                changed.insert(*at);
            }
        }
    }
    if !changed.is_empty() {
        outcome
            .findings
            .retain(|f| f.sheet != sheet_index || !changed.contains(&f.cell));
    }
}

fn count(column: &mut Column, at: CellAt, cell: &Cell) {
    match (&cell.value, cell.reading()) {
        (Value::Number(_), Some(Reading::Nil)) => {
            column.numbers += 1;
            column.labels.push(at);
        }
        (Value::Number(_), Some(Reading::Number(style))) if style.unit.is_some() => {
            column.numbers += 1;
            column.labels.push(at);
        }
        (Value::Number(_), _) => column.numbers += 1,
        (Value::Text(_), Some(Reading::Code(code))) => {
            let kelompok = code.kind() == CodeKind::Program
                && code.segment_count() == 2
                && BudgetCode::kelompok(typed(cell)).is_some();
            // `5` alone is urusan and akun alike: it tells nothing.
            if kelompok {
                column.kelompok.push(at);
            } else if code.kind() == CodeKind::Account {
                column.accounts += 1;
            } else if code.segment_count() > 1 {
                column.programs += 1;
            }
        }
        (Value::Text(t), None) if cell.formula.is_none() => {
            if BudgetCode::kelompok(t).is_some() {
                column.kelompok.push(at);
            } else if t.chars().any(char::is_alphabetic) {
                column.words += 1;
            }
        }
        _ => {}
    }
}

/// The cell's text as the file holds it.
fn typed(cell: &Cell) -> &str {
    match &cell.raw {
        Raw::Text(t) => t,
        _ => "",
    }
}
