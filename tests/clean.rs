//! `renja clean` end to end on workbooks built here: nothing lost, nothing touched, no formula
//! left, an existing output never overwritten without --force.

mod common;

use common::{assert_exit, read, stdout, Workdir};
use renja::model::Raw;

fn realisation(dir: &Workdir) -> std::path::PathBuf {
    dir.xlsx(
        "Realisasi 2023.xlsx",
        &[
            (
                "Realisasi",
                &[
                    ("A1", "REALISASI BELANJA TAHUN 2023"),
                    ("A3", "KODE"),
                    ("B3", "URAIAN"),
                    ("C3", "PAGU"),
                    ("D3", "REALISASI"),
                    ("E3", "SISA"),
                    ("A4", "5.03.01.2.02"),
                    ("B4", "Administrasi Keuangan"),
                    ("C4", "=SUM(C5:C6)|300"),
                    ("D4", "=SUM(D5:D6)|250"),
                    ("E4", "=C4-D4|50"),
                    ("A5", "5.03.01.2.02.01"),
                    ("C5", "#100"),
                    ("D5", "#90"),
                    ("E5", "=C5-D5|10"),
                    ("A6", "5 03 01 2.02 04"),
                    ("C6", "#200"),
                    ("D6", "#160"),
                    ("E6", "=C6-D6|40"),
                ],
            ),
            (
                "Catatan",
                &[("B2", "Disusun oleh Subbag Program"), ("C9", "#1")],
            ),
        ],
    )
}

#[test]
fn clean_keeps_every_cell_and_leaves_no_formula() {
    let dir = Workdir::new();
    let input = realisation(&dir);
    let before = std::fs::read(&input).unwrap();
    let modified = std::fs::metadata(&input).unwrap().modified().unwrap();
    let out = dir.run(&["clean", "Realisasi 2023.xlsx"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("Realisasi 2023.bersih.xlsx"),
        "{}",
        stdout(&out)
    );

    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "input bytes changed"
    );
    assert_eq!(
        std::fs::metadata(&input).unwrap().modified().unwrap(),
        modified,
        "input touched"
    );

    let original = read(&input);
    let cleaned = read(&dir.path("Realisasi 2023.bersih.xlsx"));
    for sheet in &original.sheets {
        let twin = cleaned
            .sheet(&sheet.name)
            .unwrap_or_else(|| panic!("sheet {} lost", sheet.name));
        for (at, cell) in &sheet.cells {
            let kept = twin
                .get(*at)
                .unwrap_or_else(|| panic!("{}!{} lost", sheet.name, at.a1()));
            assert_ne!(kept.raw, Raw::Empty, "{}!{} emptied", sheet.name, at.a1());
            if let (Raw::Number(_), None) = (&cell.raw, &cell.formula) {
                assert_eq!(
                    kept.raw,
                    cell.raw,
                    "{}!{} number changed",
                    sheet.name,
                    at.a1()
                );
            }
        }
        assert_eq!(
            twin.cells.len(),
            sheet.cells.len(),
            "cell count of {}",
            sheet.name
        );
    }
    for sheet in &cleaned.sheets {
        assert!(
            sheet.cells.values().all(|c| c.formula.is_none()),
            "formula left in {}",
            sheet.name
        );
    }
    let names: Vec<_> = cleaned.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ringkasan", "Realisasi", "Catatan", "Temuan", "Perubahan"]
    );
    // Formula cells now hold values.
    assert_eq!(
        cleaned
            .sheet("Realisasi")
            .unwrap()
            .get(common::cell("E4"))
            .unwrap()
            .raw,
        Raw::Number(50.0)
    );
}

#[test]
fn english_names_the_report_sheets_in_english() {
    let dir = Workdir::new();
    realisation(&dir);
    let out = dir.run(&[
        "clean",
        "Realisasi 2023.xlsx",
        "-o",
        "out.xlsx",
        "--lang",
        "en",
    ]);
    assert_exit(&out, 0);
    let names: Vec<_> = read(&dir.path("out.xlsx"))
        .sheets
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        names,
        ["Summary", "Realisasi", "Catatan", "Findings", "Changes"]
    );
}

#[test]
fn an_existing_output_needs_force() {
    let dir = Workdir::new();
    realisation(&dir);
    dir.write("out.xlsx", b"keep me");
    let out = dir.run(&["clean", "Realisasi 2023.xlsx", "-o", "out.xlsx"]);
    assert_exit(&out, 2);
    assert!(
        common::stderr(&out).contains("sudah ada. Gunakan --force"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(std::fs::read(dir.path("out.xlsx")).unwrap(), b"keep me");
    let out = dir.run(&["clean", "Realisasi 2023.xlsx", "-o", "out.xlsx", "--force"]);
    assert_exit(&out, 0);
    assert_ne!(std::fs::read(dir.path("out.xlsx")).unwrap(), b"keep me");
}

#[test]
fn the_input_is_never_the_output() {
    let dir = Workdir::new();
    let input = realisation(&dir);
    let before = std::fs::read(&input).unwrap();
    let out = dir.run(&[
        "clean",
        "Realisasi 2023.xlsx",
        "-o",
        "Realisasi 2023.xlsx",
        "--force",
    ]);
    assert_exit(&out, 2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn check_writes_json_to_stdout_and_nothing_else() {
    let dir = Workdir::new();
    realisation(&dir);
    let out = dir.run(&["check", "Realisasi 2023.xlsx", "--format", "json"]);
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["schema"], "renja-report/1");
    assert_eq!(json["file"], "Realisasi 2023.xlsx");
    assert_eq!(json["summary"]["formulas"], 5);
    assert_eq!(json["sheets"].as_array().unwrap().len(), 2);
    let files: Vec<_> = std::fs::read_dir(dir.root()).unwrap().collect();
    assert_eq!(files.len(), 1, "check must not write files");
}

/// The change log's rows as (cell, original, new, reason) text, below the header.
fn change_log(path: &std::path::Path, sheet: &str) -> Vec<[String; 4]> {
    let book = read(path);
    let log = book.sheet(sheet).unwrap();
    let text = |row, col| match log.get(renja::model::CellAt::new(row, col)).map(|c| &c.raw) {
        Some(Raw::Text(t)) => t.clone(),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    };
    let last = log.cells.keys().map(|at| at.row).max().unwrap();
    (1..=last)
        .map(|row| [text(row, 1), text(row, 2), text(row, 3), text(row, 4)])
        .collect()
}

#[test]
fn change_log_names_a_filled_down_formula_once_per_run() {
    let dir = Workdir::new();
    let mut cells = vec![("A1".to_string(), "REALISASI".to_string())];
    for row in 2..=9 {
        // E6's cached result is stale: its own row, splitting the run of column E.
        let cached = if row == 6 { 99 } else { 10 };
        cells.push((format!("C{row}"), "#30".into()));
        cells.push((format!("D{row}"), "#20".into()));
        cells.push((format!("E{row}"), format!("=C{row}-D{row}|{cached}")));
        // Column F points at one fixed cell: a copy in R1C1 form although the text is not.
        cells.push((format!("F{row}"), format!("=E{row}*$C$2|{}", 10 * 30)));
    }
    // G2 and G3 hold the same text, so they name the same cell: not a copy, two rows.
    cells.push(("G2".into(), "=C2*2|60".into()));
    cells.push(("G3".into(), "=C2*2|60".into()));
    let cells: Vec<(&str, &str)> = cells
        .iter()
        .map(|(a, c)| (a.as_str(), c.as_str()))
        .collect();
    dir.xlsx("runs.xlsx", &[("Data", &cells)]);
    assert_exit(&dir.run(&["clean", "runs.xlsx"]), 1);
    let rows = change_log(&dir.path("runs.bersih.xlsx"), "Perubahan");
    let run = |cells: &str, formula: &str, count: u32| {
        [
            cells.to_string(),
            formula.to_string(),
            "(nilai masing-masing sel)".to_string(),
            format!("Rumus yang sama disalin ke bawah pada {count} sel, masing-masing diganti dengan nilainya (tidak berubah)"),
        ]
    };
    let one = |cell: &str, formula: &str, new: &str, key_text: &str| {
        [cell.into(), formula.into(), new.into(), key_text.into()]
    };
    assert_eq!(
        rows,
        vec![
            run("E2:E5", "=C2-D2", 4),
            run("F2:F9", "=E2*$C$2", 8),
            one("G2", "=C2*2", "60", "Rumus diganti dengan nilainya"),
            one("G3", "=C2*2", "60", "Rumus diganti dengan nilainya"),
            one(
                "E6",
                "=C6-D6",
                "10",
                "Rumus diganti dengan nilai hasil hitung ulang (berbeda dari nilai di berkas)"
            ),
            run("E7:E9", "=C7-D7", 3),
        ]
    );

    let out = dir.run(&["clean", "runs.xlsx", "-o", "en.xlsx", "--lang", "en"]);
    assert_exit(&out, 1);
    let rows = change_log(&dir.path("en.xlsx"), "Changes");
    assert_eq!(
        rows[0],
        [
            "E2:E5".to_string(),
            "=C2-D2".into(),
            "(each cell's value)".into(),
            "The same formula filled down over 4 cells, each replaced by its value (unchanged)"
                .into()
        ]
    );
}

/// An ods (or xls, xlsb) can name a sheet longer than the 31 characters Excel allows: the
/// cleaned workbook shortens the name, says so in the summary, and its findings point at the
/// shortened sheet.
#[test]
fn a_sheet_name_excel_refuses_is_shortened_and_said() {
    let dir = Workdir::new();
    let long = "Rekapitulasi Realisasi Anggaran Belanja Daerah 2025";
    let input = dir.write("rekap.ods", &common::small_ods(long));
    let out = dir.run(&["clean", "rekap.ods"]);
    assert!(out.status.code() != Some(2), "{}", common::stderr(&out));
    let book = read(&input.with_file_name("rekap.bersih.xlsx"));
    let short = "Rekapitulasi Realisasi Anggaran";
    let data = book.sheet(short).expect("the data sheet, shortened");
    let text = |c: &renja::model::Cell| match &c.raw {
        Raw::Text(t) => Some(t.clone()),
        _ => None,
    };
    assert!(data
        .cells
        .values()
        .any(|c| text(c).as_deref() == Some("5.03.01")));
    let summary = book.sheet("Ringkasan").expect("Ringkasan");
    let said = summary
        .cells
        .values()
        .filter_map(text)
        .any(|t| t.contains(long) && t.contains(short) && t.contains("31"));
    assert!(said, "the summary says the sheet was renamed");
    let findings = book.sheet("Temuan").expect("Temuan");
    assert!(findings
        .cells
        .values()
        .any(|c| text(c).as_deref() == Some(short)));
}
