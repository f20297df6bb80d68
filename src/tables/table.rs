//! What a detected table is: its columns and their roles, the rules its numbering row
//! states, and its rows with their kind, code and parent. Data only; `detect` finds them.

use serde::{Serialize, Serializer};

use crate::codes::{BudgetCode, OrganisationCode};
use crate::model::RangeAt;
use crate::vocabulary::ColumnRole;

use super::certainty::Structure;
use super::kinds::TableKind;
use super::numbering::RuleExpr;

/// One table found on a sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Index into `Workbook::sheets`.
    pub sheet: usize,
    /// The sheet's name, so findings (which name their sheet) can be placed in a table.
    pub sheet_name: String,
    /// From the first header row to the last row of the table, over the header's columns.
    pub range: RangeAt,
    pub header_rows: Vec<u32>,
    pub numbering_row: Option<u32>,
    pub columns: Vec<Column>,
    pub column_rules: Vec<ColumnRule>,
    /// Every row below the header block, in sheet order.
    pub rows: Vec<TableRow>,
    /// How sub kegiatan numbers of split codes, stored as numbers, were widened (none when
    /// the table has no such codes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_kegiatan_width: Option<SubKegiatanWidth>,
    /// Rows (indices into `rows`) whose account code, written without dots (`41201012`), has
    /// no parent row to split it along: kept as written, and reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub account_codes_unsplit: Vec<usize>,
    /// What kind of table this is ([`super::kinds`]).
    pub kind: TableKind,
    /// What is certain about its sums.
    pub structure: Structure,
    /// The sub kegiatan a form names in the block above its table (a DPA or RKA rincian:
    /// `Sub Kegiatan : 1.02.02.2.01.01 Pengelolaan …`), whose account lines the table lists.
    #[serde(
        serialize_with = "serialize_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub named_above: Option<BudgetCode>,
}

/// The width read for sub kegiatan numbers that a split code holds as numbers (`46`: the
/// cell cannot say whether `46` or `0046` was meant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubKegiatanWidth {
    /// Four digits: a number above 99 or a `0001` typed as text in the same table, or else
    /// a table of the 2024 budget or later.
    Four,
    /// Two digits: an `01` typed as text in the same table, or else a table of a budget
    /// before 2024.
    Two,
    /// Nothing in the table tells: read as two digits (Permendagri 90/2019, and what the
    /// number shows), and reported at `row` (index into `rows`), column `col`.
    Unknown { row: usize, col: u32 },
}

/// One column of a table.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Zero-based sheet column.
    pub col: u32,
    pub role: ColumnRole,
    /// The year the header names (`Rencana Tahun 2025`, `Prakiraan Maju 2026`).
    pub year: Option<u16>,
    /// The header texts of the column, top to bottom, joined with ` / `.
    pub header: String,
    /// Rupiah, as opposed to a quantity with a unit (`150,77 Set`).
    pub money: bool,
    /// The column's number in the numbering row (`8`), where there is one.
    pub printed_number: Option<String>,
}

impl Column {
    /// Whether the column's figures add up the hierarchy (see [`Table::summed_columns`]).
    pub fn is_summed(&self) -> bool {
        self.money
            && matches!(
                self.role,
                ColumnRole::Pagu
                    | ColumnRole::Realisasi
                    | ColumnRole::Sisa
                    | ColumnRole::Bulan
                    | ColumnRole::Triwulan
                    | ColumnRole::Kas
            )
    }
}

/// A rule between a row's cells: `target` (a sheet column) = `expr` (over sheet columns).
#[derive(Debug, Clone, Serialize)]
pub struct ColumnRule {
    pub target: u32,
    pub expr: RuleExpr,
    /// As printed (`8=(7/6)`) or as the layout states it (`Total RAK = Σ bulan`).
    pub text: String,
    pub source: RuleSource,
}

/// Where a column rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleSource {
    /// The table's numbering row prints it (`8=(7/6)`).
    Printed,
    /// The table's kind implies it (a RAK's `Total RAK = Σ bulan`).
    Layout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    Data,
    /// `JUMLAH`, `TOTAL`, `Sub Total`: sums of the rows above.
    Total,
    /// The header block printed again at the top of a page.
    RepeatedHeader,
    Numbering,
    Blank,
}

/// Where a row's code came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeSource {
    None,
    /// One cell (`5.03.01.2.02`), as the normalise stage read it.
    Cell,
    /// Assembled from parts over several cells (`5 03 01 | 2.06 | 01`).
    Split,
    /// The deepest of several cells that list the row's code and its ancestors
    /// (`1.01 … | 1.01.02 … | 1.01.02.1.01 …`, as the official nomenclature does): the row
    /// carries its own ancestry, so a missing parent row is no orphan.
    Nested,
    /// Copied from the row above (Tabel 2.1's second line with name and units).
    Inherited,
}

/// A code a row names in one of its code columns: a program or account code, or the
/// organisation (SKPD) the row belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StepCode {
    Budget(BudgetCode),
    Organisation(OrganisationCode),
}

impl StepCode {
    pub fn as_str(&self) -> &str {
        match self {
            StepCode::Budget(code) => code.as_str(),
            StepCode::Organisation(code) => code.as_str(),
        }
    }

    /// Whether `self` is `other` or an ancestor of it in the same hierarchy; an organisation
    /// contains only itself.
    pub fn contains(&self, other: &StepCode) -> bool {
        match (self, other) {
            (StepCode::Budget(a), StepCode::Budget(b)) => a.contains(b),
            (a, b) => a == b,
        }
    }
}

impl Serialize for StepCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One step of a row's code path: the code in one code column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PathStep {
    /// Zero-based sheet column.
    pub col: u32,
    pub code: StepCode,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    /// Zero-based sheet row.
    pub row: u32,
    pub kind: RowKind,
    /// The row's program or account code: the deepest step of its path when that is one.
    #[serde(serialize_with = "serialize_code")]
    pub code: Option<BudgetCode>,
    /// The codes the row names, left to right: one step for a code in one cell or split over
    /// cells (`5 03 01 | 2.06 | 01`), one per column where each column holds a whole code of
    /// the row's ancestry (SIPD's `2.16 | 2.16.2.20.2.21.01.0000 | 2.16.01.2.01.0001 |
    /// 5.1.02.01`, the nomenclature's `1.01 | 1.01.02`). Empty for a row without a code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<PathStep>,
    pub code_inherited: bool,
    pub code_source: CodeSource,
    /// The code as written, parts joined with ` | ` when split over cells; kept when the
    /// parts do not make a code (`5 | 03 | 02 | 01`).
    pub code_written: Option<String>,
    /// The row's number as printed (`A`, `I`, `1`, `1,1`).
    pub numbering: Option<String>,
    pub uraian: Option<String>,
    /// Index into `rows` of the parent row.
    pub parent: Option<usize>,
    /// For a row whose own code is malformed but whose sub-rows directly below all name one
    /// parent (`5 03 01 2.00` above `5.03.01.2.09.01` …): the code they imply.
    #[serde(
        serialize_with = "serialize_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub implied_code: Option<BudgetCode>,
    /// For a row without a code in a table of rincian lines: a group line or an item line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<Entry>,
}

/// A rincian line without a code (RKA/DPA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entry {
    /// `[#] Belanja ATK`, `[-] Kertas`, or a line with an amount and no quantity: the sum of
    /// the lines after it. The depth is 1 for the outermost marker.
    Group(u8),
    /// A line with its koefisien and harga.
    Item,
}

impl TableRow {
    pub fn is_data(&self) -> bool {
        self.kind == RowKind::Data
    }

    /// The row's code as messages name it: the deepest step of its path (an SKPD row is
    /// named by its organisation code).
    pub fn code_text(&self) -> Option<&str> {
        self.path.last().map(|s| s.code.as_str())
    }
}

fn serialize_code<S: Serializer>(code: &Option<BudgetCode>, s: S) -> Result<S::Ok, S::Error> {
    match code {
        Some(c) => s.serialize_some(&c.canonical()),
        None => s.serialize_none(),
    }
}

impl Table {
    /// The column of the table's codes, where findings about a row's code go: its Kode column,
    /// else its first column.
    pub fn code_col(&self) -> u32 {
        self.column(ColumnRole::Kode)
            .map_or(self.range.start.col, |c| c.col)
    }

    /// The first column with a role (and, for money roles, the given year if any).
    pub fn column(&self, role: ColumnRole) -> Option<&Column> {
        self.columns.iter().find(|c| c.role == role)
    }

    pub fn column_at(&self, col: u32) -> Option<&Column> {
        self.columns.iter().find(|c| c.col == col)
    }

    /// Money columns that add up the hierarchy: pagu, realisasi and sisa in rupiah, each year,
    /// the amount of each month, and a cash plan's total.
    pub fn summed_columns(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(|c| c.is_summed())
    }

    /// Indices of the direct children of row `parent` (data rows, continuation lines excluded).
    pub fn children(&self, parent: usize) -> impl Iterator<Item = usize> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.parent == Some(parent) && r.is_data() && !r.code_inherited)
            .map(|(i, _)| i)
    }
}
