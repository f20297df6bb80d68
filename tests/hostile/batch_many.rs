//! `renja batch` on 2 000 files of which 5% are broken (issue 8): every good file is cleaned
//! and reported, every broken one is listed by name with its reason, and the exit code is 2
//! as README documents. The files are generated in a temporary folder on every run.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{stderr, stdout, Workdir};

const FILES: usize = 2_000;
const BROKEN: usize = 100;

/// Ten ways a file in an archive is broken, each given to ten files: its extension and bytes.
fn broken_kinds() -> Vec<(&'static str, Vec<u8>)> {
    let sample = |name: &str| {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(name),
        )
        .unwrap()
    };
    let mut truncated = sample("realisasi-2023.xlsx");
    truncated.truncate(truncated.len() / 2);
    let cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut encrypted = cfb.to_vec();
    encrypted.extend([0u8; 504]);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let mut cfb_garbage = cfb.to_vec();
    cfb_garbage.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let garbage: Vec<u8> = (0..2048u32)
        .map(|i| (i.wrapping_mul(40_503) >> 7) as u8)
        .collect();
    let mut no_cells = rust_xlsxwriter::Workbook::new();
    no_cells.add_worksheet();
    vec![
        ("xlsx", Vec::new()),
        ("xlsx", truncated),
        ("xls", garbage),
        ("xlsx", encrypted),
        ("xls", cfb_garbage),
        (
            "xls",
            b"<html><head><title>Ekspor</title></head><body><p>Data tidak tersedia.</p></body></html>"
                .to_vec(),
        ),
        (
            "xlsx",
            super::zip_of(&[("word/document.xml", b"<w:document/>".as_slice())]),
        ),
        ("xlsx", no_cells.save_to_buffer().unwrap()),
        (
            "xlsx",
            super::xlsx_by_hand(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v"#),
        ),
        (
            "xlsx",
            b"Catatan rapat tanggal 12 Januari.\nHadir: kepala bidang dan staf.\n".to_vec(),
        ),
    ]
}

/// `ringkasan.csv` by file: header → value.
fn summary_rows(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|record| {
            let row: BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(record.unwrap().iter().map(String::from))
                .collect();
            (row["Berkas"].clone(), row)
        })
        .collect()
}

#[test]
fn two_thousand_files_with_five_percent_broken() {
    let wd = Workdir::new();
    let samples = [
        "realisasi-2023.xlsx",
        "realisasi-2023-teks.xlsx",
        "realisasi-2023-bersih.xlsx",
        "evaluasi-renja-2023.xlsx",
        "review-rkpd-2023.xlsx",
        "rencana-2025.xlsx",
        "formula-kasus.xlsx",
    ];
    let good_bytes: Vec<Vec<u8>> = samples
        .iter()
        .map(|s| {
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("samples")
                    .join(s),
            )
            .unwrap()
        })
        .collect();
    let broken = broken_kinds();
    // Every twentieth file is broken, spread over twenty folders of a hundred.
    let (mut good_files, mut broken_files) = (Vec::new(), Vec::new());
    for i in 0..FILES {
        let folder = format!("arsip/dinas-{:02}", i % 20);
        std::fs::create_dir_all(wd.path(&folder)).unwrap();
        if i % (FILES / BROKEN) == 7 {
            let (ext, bytes) = &broken[broken_files.len() % broken.len()];
            let name = format!("dinas-{:02}/rusak-{i:04}.{ext}", i % 20);
            wd.write(&format!("arsip/{name}"), bytes);
            broken_files.push(name);
        } else {
            let name = format!("dinas-{:02}/realisasi-{i:04}.xlsx", i % 20);
            wd.write(&format!("arsip/{name}"), &good_bytes[i % good_bytes.len()]);
            good_files.push(name);
        }
    }
    assert_eq!(
        (good_files.len(), broken_files.len()),
        (FILES - BROKEN, BROKEN)
    );

    let started = Instant::now();
    let out = wd
        .renja()
        .args(["batch", "arsip", "-o", "keluar", "--quiet"])
        .timeout(Duration::from_secs(300))
        .output()
        .expect("run renja batch");
    let took = started.elapsed();
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit code after {took:?}\n--- stdout ---\n{out_text}\n--- stderr ---\n{err_text}"
    );
    assert!(!err_text.contains("panicked"), "{err_text}");
    assert!(out_text.contains("2000 berkas"), "{out_text}");

    let rows = summary_rows(&wd.path("keluar/ringkasan.csv"));
    assert_eq!(rows.len(), FILES);
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows.values() {
        *by_status.entry(row["Status"].as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    for name in &good_files {
        let row = &rows[name];
        assert!(
            matches!(row["Status"].as_str(), "ok" | "ada temuan") && row["Proses"] == "diproses",
            "{name}: {row:?}"
        );
        let stem = name.trim_end_matches(".xlsx");
        for output in [".bersih.xlsx", ".laporan.json"] {
            if !wd.path(&format!("keluar/{stem}{output}")).is_file() {
                missing.push(format!("{stem}{output}"));
            }
        }
    }
    assert!(missing.is_empty(), "outputs missing: {missing:?}");
    for name in &broken_files {
        let row = &rows[name];
        assert_eq!(row["Status"], "gagal", "{name}: {row:?}");
        let file = name.rsplit('/').next().unwrap();
        assert!(row["Keterangan"].contains(file), "{name}: {row:?}");
        assert!(err_text.contains(name.as_str()), "{name} not on stderr");
        let stem = name.rsplit_once('.').unwrap().0;
        assert!(!wd.path(&format!("keluar/{stem}.bersih.xlsx")).exists());
    }
    eprintln!(
        "batch: {FILES} files ({} good, {} broken) in {took:.1?}, {:.0} files/s; statuses {by_status:?}",
        good_files.len(),
        broken_files.len(),
        FILES as f64 / took.as_secs_f64()
    );
}

/// A panic inside renja while it processes one file (a bug, not a bad file) must not end the
/// batch: the file is a `gagal` row saying so, and every other file is processed. The panic is
/// raised by the debug builds' test hook `RENJA_DEBUG_PANIC_ON` (a part of a file name), which
/// release builds do not have.
#[test]
fn a_panic_on_one_file_fails_that_file_and_the_batch_goes_on() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path("arsip")).unwrap();
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/realisasi-2023.xlsx"))
            .unwrap();
    for name in ["a-baik.xlsx", "b-panik.xlsx", "c-baik.xlsx", "d-baik.xlsx"] {
        wd.write(&format!("arsip/{name}"), &sample);
    }
    let out = wd
        .renja()
        .args(["batch", "arsip", "-o", "keluar", "--jobs", "2"])
        .env("RENJA_DEBUG_PANIC_ON", "panik")
        .timeout(Duration::from_secs(120))
        .output()
        .expect("run renja batch");
    let (out_text, err_text) = (stdout(&out), stderr(&out));
    assert_eq!(
        out.status.code(),
        Some(2),
        "--- stdout ---\n{out_text}\n--- stderr ---\n{err_text}"
    );
    let rows = summary_rows(&wd.path("keluar/ringkasan.csv"));
    assert_eq!(rows.len(), 4, "{rows:?}");
    let failed = &rows["b-panik.xlsx"];
    assert_eq!(failed["Status"], "gagal", "{failed:?}");
    let reason = failed["Keterangan"].to_lowercase();
    assert!(
        reason.contains("kesalahan internal renja")
            && reason.contains("mohon laporkan")
            && reason.contains("b-panik.xlsx"),
        "{failed:?}"
    );
    for name in ["a-baik", "c-baik", "d-baik"] {
        assert_eq!(rows[&format!("{name}.xlsx")]["Status"], "ada temuan");
        assert!(wd.path(&format!("keluar/{name}.bersih.xlsx")).is_file());
    }
    assert!(!wd.path("keluar/b-panik.bersih.xlsx").exists());
}
