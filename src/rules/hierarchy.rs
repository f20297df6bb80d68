//! The sum structure of a table, built once: each row's children (its direct sub-rows), and
//! each total row's group (the top-level rows it adds up). A total row is treated as the parent
//! of its group, so sums, totals and root causes walk one tree.

use crate::tables::{RowKind, Table};

#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    /// Per row: the rows it adds up (children for data rows, the group for total rows).
    pub children: Vec<Vec<usize>>,
    /// Per row: the row that adds it up (its parent, or the total row over its group).
    pub up: Vec<Option<usize>>,
}

impl Hierarchy {
    /// A total row adds up the top-level data rows since the previous total row; a total
    /// right after another total (`Jumlah Total` after `Sub Total`s) adds up every top-level
    /// row above it. Continuation lines (inherited codes) never add up.
    pub fn new(table: &Table) -> Hierarchy {
        let n = table.rows.len();
        let mut children = vec![Vec::new(); n];
        let mut up = vec![None; n];
        let mut segment: Vec<usize> = Vec::new();
        let mut all_top: Vec<usize> = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            match row.kind {
                RowKind::Data if !row.code_inherited => match row.parent {
                    Some(p) => {
                        children[p].push(i);
                        up[i] = Some(p);
                    }
                    None => {
                        segment.push(i);
                        all_top.push(i);
                    }
                },
                RowKind::Total => {
                    let group = if segment.is_empty() {
                        all_top.clone()
                    } else {
                        std::mem::take(&mut segment)
                    };
                    for &g in &group {
                        if up[g].is_none() {
                            up[g] = Some(i);
                        }
                    }
                    children[i] = group;
                }
                _ => {}
            }
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
