//! How exact a comparison of the file's figures is: Excel's doubles leave noise past 15
//! significant digits, and a cell shows only so many decimals. A rule compares through these,
//! so a figure is wrong only when it is wrong beyond what the file could hold or show.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{CellAt, Reading, Sheet};

/// Whether a figure differs from the expected one only by the noise a double leaves: within
/// 10⁻¹⁴ of the largest magnitude involved (`magnitude`, the operands). A cached sisa of
/// 4,6·10⁻¹⁷ where pagu − realisasi is exactly 0 is what Excel's doubles give for
/// 0,3 − 0,1 − 0,2, not a wrong figure, however small the cell's own value is.
pub(crate) fn same_figure(expected: Decimal, actual: Decimal, magnitude: Decimal) -> bool {
    if expected == actual {
        return true;
    }
    let base = magnitude.max(expected.abs()).max(actual.abs());
    match (
        actual.checked_sub(expected),
        base.checked_mul(Decimal::new(1, 14)),
    ) {
        (Some(d), Some(noise)) => d.abs() <= noise,
        _ => false,
    }
}

/// Excel's ROUND: half away from zero.
pub(crate) fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// [`round`], written with exactly `dp` decimals (`100` → `100.00`).
pub(crate) fn fixed(d: Decimal, dp: u32) -> Decimal {
    let mut r = round(d, dp);
    r.rescale(dp);
    r
}

/// Rounds to 15 significant digits, the precision Excel keeps and shows.
pub(crate) fn round_significant(d: Decimal) -> Decimal {
    if d.is_zero() {
        return d;
    }
    let digits = d.abs().trunc().to_string().trim_start_matches('0').len() as i64;
    let dp = if digits > 0 {
        15 - digits
    } else {
        let text = d.abs().to_string();
        let leading = text
            .trim_start_matches("0.")
            .chars()
            .take_while(|c| *c == '0')
            .count() as i64;
        15 + leading
    };
    if dp >= 0 {
        round(d, dp.min(28) as u32)
    } else {
        let f = Decimal::from(10i64.pow((-dp) as u32));
        round(d / f, 0) * f
    }
}

/// Decimals the cell shows: as typed (`87,11` → 2, `150%` → 0) or from its number format
/// (`0.00%` → 2, `#,##0` → 0). For a percentage these are decimals of the percentage.
pub(crate) fn shown_decimals(sheet: &Sheet, at: CellAt) -> Option<u32> {
    let cell = sheet.get(at)?;
    if let Some(Reading::Number(style)) = cell.reading() {
        return Some(style.decimals);
    }
    let format = cell.number_format.as_deref()?;
    let section = format.split(';').next()?;
    if !section.contains('0') && !section.contains('#') {
        return None;
    }
    Some(match section.split_once('.') {
        Some((_, after)) => after.chars().take_while(|c| *c == '0' || *c == '#').count() as u32,
        None => 0,
    })
}
