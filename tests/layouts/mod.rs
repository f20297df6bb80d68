//! Workbooks in the shape of the layouts the field uses (SIPD's LRA, RAK, flat export, the
//! RKA/DPA rincian, a realisation form), built cell by cell so a test can plant a fault in
//! one figure. The real files these imitate are in `/work/shared/real/` (reference only);
//! every figure here is made up, and every relation holds until a test breaks one.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

/// One sheet: cells by (row, column), zero-based, and merged ranges.
#[derive(Clone, Debug)]
pub struct Grid {
    pub name: String,
    cells: BTreeMap<(u32, u16), String>,
    merges: Vec<String>,
}

/// `B7` → (6, 1).
pub fn at(a1: &str) -> (u32, u16) {
    let at = renja::model::CellAt::parse_a1(a1).unwrap_or_else(|| panic!("bad cell {a1}"));
    (at.row, at.col as u16)
}

impl Grid {
    pub fn new(name: &str) -> Grid {
        Grid {
            name: name.to_string(),
            cells: BTreeMap::new(),
            merges: Vec::new(),
        }
    }

    /// Sets one cell. Content as in `common::write_content`: `#123` a number, `=SUM(A1:A2)|30` a
    /// formula with its cached result, anything else text; empty clears the cell.
    pub fn set(&mut self, a1: &str, content: &str) -> &mut Self {
        if content.is_empty() {
            self.cells.remove(&at(a1));
        } else {
            self.cells.insert(at(a1), content.to_string());
        }
        self
    }

    /// Sets the cells of one row from column `first` (a letter, `A`) on; empty strings skip.
    pub fn row(&mut self, row: u32, first: &str, contents: &[&str]) -> &mut Self {
        let (_, col) = at(&format!("{first}1"));
        for (i, content) in contents.iter().enumerate() {
            if !content.is_empty() {
                self.cells
                    .insert((row - 1, col + i as u16), content.to_string());
            }
        }
        self
    }

    /// Merges a range (`A6:D8`); its first cell keeps its content.
    pub fn merge(&mut self, range: &str) -> &mut Self {
        self.merges.push(range.to_string());
        self
    }

    pub fn get(&self, a1: &str) -> Option<&str> {
        self.cells.get(&at(a1)).map(String::as_str)
    }

    /// The number a cell holds (`#1500` → 1500), for planting faults relative to it.
    pub fn number(&self, a1: &str) -> f64 {
        self.get(a1)
            .and_then(|c| c.strip_prefix('#'))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{a1} holds no number: {:?}", self.get(a1)))
    }
}

/// Writes the sheets into `dir/name` and returns the path.
pub fn save(dir: &Path, name: &str, grids: &[&Grid]) -> PathBuf {
    let mut book = Workbook::new();
    for grid in grids {
        let sheet = book.add_worksheet();
        sheet.set_name(&grid.name).unwrap();
        for range in &grid.merges {
            let (a, b) = range.split_once(':').unwrap();
            let ((r0, c0), (r1, c1)) = (at(a), at(b));
            let text = grid
                .cells
                .get(&(r0, c0))
                .filter(|c| !c.starts_with('#') && !c.starts_with('='))
                .cloned()
                .unwrap_or_default();
            sheet
                .merge_range(r0, c0, r1, c1, &text, &Format::new())
                .unwrap();
        }
        for (&(row, col), content) in &grid.cells {
            let merged_text = grid.merges.iter().any(|m| {
                let (a, _) = m.split_once(':').unwrap();
                at(a) == (row, col) && !content.starts_with('#') && !content.starts_with('=')
            });
            if merged_text {
                continue;
            }
            crate::common::write_content(sheet, row, col, content);
        }
    }
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

/// An amount as the grid writes it: `#1500`.
pub fn n(value: i64) -> String {
    format!("#{value}")
}

/// One row of an outline: its depth (0 at the top), its cells left of the figures, and, for a
/// leaf, its figures; a parent's figures are the sums of the leaves below it.
pub struct Outline<'a> {
    pub depth: u8,
    pub cells: &'a [&'a str],
    pub leaf: Option<&'a [i64]>,
}

/// The figures of every outline row: a leaf's own, a parent's the sum of the leaves below
/// it (the rows after it of greater depth, up to the next of its depth or less).
pub fn outline_figures(rows: &[Outline], width: usize) -> Vec<Vec<i64>> {
    (0..rows.len())
        .map(|i| match rows[i].leaf {
            Some(f) => f.to_vec(),
            None => {
                let mut sum = vec![0; width];
                for below in rows[i + 1..].iter().take_while(|r| r.depth > rows[i].depth) {
                    if let Some(f) = below.leaf {
                        for (s, v) in sum.iter_mut().zip(f) {
                            *s += v;
                        }
                    }
                }
                sum
            }
        })
        .collect()
}

/// SIPD writes a zero amount as the text `0,00`.
pub fn sipd_amount(value: i64) -> String {
    if value == 0 {
        "0,00".to_string()
    } else {
        n(value)
    }
}

const ORG_DINKES: &str = "1.02.2.14.0.00.01.0000";
const ORG_DPPKB: &str = "2.14.2.08.0.00.01.0000";

/// SIPD's "Rekapitulasi belanja menurut urusan, organisasi, program, kegiatan, sub kegiatan"
/// (an LRA) as a Dinas Kesehatan keeps it: the code over four columns merged under `Kode`
/// (bidang urusan | SKPD | program–kegiatan–sub kegiatan | account), each level its own row,
/// Operasi and Modal each with Anggaran and Realisasi, their totals, the percentage spent, and
/// the Jumlah at the bottom (row 46). Row 10 is urusan 1, row 19 an account leaf (ATK).
pub fn lra() -> Grid {
    let mut g = Grid::new("DINKES INDUK");
    g.set("A1", "KAB. CONTOH")
        .set(
            "A2",
            "REKAPITULASI BELANJA MENURUT URUSAN PEMERINTAH DAERAH, ORGANISASI, PROGRAM, KEGIATAN",
        )
        .set("A4", "TAHUN ANGGARAN 2026");
    g.set("A6", "Kode")
        .merge("A6:D8")
        .set(
            "E6",
            "Uraian Urusan, Organisasi, Program, Kegiatan dan Sub Kegiatan",
        )
        .merge("E6:E8")
        .set("F6", "Kelompok Belanja")
        .merge("F6:L6")
        .set("F7", "Operasi")
        .merge("F7:G7")
        .set("H7", "Modal")
        .merge("H7:I7")
        .set("J7", "Total")
        .merge("J7:L7");
    g.row(
        8,
        "F",
        &[
            "Anggaran",
            "Realisasi",
            "Anggaran",
            "Realisasi",
            "Anggaran",
            "Realisasi",
            "%",
        ],
    );
    g.set("A9", "1").merge("A9:D9");
    g.row(9, "E", &["2", "3", "4", "5", "6", "7", "8", "9"]);
    let org1 = ORG_DINKES;
    let org2 = ORG_DPPKB;
    #[rustfmt::skip]
    let rows = [
        Outline { depth: 0, cells: &["1", "", "", "", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"], leaf: None },
        Outline { depth: 1, cells: &["1.02", "", "", "", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"], leaf: None },
        Outline { depth: 2, cells: &["1.02", org1, "", "", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"], leaf: None },
        Outline { depth: 3, cells: &["1.02", org1, "1.02.01", "", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"], leaf: None },
        Outline { depth: 4, cells: &["1.02", org1, "1.02.01.2.01", "", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"], leaf: None },
        Outline { depth: 5, cells: &["1.02", org1, "1.02.01.2.01.0001", "", "Penyusunan Dokumen Perencanaan Perangkat Daerah"], leaf: None },
        Outline { depth: 6, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02", "Belanja Barang dan Jasa"], leaf: None },
        Outline { depth: 7, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.01", "Belanja Barang"], leaf: None },
        Outline { depth: 8, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.01.001", "Belanja Barang Pakai Habis"], leaf: None },
        Outline { depth: 9, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.01.001.00024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"], leaf: Some(&[1_141_600, 580_974, 0, 0]) },
        Outline { depth: 9, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.01.001.00025", "Belanja Alat/Bahan untuk Kegiatan Kantor- Kertas dan Cover"], leaf: Some(&[3_847_000, 1_445_775, 0, 0]) },
        Outline { depth: 7, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.04", "Belanja Perjalanan Dinas"], leaf: None },
        Outline { depth: 8, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.04.001", "Belanja Perjalanan Dinas Dalam Negeri"], leaf: None },
        Outline { depth: 9, cells: &["1.02", org1, "1.02.01.2.01.0001", "5.1.02.04.001.00003", "Belanja Perjalanan Dinas Dalam Kota"], leaf: Some(&[16_446_000, 0, 0, 0]) },
        Outline { depth: 5, cells: &["1.02", org1, "1.02.01.2.01.0002", "", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"], leaf: None },
        Outline { depth: 6, cells: &["1.02", org1, "1.02.01.2.01.0002", "5.1.02", "Belanja Barang dan Jasa"], leaf: None },
        Outline { depth: 7, cells: &["1.02", org1, "1.02.01.2.01.0002", "5.1.02.01", "Belanja Barang"], leaf: None },
        Outline { depth: 8, cells: &["1.02", org1, "1.02.01.2.01.0002", "5.1.02.01.001", "Belanja Barang Pakai Habis"], leaf: None },
        Outline { depth: 9, cells: &["1.02", org1, "1.02.01.2.01.0002", "5.1.02.01.001.00024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"], leaf: Some(&[3_624_000, 1_235_208, 0, 0]) },
        Outline { depth: 3, cells: &["1.02", org1, "1.02.02", "", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"], leaf: None },
        Outline { depth: 4, cells: &["1.02", org1, "1.02.02.2.01", "", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota"], leaf: None },
        Outline { depth: 5, cells: &["1.02", org1, "1.02.02.2.01.0003", "", "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan"], leaf: None },
        Outline { depth: 6, cells: &["1.02", org1, "1.02.02.2.01.0003", "5.2.02", "Belanja Modal Peralatan dan Mesin"], leaf: None },
        Outline { depth: 7, cells: &["1.02", org1, "1.02.02.2.01.0003", "5.2.02.05", "Belanja Modal Alat Kantor dan Rumah Tangga"], leaf: None },
        Outline { depth: 8, cells: &["1.02", org1, "1.02.02.2.01.0003", "5.2.02.05.001", "Belanja Modal Alat Kantor"], leaf: None },
        Outline { depth: 9, cells: &["1.02", org1, "1.02.02.2.01.0003", "5.2.02.05.001.00002", "Belanja Modal Mesin Tik"], leaf: Some(&[0, 0, 45_000_000, 12_500_000]) },
        Outline { depth: 0, cells: &["2", "", "", "", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"], leaf: None },
        Outline { depth: 1, cells: &["2.14", "", "", "", "URUSAN PEMERINTAHAN BIDANG PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA"], leaf: None },
        Outline { depth: 2, cells: &["2.14", org2, "", "", "Dinas Pengendalian Penduduk dan Keluarga Berencana"], leaf: None },
        Outline { depth: 3, cells: &["2.14", org2, "2.14.02", "", "PROGRAM PEMBINAAN KELUARGA BERENCANA (KB)"], leaf: None },
        Outline { depth: 4, cells: &["2.14", org2, "2.14.02.2.01", "", "Pelaksanaan Advokasi, Komunikasi, Informasi dan Edukasi (KIE) Pengendalian Penduduk dan KB"], leaf: None },
        Outline { depth: 5, cells: &["2.14", org2, "2.14.02.2.01.0001", "", "Penyediaan Materi dan Media KIE"], leaf: None },
        Outline { depth: 6, cells: &["2.14", org2, "2.14.02.2.01.0001", "5.1.02", "Belanja Barang dan Jasa"], leaf: None },
        Outline { depth: 7, cells: &["2.14", org2, "2.14.02.2.01.0001", "5.1.02.01", "Belanja Barang"], leaf: None },
        Outline { depth: 8, cells: &["2.14", org2, "2.14.02.2.01.0001", "5.1.02.01.001", "Belanja Barang Pakai Habis"], leaf: None },
        Outline { depth: 9, cells: &["2.14", org2, "2.14.02.2.01.0001", "5.1.02.01.001.00026", "Belanja Alat/Bahan untuk Kegiatan Kantor- Bahan Cetak"], leaf: Some(&[5_000_000, 2_150_000, 0, 0]) },
    ];
    let figures = outline_figures(&rows, 4);
    let mut total = [0i64; 4];
    for (i, (row, f)) in rows.iter().zip(&figures).enumerate() {
        let r = 10 + i as u32;
        g.row(r, "A", row.cells);
        put_lra_figures(&mut g, r, f);
        if row.depth == 0 {
            for (t, v) in total.iter_mut().zip(f) {
                *t += v;
            }
        }
    }
    let last = 10 + rows.len() as u32;
    g.set(&format!("E{last}"), "Jumlah");
    put_lra_figures(&mut g, last, &total);
    g
}

/// F..L of an LRA row from Operasi and Modal's anggaran and realisasi.
fn put_lra_figures(g: &mut Grid, row: u32, f: &[i64]) {
    let (op_a, op_r, mo_a, mo_r) = (f[0], f[1], f[2], f[3]);
    let (a, r) = (op_a + mo_a, op_r + mo_r);
    let pct = if a == 0 {
        "0,00".to_string()
    } else {
        // Percentage points with two decimals, half away from zero, as SIPD prints them.
        let hundredths = (r as i128 * 10_000 * 2 + a as i128) / (a as i128 * 2);
        format!("{},{:02}", hundredths / 100, hundredths % 100)
    };
    g.row(
        row,
        "F",
        &[
            &sipd_amount(op_a),
            &sipd_amount(op_r),
            &sipd_amount(mo_a),
            &sipd_amount(mo_r),
            &sipd_amount(a),
            &sipd_amount(r),
            &pct,
        ],
    );
}

/// Column letter of a zero-based column index (`0` → `A`, `26` → `AA`).
pub fn column_letter(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// The header of an RKA/DPA rincian table as SIPD prints it.
pub const RINCIAN_HEADER: [&str; 6] = [
    "Kode Rekening",
    "Uraian",
    "Koefisien",
    "Satuan",
    "Harga",
    "Jumlah (Rp)",
];

/// The rincian of a DPA from `row` on, under [`RINCIAN_HEADER`]: one account line per RAK line
/// (its jumlah the line's total, `shift` added to the first's) over one item each, then the
/// `Jumlah` of them all.
pub fn dpa_rincian(g: &mut Grid, mut row: u32, lines: &[RakLine], shift: i64) {
    let mut sum = 0;
    for (i, line) in lines.iter().enumerate() {
        let total: i64 =
            line.months.iter().map(|(_, v)| v).sum::<i64>() + if i == 0 { shift } else { 0 };
        sum += total;
        g.row(row, "A", &[line.akun, line.nama, "", "", "", &n(total)]);
        g.row(
            row + 1,
            "A",
            &["", "Paket", &n(1), "paket", &n(total), &n(total)],
        );
        row += 2;
    }
    g.row(row, "A", &["", "Jumlah", "", "", "", &n(sum)]);
}

/// The monthly plan of one RAK line: (month 1–12, amount).
pub struct RakLine<'a> {
    pub akun: &'a str,
    pub nama: &'a str,
    pub months: &'a [(u16, i64)],
}

/// SIPD's anggaran kas (RAK) of one sub kegiatan as a Dinas Kesehatan keeps it: the
/// ancestry of every line in its own columns (urusan, bidang, SKPD, program, kegiatan, sub
/// kegiatan, akun, each code beside its name), Nilai Rincian (S), Total RAK (T) and the twelve
/// months (U–AF); the totals of row 4 sit above the lines, as `=SUM(S5:S8)`. Every line's
/// Total RAK is the sum of its months and equals its Nilai Rincian.
pub fn rak(lines: &[RakLine]) -> Grid {
    let mut g = Grid::new("kesling");
    g.set("J1", "ANGGARAN KAS TAHUN 2025");
    let mut headers = vec![
        "Tahun",
        "Daerah",
        "Kode Urusan",
        "Nama Urusan",
        "Kode Bidang Urusan",
        "Nama Bidang Urusan",
        "Kode SKPD",
        "Nama SKPD",
        "Kode Sub SKPD",
        "Nama Sub SKPD",
        "Kode Program",
        "Nama Program",
        "Kode Kegiatan",
        "Nama Kegiatan",
        "Kode Sub Kegiatan",
        "Nama Sub Kegiatan",
        "Kode Akun",
        "Nama Akun",
        "Nilai Rincian",
        "Total RAK",
    ];
    let months: Vec<String> = (1..=12).map(|m| format!("bulan{m}")).collect();
    headers.extend(months.iter().map(String::as_str));
    g.row(3, "A", &headers);
    let first = 5u32;
    let last = first + lines.len() as u32 - 1;
    // S (Nilai Rincian) is column 18, T 19, the months U (20) … AF (31).
    let mut totals = [0i64; 14];
    for (i, line) in lines.iter().enumerate() {
        let r = first + i as u32;
        let total: i64 = line.months.iter().map(|(_, v)| v).sum();
        g.row(
            r,
            "A",
            &[
                "#2025",
                "",
                "1",
                "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
                "1.02",
                "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
                ORG_DINKES,
                "DINAS KESEHATAN",
                ORG_DINKES,
                "DINAS KESEHATAN",
                "1.02.02",
                "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
                "1.02.02.2.01",
                "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
                "1.02.02.2.01.01",
                "Pengelolaan Pelayanan Kesehatan Lingkungan",
                line.akun,
                line.nama,
                &n(total),
                &n(total),
            ],
        );
        totals[0] += total;
        totals[1] += total;
        for &(m, v) in line.months {
            g.set(&format!("{}{r}", column_letter(19 + m)), &n(v));
            totals[1 + m as usize] += v;
        }
    }
    for (k, t) in totals.iter().enumerate() {
        let col = column_letter(18 + k as u16);
        g.set(
            &format!("{col}4"),
            &format!("=SUM({col}{first}:{col}{last})|{t}"),
        );
    }
    g
}

/// SIPD's LRA of the RAK's sub kegiatan, its SKPD in the header block, every level its own
/// row with its code in one cell (bidang, program, kegiatan, sub kegiatan, then the account
/// lines), Anggaran,
/// Realisasi (half, rounded down) and Sisa, the Jumlah at the bottom; the first account
/// line's anggaran `shift`ed from its RAK total, every parent the sum of its lines.
pub fn lra_of(lines: &[RakLine], shift: i64) -> Grid {
    let mut g = Grid::new("LRA");
    g.set(
        "A1",
        "LAPORAN REALISASI ANGGARAN PENDAPATAN DAN BELANJA DAERAH TAHUN ANGGARAN 2025",
    );
    g.row(
        2,
        "A",
        &["Organisasi", ":", &format!("{ORG_DINKES} DINAS KESEHATAN")],
    );
    g.row(
        4,
        "A",
        &[
            "Kode",
            "Uraian Urusan, Organisasi, Program, Kegiatan dan Sub Kegiatan",
            "Anggaran",
            "Realisasi",
            "Sisa",
        ],
    );
    let figures: Vec<(i64, i64)> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let anggaran =
                line.months.iter().map(|(_, v)| v).sum::<i64>() + if i == 0 { shift } else { 0 };
            (anggaran, anggaran / 2)
        })
        .collect();
    let (anggaran, realisasi) = figures
        .iter()
        .fold((0, 0), |(a, r), (fa, fr)| (a + fa, r + fr));
    let money = |a: i64, r: i64| [n(a), n(r), n(a - r)];
    let parents = [
        ("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"),
        (
            "1.02.02",
            "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
        ),
        (
            "1.02.02.2.01",
            "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
        ),
        (
            "1.02.02.2.01.01",
            "Pengelolaan Pelayanan Kesehatan Lingkungan",
        ),
    ];
    let mut row = 5;
    for (code, name) in parents {
        let [a, r, s] = money(anggaran, realisasi);
        g.row(row, "A", &[code, name, &a, &r, &s]);
        row += 1;
    }
    for (line, &(a, r)) in lines.iter().zip(&figures) {
        let [a, r, s] = money(a, r);
        g.row(row, "A", &[line.akun, line.nama, &a, &r, &s]);
        row += 1;
    }
    let [a, r, s] = money(anggaran, realisasi);
    g.row(row, "A", &["", "Jumlah", &a, &r, &s]);
    g
}

/// A RAK with quarter columns (`TW I` … `TW IV`, each the sum of its three months): after the
/// months (AG–AJ) when `keep_months`, else in the months' place (U–X), the months cleared.
pub fn rak_with_quarters(lines: &[RakLine], keep_months: bool) -> Grid {
    let mut g = rak(lines);
    let (first, last) = (5u32, 4 + lines.len() as u32);
    if !keep_months {
        for col in 20..32u16 {
            for r in 3..=last {
                g.set(&format!("{}{r}", column_letter(col)), "");
            }
        }
    }
    let base: u16 = if keep_months { 32 } else { 20 };
    let names = ["TW I", "TW II", "TW III", "TW IV"];
    for (q, name) in names.iter().enumerate() {
        let col = column_letter(base + q as u16);
        g.set(&format!("{col}3"), name);
        let mut total = 0;
        for (i, line) in lines.iter().enumerate() {
            let r = first + i as u32;
            let sum: i64 = line
                .months
                .iter()
                .filter(|(m, _)| (*m as usize - 1) / 3 == q)
                .map(|(_, v)| v)
                .sum();
            total += sum;
            if sum != 0 {
                g.set(&format!("{col}{r}"), &n(sum));
            }
        }
        g.set(
            &format!("{col}4"),
            &format!("=SUM({col}{first}:{col}{last})|{total}"),
        );
    }
    g
}

/// Four lines of a RAK that hold.
pub fn rak_lines() -> Vec<RakLine<'static>> {
    vec![
        RakLine {
            akun: "5.1.02.01.01.0024",
            nama: "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            months: &[(2, 2_050_000)],
        },
        RakLine {
            akun: "5.1.02.01.01.0025",
            nama: "Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover",
            months: &[(2, 196_000), (7, 500_000)],
        },
        RakLine {
            akun: "5.1.02.01.01.0052",
            nama: "Belanja Makanan dan Minuman Rapat",
            months: &[(4, 1_360_000), (7, 1_360_000)],
        },
        RakLine {
            akun: "5.1.02.04.01.0001",
            nama: "Belanja Perjalanan Dinas Biasa",
            months: &[(4, 2_250_000), (5, 12_992_000), (10, 2_250_000)],
        },
    ]
}
