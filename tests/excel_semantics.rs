//! Excel's own answers as the oracle: every formula of IronCalc's test workbooks (each saved
//! by Microsoft Excel, so every cached value is what Excel computed) whose functions renja
//! evaluates is recomputed by renja's engine and compared with the value Excel saved, the
//! way `renja check` compares them. A disagreement fails the test unless it is listed, with
//! its reason, in `tests/excel_known_differences.txt`; a listed one that no longer differs
//! fails it too, so the list only shrinks.
//!
//! The workbooks live outside the repository, in `../shared/peers/ironcalc/` beside it (or
//! where `RENJA_EXCEL_SUITE` points). Without them this test fails and says so: CI runs where
//! they are, and a silently skipped oracle is worse than none.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use renja::formula::{recompute, FormulaLimits};
use renja::model::{Value, Workbook};
use renja::normalise::normalise_workbook;
use renja::read::{read_workbook, ReadLimits};

fn suite() -> PathBuf {
    match std::env::var_os("RENJA_EXCEL_SUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peers/ironcalc"),
    }
}

/// One formula whose recomputed value is not the value Excel saved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    file: String,
    sheet: String,
    cell: String,
}

fn shown(v: &Option<Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Text(t)) => format!("{t:?}"),
        Some(other) => format!("{other:?}"),
    }
}

/// Recomputes one workbook; returns how many formulas were checked and where they differ.
fn differences(path: &Path, out: &mut Vec<(Difference, String)>) -> usize {
    let mut workbook: Workbook = read_workbook(path, &ReadLimits::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    normalise_workbook(&mut workbook);
    let outcome = recompute(&mut workbook, &FormulaLimits::default());
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    for changed in &outcome.changed {
        if changed.cached.is_none() {
            continue;
        }
        let sheet = &workbook.sheets[changed.sheet];
        let formula = sheet
            .get(changed.at)
            .and_then(|c| c.formula.clone())
            .unwrap_or_default();
        let detail = format!(
            "={formula}: Excel {}, renja {}",
            shown(&changed.cached),
            shown(&Some(changed.recomputed.clone()))
        );
        out.push((
            Difference {
                file: file.clone(),
                sheet: sheet.name.clone(),
                cell: changed.at.a1(),
            },
            detail,
        ));
    }
    outcome.recomputed
}

/// `file | sheet | cell | reason` lines; `#` starts a comment.
fn known_differences() -> BTreeSet<Difference> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/excel_known_differences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split('|').map(str::trim).collect();
            assert!(
                parts.len() == 4 && !parts[3].is_empty(),
                "{}: `{l}` is not `file | sheet | cell | reason`",
                path.display()
            );
            Difference {
                file: parts[0].to_string(),
                sheet: parts[1].to_string(),
                cell: parts[2].to_string(),
            }
        })
        .collect()
}

#[test]
fn renja_computes_what_excel_saved() {
    let dir = suite();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!(
            "\n\n!! The Excel-saved workbooks are missing: {} does not exist.\n\
             !! This test needs IronCalc's xlsx test workbooks there (or RENJA_EXCEL_SUITE=DIR).\n\n",
            dir.display()
        );
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 200,
        "only {} workbooks in {}",
        files.len(),
        dir.display()
    );
    let mut found = Vec::new();
    let checked: usize = files.iter().map(|f| differences(f, &mut found)).sum();
    let known = known_differences();
    let unexpected: Vec<_> = found.iter().filter(|(d, _)| !known.contains(d)).collect();
    let found_set: BTreeSet<_> = found.iter().map(|(d, _)| d.clone()).collect();
    let gone: Vec<_> = known.difference(&found_set).collect();
    println!(
        "{} workbooks, {checked} formulas recomputed, {} differ from Excel ({} listed as known)",
        files.len(),
        found.len(),
        known.len()
    );
    let mut report = String::new();
    for (d, detail) in &unexpected {
        report.push_str(&format!(
            "  {} | {} | {} | {detail}\n",
            d.file, d.sheet, d.cell
        ));
    }
    for d in &gone {
        report.push_str(&format!(
            "  listed but now agrees with Excel (remove it): {} | {} | {}\n",
            d.file, d.sheet, d.cell
        ));
    }
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "{} formulas differ from Excel's saved value and are not in tests/excel_known_differences.txt, \
         {} listed ones agree now:\n{report}",
        unexpected.len(),
        gone.len()
    );
}
