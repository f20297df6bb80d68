//! The formula engine: parses every formula of a workbook (Excel A1 text or ODS
//! OpenFormula), recomputes it over exact decimals in dependency order, and reports where
//! the file's cached values are wrong.
//!
//! Owns `formula-*` findings. Knows nothing of Renja tables or file formats: it reads and
//! writes `Cell::value` only.
//!
//! Text becomes a tree in `lex` → `parse` (`openformula` first turns ODS text into Excel
//! text), calls resolved against the table in `function`. `deps` orders the cells, `eval`
//! computes each one, calling the worksheet functions of `library` (which see the evaluator
//! only through `context::Context`), and `cell_findings` words what was found.

pub mod ast;
mod cell_findings;
pub mod context;
mod deps;
pub mod error;
pub mod eval;
pub mod function;
pub mod lex;
mod library;
pub mod openformula;
pub mod operand;
pub mod parse;
pub mod trace;
pub mod value;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::model::{CellAt, SourceFormat, Value, Workbook};

pub use ast::Expr;
pub use error::ParseError;
pub use function::Function;
pub use openformula::parse_openformula;
pub use parse::parse_formula;

use ast::Callee;
use cell_findings::Site;
use deps::{Node, Step};
use eval::Evaluator;
use trace::Trace;

/// Bounds that keep a hostile or generated workbook from exhausting the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormulaLimits {
    /// Deepest nesting of a formula (parentheses, function calls, operator chains and
    /// defined names), past which the cell is reported as `formula-too-deep`.
    pub max_depth: usize,
}

impl Default for FormulaLimits {
    fn default() -> Self {
        FormulaLimits { max_depth: 256 }
    }
}

/// What recomputing a workbook found.
#[derive(Clone, Debug, Default)]
pub struct FormulaOutcome {
    pub findings: Vec<Finding>,
    /// Formula cells in the workbook.
    pub formulas: usize,
    /// Formula cells evaluated (the others keep their cached value, with a finding saying why).
    pub recomputed: usize,
    /// Formula cells using a function renja does not evaluate.
    pub unsupported: usize,
    /// Cells whose recomputed value differs from the cached one (or had none).
    pub changed: Vec<ChangedCell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChangedCell {
    pub sheet: usize,
    pub at: CellAt,
    pub cached: Option<Value>,
    pub recomputed: Value,
}

/// Stack for the evaluation thread: the tree depth is bounded by [`FormulaLimits`], and this
/// leaves room for it in debug builds too, whatever stack the caller's thread has.
const EVAL_STACK: usize = 64 * 1024 * 1024;

/// Recomputes every formula cell of `workbook`, replacing each one's `value` with the
/// recomputed result (cells renja cannot evaluate keep their cached value).
pub fn recompute(workbook: &mut Workbook, limits: &FormulaLimits) -> FormulaOutcome {
    let run = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("renja-formula".into())
            .stack_size(EVAL_STACK)
            .spawn_scoped(scope, || recompute_here(workbook, limits));
        match spawned {
            Ok(handle) => Some(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            ),
            Err(_) => None,
        }
    });
    match run {
        Some(outcome) => outcome,
        // No thread could be started: run on the caller's stack.
        None => recompute_here(workbook, limits),
    }
}

/// A formula cell, parsed.
struct Parsed {
    sheet: usize,
    at: CellAt,
    expr: Expr,
}

fn parse_cell(
    format: SourceFormat,
    text: &str,
    limits: &FormulaLimits,
) -> Result<Expr, ParseError> {
    if format == SourceFormat::Ods || text.trim_start().starts_with("of:") {
        parse_openformula(text, limits.max_depth)
    } else {
        parse_formula(text, limits.max_depth)
    }
}

fn unsupported_function(expr: &Expr) -> Option<String> {
    let mut found = None;
    expr.walk(&mut |e| {
        if let Expr::Call(Callee::Unsupported(name), _) = e {
            found.get_or_insert_with(|| name.clone());
        }
    });
    found
}

fn defined_names(workbook: &Workbook, limits: &FormulaLimits) -> HashMap<String, Expr> {
    workbook
        .defined_names
        .iter()
        .filter_map(|n| {
            let expr = parse_cell(workbook.format, &n.formula, limits).ok()?;
            Some((n.name.to_ascii_uppercase(), expr))
        })
        .collect()
}

fn site<'a>(workbook: &'a Workbook, sheet: usize, at: CellAt) -> Site<'a> {
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
fn parse_all(workbook: &Workbook, limits: &FormulaLimits, out: &mut FormulaOutcome) -> Vec<Parsed> {
    let mut parsed = Vec::new();
    for (sheet, s) in workbook.sheets.iter().enumerate() {
        for (at, cell) in &s.cells {
            let Some(text) = &cell.formula else { continue };
            out.formulas += 1;
            let site = site(workbook, sheet, *at);
            match parse_cell(workbook.format, text, limits) {
                Ok(expr) => match unsupported_function(&expr) {
                    Some(name) => {
                        out.unsupported += 1;
                        out.findings.push(site.not_checked(
                            RuleId::FormulaUnsupported,
                            "formula.unsupported",
                            ("function", name),
                        ));
                    }
                    None => parsed.push(Parsed {
                        sheet,
                        at: *at,
                        expr,
                    }),
                },
                Err(ParseError::TooDeep { limit }) => out.findings.push(site.not_checked(
                    RuleId::FormulaTooDeep,
                    "formula.too-deep",
                    ("limit", limit.to_string()),
                )),
                Err(ParseError::ArrayConstant) => {
                    out.unsupported += 1;
                    out.findings.push(site.not_checked(
                        RuleId::FormulaUnsupported,
                        "formula.unsupported",
                        ("function", "{…}".into()),
                    ));
                }
                Err(e) => out.findings.push(site.not_checked(
                    RuleId::FormulaParse,
                    "formula.parse",
                    ("cause", e.to_string()),
                )),
            }
        }
    }
    parsed
}

fn recompute_here(workbook: &mut Workbook, limits: &FormulaLimits) -> FormulaOutcome {
    let mut out = FormulaOutcome::default();
    let names = defined_names(workbook, limits);
    let extents: Vec<Option<CellAt>> = workbook.sheets.iter().map(|s| s.extent()).collect();
    let parsed = parse_all(workbook, limits, &mut out);
    let nodes: Vec<Node> = parsed
        .iter()
        .map(|p| Node {
            sheet: p.sheet,
            at: p.at,
            expr: &p.expr,
        })
        .collect();
    let steps = deps::order(workbook, &nodes, &names, &extents);
    for step in steps {
        match step {
            Step::Evaluate(i) => evaluate(workbook, &nodes[i], &names, &extents, limits, &mut out),
            Step::Cycle(members) => report_cycle(workbook, &nodes, &members, &mut out),
        }
    }
    out
}

fn report_cycle(workbook: &Workbook, nodes: &[Node], members: &[usize], out: &mut FormulaOutcome) {
    const LISTED: usize = 10;
    let mut cells: Vec<String> = members
        .iter()
        .take(LISTED)
        .map(|&i| {
            format!(
                "{}!{}",
                workbook.sheets[nodes[i].sheet].name,
                nodes[i].at.a1()
            )
        })
        .collect();
    if members.len() > LISTED {
        cells.push(format!("… +{}", members.len() - LISTED));
    }
    let cells = cells.join(", ");
    for &i in members {
        let site = site(workbook, nodes[i].sheet, nodes[i].at);
        out.findings.push(site.not_checked(
            RuleId::FormulaCycle,
            "formula.cycle",
            ("cells", cells.clone()),
        ));
    }
}

fn evaluate(
    workbook: &mut Workbook,
    node: &Node,
    names: &HashMap<String, Expr>,
    extents: &[Option<CellAt>],
    limits: &FormulaLimits,
    out: &mut FormulaOutcome,
) {
    let (value, trace, with_text) = evaluate_twice(workbook, node, names, extents, limits);
    let wb: &Workbook = workbook;
    let site = site(wb, node.sheet, node.at);
    if let Some(name) = &trace.unsupported {
        out.unsupported += 1;
        out.findings.push(site.not_checked(
            RuleId::FormulaUnsupported,
            "formula.unsupported",
            ("function", name.clone()),
        ));
        return;
    }
    if trace.too_deep {
        out.findings.push(site.not_checked(
            RuleId::FormulaTooDeep,
            "formula.too-deep",
            ("limit", limits.max_depth.to_string()),
        ));
        return;
    }
    if trace.too_large {
        let message = site
            .message("formula.too-large")
            .arg_number("limit", trace::MAX_ARRAY_CELLS.into());
        out.findings
            .push(site.finding(RuleId::FormulaTooLarge, message));
        return;
    }
    out.recomputed += 1;
    let cached = wb.sheets[node.sheet]
        .get(node.at)
        .and_then(|c| c.cached.clone());
    out.findings.extend(cell_findings::compare(
        &site,
        wb,
        cached.as_ref(),
        &value,
        &trace,
    ));
    out.findings.extend(cell_findings::masks(&site, &trace));
    if let Some(with_text) = &with_text {
        out.findings.extend(cell_findings::text_ignored(
            &site,
            trace.skipped_text_numbers,
            with_text,
            &value,
        ));
    }
    store(workbook, node, cached, value, trace.magnitude, out);
}

/// The cell's value as Excel computes it, what the evaluation noticed, and, where numbers
/// typed as text were skipped, the value counting them (what the author meant).
fn evaluate_twice(
    workbook: &Workbook,
    node: &Node,
    names: &HashMap<String, Expr>,
    extents: &[Option<CellAt>],
    limits: &FormulaLimits,
) -> (Value, Trace, Option<Value>) {
    let mut ev = Evaluator::new(workbook, names, extents, limits.max_depth);
    let value = ev.eval_cell(node.sheet, node.at, node.expr);
    let trace = std::mem::take(&mut ev.trace);
    let with_text = (trace.skipped_text_numbers > 0 && trace.unsupported.is_none()).then(|| {
        ev.count_text_numbers = true;
        ev.eval_cell(node.sheet, node.at, node.expr)
    });
    (value, trace, with_text)
}

/// Puts the recomputed value in the cell, noting it as changed where the cached one does
/// not agree with it (or there was none).
fn store(
    workbook: &mut Workbook,
    node: &Node,
    cached: Option<Value>,
    value: Value,
    magnitude: Decimal,
    out: &mut FormulaOutcome,
) {
    if cached
        .as_ref()
        .is_none_or(|c| !value::agrees(c, &value, magnitude))
    {
        out.changed.push(ChangedCell {
            sheet: node.sheet,
            at: node.at,
            cached,
            recomputed: value.clone(),
        });
    }
    if let Some(cell) = workbook.sheets[node.sheet].cells.get_mut(&node.at) {
        cell.value = value;
    }
}
