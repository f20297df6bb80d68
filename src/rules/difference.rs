//! `difference-mismatch`: sisa ≠ pagu − realisasi.
//!
//! Catches a sisa typed or pasted instead of computed: in the seed's realisation table
//! kegiatan 5.03.01.2.09 has pagu 178.980.000,00 and realisasi 84.604.435,00, so sisa should
//! be 94.375.565,00, yet it reads 84.885.565,00.
//!
//! One row cannot say which of its three cells is wrong, so the finding is put on the cell the
//! hierarchy points to: the one of pagu, realisasi, sisa whose value is also off, by the same
//! amount, from the sum of its sub-rows or from its parent's sum. When none (or more than one)
//! is corroborated, the sisa cell is blamed, as sisa is the computed figure.

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::messages::Message;
use crate::tables::{ColumnRole, RowKind};

use super::context::Ctx;
use super::precision::same_figure;
use super::sums::{down_deviation, up_deviation};

fn corroborated(ctx: &Ctx, row: usize, col: u32, off_by: Decimal) -> bool {
    down_deviation(ctx, row, col) == Some(off_by) || up_deviation(ctx, row, col) == Some(off_by)
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let sisa_cols: Vec<_> = ctx
        .table
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Sisa && c.money)
        .collect();
    for sisa_col in sisa_cols {
        let Some(real_col) = ctx.left_of(sisa_col.col, ColumnRole::Realisasi, true) else {
            continue;
        };
        let Some(pagu_col) = ctx.left_of(sisa_col.col, ColumnRole::Pagu, true) else {
            continue;
        };
        let (s, r, p) = (sisa_col.col, real_col.col, pagu_col.col);
        for (i, row) in ctx.table.rows.iter().enumerate() {
            if !matches!(row.kind, RowKind::Data | RowKind::Total) {
                continue;
            }
            let (Some(pagu), Some(real), Some(sisa)) =
                (ctx.number(i, p), ctx.number(i, r), ctx.number(i, s))
            else {
                continue;
            };
            // Past what a Decimal holds (figures near ±7,9·10²⁸) the relation cannot be
            // checked.
            let Some(computed) = pagu.checked_sub(real) else {
                continue;
            };
            let Some(delta) = sisa.checked_sub(computed) else {
                continue;
            };
            if same_figure(computed, sisa, pagu.abs().max(real.abs())) {
                continue;
            }
            // (column, expected, actual, how far off) for each cell that could be the wrong
            // one; a pagu or realisasi whose expected value does not fit is no candidate.
            let sisa_wrong = (s, computed, sisa, delta);
            let candidates = [
                Some(sisa_wrong),
                sisa.checked_add(real).map(|e| (p, e, pagu, -delta)),
                pagu.checked_sub(sisa).map(|e| (r, e, real, delta)),
            ];
            let backed: Vec<_> = candidates
                .iter()
                .flatten()
                .filter(|(c, _, _, off)| corroborated(ctx, i, *c, *off))
                .collect();
            let (col, expected, actual, _) = if backed.len() == 1 {
                *backed[0]
            } else {
                sisa_wrong
            };
            // Exactly actual − expected: at 28 significant digits it may differ from `off`.
            let Some(difference) = actual.checked_sub(expected) else {
                continue;
            };
            let role = ctx.table.column_at(col).map_or("sisa", |c| c.role.as_str());
            let message = Message::new("rule.difference-mismatch")
                .arg("code", ctx.row_label(i))
                .arg_number("sisa", sisa)
                .arg_number("pagu", pagu)
                .arg_number("realisasi", real)
                .arg("column", role)
                .arg_number("expected", expected)
                .arg_number("difference", difference);
            out.push(
                ctx.finding(RuleId::DifferenceMismatch, i, col, message)
                    .with_numbers(expected, actual, difference),
            );
        }
    }
}
