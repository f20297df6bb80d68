//! The pass over a small Renja-like workbook built in memory: one cell per branch.

use rust_decimal_macros::dec;

use super::*;
use crate::codes::CodeKind;
use crate::finding::Severity;
use crate::messages::Lang;
use crate::model::{NumberStyle, RangeAt, SourceFormat};

fn at(a1: &str) -> CellAt {
    CellAt::parse_a1(a1).unwrap()
}

fn put(sheet: &mut Sheet, a1: &str, raw: Raw) {
    let cell = Cell {
        raw,
        ..Cell::default()
    };
    sheet.cells.insert(at(a1), cell);
}

fn text(sheet: &mut Sheet, a1: &str, t: &str) {
    put(sheet, a1, Raw::Text(t.to_string()));
}

fn formula(sheet: &mut Sheet, a1: &str, raw: Raw) {
    let cell = Cell {
        raw,
        formula: Some("SUM(D2:D3)".into()),
        ..Cell::default()
    };
    sheet.cells.insert(at(a1), cell);
}

fn workbook(sheet: Sheet) -> Workbook {
    Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![sheet],
        ..Workbook::default()
    }
}

fn normalised(sheet: Sheet) -> (Workbook, NormaliseOutcome) {
    let mut wb = workbook(sheet);
    let outcome = normalise_workbook(&mut wb);
    (wb, outcome)
}

fn cell<'a>(wb: &'a Workbook, a1: &str) -> &'a Cell {
    wb.sheets[0].get(at(a1)).unwrap()
}

fn finding<'a>(outcome: &'a NormaliseOutcome, a1: &str) -> Option<&'a Finding> {
    outcome.findings.iter().find(|f| f.cell == at(a1))
}

#[test]
fn stored_values_become_exact() {
    let mut sheet = Sheet::new("Realisasi");
    put(&mut sheet, "A1", Raw::Number(5636089563.0));
    put(&mut sheet, "A2", Raw::Number(0.1 + 0.2));
    put(&mut sheet, "A3", Raw::DateTime(45000.5));
    put(&mut sheet, "A4", Raw::Bool(true));
    put(&mut sheet, "A5", Raw::Error(ErrorValue::Ref));
    put(&mut sheet, "A6", Raw::DateTimeIso("2025-01-31".into()));
    put(&mut sheet, "A7", Raw::Empty);
    put(&mut sheet, "A8", Raw::Number(f64::NAN));
    put(&mut sheet, "A9", Raw::Number(-1e15));
    let (wb, outcome) = normalised(sheet);
    for (a1, value) in [
        ("A1", Value::Number(dec!(5636089563))),
        ("A2", Value::Number(dec!(0.3))),
        ("A3", Value::Number(dec!(45000.5))),
        ("A4", Value::Bool(true)),
        ("A5", Value::Error(ErrorValue::Ref)),
        ("A6", Value::Text("2025-01-31".into())),
        ("A7", Value::Empty),
        ("A8", Value::Error(ErrorValue::Num)),
        ("A9", Value::Number(dec!(-1000000000000000))),
    ] {
        assert_eq!(cell(&wb, a1).value, value, "{a1}");
        assert_eq!(cell(&wb, a1).reading(), None, "{a1}");
        assert_eq!(cell(&wb, a1).cached, None, "{a1}");
    }
    let nan = finding(&outcome, "A8").unwrap();
    assert_eq!(
        (nan.rule, nan.severity),
        (RuleId::NumberNotFinite, Severity::Warning)
    );
    assert_eq!(outcome.findings.len(), 1);
    assert_eq!(
        outcome.numbers, 0,
        "stored numbers are not text read as numbers"
    );
}

#[test]
fn formula_results_are_cached_but_never_text_parsed() {
    let mut sheet = Sheet::new("Realisasi");
    formula(&mut sheet, "E1", Raw::Number(94375565.004999));
    formula(&mut sheet, "E2", Raw::Text("5.000".into()));
    formula(&mut sheet, "E3", Raw::Empty);
    formula(&mut sheet, "E4", Raw::Error(ErrorValue::Div0));
    formula(&mut sheet, "E5", Raw::Number(f64::INFINITY));
    formula(&mut sheet, "E6", Raw::Text("-".into()));
    let (wb, outcome) = normalised(sheet);
    for (a1, value) in [
        ("E1", Some(Value::Number(dec!(94375565.004999)))),
        ("E2", Some(Value::Text("5.000".into()))),
        ("E3", None),
        ("E4", Some(Value::Error(ErrorValue::Div0))),
        ("E5", Some(Value::Error(ErrorValue::Num))),
        ("E6", Some(Value::Text("-".into()))),
    ] {
        let c = cell(&wb, a1);
        assert_eq!(c.cached, value, "{a1}");
        assert_eq!(c.value, value.clone().unwrap_or_default(), "{a1}");
        assert_eq!(c.reading(), None, "{a1}");
    }
    assert_eq!(
        finding(&outcome, "E5").unwrap().rule,
        RuleId::NumberNotFinite
    );
    assert_eq!(outcome.findings.len(), 1);
    assert_eq!((outcome.numbers, outcome.nils), (0, 0));
}

/// A Renja table: `No` | `KODE` merged over B:C | `Uraian` | `Pagu`.
fn renja_sheet() -> Sheet {
    let mut sheet = Sheet::new("Renja 2025");
    text(&mut sheet, "A1", "No");
    text(&mut sheet, "B1", "KODE REKENING");
    sheet.merged.push(RangeAt::new(at("B1"), at("C1")));
    text(&mut sheet, "D1", "Uraian");
    text(&mut sheet, "E1", "Pagu (Rp)");
    // numbering
    text(&mut sheet, "A2", "1,1");
    text(&mut sheet, "A3", "1.1");
    text(&mut sheet, "A4", "I");
    text(&mut sheet, "A5", "2");
    // codes
    text(&mut sheet, "B2", "5 03 01 2.08 01");
    text(&mut sheet, "C2", "5.3.1");
    text(&mut sheet, "B3", "5.03.01.12.02");
    put(&mut sheet, "B4", Raw::Number(5.0));
    text(&mut sheet, "B5", "Urusan");
    text(&mut sheet, "B6", "-");
    text(&mut sheet, "B7", "5\u{200b}.03");
    // amounts and words
    text(&mut sheet, "E2", "Rp. 5.636.089.563,00");
    text(&mut sheet, "E3", "5,636,089,563.00");
    text(&mut sheet, "E4", "1.234");
    text(&mut sheet, "E5", "-");
    text(&mut sheet, "E6", "#DIV/0!");
    text(&mut sheet, "E7", "12,34,5");
    text(&mut sheet, "E8", "87,11%");
    text(&mut sheet, "E9", "150,77 Set");
    text(&mut sheet, "D2", "Belanja Pegawai");
    text(&mut sheet, "D3", "5.03.01");
    text(&mut sheet, "D4", "5 01 03 01 2.08 01");
    sheet
}

#[test]
fn numbering_columns_stay_text() {
    let (wb, _) = normalised(renja_sheet());
    for (a1, t) in [
        ("A2", "1,1"),
        ("A3", "1.1"),
        ("A4", "I"),
        ("A5", "2"),
        ("A1", "No"),
    ] {
        let c = cell(&wb, a1);
        assert_eq!(
            (&c.value, c.reading()),
            (&Value::Text(t.into()), None),
            "{a1}"
        );
    }
}

#[test]
fn kode_columns_hold_codes() {
    let (wb, outcome) = normalised(renja_sheet());
    let code = |canonical: &str| Some(Reading::Code(BudgetCode::parse(canonical).unwrap()));
    for (a1, value, reading) in [
        (
            "B2",
            Value::Text("5.03.01.2.08.01".into()),
            code("5.03.01.2.08.01"),
        ),
        ("C2", Value::Text("5.03.01".into()), code("5.03.01")),
        ("B7", Value::Text("5.03".into()), code("5.03")),
        ("B3", Value::Text("5.03.01.12.02".into()), None),
        ("B4", Value::Number(dec!(5)), None),
        ("B5", Value::Text("Urusan".into()), None),
        ("B6", Value::Text("-".into()), None),
        ("B1", Value::Text("KODE REKENING".into()), None),
    ] {
        let c = cell(&wb, a1);
        assert_eq!((&c.value, c.reading()), (&value, reading.as_ref()), "{a1}");
    }
    let malformed = finding(&outcome, "B3").unwrap();
    assert_eq!(
        (malformed.rule, malformed.severity),
        (RuleId::CodeMalformed, Severity::Warning)
    );
    assert_eq!(malformed.actual, Some(Figure::Text("5.03.01.12.02".into())));
    let shown = malformed.message.render(Lang::En);
    assert!(
        shown.contains("5.03.01.12.02") && shown.contains("\"12\""),
        "{shown}"
    );
    assert_eq!(finding(&outcome, "B5"), None);
}

#[test]
fn unmistakable_codes_outside_kode_columns() {
    let (wb, outcome) = normalised(renja_sheet());
    assert_eq!(
        cell(&wb, "D3").reading(),
        Some(&Reading::Code(BudgetCode::parse("5.03.01").unwrap()))
    );
    assert_eq!(finding(&outcome, "D4").unwrap().rule, RuleId::CodeMalformed);
    assert_eq!(
        cell(&wb, "D4").value,
        Value::Text("5 01 03 01 2.08 01".into())
    );
    assert_eq!(cell(&wb, "D2").value, Value::Text("Belanja Pegawai".into()));
    assert_eq!(outcome.codes, 4, "B2, C2, B7, D3");
}

#[test]
fn amounts_are_read_and_doubtful_ones_reported() {
    let (wb, outcome) = normalised(renja_sheet());
    let style = |decimals, f: fn(&mut NumberStyle)| {
        let mut s = NumberStyle {
            decimals,
            ..NumberStyle::default()
        };
        f(&mut s);
        Some(Reading::Number(s))
    };
    for (a1, value, reading) in [
        (
            "E2",
            Value::Number(dec!(5636089563.00)),
            style(2, |s| (s.grouped, s.currency) = (true, true)),
        ),
        (
            "E3",
            Value::Number(dec!(5636089563.00)),
            style(2, |s| s.grouped = true),
        ),
        (
            "E4",
            Value::Number(dec!(1234)),
            style(0, |s| s.grouped = true),
        ),
        ("E5", Value::Number(Decimal::ZERO), Some(Reading::Nil)),
        (
            "E6",
            Value::Error(ErrorValue::Div0),
            Some(Reading::TypedError),
        ),
        ("E7", Value::Text("12,34,5".into()), None),
        (
            "E8",
            Value::Number(dec!(0.8711)),
            style(2, |s| s.percent = true),
        ),
        (
            "E9",
            Value::Number(dec!(150.77)),
            style(2, |s| s.unit = Some("Set".into())),
        ),
    ] {
        let c = cell(&wb, a1);
        assert_eq!((&c.value, c.reading()), (&value, reading.as_ref()), "{a1}");
    }
    for (a1, rule, severity, expected, actual) in [
        (
            "E3",
            RuleId::NumberForeignFormat,
            Severity::Warning,
            Some("5636089563.00"),
            "5,636,089,563.00",
        ),
        (
            "E4",
            RuleId::NumberAmbiguous,
            Severity::Warning,
            Some("1234"),
            "1.234",
        ),
        (
            "E6",
            RuleId::NumberTypedError,
            Severity::Info,
            Some("#DIV/0!"),
            "#DIV/0!",
        ),
        (
            "E7",
            RuleId::NumberUnreadable,
            Severity::Warning,
            None,
            "12,34,5",
        ),
    ] {
        let f = finding(&outcome, a1).unwrap_or_else(|| panic!("no finding at {a1}"));
        assert_eq!((f.rule, f.severity), (rule, severity), "{a1}");
        assert_eq!((f.sheet, f.sheet_name.as_str()), (0, "Renja 2025"));
        let shown = |figure: &Option<Figure>| figure.as_ref().map(ToString::to_string);
        assert_eq!(
            (shown(&f.expected), shown(&f.actual)),
            (expected.map(String::from), Some(actual.to_string())),
            "{a1}"
        );
        for lang in [Lang::Id, Lang::En] {
            let shown = f.message.render(lang);
            assert!(
                !shown.contains('{') && shown.contains(actual),
                "{a1}: {shown}"
            );
        }
    }
    let ambiguous = finding(&outcome, "E4").unwrap().message.render(Lang::Id);
    assert!(
        ambiguous.contains("pemisah ribuan"),
        "the rule is named: {ambiguous}"
    );
    let typed_errors = wb.sheets[0]
        .cells
        .values()
        .filter(|c| c.reading() == Some(&Reading::TypedError))
        .count();
    assert_eq!((outcome.numbers, outcome.nils, typed_errors), (5, 1, 1));
    assert_eq!(finding(&outcome, "E2"), None);
    assert_eq!(outcome.findings.len(), 6, "B3, D4, E3, E4, E6, E7");
}

#[test]
fn kegiatan_parts_right_of_a_code_stay_text() {
    // Tabel 2.1 writes `5 03 01 | 2.06 | 01`: the 2.06 is kegiatan 2.06, not the number 2,06.
    let mut sheet = Sheet::new("Tabel 2.1");
    for (a1, text) in [
        ("B1", "Kode"),
        ("B2", "5 03 01"),
        ("C2", "2.06"),
        ("D2", "01"),
        ("B3", "5 03 02"),
        ("C3", "02"),
        ("D3", "2.04"),
        ("F3", "2.05"),
    ] {
        sheet.cells.insert(
            CellAt::parse_a1(a1).unwrap(),
            Cell {
                raw: Raw::Text(text.into()),
                ..Cell::default()
            },
        );
    }
    let mut workbook = Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![sheet],
        ..Workbook::default()
    };
    let outcome = normalise_workbook(&mut workbook);
    let sheet = &workbook.sheets[0];
    let value = |a1: &str| sheet.value(CellAt::parse_a1(a1).unwrap()).clone();
    assert_eq!(value("C2"), Value::Text("2.06".into()));
    assert_eq!(value("D2"), Value::Text("01".into()));
    assert_eq!(value("D3"), Value::Text("2.04".into()));
    // Not next to a code: a dot as decimal point, reported and left as typed.
    assert_eq!(value("F3"), Value::Text("2.05".into()));
    let ambiguous: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::NumberAmbiguous)
        .map(|f| f.cell.a1())
        .collect();
    assert_eq!(ambiguous, ["F3"]);
}

#[test]
fn codes_without_dots_are_kept_not_called_malformed() {
    let mut sheet = Sheet::new("Pendapatan");
    text(&mut sheet, "A1", "Kode Rekening");
    for (a1, code) in [
        ("A2", "4"),
        ("A3", "41"),
        ("A4", "411"),
        ("A5", "41101"),
        ("A6", "4110103"),
    ] {
        text(&mut sheet, a1, code);
    }
    let (wb, outcome) = normalised(sheet);
    for (a1, code) in [("A3", "41"), ("A5", "41101"), ("A6", "4110103")] {
        assert_eq!(cell(&wb, a1).value, Value::Text(code.into()), "{a1}");
        assert_eq!(finding(&outcome, a1), None, "{a1}");
    }
    // A lone `4` is an urusan code in either scheme.
    assert_eq!(cell(&wb, "A2").value, Value::Text("4".into()));
}

#[test]
fn a_column_headed_program_still_holds_numbers() {
    // Rencana tables print `Target Capaian Kinerja › Program` over targets such as `42 orang`:
    // a header named after a code level makes only code pieces text.
    let mut sheet = Sheet::new("Rencana 2025");
    for (a1, text) in [
        ("A1", "Program"),
        ("B1", "KEGIATAN"),
        ("A2", "42 orang"),
        ("B2", "2.01"),
        ("A3", "4.568.025.338"),
    ] {
        sheet.cells.insert(
            CellAt::parse_a1(a1).unwrap(),
            Cell {
                raw: Raw::Text(text.into()),
                ..Cell::default()
            },
        );
    }
    let mut workbook = Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![sheet],
        ..Workbook::default()
    };
    normalise_workbook(&mut workbook);
    let sheet = &workbook.sheets[0];
    let value = |a1: &str| sheet.value(CellAt::parse_a1(a1).unwrap()).clone();
    assert_eq!(value("A2"), Value::Number(Decimal::from(42)));
    assert_eq!(value("A3"), Value::Number(Decimal::from(4_568_025_338u64)));
    assert_eq!(value("B2"), Value::Text("2.01".into()));
}

/// The official nomenclature writes each level's code and name in one cell; read as numbers
/// they gave 15 000 false "ambiguous/unreadable number" warnings on the 2027 list.
#[test]
fn codes_with_their_names_are_codes_not_numbers() {
    let mut sheet = Sheet::new("Nomenklatur");
    text(&mut sheet, "A1", "BIDANG");
    text(&mut sheet, "B1", "PROGRAM");
    text(&mut sheet, "C1", "SUBKEGIATAN");
    text(&mut sheet, "D1", "Uraian");
    text(
        &mut sheet,
        "A2",
        "1.01 URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
    );
    text(&mut sheet, "B2", "1.01.02  PROGRAM PENGELOLAAN PENDIDIKAN");
    text(
        &mut sheet,
        "C2",
        "1.01.02.1.01.0001 Pembangunan USB (Unit Sekolah Baru)",
    );
    text(
        &mut sheet,
        "D2",
        "X.XX.01.2.01.01 Penyusunan Dokumen Perencanaan",
    );
    // Not codes: a quantity with its unit, a bidang-like number with one word, numbering.
    text(&mut sheet, "D3", "2.25 Ha");
    text(&mut sheet, "D4", "1.50 Meter Persegi");
    text(&mut sheet, "D5", "1.5 Orang Petugas Lapangan");
    let (wb, outcome) = normalised(sheet);
    let code = |a1: &str| match cell(&wb, a1).reading() {
        Some(Reading::Code(c)) => Some(c.canonical()),
        _ => None,
    };
    assert_eq!(code("A2").as_deref(), Some("1.01"));
    assert_eq!(code("B2").as_deref(), Some("1.01.02"));
    assert_eq!(code("C2").as_deref(), Some("1.01.02.1.01.0001"));
    assert_eq!(code("D2").as_deref(), Some("X.XX.01.2.01.01"));
    assert_eq!(
        cell(&wb, "B2").value,
        Value::Text("1.01.02  PROGRAM PENGELOLAAN PENDIDIKAN".into()),
        "the name and its spacing are kept"
    );
    for a1 in ["A2", "B2", "C2", "D2"] {
        assert_eq!(finding(&outcome, a1), None, "{a1}");
    }
    // A dot as decimal point is no Indonesian number either: kept as typed, reported.
    for a1 in ["D3", "D4", "D5"] {
        assert_eq!(code(a1), None, "{a1}");
    }
    assert_eq!(cell(&wb, "D3").value, Value::Text("2.25 Ha".into()));
    assert_eq!(
        cell(&wb, "D4").value,
        Value::Text("1.50 Meter Persegi".into())
    );
}

/// `KEGIATAN` holding `3.01`: the 2027 nomenclature has kegiatan classes 1 to 8.
#[test]
fn kegiatan_parts_of_any_class_are_code_parts() {
    let mut sheet = Sheet::new("subkeg");
    text(&mut sheet, "A1", "PROGRAM");
    text(&mut sheet, "B1", "KEGIATAN");
    put(&mut sheet, "A2", Raw::Number(2.0));
    text(&mut sheet, "B2", "3.01");
    text(&mut sheet, "B3", "7.12");
    let (wb, outcome) = normalised(sheet);
    assert_eq!(cell(&wb, "B2").value, Value::Text("3.01".into()));
    assert_eq!(cell(&wb, "B3").value, Value::Text("7.12".into()));
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
}

/// Rencana-2025's target columns headed `Program` hold `1 Paket`: a count with its unit.
#[test]
fn counts_with_units_under_a_level_header_stay_numbers() {
    let mut sheet = Sheet::new("Renja");
    text(&mut sheet, "A1", "PROGRAM");
    text(&mut sheet, "A2", "1 Paket");
    text(&mut sheet, "A3", "5 Laporan");
    let (wb, _) = normalised(sheet);
    assert_eq!(cell(&wb, "A2").value, Value::Number(dec!(1)));
    assert_eq!(cell(&wb, "A3").value, Value::Number(dec!(5)));
}

/// `190.000` beside `2.261.000` in the same column: the column writes the dot as thousands
/// separator, so nothing is ambiguous. Alone (column C) it stays a warning.
#[test]
fn a_columns_certain_numbers_settle_its_dot_thousands() {
    let mut sheet = Sheet::new("Pendapatan");
    text(&mut sheet, "A1", "2.261.000");
    text(&mut sheet, "A2", "190.000");
    text(&mut sheet, "B1", "87,11");
    text(&mut sheet, "B2", "1.500");
    text(&mut sheet, "C1", "525.000");
    text(&mut sheet, "C2", "1.5");
    let (wb, outcome) = normalised(sheet);
    assert_eq!(cell(&wb, "A2").value, Value::Number(dec!(190000)));
    assert_eq!(cell(&wb, "B2").value, Value::Number(dec!(1500)));
    assert_eq!(finding(&outcome, "A2"), None);
    assert_eq!(finding(&outcome, "B2"), None);
    assert_eq!(
        finding(&outcome, "C1").unwrap().rule,
        RuleId::NumberAmbiguous
    );
    assert_eq!(
        finding(&outcome, "C2").unwrap().rule,
        RuleId::NumberAmbiguous
    );
    assert_eq!(outcome.findings.len(), 2);
}

/// SIPD exports name the agency by its organisation code, in the LRA's Kode columns and, with
/// the name, in the flat export's OPD column; an LRA's account codes have SIPD's widths. Read
/// as program codes or numbers they gave 19 075 false warnings on one Dinas Kesehatan LRA.
#[test]
fn organisation_and_sipd_account_codes_are_codes() {
    let mut sheet = Sheet::new("LRA");
    text(&mut sheet, "A1", "Kode");
    text(&mut sheet, "B1", "OPD");
    text(&mut sheet, "A2", "1.02.2.14.0.00.01.0000");
    text(&mut sheet, "A3", "5.1.02.01.001.00024");
    text(&mut sheet, "A4", "5.1.02.04.001");
    text(
        &mut sheet,
        "B2",
        "1.01.2.22.0.00.02.0000 Dinas Pendidikan dan Kebudayaan",
    );
    text(&mut sheet, "B3", "1.02.2.14.0.00.01.0000");
    let (wb, outcome) = normalised(sheet);
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
    for (a1, code) in [
        ("A2", "1.02.2.14.0.00.01.0000"),
        ("B2", "1.01.2.22.0.00.02.0000"),
        ("B3", "1.02.2.14.0.00.01.0000"),
    ] {
        let read = cell(&wb, a1).organisation().map(|c| c.as_str());
        assert_eq!(read, Some(code), "{a1}");
    }
    assert_eq!(
        cell(&wb, "B2").value,
        Value::Text("1.01.2.22.0.00.02.0000 Dinas Pendidikan dan Kebudayaan".into()),
        "the name is kept"
    );
    for (a1, level) in [
        ("A3", crate::codes::CodeLevel::SubRincianObjek),
        ("A4", crate::codes::CodeLevel::RincianObjek),
    ] {
        assert_eq!(cell(&wb, a1).code().map(|c| c.level()), Some(level), "{a1}");
    }
}

/// Issue 15: a header `10.10` became the number 10,1. A dot is no decimal mark in Indonesian
/// notation, so such a text stays as typed; the reading it could have is reported.
#[test]
fn a_dot_as_decimal_point_leaves_the_text_and_says_what_it_could_mean() {
    let mut sheet = Sheet::new("Renja");
    text(&mut sheet, "A1", "10.10");
    text(&mut sheet, "A2", "1.5");
    text(&mut sheet, "A3", "28 684.5");
    text(&mut sheet, "A4", "2.25 Ha");
    text(&mut sheet, "B1", "1.234");
    let (wb, outcome) = normalised(sheet);
    for (a1, typed, could_be) in [
        ("A1", "10.10", "10.10"),
        ("A2", "1.5", "1.5"),
        ("A3", "28 684.5", "28684.5"),
        ("A4", "2.25 Ha", "2.25"),
    ] {
        let c = cell(&wb, a1);
        assert_eq!(
            (&c.value, c.reading()),
            (&Value::Text(typed.into()), None),
            "{a1}"
        );
        let f = finding(&outcome, a1).unwrap_or_else(|| panic!("no finding at {a1}"));
        assert_eq!(
            (f.rule, f.severity),
            (RuleId::NumberAmbiguous, Severity::Warning)
        );
        assert_eq!(
            f.expected.as_ref().map(ToString::to_string).as_deref(),
            Some(could_be)
        );
        let shown = f.message.render(Lang::En);
        assert!(
            shown.contains("Left as text") && shown.contains(typed),
            "{shown}"
        );
    }
    assert_eq!(cell(&wb, "B1").value, Value::Number(dec!(1234)));
    assert_eq!(outcome.numbers, 1);
}

/// Issue 15: SIPD's flat export writes every account level as "code name" in its own column;
/// `5.1 BELANJA OPERASI` became the number 5,1 with the unit BELANJA OPERASI.
#[test]
fn an_account_kelompok_with_its_name_is_a_code_with_a_label() {
    let mut sheet = Sheet::new("Sheet1");
    for (a1, t) in [
        ("H2", "Akun"),
        ("I2", "Kelompok"),
        ("J2", "Jenis"),
        ("H3", "5. BELANJA"),
        ("I3", "5.1 BELANJA OPERASI"),
        ("J3", "5.1.02 Belanja Barang dan Jasa"),
        ("I4", "5.2 BELANJA MODAL"),
    ] {
        text(&mut sheet, a1, t);
    }
    let (wb, outcome) = normalised(sheet);
    for (a1, code, typed) in [
        ("I3", "5.1", "5.1 BELANJA OPERASI"),
        ("J3", "5.1.02", "5.1.02 Belanja Barang dan Jasa"),
        ("I4", "5.2", "5.2 BELANJA MODAL"),
    ] {
        let c = cell(&wb, a1);
        assert_eq!(c.value, Value::Text(typed.into()), "{a1}");
        let read = c.code().unwrap_or_else(|| panic!("{a1} is no code"));
        assert_eq!(
            (read.as_str(), read.kind()),
            (code, CodeKind::Account),
            "{a1}"
        );
    }
    assert_eq!(cell(&wb, "H3").value, Value::Text("5. BELANJA".into()));
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
}

fn column(sheet: &mut Sheet, col: &str, first_row: u32, texts: &[&str]) {
    for (i, t) in texts.iter().enumerate() {
        text(sheet, &format!("{col}{}", first_row + i as u32), t);
    }
}

const WORDS: [&str; 10] = [
    "Alat", "Ampul", "Anakan", "Arsip", "Baduta", "Balita", "Batang", "Berkas", "Biji", "Boks",
];

/// Issue 15: SIPD's list of units names one `1 Kg`, and the nomenclature's PELAKSANA column
/// writes `-` for "none": in a column of words they are words, not the numbers 1 and 0.
#[test]
fn in_a_column_of_words_a_count_with_its_unit_and_a_dash_are_words() {
    let mut sheet = Sheet::new("Satuan");
    column(&mut sheet, "A", 1, &["Value", "%", "1 Kg", "1 Liter"]);
    column(&mut sheet, "A", 5, &WORDS);
    column(&mut sheet, "K", 1, &["PELAKSANA"]);
    column(&mut sheet, "K", 2, &WORDS);
    column(&mut sheet, "K", 12, &["-", "Bidang P2P"]);
    let (wb, outcome) = normalised(sheet);
    for (a1, typed) in [("A3", "1 Kg"), ("A4", "1 Liter"), ("K12", "-")] {
        let c = cell(&wb, a1);
        assert_eq!(
            (&c.value, c.reading()),
            (&Value::Text(typed.into()), None),
            "{a1}"
        );
    }
    assert_eq!((outcome.numbers, outcome.nils), (0, 0));
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
}

/// A Renja target column has a header and a signature block below the table: a few words do
/// not make its targets words.
#[test]
fn targets_stay_numbers_under_a_few_words() {
    let mut sheet = Sheet::new("Renja");
    column(
        &mut sheet,
        "E",
        1,
        &["Target", "Kinerja", "12 Dokumen", "1 Laporan", "-"],
    );
    column(
        &mut sheet,
        "E",
        8,
        &["Binjai, 2025", "KEPALA BADAN", "Drs. NAMA", "Pembina"],
    );
    let (wb, outcome) = normalised(sheet);
    assert_eq!(cell(&wb, "E3").value, Value::Number(dec!(12)));
    assert_eq!(cell(&wb, "E4").value, Value::Number(dec!(1)));
    assert_eq!(cell(&wb, "E5").reading(), Some(&Reading::Nil));
    assert_eq!((outcome.numbers, outcome.nils), (2, 1));
}

/// Issue 15: `5.2` (Belanja Modal) became `5.02` (bidang Keuangan). Among account codes it is
/// the kelompok 5.2, written as accounts are; among program codes `5.3` stays bidang 5.03.
#[test]
fn a_kelompok_among_account_codes_keeps_its_width() {
    let mut sheet = Sheet::new("LRA");
    text(&mut sheet, "B1", "Kode Rekening");
    column(
        &mut sheet,
        "B",
        2,
        &[
            "5",
            "5.1",
            "5.1.02",
            "5.1.02.01.01.0024",
            "5.2",
            "5.2.02",
            "5.2.02.05.01",
        ],
    );
    // Without a header, the account codes of the column tell it too.
    column(&mut sheet, "C", 2, &["5.1.02", "5.2", "5.2.02.05.01"]);
    text(&mut sheet, "D1", "Kode");
    column(&mut sheet, "D", 2, &["5.3", "5.3.1", "5.03.01.2.08"]);
    let (wb, outcome) = normalised(sheet);
    for (a1, kind, canonical) in [
        ("B3", CodeKind::Account, "5.1"),
        ("B6", CodeKind::Account, "5.2"),
        ("C3", CodeKind::Account, "5.2"),
        ("D2", CodeKind::Program, "5.03"),
    ] {
        let c = cell(&wb, a1);
        let code = c.code().unwrap_or_else(|| panic!("{a1} is no code"));
        assert_eq!((code.kind(), code.as_str()), (kind, canonical), "{a1}");
        assert_eq!(c.value, Value::Text(canonical.into()), "{a1}");
    }
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
    assert_eq!(outcome.codes, 13);
}

/// Issue 15: a region code `01.01` became `1.01`. No program code starts with a zero: the
/// text stays as typed, and in a Kode column that is worth a warning.
#[test]
fn a_zero_padded_first_segment_is_no_program_code() {
    let mut sheet = Sheet::new("Wilayah");
    column(&mut sheet, "A", 1, &["Kode", "01.01"]);
    column(&mut sheet, "B", 1, &["Wilayah", "01.01"]);
    let (wb, outcome) = normalised(sheet);
    for a1 in ["A2", "B2"] {
        let c = cell(&wb, a1);
        assert_eq!(
            (&c.value, c.reading()),
            (&Value::Text("01.01".into()), None),
            "{a1}"
        );
    }
    assert_eq!(
        finding(&outcome, "A2").map(|f| f.rule),
        Some(RuleId::CodeMalformed)
    );
    assert_eq!(
        finding(&outcome, "B2").map(|f| f.rule),
        Some(RuleId::NumberUnreadable)
    );
}
