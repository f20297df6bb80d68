//! Where a finding sits in the tables: the table and row that hold its cell. Root-cause
//! linking asks it to relate findings, and [`place_in_rows`] to give each finding its row.

use crate::finding::Finding;
use crate::model::CellAt;
use crate::tables::Table;

/// The table (index into `tables`) and row (index into its rows) holding `at` on `sheet`.
pub(crate) fn locate(tables: &[Table], sheet: usize, at: CellAt) -> Option<(usize, usize)> {
    tables.iter().enumerate().find_map(|(t, table)| {
        if table.sheet != sheet || !table.range.contains(at) {
            return None;
        }
        // Rows are in sheet order: a binary search keeps callers linear in findings.
        let row = table.rows.binary_search_by_key(&at.row, |r| r.row).ok()?;
        Some((t, row))
    })
}

/// Gives each finding whose cell sits in a table row that row's uraian, and its budget code
/// and column role where the rule that made it did not know them (a formula finding knows
/// only its cell). Done after root-cause linking, so linking sees the rules' own data.
pub fn place_in_rows(findings: &mut [Finding], tables: &[Table]) {
    for finding in findings.iter_mut() {
        let Some((t, index)) = locate(tables, finding.sheet, finding.cell) else {
            continue;
        };
        let table = &tables[t];
        let row = &table.rows[index];
        if finding.uraian.is_none() {
            finding.uraian = row.uraian.clone().filter(|u| !u.trim().is_empty());
        }
        if finding.row_code.is_none() {
            finding.row_code = row.code.as_ref().map(|c| c.canonical());
        }
        if finding.column.is_none() {
            finding.column = table
                .columns
                .iter()
                .find(|c| c.col == finding.cell.col)
                .map(|c| c.role.as_str().to_string());
        }
    }
}
