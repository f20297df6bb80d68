//! Parses budget codes (kode program/kegiatan/sub kegiatan per Permendagri 90/2019 and its
//! updates) into a canonical dotted, zero-padded form with a level and a parent.
//!
//! Knows nothing of cells or sheets: callers hand over text (one cell, or the parts of a code
//! split over several columns). A code is never "fixed" by guessing: what does not fit the
//! pattern is an error the caller reports, keeping the text as written.
//!
//! Levels: urusan `5` › bidang urusan `5.03` › program `5.03.01` › kegiatan `5.03.01.2.02`
//! (the `2` marks a kab/kota kegiatan, `1` a province one) › sub kegiatan `5.03.01.2.02.01`
//! (two digits up to Kepmendagri 050-5889/2021, four digits — `.0001` — from
//! 900.1.15.5-1317/2023; both occur, and the width written is kept).

use std::fmt;

use serde::Serialize;
use thiserror::Error;

/// Where a code sits in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeLevel {
    Urusan,
    BidangUrusan,
    Program,
    Kegiatan,
    SubKegiatan,
}

impl CodeLevel {
    /// The Indonesian name, as staff and auditors say it.
    pub fn name(self) -> &'static str {
        match self {
            CodeLevel::Urusan => "urusan",
            CodeLevel::BidangUrusan => "bidang urusan",
            CodeLevel::Program => "program",
            CodeLevel::Kegiatan => "kegiatan",
            CodeLevel::SubKegiatan => "sub kegiatan",
        }
    }

    /// Depth in the hierarchy, 1 for urusan … 5 for sub kegiatan.
    pub fn depth(self) -> u8 {
        self as u8 + 1
    }
}

/// A well-formed budget code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BudgetCode {
    /// Canonical segments: `["5", "03", "01", "2", "02", "01"]`.
    segments: Vec<String>,
}

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
    /// `5.003`, `53.03`: a segment wider than its level allows.
    #[error("{level} segment {segment:?} too wide")]
    TooWide {
        level: &'static str,
        segment: String,
    },
    /// `5.03.01.2.00`, `0.03`: a zero where a number must start at 1.
    #[error("{level} number is zero")]
    Zero { level: &'static str },
    /// `5.03.01.3.02`: the kegiatan class must be 1 (province) or 2 (kab/kota).
    #[error("kegiatan class {0:?} is neither 1 nor 2")]
    KegiatanClass(String),
    /// `5.03.01.2.02.001`: a sub kegiatan number of 3 digits (neither the 2-digit nor the
    /// 4-digit nomenclature).
    #[error("sub kegiatan number {0:?} has neither 2 nor 4 digits")]
    SubKegiatanWidth(String),
}

impl CodeError {
    /// Catalogue key of the reason, for messages in the user's language.
    pub fn message_key(&self) -> &'static str {
        match self {
            CodeError::Empty => "code.reason.empty",
            CodeError::NotDigits(_) => "code.reason.not-digits",
            CodeError::IncompleteKegiatan => "code.reason.incomplete-kegiatan",
            CodeError::TooManySegments(_) => "code.reason.too-many-segments",
            CodeError::TooWide { .. } => "code.reason.too-wide",
            CodeError::Zero { .. } => "code.reason.zero",
            CodeError::KegiatanClass(_) => "code.reason.kegiatan-class",
            CodeError::SubKegiatanWidth(_) => "code.reason.sub-width",
        }
    }

    /// The reason as a catalogue message (`{detail}` filled with the offending part).
    pub fn message(&self) -> crate::messages::Message {
        let detail = match self {
            CodeError::Empty | CodeError::IncompleteKegiatan => String::new(),
            CodeError::NotDigits(s)
            | CodeError::KegiatanClass(s)
            | CodeError::SubKegiatanWidth(s) => s.clone(),
            CodeError::TooManySegments(n) => n.to_string(),
            CodeError::TooWide { segment, .. } => segment.clone(),
            CodeError::Zero { level } => (*level).to_string(),
        };
        crate::messages::Message::new(self.message_key()).arg("detail", detail)
    }
}

impl BudgetCode {
    /// Parses a code written in one cell: `5.03.01.2.08.01`, `5 03 01 2.08 01`, `5.3.1`,
    /// `5 03`, `5.03.01.2.08.0001`. Dots and any white space (NBSP included) separate segments.
    pub fn parse(text: &str) -> Result<BudgetCode, CodeError> {
        BudgetCode::from_parts(&[text])
    }

    /// Builds a code from parts split over several columns (`5 | 03 | 02 | 01`, or
    /// `5 03 01 | 2.06 | 01`). Empty parts are skipped.
    pub fn from_parts(parts: &[&str]) -> Result<BudgetCode, CodeError> {
        let tokens: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.split(|c: char| c == '.' || c.is_whitespace() || c == '\u{200b}'))
            .filter(|t| !t.is_empty())
            .collect();
        BudgetCode::from_tokens(&tokens)
    }

    fn from_tokens(tokens: &[&str]) -> Result<BudgetCode, CodeError> {
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
            .find(|t| !t.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(CodeError::NotDigits((*bad).to_string()));
        }
        let mut segments = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            segments.push(canonical_segment(i, token)?);
        }
        Ok(BudgetCode { segments })
    }

    pub fn level(&self) -> CodeLevel {
        match self.segments.len() {
            1 => CodeLevel::Urusan,
            2 => CodeLevel::BidangUrusan,
            3 => CodeLevel::Program,
            5 => CodeLevel::Kegiatan,
            _ => CodeLevel::SubKegiatan,
        }
    }

    /// The code one level up: sub kegiatan → kegiatan → program → bidang → urusan → none.
    pub fn parent(&self) -> Option<BudgetCode> {
        let keep = match self.segments.len() {
            1 => return None,
            5 => 3,
            n => n - 1,
        };
        Some(BudgetCode {
            segments: self.segments[..keep].to_vec(),
        })
    }

    /// Whether `self` is `other` or one of its ancestors.
    pub fn contains(&self, other: &BudgetCode) -> bool {
        other.segments.len() >= self.segments.len()
            && other.segments[..self.segments.len()] == self.segments[..]
    }

    /// `5.03.01.2.02.01`.
    pub fn canonical(&self) -> String {
        self.segments.join(".")
    }

    pub fn segments(&self) -> &[String] {
        &self.segments
    }
}

impl fmt::Display for BudgetCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// Pads and checks one segment by its position: urusan (1 digit), bidang, program,
/// kegiatan class (1 or 2), kegiatan number (2 digits), sub kegiatan (2 or 4 digits).
fn canonical_segment(index: usize, token: &str) -> Result<String, CodeError> {
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
    match index {
        0 => match value {
            0 => Err(CodeError::Zero { level }),
            1..=9 => Ok(value.to_string()),
            _ => Err(too_wide()),
        },
        3 => match value {
            1 | 2 if token.len() == 1 => Ok(value.to_string()),
            _ => Err(CodeError::KegiatanClass(token.to_string())),
        },
        5 => match token.len() {
            1 | 2 if value > 0 => Ok(format!("{value:02}")),
            4 if value > 0 => Ok(token.to_string()),
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
            Ok(format!("{value:02}"))
        }
    }
}

/// Whether a text has the unmistakable shape of a budget code, so it can be read as one even
/// outside a Kode column: two or more dots or spaces between 1–2-digit segments
/// (`5.03.01`, `5 03 01 2.08 01`). A lone `5.03` or `5` is not unmistakable (it could be a
/// number); neither is `5.636.089` (3-digit groups are thousands).
pub fn looks_like_code(text: &str) -> bool {
    let tokens: Vec<&str> = text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() < 3 || tokens.len() > 7 {
        return false;
    }
    if !tokens.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    // Thousands grouping: every group after the first has exactly three digits.
    if tokens[1..].iter().all(|t| t.len() == 3) {
        return false;
    }
    tokens[0].len() == 1 && tokens[1..].iter().all(|t| t.len() <= 2 || (t.len() == 4))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert_eq!(canon(text), expected, "{text:?}");
        }
    }

    #[test]
    fn joins_parts_split_over_columns() {
        assert_eq!(
            BudgetCode::from_parts(&["5 03 01", "2.06", "01"])
                .unwrap()
                .canonical(),
            "5.03.01.2.06.01"
        );
        assert_eq!(
            BudgetCode::from_parts(&["5", "03", "02", "", "2.04"])
                .unwrap()
                .canonical(),
            "5.03.02.2.04"
        );
        assert_eq!(
            BudgetCode::from_parts(&["5", "03", "02", "01"]),
            Err(CodeError::IncompleteKegiatan)
        );
    }

    #[test]
    fn rejects_malformed_codes_without_guessing() {
        for (text, error) in [
            ("", CodeError::Empty),
            (" . ", CodeError::Empty),
            ("5 01 03 01 2.08 01", CodeError::TooManySegments(7)),
            ("5.03.01.2", CodeError::IncompleteKegiatan),
            ("5.03.01.2.00", CodeError::Zero { level: "kegiatan" }),
            ("5.03.01.3.02", CodeError::KegiatanClass("3".into())),
            (
                "5.003",
                CodeError::TooWide {
                    level: "bidang urusan",
                    segment: "003".into(),
                },
            ),
            ("5.03.A1", CodeError::NotDigits("A1".into())),
            (
                "5.03.01.2.02.001",
                CodeError::SubKegiatanWidth("001".into()),
            ),
            ("0.03", CodeError::Zero { level: "urusan" }),
        ] {
            assert_eq!(BudgetCode::parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn levels_and_parents_follow_the_hierarchy() {
        let sub = BudgetCode::parse("5.03.01.2.09.11").unwrap();
        assert_eq!(sub.level(), CodeLevel::SubKegiatan);
        let kegiatan = sub.parent().unwrap();
        assert_eq!(
            (kegiatan.canonical().as_str(), kegiatan.level()),
            ("5.03.01.2.09", CodeLevel::Kegiatan)
        );
        let program = kegiatan.parent().unwrap();
        assert_eq!(
            (program.canonical().as_str(), program.level()),
            ("5.03.01", CodeLevel::Program)
        );
        let bidang = program.parent().unwrap();
        assert_eq!(bidang.canonical(), "5.03");
        assert_eq!(bidang.parent().unwrap().canonical(), "5");
        assert_eq!(bidang.parent().unwrap().parent(), None);
        assert!(program.contains(&sub) && !sub.contains(&program) && sub.contains(&sub));
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
        ] {
            assert!(!looks_like_code(not), "{not:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn canonical_form_parses_to_itself(u in 1u32..9, b in 1u32..99, p in 1u32..99, k in 1u32..3, kn in 1u32..99, s in 1u32..9999, depth in 0usize..5) {
            let segs = [u.to_string(), format!("{b:02}"), format!("{p:02}"), k.to_string(), format!("{kn:02}"), if s > 99 { format!("{s:04}") } else { format!("{s:02}") }];
            let take = [1, 2, 3, 5, 6][depth];
            let text = segs[..take].join(".");
            let code = BudgetCode::parse(&text).unwrap();
            proptest::prop_assert_eq!(code.canonical(), text.clone());
            let spaced = segs[..take].join(" ");
            proptest::prop_assert_eq!(BudgetCode::parse(&spaced).unwrap().canonical(), text);
        }
    }
}
