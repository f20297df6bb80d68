//! Cleaning is idempotent: cleaning a cleaned workbook flags no data cell the first check
//! did not flag, and loses no value. Run on every sample through the library
//! (check → cleaned bytes → check again) rather than on random workbooks.

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

#[test]
fn cleaning_a_cleaned_sample_adds_no_finding_and_loses_no_value() {
    let options = Options::default();
    let dir = tempfile::tempdir().unwrap();
    for sample in samples() {
        let first = check_path(&sample, &options).unwrap_or_else(|e| panic!("{e}"));
        let input = first.clean_input(options.lang, "2026-01-01T00:00:00Z");
        let bytes = renja::write::cleaned_bytes(&input, &sample)
            .unwrap_or_else(|e| panic!("{}: {e}", sample.display()));
        let cleaned = dir.path().join("bersih.xlsx");
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
        // first time must stay without one; a finding about no cell must not appear anew.
        let key = |f: &renja::finding::Finding| match &f.cell {
            Some(cell) => (String::new(), f.sheet.clone(), cell.clone()),
            None => (f.rule.to_string(), f.sheet.clone(), String::new()),
        };
        let before: BTreeSet<_> = first.report.findings.iter().map(key).collect();
        let new: Vec<String> = second
            .report
            .findings
            .iter()
            .filter(|f| data_sheets.contains(f.sheet.as_str()))
            .filter(|f| !before.contains(&key(f)))
            .map(|f| {
                format!(
                    "{} {}!{:?}: {}",
                    f.rule,
                    f.sheet,
                    f.cell,
                    f.message.render(renja::messages::Lang::En)
                )
            })
            .collect();
        assert!(
            new.is_empty(),
            "{}: cleaning again finds what the first check did not:\n{}",
            sample.display(),
            new.join("\n")
        );

        for sheet in &first.workbook.sheets {
            let Some(again) = second.workbook.sheets.iter().find(|s| s.name == sheet.name) else {
                panic!("{}: sheet {:?} lost", sample.display(), sheet.name);
            };
            for (at, cell) in &sheet.cells {
                let Value::Number(n) = cell.value else {
                    continue;
                };
                let kept = again.cells.get(at).map(|c| &c.value);
                assert!(
                    matches!(kept, Some(Value::Number(m)) if *m == n),
                    "{}: {}!{at:?} was {n}, is {kept:?} after cleaning",
                    sample.display(),
                    sheet.name
                );
            }
        }
    }
}
