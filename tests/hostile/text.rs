//! Odd text: a cell at Excel's 32 767-character limit, and numbers and codes carrying
//! invisible characters that copy-paste from web apps and PDFs brings in (NBSP, zero-width
//! space, right-to-left marks).

use renja::model::Value;
use rust_decimal_macros::dec;

use super::checked;
use crate::common::{cell, Workdir};

#[test]
fn cell_of_32767_characters_is_read_and_cleaned() {
    let dir = Workdir::new();
    let long = "Uraian ".repeat(5_000);
    let long = &long[..32_767];
    let path = dir.xlsx(
        "panjang.xlsx",
        &[(
            "Realisasi",
            &[
                ("A1", "Uraian"),
                ("B1", "Pagu"),
                ("A2", long),
                ("B2", "#100"),
            ],
        )],
    );
    checked(&dir, "panjang.xlsx", &[]);
    let (out, _) = super::run_capped(&dir, &["clean", "panjang.xlsx", "-o", "hasil.xlsx"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        crate::common::stderr(&out)
    );
    let back = crate::common::read(&dir.path("hasil.xlsx"));
    let kept = back
        .sheets
        .iter()
        .flat_map(|s| s.cells.values())
        .any(|c| matches!(&c.raw, renja::model::Raw::Text(t) if t.as_str() == long));
    let sheets: Vec<_> = back
        .sheets
        .iter()
        .map(|s| (&s.name, s.cells.len()))
        .collect();
    assert!(kept, "long text lost; sheets {sheets:?}");
    drop(path);
}

#[test]
fn invisible_characters_in_numbers_and_codes_are_read() {
    let dir = Workdir::new();
    let path = dir.xlsx(
        "tak-terlihat.xlsx",
        &[(
            "Realisasi",
            &[
                ("A1", "Kode"),
                ("B1", "Uraian"),
                ("C1", "Pagu"),
                ("A2", "5\u{a0}03\u{a0}01"),
                ("B2", "Program Penunjang"),
                ("C2", "5.636.089\u{200B}.563,00"),
                ("A3", "\u{200F}5.03.01.2.02\u{200E}"),
                ("B3", "Kegiatan"),
                ("C3", "\u{200F}1.000,50\u{200E}"),
                ("C4", "\u{feff}Rp\u{a0}2.000"),
            ],
        )],
    );
    checked(&dir, "tak-terlihat.xlsx", &[]);
    let checked = renja::pipeline::check_path(&path, &renja::pipeline::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let cells = &checked.workbook.sheets[0].cells;
    let value = |a1: &str| cells.get(&cell(a1)).map(|c| c.value.clone());
    assert_eq!(value("C2"), Some(Value::Number(dec!(5636089563.00))));
    assert_eq!(value("C3"), Some(Value::Number(dec!(1000.50))));
    assert_eq!(value("C4"), Some(Value::Number(dec!(2000))));
    let codes: Vec<String> = checked.data_rows().filter_map(|r| r.code).collect();
    assert!(
        codes.iter().any(|c| c == "5.03.01"),
        "codes read: {codes:?}; A2 = {:?}",
        value("A2")
    );
}

#[test]
fn cell_past_excels_32767_character_limit_is_checked_and_refused_by_clean() {
    // Excel never writes such a cell, but other programs do. check reads it; clean cannot
    // write it back (an xlsx cell holds at most 32 767 characters) and says so, leaving
    // nothing behind, rather than cutting the text short silently.
    let dir = Workdir::new();
    let long = "x".repeat(40_000);
    dir.write(
        "terlalu-panjang.xlsx",
        &super::xlsx_by_hand(&format!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Pagu</t></is></c><c r="B1"><v>100</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{long}</t></is></c></row>"#
        )),
    );
    checked(&dir, "terlalu-panjang.xlsx", &[]);
    let before = super::names_in(dir.root());
    let (out, _) = super::run_capped(&dir, &["clean", "terlalu-panjang.xlsx", "--lang", "en"]);
    let err = crate::common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // The message names the output it could not write; it does not yet name the cell.
    assert!(
        err.contains("terlalu-panjang.bersih.xlsx") && err.contains("32,767"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        before,
        super::names_in(dir.root()),
        "nothing may be left behind"
    );
}
