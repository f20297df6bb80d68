//! Shared formulas: Excel writes a formula filled down or across once, on the group's master
//! cell, and every other cell of the group refers to it (`<f t="shared" si="4"/>`). Each
//! cell's own formula is the master's tree with its relative references moved by the offset
//! from the master to the cell (ECMA-376 Part 1, §18.3.1.40): a `$` part stays, a whole
//! column moves only across and a whole row only down, and a reference moved off the grid
//! becomes `#REF!`. Names (`NO1_X`), function names (`LOG10`) and text are never moved.
//!
//! One parse per group: the master is parsed once and moved to each cell. Knows nothing of
//! the file format or of values.

use super::ast::{Area, CellRef, Expr, Reference};
use super::lex::{tokenize, Token};
use crate::model::{CellAt, ErrorValue, MAX_COL, MAX_ROW};

/// `master`'s formula as it stands in `cell`.
pub fn moved(expr: &Expr, master: CellAt, cell: CellAt) -> Expr {
    let rows = i64::from(cell.row) - i64::from(master.row);
    let cols = i64::from(cell.col) - i64::from(master.col);
    if rows == 0 && cols == 0 {
        return expr.clone();
    }
    move_expr(expr, rows, cols)
}

/// Whether `formula` in `cell` is `master`'s formula in `master_at` moved there: the two are
/// equal in R1C1 form (`=D10-E10` in G10 and `=D11-E11` in G11). Compares tokens, so spacing
/// does not matter; text either formula's lexer refuses (an OpenFormula, a damaged formula)
/// is never a copy.
pub fn is_moved_copy(master: &str, master_at: CellAt, formula: &str, cell: CellAt) -> bool {
    let (Ok(from), Ok(to)) = (tokenize(master), tokenize(formula)) else {
        return false;
    };
    let rows = i64::from(cell.row) - i64::from(master_at.row);
    let cols = i64::from(cell.col) - i64::from(master_at.col);
    from.len() == to.len()
        && from.iter().zip(&to).all(|((_, a), (_, b))| match (a, b) {
            (Token::Ref(a), Token::Ref(b)) => move_reference(a, rows, cols).as_ref() == Some(b),
            _ => a == b,
        })
}

fn move_expr(expr: &Expr, rows: i64, cols: i64) -> Expr {
    let moved = |e: &Expr| Box::new(move_expr(e, rows, cols));
    match expr {
        Expr::Ref(r) => match move_reference(r, rows, cols) {
            Some(r) => Expr::Ref(r),
            None => Expr::Error(ErrorValue::Ref),
        },
        Expr::Unary(op, e) => Expr::Unary(*op, moved(e)),
        Expr::Percent(e) => Expr::Percent(moved(e)),
        Expr::Binary(op, l, r) => Expr::Binary(*op, moved(l), moved(r)),
        Expr::Call(callee, args) => Expr::Call(
            callee.clone(),
            args.iter().map(|a| move_expr(a, rows, cols)).collect(),
        ),
        other => other.clone(),
    }
}

fn move_reference(r: &Reference, rows: i64, cols: i64) -> Option<Reference> {
    let area = match r.area {
        Area::Cell(c) => Area::Cell(move_cell(c, rows, cols)?),
        Area::Range(a, b) => Area::Range(move_cell(a, rows, cols)?, move_cell(b, rows, cols)?),
        Area::Columns(a, b) => {
            Area::Columns(move_line(a, cols, MAX_COL)?, move_line(b, cols, MAX_COL)?)
        }
        Area::Rows(a, b) => Area::Rows(move_line(a, rows, MAX_ROW)?, move_line(b, rows, MAX_ROW)?),
    };
    Some(Reference {
        sheet: r.sheet.clone(),
        area,
    })
}

fn move_cell(c: CellRef, rows: i64, cols: i64) -> Option<CellRef> {
    let (row, _) = move_line((c.row, c.row_abs), rows, MAX_ROW)?;
    let (col, _) = move_line((c.col, c.col_abs), cols, MAX_COL)?;
    Some(CellRef { row, col, ..c })
}

/// One coordinate with its `$` mark, moved by `by` unless absolute; `None` off the grid.
fn move_line((at, absolute): (u32, bool), by: i64, max: u32) -> Option<(u32, bool)> {
    if absolute {
        return Some((at, absolute));
    }
    let moved = i64::from(at) + by;
    (0..=i64::from(max))
        .contains(&moved)
        .then_some((moved as u32, absolute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::parse_formula;

    fn at(a1: &str) -> CellAt {
        CellAt::parse_a1(a1).unwrap()
    }

    /// The master's formula (written in `master`) as it reads in `cell`.
    fn in_cell(formula: &str, master: &str, cell: &str) -> String {
        moved(&parse_formula(formula, 64).unwrap(), at(master), at(cell)).to_string()
    }

    #[test]
    fn relative_parts_move_by_the_offset_from_the_master() {
        for (formula, master, cell, expected) in [
            // The field case: master N35 of ref N34:N97, so N36 reads row 36, not 37.
            ("IF(M35=0,0,K35/M35)", "N35", "N36", "IF(M36=0,0,K36/M36)"),
            ("K35/M35", "N35", "N34", "K34/M34"),
            ("$K35/M$35+$A$1", "N35", "P40", "$K40/O$35+$A$1"),
            ("SUM(F15:F53)", "F54", "G60", "SUM(G21:G59)"),
            ("'Pagu Awal'!B2*2", "C2", "C5", "'Pagu Awal'!B5*2"),
            // Whole columns move only across, whole rows only down (calamine#579).
            ("SUM(A:A)+SUM($B:B)", "C1", "D9", "SUM(B:B)+SUM($B:C)"),
            ("SUM(1:1)+SUM($2:2)", "A5", "C7", "SUM(3:3)+SUM($2:4)"),
            // Function names and defined names are not references (calamine#644, #663).
            ("LOG10(A1)+NO1_X", "B1", "B2", "LOG10(A2)+NO1_X"),
        ] {
            assert_eq!(
                in_cell(formula, master, cell),
                expected,
                "{formula} {master}→{cell}"
            );
        }
    }

    #[test]
    fn copies_are_equal_in_r1c1_form() {
        let copy = |master: &str, master_at: &str, formula: &str, cell: &str| {
            is_moved_copy(master, at(master_at), formula, at(cell))
        };
        assert!(copy(
            "IF(D10=0,0,ROUND(E10/D10*100,2))",
            "F10",
            "IF(D11=0,0,ROUND(E11/D11*100,2))",
            "F11"
        ));
        assert!(copy("D10-E10", "G10", "D11 - E11", "G11"));
        assert!(copy("$D$1*D10", "G10", "$D$1*D11", "G11"));
        assert!(copy("SUM(A:A)", "B1", "SUM(A:A)", "B2"));
        // The same text in the next row is not a copy when it points at the same cells.
        assert!(!copy("D10-E10", "G10", "D10-E10", "G11"));
        assert!(!copy("$D$1*D10", "G10", "$D$2*D11", "G11"));
        assert!(copy("SUM(D5:D13)", "D4", "SUM(D15:D23)", "D14"));
        assert!(!copy("SUM(D5:D13)", "D4", "SUM(D15:D20)", "D14"));
        assert!(!copy("ROUND(E10,2)", "F10", "ROUND(E11,0)", "F11"));
        assert!(!copy("of:=SUM([.A1])", "B1", "of:=SUM([.A2])", "B2"));
    }

    #[test]
    fn a_reference_pushed_off_the_grid_is_ref_error() {
        assert_eq!(in_cell("A1+B2", "C3", "C2"), "#REF!+B1");
        assert_eq!(in_cell("SUM(A1:A5)", "B5", "B4"), "SUM(#REF!)");
        assert_eq!(in_cell("XFD1", "A1", "B1"), "#REF!");
        assert_eq!(in_cell("$A$1", "C3", "A1"), "$A$1");
    }
}
