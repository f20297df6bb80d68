//! Reconciliation across the files of one batch folder (issue 19): a DPA and the RAK and LRA
//! drawn from it in three files of one SKPD, a Renja's prakiraan maju and the next year's Renja, a
//! second SKPD with the same program code, a file that names no SKPD; `rekonsiliasi.csv` and
//! `.xlsx`, the exit code, the summary line, and an unchanged re-run.

mod common;
mod layouts;

use std::collections::BTreeMap;
use std::path::Path;

use common::{assert_exit, stderr, stdout, Workdir};
use layouts::{n, save, Grid};

const DINKES: &str = "1.02.2.14.0.00.01.0000";

/// A DPA of the RAK's sub kegiatan (`layouts::rak_lines`), its SKPD named in its header
/// block; the first line's jumlah `shift`ed from the RAK's.
fn dpa(shift: i64) -> Grid {
    let mut g = Grid::new("DPA");
    g.set(
        "A1",
        "DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH TAHUN 2025",
    );
    g.row(
        2,
        "A",
        &["Organisasi", ":", &format!("{DINKES} DINAS KESEHATAN")],
    );
    g.row(
        3,
        "A",
        &[
            "Sub Kegiatan",
            ":",
            "1.02.02.2.01.01 Pengelolaan Pelayanan Kesehatan Lingkungan",
        ],
    );
    g.row(5, "A", &layouts::RINCIAN_HEADER);
    layouts::dpa_rincian(&mut g, 6, &layouts::rak_lines(), shift);
    g
}

/// A rumusan rencana of `agency` for `year`, headed as the seed's: the year's pagu indikatif
/// and the next year's prakiraan maju of one program and its kegiatan.
fn rencana(agency: &str, year: u16, pagu: i64, maju: i64) -> Grid {
    let mut g = Grid::new("Rencana");
    g.set(
        "A1",
        &format!("RUMUSAN RENCANA PROGRAM DAN KEGIATAN {agency} TAHUN {year} KOTA BINJAI"),
    );
    g.row(
        3,
        "A",
        &[
            "Kode",
            "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan",
            &format!("Rencana Tahun {year}"),
            &format!("Prakiraan Maju Rencana Tahun {}", year + 1),
        ],
    );
    g.row(
        4,
        "C",
        &[
            "Pagu Indikatif (Rp.)",
            "Kebutuhan Dana/ Pagu Indikatif (Rp.)",
        ],
    );
    g.merge("A3:A4").merge("B3:B4");
    g.row(
        5,
        "A",
        &[
            "5.03.01",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            &n(pagu),
            &n(maju),
        ],
    );
    g.row(
        6,
        "A",
        &[
            "5.03.01.2.01",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            &n(pagu),
            &n(maju),
        ],
    );
    g
}

const BKPSDM: &str = "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA";

/// The folder of a batch: `shift` moves the DPA's first line, `maju` the 2025 Renja's
/// prakiraan maju of 2026 (the 2026 Renja plans 1 200).
fn folder(wd: &Workdir, shift: i64, maju: i64) {
    let root = wd.path("arsip");
    for sub in ["2025", "2026"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    save(&root.join("2025"), "dpa.xlsx", &[&dpa(shift)]);
    save(
        &root.join("2025"),
        "rak.xlsx",
        &[&layouts::rak(&layouts::rak_lines())],
    );
    save(
        &root.join("2025"),
        "lra.xlsx",
        &[&layouts::lra_of(&layouts::rak_lines(), 0)],
    );
    save(
        &root.join("2025"),
        "renja-bkpsdm.xlsx",
        &[&rencana(BKPSDM, 2025, 1_000, maju)],
    );
    save(
        &root.join("2026"),
        "renja-bkpsdm.xlsx",
        &[&rencana(BKPSDM, 2026, 1_200, 1_300)],
    );
    // Another SKPD's plan of 2026 with the same program code and another figure.
    save(
        &root.join("2026"),
        "renja-inspektorat.xlsx",
        &[&rencana("INSPEKTORAT DAERAH", 2026, 9_000, 9_500)],
    );
    // A plan that names no SKPD.
    let mut loose = rencana(BKPSDM, 2026, 7_000, 7_000);
    loose.set("A1", "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2026");
    save(&root.join("2026"), "tanpa-nama.xlsx", &[&loose]);
}

/// `rekonsiliasi.csv` as rows of header → value.
fn lines(wd: &Workdir) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(wd.path("keluar/rekonsiliasi.csv")).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// (file, code, value, severity, difference) of the rows whose line has `code` and `year`.
fn line_of<'a>(
    rows: &'a [BTreeMap<String, String>],
    code: &str,
    year: &str,
) -> Vec<(&'a str, &'a str, &'a str, &'a str)> {
    rows.iter()
        .filter(|r| r["Kode baris"] == code && r["Tahun"] == year)
        .map(|r| {
            (
                r["Berkas"].as_str(),
                r["Nilai"].as_str(),
                r["Tingkat"].as_str(),
                r["Selisih dengan acuan"].as_str(),
            )
        })
        .collect()
}

#[test]
fn one_skpds_files_agree_and_nothing_is_said() {
    let wd = Workdir::new();
    folder(&wd, 0, 1_200);
    let out = wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--fail-on", "error"]);
    assert_exit(&out, 0);
    let rows = lines(&wd);
    assert!(!rows.is_empty(), "{}", stdout(&out));
    assert!(rows.iter().all(|r| r["Sama"] == "ya"), "{rows:#?}");
    // Each account line of the DPA, held to the RAK's total of it.
    let account = line_of(&rows, "1.02.02.2.01.01 · 5.1.02.01.01.0024", "2025");
    assert_eq!(
        account,
        vec![
            ("2025/dpa.xlsx", "2050000", "", ""),
            ("2025/lra.xlsx", "2050000", "", ""),
            ("2025/rak.xlsx", "2050000", "", ""),
        ],
        "{rows:#?}"
    );
    // The 2025 Renja's prakiraan maju of 2026 and the 2026 Renja's plan.
    let program = line_of(&rows, "5.03.01", "2026");
    assert_eq!(
        program,
        vec![
            ("2025/renja-bkpsdm.xlsx", "1200", "", ""),
            ("2026/renja-bkpsdm.xlsx", "1200", "", ""),
        ],
        "{rows:#?}"
    );
    assert!(stdout(&out).contains("0 berbeda"), "{}", stdout(&out));
}

#[test]
fn a_rak_that_is_not_the_dpa_is_an_error_and_a_forecast_a_warning() {
    let wd = Workdir::new();
    folder(&wd, -297_100, 1_100);
    let out = wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--fail-on", "error"]);
    // Every file holds in itself; the batch finds what differs between them.
    assert_exit(&out, 1);
    let said = stdout(&out);
    assert!(said.contains("kesalahan"), "{said}");
    let rows = lines(&wd);
    let account = line_of(&rows, "1.02.02.2.01.01 · 5.1.02.01.01.0024", "2025");
    assert_eq!(
        account,
        vec![
            ("2025/dpa.xlsx", "1752900", "", ""),
            ("2025/lra.xlsx", "2050000", "kesalahan", "297100"),
            ("2025/rak.xlsx", "2050000", "kesalahan", "297100"),
        ],
        "{rows:#?}"
    );
    // The 2025 Renja's prakiraan maju of 2026 against the 2026 Renja's plan: a warning, the
    // earlier file the reference; the Inspektorat's 5.03.01 and the nameless file stay out.
    let program = line_of(&rows, "5.03.01", "2026");
    assert_eq!(
        program,
        vec![
            ("2025/renja-bkpsdm.xlsx", "1100", "", ""),
            ("2026/renja-bkpsdm.xlsx", "1200", "peringatan", "100"),
        ],
        "{rows:#?}"
    );
    let skpd = &rows
        .iter()
        .find(|r| r["Kode baris"] == "5.03.01" && r["Tahun"] == "2026")
        .unwrap()["SKPD"];
    assert_eq!(
        skpd,
        "badan kepegawaian dan pengembangan sumber daya manusia"
    );
    assert!(
        stderr(&out).contains("tanpa-nama.xlsx"),
        "the nameless file is named once: {}",
        stderr(&out)
    );
    // The xlsx holds the same rows, the differing lines filled.
    let book = common::read(&wd.path("keluar/rekonsiliasi.xlsx"));
    assert_eq!(book.sheets[0].name, "Rekonsiliasi");
    let last_row = book.sheets[0].cells.keys().map(|at| at.row).max().unwrap();
    assert_eq!(last_row as usize, rows.len());

    // An unchanged re-run takes the files' figures from the state: the same lines.
    let again = wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--fail-on", "error"]);
    assert_exit(&again, 1);
    assert!(
        stdout(&again).contains("7 tidak berubah"),
        "{}",
        stdout(&again)
    );
    assert_eq!(lines(&wd), rows);
}

#[test]
fn the_reconciliation_follows_the_language() {
    let wd = Workdir::new();
    folder(&wd, -297_100, 1_200);
    let out = wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--lang", "en"]);
    assert!(
        stdout(&out).contains("Reconciliation across files"),
        "{}",
        stdout(&out)
    );
    let reader = csv::Reader::from_path(wd.path("keluar/rekonsiliasi.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    assert!(
        reader.iter().any(|h| h == "Difference from reference"),
        "{reader:?}"
    );
    assert!(Path::new(&wd.path("keluar/rekonsiliasi.xlsx")).exists());
}
