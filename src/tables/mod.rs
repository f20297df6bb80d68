//! Finds the tables on each sheet of a normalised workbook and says what they are: the header
//! block, each column's role (kode, uraian, pagu, realisasi, %, sisa …) and year, the
//! numbering row and the column rules it states (`8=(7/6)`), and each row's kind, budget code
//! and parent in the code (or numbering) hierarchy.
//!
//! Knows nothing of what is right or wrong in a table: that is `rules/`. Reads only the model,
//! asking `codes` what a cell's text is as a code and `vocabulary` what a header's words mean;
//! runs after `normalise` (numbers are `Decimal`, codes parsed) and after `formula`.
//!
//! How detection works, in one pass per sheet:
//! 1. a header starts at a row of text cells naming at least two different column roles
//!    ([`crate::vocabulary`]), with no code and no large number in it; up to three more text rows
//!    belong to the block, then an optional numbering row;
//! 2. column roles come from the header words of each column, merged cells and group headers
//!    (`REALISASI KEUANGAN` over `(Rp)` and `(%)`) spread over the columns they cover;
//! 3. rows follow until a blank row not followed by more of the table, a paragraph, or another
//!    table's header; the same header again (a new printed page) is a repeated header.
//!
//! The files, each importing only those below it: `detect` (the driver) › `header`,
//! `code_columns`, `rows`, `runs_on` › `accounts` › `lines` (what they share) › `table` (the
//! types), `numbering`.

mod accounts;
mod certainty;
mod code_columns;
mod detect;
pub mod figures;
mod header;
pub mod kinds;
mod layout;
mod lines;
mod numbering;
pub mod organisation;
mod parents;
mod row_codes;
mod rows;
mod runs_on;
mod structure;
mod table;
#[cfg(test)]
pub mod testing;

pub use crate::vocabulary::ColumnRole;
pub use certainty::{Doubt, Evidence, RunsOn, Structure, TotalGroup};
pub use detect::detect_tables;
pub use kinds::TableKind;
pub use numbering::{parse_expr, parse_numbering_cell, EvalError, Quantity, RuleExpr};
pub use parents::is_ancestor;
pub use table::{
    CodeSource, Column, ColumnRule, Entry, PathStep, RowKind, RuleSource, StepCode,
    SubKegiatanWidth, Table, TableRow,
};
