//! The lists built into the binary: `official.tsv`, written by `examples/make_lists.rs` from
//! the reference files. The text is kept as it is (not compressed) and the lists borrow their
//! codes, names and compact names from it; each list is indexed the first time a document
//! asks it something, and only as far as it asks (see [`CodeList::embedded`]), so indexing
//! copies nothing, parses no code and compacts no name: a few milliseconds at most, paid by
//! every run of the CLI on a document with codes.

use std::sync::OnceLock;

use super::format::{self, ListHeader, ListKind, ListRow};
use super::list::CodeList;

/// The generated lists, in the list text format (see [`format`]).
pub const OFFICIAL: &str = include_str!("official.tsv");

/// The embedded lists, in the order the file holds them.
pub fn lists() -> &'static [CodeList] {
    static LISTS: OnceLock<Vec<CodeList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        format::lists(OFFICIAL)
            .map(|list| {
                CodeList::embedded(list.expect("the embedded lists are in the list format"))
            })
            .collect()
    })
}

/// The urusan, bidang urusan and program codes every embedded program list has, with every
/// name any of them gives: what a document of a year without a list is checked against.
/// Those levels did not change between the lists renja has; kegiatan and sub kegiatan did.
pub fn stable() -> &'static CodeList {
    static STABLE: OnceLock<CodeList> = OnceLock::new();
    STABLE.get_or_init(|| {
        // Each program list's urusan, bidang and program rows only: a few hundred of its
        // thousands, so a document of such a year never indexes a whole list.
        let programs: Vec<CodeList> = lists()
            .iter()
            .filter_map(CodeList::text)
            .filter(|list| list.header.kind == ListKind::Program)
            .map(|list| {
                let rows = list
                    .rows_up_to(3)
                    .map(|row| row.expect("the embedded lists are in the list format"));
                CodeList::from_embedded_rows(list.header.clone(), rows)
            })
            .collect();
        let mut rows = Vec::new();
        if let Some((first, rest)) = programs.split_first() {
            let codes: Vec<&str> = first.entries().map(|e| &*e.code).collect();
            for code in codes {
                let Ok(parsed) = crate::codes::BudgetCode::parse(code) else {
                    continue;
                };
                let entries: Vec<_> = programs.iter().filter_map(|l| l.entry(&parsed)).collect();
                if entries.len() < 1 + rest.len() {
                    continue;
                }
                for entry in entries {
                    rows.extend(entry.names.iter().map(|name| ListRow {
                        code: code.to_string(),
                        name: name.to_string(),
                        previous: None,
                    }));
                }
            }
        }
        let header = ListHeader {
            kind: ListKind::Program,
            first_year: None,
            last_year: None,
            title: String::new(),
            source: String::new(),
        };
        CodeList::from_rows(header, rows).0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::lists::{names, Renumbering};
    use crate::codes::BudgetCode;

    #[test]
    fn the_embedded_lists_have_the_counts_the_readme_gives() {
        let lists = lists();
        let counts: Vec<(ListKind, Option<u16>, usize)> = lists
            .iter()
            .map(|l| (l.header.kind, l.header.first_year, l.len()))
            .collect();
        assert_eq!(
            counts,
            [
                (ListKind::Program, Some(2024), 4367),
                (ListKind::Program, Some(2027), 8812),
                (ListKind::Account, Some(2024), 3413),
            ]
        );
    }

    #[test]
    fn every_embedded_code_is_written_as_its_key() {
        // `CodeList::embedded` files each row under its code as written; that is right only
        // while every code is written as the key a document's code is looked up by (the key
        // order is held by the test below: entries in file order are the codes sorted).
        for (header, rows) in format::read(OFFICIAL).unwrap() {
            for row in &rows {
                let key = super::super::list::row_key(header.kind, &row.code);
                assert_eq!(key.as_deref(), Some(row.code.as_str()), "{}", header.title);
                if let Some((code, _)) = &row.previous {
                    assert!(
                        super::super::list::row_key(header.kind, code).is_some(),
                        "{code}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_embedded_name_is_written_with_its_compact_form() {
        // Names are compared in their compact form, written beside them by make_lists: a
        // change to `names::compact` needs the lists generated again.
        for list in format::lists(OFFICIAL).map(Result::unwrap) {
            for row in list.rows().map(Result::unwrap) {
                let previous = row.previous.map(|(_, name, compact)| (name, compact));
                for (name, compact) in [(row.name, row.compact)].into_iter().chain(previous) {
                    assert_eq!(
                        names::compact(name),
                        compact,
                        "{name}: run `cargo run --example make_lists`"
                    );
                }
            }
        }
    }

    #[test]
    fn the_embedded_lists_read_as_the_format_reads_them() {
        // Borrowed rows and the owned reader agree, list by list and row by row.
        let owned = format::read(OFFICIAL).unwrap();
        let built = lists();
        assert_eq!(owned.len(), built.len());
        for ((header, rows), list) in owned.iter().zip(built) {
            assert_eq!(header, &list.header);
            let names: usize = list.entries().map(|e| e.names.len()).sum();
            // A code on two rows with names that compact alike is one name.
            assert!(
                names <= rows.len() && list.len() <= names,
                "{}",
                header.title
            );
            let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            let built: Vec<&str> = list.entries().map(|e| &*e.code).collect();
            assert_eq!(codes, built, "{}", header.title);
        }
    }

    #[test]
    fn an_embedded_list_indexes_what_it_renumbered_apart_from_its_codes() {
        let text = format::lists(OFFICIAL)
            .map(Result::unwrap)
            .find(|l| l.header.first_year == Some(2027))
            .unwrap();
        let rows: Vec<ListRow> = text.rows().map(|r| r.unwrap().to_row()).collect();
        let lazy = CodeList::embedded(text.clone());
        let (eager, _) = CodeList::from_rows(text.header.clone(), rows.clone());
        // A code no one renumbered is answered without indexing the list's codes.
        let unchanged = BudgetCode::parse("5.03.02.2.01.0001").unwrap();
        assert!(lazy.renumbered(&unchanged).is_none());
        assert!(!lazy.codes_indexed());
        let mut renumbered = 0;
        for (code, _) in rows.iter().filter_map(|r| r.previous.as_ref()) {
            let code = BudgetCode::parse(code).unwrap();
            let (a, b) = (lazy.renumbered(&code), eager.renumbered(&code));
            let seen = |r: Option<Renumbering>| {
                r.map(|r| {
                    (
                        r.now.code.to_string(),
                        r.code.to_string(),
                        r.name.to_string(),
                    )
                })
            };
            assert_eq!(seen(a), seen(b), "{code}");
            renumbered += 1;
        }
        assert!(renumbered > 100, "{renumbered}");
        assert!(lazy.codes_indexed());
    }

    #[test]
    fn a_server_indexes_every_list_before_it_listens() {
        super::super::CodeLists::index_embedded();
        assert!(lists().iter().all(CodeList::codes_indexed));
    }

    #[test]
    fn the_stable_levels_are_in_every_list_with_every_name() {
        let stable = stable();
        let support = stable
            .entry(&BudgetCode::parse("5.03.01").unwrap())
            .unwrap();
        assert!(support.names.iter().any(|n| n.ends_with("KABUPATEN/KOTA")));
        assert!(stable
            .entry(&BudgetCode::parse("5.03.02").unwrap())
            .is_some());
        // Kegiatan and sub kegiatan changed between the lists: not stable.
        assert!(!stable.covers(&BudgetCode::parse("5.03.02.2.01").unwrap()));
        // 5.07 is in the 2027 list only.
        assert!(stable.entry(&BudgetCode::parse("5.07").unwrap()).is_none());
    }
}
