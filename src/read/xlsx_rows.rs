//! Which rows of an xlsx sheet Excel hides, and why, for SUBTOTAL: `SUBTOTAL(9,…)` skips the
//! rows an AutoFilter hides, `SUBTOTAL(109,…)` also those hidden by hand. calamine reads no
//! row visibility.
//!
//! A row is hidden when its `<row>` says `hidden="1"`. It counts as filtered when it lies
//! below the header row of an AutoFilter that has a criterion (`<filterColumn>`), the
//! sheet's own (`<autoFilter ref="A9:Q1054">` after the cell data) or a table's
//! (`xl/tables/tableN.xml`, linked from the sheet's relationships); any other hidden row was
//! hidden by hand. Knows nothing of cells.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use memchr::memmem;
use regex::bytes::Regex;

use crate::model::{CellAt, HiddenRow, RangeAt};

// ASCII patterns, compiled without Unicode: see `xlsx_parts`.
static ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)<(?:\w+:)?row\b[^>]*>"#).unwrap());
static ATTR_R: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\br\s*=\s*["'](\d+)["']"#).unwrap());
static ATTR_HIDDEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bhidden\s*=\s*["'](1|true)["']"#).unwrap());
static TABLE_RELATIONSHIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u)<(?:\w+:)?Relationship\b[^>]*\bType="[^"]*/table"[^>]*>"#).unwrap()
});
static ATTR_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?-u)\bTarget="([^"]*)""#).unwrap());
static AUTO_FILTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u)(?s)<(?:\w+:)?autoFilter\b[^>]*?\bref="\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)"[^>]*?(/>|>(.*?)</(?:\w+:)?autoFilter>)"#).unwrap()
});

/// The rows an active AutoFilter covers: its range without the header row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActiveFilter(RangeAt);

/// The active AutoFilters in a sheet's or a table's XML (a filter without a criterion hides
/// nothing: rows hidden under it were hidden by hand).
pub fn active_filters(xml: &[u8]) -> Vec<ActiveFilter> {
    AUTO_FILTER
        .captures_iter(xml)
        .filter(|c| {
            c.get(6)
                .is_some_and(|body| memmem::find(body.as_bytes(), b"filterColumn").is_some())
        })
        .filter_map(|c| {
            let cell = |letters: usize, digits: usize| {
                let text = format!(
                    "{}{}",
                    std::str::from_utf8(&c[letters]).ok()?,
                    std::str::from_utf8(&c[digits]).ok()?
                );
                CellAt::parse_a1(&text)
            };
            let range = RangeAt::new(cell(1, 2)?, cell(3, 4)?);
            Some(ActiveFilter(range))
        })
        .collect()
}

/// The parts of the tables a sheet links to (`Type=".../table"` in its relationships
/// part), resolved against the sheet's folder (`xl/worksheets`).
pub fn table_targets(sheet_rels: &[u8], sheet_dir: &str) -> Vec<String> {
    TABLE_RELATIONSHIP
        .find_iter(sheet_rels)
        .filter_map(|m| ATTR_TARGET.captures(m.as_bytes()))
        .filter_map(|c| {
            std::str::from_utf8(&c[1])
                .ok()
                .map(|t| resolve(sheet_dir, t))
        })
        .collect()
}

/// `../tables/table4.xml` from `xl/worksheets` → `xl/tables/table4.xml`.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The hidden rows of a sheet (zero-based) and why, given its XML and the XML of its
/// tables. One pass over the `<row>` tags, skipped entirely when no row is hidden.
pub fn hidden_rows(sheet_xml: &[u8], tables: &[Vec<u8>]) -> BTreeMap<u32, HiddenRow> {
    let mut out = BTreeMap::new();
    let Some(data_start) = memmem::find(sheet_xml, b"sheetData") else {
        return out;
    };
    let data_end = memmem::rfind(sheet_xml, b"sheetData").unwrap_or(sheet_xml.len());
    let data = &sheet_xml[data_start..data_end.max(data_start)];
    if memmem::find(data, b"hidden").is_none() {
        return out;
    }
    let mut filters = active_filters(&sheet_xml[data_end.min(sheet_xml.len())..]);
    filters.extend(tables.iter().flat_map(|t| active_filters(t)));
    // A `<row>` without `r` follows the one before it.
    let mut next: u32 = 0;
    for tag in ROW.find_iter(data) {
        let tag = tag.as_bytes();
        let row = ATTR_R
            .captures(tag)
            .and_then(|c| std::str::from_utf8(&c[1]).ok()?.parse::<u32>().ok())
            .and_then(|r| r.checked_sub(1))
            .unwrap_or(next);
        next = row.saturating_add(1);
        if !ATTR_HIDDEN.is_match(tag) {
            continue;
        }
        let filtered = filters
            .iter()
            .any(|ActiveFilter(range)| row > range.start.row && row <= range.end.row);
        let why = if filtered {
            HiddenRow::Filtered
        } else {
            HiddenRow::ByHand
        };
        out.insert(row, why);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILTERED: &str = r#"<worksheet><sheetData>
        <row r="9"><c r="A9"/></row><row r="10" hidden="1"/><row r="11" spans="1:3" hidden="1" x14ac:dyDescent="0.2"/>
        <row hidden="1"/><row r="20" hidden="0"/><row r="30" hidden="1"/>
        </sheetData><autoFilter ref="A9:Q20"><filterColumn colId="2"><filters><filter val="1"/></filters></filterColumn></autoFilter></worksheet>"#;

    #[test]
    fn rows_under_an_active_filter_are_filtered_the_others_hidden_by_hand() {
        let rows = hidden_rows(FILTERED.as_bytes(), &[]);
        let seen: Vec<(u32, HiddenRow)> = rows.into_iter().collect();
        assert_eq!(
            seen,
            vec![
                (9, HiddenRow::Filtered),
                (10, HiddenRow::Filtered),
                (11, HiddenRow::Filtered),
                (29, HiddenRow::ByHand),
            ]
        );
    }

    #[test]
    fn a_filter_without_a_criterion_filters_nothing() {
        let xml = FILTERED.replace(
            r#"<filterColumn colId="2"><filters><filter val="1"/></filters></filterColumn>"#,
            "",
        );
        assert!(active_filters(xml.as_bytes()).is_empty());
        let rows = hidden_rows(xml.as_bytes(), &[]);
        assert!(rows.values().all(|w| *w == HiddenRow::ByHand), "{rows:?}");
        // A table's active filter over the same rows makes them filtered again.
        let table = r#"<table ref="A9:Q21"><autoFilter ref="A9:Q20"><filterColumn colId="0"><customFilters><customFilter operator="greaterThan" val="20"/></customFilters></filterColumn></autoFilter></table>"#;
        let rows = hidden_rows(xml.as_bytes(), &[table.as_bytes().to_vec()]);
        assert_eq!(rows.get(&9), Some(&HiddenRow::Filtered));
        assert_eq!(rows.get(&29), Some(&HiddenRow::ByHand));
    }

    #[test]
    fn tables_are_found_in_the_sheet_relationships() {
        let rels = br#"<Relationships><Relationship Id="rId2" Type="http://x/drawing" Target="../drawings/d1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table4.xml"/></Relationships>"#;
        assert_eq!(
            table_targets(rels, "xl/worksheets"),
            vec!["xl/tables/table4.xml"]
        );
    }

    #[test]
    fn targets_resolve_against_the_sheet_folder() {
        assert_eq!(
            resolve("xl/worksheets", "../tables/table4.xml"),
            "xl/tables/table4.xml"
        );
        assert_eq!(
            resolve("xl/worksheets", "/xl/tables/t.xml"),
            "xl/tables/t.xml"
        );
    }
}
