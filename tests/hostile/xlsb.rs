//! Hostile .xlsb (issue 8): a zip whose parts declare a binary workbook, `xl/workbook.bin`,
//! with BIFF12 records that are cut short, garbage, point at a relationship or a sheet part
//! that does not exist, or hold a record shorter than its type requires. Each is refused with
//! a message naming the file (exit 2), never a panic; a well-formed one built the same way is
//! read, so the refusals are about the damage and not about the hand-made container.

use super::{checked, refused, zip_of};
use crate::common::Workdir;

/// One BIFF12 record: its type and length as 7-bit groups (high bit: another byte follows),
/// then the body.
fn record(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if kind < 0x80 {
        out.push(kind as u8);
    } else {
        out.push((kind & 0x7F) as u8 | 0x80);
        out.push((kind >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let low = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(low);
            break;
        }
        out.push(low | 0x80);
    }
    out.extend_from_slice(body);
    out
}

/// An XLWideString: a u32 count of UTF-16 units, then the units.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

const BEGIN_BOOK: u16 = 0x83;
const BEGIN_BUNDLE_SHS: u16 = 0x8F;
const BUNDLE_SH: u16 = 0x9C;
const END_BUNDLE_SHS: u16 = 0x90;
const CALC_PROP: u16 = 0x9D;
const END_BOOK: u16 = 0x84;
const WB_PROP: u16 = 0x99;

/// A BrtBundleSh: visible, tab 1, the relationship id, the sheet name.
fn bundle_sheet(rel_id: &str, name: &str) -> Vec<u8> {
    let mut body = 0u32.to_le_bytes().to_vec();
    body.extend(1u32.to_le_bytes());
    body.extend(wide(rel_id));
    body.extend(wide(name));
    record(BUNDLE_SH, &body)
}

/// `xl/workbook.bin` listing one sheet "Realisasi" behind relationship `rId1`.
fn workbook_bin() -> Vec<u8> {
    [
        record(BEGIN_BOOK, &[]),
        record(BEGIN_BUNDLE_SHS, &[]),
        bundle_sheet("rId1", "Realisasi"),
        record(END_BUNDLE_SHS, &[]),
        record(CALC_PROP, &[0; 26]),
        record(END_BOOK, &[]),
    ]
    .concat()
}

const BEGIN_SHEET: u16 = 0x81;
const WS_DIM: u16 = 0x94;
const BEGIN_SHEET_DATA: u16 = 0x91;
const ROW_HDR: u16 = 0x00;
const CELL_REAL: u16 = 0x05;
const CELL_ST: u16 = 0x06;
const END_SHEET_DATA: u16 = 0x92;

/// A cell record's head: the column, then style index and flags (zero).
fn cell_head(col: u32) -> Vec<u8> {
    let mut body = col.to_le_bytes().to_vec();
    body.extend([0u8; 4]);
    body
}

/// `xl/worksheets/sheet1.bin`: "Pagu" in A1, 1500000 in B1.
fn sheet_bin() -> Vec<u8> {
    let mut dims = Vec::new();
    for v in [0u32, 0, 0, 1] {
        dims.extend(v.to_le_bytes());
    }
    let mut text = cell_head(0);
    text.extend(wide("Pagu"));
    let mut number = cell_head(1);
    number.extend(1_500_000f64.to_le_bytes());
    [
        record(BEGIN_SHEET, &[]),
        record(WS_DIM, &dims),
        record(BEGIN_SHEET_DATA, &[]),
        record(ROW_HDR, &[0; 17]),
        record(CELL_ST, &text),
        record(CELL_REAL, &number),
        record(END_SHEET_DATA, &[]),
    ]
    .concat()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;

/// An xlsb holding `rows` in its one sheet from A1: text cells, and numbers where a field
/// reads as one in Rust's syntax (`1500000`, `87.11`). The mutation suite's xlsb seed.
pub(super) fn table_xlsb(rows: &[Vec<String>]) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as u32;
    let mut dims = Vec::new();
    for v in [0, rows.len().max(1) as u32 - 1, 0, width - 1] {
        dims.extend(v.to_le_bytes());
    }
    let mut records = vec![
        record(BEGIN_SHEET, &[]),
        record(WS_DIM, &dims),
        record(BEGIN_SHEET_DATA, &[]),
    ];
    for (r, row) in rows.iter().enumerate() {
        let mut header = (r as u32).to_le_bytes().to_vec();
        header.extend([0u8; 13]);
        records.push(record(ROW_HDR, &header));
        for (c, field) in row.iter().enumerate() {
            let mut body = cell_head(c as u32);
            match field.parse::<f64>() {
                Ok(number) => {
                    body.extend(number.to_le_bytes());
                    records.push(record(CELL_REAL, &body));
                }
                Err(_) if field.is_empty() => {}
                Err(_) => {
                    body.extend(wide(field));
                    records.push(record(CELL_ST, &body));
                }
            }
        }
    }
    records.push(record(END_SHEET_DATA, &[]));
    xlsb(
        &workbook_bin(),
        Some(WORKBOOK_RELS),
        Some(&records.concat()),
    )
}

/// An xlsb from its workbook part, its workbook relationships and its sheet part (`None`
/// leaves the part out).
fn xlsb(workbook: &[u8], rels: Option<&str>, sheet: Option<&[u8]>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.bin", workbook),
    ];
    if let Some(rels) = rels {
        parts.push(("xl/_rels/workbook.bin.rels", rels.as_bytes()));
    }
    if let Some(sheet) = sheet {
        parts.push(("xl/worksheets/sheet1.bin", sheet));
    }
    zip_of(&parts)
}

#[test]
fn a_well_formed_hand_made_xlsb_is_read() {
    let dir = Workdir::new();
    dir.write(
        "utuh.xlsb",
        &xlsb(&workbook_bin(), Some(WORKBOOK_RELS), Some(&sheet_bin())),
    );
    let (report, _) = checked(&dir, "utuh.xlsb", &[]);
    assert!(report.contains("utuh.xlsb"), "{report}");
}

#[test]
fn workbook_bin_cut_off_mid_record_is_refused() {
    let dir = Workdir::new();
    let whole = workbook_bin();
    // Inside the BrtBundleSh: its length promises bytes the part does not hold.
    let cut = &whole[..record(BEGIN_BOOK, &[]).len() + record(BEGIN_BUNDLE_SHS, &[]).len() + 9];
    dir.write(
        "terpotong.xlsb",
        &xlsb(cut, Some(WORKBOOK_RELS), Some(&sheet_bin())),
    );
    refused(&dir, "terpotong.xlsb", &[], "terpotong.xlsb");
}

#[test]
fn workbook_bin_of_garbage_is_refused() {
    let dir = Workdir::new();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    dir.write(
        "sampah.xlsb",
        &xlsb(&garbage, Some(WORKBOOK_RELS), Some(&sheet_bin())),
    );
    refused(&dir, "sampah.xlsb", &[], "sampah.xlsb");
}

#[test]
fn records_shorter_than_their_type_are_refused() {
    let dir = Workdir::new();
    // A BrtBundleSh of four bytes: too short to hold a relationship id.
    let short_sheet = [
        record(BEGIN_BOOK, &[]),
        record(BUNDLE_SH, &[0; 4]),
        record(END_BUNDLE_SHS, &[]),
        record(END_BOOK, &[]),
    ]
    .concat();
    dir.write(
        "lembar-pendek.xlsb",
        &xlsb(&short_sheet, Some(WORKBOOK_RELS), Some(&sheet_bin())),
    );
    refused(&dir, "lembar-pendek.xlsb", &[], "lembar-pendek.xlsb");
    // An empty BrtWbProp, the first record read.
    let short_prop = [record(WB_PROP, &[]), workbook_bin()].concat();
    dir.write(
        "properti-kosong.xlsb",
        &xlsb(&short_prop, Some(WORKBOOK_RELS), Some(&sheet_bin())),
    );
    refused(&dir, "properti-kosong.xlsb", &[], "properti-kosong.xlsb");
}

#[test]
fn a_sheet_whose_relationship_is_missing_is_refused() {
    let dir = Workdir::new();
    dir.write(
        "tanpa-relasi.xlsb",
        &xlsb(&workbook_bin(), None, Some(&sheet_bin())),
    );
    refused(&dir, "tanpa-relasi.xlsb", &[], "tanpa-relasi.xlsb");
}

#[test]
fn a_missing_worksheet_part_is_refused() {
    let dir = Workdir::new();
    dir.write(
        "lembar-hilang.xlsb",
        &xlsb(&workbook_bin(), Some(WORKBOOK_RELS), None),
    );
    refused(&dir, "lembar-hilang.xlsb", &[], "lembar-hilang.xlsb");
}

#[test]
fn damaged_worksheet_records_are_refused() {
    let dir = Workdir::new();
    let sheet = sheet_bin();
    // Cut inside the number cell.
    let cut = &sheet[..sheet.len() - record(END_SHEET_DATA, &[]).len() - 6];
    dir.write(
        "sel-terpotong.xlsb",
        &xlsb(&workbook_bin(), Some(WORKBOOK_RELS), Some(cut)),
    );
    refused(&dir, "sel-terpotong.xlsb", &[], "sel-terpotong.xlsb");
    // A BrtWsDim of four bytes instead of sixteen.
    let short_dims = [
        record(BEGIN_SHEET, &[]),
        record(WS_DIM, &[0; 4]),
        record(BEGIN_SHEET_DATA, &[]),
        record(END_SHEET_DATA, &[]),
    ]
    .concat();
    dir.write(
        "dimensi-pendek.xlsb",
        &xlsb(&workbook_bin(), Some(WORKBOOK_RELS), Some(&short_dims)),
    );
    refused(&dir, "dimensi-pendek.xlsb", &[], "dimensi-pendek.xlsb");
    // A shared-string cell pointing past a table that does not exist.
    let mut isst = cell_head(0);
    isst.extend(7u32.to_le_bytes());
    let dangling = [
        record(BEGIN_SHEET, &[]),
        record(WS_DIM, &[0; 16]),
        record(BEGIN_SHEET_DATA, &[]),
        record(ROW_HDR, &[0; 17]),
        record(0x07, &isst),
        record(END_SHEET_DATA, &[]),
    ]
    .concat();
    dir.write(
        "string-hilang.xlsb",
        &xlsb(&workbook_bin(), Some(WORKBOOK_RELS), Some(&dangling)),
    );
    refused(&dir, "string-hilang.xlsb", &[], "string-hilang.xlsb");
}
