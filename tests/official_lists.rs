//! Codes and names against the official lists (issue 19), through the real binary: the
//! document's year (from its title) picks the list, and faults planted in workbooks built here
//! are each found with the right rule, severity and explanation.

mod common;
mod layouts;

use common::{stdout, Workdir};
use serde_json::Value;

/// The rules this file is about; the arithmetic and hierarchy rules are tested elsewhere.
const LIST_RULES: &[&str] = &[
    "code-unknown",
    "name-mismatch",
    "code-renumbered",
    "code-list-unavailable",
];

/// A Renja-like table under a title that names `year`: `Kode | Uraian | Pagu` from row 3.
fn renja(dir: &Workdir, name: &str, year: u16, rows: &[(&str, &str)]) {
    let title = format!("RENCANA KERJA BKPSDM KOTA BINJAI TAHUN {year}");
    let mut cells: Vec<(String, String)> = vec![
        ("A1".into(), title),
        ("A3".into(), "Kode".into()),
        ("B3".into(), "Uraian".into()),
        ("C3".into(), "Pagu (Rp)".into()),
    ];
    for (i, (code, uraian)) in rows.iter().enumerate() {
        let row = i + 4;
        cells.push((format!("A{row}"), code.to_string()));
        cells.push((format!("B{row}"), uraian.to_string()));
        cells.push((format!("C{row}"), "#1000".into()));
    }
    let borrowed: Vec<(&str, &str)> = cells
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    dir.xlsx(name, &[("Renja", &borrowed)]);
}

/// (rule, severity, cell, message) of every finding of [`LIST_RULES`].
fn list_findings(dir: &Workdir, args: &[&str]) -> Vec<(String, String, String, String)> {
    let mut all = vec!["check"];
    all.extend(args);
    all.extend(["--format", "json", "--lang", "en"]);
    let out = dir.run(&all);
    let report: Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&out.stderr)));
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| LIST_RULES.contains(&f["rule"].as_str().unwrap_or_default()))
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                field("rule"),
                field("severity"),
                field("cell"),
                field("message"),
            )
        })
        .collect()
}

fn rules_at(found: &[(String, String, String, String)]) -> Vec<(&str, &str, &str)> {
    found
        .iter()
        .map(|(r, s, c, _)| (r.as_str(), s.as_str(), c.as_str()))
        .collect()
}

const PROGRAM: (&str, &str) = ("5.03.02", "PROGRAM KEPEGAWAIAN DAERAH");
const KEGIATAN: (&str, &str) = ("5.03.02.2.03", "Pengembangan Kompetensi ASN");

#[test]
fn a_name_typo_and_a_wrong_code_for_a_right_name_in_a_2024_renja() {
    let dir = Workdir::new();
    renja(
        &dir,
        "renja.xlsx",
        2024,
        &[
            PROGRAM,
            KEGIATAN,
            // 5.03.02.2.03.0002 is Pengelolaan Assessment Center: one letter dropped.
            ("5.03.02.2.03.0002", "Pengelolaan Assesment Center"),
            // 0001 is Peningkatan Kapasitas Kinerja ASN; this is the name of 0004.
            ("5.03.02.2.03.0001", "Pengelolaan Pendidikan Lanjutan ASN"),
            // Right code, right name: nothing to say.
            ("5.03.02.2.03.0004", "Pengelolaan Pendidikan Lanjutan ASN"),
        ],
    );
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [
            ("name-mismatch", "warning", "B6"),
            ("name-mismatch", "warning", "B7"),
        ],
        "{found:#?}"
    );
    let typo = &found[0].3;
    assert!(typo.contains("\"Pengelolaan Assessment Center\""), "{typo}");
    assert!(
        typo.contains("(1 letter(s) apart), probably a typo"),
        "{typo}"
    );
    assert!(typo.contains("Kepmendagri 900.1.15.5-1317/2023"), "{typo}");
    let wrong = &found[1].3;
    assert!(
        wrong.contains("\"Peningkatan Kapasitas Kinerja ASN\""),
        "{wrong}"
    );
    assert!(
        wrong.contains("official name of 5.03.02.2.03.0004, probably a wrong code"),
        "{wrong}"
    );
}

/// 1.02.02.2.02.0021 (Kepmendagri 900.1.15.5-1317/2023) is 1.02.02.2.02.0055 in the 2027
/// nomenclature; 0055 is not in the 2024 list.
const OLD_CODE: (&str, &str) = (
    "1.02.02.2.02.0021",
    "Pengelolaan Pelayanan Kesehatan Orang dengan Masalah Kesehatan Jiwa (ODMK)",
);
const NEW_CODE: (&str, &str) = (
    "1.02.02.2.02.0055",
    "Pengelolaan Pelayanan Kesehatan Orang yang berisiko Masalah Kesehatan Jiwa",
);

#[test]
fn a_2024_code_in_a_2027_document_is_unknown_and_says_to_what_it_was_renumbered() {
    let dir = Workdir::new();
    renja(&dir, "renja.xlsx", 2027, &[OLD_CODE]);
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [("code-unknown", "warning", "A4")],
        "{found:#?}"
    );
    let message = &found[0].3;
    assert!(
        message.contains("renumbered it to 1.02.02.2.02.0055"),
        "{message}"
    );
    assert!(message.contains("pemutakhiran 2027"), "{message}");
}

#[test]
fn a_2027_code_in_a_2024_document_is_unknown_and_says_which_list_has_it() {
    let dir = Workdir::new();
    renja(&dir, "renja.xlsx", 2024, &[NEW_CODE]);
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [("code-unknown", "warning", "A4")],
        "{found:#?}"
    );
    let message = &found[0].3;
    assert!(
        message.contains("not in Kepmendagri 900.1.15.5-1317/2023, but Nomenklatur sub kegiatan pemutakhiran 2027 has it"),
        "{message}"
    );
}

#[test]
fn a_2024_code_that_2027_renumbered_is_info_in_a_2024_document() {
    let dir = Workdir::new();
    renja(&dir, "renja.xlsx", 2024, &[OLD_CODE]);
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [("code-renumbered", "info", "A4")],
        "{found:#?}"
    );
    assert!(
        found[0]
            .3
            .contains("renumbers code 1.02.02.2.02.0021 to 1.02.02.2.02.0055"),
        "{}",
        found[0].3
    );
}

/// 2023 has no list of its own (Kepmendagri 050-5889/2021 is not embedded): the kegiatan and
/// sub kegiatan codes are not checked at all, the program codes are, and that is said once.
#[test]
fn a_year_without_a_list_checks_only_the_levels_every_list_shares_and_says_so_once() {
    let dir = Workdir::new();
    renja(
        &dir,
        "renja.xlsx",
        2023,
        &[
            PROGRAM,
            ("5.03.02.2.03", "Nama kegiatan yang tidak dikenal"),
            ("5.03.02.2.03.77", "Sub kegiatan yang tidak dikenal"),
            ("5.03.09", "PROGRAM YANG TIDAK ADA"),
        ],
    );
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [("code-list-unavailable", "info", "A4")],
        "{found:#?}"
    );
    assert!(
        found[0].3.contains("No official code list for 2023"),
        "{}",
        found[0].3
    );
}

/// `--nomenklatur` with a year in the file's name replaces the embedded lists for that year.
#[test]
fn a_users_list_for_the_year_replaces_the_embedded_one() {
    let dir = Workdir::new();
    renja(
        &dir,
        "renja.xlsx",
        2024,
        &[PROGRAM, ("5.03.03", "PROGRAM BARU")],
    );
    dir.write(
        "nomenklatur-2024.csv",
        b"kode;nama\n5.03.02;PROGRAM KEPEGAWAIAN DAERAH\n5.03.03;PROGRAM BARU\n",
    );
    assert!(list_findings(
        &dir,
        &["renja.xlsx", "--nomenklatur", "nomenklatur-2024.csv"]
    )
    .is_empty());
    // Without it, 5.03.03 is in no official list.
    let found = list_findings(&dir, &["renja.xlsx"]);
    assert_eq!(
        rules_at(&found),
        [("code-unknown", "warning", "A5")],
        "{found:#?}"
    );
}

/// SIPD's accounts (`lra-sipd-januari.xlsx`: `5.1.02.01.001.00024`) are the list's
/// `5.1.02.01.01.0024` at other widths; and a sub rincian objek the list lacks under a rincian
/// objek it has (`5.1.02.02.01.0080` in a 2026 LRA, where the list ends at `…0077`) is newer
/// than the list, not a wrong code: said once, as info. A code whose parent the list lacks
/// too is still unknown.
#[test]
fn accounts_at_sipd_widths_are_known_and_newer_sub_rincian_objek_are_said_once() {
    let dir = Workdir::new();
    renja(
        &dir,
        "lra.xlsx",
        2026,
        &[
            ("5.1.02.02.001", "Belanja Jasa Kantor"),
            ("5.1.02.02.001.00071", "Belanja Lembur"),
            ("5.1.02.02.001.00080", "Belanja Jasa Tenaga Baru"),
            ("5.1.02.02.001.00081", "Belanja Jasa Tenaga Lain"),
            ("5.1.02.99.001.00001", "Belanja Entah"),
        ],
    );
    let found = list_findings(&dir, &["lra.xlsx"]);
    let at = rules_at(&found);
    assert!(
        !at.iter()
            .any(|(_, severity, cell)| *severity == "warning"
                && ["A4", "A5", "A6", "A7"].contains(cell)),
        "{found:#?}"
    );
    assert!(
        at.contains(&("code-unknown", "warning", "A8")),
        "{found:#?}"
    );
    let newer: Vec<_> = found
        .iter()
        .filter(|(rule, _, _, message)| {
            rule == "code-list-unavailable" && message.contains("5.1.02.02.001.00080")
        })
        .collect();
    assert_eq!(newer.len(), 1, "{found:#?}");
    assert!(
        newer[0].3.contains(": 2 code(s)"),
        "says how many: {}",
        newer[0].3
    );
}

/// A row whose codes stand in several columns (a RAK's program | kegiatan | sub kegiatan |
/// account) has one uraian column that may name any of them: its name is not compared with
/// the deepest code's (`rak-kesling-2025.xlsx` L5: a program's name against an account's).
#[test]
fn a_name_is_not_compared_on_a_row_whose_codes_stand_in_several_columns() {
    let dir = Workdir::new();
    layouts::save(
        dir.root(),
        "rak.xlsx",
        &[&layouts::rak(&layouts::rak_lines())],
    );
    let found = list_findings(&dir, &["rak.xlsx"]);
    assert!(
        !found.iter().any(|(rule, ..)| rule == "name-mismatch"),
        "{found:#?}"
    );
}

/// A 2026 LRA (`lra-sipd-januari.xlsx` A299: `2.16.02.2.01.0021`) may hold a sub kegiatan added
/// after the 2024 list and dropped or renumbered by 2027: with no list for 2026, a sub kegiatan
/// neither list has under a kegiatan they have cannot be told wrong, and is said once, as info.
#[test]
fn a_sub_kegiatan_between_two_lists_years_is_not_called_unknown() {
    let dir = Workdir::new();
    renja(
        &dir,
        "renja.xlsx",
        2026,
        &[
            (
                "5.03.02.2.01",
                "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
            ),
            ("5.03.02.2.01.0099", "Sub Kegiatan Baru"),
        ],
    );
    let found = list_findings(&dir, &["renja.xlsx"]);
    let at = rules_at(&found);
    assert!(
        !at.iter().any(|(rule, _, _)| *rule == "code-unknown"),
        "{found:#?}"
    );
    assert!(
        found.iter().any(
            |(rule, severity, cell, message)| rule == "code-list-unavailable"
                && severity == "info"
                && cell == "A5"
                && message.contains(": 1 code(s)")
        ),
        "{found:#?}"
    );
}

/// The 2027 nomenclature's renumbered sub kegiatan: `1.03.07.2.01.0038 1.03.07.2.01.0018
/// Optimalisasi …` (new code, old code, name) with the old one again under `SUBKEGIATAN
/// SEBELUMNYA` (`nomenklatur-subkegiatan-2027.xlsx` E4863). The row is 0038, which the list
/// has: not "0018, unknown, renumbered to 0038", which is what the row itself says.
#[test]
fn a_renumbered_sub_kegiatan_written_new_code_then_old_is_the_new_code() {
    let dir = Workdir::new();
    let kegiatan = "1.03.07.2.01 Penyelenggaraan Infrastruktur pada Permukiman di Kawasan \
                    Strategis Daerah Kabupaten/Kota";
    let name = "Optimalisasi Sistem Pengelolaan Air Limbah Domestik (SPALD) Terpusat di \
                Kawasan Strategis Kabupaten/Kota";
    let renumbered = format!("1.03.07.2.01.0038 1.03.07.2.01.0018 {name}");
    let before = format!("1.03.07.2.01.0018 {name}");
    let mut cells: Vec<(String, String)> = vec![
        ("A1".into(), "NOMENKLATUR SUB KEGIATAN TAHUN 2027".into()),
        ("A3".into(), "BIDANG".into()),
        ("B3".into(), "PROGRAM".into()),
        ("C3".into(), "KEGIATAN".into()),
        ("D3".into(), "SUBKEGIATAN".into()),
        ("E3".into(), "SATUAN".into()),
        ("F3".into(), "SUBKEGIATAN SEBELUMNYA".into()),
    ];
    let rows = [
        (
            "1.03.07.2.01.0034 Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT) di \
             Kawasan Strategis Kabupaten/Kota",
            "",
        ),
        (renumbered.as_str(), before.as_str()),
    ];
    for (i, (sub, old)) in rows.iter().enumerate() {
        let row = i + 4;
        cells.push((
            format!("A{row}"),
            "1.03 URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG".into(),
        ));
        cells.push((
            format!("B{row}"),
            "1.03.07 PROGRAM PENGEMBANGAN PERMUKIMAN".into(),
        ));
        cells.push((format!("C{row}"), kegiatan.into()));
        cells.push((format!("D{row}"), sub.to_string()));
        cells.push((format!("E{row}"), "Unit".into()));
        if !old.is_empty() {
            cells.push((format!("F{row}"), old.to_string()));
        }
    }
    let borrowed: Vec<(&str, &str)> = cells
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    dir.xlsx("nomenklatur.xlsx", &[("Nomenklatur", &borrowed)]);
    let found = list_findings(&dir, &["nomenklatur.xlsx"]);
    assert!(
        !found
            .iter()
            .any(|(rule, ..)| rule == "code-unknown" || rule == "name-mismatch"),
        "{found:#?}"
    );
}
