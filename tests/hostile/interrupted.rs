//! Killing `renja clean` in the middle of its work: the target is then absent or a
//! complete, readable xlsx — never half written. A killed process cannot remove its
//! temporary file; the next write into the folder removes those an hour old (see
//! `src/atomic.rs`), and this test checks that a leftover is only ever such a file.

use std::process::{Command, Stdio};
use std::time::Duration;

use rust_xlsxwriter::Workbook;

use crate::common::Workdir;

fn big_workbook(dir: &Workdir, name: &str, rows: u32) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, head) in ["Kode", "Uraian", "Pagu", "Realisasi", "Sisa"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    for row in 1..=rows {
        sheet
            .write_string(row, 0, format!("5.03.01.2.02.{row:04}"))
            .unwrap();
        sheet.write_string(row, 1, "Belanja Barang").unwrap();
        sheet.write_string(row, 2, "1.500.000,00").unwrap();
        sheet.write_number(row, 3, 1_000_000.0).unwrap();
        sheet.write_number(row, 4, 500_000.0).unwrap();
    }
    book.save(dir.path(name)).unwrap();
}

#[test]
fn killed_clean_leaves_no_half_written_target() {
    let dir = Workdir::new();
    big_workbook(&dir, "besar.xlsx", 8_000);
    let spawn = |target: &str| {
        Command::new(super::renja_bin())
            .args(["clean", "besar.xlsx", "-o", target])
            .current_dir(dir.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // One whole run first, to learn how long this machine takes; then kill at growing
    // fractions of that time: early kills land while reading, late ones while writing.
    let started = std::time::Instant::now();
    assert!(spawn("utuh.xlsx").wait().unwrap().success() || dir.path("utuh.xlsx").exists());
    let whole = started.elapsed();
    for (attempt, percent) in [30u32, 60, 80, 90, 95, 98].iter().enumerate() {
        let target = format!("hasil-{attempt}.xlsx");
        let mut child = spawn(&target);
        let delay_ms = whole.as_millis() as u64 * u64::from(*percent) / 100;
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait().unwrap();
        let target = dir.path(&target);
        let temporaries = super::names_in(dir.root())
            .into_iter()
            .filter(|n| n.starts_with(".renja-"))
            .count();
        eprintln!(
            "killed after {delay_ms} ms: target {}, temporaries {temporaries}",
            if target.exists() {
                "complete"
            } else {
                "absent"
            }
        );
        if target.exists() {
            renja::read::read_workbook(&target, &renja::read::ReadLimits::default())
                .unwrap_or_else(|e| panic!("after {delay_ms} ms: a half-written target: {e}"));
        }
    }
    for name in super::names_in(dir.root()) {
        assert!(
            name == "besar.xlsx"
                || name == "utuh.xlsx"
                || name.starts_with("hasil-")
                || (name.starts_with(".renja-") && name.ends_with(".tmp")),
            "unexpected file left behind: {name}"
        );
    }
}
