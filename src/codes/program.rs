//! Program codes (kode program/kegiatan/sub kegiatan, Permendagri 90/2019 and its updates):
//! the segment rules of each level, and why a text breaks them.
//!
//! Levels: urusan `5` › bidang urusan `5.03` › program `5.03.01` › kegiatan `5.03.01.2.02`
//! (one digit, the kegiatan class, then two: `1` and `2` are province and kab/kota kegiatan
//! of Permendagri 90/2019, and the official 2027 nomenclature uses classes `1` to `8`) › sub
//! kegiatan `5.03.01.2.02.01` (two digits up to Kepmendagri 050-5889/2021, four digits —
//! `.0001` — from 900.1.15.5-1317/2023; both occur, and the width written is kept).
//!
//! The nomenclature's own template rows write `X.XX.01.2.01` for "the support program of any
//! urusan": `X` and `XX` are accepted as the urusan and bidang segments of such a code.

use thiserror::Error;

/// Why a text is not a well-formed budget code. Each variant names the input that triggers it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CodeError {
    /// `""`, `" . "`: nothing but separators.
    #[error("empty")]
    Empty,
    /// `5.03.A1`, `5-03`: a segment that is not all digits.
    #[error("segment {0:?} is not a number")]
    NotDigits(String),
    /// `5.03.01.2`: a kegiatan class without its number.
    #[error("kegiatan class without kegiatan number")]
    IncompleteKegiatan,
    /// `5 01 03 01 2.08 01`: more than the six segments of a sub kegiatan code.
    #[error("{0} segments, at most 6")]
    TooManySegments(usize),
    /// `5.003`, `53.03`, `01.01`: a segment wider than its level allows.
    #[error("{level} segment {segment:?} too wide")]
    TooWide {
        level: &'static str,
        segment: String,
    },
    /// `5.03.01.2.00`, `0.03`: a zero where a number must start at 1.
    #[error("{level} number is zero")]
    Zero { level: &'static str },
    /// `5.03.01.12.02`: the kegiatan class is one digit, 1 to 9.
    #[error("kegiatan class {0:?} is not one digit 1-9")]
    KegiatanClass(String),
    /// `5.03.01.2.02.001`: a sub kegiatan number of 3 digits (neither the 2-digit nor the
    /// 4-digit nomenclature).
    #[error("sub kegiatan number {0:?} has neither 2 nor 4 digits")]
    SubKegiatanWidth(String),
}

/// The canonical text (`5.03.01.2.02.01`) of a program code given as its tokens, the
/// separators already dropped.
pub(super) fn canonical(tokens: &[&str]) -> Result<String, CodeError> {
    if tokens.is_empty() {
        return Err(CodeError::Empty);
    }
    if tokens.len() > 6 {
        return Err(CodeError::TooManySegments(tokens.len()));
    }
    if tokens.len() == 4 {
        return Err(CodeError::IncompleteKegiatan);
    }
    if let Some(bad) = tokens
        .iter()
        .enumerate()
        .find(|(i, t)| !t.bytes().all(|b| b.is_ascii_digit()) && placeholder(*i, t).is_none())
    {
        return Err(CodeError::NotDigits((*bad.1).to_string()));
    }
    let mut out = String::with_capacity(18);
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        match placeholder(i, token) {
            Some(p) => out.push_str(p),
            None => push_canonical_segment(&mut out, i, token)?,
        }
    }
    // `X.XX` together or not at all: `5.XX` or `X.03` is no template code.
    let any_urusan = placeholder(0, tokens[0]).is_some();
    if let Some(bidang) = tokens.get(1) {
        if any_urusan != placeholder(1, bidang).is_some() {
            let odd = if any_urusan { tokens[0] } else { tokens[1] };
            return Err(CodeError::NotDigits(odd.to_string()));
        }
    }
    Ok(out)
}

/// `X` (any urusan) and `XX` (any bidang), as the nomenclature's template rows write them,
/// in canonical (upper) case.
pub(super) fn placeholder(index: usize, token: &str) -> Option<&'static str> {
    match index {
        0 if token.eq_ignore_ascii_case("x") => Some("X"),
        1 if token.eq_ignore_ascii_case("xx") => Some("XX"),
        _ => None,
    }
}

/// Pads and checks one segment by its position: urusan (1 digit), bidang, program,
/// kegiatan class (1 or 2), kegiatan number (2 digits), sub kegiatan (2 or 4 digits), and
/// writes it to `out` (no string of its own: every code of every table and list comes here).
fn push_canonical_segment(out: &mut String, index: usize, token: &str) -> Result<(), CodeError> {
    let level = [
        "urusan",
        "bidang urusan",
        "program",
        "kegiatan",
        "kegiatan",
        "sub kegiatan",
    ][index];
    let value: u32 = token
        .parse()
        .map_err(|_| CodeError::NotDigits(token.to_string()))?;
    let too_wide = || CodeError::TooWide {
        level,
        segment: token.to_string(),
    };
    // The caller has checked that the token is all digits, and each arm below that it is no
    // wider than its level: its canonical form is the token itself, zero-padded to the width.
    let mut push_padded = |width: usize| {
        for _ in token.len()..width {
            out.push('0');
        }
        out.push_str(token);
    };
    match index {
        // One digit, never zero-padded: `01.01` is a region code (kode wilayah) or some
        // other scheme's, not bidang 1.01.
        0 => match value {
            0 => Err(CodeError::Zero { level }),
            1..=9 if token.len() == 1 => {
                push_padded(1);
                Ok(())
            }
            _ => Err(too_wide()),
        },
        3 => match value {
            1..=9 if token.len() == 1 => {
                push_padded(1);
                Ok(())
            }
            0 if token.len() == 1 => Err(CodeError::Zero { level }),
            _ => Err(CodeError::KegiatanClass(token.to_string())),
        },
        5 => match token.len() {
            1 | 2 if value > 0 => {
                push_padded(2);
                Ok(())
            }
            4 if value > 0 => {
                push_padded(4);
                Ok(())
            }
            1 | 2 | 4 => Err(CodeError::Zero { level }),
            _ => Err(CodeError::SubKegiatanWidth(token.to_string())),
        },
        _ => {
            if token.len() > 2 {
                return Err(too_wide());
            }
            if value == 0 {
                return Err(CodeError::Zero { level });
            }
            push_padded(2);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::codes::{BudgetCode, CodeError, CodeKind};

    fn canon(text: &str) -> String {
        BudgetCode::parse(text)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .canonical()
    }

    #[test]
    fn accepts_the_ways_staff_write_codes() {
        for (text, expected) in [
            ("5", "5"),
            ("5.03", "5.03"),
            ("5 03", "5.03"),
            ("5.3.1", "5.03.01"),
            ("5 03 01", "5.03.01"),
            ("5.03.01.2.08", "5.03.01.2.08"),
            ("5 03 01 2.08", "5.03.01.2.08"),
            ("5.03.01.2.08.01", "5.03.01.2.08.01"),
            ("5 03 01 2.08 01", "5.03.01.2.08.01"),
            ("5.03.01.2.08.0001", "5.03.01.2.08.0001"),
            ("  5.03.02.2.01.4 ", "5.03.02.2.01.04"),
            ("5\u{a0}03\u{a0}01", "5.03.01"),
            ("1.02.03.1.01.01", "1.02.03.1.01.01"),
            ("1.01.02.3.01", "1.01.02.3.01"),
            ("1.01.03.8.01.0002", "1.01.03.8.01.0002"),
            ("X.XX.01.2.01.01", "X.XX.01.2.01.01"),
            ("x xx 1 2.01", "X.XX.01.2.01"),
            // Found by the `code` fuzz target: a template code's canonical form parses back.
            ("x xx.1.2.1.0001", "X.XX.01.2.01.0001"),
            ("X.XX.01.2.01.0001", "X.XX.01.2.01.0001"),
        ] {
            assert_eq!(canon(text), expected, "{text:?}");
        }
    }

    #[test]
    fn joins_parts_split_over_columns() {
        for (parts, expected) in [
            (&["5 03 01", "2.06", "01"][..], Ok("5.03.01.2.06.01")),
            (&["5", "03", "02", "", "2.04"], Ok("5.03.02.2.04")),
            (&["X", "XX", "1", "2.01", "1"], Ok("X.XX.01.2.01.01")),
            (&["5", "03", "02", "01"], Err(CodeError::IncompleteKegiatan)),
            (&["5\u{200b}03"], Ok("5.03")),
        ] {
            let code = BudgetCode::from_parts(parts);
            assert_eq!(
                code.as_ref().map(BudgetCode::as_str),
                expected.as_ref().copied(),
                "{parts:?}"
            );
            if let Ok(code) = code {
                assert_eq!(code.kind(), CodeKind::Program, "parts are never an account");
            }
        }
    }

    #[test]
    fn rejects_malformed_codes_without_guessing() {
        for (text, error) in [
            ("", CodeError::Empty),
            (" . ", CodeError::Empty),
            ("5 01 03 01 2.08 01", CodeError::TooManySegments(7)),
            ("1.02.2.14.0.00.01.0000", CodeError::TooManySegments(8)),
            ("5.03.01.2", CodeError::IncompleteKegiatan),
            ("5.03.01.2.00", CodeError::Zero { level: "kegiatan" }),
            ("5.03.01.12.02", CodeError::KegiatanClass("12".into())),
            ("5.03.01.0.02", CodeError::Zero { level: "kegiatan" }),
            ("5.XX", CodeError::NotDigits("XX".into())),
            ("X.03.X", CodeError::NotDigits("X".into())),
            (
                "5.003",
                CodeError::TooWide {
                    level: "bidang urusan",
                    segment: "003".into(),
                },
            ),
            (
                "53.03",
                CodeError::TooWide {
                    level: "urusan",
                    segment: "53".into(),
                },
            ),
            // Issue 15: a region code `01.01` became bidang 1.01.
            (
                "01.01",
                CodeError::TooWide {
                    level: "urusan",
                    segment: "01".into(),
                },
            ),
            ("5.03.A1", CodeError::NotDigits("A1".into())),
            ("5-03", CodeError::NotDigits("5-03".into())),
            (
                "5.03.01.2.02.001",
                CodeError::SubKegiatanWidth("001".into()),
            ),
            (
                "5.03.01.2.02.0000",
                CodeError::Zero {
                    level: "sub kegiatan",
                },
            ),
            ("0.03", CodeError::Zero { level: "urusan" }),
        ] {
            assert_eq!(BudgetCode::parse(text), Err(error), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_form_parses_to_itself(u in 1u32..9, b in 1u32..99, p in 1u32..99, k in 1u32..9, kn in 1u32..99, s in 1u32..9999, depth in 0usize..5) {
            let segs = [u.to_string(), format!("{b:02}"), format!("{p:02}"), k.to_string(), format!("{kn:02}"), if s > 99 { format!("{s:04}") } else { format!("{s:02}") }];
            let take = [1, 2, 3, 5, 6][depth];
            let text = segs[..take].join(".");
            let code = BudgetCode::parse(&text).unwrap();
            proptest::prop_assert_eq!(code.canonical(), text.clone());
            proptest::prop_assert_eq!(code.kind(), CodeKind::Program);
            let spaced = segs[..take].join(" ");
            proptest::prop_assert_eq!(BudgetCode::parse(&spaced).unwrap().canonical(), text.clone());
            let parts: Vec<&str> = code.segments().collect();
            proptest::prop_assert_eq!(BudgetCode::from_parts(&parts).unwrap(), code);
        }
    }
}
