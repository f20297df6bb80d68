//! `column-rule-mismatch`: a rule printed in the numbering row, or implied by the table's
//! layout (a RAK's `Total RAK = Σ bulan` and `Total RAK = Nilai Rincian`), broken on a row.
//!
//! Tabel 2.1 prints its own formulas under the header (`8=(7/6)`, `10=(5+7+9)`,
//! `11=(10/4)`); staff type the results by hand. Catches a tingkat realisasi or capaian that
//! does not follow from the numbers beside it (`160 Orang / 80 Orang` is 200%, not 100%), a
//! cumulative realisasi that left a year out, and operands in different units
//! (`1 Tahun + 3 Orang`) that cannot be added or divided at all.
//!
//! A percent cell (`150%`, format `0%`) is compared as a fraction at its shown decimals; a %
//! column written as plain points (`87,11`) is compared as ratio × 100. Division by zero with
//! a result of 0 follows the common convention (not a finding); a typed `#DIV/0!` there is a
//! `formula-error`.

use rust_decimal::Decimal;

use crate::finding::{Figure, Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Reading, Value};
use crate::tables::{ColumnRole, ColumnRule, EvalError, Quantity, RowKind, RuleSource};

use super::context::Ctx;
use super::precision::{fixed, round_significant, shown_decimals};

/// One finding per cell: where two rules target one cell (a RAK's Total RAK is both the sum
/// of its months and its Nilai Rincian), the first that breaks says it.
pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut flagged = std::collections::HashSet::new();
    for rule in &ctx.table.column_rules {
        for (i, row) in ctx.table.rows.iter().enumerate() {
            if matches!(row.kind, RowKind::Data | RowKind::Total)
                && !flagged.contains(&(i, rule.target))
            {
                let before = out.len();
                check_row(ctx, out, rule, i);
                if out.len() > before {
                    flagged.insert((i, rule.target));
                }
            }
        }
    }
}

/// A koefisien of several factors as SIPD writes it: `200;2` (200 lembar × 2 bulan) is 400.
/// Each factor a plain number (`1,5` with a decimal comma); anything else is not read.
fn koefisien(text: &str) -> Option<Decimal> {
    let factors: Vec<&str> = text.split(';').map(str::trim).collect();
    if factors.len() < 2 {
        return None;
    }
    factors.iter().try_fold(Decimal::ONE, |product, f| {
        let plain = !f.is_empty()
            && f.chars().all(|c| c.is_ascii_digit() || c == ',')
            && f.matches(',').count() <= 1;
        let factor: Decimal = plain.then(|| f.replace(',', ".").parse().ok())??;
        product.checked_mul(factor)
    })
}

fn quantity(ctx: &Ctx, i: usize, col: u32) -> Option<Quantity> {
    let at = CellAt::new(ctx.table.rows[i].row, col);
    let cell = ctx.sheet.get(at)?;
    let is_koefisien = ctx
        .table
        .column_at(col)
        .is_some_and(|c| c.role == ColumnRole::Koefisien);
    let value = match &cell.value {
        Value::Text(t) if is_koefisien => koefisien(t)?,
        v => v.as_number()?,
    };
    let unit = match cell.reading() {
        Some(Reading::Number(style)) => style.unit.clone(),
        _ => None,
    };
    Some(Quantity { value, unit })
}

fn check_row(ctx: &Ctx, out: &mut Vec<Finding>, rule: &ColumnRule, i: usize) {
    let at = CellAt::new(ctx.table.rows[i].row, rule.target);
    let Some(cell) = ctx.sheet.get(at) else {
        return;
    };
    let result = rule.expr.eval(&|c| quantity(ctx, i, c));
    let printed = ctx
        .table
        .column_at(rule.target)
        .and_then(|c| c.printed_number.clone())
        .unwrap_or_default();
    let msg = |key| {
        Message::new(key)
            .arg("code", ctx.row_label(i))
            .arg("rule", &rule.text)
            .arg("printed", &printed)
    };
    let finding = |id, message: Message| ctx.finding(id, i, rule.target, message);
    match (&cell.value, result) {
        (Value::Error(_), Err(EvalError::DivZero)) if !cell.is_formula() => {
            out.push(finding(
                RuleId::FormulaError,
                msg("rule.formula-error-div0"),
            ));
        }
        (Value::Error(e), Ok(q)) if !cell.is_formula() => {
            let Some(expected) = present(ctx, rule, at, &q, None) else {
                return;
            };
            let m = msg("rule.column-rule-mismatch")
                .arg_number("expected", expected)
                .arg("actual", e);
            out.push(finding(RuleId::ColumnRuleMismatch, m).with_figures(
                Some(expected.into()),
                Some(Figure::Text(e.to_string())),
                None,
            ));
        }
        (Value::Text(text), result)
            if rule.source == RuleSource::Printed && is_own_label(text, &printed) =>
        {
            let expected = result
                .ok()
                .and_then(|q| present(ctx, rule, figure_beside(ctx, i, rule.target), &q, None));
            let actual = text.trim();
            let m = match expected {
                Some(e) => msg("rule.column-rule-label-text").arg_number("expected", e),
                None => msg("rule.column-rule-label-text-unknown"),
            }
            .arg("actual", actual);
            out.push(finding(RuleId::ColumnRuleMismatch, m).with_figures(
                expected.map(Into::into),
                Some(Figure::Text(actual.to_string())),
                None,
            ));
        }
        (Value::Number(actual), Ok(q)) => {
            let Some(expected) = present(ctx, rule, at, &q, Some(*actual)) else {
                return;
            };
            // Both at the precision the cell shows: 0,49834 shown as `0.00%` reads 49,83%.
            let shown = if shown_decimals(ctx.sheet, at).is_none() && !cell.shows_percent() {
                round_significant(*actual)
            } else {
                fixed(*actual, expected.scale())
            };
            // A difference past what a Decimal holds cannot be checked.
            let Some(difference) = actual.checked_sub(expected) else {
                return;
            };
            if expected != shown {
                let key = match rule.source {
                    RuleSource::Printed => "rule.column-rule-mismatch",
                    RuleSource::Layout => "rule.layout-rule-mismatch",
                };
                let m = msg(key)
                    .arg_number("expected", expected)
                    .arg_number("actual", *actual);
                out.push(
                    finding(RuleId::ColumnRuleMismatch, m)
                        .with_numbers(expected, *actual, difference),
                );
            }
        }
        (Value::Number(actual), Err(EvalError::DivZero)) if !actual.is_zero() => {
            let m = msg("rule.column-rule-div-zero").arg_number("actual", *actual);
            out.push(finding(RuleId::ColumnRuleMismatch, m).with_figures(
                None,
                Some((*actual).into()),
                None,
            ));
        }
        (Value::Number(actual), Err(EvalError::Units(left, right))) => {
            let m = msg("rule.column-rule-units")
                .arg("left", left)
                .arg("right", right);
            out.push(finding(RuleId::ColumnRuleMismatch, m).with_figures(
                None,
                Some((*actual).into()),
                None,
            ));
        }
        _ => {}
    }
}

/// Whether a data cell's text is its own column's numbering-row label stating a rule
/// (`11=(10/4)`, `11=10/4` in column 11), left where the figure belongs. Another column's
/// label, a bare number or any other text is not.
fn is_own_label(text: &str, printed: &str) -> bool {
    crate::tables::parse_numbering_cell(text).is_some_and(|n| {
        n.rule.is_some() && !printed.is_empty() && n.printed.to_string() == printed
    })
}

/// The nearest cell of the column, in the table's data and total rows, that holds a figure:
/// how the column shows its figures (`0%`) for a cell that holds text instead. The cell itself
/// when none does.
fn figure_beside(ctx: &Ctx, i: usize, col: u32) -> CellAt {
    let rows = &ctx.table.rows;
    let holds_figure = |j: usize| {
        let at = CellAt::new(rows[j].row, col);
        (matches!(rows[j].kind, RowKind::Data | RowKind::Total)
            && ctx
                .sheet
                .get(at)
                .is_some_and(|c| matches!(c.value, Value::Number(_))))
        .then_some(at)
    };
    (1..rows.len())
        .flat_map(|d| [i.checked_sub(d), Some(i + d).filter(|&j| j < rows.len())])
        .flatten()
        .find_map(holds_figure)
        .unwrap_or(CellAt::new(rows[i].row, col))
}

/// The rule's result as the target cell would show it; `None` when percentage points of it
/// are past what a `Decimal` holds.
fn present(
    ctx: &Ctx,
    rule: &ColumnRule,
    at: CellAt,
    q: &Quantity,
    actual: Option<Decimal>,
) -> Option<Decimal> {
    let cell = ctx.sheet.get(at);
    let shown = shown_decimals(ctx.sheet, at);
    let scale = actual.map_or(2, |a| a.scale());
    let is_persen = ctx
        .table
        .column_at(rule.target)
        .is_some_and(|c| c.role == ColumnRole::Persen);
    Some(if cell.is_some_and(|c| c.shows_percent()) {
        fixed(q.value, shown.map_or(scale.max(2), |d| d + 2))
    } else if is_persen && rule.expr.divides() {
        fixed(
            q.value.checked_mul(Decimal::ONE_HUNDRED)?,
            shown.unwrap_or(scale.max(2)),
        )
    } else if let Some(d) = shown {
        fixed(q.value, d)
    } else {
        round_significant(q.value)
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::koefisien;

    #[test]
    fn koefisien_of_several_factors_is_their_product() {
        for (text, value) in [
            ("200;2", Some(dec!(400))),
            ("2; 3 ;4", Some(dec!(24))),
            ("1,5;2", Some(dec!(3.0))),
            ("200", None),
            ("200;", None),
            ("200;dua", None),
            ("1.000;2", None),
        ] {
            assert_eq!(koefisien(text), value, "{text}");
        }
    }
}
