//! Writes numbers the Indonesian way (`5.636.089.563,00`), as the change log, the messages and
//! the test workbooks show them. The reverse, reading such text, is `normalise::number`.
//!
//! A leaf below `messages`, `normalise` and `write`, which all show figures: it knows only
//! `Decimal`, nothing of cells, languages or the catalogue.

use rust_decimal::{Decimal, RoundingStrategy};

/// Writes a number the Indonesian way, rounded half away from zero to `decimals` places
/// (at most 28): `5636089563.00`, 2 → `5.636.089.563,00`; `-1234.5`, 2 → `-1.234,50`.
pub fn format_indonesian(value: Decimal, decimals: u32) -> String {
    let decimals = decimals.min(28);
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let plain = format!("{:.*}", decimals as usize, rounded.abs());
    let (integer, fraction) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn formats_the_indonesian_way() {
        for (value, decimals, expected) in [
            (dec!(5636089563.00), 2, "5.636.089.563,00"),
            (dec!(-1234.5), 2, "-1.234,50"),
            (dec!(149.53), 2, "149,53"),
            (dec!(0), 2, "0,00"),
            (dec!(999), 0, "999"),
            (dec!(1000), 0, "1.000"),
            (dec!(2.665), 2, "2,67"),
            (dec!(-2.665), 2, "-2,67"),
            (dec!(-0.004), 2, "0,00"),
            (dec!(1234567.891), 0, "1.234.568"),
        ] {
            assert_eq!(
                format_indonesian(value, decimals),
                expected,
                "{value} {decimals}"
            );
        }
    }
}
