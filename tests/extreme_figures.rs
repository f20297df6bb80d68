//! Figures near the edge of what a `Decimal` holds (about 7,9·10²⁸): a crafted total over
//! children that add up to −7·10²⁸ once made the sum check overflow and end the run with a
//! panic. A relation whose arithmetic overflows cannot be checked; every other check still
//! runs and the run ends with a report.

mod common;

use common::{assert_exit, stderr, stdout, Workdir};
use rust_xlsxwriter::Workbook;

/// A realisation table: a kegiatan whose pagu is 7,9·10²⁸ over two sub kegiatan of
/// −3,5·10²⁸ each (pagu − sum overflows), a sisa of 7,9·10²⁸ beside a realisasi of
/// −7·10²⁸ (pagu − realisasi overflows), a % far beyond any ratio, and an ordinary sub
/// kegiatan whose sisa is wrong, so the file still has a finding to report.
fn crafted(dir: &Workdir) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Realisasi").unwrap();
    sheet
        .write_string(0, 0, "REALISASI BELANJA TAHUN 2023")
        .unwrap();
    for (col, header) in [
        "KODE",
        "URAIAN",
        "PAGU (Rp)",
        "REALISASI (Rp)",
        "(%)",
        "SISA (Rp)",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    let rows: [(&str, &str, [f64; 4]); 4] = [
        ("5.03.01.2.02", "Kegiatan", [7.9e28, -7e28, -7.9e28, 7.9e28]),
        (
            "5.03.01.2.02.01",
            "Sub satu",
            [-3.5e28, -3.5e28, 100.0, 0.0],
        ),
        ("5.03.01.2.02.02", "Sub dua", [-3.5e28, -3.5e28, 100.0, 0.0]),
        (
            "5.03.01.2.03",
            "Kegiatan biasa",
            [300.0, 250.0, 83.33, 40.0],
        ),
    ];
    for (i, (code, uraian, figures)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, *code).unwrap();
        sheet.write_string(row, 1, *uraian).unwrap();
        for (j, figure) in figures.iter().enumerate() {
            sheet.write_number(row, 2 + j as u16, *figure).unwrap();
        }
    }
    book.save(dir.path("angka-ekstrem.xlsx")).unwrap();
}

#[test]
fn overflowing_relations_are_not_checked_and_the_run_goes_on() {
    let dir = Workdir::new();
    crafted(&dir);
    let out = dir.run(&["check", "angka-ekstrem.xlsx", "--format", "json"]);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_exit(&out, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    // The ordinary row's sisa is 300 − 250 = 50, typed 40: found as ever.
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "difference-mismatch" && f["cell"] == "F7"),
        "{findings:#?}"
    );
    // Every figure a finding states is one a Decimal holds, its difference exact.
    for f in findings {
        let figure = |name: &str| {
            f[name]
                .as_str()
                .and_then(|s| s.parse::<rust_decimal::Decimal>().ok())
        };
        if let (Some(e), Some(a), Some(d)) =
            (figure("expected"), figure("actual"), figure("difference"))
        {
            assert_eq!(a.checked_sub(e), Some(d), "{f:#?}");
        }
    }
}

#[test]
fn the_cleaned_workbook_is_written_despite_overflowing_figures() {
    let dir = Workdir::new();
    crafted(&dir);
    let out = dir.run(&["clean", "angka-ekstrem.xlsx", "-o", "bersih.xlsx"]);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_exit(&out, 1);
    assert!(dir.path("bersih.xlsx").exists());
}
