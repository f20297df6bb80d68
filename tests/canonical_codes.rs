//! The `Kode (baku)` column of the cleaned workbook (issue 19): beside a table whose codes
//! were split over cells, the canonical code of every data row; every input cell stays where
//! it was, and the Ringkasan says so. A code in one cell needs none: its cell is rewritten.

mod common;

use common::{assert_exit, cell, read, Workdir};
use renja::model::Workbook;

fn text_at(book: &Workbook, sheet: &str, a1: &str) -> String {
    book.sheet(sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"))
        .cells
        .get(&cell(a1))
        .map(|c| c.raw.display())
        .unwrap_or_default()
}

fn clean(dir: &Workdir, name: &str) -> Workbook {
    let out = dir.run(&["clean", name, "-o", "bersih.xlsx", "--force"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    read(&dir.path("bersih.xlsx"))
}

#[test]
fn codes_split_over_cells_get_their_canonical_form_beside_the_table() {
    let dir = Workdir::new();
    // The SIPD layout: urusan, bidang and program as integers that lost their zeros, the
    // kegiatan and sub kegiatan in their own columns; a note right of the table on row 3.
    dir.xlsx(
        "terpisah.xlsx",
        &[(
            "Renja",
            &[
                ("A1", "URUSAN"),
                ("B1", "BIDANG URUSAN"),
                ("C1", "PROGRAM"),
                ("D1", "KEGIATAN"),
                ("E1", "SUB KEGIATAN"),
                ("F1", "URAIAN"),
                ("G1", "Pagu (Rp)"),
                ("A2", "#5"),
                ("B2", "#3"),
                ("C2", "#2"),
                ("F2", "PROGRAM KEPEGAWAIAN DAERAH"),
                ("G2", "#300"),
                ("A3", "#5"),
                ("B3", "#3"),
                ("C3", "#2"),
                ("D3", "2.03"),
                ("F3", "Pengembangan Kompetensi ASN"),
                ("G3", "#300"),
                ("H3", "catatan staf"),
                ("A4", "#5"),
                ("B4", "#3"),
                ("C4", "#2"),
                ("D4", "2.03"),
                ("E4", "0002"),
                ("F4", "Pengelolaan Assessment Center"),
                ("G4", "#300"),
            ],
        )],
    );
    let book = clean(&dir, "terpisah.xlsx");
    // H holds the staff's note on row 3, so the column goes to I.
    assert_eq!(text_at(&book, "Renja", "H3"), "catatan staf");
    assert_eq!(text_at(&book, "Renja", "I1"), "Kode (baku)");
    assert_eq!(text_at(&book, "Renja", "I2"), "5.03.02");
    assert_eq!(text_at(&book, "Renja", "I3"), "5.03.02.2.03");
    assert_eq!(text_at(&book, "Renja", "I4"), "5.03.02.2.03.0002");
    // The input cells as they were.
    assert_eq!(text_at(&book, "Renja", "D4"), "2.03");
    assert_eq!(text_at(&book, "Renja", "E4"), "0002");
    let summary = &book.sheets[0];
    let said = summary
        .cells
        .values()
        .map(|c| c.raw.display())
        .find(|t| t.contains("Kode (baku)"))
        .unwrap_or_else(|| panic!("Ringkasan does not mention the column: {summary:?}"));
    assert!(said.contains("Renja") && said.contains("I1"), "{said}");
    assert!(said.contains("(3 baris)"), "{said}");
}

#[test]
fn codes_in_one_cell_are_rewritten_in_place_and_need_no_column() {
    let dir = Workdir::new();
    dir.xlsx(
        "spasi.xlsx",
        &[(
            "Renja",
            &[
                ("A1", "Kode"),
                ("B1", "Uraian"),
                ("C1", "Pagu (Rp)"),
                ("A2", "5 03 02"),
                ("B2", "PROGRAM KEPEGAWAIAN DAERAH"),
                ("C2", "#100"),
                ("A3", "5 03 02 2.03"),
                ("B3", "Pengembangan Kompetensi ASN"),
                ("C3", "#100"),
            ],
        )],
    );
    let out = dir.run(&["clean", "spasi.xlsx", "-o", "bersih.xlsx"]);
    assert_exit(&out, 0);
    let book = read(&dir.path("bersih.xlsx"));
    assert_eq!(text_at(&book, "Renja", "A3"), "5.03.02.2.03");
    assert_eq!(text_at(&book, "Renja", "D1"), "");

    // An account code kept as written, stored as a number, shows itself: no column either.
    dir.xlsx(
        "akun.xlsx",
        &[(
            "Laporan",
            &[
                ("A1", "Kode Rekening"),
                ("B1", "Uraian"),
                ("C1", "Jumlah (Rp)"),
                ("A2", "#41201012"),
                ("B2", "Retribusi Pelayanan Kesehatan"),
                ("C2", "#12313"),
            ],
        )],
    );
    let out = dir.run(&["clean", "akun.xlsx", "-o", "akun-bersih.xlsx"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let book = read(&dir.path("akun-bersih.xlsx"));
    assert_eq!(text_at(&book, "Laporan", "D1"), "");
}
