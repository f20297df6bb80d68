//! Differential testing of renja's exact formula engine against IronCalc's f64 engine:
//! generated budget workbooks (sums, ratios, ROUND, IF guards, cross-sheet references)
//! described once as [`Spec`], written to xlsx for IronCalc and built directly as a renja
//! model (the reader is not under test here).

use std::str::FromStr;

use renja::model::{Cell, CellAt, Raw, Sheet, SourceFormat, Value, Workbook};
use rust_decimal::prelude::*;

/// One cell's content: a number (exact, with its cents), text, or a formula without `=`.
#[derive(Clone, Debug)]
pub enum Content {
    Number(Decimal),
    Text(String),
    Formula(String),
}

/// A cell of a generated sheet: zero-based (row, col) and what it holds.
pub type CellSpec = (u32, u32, Content);

/// A generated workbook: sheets in order, each with its name and cells.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    pub sheets: Vec<(String, Vec<CellSpec>)>,
}

/// xorshift64*: a few lines, seeded, the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A pagu: sometimes 0, sometimes whole rupiah, sometimes with cents, up to 10^11.
fn pagu(rng: &mut Rng) -> Decimal {
    match rng.below(10) {
        0 => Decimal::ZERO,
        1..=4 => Decimal::from(rng.below(100_000) * 1000),
        5..=7 => Decimal::new((rng.below(10_000_000_000)) as i64, 2),
        _ => Decimal::from(rng.below(100_000_000_000)),
    }
}

/// Realisasi: a share of the pagu, in cents, sometimes more than the pagu.
fn realisasi(rng: &mut Rng, pagu: Decimal) -> Decimal {
    let share = Decimal::new(rng.below(12_000) as i64, 4);
    let base = if pagu.is_zero() {
        Decimal::from(rng.below(5) * 1000)
    } else {
        pagu
    };
    (base * share).round_dp(2)
}

const ROW_FORMULAS: &[&str] = &[
    "ROUND(D{r}/C{r}*100,2)",
    "IF(C{r}=0,0,ROUND(D{r}/C{r}*100,2))",
    "IFERROR(ROUND(D{r}/C{r}*100,2),\"\")",
    "IFERROR(D{r}/C{r}*100,0)",
    "C{r}-D{r}",
    "'Pagu Perubahan'!C{r}-C{r}",
    "ROUND('Pagu Perubahan'!C{r}*1.1,0)",
    "ROUNDDOWN(D{r}/3,2)",
    "ROUNDUP(D{r}/7,1)",
    "IF(D{r}>C{r},\"LEBIH\",\"OK\")",
    "IF(AND(C{r}>0,D{r}>0),D{r}/C{r},0)",
    "C{r}*11/100",
    "ABS(C{r}-'Pagu Perubahan'!C{r})",
    "INT(D{r}/1000)*1000",
    "MAX(C{r},D{r})-MIN(C{r},D{r})",
    "LEFT(A{r},4)&\"-\"&LEN(B{r})",
];

const TOTAL_FORMULAS: &[&str] = &[
    "SUM(C2:C{n})",
    "SUM(D2:D{n})",
    "SUBTOTAL(9,D2:D{n})",
    "ROUND(SUM(D2:D{n})/SUM(C2:C{n})*100,2)",
    "SUMIF(C2:C{n},\">1000000\",D2:D{n})",
    "COUNTIF(C2:C{n},0)",
    "COUNTIFS(C2:C{n},\">0\",D2:D{n},\">0\")",
    "AVERAGE(D2:D{n})",
    "MAX(C2:C{n})",
    "MIN(D2:D{n})",
    "SUM('Pagu Perubahan'!C2:C{n})-SUM(C2:C{n})",
    "COUNT(E2:E{n})",
    "COUNTA(A2:A{n})",
    "VLOOKUP(A3,A2:D{n},3,FALSE)",
    "INDEX(D2:D{n},MATCH(A4,A2:A{n},0))",
    "SUM(C2:C{n})-SUM(D2:D{n})",
];

/// A realisation sheet of `rows` kegiatan and its `Pagu Perubahan` sheet.
pub fn generate(seed: u64) -> Spec {
    let mut rng = Rng::new(seed);
    let rows = 5 + rng.below(25) as u32;
    let last = rows + 1; // A1 row number of the last data row
    let mut main = Vec::new();
    let mut changed = Vec::new();
    for row in 1..=rows {
        let r = row + 1;
        let p = pagu(&mut rng);
        main.push((
            row,
            0,
            Content::Text(format!("5.03.01.2.{:02}.{:04}", row, rng.below(9000) + 1)),
        ));
        main.push((
            row,
            1,
            Content::Text(format!("Kegiatan {}", "x".repeat(rng.below(20) as usize))),
        ));
        main.push((row, 2, Content::Number(p)));
        main.push((row, 3, Content::Number(realisasi(&mut rng, p))));
        changed.push((
            row,
            2,
            Content::Number(p + Decimal::new(rng.below(100_000_000) as i64, 2)),
        ));
        for col in 4..10 {
            let f = rng.pick(ROW_FORMULAS).replace("{r}", &r.to_string());
            main.push((row, col, Content::Formula(f)));
        }
    }
    for (k, f) in TOTAL_FORMULAS.iter().enumerate() {
        main.push((
            rows + 2,
            k as u32,
            Content::Formula(f.replace("{n}", &last.to_string())),
        ));
    }
    Spec {
        sheets: vec![
            ("Realisasi".into(), main),
            ("Pagu Perubahan".into(), changed),
        ],
    }
}

/// The spec as an xlsx file (formulas without cached values).
pub fn to_xlsx(spec: &Spec) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, cells) in &spec.sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("sheet name");
        for (row, col, content) in cells {
            let (row, col) = (*row, *col as u16);
            let written = match content {
                Content::Number(n) => sheet
                    .write_number(row, col, n.to_f64().expect("f64"))
                    .map(|_| ()),
                Content::Text(t) => sheet.write_string(row, col, t).map(|_| ()),
                Content::Formula(f) => sheet
                    .write_formula(row, col, format!("={f}").as_str())
                    .map(|_| ()),
            };
            written.expect("write cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// The spec as a renja model, as the read and normalise stages would leave it.
pub fn to_model(spec: &Spec) -> Workbook {
    let sheets = spec
        .sheets
        .iter()
        .map(|(name, cells)| {
            let mut sheet = Sheet::new(name.clone());
            for (row, col, content) in cells {
                let cell = match content {
                    Content::Number(n) => Cell {
                        raw: Raw::Number(n.to_f64().unwrap_or_default()),
                        value: Value::Number(*n),
                        ..Cell::default()
                    },
                    Content::Text(t) => Cell {
                        raw: Raw::Text(t.clone()),
                        value: Value::Text(t.clone()),
                        ..Cell::default()
                    },
                    Content::Formula(f) => Cell {
                        formula: Some(f.clone()),
                        ..Cell::default()
                    },
                };
                sheet.cells.insert(CellAt::new(*row, *col), cell);
            }
            sheet
        })
        .collect();
    Workbook {
        format: SourceFormat::Xlsx,
        sheets,
        ..Workbook::default()
    }
}

/// Parses a decimal literal (test helper).
pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}
