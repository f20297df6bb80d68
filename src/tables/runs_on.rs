//! A list that runs on under a header worded anew: a new page typed again (`Kode | Uraian |
//! Pagu (Rp)` above, `Kode Rekening | Nama Program/Kegiatan | Pagu Indikatif (Rp) | Keterangan`
//! below) is two tables to detection, which only joins a header repeated word for word. When
//! the next table's rows go on under the last open branch of the one above (kegiatan
//! 5.03.01.2.01 above the break, its sub kegiatan .02 below it), the parents of that branch
//! cannot be added up in either table: marked here, so the rules check neither their sums nor
//! call the rows below orphans. Knows nothing of what the figures are.

use crate::model::CellAt;

use super::certainty::RunsOn;
use super::table::Table;

/// Links each table of one sheet (top to bottom) with the next where the list runs on.
pub(super) fn link(tables: &mut [Table]) {
    for k in 1..tables.len() {
        let (above, below) = tables.split_at_mut(k);
        link_pair(&mut above[k - 1], &mut below[0]);
    }
}

fn link_pair(above: &mut Table, below: &mut Table) {
    // The open branch: the last coded row of the table above and its ancestors there.
    let Some(last) = above
        .rows
        .iter()
        .rposition(|r| r.is_data() && r.code.is_some())
    else {
        return;
    };
    let mut open = vec![last];
    let mut step = last;
    while let Some(parent) = above.rows[step].parent {
        if open.contains(&parent) {
            break;
        }
        open.push(parent);
        step = parent;
    }
    let listed_above = |code| above.rows.iter().any(|r| r.code.as_ref() == Some(code));
    let Some(first) = below.rows.iter().find(|r| r.is_data() && r.code.is_some()) else {
        return;
    };
    // A table that lists a code the one above has (the same programs in another table of
    // the document) starts anew; it does not run on.
    if first.code.as_ref().is_some_and(listed_above) {
        return;
    }
    let code_col = below.code_col();
    let mut rows: Vec<usize> = Vec::new();
    let mut at = None;
    for (i, row) in below.rows.iter().enumerate() {
        let Some(code) = &row.code else { continue };
        if !row.is_data() || row.parent.is_some() || row.code_inherited {
            continue;
        }
        let ancestors: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&o| {
                above.rows[o]
                    .code
                    .as_ref()
                    .is_some_and(|a| a != code && a.contains(code))
            })
            .collect();
        if ancestors.is_empty() {
            continue;
        }
        below.structure.parent_above.push(i);
        at.get_or_insert(CellAt::new(row.row, code_col));
        for o in ancestors {
            if !rows.contains(&o) {
                rows.push(o);
            }
        }
    }
    if let Some(at) = at {
        rows.sort_unstable();
        above.structure.runs_on = Some(RunsOn { rows, at });
    }
}
