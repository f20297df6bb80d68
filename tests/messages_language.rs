//! Errors read in one language. A cause that comes from a dependency (zip, calamine, the
//! operating system) is in English whatever the user chose; in Indonesian it is wrapped in a
//! sentence of ours and shown as "(pesan asli: …)", never spliced into an Indonesian sentence
//! as if it were one. Our own words are never bilingual ("teks / text").

mod common;

use common::{assert_exit, stderr, Workdir};

fn refused(dir: &Workdir, name: &str, lang: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", name, "--lang", lang];
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    assert_exit(&out, 2);
    stderr(&out)
}

/// The message with the bracketed original removed: what renja itself says.
fn ours(message: &str) -> String {
    match message.split_once("(pesan asli:") {
        Some((before, after)) => {
            let rest = after.split_once(')').map_or("", |(_, r)| r);
            format!("{before}{rest}")
        }
        None => message.to_string(),
    }
}

#[test]
fn a_broken_zip_is_explained_in_indonesian_with_the_original_in_brackets() {
    let dir = Workdir::new();
    dir.write("rusak.xlsx", b"PK\x03\x04 bukan zip yang utuh");
    let id = refused(&dir, "rusak.xlsx", "id", &[]);
    assert!(id.contains("rusak.xlsx rusak atau terpotong"), "{id}");
    assert!(id.contains("(pesan asli: "), "{id}");
    for english in ["invalid", "Zip archive", "EOCD", "Could not"] {
        assert!(
            !ours(&id).contains(english),
            "{english} outside the brackets: {id}"
        );
    }
    let en = refused(&dir, "rusak.xlsx", "en", &[]);
    assert!(en.contains("rusak.xlsx is corrupt or truncated"), "{en}");
    assert!(!en.contains("pesan asli"), "{en}");
}

#[test]
fn plain_text_is_named_in_one_language() {
    let dir = Workdir::new();
    dir.write("catatan.xlsx", b"Ini hanya catatan, bukan tabel.\n");
    let id = refused(&dir, "catatan.xlsx", "id", &[]);
    assert!(id.contains("(teks biasa)"), "{id}");
    let en = refused(&dir, "catatan.xlsx", "en", &[]);
    assert!(en.contains("(plain text)"), "{en}");
    for message in [&id, &en] {
        assert!(!message.contains("teks / text"), "{message}");
    }
}

#[test]
fn the_unpacked_size_is_not_called_compressed() {
    let dir = Workdir::new();
    dir.xlsx(
        "kecil.xlsx",
        &[("Realisasi", &[("A1", "Pagu"), ("B1", "#100")])],
    );
    let id = refused(&dir, "kecil.xlsx", "id", &["--max-unpacked", "1000"]);
    assert!(id.contains("--max-unpacked"), "{id}");
    assert!(!id.contains("terkompresi"), "{id}");
    assert!(id.contains("setelah dibuka"), "{id}");
    assert!(id.contains("batas 1.000 byte"), "{id}");
    let en = refused(&dir, "kecil.xlsx", "en", &["--max-unpacked", "1000"]);
    assert!(en.contains("past the 1,000-byte limit"), "{en}");
}

#[test]
fn a_missing_folder_reports_the_system_cause_in_brackets() {
    let dir = Workdir::new();
    dir.xlsx(
        "ada.xlsx",
        &[("Realisasi", &[("A1", "Pagu"), ("B1", "#100")])],
    );
    let out = dir.run(&["clean", "ada.xlsx", "-o", "tidak-ada/keluar.xlsx"]);
    assert_exit(&out, 2);
    let id = stderr(&out);
    assert!(id.contains("Gagal menulis"), "{id}");
    assert!(!ours(&id).contains("No such file"), "{id}");
}
