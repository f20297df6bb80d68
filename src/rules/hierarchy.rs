//! The sum structure of a table, built once: each row's children (its direct sub-rows), and
//! each total row's group (the rows it adds up, as `tables::structure` found them). A total
//! row is treated as the parent of its group, so sums, totals and root causes walk one tree.

use crate::tables::{RowKind, Table};

#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    /// Per row: the rows it adds up (children for data rows, the group for total rows).
    pub children: Vec<Vec<usize>>,
    /// Per row: the row that adds it up (its parent, or the total row over its group).
    pub up: Vec<Option<usize>>,
}

impl Hierarchy {
    /// Continuation lines (inherited codes) never add up.
    pub fn new(table: &Table) -> Hierarchy {
        let n = table.rows.len();
        let mut children = vec![Vec::new(); n];
        let mut up = vec![None; n];
        for (i, row) in table.rows.iter().enumerate() {
            if row.kind == RowKind::Data && !row.code_inherited {
                if let Some(p) = row.parent {
                    children[p].push(i);
                    up[i] = Some(p);
                }
            }
        }
        for total in &table.structure.totals {
            for &m in &total.members {
                if up[m].is_none() {
                    up[m] = Some(total.row);
                }
            }
            children[total.row] = total.members.clone();
        }
        Hierarchy { children, up }
    }

    /// Whether `row` is `ancestor` or lies below it.
    pub fn is_below(&self, row: usize, ancestor: usize) -> bool {
        let mut cur = Some(row);
        let mut steps = 0;
        while let Some(r) = cur {
            if r == ancestor {
                return true;
            }
            cur = self.up[r];
            steps += 1;
            if steps > self.up.len() {
                return false;
            }
        }
        false
    }
}
