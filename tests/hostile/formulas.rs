//! Formulas built to exhaust a recursive parser or evaluator: ten thousand nested
//! parentheses, a reference cycle through a hundred thousand cells, a hundred-thousand-link
//! chain without a cycle. Each is a finding (or a value), never a stack overflow.

use std::time::Duration;

use rust_xlsxwriter::{Formula, Workbook};

use super::checked;
use crate::common::Workdir;

fn nested(depth: usize) -> String {
    format!("={}1{}", "(".repeat(depth), ")".repeat(depth))
}

#[test]
fn formula_nested_ten_thousand_deep_is_a_finding() {
    let dir = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Pagu").unwrap();
    sheet
        .write_formula(1, 0, Formula::new(nested(10_000)).set_result("1"))
        .unwrap();
    book.save(dir.path("dalam.xlsx")).unwrap();
    let (out, took) = checked(&dir, "dalam.xlsx", &["--format", "json"]);
    assert!(out.contains("formula-too-deep"), "{out}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // Raising the limit past the nesting must not overflow the stack either.
    let (_, took) = checked(
        &dir,
        "dalam.xlsx",
        &["--format", "json", "--max-formula-depth", "1000000"],
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

/// A1 = A{n}, A2 = A1, …, A{n} = A{n-1}: every cell waits on the one above, round a cycle
/// (or, with `cycle` false, A1 holds 1 and the chain just counts).
fn chain(dir: &Workdir, name: &str, n: u32, cycle: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    if cycle {
        sheet
            .write_formula(0, 0, Formula::new(format!("=A{n}")).set_result("0"))
            .unwrap();
    } else {
        sheet.write_number(0, 0, 1.0).unwrap();
    }
    for row in 1..n {
        let cached = if cycle { 0 } else { row + 1 };
        sheet
            .write_formula(
                row,
                0,
                Formula::new(format!("=A{row}+0")).set_result(cached.to_string()),
            )
            .unwrap();
    }
    book.save(dir.path(name)).unwrap();
}

#[test]
fn reference_cycle_through_a_hundred_thousand_cells_is_a_finding() {
    let dir = Workdir::new();
    chain(&dir, "siklus.xlsx", 100_000, true);
    let (out, took) = checked(&dir, "siklus.xlsx", &["--format", "json"]);
    assert!(out.contains("cycle"), "{}", &out[..out.len().min(2000)]);
    assert!(took < Duration::from_secs(40), "took {took:?}");
}

#[test]
fn chain_of_a_hundred_thousand_references_is_computed() {
    let dir = Workdir::new();
    chain(&dir, "rantai.xlsx", 100_000, false);
    let (_, took) = checked(&dir, "rantai.xlsx", &["--format", "json"]);
    assert!(took < Duration::from_secs(40), "took {took:?}");
}
