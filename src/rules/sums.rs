//! `sum-mismatch` and `total-mismatch`.
//!
//! `sum-mismatch` catches a kegiatan (or program, urusan) whose money figure is not the sum of
//! its direct sub-rows: a sub kegiatan added or corrected after the kegiatan line was typed,
//! or a figure pasted into the wrong line. In the seed's realisation table, kegiatan
//! 5.03.01.2.09 shows sisa 84.885.565,00 while its four sub kegiatan add up to 94.375.565,00.
//! Checked per money column (pagu, realisasi, sisa, each year), only where the parent has
//! children with values in that column and a value itself.
//!
//! `total-mismatch` catches a `JUMLAH`/`TOTAL` row that is not the sum of the top-level rows
//! above it (a row left out of the total, a total copied from last year's table).

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::messages::Message;
use crate::tables::RowKind;

use super::context::Ctx;
use super::precision::same_figure;

/// The sum of the values the rows hold in `col`; `None` when none holds one.
fn sum_of(ctx: &Ctx, rows: &[usize], col: u32) -> Option<Decimal> {
    let mut any = false;
    let mut sum = Decimal::ZERO;
    for &r in rows {
        if let Some(v) = ctx.number(r, col) {
            any = true;
            sum = sum.checked_add(v)?;
        }
    }
    any.then_some(sum)
}

/// The deviation of (row, col) from the sum of the rows it adds up: value − sum; `None` also
/// when the sum or the deviation is past what a `Decimal` holds.
pub(crate) fn down_deviation(ctx: &Ctx, row: usize, col: u32) -> Option<Decimal> {
    let sum = sum_of(ctx, &ctx.hierarchy.children[row], col)?;
    ctx.number(row, col)?.checked_sub(sum)
}

/// How far the sum over (row, col) and its siblings exceeds the row above that adds them up.
pub(crate) fn up_deviation(ctx: &Ctx, row: usize, col: u32) -> Option<Decimal> {
    let parent = ctx.hierarchy.up[row]?;
    Some(-down_deviation(ctx, parent, col)?)
}

fn check_kind(ctx: &Ctx, out: &mut Vec<Finding>, kind: RowKind) {
    let rule = if kind == RowKind::Total {
        RuleId::TotalMismatch
    } else {
        RuleId::SumMismatch
    };
    for column in ctx.table.summed_columns() {
        for (i, row) in ctx.table.rows.iter().enumerate() {
            if row.kind != kind || row.code_inherited || ctx.hierarchy.children[i].is_empty() {
                continue;
            }
            let Some(expected) = sum_of(ctx, &ctx.hierarchy.children[i], column.col) else {
                continue;
            };
            let Some(actual) = ctx.number(i, column.col) else {
                continue;
            };
            // A difference past what a Decimal holds (figures near ±7,9·10²⁸) cannot be
            // checked: no finding rather than a guess.
            let Some(difference) = actual.checked_sub(expected) else {
                continue;
            };
            let children = &ctx.hierarchy.children[i];
            let largest = children
                .iter()
                .filter_map(|&r| ctx.number(r, column.col))
                .map(|v| v.abs())
                .max()
                .unwrap_or_default();
            if same_figure(expected, actual, largest) {
                continue;
            }
            let message = Message::new(if kind == RowKind::Total {
                "rule.total-mismatch"
            } else {
                "rule.sum-mismatch"
            })
            .arg("code", ctx.row_label(i))
            .arg("label", ctx.row_label(i))
            .arg("column", column.role.as_str())
            .arg_number("expected", expected)
            .arg_number("actual", actual)
            .arg_number("difference", difference);
            out.push(
                ctx.finding(rule, i, column.col, message)
                    .with_numbers(expected, actual, difference),
            );
        }
    }
}

pub(crate) fn check_sums(ctx: &Ctx, out: &mut Vec<Finding>) {
    check_kind(ctx, out, RowKind::Data);
}

pub(crate) fn check_totals(ctx: &Ctx, out: &mut Vec<Finding>) {
    check_kind(ctx, out, RowKind::Total);
}
