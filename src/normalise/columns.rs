//! Finds the columns whose header tells how their texts must be read before any number
//! parsing: "Kode …" columns hold budget codes, "No." columns hold numbering (`1.1`, `I`, `A`).
//!
//! Knows only header texts and merged ranges; nothing of the tables' structure (header rows,
//! column roles for amounts: that is `tables/`, which runs after normalise).

use crate::model::{CellAt, RangeAt, Raw, Sheet};

/// How a header makes the texts below it read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// Under `Kode`, `KODE REKENING`, `Kode Program`: budget codes, never amounts.
    Kode,
    /// Under `No`, `No.`, `NO`: numbering such as `1,1`, `1.1`, `I`, `A`, never amounts.
    Numbering,
    /// Under a header naming one level of the code, when the code is split over columns
    /// (`URUSAN/UNSUR | BIDANG URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN` holding
    /// `5 | 1 | 2 | 2.01 | 1`): a part of a code, so `2.01` is kegiatan 2.01, not 2,01.
    CodePart,
}

impl ColumnRole {
    /// The role a header text gives its column, if any.
    pub fn of_header(text: &str) -> Option<ColumnRole> {
        let t = text.trim();
        if t.get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("kode"))
        {
            return Some(ColumnRole::Kode);
        }
        if t.eq_ignore_ascii_case("no") || t.eq_ignore_ascii_case("no.") {
            return Some(ColumnRole::Numbering);
        }
        if names_code_level(t) {
            return Some(ColumnRole::CodePart);
        }
        None
    }
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
pub struct ColumnRoles {
    /// For each column: (last row of the header, role), ordered by row. A sheet may hold
    /// several tables one under another, so a column can have more than one header.
    by_col: Vec<Vec<(u32, ColumnRole)>>,
}

impl ColumnRoles {
    /// Scans the sheet's text cells for headers. A header that is the top-left cell of a
    /// merged range covers every column of the range, and the cells below its last row.
    pub fn find(sheet: &Sheet) -> ColumnRoles {
        let mut roles = ColumnRoles::default();
        for (at, cell) in &sheet.cells {
            let Raw::Text(text) = &cell.raw else { continue };
            let Some(role) = ColumnRole::of_header(text) else {
                continue;
            };
            // Under a Kode column, `Urusan` or `Program` is a label in the table, not the
            // header of a code split over columns.
            if role == ColumnRole::CodePart && roles.role(*at) == Some(ColumnRole::Kode) {
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
                if roles.by_col.len() <= col {
                    roles.by_col.resize_with(col + 1, Vec::new);
                }
                roles.by_col[col].push((area.end.row, role));
            }
        }
        for headers in &mut roles.by_col {
            headers.sort_by_key(|(row, _)| *row);
        }
        roles
    }

    /// The role of the nearest header above `at` in its column.
    pub fn role(&self, at: CellAt) -> Option<ColumnRole> {
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
            ("Kode", Some(ColumnRole::Kode)),
            ("KODE REKENING", Some(ColumnRole::Kode)),
            (" kode program ", Some(ColumnRole::Kode)),
            ("No", Some(ColumnRole::Numbering)),
            ("No.", Some(ColumnRole::Numbering)),
            ("NO", Some(ColumnRole::Numbering)),
            ("Nomor Urut", None),
            ("URUSAN/UNSUR", Some(ColumnRole::CodePart)),
            ("BIDANG URUSAN/BIDANG UNSUR", Some(ColumnRole::CodePart)),
            ("Sub  Kegiatan", Some(ColumnRole::CodePart)),
            ("KEGIATAN", Some(ColumnRole::CodePart)),
            ("PROGRAM KEGIATAN SUB KEGIATAN", None),
            ("Nama Kegiatan", None),
            ("Uraian", None),
            ("Kod", None),
            ("Ko€", None),
        ] {
            assert_eq!(ColumnRole::of_header(header), role, "{header:?}");
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
        let roles = ColumnRoles::find(&sheet);
        let role = |a1| roles.role(CellAt::parse_a1(a1).unwrap());
        assert_eq!(role("A4"), Some(ColumnRole::Numbering));
        assert_eq!(role("A3"), None);
        assert_eq!(role("B4"), None, "inside the merged header");
        assert_eq!(role("B5"), Some(ColumnRole::Kode));
        assert_eq!(role("F9"), Some(ColumnRole::Kode));
        assert_eq!(role("G9"), None);
        assert_eq!(role("Z9"), None);
    }

    #[test]
    fn a_later_tables_header_takes_over_below_it() {
        let mut sheet = Sheet::new("Renja");
        text(&mut sheet, "A1", "Kode");
        text(&mut sheet, "A20", "No.");
        let roles = ColumnRoles::find(&sheet);
        let role = |a1| roles.role(CellAt::parse_a1(a1).unwrap());
        assert_eq!(role("A2"), Some(ColumnRole::Kode));
        assert_eq!(role("A19"), Some(ColumnRole::Kode));
        assert_eq!(role("A21"), Some(ColumnRole::Numbering));
    }
}
