//! Codes and names against the official lists (`codes::lists`), for the document's year:
//!
//! - `code-unknown`: a code the list of the year does not have — typed wrong, or taken from
//!   another year's list (the message says which list has it, or that a list renumbered it);
//! - `name-mismatch`: an uraian that is not its code's official name beyond case, spacing,
//!   punctuation and the usual abbreviations, with how close it is (a typo, partly another
//!   name, another name altogether, or exactly the name of another code);
//! - `code-renumbered`: a code right for its year that a later list renumbered (info);
//! - `code-list-unavailable`: once per workbook, when the year has no list of its own (info).
//!
//! Only rows whose code is their own are asked about: a continuation line inherits its code,
//! and a row of a flat export whose code cell holds an ancestor of a code further right (the
//! urusan `1` in front of the program `1.02.02`) is a layout renja does not understand yet.
//! Knows nothing of how tables are found or how lists are built.

use crate::codes::lists::names::{self, Closeness};
use crate::codes::lists::{shown_for, Basis, CodeLists, Elsewhere, ListKind, Verdict, View};
use crate::codes::{BudgetCode, CodeKind, CodeLevel};
use crate::finding::{Figure, Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, Sheet, Workbook};
use crate::tables::{CodeSource, ColumnRole, Table, TableRow};

/// Words an uraian of the account hierarchy starts with: a short code (`5.1`, `4`) in front of
/// one is an account code, whatever its digits spell as a program code.
const ACCOUNT_WORDS: &[&str] = &[
    "belanja",
    "pendapatan",
    "pembiayaan",
    "penerimaan",
    "pengeluaran",
];

/// Checks every row's code (and name) against the lists for `year`.
pub fn check(
    workbook: &Workbook,
    tables: &[Table],
    year: Option<u16>,
    lists: &CodeLists,
) -> Vec<Finding> {
    // Viewed on the first code that asks: a view unpacks the embedded lists, a tenth of a
    // second that a document without codes should not pay (issue 17, the small file).
    let mut programs: Option<Option<View<'_>>> = None;
    let mut accounts: Option<Option<View<'_>>> = None;
    let mut out = Vec::new();
    let mut first_checked: Option<Finding> = None;
    // Codes newer than their list (see `newer_than_list`): kind, place, list, code.
    let mut newer: Vec<Newer> = Vec::new();
    for table in tables {
        let Some(sheet) = workbook.sheets.get(table.sheet) else {
            continue;
        };
        // Code → (index in `out` of the table's first row with a name from below it, rows).
        let mut below: Vec<(&BudgetCode, usize, usize)> = Vec::new();
        for row in table.rows.iter().filter(|r| asks_about(r)) {
            let Some(code) = &row.code else { continue };
            let (view, kind) = match code.kind() {
                CodeKind::Program => (&mut programs, ListKind::Program),
                CodeKind::Account => (&mut accounts, ListKind::Account),
            };
            let Some(view) = view.get_or_insert_with(|| lists.view(kind, year)).as_ref() else {
                continue;
            };
            if has_deeper_code(sheet, table, row, code) || looks_like_account(code, row) {
                continue;
            }
            let place = Place {
                sheet,
                table,
                row,
                code,
            };
            if first_checked.is_none() && code.kind() == CodeKind::Program {
                first_checked = Some(place.finding(
                    RuleId::CodeListUnavailable,
                    place.code_col(),
                    Message::default(),
                ));
            }
            if check_row(&place, view, &mut out, &mut newer) == Named::FromBelow {
                match below.iter_mut().find(|(c, _, _)| *c == code) {
                    Some((_, _, rows)) => {
                        out.pop();
                        *rows += 1;
                    }
                    None => below.push((code, out.len() - 1, 1)),
                }
            }
        }
        for (code, at, rows) in below.into_iter().filter(|(_, _, rows)| *rows > 1) {
            let first = std::mem::take(&mut out[at].message);
            out[at].message = Message::new("rule.name-mismatch-below")
                .arg_message("first", first)
                .arg("code", code)
                .arg("more", rows - 1);
        }
    }
    for kind in [CodeKind::Program, CodeKind::Account] {
        let of_kind: Vec<&Newer> = newer.iter().filter(|n| n.kind == kind).collect();
        if let Some(first) = of_kind.first() {
            let mut finding = first.at.clone();
            finding.message = Message::new("rule.code-list-older")
                .arg("count", of_kind.len())
                .arg_message("list", first.list.clone())
                .arg("code", &first.code);
            out.push(finding);
        }
    }
    if let (Some(Some(view)), Some(at)) = (&programs, first_checked) {
        if let Some(message) = unavailable(view) {
            let mut finding = at;
            finding.message = message;
            out.push(finding);
        }
    }
    out
}

/// Rows with a code of their own: data rows, not continuation lines.
fn asks_about(row: &TableRow) -> bool {
    row.is_data()
        && row.code.is_some()
        && !row.code_inherited
        && row.code_source != CodeSource::Inherited
}

/// Where a row's finding goes, and what it says of its place.
struct Place<'a> {
    sheet: &'a Sheet,
    table: &'a Table,
    row: &'a TableRow,
    code: &'a BudgetCode,
}

impl Place<'_> {
    fn code_col(&self) -> u32 {
        self.table
            .column(ColumnRole::Kode)
            .or_else(|| self.table.column(ColumnRole::Uraian))
            .map_or(self.table.range.start.col, |c| c.col)
    }

    fn uraian_col(&self) -> u32 {
        self.table
            .column(ColumnRole::Uraian)
            .map_or_else(|| self.code_col(), |c| c.col)
    }

    fn finding(&self, rule: RuleId, col: u32, message: Message) -> Finding {
        let at = CellAt::new(self.row.row, col);
        let role = self
            .table
            .column_at(col)
            .map_or(ColumnRole::Other, |c| c.role);
        Finding::new(rule, self.table.sheet, &self.sheet.name, at, message)
            .with_row_code(Some(self.code.canonical()))
            .with_column(role.as_str())
    }

    /// The row's uraian without a copy of its code in front (`5.03.01 PROGRAM …`). `None` for a
    /// row whose codes stand in several columns (a RAK's program | kegiatan | sub kegiatan |
    /// account): its one uraian may name any of them, and which cannot be told.
    fn uraian(&self) -> Option<&str> {
        if self.row.path.len() > 1 {
            return None;
        }
        let uraian = self.row.uraian.as_deref()?.trim();
        let rest = match uraian.split_once(char::is_whitespace) {
            Some((first, rest)) if BudgetCode::parse(first).is_ok_and(|c| &c == self.code) => rest,
            _ => uraian,
        };
        Some(rest.trim()).filter(|r| r.chars().any(char::is_alphabetic))
    }
}

/// How a row's uraian stands to its code's official names.
#[derive(PartialEq)]
enum Named {
    /// Its official name, no name to compare, or a finding that is not about the name.
    Fine,
    /// A name-mismatch was pushed.
    Mismatch,
    /// A name-mismatch was pushed whose uraian is the name of a code below the row's: Tabel 2.1
    /// of the seed prints the program code `5 03 02` on every kegiatan and sub kegiatan row.
    FromBelow,
}

/// A code its list lacks but may simply be newer than (see `newer_than_list`): said once per
/// kind of code, at the first.
struct Newer {
    kind: CodeKind,
    at: Finding,
    list: Message,
    code: String,
}

fn check_row(place: &Place, view: &View, out: &mut Vec<Finding>, newer: &mut Vec<Newer>) -> Named {
    let code = place.code;
    match view.lookup(code) {
        Verdict::NotCovered => Named::Fine,
        Verdict::Unknown if newer_than_list(code, view) => {
            newer.push(Newer {
                kind: code.kind(),
                at: place.finding(
                    RuleId::CodeListUnavailable,
                    place.code_col(),
                    Message::default(),
                ),
                list: list_name(view),
                code: code.canonical(),
            });
            Named::Fine
        }
        Verdict::Unknown => {
            out.push(unknown(place, view));
            Named::Fine
        }
        Verdict::Known {
            names: officials, ..
        } => {
            let Some(uraian) = place.uraian() else {
                renumbered(place, view, None, &officials, out);
                return Named::Fine;
            };
            let written = names::compact(uraian);
            let compacts: Vec<&str> = officials.iter().map(|(_, c)| *c).collect();
            let Some((closest, closeness)) = names::closest(&written, &compacts) else {
                return Named::Fine;
            };
            if closeness == Closeness::Same {
                renumbered(place, view, Some(&written), &officials, out);
                return Named::Fine;
            }
            let expected = officials
                .iter()
                .find(|(_, c)| *c == closest)
                .map_or(closest, |(name, _)| *name);
            let (how, named) = how_close(place, view, &written, closeness);
            let message = Message::new("rule.name-mismatch")
                .arg("code", code)
                .arg_message("list", list_name(view))
                .arg("expected", expected)
                .arg_message("closeness", how);
            out.push(
                place
                    .finding(RuleId::NameMismatch, place.uraian_col(), message)
                    .with_figures(
                        Some(Figure::Text(expected.to_string())),
                        Some(Figure::Text(uraian.to_string())),
                        None,
                    ),
            );
            named
        }
    }
}

/// How close a name is, in words: exactly another code's official name, or nearly that of a
/// code below this one (a kegiatan printed with its program's code), says so.
fn how_close(place: &Place, view: &View, written: &str, closeness: Closeness) -> (Message, Named) {
    // Each code once (two lists may both have it), the nearest to the row's code first: a
    // sub kegiatan row named like its own kegiatan says more than a province code does.
    let mut others: Vec<String> = view
        .named(written)
        .into_iter()
        .map(|e| shown_for(&e.code, place.code))
        .filter(|c| BudgetCode::parse(c).ok().as_ref() != Some(place.code))
        .collect();
    others.sort_by_key(|c| std::cmp::Reverse(shared_prefix(c, place.code.as_str())));
    let mut seen = std::collections::HashSet::new();
    others.retain(|c| seen.insert(c.clone()));
    others.truncate(3);
    // Exactly the name of a code below this one: the code column holds the parent's code.
    let below_named = others
        .iter()
        .filter_map(|c| BudgetCode::parse(c).ok())
        .find(|c| place.code.contains(c));
    if let Some(below) = below_named {
        let message = Message::new("name.below")
            .arg("other", &below)
            .arg("level", below.level().name());
        return (message, Named::FromBelow);
    }
    if !others.is_empty() {
        let message = Message::new("name.other-code").arg("other", others.join(", "));
        return (message, Named::Mismatch);
    }
    if closeness == Closeness::Different {
        if let Some((entry, _)) = view.descendant_named(place.code, written) {
            let below = shown_for(&entry.code, place.code);
            let level = BudgetCode::parse(&below).map_or("", |c| c.level().name());
            let message = Message::new("name.below")
                .arg("other", below)
                .arg("level", level);
            return (message, Named::FromBelow);
        }
    }
    let message = match closeness {
        Closeness::Same => Message::default(),
        Closeness::Typo { letters } => Message::new("name.typo").arg("letters", letters),
        Closeness::Partly { letters } => Message::new("name.partly").arg("letters", letters),
        Closeness::Different => Message::new("name.different"),
    };
    (message, Named::Mismatch)
}

/// A code of the deepest level that its list lacks under a parent it has, where the list
/// cannot be of the document's own time: codes are added year by year, after a list was made.
/// A sub rincian objek (the account list has no year of its own: `5.1.02.02.01.0080` in a 2026
/// LRA, where the list ends at `…0077`), or a sub kegiatan of a year between two lists (2026,
/// between the 2024 and the 2027 list). Neither is a wrong code as far as renja can tell.
fn newer_than_list(code: &BudgetCode, view: &View) -> bool {
    let deepest = match code.kind() {
        CodeKind::Account => code.level() == CodeLevel::SubRincianObjek,
        CodeKind::Program => {
            code.level() == CodeLevel::SubKegiatan && !matches!(view.basis, Basis::Exact)
        }
    };
    deepest
        && code
            .parent()
            .is_some_and(|parent| matches!(view.lookup(&parent), Verdict::Known { .. }))
}

/// How many leading characters two codes share.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn unknown(place: &Place, view: &View) -> Finding {
    let code = place.code;
    let list = list_name(view);
    let message = match view.elsewhere(code) {
        Some(Elsewhere::Listed { list: other, entry }) => Message::new("rule.code-unknown-listed")
            .arg("other", &other.header.title)
            .arg("name", entry.names.first().map_or("", |n| n)),
        Some(Elsewhere::Renumbered { list: other, now }) => {
            Message::new("rule.code-unknown-renumbered")
                .arg("other", &other.header.title)
                .arg("now", shown_for(&now.code, code))
                .arg("name", now.names.first().map_or("", |n| n))
        }
        None => Message::new("rule.code-unknown"),
    }
    .arg("code", code)
    .arg_message("list", list);
    place
        .finding(RuleId::CodeUnknown, place.code_col(), message)
        .with_figures(None, Some(Figure::Text(code.canonical())), None)
}

/// `code-renumbered` where a later list gave this row's sub kegiatan another code: only when
/// it is the same sub kegiatan (the later list's old name is this code's name, and the row's,
/// where it has one).
fn renumbered(
    place: &Place,
    view: &View,
    written: Option<&str>,
    officials: &[(&str, &str)],
    out: &mut Vec<Finding>,
) {
    let Some((later, renumbering)) = view.renumbered_since(place.code) else {
        return;
    };
    let same = |compact: &str| {
        matches!(
            names::closeness(compact, renumbering.compact),
            Closeness::Same | Closeness::Typo { .. }
        )
    };
    if !officials.iter().any(|(_, c)| same(c)) || written.is_some_and(|w| !same(w)) {
        return;
    }
    let now = shown_for(&renumbering.now.code, place.code);
    let message = Message::new("rule.code-renumbered")
        .arg("code", place.code)
        .arg("now", &now)
        .arg("later", &later.header.title);
    out.push(
        place
            .finding(RuleId::CodeRenumbered, place.code_col(), message)
            .with_figures(
                Some(Figure::Text(now)),
                Some(Figure::Text(place.code.canonical())),
                None,
            ),
    );
}

/// How the lists checked against are named in messages.
fn list_name(view: &View) -> Message {
    match view.basis {
        Basis::Exact => Message::new("list.one").arg(
            "title",
            view.lists()
                .iter()
                .map(|l| l.header.title.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        Basis::Between { earlier, later } => Message::new("list.between")
            .arg("earlier", &earlier.header.title)
            .arg("later", &later.header.title),
        Basis::Stable => Message::new("list.stable"),
    }
}

/// What to say once when the year has no list of its own.
fn unavailable(view: &View) -> Option<Message> {
    match (view.basis, view.year) {
        (Basis::Exact, _) => None,
        (Basis::Between { earlier, later }, Some(year)) => Some(
            Message::new("rule.code-list-between")
                .arg("year", year)
                .arg("earlier", &earlier.header.title)
                .arg("later", &later.header.title),
        ),
        (_, Some(year)) => Some(Message::new("rule.code-list-none").arg("year", year)),
        (_, None) => Some(Message::new("rule.code-list-no-year")),
    }
}

/// Whether another cell of the row holds a deeper code that contains the row's: a flat export
/// with one column per level, read by its first code column (`1 | 1.02 | 1.02.02 …`), where
/// the row's name belongs to the deeper code.
fn has_deeper_code(sheet: &Sheet, table: &Table, row: &TableRow, code: &BudgetCode) -> bool {
    if row.code_source != CodeSource::Cell {
        return false;
    }
    let (left, right) = (table.range.start.col, table.range.end.col);
    sheet
        .row(row.row)
        .filter(|(at, _)| (left..=right).contains(&at.col))
        .filter_map(|(_, cell)| cell.code())
        .any(|other| other != code && code.contains(other))
}

/// A one- or two-segment "program" code in front of an account name (`5.1 BELANJA OPERASI`
/// reads as bidang 5.01): an account row, not checked against the program lists.
fn looks_like_account(code: &BudgetCode, row: &TableRow) -> bool {
    code.kind() == CodeKind::Program
        && code.segment_count() <= 2
        && row.uraian.as_deref().is_some_and(|u| {
            let first = u.split_whitespace().next().unwrap_or("").to_lowercase();
            ACCOUNT_WORDS.contains(&first.as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::lists::{CodeList, ListHeader, ListRow};
    use crate::tables::detect_tables;
    use crate::tables::testing::{sheet, workbook};

    fn run(
        rows: &[Vec<&str>],
        year: Option<u16>,
        lists: &CodeLists,
    ) -> Vec<(String, String, String)> {
        let wb = workbook(vec![sheet("Renja", 0, 0, &[0], rows)]);
        let tables = detect_tables(&wb);
        check(&wb, &tables, year, lists)
            .iter()
            .map(|f| {
                (
                    f.rule.id().to_string(),
                    f.cell.a1(),
                    f.message.render(crate::messages::Lang::En),
                )
            })
            .collect()
    }

    fn rows<'a>(body: &[[&'a str; 3]]) -> Vec<Vec<&'a str>> {
        let mut out = vec![vec!["Kode", "Uraian", "Pagu"]];
        out.extend(body.iter().map(|r| r.to_vec()));
        out
    }

    #[test]
    fn a_2025_document_is_checked_against_the_2024_and_2027_lists_together() {
        let found = run(
            &rows(&[
                ["5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "100"],
                ["5.03.02.2.03", "Pengembangan Kompetensi ASN", "100"],
                // A one-letter slip of 5.03.02.2.03.0002 Pengelolaan Assessment Center.
                ["5.03.02.2.03.02", "Pengelolaan Asesment Center", "60"],
                // Right code, name of its sibling 0004.
                [
                    "5.03.02.2.03.01",
                    "Pengelolaan Pendidikan Lanjutan ASN",
                    "40",
                ],
                // In neither list, under a kegiatan both have: in 2025, between the lists'
                // years, it may be a sub kegiatan added since 2024 and gone by 2027.
                ["5.03.02.2.03.0099", "Sub kegiatan yang tidak ada", "0"],
            ]),
            Some(2025),
            &CodeLists::default(),
        );
        let rules: Vec<(&str, &str)> = found
            .iter()
            .map(|(r, c, _)| (r.as_str(), c.as_str()))
            .collect();
        assert_eq!(
            rules,
            [
                ("name-mismatch", "B4"),
                ("name-mismatch", "B5"),
                ("code-list-unavailable", "A6"),
                ("code-list-unavailable", "A2"),
            ],
            "{found:#?}"
        );
        assert!(found[2].2.contains(": 1 code(s)"), "{}", found[2].2);
        assert!(found[0].2.contains("probably a typo"), "{}", found[0].2);
        assert!(
            found[1].2.contains("official name of 5.03.02.2.03.0004"),
            "{}",
            found[1].2
        );
        assert!(found[3].2.contains("2025"), "{}", found[3].2);
    }

    #[test]
    fn a_year_without_a_list_checks_only_the_stable_levels() {
        let found = run(
            &rows(&[
                ["5.03", "UNSUBSIDIARIS", "100"],
                [
                    "5.03.01",
                    "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                    "100",
                ],
                ["5.03.01.2.02", "Nama yang salah", "100"],
                ["5.03.01.2.02.99", "Tidak ada", "100"],
                // Tabel 2.1 of the seed prints the program code on its kegiatan rows.
                [
                    "5.03.02",
                    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                    "100",
                ],
            ]),
            Some(2023),
            &CodeLists::default(),
        );
        let rules: Vec<&str> = found.iter().map(|(r, _, _)| r.as_str()).collect();
        assert_eq!(
            rules,
            ["name-mismatch", "name-mismatch", "code-list-unavailable"],
            "{found:#?}"
        );
        assert!(found[0].2.contains("wholly different"), "{}", found[0].2);
        assert!(
            found[1]
                .2
                .contains("official name of kegiatan 5.03.02.2.01, below this code"),
            "{}",
            found[1].2
        );
        assert!(
            found[2].2.contains("No official code list for 2023"),
            "{}",
            found[2].2
        );
    }

    #[test]
    fn a_table_that_prints_the_program_code_on_its_kegiatan_rows_is_said_once() {
        // Tabel 2.1 of the seed: `5 03 02` on the program row and on every row below it.
        let found = run(
            &rows(&[
                ["5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "100"],
                [
                    "5.03.02",
                    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                    "100",
                ],
                ["5.03.02", "Mutasi dan Promosi ASN", "60"],
                ["5.03.02", "Pengelolaan Promosi ASN", "40"],
            ]),
            Some(2024),
            &CodeLists::default(),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let (rule, cell, message) = &found[0];
        assert_eq!((rule.as_str(), cell.as_str()), ("name-mismatch", "B3"));
        assert!(message.contains("kegiatan 5.03.02.2.01"), "{message}");
        assert!(
            message.contains("2 more rows of this table carry code 5.03.02"),
            "{message}"
        );
    }

    #[test]
    fn a_2027_document_with_a_code_the_2027_list_renumbered() {
        // 1.02.02.2.02.0021 was renumbered to 0055 in 2027.
        let found = run(
            &rows(&[[
                "1.02.02.2.02.0021",
                "Pengelolaan Pelayanan Kesehatan Orang dengan Masalah Kesehatan Jiwa (ODMK)",
                "1",
            ]]),
            Some(2027),
            &CodeLists::default(),
        );
        assert!(
            found
                .iter()
                .any(|(r, _, m)| (r == "code-unknown" || r == "name-mismatch")
                    && m.contains("1.02.02.2.02.0055")),
            "{found:#?}"
        );
    }

    #[test]
    fn a_2024_code_the_2027_list_renumbered_is_info() {
        let found = run(
            &rows(&[[
                "1.02.02.2.02.0021",
                "Pengelolaan Pelayanan Kesehatan Orang dengan Masalah Kesehatan Jiwa (ODMK)",
                "1",
            ]]),
            Some(2024),
            &CodeLists::default(),
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].0, "code-renumbered");
        assert!(found[0].2.contains("1.02.02.2.02.0055"), "{}", found[0].2);
    }

    #[test]
    fn a_users_list_for_the_year_replaces_the_embedded_ones() {
        let header = ListHeader {
            kind: ListKind::Program,
            first_year: Some(2025),
            last_year: Some(2025),
            title: "nomenklatur-2025.csv".into(),
            source: "nomenklatur-2025.csv".into(),
        };
        let (list, _) = CodeList::from_rows(
            header,
            vec![ListRow {
                code: "5.03.02".into(),
                name: "PROGRAM KEPEGAWAIAN".into(),
                previous: None,
            }],
        );
        let lists = CodeLists::with_user(vec![list]);
        let found = run(
            &rows(&[
                ["5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", "1"],
                ["5.03.03", "PROGRAM LAIN", "1"],
            ]),
            Some(2025),
            &lists,
        );
        let rules: Vec<&str> = found.iter().map(|(r, _, _)| r.as_str()).collect();
        assert_eq!(rules, ["name-mismatch", "code-unknown"], "{found:#?}");
        assert!(
            found[1].2.contains("nomenklatur-2025.csv"),
            "{}",
            found[1].2
        );
    }

    #[test]
    fn account_rows_and_flat_exports_are_left_alone() {
        let found = run(
            &rows(&[
                ["5.1", "BELANJA OPERASI", "100"],
                ["4", "PENDAPATAN DAERAH", "100"],
            ]),
            Some(2024),
            &CodeLists::default(),
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
