//! Broken zip containers: zip bombs (honest and lying about their sizes), a workbook without
//! sheets, a workbook naming a sheet part that is missing, malformed XML.

use super::{refused, xlsx_by_hand, zip_of};
use super::{CONTENT_TYPES, ROOT_RELS, SHEET_HEAD, SHEET_TAIL, WORKBOOK_RELS};
use crate::common::Workdir;

/// Rewrites the uncompressed size that both the local header and the central directory
/// declare for the part `name`: the zip then lies about how much it unpacks to.
fn lie_about_size(zip: &mut [u8], name: &str, declared: u32) {
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(46) {
        let (sig, size_at, name_len_at, name_at) = match &zip[i..i + 4] {
            b"PK\x03\x04" => ("local", 22, 26, 30),
            b"PK\x01\x02" => ("central", 24, 28, 46),
            _ => continue,
        };
        let len = u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]) as usize;
        if zip.get(i + name_at..i + name_at + len) != Some(name.as_bytes()) {
            continue;
        }
        zip[i + size_at..i + size_at + 4].copy_from_slice(&declared.to_le_bytes());
        patched += 1;
        let _ = sig;
    }
    assert_eq!(
        patched, 2,
        "local header and central directory entry of {name}"
    );
}

/// A sheet whose one cell holds `mib` MiB of the same letter: a few dozen KiB deflated.
fn giant_cell_xlsx(mib: usize) -> Vec<u8> {
    let text = "x".repeat(mib << 20);
    xlsx_by_hand(&format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row>"#
    ))
}

#[test]
fn zip_bomb_declaring_its_size_is_refused_before_unpacking() {
    let dir = Workdir::new();
    let bytes = giant_cell_xlsx(24);
    assert!(bytes.len() < 1 << 20, "a small file: {}", bytes.len());
    dir.write("bom.xlsx", &bytes);
    refused(
        &dir,
        "bom.xlsx",
        &["--max-unpacked", "8000000"],
        "--max-unpacked",
    );
}

#[test]
fn zip_bomb_declaring_four_gib_is_refused_at_the_default_limit() {
    let dir = Workdir::new();
    let mut bytes = xlsx_by_hand(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    lie_about_size(&mut bytes, "xl/worksheets/sheet1.xml", u32::MAX - 1);
    dir.write("bom-4g.xlsx", &bytes);
    refused(&dir, "bom-4g.xlsx", &[], "--max-unpacked");
}

#[test]
fn zip_bomb_lying_small_about_its_size_still_stops_at_the_limit() {
    let dir = Workdir::new();
    let mut bytes = giant_cell_xlsx(24);
    lie_about_size(&mut bytes, "xl/worksheets/sheet1.xml", 4096);
    dir.write("bom-bohong.xlsx", &bytes);
    refused(
        &dir,
        "bom-bohong.xlsx",
        &["--max-unpacked", "8000000"],
        "bom-bohong.xlsx",
    );
}

#[test]
fn workbook_without_sheets_is_refused() {
    let dir = Workdir::new();
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ]);
    dir.write("tanpa-lembar.xlsx", &bytes);
    refused(&dir, "tanpa-lembar.xlsx", &[], "no worksheets");
}

#[test]
fn workbook_naming_a_missing_sheet_part_is_refused() {
    let dir = Workdir::new();
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", super::WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
    ]);
    dir.write("bagian-hilang.xlsx", &bytes);
    refused(&dir, "bagian-hilang.xlsx", &[], "bagian-hilang.xlsx");
}

#[test]
fn sheet_with_an_undefined_xml_entity_is_refused() {
    let dir = Workdir::new();
    let bytes = xlsx_by_hand(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu &bogus; &#0; &#xFFFFFFFF;</t></is></c><c r="B1"><v>100</v></c></row>"#,
    );
    dir.write("entitas.xlsx", &bytes);
    refused(&dir, "entitas.xlsx", &[], "entitas.xlsx");
}

#[test]
fn sheet_xml_cut_off_mid_tag_is_refused() {
    let dir = Workdir::new();
    let sheet =
        format!(r#"{SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v"#);
    let _ = SHEET_TAIL;
    let bytes = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", super::WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    dir.write("xml-terpotong.xlsx", &bytes);
    refused(&dir, "xml-terpotong.xlsx", &[], "xml-terpotong.xlsx");
}

#[test]
fn batch_reports_hostile_files_and_cleans_the_rest() {
    let dir = Workdir::new();
    std::fs::create_dir(dir.path("arsip")).unwrap();
    dir.xlsx(
        "arsip/baik.xlsx",
        &[("Realisasi", &[("A1", "Pagu"), ("B1", "#100")])],
    );
    let mut bomb = xlsx_by_hand(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    lie_about_size(&mut bomb, "xl/worksheets/sheet1.xml", u32::MAX - 1);
    dir.write("arsip/bom.xlsx", &bomb);
    dir.write(
        "arsip/entitas.xlsx",
        &xlsx_by_hand(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>&bogus;</t></is></c></row>"#),
    );
    let (out, _) = super::run_capped(&dir, &["batch", "arsip", "-o", "keluar", "--lang", "en"]);
    let err = crate::common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bom.xlsx") && err.contains("entitas.xlsx"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(dir.path("keluar/baik.bersih.xlsx").is_file(), "{err}");
    assert!(!dir.path("keluar/bom.bersih.xlsx").exists());
}
