//! The lists built into the binary: `official.tsv.gz`, written by `examples/make_lists.rs`
//! from the reference files, unpacked and indexed once, the first time a document's codes are
//! looked up (a few tens of milliseconds; a run without codes never pays it).

use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;

use super::format::{self, ListHeader, ListKind, ListRow};
use super::list::CodeList;

/// The generated lists, gzip-compressed text (see [`format`]).
pub const OFFICIAL: &[u8] = include_bytes!("official.tsv.gz");

/// The embedded lists, in the order the file holds them.
pub fn lists() -> &'static [CodeList] {
    static LISTS: OnceLock<Vec<CodeList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let text = unpack(OFFICIAL).expect("the embedded lists are valid gzip text");
        format::read(&text)
            .expect("the embedded lists are in the list format")
            .into_iter()
            .map(|(header, rows)| CodeList::from_rows(header, rows).0)
            .collect()
    })
}

/// The text of a gzip-compressed list file.
///
/// # Errors
/// An I/O error when the bytes are not gzip or not UTF-8.
pub fn unpack(bytes: &[u8]) -> std::io::Result<String> {
    let mut text = String::new();
    GzDecoder::new(bytes).read_to_string(&mut text)?;
    Ok(text)
}

/// The urusan, bidang urusan and program codes every embedded program list has, with every
/// name any of them gives: what a document of a year without a list is checked against.
/// Those levels did not change between the lists renja has; kegiatan and sub kegiatan did.
pub fn stable() -> &'static CodeList {
    static STABLE: OnceLock<CodeList> = OnceLock::new();
    STABLE.get_or_init(|| {
        let programs: Vec<&CodeList> = lists()
            .iter()
            .filter(|l| l.header.kind == ListKind::Program)
            .collect();
        let mut rows = Vec::new();
        if let Some((first, rest)) = programs.split_first() {
            let mut codes: Vec<&str> = first
                .entries()
                .filter(|e| e.code.split('.').count() <= 3)
                .map(|e| e.code.as_str())
                .collect();
            codes.sort_unstable();
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
                        name: name.clone(),
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
    use crate::codes::BudgetCode;

    #[test]
    fn the_embedded_lists_unpack_with_the_counts_the_readme_gives() {
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
