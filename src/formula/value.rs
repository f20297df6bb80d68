//! Excel's coercions between values: number, text and truth readings, comparison order,
//! and the 15-significant-digit view of an exact result. Knows nothing of cells.

use std::cmp::Ordering;
use std::str::FromStr;

use rust_decimal::prelude::*;

use crate::model::{ErrorValue, Value};

pub type Eval<T> = Result<T, ErrorValue>;

/// The number conventions of the Excel that computed a file. A file does not record them,
/// yet they decide how text becomes a number (`"1.745"` is 1745 in an Indonesian Excel and
/// 1.745 in an American one) and how a number becomes text (`10,87 %` or `10.87 %`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Locale {
    /// `.` groups thousands, `,` is the decimal mark (id-ID).
    #[default]
    Indonesian,
    /// `,` groups thousands, `.` is the decimal mark (en-US).
    English,
}

impl Locale {
    pub fn other(self) -> Locale {
        match self {
            Locale::Indonesian => Locale::English,
            Locale::English => Locale::Indonesian,
        }
    }

    /// (decimal mark, thousands separator).
    fn marks(self) -> (u8, u8) {
        match self {
            Locale::Indonesian => (b',', b'.'),
            Locale::English => (b'.', b','),
        }
    }
}

/// A number for arithmetic. Empty is 0, TRUE is 1, text that Excel in `locale` would read as
/// a number is coerced (`"5" + 1` is 6, `"5.000.000" + 1` is 5000001 in Indonesian), other
/// text is `#VALUE!`.
pub fn to_number(v: &Value, locale: Locale) -> Eval<Decimal> {
    match v {
        Value::Empty => Ok(Decimal::ZERO),
        Value::Number(n) => Ok(*n),
        Value::Bool(b) => Ok(if *b { Decimal::ONE } else { Decimal::ZERO }),
        Value::Text(t) => text_number(t, locale).ok_or(ErrorValue::Value),
        Value::Error(e) => Err(*e),
    }
}

/// Text as Excel coerces it to a number (`"12"` + 1, `VALUE("23.123%")`): spaces around, a
/// sign or parentheses for a negative, a currency sign, digits with the locale's thousands
/// separator between groups of three, its decimal mark, an exponent, a trailing `%` (a
/// fraction: `"50%"` is 0.5). `None` for anything else, dates included.
pub fn text_number(text: &str, locale: Locale) -> Option<Decimal> {
    let (decimal_mark, group) = locale.marks();
    let mut t = text.trim();
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let percent = t.ends_with('%');
    if percent {
        t = t[..t.len() - 1].trim_end();
    }
    if let Some(rest) = t.strip_prefix('-') {
        negative = !negative;
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.trim_start();
    }
    t = strip_currency(t, locale);
    let bytes = t.as_bytes();
    let (mut plain, mut i, mut digits, mut run) = (String::with_capacity(t.len()), 0, 0, 0);
    let mut grouped = false;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == group) {
        if bytes[i] == group {
            // A separator needs a digit before it and closes a group of three after the first.
            if digits == 0 || (grouped && run != 3) {
                return None;
            }
            grouped = true;
            run = 0;
        } else {
            plain.push(bytes[i] as char);
            digits += 1;
            run += 1;
        }
        i += 1;
    }
    if grouped && run != 3 {
        return None;
    }
    if i < bytes.len() && bytes[i] == decimal_mark {
        plain.push('.');
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            plain.push(bytes[i] as char);
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    let mut exponent = String::new();
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        exponent = t[i..].to_string();
        i = bytes.len();
        let e = &exponent[1..];
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    let mut n = if exponent.is_empty() {
        Decimal::from_str(&plain).ok()?
    } else {
        Decimal::from_scientific(&format!("{plain}{exponent}")).ok()?
    };
    if percent {
        n = n.checked_div(Decimal::ONE_HUNDRED)?;
    }
    Some(if negative { -n } else { n })
}

/// `23€`, `$ 5`, `Rp5.000` (Indonesian only) without the currency sign: Excel reads a
/// number written with one.
fn strip_currency(text: &str, locale: Locale) -> &str {
    let mut signs = vec!["$", "€", "£"];
    if locale == Locale::Indonesian {
        signs.push("Rp");
    }
    for sign in signs {
        if let Some(rest) = text.strip_prefix(sign) {
            return rest.trim_start();
        }
        if let Some(rest) = text.strip_suffix(sign) {
            return rest.trim_end();
        }
    }
    text
}

/// Whether Excel in one locale reads `text` as another number than in the other (or as a
/// number in one only): `"1.745"`, `"5.000.000"`, `"1,5"`; not `"12"` or `"abc"`.
pub fn locale_sensitive(text: &str) -> bool {
    text.contains(['.', ','])
        && text_number(text, Locale::Indonesian) != text_number(text, Locale::English)
}

/// Plain number text as other programs write it, whatever the locale: an optional sign,
/// digits, one `.`, an optional exponent (`"-1234.5"`, `"1e3"`). `None` for anything else.
pub fn parse_plain_number(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        Decimal::from_str(t).ok()
    }
}

/// Text as Excel's `&` and text functions see a value: numbers in general format (at most 15
/// significant digits, no trailing zeros, the locale's decimal mark), `TRUE`/`FALSE`, empty as "".
pub fn to_text(v: &Value, locale: Locale) -> Eval<String> {
    match v {
        Value::Empty => Ok(String::new()),
        Value::Number(n) => {
            let text = round_significant(*n, 15).normalize().to_string();
            Ok(match locale {
                Locale::English => text,
                Locale::Indonesian => text.replace('.', ","),
            })
        }
        Value::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Value::Text(t) => Ok(t.clone()),
        Value::Error(e) => Err(*e),
    }
}

/// Whether [`to_text`] writes `v` differently in the two locales (a number with a fraction).
pub fn text_depends_on_locale(v: &Value) -> bool {
    matches!(v, Value::Number(n) if !round_significant(*n, 15).fract().is_zero())
}

/// A truth value for IF, AND, OR, NOT. Text other than TRUE/FALSE is `#VALUE!`.
pub fn to_bool(v: &Value) -> Eval<bool> {
    match v {
        Value::Empty => Ok(false),
        Value::Number(n) => Ok(!n.is_zero()),
        Value::Bool(b) => Ok(*b),
        Value::Text(t) if t.eq_ignore_ascii_case("TRUE") => Ok(true),
        Value::Text(t) if t.eq_ignore_ascii_case("FALSE") => Ok(false),
        Value::Text(_) => Err(ErrorValue::Value),
        Value::Error(e) => Err(*e),
    }
}

fn type_rank(v: &Value) -> u8 {
    match v {
        Value::Empty | Value::Number(_) => 0,
        Value::Text(_) => 1,
        Value::Bool(_) => 2,
        Value::Error(_) => 3,
    }
}

/// Excel's comparison: numbers < text < booleans; text case-insensitively; an empty cell
/// compares as 0, "" or FALSE, whichever the other side is.
pub fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Empty, Value::Empty) => Ordering::Equal,
        (Value::Empty, Value::Text(t)) => "".cmp(t.as_str()),
        (Value::Text(t), Value::Empty) => t.as_str().cmp(""),
        (Value::Empty, Value::Bool(b)) => false.cmp(b),
        (Value::Bool(b), Value::Empty) => b.cmp(&false),
        (Value::Text(x), Value::Text(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ if type_rank(a) != type_rank(b) => type_rank(a).cmp(&type_rank(b)),
        _ => {
            let number = |v: &Value| match v {
                Value::Number(n) => *n,
                _ => Decimal::ZERO,
            };
            number(a).cmp(&number(b))
        }
    }
}

/// `n` rounded to `digits` significant digits (half away from zero). A double holds about
/// 15, so this is how an exact result is compared with the value Excel saved.
pub fn round_significant(n: Decimal, digits: u32) -> Decimal {
    if n.is_zero() {
        return n;
    }
    let mantissa = n.mantissa().unsigned_abs();
    let mantissa_digits = mantissa.checked_ilog10().map_or(1, |d| d + 1) as i64;
    let integer_digits = mantissa_digits - i64::from(n.scale());
    let keep = i64::from(digits) - integer_digits;
    if keep >= i64::from(n.scale()) {
        return n;
    }
    if keep >= 0 {
        return n.round_dp_with_strategy(keep as u32, RoundingStrategy::MidpointAwayFromZero);
    }
    round_to_tens(n, (-keep) as u32, RoundingStrategy::MidpointAwayFromZero).unwrap_or(n)
}

/// Rounds to a multiple of 10^`places` (ROUND with negative digits).
pub fn round_to_tens(n: Decimal, places: u32, strategy: RoundingStrategy) -> Option<Decimal> {
    if places > 28 {
        return Some(Decimal::ZERO);
    }
    let factor = Decimal::from_i128_with_scale(10i128.pow(places), 0);
    let scaled = n.checked_div(factor)?.round_dp_with_strategy(0, strategy);
    scaled.checked_mul(factor)
}

/// Whether two results agree as Excel could have stored them: numbers at 15 significant
/// digits, text exactly, an empty result as 0 or "".
pub fn same_result(cached: &Value, recomputed: &Value) -> bool {
    match (cached, recomputed) {
        (Value::Number(a), Value::Number(b)) => {
            round_significant(*a, 15) == round_significant(*b, 15)
        }
        (Value::Number(a), Value::Empty) | (Value::Empty, Value::Number(a)) => a.is_zero(),
        (Value::Text(t), Value::Empty) | (Value::Empty, Value::Text(t)) => t.is_empty(),
        _ => cached == recomputed,
    }
}

/// How far a double result may drift from the exact one, relative to the largest
/// magnitude added or subtracted on the way: a double's rounding is about 1.1·10⁻¹⁶ per
/// operation; 10⁻¹⁴ allows some ninety operations' worth and stays far below a rupiah for
/// any budget under 10¹³.
pub fn double_noise() -> Decimal {
    Decimal::new(1, 14)
}

/// Whether a cached value agrees with the exact result, given the largest magnitude the
/// computation added or subtracted: equal at 15 significant digits, or within the noise
/// double arithmetic leaves, 10⁻¹⁴ of the larger of that magnitude and the results. The
/// magnitude covers cancellation (`pagu − realisasi` of two large, nearly equal numbers);
/// the results cover an exact value whose 16th digit sits near 5, where the double's 15
/// digits and the exact 15 digits differ by one unit in the last place.
pub fn agrees(cached: &Value, recomputed: &Value, magnitude: Decimal) -> bool {
    if same_result(cached, recomputed) {
        return true;
    }
    let (Value::Number(c), Value::Number(r)) = (cached, recomputed) else {
        return false;
    };
    let base = magnitude.max(c.abs()).max(r.abs());
    match (base.checked_mul(double_noise()), c.checked_sub(*r)) {
        (Some(noise), Some(d)) => d.abs() <= noise,
        _ => false,
    }
}

/// Decimal as plain text for findings (`94375565.00`), errors and text as shown.
pub fn plain(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Error(e) => e.as_str().to_string(),
        other => to_text(other, Locale::English).unwrap_or_default(),
    }
}
