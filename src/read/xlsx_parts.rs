//! What calamine does not give cheaply for xlsx: merged ranges, column widths and hidden rows. calamine's
//! merged-cell API parses the whole sheet XML again (a third pass over a large sheet); both
//! lists sit outside `<sheetData>` — `<cols>` before it, `<mergeCells>` after it — so they
//! are found here by searching the unpacked sheet part around the cell data.

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
    /// Hidden rows and why (see `xlsx_rows`).
    pub hidden_rows: BTreeMap<u32, HiddenRow>,
}

pub(super) static SHEET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<(?:\w+:)?sheet\b[^>]*>"#).unwrap());
pub(super) static ATTR_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bname="([^"]*)""#).unwrap());
pub(super) static ATTR_RID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\br:id="([^"]*)""#).unwrap());
pub(super) static REL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<(?:\w+:)?Relationship\b[^>]*>"#).unwrap());
pub(super) static ATTR_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bId="([^"]*)""#).unwrap());
pub(super) static ATTR_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bTarget="([^"]*)""#).unwrap());
static MERGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<(?:\w+:)?mergeCell\b[^>]*\bref="\$?([A-Za-z]{1,3}\$?\d+)(?::\$?([A-Za-z]{1,3}\$?\d+))?""#).unwrap()
});
static DIMENSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)""#).unwrap());
static COL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"<(?:\w+:)?col\b[^>]*>"#).unwrap());
static ATTR_MIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\bmin="(\d+)""#).unwrap());
static ATTR_MAX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\bmax="(\d+)""#).unwrap());
static ATTR_WIDTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bwidth="([0-9.]+)""#).unwrap());

/// The layout of every sheet, by sheet name. A part that cannot be found or read gives an
/// empty layout: merges and widths are presentation, and the cells are read by calamine.
pub fn sheet_layouts(bytes: &[u8]) -> HashMap<String, SheetLayout> {
    let mut out = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    let (Some(workbook), Some(rels)) = (
        part(&mut zip, "xl/workbook.xml"),
        part(&mut zip, "xl/_rels/workbook.xml.rels"),
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
        if let Some(xml) = part(&mut zip, &path) {
            let mut layout = layout_of(&xml);
            if memmem::find(&xml, b"hidden").is_some() {
                let tables = table_parts(&mut zip, &path);
                layout.hidden_rows = super::xlsx_rows::hidden_rows(&xml, &tables);
            }
            out.insert(unescape(&name), layout);
        }
    }
    out
}

/// The XML of the tables a sheet links to (their AutoFilters hide rows too).
fn table_parts(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, sheet_path: &str) -> Vec<Vec<u8>> {
    let (dir, file) = sheet_path.rsplit_once('/').unwrap_or(("", sheet_path));
    let Some(rels) = part(zip, &format!("{dir}/_rels/{file}.rels")) else {
        return Vec::new();
    };
    super::xlsx_rows::table_targets(&rels, dir)
        .iter()
        .filter_map(|path| part(zip, path))
        .collect()
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
    let shown = |r: &[u8]| String::from_utf8_lossy(&r[..r.len().min(24)]).into_owned();
    let outside_grid = dimension
        .map(shown)
        .or_else(|| oversized_cell_reference(&xml[data_start..data_end.max(data_start)], shown));
    SheetLayout {
        merged,
        column_widths,
        outside_grid,
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

/// The first `r` attribute of a tag in the sheet data whose value is an oversized reference,
/// as `shown` writes it. One forward pass that jumps from tag to tag and from quote to quote,
/// so text between tags that happens to read `r="…"` is left alone, whichever quote and
/// spacing the attributes use. A row's `r` is only a number: the cell after it names the
/// place (`A99999999`, not `99999999`), and a row whose cells carry no `r` starts in column A.
fn oversized_cell_reference(data: &[u8], shown: impl Fn(&[u8]) -> String) -> Option<String> {
    let mut row = None;
    let found = oversized_reference_in_tags(data, |value| {
        if value.iter().all(u8::is_ascii_digit) {
            row.get_or_insert_with(|| format!("A{}", shown(value)));
            false
        } else {
            true
        }
    });
    found.map(shown).or(row)
}

/// The first oversized `r` value in a tag that `accept` takes.
fn oversized_reference_in_tags(
    data: &[u8],
    mut accept: impl FnMut(&[u8]) -> bool,
) -> Option<&[u8]> {
    let mut pos = 0;
    while let Some(lt) = memchr::memchr(b'<', &data[pos..]) {
        let tag_start = pos + lt + 1;
        let mut i = tag_start;
        loop {
            let at = i + memchr::memchr3(b'>', b'"', b'\'', &data[i..])?;
            if data[at] == b'>' {
                pos = at + 1;
                break;
            }
            let quote = data[at];
            let len = memchr::memchr(quote, &data[at + 1..])?;
            let value = &data[at + 1..at + 1 + len];
            if attribute_name(&data[tag_start..at]) == b"r"
                && oversized_reference(value)
                && accept(value)
            {
                return Some(value);
            }
            i = at + 1 + len + 1;
        }
    }
    None
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

pub(super) fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let index = zip.index_for_name(name).or_else(|| {
        zip.file_names()
            .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    let mut file = zip.by_index(index).ok()?;
    let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 28));
    file.read_to_end(&mut out).ok()?;
    Some(out)
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
