//! Every sample's JSON report, in both languages, validates against the committed JSON
//! Schema `docs/renja-report-1.schema.json`; and the schema is not vacuous: a report with a
//! figure as a JSON number (not an exact string) is refused.

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

fn samples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".xlsx"))
        .map(|name| format!("samples/{name}"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "samples missing: {files:?}");
    files
}

#[test]
fn every_sample_report_validates() {
    let validator = schema();
    for file in samples() {
        for lang in ["id", "en"] {
            let report = json_report(&file, lang);
            let errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{file} ({lang}):\n{}", errors.join("\n"));
        }
    }
}

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
