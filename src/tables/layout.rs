//! Applies a table's kind ([`super::kinds`]) to what detection read: the signs a kind is
//! recognised by, the roles it gives header words, the rules its layout implies between
//! columns, and the total row it keeps above its details.

use crate::codes::CodeKind;
use crate::model::{CellAt, Sheet};
use crate::vocabulary::{names_code_level, period_named, ColumnRole, Period};

use super::kinds::{kind_role, KindSpec, LayoutExpr, Signs};
use super::numbering::RuleExpr;
use super::table::{CodeSource, Column, ColumnRule, RowKind, RuleSource, TableRow};

/// What the header (and, once read, the rows) show of a table's kind.
pub(super) fn signs<'a>(
    columns: &'a [Column],
    rules: &[ColumnRule],
    rows: Option<(&[TableRow], &Sheet)>,
) -> Signs<'a> {
    let mut signs = Signs {
        headers: columns.iter().flat_map(|c| c.header.split(" / ")).collect(),
        money_roles: columns.iter().filter(|c| c.money).map(|c| c.role).collect(),
        printed_rule: rules.iter().any(|r| r.source == RuleSource::Printed),
        level_columns: 0,
        account_codes: false,
        figure_columns: 0,
    };
    let Some((rows, sheet)) = rows else {
        return signs;
    };
    let data: Vec<&TableRow> = rows.iter().filter(|r| r.is_data()).collect();
    let coded: Vec<&&TableRow> = data.iter().filter(|r| r.code.is_some()).collect();
    let nested = coded
        .iter()
        .filter(|r| r.code_source == CodeSource::Nested)
        .count();
    if nested * 2 > coded.len() {
        signs.level_columns = columns
            .iter()
            .filter(|c| c.header.split(" / ").any(names_code_level))
            .count();
    }
    signs.account_codes = !coded.is_empty()
        && coded.iter().all(|r| {
            r.code
                .as_ref()
                .is_some_and(|c| c.kind() == CodeKind::Account)
        });
    signs.figure_columns = columns
        .iter()
        .filter(|c| !matches!(c.role, ColumnRole::Kode | ColumnRole::Nomor))
        .filter(|c| {
            let filled: Vec<bool> = data
                .iter()
                .map(|r| sheet.value(CellAt::new(r.row, c.col)))
                .filter(|v| !matches!(v, crate::model::Value::Empty))
                .map(|v| v.as_number().is_some())
                .collect();
            !filled.is_empty() && filled.iter().filter(|n| **n).count() * 2 > filled.len()
        })
        .count();
    signs
}

/// Gives columns the roles the kind gives their header words (`Nilai Rincian` is the pagu
/// of a RAK line, `Jumlah` the amount of a rincian line).
pub(super) fn apply_roles(spec: &KindSpec, columns: &mut [Column]) {
    for column in columns.iter_mut() {
        let role = column
            .header
            .split(" / ")
            .filter_map(|part| kind_role(spec, part))
            .last();
        if let Some(role) = role {
            column.role = role;
            column.money = matches!(role, ColumnRole::Pagu | ColumnRole::Kas | ColumnRole::Harga);
        }
    }
}

/// The rules the kind's layout implies, over the table's columns; a rule whose columns the
/// table lacks is left out.
pub(super) fn layout_rules(spec: &KindSpec, columns: &[Column]) -> Vec<ColumnRule> {
    let first = |role: ColumnRole| columns.iter().find(|c| c.role == role).map(|c| c.col);
    let all = |role: ColumnRole| -> Vec<u32> {
        columns
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.col)
            .collect()
    };
    let rule = |target, expr, text: String| ColumnRule {
        target,
        expr,
        text,
        source: RuleSource::Layout,
    };
    let mut out = Vec::new();
    for layout in spec.rules {
        if layout.unless.is_some_and(|role| first(role).is_some()) {
            continue;
        }
        if let LayoutExpr::MonthsOfQuarter = layout.expr {
            out.extend(
                quarters_of_months(columns, layout.target)
                    .into_iter()
                    .map(|(target, months, text)| rule(target, RuleExpr::SumOf(months), text)),
            );
            continue;
        }
        let Some(target) = first(layout.target) else {
            continue;
        };
        let expr = match layout.expr {
            LayoutExpr::Column(role) => first(role).map(RuleExpr::Column),
            LayoutExpr::SumOf(role) => Some(all(role))
                .filter(|cols| !cols.is_empty())
                .map(RuleExpr::SumOf),
            LayoutExpr::Product(a, b) => first(a).zip(first(b)).map(|(a, b)| {
                RuleExpr::Mul(Box::new(RuleExpr::Column(a)), Box::new(RuleExpr::Column(b)))
            }),
            LayoutExpr::MonthsOfQuarter => None,
        };
        if let Some(expr) = expr {
            out.push(rule(target, expr, layout.text.to_string()));
        }
    }
    out
}

/// The period a column's header names, from its lowest header cell up (`Rencana / TW I`).
fn period_of(column: &Column) -> Option<(Period, &str)> {
    column
        .header
        .rsplit(" / ")
        .find_map(|part| period_named(part).map(|p| (p, part.trim())))
}

/// Each column of `role` that names a quarter whose three months each have a column: (the
/// quarter's column, its months' columns, the rule as the headers write it: `TW I = bulan1 +
/// bulan2 + bulan3`).
fn quarters_of_months(columns: &[Column], role: ColumnRole) -> Vec<(u32, Vec<u32>, String)> {
    let months: Vec<(u8, u32, &str)> = columns
        .iter()
        .filter(|c| c.role == ColumnRole::Bulan)
        .filter_map(|c| match period_of(c)? {
            (Period::Month(m), name) => Some((m, c.col, name)),
            (Period::Quarter(_), _) => None,
        })
        .collect();
    columns
        .iter()
        .filter(|c| c.role == role)
        .filter_map(|c| {
            let (quarter @ Period::Quarter(_), name) = period_of(c)? else {
                return None;
            };
            let its: Vec<&(u8, u32, &str)> = quarter
                .months()
                .map(|m| months.iter().find(|(n, _, _)| *n == m))
                .collect::<Option<_>>()?;
            let text = its
                .iter()
                .map(|(_, _, n)| *n)
                .collect::<Vec<_>>()
                .join(" + ");
            Some((
                c.col,
                its.iter().map(|(_, col, _)| *col).collect(),
                format!("{name} = {text}"),
            ))
        })
        .collect()
}

/// In a kind whose totals sit above their details: the rows of figures right under the
/// header, before the first row with a code, that carry no code and no name, are totals.
pub(super) fn mark_totals_above(rows: &mut [TableRow], sheet: &Sheet, summed: &[u32]) {
    for row in rows.iter_mut() {
        if row.kind == RowKind::Blank {
            continue;
        }
        if row.kind != RowKind::Data || row.code_written.is_some() || row.uraian.is_some() {
            break;
        }
        let figures = summed
            .iter()
            .any(|c| sheet.value(CellAt::new(row.row, *c)).as_number().is_some());
        if !figures {
            break;
        }
        row.kind = RowKind::Total;
    }
}
