//! Tables coded by account (kode rekening: `4` › `41` › `411` › `41101` › `4110103`), as
//! revenue and spending reports print them: in a Kode column, or stepping one column right
//! per level in front of the name, very often without dots and as numbers.
//!
//! The digits alone do not say where one segment ends (Permendagri 13/2006 writes jenis with
//! one digit, 90/2019 with two), but the table's own hierarchy does: a row whose parent row's
//! digits are a prefix of its own is split along that parent (`41101` under `4.1.1` is
//! `4.1.1.01`). A code of three or more digits without such a parent is kept as written and
//! reported, not split by guessing.

use crate::codes::{BudgetCode, CodeKind};
use crate::model::Cell;

use super::lines::{code_text, CodeRead, Line};
use super::table::{CodeSource, PathStep, StepCode, TableRow};

/// The leftmost filled code cell of a row, as text: `41101` (a number or text of digits) or
/// `4.1.1.01`.
fn leading_text<'a>(line: &'a Line, code_cols: &[u32]) -> Option<(&'a Cell, String)> {
    let cell = code_cols.iter().find_map(|c| line.get(*c))?;
    Some((cell, code_text(cell)))
}

/// The account code a row's leftmost code cell holds, if it holds one.
fn account_of(line: &Line, code_cols: &[u32]) -> Option<(BudgetCode, String)> {
    let (cell, text) = leading_text(line, code_cols)?;
    // A code the normalise stage read is an account code or no account at all (`4` in a
    // Kode column is urusan 4).
    if let Some(code) = cell.code() {
        return (code.kind() == CodeKind::Account).then(|| (code.clone(), text));
    }
    BudgetCode::account(&text).map(|code| (code, text))
}

/// A program-hierarchy code a row of an account table names, written whole, that no account
/// code can be: an LRA or a DPA rincian of one sub kegiatan lists its bidang (`1.02`),
/// program, kegiatan and sub kegiatan (`1.02.02.2.01.01`) above its account lines. A code
/// that reads as an account too stays one: `4` or `5.1` in a Kode column of accounts is an
/// account, never urusan 4 or bidang 5.01.
fn program_of(line: &Line, code_cols: &[u32]) -> Option<(BudgetCode, String)> {
    let (cell, text) = leading_text(line, code_cols)?;
    cell.code()
        .filter(|code| {
            code.kind() != CodeKind::Account
                && code.is_written_as(&text)
                && BudgetCode::account(&text).is_none()
        })
        .map(|code| (code.clone(), text))
}

/// Whether the table is coded by account: some row holds a code that only an account code
/// can be (dotted in account widths, or two or more digits, which no urusan has), and at
/// least half of the rows with a code cell hold an account code.
pub(super) fn is_account_table(lines: &[&Line], code_cols: &[u32]) -> bool {
    if code_cols.is_empty() {
        return false;
    }
    let mut filled = 0usize;
    let mut accounts = 0usize;
    let mut only_account = false;
    for line in lines {
        if leading_text(line, code_cols).is_none() {
            continue;
        }
        filled += 1;
        if let Some((code, text)) = account_of(line, code_cols) {
            accounts += 1;
            only_account |= code.segment_count() > 1 || text.len() >= 2;
        }
    }
    only_account && accounts * 2 >= filled
}

/// A row's code in an account table.
pub(super) fn read(line: &Line, code_cols: &[u32]) -> CodeRead {
    match account_of(line, code_cols).or_else(|| program_of(line, code_cols)) {
        Some((code, written)) => CodeRead {
            path: leading_col(line, code_cols)
                .map(|col| vec![step(col, &code)])
                .unwrap_or_default(),
            code: Some(code),
            source: CodeSource::Cell,
            written: Some(written),
        },
        None => CodeRead {
            code: None,
            path: Vec::new(),
            source: CodeSource::None,
            written: leading_text(line, code_cols).map(|(_, t)| t),
        },
    }
}

fn leading_col(line: &Line, code_cols: &[u32]) -> Option<u32> {
    code_cols.iter().copied().find(|c| line.get(*c).is_some())
}

fn step(col: u32, code: &BudgetCode) -> PathStep {
    PathStep {
        col,
        code: StepCode::Budget(code.clone()),
    }
}

/// Splits codes written without dots along their parent rows (parents come first, so a
/// parent is split before its children). Akun and kelompok (`4`, `41`) split by digit, as
/// both schemes do. Returns the rows whose code of three or more digits has no parent to
/// split along: kept as written.
pub(super) fn split_along_parents(rows: &mut [TableRow]) -> Vec<usize> {
    let mut unsplit = Vec::new();
    for i in 0..rows.len() {
        let Some(code) = rows[i].code.clone() else {
            continue;
        };
        if code.kind() != CodeKind::Account || code.segment_count() > 1 || rows[i].code_inherited {
            continue;
        }
        let parent = rows[i].parent.and_then(|p| rows[p].code.clone());
        let split = match parent {
            Some(p) => code.under(&p),
            None => None,
        };
        let digits = code.digits();
        let split = split.or_else(|| match digits.len() {
            2 => BudgetCode::account_digits(&digits[..1]).and_then(|akun| code.under(&akun)),
            _ => None,
        });
        match split {
            Some(s) => {
                if let Some(first) = rows[i].path.first().map(|p| p.col) {
                    rows[i].path = vec![step(first, &s)];
                }
                rows[i].code = Some(s);
            }
            None if digits.len() >= 3 => unsplit.push(i),
            None => {}
        }
    }
    // Continuation lines copy the code of the row they continue.
    for i in 0..rows.len() {
        if rows[i].code_inherited {
            if let Some(above) = (0..i).rev().find(|&k| !rows[k].code_inherited) {
                rows[i].code = rows[above].code.clone();
                rows[i].path = rows[above].path.clone();
            }
        }
    }
    unsplit
}
