//! Snapshots of every report format for every sample in samples/, in both languages, so a
//! change in what renja says shows up in review. The real binary runs from the repository
//! root, so the report names the file as `samples/NAME.xlsx`. Nothing here is volatile but
//! the tool version, which is redacted; the SHA-256 of a committed sample is stable.

mod common;

use std::path::Path;

use common::stdout;

const SAMPLES: [&str; 7] = [
    "evaluasi-renja-2023",
    "formula-kasus",
    "realisasi-2023",
    "realisasi-2023-bersih",
    "realisasi-2023-teks",
    "rencana-2025",
    "review-rkpd-2023",
];

fn report(sample: &str, lang: &str, extra: &[&str]) -> String {
    let file = format!("samples/{sample}.xlsx");
    let output = assert_cmd::Command::cargo_bin("renja")
        .unwrap()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1")
        .args(["check", &file, "--lang", lang])
        .args(extra)
        .output()
        .expect("run renja");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{sample}: exit {:?}\n{}",
        output.status.code(),
        common::stderr(&output)
    );
    stdout(&output)
}

fn each_sample(snapshot: impl Fn(&str, &str)) {
    for sample in SAMPLES {
        for lang in ["id", "en"] {
            snapshot(sample, lang);
        }
    }
}

#[test]
fn terminal_reports() {
    each_sample(|sample, lang| {
        insta::assert_snapshot!(
            format!("terminal-{sample}-{lang}"),
            report(sample, lang, &[])
        );
    });
}

#[test]
fn terminal_reports_with_propagated_findings() {
    each_sample(|sample, lang| {
        insta::assert_snapshot!(
            format!("terminal-all-{sample}-{lang}"),
            report(sample, lang, &["--all"])
        );
    });
}

#[test]
fn terminal_quiet_is_the_summary_line_alone() {
    let text = report("realisasi-2023", "id", &["--quiet"]);
    assert_eq!(
        text,
        "samples/realisasi-2023.xlsx: 4 kesalahan, 0 peringatan, 8 info\n"
    );
}

#[test]
fn json_reports() {
    each_sample(|sample, lang| {
        let text = report(sample, lang, &["--format", "json"]);
        let mut json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        json["tool"]["version"] = "[version]".into();
        insta::assert_json_snapshot!(format!("json-{sample}-{lang}"), json);
    });
}

#[test]
fn csv_reports() {
    each_sample(|sample, lang| {
        insta::assert_snapshot!(
            format!("csv-{sample}-{lang}"),
            report(sample, lang, &["--format", "csv"])
        );
    });
}
