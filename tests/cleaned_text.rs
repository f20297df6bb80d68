//! The cleaned workbook never turns text into something it was not (issue 15, item 4): for
//! every text cell of every sample and of every field file in `../shared/real/` (when that
//! folder is there; CI's machine has it), the cleaned cell is one of
//! - the text exactly as typed;
//! - a number whose Indonesian rendering, with its `Rp`, `%` and kept unit, is the text up to
//!   spacing and the notations the reader documents as the same number (`Rp.`/`Rp`, `(5)`/`-5`,
//!   `,-`, a space or a dot between thousands); a number in American notation only where the
//!   report names it so (`number-foreign-format`);
//! - nil (0) where the text is a dash, or an error value where the text is that error;
//! - a code whose canonical form maps back to the text's code, followed by the name as typed;
//! - the text exactly as typed, read as the organisation (SKPD) code it starts with.
//!
//! This runs the library's pipeline, so it sees exactly what `clean` writes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use renja::codes::BudgetCode;
use renja::finding::RuleId;
use renja::model::{CellAt, NumberStyle, Raw, Reading, Value};
use renja::numfmt::format_indonesian;
use renja::pipeline::{check_path, Options};
use rust_decimal::Decimal;

/// The workbooks of `dir` renja reads (every file but notes and the samples' sources).
fn workbooks(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
            matches!(
                ext.to_ascii_lowercase().as_str(),
                "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "html" | "csv"
            )
        })
        .collect();
    files.sort();
    files
}

/// Every cleaned text cell of `path` that breaks the rule, as `sheet!cell: "text" -> what`.
fn violations(path: &Path) -> (usize, Vec<String>) {
    let checked =
        check_path(path, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let foreign: HashSet<(usize, CellAt)> = checked
        .report
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::NumberForeignFormat)
        .map(|f| (f.sheet, f.cell))
        .collect();
    let mut texts = 0;
    let mut bad = Vec::new();
    for (index, sheet) in checked.workbook.sheets.iter().enumerate() {
        for (at, cell) in &sheet.cells {
            let Raw::Text(original) = &cell.raw else {
                continue;
            };
            if cell.formula.is_some() {
                continue;
            }
            texts += 1;
            let american = foreign.contains(&(index, *at));
            if let Err(why) = explained(original, &cell.value, cell.reading(), american) {
                bad.push(format!("{}!{}: {original:?} -> {why}", sheet.name, at.a1()));
            }
        }
    }
    (texts, bad)
}

/// Whether the cleaned `value` (read as `reading`) is one of the forms the module doc lists
/// for the text `original`; the error says what it is instead.
fn explained(
    original: &str,
    value: &Value,
    reading: Option<&Reading>,
    american: bool,
) -> Result<(), String> {
    match (value, reading) {
        (Value::Text(t), None) if t == original => Ok(()),
        (Value::Text(t), Some(Reading::Code(code))) => code_maps_back(original, t, code),
        (Value::Text(t), Some(Reading::Organisation(code)))
            if t == original && original.trim_start().starts_with(code.as_str()) =>
        {
            Ok(())
        }
        (Value::Number(n), Some(Reading::Number(style))) => {
            let written = Written::of(original);
            let rendered = rendering(*n, style);
            let matches =
                written.body == rendered || (american && written.body == swap_marks(&rendered));
            let sign_fits = written.negative == n.is_sign_negative() || n.is_zero();
            if matches && sign_fits && written.currency == style.currency {
                Ok(())
            } else {
                Err(format!("number {n} shown as {rendered:?} ({style:?})"))
            }
        }
        (Value::Number(n), Some(Reading::Nil)) if n.is_zero() && is_dash(original) => Ok(()),
        (Value::Error(e), Some(Reading::TypedError))
            if e.to_string().eq_ignore_ascii_case(original.trim()) =>
        {
            Ok(())
        }
        (value, reading) => Err(format!("{value:?} read as {reading:?}")),
    }
}

/// A code cell: the canonical code, then the name exactly as typed after the written code.
fn code_maps_back(original: &str, cleaned: &str, code: &BudgetCode) -> Result<(), String> {
    let fail = || Err(format!("code {code} as {cleaned:?}"));
    let Some(name) = cleaned.strip_prefix(code.as_str()) else {
        return fail();
    };
    let typed = original.trim();
    let Some(written) = typed.strip_suffix(name.trim_end()) else {
        return fail();
    };
    let written = written.trim_end();
    let parses_back = BudgetCode::parse(written).as_ref() == Ok(code);
    if code.is_written_as(written) || parses_back {
        Ok(())
    } else {
        fail()
    }
}

/// The Indonesian rendering of a number read from text, as `style` says it was written:
/// `Rp`, sign and parentheses are compared apart (see [`Written`]).
fn rendering(n: Decimal, style: &NumberStyle) -> String {
    let shown = if style.percent {
        n * Decimal::ONE_HUNDRED
    } else {
        n
    };
    let mut body = format_indonesian(shown.abs(), style.decimals);
    if !style.grouped {
        body.retain(|c| c != '.');
    }
    if style.percent {
        body.push('%');
    }
    if let Some(unit) = &style.unit {
        body.extend(unit.chars().filter(|c| !c.is_whitespace()));
    }
    body
}

fn swap_marks(rendered: &str) -> String {
    rendered
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect()
}

fn is_dash(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !is_space(*c)).collect();
    let rest = strip_rp(&squeezed).unwrap_or(&squeezed);
    matches!(rest, "-" | "–" | "—" | "−")
}

/// White space and the invisible characters the reader drops.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}'
        )
}

fn strip_rp(t: &str) -> Option<&str> {
    let head = t.get(..2)?;
    head.eq_ignore_ascii_case("rp").then(|| {
        let rest = &t[2..];
        rest.strip_prefix('.').unwrap_or(rest)
    })
}

/// A number's text with what is compared apart taken off: the sign (`-`, `−`, `+`,
/// parentheses), `Rp` / `Rp.`, a `,-` for "no cents"; spaces between digits become the dot
/// they stand for, other spacing goes.
struct Written {
    negative: bool,
    currency: bool,
    body: String,
}

impl Written {
    fn of(text: &str) -> Written {
        let chars: Vec<char> = text.trim().chars().collect();
        let mut squeezed = String::new();
        for (i, c) in chars.iter().enumerate() {
            if !is_space(*c) {
                squeezed.push(*c);
                continue;
            }
            let before = chars[..i].iter().rev().find(|c| !is_space(**c));
            let after = chars[i + 1..].iter().find(|c| !is_space(**c));
            let between_digits =
                before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit);
            if between_digits && !squeezed.ends_with('.') {
                squeezed.push('.');
            }
        }
        let mut negative = false;
        let mut currency = false;
        let mut rest = squeezed.as_str();
        loop {
            if let Some(r) = rest.strip_prefix(['-', '−', '(']) {
                negative = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix('+') {
                rest = r;
            } else if let Some(r) = strip_rp(rest).filter(|_| !currency) {
                currency = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut body = rest.replace(",-", "");
        if negative {
            body = body.replacen(')', "", 1);
        }
        Written {
            negative,
            currency,
            body,
        }
    }
}

fn check_folder(dir: &Path) {
    let files = workbooks(dir);
    assert!(!files.is_empty(), "no workbooks in {}", dir.display());
    let mut report = Vec::new();
    let mut total = 0;
    for path in &files {
        let (texts, bad) = violations(path);
        total += texts;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        report.extend(bad.into_iter().map(|b| format!("{name} {b}")));
    }
    eprintln!(
        "{}: {} files, {total} text cells checked",
        dir.display(),
        files.len()
    );
    assert!(
        report.is_empty(),
        "{} cleaned text cells are not what was typed:\n{}",
        report.len(),
        report[..report.len().min(200)].join("\n")
    );
}

#[test]
fn samples_keep_every_text_or_read_it_faithfully() {
    check_folder(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"));
}

#[test]
fn field_files_keep_every_text_or_read_it_faithfully() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real");
    if !real.is_dir() {
        eprintln!(
            "SKIPPED: {} is not here; only the samples were checked",
            real.display()
        );
        return;
    }
    check_folder(&real);
}

#[test]
fn the_rule_itself_tells_faithful_readings_from_lost_text() {
    use rust_decimal_macros::dec;
    let number = |decimals, grouped, currency, percent, unit: Option<&str>| {
        Reading::Number(NumberStyle {
            decimals,
            grouped,
            percent,
            currency,
            unit: unit.map(str::to_string),
        })
    };
    let n = |d: Decimal| Value::Number(d);
    let ok = |text: &str, value: Value, reading: Reading| {
        assert_eq!(
            explained(text, &value, Some(&reading), false),
            Ok(()),
            "{text:?}"
        );
    };
    ok(
        "Rp. 5.636.089.563,00",
        n(dec!(5636089563.00)),
        number(2, true, true, false, None),
    );
    ok(
        "1 541 063 680",
        n(dec!(1541063680)),
        number(0, true, false, false, None),
    );
    ok(
        "150,77 Set",
        n(dec!(150.77)),
        number(2, false, false, false, Some("Set")),
    );
    ok("150%", n(dec!(1.5)), number(0, false, false, true, None));
    ok(
        "(1.234,50)",
        n(dec!(-1234.50)),
        number(2, true, false, false, None),
    );
    ok(
        "Rp 5.000,-",
        n(dec!(5000)),
        number(0, true, true, false, None),
    );
    ok(
        "12 Dokumen",
        n(dec!(12)),
        number(0, false, false, false, Some("Dokumen")),
    );
    ok(" - ", n(Decimal::ZERO), Reading::Nil);
    let code = BudgetCode::parse("5.03.01").unwrap();
    ok(
        "5 03 01",
        Value::Text("5.03.01".into()),
        Reading::Code(code.clone()),
    );
    ok(
        "5.3.1  PROGRAM PENUNJANG",
        Value::Text("5.03.01  PROGRAM PENUNJANG".into()),
        Reading::Code(code.clone()),
    );

    let lost = |text: &str, value: Value, reading: Option<Reading>| {
        assert!(
            explained(text, &value, reading.as_ref(), false).is_err(),
            "{text:?} -> {value:?}"
        );
    };
    // The cases of the issue: a label lost, a dot read as a decimal point, widths changed.
    lost(
        "5.1 BELANJA OPERASI",
        n(dec!(5.1)),
        Some(number(1, false, false, false, Some("BELANJA OPERASI"))),
    );
    lost(
        "10.10",
        n(dec!(10.10)),
        Some(number(2, false, false, false, None)),
    );
    lost(
        "01.01",
        Value::Text("1.01".into()),
        Some(Reading::Code(BudgetCode::parse("1.01").unwrap())),
    );
    lost(
        "1 Kg",
        n(dec!(1)),
        Some(number(0, false, false, false, None)),
    );
    lost("PELAKSANA", n(Decimal::ZERO), Some(Reading::Nil));
    lost("Belanja", Value::Text("Belanja ".into()), None);
    lost(
        "5,636,089,563",
        n(dec!(5636089563)),
        Some(number(0, true, false, false, None)),
    );
    assert_eq!(
        explained(
            "5,636,089,563",
            &n(dec!(5636089563)),
            Some(&number(0, true, false, false, None)),
            true
        ),
        Ok(())
    );
    lost(
        "5.03.01 Set",
        Value::Text("5.03.01 Paket".into()),
        Some(Reading::Code(code)),
    );
}
