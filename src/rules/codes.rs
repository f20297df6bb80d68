//! Code checks on a table's rows (warnings):
//!
//! - `code-malformed`: a code assembled from parts split over several columns
//!   (`5 | 03 | 02 | 01`) that is no budget code — the kegiatan class went missing when the
//!   code was split. Codes in one cell are checked by the normalise stage under the same id,
//!   and inherited codes are copies of a row checked already: neither is reported again here.
//!   A defective code whose sub-rows imply what it should be (`5 03 01 2.00` above
//!   `5.03.01.2.09.01` …) is reported with that code as the expected value; its sub-rows are
//!   then no orphans, and its sum is checked against them. When the normalise stage already
//!   said why the cell is no code, [`fold_implied_codes`] makes the two one finding.
//! - `code-orphan`: a kegiatan or sub kegiatan whose parent code has no row in the table, when
//!   the table does list rows of the parent's level — a kegiatan line deleted (its money then
//!   is missing from the program) or a code mistyped (`5.03.01.2.00` for `2.09`). Rows that
//!   list their ancestors in their own cells (the nomenclature's layout) are no orphans, nor
//!   are rows whose parent is in the table above that the list runs on from.
//! - `code-sub-width-unknown`: split codes whose sub kegiatan numbers are stored as numbers
//!   (`46`, leading zeros lost) in a table where nothing tells two digits (Permendagri
//!   90/2019) from four (Kepmendagri 900.1.15.5-1317/2023): read as two, reported once at the
//!   first such cell, so nobody takes `.46` for certain.
//! - `code-account-unsplit`: an account code written without dots (`41201012`) whose table has
//!   no parent row to tell its segments by (13/2006 and 90/2019 split the same digits
//!   differently): kept as written, reported once per table at the first such row.
//! - `code-duplicate`: the same code on two data rows that both carry money — a sub kegiatan
//!   pasted twice, counted twice in the kegiatan. Tabel 2.1 repeats a code for each indicator
//!   without money: not a finding.

use std::collections::{HashMap, HashSet};

use crate::codes::CodeLevel;
use crate::finding::{Figure, Finding, RuleId};
use crate::messages::{Arg, Message};
use crate::tables::{CodeSource, PathStep, SubKegiatanWidth};

use super::context::Ctx;

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let table = ctx.table;
    let code_col = table.code_col();
    let rows = || {
        table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_data() && !r.code_inherited)
    };
    for (i, row) in rows() {
        if row.code_source == CodeSource::Split && row.code.is_none() {
            let text = row.code_written.clone().unwrap_or_default();
            let message = Message::new("rule.code-malformed-split").arg("text", &text);
            out.push(
                ctx.finding(RuleId::CodeMalformed, i, code_col, message)
                    .with_figures(None, Some(Figure::Text(text)), None),
            );
        }
    }
    if let Some(SubKegiatanWidth::Unknown { row, col }) = table.sub_kegiatan_width {
        let code = table.rows[row].code.as_ref().map(|c| c.canonical());
        let message =
            Message::new("rule.code-sub-width-unknown").arg("code", code.as_deref().unwrap_or(""));
        out.push(
            ctx.finding(RuleId::CodeSubWidthUnknown, row, col, message)
                .with_figures(None, code.map(Figure::Text), None),
        );
    }
    if let Some(&first) = table.account_codes_unsplit.first() {
        let written = table.rows[first].code_written.clone().unwrap_or_default();
        let message = Message::new("rule.code-account-unsplit")
            .arg("code", &written)
            .arg("count", table.account_codes_unsplit.len());
        out.push(
            ctx.finding(RuleId::CodeAccountUnsplit, first, code_col, message)
                .with_figures(None, Some(Figure::Text(written)), None),
        );
    }
    for (i, row) in rows() {
        let Some(implied) = &row.implied_code else {
            continue;
        };
        let written = row.code_written.clone().unwrap_or_default();
        let message = Message::new("rule.code-implied")
            .arg("text", &written)
            .arg("code", implied.canonical());
        out.push(
            ctx.finding(RuleId::CodeMalformed, i, code_col, message)
                .with_figures(
                    Some(Figure::Text(implied.canonical())),
                    Some(Figure::Text(written)),
                    None,
                ),
        );
    }
    let codes: HashSet<String> = rows()
        .filter_map(|(_, r)| r.code.as_ref().map(|c| c.canonical()))
        .collect();
    let levels: HashSet<CodeLevel> = rows()
        .filter_map(|(_, r)| r.code.as_ref().map(|c| c.level()))
        .collect();
    for (i, row) in rows() {
        let Some(code) = &row.code else { continue };
        if row.code_source == CodeSource::Nested {
            continue;
        }
        if !matches!(code.level(), CodeLevel::Kegiatan | CodeLevel::SubKegiatan) {
            continue;
        }
        let Some(parent) = code.parent() else {
            continue;
        };
        let implied_by_parent = row
            .parent
            .and_then(|p| table.rows[p].implied_code.as_ref())
            .is_some_and(|implied| *implied == parent);
        // In row order, as `runs_on` finds them.
        let parent_above = table.structure.parent_above.binary_search(&i).is_ok();
        if levels.contains(&parent.level())
            && !codes.contains(&parent.canonical())
            && !implied_by_parent
            && !parent_above
        {
            let message = Message::new("rule.code-orphan")
                .arg("code", code.canonical())
                .arg("parent", parent.canonical())
                .arg("level", parent.level().name());
            out.push(
                ctx.finding(RuleId::CodeOrphan, i, code_col, message)
                    .with_figures(Some(Figure::Text(parent.canonical())), None, None),
            );
        }
    }
    let money: Vec<u32> = table.summed_columns().map(|c| c.col).collect();
    // Rows are the same when their whole paths are: account 5.1.02 under two sub kegiatan of
    // an LRA is two rows.
    let mut first: HashMap<&[PathStep], usize> = HashMap::new();
    for (i, row) in rows() {
        let Some(code) = &row.code else { continue };
        if !money.iter().any(|c| ctx.number(i, *c).is_some()) {
            continue;
        }
        match first.get(row.path.as_slice()) {
            Some(&f) => {
                let first_row = (table.rows[f].row + 1).to_string();
                let message = Message::new("rule.code-duplicate")
                    .arg("code", code.canonical())
                    .arg("first", &first_row);
                out.push(ctx.finding(RuleId::CodeDuplicate, i, code_col, message));
            }
            None => {
                first.insert(&row.path, i);
            }
        }
    }
}

/// One defect, one finding: a cell the normalise stage could not read as a code (`code.malformed`,
/// with why: "kegiatan number is zero") whose items below imply what it should be
/// (`rule.code-implied`, with that code expected) is said once, with both — the reason and the
/// implied code. Runs over all findings, since the two stages report apart.
pub fn fold_implied_codes(findings: &mut Vec<Finding>) {
    let mut folded = Vec::new();
    for i in 0..findings.len() {
        if findings[i].message.key != "rule.code-implied" {
            continue;
        }
        let (sheet, cell) = (findings[i].sheet, findings[i].cell);
        let Some(j) = findings.iter().position(|f| {
            f.rule == RuleId::CodeMalformed
                && f.message.key == "code.malformed"
                && f.sheet == sheet
                && f.cell == cell
        }) else {
            continue;
        };
        let Some(reason) = findings[j]
            .message
            .args
            .iter()
            .find_map(|(name, arg)| match arg {
                Arg::Nested(reason) if *name == "reason" => Some(reason.clone()),
                _ => None,
            })
        else {
            continue;
        };
        let implied = &mut findings[i];
        let mut message = Message::new("rule.code-implied-reason");
        message.args = std::mem::take(&mut implied.message.args);
        implied.message = message.arg_message("reason", reason);
        folded.push(j);
    }
    folded.sort_unstable();
    for j in folded.into_iter().rev() {
        findings.remove(j);
    }
}
