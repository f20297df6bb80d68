//! Inputs the fuzz targets (fuzz/, `scripts/fuzz.sh`) found to crash, hang or exhaust memory,
//! each run through the real binary under the suite's memory cap and deadline. Parser bugs
//! found by fuzzing are pinned by unit tests next to the parser instead.

use std::time::Duration;

use rust_xlsxwriter::{Formula, Workbook};

use super::checked;
use crate::common::Workdir;

/// Found by the `formula` target (`T5:451285:45129^312^…`, minimised): an operator applied
/// to a range built every element of it, so `=A1:XFD1048576*2` asked for 17 billion values
/// and the process aborted, and a row times a column (`A1:XFD1*A1:A1048576`) broadcast to as
/// many. Such formulas are now the finding `formula-too-large` and keep their saved value.
#[test]
fn huge_array_from_a_range_operator_is_a_finding() {
    let dir = Workdir::new();
    let mut book = Workbook::new();
    let data = book.add_worksheet().set_name("Data").unwrap();
    data.write_string(0, 0, "Pagu").unwrap();
    data.write_number(1, 0, 1.0).unwrap();
    // The target's own input: rows 5 to 451285 of this sheet, raised to powers element by
    // element (in row 3, outside the range).
    data.write_formula(
        2,
        1,
        Formula::new("=T5:451285:45129^312^3128^3-255555^5").set_result("0"),
    )
    .unwrap();
    // On their own sheet, so the ranges do not take in the formulas (a cycle).
    let formulas = book.add_worksheet().set_name("Rumus").unwrap();
    for (row, formula) in [
        (2, "=Data!A1:XFD1048576*2"),
        (3, "=SUM(Data!A1:XFD1*Data!A1:A1048576)"),
    ] {
        formulas
            .write_formula(row, 1, Formula::new(formula).set_result("0"))
            .unwrap();
    }
    book.save(dir.path("larik.xlsx")).unwrap();
    let (out, took) = checked(&dir, "larik.xlsx", &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("json report");
    let findings = report["findings"].as_array().expect("findings");
    for (sheet, cell) in [("Data", "B3"), ("Rumus", "B3"), ("Rumus", "B4")] {
        let found = findings
            .iter()
            .any(|f| f["rule"] == "formula-too-large" && f["sheet"] == sheet && f["cell"] == cell);
        assert!(found, "no formula-too-large at {sheet}!{cell}:\n{out}");
    }
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

/// Found by the `sheet_xml` target: a cell reference past Excel's grid. Seven letters or more
/// (`AAAAAAAAAA2`, or `FPerubahan t=` where a quote was lost) overflowed calamine's column
/// arithmetic (a panic where overflow is checked, a wrapped column where it is not);
/// `ZZZZ2` or row 99 999 999 were read, then `renja clean` failed in the xlsx writer. Each is
/// now refused as a corrupt sheet.
#[test]
fn cell_reference_past_excels_grid_is_refused() {
    for (name, cell, shown) in [
        ("kolom-meluap.xlsx", r#"<c r="AAAAAAAAAA2">"#, "AAAAAAAAAA2"),
        (
            "baris-meluap.xlsx",
            r#"<c r="A99999999999">"#,
            "A99999999999",
        ),
        ("kolom-lebar.xlsx", r#"<c r="ZZZZ2">"#, "ZZZZ2"),
        ("baris-jauh.xlsx", r#"<c r="A99999999">"#, "A99999999"),
        (
            "kutip-hilang.xlsx",
            r#"<c r="FPerubahan t=">"#,
            "FPerubahan t=",
        ),
        (
            "kutip-tunggal.xlsx",
            r#"<c s="1" r = 'AAAAAAAAAA2'>"#,
            "AAAAAAAAAA2",
        ),
    ] {
        let dir = Workdir::new();
        let rows = format!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu</t></is></c></row><row r="2">{cell}<v>1</v></c></row>"#
        );
        dir.write(name, &super::xlsx_by_hand(&rows));
        let err = super::refused(&dir, name, &[], "outside Excel's grid");
        assert!(err.contains(shown), "{err}");
    }
}

/// A row past the grid as Excel writes it, `<row r="99999999"><c r="A99999999">`, was reported
/// as "cell 99999999" (the row's number, found first); the message names the cell.
#[test]
fn a_row_past_excels_grid_is_named_by_its_cell() {
    let dir = Workdir::new();
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu</t></is></c></row><row r="99999999"><c r="A99999999"><v>1</v></c></row>"#;
    dir.write("baris-excel.xlsx", &super::xlsx_by_hand(rows));
    let err = super::refused(&dir, "baris-excel.xlsx", &[], "outside Excel's grid");
    assert!(err.contains("cell A99999999 "), "{err}");
}

/// Found by the `sheet_xml` target: a `<dimension ref="I1:E6"/>` whose corners are the wrong
/// way round made calamine subtract past zero, a panic where overflow is checked (debug
/// builds, tests); release builds wrap and calamine only logs a warning. The dimension is a
/// hint renja does not use for input, so the file is read like any other.
#[test]
fn dimension_with_corners_reversed_is_read() {
    let dir = Workdir::new();
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu</t></is></c></row><row r="2"><c r="A2"><v>5</v></c></row>"#;
    let sheet = format!("{}{rows}{}", super::SHEET_HEAD, super::SHEET_TAIL)
        .replace("<sheetData>", r#"<dimension ref="I1:E6"/><sheetData>"#);
    let xlsx = super::zip_of(&[
        ("[Content_Types].xml", super::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", super::ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", super::WORKBOOK.as_bytes()),
        (
            "xl/_rels/workbook.xml.rels",
            super::WORKBOOK_RELS.as_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    dir.write("dimensi-terbalik.xlsx", &xlsx);
    checked(&dir, "dimensi-terbalik.xlsx", &[]);
}

/// Found by the `workbook_parts` target (a workbook.xml whose `<sheets>` came twice): two
/// sheets of one name, which Excel never writes (names are unique, case aside). calamine read
/// the first sheet's cells twice, and writing the cleaned workbook failed on the second name
/// after the file had been checked. Such a workbook is now refused as corrupt.
#[test]
fn two_sheets_of_one_name_are_refused() {
    let dir = Workdir::new();
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Realisasi 2023" sheetId="1" r:id="rId1"/></sheets><sheets><sheet name="REALISASI 2023" sheetId="2" r:id="rId1"/></sheets></workbook>"#;
    let bytes = xlsx_with_workbook(workbook);
    dir.write("nama-ganda.xlsx", &bytes);
    let err = super::refused(&dir, "nama-ganda.xlsx", &[], "REALISASI 2023");
    assert!(err.contains("two sheets"), "{err}");
}

/// Found by `workbook_parts` next: a sheet whose name is empty (`<sheet name="">`), which no
/// spreadsheet program writes; writing the cleaned workbook failed on it after the file had
/// been checked. Refused as corrupt.
#[test]
fn a_sheet_without_a_name_is_refused() {
    let dir = Workdir::new();
    let workbook = super::WORKBOOK.replace(r#"name="Realisasi""#, r#"name="""#);
    let bytes = xlsx_with_workbook(&workbook);
    dir.write("tanpa-nama.xlsx", &bytes);
    super::refused(&dir, "tanpa-nama.xlsx", &[], "without a name");
}

/// A one-sheet xlsx ("Pagu | 100") whose workbook part is `workbook`.
fn xlsx_with_workbook(workbook: &str) -> Vec<u8> {
    let sheet = format!(
        r#"{}<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu</t></is></c><c r="B1"><v>100</v></c></row>{}"#,
        super::SHEET_HEAD,
        super::SHEET_TAIL
    );
    super::zip_of(&[
        ("[Content_Types].xml", super::CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", super::ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        (
            "xl/_rels/workbook.xml.rels",
            super::WORKBOOK_RELS.as_bytes(),
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// Found by `workbook_parts` after that: a sheet name holding `/` (`Rencanaxl/theme/theme1.xml
/// 2025`, a part name spliced in). Neither Excel nor LibreOffice lets a sheet name hold
/// `[ ] : * ? / \`, and writing the cleaned workbook failed on it; refused as corrupt.
#[test]
fn a_sheet_name_with_a_character_no_spreadsheet_allows_is_refused() {
    let dir = Workdir::new();
    let workbook = super::WORKBOOK.replace(
        r#"name="Realisasi""#,
        r#"name="Rencanaxl/theme/theme1.xml 2025""#,
    );
    dir.write("nama-aneh.xlsx", &xlsx_with_workbook(&workbook));
    super::refused(
        &dir,
        "nama-aneh.xlsx",
        &[],
        "Rencanaxl/theme/theme1.xml 2025",
    );
}
