//! Tables of texts as they occur in Renja and realisation workbooks, and what each must become.

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::numfmt::format_indonesian;

/// An expected reading, built up like the text it comes from.
struct Read(ParsedNumber);

fn read(value: Decimal, decimals: u32) -> Read {
    Read(ParsedNumber {
        value,
        style: NumberStyle {
            decimals,
            ..NumberStyle::default()
        },
        issue: None,
    })
}

impl Read {
    fn grouped(mut self) -> Self {
        self.0.style.grouped = true;
        self
    }
    fn rp(mut self) -> Self {
        self.0.style.currency = true;
        self
    }
    fn percent(mut self) -> Self {
        self.0.style.percent = true;
        self
    }
    fn unit(mut self, unit: &str) -> Self {
        self.0.style.unit = Some(unit.to_string());
        self
    }
    fn foreign(mut self) -> Self {
        self.0.issue = Some(NumberIssue::ForeignFormat);
        self
    }
    fn ambiguous(mut self, rule: &'static str) -> Self {
        self.0.issue = Some(NumberIssue::Ambiguous { rule });
        self
    }
    fn done(self) -> NumberText {
        NumberText::Number(self.0)
    }
}

fn check(cases: &[(&str, NumberText)]) {
    for (text, expected) in cases {
        let got = parse_number(text);
        assert_eq!(&got, expected, "{text:?}");
        // Equal Decimals may differ in scale; the written decimals must survive too.
        if let (NumberText::Number(g), NumberText::Number(e)) = (&got, expected) {
            assert_eq!(g.value.to_string(), e.value.to_string(), "{text:?} scale");
        }
    }
}

#[test]
fn reads_indonesian_amounts() {
    check(&[
        (
            "Rp. 5.636.089.563,00",
            read(dec!(5636089563.00), 2).grouped().rp().done(),
        ),
        (
            "Rp5.636.089.563",
            read(dec!(5636089563), 0).grouped().rp().done(),
        ),
        (
            "Rp 5.636.089.563,-",
            read(dec!(5636089563), 0).grouped().rp().done(),
        ),
        ("RP.5.000", read(dec!(5000), 0).grouped().rp().done()),
        ("5.636.089.563", read(dec!(5636089563), 0).grouped().done()),
        ("1.234.567,89", read(dec!(1234567.89), 2).grouped().done()),
        ("5636089563,00", read(dec!(5636089563.00), 2).done()),
        ("149,53", read(dec!(149.53), 2).done()),
        ("0,00", read(dec!(0.00), 2).done()),
        ("0,125", read(dec!(0.125), 3).done()),
        ("2,1", read(dec!(2.1), 1).done()),
        ("2025", read(dec!(2025), 0).done()),
        ("0", read(dec!(0), 0).done()),
        ("12", read(dec!(12), 0).done()),
        ("+5", read(dec!(5), 0).done()),
        ("  12  ", read(dec!(12), 0).done()),
    ]);
}

#[test]
fn reads_negatives() {
    check(&[
        ("-1.234,5", read(dec!(-1234.5), 1).grouped().done()),
        ("\u{2212}1.234,5", read(dec!(-1234.5), 1).grouped().done()),
        ("(1.234,50)", read(dec!(-1234.50), 2).grouped().done()),
        ("( 1.234,50 )", read(dec!(-1234.50), 2).grouped().done()),
        ("(150,5)", read(dec!(-150.5), 1).done()),
        (
            "(Rp 1.234,50)",
            read(dec!(-1234.50), 2).grouped().rp().done(),
        ),
        ("Rp (1.234)", read(dec!(-1234), 0).grouped().rp().done()),
        ("-Rp 1.234", read(dec!(-1234), 0).grouped().rp().done()),
        ("Rp -1.234", read(dec!(-1234), 0).grouped().rp().done()),
        ("(5) ", NumberText::NotANumber),
        ("-0", read(dec!(0), 0).done()),
    ]);
    assert!(!matches!(parse_number("-0,00"), NumberText::Number(p) if p.value.is_sign_negative()));
}

#[test]
fn reads_space_grouping() {
    check(&[
        ("1 541 063 680", read(dec!(1541063680), 0).grouped().done()),
        (
            "1\u{a0}541\u{a0}063\u{a0}680",
            read(dec!(1541063680), 0).grouped().done(),
        ),
        (
            "1\u{202f}541\u{202f}063\u{202f}680",
            read(dec!(1541063680), 0).grouped().done(),
        ),
        (
            "1 541 063 680,50",
            read(dec!(1541063680.50), 2).grouped().done(),
        ),
        ("12 34", NumberText::Unreadable),
    ]);
}

#[test]
fn reads_percents_as_fractions() {
    check(&[
        ("87,11%", read(dec!(0.8711), 2).percent().done()),
        ("150%", read(dec!(1.50), 0).percent().done()),
        ("12,5 %", read(dec!(0.125), 1).percent().done()),
        ("-3,25%", read(dec!(-0.0325), 2).percent().done()),
        ("Rp 5%", NumberText::NotANumber),
        ("5% Set", NumberText::NotANumber),
    ]);
}

#[test]
fn reads_units_as_written() {
    check(&[
        ("150,77 Set", read(dec!(150.77), 2).unit("Set").done()),
        ("5650 SK", read(dec!(5650), 0).unit("SK").done()),
        ("0,26 PERSEN", read(dec!(0.26), 2).unit("PERSEN").done()),
        ("100 Persen", read(dec!(100), 0).unit("Persen").done()),
        ("42 orang", read(dec!(42), 0).unit("orang").done()),
        (
            "12 orang bulat",
            read(dec!(12), 0).unit("orang bulat").done(),
        ),
        (
            "1.250 Dokumen",
            read(dec!(1250), 0)
                .grouped()
                .unit("Dokumen")
                .ambiguous(rule::DOT_THOUSANDS)
                .done(),
        ),
        (
            "5 Orang / Bulan",
            read(dec!(5), 0).unit("Orang / Bulan").done(),
        ),
        ("250 m2", read(dec!(250), 0).unit("m2").done()),
        ("5650SK", NumberText::NotANumber),
        ("12 orang 3", NumberText::NotANumber),
        ("1 Januari", NumberText::NotANumber),
        ("17 agustus", NumberText::NotANumber),
    ]);
}

/// Issue 15: only a unit of measure makes a number of the digits before it; a code with its
/// name, an agency, an urusan keep their text.
#[test]
fn words_that_are_no_unit_leave_the_text_alone() {
    check(&[
        ("5.1 BELANJA OPERASI", NumberText::NotANumber),
        ("5.2 Belanja Modal", NumberText::NotANumber),
        (
            "1.01.2.22.0.00.02.0000 Dinas Pendidikan dan Kebudayaan",
            NumberText::NotANumber,
        ),
        ("1 URUSAN PEMERINTAHAN UMUM", NumberText::NotANumber),
        ("12 Dokumen tersusun", NumberText::NotANumber),
        ("2 Tahun Anggaran 2025", NumberText::NotANumber),
    ]);
}

#[test]
fn reads_nil_and_typed_errors() {
    check(&[
        ("-", NumberText::Nil),
        ("–", NumberText::Nil),
        ("—", NumberText::Nil),
        (" - ", NumberText::Nil),
        ("Rp -", NumberText::Nil),
        ("Rp. -", NumberText::Nil),
        ("#DIV/0!", NumberText::TypedError(ErrorValue::Div0)),
        ("#N/A", NumberText::TypedError(ErrorValue::NA)),
        (" #value! ", NumberText::TypedError(ErrorValue::Value)),
        ("#1", NumberText::NotANumber),
        ("--", NumberText::NotANumber),
    ]);
}

#[test]
fn flags_foreign_and_ambiguous_readings() {
    check(&[
        (
            "5,636,089,563.00",
            read(dec!(5636089563.00), 2).grouped().foreign().done(),
        ),
        (
            "5,636,089,563",
            read(dec!(5636089563), 0).grouped().foreign().done(),
        ),
        ("1,234.5", read(dec!(1234.5), 1).grouped().foreign().done()),
        (
            "28 684.032",
            read(dec!(28684032), 0)
                .grouped()
                .ambiguous(rule::MIXED_GROUPING)
                .done(),
        ),
        (
            "1 234.567,89",
            read(dec!(1234567.89), 2)
                .grouped()
                .ambiguous(rule::MIXED_GROUPING)
                .done(),
        ),
        (
            "28 684.5",
            read(dec!(28684.5), 1)
                .grouped()
                .ambiguous(rule::DOT_DECIMAL)
                .done(),
        ),
        (
            "1.5",
            read(dec!(1.5), 1).ambiguous(rule::DOT_DECIMAL).done(),
        ),
        (
            "1.1",
            read(dec!(1.1), 1).ambiguous(rule::DOT_DECIMAL).done(),
        ),
        (
            "0.125",
            read(dec!(0.125), 3).ambiguous(rule::DOT_DECIMAL).done(),
        ),
        (
            "1234.567",
            read(dec!(1234.567), 3).ambiguous(rule::DOT_DECIMAL).done(),
        ),
        (
            "1.234",
            read(dec!(1234), 0)
                .grouped()
                .ambiguous(rule::DOT_THOUSANDS)
                .done(),
        ),
        (
            "1,234",
            read(dec!(1.234), 3).ambiguous(rule::COMMA_DECIMAL).done(),
        ),
    ]);
}

#[test]
fn refuses_what_cannot_be_read_safely() {
    check(&[
        ("1.23.4", NumberText::Unreadable),
        ("12,34,5", NumberText::Unreadable),
        ("1.234,5.6", NumberText::Unreadable),
        ("1 ,5", NumberText::Unreadable),
        ("1..234", NumberText::Unreadable),
        ("12,", NumberText::Unreadable),
        ("0.123.456", NumberText::Unreadable),
        ("1,234 567", NumberText::Unreadable),
        ("00.5", NumberText::Unreadable),
        ("01,5", NumberText::Unreadable),
        // 29 significant digits: past Decimal.
        (
            "12.345.678.901.234.567.890.123.456.789",
            NumberText::Unreadable,
        ),
        // 27 decimals plus the percent's two places.
        ("0,123456789012345678901234567%", NumberText::Unreadable),
    ]);
}

#[test]
fn leaves_words_codes_dates_and_numbering_alone() {
    let long = "1".repeat(65);
    let cases: Vec<(&str, NumberText)> = [
        "",
        "   ",
        "Belanja Pegawai",
        "Rp",
        "5.03.01",
        "5 03 01 2.08 01",
        "5.03.01.2.08.0001",
        "12/05/2025",
        "2025-01-31",
        "10:30",
        "8=(7/6)",
        "10=(5+7+9)",
        "(1)",
        "(12)",
        "(-5)",
        "(1.234",
        "1.234)",
        "1.",
        "2.1.",
        "01",
        "007",
        "196512311990031001",
        "- 5",
        ",5",
        "I",
        "A",
        "x 12",
        long.as_str(),
    ]
    .into_iter()
    .map(|t| (t, NumberText::NotANumber))
    .collect();
    check(&cases);
}

#[test]
fn strips_invisible_characters() {
    check(&[
        ("\u{feff}1.234,50", read(dec!(1234.50), 2).grouped().done()),
        ("\u{200b}149,53\u{200e}", read(dec!(149.53), 2).done()),
        ("\u{200f}-1.234,5", read(dec!(-1234.5), 1).grouped().done()),
        ("1.2\u{200b}34.567", read(dec!(1234567), 0).grouped().done()),
        ("\u{200b}-\u{200b}", NumberText::Nil),
    ]);
}

/// Values as a budget holds them: up to a thousand trillion rupiah, 0–4 decimals.
fn amount() -> impl Strategy<Value = (Decimal, u32)> {
    (-1_000_000_000_000_000i64..1_000_000_000_000_000, 0u32..=4)
        .prop_map(|(n, scale)| (Decimal::new(n, scale), scale))
}

fn value_of(text: &str) -> Option<Decimal> {
    match parse_number(text) {
        NumberText::Number(p) => Some(p.value),
        _ => None,
    }
}

proptest! {
    #[test]
    fn formatted_numbers_read_back((value, decimals) in amount()) {
        let text = format_indonesian(value, decimals);
        prop_assert_eq!(value_of(&text), Some(value), "{}", text);
        prop_assert_eq!(value_of(&format!("Rp. {text}")), Some(value), "Rp. {}", text);
        prop_assert_eq!(value_of(&format!("{text} Set")), Some(value), "{} Set", text);
        if value.is_sign_negative() && !value.is_zero() {
            let positive = format_indonesian(value.abs(), decimals);
            // `(5)` is a column number; parentheses mean minus only on a written amount.
            if decimals > 0 || value.abs() >= Decimal::ONE_THOUSAND {
                prop_assert_eq!(value_of(&format!("({positive})")), Some(value), "({})", positive);
            }
            prop_assert_eq!(value_of(&format!("(Rp {positive})")), Some(value), "(Rp {})", positive);
        }
    }

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        let _ = parse_number(&text);
    }

    #[test]
    fn never_panics_on_numberish_text(text in "[-−+()Rp0-9.,% \u{a0}\u{200b}a-zA-Z#]{0,70}") {
        let _ = parse_number(&text);
    }
}
