//! Property tests: a generated consistent realisation table gives no finding at all, wherever
//! it sits on the sheet and however its header repeats; one changed leaf figure gives exactly
//! one root cause, at that cell, every other finding linked to it.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::precision::{fixed, round_significant};
use super::*;
use crate::finding::Figure;
use crate::model::CellAt;
use crate::tables::detect_tables;
use crate::tables::testing::{sheet, workbook};

/// Indonesian form: `5.636.089.563,00`.
pub(crate) fn id_number(d: Decimal) -> String {
    let d = fixed(d, 2);
    let text = d.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!(
        "{}{grouped},{frac}",
        if d.is_sign_negative() && !d.is_zero() {
            "-"
        } else {
            ""
        }
    )
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// One generated row: numbering, code, uraian, pagu, realisasi (sisa and % derived).
#[derive(Clone)]
pub(crate) struct GenRow {
    pub numbering: String,
    pub code: String,
    pub pagu: Decimal,
    pub realisasi: Decimal,
    pub leaf: bool,
}

/// A random bidang › program › kegiatan › sub kegiatan hierarchy with consistent sums.
pub(crate) fn hierarchy(seed: u64, size: u64) -> Vec<GenRow> {
    let mut rng = Rng(seed | 1);
    let mut rows = Vec::new();
    let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let (mut program_no, letters) = (0, ["A", "B", "C", "D"]);
    for (b, letter) in letters
        .iter()
        .enumerate()
        .take(1 + rng.next(size.min(4)) as usize)
    {
        let bidang = rows.len();
        rows.push(GenRow {
            numbering: letter.to_string(),
            code: format!("5.{:02}", b + 1),
            pagu: Decimal::ZERO,
            realisasi: Decimal::ZERO,
            leaf: false,
        });
        for p in 0..1 + rng.next(2) {
            let program = rows.len();
            let pcode = format!("5.{:02}.{:02}", b + 1, p + 1);
            rows.push(GenRow {
                numbering: romans[program_no % 10].to_string(),
                code: pcode.clone(),
                pagu: Decimal::ZERO,
                realisasi: Decimal::ZERO,
                leaf: false,
            });
            program_no += 1;
            for k in 0..1 + rng.next(size) {
                let kegiatan = rows.len();
                let kcode = format!("{pcode}.2.{:02}", k + 1);
                rows.push(GenRow {
                    numbering: (k + 1).to_string(),
                    code: kcode.clone(),
                    pagu: Decimal::ZERO,
                    realisasi: Decimal::ZERO,
                    leaf: false,
                });
                for s in 0..1 + rng.next(size) {
                    let pagu = if rng.next(8) == 0 {
                        Decimal::ZERO
                    } else {
                        Decimal::new(rng.next(50_000_000_000) as i64, 2)
                    };
                    let realisasi = if pagu.is_zero() {
                        pagu
                    } else {
                        Decimal::new(
                            rng.next((pagu * Decimal::ONE_HUNDRED).try_into().unwrap_or(1u64) + 1)
                                as i64,
                            2,
                        )
                    };
                    rows.push(GenRow {
                        numbering: format!("{},{}", k + 1, s + 1),
                        code: format!("{kcode}.{:02}", s + 1),
                        pagu,
                        realisasi,
                        leaf: true,
                    });
                    for up in [kegiatan, program, bidang] {
                        rows[up].pagu += pagu;
                        rows[up].realisasi += realisasi;
                    }
                }
            }
        }
    }
    rows
}

fn percent(pagu: Decimal, real: Decimal) -> Decimal {
    if pagu.is_zero() {
        Decimal::ZERO
    } else {
        fixed(real / pagu * Decimal::ONE_HUNDRED, 2)
    }
}

pub(crate) const HEADER: [[&str; 7]; 3] = [
    [
        "No.",
        "KODE REKENING",
        "PROGRAM KEGIATAN SUB KEGIATAN",
        "JUMLAH DANA SESUAI PAGU Rp.",
        "REALISASI KEUANGAN",
        "",
        "SISA DANA (Rp.)",
    ],
    ["", "", "", "", "(Rp)", "(%)", ""],
    ["1", "2", "3", "4", "9", "10", "14"],
];

/// The table's text rows; `change` = (generated row, column 3..=6, delta) alters one figure.
pub(crate) fn table_text(
    rows: &[GenRow],
    titles: usize,
    repeat_at: Option<usize>,
    change: Option<(usize, usize, Decimal)>,
) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for t in 0..titles {
        out.push(vec![format!(
            "Tabel {t} Realisasi Program dan Kegiatan Badan Kepegawaian Tahun 2023"
        )]);
    }
    let header = |out: &mut Vec<Vec<String>>| {
        out.extend(
            HEADER
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect()),
        )
    };
    header(&mut out);
    let (mut pagu_total, mut real_total) = (Decimal::ZERO, Decimal::ZERO);
    for (i, r) in rows.iter().enumerate() {
        if repeat_at == Some(i) {
            out.push(vec![]);
            header(&mut out);
        }
        let mut figures = [
            r.pagu,
            r.realisasi,
            percent(r.pagu, r.realisasi),
            r.pagu - r.realisasi,
        ];
        if let Some((row, col, delta)) = change.filter(|c| c.0 == i) {
            let _ = row;
            figures[col - 3] += delta;
        }
        if !r.code.contains('.') || r.code.matches('.').count() == 1 {
            pagu_total += r.pagu;
            real_total += r.realisasi;
        }
        let pct = figures[2].to_string().replace('.', ",");
        out.push(vec![
            r.numbering.clone(),
            r.code.clone(),
            format!("Uraian {}", r.code),
            format!("Rp. {}", id_number(figures[0])),
            id_number(figures[1]),
            pct,
            id_number(figures[3]),
        ]);
    }
    let pct = percent(pagu_total, real_total)
        .to_string()
        .replace('.', ",");
    out.push(vec![
        String::new(),
        String::new(),
        "JUMLAH.....".into(),
        format!("Rp. {}", id_number(pagu_total)),
        id_number(real_total),
        pct,
        id_number(pagu_total - real_total),
    ]);
    out
}

fn build(text: &[Vec<String>], top: u32, left: u32) -> Workbook {
    let rows: Vec<Vec<&str>> = text
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    workbook(vec![sheet("Realisasi", top, left, &[1], &rows)])
}

fn findings_of(wb: &Workbook) -> Vec<Finding> {
    let tables = detect_tables(wb);
    assert_eq!(tables.len(), 1);
    let mut findings = check_tables(wb, &tables).findings;
    link_causes(&mut findings, &tables);
    findings
}

/// Any figure a `Decimal` holds, from zero to ±7,9·10²⁸, at any scale; small ones too, so
/// sums of a few stay in range and some relations do hold.
fn any_figure() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(
                lo, mid, hi, negative, scale
            )),
        (any::<i64>(), 0u32..=4).prop_map(|(n, scale)| Decimal::new(n, scale)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
    ]
}

/// A figure as staff type it into a cell: digits with a decimal comma, no grouping.
fn typed(d: Decimal) -> String {
    d.to_string().replace('.', ",")
}

/// The generated hierarchy with every figure (pagu, realisasi, %, sisa, and the JUMLAH row's)
/// taken from `figures` in turn, none derived from another.
fn extreme_table_text(rows: &[GenRow], figures: &[Decimal]) -> Vec<Vec<String>> {
    let mut next = figures.iter().cycle().copied();
    let mut figure = || typed(next.next().unwrap_or_default());
    let mut out: Vec<Vec<String>> = HEADER
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
    for r in rows {
        out.push(vec![
            r.numbering.clone(),
            r.code.clone(),
            format!("Uraian {}", r.code),
            figure(),
            figure(),
            figure(),
            figure(),
        ]);
    }
    out.push(vec![
        String::new(),
        String::new(),
        "JUMLAH.....".into(),
        figure(),
        figure(),
        figure(),
        figure(),
    ]);
    out
}

/// See `extreme_figures_never_panic`.
fn extreme_figures_check(seed: u64, size: u64, figures: &[Decimal]) -> Result<(), TestCaseError> {
    let rows = hierarchy(seed, size);
    let wb = build(&extreme_table_text(&rows, figures), 0, 0);
    for f in findings_of(&wb) {
        let figures = (&f.expected, &f.actual, f.difference);
        if let (Some(Figure::Number(e)), Some(Figure::Number(a)), Some(d)) = figures {
            prop_assert_eq!(a.checked_sub(*e), Some(d), "{:#?}", f);
        }
    }
    Ok(())
}

/// Found by `extreme_figures_never_panic`: a pagu blamed instead of the sisa, where
/// −(sisa − (pagu − realisasi)) and pagu − (sisa + realisasi) differ in the 28th digit; the
/// difference stated must be the latter.
#[test]
fn difference_stated_is_actual_minus_expected_at_28_digits() {
    let figures: Vec<Decimal> = [
        "-91779554721189068.8",
        "-79228162514264337593543950335",
        "16536058656530249116.232661614",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
    ]
    .iter()
    .map(|t| t.parse().unwrap())
    .collect();
    extreme_figures_check(5391288765282862344, 2, &figures).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Figures anywhere in a `Decimal`'s range never end a run: a relation whose arithmetic
    /// overflows is not checked, and every finding's difference is exactly actual − expected.
    #[test]
    fn extreme_figures_never_panic(seed: u64, size in 1u64..3, figures in prop::collection::vec(any_figure(), 1..40)) {
        extreme_figures_check(seed, size, &figures)?;
    }

    /// Rounding to the precision Excel shows never panics, whatever the magnitude.
    #[test]
    fn rounding_extreme_figures_never_panics(d in any_figure(), dp in 0u32..40) {
        let significant = round_significant(d);
        prop_assert!((significant - d).abs() <= d.abs());
        let _ = fixed(d, dp);
    }

    #[test]
    fn consistent_tables_give_no_findings(seed: u64, size in 1u64..4, top in 0u32..6, left in 0u32..4, titles in 0usize..3, repeat in proptest::option::of(1usize..40)) {
        let rows = hierarchy(seed, size);
        let repeat_at = repeat.filter(|r| *r < rows.len());
        let wb = build(&table_text(&rows, titles, repeat_at, None), top, left);
        let findings = findings_of(&wb);
        prop_assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn one_changed_leaf_is_one_root_cause(seed: u64, size in 1u64..4, top in 0u32..6, left in 0u32..4, pick: prop::sample::Index, col in 3usize..7, cents in 100i64..100_000_000, negative: bool) {
        let rows = hierarchy(seed, size);
        let leaves: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].leaf).collect();
        let leaf = leaves[pick.index(leaves.len())];
        let delta = Decimal::new(if negative { -cents } else { cents }, 2);
        let wb = build(&table_text(&rows, 1, None, Some((leaf, col, delta))), top, left);
        let findings = findings_of(&wb);
        let roots: Vec<&Finding> = findings.iter().filter(|f| f.root_cause).collect();
        prop_assert_eq!(roots.len(), 1, "{:#?}", findings);
        let sheet_row = top + 1 + 3 + leaf as u32;
        let at = CellAt::new(sheet_row, left + col as u32).a1();
        prop_assert_eq!(roots[0].cell.a1(), at, "{:#?}", findings);
        for f in findings.iter().filter(|f| !f.root_cause) {
            prop_assert_eq!(&f.caused_by, &vec![roots[0].id.clone()], "{:#?}", findings);
        }
    }
}

#[test]
fn indonesian_numbers_format() {
    use std::str::FromStr;
    assert_eq!(
        id_number(Decimal::from_str("5636089563").unwrap()),
        "5.636.089.563,00"
    );
    assert_eq!(
        id_number(Decimal::from_str("-860000.5").unwrap()),
        "-860.000,50"
    );
    assert_eq!(id_number(Decimal::ZERO), "0,00");
}
