//! Helpers shared by the fuzz targets: the whole pipeline run the way `renja clean` and
//! `renja serve` run it (check, every report format, the cleaned workbook and its
//! self-check), and a valid xlsx container built in memory around fuzzed sheet XML.
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
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sst.unwrap_or(EMPTY_SST)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(name, options).expect("zip part");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Splits a `sheet_xml` input into its sheet XML and optional shared strings.
pub fn split_sheet_input(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match find(data, SST_MARK) {
        Some(i) => (&data[..i], Some(&data[i + SST_MARK.len()..])),
        None => (data, None),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
