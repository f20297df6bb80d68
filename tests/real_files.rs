//! What renja says of every field file in `../shared/real/` (SIPD exports, forms copied from
//! them, official lists), pinned in a snapshot: per file the findings by severity, and every
//! error and warning by sheet, cell and rule. Each listed one was read (issue 16: certainty
//! before severity): the 49 formula-error of the Dinkes LRA are `=K27/M27` over an empty M27;
//! the 22 RAK errors are Total RAK cells (column T) that are neither Σ bulan nor Nilai Rincian
//! on every sheet (T5 2.347.100 against 2.050.000); TPM!C6 is one account line twice. Open:
//! the 4 code-unknown of the 2027 nomenclature are rows of old codes the list itself renumbers
//! (the message names the new code); whether such rows should be asked at all is undecided.
//! A change here is a change in what staff are told about a real file, so read the diff.
//! The files are reference, not fixtures: when the folder is not here the test says so.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use common::{stdout, Workdir};
use serde_json::Value;

#[test]
fn what_renja_says_of_every_field_file() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if !real.is_dir() {
        eprintln!("SKIPPED: {} is not here", real.display());
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir(&real)
        .expect("real files")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                ["xlsx", "xls", "xlsm", "ods", "csv"].contains(&&*e.to_string_lossy())
            })
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let dir = Workdir::new();
    let mut shown = String::new();
    for file in &files {
        let out = dir.run(&[
            "check",
            file.to_str().expect("path"),
            "--format",
            "json",
            "--lang",
            "en",
        ]);
        let report: Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let findings = report["findings"].as_array().expect("findings");
        let mut by_severity: BTreeMap<&str, usize> = BTreeMap::new();
        for f in findings {
            *by_severity
                .entry(f["severity"].as_str().unwrap_or_default())
                .or_default() += 1;
        }
        let name = file.file_name().unwrap().to_string_lossy();
        writeln!(shown, "{name}: {by_severity:?}").unwrap();
        for f in findings.iter().filter(|f| f["severity"] != "info") {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            writeln!(
                shown,
                "  {} {}!{} {}",
                s("severity"),
                s("sheet"),
                s("cell"),
                s("rule")
            )
            .unwrap();
        }
    }
    insta::assert_snapshot!(shown);
}
