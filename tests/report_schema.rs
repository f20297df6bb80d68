//! Every sample's JSON report — every input format renja reads: xlsx, the MHTML page saved as
//! .xls, the HTML export, the CSV, and an ods and an xlsm built here — in both languages,
//! validates against the committed JSON Schema `docs/renja-report-1.schema.json`; the schema's
//! `format` list is exactly the formats renja names; and the schema is not vacuous: a report
//! with a figure as a JSON number (not an exact string) is refused.

mod common;

use std::path::Path;

use common::stdout;

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/renja-report-1.schema.json");
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema is a valid draft 2020-12 schema")
}

fn json_report(file: &str, lang: &str) -> serde_json::Value {
    let output = assert_cmd::Command::cargo_bin("renja")
        .unwrap()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["check", file, "--format", "json", "--lang", lang])
        .output()
        .expect("run renja");
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every input in samples/ (workbooks, the web page exports and the CSV), by path.
fn samples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".md"))
        .map(|name| format!("samples/{name}"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "samples missing: {files:?}");
    files
}

fn assert_valid(validator: &jsonschema::Validator, report: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn every_sample_report_validates() {
    let validator = schema();
    let mut formats = std::collections::BTreeSet::new();
    for file in samples() {
        for lang in ["id", "en"] {
            let report = json_report(&file, lang);
            formats.insert(report["format"].as_str().unwrap_or_default().to_string());
            assert_valid(&validator, &report, &format!("{file} ({lang})"));
        }
    }
    for format in ["xlsx", "html", "mhtml", "csv"] {
        assert!(
            formats.contains(format),
            "no sample read as {format}: {formats:?}"
        );
    }
}

/// Two tables sharing a program's pagu and realisasi: the report's `reconciliation`, which no
/// sample has, validates.
#[test]
fn a_report_with_a_reconciliation_validates() {
    let validator = schema();
    let dir = common::Workdir::new();
    let table = |sheet: &'static str, pagu: &'static str| {
        (
            sheet,
            vec![
                ("A1", "Kode"),
                ("B1", "Uraian"),
                ("C1", "Pagu (Rp)"),
                ("D1", "Realisasi (Rp)"),
                ("A2", "5.03.01"),
                ("B2", "PROGRAM PENUNJANG"),
                ("C2", pagu),
                ("D2", "#900"),
            ],
        )
    };
    let (realisasi, rencana) = (table("Realisasi", "#1000"), table("Rencana", "#1100"));
    let mut plan = rencana.1.clone();
    plan[2] = ("C1", "Pagu Indikatif (Rp)");
    plan[3] = ("D1", "Prakiraan Maju (Rp)");
    dir.xlsx(
        "dua.xlsx",
        &[(realisasi.0, &realisasi.1), (rencana.0, &plan)],
    );
    let output = dir.run(&["check", "dua.xlsx", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("{e}\n{}", common::stderr(&output)));
    assert!(
        report["reconciliation"]
            .as_array()
            .is_some_and(|l| !l.is_empty()),
        "{report:#}"
    );
    assert_valid(&validator, &report, "dua.xlsx");
}

/// An ods and an xlsm, the formats no sample ships in, built by hand with one small table.
#[test]
fn ods_and_xlsm_reports_validate() {
    let validator = schema();
    let dir = common::Workdir::new();
    let xlsx = dir.xlsx(
        "kecil.xlsx",
        &[(
            "Realisasi",
            &[
                ("A1", "Kode"),
                ("B1", "Pagu"),
                ("A2", "5.03.01"),
                ("B2", "#1000"),
            ],
        )],
    );
    let xlsm = std::fs::read(&xlsx).unwrap();
    dir.write("kecil.xlsm", &as_xlsm(&xlsm));
    dir.write("kecil.ods", &common::small_ods("Realisasi"));
    for (file, format) in [("kecil.xlsm", "xlsm"), ("kecil.ods", "ods")] {
        let output = dir.run(&["check", file, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&output))
            .unwrap_or_else(|e| panic!("{file}: {e}\n{}", common::stderr(&output)));
        assert_eq!(report["format"], format, "{file}");
        assert_valid(&validator, &report, file);
    }
}

/// The schema's list of formats is the list renja names: a new input format fails to compile
/// here (the match is exhaustive) until the schema and docs/report-schema.md know it.
#[test]
fn schema_lists_every_format_renja_reads() {
    use renja::model::SourceFormat;
    let every = [
        SourceFormat::Xlsx,
        SourceFormat::Xlsm,
        SourceFormat::Xlsb,
        SourceFormat::Xls,
        SourceFormat::Ods,
        SourceFormat::Html,
        SourceFormat::Mhtml,
        SourceFormat::Csv,
    ];
    for format in every {
        match format {
            SourceFormat::Xlsx
            | SourceFormat::Xlsm
            | SourceFormat::Xlsb
            | SourceFormat::Xls
            | SourceFormat::Ods
            | SourceFormat::Html
            | SourceFormat::Mhtml
            | SourceFormat::Csv => {}
        }
    }
    let names: Vec<&str> = every.iter().map(|f| f.name()).collect();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/renja-report-1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let listed: Vec<&str> = schema["properties"]["format"]["enum"]
        .as_array()
        .expect("format is an enum")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, names);
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-schema.md"),
    )
    .unwrap();
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `format` |"))
        .expect("format row in docs/report-schema.md");
    for name in names {
        assert!(
            row.contains(&format!("`{name}`")),
            "{name} missing from {row}"
        );
    }
}

/// The xlsx with a VBA project part and the macro-enabled content type, as Excel saves an
/// .xlsm (the part's bytes are never run, nor read).
fn as_xlsm(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..input.len() {
        let mut part = input.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if name == "[Content_Types].xml" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.start_file(
        "xl/vbaProject.bin",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(b"\xD0\xCF\x11\xE0").unwrap();
    out.finish().unwrap().into_inner()
}

/// A one-sheet OpenDocument spreadsheet: a code and a pagu.
#[test]
fn schema_refuses_a_figure_that_is_not_an_exact_string() {
    let validator = schema();
    let mut report = json_report("samples/realisasi-2023.xlsx", "id");
    let index = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["difference"].is_string())
        .expect("a finding with a difference");
    assert!(validator.is_valid(&report));
    report["findings"][index]["difference"] = serde_json::json!(-9490000.0);
    assert!(!validator.is_valid(&report), "a JSON number is not exact");
    report["findings"][index]["difference"] = serde_json::json!("-9.490.000");
    assert!(
        !validator.is_valid(&report),
        "Indonesian text is not a decimal"
    );
}
