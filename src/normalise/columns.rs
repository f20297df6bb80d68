//! Finds the columns whose header tells how their texts must be read before any number
//! parsing: "Kode …" columns hold budget codes, "No." columns hold numbering (`1.1`, `I`, `A`).
//!
//! Knows only header texts and merged ranges; nothing of the tables' structure (header rows,
//! column roles for amounts: that is `tables/`, which runs after normalise).

use crate::codes::ColumnHint;
use crate::model::{CellAt, RangeAt, Raw, Sheet};

/// The hint a header text gives its column's cells, if any.
pub fn column_hint(text: &str) -> Option<ColumnHint> {
    let t = text.trim();
    if t.get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("kode"))
    {
        return Some(ColumnHint::Code);
    }
    if t.eq_ignore_ascii_case("no") || t.eq_ignore_ascii_case("no.") {
        return Some(ColumnHint::Numbering);
    }
    if names_code_level(t) {
        return Some(ColumnHint::Level);
    }
    None
}

/// `URUSAN`, `BIDANG URUSAN/BIDANG UNSUR`, `SUB KEGIATAN`: the whole header is the name of a
/// code level (or two, split by `/`). `PROGRAM KEGIATAN SUB KEGIATAN` over names is not.
fn names_code_level(text: &str) -> bool {
    const LEVELS: [&str; 10] = [
        "URUSAN",
        "UNSUR",
        "BIDANG",
        "BIDANG URUSAN",
        "BIDANG UNSUR",
        "PROGRAM",
        "KEGIATAN",
        "SUB KEGIATAN",
        "SUB-KEGIATAN",
        "SUBKEGIATAN",
    ];
    text.split('/').all(|part| {
        let words = part.split_whitespace().collect::<Vec<_>>().join(" ");
        LEVELS.iter().any(|l| l.eq_ignore_ascii_case(&words))
    })
}

/// The headers of one sheet, by column.
#[derive(Debug, Default)]
pub struct ColumnHints {
    /// For each column: (last row of the header, role), ordered by row. A sheet may hold
    /// several tables one under another, so a column can have more than one header.
    by_col: Vec<Vec<(u32, ColumnHint)>>,
}

impl ColumnHints {
    /// Scans the sheet's text cells for headers. A header that is the top-left cell of a
    /// merged range covers every column of the range, and the cells below its last row.
    pub fn find(sheet: &Sheet) -> ColumnHints {
        let mut hints = ColumnHints::default();
        for (at, cell) in &sheet.cells {
            let Raw::Text(text) = &cell.raw else { continue };
            let Some(role) = column_hint(text) else {
                continue;
            };
            // Under a Kode column, `Urusan` or `Program` is a label in the table, not the
            // header of a code split over columns.
            if role == ColumnHint::Level && hints.hint(*at) == Some(ColumnHint::Code) {
                continue;
            }
            let area = sheet
                .merged
                .iter()
                .find(|r| r.start == *at)
                .copied()
                .unwrap_or(RangeAt::new(*at, *at));
            for col in area.start.col..=area.end.col {
                let col = col as usize;
                if hints.by_col.len() <= col {
                    hints.by_col.resize_with(col + 1, Vec::new);
                }
                hints.by_col[col].push((area.end.row, role));
            }
        }
        for headers in &mut hints.by_col {
            headers.sort_by_key(|(row, _)| *row);
        }
        hints
    }

    /// The role of the nearest header above `at` in its column.
    pub fn hint(&self, at: CellAt) -> Option<ColumnHint> {
        self.by_col
            .get(at.col as usize)?
            .iter()
            .rev()
            .find(|(header_row, _)| *header_row < at.row)
            .map(|(_, role)| *role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn text(sheet: &mut Sheet, a1: &str, t: &str) {
        let cell = Cell {
            raw: Raw::Text(t.into()),
            ..Cell::default()
        };
        sheet.cells.insert(CellAt::parse_a1(a1).unwrap(), cell);
    }

    #[test]
    fn recognises_header_texts() {
        for (header, role) in [
            ("Kode", Some(ColumnHint::Code)),
            ("KODE REKENING", Some(ColumnHint::Code)),
            (" kode program ", Some(ColumnHint::Code)),
            ("No", Some(ColumnHint::Numbering)),
            ("No.", Some(ColumnHint::Numbering)),
            ("NO", Some(ColumnHint::Numbering)),
            ("Nomor Urut", None),
            ("URUSAN/UNSUR", Some(ColumnHint::Level)),
            ("BIDANG URUSAN/BIDANG UNSUR", Some(ColumnHint::Level)),
            ("Sub  Kegiatan", Some(ColumnHint::Level)),
            ("KEGIATAN", Some(ColumnHint::Level)),
            ("PROGRAM KEGIATAN SUB KEGIATAN", None),
            ("Nama Kegiatan", None),
            ("Uraian", None),
            ("Kod", None),
            ("Ko€", None),
        ] {
            assert_eq!(column_hint(header), role, "{header:?}");
        }
    }

    #[test]
    fn merged_headers_cover_their_columns_below_their_last_row() {
        let mut sheet = Sheet::new("Renja");
        text(&mut sheet, "A3", "No");
        text(&mut sheet, "B3", "KODE");
        sheet.merged.push(RangeAt::new(
            CellAt::parse_a1("B3").unwrap(),
            CellAt::parse_a1("F4").unwrap(),
        ));
        text(&mut sheet, "G3", "Uraian");
        let hints = ColumnHints::find(&sheet);
        let role = |a1| hints.hint(CellAt::parse_a1(a1).unwrap());
        assert_eq!(role("A4"), Some(ColumnHint::Numbering));
        assert_eq!(role("A3"), None);
        assert_eq!(role("B4"), None, "inside the merged header");
        assert_eq!(role("B5"), Some(ColumnHint::Code));
        assert_eq!(role("F9"), Some(ColumnHint::Code));
        assert_eq!(role("G9"), None);
        assert_eq!(role("Z9"), None);
    }

    #[test]
    fn a_later_tables_header_takes_over_below_it() {
        let mut sheet = Sheet::new("Renja");
        text(&mut sheet, "A1", "Kode");
        text(&mut sheet, "A20", "No.");
        let hints = ColumnHints::find(&sheet);
        let role = |a1| hints.hint(CellAt::parse_a1(a1).unwrap());
        assert_eq!(role("A2"), Some(ColumnHint::Code));
        assert_eq!(role("A19"), Some(ColumnHint::Code));
        assert_eq!(role("A21"), Some(ColumnHint::Numbering));
    }
}
