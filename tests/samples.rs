//! Every sample in samples/ through the real binary: what `check` must find (the mismatches
//! samples/README.md lists), and what `clean` must keep (every cell, the input's bytes, no
//! formula, numbers typed as text turned into the exact numbers they say).

mod common;

use std::str::FromStr;

use common::{assert_exit, read, stdout, Workdir};
use renja::model::Raw;
use rust_decimal::Decimal;
use serde_json::Value as Json;

const SAMPLES: &[&str] = &[
    "realisasi-2023.xlsx",
    "realisasi-2023-teks.xlsx",
    "realisasi-2023-bersih.xlsx",
    "evaluasi-renja-2023.xlsx",
    "review-rkpd-2023.xlsx",
    "rencana-2025.xlsx",
    "formula-kasus.xlsx",
];

fn report(dir: &Workdir, sample: &str) -> Json {
    dir.copy_from_repo(&format!("samples/{sample}"));
    let out = dir.run(&["check", sample, "--format", "json", "--fail-on", "info"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        common::stderr(&out)
    );
    serde_json::from_str(&stdout(&out)).expect("JSON report")
}

/// `(rule, cell, root_cause)` of every finding at warning or error level.
fn findings(report: &Json) -> Vec<(String, String, bool)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
                f["root_cause"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn finding<'a>(report: &'a Json, rule: &str, cell: &str) -> &'a Json {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule && f["cell"] == cell)
        .unwrap_or_else(|| panic!("no {rule} at {cell} in {:#}", report["findings"]))
}

#[test]
fn live_realisation_stale_total_is_one_root_cause() {
    let dir = Workdir::new();
    let r = report(&dir, "realisasi-2023.xlsx");
    // G28 =SUM(G29:G32) was saved as 84.885.565; it recomputes to 94.375.565. G8, G7 and the
    // JUMLAH row G59 were computed from it: their stale values follow from the one cause.
    let cause = finding(&r, "formula-mismatch", "G28");
    assert_eq!(
        (
            cause["expected"].as_str(),
            cause["actual"].as_str(),
            cause["difference"].as_str()
        ),
        (Some("94375565"), Some("84885565"), Some("-9490000"))
    );
    assert_eq!(cause["root_cause"], true);
    for cell in ["G7", "G8", "G59"] {
        let echo = finding(&r, "formula-mismatch", cell);
        assert_eq!(echo["root_cause"], false, "{cell}");
        assert_eq!(
            echo["caused_by"],
            serde_json::json!([cause["id"]]),
            "{cell}"
        );
        assert_eq!(echo["difference"], "-9490000", "{cell}");
    }
    let errors: Vec<_> = findings(&r)
        .into_iter()
        .filter(|(rule, ..)| rule != "formula-mismatch")
        .collect();
    assert!(
        errors.is_empty(),
        "nothing else is wrong once formulas are recomputed: {errors:?}"
    );
    assert_eq!(r["summary"]["formulas"], 136);
    assert_eq!(r["summary"]["formulas_recomputed"], 136);
}

#[test]
fn pasted_realisation_sisa_error_is_found_from_the_table_alone() {
    let dir = Workdir::new();
    let r = report(&dir, "realisasi-2023-teks.xlsx");
    let mut got = findings(&r);
    got.sort();
    let expected = [
        ("difference-mismatch", "G28", true),
        ("difference-mismatch", "G59", false),
        ("difference-mismatch", "G7", false),
        ("difference-mismatch", "G8", false),
        ("sum-mismatch", "G28", true),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(r, c, k)| (r.to_string(), c.to_string(), *k))
        .collect();
    assert_eq!(got, expected);
    let root = finding(&r, "difference-mismatch", "G28");
    assert_eq!(
        (root["row_code"].as_str(), root["column"].as_str()),
        (Some("5.03.01.2.09"), Some("sisa"))
    );
    assert_eq!(
        (
            root["expected"].as_str(),
            root["actual"].as_str(),
            root["difference"].as_str()
        ),
        (
            Some("94375565.00"),
            Some("84885565.00"),
            Some("-9490000.00")
        )
    );
    for cell in ["G7", "G8", "G59"] {
        let echo = finding(&r, "difference-mismatch", cell);
        assert!(
            echo["caused_by"].as_array().unwrap().contains(&root["id"]),
            "{cell} must be caused by G28"
        );
        assert_eq!(echo["difference"], "-9490000.00");
    }
    assert_eq!(r["summary"]["numbers_normalised"], 200);
}

#[test]
fn clean_control_has_nothing_at_warning_or_error() {
    let dir = Workdir::new();
    let r = report(&dir, "realisasi-2023-bersih.xlsx");
    assert_eq!(findings(&r), vec![]);
    // Guards that hide a division by a pagu of 0 are listed for auditors, as info only.
    let masked = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "formula-error-masked")
        .count();
    assert_eq!(masked, 7);
}

#[test]
fn evaluation_table_numbering_rules_and_typed_errors() {
    let dir = Workdir::new();
    let r = report(&dir, "evaluasi-renja-2023.xlsx");
    // 172,47 / 0,26 = 663,35 (66335 %), printed 66336 %.
    let rule = finding(&r, "column-rule-mismatch", "I67");
    assert_eq!(rule["row_code"], "5.03.02");
    finding(&r, "formula-error", "I106");
    finding(&r, "code-malformed", "B54");
    for cell in ["I32", "L87", "I106"] {
        finding(&r, "number-typed-error", cell);
    }
}

#[test]
fn plan_table_sums_typed_by_hand_are_checked() {
    let dir = Workdir::new();
    let r = report(&dir, "rencana-2025.xlsx");
    // Kegiatan 5.03.02.2.03: 663.020.800 printed, its sub kegiatan add up to 663.070.800.
    let k69 = finding(&r, "sum-mismatch", "K69");
    assert_eq!(
        (k69["expected"].as_str(), k69["actual"].as_str()),
        (Some("663070800"), Some("663020800"))
    );
    finding(&r, "sum-mismatch", "L69");
    finding(&r, "code-malformed", "A46");
    finding(&r, "number-ambiguous", "I83");
}

#[test]
fn formula_cases_sheet() {
    let dir = Workdir::new();
    let r = report(&dir, "formula-kasus.xlsx");
    let ignored = finding(&r, "formula-text-ignored", "D9");
    assert_eq!(
        (ignored["expected"].as_str(), ignored["actual"].as_str()),
        (Some("89689200"), Some("32142000"))
    );
    finding(&r, "formula-mismatch", "F15");
    finding(&r, "formula-error", "F13");
    finding(&r, "formula-error-masked", "F12");
}

#[test]
fn review_table_is_consistent() {
    let dir = Workdir::new();
    let r = report(&dir, "review-rkpd-2023.xlsx");
    assert_eq!(findings(&r), vec![]);
}

#[test]
fn clean_keeps_every_cell_of_every_sample() {
    let dir = Workdir::new();
    for sample in SAMPLES {
        let input = dir.copy_from_repo(&format!("samples/{sample}"));
        let before = std::fs::read(&input).unwrap();
        let out = dir.run(&["clean", sample]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{sample}: {}",
            common::stderr(&out)
        );
        assert_eq!(
            std::fs::read(&input).unwrap(),
            before,
            "{sample}: input changed"
        );
        let original = read(&input);
        let cleaned = read(&dir.path(&sample.replace(".xlsx", ".bersih.xlsx")));
        for sheet in &original.sheets {
            let twin = cleaned
                .sheet(&sheet.name)
                .unwrap_or_else(|| panic!("{sample}: sheet {} lost", sheet.name));
            let log = cleaned.sheet("Perubahan").unwrap();
            // A change-log row names one cell (`F7`) or a run down a column (`F7:F40`).
            let logged = |cell: renja::model::CellAt| {
                log.cells.iter().any(|(at, c)| match &c.raw {
                    Raw::Text(text) if at.col == 1 && at.row > 0 => {
                        let (first, last) = text.split_once(':').unwrap_or((text, text));
                        let (first, last) = (common::cell(first), common::cell(last));
                        first.col == cell.col && (first.row..=last.row).contains(&cell.row)
                    }
                    _ => false,
                })
            };
            for (at, cell) in &sheet.cells {
                let kept = twin.get(*at).is_some_and(|c| c.raw != Raw::Empty);
                // A formula whose result is "" is written blank; the change log keeps it.
                let blank_formula =
                    cell.formula.is_some() && cell.raw == Raw::Text(String::new()) && logged(*at);
                assert!(
                    kept || blank_formula,
                    "{sample}: {}!{} lost",
                    sheet.name,
                    at.a1()
                );
            }
        }
        for sheet in &cleaned.sheets {
            assert!(
                sheet.cells.values().all(|c| c.formula.is_none()),
                "{sample}: formula left in {}",
                sheet.name
            );
        }
    }
}

#[test]
fn clean_turns_pasted_figures_into_exact_numbers() {
    let dir = Workdir::new();
    dir.copy_from_repo("samples/realisasi-2023-teks.xlsx");
    assert_exit(&dir.run(&["clean", "realisasi-2023-teks.xlsx"]), 1);
    let cleaned = read(&dir.path("realisasi-2023-teks.bersih.xlsx"));
    let sheet = cleaned.sheet("Realisasi 2023").unwrap();
    let number = |a1: &str| match &sheet.get(common::cell(a1)).unwrap().raw {
        Raw::Number(n) => renja::model::excel_decimal(*n).unwrap(),
        other => panic!("{a1} is not a number: {other:?}"),
    };
    for (a1, text) in [
        ("D7", "5636089563"),
        ("E7", "4909528232"),
        ("F7", "87.11"),
        ("G28", "84885565"),
        ("D12", "0"),
    ] {
        assert_eq!(number(a1), Decimal::from_str(text).unwrap(), "{a1}");
    }
    // Codes stay text, canonical.
    assert_eq!(
        sheet.get(common::cell("B7")).unwrap().raw,
        Raw::Text("5.03".into())
    );
    let log = cleaned.sheet("Perubahan").unwrap();
    assert!(
        log.cells.len() > 200 * 5,
        "one change-log row per converted cell"
    );
}

/// Every worksheet part of a sample, as text.
fn sheet_parts(sample: &str) -> Vec<String> {
    use std::io::Read;
    let bytes = common::sample_bytes(sample);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    names
        .iter()
        .map(|name| {
            let mut text = String::new();
            zip.by_name(name)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
        .collect()
}

/// samples/README.md: landscape pages in three samples only, freeze panes below row 6 on
/// Realisasi 2023 and Review RKPD.
#[test]
fn page_setup_and_freeze_panes_are_as_samples_readme_says() {
    for sample in SAMPLES {
        let parts = sheet_parts(sample);
        let landscape = parts
            .iter()
            .any(|x| x.contains(r#"<pageSetup orientation="landscape""#));
        let expected = matches!(
            *sample,
            "evaluasi-renja-2023.xlsx" | "review-rkpd-2023.xlsx" | "rencana-2025.xlsx"
        );
        assert_eq!(landscape, expected, "{sample}: landscape");
        let frozen = parts
            .iter()
            .any(|x| x.contains(r#"<pane ySplit="6" topLeftCell="A7""#) && x.contains("frozen"));
        let expected = sample.starts_with("realisasi-2023") || *sample == "review-rkpd-2023.xlsx";
        assert_eq!(frozen, expected, "{sample}: freeze panes");
    }
}

/// samples/README.md: formula-kasus row 17 holds an empty `<v></v>`, which renja reads as
/// the text "" and reports as a stale value (not as a formula without a cached value).
#[test]
fn formula_cases_row_17_holds_an_empty_cached_value() {
    let parts = sheet_parts("formula-kasus.xlsx");
    assert!(
        parts
            .iter()
            .any(|x| x.contains(r#"<c r="F17""#) && x.contains("<f>D17-E17</f><v></v>")),
        "F17 is not =D17-E17 with <v></v>"
    );
    let dir = Workdir::new();
    let r = report(&dir, "formula-kasus.xlsx");
    let f17 = finding(&r, "formula-mismatch", "F17");
    assert_eq!(f17["expected"], "33955565");
    assert_eq!(f17["actual"], "");
    assert!(r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "formula-no-cache"));
}
