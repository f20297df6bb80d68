//! Turns every formula cell of a workbook into a tree ready to evaluate: parses its text, or
//! moves its shared formula's master tree to it (one parse per group, see `shared`) and
//! writes the cell's own formula text back; reports what cannot be evaluated (a formula
//! that does not parse, an unsupported or volatile function) and marks such a cell as
//! keeping the file's value. Also reports a `#REF!` written inside a formula.
//!
//! Knows nothing of values or of the evaluation order.

use std::collections::HashMap;

use super::ast::{Callee, Expr};
use super::cell_findings::Site;
use super::error::ParseError;
use super::function::is_volatile;
use super::openformula::parse_openformula;
use super::parse::parse_formula;
use super::shared;
use crate::finding::{Finding, RuleId};
use crate::model::{CellAt, ErrorValue, NotRecomputed, SourceFormat, Workbook};

/// A formula cell, parsed.
pub struct Parsed {
    pub sheet: usize,
    pub at: CellAt,
    pub expr: Expr,
}

/// The workbook's formulas made ready: those to evaluate, and what was found on the way.
#[derive(Default)]
pub struct Prepared {
    pub parsed: Vec<Parsed>,
    pub findings: Vec<Finding>,
    /// Formula cells in the workbook.
    pub formulas: usize,
    /// Formula cells using a function renja does not evaluate.
    pub unsupported: usize,
}

/// Parses formula text in the dialect of the file (ODS OpenFormula or Excel A1).
pub fn parse_cell(format: SourceFormat, text: &str, max_depth: usize) -> Result<Expr, ParseError> {
    if format == SourceFormat::Ods || text.trim_start().starts_with("of:") {
        parse_openformula(text, max_depth)
    } else {
        parse_formula(text, max_depth)
    }
}

/// The first function the tree calls that renja does not evaluate.
fn unsupported_function(expr: &Expr) -> Option<String> {
    let mut found = None;
    expr.walk(&mut |e| {
        if let Expr::Call(Callee::Unsupported(name), _) = e {
            found.get_or_insert_with(|| name.clone());
        }
    });
    found
}

/// Whether the formula itself holds `#REF!` (`G40+G44+#REF!`): a row, column or sheet it
/// referred to was deleted.
fn holds_deleted_reference(expr: &Expr) -> bool {
    let mut found = false;
    expr.walk(&mut |e| found |= *e == Expr::Error(ErrorValue::Ref));
    found
}

pub fn site<'a>(workbook: &'a Workbook, sheet: usize, at: CellAt) -> Site<'a> {
    let s = &workbook.sheets[sheet];
    let formula = s.get(at).and_then(|c| c.formula.as_deref()).unwrap_or("");
    Site {
        sheet,
        sheet_name: &s.name,
        at,
        formula,
    }
}

/// Parses every formula cell; those that cannot be evaluated get their finding here.
pub fn parse_all(workbook: &mut Workbook, max_depth: usize) -> Prepared {
    let mut out = Prepared::default();
    let mut parsed = Vec::new();
    for sheet in 0..workbook.sheets.len() {
        let trees = parse_sheet(workbook, sheet, max_depth);
        let s = &mut workbook.sheets[sheet];
        for (at, tree) in &trees {
            if let (true, Some(cell), Ok(expr)) = (
                s.shared_formulas.contains_key(at),
                s.cells.get_mut(at),
                tree,
            ) {
                cell.formula = Some(expr.to_string());
            }
        }
        for (at, tree) in trees {
            out.formulas += 1;
            let kept = match tree {
                Ok(expr) => check_tree(workbook, sheet, at, expr, &mut out, &mut parsed),
                Err(e) => Some(report_unparsed(workbook, sheet, at, e, &mut out)),
            };
            if let Some(reason) = kept {
                workbook.sheets[sheet].not_recomputed.insert(at, reason);
            }
        }
    }
    out.parsed = parsed;
    out
}

/// Every formula of one sheet as a tree: a shared cell's is its master's, parsed once per
/// group and moved by the offset.
fn parse_sheet(
    workbook: &Workbook,
    sheet: usize,
    max_depth: usize,
) -> Vec<(CellAt, Result<Expr, ParseError>)> {
    let format = workbook.format;
    let s = &workbook.sheets[sheet];
    // Each master's tree, parsed when the first cell of its group comes by (a derived cell
    // holds its master's text until it is moved there).
    let mut masters: HashMap<CellAt, Option<Result<Expr, ParseError>>> =
        s.shared_formulas.values().map(|m| (*m, None)).collect();
    s.cells
        .iter()
        .filter_map(|(at, cell)| {
            let text = cell.formula.as_ref()?;
            let master = s.shared_formulas.get(at).copied().unwrap_or(*at);
            let Some(slot) = masters.get_mut(&master) else {
                return Some((*at, parse_cell(format, text, max_depth)));
            };
            let tree = slot.get_or_insert_with(|| parse_cell(format, text, max_depth));
            let tree = match tree {
                Ok(e) => Ok(shared::moved(e, master, *at)),
                Err(e) => Err(e.clone()),
            };
            Some((*at, tree))
        })
        .collect()
}

/// Queues a parsed tree for evaluation, or reports why it cannot be evaluated.
fn check_tree(
    workbook: &Workbook,
    sheet: usize,
    at: CellAt,
    expr: Expr,
    out: &mut Prepared,
    parsed: &mut Vec<Parsed>,
) -> Option<NotRecomputed> {
    let site = site(workbook, sheet, at);
    if holds_deleted_reference(&expr) {
        let message = site.message("formula.deleted-reference");
        out.findings
            .push(site.finding(RuleId::FormulaDeletedReference, message));
    }
    match unsupported_function(&expr) {
        Some(name) if is_volatile(&name) => {
            out.unsupported += 1;
            out.findings.push(site.not_checked(
                RuleId::FormulaUnsupported,
                "formula.volatile",
                ("function", name.clone()),
            ));
            Some(NotRecomputed::Volatile(name))
        }
        Some(name) => {
            out.unsupported += 1;
            out.findings.push(site.not_checked(
                RuleId::FormulaUnsupported,
                "formula.unsupported",
                ("function", name.clone()),
            ));
            Some(NotRecomputed::Unsupported(name))
        }
        None => {
            parsed.push(Parsed { sheet, at, expr });
            None
        }
    }
}

fn report_unparsed(
    workbook: &Workbook,
    sheet: usize,
    at: CellAt,
    error: ParseError,
    out: &mut Prepared,
) -> NotRecomputed {
    let site = site(workbook, sheet, at);
    match error {
        ParseError::TooDeep { limit } => {
            out.findings.push(site.not_checked(
                RuleId::FormulaTooDeep,
                "formula.too-deep",
                ("limit", limit.to_string()),
            ));
            NotRecomputed::NotEvaluated
        }
        ParseError::ArrayConstant => {
            out.unsupported += 1;
            out.findings.push(site.not_checked(
                RuleId::FormulaUnsupported,
                "formula.unsupported",
                ("function", "{…}".into()),
            ));
            NotRecomputed::Unsupported("{…}".into())
        }
        e => {
            out.findings.push(site.not_checked(
                RuleId::FormulaParse,
                "formula.parse",
                ("cause", e.to_string()),
            ));
            NotRecomputed::NotEvaluated
        }
    }
}
