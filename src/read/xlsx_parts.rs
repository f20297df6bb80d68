//! What calamine does not give cheaply for xlsx: merged ranges, column widths and hidden rows. calamine's
//! merged-cell API parses the whole sheet XML again (a third pass over a large sheet); both
//! lists sit outside `<sheetData>` — `<cols>` before it, `<mergeCells>` after it — so they
//! are found here by searching the unpacked sheet part around the cell data.
//!
//! The same pass finds what calamine 0.38 would trust and should not: cell references past
//! Excel's grid (its column arithmetic overflows), a shared-formula index far past the
//! formulas the sheet could hold and a shared-string table declaring more strings than its
//! bytes could (calamine allocates up to either number before reading on).

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::sync::LazyLock;

use memchr::memmem;
use regex::bytes::Regex;

use crate::model::{CellAt, HiddenRow, RangeAt};

/// Merged ranges and column widths of one sheet.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SheetLayout {
    pub merged: Vec<RangeAt>,
    /// Zero-based column → width in Excel's character units, as the file sets it.
    pub column_widths: Vec<(u32, f64)>,
    /// The first cell reference in the sheet's dimension or cell data that cannot be on
    /// Excel's grid at all (more than 3 letters or 7 digits, `AAAAAAAAAA2`), as written.
    /// calamine's arithmetic on such a reference overflows, so it is refused before
    /// calamine reads the sheet.
    pub outside_grid: Option<String>,
    /// A shared-formula index (`<f t="shared" si="4000000000">`) past what the sheet's size
    /// allows: calamine grows a table up to it, 40 bytes per index.
    pub shared_index_past: Option<u64>,
    /// Hidden rows and why (see `xlsx_rows`).
    pub hidden_rows: BTreeMap<u32, HiddenRow>,
}

/// What the parts of an xlsx say beyond its cells.
#[derive(Debug, Default)]
pub struct XlsxParts {
    /// Layout of every sheet, by sheet name.
    pub layouts: HashMap<String, SheetLayout>,
    /// A shared-string table whose `uniqueCount` its size cannot hold: part name, count.
    pub overcounted_strings: Option<(String, u64)>,
}

/// Bytes each shared-formula index needs at least in the sheet XML: the master of a group
/// (`<f t="shared" ref="A1:A2" si="0">`) takes thirty; half of that leaves room.
const BYTES_PER_SHARED_INDEX: u64 = 16;

/// Bytes each shared string needs at least: `<si/>`.
const BYTES_PER_SHARED_STRING: u64 = 5;

// The tags and attributes below are ASCII, so every pattern is compiled without Unicode
// (`(?-u)`: `\w`, `\b` and `[^>]` on bytes): a tenth of the compile time, paid by every
// process that reads an xlsx. Attribute values keep whatever UTF-8 they hold.
pub(super) static SHEET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?sheet\b[^>]*>"#).unwrap());
pub(super) static ATTR_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bname="([^"]*)""#).unwrap());
pub(super) static ATTR_RID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\br:id="([^"]*)""#).unwrap());
pub(super) static REL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?Relationship\b[^>]*>"#).unwrap());
pub(super) static ATTR_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bId="([^"]*)""#).unwrap());
pub(super) static ATTR_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bTarget="([^"]*)""#).unwrap());
static MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u)<(?:\w+:)?mergeCell\b[^>]*\bref="\$?([A-Za-z]{1,3}\$?\d+)(?::\$?([A-Za-z]{1,3}\$?\d+))?""#).unwrap()
});
static DIMENSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)""#).unwrap());
static COL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?col\b[^>]*>"#).unwrap());
static ATTR_MIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?-u)\bmin="(\d+)""#).unwrap());
static ATTR_MAX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?-u)\bmax="(\d+)""#).unwrap());
static ATTR_WIDTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bwidth="([0-9.]+)""#).unwrap());
static UNIQUE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u)<(?:\w+:)?sst\b[^>]*\buniqueCount\s*=\s*["']\s*(\d+)"#).unwrap()
});

/// The layout of every sheet and the shared-string count, from parts of at most `max_part`
/// bytes each. A part that cannot be found or read gives an empty layout: merges and widths
/// are presentation, and the cells are read by calamine (which reports a broken part).
pub fn xlsx_parts(bytes: &[u8], max_part: u64) -> XlsxParts {
    let mut out = XlsxParts::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    out.overcounted_strings = overcounted_strings(&mut zip);
    let (Some(workbook), Some(rels)) = (
        part(&mut zip, "xl/workbook.xml", max_part),
        part(&mut zip, "xl/_rels/workbook.xml.rels", max_part),
    ) else {
        return out;
    };
    let targets: HashMap<String, String> = REL
        .find_iter(&rels)
        .filter_map(|m| {
            Some((
                attr(&ATTR_ID, m.as_bytes())?,
                attr(&ATTR_TARGET, m.as_bytes())?,
            ))
        })
        .collect();
    for sheet in SHEET.find_iter(&workbook) {
        let (Some(name), Some(rid)) = (
            attr(&ATTR_NAME, sheet.as_bytes()),
            attr(&ATTR_RID, sheet.as_bytes()),
        ) else {
            continue;
        };
        let Some(target) = targets.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        if let Some(xml) = part(&mut zip, &path, max_part) {
            let mut layout = layout_of(&xml);
            if memmem::find(&xml, b"hidden").is_some() {
                let tables = table_parts(&mut zip, &path, max_part);
                layout.hidden_rows = super::xlsx_rows::hidden_rows(&xml, &tables);
            }
            out.layouts.insert(unescape(&name), layout);
        }
    }
    out
}

/// The XML of the tables a sheet links to (their AutoFilters hide rows too).
fn table_parts(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    sheet_path: &str,
    max_part: u64,
) -> Vec<Vec<u8>> {
    let (dir, file) = sheet_path.rsplit_once('/').unwrap_or(("", sheet_path));
    let Some(rels) = part(zip, &format!("{dir}/_rels/{file}.rels"), max_part) else {
        return Vec::new();
    };
    super::xlsx_rows::table_targets(&rels, dir)
        .iter()
        .filter_map(|path| part(zip, path, max_part))
        .collect()
}

/// The first shared-string table (any `…sharedStrings.xml`, as calamine finds it wherever
/// the workbook lives) whose `uniqueCount` is more than its bytes could hold.
fn overcounted_strings(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<(String, u64)> {
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        .collect();
    for name in names {
        let Ok(file) = zip.by_name(&name) else {
            continue;
        };
        let size = file.size();
        // The count is an attribute of the root element, in the first few hundred bytes.
        let mut head = Vec::new();
        if file.take(4096).read_to_end(&mut head).is_err() {
            continue;
        }
        let count = UNIQUE_COUNT
            .captures(&head)
            .map(|c| decimal(&c[1]))
            .unwrap_or(0);
        if count > size / BYTES_PER_SHARED_STRING {
            return Some((name, count));
        }
    }
    None
}

/// Decimal digits as a number, saturating (a count of 30 digits is as impossible as 2^64).
fn decimal(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    })
}

fn layout_of(xml: &[u8]) -> SheetLayout {
    let data_start = memmem::find(xml, b"<sheetData")
        .or_else(|| memmem::find(xml, b":sheetData"))
        .unwrap_or(xml.len());
    let data_end = memmem::rfind(xml, b"sheetData>").map_or(data_start, |i| i + "sheetData>".len());
    let head = &xml[..data_start];
    let tail = &xml[data_end.max(data_start)..];
    let merged = MERGE
        .captures_iter(tail)
        .filter_map(|c| {
            let start = CellAt::parse_a1(std::str::from_utf8(&c[1]).ok()?)?;
            let end = match c.get(2) {
                Some(m) => CellAt::parse_a1(std::str::from_utf8(m.as_bytes()).ok()?)?,
                None => start,
            };
            Some(RangeAt::new(start, end))
        })
        .collect();
    let mut column_widths = Vec::new();
    for col in COL.find_iter(head) {
        let number = |re: &Regex| attr(re, col.as_bytes()).and_then(|v| v.parse::<u32>().ok());
        let (Some(min), Some(max)) = (number(&ATTR_MIN), number(&ATTR_MAX)) else {
            continue;
        };
        let Some(width) = attr(&ATTR_WIDTH, col.as_bytes()).and_then(|w| w.parse::<f64>().ok())
        else {
            continue;
        };
        // `<col min="1" max="16384">` styles whole sheets: keep widths for used-looking spans.
        for c in min.max(1)..=max.min(min.saturating_add(255)).min(16_384) {
            column_widths.push((c - 1, width));
        }
    }
    let dimension = DIMENSION
        .captures(head)
        .and_then(|c| c.get(1))
        .and_then(|m| {
            m.as_bytes()
                .split(|&b| b == b':')
                .find(|r| oversized_reference(r))
        });
    let scan = scan_tags(&xml[data_start..data_end.max(data_start)]);
    let shown = |r: &[u8]| String::from_utf8_lossy(&r[..r.len().min(24)]).into_owned();
    // A row's `r` is only a number: the cell after it names the place (`A99999999`, not
    // `99999999`), and a row whose cells carry no `r` starts in column A.
    let outside_grid = dimension
        .or(scan.outside_grid)
        .map(shown)
        .or_else(|| scan.row_outside_grid.map(|row| format!("A{}", shown(row))));
    let shared_index_past = scan
        .largest_shared_index
        .filter(|si| *si > xml.len() as u64 / BYTES_PER_SHARED_INDEX);
    SheetLayout {
        merged,
        column_widths,
        outside_grid,
        shared_index_past,
        hidden_rows: BTreeMap::new(),
    }
}

/// A reference calamine would take for a cell past Excel's grid (`XFD1048576`): more than 3
/// letters or more than 7 digits after them. Like calamine, this reads the leading letters
/// and the digits after them and ignores what follows: `FPerubahan t=` (a lost quote) is
/// read letter by letter until the space, which is where calamine's column overflows.
fn oversized_reference(reference: &[u8]) -> bool {
    let r = reference.strip_prefix(b"$").unwrap_or(reference);
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let r = &r[letters..];
    let r = r.strip_prefix(b"$").unwrap_or(r);
    let digits = r.iter().take_while(|b| b.is_ascii_digit()).count();
    letters > 3 || digits > 7
}

/// What one pass over the tags of the sheet data finds.
#[derive(Default)]
struct TagScan<'a> {
    /// The first `r` attribute of a cell whose value is an oversized reference.
    outside_grid: Option<&'a [u8]>,
    /// The first oversized row number (`<row r="99999999">`), when no cell names the place.
    row_outside_grid: Option<&'a [u8]>,
    /// The largest `si` of an `<f>` (shared formula) tag.
    largest_shared_index: Option<u64>,
}

/// One forward pass that jumps from tag to tag and from quote to quote, so text between
/// tags that happens to read `r="…"` is left alone, whichever quote and spacing the
/// attributes use. Stops at the first oversized cell reference.
fn scan_tags(data: &[u8]) -> TagScan<'_> {
    let mut scan = TagScan::default();
    let mut pos = 0;
    while let Some(lt) = memchr::memchr(b'<', &data[pos..]) {
        let tag_start = pos + lt + 1;
        let name_end = data[tag_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(data.len(), |n| tag_start + n);
        let tag = &data[tag_start..name_end];
        let is_formula = tag == b"f" || tag.ends_with(b":f");
        let mut i = name_end;
        loop {
            let Some(at) = memchr::memchr3(b'>', b'"', b'\'', &data[i..]).map(|n| i + n) else {
                return scan;
            };
            if data[at] == b'>' {
                pos = at + 1;
                break;
            }
            let quote = data[at];
            let Some(len) = memchr::memchr(quote, &data[at + 1..]) else {
                return scan;
            };
            let value = &data[at + 1..at + 1 + len];
            match attribute_name(&data[tag_start..at]) {
                b"r" if oversized_reference(value) => {
                    if value.iter().all(u8::is_ascii_digit) {
                        scan.row_outside_grid.get_or_insert(value);
                    } else {
                        scan.outside_grid = Some(value);
                        return scan;
                    }
                }
                b"si" if is_formula => {
                    let digits = value.trim_ascii();
                    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                        let si = decimal(digits);
                        scan.largest_shared_index = scan.largest_shared_index.max(Some(si));
                    }
                }
                _ => {}
            }
            i = at + 1 + len + 1;
        }
    }
    scan
}

/// The name of the attribute whose value starts after `before`: `… r = ` → `r`.
fn attribute_name(before: &[u8]) -> &[u8] {
    let trimmed = before.trim_ascii_end();
    let Some(name) = trimmed.strip_suffix(b"=") else {
        return b"";
    };
    let name = name.trim_ascii_end();
    let start = name
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |i| i + 1);
    &name[start..]
}

/// The part `name` (found case-insensitively), unpacked, when it declares at most
/// `max_part` bytes. The read stops one byte past the declared size whatever the zip layer
/// does, so a part lying about its size cannot unpack past the limit either.
pub(super) fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max_part: u64,
) -> Option<Vec<u8>> {
    let index = zip.index_for_name(name).or_else(|| {
        zip.file_names()
            .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    let file = zip.by_index(index).ok()?;
    let declared = file.size();
    if declared > max_part {
        return None;
    }
    let mut out = Vec::with_capacity(usize::try_from(declared).ok()?);
    file.take(declared + 1).read_to_end(&mut out).ok()?;
    (out.len() as u64 <= declared).then_some(out)
}

pub(super) fn attr(re: &Regex, tag: &[u8]) -> Option<String> {
    re.captures(tag)
        .and_then(|c| std::str::from_utf8(&c[1]).ok().map(str::to_string))
}

pub(super) fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_merges_after_and_widths_before_the_cell_data() {
        let xml = br#"<worksheet><cols><col min="2" max="3" width="40.5" customWidth="1"/></cols>
            <sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>
            <mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="E4:E5"/></mergeCells></worksheet>"#;
        let layout = layout_of(xml);
        assert_eq!(
            layout.merged,
            vec![
                RangeAt::new(CellAt::new(0, 0), CellAt::new(0, 2)),
                RangeAt::new(CellAt::new(3, 4), CellAt::new(4, 4)),
            ]
        );
        assert_eq!(layout.column_widths, vec![(1, 40.5), (2, 40.5)]);
    }

    #[test]
    fn merge_like_text_inside_cells_is_not_a_merge() {
        let xml = br#"<worksheet><sheetData><row><c t="inlineStr"><is><t>&lt;mergeCell ref="A1:B2"/&gt;</t></is></c></row></sheetData></worksheet>"#;
        assert!(layout_of(xml).merged.is_empty());
    }

    #[test]
    fn references_past_the_grid_are_found_in_tags_only() {
        let sheet = |dimension: &str, cells: &str| {
            format!(
                r#"<worksheet><dimension ref="{dimension}"/><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
            )
        };
        let outside = |xml: String| layout_of(xml.as_bytes()).outside_grid;
        let fine = r#"<c r="XFD1048576" s="1"><v>1</v></c><c r="$A$1"/>"#;
        assert_eq!(outside(sheet("A1:XFD1048576", fine)), None);
        // Cell text that reads like an attribute is text.
        let text = r#"<c r="A1" t="inlineStr"><is><t> r="AAAAAAAAAA2"</t></is></c>"#;
        assert_eq!(outside(sheet("A1", text)), None);
        for (dimension, cells, found) in [
            ("A1", r#"<c r="AAAAAAAAAA2"><v>1</v></c>"#, "AAAAAAAAAA2"),
            ("A1", "<c\n r=\"ZZZZ2\"/>", "ZZZZ2"),
            ("A1", r#"<c r="A99999999"/>"#, "A99999999"),
            ("A1:AAAAAAAAA9", "", "AAAAAAAAA9"),
            (
                "A1",
                r#"<c r="FPerubahan t="s"><v>1</v></c>"#,
                "FPerubahan t=",
            ),
            ("A1", "<c s='1' r = 'AAAAAAAAAA2'/>", "AAAAAAAAAA2"),
        ] {
            let cells = cells.replace("\\n", "\n");
            assert_eq!(outside(sheet(dimension, &cells)).as_deref(), Some(found));
        }
    }

    #[test]
    fn a_shared_formula_index_past_the_sheet_size_is_found() {
        let sheet = |si: &str| {
            format!(
                r#"<worksheet><sheetData><row r="1"><c r="B1"><f t="shared" ref="B1:B2" si="{si}">A1*2</f><v>2</v></c><c r="C1" si="99999999999"><v>1</v></c></row></sheetData></worksheet>"#
            )
        };
        assert_eq!(layout_of(sheet("0").as_bytes()).shared_index_past, None);
        assert_eq!(layout_of(sheet("3").as_bytes()).shared_index_past, None);
        assert_eq!(
            layout_of(sheet("4000000000").as_bytes()).shared_index_past,
            Some(4_000_000_000)
        );
    }

    fn zip_with(name: &str, content: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_part_is_read_only_within_the_limit() {
        let bytes = zip_with("xl/workbook.xml", &[b'x'; 1000]);
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(
            part(&mut zip, "XL/Workbook.xml", 1000).map(|p| p.len()),
            Some(1000)
        );
        assert_eq!(part(&mut zip, "xl/workbook.xml", 999), None);
    }

    #[test]
    fn shared_strings_counting_more_than_their_bytes_are_found() {
        let strings = |count: &str| {
            format!(
                r#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="{count}"><si><t>a</t></si></sst>"#
            )
        };
        let found = |count: &str| {
            let bytes = zip_with("xl/sharedStrings.xml", strings(count).as_bytes());
            let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
            overcounted_strings(&mut zip)
        };
        assert_eq!(found("1"), None);
        assert_eq!(
            found("4000000000"),
            Some(("xl/sharedStrings.xml".to_string(), 4_000_000_000))
        );
    }

    #[test]
    fn a_row_past_the_grid_is_named_by_its_cell() {
        let outside = |rows: &str| {
            let xml = format!("<worksheet><sheetData>{rows}</sheetData></worksheet>");
            layout_of(xml.as_bytes()).outside_grid
        };
        // Excel writes the row number on the row too; the cell is what the user looks for.
        let both = r#"<row r="99999999"><c r="C99999999"><v>1</v></c></row>"#;
        assert_eq!(outside(both).as_deref(), Some("C99999999"));
        // A cell without `r` is the row's first: column A.
        let bare = r#"<row r="99999999"><c><v>1</v></c></row>"#;
        assert_eq!(outside(bare).as_deref(), Some("A99999999"));
        let empty_row = r#"<row r="99999999"/>"#;
        assert_eq!(outside(empty_row).as_deref(), Some("A99999999"));
    }
}
