//! The cleaned workbook of every sample, byte for byte: a SHA-256 per xlsx part (timestamps of
//! the run masked), so a change in what `renja clean` writes shows up in review even where no
//! other test looks. A change that is meant shows as a new snapshot; the part that changed
//! names where to look (`xl/worksheets/sheet1.xml` is the first data sheet, the shared
//! strings hold every text).

mod common;

use std::io::Read;
use std::path::Path;

use common::Workdir;
use regex::Regex;
use sha2::{Digest, Sha256};

/// Every input sample, of every format renja reads from samples/.
const SAMPLES: [&str; 10] = [
    "evaluasi-renja-2023.xlsx",
    "formula-kasus.xlsx",
    "realisasi-2023.xlsx",
    "realisasi-2023-bersih.xlsx",
    "realisasi-2023-teks.xlsx",
    "rencana-2025.xlsx",
    "review-rkpd-2023.xlsx",
    "realisasi-2023.csv",
    "realisasi-2023.html",
    "realisasi-2023-mhtml.xls",
];

/// `NAME  SIZE  SHA-256` per part, in the zip's order, with the time of the run masked.
fn part_digests(path: &Path) -> String {
    let stamp = Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z").unwrap();
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let masked = match String::from_utf8(bytes) {
            Ok(text) => stamp
                .replace_all(&text, "TIMESTAMP")
                .into_owned()
                .into_bytes(),
            Err(e) => e.into_bytes(),
        };
        let digest: String = Sha256::digest(&masked)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.push_str(&format!("{name:<40} {:>8} {digest}\n", masked.len()));
    }
    out
}

#[test]
fn cleaned_workbooks_of_the_samples() {
    for sample in SAMPLES {
        for lang in ["id", "en"] {
            let dir = Workdir::new();
            let input = dir.copy_from_repo(&format!("samples/{sample}"));
            let output = dir.path("bersih.xlsx");
            let run = dir.run(&[
                "clean",
                input.file_name().unwrap().to_str().unwrap(),
                "-o",
                "bersih.xlsx",
                "--lang",
                lang,
            ]);
            assert!(
                matches!(run.status.code(), Some(0 | 1)),
                "{sample}: exit {:?}\n{}{}",
                run.status.code(),
                common::stdout(&run),
                common::stderr(&run)
            );
            insta::assert_snapshot!(format!("cleaned-{sample}-{lang}"), part_digests(&output));
        }
    }
}
