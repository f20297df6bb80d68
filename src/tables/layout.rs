//! Applies a table's kind ([`super::kinds`]) to what detection read: the signs a kind is
//! recognised by, the roles it gives header words, the rules its layout implies between
//! columns, and the total row it keeps above its details.

use crate::codes::CodeKind;
use crate::model::{CellAt, Sheet};
use crate::vocabulary::{names_code_level, ColumnRole};

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
    spec.rules
        .iter()
        .filter_map(|rule| {
            let target = first(rule.target)?;
            let expr = match rule.expr {
                LayoutExpr::Column(role) => RuleExpr::Column(first(role)?),
                LayoutExpr::SumOf(role) => {
                    let cols: Vec<u32> = columns
                        .iter()
                        .filter(|c| c.role == role)
                        .map(|c| c.col)
                        .collect();
                    if cols.is_empty() {
                        return None;
                    }
                    RuleExpr::SumOf(cols)
                }
                LayoutExpr::Product(a, b) => RuleExpr::Mul(
                    Box::new(RuleExpr::Column(first(a)?)),
                    Box::new(RuleExpr::Column(first(b)?)),
                ),
            };
            Some(ColumnRule {
                target,
                expr,
                text: rule.text.to_string(),
                source: RuleSource::Layout,
            })
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
