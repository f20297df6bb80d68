//! The formula engine: parses every formula of a workbook (Excel A1 text or ODS
//! OpenFormula), recomputes it over exact decimals in dependency order, and reports where
//! the file's cached values are wrong.
//!
//! Owns `formula-*` findings. Knows nothing of Renja tables or file formats: it writes each
//! formula cell's `value`, a shared formula cell's own text, and which cells keep the file's
//! value and why (`Sheet::not_recomputed`).
//!
//! Text becomes a tree in `lex` → `parse` (`openformula` first turns ODS text into Excel
//! text), calls resolved against the table in `function`; `prepare` does that for every cell,
//! moving a shared formula's master tree to its other cells (`shared`). `names` resolves
//! defined names by scope, `deps` orders the cells, `eval` computes each one in the locale
//! the file's cached values confirm (`value::Locale`), calling the worksheet functions of
//! `library` (which see the evaluator only through `context::Context`); `cell_findings` words
//! what was found in a cell and `workbook_notes` what holds for the whole workbook.

pub mod ast;
mod cell_findings;
pub mod context;
mod deps;
pub mod error;
pub mod eval;
pub mod function;
pub mod lex;
mod library;
pub mod names;
pub mod openformula;
pub mod operand;
pub mod parse;
mod prepare;
mod shared;
pub mod trace;
pub mod value;
mod workbook_notes;

use rust_decimal::Decimal;

use crate::finding::{Finding, RuleId};
use crate::model::{CellAt, NotRecomputed, Value, Workbook};

pub use ast::Expr;
pub use error::ParseError;
pub use function::Function;
pub use openformula::parse_openformula;
pub use parse::parse_formula;
pub use shared::is_moved_copy;

use deps::{Node, Step};
use eval::Evaluator;
use names::Names;
use prepare::{parse_all, parse_cell, site};
use trace::Trace;
use value::Locale;
use workbook_notes::WorkbookNotes;

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

fn recompute_here(workbook: &mut Workbook, limits: &FormulaLimits) -> FormulaOutcome {
    let mut out = FormulaOutcome::default();
    let format = workbook.format;
    let names = Names::new(workbook, |text| {
        parse_cell(format, text, limits.max_depth).ok()
    });
    let extents: Vec<Option<CellAt>> = workbook.sheets.iter().map(|s| s.extent()).collect();
    let prepared = parse_all(workbook, limits.max_depth);
    out.findings = prepared.findings;
    out.formulas = prepared.formulas;
    out.unsupported = prepared.unsupported;
    let parsed = prepared.parsed;
    let nodes: Vec<Node> = parsed
        .iter()
        .map(|p| Node {
            sheet: p.sheet,
            at: p.at,
            expr: &p.expr,
        })
        .collect();
    let steps = deps::order(workbook, &nodes, &names, &extents);
    let mut seen = WorkbookNotes::default();
    for step in steps {
        match step {
            Step::Evaluate(i) => {
                let context = (&names, extents.as_slice(), limits);
                evaluate(workbook, &nodes[i], context, &mut seen, &mut out)
            }
            Step::Cycle(members) => report_cycle(workbook, &nodes, &members, &mut out),
        }
    }
    out.findings.extend(seen.findings(workbook));
    out
}

fn report_cycle(
    workbook: &mut Workbook,
    nodes: &[Node],
    members: &[usize],
    out: &mut FormulaOutcome,
) {
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
    for &i in members {
        workbook.sheets[nodes[i].sheet]
            .not_recomputed
            .insert(nodes[i].at, NotRecomputed::Cycle);
    }
}

/// What evaluating a cell needs besides the cell: names, sheet extents, limits.
type EvalContext<'n> = (&'n Names, &'n [Option<CellAt>], &'n FormulaLimits);

fn evaluate(
    workbook: &mut Workbook,
    node: &Node,
    context: EvalContext<'_>,
    seen: &mut WorkbookNotes,
    out: &mut FormulaOutcome,
) {
    let limits = context.2;
    let cached = workbook.sheets[node.sheet]
        .get(node.at)
        .and_then(|c| c.cached.clone());
    let (value, trace, with_text) =
        evaluate_in_locale(workbook, node, context, cached.as_ref(), seen);
    let wb: &Workbook = workbook;
    let site = site(wb, node.sheet, node.at);
    let kept = if let Some(name) = &trace.unsupported {
        out.unsupported += 1;
        out.findings.push(site.not_checked(
            RuleId::FormulaUnsupported,
            "formula.unsupported",
            ("function", name.clone()),
        ));
        Some(NotRecomputed::Unsupported(name.clone()))
    } else if let Some(index) = &trace.other_workbook {
        // The other workbook's cells are not here: the file's value stands, unchecked but
        // not suspect. One note for the whole workbook says which files it depends on.
        seen.other_workbooks
            .push((node.sheet, node.at, index.clone()));
        Some(NotRecomputed::OtherWorkbook)
    } else if trace.too_deep {
        out.findings.push(site.not_checked(
            RuleId::FormulaTooDeep,
            "formula.too-deep",
            ("limit", limits.max_depth.to_string()),
        ));
        Some(NotRecomputed::NotEvaluated)
    } else if trace.too_large {
        let message = site
            .message("formula.too-large")
            .arg_number("limit", trace::MAX_ARRAY_CELLS.into());
        out.findings
            .push(site.finding(RuleId::FormulaTooLarge, message));
        Some(NotRecomputed::NotEvaluated)
    } else {
        None
    };
    if let Some(reason) = kept {
        workbook.sheets[node.sheet]
            .not_recomputed
            .insert(node.at, reason);
        return;
    }
    out.recomputed += 1;
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

/// How text met on the way is read: the locale's conventions, and whether a number typed as
/// text that a formula reads by itself is the number renja read rather than Excel's text.
#[derive(Clone, Copy)]
struct Reading {
    locale: Locale,
    text_numbers_as_read: bool,
}

/// Evaluates as an Indonesian Excel would, and where text read or written on the way makes
/// the result depend on how the Excel that saved the file reads text, tries the other
/// readings the file's cached value may confirm: the English locale (`"1.745"` is 1,745
/// there), then a number typed as text read the way renja reads it (`Rp. 17.919.000,00`,
/// which some Excel setups accept). The first reading the cache confirms is taken; without
/// a cache, or when none agrees, the Indonesian one stands.
fn evaluate_in_locale(
    workbook: &Workbook,
    node: &Node,
    context: EvalContext<'_>,
    cached: Option<&Value>,
    seen: &mut WorkbookNotes,
) -> (Value, Trace, Option<Value>) {
    let indonesian = Reading {
        locale: Locale::Indonesian,
        text_numbers_as_read: false,
    };
    let first = evaluate_twice(workbook, node, context, indonesian);
    let (sensitive, typed_text) = (first.1.locale_sensitive, first.1.typed_text_number);
    if !sensitive && !typed_text {
        return first;
    }
    let place = (node.sheet, node.at);
    let Some(cached) = cached else {
        if sensitive {
            seen.locale_unknown.push(place);
        }
        return first;
    };
    if value::agrees(cached, &first.0, first.1.magnitude) {
        if sensitive {
            seen.locale_confirmed.push((place, Locale::Indonesian));
        }
        return first;
    }
    let mut others = Vec::new();
    if sensitive {
        others.push(Reading {
            locale: Locale::English,
            text_numbers_as_read: false,
        });
    }
    if typed_text {
        others.push(Reading {
            text_numbers_as_read: true,
            ..indonesian
        });
    }
    for reading in others {
        let other = evaluate_twice(workbook, node, context, reading);
        if value::agrees(cached, &other.0, other.1.magnitude) {
            if !reading.text_numbers_as_read {
                seen.locale_confirmed.push((place, reading.locale));
            }
            return other;
        }
    }
    first
}

/// The cell's value as Excel computes it, what the evaluation noticed, and, where numbers
/// typed as text were skipped, the value counting them (what the author meant).
fn evaluate_twice(
    workbook: &Workbook,
    node: &Node,
    (names, extents, limits): EvalContext<'_>,
    reading: Reading,
) -> (Value, Trace, Option<Value>) {
    let mut ev = Evaluator::new(workbook, names, extents, limits.max_depth);
    ev.locale = reading.locale;
    ev.text_numbers_as_read = reading.text_numbers_as_read;
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
