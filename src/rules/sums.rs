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
//!
//! Certainty before severity: sums are checked only in a table whose hierarchy two signals
//! establish, and a total only where its rows can be told (`tables::structure`); otherwise
//! `sum-not-checked` / `total-not-checked` say so once per table, as info. A parent whose
//! items run on into the next table (`tables::runs_on`) is not checked either, and said so.

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::messages::Message;
use crate::tables::{RowKind, RunsOn};

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

/// Rows of `kind` that add up others, each with its own figure and its rows' sum in `col`.
fn sums_in<'a>(
    ctx: &'a Ctx,
    kind: RowKind,
    col: u32,
) -> impl Iterator<Item = (usize, Decimal, Decimal)> + 'a {
    ctx.table
        .rows
        .iter()
        .enumerate()
        .filter(move |(i, row)| {
            row.kind == kind && !row.code_inherited && !ctx.hierarchy.children[*i].is_empty()
        })
        .filter_map(move |(i, _)| {
            let expected = sum_of(ctx, &ctx.hierarchy.children[i], col)?;
            Some((i, expected, ctx.number(i, col)?))
        })
}

/// Whether the sum of `row`'s rows is certain enough to be checked.
fn certain(ctx: &Ctx, kind: RowKind, row: usize) -> bool {
    let structure = &ctx.table.structure;
    if kind == RowKind::Total {
        structure
            .totals
            .iter()
            .find(|t| t.row == row)
            .is_none_or(|t| t.doubt.is_none())
    } else {
        structure.established && runs_on(ctx, row).is_none()
    }
}

/// Where `row`'s items run on into the next table, so its sum cannot be told here.
fn runs_on<'a>(ctx: &'a Ctx, row: usize) -> Option<&'a RunsOn> {
    let runs = ctx.table.structure.runs_on.as_ref()?;
    runs.rows.binary_search(&row).is_ok().then_some(runs)
}

/// The one `sum-not-checked` / `total-not-checked` of a table: at the first row whose sum
/// would have been checked, had it been certain.
fn not_checked(ctx: &Ctx, out: &mut Vec<Finding>, kind: RowKind) {
    let first = ctx
        .table
        .summed_columns()
        .filter_map(|c| {
            sums_in(ctx, kind, c.col)
                .find(|(i, _, _)| !certain(ctx, kind, *i))
                .map(|(i, _, _)| (i, c))
        })
        .min_by_key(|(i, c)| (*i, c.col));
    let Some((i, column)) = first else {
        return;
    };
    let (rule, message) = if kind == RowKind::Total {
        (
            RuleId::TotalNotChecked,
            Message::new("rule.total-not-checked")
                .arg("label", ctx.row_label(i))
                .arg("column", column.role.as_str()),
        )
    } else if let Some(runs) = runs_on(ctx, i) {
        (
            RuleId::SumNotChecked,
            Message::new("rule.sum-runs-on")
                .arg("label", ctx.row_label(i))
                .arg("cell", runs.at.a1()),
        )
    } else {
        let evidence = ctx
            .table
            .structure
            .evidence
            .first()
            .map_or("evidence.none", |e| e.message_key());
        (
            RuleId::SumNotChecked,
            Message::new("rule.sum-not-checked")
                .arg("label", ctx.row_label(i))
                .arg_message("evidence", Message::new(evidence)),
        )
    };
    out.push(ctx.finding(rule, i, column.col, message));
}

fn check_kind(ctx: &Ctx, out: &mut Vec<Finding>, kind: RowKind) {
    let rule = if kind == RowKind::Total {
        RuleId::TotalMismatch
    } else {
        RuleId::SumMismatch
    };
    not_checked(ctx, out, kind);
    for column in ctx.table.summed_columns() {
        for (i, expected, actual) in sums_in(ctx, kind, column.col) {
            if !certain(ctx, kind, i) {
                continue;
            }
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
