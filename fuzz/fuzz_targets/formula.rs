//! The formula lexer, both parsers and the evaluator on arbitrary text. Properties:
//! - lexing and parsing never panic, and nesting past the limit is an error;
//! - a parsed formula printed back to Excel text parses to the same tree (also for
//!   OpenFormula input, whose tree prints as Excel text);
//! - recomputing a small fixed workbook whose cell, and defined name, hold the text never
//!   panics: division by zero, overflow, huge ranges, cycles through names and deep nesting
//!   end as error values or findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renja::formula::{lex, parse_formula, parse_openformula, recompute, FormulaLimits};
use renja::model::{Cell, CellAt, DefinedName, Raw, Sheet, SourceFormat, Value, Workbook};
use rust_decimal::Decimal;

const DEPTH: usize = 64;

/// The printer parenthesises every compound operand, so printed text nests deeper than the
/// tree; it must parse back within a generous bound.
const REPARSE_DEPTH: usize = DEPTH * 4 + 8;

fn roundtrip(text: &str, parsed: &renja::formula::Expr) {
    let printed = parsed.to_string();
    match parse_formula(&printed, REPARSE_DEPTH) {
        Ok(again) => assert_eq!(&again, parsed, "{text:?} printed as {printed:?}"),
        Err(e) => panic!("{text:?} printed as {printed:?}, which does not parse: {e}"),
    }
}

fn number(raw: f64) -> Cell {
    Cell {
        raw: Raw::Number(raw),
        value: Value::Number(renja::model::excel_decimal(raw).unwrap_or_default()),
        ..Cell::default()
    }
}

fn text(t: &str) -> Cell {
    Cell {
        raw: Raw::Text(t.to_string()),
        value: Value::Text(t.to_string()),
        ..Cell::default()
    }
}

fn formula(f: &str) -> Cell {
    Cell {
        raw: Raw::Number(0.0),
        formula: Some(f.to_string()),
        value: Value::Number(Decimal::ZERO),
        cached: Some(Value::Number(Decimal::ZERO)),
        ..Cell::default()
    }
}

/// Sheet `Data`: numbers (zero, large, tiny, negative), numeric text, words, a boolean and
/// an error in A1:B6, the fuzzed formula in C1 and cells that use it; sheet
/// `Pagu Perubahan` with a few numbers; names `PaguTotal` (a range) and `Fuzzed` (the text).
fn workbook(fuzzed: &str) -> Workbook {
    let mut data = Sheet::new("Data");
    let cells = [
        ("A1", number(0.0)),
        ("A2", number(1.0)),
        ("A3", number(-2.5)),
        ("A4", number(7.9e27)),
        ("A5", number(1e-7)),
        ("A6", number(5_636_089_563.0)),
        ("B1", text("5.000")),
        ("B2", text("abc")),
        ("B3", text("")),
        (
            "B4",
            Cell {
                raw: Raw::Bool(true),
                value: Value::Bool(true),
                ..Cell::default()
            },
        ),
        (
            "B5",
            Cell {
                raw: Raw::Error(renja::model::ErrorValue::Div0),
                value: Value::Error(renja::model::ErrorValue::Div0),
                ..Cell::default()
            },
        ),
        ("C1", formula(fuzzed)),
        ("C2", formula("C1*2")),
        ("C3", formula("Fuzzed+1")),
        ("C4", formula("SUM(A1:C3)")),
    ];
    for (a1, cell) in cells {
        data.cells.insert(CellAt::parse_a1(a1).unwrap(), cell);
    }
    let mut pagu = Sheet::new("Pagu Perubahan");
    for (row, x) in [100.0, 0.0, 3.25].into_iter().enumerate() {
        pagu.cells.insert(CellAt::new(row as u32, 4), number(x));
    }
    Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![data, pagu],
        defined_names: vec![
            DefinedName {
                name: "PaguTotal".into(),
                formula: "Data!$A$1:$A$6".into(),
                ..DefinedName::default()
            },
            DefinedName {
                name: "Fuzzed".into(),
                formula: fuzzed.to_string(),
                ..DefinedName::default()
            },
        ],
        ..Workbook::default()
    }
}

fuzz_target!(|text: &str| {
    let _ = lex::tokenize(text);
    if let Ok(parsed) = parse_formula(text, DEPTH) {
        roundtrip(text, &parsed);
    }
    if let Ok(parsed) = parse_openformula(text, DEPTH) {
        roundtrip(text, &parsed);
    }
    let mut book = workbook(text);
    let _ = recompute(&mut book, &FormulaLimits { max_depth: DEPTH });
});
