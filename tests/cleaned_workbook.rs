//! The cleaned workbook as an auditor opens it: the `Temuan` sheet lists exactly the JSON
//! report's findings (same id, rule, cell and figures, same order), each cell link jumps to
//! the flagged cell, each flagged cell has the fill of its worst severity and a note, and no
//! formula is left anywhere. Read from the xlsx parts themselves (zip + XML), not through
//! renja's reader, so the test sees what Excel sees.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use common::{assert_exit, read, stdout, Workdir};
use regex::Regex;
use renja::model::Raw;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The parts of an xlsx by name, as text.
struct Parts(HashMap<String, String>);

impl Parts {
    fn open(path: &Path) -> Parts {
        let file = std::fs::File::open(path).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut text = String::new();
            if entry.read_to_string(&mut text).is_ok() {
                parts.insert(name, text);
            }
        }
        Parts(parts)
    }

    fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .unwrap_or_else(|| panic!("part {name} missing"))
    }

    /// Sheet name → its part (`xl/worksheets/sheet3.xml`).
    fn sheets(&self) -> HashMap<String, String> {
        let rels = self.get("xl/_rels/workbook.xml.rels");
        let rel = Regex::new(r#"<Relationship [^>]*>"#).unwrap();
        let targets: HashMap<String, String> = rel
            .find_iter(rels)
            .map(|m| (attr(m.as_str(), "Id"), attr(m.as_str(), "Target")))
            .collect();
        let sheet = Regex::new(r#"<sheet [^>]*>"#).unwrap();
        sheet
            .find_iter(self.get("xl/workbook.xml"))
            .map(|m| {
                let target = &targets[&attr(m.as_str(), "r:id")];
                let part = format!("xl/{}", target.trim_start_matches("/xl/"));
                (unescape(&attr(m.as_str(), "name")), part)
            })
            .collect()
    }

    /// Cell → fill colour (`FFFFC7CE`) of every cell in a sheet part whose style has a fill.
    fn fills(&self, sheet_part: &str) -> HashMap<String, String> {
        let styles = self.get("xl/styles.xml");
        let section = |tag: &str| {
            let start = styles.find(&format!("<{tag}")).unwrap();
            let end = styles.find(&format!("</{tag}>")).unwrap();
            styles[start..end].to_string()
        };
        let fills: Vec<Option<String>> = Regex::new(r"(?s)<fill>.*?</fill>")
            .unwrap()
            .find_iter(&section("fills"))
            .map(|m| {
                Regex::new(r#"<fgColor rgb="([0-9A-F]+)""#)
                    .unwrap()
                    .captures(m.as_str())
                    .map(|c| c[1].to_string())
            })
            .collect();
        let xf_fill: Vec<usize> = Regex::new(r"<xf [^>]*>")
            .unwrap()
            .find_iter(&section("cellXfs"))
            .map(|m| attr(m.as_str(), "fillId").parse().unwrap_or(0))
            .collect();
        Regex::new(r#"<c r="([A-Z]+[0-9]+)" s="([0-9]+)""#)
            .unwrap()
            .captures_iter(self.get(sheet_part))
            .filter_map(|c| {
                let fill = fills[xf_fill[c[2].parse::<usize>().unwrap()]].clone()?;
                Some((c[1].to_string(), fill))
            })
            .collect()
    }

    /// The cells that carry a note in a sheet part.
    fn notes(&self, sheet_part: &str) -> Vec<String> {
        let rels_part = sheet_part.replace("worksheets/", "worksheets/_rels/") + ".rels";
        let Some(rels) = self.0.get(&rels_part) else {
            return Vec::new();
        };
        let comments = Regex::new(r#"Target="\.\./(comments[0-9]+\.xml)""#)
            .unwrap()
            .captures(rels)
            .map(|c| format!("xl/{}", &c[1]));
        let Some(comments) = comments else {
            return Vec::new();
        };
        Regex::new(r#"<comment ref="([A-Z]+[0-9]+)""#)
            .unwrap()
            .captures_iter(self.get(&comments))
            .map(|c| c[1].to_string())
            .collect()
    }
}

fn attr(element: &str, name: &str) -> String {
    let re = Regex::new(&format!(r#"\s{}="([^"]*)""#, regex::escape(name))).unwrap();
    re.captures(element)
        .map(|c| c[1].to_string())
        .unwrap_or_default()
}

fn unescape(text: &str) -> String {
    text.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn fill_of(severity: &str) -> &'static str {
    match severity {
        "error" => "FFFFC7CE",
        "warning" => "FFFFEB9C",
        _ => "FFDDEBF7",
    }
}

fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

fn same_figure(json: &serde_json::Value, cell: Option<&Raw>, what: &str) {
    match (json.as_str(), cell) {
        // An empty text (a formula saved with "" as its value) is a blank cell in xlsx.
        (None | Some(""), None | Some(Raw::Empty)) => {}
        (Some(text), Some(Raw::Number(n))) => {
            let exact: Decimal = text.parse().unwrap_or_else(|_| panic!("{what}: {text}"));
            assert_eq!(exact.to_f64().unwrap(), *n, "{what}");
        }
        (Some(text), Some(Raw::Text(t))) => assert_eq!(text, t, "{what}"),
        (json, cell) => panic!("{what}: JSON {json:?}, sheet {cell:?}"),
    }
}

fn check_sample(sample: &str) {
    let dir = Workdir::new();
    dir.copy_from_repo(&format!("samples/{sample}.xlsx"));
    let input = format!("{sample}.xlsx");
    let out = dir.run(&["clean", &input, "-o", "clean.xlsx"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stdout(&out));
    let json = dir.run(&["check", &input, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let findings = report["findings"].as_array().unwrap();

    let cleaned = read(&dir.path("clean.xlsx"));
    let temuan = cleaned.sheet("Temuan").expect("Temuan sheet");
    let value = |row: u32, col: u32| {
        temuan
            .get(renja::model::CellAt::new(row, col))
            .map(|c| &c.raw)
    };
    let text_at = |row: u32, col: u32| match value(row, col) {
        Some(Raw::Text(t)) => t.clone(),
        other => panic!("{sample} Temuan row {row} col {col}: {other:?}"),
    };
    let last_row = temuan.cells.keys().map(|at| at.row).max().unwrap_or(0);
    assert_eq!(
        last_row as usize,
        findings.len(),
        "{sample}: one row per finding"
    );

    let parts = Parts::open(&dir.path("clean.xlsx"));
    let sheets = parts.sheets();
    let temuan_xml = parts.get(&sheets["Temuan"]);
    let links: HashMap<String, String> = Regex::new(r"<hyperlink [^>]*>")
        .unwrap()
        .find_iter(temuan_xml)
        .map(|m| {
            (
                attr(m.as_str(), "ref"),
                unescape(&attr(m.as_str(), "location")),
            )
        })
        .collect();

    let mut worst: HashMap<(String, String), &str> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        let row = i as u32 + 1;
        let what = format!("{sample} Temuan row {}", row + 1);
        assert_eq!(text_at(row, 0), f["id"].as_str().unwrap(), "{what} id");
        assert_eq!(text_at(row, 2), f["rule"].as_str().unwrap(), "{what} rule");
        assert_eq!(
            text_at(row, 3),
            f["sheet"].as_str().unwrap(),
            "{what} sheet"
        );
        same_figure(&f["expected"], value(row, 8), &format!("{what} expected"));
        same_figure(&f["actual"], value(row, 9), &format!("{what} actual"));
        same_figure(
            &f["difference"],
            value(row, 10),
            &format!("{what} difference"),
        );
        let Some(cell) = f["cell"].as_str() else {
            continue;
        };
        assert_eq!(text_at(row, 4), cell, "{what} cell");
        let sheet = f["sheet"].as_str().unwrap();
        let target = format!("'{}'!{cell}", sheet.replace('\'', "''"));
        assert_eq!(
            links.get(&format!("E{}", row + 1)),
            Some(&target),
            "{what} link"
        );
        let severity = f["severity"].as_str().unwrap();
        let entry = worst
            .entry((sheet.to_string(), cell.to_string()))
            .or_insert(severity);
        if rank(severity) > rank(entry) {
            *entry = severity;
        }
    }

    for ((sheet, cell), severity) in &worst {
        let part = &sheets[sheet];
        let fills = parts.fills(part);
        assert_eq!(
            fills.get(cell).map(String::as_str),
            Some(fill_of(severity)),
            "{sample} {sheet}!{cell} fill"
        );
        assert!(
            parts.notes(part).contains(cell),
            "{sample} {sheet}!{cell} has no note"
        );
    }

    for (name, part) in &sheets {
        let xml = parts.get(part);
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{sample}: formula left in sheet {name}"
        );
    }
}

#[test]
fn realisasi_findings_sheet_matches_the_report() {
    check_sample("realisasi-2023");
}

#[test]
fn evaluasi_findings_sheet_matches_the_report() {
    check_sample("evaluasi-renja-2023");
}

#[test]
fn formula_cases_findings_sheet_matches_the_report() {
    check_sample("formula-kasus");
}

#[test]
fn rencana_findings_sheet_matches_the_report() {
    check_sample("rencana-2025");
}

#[test]
fn clean_sample_has_an_empty_findings_sheet() {
    let dir = Workdir::new();
    dir.copy_from_repo("samples/review-rkpd-2023.xlsx");
    let out = dir.run(&["clean", "review-rkpd-2023.xlsx", "-o", "clean.xlsx"]);
    assert_exit(&out, 0);
    let cleaned = read(&dir.path("clean.xlsx"));
    let temuan = cleaned.sheet("Temuan").expect("Temuan sheet");
    assert!(temuan.cells.keys().all(|at| at.row == 0), "header row only");
}

/// A sheet with more flagged cells than get a note (issue 17): 700 stale formulas. Notes go
/// on the first 500 in reading order (one severity), every flagged cell keeps its fill, the
/// findings sheet lists all 700, and the summary says where the other notes are.
#[test]
fn notes_stop_at_the_cap_and_the_summary_says_where_the_rest_are() {
    let dir = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Data").unwrap();
    sheet.write_string(0, 0, "Nilai").unwrap();
    sheet.write_string(0, 1, "Dua kali").unwrap();
    for row in 1..=700u32 {
        sheet.write_number(row, 0, f64::from(row)).unwrap();
        let formula = rust_xlsxwriter::Formula::new(format!("=A{}*2", row + 1)).set_result("1");
        sheet.write_formula(row, 1, formula).unwrap();
    }
    book.save(dir.path("banyak.xlsx")).unwrap();

    let out = dir.run(&["clean", "banyak.xlsx", "-o", "bersih.xlsx"]);
    assert_exit(&out, 1);
    let parts = Parts::open(&dir.path("bersih.xlsx"));
    let sheets = parts.sheets();
    let notes = parts.notes(&sheets["Data"]);
    let first: Vec<String> = (2..=501).map(|row| format!("B{row}")).collect();
    assert_eq!(notes, first, "notes on the first 500 flagged cells");
    let fills = parts.fills(&sheets["Data"]);
    assert!(
        (2..=701).all(|row| fills.contains_key(&format!("B{row}"))),
        "every flagged cell is filled"
    );

    let cleaned = read(&dir.path("bersih.xlsx"));
    let temuan = cleaned.sheet("Temuan").unwrap();
    assert_eq!(temuan.cells.keys().map(|at| at.row).max(), Some(700));
    let ringkasan = cleaned.sheet("Ringkasan").unwrap();
    let said: Vec<&str> = ringkasan
        .cells
        .values()
        .filter_map(|c| match &c.raw {
            Raw::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        said.iter()
            .any(|t| t.starts_with("Lembar Data: 700 sel bertanda; 500 sel")
                && t.contains("ada di lembar Temuan")),
        "{said:?}"
    );
}

/// Data sheets are written row by row in one pass (issue 17: the writer's low-memory mode):
/// merges that span later rows, cells inside and beside them, and the blank of a flagged
/// empty cell below a merge's first row all land where they were, with the flag and its note.
#[test]
fn merges_cells_and_flagged_blanks_are_written_in_one_pass() {
    let dir = Workdir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Data").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(0, 0, 1, 0, "Kode", &plain).unwrap();
    sheet.merge_range(0, 1, 0, 2, "Anggaran", &plain).unwrap();
    sheet.write_string(0, 3, "Persen").unwrap();
    sheet.write_string(1, 1, "Pagu").unwrap();
    sheet.write_string(1, 2, "Realisasi").unwrap();
    // A note down the side, merged over the three data rows.
    sheet.merge_range(2, 4, 4, 4, "catatan", &plain).unwrap();
    for (row, (code, pagu, realisasi)) in [
        ("5.03.02", 100.0, 50.0),
        ("5.03.03", 0.0, 10.0),
        ("5.03.04", 10.0, 5.0),
    ]
    .into_iter()
    .enumerate()
    {
        let row = row as u32 + 2;
        sheet.write_string(row, 0, code).unwrap();
        sheet.write_number(row, 1, pagu).unwrap();
        sheet.write_number(row, 2, realisasi).unwrap();
        let result = if pagu == 0.0 {
            String::new()
        } else {
            (realisasi / pagu * 100.0).to_string()
        };
        let formula =
            rust_xlsxwriter::Formula::new(format!("=IFERROR(C{0}/B{0}*100,\"\")", row + 1))
                .set_result(result);
        sheet.write_formula(row, 3, formula).unwrap();
    }
    book.save(dir.path("gabung.xlsx")).unwrap();

    let out = dir.run(&["clean", "gabung.xlsx", "-o", "bersih.xlsx"]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        common::stderr(&out)
    );
    let parts = Parts::open(&dir.path("bersih.xlsx"));
    let data = &parts.sheets()["Data"];
    let merges: Vec<String> = Regex::new(r#"<mergeCell ref="([A-Z0-9:]+)""#)
        .unwrap()
        .captures_iter(parts.get(data))
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(merges, ["A1:A2", "B1:C1", "E3:E5"]);
    // D4 is empty (the IFERROR hides a division by zero) and flagged: filled, with a note.
    assert!(
        parts.fills(data).contains_key("D4"),
        "{:?}",
        parts.fills(data)
    );
    assert!(parts.notes(data).contains(&"D4".to_string()));
    let cleaned = read(&dir.path("bersih.xlsx"));
    let sheet = cleaned.sheet("Data").unwrap();
    let text = |a1: &str| match &sheet.get(common::cell(a1)).map(|c| &c.raw) {
        Some(Raw::Text(t)) => t.clone(),
        Some(Raw::Number(n)) => n.to_string(),
        other => format!("{other:?}"),
    };
    for (a1, expected) in [
        ("A1", "Kode"),
        ("B1", "Anggaran"),
        ("C2", "Realisasi"),
        ("E3", "catatan"),
        ("A4", "5.03.03"),
        ("C4", "10"),
        ("D3", "50"),
        ("A5", "5.03.04"),
        ("D5", "50"),
    ] {
        assert_eq!(text(a1), expected, "{a1}");
    }
}
