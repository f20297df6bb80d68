//! Findings of the formula engine on small workbooks: wrong cached values, errors and
//! their causes, hidden divisions by zero, numbers typed as text skipped by SUM, cycles,
//! nesting past the limit, unsupported functions and unreadable formulas.

#[path = "formula_support/mod.rs"]
mod common;

use std::str::FromStr;

use common::{set_cached, value_at, workbook};
use renja::finding::{Figure, Finding};
use renja::formula::{recompute, FormulaLimits, FormulaOutcome};
use renja::messages::Lang;
use renja::model::{ErrorValue, Value};
use rust_decimal::Decimal;

fn num(s: &str) -> Value {
    Value::Number(Decimal::from_str(s).unwrap())
}

fn run(
    cells: &[(&str, &str)],
    cached: &[(&str, Value)],
) -> (renja::model::Workbook, FormulaOutcome) {
    let mut wb = workbook(cells, &[]);
    for (address, v) in cached {
        set_cached(&mut wb, address, v.clone());
    }
    let outcome = recompute(&mut wb, &FormulaLimits::default());
    (wb, outcome)
}

fn rules(outcome: &FormulaOutcome) -> Vec<(&'static str, String)> {
    outcome
        .findings
        .iter()
        .map(|f| (f.rule.id(), f.cell.a1()))
        .collect()
}

/// A stated figure as the JSON report writes it.
fn shown(figure: &Option<Figure>) -> Option<String> {
    figure.as_ref().map(ToString::to_string)
}

fn find<'a>(outcome: &'a FormulaOutcome, rule: &str, cell: &str) -> &'a Finding {
    outcome
        .findings
        .iter()
        .find(|f| f.rule.id() == rule && f.cell.a1() == cell)
        .unwrap_or_else(|| panic!("no {rule} at {cell} in {:#?}", rules(outcome)))
}

#[test]
fn wrong_cached_total_is_a_mismatch_with_values() {
    let (_, out) = run(
        &[
            ("D1", "94375000.50"),
            ("D2", "565.50"),
            ("D3", "=SUM(D1:D2)"),
        ],
        &[("D3", num("94375000.00"))],
    );
    let f = find(&out, "formula-mismatch", "D3");
    assert_eq!(shown(&f.expected).as_deref(), Some("94375566.00"));
    assert_eq!(shown(&f.actual).as_deref(), Some("94375000.00"));
    assert_eq!(
        f.difference.map(|d| d.to_string()).as_deref(),
        Some("-566.00")
    );
    assert!(
        f.message.render(Lang::En).contains("=SUM(D1:D2)"),
        "{}",
        f.message.render(Lang::En)
    );
    assert!(f.message.render(Lang::Id).contains("tersimpan"));
    assert_eq!(out.changed.len(), 1);
    assert_eq!(out.recomputed, 1);
}

#[test]
fn agreement_at_fifteen_digits_is_no_finding() {
    // Excel saved 1/3*3 as exactly 1 and 0.1+0.2 as 0.3 (at 15 digits).
    let (wb, out) = run(
        &[
            ("A1", "=1/3*3"),
            ("A2", "=0.1+0.2"),
            ("A3", "=123456789012345678*1"),
        ],
        &[
            ("A1", num("1")),
            ("A2", num("0.3")),
            ("A3", num("123456789012346000")),
        ],
    );
    assert!(out.findings.is_empty(), "{:#?}", rules(&out));
    assert!(out.changed.is_empty());
    assert_eq!(value_at(&wb, "A1"), num("0.9999999999999999999999999999"));
}

#[test]
fn division_by_zero_names_the_divisor() {
    let (_, out) = run(
        &[
            ("D5", "0"),
            ("E5", "10"),
            ("F5", "=ROUND(E5/D5*100,2)"),
            ("F6", "=E5/D6"),
            ("G5", "=F5+1"),
        ],
        &[("F5", Value::Error(ErrorValue::Div0))],
    );
    let f = find(&out, "formula-error", "F5");
    let en = f.message.render(Lang::En);
    assert!(en.contains("divisor D5 is 0"), "{en}");
    let empty = find(&out, "formula-error", "F6").message.render(Lang::En);
    assert!(empty.contains("D6 is empty"), "{empty}");
    let caused = find(&out, "formula-error", "G5");
    assert!(!caused.root_cause);
    assert_eq!(caused.caused_by, vec![f.id.clone()]);
}

#[test]
fn cached_error_that_recomputes_fine_is_reported() {
    let (_, out) = run(
        &[("A1", "2"), ("A2", "=A1*2")],
        &[("A2", Value::Error(ErrorValue::Value))],
    );
    let f = find(&out, "formula-error", "A2");
    assert_eq!(shown(&f.expected).as_deref(), Some("4"));
    assert_eq!(shown(&f.actual).as_deref(), Some("#VALUE!"));
}

#[test]
fn guards_that_hide_a_zero_pagu_are_masked_errors() {
    let (_, out) = run(
        &[
            ("D5", "0"),
            ("E5", "10"),
            ("D6", "50"),
            ("E6", "10"),
            ("F5", "=IFERROR(E5/D5*100,\"\")"),
            ("F6", "=IFERROR(E6/D6*100,\"\")"),
            ("G5", "=IF(D5=0,0,E5/D5)"),
            ("G6", "=IF(D6=0,0,E6/D6)"),
            ("H5", "=IF(D5<>0,E5/D5,\"-\")"),
        ],
        &[],
    );
    let masked: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule.id() == "formula-error-masked")
        .map(|f| f.cell.a1())
        .collect();
    assert_eq!(masked, vec!["F5", "G5", "H5"]);
    let en = find(&out, "formula-error-masked", "G5")
        .message
        .render(Lang::En);
    assert!(en.contains("D5 is 0"), "{en}");
}

#[test]
fn sum_skipping_numbers_typed_as_text_is_reported() {
    let (wb, out) = run(
        &[("D1", "1000"), ("D2", "'2500"), ("D3", "=SUM(D1:D2)")],
        &[("D3", num("1000"))],
    );
    assert_eq!(value_at(&wb, "D3"), num("1000"));
    let f = find(&out, "formula-text-ignored", "D3");
    assert_eq!(shown(&f.expected).as_deref(), Some("3500"));
    assert_eq!(shown(&f.actual).as_deref(), Some("1000"));
    assert!(!out
        .findings
        .iter()
        .any(|f| f.rule.id() == "formula-mismatch"));
}

#[test]
fn formula_without_cache_is_info_and_uses_the_result() {
    let (wb, out) = run(&[("A1", "2"), ("A2", "=A1*21")], &[]);
    assert_eq!(rules(&out), vec![("formula-no-cache", "A2".to_string())]);
    assert_eq!(value_at(&wb, "A2"), num("42"));
    assert_eq!(out.changed.len(), 1);
}

#[test]
fn unsupported_function_keeps_the_cached_value() {
    let (wb, out) = run(
        &[
            ("A1", "=NPV(0.1,B1:B3)"),
            ("A2", "=SUBTOTAL(7,B1:B3)"),
            ("A3", "=A1+1"),
        ],
        &[("A1", num("5")), ("A2", num("1")), ("A3", num("6"))],
    );
    assert_eq!(out.unsupported, 2);
    assert_eq!(value_at(&wb, "A1"), num("5"));
    assert_eq!(value_at(&wb, "A2"), num("1"));
    find(&out, "formula-unsupported", "A1");
    find(&out, "formula-unsupported", "A2");
    // A3 is checked against A1's cached value.
    assert_eq!(rules(&out).len(), 2, "{:#?}", rules(&out));
}

#[test]
fn unreadable_formula_is_a_parse_finding() {
    let (wb, out) = run(&[("A1", "=SUM(1,"), ("A2", "={1,2}")], &[("A1", num("3"))]);
    find(&out, "formula-parse", "A1");
    find(&out, "formula-unsupported", "A2");
    assert_eq!(value_at(&wb, "A1"), num("3"));
}

#[test]
fn cycle_is_reported_on_each_cell() {
    let (wb, out) = run(
        &[
            ("A1", "=A2+1"),
            ("A2", "=A1+1"),
            ("A3", "=A3"),
            ("A4", "=A1*2"),
        ],
        &[("A1", num("1")), ("A4", num("2"))],
    );
    for cell in ["A1", "A2", "A3"] {
        find(&out, "formula-cycle", cell);
    }
    assert_eq!(value_at(&wb, "A4"), num("2"));
}

#[test]
fn hundred_thousand_cell_chain_does_not_overflow() {
    let texts: Vec<String> = (2..=100_000).map(|r| format!("=A{}+1", r - 1)).collect();
    let addresses: Vec<String> = (2..=100_000).map(|r| format!("A{r}")).collect();
    let mut cells = vec![("A1", "1")];
    cells.extend(
        addresses
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str)),
    );
    let mut wb = workbook(&cells, &[]);
    let out = recompute(&mut wb, &FormulaLimits::default());
    assert_eq!(out.recomputed, 99_999);
    assert_eq!(value_at(&wb, "A100000"), num("100000"));
}

#[test]
fn hundred_thousand_cell_cycle_is_found() {
    let texts: Vec<String> = (1..=100_000)
        .map(|r| format!("=A{}+1", if r == 1 { 100_000 } else { r - 1 }))
        .collect();
    let addresses: Vec<String> = (1..=100_000).map(|r| format!("A{r}")).collect();
    let cells: Vec<(&str, &str)> = addresses
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    let mut wb = workbook(&cells, &[]);
    let out = recompute(&mut wb, &FormulaLimits::default());
    assert_eq!(
        out.findings
            .iter()
            .filter(|f| f.rule.id() == "formula-cycle")
            .count(),
        100_000
    );
}

#[test]
fn ten_thousand_levels_are_reported_not_crashed() {
    let nested = format!("={}1{}", "(".repeat(10_000), ")".repeat(10_000));
    let calls = format!("={}1{}", "ABS(".repeat(10_000), ")".repeat(10_000));
    let chain = format!("={}", vec!["1"; 10_000].join("+"));
    let (_, out) = run(&[("A1", &nested), ("A2", &calls), ("A3", &chain)], &[]);
    for cell in ["A1", "A2", "A3"] {
        find(&out, "formula-too-deep", cell);
    }
    // Just inside the limit still evaluates.
    let ok = format!("={}1{}", "ABS(".repeat(200), ")".repeat(200));
    let (wb, _) = run(&[("A1", &ok)], &[]);
    assert_eq!(value_at(&wb, "A1"), num("1"));
}

#[test]
fn openformula_cells_evaluate_like_excel_ones() {
    let mut wb = workbook(
        &[
            ("F4", "1"),
            ("F5", "2"),
            ("Pagu Awal!B2", "10"),
            ("A1", "=of:=SUM([.F4:.F5];[$'Pagu Awal'.B2])"),
        ],
        &[],
    );
    wb.format = renja::model::SourceFormat::Ods;
    recompute(&mut wb, &FormulaLimits::default());
    assert_eq!(value_at(&wb, "A1"), num("13"));
}

#[test]
fn messages_exist_in_both_languages() {
    let (_, out) = run(
        &[("A1", "=1/0"), ("A2", "=SUM(1,"), ("A3", "=NPV(1,2)")],
        &[],
    );
    for f in &out.findings {
        let (id, en) = (f.message.render(Lang::Id), f.message.render(Lang::En));
        assert_ne!(id, en);
        assert!(!en.contains('{') && !id.contains('{'), "{en} / {id}");
    }
}

#[test]
fn double_noise_from_cancellation_is_not_a_mismatch() {
    // Excel computes 80000577002.22 − 80000000000.11 in doubles: 577002.110000610.
    let (_, out) = run(
        &[
            ("C1", "80000577002.22"),
            ("C2", "80000000000.11"),
            ("C3", "=C1-C2"),
            ("C4", "=C1-C2"),
        ],
        &[("C3", num("577002.110000610")), ("C4", num("577002.12"))],
    );
    assert_eq!(rules(&out), vec![("formula-mismatch", "C4".to_string())]);
}
