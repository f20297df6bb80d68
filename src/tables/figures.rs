//! The figures of a table as the combined long table (`renja batch`'s gabungan) lists them:
//! each data row's code, level, uraian and numbers by column role and year, and the year a
//! document is about. Reads the model and the detected tables; knows nothing of files.

use std::path::Path;

use crate::model::{Value, Workbook};
use crate::tables::{ColumnRole, RowKind, Table};

/// The year the document is about: the first `20xx` in a title row above the first table
/// (`RENJA ... TAHUN 2025`), read top to bottom, left to right.
pub fn title_year(workbook: &Workbook, tables: &[Table]) -> Option<u16> {
    let table = tables.first()?;
    let sheet = workbook.sheets.get(table.sheet)?;
    sheet
        .cells
        .iter()
        .take_while(|(at, _)| at.row < table.range.start.row)
        .find_map(|(_, cell)| match &cell.value {
            Value::Text(text) => year_in_text(text),
            _ => None,
        })
}

/// Every data row of every table with its figures by column role (and year), for the long
/// table an auditor pivots by code across files and years.
pub fn data_rows<'a>(
    workbook: &'a Workbook,
    tables: &'a [Table],
) -> impl Iterator<Item = DataRow<'a>> + 'a {
    tables.iter().flat_map(move |table| {
        let sheet = &workbook.sheets[table.sheet];
        let labels = figure_columns(table);
        table
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .map(move |row| {
                let figures = labels
                    .iter()
                    .filter_map(|(col, label)| {
                        let at = crate::model::CellAt::new(row.row, *col);
                        sheet.value(at).as_number().map(|n| (*label, n))
                    })
                    .collect();
                DataRow {
                    sheet: &table.sheet_name,
                    row: row.row + 1,
                    code: row
                        .code
                        .as_ref()
                        .map(|c| c.canonical())
                        .or_else(|| row.code_written.clone()),
                    level: row.code.as_ref().map(|c| c.level().name()),
                    uraian: row.uraian.as_deref(),
                    figures,
                }
            })
    })
}

/// One data row of a table, as the combined long table lists it.
#[derive(Debug, Clone)]
pub struct DataRow<'a> {
    pub sheet: &'a str,
    /// One-based sheet row, as Excel shows it.
    pub row: u32,
    /// The canonical code, or the code as written when it is not a well-formed one.
    pub code: Option<String>,
    /// `urusan`, `bidang urusan`, `program`, `kegiatan`, `sub kegiatan`.
    pub level: Option<&'static str>,
    pub uraian: Option<&'a str>,
    /// The numbers in the row's figure columns (empty and text cells left out).
    pub figures: Vec<(FigureColumn, rust_decimal::Decimal)>,
}

/// A figure column across tables: its role, the year its header names, and which one of
/// that role and year it is within its table (1 for the first), e.g. `pagu 2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FigureColumn {
    pub role: ColumnRole,
    pub year: Option<u16>,
    pub nth: u8,
}

/// Roles whose cells are figures an auditor compares across years, in the order the
/// combined table lists them.
pub const FIGURE_ROLES: [ColumnRole; 5] = [
    ColumnRole::Pagu,
    ColumnRole::Realisasi,
    ColumnRole::Sisa,
    ColumnRole::Persen,
    ColumnRole::Target,
];

impl FigureColumn {
    /// `pagu`, `pagu 2025`, `pagu 2025 (2)` for a second pagu column of 2025 in one table.
    pub fn label(&self) -> String {
        let mut label = self.role.as_str().to_string();
        if let Some(year) = self.year {
            label.push_str(&format!(" {year}"));
        }
        if self.nth > 1 {
            label.push_str(&format!(" ({})", self.nth));
        }
        label
    }

    /// The inverse of [`FigureColumn::label`].
    pub fn parse(label: &str) -> Option<FigureColumn> {
        let mut words = label.split(' ');
        let role_word = words.next()?;
        let role = FIGURE_ROLES.into_iter().find(|r| r.as_str() == role_word)?;
        let mut column = FigureColumn {
            role,
            year: None,
            nth: 1,
        };
        for word in words {
            if let Some(nth) = word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                column.nth = nth.parse().ok()?;
            } else {
                column.year = Some(word.parse().ok()?);
            }
        }
        (column.label() == label).then_some(column)
    }

    /// Sort key: role in [`FIGURE_ROLES`] order, then year, then which one.
    pub fn order(&self) -> (usize, Option<u16>, u8) {
        let rank = FIGURE_ROLES.iter().position(|r| *r == self.role);
        (rank.unwrap_or(usize::MAX), self.year, self.nth)
    }
}

impl Ord for FigureColumn {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order()
            .cmp(&other.order())
            .then_with(|| self.role.as_str().cmp(other.role.as_str()))
    }
}

impl PartialOrd for FigureColumn {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn figure_columns(table: &Table) -> Vec<(u32, FigureColumn)> {
    let mut out: Vec<(u32, FigureColumn)> = Vec::new();
    for column in table
        .columns
        .iter()
        .filter(|c| FIGURE_ROLES.contains(&c.role))
    {
        let nth = 1 + out
            .iter()
            .filter(|(_, l)| l.role == column.role && l.year == column.year)
            .count() as u8;
        out.push((
            column.col,
            FigureColumn {
                role: column.role,
                year: column.year,
                nth,
            },
        ));
    }
    out
}

/// The first `20xx` in `text` standing on its own (not part of a longer number or code).
pub fn year_in_text(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let four = &bytes[i..i + 4];
        let standalone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (standalone && four.starts_with(b"20") && four.iter().all(u8::is_ascii_digit))
            .then(|| text[i..i + 4].parse().ok())
            .flatten()
    })
}

/// The year the document is about: from its title rows, else from the file's name
/// (`Renja 2025.xlsx`).
pub fn document_year(workbook: &Workbook, tables: &[Table], path: &Path) -> Option<u16> {
    title_year(workbook, tables).or_else(|| {
        path.file_name()
            .and_then(|n| year_in_text(&n.to_string_lossy()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_stand_on_their_own() {
        assert_eq!(year_in_text("RENJA BKPSDM TAHUN 2025"), Some(2025));
        assert_eq!(year_in_text("realisasi-2023.xlsx"), Some(2023));
        assert_eq!(year_in_text("2021"), Some(2021));
        assert_eq!(year_in_text("Rp 120250000"), None);
        assert_eq!(year_in_text("1999 dan 3020"), None);
        assert_eq!(year_in_text("20"), None);
    }

    #[test]
    fn figure_labels_round_trip() {
        for label in ["pagu", "pagu 2025", "realisasi 2026 (2)", "persen (3)"] {
            assert_eq!(FigureColumn::parse(label).unwrap().label(), label);
        }
        assert_eq!(FigureColumn::parse("uraian"), None);
        assert_eq!(FigureColumn::parse("pagu 25x"), None);
    }
}
