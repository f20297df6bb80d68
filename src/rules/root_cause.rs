//! Links findings that are echoes of one mistake. A wrong sub kegiatan figure shows up again
//! in its kegiatan, program, urusan and the JUMLAH row; only the first is worth fixing.
//!
//! Finding F *explains* finding G when one of these holds:
//! 1. **same cell, formula first**: F is a formula finding (`formula-…`) on the cell G is
//!    about, and G is not — the cell's value is wrong because its formula is;
//! 2. **wrong child, right parent**: G is a `sum-mismatch`/`total-mismatch` on a row, F is on
//!    one of the rows that row adds up, in the same column, with the opposite difference (the
//!    child is off by +x, so the sum over the children exceeds the parent by x);
//! 3. **propagated**: F lies lower in the hierarchy than G (a sub-row, a sub-sub-row …, or any
//!    row under a total), in the same column, with the same difference — the wrong value was
//!    added up into G's row. The seed: kegiatan 5.03.01.2.09's sisa is 9.490.000 short; the
//!    program 5.03.01, the bidang 5.03 and JUMLAH rows add it up and are 9.490.000 short too;
//! 4. **operand**: G checks a relation within a row (`difference-mismatch`, `ratio-mismatch`,
//!    `column-rule-mismatch`, `formula-error`) and F is on another cell of that row the
//!    relation reads (pagu or realisasi of a %, operand 10 of `11=(10/4)`).
//!
//! A finding nothing explains is a root cause. `caused_by` lists the root causes reached by
//! following explanations down (not the intermediate echoes); two findings on the same cell
//! that do not explain each other (the seed's 5.03.01.2.09 sisa is both ≠ pagu − realisasi and
//! ≠ the sum of its sub kegiatan) are both root causes.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::model::CellAt;
use crate::tables::{ColumnRole, Table};

use super::hierarchy::Hierarchy;
use super::placement::locate;

/// Where a finding sits in a table.
#[derive(Clone, Copy)]
struct Place {
    table: usize,
    row: usize,
    col: u32,
}

/// Marks `root_cause` and fills `caused_by` on every finding (see the module doc).
pub fn link_causes(findings: &mut [Finding], tables: &[Table]) {
    let hierarchies: Vec<Hierarchy> = tables.iter().map(Hierarchy::new).collect();
    let places: Vec<Option<Place>> = findings.iter().map(|f| place(f, tables)).collect();
    let diffs: Vec<Option<Decimal>> = findings.iter().map(|f| f.difference).collect();
    let n = findings.len();
    let candidates = Candidates::index(findings, &places, &diffs);
    let explainers: Vec<Vec<usize>> = (0..n)
        .map(|g| {
            candidates
                .for_finding(g, findings, &places, &diffs)
                .into_iter()
                .filter(|&f| {
                    f != g && explains(f, g, findings, &places, &diffs, tables, &hierarchies)
                })
                .collect()
        })
        .collect();
    for g in 0..n {
        let roots = roots_of(g, &explainers);
        findings[g].root_cause = explainers[g].is_empty();
        findings[g].caused_by = roots.iter().map(|&r| findings[r].id.clone()).collect();
    }
}

/// The only findings that can explain a given one (see [`explains`]): those on the same cell,
/// those in the same table column whose difference is equal or opposite, and those on the
/// same table row. Indexed once, so linking a file with tens of thousands of findings stays
/// linear instead of comparing every pair.
struct Candidates {
    by_cell: HashMap<(usize, CellAt), Vec<usize>>,
    by_column_difference: HashMap<(usize, u32, Decimal), Vec<usize>>,
    by_row: HashMap<(usize, usize), Vec<usize>>,
}

impl Candidates {
    fn index(findings: &[Finding], places: &[Option<Place>], diffs: &[Option<Decimal>]) -> Self {
        let mut index = Candidates {
            by_cell: HashMap::new(),
            by_column_difference: HashMap::new(),
            by_row: HashMap::new(),
        };
        for (i, f) in findings.iter().enumerate() {
            index.by_cell.entry((f.sheet, f.cell)).or_default().push(i);
            if let Some(p) = places[i] {
                index.by_row.entry((p.table, p.row)).or_default().push(i);
                if let Some(d) = diffs[i] {
                    index
                        .by_column_difference
                        .entry((p.table, p.col, d.normalize()))
                        .or_default()
                        .push(i);
                }
            }
        }
        index
    }

    fn for_finding(
        &self,
        g: usize,
        findings: &[Finding],
        places: &[Option<Place>],
        diffs: &[Option<Decimal>],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let f = &findings[g];
        out.extend(self.by_cell.get(&(f.sheet, f.cell)).into_iter().flatten());
        if let Some(p) = places[g] {
            out.extend(self.by_row.get(&(p.table, p.row)).into_iter().flatten());
            if let Some(d) = diffs[g] {
                for d in [d.normalize(), (-d).normalize()] {
                    out.extend(
                        self.by_column_difference
                            .get(&(p.table, p.col, d))
                            .into_iter()
                            .flatten(),
                    );
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn place(f: &Finding, tables: &[Table]) -> Option<Place> {
    let (table, row) = locate(tables, f.sheet, f.cell)?;
    Some(Place {
        table,
        row,
        col: f.cell.col,
    })
}

fn explains(
    f: usize,
    g: usize,
    findings: &[Finding],
    places: &[Option<Place>],
    diffs: &[Option<Decimal>],
    tables: &[Table],
    hierarchies: &[Hierarchy],
) -> bool {
    let (ff, gg) = (&findings[f], &findings[g]);
    if ff.sheet == gg.sheet && ff.cell == gg.cell {
        return ff.rule.is_formula() && !gg.rule.is_formula();
    }
    let (Some(pf), Some(pg)) = (places[f], places[g]) else {
        return false;
    };
    if pf.table != pg.table {
        return false;
    }
    let h = &hierarchies[pf.table];
    if pf.col == pg.col {
        if let (Some(df), Some(dg)) = (diffs[f], diffs[g]) {
            let summed = matches!(gg.rule, RuleId::SumMismatch | RuleId::TotalMismatch);
            if summed && h.children[pg.row].contains(&pf.row) && df == -dg {
                return true;
            }
            if pf.row != pg.row && h.is_below(pf.row, pg.row) && df == dg {
                return true;
            }
        }
        return false;
    }
    pf.row == pg.row && operands(gg.rule, &tables[pg.table], pg.col).contains(&pf.col)
}

/// The other cells of its row a row-level finding's relation reads.
fn operands(rule: RuleId, table: &Table, col: u32) -> Vec<u32> {
    let money = |roles: &[ColumnRole]| -> Vec<u32> {
        table
            .columns
            .iter()
            .filter(|c| c.money && roles.contains(&c.role))
            .map(|c| c.col)
            .collect()
    };
    match rule {
        RuleId::DifferenceMismatch => {
            money(&[ColumnRole::Pagu, ColumnRole::Realisasi, ColumnRole::Sisa])
        }
        RuleId::RatioMismatch => money(&[ColumnRole::Pagu, ColumnRole::Realisasi]),
        RuleId::ColumnRuleMismatch | RuleId::FormulaError => {
            let mut cols: Vec<u32> = table
                .column_rules
                .iter()
                .filter(|r| r.target == col)
                .flat_map(|r| r.expr.columns())
                .collect();
            if rule == RuleId::FormulaError || cols.is_empty() {
                cols.extend(money(&[ColumnRole::Pagu, ColumnRole::Realisasi]));
            }
            cols
        }
        _ => Vec::new(),
    }
}

/// The root causes reached from `g` by following explanations; `g`'s direct explainers when
/// they explain each other in a circle.
fn roots_of(g: usize, explainers: &[Vec<usize>]) -> Vec<usize> {
    let mut seen = vec![false; explainers.len()];
    let mut stack = explainers[g].clone();
    let mut roots = Vec::new();
    while let Some(x) = stack.pop() {
        if std::mem::replace(&mut seen[x], true) {
            continue;
        }
        if explainers[x].is_empty() {
            roots.push(x);
        } else {
            stack.extend(explainers[x].iter().copied());
        }
    }
    if roots.is_empty() {
        roots = explainers[g].clone();
    }
    roots.sort_unstable();
    roots.dedup();
    roots.retain(|&r| r != g);
    roots
}
