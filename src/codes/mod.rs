//! Every kind of code the field writes, and the one answer to "is this text a code, and
//! which?" ([`classify`]).
//!
//! - Program codes (urusan › bidang urusan › program › kegiatan › sub kegiatan, Permendagri
//!   90/2019 and its updates) and account codes (kode rekening: akun › kelompok › jenis ›
//!   objek › rincian objek › sub rincian objek) are [`BudgetCode`]s: a canonical dotted,
//!   zero-padded form with a level, a parent, and the ancestors it contains.
//! - Organisation (SKPD) codes (`1.02.2.14.0.00.01.0000`) are [`OrganisationCode`]s. They
//!   name an agency, not a program: a table reads them as a level of a row's code path (the
//!   SKPD between bidang urusan and program in SIPD's LRA), never as a program code.
//! - Region codes (kode wilayah) are not read: no table renja knows prints them. One such as
//!   `01.01` is no program code either (an urusan is one digit): it is kept as written.
//!
//! Knows nothing of cells, sheets, tables or messages: callers hand over text and what they
//! know of where it stands ([`Hints`]), and turn the typed reasons ([`CodeError`]) into
//! messages themselves. A code is never "fixed" by guessing: what does not fit the pattern is
//! an error the caller reports, keeping the text as written.

mod account;
mod budget;
mod level;
pub mod lists;
mod organisation;
mod program;
mod shape;

pub use budget::BudgetCode;
pub use level::{CodeKind, CodeLevel};
pub use organisation::{OrganisationCode, OrganisationError};
pub use program::CodeError;
pub use shape::{classify, is_zero_padded, looks_like_code, CodeShape, ColumnHint, Hints};
