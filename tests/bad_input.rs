//! Broken and hostile input: each gives exit 2, a message naming the file and the cause in the
//! user's language, no panic, and no output file left behind.

mod common;

use common::{assert_exit, stderr, Workdir};

/// Runs `renja clean` on `name` and checks the failure: exit 2, the file named, `needle` in
/// the message, no panic, nothing written.
fn refuses(dir: &Workdir, name: &str, needle_id: &str, needle_en: &str) {
    let before: Vec<_> = std::fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for (lang, needle) in [("id", needle_id), ("en", needle_en)] {
        let out = dir.run(&["clean", name, "--lang", lang]);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(err.contains(name), "message must name the file: {err}");
        assert!(err.contains(needle), "expected {needle:?} in: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let after: Vec<_> = std::fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        before, after,
        "no output (or temporary file) may be left behind"
    );
}

#[test]
fn zero_byte_file() {
    let dir = Workdir::new();
    dir.write("kosong.xlsx", b"");
    refuses(&dir, "kosong.xlsx", "kosong (0 byte)", "empty (0 bytes)");
}

#[test]
fn truncated_zip() {
    let dir = Workdir::new();
    let full = dir.xlsx(
        "utuh.xlsx",
        &[("Realisasi", &[("A1", "Pagu"), ("B1", "#100")])],
    );
    let bytes = std::fs::read(&full).unwrap();
    std::fs::remove_file(&full).unwrap();
    dir.write("terpotong.xlsx", &bytes[..bytes.len() / 2]);
    refuses(
        &dir,
        "terpotong.xlsx",
        "rusak atau terpotong",
        "corrupt or truncated",
    );
}

#[test]
fn html_page_without_a_table() {
    // A session that timed out: the web app saved its login page instead of the export.
    let dir = Workdir::new();
    dir.write(
        "ekspor.xlsx",
        b"<html><body><h1>Sesi berakhir</h1><p>Silakan masuk kembali.</p></body></html>",
    );
    refuses(
        &dir,
        "ekspor.xlsx",
        "halaman web (HTML) yang disimpan dengan nama .xlsx, tetapi tidak berisi tabel",
        "web page (HTML) saved with a .xlsx name, but it holds no table",
    );
}

#[test]
fn mhtml_without_a_page() {
    let dir = Workdir::new();
    dir.write(
        "laporan.xls",
        b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n",
    );
    refuses(&dir, "laporan.xls", "MHTML", "MHTML");
}

#[test]
fn plain_text_is_not_a_csv() {
    let dir = Workdir::new();
    dir.write(
        "catatan.csv",
        b"Catatan rapat, 12 Januari 2024.\nHadir: kepala bidang, staf keuangan.\n",
    );
    refuses(&dir, "catatan.csv", "bukan buku kerja", "not an Excel");
}

#[test]
fn workbook_without_any_value() {
    let dir = Workdir::new();
    dir.xlsx("hampa.xlsx", &[("Sheet1", &[])]);
    refuses(
        &dir,
        "hampa.xlsx",
        "tidak berisi satu sel pun",
        "no filled cell",
    );
}

#[test]
fn encrypted_workbook() {
    // Encrypted with msoffcrypto-tool (password "renja"): a CFB container holding an
    // EncryptedPackage stream, as Excel writes it.
    let dir = Workdir::new();
    dir.copy_from_repo("tests/fixtures/terenkripsi-sandi-renja.xlsx");
    refuses(
        &dir,
        "terenkripsi-sandi-renja.xlsx",
        "dilindungi kata sandi",
        "password-protected",
    );
}

#[test]
fn not_a_spreadsheet() {
    let dir = Workdir::new();
    dir.write("scan.xlsx", b"%PDF-1.7\n...");
    refuses(&dir, "scan.xlsx", "bukan buku kerja", "not an Excel");
}

#[test]
fn missing_file() {
    let dir = Workdir::new();
    let out = dir.run(&["check", "tidak-ada.xlsx"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("Berkas tidak ditemukan: tidak-ada.xlsx"),
        "{}",
        stderr(&out)
    );
}
