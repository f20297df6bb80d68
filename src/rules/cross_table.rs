//! `cross-table-mismatch`: the same code carries a different figure in two tables of one
//! workbook; and the reconciliation itself, every figure two tables carry side by side (the
//! cleaned workbook's `Rekonsiliasi` sheet).
//!
//! Auditors check that a sub kegiatan's pagu is the same wherever it appears: the DPA's
//! rincian, the RAK's Nilai Rincian (which its Total RAK must equal), the LRA's anggaran, the
//! Renja's tables. Documents at different stages differ legitimately (a rancangan against the
//! final), so a difference is a warning. Where two must agree by rule — a RAK's or an LRA's
//! pagu against the DPA rincian's — it is an error (`dpa-mismatch`), the DPA the figure the
//! other is held to. A DPA names its sub kegiatan in its header block (`Sub Kegiatan :
//! 1.02.02.2.01.01 …`): its account lines are keyed under it and its one `Jumlah` row is the
//! sub kegiatan's pagu.
//!
//! Only what is certain is compared: tables of different kinds (two RAK sheets of one
//! workbook are parts of one document), a figure of the same role (pagu, realisasi) and the same
//! year (a column's header year, or none on both sides); a table with several columns of one
//! role is asked for its `Total`/`Jumlah` column, else not at all; a code a table lists twice
//! is not compared from that table; an account line only under the sub kegiatan its row names.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::codes::CodeKind;
use crate::finding::{CarriedFigure, Finding, Reconciled, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Workbook};
use crate::tables::{Column, ColumnRole, RowKind, StepCode, Table, TableKind, TableRow};

use super::context::Ctx;
use super::cross_file::FileFigure;
use super::precision::same_figure;

/// What a figure is: the code it belongs to (an account line with its sub kegiatan), its role
/// and year. The organisation a row names (an LRA's SKPD column) is not part of it, as a DPA
/// of one SKPD names none: it only keeps two SKPDs' figures of one code apart.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    program: Option<String>,
    account: Option<String>,
    role: &'static str,
    year: Option<u16>,
}

/// One cell carrying a keyed figure.
#[derive(Clone, Debug)]
struct Carried {
    table: usize,
    organisation: Option<String>,
    at: CellAt,
    value: Decimal,
    code: String,
}

/// The roles compared across tables. A RAK without a Nilai Rincian column names its pagu by
/// its Total RAK.
const ROLES: &[(ColumnRole, &str)] = &[
    (ColumnRole::Pagu, "pagu"),
    (ColumnRole::Realisasi, "realisasi"),
];

/// Every keyed figure that two or more tables of one workbook carry, side by side, and one
/// finding per cell whose figure differs from the first table's.
pub(crate) fn check(
    workbook: &Workbook,
    tables: &[Table],
    out: &mut Vec<Finding>,
) -> Vec<Reconciled> {
    let mut by_key: BTreeMap<Key, Vec<Carried>> = BTreeMap::new();
    for (key, carried) in carried(workbook, tables) {
        by_key.entry(key).or_default().push(carried);
    }
    let mut lines = Vec::new();
    for (key, carried) in &by_key {
        for group in by_organisation(carried) {
            let mut group = one_per_kind(tables, group);
            if group.len() > 1 {
                // The DPA, where one carries the figure, is what the others are held to.
                group.sort_by_key(|c| tables[c.table].kind != TableKind::Rincian);
                let line = reconciled(tables, key, &group);
                let kinds: Vec<TableKind> = group.iter().map(|c| tables[c.table].kind).collect();
                compare(&line, &kinds, out);
                lines.push(line);
            }
        }
    }
    lines
}

/// Every keyed figure of every table, in table order: one cell per table, key and
/// organisation (a code a table lists twice under one key is left out of it).
fn carried(workbook: &Workbook, tables: &[Table]) -> Vec<(Key, Carried)> {
    let mut all = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let Some(sheet) = workbook.sheets.get(table.sheet) else {
            continue;
        };
        if table.kind == TableKind::Daftar {
            continue;
        }
        let ctx = Ctx::new(sheet, table);
        let mut own: BTreeMap<(Key, Option<String>), Option<Carried>> = BTreeMap::new();
        let form_total = form_total(table);
        for (column, role) in compared_columns(table) {
            for (i, row) in table.rows.iter().enumerate() {
                let keyed = if Some(i) == form_total {
                    form_total_key(table, role, column.year)
                } else if asks_about(row) {
                    key_of(table, row, role, column.year)
                } else {
                    None
                };
                let Some((key, organisation, code)) = keyed else {
                    continue;
                };
                let Some(value) = ctx.number(i, column.col) else {
                    continue;
                };
                let at = CellAt::new(row.row, column.col);
                own.entry((key, organisation.clone()))
                    .and_modify(|seen| *seen = None)
                    .or_insert(Some(Carried {
                        table: t,
                        organisation,
                        at,
                        value,
                        code,
                    }));
            }
        }
        all.extend(
            own.into_iter()
                .filter_map(|((key, _), carried)| Some((key, carried?))),
        );
    }
    all
}

/// The figures a workbook carries, for holding them against other files' (`batch`): every
/// keyed figure of a table that is the only one of its kind in the workbook to carry it, as
/// in [`check`].
pub fn file_figures(workbook: &Workbook, tables: &[Table]) -> Vec<FileFigure> {
    let mut by_key: BTreeMap<(Key, Option<String>), Vec<Carried>> = BTreeMap::new();
    for (key, carried) in carried(workbook, tables) {
        by_key
            .entry((key, carried.organisation.clone()))
            .or_default()
            .push(carried);
    }
    let mut out = Vec::new();
    for ((key, organisation), group) in by_key {
        for c in one_per_kind(tables, group) {
            let table = &tables[c.table];
            out.push(FileFigure {
                program: key.program.clone().unwrap_or_default(),
                account: key.account.clone(),
                role: key.role.to_string(),
                year: key.year,
                organisation: organisation.clone(),
                code: c.code,
                kind: table.kind,
                sheet: table.sheet_name.clone(),
                cell: c.at.a1(),
                value: c.value,
            });
        }
    }
    out
}

/// The reconciliation line of one key's compared cells.
fn reconciled(tables: &[Table], key: &Key, carried: &[Carried]) -> Reconciled {
    let first = carried[0].value;
    Reconciled {
        code: carried[0].code.clone(),
        role: key.role,
        year: key.year,
        organisation: carried.iter().find_map(|c| c.organisation.clone()),
        agrees: carried
            .iter()
            .all(|c| same_figure(first, c.value, first.abs().max(c.value.abs()))),
        figures: carried
            .iter()
            .map(|c| {
                let table = &tables[c.table];
                CarriedFigure {
                    sheet: table.sheet,
                    sheet_name: table.sheet_name.clone(),
                    cell: c.at,
                    kind: table.kind.id(),
                    kind_name: table.kind.spec().name,
                    value: c.value,
                }
            })
            .collect(),
    }
}

/// The columns of each compared role, one per year: the only one, or the `Total` / `Jumlah`
/// one among several.
fn compared_columns(table: &Table) -> Vec<(&Column, &'static str)> {
    let mut out = Vec::new();
    for &(role, name) in ROLES {
        let mut of_role: Vec<&Column> = table
            .columns
            .iter()
            .filter(|c| c.money && c.role == role)
            .collect();
        if of_role.is_empty() && role == ColumnRole::Pagu && table.kind == TableKind::Rak {
            of_role = table
                .columns
                .iter()
                .filter(|c| c.money && c.role == ColumnRole::Kas)
                .collect();
        }
        // Each year once, whatever the columns' order (`2025 | 2026 | Jumlah 2025`).
        let years: BTreeSet<Option<u16>> = of_role.iter().map(|c| c.year).collect();
        for year in years {
            let same_year: Vec<&Column> =
                of_role.iter().copied().filter(|c| c.year == year).collect();
            let chosen = match same_year.as_slice() {
                [one] => Some(*one),
                many => {
                    let totals: Vec<&Column> = many
                        .iter()
                        .copied()
                        .filter(|c| names_total(&c.header))
                        .collect();
                    (totals.len() == 1).then(|| totals[0])
                }
            };
            out.extend(chosen.map(|c| (c, name)));
        }
    }
    out
}

fn names_total(header: &str) -> bool {
    let lower = header.to_lowercase();
    lower.contains("total") || lower.contains("jumlah")
}

/// Data rows with a code of their own.
fn asks_about(row: &TableRow) -> bool {
    row.is_data() && row.code.is_some() && !row.code_inherited
}

/// The key of a row's figure in a column of `role` and `year`, the organisation the row
/// names, and the code as messages name it. An account line is keyed with its sub kegiatan:
/// the one in its own path, else its parent row's where the table's hierarchy is established,
/// else the one the form's header block names; without one it has no key, as the same
/// account sits under every sub kegiatan.
fn key_of(
    table: &Table,
    row: &TableRow,
    role: &'static str,
    year: Option<u16>,
) -> Option<(Key, Option<String>, String)> {
    let code = row.code.as_ref()?;
    let organisation = row.path.iter().find_map(|s| match &s.code {
        StepCode::Organisation(o) => Some(o.as_str().to_string()),
        StepCode::Budget(_) => None,
    });
    let (program, account) = match code.kind() {
        CodeKind::Program => (code.canonical(), None),
        CodeKind::Account => {
            let above = program_above(table, row)
                .or_else(|| table.named_above.as_ref().map(|c| c.canonical()));
            (above?, Some(code.canonical()))
        }
    };
    let named = match &account {
        Some(a) => format!("{program} · {a}"),
        None => program.clone(),
    };
    let key = Key {
        program: Some(program),
        account,
        role,
        year,
    };
    Some((key, organisation, named))
}

/// The key of a form's Jumlah row ([`form_total`]): the pagu of the sub kegiatan its header
/// block names.
fn form_total_key(
    table: &Table,
    role: &'static str,
    year: Option<u16>,
) -> Option<(Key, Option<String>, String)> {
    let code = table.named_above.as_ref()?.canonical();
    let key = Key {
        program: Some(code.clone()),
        account: None,
        role,
        year,
    };
    Some((key, None, code))
}

/// The program-hierarchy code an account line sits under.
fn program_above(table: &Table, row: &TableRow) -> Option<String> {
    let in_path = row.path.iter().rev().find_map(|s| match &s.code {
        StepCode::Budget(b) if b.kind() == CodeKind::Program => Some(b.canonical()),
        _ => None,
    });
    if in_path.is_some() || !table.structure.established {
        return in_path;
    }
    let mut parent = row.parent;
    while let Some(p) = parent {
        let above = &table.rows[p];
        if let Some(code) = above
            .code
            .as_ref()
            .filter(|c| c.kind() == CodeKind::Program)
        {
            return Some(code.canonical());
        }
        parent = above.parent;
    }
    None
}

/// The cells of one key that may be compared: all of them when at most one organisation is
/// named; else those of each organisation apart (a cell naming none cannot be placed).
fn by_organisation(carried: &[Carried]) -> Vec<Vec<Carried>> {
    let mut named: Vec<&str> = carried
        .iter()
        .filter_map(|c| c.organisation.as_deref())
        .collect();
    named.sort_unstable();
    named.dedup();
    if named.len() <= 1 {
        return vec![carried.to_vec()];
    }
    named
        .iter()
        .map(|o| {
            carried
                .iter()
                .filter(|c| c.organisation.as_deref() == Some(*o))
                .cloned()
                .collect()
        })
        .collect()
}

/// The cells of one key from tables of a kind that carries it once. Two tables of one kind in
/// a workbook are parts of one document (`rak-kesling-2025.xlsx` keeps one RAK sheet per
/// activity, each under the same sub kegiatan code), not two statements of one figure.
fn one_per_kind(tables: &[Table], group: Vec<Carried>) -> Vec<Carried> {
    let kind = |c: &Carried| tables[c.table].kind;
    group
        .iter()
        .filter(|c| group.iter().filter(|o| kind(o) == kind(c)).count() == 1)
        .cloned()
        .collect()
}

/// The row of a form's table that carries the pagu of the sub kegiatan its header block names:
/// its one total row (`Jumlah`), where the block names one.
fn form_total(table: &Table) -> Option<usize> {
    table.named_above.as_ref()?;
    let mut totals = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RowKind::Total);
    match (totals.next(), totals.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// One finding per cell whose figure differs from the first table's (the DPA's, else the first
/// in sheet order), naming that cell: an error where the two must agree by rule (a RAK's or
/// an LRA's pagu against the DPA's), else a warning. `kinds` are the figures' tables' kinds.
fn compare(line: &Reconciled, kinds: &[TableKind], out: &mut Vec<Finding>) {
    let reference = &line.figures[0];
    for (other, kind) in line.figures.iter().zip(kinds).skip(1) {
        let magnitude = reference.value.abs().max(other.value.abs());
        if same_figure(reference.value, other.value, magnitude) {
            continue;
        }
        let Some(difference) = other.value.checked_sub(reference.value) else {
            continue;
        };
        let by_rule = kinds[0] == TableKind::Rincian
            && matches!(kind, TableKind::Rak | TableKind::Lra)
            && line.role == "pagu";
        let (rule, key) = if by_rule {
            (RuleId::DpaMismatch, "rule.dpa-mismatch")
        } else {
            (RuleId::CrossTableMismatch, "rule.cross-table-mismatch")
        };
        let message = Message::new(key)
            .arg("code", &line.code)
            .arg("column", line.role)
            .arg_number("actual", other.value)
            .arg("kind", other.kind_name)
            .arg(
                "other",
                format!("{}!{}", reference.sheet_name, reference.cell.a1()),
            )
            .arg("other_kind", reference.kind_name)
            .arg_number("expected", reference.value)
            .arg_number("difference", difference);
        out.push(
            Finding::new(rule, other.sheet, &other.sheet_name, other.cell, message)
                .with_row_code(Some(line.code.clone()))
                .with_column(line.role)
                .with_numbers(reference.value, other.value, difference),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::detect_tables;
    use crate::tables::testing::{sheet, tsv, workbook};

    /// The pagu columns a table offers, as (sheet column, year).
    fn offered(rows: &str) -> Vec<(u32, Option<u16>)> {
        let wb = workbook(vec![sheet("Rencana", 0, 0, &[0], &tsv(rows))]);
        let tables = detect_tables(&wb);
        compared_columns(&tables[0])
            .into_iter()
            .filter(|(_, role)| *role == "pagu")
            .map(|(c, _)| (c.col, c.year))
            .collect()
    }

    #[test]
    fn each_year_offers_one_column_once_whatever_the_order() {
        let columns = offered(
            "Kode\tUraian\tPagu 2025\tPagu 2026\tPagu 2025 Total\n\
             5.03.01\tProgram\t1.000\t1.200\t1.000\n",
        );
        assert_eq!(columns, vec![(4, Some(2025)), (3, Some(2026))]);
    }
}
