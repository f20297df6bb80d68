//! The arithmetic checks on detected tables. Each rule is a small module that pushes
//! [`Finding`]s; a wrong total is data, never an `Err`. Every finding names the sheet, the cell
//! (by position), the row's canonical code, the column role, and expected / actual / difference
//! (actual − expected) as exact decimals. Arithmetic on the file's figures is checked: a
//! relation whose sum or difference is past what a `Decimal` holds cannot be checked and gives
//! no finding.
//!
//! Knows nothing of how tables are found (that is `tables/`) nor of formulas; root causes are
//! linked afterwards by [`root_cause::link_causes`], once formula findings are in.

mod codes;
mod column_rule;
mod context;
pub mod cross_file;
mod cross_table;
mod difference;
mod hierarchy;
pub mod official;
mod placement;
mod precision;
mod ratio;
pub mod root_cause;
mod sums;

use crate::finding::{dedupe_ids, Finding, Reconciled};
use crate::model::Workbook;
use crate::tables::Table;
use context::Ctx;

pub use codes::fold_implied_codes;
pub use cross_table::file_figures;
pub use hierarchy::Hierarchy;
pub use placement::place_in_rows;
pub use root_cause::link_causes;

/// What the table rules found: the findings, and the reconciliation across tables.
pub struct TableChecks {
    pub findings: Vec<Finding>,
    /// Every figure two or more tables carry, side by side.
    pub reconciliation: Vec<Reconciled>,
}

/// Runs every table rule over every table, then reconciles the tables with each other.
pub fn check_tables(workbook: &Workbook, tables: &[Table]) -> TableChecks {
    let mut out = Vec::new();
    for table in tables {
        let Some(sheet) = workbook.sheets.get(table.sheet) else {
            continue;
        };
        let ctx = Ctx::new(sheet, table);
        sums::check_sums(&ctx, &mut out);
        sums::check_totals(&ctx, &mut out);
        difference::check(&ctx, &mut out);
        ratio::check(&ctx, &mut out);
        column_rule::check(&ctx, &mut out);
        codes::check(&ctx, &mut out);
    }
    let reconciliation = cross_table::check(workbook, tables, &mut out);
    dedupe_ids(&mut out);
    TableChecks {
        findings: out,
        reconciliation,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
