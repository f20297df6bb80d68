//! The patterns real workbooks from the field showed (issue 15), each in a minimal workbook
//! built here, run through the real binary: the cleaned workbook is never worse than the
//! input, and formulas mean what Excel means.
//!
//! - a shared formula whose master is not the first cell of its range (`N35` of `N34:N97`),
//!   and shared whole-column references;
//! - `SUBTOTAL(9,…)` over rows an AutoFilter hides, `SUBTOTAL(109,…)` over rows hidden by hand;
//! - a reference to another workbook (`'[1]2015-2019'!C14`);
//! - `#REF!` inside a formula that IFERROR hides;
//! - text coerced by the locale of the Excel that saved the file; unary plus on text;
//! - a volatile function, whose saved value stands;
//! - a percentage compared at the precision it shows, a float residue beside an exact 0.

mod common;

use std::path::{Path, PathBuf};

use common::{findings, RawXlsx, Workdir};
use renja::model::{CellAt, Raw, Workbook};
use serde_json::Value as Json;

fn cleaned(dir: &Workdir, input: &Path) -> (PathBuf, Workbook) {
    let out = dir.path("bersih.xlsx");
    let output = dir.run(&[
        "clean",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--force",
        "--lang",
        "en",
    ]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "clean failed: {}",
        common::stderr(&output)
    );
    let book = common::read(&out);
    (out, book)
}

fn number_at(book: &Workbook, sheet: &str, a1: &str) -> f64 {
    match book
        .sheet(sheet)
        .and_then(|s| s.get(common::cell(a1)))
        .map(|c| &c.raw)
    {
        Some(Raw::Number(n)) => *n,
        other => panic!("{sheet}!{a1} is not a number in the cleaned workbook: {other:?}"),
    }
}

fn text_at(book: &Workbook, sheet: &str, a1: &str) -> String {
    match book
        .sheet(sheet)
        .and_then(|s| s.get(common::cell(a1)))
        .map(|c| &c.raw)
    {
        Some(Raw::Text(t)) => t.clone(),
        other => panic!("{sheet}!{a1} is not text in the cleaned workbook: {other:?}"),
    }
}

/// The change log's row for a cell, its own or its run's (`N35:N37`): (original, new value,
/// reason).
fn change(book: &Workbook, sheet: &str, a1: &str) -> (String, String, String) {
    let cell = common::cell(a1);
    let covers = |text: &str| {
        let (first, last) = text.split_once(':').unwrap_or((text, text));
        match (CellAt::parse_a1(first), CellAt::parse_a1(last)) {
            (Some(first), Some(last)) => {
                first.col == cell.col && (first.row..=last.row).contains(&cell.row)
            }
            _ => false,
        }
    };
    let log = book.sheet("Changes").expect("a Changes sheet");
    let text = |row: u32, col: u32| match log.get(CellAt::new(row, col)).map(|c| &c.raw) {
        Some(Raw::Text(t)) => t.clone(),
        Some(other) => other.display(),
        None => String::new(),
    };
    let last = log.extent().map_or(0, |e| e.row);
    (1..=last)
        .find(|&r| text(r, 0) == sheet && covers(&text(r, 1)))
        .map(|r| (text(r, 2), text(r, 3), text(r, 4)))
        .unwrap_or_else(|| panic!("no change logged for {sheet}!{a1}"))
}

fn rules_at<'a>(found: &'a [Json], cell: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|f| f["cell"] == cell)
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

fn with_rule<'a>(found: &'a [Json], rule: &str) -> Vec<&'a Json> {
    found.iter().filter(|f| f["rule"] == rule).collect()
}

fn num(a1: &str, n: f64) -> String {
    format!(r#"<c r="{a1}"><v>{n}</v></c>"#)
}

fn formula(a1: &str, f: &str, cached: f64) -> String {
    format!(r#"<c r="{a1}"><f>{f}</f><v>{cached}</v></c>"#)
}

fn text(a1: &str, t: &str) -> String {
    format!(r#"<c r="{a1}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

fn row(r: u32, attrs: &str, cells: &[String]) -> String {
    format!(r#"<row r="{r}"{attrs}>{}</row>"#, cells.concat())
}

#[test]
fn shared_formulas_move_from_their_master_not_from_the_range_start() {
    let dir = Workdir::new();
    // `ref="N34:N37"` starts one row above the master N35, as in the field file; N34 itself
    // holds a constant. calamine 0.38 would make N36 read row 37.
    let mut rows = vec![row(
        34,
        "",
        &[num("K34", 1.0), num("M34", 4.0), num("N34", 0.25)],
    )];
    rows.push(row(
        35,
        "",
        &[
            num("K35", 20.0),
            num("M35", 100.0),
            r#"<c r="N35"><f t="shared" ref="N34:N37" si="0">K35/M35</f><v>0.2</v></c>"#.into(),
            // A whole column moves only across (calamine#579).
            r#"<c r="P35"><f t="shared" ref="P35:Q35" si="1">SUM(A:A)*2</f><v>6</v></c>"#.into(),
            r#"<c r="Q35"><f t="shared" si="1"/><v>10</v></c>"#.into(),
        ],
    ));
    for (r, k) in [(36, 30.0), (37, 40.0)] {
        rows.push(row(
            r,
            "",
            &[
                num(&format!("K{r}"), k),
                num(&format!("M{r}"), 100.0),
                format!(
                    r#"<c r="N{r}"><f t="shared" si="0"/><v>{}</v></c>"#,
                    k / 100.0
                ),
            ],
        ));
    }
    rows.insert(0, row(1, "", &[num("A1", 1.0), num("B1", 2.0)]));
    rows.insert(1, row(2, "", &[num("A2", 2.0), num("B2", 3.0)]));
    let sheet = format!("<sheetData>{}</sheetData>", rows.concat());
    let book = RawXlsx {
        sheets: vec![("LRA", sheet)],
        ..RawXlsx::default()
    };
    let input = dir.write("shared.xlsx", &book.bytes());
    let found = findings(&dir, &input);
    assert!(
        with_rule(&found, "formula-mismatch").is_empty(),
        "{found:#?}"
    );
    let (_, clean) = cleaned(&dir, &input);
    for (a1, n) in [
        ("N35", 0.2),
        ("N36", 0.3),
        ("N37", 0.4),
        ("P35", 6.0),
        ("Q35", 10.0),
    ] {
        assert_eq!(number_at(&clean, "LRA", a1), n, "{a1}");
    }
    // N36 is logged with the run from the master N35: equal to it in R1C1 form, so it reads
    // K36/M36 (the values above say so too).
    assert_eq!(change(&clean, "LRA", "N36").0, "=K35/M35");
    assert_eq!(change(&clean, "LRA", "Q35").0, "=SUM(B:B)*2");
}

#[test]
fn subtotal_skips_filtered_rows_and_109_also_rows_hidden_by_hand() {
    let dir = Workdir::new();
    // Rows 3 and 5 are hidden by the filter on column A; SUBTOTAL(9) shows 10 + 30 + 50.
    let filtered = format!(
        r#"<sheetData>{}{}{}{}{}{}{}{}</sheetData><autoFilter ref="A1:B6"><filterColumn colId="0"><filters><filter val="x"/></filters></filterColumn></autoFilter>"#,
        row(1, "", &[text("A1", "Kode"), text("B1", "Pagu")]),
        row(2, "", &[text("A2", "x"), num("B2", 10.0)]),
        row(3, r#" hidden="1""#, &[text("A3", "y"), num("B3", 20.0)]),
        row(4, "", &[text("A4", "x"), num("B4", 30.0)]),
        row(5, r#" hidden="1""#, &[text("A5", "y"), num("B5", 40.0)]),
        row(6, "", &[text("A6", "x"), num("B6", 50.0)]),
        row(7, "", &[formula("B7", "SUBTOTAL(9,B2:B6)", 90.0)]),
        row(8, "", &[formula("B8", "SUBTOTAL(9,B2:B7)", 90.0)]),
    );
    // Row 3 hidden by hand, no filter: SUBTOTAL(9) counts it, SUBTOTAL(109) does not.
    let by_hand = format!(
        "<sheetData>{}{}{}{}{}</sheetData>",
        row(2, "", &[num("B2", 10.0)]),
        row(3, r#" hidden="1""#, &[num("B3", 20.0)]),
        row(4, "", &[num("B4", 30.0)]),
        row(5, "", &[formula("B5", "SUBTOTAL(9,B2:B4)", 60.0)]),
        row(6, "", &[formula("B6", "SUBTOTAL(109,B2:B4)", 40.0)]),
    );
    let book = RawXlsx {
        sheets: vec![("Filter", filtered), ("Hidden", by_hand)],
        ..RawXlsx::default()
    };
    let input = dir.write("subtotal.xlsx", &book.bytes());
    let found = findings(&dir, &input);
    assert!(
        with_rule(&found, "formula-mismatch").is_empty(),
        "{found:#?}"
    );
    let (_, clean) = cleaned(&dir, &input);
    assert_eq!(number_at(&clean, "Filter", "B7"), 90.0);
    assert_eq!(
        number_at(&clean, "Filter", "B8"),
        90.0,
        "a nested SUBTOTAL counts once"
    );
    assert_eq!(number_at(&clean, "Hidden", "B5"), 60.0);
    assert_eq!(number_at(&clean, "Hidden", "B6"), 40.0);
}

#[test]
fn a_reference_to_another_workbook_keeps_the_saved_value() {
    let dir = Workdir::new();
    let sheet = format!(
        "<sheetData>{}{}</sheetData>",
        row(
            14,
            "",
            &[
                formula("C14", "'[1]2015-2019'!C14", 5_000_000.0),
                formula("D14", "[1]Data!$B$2+C14", 5_000_100.0),
                formula("E14", "IFERROR('[1]2015-2019'!D14,0)", 7.0),
            ]
        ),
        row(15, "", &[formula("C15", "C14*2", 10_000_000.0)]),
    );
    let book = RawXlsx {
        sheets: vec![("Pagu", sheet)],
        workbook_extra: r#"<externalReferences><externalReference r:id="rId9"/></externalReferences>"#,
        rels_extra: r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>"#,
        parts: vec![
            (
                "xl/externalLinks/externalLink1.xml",
                r#"<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"><sheetNames><sheetName val="2015-2019"/></sheetNames></externalBook></externalLink>"#.into(),
            ),
            (
                "xl/externalLinks/_rels/externalLink1.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///D:/RENJA/Renja%202015-2019.xlsx" TargetMode="External"/></Relationships>"#.into(),
            ),
        ],
    };
    let input = dir.write("external.xlsx", &book.bytes());
    let found = findings(&dir, &input);
    for rule in ["formula-mismatch", "formula-error", "formula-parse"] {
        assert!(with_rule(&found, rule).is_empty(), "{rule}: {found:#?}");
    }
    let notes = with_rule(&found, "formula-other-workbook");
    assert_eq!(notes.len(), 1, "one note for the workbook: {found:#?}");
    assert_eq!(notes[0]["severity"], "info");
    let message = notes[0]["message"].as_str().unwrap();
    assert!(message.contains("[1] Renja 2015-2019.xlsx"), "{message}");
    let (_, clean) = cleaned(&dir, &input);
    assert_eq!(number_at(&clean, "Pagu", "C14"), 5_000_000.0);
    assert_eq!(number_at(&clean, "Pagu", "D14"), 5_000_100.0);
    assert_eq!(number_at(&clean, "Pagu", "E14"), 7.0);
    assert_eq!(number_at(&clean, "Pagu", "C15"), 10_000_000.0);
    assert!(change(&clean, "Pagu", "C14").2.contains("another workbook"));
}

#[test]
fn ref_error_inside_iferror_is_an_error_finding() {
    let dir = Workdir::new();
    let sheet = format!(
        "<sheetData>{}{}</sheetData>",
        row(40, "", &[num("G40", 100.0)]),
        row(
            45,
            "",
            &[r#"<c r="G45" t="str"><f>IFERROR(G40+G44+#REF!,"")</f><v></v></c>"#.into()]
        ),
    );
    let book = RawXlsx {
        sheets: vec![("Renja", sheet)],
        ..RawXlsx::default()
    };
    let input = dir.write("ref.xlsx", &book.bytes());
    let found = findings(&dir, &input);
    let broken = with_rule(&found, "formula-deleted-reference");
    assert_eq!(broken.len(), 1, "{found:#?}");
    assert_eq!(broken[0]["severity"], "error");
    assert_eq!(broken[0]["cell"], "G45");
}

#[test]
fn text_is_coerced_the_way_the_excel_that_saved_the_file_reads_it() {
    let dir = Workdir::new();
    // Saved by an English Excel: "1.745" is 1.745 there, and ROUNDUP gives 1,8.
    let english = format!(
        "<sheetData>{}</sheetData>",
        row(
            32,
            "",
            &[
                text("A32", "1.745"),
                formula("B32", "ROUNDUP(A32,1)", 1.8),
                r#"<c r="C32" t="str"><f>1/3*100&amp;" %"</f><v>33.3333333333333 %</v></c>"#.into(),
                text("D32", "abc"),
                r#"<c r="E32" t="str"><f>+D32</f><v>abc</v></c>"#.into(),
            ]
        ),
    );
    // Saved by an Indonesian Excel: "5.000.000" is five million, the decimal mark a comma.
    let indonesian = format!(
        "<sheetData>{}</sheetData>",
        row(
            2,
            "",
            &[
                text("A2", "5.000.000"),
                formula("B2", "A2*2", 10_000_000.0),
                r#"<c r="C2" t="str"><f>1/3*100&amp;" %"</f><v>33,3333333333333 %</v></c>"#.into(),
                // Text no Excel reads as a number by its rules, yet the file's Excel did.
                text("D2", "Rp. 17.919.000,00"),
                formula("E2", "D2-1791900", 16_127_100.0),
            ]
        ),
    );
    for (name, sheet, locale) in [
        ("en.xlsx", english, "English"),
        ("id.xlsx", indonesian, "Indonesian"),
    ] {
        let book = RawXlsx {
            sheets: vec![("Data", sheet)],
            ..RawXlsx::default()
        };
        let input = dir.write(name, &book.bytes());
        let output = dir.run(&[
            "check",
            input.to_str().unwrap(),
            "--format",
            "json",
            "--lang",
            "en",
        ]);
        let report: Json = serde_json::from_slice(&output.stdout).unwrap();
        let found = report["findings"].as_array().unwrap();
        for rule in ["formula-mismatch", "formula-error"] {
            assert!(
                with_rule(found, rule).is_empty(),
                "{name} {rule}: {found:#?}"
            );
        }
        let notes = with_rule(found, "formula-locale");
        assert_eq!(notes.len(), 1, "{name}: {found:#?}");
        assert!(
            notes[0]["message"].as_str().unwrap().contains(locale),
            "{name}: {}",
            notes[0]["message"]
        );
    }
    let (_, clean) = cleaned(&dir, &dir.path("en.xlsx"));
    assert_eq!(number_at(&clean, "Data", "B32"), 1.8);
    assert_eq!(text_at(&clean, "Data", "E32"), "abc");
}

#[test]
fn a_volatile_function_keeps_the_saved_value_and_the_change_log_says_why() {
    let dir = Workdir::new();
    let sheet = format!(
        "<sheetData>{}</sheetData>",
        row(
            1,
            "",
            &[
                formula("A1", "TODAY()", 46000.0),
                formula("B1", "A1+1", 46001.0)
            ]
        ),
    );
    let book = RawXlsx {
        sheets: vec![("Data", sheet)],
        ..RawXlsx::default()
    };
    let input = dir.write("today.xlsx", &book.bytes());
    let found = findings(&dir, &input);
    assert_eq!(
        rules_at(&found, "A1"),
        vec!["formula-unsupported"],
        "{found:#?}"
    );
    let (_, clean) = cleaned(&dir, &input);
    assert_eq!(number_at(&clean, "Data", "A1"), 46000.0);
    assert_eq!(number_at(&clean, "Data", "B1"), 46001.0);
    let (original, _, reason) = change(&clean, "Data", "A1");
    assert_eq!(original, "=TODAY()");
    assert!(
        reason.contains("TODAY changes on every recalculation"),
        "{reason}"
    );
}

#[test]
fn figures_are_compared_at_the_precision_the_file_shows() {
    use rust_xlsxwriter::{Format, Workbook as Writer};
    let dir = Workdir::new();
    let mut book = Writer::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Realisasi").unwrap();
    let percent = Format::new().set_num_format("0.00%");
    let headers = [
        "No.",
        "KODE REKENING",
        "PROGRAM KEGIATAN SUB KEGIATAN",
        "JUMLAH DANA SESUAI PAGU Rp.",
        "REALISASI KEUANGAN",
        "",
        "SISA DANA (Rp.)",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 4, "(Rp)").unwrap();
    sheet.write_string(1, 5, "(%)").unwrap();
    let rows: [(&str, &str, f64, f64, f64, f64); 3] = [
        // 498,34 / 1.000 is 49,834%, shown as 49,83%.
        (
            "5.03.01.2.01",
            "Perencanaan",
            1000.0,
            498.34,
            0.49834,
            501.66,
        ),
        // A sisa pasted from Excel's doubles: 0,3 − 0,1 − 0,2 leaves −2,8·10⁻¹⁷, not 0.
        (
            "5.03.01.2.02",
            "Administrasi Keuangan",
            1e6,
            1e6,
            1.0,
            0.3 - 0.1 - 0.2,
        ),
        (
            "5.03.01.2.03",
            "Administrasi Umum",
            2000.0,
            500.0,
            0.25,
            1500.0,
        ),
    ];
    for (i, (code, name, pagu, real, pct, sisa)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *code).unwrap();
        sheet.write_string(r, 2, *name).unwrap();
        sheet.write_number(r, 3, *pagu).unwrap();
        sheet.write_number(r, 4, *real).unwrap();
        sheet
            .write_number_with_format(r, 5, *pct, &percent)
            .unwrap();
        sheet.write_number(r, 6, *sisa).unwrap();
    }
    let input = dir.path("realisasi.xlsx");
    book.save(&input).unwrap();
    let found = findings(&dir, &input);
    for rule in ["ratio-mismatch", "difference-mismatch"] {
        assert!(with_rule(&found, rule).is_empty(), "{rule}: {found:#?}");
    }
    // The same table with a percentage that is wrong at the shown precision is caught.
    sheet_with_wrong_percentage_is_still_caught(&dir);
}

fn sheet_with_wrong_percentage_is_still_caught(dir: &Workdir) {
    use rust_xlsxwriter::{Format, Workbook as Writer};
    let mut book = Writer::new();
    let sheet = book.add_worksheet();
    let percent = Format::new().set_num_format("0.00%");
    for (col, header) in [
        "No.",
        "KODE REKENING",
        "PROGRAM KEGIATAN SUB KEGIATAN",
        "JUMLAH DANA SESUAI PAGU Rp.",
        "REALISASI KEUANGAN",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 4, "(Rp)").unwrap();
    sheet.write_string(1, 5, "(%)").unwrap();
    sheet.write_number(2, 0, 1.0).unwrap();
    sheet.write_string(2, 1, "5.03.01.2.01").unwrap();
    sheet.write_string(2, 2, "Perencanaan").unwrap();
    sheet.write_number(2, 3, 1000.0).unwrap();
    sheet.write_number(2, 4, 498.34).unwrap();
    sheet
        .write_number_with_format(2, 5, 0.4993, &percent)
        .unwrap();
    let input = dir.path("realisasi-salah.xlsx");
    book.save(&input).unwrap();
    let found = findings(dir, &input);
    assert_eq!(with_rule(&found, "ratio-mismatch").len(), 1, "{found:#?}");
}
