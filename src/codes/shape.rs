//! [`classify`]: the one answer to "is this text a code, and which?", given what the caller
//! knows of where the text stands ([`Hints`]). Every stage asks it: normalise before reading
//! a text as a number, tables when they assemble a row's code from its cells.
//!
//! The same text means different things in different places — `2.06` right of `5 03 01` is
//! kegiatan 2.06, alone it is the number 2,06; `41101` in a Kode column is an account code,
//! elsewhere forty-one thousand — so the rules below are by place, each with the reason it
//! exists.

use super::budget::BudgetCode;
use super::organisation::OrganisationCode;
use super::program::CodeError;

/// What the caller knows of where a text stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// What the column says its cells hold, if anything.
    pub column: Option<ColumnHint>,
    /// The cell is right next to one holding (a part of) a code, on the same row: a code
    /// split over columns continues to the right (`5 03 01 | 2.06 | 01`).
    pub right_of_code: bool,
}

impl Hints {
    /// A text in a column of this kind, not known to continue a code.
    pub fn in_column(column: ColumnHint) -> Hints {
        Hints {
            column: Some(column),
            right_of_code: false,
        }
    }
}

/// What a column says of its cells. The first three come from a header text, before any
/// table is known (`vocabulary::column_hint`); the last two from a table found in the
/// normalised sheet, whose cells the normalise stage has read already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnHint {
    /// Under `Kode`, `KODE REKENING`, `Kode Program`: codes, never amounts.
    Code,
    /// Under `No`, `No.`: numbering such as `1,1`, `1.1`, `I`, never a code.
    Numbering,
    /// Under a header naming one level of the code, when the code is split over columns
    /// (`URUSAN/UNSUR | BIDANG URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN` holding
    /// `5 | 1 | 2 | 2.01 | 1`): a piece of a code, so `2.01` is kegiatan 2.01, not 2,01.
    Level,
    /// A column a table reads its rows' codes from (its Kode columns and the unlabelled ones
    /// right of them), where one cell may hold several segments of a split code (`5 03 01`,
    /// `2.06`, `X`).
    RowCode,
    /// A table's column headed by the name of a code level, whose cells are being weighed as
    /// pieces of a split code: one level's piece (`46`, `2.01`, `0001`, `X`), read leniently,
    /// as most of the column must be pieces before it counts.
    SplitLevel,
}

/// What a text is, as a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeShape<'a> {
    /// A whole budget code (`5.03.01.2.08.01`, `5 03 01`, `5.1.01.01.11.0001`).
    Code(BudgetCode),
    /// A code followed by its name in one cell (`1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN`), as
    /// the official nomenclature lists each level. `name` is the text after the code, with
    /// the white space that separates it.
    Named { code: BudgetCode, name: &'a str },
    /// Meant as a code — digits and separators in a Kode column, or the unmistakable shape of
    /// one elsewhere — but breaking the pattern (`5.03.01.12.02`).
    Malformed(CodeError),
    /// An organisation (SKPD) code (`1.02.2.14.0.00.01.0000`), alone or followed by the
    /// agency's name (`1.01.2.22.0.00.02.0000 Dinas Pendidikan dan Kebudayaan`, as SIPD's flat
    /// exports write it). `name` is the text after the code, with the white space that
    /// separates it; empty when there is none.
    Organisation {
        code: OrganisationCode,
        name: &'a str,
    },
    /// A piece of a code split over columns (`2.06`, `01`, `46`, `5 03 01`), kept as written:
    /// its level comes from the columns around it.
    Part,
    /// `X` or `XX` alone: the urusan or bidang of the nomenclature's template rows.
    Placeholder,
    /// Digits without separators in a Kode column (`41101`, `4110103`): a revenue account
    /// code or a code whose dots were lost. Which segments the digits fall into depends on
    /// the scheme, so it is kept as written, not called malformed.
    Undotted,
    /// No code.
    NotCode,
}

/// What `text` is as a code, given `hints`. White space around it is ignored. See
/// [`CodeShape`] for the answers and the module doc for why the place matters.
pub fn classify(text: &str, hints: Hints) -> CodeShape<'_> {
    let t = text.trim();
    match hints.column {
        Some(ColumnHint::RowCode) => return part_if(is_row_code_part(t)),
        Some(ColumnHint::SplitLevel) => return part_if(is_level_piece(t)),
        _ => {}
    }
    if hints.right_of_code && is_code_part(t) {
        return CodeShape::Part;
    }
    let column = hints.column;
    if column != Some(ColumnHint::Numbering) {
        if let Some((code, name)) = named_organisation(t) {
            return CodeShape::Organisation { code, name };
        }
        let in_code_column = matches!(column, Some(ColumnHint::Code | ColumnHint::Level));
        if let Some((code, name)) = named(t, in_code_column) {
            return CodeShape::Named { code, name };
        }
    }
    match column {
        Some(ColumnHint::Numbering) => CodeShape::NotCode,
        Some(ColumnHint::Level) if is_code_part(t) => CodeShape::Part,
        Some(ColumnHint::Code) if is_undotted(t) => CodeShape::Undotted,
        Some(ColumnHint::Code) if is_code_like(t) => whole(t),
        None if looks_like_code(t) => whole(t),
        _ if is_placeholder(t) => CodeShape::Placeholder,
        _ => organisation(t),
    }
}

fn part_if(part: bool) -> CodeShape<'static> {
    if part {
        CodeShape::Part
    } else {
        CodeShape::NotCode
    }
}

/// A text meant as a whole code: the code, an organisation code, or why it is neither.
fn whole(t: &str) -> CodeShape<'_> {
    match BudgetCode::parse(t) {
        Ok(code) => CodeShape::Code(code),
        Err(error) => match OrganisationCode::parse(t) {
            Ok(code) => CodeShape::Organisation { code, name: "" },
            Err(_) => CodeShape::Malformed(error),
        },
    }
}

fn organisation(t: &str) -> CodeShape<'_> {
    // Most texts are words or amounts: the length alone tells them apart.
    if t.len() != OrganisationCode::LEN {
        return CodeShape::NotCode;
    }
    match OrganisationCode::parse(t) {
        Ok(code) => CodeShape::Organisation { code, name: "" },
        Err(_) => CodeShape::NotCode,
    }
}

/// An organisation code followed by a name (`1.01.2.22.0.00.02.0000 Dinas Pendidikan`): the
/// code, and the name with the white space before it.
fn named_organisation(t: &str) -> Option<(OrganisationCode, &str)> {
    let head = t.get(..OrganisationCode::LEN)?;
    let name = &t[OrganisationCode::LEN..];
    let named =
        name.starts_with(char::is_whitespace) && name.trim_start().starts_with(char::is_alphabetic);
    if !named {
        return None;
    }
    OrganisationCode::parse(head).ok().map(|code| (code, name))
}

/// Whether a text has the unmistakable shape of a budget code, so it can be read as one even
/// outside a Kode column: a digit first, then two to six more segments, the first of one
/// digit and the others of one, two or four, separated by dots or spaces (`5.03.01`,
/// `5 03 01 2.08 01`, `5.03.01.2.08.0001`). A lone `5.03` or `5` is not unmistakable (it could
/// be a number); neither is `5.636.089` (groups of three digits are thousands).
pub fn looks_like_code(text: &str) -> bool {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut count = 0;
    for token in text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let width_fits = match count {
            0 => token.len() == 1,
            _ => token.len() <= 2 || token.len() == 4,
        };
        if !width_fits || !token.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        count += 1;
    }
    (3..=7).contains(&count)
}

/// A piece of a code split over columns, as the normalise stage tells it from a number: a
/// kegiatan part (`2.06`, class and number), a zero-padded segment (`01`, `0001`) or one or
/// two digits (`5`, `12`).
fn is_code_part(t: &str) -> bool {
    let b = t.as_bytes();
    let kegiatan = b.len() == 4
        && matches!(b[0], b'1'..=b'9')
        && b[1] == b'.'
        && b[2..].iter().all(u8::is_ascii_digit);
    kegiatan
        || is_zero_padded(t)
        || (b.len() <= 2 && !b.is_empty() && b.iter().all(u8::is_ascii_digit))
}

/// `01`, `0001`: two to four digits with a leading zero, as code segments are written and no
/// one writes an amount.
pub fn is_zero_padded(t: &str) -> bool {
    t.len() >= 2 && t.len() <= 4 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with separators only (`5.03.01`, `5-03`, `53.03`): meant as a code in a Kode
/// column, so a failure to parse is worth telling.
fn is_code_like(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/') || c.is_whitespace())
}

/// Digits only, at least two of them: a code written without separators (`41`, `41101`).
/// A lone `4` is an urusan code in either scheme.
fn is_undotted(t: &str) -> bool {
    t.len() >= 2 && t.bytes().all(|b| b.is_ascii_digit())
}

/// `X`, `XX` in any case: see [`CodeShape::Placeholder`].
fn is_placeholder(t: &str) -> bool {
    t.eq_ignore_ascii_case("x") || t.eq_ignore_ascii_case("xx")
}

/// A row's code cell as a table reads it: groups of at most four digits, or the placeholders
/// `X` and `XX`, separated by dots or spaces (`5 03 01`, `2.06`, `01`, `X`).
fn is_row_code_part(t: &str) -> bool {
    let mut groups = t.split(['.', ' ']).filter(|g| !g.is_empty()).peekable();
    groups.peek().is_some()
        && groups
            .all(|g| (g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit())) || is_placeholder(g))
}

/// One level's piece of a split code: `X`, `XX`, or one or two dot-separated groups of one to
/// four digits (`46`, `0001`, `2.01`).
fn is_level_piece(t: &str) -> bool {
    let group = |g: &str| !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit());
    is_placeholder(t) || (t.split('.').count() <= 2 && t.split('.').all(group))
}

/// A budget code followed by its name in one cell (`1.01 URUSAN PEMERINTAHAN BIDANG
/// PENDIDIKAN`, `1.01.02.1.01.0001 Pembangunan USB`, as the official nomenclature lists them):
/// the code, and the name as written. Read only where no number is meant: the code in the
/// widths it is written in canonically (`1.5 Orang` is not `1.05`) unless in a code column,
/// and of three or more segments, or a bidang (`1.01`) in a code column or followed by three
/// or more words (`2.25 Ha` is a quantity, if anything; `1 Paket` is never a code). A kelompok
/// of accounts followed by its name (`5.1 BELANJA OPERASI`) is that account code anywhere.
fn named(t: &str, in_code_column: bool) -> Option<(BudgetCode, &str)> {
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x') {
        return None;
    }
    // The name starts at the first word that begins with a letter, after white space.
    let mut name_start = None;
    let mut prev_space = false;
    for (i, c) in t.char_indices() {
        if prev_space && c.is_alphabetic() && !t[i..].starts_with(['X', 'x']) {
            name_start = Some(i);
            break;
        }
        if !(c.is_ascii_digit() || c == '.' || c.is_whitespace() || c == 'X' || c == 'x') {
            return None;
        }
        prev_space = c.is_whitespace();
    }
    let code_text = t[..name_start?].trim_end();
    // The name with the white space that separated it, so only the code part can change.
    let name = &t[code_text.len()..];
    // `5.2 BELANJA MODAL`: the name says the kelompok of accounts, not bidang 5.02.
    if let Some(kelompok) = BudgetCode::kelompok(code_text) {
        if BudgetCode::names_account_group(name) {
            return Some((kelompok, name));
        }
    }
    if let Some((code, first)) = replacing_code(code_text) {
        return Some((code, &t[first.len()..]));
    }
    let code = BudgetCode::parse(code_text).ok()?;
    let segments = code.segment_count();
    // One segment is a count with its unit (`1 Paket`) as often as an urusan with its name.
    let unmistakable = segments >= 3
        || (segments == 2 && (in_code_column || name.split_whitespace().count() >= 3));
    ((in_code_column || code.is_written_as(code_text)) && unmistakable).then_some((code, name))
}

/// `1.03.07.2.01.0038 1.03.07.2.01.0018`: a new code, then the code it replaced, as the 2027
/// nomenclature writes a renumbered sub kegiatan. Both dotted, canonical and under one parent,
/// so a code written in two pieces (`5 03 01 2.08 01`, `5.03.01 2.08.01`) is never split. The
/// code, and the text of the first.
fn replacing_code(code_text: &str) -> Option<(BudgetCode, &str)> {
    let (first, second) = code_text.split_once(char::is_whitespace)?;
    let second = second.trim_start();
    let dotted = |t: &str| -> Option<BudgetCode> {
        let code = BudgetCode::parse(t).ok()?;
        (t.contains('.') && code.is_written_as(t) && code.segment_count() >= 3).then_some(code)
    };
    let (new, old) = (dotted(first)?, dotted(second)?);
    (new.parent() == old.parent() && new != old).then_some((new, first))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::codes::{CodeKind, CodeLevel};

    /// A short description of a shape, for tables of cases.
    fn shown(shape: CodeShape) -> String {
        match shape {
            CodeShape::Code(code) => format!("code {code}"),
            CodeShape::Named { code, name } => format!("named {code}|{name}"),
            CodeShape::Malformed(error) => format!("malformed {error}"),
            CodeShape::Organisation { code, name } => {
                format!("organisation {}|{name}", code.as_str())
            }
            CodeShape::Part => "part".into(),
            CodeShape::Placeholder => "placeholder".into(),
            CodeShape::Undotted => "undotted".into(),
            CodeShape::NotCode => "no code".into(),
        }
    }

    fn check(hints: Hints, cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(
                shown(classify(text, hints)),
                *expected,
                "{text:?} {hints:?}"
            );
        }
    }

    #[test]
    fn outside_any_column_only_the_unmistakable_is_a_code() {
        check(
            Hints::default(),
            &[
                ("5.03.01", "code 5.03.01"),
                (" 5 03 01 2.08 01 ", "code 5.03.01.2.08.01"),
                ("5.03.01.2.08.0001", "code 5.03.01.2.08.0001"),
                ("5.1.02.01.01.0024", "code 5.1.02.01.01.0024"),
                ("5 01 03 01 2.08 01", "malformed 7 segments, at most 6"),
                (
                    "5.03.01.2",
                    "malformed kegiatan class without kegiatan number",
                ),
                ("5.636.089.563", "no code"),
                ("1 541 063 680", "no code"),
                ("5.03", "no code"),
                ("5", "no code"),
                ("01", "no code"),
                ("149,53", "no code"),
                ("Rp. 5.000", "no code"),
                (".5.03.01", "no code"),
                (
                    "1.02.2.14.0.00.01.0000",
                    "organisation 1.02.2.14.0.00.01.0000|",
                ),
                (
                    "1.01.02  PROGRAM PENGELOLAAN PENDIDIKAN",
                    "named 1.01.02|  PROGRAM PENGELOLAAN PENDIDIKAN",
                ),
                (
                    "1.01 URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
                    "named 1.01| URUSAN PEMERINTAHAN BIDANG PENDIDIKAN",
                ),
                (
                    "x.xx.01.2.01.01 Penyusunan Dokumen",
                    "named X.XX.01.2.01.01| Penyusunan Dokumen",
                ),
                (
                    "1.01.2.22.0.00.02.0000 Dinas Pendidikan dan Kebudayaan",
                    "organisation 1.01.2.22.0.00.02.0000| Dinas Pendidikan dan Kebudayaan",
                ),
                ("1.01.2.22.0.00.02.0000 000", "no code"),
                ("1.01 Pendidikan", "no code"),
                // An account kelompok is told by its name (SIPD's flat export).
                ("5.1 BELANJA OPERASI", "named 5.1| BELANJA OPERASI"),
                ("5.2  Belanja Modal", "named 5.2|  Belanja Modal"),
                (
                    "4.1 PENDAPATAN ASLI DAERAH (PAD)",
                    "named 4.1| PENDAPATAN ASLI DAERAH (PAD)",
                ),
                (
                    "6.2 Pengeluaran Pembiayaan",
                    "named 6.2| Pengeluaran Pembiayaan",
                ),
                ("5.1 Perencanaan", "no code"),
                ("5.0 BELANJA", "no code"),
                ("2.25 Ha", "no code"),
                ("1 Paket", "no code"),
                ("1.5 Orang Petugas Lapangan", "no code"),
                ("5.03.01 Set", "named 5.03.01| Set"),
                ("X", "placeholder"),
                (" xx ", "placeholder"),
                ("XXX", "no code"),
                ("", "no code"),
            ],
        );
    }

    #[test]
    fn a_kode_column_holds_codes_of_every_kind() {
        check(
            Hints::in_column(ColumnHint::Code),
            &[
                ("5.03", "code 5.03"),
                ("4", "code 4"),
                ("5.3.1", "code 5.03.01"),
                ("4.1.1.01", "code 4.1.1.01"),
                ("41", "undotted"),
                ("41101", "undotted"),
                ("01", "undotted"),
                (
                    "5.03.01.12.02",
                    "malformed kegiatan class \"12\" is not one digit 1-9",
                ),
                ("5-03", "malformed segment \"5-03\" is not a number"),
                ("5,03", "malformed segment \"5,03\" is not a number"),
                (
                    "1.02.2.14.0.00.01.0000",
                    "organisation 1.02.2.14.0.00.01.0000|",
                ),
                ("1.01 Pendidikan", "named 1.01| Pendidikan"),
                ("5.2 BELANJA MODAL", "named 5.2| BELANJA MODAL"),
                ("5.2 Keuangan", "named 5.02| Keuangan"),
                // In a code column the widths need not be canonical, but a bidang needs a name.
                ("1.5 Orang", "named 1.05| Orang"),
                ("1 Paket", "no code"),
                ("Urusan", "no code"),
                ("-", "no code"),
                ("X", "placeholder"),
            ],
        );
    }

    /// The 2027 nomenclature writes a renumbered sub kegiatan as its new code, its old code,
    /// then the name (`1.03.07.2.01.0038 1.03.07.2.01.0018 Optimalisasi …`): the cell's code is
    /// the first; the old one stays in the text after it.
    #[test]
    fn a_code_followed_by_the_code_it_replaced_is_the_first() {
        let new_then_old = "1.03.07.2.01.0038 1.03.07.2.01.0018 Optimalisasi SPALD";
        for hints in [Hints::default(), Hints::in_column(ColumnHint::Code)] {
            check(
                hints,
                &[
                    (
                        new_then_old,
                        "named 1.03.07.2.01.0038| 1.03.07.2.01.0018 Optimalisasi SPALD",
                    ),
                    // A code written with spaces is one code, not two.
                    (
                        "5 03 01 2.08 01 Penyediaan Gaji",
                        "named 5.03.01.2.08.01| Penyediaan Gaji",
                    ),
                    (
                        "5.03.01 2.08.01 Penyediaan Gaji",
                        "named 5.03.01.2.08.01| Penyediaan Gaji",
                    ),
                    // Two codes of different levels are no such pair.
                    (
                        "1.03.07.2.01 1.03.07.2.01.0018 Optimalisasi SPALD",
                        "no code",
                    ),
                ],
            );
        }
    }

    #[test]
    fn a_kelompok_named_as_one_is_an_account_code() {
        for hints in [Hints::default(), Hints::in_column(ColumnHint::Code)] {
            let CodeShape::Named { code, .. } = classify("5.2 BELANJA MODAL", hints) else {
                panic!("{hints:?}");
            };
            assert_eq!(
                (code.kind(), code.level(), code.as_str()),
                (CodeKind::Account, CodeLevel::Kelompok, "5.2")
            );
            assert_eq!(code.parent().map(|p| p.canonical()).as_deref(), Some("5"));
        }
    }

    #[test]
    fn a_numbering_column_holds_no_codes() {
        check(
            Hints::in_column(ColumnHint::Numbering),
            &[
                ("1.1", "no code"),
                ("5.03.01", "no code"),
                ("1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN", "no code"),
                ("X", "no code"),
            ],
        );
    }

    #[test]
    fn a_level_column_holds_pieces_of_a_split_code() {
        check(
            Hints::in_column(ColumnHint::Level),
            &[
                ("2.01", "part"),
                ("3.01", "part"),
                ("7.12", "part"),
                ("01", "part"),
                ("0001", "part"),
                ("5", "part"),
                ("12", "part"),
                ("0.01", "no code"),
                ("123", "no code"),
                ("2.5", "no code"),
                ("42 orang", "no code"),
                ("1 Paket", "no code"),
                ("1.01 Pendidikan", "named 1.01| Pendidikan"),
                ("X", "placeholder"),
                (
                    "1.02.2.14.0.00.01.0000",
                    "organisation 1.02.2.14.0.00.01.0000|",
                ),
            ],
        );
    }

    #[test]
    fn right_of_a_code_pieces_continue_it() {
        let right = |column| Hints {
            column,
            right_of_code: true,
        };
        check(
            right(None),
            &[
                ("2.06", "part"),
                ("01", "part"),
                ("1", "part"),
                ("2,06", "no code"),
                ("123", "no code"),
                ("2.5", "no code"),
                ("5.03.01", "code 5.03.01"),
            ],
        );
        check(
            right(Some(ColumnHint::Numbering)),
            &[("01", "part"), ("1.1", "no code")],
        );
    }

    #[test]
    fn a_tables_code_columns_hold_parts_as_the_normalise_stage_left_them() {
        check(
            Hints::in_column(ColumnHint::RowCode),
            &[
                ("5 03 01", "part"),
                ("2.06", "part"),
                ("0001", "part"),
                ("X", "part"),
                ("x xx 01", "part"),
                ("5.1.02.04.001", "part"),
                ("12345", "no code"),
                ("5,03", "no code"),
                ("5\t03", "no code"),
                ("Uraian", "no code"),
                ("", "no code"),
            ],
        );
        check(
            Hints::in_column(ColumnHint::SplitLevel),
            &[
                ("46", "part"),
                ("2.01", "part"),
                ("0001", "part"),
                ("12.3456", "part"),
                ("xx", "part"),
                ("12345", "no code"),
                ("5 03", "no code"),
                ("1.2.3", "no code"),
                ("2.", "no code"),
                ("", "no code"),
            ],
        );
    }

    #[test]
    fn tells_codes_from_grouped_numbers() {
        for code in [
            "5.03.01",
            "5 03 01 2.08 01",
            "5.03.01.2.08.0001",
            "5 01 03 01 2.08 01",
        ] {
            assert!(looks_like_code(code), "{code:?}");
        }
        for not in [
            "5.636.089.563",
            "1 541 063 680",
            "5.03",
            "5",
            "149,53",
            "Rp. 5.000",
            "5.03.x",
            "1.02.2.14.0.00.01.0000",
            " 5.03.01",
        ] {
            assert!(!looks_like_code(not), "{not:?}");
        }
    }

    fn any_hints() -> impl Strategy<Value = Hints> {
        let column = prop_oneof![
            Just(None),
            Just(Some(ColumnHint::Code)),
            Just(Some(ColumnHint::Numbering)),
            Just(Some(ColumnHint::Level)),
            Just(Some(ColumnHint::RowCode)),
            Just(Some(ColumnHint::SplitLevel)),
        ];
        (column, any::<bool>()).prop_map(|(column, right_of_code)| Hints {
            column,
            right_of_code,
        })
    }

    /// A program code in canonical form, urusan to sub kegiatan.
    fn program_code() -> impl Strategy<Value = String> {
        (
            1u32..=9,
            1u32..=99,
            1u32..=99,
            1u32..=8,
            1u32..=99,
            1u32..=9999,
            0usize..5,
        )
            .prop_map(|(u, b, p, k, kn, s, depth)| {
                let sub = if s > 99 {
                    format!("{s:04}")
                } else {
                    format!("{s:02}")
                };
                let segs = [
                    u.to_string(),
                    format!("{b:02}"),
                    format!("{p:02}"),
                    k.to_string(),
                    format!("{kn:02}"),
                    sub,
                ];
                segs[..[1, 2, 3, 5, 6][depth]].join(".")
            })
    }

    proptest! {
        #[test]
        fn never_panics(text in "[0-9xX.,/ \u{a0}\u{200b}a-zA-Z-]{0,40}", hints in any_hints()) {
            let _ = classify(&text, hints);
        }

        #[test]
        fn a_canonical_code_is_that_code(text in program_code()) {
            let code = BudgetCode::parse(&text).unwrap();
            prop_assert_eq!(classify(&text, Hints::in_column(ColumnHint::Code)), CodeShape::Code(code.clone()));
            if code.segment_count() >= 3 {
                prop_assert_eq!(classify(&text, Hints::default()), CodeShape::Code(code.clone()));
            }
            let named = format!("{text} Penyediaan Gaji dan Tunjangan ASN");
            if code.segment_count() >= 2 {
                prop_assert_eq!(
                    classify(&named, Hints::default()),
                    CodeShape::Named { code, name: " Penyediaan Gaji dan Tunjangan ASN" }
                );
            }
        }
    }
}
