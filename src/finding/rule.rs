//! Every rule renja checks, one [`RuleId`] variant each: the stable id reports carry, the
//! severity of its findings, and (in the variant's doc) the real mistake it catches. README's
//! rule table is tested against [`RuleId::ALL`] (tests/readme_rules.rs).
//!
//! A new rule is an entry here (doc, id, severity) and the file in `rules/` (or the stage)
//! that pushes its findings; the README test then asks for its row.

use std::fmt;

use serde::{Serialize, Serializer};

use super::severity::Severity;

/// Declares [`RuleId`], its id and severity, and [`RuleId::ALL`] from one list, so no rule can
/// be left out of any of them; the id and severity are appended to each variant's doc.
macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal, $severity:ident;)*) => {
        /// One rule. Serialised as its kebab-case id (`sum-mismatch`); an id never changes, so
        /// the reports of two runs can be compared by rule and finding id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("Id `", $id, "`, severity ", stringify!($severity), ".")]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in declaration order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable kebab-case id reports carry.
            pub const fn id(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// The severity of this rule's findings.
            pub const fn severity(self) -> Severity {
                match self {
                    $(RuleId::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

rules! {
    // Numbers and codes as typed (the normalise stage).

    /// A number cell holding NaN or infinity, which Excel cannot write but other programs do:
    /// the cell is read as `#NUM!`.
    NumberNotFinite = "number-not-finite", Warning;
    /// A number typed the American way in an Indonesian table: `5,636,089,563.00` among
    /// figures written `5.636.089.563,00`, pasted from an English-locale export. Read as the
    /// American number and reported.
    NumberForeignFormat = "number-foreign-format", Warning;
    /// A number that reads more than one way: `28 684.032` (spaces and a dot both grouping
    /// thousands?), `1.234` with nothing in its column telling a thousands dot from a decimal
    /// point. Read by the documented rule and reported, never guessed silently.
    NumberAmbiguous = "number-ambiguous", Warning;
    /// An error value typed (or pasted from a PDF) as text: `#DIV/0!` in the % column of a
    /// realisation table, where no formula computes it. Only info: the error is exactly what
    /// the sheet shows, and the rules that read the cell say what it breaks.
    NumberTypedError = "number-typed-error", Info;
    /// Text in a figure cell that looks like a number but cannot be read with certainty
    /// (`1.5.0`, `12,5,3`): left as text.
    NumberUnreadable = "number-unreadable", Warning;
    /// A budget code that fits no level of Permendagri 90/2019: `5.03.01.12.02` (a kegiatan
    /// class of two digits), or a code split over columns (`5 | 03 | 02 | 01`) that lost its
    /// kegiatan class. Kept as written, never "corrected".
    CodeMalformed = "code-malformed", Warning;

    // Codes in a table's rows (rules/codes.rs).

    /// A kegiatan or sub kegiatan whose parent code has no row in a table that lists rows of
    /// the parent's level: sub kegiatan 5.03.01.2.05.10 listed without its kegiatan
    /// 5.03.01.2.05 (a line deleted, its money then missing from the program, or a code
    /// mistyped).
    CodeOrphan = "code-orphan", Warning;
    /// The same code on two data rows that both carry money: a sub kegiatan pasted twice and
    /// counted twice in its kegiatan.
    CodeDuplicate = "code-duplicate", Warning;
    /// Split codes whose sub kegiatan numbers are stored as numbers (`46`, the leading zeros
    /// lost) in a table where nothing tells 2 digits (Permendagri 90/2019) from 4 (Kepmendagri
    /// 900.1.15.5-1317/2023): read as 2, reported once.
    CodeSubWidthUnknown = "code-sub-width-unknown", Warning;
    /// An account code written without dots (`41201012`) in a table without the parent rows
    /// that tell its segments (13/2006 and 90/2019 split the same digits differently): kept as
    /// written, reported once per table.
    CodeAccountUnsplit = "code-account-unsplit", Info;

    // Codes against the official lists of the document's year (rules/official.rs).

    /// A code the official list of the document's year does not have: 5.03.02.2.01.0020 where
    /// the 2024 list stops at 0012, a code mistyped, or one taken from another year's list (the
    /// message says which list has it, or that a list renumbered it to what). Warning, not
    /// error: no figure is wrong, and a code added by an update renja has no list of may be
    /// right; a year between two lists counts a code either has as known.
    CodeUnknown = "code-unknown", Warning;
    /// An uraian that is not its code's official name, beyond case, spacing, punctuation, the
    /// level word in front and the usual abbreviations: `Pengelolaan Asesment Center` for
    /// 5.03.02.2.03.0002 *Pengelolaan Assessment Center*. The message says how close it is: a
    /// letter or two is probably a typo, a wholly different name (or exactly another code's)
    /// probably a wrong code. Warning: names are for people and renja cannot tell whether the
    /// name or the code is the wrong one.
    NameMismatch = "name-mismatch", Warning;
    /// A code right for its year that a later list renumbered: sub kegiatan 1.02.02.2.02.0021
    /// of a 2024 table is 1.02.02.2.02.0055 in the 2027 nomenclature. Info: nothing is wrong in
    /// this document; next year's, made from it, needs the new code.
    CodeRenumbered = "code-renumbered", Info;
    /// No official list for the document's year (or no year found): codes were checked only as
    /// far as the lists renja has allow (the urusan, bidang and program codes every list shares,
    /// or the two lists around the year together), said once per workbook. Info.
    CodeListUnavailable = "code-list-unavailable", Info;

    // Formulas (the formula stage).

    /// A formula whose saved result differs from its exact recomputation: a stale
    /// `=SUM(G29:G32)` whose cached total still holds a sub kegiatan's old figure.
    FormulaMismatch = "formula-mismatch", Error;
    /// A cell showing `#DIV/0!`, `#REF!`, `#VALUE!` …, with the reason where known (the
    /// divisor, a pagu of 0, the cell the error came from); also a typed `#DIV/0!` where a
    /// numbering-row rule or % = realisasi / pagu divides by zero.
    FormulaError = "formula-error", Error;
    /// `SUM` (and friends) over a range holding numbers typed as text, which Excel skips: the
    /// kegiatan total shows less than its sub kegiatan.
    FormulaTextIgnored = "formula-text-ignored", Error;
    /// `IFERROR(…, "")`, `IFERROR(…, 0)` or `IF(D12=0, 0, …)` actually hiding a division by
    /// zero in this file: a % of 0 where the pagu is 0 or empty.
    FormulaErrorMasked = "formula-error-masked", Info;
    /// A formula saved without a result (files written by programs): the recomputed value is
    /// used.
    FormulaNoCache = "formula-no-cache", Info;
    /// A formula using a function renja does not evaluate yet: the saved value stands,
    /// unchecked.
    FormulaUnsupported = "formula-unsupported", Warning;
    /// A formula renja cannot read (`=SUM(1,`): the saved value stands, unchecked.
    FormulaParse = "formula-parse", Error;
    /// A formula in a circular reference (a JUMLAH row that adds itself up): the saved value
    /// stands, unchecked.
    FormulaCycle = "formula-cycle", Error;
    /// A formula nested deeper than the limit: the saved value stands, unchecked.
    FormulaTooDeep = "formula-too-deep", Error;
    /// A formula building arrays past the limit: the saved value stands, unchecked.
    FormulaTooLarge = "formula-too-large", Error;
    /// `#REF!` written inside a formula: `=IFERROR(G40+G44+#REF!,"")` in a program row after
    /// a kegiatan row was deleted. The total misses that kegiatan whether or not IFERROR hides
    /// the error, so the figure is wrong for certain.
    FormulaDeletedReference = "formula-deleted-reference", Error;
    /// Once per workbook: formulas that take figures from other workbooks
    /// (`='[1]2015-2019'!C14`, a Renja copying the RPJMD's targets). Those cells keep the value
    /// the file saved and are not checked; the note names the workbooks.
    FormulaOtherWorkbook = "formula-other-workbook", Info;
    /// Once per workbook: the number conventions of the Excel that computed the file, where
    /// formulas read or write numbers as text (`ROUNDUP(A32,1)` over the text `1.745` is 1,8
    /// in an English Excel) and the saved values show which — or that there was no saved value
    /// and the Indonesian reading was used.
    FormulaLocale = "formula-locale", Info;

    // Arithmetic of a table's rows (rules/sums.rs, difference.rs, ratio.rs, column_rule.rs).

    /// A kegiatan (or program, urusan) whose money figure is not the sum of its sub-rows: in
    /// the seed's realisation table kegiatan 5.03.01.2.09 shows sisa 84.885.565,00 while its
    /// four sub kegiatan add up to 94.375.565,00.
    SumMismatch = "sum-mismatch", Error;
    /// A `JUMLAH` / `TOTAL` row that is not the sum of the top-level rows above it: a row left
    /// out of the total, a total copied from last year's table.
    TotalMismatch = "total-mismatch", Error;
    /// The same code's figure differs between two tables of one workbook: a sub kegiatan's
    /// pagu in the Renja's rumusan rencana against its realisation table. Documents at
    /// different stages may differ legitimately (a rancangan against the final), so a warning.
    CrossTableMismatch = "cross-table-mismatch", Warning;
    /// A RAK's or an LRA's pagu differs from the DPA's for the same sub kegiatan or account
    /// line: the cash plan and the realisation report are drawn up against the DPA, so the
    /// two must agree — a DPA line of 2.050.000 planned in the RAK as 2.347.100.
    DpaMismatch = "dpa-mismatch", Error;
    /// Sisa ≠ pagu − realisasi: kegiatan 5.03.01.2.09 has pagu 178.980.000,00 and realisasi
    /// 84.604.435,00, so sisa should be 94.375.565,00, yet it reads 84.885.565,00.
    DifferenceMismatch = "difference-mismatch", Error;
    /// % ≠ realisasi / pagu × 100 at the precision the cell shows: a percentage left over from
    /// an earlier version of the figures (realisasi updated, % not), or computed against the
    /// wrong pagu.
    RatioMismatch = "ratio-mismatch", Error;
    /// A rule printed in the numbering row broken on a data row: Tabel 2.1's `8=(7/6)` where
    /// `160 Orang / 80 Orang` shows 100% instead of 200%, a `10=(5+7+9)` that left a year out,
    /// or operands in different units (`1 Tahun + 3 Orang`).
    ColumnRuleMismatch = "column-rule-mismatch", Error;
    /// A table whose row hierarchy no two signals agree on (codes that repeat, a line whose
    /// account code was left empty reading as the parent of the lines below it): which rows
    /// make up which is not certain, so its sums are not checked. Said once per table.
    SumNotChecked = "sum-not-checked", Info;
    /// A `JUMLAH` / total row whose rows cannot be told (rows of different levels at the top,
    /// their parents in another table, uncoded rows with figures among coded ones): not
    /// checked rather than guessed. Said once per table.
    TotalNotChecked = "total-not-checked", Info;
}

impl RuleId {
    /// Whether the formula stage finds it: a formula finding on a cell explains what the
    /// table rules find on the same cell (see `rules::root_cause`).
    pub fn is_formula(self) -> bool {
        self.id().starts_with("formula-")
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_kebab_case_and_serialise_as_themselves() {
        let ids: std::collections::HashSet<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for rule in RuleId::ALL {
            let id = rule.id();
            assert!(
                id.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{id}"
            );
            assert_eq!(serde_json::to_string(rule).unwrap(), format!("\"{id}\""));
        }
    }
}
