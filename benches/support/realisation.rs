//! Generates a large realisation workbook the way staff files look: title rows, a header
//! block, kegiatan rows summing their sub kegiatan with SUM, % as ROUND(E/D*100,2) behind an
//! IF guard, sisa as D−E, pagu written as Indonesian text in every tenth row, a JUMLAH row.
//! Shared by the benchmarks.
//!
//! Two flavours: [`Flavour::Consistent`] is arithmetically right (a kegiatan whose sub
//! kegiatan include a pagu typed as text carries its total as a typed figure, as staff do),
//! so renja finds nothing; [`Flavour::Broken`] sums over the text pagu with SUM and caches the
//! total Excel was never able to compute — thousands of findings, each with a note, the worst
//! case for the writer.

use std::path::Path;

use renja::numfmt::format_indonesian;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Workbook};

/// Writes `rows` data rows (about one kegiatan per nine sub kegiatan) and returns the number
/// of formulas written. Cached results are set as Excel would save them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Consistent,
    Broken,
}

pub fn write_realisation(path: &Path, rows: u32, flavour: Flavour) -> usize {
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
    let mut k = 0u32;
    let mut totals = (0f64, 0f64);
    while row < first + rows {
        k += 1;
        let kegiatan_row = row;
        let children = 9.min(first + rows - row - 1);
        // Unique codes: 99 kegiatan per program, 99 programs per bidang.
        let code = format!(
            "5.{:02}.{:02}.2.{:02}",
            k / (99 * 99) + 1,
            k / 99 % 99 + 1,
            k % 99 + 1
        );
        sheet.write_string(row, 0, k.to_string()).unwrap();
        sheet.write_string(row, 1, &code).unwrap();
        sheet.write_string(row, 2, format!("Kegiatan {k}")).unwrap();
        let (mut pagu_sum, mut real_sum) = (0f64, 0f64);
        let mut pagu_as_text = false;
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
                pagu_as_text = true;
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
            if col == 3 && pagu_as_text && flavour == Flavour::Consistent {
                sheet.write_number(kegiatan_row, col, value).unwrap();
                continue;
            }
            let f = Formula::new(format!("=SUM({letter}{}:{letter}{})", row + 2, last + 1))
                .set_result(value.to_string());
            sheet.write_formula(kegiatan_row, col, f).unwrap();
            formulas += 1;
        }
        totals.0 += pagu_sum;
        totals.1 += real_sum;
        write_ratio_and_sisa(sheet, kegiatan_row, pagu_sum, real_sum);
        formulas += 2;
        row = last + 1;
    }
    // JUMLAH typed by hand, as staff do (a SUM over every kegiatan row would be a formula
    // thousands of references long).
    sheet.write_string(row, 2, "JUMLAH").unwrap();
    sheet.write_number(row, 3, totals.0).unwrap();
    sheet.write_number(row, 4, totals.1).unwrap();
    sheet.write_number(row, 6, totals.0 - totals.1).unwrap();
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
