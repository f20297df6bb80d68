//! renja (exact decimals) against IronCalc (f64) on generated budget workbooks: every
//! formula cell must agree as renja compares a file's cached value with its own result.
//!
//! That comparison (`renja::formula::value::agrees`) allows what double arithmetic does
//! to any engine: equal at 15 significant digits, or within 10⁻¹⁴ of the larger of the
//! results and the largest magnitude added or subtracted on the way:
//! - `'Pagu Perubahan'!C3 − C3` of two numbers near 10¹¹ leaves noise from the fifth
//!   decimal on: IronCalc 577002.11000061, exact 577002.11 (Excel shows the former too);
//! - `D17/C17*100` exact 84.10000000450035…: the double's 15 digits are …45003, the exact
//!   value's …45004.
//!
//! Not compared: SUMPRODUCT, which IronCalc 0.7.1 does not implement (`#NAME?`).
//!
//! One difference is IronCalc's, not renja's, and is checked precisely, not tolerated: a
//! ROUND/ROUNDUP/ROUNDDOWN whose exact argument sits exactly on the rounding boundary
//! (`ROUND(x.xx5, 2)`, `ROUNDUP(12.3, 1)`) where the double is a hair off (2.67499999…,
//! 12.300000000000001). Excel rounds its 15-digit view of the argument, so it agrees with
//! renja there; IronCalc rounds the raw double. Such a cell passes only if renja's exact
//! argument really is on the boundary.

use renja::formula::names::Names;

use ironcalc::base::cell::CellValue;
use ironcalc::base::Model;
use ironcalc::import::load_from_xlsx_bytes;
use renja::formula::ast::{Callee, Expr};
use renja::formula::eval::Evaluator;
use renja::formula::value::{agrees, same_result};
use renja::formula::{parse_formula, recompute, FormulaLimits, Function};
use renja::model::{excel_decimal, CellAt, ErrorValue, Value, Workbook};
use renja_differential::{generate, to_model, to_xlsx, Content};
use rust_decimal::prelude::*;

const WORKBOOKS: u64 = 40;

fn iron_value(v: CellValue) -> Value {
    match v {
        CellValue::None => Value::Empty,
        CellValue::Number(f) => {
            excel_decimal(f).map_or(Value::Error(ErrorValue::Num), Value::Number)
        }
        CellValue::Boolean(b) => Value::Bool(b),
        CellValue::String(s) => ErrorValue::parse(&s).map_or(Value::Text(s), Value::Error),
    }
}

/// Re-evaluates one formula cell of the recomputed model to read its trace and, for the
/// first ROUND-family call, its exact argument and digits.
struct Probe<'a> {
    model: &'a Workbook,
    names: Names,
    extents: Vec<Option<CellAt>>,
}

impl Probe<'_> {
    fn evaluator(&self) -> Evaluator<'_> {
        Evaluator::new(self.model, &self.names, &self.extents, 256)
    }

    fn magnitude(&self, sheet: usize, at: CellAt, expr: &Expr) -> Decimal {
        let mut ev = self.evaluator();
        ev.eval_cell(sheet, at, expr);
        ev.trace.magnitude
    }

    /// Whether the first ROUND-family call's exact argument is exactly on its boundary.
    fn on_rounding_boundary(&self, sheet: usize, at: CellAt, expr: &Expr) -> bool {
        let mut call = None;
        expr.walk(&mut |e| {
            if let Expr::Call(
                Callee::Known(f @ (Function::Round | Function::RoundUp | Function::RoundDown)),
                args,
            ) = e
            {
                if call.is_none() && args.len() == 2 {
                    call = Some((*f, args.clone()));
                }
            }
        });
        let Some((function, args)) = call else {
            return false;
        };
        let mut ev = self.evaluator();
        let (Value::Number(x), Value::Number(d)) = (
            ev.eval_cell(sheet, at, &args[0]),
            ev.eval_cell(sheet, at, &args[1]),
        ) else {
            return false;
        };
        let Some(shifted) = d
            .to_u32()
            .and_then(|d| x.checked_mul(Decimal::from_i128_with_scale(10i128.pow(d), 0)))
        else {
            return false;
        };
        if function == Function::Round {
            shifted.fract().abs() == Decimal::new(5, 1)
        } else {
            shifted.fract().is_zero()
        }
    }
}

#[test]
fn renja_agrees_with_ironcalc_on_generated_budgets() {
    let (mut checked, mut noise, mut boundary) = (0, 0, 0);
    let mut failures = Vec::new();
    for seed in 1..=WORKBOOKS {
        let spec = generate(seed * 7919);
        let bytes = to_xlsx(&spec);
        let iron_book =
            load_from_xlsx_bytes(&bytes, "diff", "en", "UTC").expect("ironcalc loads the xlsx");
        let mut iron = Model::from_workbook(iron_book, "en").expect("ironcalc model");
        iron.evaluate();
        let mut model = to_model(&spec);
        recompute(&mut model, &FormulaLimits::default());
        let extents = model.sheets.iter().map(|s| s.extent()).collect();
        let probe = Probe {
            model: &model,
            names: Names::default(),
            extents,
        };
        for (sheet, (sheet_name, cells)) in spec.sheets.iter().enumerate() {
            for (row, col, content) in cells {
                let Content::Formula(formula) = content else {
                    continue;
                };
                checked += 1;
                let at = CellAt::new(*row, *col);
                let theirs = iron_value(
                    iron.get_cell_value_by_index(sheet as u32, *row as i32 + 1, *col as i32 + 1)
                        .expect("cell"),
                );
                let ours = model.sheets[sheet].value(at).clone();
                if theirs == ours || same_result(&theirs, &ours) {
                    continue;
                }
                let expr = parse_formula(formula, 256).expect("generated formulas parse");
                if agrees(&theirs, &ours, probe.magnitude(sheet, at, &expr)) {
                    noise += 1;
                } else if probe.on_rounding_boundary(sheet, at, &expr) {
                    boundary += 1;
                } else {
                    failures.push(format!("seed {seed} {sheet_name}!{} ={formula}: ironcalc {theirs:?}, renja {ours:?}", at.a1()));
                }
            }
        }
    }
    println!("{checked} formula cells compared; {noise} within double noise, {boundary} on an exact ROUND boundary");
    assert!(checked > 1000, "only {checked} cells compared");
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
