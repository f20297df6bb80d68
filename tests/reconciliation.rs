//! Reconciliation across the tables of one workbook (issue 19): the same code's figure of the
//! same role and year in two tables (a Renja's realisation table and its rumusan rencana) is
//! a warning when it differs; equal figures, and two tables of one kind, give nothing.

mod common;
mod layouts;

use common::{stdout, Workdir};
use layouts::{n, save, Grid, RakLine};
use serde_json::Value;

/// A realisation table of 2025: one program and its kegiatan, pagu, realisasi, sisa.
fn realisasi(kegiatan_pagu: i64) -> Grid {
    let mut g = Grid::new("Realisasi");
    g.set("A1", "REALISASI RENJA TAHUN 2025");
    g.row(
        3,
        "A",
        &["Kode", "Uraian", "Pagu 2025", "Realisasi", "Sisa"],
    );
    g.row(
        4,
        "A",
        &[
            "5.03.01",
            "PROGRAM PENUNJANG",
            &n(kegiatan_pagu),
            &n(600),
            &n(kegiatan_pagu - 600),
        ],
    );
    g.row(
        5,
        "A",
        &[
            "5.03.01.2.01",
            "Perencanaan",
            &n(kegiatan_pagu),
            &n(600),
            &n(kegiatan_pagu - 600),
        ],
    );
    g
}

/// The rumusan rencana of the same Renja: this year's pagu indikatif and next year's
/// prakiraan maju.
fn rencana() -> Grid {
    let mut g = Grid::new("Rencana");
    g.set("A1", "RUMUSAN RENCANA PROGRAM DAN KEGIATAN TAHUN 2025");
    g.row(
        3,
        "A",
        &[
            "Kode",
            "Uraian",
            "Pagu Indikatif 2025",
            "Prakiraan Maju 2026",
        ],
    );
    g.row(
        4,
        "A",
        &["5.03.01", "PROGRAM PENUNJANG", &n(1000), &n(1200)],
    );
    g.row(5, "A", &["5.03.01.2.01", "Perencanaan", &n(1000), &n(1200)]);
    g
}

/// The JSON report of `renja check` on the sheets.
fn check(dir: &Workdir, name: &str, grids: &[&Grid]) -> Value {
    save(dir.root(), name, grids);
    let out = dir.run(&["check", name, "--format", "json", "--lang", "en"]);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&out.stderr)))
}

/// (severity, rule, sheet, cell, message) of every finding, in report order.
type Found = (String, String, String, String, String);

fn all(report: &Value) -> Vec<Found> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let field = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                field("severity"),
                field("rule"),
                field("sheet"),
                field("cell"),
                field("message"),
            )
        })
        .collect()
}

/// The cross-table findings.
fn crossed(report: &Value) -> Vec<Found> {
    all(report)
        .into_iter()
        .filter(|f| f.1.starts_with("cross-table"))
        .collect()
}

/// Errors and warnings other than the official lists' (the fixtures' names are made up).
fn arithmetic(report: &Value) -> Vec<Found> {
    all(report)
        .into_iter()
        .filter(|(severity, rule, _, _, _)| {
            severity != "info" && !matches!(rule.as_str(), "code-unknown" | "name-mismatch")
        })
        .collect()
}

#[test]
fn a_realisation_table_and_the_plan_that_agree_give_nothing() {
    let dir = Workdir::new();
    let report = check(&dir, "renja.xlsx", &[&realisasi(1000), &rencana()]);
    assert_eq!(crossed(&report), vec![], "{report:#}");
    assert_eq!(arithmetic(&report), vec![], "{report:#}");
}

/// The plan's pagu of 2025 is compared with the realisation table's pagu of 2025, never with
/// the prakiraan maju of 2026.
#[test]
fn a_pagu_that_differs_between_two_tables_is_a_warning_naming_both_cells() {
    let dir = Workdir::new();
    let report = check(&dir, "renja.xlsx", &[&realisasi(1100), &rencana()]);
    let found = crossed(&report);
    let mut at: Vec<_> = found
        .iter()
        .map(|(severity, rule, sheet, cell, _)| {
            (
                severity.as_str(),
                rule.as_str(),
                sheet.as_str(),
                cell.as_str(),
            )
        })
        .collect();
    at.sort();
    assert_eq!(
        at,
        vec![
            ("warning", "cross-table-mismatch", "Rencana", "C4"),
            ("warning", "cross-table-mismatch", "Rencana", "C5"),
        ],
        "{found:#?}"
    );
    let message = &found.iter().find(|f| f.3 == "C4").expect("C4").4;
    assert!(message.contains("Realisasi!C4"), "{message}");
    assert!(message.contains("1,100"), "{message}");
    assert!(message.contains("1,000"), "{message}");
    // Each table holds in itself: the differences are the only findings.
    let others: Vec<_> = arithmetic(&report)
        .into_iter()
        .filter(|(_, rule, _, _, _)| !rule.starts_with("cross-table"))
        .collect();
    assert_eq!(others, vec![], "{report:#}");
}

/// Two RAK sheets under one sub kegiatan code are parts of one cash plan (as
/// `rak-kesling-2025.xlsx` keeps them), not two statements of one figure.
#[test]
fn two_tables_of_one_kind_are_not_compared() {
    let dir = Workdir::new();
    let mut other = layouts::rak(&[RakLine {
        akun: "5.1.02.01.01.0024",
        nama: "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
        months: &[(3, 1_000_000)],
    }]);
    other.name = "kab sehat".to_string();
    let report = check(
        &dir,
        "rak-dua.xlsx",
        &[&layouts::rak(&layouts::rak_lines()), &other],
    );
    assert_eq!(crossed(&report), vec![], "{report:#}");
}

/// The texts and numbers of a written sheet's rows, as (A1, shown) pairs of one row.
fn row_of(sheet: &renja::model::Sheet, row: u32) -> Vec<(String, String)> {
    let mut cells: Vec<(String, String)> = sheet
        .cells
        .iter()
        .filter(|(at, _)| at.row == row)
        .map(|(at, c)| {
            let shown = match &c.raw {
                renja::model::Raw::Number(n) => n.to_string(),
                renja::model::Raw::Text(t) => t.clone(),
                other => format!("{other:?}"),
            };
            (at.a1(), shown)
        })
        .collect();
    cells.sort_by_key(|(a1, _)| (a1.len(), a1.clone()));
    cells
}

/// The cleaned workbook's `Rekonsiliasi` sheet: one row per code and figure two tables carry,
/// each cell and figure side by side, "tidak" where they differ; none where no two tables
/// share a figure.
#[test]
fn the_cleaned_workbook_sets_the_tables_figures_side_by_side() {
    let dir = Workdir::new();
    save(dir.root(), "renja.xlsx", &[&realisasi(1100), &rencana()]);
    let out = dir.run(&["clean", "renja.xlsx", "-o", "bersih.xlsx"]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let cleaned = common::read(&dir.path("bersih.xlsx"));
    let names: Vec<&str> = cleaned.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ringkasan",
            "Realisasi",
            "Rencana",
            "Temuan",
            "Rekonsiliasi",
            "Perubahan"
        ]
    );
    let sheet = cleaned.sheet("Rekonsiliasi").expect("Rekonsiliasi");
    let header: Vec<String> = row_of(sheet, 0).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        header[..9],
        [
            "Kode baris",
            "Peran",
            "Tahun",
            "SKPD",
            "Sama",
            "Selisih terbesar",
            "Sel 1",
            "Tabel 1",
            "Nilai 1"
        ]
    );
    let program = row_of(sheet, 1);
    let shown: Vec<&str> = program.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        shown[..5],
        ["5.03.01", "pagu", "2025", "tidak", "100"],
        "{program:?}"
    );
    assert_eq!(
        shown[5..],
        [
            "Realisasi!C4",
            "Tabel realisasi anggaran (pagu, realisasi, %, sisa)",
            "1100",
            "Rencana!C4",
            "Rumusan rencana program dan kegiatan (Renja tahun rencana dan prakiraan maju)",
            "1000"
        ],
        "{program:?}"
    );
    assert_eq!(
        row_of(sheet, 3),
        vec![],
        "two lines only: the program and its kegiatan"
    );
    let summary = cleaned.sheet("Ringkasan").expect("Ringkasan");
    let said = "Lembar \"Rekonsiliasi\": 2 angka yang dimuat dua tabel atau lebih \
                disandingkan, 2 di antaranya berbeda.";
    assert!(
        summary
            .cells
            .values()
            .any(|c| matches!(&c.raw, renja::model::Raw::Text(t) if t == said)),
        "the Ringkasan says what the sheet holds"
    );

    save(dir.root(), "sendiri.xlsx", &[&realisasi(1000)]);
    let out = dir.run(&["clean", "sendiri.xlsx", "-o", "sendiri-bersih.xlsx"]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let alone = common::read(&dir.path("sendiri-bersih.xlsx"));
    assert!(alone.sheet("Rekonsiliasi").is_none());
}

/// Where a DPA names its sub kegiatan.
#[derive(Clone, Copy, PartialEq)]
enum SubKegiatan {
    /// In the header block above the table, as SIPD prints it.
    Above,
    /// As the table's first row, as copied forms do.
    Row,
}

/// A DPA rincian of sub kegiatan 1.02.02.2.01.01 with one account line per RAK line (its
/// jumlah the line's total, `shift` added to the first) over one item each, and the Jumlah
/// of them all.
fn dpa(lines: &[RakLine], shift: i64, named: SubKegiatan) -> Grid {
    let mut g = Grid::new("DPA");
    g.set(
        "A1",
        "DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH TAHUN 2025",
    );
    let sub_kegiatan = "1.02.02.2.01.01 Pengelolaan Pelayanan Kesehatan Lingkungan";
    if named == SubKegiatan::Above {
        g.row(3, "A", &["Sub Kegiatan", ":", sub_kegiatan]);
    }
    g.row(5, "A", &layouts::RINCIAN_HEADER);
    let mut row = 6;
    let total: i64 = lines
        .iter()
        .flat_map(|l| l.months.iter().map(|(_, v)| v))
        .sum::<i64>()
        + shift;
    if named == SubKegiatan::Row {
        let (code, name) = sub_kegiatan.split_once(' ').unwrap_or_default();
        g.row(row, "A", &[code, name, "", "", "", &n(total)]);
        row += 1;
    }
    layouts::dpa_rincian(&mut g, row, lines, shift);
    g
}

/// The report of a workbook of the DPA ([`dpa`]) and the RAK of [`layouts::rak_lines`].
fn dpa_and_rak(dir: &Workdir, name: &str, shift: i64, named: SubKegiatan) -> Value {
    let lines = layouts::rak_lines();
    check(
        dir,
        name,
        &[&dpa(&lines, shift, named), &layouts::rak(&lines)],
    )
}

/// The RAK is drawn up from the DPA: where they agree nothing is said; an account line whose
/// DPA jumlah differs from the RAK's Nilai Rincian is an error at the RAK's cell, naming the
/// DPA's (`dpa-mismatch`), and the Rekonsiliasi sheet shows the DPA's figure first.
#[test]
fn a_rak_line_that_is_not_the_dpas_is_an_error_by_rule() {
    let dir = Workdir::new();
    let report = dpa_and_rak(&dir, "sama.xlsx", 0, SubKegiatan::Above);
    assert_eq!(crossed(&report), vec![], "{report:#}");
    assert!(
        !all(&report).iter().any(|f| f.1 == "dpa-mismatch"),
        "{report:#}"
    );

    let report = dpa_and_rak(&dir, "beda.xlsx", -297_100, SubKegiatan::Above);
    let found: Vec<Found> = all(&report)
        .into_iter()
        .filter(|f| f.1 == "dpa-mismatch" || f.1.starts_with("cross-table"))
        .collect();
    let at: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|(s, r, sheet, cell, _)| (s.as_str(), r.as_str(), sheet.as_str(), cell.as_str()))
        .collect();
    assert_eq!(
        at,
        vec![("error", "dpa-mismatch", "kesling", "S5")],
        "{found:#?}"
    );
    let message = &found[0].4;
    assert!(message.contains("DPA!F6"), "{message}");
    // The JSON report carries the line, the DPA's figure first.
    let line = report["reconciliation"]
        .as_array()
        .expect("reconciliation")
        .iter()
        .find(|l| l["code"] == "1.02.02.2.01.01 · 5.1.02.01.01.0024")
        .expect("the line of the changed account");
    assert_eq!(line["agrees"], false);
    assert_eq!(line["figures"][0]["kind"], "rincian");
    assert_eq!(line["figures"][0]["cell"], "F6");
    assert_eq!(line["figures"][0]["value"], "1752900");
    assert_eq!(line["figures"][1]["sheet"], "kesling");
    assert_eq!(line["figures"][1]["value"], "2050000");
    assert!(
        message.contains("1.02.02.2.01.01 · 5.1.02.01.01.0024"),
        "{message}"
    );
}

/// A copied DPA that lists its sub kegiatan as the table's first row, the account lines under
/// it: the accounts are its items (its pagu is their sum) and are held to the RAK the same way.
#[test]
fn a_dpa_with_its_sub_kegiatan_as_a_row_is_the_reference_too() {
    let dir = Workdir::new();
    let report = dpa_and_rak(&dir, "sama.xlsx", 0, SubKegiatan::Row);
    assert_eq!(arithmetic(&report), vec![], "{report:#}");
    let report = dpa_and_rak(&dir, "beda.xlsx", -297_100, SubKegiatan::Row);
    let at: Vec<(String, String, String)> = arithmetic(&report)
        .into_iter()
        .map(|(_, rule, sheet, cell, _)| (rule, sheet, cell))
        .collect();
    // The DPA holds in itself; the RAK's line is not the DPA's.
    assert_eq!(
        at,
        vec![(
            "dpa-mismatch".to_string(),
            "kesling".to_string(),
            "S5".to_string()
        )],
        "{report:#}"
    );
    // The sub kegiatan's pagu is the sum of its account lines: a typed one that is not is
    // found at it, the root cause of the Jumlah below no longer closing.
    let mut typed = dpa(&layouts::rak_lines(), 0, SubKegiatan::Row);
    let pagu = typed.number("F6") as i64;
    typed.set("F6", &n(pagu + 1_000));
    let report = check(&dir, "jumlah.xlsx", &[&typed]);
    let at: Vec<(&str, &str, bool)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default(),
                f["cell"].as_str().unwrap_or_default(),
                f["root_cause"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("sum-mismatch", "F6", true),
            ("total-mismatch", "F15", false)
        ],
        "{report:#}"
    );
}

/// The DPA + RAK + LRA trio: an LRA of one sub kegiatan in one-cell codes lists its bidang,
/// program, kegiatan and sub kegiatan above the account lines. Its program rows stay program
/// codes (once, an account-coded table read `1.02` and `1.02.02.2.01` as no code and called
/// the kegiatan mistyped); its anggaran is the DPA's, else an error by rule at the LRA's cell.
#[test]
fn an_lra_is_held_to_the_dpa_and_keeps_its_program_rows() {
    let dir = Workdir::new();
    let lines = layouts::rak_lines();
    let trio = |name: &str, shift: i64| {
        check(
            &dir,
            name,
            &[
                &dpa(&lines, 0, SubKegiatan::Above),
                &layouts::rak(&lines),
                &layouts::lra_of(&lines, shift),
            ],
        )
    };
    let report = trio("sama.xlsx", 0);
    assert_eq!(arithmetic(&report), vec![], "{report:#}");
    let report = trio("beda.xlsx", 1_000);
    let at: Vec<(String, String, String, String)> = arithmetic(&report)
        .into_iter()
        .map(|(severity, rule, sheet, cell, _)| (severity, rule, sheet, cell))
        .collect();
    // The LRA's first account line is not the DPA's; its parents are the sums of its lines,
    // so they hold in the LRA but carry the difference too, against the DPA's Jumlah.
    assert!(
        at.contains(&(
            "error".to_string(),
            "dpa-mismatch".to_string(),
            "LRA".to_string(),
            "C9".to_string()
        )),
        "{at:#?}"
    );
    assert!(
        at.iter()
            .all(|(_, rule, sheet, _)| rule == "dpa-mismatch" && sheet == "LRA"),
        "{at:#?}"
    );
}
