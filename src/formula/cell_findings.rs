//! Turns what the recomputation saw in one cell into findings: wrong cached values, error
//! values and where they came from, hidden divisions by zero, numbers typed as text that
//! SUM skipped, and formulas renja could not check.
//!
//! Owns the wording of those findings (message keys and their arguments). Knows nothing of
//! how a value was computed: it reads the cell, the recomputed value and the [`Trace`].

use super::trace::{Mask, Trace};
use super::value::{agrees, plain, round_significant, same_result};
use crate::finding::{Figure, Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Value, Workbook};

/// The cell a finding is about.
pub struct Site<'a> {
    pub sheet: usize,
    pub sheet_name: &'a str,
    pub at: CellAt,
    pub formula: &'a str,
}

impl Site<'_> {
    /// The formula as shown in messages, cut short when a generated one runs on.
    fn formula_text(&self) -> String {
        const SHOWN: usize = 120;
        // Messages print `={formula}`: drop an ODS `of:=` or a stray `=` of our own.
        let text = self.formula.trim_start();
        let text = text.strip_prefix("of:").unwrap_or(text);
        let text = text.strip_prefix('=').unwrap_or(text);
        match text.char_indices().nth(SHOWN) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text.to_string(),
        }
    }

    pub fn message(&self, key: &'static str) -> Message {
        Message::new(key).arg("formula", self.formula_text())
    }

    pub fn finding(&self, rule: RuleId, message: Message) -> Finding {
        Finding::new(rule, self.sheet, self.sheet_name, self.at, message)
    }

    /// A formula renja did not evaluate: the cached value stands, unchecked.
    pub fn not_checked(
        &self,
        rule: RuleId,
        key: &'static str,
        arg: (&'static str, String),
    ) -> Finding {
        self.finding(rule, self.message(key).arg(arg.0, arg.1))
    }
}

/// The shown form of an exact result: 15 significant digits, as a double would hold it.
fn shown(v: &Value) -> Figure {
    match v {
        Value::Number(n) => Figure::Number(round_significant(*n, 15)),
        other => Figure::Text(plain(other)),
    }
}

/// A value as the file holds it.
fn held(v: &Value) -> Figure {
    match v {
        Value::Number(n) => Figure::Number(*n),
        other => Figure::Text(plain(other)),
    }
}

/// A value as a message argument: a figure in the reader's number format, `""` for empty
/// text (so "the file holds \"\"" is visible), anything else as Excel shows it.
fn value_arg(message: Message, name: &'static str, v: &Value) -> Message {
    match v {
        Value::Number(n) => message.arg_number(name, round_significant(*n, 15)),
        Value::Text(t) if t.is_empty() => message.arg(name, "\"\""),
        Value::Empty => message.arg(name, "\"\""),
        other => message.arg(name, plain(other)),
    }
}

/// Findings comparing the cached value with the recomputed one.
pub fn compare(
    site: &Site,
    workbook: &Workbook,
    cached: Option<&Value>,
    recomputed: &Value,
    trace: &Trace,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(cached) = cached else {
        let m = value_arg(site.message("formula.no-cache"), "value", recomputed);
        out.push(site.finding(RuleId::FormulaNoCache, m));
        if let Value::Error(_) = recomputed {
            out.push(error_finding(site, workbook, recomputed, trace));
        }
        return out;
    };
    let values = || {
        let difference = match (cached, recomputed) {
            (Value::Number(c), Value::Number(r)) => c.checked_sub(round_significant(*r, 15)),
            _ => None,
        };
        (Some(shown(recomputed)), Some(held(cached)), difference)
    };
    if let Value::Error(_) = recomputed {
        let (e, a, d) = values();
        out.push(error_finding(site, workbook, recomputed, trace).with_figures(e, a, d));
    } else if let Value::Error(_) = cached {
        let (e, a, d) = values();
        let m = value_arg(
            site.message("formula.error-cached")
                .arg("error", plain(cached)),
            "expected",
            recomputed,
        );
        out.push(site.finding(RuleId::FormulaError, m).with_figures(e, a, d));
    } else if !agrees(cached, recomputed, trace.magnitude) {
        let (e, a, d) = values();
        let m = value_arg(
            value_arg(site.message("formula.mismatch"), "expected", recomputed),
            "actual",
            cached,
        );
        let m = match d {
            Some(difference) => m.arg_number("difference", difference),
            None => m.arg("difference", "-"),
        };
        out.push(
            site.finding(RuleId::FormulaMismatch, m)
                .with_figures(e, a, d),
        );
    }
    out
}

/// `formula-error`, with the reason where known: the divisor that was 0 or empty, or the
/// cell the error came from (then this finding is not the root cause).
fn error_finding(site: &Site, workbook: &Workbook, recomputed: &Value, trace: &Trace) -> Finding {
    let error = plain(recomputed);
    if let (Value::Error(crate::model::ErrorValue::Div0), Some(d)) = (recomputed, &trace.divisor) {
        let key = if d.empty {
            "formula.error-div0-empty"
        } else {
            "formula.error-div0-zero"
        };
        return site.finding(
            RuleId::FormulaError,
            site.message(key).arg("divisor", &d.text),
        );
    }
    if let Some((sheet, at)) = trace.error_source {
        let source = &workbook.sheets[sheet];
        let source_value = source.value(at);
        if *source_value == *recomputed {
            let where_ = format!("{}!{}", source.name, at.a1());
            let m = site
                .message("formula.error-from")
                .arg("error", &error)
                .arg("source", where_);
            let mut f = site.finding(RuleId::FormulaError, m);
            if source.get(at).is_some_and(|c| c.is_formula()) {
                f.root_cause = false;
                f.caused_by = vec![Finding::stable_id(RuleId::FormulaError, &source.name, at)];
            }
            return f;
        }
    }
    site.finding(
        RuleId::FormulaError,
        site.message("formula.error").arg("error", error),
    )
}

/// `formula-error-masked` for each guard that hid a division by zero.
pub fn masks(site: &Site, trace: &Trace) -> Vec<Finding> {
    trace
        .masks
        .iter()
        .map(|mask| {
            let m = match mask {
                Mask::IfError { fallback } => site
                    .message("formula.masked-iferror")
                    .arg("fallback", fallback),
                Mask::ZeroGuard { tested } => {
                    site.message("formula.masked-guard").arg("tested", tested)
                }
            };
            site.finding(RuleId::FormulaErrorMasked, m)
        })
        .collect()
}

/// `formula-text-ignored`: Excel's total without the numbers typed as text, and the total
/// with them.
pub fn text_ignored(
    site: &Site,
    count: usize,
    with_text: &Value,
    excel: &Value,
) -> Option<Finding> {
    if same_result(with_text, excel) {
        return None;
    }
    let difference = match (with_text, excel) {
        (Value::Number(w), Value::Number(e)) => e.checked_sub(*w),
        _ => None,
    };
    let m = site.message("formula.text-ignored").arg("count", count);
    let m = value_arg(value_arg(m, "expected", with_text), "actual", excel);
    Some(site.finding(RuleId::FormulaTextIgnored, m).with_figures(
        Some(shown(with_text)),
        Some(shown(excel)),
        difference,
    ))
}
