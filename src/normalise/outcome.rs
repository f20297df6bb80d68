//! What the normalise stage did, shared by the cell pass (mod.rs) and the column pass
//! (column_kind.rs), which both add to it.

use crate::finding::Finding;

/// What the pass did: its findings and how many texts it turned into exact values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NormaliseOutcome {
    pub findings: Vec<Finding>,
    /// Texts read as numbers.
    pub numbers: usize,
    /// Texts read as budget codes.
    pub codes: usize,
    /// Dashes read as nil (0).
    pub nils: usize,
}
