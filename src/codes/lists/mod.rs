//! The official code lists: which codes exist and what they are called, per budget year.
//!
//! Three lists are embedded, built from reference files by `examples/make_lists.rs` into
//! `official.tsv` (see [`format`]): the sub kegiatan list of Kepmendagri
//! 900.1.15.5-1317/2023 (budget year 2024), the sub kegiatan nomenclature updated for 2027
//! (with the previous code of each renumbered one) and the list of belanja account codes.
//! Users add or replace lists with their own file (`--nomenklatur`), given as rows of
//! code and name ([`CodeList::from_rows`]).
//!
//! A document is checked against the list of its own year only ([`CodeLists::view`]); a code
//! is never "corrected" from another year's list, which may have renumbered it. Knows nothing
//! of tables or findings: `rules::official` asks and reports.

mod embedded;
pub mod format;
mod list;
pub mod names;
mod view;

pub use format::{ListHeader, ListKind, ListRow};
pub use list::{program_key, shown_for, CodeList, Entry, Renumbering};
pub use view::{Basis, CodeLists, Elsewhere, Verdict, View};
