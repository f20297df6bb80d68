//! Dependency order of a workbook's formula cells, and the cycles among them.
//!
//! Tarjan's strongly-connected components with an explicit stack (no recursion), so a
//! 100 000-cell chain `A2=A1+1, A3=A2+1, …` is ordered without touching the Rust stack.
//! Components come out dependencies first, which is the evaluation order.
//!
//! Knows nothing of values: only which cells each formula reads, through its references and
//! the defined names it uses.

use std::collections::{BTreeMap, HashSet};

use super::ast::{Area, Expr};
use super::names::Names;
use crate::model::{CellAt, Workbook, MAX_COL, MAX_ROW};

/// A formula cell to evaluate.
pub struct Node<'e> {
    pub sheet: usize,
    pub at: CellAt,
    pub expr: &'e Expr,
}

/// One step of the evaluation order.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Evaluate this node; everything it reads is already done.
    Evaluate(usize),
    /// These nodes reference each other (or one references itself).
    Cycle(Vec<usize>),
}

/// Orders `nodes` for evaluation.
pub fn order(
    workbook: &Workbook,
    nodes: &[Node],
    names: &Names,
    extents: &[Option<CellAt>],
) -> Vec<Step> {
    let mut index: Vec<BTreeMap<CellAt, usize>> = vec![BTreeMap::new(); workbook.sheets.len()];
    for (i, n) in nodes.iter().enumerate() {
        index[n.sheet].insert(n.at, i);
    }
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| dependencies(workbook, n, names, extents, &index))
        .collect();
    tarjan(&edges)
}

/// The formula nodes a node reads, through references and defined names.
fn dependencies(
    workbook: &Workbook,
    node: &Node,
    names: &Names,
    extents: &[Option<CellAt>],
    index: &[BTreeMap<CellAt, usize>],
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen_names = HashSet::new();
    let mut pending = vec![node.expr];
    while let Some(expr) = pending.pop() {
        expr.walk(&mut |e| match e {
            Expr::Ref(r) => {
                let sheet = match &r.sheet {
                    None => Some(node.sheet),
                    Some(name) => workbook.sheet_index(name),
                };
                if let Some(sheet) = sheet {
                    let extent = extents
                        .get(sheet)
                        .copied()
                        .flatten()
                        .unwrap_or(CellAt::new(0, 0));
                    let (start, end) = corners(r.area, extent);
                    collect(&index[sheet], start, end, &mut out);
                }
            }
            Expr::Name(n) => {
                if let Some(target) = names.get(node.sheet, n) {
                    if seen_names.insert(n.to_ascii_uppercase()) {
                        pending.push(target);
                    }
                }
            }
            _ => {}
        });
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn corners(area: Area, extent: CellAt) -> (CellAt, CellAt) {
    let (a, b) = match area {
        Area::Cell(c) => ((c.row, c.col), (c.row, c.col)),
        Area::Range(x, y) => ((x.row, x.col), (y.row, y.col)),
        Area::Columns((x, _), (y, _)) => ((0, x), (extent.row.min(MAX_ROW), y)),
        Area::Rows((x, _), (y, _)) => ((x, 0), (y, extent.col.min(MAX_COL))),
    };
    (
        CellAt::new(a.0.min(b.0), a.1.min(b.1)),
        CellAt::new(a.0.max(b.0), a.1.max(b.1)),
    )
}

fn collect(index: &BTreeMap<CellAt, usize>, start: CellAt, end: CellAt, out: &mut Vec<usize>) {
    if start == end {
        out.extend(index.get(&start));
        return;
    }
    let cols = start.col..=end.col;
    out.extend(
        index
            .range(start..=end)
            .filter(|(at, _)| cols.contains(&at.col))
            .map(|(_, i)| *i),
    );
}

const UNVISITED: usize = usize::MAX;

/// Iterative Tarjan: strongly-connected components, dependencies before dependants.
fn tarjan(edges: &[Vec<usize>]) -> Vec<Step> {
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next_index = 0;
    let mut steps = Vec::with_capacity(n);
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        calls.push((root, 0));
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if *edge == 0 && index[v] == UNVISITED {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNVISITED {
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() == 1 && !edges[v].contains(&v) {
                    steps.push(Step::Evaluate(v));
                } else {
                    component.sort_unstable();
                    steps.push(Step::Cycle(component));
                }
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_dependencies_first_and_finds_cycles() {
        // 0 reads 1, 1 reads 2; 3 and 4 read each other; 5 reads itself.
        let edges = vec![vec![1], vec![2], vec![], vec![4], vec![3], vec![5]];
        let steps = tarjan(&edges);
        assert_eq!(
            steps,
            vec![
                Step::Evaluate(2),
                Step::Evaluate(1),
                Step::Evaluate(0),
                Step::Cycle(vec![3, 4]),
                Step::Cycle(vec![5]),
            ]
        );
    }

    #[test]
    fn long_chain_needs_no_recursion() {
        let edges: Vec<Vec<usize>> = (0..200_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let steps = tarjan(&edges);
        assert_eq!(steps.len(), 200_000);
        assert_eq!(steps[0], Step::Evaluate(0));
    }
}
