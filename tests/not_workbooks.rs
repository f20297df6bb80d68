//! Inputs that are not real workbooks — an Excel-style HTML export, a browser's MHTML archive
//! saved as `.xls`, a `;`-separated Windows-1252 CSV — each built by `make_samples` from the
//! same table as `samples/realisasi-2023-teks.xlsx`, must give the same findings (rule,
//! severity, cell, row code, figures) as that workbook, a notice saying what the input
//! really was, and a real, formula-free xlsx from `clean`.

mod common;

use common::{assert_exit, cell, read, stdout, Workdir};
use renja::model::{Raw, SourceFormat};
use serde_json::Value;

/// `renja check --format json` on a sample copied into a fresh folder; exit 1 (findings).
fn check(dir: &Workdir, sample: &str, lang: &str) -> Value {
    dir.copy_from_repo(&format!("samples/{sample}"));
    let out = dir.run(&["check", sample, "--format", "json", "--lang", lang]);
    assert_exit(&out, 1);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}\n{}", stdout(&out)))
}

/// The findings as (sheet, rule, severity, cell, row code, expected, actual, difference,
/// column, root cause, caused by).
/// Causes are named by the rule and cell of the finding they point at: ids hash the sheet
/// name, which differs for a CSV.
fn findings(report: &Value, sheet_as: Option<&str>) -> Vec<Vec<String>> {
    let all = report["findings"].as_array().expect("findings");
    let by_id = |id: &Value| {
        all.iter()
            .find(|f| f["id"] == *id)
            .map(|f| format!("{} {}", f["rule"], f["cell"]))
            .unwrap_or_else(|| format!("unknown {id}"))
    };
    all.iter()
        .map(|f| {
            let field = |k: &str| f[k].as_str().map(str::to_string).unwrap_or_default();
            let sheet = sheet_as.map_or_else(|| field("sheet"), str::to_string);
            vec![
                sheet,
                field("rule"),
                field("severity"),
                field("cell"),
                field("row_code"),
                field("expected"),
                field("actual"),
                field("difference"),
                field("column"),
                f["root_cause"].to_string(),
                f["caused_by"]
                    .as_array()
                    .map(|ids| ids.iter().map(by_id).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

fn same_findings_as_the_workbook(sample: &str, format: &str, sheet: &str) {
    let dir = Workdir::new();
    let reference = check(&dir, "realisasi-2023-teks.xlsx", "en");
    let report = check(&dir, sample, "en");
    assert_eq!(report["format"], format, "{report:#}");
    let expected = findings(&reference, Some("Realisasi 2023"));
    // Five arithmetic errors and, 2023 having no official code list, that said once (info).
    assert_eq!(expected.len(), 6, "{reference:#}");
    assert_eq!(
        findings(&report, None),
        findings(&reference, Some(sheet)),
        "{report:#}"
    );
    assert_eq!(report["summary"]["cells"], reference["summary"]["cells"]);
    assert_eq!(report["summary"]["tables"], 1);
    let notices = report["notices"].to_string();
    assert!(notices.contains(&format!("{sample} is")), "{notices}");
    assert!(notices.contains("not"), "{notices}");
}

#[test]
fn html_export_gives_the_findings_of_the_workbook() {
    same_findings_as_the_workbook("realisasi-2023.html", "html", "Realisasi 2023");
}

#[test]
fn mhtml_saved_as_xls_gives_the_findings_of_the_workbook() {
    same_findings_as_the_workbook("realisasi-2023-mhtml.xls", "mhtml", "Realisasi 2023");
}

#[test]
fn semicolon_csv_in_windows_1252_gives_the_findings_of_the_workbook() {
    same_findings_as_the_workbook("realisasi-2023.csv", "csv", "realisasi-2023");
}

#[test]
fn the_notice_says_what_the_input_was_in_indonesian() {
    let dir = Workdir::new();
    let report = check(&dir, "realisasi-2023-mhtml.xls", "id");
    let notices = report["notices"].to_string();
    assert!(
        notices.contains("halaman web arsip (MHTML") && notices.contains(".xls"),
        "{notices}"
    );
}

#[test]
fn reading_the_html_keeps_merges_text_and_numbers() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/realisasi-2023.html");
    let book = read(&path);
    assert_eq!(book.format, SourceFormat::Html);
    let sheet = &book.sheets[0];
    let merged: Vec<String> = sheet.merged.iter().map(|r| r.a1()).collect();
    for range in ["A1:G1", "A4:A5", "E4:F4", "G4:G5"] {
        assert!(merged.iter().any(|m| m == range), "{range} in {merged:?}");
    }
    let raw = |a1: &str| sheet.get(cell(a1)).map(|c| c.raw.clone());
    // `&#82;` is R; `<br>` a line break; the percentage carries x:num and its format.
    assert_eq!(
        raw("A1"),
        Some(Raw::Text(
            "REALISASI BELANJA BKPSDM KOTA BINJAI TAHUN ANGGARAN 2023".into()
        ))
    );
    assert_eq!(
        raw("D4"),
        Some(Raw::Text("JUMLAH DANA SESUAI\nPAGU Rp.".into()))
    );
    assert_eq!(raw("F7"), Some(Raw::Number(87.11)));
    assert_eq!(
        sheet.get(cell("F7")).unwrap().number_format.as_deref(),
        Some("0.00")
    );
    assert_eq!(raw("D7"), Some(Raw::Text("Rp. 5.636.089.563,00".into())));
    assert_eq!(sheet.get(cell("D7")).unwrap().number_format, None);
}

#[test]
fn clean_writes_a_real_workbook_from_each() {
    for (sample, sheet) in [
        ("realisasi-2023.html", "Realisasi 2023"),
        ("realisasi-2023-mhtml.xls", "Realisasi 2023"),
        ("realisasi-2023.csv", "realisasi-2023"),
    ] {
        let dir = Workdir::new();
        dir.copy_from_repo(&format!("samples/{sample}"));
        let out = dir.run(&["clean", sample, "-o", "bersih.xlsx"]);
        assert_exit(&out, 1);
        let book = read(&dir.path("bersih.xlsx"));
        assert_eq!(book.format, SourceFormat::Xlsx);
        let data = book
            .sheet(sheet)
            .unwrap_or_else(|| panic!("{sample}: {sheet}"));
        assert_eq!(
            data.get(cell("D7")).unwrap().raw,
            Raw::Number(5_636_089_563.0)
        );
        assert!(data.cells.values().all(|c| c.formula.is_none()));
        if sample.ends_with(".csv") {
            // Windows-1252 0x96 read as an en dash.
            assert_eq!(
                data.get(cell("A1")).unwrap().raw,
                Raw::Text(
                    "REALISASI BELANJA BKPSDM KOTA BINJAI \u{2013} TAHUN ANGGARAN 2023".into()
                )
            );
        } else {
            assert!(data.merged.iter().any(|r| r.a1() == "E4:F4"), "{sample}");
        }
    }
}
