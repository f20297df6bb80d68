//! `ratio-mismatch`: % ≠ realisasi / pagu × 100 at the precision the cell shows.
//!
//! Catches a percentage left over from an earlier version of the figures (realisasi updated,
//! % not), or computed against the wrong pagu. `87,11` is compared at 2 decimals, `150%` at
//! none, a cell formatted as percent (`0.00%`) as a fraction at the percentage's decimals;
//! rounding is Excel's (half away from zero). Without a known precision: 2 decimals, or the
//! decimals the value has if more.
//!
//! Pagu 0 with % 0 is the common convention (many tools print 0 where Excel would give
//! `#DIV/0!`): not a finding. Pagu 0 with any other % is. A typed `#DIV/0!` where pagu is 0
//! is a `formula-error`; one where pagu is not 0 is a `ratio-mismatch`. `#DIV/0!` from a real
//! formula is left to the formula stage.

use rust_decimal::Decimal;

use crate::finding::{Figure, Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Value};
use crate::tables::{ColumnRole, RowKind};

use super::context::Ctx;
use super::precision::{fixed, shown_decimals};

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let persen: Vec<_> = ctx
        .table
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Persen)
        .collect();
    for pct_col in persen {
        let Some(real_col) = ctx.left_of(pct_col.col, ColumnRole::Realisasi, true) else {
            continue;
        };
        let Some(pagu_col) = ctx.left_of(pct_col.col, ColumnRole::Pagu, true) else {
            continue;
        };
        for (i, row) in ctx.table.rows.iter().enumerate() {
            if !matches!(row.kind, RowKind::Data | RowKind::Total) {
                continue;
            }
            let (Some(pagu), Some(real)) =
                (ctx.number(i, pagu_col.col), ctx.number(i, real_col.col))
            else {
                continue;
            };
            check_cell(ctx, out, i, pct_col.col, pagu, real);
        }
    }
}

fn check_cell(ctx: &Ctx, out: &mut Vec<Finding>, i: usize, col: u32, pagu: Decimal, real: Decimal) {
    let at = CellAt::new(ctx.table.rows[i].row, col);
    let Some(cell) = ctx.sheet.get(at) else {
        return;
    };
    let msg = |key| {
        Message::new(key)
            .arg("code", ctx.row_label(i))
            .arg_number("pagu", pagu)
            .arg_number("realisasi", real)
            .arg("rule", "% = realisasi / pagu × 100")
    };
    let actual = match &cell.value {
        Value::Number(n) => *n,
        Value::Error(e) if !cell.is_formula() => {
            if pagu.is_zero() {
                out.push(ctx.finding(RuleId::FormulaError, i, col, msg("rule.formula-error-div0")));
            } else if let Some(expected) = expected_ratio(ctx, at, pagu, real, cell.shows_percent())
            {
                let f = ctx.finding(
                    RuleId::RatioMismatch,
                    i,
                    col,
                    msg("rule.ratio-mismatch")
                        .arg_number("expected", expected)
                        .arg("actual", e),
                );
                let shown = Figure::Text(e.to_string());
                out.push(f.with_figures(Some(expected.into()), Some(shown), None));
            }
            return;
        }
        _ => return,
    };
    if pagu.is_zero() {
        if !actual.is_zero() {
            out.push(
                ctx.finding(
                    RuleId::RatioMismatch,
                    i,
                    col,
                    msg("rule.ratio-zero-pagu").arg_number("actual", actual),
                )
                .with_numbers(Decimal::ZERO, actual, actual),
            );
        }
        return;
    }
    let Some(expected) = expected_ratio(ctx, at, pagu, real, cell.shows_percent()) else {
        return;
    };
    // A difference past what a Decimal holds (a % near ±7,9·10²⁸) cannot be checked.
    let Some(difference) = actual.checked_sub(expected) else {
        return;
    };
    // Both at the precision the cell shows: a cached 0,49834 shown as `0.00%` reads 49,83%.
    if expected != fixed(actual, expected.scale()) {
        let message = msg("rule.ratio-mismatch")
            .arg_number("expected", expected)
            .arg_number("actual", actual);
        out.push(
            ctx.finding(RuleId::RatioMismatch, i, col, message)
                .with_numbers(expected, actual, difference),
        );
    }
}

/// realisasi / pagu at the cell's shown precision: a fraction for a percent cell, percentage
/// points otherwise.
fn expected_ratio(
    ctx: &Ctx,
    at: CellAt,
    pagu: Decimal,
    real: Decimal,
    percent: bool,
) -> Option<Decimal> {
    let ratio = real.checked_div(pagu)?;
    let actual_scale = ctx.sheet.value(at).as_number().map_or(0, |n| n.scale());
    if percent {
        let dp = shown_decimals(ctx.sheet, at).map_or(actual_scale.max(2), |d| d + 2);
        Some(fixed(ratio, dp))
    } else {
        let dp = shown_decimals(ctx.sheet, at).unwrap_or(actual_scale.max(2));
        Some(fixed(ratio.checked_mul(Decimal::ONE_HUNDRED)?, dp))
    }
}
