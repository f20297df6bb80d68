//! Parses budget codes (kode program/kegiatan/sub kegiatan per Permendagri 90/2019 and its
//! updates) into a canonical dotted, zero-padded form with a level and a parent.
//!
//! Knows nothing of cells or sheets: callers hand over text (one cell, or the parts of a code
//! split over several columns). A code is never "fixed" by guessing: what does not fit the
//! pattern is an error the caller reports, keeping the text as written.
//!
//! Levels: urusan `5` › bidang urusan `5.03` › program `5.03.01` › kegiatan `5.03.01.2.02`
//! (one digit, the kegiatan class, then two: `1` and `2` are province and kab/kota kegiatan
//! of Permendagri 90/2019, and the official 2027 nomenclature uses classes `1` to `8`) › sub
//! kegiatan `5.03.01.2.02.01` (two digits up to Kepmendagri 050-5889/2021, four digits —
//! `.0001` — from 900.1.15.5-1317/2023; both occur, and the width written is kept).
//!
//! The nomenclature's own template rows write `X.XX.01.2.01` for "the support program of any
//! urusan": `X` and `XX` are accepted as the urusan and bidang segments of such a code.
//!
//! Account codes (kode rekening: akun `4` › kelompok `4.1` › jenis › objek › rincian objek ›
//! sub rincian objek) are a second hierarchy, [`CodeKind::Account`]. Written with dots they
//! show the account widths — a one-digit second segment followed by two-digit ones
//! (`5.1.01.01.11.0001`, `4.1.1.01`) — which no program code has. Written without dots
//! (`41101`) the segments depend on the scheme (Permendagri 13/2006 writes jenis with one
//! digit, 90/2019 with two): [`BudgetCode::account_digits`] keeps the digits as one segment,
//! and [`BudgetCode::under`] splits them along a parent row's code, which the table's own
//! hierarchy (`4` › `41` › `411` › `41101`) makes unambiguous.

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
    Akun,
    Kelompok,
    Jenis,
    Objek,
    RincianObjek,
    SubRincianObjek,
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
            CodeLevel::Akun => "akun",
            CodeLevel::Kelompok => "kelompok",
            CodeLevel::Jenis => "jenis",
            CodeLevel::Objek => "objek",
            CodeLevel::RincianObjek => "rincian objek",
            CodeLevel::SubRincianObjek => "sub rincian objek",
        }
    }

    /// Depth in its hierarchy: 1 for urusan and akun, 5 for sub kegiatan, 6 for sub rincian
    /// objek.
    pub fn depth(self) -> u8 {
        match self {
            CodeLevel::Urusan | CodeLevel::Akun => 1,
            CodeLevel::BidangUrusan | CodeLevel::Kelompok => 2,
            CodeLevel::Program | CodeLevel::Jenis => 3,
            CodeLevel::Kegiatan | CodeLevel::Objek => 4,
            CodeLevel::SubKegiatan | CodeLevel::RincianObjek => 5,
            CodeLevel::SubRincianObjek => 6,
        }
    }
}

/// Which hierarchy a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeKind {
    /// urusan › bidang › program › kegiatan › sub kegiatan.
    Program,
    /// akun › kelompok › jenis › objek › rincian objek › sub rincian objek.
    Account,
}

/// A well-formed budget code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BudgetCode {
    kind: CodeKind,
    /// Canonical segments: `["5", "03", "01", "2", "02", "01"]`; an account code written
    /// without dots and not yet split along its parent is one segment (`["41101"]`).
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
    /// `5.03.01.12.02`: the kegiatan class is one digit, 1 to 9.
    #[error("kegiatan class {0:?} is not one digit 1-9")]
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
    /// An account code with dots (`5.1.01.01.11.0001`) is read as one.
    pub fn parse(text: &str) -> Result<BudgetCode, CodeError> {
        if let Some(account) = dotted_account(text) {
            return Ok(account);
        }
        BudgetCode::from_parts(&[text])
    }

    /// An account code written without dots (`41101`, `4110103`), kept as one segment until
    /// [`BudgetCode::under`] splits it. `None` unless 1 to 16 digits not starting with 0.
    pub fn account_digits(text: &str) -> Option<BudgetCode> {
        let t = text.trim();
        let ok = (1..=16).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && !t.starts_with('0');
        ok.then(|| BudgetCode {
            kind: CodeKind::Account,
            segments: vec![t.to_string()],
        })
    }

    /// This account code split along `parent`'s segments, when `parent`'s digits are a proper
    /// prefix of its own: `41101` under `4.1.1` is `4.1.1.01`.
    pub fn under(&self, parent: &BudgetCode) -> Option<BudgetCode> {
        if self.kind != CodeKind::Account || parent.kind != CodeKind::Account {
            return None;
        }
        let digits = self.digits();
        let rest = digits.strip_prefix(parent.digits().as_str())?;
        if rest.is_empty() {
            return None;
        }
        let mut segments = parent.segments.clone();
        segments.push(rest.to_string());
        Some(BudgetCode {
            kind: CodeKind::Account,
            segments,
        })
    }

    pub fn kind(&self) -> CodeKind {
        self.kind
    }

    /// The code's digits without separators (`41101` for `4.1.1.01`).
    pub fn digits(&self) -> String {
        self.segments.concat()
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
            .enumerate()
            .find(|(i, t)| !t.bytes().all(|b| b.is_ascii_digit()) && placeholder(*i, t).is_none())
        {
            return Err(CodeError::NotDigits((*bad.1).to_string()));
        }
        let mut segments: Vec<String> = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            segments.push(match placeholder(i, token) {
                Some(p) => p.to_string(),
                None => canonical_segment(i, token)?,
            });
        }
        // `X.XX` together or not at all: `5.XX` or `X.03` is no template code.
        let any_urusan = segments[0] == "X";
        if let Some(bidang) = segments.get(1) {
            if any_urusan != (bidang == "XX") {
                let odd = if any_urusan { tokens[0] } else { tokens[1] };
                return Err(CodeError::NotDigits(odd.to_string()));
            }
        }
        Ok(BudgetCode {
            kind: CodeKind::Program,
            segments,
        })
    }

    pub fn level(&self) -> CodeLevel {
        if self.kind == CodeKind::Account {
            // The digit count tells the level in both schemes: 13/2006 writes 1, 2, 3, 5, 7
            // digits, 90/2019 1, 2, 4, 6, 8, 12.
            return match self.digits().len() {
                1 => CodeLevel::Akun,
                2 => CodeLevel::Kelompok,
                3 | 4 => CodeLevel::Jenis,
                5 | 6 => CodeLevel::Objek,
                7 | 8 => CodeLevel::RincianObjek,
                _ => CodeLevel::SubRincianObjek,
            };
        }
        match self.segments.len() {
            1 => CodeLevel::Urusan,
            2 => CodeLevel::BidangUrusan,
            3 => CodeLevel::Program,
            5 => CodeLevel::Kegiatan,
            _ => CodeLevel::SubKegiatan,
        }
    }

    /// The code one level up: sub kegiatan → kegiatan → program → bidang → urusan → none;
    /// an account code loses its last segment (none for one written without dots).
    pub fn parent(&self) -> Option<BudgetCode> {
        let keep = match (self.kind, self.segments.len()) {
            (_, 1) => return None,
            (CodeKind::Program, 5) => 3,
            (_, n) => n - 1,
        };
        Some(BudgetCode {
            kind: self.kind,
            segments: self.segments[..keep].to_vec(),
        })
    }

    /// Whether `self` is `other` or one of its ancestors. An account code not yet split
    /// (`41`, `41101`) compares digits, so `41` contains `41101` and `4.1.1.01`; split codes
    /// compare segments (`4.1.1.01` does not contain `4.1.10.11`).
    pub fn contains(&self, other: &BudgetCode) -> bool {
        if self.kind != other.kind {
            return false;
        }
        let unsplit = self.segments.len() == 1 || other.segments.len() == 1;
        if self.kind == CodeKind::Account && unsplit {
            return other.digits().starts_with(&self.digits());
        }
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

/// `5.1.01.01.11.0001`, `4.1.1.01.03`: an account code with dots, told from a program code
/// by its widths — one-digit akun and kelompok, then jenis of one or two digits, objek and
/// rincian objek of two, sub rincian objek of four — with at least one segment after the
/// kelompok wider than one digit (`5.3.1` is program 5.03.01 with its zeros dropped).
fn dotted_account(text: &str) -> Option<BudgetCode> {
    let tokens: Vec<&str> = text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() < 3 || !tokens.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let jenis_width = tokens[2].len();
    let widths_fit = tokens.iter().enumerate().all(|(i, t)| match i {
        0 | 1 => t.len() == 1,
        2 => t.len() <= 2,
        3 | 4 => t.len() == 2,
        5 => t.len() == 4 && jenis_width == 2,
        _ => false,
    });
    let wider = tokens[2..].iter().any(|t| t.len() > 1);
    (widths_fit && wider && !tokens[0].starts_with('0')).then(|| BudgetCode {
        kind: CodeKind::Account,
        segments: tokens.iter().map(|t| (*t).to_string()).collect(),
    })
}

/// `X` (any urusan) and `XX` (any bidang), as the nomenclature's template rows write them.
fn placeholder(index: usize, token: &str) -> Option<&'static str> {
    match index {
        0 if token.eq_ignore_ascii_case("x") => Some("X"),
        1 if token.eq_ignore_ascii_case("xx") => Some("XX"),
        _ => None,
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
            1..=9 if token.len() == 1 => Ok(value.to_string()),
            0 if token.len() == 1 => Err(CodeError::Zero { level }),
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
    fn account_codes_with_dots_are_accounts() {
        for text in [
            "5.1.01.01.11.0001",
            "4.1.1.01",
            "4.1.1.01.03",
            "5.1.02",
            "5.2.02.05.01",
        ] {
            let code = BudgetCode::parse(text).unwrap();
            assert_eq!(
                (code.kind(), code.canonical().as_str()),
                (CodeKind::Account, text),
                "{text:?}"
            );
        }
        // Spaces separate as dots do: `5 1 2 02 01` is account 5.1.2.02.01 (13/2006 widths).
        let spaced = BudgetCode::parse("5 1 2 02 01").unwrap();
        assert_eq!(
            (spaced.kind(), spaced.canonical().as_str()),
            (CodeKind::Account, "5.1.2.02.01")
        );
        // Program codes stay programs, also with their zeros dropped.
        for text in ["5.3.1", "5.03.01", "5.03.01.2.08.01", "1.01.02.1.01.0001"] {
            assert_eq!(
                BudgetCode::parse(text).unwrap().kind(),
                CodeKind::Program,
                "{text}"
            );
        }
        assert_eq!(
            BudgetCode::parse("5.1.01.01.11.0001").unwrap().level(),
            CodeLevel::SubRincianObjek
        );
    }

    #[test]
    fn undotted_account_codes_split_along_their_parents() {
        let akun = BudgetCode::account_digits("4").unwrap();
        let kelompok = BudgetCode::account_digits("41")
            .unwrap()
            .under(&akun)
            .unwrap();
        let jenis = BudgetCode::account_digits("411")
            .unwrap()
            .under(&kelompok)
            .unwrap();
        let objek = BudgetCode::account_digits("41101")
            .unwrap()
            .under(&jenis)
            .unwrap();
        let rincian = BudgetCode::account_digits("4110103")
            .unwrap()
            .under(&objek)
            .unwrap();
        assert_eq!(rincian.canonical(), "4.1.1.01.03");
        assert_eq!(rincian.level(), CodeLevel::RincianObjek);
        assert_eq!(rincian.parent().unwrap(), objek);
        assert!(kelompok.contains(&rincian) && !rincian.contains(&kelompok));
        assert_eq!(rincian.level().depth(), 5);
        let other_scheme = BudgetCode::parse("4.1.10.11").unwrap();
        assert!(
            !objek.contains(&other_scheme),
            "segments, not digits, once split"
        );
        // Digits compare whatever the split: `41` contains `41101` before it is split.
        assert!(BudgetCode::account_digits("41")
            .unwrap()
            .contains(&BudgetCode::account_digits("41101").unwrap()));
        assert_eq!(
            BudgetCode::account_digits("42").unwrap().under(&kelompok),
            None
        );
        assert_eq!(BudgetCode::account_digits("0411"), None);
        assert_eq!(BudgetCode::account_digits("41a"), None);
        // Account and program hierarchies never contain each other.
        let program = BudgetCode::parse("4").unwrap();
        assert!(!program.contains(&kelompok) && !akun.contains(&program));
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
