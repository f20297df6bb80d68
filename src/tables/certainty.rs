//! What renja is sure of about a table's sums, as found by [`super::structure`]: the signals
//! that tell how its rows nest ([`Evidence`]), whether they establish the sums, and which rows
//! each total adds up, or why that cannot be told ([`Doubt`]). Types only, shared by the table
//! and the rules; knows nothing of sheets.

use serde::Serialize;

use crate::model::CellAt;

/// A signal that tells how a table's rows nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The codes contain each other: `5.03.01` › `5.03.01.2.09` › `5.03.01.2.09.01`.
    Codes,
    /// Each row lists its ancestry over several code columns (SIPD's bidang | SKPD | sub
    /// kegiatan | account).
    CodePath,
    /// Every code stands below its parent's row: no row's parent code sits elsewhere.
    Order,
    /// The printed numbers nest the same way (`I` › `1` › `1.1`), or alone tell the parents.
    Numbering,
    /// The names agree with the levels: `PROGRAM …` on program rows, `Belanja …` on accounts.
    LevelNames,
    /// Group lines (`[#] Belanja ATK`) over their item lines, under a coded row (RKA/DPA).
    GroupLines,
    /// A total row equals the sum of its top-level rows in at least one column.
    TotalCloses,
}

impl Evidence {
    /// The catalogue key of the signal's name.
    pub fn message_key(self) -> &'static str {
        match self {
            Evidence::Codes => "evidence.codes",
            Evidence::CodePath => "evidence.code-path",
            Evidence::Order => "evidence.order",
            Evidence::Numbering => "evidence.numbering",
            Evidence::LevelNames => "evidence.level-names",
            Evidence::GroupLines => "evidence.group-lines",
            Evidence::TotalCloses => "evidence.total-closes",
        }
    }

    /// Signals that say by themselves which row is whose parent; the others only agree.
    pub(super) fn tells_parents(self) -> bool {
        matches!(
            self,
            Evidence::Codes | Evidence::CodePath | Evidence::Numbering | Evidence::GroupLines
        )
    }
}

/// Why the rows a total adds up cannot be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doubt {
    /// Rows among them are not of the top level: their parent rows are missing or sit in
    /// another table (a page printed with a different header).
    Orphans,
    /// Rows without a code carry figures among coded rows.
    Uncoded,
    /// Nothing but the rows' order tells which rows are top-level, and the total closes on
    /// them in no column.
    Unestablished,
}

/// One total row and the rows it adds up.
#[derive(Debug, Clone, Serialize)]
pub struct TotalGroup {
    /// Index into the table's rows.
    pub row: usize,
    pub members: Vec<usize>,
    /// Why the members may not be the rows the total adds up; `None` when they are.
    pub doubt: Option<Doubt>,
}

/// What is certain about a table's sums.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Structure {
    /// The signals found, strongest first.
    pub evidence: Vec<Evidence>,
    /// Two independent signals agree (one of them telling the parents): a parent that is not
    /// the sum of its sub-rows is an error.
    /// A list printed on under a repeated header is one table (detection reads the header
    /// again as a repeated header), so its pages are assessed together.
    pub established: bool,
    pub totals: Vec<TotalGroup>,
    /// The list runs on into the next table on the sheet, under a header worded anew
    /// ([`super::runs_on`]): the rows whose items go on there cannot be added up here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs_on: Option<RunsOn>,
    /// Rows (indices into the table's rows, in order) whose parent is a row of the previous
    /// table on the sheet, which the list runs on from: they are no orphans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parent_above: Vec<usize>,
}

/// Where a table's list runs on into the next table.
#[derive(Debug, Clone, Serialize)]
pub struct RunsOn {
    /// Indices into the table's rows of the parents whose items go on below, in order.
    pub rows: Vec<usize>,
    /// The code cell of the next table's first row that continues them.
    pub at: CellAt,
}
