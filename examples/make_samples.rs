//! Generates the sample workbooks in `samples/` from the seed tables kept verbatim in
//! `samples/src/*.tsv` (see `samples/README.md` for what each file pins down).
//!
//! Run with `cargo run --example make_samples`. Output is byte-for-byte reproducible: the
//! document creation time is fixed and rust_xlsxwriter stamps zip entries with a fixed date.
//! `tests/samples_generated.rs` includes this file and checks the committed files against it.
//! Knows nothing of renja's own modules: it only writes workbooks.

use std::path::Path;

use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
    XlsxError,
};

const REALISASI_TSV: &str = include_str!("../samples/src/realisasi-2023.tsv");
const EVALUASI_TSV: &str = include_str!("../samples/src/evaluasi-renja-2023.tsv");
const REVIEW_TSV: &str = include_str!("../samples/src/review-rkpd-2023.tsv");
const RENCANA_TSV: &str = include_str!("../samples/src/rencana-2025.tsv");

const MONEY: &str = "#,##0.00";

/// Writes every sample workbook into `dir`.
///
/// # Errors
/// Any rust_xlsxwriter error (bad range, unwritable directory).
pub fn write_all(dir: &Path) -> Result<(), XlsxError> {
    let realisasi = blocks(REALISASI_TSV);
    save(dir, "realisasi-2023.xlsx", |wb| {
        realisasi_sheet(wb, &realisasi, Mode::PrintedCache)
    })?;
    save(dir, "realisasi-2023-teks.xlsx", |wb| {
        realisasi_sheet(wb, &realisasi, Mode::Text)
    })?;
    save(dir, "realisasi-2023-bersih.xlsx", |wb| {
        realisasi_sheet(wb, &realisasi, Mode::ComputedCache)
    })?;
    // The same table as realisasi-2023-teks.xlsx, as the inputs that are not workbooks.
    let grid = realisasi_text_grid(&realisasi);
    let html = realisasi_html(&grid);
    std::fs::write(dir.join("realisasi-2023-mhtml.xls"), mhtml(&html))?;
    std::fs::write(dir.join("realisasi-2023.html"), html)?;
    std::fs::write(dir.join("realisasi-2023.csv"), realisasi_csv_1252(&grid))?;
    save(dir, "evaluasi-renja-2023.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Tabel 2.1")?;
        let titles = [
            "Tabel 2.1",
            "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja BKPSDM Kota Binjai dan Pencapaian Renstra BKPSDM Kota Binjai s/d Tahun 2023 Kota Binjai",
            "Nama Perangkat Daerah : Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ];
        let widths = [
            16.0, 40.0, 34.0, 16.0, 16.0, 14.0, 14.0, 12.0, 14.0, 14.0, 14.0, 12.0, 12.0,
        ];
        text_sheet(
            ws,
            &titles,
            &blocks(EVALUASI_TSV),
            Origin { row: 4, col: 1 },
            &widths,
        )
    })?;
    save(dir, "review-rkpd-2023.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Review RKPD")?;
        let titles = [
            "Review terhadap Rancangan Awal RKPD Tahun 2023",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Binjai",
        ];
        let widths = [
            5.0, 32.0, 11.0, 28.0, 9.0, 17.0, 32.0, 11.0, 28.0, 9.0, 17.0, 14.0,
        ];
        text_sheet(
            ws,
            &titles,
            &blocks(REVIEW_TSV),
            Origin { row: 3, col: 0 },
            &widths,
        )?;
        ws.set_freeze_panes(6, 0)?;
        Ok(())
    })?;
    save(dir, "rencana-2025.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Rencana 2025")?;
        let titles = ["Rumusan Rencana Program dan Kegiatan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2025 dan Prakiraan Maju Tahun 2026 Kota Binjai"];
        let widths = [
            17.0, 36.0, 14.0, 24.0, 24.0, 18.0, 12.0, 12.0, 16.0, 16.0, 17.0, 16.0, 16.0, 17.0,
        ];
        text_sheet(
            ws,
            &titles,
            &blocks(RENCANA_TSV),
            Origin { row: 2, col: 0 },
            &widths,
        )
    })?;
    save(dir, "formula-kasus.xlsx", formula_cases)?;
    Ok(())
}

#[allow(dead_code)] // unused when the test includes this file as a module
fn main() -> Result<(), XlsxError> {
    write_all(Path::new("samples"))
}

fn save(
    dir: &Path,
    name: &str,
    build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 15)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_author("BKPSDM Kota Binjai")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    build(&mut wb)?;
    wb.save(dir.join(name))
}

// ------------------------------------------------------------------ seed tables

/// One page of a seed table: `kepala` header rows, `nomor` column-numbering rows, then data.
struct Block {
    kepala: usize,
    nomor: usize,
    lines: Vec<Vec<String>>,
}

/// Reads a `samples/src/*.tsv`: `#` comments, `@blok K N <seed line>` starts a page.
fn blocks(tsv: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for line in tsv.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@blok ") {
            let n: Vec<usize> = rest.split(' ').map(|x| x.parse().unwrap()).collect();
            out.push(Block {
                kepala: n[0],
                nomor: n[1],
                lines: Vec::new(),
            });
            continue;
        }
        let cells = line.split('\t').map(str::to_string).collect();
        out.last_mut().expect("@blok before data").lines.push(cells);
    }
    out
}

struct Origin {
    row: u32,
    col: u16,
}

struct Styles {
    title: Format,
    head: Format,
    number_row: Format,
    text: Format,
    wrap: Format,
    money: Format,
    money_bold: Format,
    pct: Format,
    pct_bold: Format,
    bold: Format,
}

fn styles() -> Styles {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    Styles {
        title: Format::new().set_bold().set_font_size(12),
        head: cell
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        number_row: cell.clone().set_italic().set_align(FormatAlign::Center),
        text: cell.clone(),
        wrap: cell.clone().set_text_wrap(),
        money: cell.clone().set_num_format(MONEY),
        money_bold: cell.clone().set_num_format(MONEY).set_bold(),
        pct: cell.clone().set_num_format("0.00"),
        pct_bold: cell.clone().set_num_format("0.00").set_bold(),
        bold: cell.set_bold().set_text_wrap(),
    }
}

/// Writes header rows with the merges a staff file has: a header cell spreads right over
/// empty cells whose row below is filled (a group heading), else down over empty cells.
fn write_header(
    ws: &mut Worksheet,
    rows: &[Vec<String>],
    at: &Origin,
    fmt: &Format,
) -> Result<(), XlsxError> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let get = |r: usize, c: usize| rows.get(r).and_then(|x| x.get(c)).map_or("", |s| s.trim());
    let mut taken = vec![vec![false; width]; rows.len()];
    for r in 0..rows.len() {
        for c in 0..width {
            if taken[r][c] || get(r, c).is_empty() {
                continue;
            }
            let mut right = c;
            while r + 1 < rows.len()
                && right + 1 < width
                && get(r, right + 1).is_empty()
                && !get(r + 1, right + 1).is_empty()
                && !taken[r][right + 1]
            {
                right += 1;
            }
            let mut down = r;
            if right == c {
                while down + 1 < rows.len() && get(down + 1, c).is_empty() && !taken[down + 1][c] {
                    down += 1;
                }
            }
            for row in taken.iter_mut().take(down + 1).skip(r) {
                row[c..=right].iter_mut().for_each(|t| *t = true);
            }
            let (r0, c0) = (at.row + r as u32, at.col + c as u16);
            if right > c || down > r {
                let (r1, c1) = (at.row + down as u32, at.col + right as u16);
                ws.merge_range(r0, c0, r1, c1, get(r, c), fmt)?;
            } else {
                ws.write_string_with_format(r0, c0, get(r, c), fmt)?;
            }
        }
    }
    for (r, row) in taken.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t {
                ws.write_blank(at.row + r as u32, at.col + c as u16, fmt)?;
            }
        }
    }
    Ok(())
}

/// A table copied from a PDF: every cell text exactly as printed, one page per block,
/// blocks one blank row apart with a page break before each.
fn text_sheet(
    ws: &mut Worksheet,
    titles: &[&str],
    pages: &[Block],
    at: Origin,
    widths: &[f64],
) -> Result<(), XlsxError> {
    let st = styles();
    for (i, t) in titles.iter().enumerate() {
        ws.write_string_with_format(i as u32, at.col, *t, &st.title)?;
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(at.col + i as u16, *w)?;
    }
    let mut row = at.row;
    let mut breaks = Vec::new();
    for (b, page) in pages.iter().enumerate() {
        if b > 0 {
            row += 1;
            breaks.push(row);
        }
        let origin = Origin { row, col: at.col };
        write_header(ws, &page.lines[..page.kepala], &origin, &st.head)?;
        for (i, cells) in page.lines.iter().enumerate().skip(page.kepala) {
            let fmt = if i < page.kepala + page.nomor {
                &st.number_row
            } else {
                &st.wrap
            };
            for (c, text) in cells.iter().enumerate() {
                let col = at.col + c as u16;
                if text.is_empty() {
                    ws.write_blank(row + i as u32, col, fmt)?;
                } else {
                    ws.write_string_with_format(row + i as u32, col, text, fmt)?;
                }
            }
        }
        row += page.lines.len() as u32;
    }
    ws.set_page_breaks(&breaks)?;
    ws.set_landscape();
    Ok(())
}

// ------------------------------------------------------------------ realisasi 2023

/// Which cached values the realisation sheet carries.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Live formulas whose cached values are the seed's printed figures (errors survive).
    PrintedCache,
    /// Live formulas whose cached values are the exact results: no arithmetic error.
    ComputedCache,
    /// No formulas: every figure a string exactly as printed.
    Text,
}

/// Indonesian figure as printed (`Rp. 5.636.089.563,00`, `87,11`) → Decimal.
fn figure(printed: &str) -> Decimal {
    let s = printed.trim().trim_start_matches("Rp.").trim();
    let s = s.replace('.', "").replace(',', ".");
    s.parse()
        .unwrap_or_else(|_| panic!("not a figure: {printed}"))
}

fn parent_code(code: &str) -> Option<String> {
    let parts: Vec<&str> = code.split('.').collect();
    let keep = match parts.len() {
        3 => 2,
        5 => 3,
        6 => 5,
        _ => return None,
    };
    Some(parts[..keep].join("."))
}

/// Sheet row (0-based) of each line of the realisation table; title rows 1-3 come first.
const REALISASI_FIRST_ROW: u32 = 3;

struct Line<'a> {
    row: u32,
    cells: &'a [String],
}

fn realisasi_sheet(wb: &mut Workbook, pages: &[Block], mode: Mode) -> Result<(), XlsxError> {
    let st = styles();
    let ws = wb.add_worksheet().set_name("Realisasi 2023")?;
    ws.merge_range(
        0,
        0,
        0,
        6,
        "REALISASI BELANJA BKPSDM KOTA BINJAI TAHUN ANGGARAN 2023",
        &st.title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        6,
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BINJAI",
        &st.title,
    )?;
    for (c, w) in [6.0, 17.0, 52.0, 21.0, 19.0, 8.0, 19.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = REALISASI_FIRST_ROW;
    let mut data = Vec::new();
    for (b, page) in pages.iter().enumerate() {
        if b > 0 {
            ws.set_page_breaks(&[row])?;
        }
        realisasi_header(ws, row, &st, mode)?;
        row += (page.kepala + page.nomor) as u32;
        for cells in page.lines.iter().skip(page.kepala + page.nomor) {
            data.push(Line { row, cells });
            row += 1;
        }
    }
    ws.set_freeze_panes(REALISASI_FIRST_ROW + 3, 0)?;

    let code = |l: &Line| l.cells[1].trim().to_string();
    let excel_row = |l: &Line| l.row + 1;
    let children = |c: &str| -> Vec<&Line> {
        data.iter()
            .filter(|l| parent_code(&code(l)).as_deref() == Some(c))
            .collect()
    };
    let top: Vec<&Line> = data
        .iter()
        .filter(|l| code(l).split('.').count() == 2)
        .collect();

    // Exact values bottom-up: deepest codes first, JUMLAH (no code) last.
    let mut order: Vec<&Line> = data.iter().collect();
    order.sort_by_key(|l| {
        let depth = code(l).split('.').count();
        if code(l).is_empty() {
            100
        } else {
            10 - depth
        }
    });
    let mut exact: std::collections::HashMap<u32, [Decimal; 4]> = Default::default();
    for l in order {
        let c = code(l);
        let kids = if c.is_empty() {
            top.clone()
        } else {
            children(&c)
        };
        let (pagu, realisasi, sisa) = if kids.is_empty() {
            let (p, r) = (figure(&l.cells[3]), figure(&l.cells[4]));
            (p, r, p - r)
        } else {
            let sum = |i: usize| kids.iter().map(|k| exact[&k.row][i]).sum::<Decimal>();
            (sum(0), sum(1), sum(3))
        };
        let pct = if pagu.is_zero() {
            Decimal::ZERO
        } else {
            (realisasi / pagu * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        };
        exact.insert(l.row, [pagu, realisasi, pct, sisa]);
    }

    for l in &data {
        let c = code(l);
        let n = excel_row(l);
        let is_total = c.is_empty();
        let bold = is_total || c.split('.').count() <= 3;
        let text_fmt = if bold { &st.bold } else { &st.wrap };
        for (i, cell) in l.cells.iter().enumerate().take(3) {
            ws.write_string_with_format(l.row, i as u16, cell.as_str(), text_fmt)?;
        }
        if mode == Mode::Text {
            for i in 3..7 {
                ws.write_string_with_format(l.row, i as u16, l.cells[i].as_str(), &st.text)?;
            }
            continue;
        }
        let money = if bold { &st.money_bold } else { &st.money };
        let pct_fmt = if bold { &st.pct_bold } else { &st.pct };
        let kids = if is_total { top.clone() } else { children(&c) };
        let cached = |i: usize| -> String {
            let v = match mode {
                Mode::PrintedCache => figure(&l.cells[3 + i]),
                _ => exact[&l.row][i],
            };
            v.normalize().to_string()
        };
        let sum_of = |col: char| -> String {
            let rows: Vec<u32> = kids.iter().map(|k| excel_row(k)).collect();
            let contiguous = rows.windows(2).all(|w| w[1] == w[0] + 1);
            if rows.len() == 1 {
                format!("=SUM({col}{})", rows[0])
            } else if contiguous {
                format!("=SUM({col}{}:{col}{})", rows[0], rows[rows.len() - 1])
            } else {
                let terms: Vec<String> = rows.iter().map(|r| format!("{col}{r}")).collect();
                format!("={}", terms.join("+"))
            }
        };
        if kids.is_empty() {
            ws.write_number_with_format(l.row, 3, to_f64(figure(&l.cells[3])), money)?;
            ws.write_number_with_format(l.row, 4, to_f64(figure(&l.cells[4])), money)?;
            let f = Formula::new(format!("=D{n}-E{n}")).set_result(cached(3));
            ws.write_formula_with_format(l.row, 6, f, money)?;
        } else {
            for (i, col) in [(0usize, 'D'), (1, 'E'), (3, 'G')] {
                let f = Formula::new(sum_of(col)).set_result(cached(i));
                ws.write_formula_with_format(l.row, 3 + i as u16, f, money)?;
            }
        }
        let f = Formula::new(pct_formula(&c, n, exact[&l.row][0].is_zero())).set_result(cached(2));
        ws.write_formula_with_format(l.row, 5, f, pct_fmt)?;
    }
    Ok(())
}

/// `% = ROUND(E/D*100,2)`, guarded where pagu is 0 the ways staff guard it: `IF(D=0,0,…)`
/// in program 5.03.01, and `IFERROR(…,0)` filled down the whole of program 5.03.02.
fn pct_formula(code: &str, n: u32, pagu_zero: bool) -> String {
    let plain = format!("ROUND(E{n}/D{n}*100,2)");
    if code.starts_with("5.03.02") {
        format!("=IFERROR({plain},0)")
    } else if pagu_zero {
        format!("=IF(D{n}=0,0,{plain})")
    } else {
        format!("={plain}")
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().expect("decimal prints as f64")
}

fn realisasi_header(
    ws: &mut Worksheet,
    row: u32,
    st: &Styles,
    mode: Mode,
) -> Result<(), XlsxError> {
    for (c, title) in [
        (0, "No."),
        (1, "KODE REKENING"),
        (2, "PROGRAM KEGIATAN SUB KEGIATAN"),
        (3, "JUMLAH DANA SESUAI PAGU Rp."),
        (6, "SISA DANA (Rp.)"),
    ] {
        ws.merge_range(row, c, row + 1, c, title, &st.head)?;
    }
    ws.merge_range(row, 4, row, 5, "REALISASI KEUANGAN", &st.head)?;
    ws.write_string_with_format(row + 1, 4, "(Rp)", &st.head)?;
    ws.write_string_with_format(row + 1, 5, "(%)", &st.head)?;
    for (c, number) in [1, 2, 3, 4, 9, 10, 14].iter().enumerate() {
        if mode == Mode::Text {
            ws.write_string_with_format(row + 2, c as u16, number.to_string(), &st.number_row)?;
        } else {
            ws.write_number_with_format(row + 2, c as u16, *number as f64, &st.number_row)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ web page and CSV exports

const TITLES: [&str; 2] = [
    "REALISASI BELANJA BKPSDM KOTA BINJAI TAHUN ANGGARAN 2023",
    "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KOTA BINJAI",
];

/// The cells of realisasi-2023-teks.xlsx as text, with its merged ranges: what the web and
/// CSV exports are built from, so each must give the same findings at the same cells.
struct TextGrid {
    cells: std::collections::BTreeMap<(u32, u16), String>,
    /// (first row, first col, last row, last col), inclusive.
    merges: Vec<(u32, u16, u32, u16)>,
    rows: u32,
}

fn realisasi_text_grid(pages: &[Block]) -> TextGrid {
    let mut grid = TextGrid {
        cells: Default::default(),
        merges: vec![(0, 0, 0, 6), (1, 0, 1, 6)],
        rows: 0,
    };
    for (r, title) in TITLES.iter().enumerate() {
        grid.cells.insert((r as u32, 0), (*title).to_string());
    }
    let mut row = REALISASI_FIRST_ROW;
    for page in pages {
        for (c, title) in [
            (0, "No."),
            (1, "KODE REKENING"),
            (2, "PROGRAM KEGIATAN SUB KEGIATAN"),
            (3, "JUMLAH DANA SESUAI PAGU Rp."),
            (6, "SISA DANA (Rp.)"),
        ] {
            grid.cells.insert((row, c), title.to_string());
            grid.merges.push((row, c, row + 1, c));
        }
        grid.cells.insert((row, 4), "REALISASI KEUANGAN".into());
        grid.merges.push((row, 4, row, 5));
        grid.cells.insert((row + 1, 4), "(Rp)".into());
        grid.cells.insert((row + 1, 5), "(%)".into());
        for (c, number) in [1, 2, 3, 4, 9, 10, 14].iter().enumerate() {
            grid.cells.insert((row + 2, c as u16), number.to_string());
        }
        row += (page.kepala + page.nomor) as u32;
        for cells in page.lines.iter().skip(page.kepala + page.nomor) {
            for (c, text) in cells.iter().enumerate().take(7) {
                if !text.is_empty() {
                    grid.cells.insert((row, c as u16), text.clone());
                }
            }
            row += 1;
        }
    }
    grid.rows = row;
    grid
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The table as Excel writes "Web Page" HTML: classes with `mso-number-format` in `<style>`
/// (`\@` text for the figures as printed, `0\.00` for the percentage, which carries its
/// value in `x:num`), merged headers as `colspan`/`rowspan`, a `<br>` in a heading and a
/// character reference in the title (both must read back as the xlsx's text).
fn realisasi_html(grid: &TextGrid) -> String {
    let mut out = String::from(concat!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n",
        "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\r\n",
        "xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n<head>\r\n",
        "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\r\n",
        "<meta name=Generator content=\"renja make_samples\">\r\n",
        "<title>Realisasi 2023</title>\r\n<style>\r\n<!--\r\n",
        "td {mso-number-format:General; white-space:normal;}\r\n",
        ".judul {font-weight:700; font-size:12.0pt;}\r\n",
        ".kepala {font-weight:700; text-align:center; border:.5pt solid windowtext;}\r\n",
        ".teks {mso-number-format:\"\\@\"; border:.5pt solid windowtext;}\r\n",
        ".persen {mso-number-format:\"0\\.00\"; border:.5pt solid windowtext;}\r\n",
        "-->\r\n</style>\r\n</head>\r\n<body>\r\n<table border=0 cellpadding=0 cellspacing=0>\r\n",
    ));
    let covered = |r: u32, c: u16| {
        grid.merges.iter().any(|&(r0, c0, r1, c1)| {
            (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
        })
    };
    let header_rows: Vec<u32> = grid
        .cells
        .iter()
        .filter(|(_, t)| t.as_str() == "No.")
        .map(|((r, _), _)| *r)
        .collect();
    for r in 0..grid.rows {
        out.push_str(" <tr>\r\n");
        let is_header = header_rows.iter().any(|h| (*h..*h + 3).contains(&r));
        for c in 0..7u16 {
            if covered(r, c) {
                continue;
            }
            let mut attrs = String::new();
            if let Some(&(r0, c0, r1, c1)) = grid
                .merges
                .iter()
                .find(|&&(r0, c0, _, _)| (r0, c0) == (r, c))
            {
                if c1 > c0 {
                    attrs.push_str(&format!(" colspan={}", c1 - c0 + 1));
                }
                if r1 > r0 {
                    attrs.push_str(&format!(" rowspan={}", r1 - r0 + 1));
                }
            }
            let text = grid.cells.get(&(r, c)).map_or("", String::as_str);
            let (class, content) = if r < 2 {
                let text = escape_html(text).replacen('R', "&#82;", 1);
                ("judul", text)
            } else if is_header {
                let text = escape_html(text).replace("SESUAI PAGU", "SESUAI<br>\r\n  PAGU");
                ("kepala", text)
            } else if c == 5 && !text.is_empty() {
                let value = text.replace('.', "").replace(',', ".");
                attrs.push_str(&format!(" x:num=\"{value}\""));
                ("persen", escape_html(text))
            } else {
                ("teks", escape_html(text))
            };
            out.push_str(&format!("  <td class={class}{attrs}>{content}</td>\r\n"));
        }
        out.push_str(" </tr>\r\n");
    }
    out.push_str("</table>\r\n</body>\r\n</html>\r\n");
    out
}

/// The page as a browser's "Save as… single file" writes it: a Blink MHTML archive, the
/// page quoted-printable, lines at most 76 characters with `=` soft breaks.
fn mhtml(html: &str) -> String {
    let boundary = "----MultipartBoundary--renjaSampleRealisasi2023----";
    let mut out = format!(
        "From: <Saved by Blink>\r\n\
         Snapshot-Content-Location: http://sipd.example.invalid/laporan/realisasi?tahun=2023&jenis=xls\r\n\
         Subject: Realisasi 2023\r\n\
         Date: Mon, 15 Jan 2024 09:00:00 -0000\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/related;\r\n\
         \ttype=\"text/html\";\r\n\
         \tboundary=\"{boundary}\"\r\n\r\n\r\n\
         --{boundary}\r\n\
         Content-Type: text/html\r\n\
         Content-ID: <frame-0@mhtml.blink>\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: http://sipd.example.invalid/laporan/realisasi?tahun=2023&jenis=xls\r\n\r\n"
    );
    for line in html.split("\r\n") {
        out.push_str(&quoted_printable(line));
        out.push_str("\r\n");
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

/// One line, quoted-printable (RFC 2045): `=` and non-ASCII as `=XX`, trailing white space
/// encoded, soft line breaks so no line passes 76 characters.
fn quoted_printable(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::new();
    let mut width = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        let literal = (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
        let piece = if literal {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if width + piece.len() > 75 {
            out.push_str("=\r\n");
            width = 0;
        }
        width += piece.len();
        out.push_str(&piece);
    }
    out
}

/// The table as Excel's "CSV (comma delimited)" writes it on an Indonesian PC: `;` between
/// fields (the comma is the decimal mark), Windows-1252, CRLF, every row as wide as the table,
/// quotes only where a field needs them. The first title carries an en dash (0x96), so the
/// decoding shows in the cleaned workbook.
fn realisasi_csv_1252(grid: &TextGrid) -> Vec<u8> {
    let mut text = String::new();
    for r in 0..grid.rows {
        let fields: Vec<String> = (0..7u16)
            .map(|c| {
                let mut t = grid.cells.get(&(r, c)).cloned().unwrap_or_default();
                if (r, c) == (0, 0) {
                    t = t.replace("BINJAI TAHUN", "BINJAI \u{2013} TAHUN");
                }
                if t.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", t.replace('"', "\"\""))
                } else {
                    t
                }
            })
            .collect();
        text.push_str(&fields.join(";"));
        text.push_str("\r\n");
    }
    text.chars()
        .map(|c| match c {
            '\u{2013}' => 0x96,
            c if c.is_ascii() => c as u8,
            c => panic!("no Windows-1252 byte for {c:?} in the sample"),
        })
        .collect()
}

// ------------------------------------------------------------------ formula corner cases

fn formula_cases(wb: &mut Workbook) -> Result<(), XlsxError> {
    let st = styles();
    let pagu = wb.add_worksheet().set_name("Pagu Perubahan")?;
    pagu.write_string_with_format(0, 0, "PAGU PERUBAHAN 2023", &st.title)?;
    for (c, h) in ["Kode", "Uraian", "Pagu Murni", "Pagu Perubahan"]
        .iter()
        .enumerate()
    {
        pagu.write_string_with_format(4, 1 + c as u16, *h, &st.head)?;
    }
    pagu.write_string_with_format(5, 1, "5.03.01.2.09.11", &st.text)?;
    pagu.write_string_with_format(5, 2, "Pemeliharaan /Rehabilitasi Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya", &st.wrap)?;
    pagu.write_number_with_format(5, 3, 32_810_000.0, &st.money)?;
    pagu.write_number_with_format(5, 4, 32_810_000.0, &st.money)?;
    pagu.set_column_width(2, 50)?;
    pagu.set_column_width(3, 18)?;
    pagu.set_column_width(4, 18)?;

    let ws = wb.add_worksheet().set_name("Kasus Rumus")?;
    // A formula written without set_result gets this cached value: an empty <v></v>.
    ws.set_formula_result_default("");
    ws.write_string_with_format(0, 0, "KASUS RUMUS (contoh kecil)", &st.title)?;
    for (c, w) in [4.0, 48.0, 17.0, 18.0, 18.0, 18.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (c, h) in ["No", "Kasus", "Kode", "Pagu", "Realisasi", "Hasil"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &st.head)?;
    }
    let label =
        |ws: &mut Worksheet, row: u32, no: &str, text: &str, code: &str| -> Result<(), XlsxError> {
            ws.write_string_with_format(row, 0, no, &st.text)?;
            ws.write_string_with_format(row, 1, text, &st.wrap)?;
            ws.write_string_with_format(row, 2, code, &st.text)?;
            Ok(())
        };
    // Row 4: cross-sheet reference.
    label(
        ws,
        3,
        "1",
        "Pagu diambil dari sheet lain: ='Pagu Perubahan'!E6",
        "5.03.01.2.09.11",
    )?;
    let f = Formula::new("='Pagu Perubahan'!E6").set_result("32810000");
    ws.write_formula_with_format(3, 3, f, &st.money)?;
    // Rows 6-9: SUM over a range holding a number stored as text.
    label(ws, 5, "2a", "Angka", "5.03.01.2.06.01")?;
    ws.write_number_with_format(5, 3, 10_974_000.0, &st.money)?;
    label(
        ws,
        6,
        "2b",
        "Angka tersimpan sebagai teks (SUM melewatinya)",
        "5.03.01.2.06.05",
    )?;
    ws.write_string_with_format(6, 3, "57547200", &st.text)?;
    label(ws, 7, "2c", "Angka", "5.03.01.2.06.06")?;
    ws.write_number_with_format(7, 3, 21_168_000.0, &st.money)?;
    label(
        ws,
        8,
        "2",
        "=SUM(D6:D8): Excel melewati teks, total lebih kecil dari baris",
        "5.03.01.2.06",
    )?;
    let f = Formula::new("=SUM(D6:D8)").set_result("32142000");
    ws.write_formula_with_format(8, 3, f, &st.money_bold)?;
    label(
        ws,
        9,
        "2'",
        "=D6+D7+D8: tanda + mengubah teks menjadi angka",
        "5.03.01.2.06",
    )?;
    let f = Formula::new("=D6+D7+D8").set_result("89689200");
    ws.write_formula_with_format(9, 3, f, &st.money_bold)?;
    // Rows 12-13: #DIV/0! hidden by IFERROR, and shown.
    label(
        ws,
        11,
        "3",
        "IFERROR(...,\"\") menyembunyikan #DIV/0! (pagu 0)",
        "5.03.02.2.02.02",
    )?;
    ws.write_number_with_format(11, 3, 0.0, &st.money)?;
    ws.write_number_with_format(11, 4, 0.0, &st.money)?;
    let f = Formula::new("=IFERROR(ROUND(E12/D12*100,2),\"\")").set_result("");
    ws.write_formula_with_format(11, 5, f, &st.pct)?;
    label(
        ws,
        12,
        "3'",
        "Tanpa IFERROR: hasil tersimpan #DIV/0!",
        "5.03.02.2.04.05",
    )?;
    ws.write_number_with_format(12, 3, 0.0, &st.money)?;
    ws.write_number_with_format(12, 4, 0.0, &st.money)?;
    let f = Formula::new("=ROUND(E13/D13*100,2)").set_result("#DIV/0!");
    ws.write_formula_with_format(12, 5, f, &st.pct)?;
    // Row 15: stale cached value.
    label(
        ws,
        14,
        "4",
        "Sisa =D15-E15 dengan nilai tersimpan basi (seharusnya 33.955.565)",
        "5.03.01.2.09.01",
    )?;
    ws.write_number_with_format(14, 3, 82_990_000.0, &st.money)?;
    ws.write_number_with_format(14, 4, 49_034_435.0, &st.money)?;
    let f = Formula::new("=D15-E15").set_result("43955565");
    ws.write_formula_with_format(14, 5, f, &st.money)?;
    // Row 17: formula without a cached value.
    label(
        ws,
        16,
        "5",
        "Rumus tanpa nilai tersimpan (=D15-E15, <v></v> kosong)",
        "5.03.01.2.09.01",
    )?;
    ws.write_number_with_format(16, 3, 82_990_000.0, &st.money)?;
    ws.write_number_with_format(16, 4, 49_034_435.0, &st.money)?;
    ws.write_formula_with_format(16, 5, Formula::new("=D17-E17"), &st.money)?;
    Ok(())
}
