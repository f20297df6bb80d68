//! Cleaning is idempotent: cleaning a cleaned workbook flags no data cell the first check
//! did not flag, and loses no value. Run on every sample through the library
//! (check → cleaned bytes → check again), and on small generated tables of Indonesian
//! numbers with a sisa formula.

use std::collections::BTreeSet;
use std::path::Path;

use renja::model::Value;
use renja::pipeline::{check_path, Options};

fn samples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    paths.sort();
    paths
}

/// Cleans `path`, checks the cleaned file, and asserts no new flagged cell and no lost number.
fn assert_idempotent(path: &Path, scratch: &Path) {
    let options = Options::default();
    let first = check_path(path, &options).unwrap_or_else(|e| panic!("{e}"));
    let input = first.clean_input(options.lang, "2026-01-01T00:00:00Z");
    let bytes = renja::write::cleaned_bytes(&input, path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cleaned = scratch.join("bersih.xlsx");
    std::fs::write(&cleaned, &bytes).unwrap();
    let second = check_path(&cleaned, &options).unwrap_or_else(|e| panic!("{e}"));

    let data_sheets: BTreeSet<&str> = first
        .workbook
        .sheets
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    // A cell the first check flagged may be flagged differently the second time: a
    // formula whose result was #DIV/0! is the text "#DIV/0!" in a formula-free file, so
    // the second check calls it typed-in error text. A cell without any finding the
    // first time must stay without one. The two workbooks are matched by sheet name.
    let key = |f: &renja::finding::Finding| (f.sheet_name.clone(), f.cell);
    let before: BTreeSet<_> = first.report.findings.iter().map(key).collect();
    let new: Vec<String> = second
        .report
        .findings
        .iter()
        .filter(|f| data_sheets.contains(f.sheet_name.as_str()))
        .filter(|f| !before.contains(&key(f)))
        .map(|f| {
            format!(
                "{} {}!{}: {}",
                f.rule,
                f.sheet_name,
                f.cell,
                f.message.render(renja::messages::Lang::En)
            )
        })
        .collect();
    assert!(
        new.is_empty(),
        "{}: cleaning again finds what the first check did not:\n{}",
        path.display(),
        new.join("\n")
    );

    for sheet in &first.workbook.sheets {
        let Some(again) = second.workbook.sheets.iter().find(|s| s.name == sheet.name) else {
            panic!("{}: sheet {:?} lost", path.display(), sheet.name);
        };
        for (at, cell) in &sheet.cells {
            let Value::Number(n) = cell.value else {
                continue;
            };
            let kept = again.cells.get(at).map(|c| &c.value);
            assert!(
                matches!(kept, Some(Value::Number(m)) if *m == n),
                "{}: {}!{at:?} was {n}, is {kept:?} after cleaning",
                path.display(),
                sheet.name
            );
        }
    }
}

#[test]
fn cleaning_a_cleaned_sample_adds_no_finding_and_loses_no_value() {
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        assert_idempotent(&sample, dir.path());
    }
}

/// Rupiah with cents written the Indonesian way: `1.234.567,89`.
fn indonesian(cents: u64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{grouped},{:02}", cents % 100)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    #[test]
    fn cleaning_a_cleaned_table_changes_nothing(
        rows in proptest::collection::vec((0u64..10_000_000_000, 0u64..10_000_000_000, proptest::bool::ANY), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, head) in ["Kode", "Uraian", "Pagu", "Realisasi", "Sisa"].iter().enumerate() {
            sheet.write_string(0, col as u16, *head).unwrap();
        }
        for (i, (pagu, realisasi, as_text)) in rows.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, format!("5.03.01.2.02.{row:02}")).unwrap();
            sheet.write_string(row, 1, "Belanja").unwrap();
            if *as_text {
                sheet.write_string(row, 2, indonesian(*pagu)).unwrap();
            } else {
                sheet.write_number(row, 2, *pagu as f64 / 100.0).unwrap();
            }
            sheet.write_string(row, 3, indonesian(*realisasi)).unwrap();
            let formula = rust_xlsxwriter::Formula::new(format!("=C{0}-D{0}", row + 1));
            sheet.write_formula(row, 4, formula).unwrap();
        }
        let path = dir.path().join("acak.xlsx");
        book.save(&path).unwrap();
        assert_idempotent(&path, dir.path());
    }
}
