//! Reads HTML tables — what budget web apps "export to Excel" and what Excel itself writes as
//! "Web Page" — into sheets: every `<table>` becomes one sheet, cells at the grid position a
//! browser gives them (`colspan`/`rowspan` become merged ranges), text as a person sees it
//! (`<br>` a line break, entities decoded, runs of white space one space).
//!
//! Excel's own HTML carries what the cell was: `x:num="12313"` is the number, and
//! `mso-number-format` (inline or through a class in `<style>`) is the number format, where
//! `\@` means text. Everything else stays text for the normalise stage to read.
//!
//! Nested tables: a `<table>` inside a cell is read as a sheet of its own (web apps use outer
//! tables for layout); the outer cell keeps only its own text. Text outside any table (the
//! `<h2>` headings above an export) is not read: cell addresses are those of the table's own
//! grid, A1 its first cell. Knows nothing of numbers, codes or MIME.

use std::collections::HashMap;
use std::sync::Arc;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::cell_values::FormatInterner;
use super::error::ReadError;
use super::limits::ReadLimits;
use crate::model::{Cell, CellAt, RangeAt, Raw, Sheet, MAX_COL, MAX_ROW};

/// HTML's own limits on spans: larger values are clamped, as browsers do.
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 65_534;

/// Reads every table of the page as a sheet, in document order. Tables without a filled
/// cell are left out; an empty result means the page has no table to read.
///
/// # Errors
/// [`ReadError::TooManyCells`] when a table has more cells than the limit allows.
pub(super) fn read_tables(
    file: &std::path::Path,
    html: &str,
    limits: &ReadLimits,
) -> Result<Vec<Sheet>, ReadError> {
    let document = Html::parse_document(html);
    let classes = class_formats(&document);
    let title = page_title(&document);
    let tables: Vec<NodeRef<'_, Node>> = document
        .tree
        .root()
        .descendants()
        .filter(|n| is_element(*n, "table"))
        .collect();
    let mut formats = FormatInterner::default();
    let mut sheets: Vec<Sheet> = Vec::new();
    let mut names = SheetNames::default();
    for (index, table) in tables.iter().enumerate() {
        let mut sheet = Sheet::new(String::new());
        read_table(*table, &classes, &mut formats, &mut sheet, limits).map_err(|()| {
            ReadError::TooManyCells {
                file: file.to_path_buf(),
                sheet: format!("Tabel {}", index + 1),
                limit: limits.max_cells_per_sheet,
            }
        })?;
        if sheet.cells.is_empty() {
            continue;
        }
        let caption = table
            .children()
            .find(|c| is_element(*c, "caption"))
            .map(cell_text)
            .filter(|t| !t.is_empty());
        let wanted = caption.or_else(|| (tables.len() == 1).then(|| title.clone()).flatten());
        sheet.name = names.unique(wanted.as_deref(), index + 1);
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_table(
    table: NodeRef<'_, Node>,
    classes: &HashMap<String, String>,
    formats: &mut FormatInterner,
    sheet: &mut Sheet,
    limits: &ReadLimits,
) -> Result<(), ()> {
    let mut grid = SpanGrid::default();
    for (row, tr) in table_rows(table).into_iter().enumerate() {
        let Ok(row) = u32::try_from(row) else { break };
        if row > MAX_ROW {
            break;
        }
        let mut col = 0u32;
        for td in tr
            .children()
            .filter(|c| is_element(*c, "td") || is_element(*c, "th"))
        {
            col = grid.next_free(row, col);
            if col > MAX_COL {
                break;
            }
            let colspan = span(td, "colspan", MAX_COLSPAN);
            let rowspan = span(td, "rowspan", MAX_ROWSPAN);
            let at = CellAt::new(row, col);
            if colspan > 1 || rowspan > 1 {
                let end = CellAt::new(
                    (row + rowspan - 1).min(MAX_ROW),
                    (col + colspan - 1).min(MAX_COL),
                );
                grid.spans.push(RangeAt::new(at, end));
            }
            if let Some(cell) = read_cell(td, classes, formats) {
                if sheet.cells.len() >= limits.max_cells_per_sheet {
                    return Err(());
                }
                sheet.cells.insert(at, cell);
            }
            col = col.saturating_add(colspan);
        }
        grid.rows = row + 1;
    }
    // A rowspan past the last row stops at the table's end, as in a browser.
    let last_row = grid.rows.saturating_sub(1);
    sheet.merged = grid
        .spans
        .into_iter()
        .filter(|r| r.start.row <= last_row)
        .map(|r| RangeAt::new(r.start, CellAt::new(r.end.row.min(last_row), r.end.col)))
        .filter(|r| r.start != r.end)
        .collect();
    Ok(())
}

/// Cells already covered by a `rowspan`/`colspan` from an earlier cell.
#[derive(Default)]
struct SpanGrid {
    spans: Vec<RangeAt>,
    rows: u32,
}

impl SpanGrid {
    /// The first column at or right of `col` in `row` that no earlier span covers.
    fn next_free(&self, row: u32, mut col: u32) -> u32 {
        while let Some(span) = self
            .spans
            .iter()
            .find(|s| s.contains(CellAt::new(row, col)))
        {
            col = span.end.col.saturating_add(1);
        }
        col
    }
}

/// The `<tr>` of this table (directly or in `thead`/`tbody`/`tfoot`), not of nested tables.
fn table_rows(table: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut rows = Vec::new();
    for child in table.children() {
        if is_element(child, "tr") {
            rows.push(child);
        } else if ["thead", "tbody", "tfoot"]
            .iter()
            .any(|n| is_element(child, n))
        {
            rows.extend(child.children().filter(|c| is_element(*c, "tr")));
        }
    }
    rows
}

fn read_cell(
    td: NodeRef<'_, Node>,
    classes: &HashMap<String, String>,
    formats: &mut FormatInterner,
) -> Option<Cell> {
    let element = td.value().as_element()?;
    let format = element
        .attr("style")
        .and_then(mso_number_format)
        .or_else(|| {
            element
                .classes()
                .filter_map(|c| classes.get(c))
                .last()
                .cloned()
        });
    let text = cell_text(td);
    let is_text = format.as_deref() == Some("@");
    let number = match element.attr("x:num") {
        Some(_) if is_text => None,
        Some(v) if !v.trim().is_empty() => v.trim().parse::<f64>().ok(),
        // `x:num` without a value: the shown text is the number, written plainly.
        Some(_) => text.parse::<f64>().ok(),
        None => None,
    };
    let raw = match number {
        Some(n) if n.is_finite() => Raw::Number(n),
        _ if text.is_empty() => return None,
        _ => Raw::Text(text),
    };
    let number_format: Option<Arc<str>> = format
        .filter(|f| !is_text && f != "@")
        .and_then(|f| excel_format_code(&f))
        .and_then(|f| formats.intern(&f));
    Some(Cell {
        raw,
        number_format,
        ..Cell::default()
    })
}

fn span(td: NodeRef<'_, Node>, name: &str, max: u32) -> u32 {
    td.value()
        .as_element()
        .and_then(|e| e.attr(name))
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map_or(1, |n| n.clamp(1, max))
}

fn is_element(node: NodeRef<'_, Node>, name: &str) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.name().eq_ignore_ascii_case(name))
}

/// The text of a cell as a browser shows it: white space collapsed, `<br>` and block
/// boundaries as line breaks, nested tables, scripts and styles left out.
fn cell_text(node: NodeRef<'_, Node>) -> String {
    let mut text = TextBuilder::default();
    text.walk(node);
    text.finish()
}

#[derive(Default)]
struct TextBuilder {
    out: String,
    space: bool,
}

impl TextBuilder {
    fn walk(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.push_text(t),
                Node::Element(e) => match e.name().to_ascii_lowercase().as_str() {
                    "br" => {
                        self.out.push('\n');
                        self.space = false;
                    }
                    "table" | "script" | "style" | "template" => {}
                    "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.line_break();
                        self.walk(child);
                        self.line_break();
                    }
                    _ => self.walk(child),
                },
                _ => {}
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    fn finish(self) -> String {
        self.out.trim_matches(['\n', ' ']).to_string()
    }
}

fn page_title(document: &Html) -> Option<String> {
    let title = document
        .tree
        .root()
        .descendants()
        .find(|n| is_element(*n, "title"))?;
    Some(cell_text(title)).filter(|t| !t.is_empty())
}

/// `mso-number-format` by class, from the page's `<style>` blocks (Excel writes
/// `.xl65 {mso-number-format:"\@";}` and `<td class=xl65>`).
fn class_formats(document: &Html) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for style in document
        .tree
        .root()
        .descendants()
        .filter(|n| is_element(*n, "style"))
    {
        let css: String = style
            .children()
            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
            .collect();
        let css = css.replace("<!--", " ").replace("-->", " ");
        for rule in css.split('}') {
            let Some((selectors, body)) = rule.split_once('{') else {
                continue;
            };
            let Some(format) = mso_number_format(body) else {
                continue;
            };
            for selector in selectors.split(',') {
                let selector = strip_css_comments(selector);
                let last = selector.split_whitespace().next_back().unwrap_or("");
                if let Some((_, class)) = last.rsplit_once('.') {
                    out.insert(class.to_string(), format.clone());
                }
            }
        }
    }
    out
}

fn strip_css_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// The value of `mso-number-format` in a CSS declaration list, unquoted and unescaped:
/// `mso-number-format:"\#\,\#\#0\.00"` → `#,##0.00`, `mso-number-format:'\@'` → `@`.
pub(super) fn mso_number_format(style: &str) -> Option<String> {
    let lower = style.to_ascii_lowercase();
    let start = lower.find("mso-number-format")? + "mso-number-format".len();
    let rest = style[start..].trim_start().strip_prefix(':')?.trim_start();
    let mut value = String::new();
    let mut quote: Option<char> = None;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quote) {
            ('\\', _) => {
                // CSS escape: up to six hex digits (and one space after), or the next char.
                let mut hex = String::new();
                while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                    hex.push(chars.next().unwrap_or('0'));
                }
                if hex.is_empty() {
                    if let Some(next) = chars.next() {
                        value.push(next);
                    }
                } else {
                    if chars.peek() == Some(&' ') {
                        chars.next();
                    }
                    let code = u32::from_str_radix(&hex, 16).ok();
                    value.extend(code.and_then(char::from_u32));
                }
            }
            ('"' | '\'', None) if value.is_empty() => quote = Some(c),
            (q, Some(open)) if q == open => break,
            (';' | '}', None) => break,
            (c, _) => value.push(c),
        }
    }
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// Excel's named formats in HTML (`Standard`, `Percent`) as format codes; other names (`Short
/// Date`) and `General` give none.
fn excel_format_code(format: &str) -> Option<String> {
    match format.to_ascii_lowercase().as_str() {
        "standard" => Some("#,##0.00".into()),
        "percent" => Some("0.00%".into()),
        "fixed" => Some("0.00".into()),
        "general" => None,
        _ if format.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') => None,
        _ => Some(format.to_string()),
    }
}

/// Gives sheets names Excel accepts: at most 31 characters, none of `[]:*?/\`, unique
/// (case-insensitively), `Tabel N` when the page gives none.
#[derive(Default)]
pub(super) struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    pub(super) fn unique(&mut self, wanted: Option<&str>, number: usize) -> String {
        let base = wanted
            .map(sheet_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("Tabel {number}"));
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        self.taken.push(name.clone());
        name
    }
}

/// `text` as a sheet name: forbidden characters dropped, white space single, cut to 31
/// characters at a word boundary where one is near.
pub(super) fn sheet_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
        .collect();
    let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = words.trim_matches('\'');
    if words.chars().count() <= 31 {
        return words.to_string();
    }
    let cut: String = words.chars().take(31).collect();
    let next_is_space = words.chars().nth(31) == Some(' ');
    match cut.rfind(' ') {
        Some(space) if !next_is_space && space >= 16 => cut[..space].to_string(),
        _ => cut.trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets(html: &str) -> Vec<Sheet> {
        read_tables(std::path::Path::new("t.xls"), html, &ReadLimits::default()).unwrap()
    }

    fn text_at(sheet: &Sheet, a1: &str) -> Raw {
        sheet
            .get(CellAt::parse_a1(a1).unwrap())
            .map_or(Raw::Empty, |c| c.raw.clone())
    }

    #[test]
    fn colspan_and_rowspan_place_cells_and_merge() {
        let html = r#"<table>
            <tr><th rowspan="2">No.</th><th rowspan=2>Kode</th><th colspan=" 2">Realisasi</th><th rowspan="3">Sisa</th></tr>
            <tr><th>(Rp)</th><th>(%)</th></tr>
            <tr><td>1</td><td>5.03</td><td>10</td><td>20</td></tr>
            </table>"#;
        let s = &sheets(html)[0];
        assert_eq!(text_at(s, "C1"), Raw::Text("Realisasi".into()));
        assert_eq!(text_at(s, "E1"), Raw::Text("Sisa".into()));
        assert_eq!(text_at(s, "C2"), Raw::Text("(Rp)".into()));
        assert_eq!(text_at(s, "D2"), Raw::Text("(%)".into()));
        // Row 3 flows around E3, still covered by Sisa's rowspan.
        assert_eq!(text_at(s, "D3"), Raw::Text("20".into()));
        assert_eq!(text_at(s, "E3"), Raw::Empty);
        let merged: Vec<String> = s.merged.iter().map(RangeAt::a1).collect();
        assert_eq!(merged, ["A1:A2", "B1:B2", "C1:D1", "E1:E3"]);
    }

    #[test]
    fn rowspan_past_the_end_stops_at_the_last_row() {
        let s =
            &sheets("<table><tr><td rowspan=9>a</td><td>b</td></tr><tr><td>c</td></tr></table>")[0];
        assert_eq!(text_at(s, "B2"), Raw::Text("c".into()));
        assert_eq!(
            s.merged,
            [RangeAt::new(CellAt::new(0, 0), CellAt::new(1, 0))]
        );
    }

    #[test]
    fn text_keeps_line_breaks_and_decodes_entities() {
        let s = &sheets(
            "<table><tr><td>  Belanja&nbsp;Pegawai<br>dan   Barang &amp; Jasa </td>\
             <td><b>41</b><b></b></td></tr></table>",
        )[0];
        assert_eq!(
            text_at(s, "A1"),
            Raw::Text("Belanja\u{a0}Pegawai\ndan Barang & Jasa".into())
        );
        assert_eq!(text_at(s, "B1"), Raw::Text("41".into()));
    }

    #[test]
    fn excel_attributes_give_numbers_formats_and_text() {
        let html = r#"<html><head><style><!--
            .xl65 {mso-number-format:"\@";}
            td.xl66 {mso-number-format:"\#\,\#\#0\.00";}
            --></style></head><body><table>
            <tr><td class=xl65>0041101</td><td class="xl66" x:num="12313">12.313,00</td>
                <td style='mso-number-format:"0\.00%"' x:num="0.8711">87,11%</td>
                <td x:num>1234.5</td><td style="mso-number-format:Standard" x:num="5">5,00</td></tr>
            </table></body></html>"#;
        let s = &sheets(html)[0];
        let a = s.get(CellAt::new(0, 0)).unwrap();
        assert_eq!(
            (a.raw.clone(), a.number_format.clone()),
            (Raw::Text("0041101".into()), None)
        );
        let b = s.get(CellAt::new(0, 1)).unwrap();
        assert_eq!(b.raw, Raw::Number(12313.0));
        assert_eq!(b.number_format.as_deref(), Some("#,##0.00"));
        let c = s.get(CellAt::new(0, 2)).unwrap();
        assert_eq!(
            (c.raw.clone(), c.number_format.as_deref()),
            (Raw::Number(0.8711), Some("0.00%"))
        );
        assert_eq!(text_at(s, "D1"), Raw::Number(1234.5));
        assert_eq!(
            s.get(CellAt::new(0, 4)).unwrap().number_format.as_deref(),
            Some("#,##0.00")
        );
    }

    #[test]
    fn nested_tables_are_sheets_of_their_own() {
        let html = "<table><tr><td>Tata letak<table><tr><td>Pagu</td><td>1.000</td></tr></table></td></tr></table>";
        let all = sheets(html);
        assert_eq!(all.len(), 2);
        assert_eq!(text_at(&all[0], "A1"), Raw::Text("Tata letak".into()));
        assert_eq!(text_at(&all[1], "B1"), Raw::Text("1.000".into()));
        assert_eq!(
            (all[0].name.as_str(), all[1].name.as_str()),
            ("Tabel 1", "Tabel 2")
        );
    }

    #[test]
    fn sheet_names_come_from_caption_or_title_and_are_valid() {
        let one = "<title>Rekap Pelaporan Pendapatan Daerah Tangerang Selatan</title><table><tr><td>x</td></tr></table>";
        assert_eq!(sheets(one)[0].name, "Rekap Pelaporan Pendapatan");
        let two = "<title>t</title><table><caption>Realisasi: 2023/2024</caption><tr><td>x</td></tr></table>\
                   <table><caption>realisasi 20232024</caption><tr><td>y</td></tr></table><table><tr><td>z</td></tr></table>";
        let names: Vec<String> = sheets(two).into_iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            ["Realisasi 20232024", "realisasi 20232024 (2)", "Tabel 3"]
        );
        assert_eq!(sheet_name("Laporan [Q1] *final*?"), "Laporan Q1 final");
    }

    #[test]
    fn a_page_without_a_table_gives_no_sheet() {
        assert!(
            sheets("<html><body><p>Maaf, sesi Anda telah berakhir.</p></body></html>").is_empty()
        );
        assert!(sheets("<table><tr><td> </td></tr></table>").is_empty());
    }

    #[test]
    fn css_escapes_unescape() {
        assert_eq!(
            mso_number_format(r#"mso-number-format:"\@""#).as_deref(),
            Some("@")
        );
        assert_eq!(
            mso_number_format(r#"color:red; MSO-NUMBER-FORMAT: '\0022Rp\0022 \#\,\#\#0'; x:y"#)
                .as_deref(),
            Some("\"Rp\"#,##0")
        );
        assert_eq!(
            mso_number_format("mso-number-format:0%;").as_deref(),
            Some("0%")
        );
        assert_eq!(mso_number_format("color:red"), None);
    }
}
