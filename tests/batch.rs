//! `renja batch` on a folder tree built in the test: nested years, duplicate names in
//! different folders, lock files, a hidden file, a corrupt file, an HTML "xls", an empty
//! workbook and a PDF. Checks the mirrored outputs, the summary rows, the combined table
//! against the per-file tables, exit codes, re-run skipping and `--force`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{assert_exit, stderr, stdout, Workdir};
use rust_decimal::Decimal;

/// The tree every test starts from, under `arsip/`.
fn archive(wd: &Workdir) {
    for folder in ["arsip/2021", "arsip/2022", "arsip/2025/rencana"] {
        std::fs::create_dir_all(wd.path(folder)).unwrap();
    }
    let sample = |name: &str, to: &str| {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        std::fs::copy(from, wd.path(to)).unwrap();
    };
    sample("realisasi-2023-bersih.xlsx", "arsip/2021/realisasi.xlsx");
    sample("realisasi-2023.xlsx", "arsip/2022/realisasi.xlsx");
    sample("rencana-2025.xlsx", "arsip/2025/rencana/rencana-2025.xlsx");
    wd.write("arsip/2022/~$realisasi.xlsx", b"lock");
    wd.write("arsip/2022/.~lock.realisasi.xlsx#", b"lock");
    wd.write("arsip/.tersembunyi.xlsx", b"hidden");
    wd.write("arsip/rusak.xlsx", b"PK\x03\x04 this zip stops here");
    wd.write(
        "arsip/2022/ekspor.xls",
        b"<html><body><table><tr><td>Kode</td></tr></table></body></html>",
    );
    wd.write("arsip/catatan.pdf", b"%PDF-1.4");
    let mut empty = rust_xlsxwriter::Workbook::new();
    empty.add_worksheet();
    empty.save(wd.path("arsip/kosong.xlsx")).unwrap();
    // No title row: the year comes from the file name.
    wd.xlsx(
        "arsip/anggaran-2024.xlsx",
        &[(
            "Anggaran",
            &[
                ("A1", "Kode"),
                ("B1", "Uraian"),
                ("C1", "Pagu"),
                ("D1", "Realisasi"),
                ("A2", "5.03.01"),
                ("B2", "@Program Penunjang"),
                ("C2", "#1000.5"),
                ("D2", "#900.25"),
                ("A3", "5.03.01.2.02"),
                ("B3", "Administrasi Keuangan"),
                ("C3", "#1000.5"),
                ("D3", "#900.25"),
            ],
        )],
    );
}

/// A CSV as header → column index and the records.
fn read_csv(path: &Path) -> (BTreeMap<String, usize>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, h)| (h.to_string(), i))
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

/// `ringkasan.csv` by file: the row as header → value.
fn summary(wd: &Workdir) -> BTreeMap<String, BTreeMap<String, String>> {
    let (headers, rows) = read_csv(&wd.path("keluar/ringkasan.csv"));
    rows.into_iter()
        .map(|row| {
            let named: BTreeMap<String, String> = headers
                .iter()
                .map(|(h, i)| (h.clone(), row[*i].clone()))
                .collect();
            (named["Berkas"].clone(), named)
        })
        .collect()
}

#[test]
fn a_tree_is_mirrored_and_every_file_has_a_row() {
    let wd = Workdir::new();
    archive(&wd);
    let out = wd.run(&["batch", "arsip", "-o", "keluar", "--jobs", "2"]);
    // The corrupt file, the HTML "xls" and the empty workbook make it 2; the rest still ran.
    assert_exit(&out, 2);
    for written in [
        "keluar/2021/realisasi.bersih.xlsx",
        "keluar/2021/realisasi.laporan.json",
        "keluar/2022/realisasi.bersih.xlsx",
        "keluar/2022/realisasi.laporan.json",
        "keluar/2025/rencana/rencana-2025.bersih.xlsx",
        "keluar/anggaran-2024.bersih.xlsx",
        "keluar/ringkasan.xlsx",
        "keluar/ringkasan.csv",
        "keluar/gabungan.xlsx",
        "keluar/gabungan.csv",
        "keluar/.renja-batch.json",
    ] {
        assert!(
            wd.path(written).exists(),
            "{written} missing\n{}",
            stdout(&out)
        );
    }
    for absent in ["keluar/rusak.bersih.xlsx", "keluar/kosong.bersih.xlsx"] {
        assert!(!wd.path(absent).exists(), "{absent} written");
    }
    let rows = summary(&wd);
    let status = |file: &str| rows[file]["Status"].as_str();
    assert_eq!(
        rows.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "2021/realisasi.xlsx",
            "2022/.~lock.realisasi.xlsx#",
            "2022/ekspor.xls",
            "2022/realisasi.xlsx",
            "2022/~$realisasi.xlsx",
            "2025/rencana/rencana-2025.xlsx",
            "anggaran-2024.xlsx",
            "catatan.pdf",
            "kosong.xlsx",
            "rusak.xlsx",
        ],
        "the hidden file is not listed"
    );
    assert_eq!(status("2022/realisasi.xlsx"), "ada temuan");
    assert_eq!(status("2022/~$realisasi.xlsx"), "dilewati");
    assert_eq!(status("catatan.pdf"), "dilewati");
    // A web page saved as .xls is read like a workbook (its table becomes a sheet).
    assert_eq!(status("2022/ekspor.xls"), "ok");
    for failed in ["kosong.xlsx", "rusak.xlsx"] {
        assert_eq!(status(failed), "gagal", "{failed}");
        assert!(stderr(&out).contains(failed), "{}", stderr(&out));
    }
    assert!(
        rows["rusak.xlsx"]["Keterangan"].contains("rusak"),
        "{:?}",
        rows["rusak.xlsx"]
    );
    assert_eq!(rows["2022/realisasi.xlsx"]["Tabel"], "1");
    assert_eq!(rows["2022/realisasi.xlsx"]["Proses"], "diproses");
    assert_eq!(rows["2025/rencana/rencana-2025.xlsx"]["Tahun"], "2025");
    assert_eq!(
        rows["anggaran-2024.xlsx"]["Tahun"], "2024",
        "from the file name"
    );
    let errors: usize = rows["2022/realisasi.xlsx"]["Kesalahan"].parse().unwrap();
    assert!(errors > 0);
    let report: serde_json::Value = serde_json::from_slice(
        &std::fs::read(wd.path("keluar/2022/realisasi.laporan.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(report["summary"]["findings"]["error"], errors);
    assert!(stdout(&out).contains("10 berkas"), "{}", stdout(&out));
}

#[test]
fn gabungan_holds_the_same_rows_and_figures_as_each_file() {
    let wd = Workdir::new();
    archive(&wd);
    assert_exit(&wd.run(&["batch", "arsip", "-o", "keluar", "-q"]), 2);
    let (headers, rows) = read_csv(&wd.path("keluar/gabungan.csv"));
    let col = |name: &str| headers[name];
    for (file, path) in [
        ("2021/realisasi.xlsx", "arsip/2021/realisasi.xlsx"),
        ("2022/realisasi.xlsx", "arsip/2022/realisasi.xlsx"),
        (
            "2025/rencana/rencana-2025.xlsx",
            "arsip/2025/rencana/rencana-2025.xlsx",
        ),
        ("anggaran-2024.xlsx", "arsip/anggaran-2024.xlsx"),
    ] {
        let checked = renja::pipeline::check_path(&wd.path(path), &Default::default()).unwrap();
        let mut expected: Vec<(String, u32, String, BTreeMap<String, Decimal>)> = checked
            .data_rows()
            .map(|r| {
                let figures = r.figures.iter().map(|(c, v)| (c.label(), *v)).collect();
                (
                    r.sheet.to_string(),
                    r.row,
                    r.code.unwrap_or_default(),
                    figures,
                )
            })
            .collect();
        let mut actual: Vec<(String, u32, String, BTreeMap<String, Decimal>)> = rows
            .iter()
            .filter(|r| r[col("Berkas")] == file)
            .map(|r| {
                let figures = headers
                    .iter()
                    .filter(|(_, i)| **i >= 7 && !r[**i].is_empty())
                    .map(|(h, i)| (h.clone(), r[*i].parse().unwrap()))
                    .collect();
                (
                    r[col("Lembar")].clone(),
                    r[col("Baris")].parse().unwrap(),
                    r[col("Kode baris")].clone(),
                    figures,
                )
            })
            .collect();
        expected.sort();
        actual.sort();
        assert!(!expected.is_empty(), "{file}: no data rows");
        assert_eq!(actual, expected, "{file}");
    }
    let built: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col("Berkas")] == "anggaran-2024.xlsx")
        .collect();
    assert_eq!(built[0][col("Tahun")], "2024");
    assert_eq!(built[0][col("pagu")], "1000.5", "a plain exact number");
    assert_eq!(
        built[0][col("Uraian")],
        "'@Program Penunjang",
        "text a spreadsheet would run is escaped"
    );
    assert_eq!(built[0][col("Tingkat")], "program");
}

#[test]
fn a_second_run_skips_unchanged_files_and_force_redoes_them() {
    let wd = Workdir::new();
    archive(&wd);
    assert_exit(&wd.run(&["batch", "arsip", "-o", "keluar", "-q"]), 2);
    let first_gabungan = sorted_lines(&wd.path("keluar/gabungan.csv"));

    // Change one file: only it is redone.
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/realisasi-2023-teks.xlsx");
    std::fs::copy(from, wd.path("arsip/2021/realisasi.xlsx")).unwrap();
    assert_exit(&wd.run(&["batch", "arsip", "-o", "keluar", "-q"]), 2);
    let rows = summary(&wd);
    assert_eq!(rows["2021/realisasi.xlsx"]["Proses"], "diproses");
    assert_eq!(rows["2022/realisasi.xlsx"]["Proses"], "tidak berubah");
    assert_eq!(
        rows["2025/rencana/rencana-2025.xlsx"]["Proses"],
        "tidak berubah"
    );
    assert_eq!(
        rows["rusak.xlsx"]["Proses"], "diproses",
        "failures are retried"
    );
    assert_eq!(rows["2022/realisasi.xlsx"]["Status"], "ada temuan");
    let second_gabungan = sorted_lines(&wd.path("keluar/gabungan.csv"));
    let unchanged = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| !l.contains("2021/realisasi.xlsx"))
            .cloned()
            .collect()
    };
    assert_eq!(
        unchanged(&second_gabungan),
        unchanged(&first_gabungan),
        "rows of skipped files are kept"
    );

    let out = wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--force"]);
    assert_exit(&out, 2);
    assert!(summary(&wd)
        .values()
        .filter(|r| r["Status"] != "dilewati")
        .all(|r| r["Proses"] == "diproses"));
    assert_eq!(
        sorted_lines(&wd.path("keluar/gabungan.csv")),
        second_gabungan
    );
}

fn sorted_lines(path: &Path) -> Vec<String> {
    let mut lines: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn exit_codes_follow_the_worst_file() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("bersih")).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::copy(
        from.join("realisasi-2023-bersih.xlsx"),
        wd.path("bersih/a.xlsx"),
    )
    .unwrap();
    let clean = wd.run(&["batch", "bersih", "-o", "k1", "-q"]);
    assert_exit(&clean, 0);
    std::fs::copy(from.join("realisasi-2023.xlsx"), wd.path("bersih/b.xlsx")).unwrap();
    assert_exit(&wd.run(&["batch", "bersih", "-o", "k2", "-q"]), 1);
    // Explicit files and a missing one: the missing one is a row with an error.
    let out = wd.run(&["batch", "bersih/a.xlsx", "tidak-ada.xlsx", "-o", "k3", "-q"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("tidak-ada.xlsx"), "{}", stderr(&out));
}

#[test]
fn the_output_folder_inside_the_tree_is_never_read() {
    let wd = Workdir::new();
    archive(&wd);
    assert_exit(&wd.run(&["batch", "arsip", "-o", "arsip/keluar", "-q"]), 2);
    assert_exit(&wd.run(&["batch", "arsip", "-o", "arsip/keluar", "-q"]), 2);
    let (_, rows) = read_csv(&wd.path("arsip/keluar/ringkasan.csv"));
    assert!(rows.iter().all(|r| !r[0].starts_with("keluar")), "{rows:?}");
    // The user is told once why that folder's workbooks are not in the summary.
    let told = wd.run(&["batch", "arsip", "-o", "arsip/keluar", "-q"]);
    let said = stderr(&told);
    assert_eq!(said.matches("berada di dalam masukan").count(), 1, "{said}");
    // An input inside the output folder is refused before any work.
    let out = wd.run(&["batch", "arsip/2021", "-o", "arsip", "-q"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("folder keluaran"), "{}", stderr(&out));
}

#[test]
fn headers_follow_the_language() {
    let wd = Workdir::new();
    archive(&wd);
    assert_exit(
        &wd.run(&["batch", "arsip", "-o", "keluar", "-q", "--lang", "en"]),
        2,
    );
    let (headers, _) = read_csv(&wd.path("keluar/ringkasan.csv"));
    assert!(headers.contains_key("File") && headers.contains_key("Status"));
    let (headers, _) = read_csv(&wd.path("keluar/gabungan.csv"));
    assert!(headers.contains_key("Description"), "{headers:?}");
}
