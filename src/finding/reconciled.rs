//! One line of the reconciliation: a code's figure of one role and year in each table of a
//! workbook that carries it, side by side — the view an auditor builds by hand. Made by the
//! cross-table rule (`rules::cross_table`), shown in the cleaned workbook's `Rekonsiliasi`
//! sheet; a line whose figures differ is also a `cross-table-mismatch` finding per differing
//! cell.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::model::CellAt;

/// A code's figure in each table that carries it. Serialised as the JSON report's
/// `reconciliation` entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reconciled {
    /// The code as messages name it: a program code, or `sub kegiatan · account`.
    pub code: String,
    /// The figure's role: `pagu` or `realisasi`.
    pub role: &'static str,
    /// The header year of the columns, where they name one.
    pub year: Option<u16>,
    /// The SKPD the rows name, where they name one.
    pub organisation: Option<String>,
    /// In sheet order; the first is the one the others are compared with.
    pub figures: Vec<CarriedFigure>,
    /// Every figure is the first's (to the last place a figure carries).
    pub agrees: bool,
}

/// One cell carrying a reconciled figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarriedFigure {
    /// The sheet, by its index in the workbook.
    #[serde(skip)]
    pub sheet: usize,
    /// The sheet's name, for rendering.
    #[serde(rename = "sheet")]
    pub sheet_name: String,
    #[serde(serialize_with = "super::serialize_a1")]
    pub cell: CellAt,
    /// The kind of table the cell sits in, as its id (`lra`, `rak`, `rincian`).
    pub kind: &'static str,
    /// The kind as the user reads it (`Laporan Realisasi Anggaran (LRA, SIPD)`).
    #[serde(skip)]
    pub kind_name: &'static str,
    /// Exact, as a string.
    #[serde(serialize_with = "serialize_decimal")]
    pub value: Decimal,
}

fn serialize_decimal<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

impl Reconciled {
    /// The largest figure less the smallest; `None` past what a `Decimal` holds.
    pub fn spread(&self) -> Option<Decimal> {
        let values = self.figures.iter().map(|f| f.value);
        let max = values.clone().max()?;
        let min = values.min()?;
        max.checked_sub(min)
    }
}
