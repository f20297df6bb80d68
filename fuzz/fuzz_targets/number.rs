//! `parse_number` on arbitrary text. Properties:
//! - it never panics, and a number it reads fits Decimal's 28 places;
//! - writing the number back the way renja writes it (`format_indonesian` with the decimals,
//!   `%`, `Rp` and unit as written) and reading that again gives the same value and style;
//! - the change log's form (`format_indonesian(v, v.scale())`) reads back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renja::normalise::number::{parse_number, NumberText, MAX_CHARS};
use renja::numfmt::format_indonesian;
use rust_decimal::Decimal;

fuzz_target!(|text: &str| {
    let NumberText::Number(parsed) = parse_number(text) else {
        return;
    };
    let value = parsed.value;
    let style = &parsed.style;
    assert!(value.scale() <= 28, "{text:?} → {value}");

    let shown = if style.percent {
        value
            .checked_mul(Decimal::ONE_HUNDRED)
            .expect("a percent read from text times 100 fits")
    } else {
        value
    };
    let mut written = format_indonesian(shown, style.decimals);
    if style.currency {
        written = format!("Rp {written}");
    }
    if style.percent {
        written.push('%');
    }
    let mut with_unit = written.clone();
    if let Some(unit) = &style.unit {
        with_unit = format!("{written} {unit}");
    }
    // Grouping dots can push a long unit past the length bound; the number alone must hold.
    let again_text = if with_unit.chars().count() <= MAX_CHARS {
        &with_unit
    } else {
        &written
    };
    match parse_number(again_text) {
        NumberText::Number(again) => {
            assert_eq!(again.value, value, "{text:?} → {again_text:?}");
            assert_eq!(
                again.style.decimals, style.decimals,
                "{text:?} → {again_text:?}"
            );
            assert_eq!(
                again.style.percent, style.percent,
                "{text:?} → {again_text:?}"
            );
            assert_eq!(
                again.style.currency, style.currency,
                "{text:?} → {again_text:?}"
            );
            if again_text == &with_unit {
                assert_eq!(again.style.unit, style.unit, "{text:?} → {again_text:?}");
            }
        }
        other => {
            panic!("{text:?} read as {value}, written as {again_text:?}, read back as {other:?}")
        }
    }

    let display = format_indonesian(value, value.scale());
    match parse_number(&display) {
        NumberText::Number(again) => assert_eq!(again.value, value, "{text:?} → {display:?}"),
        other => panic!("{text:?} read as {value}, shown as {display:?}, read back as {other:?}"),
    }
});
