//! Generates a large realisation workbook the way staff files look: title rows, a header
//! block, kegiatan rows summing their sub kegiatan with SUM, % as ROUND(E/D*100,2) behind an
//! IF guard, sisa as D−E, pagu written as Indonesian text in every tenth row, a JUMLAH row.
//! Shared by the benchmarks.

use std::path::Path;

use renja::normalise::number::format_indonesian;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Workbook};

/// Writes `rows` data rows (about one kegiatan per nine sub kegiatan) and returns the number
/// of formulas written. Cached results are set as Excel would save them.
pub fn write_realisation(path: &Path, rows: u32) -> usize {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Realisasi").unwrap();
    sheet
        .write_string(0, 0, "REALISASI BELANJA TAHUN ANGGARAN 2023")
        .unwrap();
    for (col, header) in [
        "No.",
        "KODE REKENING",
        "PROGRAM KEGIATAN SUB KEGIATAN",
        "PAGU (Rp)",
        "REALISASI (Rp)",
        "(%)",
        "SISA DANA (Rp.)",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    let first = 3u32;
    let mut formulas = 0usize;
    let mut row = first;
    let mut kegiatan_rows = Vec::new();
    let mut k = 0u32;
    while row < first + rows {
        k += 1;
        let kegiatan_row = row;
        kegiatan_rows.push(kegiatan_row);
        let children = 9.min(first + rows - row - 1);
        let code = format!("5.03.{:02}.2.{:02}", k / 99 % 99 + 1, k % 99 + 1);
        sheet.write_string(row, 0, k.to_string()).unwrap();
        sheet.write_string(row, 1, &code).unwrap();
        sheet.write_string(row, 2, format!("Kegiatan {k}")).unwrap();
        let (mut pagu_sum, mut real_sum) = (0f64, 0f64);
        for c in 1..=children {
            let r = row + c;
            let pagu = f64::from((r * 7919) % 900_000 + 100_000) * 100.0;
            let realisasi = (pagu * f64::from((r * 31) % 100) / 100.0).round();
            pagu_sum += pagu;
            real_sum += realisasi;
            sheet.write_string(r, 0, format!("{k}.{c}")).unwrap();
            sheet.write_string(r, 1, format!("{code}.{c:02}")).unwrap();
            sheet
                .write_string(r, 2, format!("Sub kegiatan {k}.{c}"))
                .unwrap();
            if r.is_multiple_of(10) {
                sheet
                    .write_string(
                        r,
                        3,
                        format!("Rp. {}", format_indonesian(Decimal::from(pagu as u64), 2)),
                    )
                    .unwrap();
            } else {
                sheet.write_number(r, 3, pagu).unwrap();
            }
            sheet.write_number(r, 4, realisasi).unwrap();
            write_ratio_and_sisa(sheet, r, pagu, realisasi);
            formulas += 2;
        }
        let last = row + children;
        for (col, letter, value) in [(3u16, 'D', pagu_sum), (4, 'E', real_sum)] {
            let f = Formula::new(format!("=SUM({letter}{}:{letter}{})", row + 2, last + 1))
                .set_result(value.to_string());
            sheet.write_formula(kegiatan_row, col, f).unwrap();
        }
        write_ratio_and_sisa(sheet, kegiatan_row, pagu_sum, real_sum);
        formulas += 4;
        row = last + 1;
    }
    sheet.write_string(row, 2, "JUMLAH").unwrap();
    for (col, letter) in [(3u16, 'D'), (4, 'E'), (6, 'G')] {
        let refs: Vec<String> = kegiatan_rows
            .iter()
            .take(200)
            .map(|r| format!("{letter}{}", r + 1))
            .collect();
        sheet
            .write_formula(row, col, Formula::new(format!("=SUM({})", refs.join(","))))
            .unwrap();
        formulas += 1;
    }
    book.save(path).unwrap();
    formulas
}

fn write_ratio_and_sisa(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, pagu: f64, realisasi: f64) {
    let n = r + 1;
    let pct = if pagu == 0.0 {
        0.0
    } else {
        (realisasi / pagu * 10000.0).round() / 100.0
    };
    sheet
        .write_formula(
            r,
            5,
            Formula::new(format!("=IF(D{n}=0,0,ROUND(E{n}/D{n}*100,2))"))
                .set_result(pct.to_string()),
        )
        .unwrap();
    sheet
        .write_formula(
            r,
            6,
            Formula::new(format!("=D{n}-E{n}")).set_result((pagu - realisasi).to_string()),
        )
        .unwrap();
}
