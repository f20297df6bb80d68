//! Sheets whose extent is enormous while their content is tiny: one value at XFD1048576, a
//! million-row sheet with a value every thousand rows, the same stray cell in an .ods whose
//! reader builds a dense grid.

use std::time::Duration;

use rust_xlsxwriter::Workbook;

use super::{checked, refused, zip_of};
use crate::common::Workdir;

#[test]
fn xlsx_with_one_value_at_xfd1048576_is_read_sparsely() {
    let dir = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Pagu").unwrap();
    sheet.write_number(0, 1, 100.0).unwrap();
    sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
    book.save(dir.path("jauh.xlsx")).unwrap();
    let (_, took) = checked(&dir, "jauh.xlsx", &[]);
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn xlsx_with_a_million_sparse_rows_is_read() {
    let dir = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Pagu").unwrap();
    for row in (1..1_048_576).step_by(1000) {
        sheet.write_number(row, 0, f64::from(row)).unwrap();
    }
    sheet.write_number(1_048_575, 0, 1.0).unwrap();
    book.save(dir.path("jarang.xlsx")).unwrap();
    let (_, took) = checked(&dir, "jarang.xlsx", &[]);
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Realisasi">"#;
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>";

/// An .ods with "Pagu | 100" in A1:B1, `empty_rows` empty rows, then one number after
/// `empty_cols` empty cells.
fn ods_with_stray_cell(empty_rows: u32, empty_cols: u32) -> Vec<u8> {
    let content = format!(
        concat!(
            "{head}",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Pagu</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="float" office:value="100"><text:p>100</text:p></table:table-cell></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="{cols}"/>"#,
            r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
            "{tail}"
        ),
        head = ODS_HEAD,
        rows = empty_rows,
        cols = empty_cols,
        tail = ODS_TAIL
    );
    ods_of(&content)
}

fn ods_of(content: &str) -> Vec<u8> {
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// An .ods holding `rows` in its one table from A1: floats where a field reads as a number
/// in Rust's syntax, text otherwise, and below the table a formula summing its last column.
/// The mutation suite's ods seed.
pub(super) fn table_ods(rows: &[Vec<String>]) -> Vec<u8> {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    let mut content = String::from(ODS_HEAD);
    for row in rows {
        content.push_str("<table:table-row>");
        for field in row {
            match field.parse::<f64>() {
                Ok(n) => content.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                )),
                Err(_) if field.is_empty() => content.push_str("<table:table-cell/>"),
                Err(_) => content.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    escape(field)
                )),
            }
        }
        content.push_str("</table:table-row>");
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    let column = (b'A' + (width.clamp(1, 26) - 1) as u8) as char;
    content.push_str(&format!(
        r#"<table:table-row><table:table-cell table:number-columns-repeated="{}"/><table:table-cell table:formula="of:=SUM([.{column}1:.{column}{}])" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell></table:table-row>"#,
        width.saturating_sub(1).max(1),
        rows.len().max(1)
    ));
    content.push_str(ODS_TAIL);
    ods_of(&content)
}

#[test]
fn ods_with_one_value_at_xfd1048576_is_refused_not_aborted() {
    let dir = Workdir::new();
    dir.write("jauh.ods", &ods_with_stray_cell(1_048_574, 16_383));
    refused(&dir, "jauh.ods", &[], "--max-cells");
}

#[test]
fn ods_whose_used_area_is_a_hundred_million_cells_is_refused() {
    // Under calamine's own 100-million-cell cap, but a dense grid of that size is gigabytes.
    let dir = Workdir::new();
    dir.write("lebar.ods", &ods_with_stray_cell(99_000, 999));
    refused(&dir, "lebar.ods", &[], "--max-cells");
}

#[test]
fn small_ods_is_still_read() {
    let dir = Workdir::new();
    dir.write("kecil.ods", &ods_with_stray_cell(3, 2));
    checked(&dir, "kecil.ods", &[]);
    // The same far cell passes once the user raises the limit past its area.
    dir.write("agak-jauh.ods", &ods_with_stray_cell(2_000, 50));
    refused(
        &dir,
        "agak-jauh.ods",
        &["--max-cells", "100000"],
        "--max-cells",
    );
    checked(&dir, "agak-jauh.ods", &["--max-cells", "200000"]);
}

#[test]
fn ods_read_past_the_memory_budget_is_refused_at_the_budget() {
    // 2 001 × 52 cells as a dense grid in calamine, then in renja's model: a few MiB. The
    // reader child stops at a budget of 2 MiB; the same file reads under the default.
    let dir = Workdir::new();
    dir.write("anggaran.ods", &ods_with_stray_cell(2_000, 50));
    let err = refused(
        &dir,
        "anggaran.ods",
        &["--max-memory", "2MiB"],
        "--max-memory",
    );
    assert!(err.contains("2 MiB"), "{err}");
    checked(&dir, "anggaran.ods", &[]);
}
