//! Detection and every table rule over one generated 100 000-row realisation table.
//! `cargo bench --bench tables`; prints the time (std::time, no harness).

use std::time::Instant;

use rust_decimal::Decimal;

use renja::codes::BudgetCode;
use renja::model::{Cell, CellAt, NumberStyle, Raw, Reading, Sheet, SourceFormat, Value, Workbook};
use renja::rules::{check_tables, link_causes};
use renja::tables::detect_tables;

fn text(s: &str) -> Cell {
    Cell {
        raw: Raw::Text(s.into()),
        value: Value::Text(s.into()),
        ..Cell::default()
    }
}

fn code(s: String) -> Cell {
    Cell {
        raw: Raw::Text(s.clone()),
        value: Value::Text(s.clone()),
        reading: Some(Box::new(Reading::Code(
            BudgetCode::parse(&s).expect("the bench writes canonical codes"),
        ))),
        ..Cell::default()
    }
}

fn money(d: Decimal) -> Cell {
    let style = NumberStyle {
        decimals: 2,
        grouped: true,
        ..NumberStyle::default()
    };
    Cell {
        raw: Raw::Text(d.to_string()),
        value: Value::Number(d),
        reading: Some(Box::new(Reading::Number(style))),
        ..Cell::default()
    }
}

fn main() {
    let mut sheet = Sheet::new("Realisasi");
    let header = [
        [
            "No.",
            "KODE REKENING",
            "PROGRAM KEGIATAN SUB KEGIATAN",
            "JUMLAH DANA SESUAI PAGU Rp.",
            "REALISASI KEUANGAN",
            "",
            "SISA DANA (Rp.)",
        ],
        ["", "", "", "", "(Rp)", "(%)", ""],
    ];
    for (r, row) in header.iter().enumerate() {
        for (c, t) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.cells.insert(CellAt::new(r as u32, c as u32), text(t));
        }
    }
    // 1 bidang › 10 programs › 99 kegiatan each › 100 sub kegiatan each (≈ 100 000 rows).
    let mut rows: Vec<(String, Decimal, Decimal)> = Vec::new();
    let (mut bp, mut br) = (Decimal::ZERO, Decimal::ZERO);
    rows.push(("5.03".into(), Decimal::ZERO, Decimal::ZERO));
    for p in 1..=10 {
        let pi = rows.len();
        rows.push((format!("5.03.{p:02}"), Decimal::ZERO, Decimal::ZERO));
        for k in 1..=99 {
            let ki = rows.len();
            rows.push((
                format!("5.03.{p:02}.2.{k:02}"),
                Decimal::ZERO,
                Decimal::ZERO,
            ));
            for s in 1..=100 {
                let pagu = Decimal::new(1_000_000 + (p * k * s) as i64 * 137, 2);
                let real = Decimal::new(500_000 + (p + k + s) as i64 * 91, 2);
                rows.push((format!("5.03.{p:02}.2.{k:02}.{s:04}"), pagu, real));
                for up in [ki, pi] {
                    rows[up].1 += pagu;
                    rows[up].2 += real;
                }
                bp += pagu;
                br += real;
            }
        }
    }
    rows[0].1 = bp;
    rows[0].2 = br;
    for (i, (c, pagu, real)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        sheet.cells.insert(CellAt::new(r, 1), code(c.clone()));
        sheet.cells.insert(CellAt::new(r, 2), text("Uraian"));
        sheet.cells.insert(CellAt::new(r, 3), money(*pagu));
        sheet.cells.insert(CellAt::new(r, 4), money(*real));
        let pct = (*real / *pagu * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        sheet.cells.insert(CellAt::new(r, 5), money(pct));
        sheet.cells.insert(CellAt::new(r, 6), money(*pagu - *real));
    }
    let wb = Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![sheet],
        ..Workbook::default()
    };
    let started = Instant::now();
    let tables = detect_tables(&wb);
    let detected = started.elapsed();
    let mut findings = check_tables(&wb, &tables).findings;
    link_causes(&mut findings, &tables);
    let total = started.elapsed();
    println!(
        "tables: {} rows, {} cells — detection {:.1} ms, detection + all rules {:.1} ms, {} findings",
        rows.len(),
        wb.cell_count(),
        detected.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        findings.len()
    );
    assert!(
        findings.is_empty(),
        "{:?}",
        &findings[..findings.len().min(3)]
    );
}
