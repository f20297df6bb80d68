//! Assesses how sure renja is of a table's sums: which signals tell the rows' parents,
//! whether two of them agree so a parent that is not the sum of its sub-rows is wrong for
//! certain, and which rows each total adds up — or why that cannot be told ([`Doubt`]).
//!
//! Certainty before severity: a sum is checked as an error only where the relation is
//! established; where renja cannot tell which rows make up a figure, the rules say so once,
//! as info, instead of guessing. Knows the table and the sheet's values; nothing of findings.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::codes::{CodeKind, CodeLevel};
use crate::model::{CellAt, Sheet};
use crate::vocabulary::normalise_words;

use super::certainty::{Doubt, Evidence, Structure, TotalGroup};
use super::parents::{coded, numbering_level};
use super::table::{CodeSource, Column, PathStep, RowKind, StepCode, TableRow};

/// The level a row's code gives it, comparable across a table: the depth and kind of its
/// deepest code. Not the path's length: a SIPD line may leave its urusan and SKPD columns
/// empty and still be an account line like the others.
fn level_key(row: &TableRow) -> Option<(u8, bool)> {
    let last = row.path.last()?;
    Some(match &last.code {
        StepCode::Budget(code) => (code.level().depth(), code.kind() == CodeKind::Account),
        StepCode::Organisation(_) => (0, false),
    })
}

/// The sum over `rows` of `col`; `None` when none holds a number or past what a Decimal holds.
fn sum_over(sheet: &Sheet, rows: &[TableRow], members: &[usize], col: u32) -> Option<Decimal> {
    let mut any = false;
    let mut sum = Decimal::ZERO;
    for &m in members {
        if let Some(v) = sheet.value(CellAt::new(rows[m].row, col)).as_number() {
            any = true;
            sum = sum.checked_add(v)?;
        }
    }
    any.then_some(sum)
}

fn number_at(sheet: &Sheet, rows: &[TableRow], row: usize, col: u32) -> Option<Decimal> {
    sheet.value(CellAt::new(rows[row].row, col)).as_number()
}

/// The rows each total row adds up: the top-level data rows since the previous total (all of
/// them for a total right after another, `Jumlah Total` under `Sub Total`s); for a total above
/// its rows (`total_above`), the top-level rows after it up to the next total.
fn total_members(rows: &[TableRow], total_above: bool) -> Vec<(usize, Vec<usize>)> {
    let top = |i: usize| rows[i].is_data() && !rows[i].code_inherited && rows[i].parent.is_none();
    let totals: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].kind == RowKind::Total)
        .collect();
    let first_data = rows.iter().position(TableRow::is_data);
    totals
        .iter()
        .map(|&t| {
            let above = total_above && first_data.is_none_or(|d| t < d);
            let members: Vec<usize> = if above {
                (t + 1..rows.len())
                    .take_while(|&i| rows[i].kind != RowKind::Total)
                    .filter(|&i| top(i))
                    .collect()
            } else {
                let since = (0..t)
                    .rev()
                    .find(|&i| rows[i].kind == RowKind::Total)
                    .map_or(0, |p| p + 1);
                let segment: Vec<usize> = (since..t).filter(|&i| top(i)).collect();
                if segment.is_empty() {
                    (0..t).filter(|&i| top(i)).collect()
                } else {
                    segment
                }
            };
            (t, members)
        })
        .collect()
}

/// The level words a name starts with, and whether they agree with the row's code level.
fn names_level(row: &TableRow) -> Option<bool> {
    let words = normalise_words(row.uraian.as_deref()?);
    let code = row.code.as_ref()?;
    let level = code.level();
    let agrees = if words.starts_with("sub kegiatan ") {
        level == CodeLevel::SubKegiatan
    } else if words.starts_with("program ") {
        level == CodeLevel::Program
    } else if words.starts_with("urusan ") {
        matches!(level, CodeLevel::Urusan | CodeLevel::BidangUrusan)
    } else if words.starts_with("belanja ") || words.starts_with("pendapatan ") {
        code.kind() == CodeKind::Account
    } else {
        return None;
    };
    Some(agrees)
}

/// Assesses a table whose rows are read and linked (see the module doc). `summed` are the
/// columns whose figures add up the hierarchy.
pub(super) fn assess(
    sheet: &Sheet,
    rows: &[TableRow],
    summed: &[&Column],
    total_above: bool,
) -> Structure {
    let data: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].is_data() && !rows[i].code_inherited)
        .collect();
    let mut evidence = Vec::new();
    let is_coded = coded(rows);
    if is_coded {
        let paths: Vec<_> = data
            .iter()
            .filter(|&&i| !rows[i].path.is_empty())
            .map(|&i| &rows[i].path)
            .collect();
        let distinct: HashSet<_> = paths.iter().collect();
        // Codes that do not tell rows apart (`5 | 01` on every row of a page) tell no parents.
        if distinct.len() * 10 >= paths.len() * 9 {
            evidence.push(Evidence::Codes);
        }
        let nested = data
            .iter()
            .filter(|&&i| rows[i].code_source == CodeSource::Nested)
            .count();
        if nested * 2 >= paths.len() && nested > 0 {
            evidence.push(Evidence::CodePath);
        }
        let codes: HashSet<&str> = data
            .iter()
            .filter_map(|&i| rows[i].code.as_ref().map(|c| c.as_str()))
            .collect();
        // A row whose parent is in the table but not above it: a one-column code whose
        // parent code is elsewhere, or a code path one of whose ancestries is another row's
        // whole path (a RAK line whose account code was left empty reads as the sub
        // kegiatan of the lines above it).
        let all_paths: HashSet<&[PathStep]> = paths.iter().map(|p| p.as_slice()).collect();
        let displaced = data.iter().any(|&i| {
            let r = &rows[i];
            r.parent.is_none()
                && if r.path.len() == 1 {
                    r.code
                        .as_ref()
                        .and_then(|c| c.parent())
                        .is_some_and(|p| codes.contains(p.as_str()))
                } else {
                    (1..r.path.len()).any(|k| all_paths.contains(&r.path[..k]))
                }
        });
        if evidence.contains(&Evidence::Codes) && !displaced {
            evidence.push(Evidence::Order);
        }
    }
    let parents: Vec<(usize, usize)> = data
        .iter()
        .filter_map(|&i| rows[i].parent.map(|p| (p, i)))
        .collect();
    let numbered: Vec<(u8, u8)> = parents
        .iter()
        .filter_map(|&(p, i)| {
            let level = |r: usize| rows[r].numbering.as_deref().and_then(numbering_level);
            Some((level(p)?, level(i)?))
        })
        .collect();
    if !numbered.is_empty() && numbered.iter().all(|(p, c)| p < c) {
        evidence.push(Evidence::Numbering);
    }
    let named: Vec<bool> = data.iter().filter_map(|&i| names_level(&rows[i])).collect();
    if !named.is_empty() && named.iter().all(|a| *a) {
        evidence.push(Evidence::LevelNames);
    }
    if data
        .iter()
        .any(|&i| rows[i].entry.is_some() && rows[i].parent.is_some())
    {
        evidence.push(Evidence::GroupLines);
    }
    let mut totals: Vec<TotalGroup> = Vec::new();
    let mut closes = false;
    for (row, members) in total_members(rows, total_above) {
        let levels: HashSet<_> = members
            .iter()
            .filter_map(|&m| level_key(&rows[m]))
            .collect();
        let uncoded_with_figures = is_coded
            && members.iter().any(|&m| {
                rows[m].path.is_empty()
                    && rows[m].implied_code.is_none()
                    && summed
                        .iter()
                        .any(|c| number_at(sheet, rows, m, c.col).is_some())
            });
        let doubt = if levels.len() > 1 {
            Some(Doubt::Orphans)
        } else if uncoded_with_figures {
            Some(Doubt::Uncoded)
        } else {
            None
        };
        if doubt.is_none()
            && summed.iter().any(|c| {
                number_at(sheet, rows, row, c.col)
                    .is_some_and(|v| sum_over(sheet, rows, &members, c.col).is_some_and(|s| s == v))
            })
        {
            closes = true;
        }
        totals.push(TotalGroup {
            row,
            members,
            doubt,
        });
    }
    if closes {
        evidence.push(Evidence::TotalCloses);
    }
    let told = evidence.iter().any(|e| e.tells_parents());
    let flat = parents.is_empty();
    // Codes read from one column or from several are one signal, not two.
    let independent = evidence.len()
        - usize::from(
            evidence.contains(&Evidence::Codes) && evidence.contains(&Evidence::CodePath),
        );
    let established = independent >= 2 && (told || flat);
    for total in &mut totals {
        if total.doubt.is_none() && !established && !closes {
            total.doubt = Some(Doubt::Unestablished);
        }
    }
    Structure {
        evidence,
        established,
        totals,
        runs_on: None,
        parent_above: Vec::new(),
    }
}
