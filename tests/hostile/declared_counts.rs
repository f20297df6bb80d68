//! Counts an xlsx declares and calamine 0.38 allocates for before reading what they count:
//! the `uniqueCount` of the shared strings (`Vec::reserve`) and the index of a shared formula
//! (`Vec::resize` up to it). Four billion of either asks for a hundred GiB and the process
//! aborted; each is refused with exit 2 before calamine reads the part.

use super::{checked, refused, zip_of};
use super::{CONTENT_TYPES, ROOT_RELS, SHEET_HEAD, SHEET_TAIL, WORKBOOK};
use crate::common::Workdir;

const RELS_WITH_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn xlsx_with_strings(unique_count: &str, rows: &str) -> Vec<u8> {
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="{unique_count}"><si><t>Pagu</t></si><si><t>Realisasi</t></si></sst>"#
    );
    xlsx_of(&strings, rows)
}

/// An xlsx of one sheet holding `rows`, with `strings` as its shared-string part.
fn xlsx_of(strings: &str, rows: &str) -> Vec<u8> {
    let sheet = format!("{SHEET_HEAD}{rows}{SHEET_TAIL}");
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS_WITH_STRINGS.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

const ROWS: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>100</v></c><c r="B2"><v>90</v></c></row>"#;

#[test]
fn shared_strings_declaring_four_billion_are_refused() {
    let dir = Workdir::new();
    dir.write("teks-banyak.xlsx", &xlsx_with_strings("4000000000", ROWS));
    refused(&dir, "teks-banyak.xlsx", &[], "sharedStrings.xml");
}

#[test]
fn shared_strings_counted_honestly_are_read() {
    let dir = Workdir::new();
    dir.write("teks.xlsx", &xlsx_with_strings("2", ROWS));
    let (report, _) = checked(&dir, "teks.xlsx", &[]);
    assert!(report.contains("teks.xlsx"), "{report}");
}

#[test]
fn a_shared_formula_index_of_four_billion_is_refused() {
    let dir = Workdir::new();
    let rows = r#"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="4000000000">A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="4000000000"/><v>4</v></c></row>"#;
    dir.write("rumus-bersama.xlsx", &xlsx_with_strings("2", rows));
    refused(&dir, "rumus-bersama.xlsx", &[], "4000000000");
}

#[test]
fn one_long_shared_string_named_by_thousands_of_cells_stops_at_the_memory_budget() {
    // 1 MiB of text stored once (a few KiB deflated) and named by 4 000 cells: 4 GiB once
    // every cell holds its own copy. Refused when the copies pass --max-memory (1 GiB by
    // default; 64 MiB here, so the test does not fill a GiB first).
    let long = "Belanja Pegawai ".repeat(1 << 16);
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000" uniqueCount="1"><si><t>{long}</t></si></sst>"#
    );
    let rows: String = (1..=4000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let bytes = xlsx_of(&strings, &rows);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    let dir = Workdir::new();
    dir.write("teks-panjang.xlsx", &bytes);
    let err = refused(
        &dir,
        "teks-panjang.xlsx",
        &["--max-memory", "64MiB"],
        "--max-memory",
    );
    assert!(err.contains("64 MiB"), "{err}");
}
