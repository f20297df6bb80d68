//! Helpers shared by the fuzz targets: the whole pipeline run the way `renja clean` and
//! `renja serve` run it (check, every report format, the cleaned workbook and its
//! self-check), and a valid xlsx container built in memory around fuzzed parts (the sheet
//! XML and shared strings, or the workbook XML and styles).
//!
//! Knows nothing of libFuzzer: each target decides what its input is.

use std::io::Write;
use std::path::Path;

use renja::messages::Lang;
use renja::pipeline::{check_bytes, Options};
use renja::read::ReadLimits;
use renja::report::csv::Csv;
use renja::report::json::Json;
use renja::report::terminal::{Terminal, TerminalStyle};
use renja::report::Exporter;

/// Limits small enough that no fuzz input can ask for gigabytes (the defaults allow 5 million
/// cells and 1 GiB unpacked, far past libFuzzer's `-rss_limit_mb`).
pub fn small_options() -> Options {
    Options {
        read_limits: ReadLimits {
            max_cells_per_sheet: 20_000,
            max_unpacked_bytes: 16 << 20,
            max_memory: 256 << 20,
            reader: None,
        },
        ..Options::default()
    }
}

/// Checks `bytes` as the file `name`, renders every report format, writes the cleaned
/// workbook (which reads itself back and compares every cell), then checks the cleaned
/// workbook again.
///
/// A refusal (`ReadError`) is a fine answer for arbitrary bytes. What is not: a panic, a
/// cleaned workbook that cannot be written or fails its own self-check once the input was
/// accepted, or a cleaned workbook renja cannot read back or that still holds a formula.
pub fn run_pipeline(name: &str, bytes: Vec<u8>) {
    let path = Path::new(name);
    let options = small_options();
    let Ok(checked) = check_bytes(path, bytes, &options) else {
        return;
    };
    for lang in [Lang::Id, Lang::En] {
        let _ = Json { lang }.render(&checked.report);
        let _ = Csv { lang }.render(&checked.report);
    }
    let style = TerminalStyle {
        colour: true,
        all: true,
        quiet: false,
    };
    let _ = Terminal {
        lang: Lang::Id,
        style,
    }
    .render(&checked.report);

    let generated_at = "2024-01-02T03:04:05Z";
    let cleaned = renja::write::cleaned_bytes(
        &checked.clean_input(Lang::Id, generated_at),
        Path::new("hasil.xlsx"),
    )
    .unwrap_or_else(|e| panic!("cleaning an accepted input failed: {e}"));

    // The cleaned workbook is ours: read it back with the default limits.
    let again = check_bytes(Path::new("hasil.xlsx"), cleaned, &Options::default())
        .unwrap_or_else(|e| panic!("the cleaned workbook cannot be read back: {e}"));
    assert_eq!(
        again.report.summary.formulas, 0,
        "a formula survived into the cleaned workbook"
    );
}

/// Separates the sheet XML from the shared strings XML in a `sheet_xml` input.
pub const SST_MARK: &[u8] = b"\n<!--sst-->\n";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Realisasi" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="PaguTotal">Realisasi!$D$2:$D$40</definedName></definedNames></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const EMPTY_SST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>"#;

/// A valid xlsx whose one worksheet is `sheet` and whose shared strings are `sst` (an
/// empty table when `None`), parts stored uncompressed so every CRC is right.
pub fn xlsx_around(sheet: &[u8], sst: Option<&[u8]>) -> Vec<u8> {
    xlsx_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sst.unwrap_or(EMPTY_SST)),
    ])
}

/// Separates the workbook XML from the styles XML in a `workbook_parts` input.
pub const STYLES_MARK: &[u8] = b"\n<!--styles-->\n";

/// Relationships rId1 to rId8 all name the one worksheet, so a fuzzed workbook.xml reaches
/// it whichever ids its sheets use; rId9 is the shared strings, rId10 the styles.
const MANY_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// The worksheet of a `workbook_parts` input: a small realisation table whose cells use
/// number formats 1 to 4 of the styles, and formulas over defined names (`PaguTotal`,
/// `Realisasi`) that the fuzzed workbook.xml may or may not define.
const STYLED_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E5"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2" s="1"><v>1000000</v></c><c r="D2" s="1"><v>900000</v></c><c r="E2" s="2"><f>D2/C2</f><v>0.9</v></c></row><row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>6</v></c><c r="C3" s="3"><v>500000</v></c><c r="D3" s="3"><v>500000</v></c><c r="E3" s="4"><f>D3/C3</f><v>1</v></c></row><row r="4"><c r="B4" t="s"><v>8</v></c><c r="C4" s="1"><f>SUM(PaguTotal)</f><v>1500000</v></c><c r="D4" s="1"><f>SUM(Realisasi)</f><v>1400000</v></c><c r="E4" s="2"><f>IFERROR(D4/C4,0)</f><v>0.9333</v></c></row><row r="5"><c r="C5"><f>_xlfn.IFERROR(PaguTotal*2,0)</f><v>2000000</v></c></row></sheetData></worksheet>"#;

const STYLED_SST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>Kode</t></si><si><t>Uraian</t></si><si><t>Pagu</t></si><si><t>Realisasi</t></si><si><t>%</t></si><si><t>5.03.01.2.02</t></si><si><t>Kegiatan</t></si><si><t>5.03.01.2.05</t></si><si><t>JUMLAH</t></si></sst>"#;

/// A valid xlsx around a fuzzed `workbook` part and `styles` part (no styles part when
/// `None`), with a fixed worksheet that uses both (see [`STYLED_SHEET`]).
pub fn xlsx_around_workbook(workbook: &[u8], styles: Option<&[u8]>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", MANY_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", STYLED_SHEET.as_bytes()),
        ("xl/sharedStrings.xml", STYLED_SST.as_bytes()),
    ];
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml", styles));
    }
    xlsx_of(&parts)
}

/// The parts, after the content types and root relationships, stored uncompressed.
fn xlsx_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let fixed: [(&str, &[u8]); 2] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
    ];
    for (name, bytes) in fixed.iter().chain(parts) {
        zip.start_file(*name, options).expect("zip part");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Splits an input at `mark`: the part before it and, when present, the part after.
pub fn split_at_mark<'a>(data: &'a [u8], mark: &[u8]) -> (&'a [u8], Option<&'a [u8]>) {
    match find(data, mark) {
        Some(i) => (&data[..i], Some(&data[i + mark.len()..])),
        None => (data, None),
    }
}

/// Splits a `sheet_xml` input into its sheet XML and optional shared strings.
pub fn split_sheet_input(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    split_at_mark(data, SST_MARK)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
