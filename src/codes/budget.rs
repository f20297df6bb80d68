//! [`BudgetCode`]: a well-formed program or account code in canonical form, with its level,
//! its parent and whether it contains another. How each kind is written is `program.rs` and
//! `account.rs`; this file knows the hierarchy.

use std::fmt;

use super::account;
use super::level::{CodeKind, CodeLevel};
use super::program::{self, CodeError};

/// A well-formed budget code: a program code (`5.03.01.2.02.01`) or an account code
/// (`5.1.02.01.01.0024`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BudgetCode {
    kind: CodeKind,
    /// The canonical segments joined with dots: `5.03.01.2.02.01`. An account code written
    /// without dots and not yet split along its parent is one segment (`41101`). Ordering by
    /// this text is ordering by segments, as `.` sorts below every digit and `X`.
    canonical: String,
}

impl BudgetCode {
    /// Parses a code written in one cell: `5.03.01.2.08.01`, `5 03 01 2.08 01`, `5.3.1`,
    /// `5 03`, `5.03.01.2.08.0001`. Dots and any white space (NBSP included) separate segments.
    /// An account code with dots (`5.1.01.01.11.0001`) is read as one.
    ///
    /// # Errors
    /// A [`CodeError`] saying which segment breaks the pattern of its level.
    pub fn parse(text: &str) -> Result<BudgetCode, CodeError> {
        if let Some(canonical) = account::dotted(text) {
            return Ok(BudgetCode {
                kind: CodeKind::Account,
                canonical,
            });
        }
        BudgetCode::from_parts(&[text])
    }

    /// Builds a program code from parts split over several columns (`5 | 03 | 02 | 01`, or
    /// `5 03 01 | 2.06 | 01`). Empty parts are skipped.
    ///
    /// # Errors
    /// A [`CodeError`], as [`BudgetCode::parse`].
    pub fn from_parts(parts: &[&str]) -> Result<BudgetCode, CodeError> {
        let tokens: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.split(|c: char| c == '.' || c.is_whitespace() || c == '\u{200b}'))
            .filter(|t| !t.is_empty())
            .collect();
        Ok(BudgetCode {
            kind: CodeKind::Program,
            canonical: program::canonical(&tokens)?,
        })
    }

    /// An account code written without dots (`41101`, `4110103`), kept as one segment until
    /// [`BudgetCode::under`] splits it. `None` unless 1 to 16 digits not starting with 0.
    pub fn account_digits(text: &str) -> Option<BudgetCode> {
        let t = text.trim();
        account::is_undotted(t).then(|| BudgetCode {
            kind: CodeKind::Account,
            canonical: t.to_string(),
        })
    }

    /// An account code as a table coded by account writes it: with dots in account widths
    /// (`4.1.1.01`) or as digits (`41101`, `4`). `None` for anything else, program codes
    /// included.
    pub fn account(text: &str) -> Option<BudgetCode> {
        match account::dotted(text) {
            Some(canonical) => Some(BudgetCode {
                kind: CodeKind::Account,
                canonical,
            }),
            None => BudgetCode::account_digits(text),
        }
    }

    /// An account kelompok written with its dot (`5.1`, `5.2`): akun and kelompok of one
    /// digit each. A bidang urusan with its zero dropped looks the same (`5.2` for 5.02), so
    /// this is for callers that know from elsewhere — the name after it, the codes around it —
    /// that the text is an account code. `None` for any other text.
    pub fn kelompok(text: &str) -> Option<BudgetCode> {
        account::kelompok(text).map(|canonical| BudgetCode {
            kind: CodeKind::Account,
            canonical,
        })
    }

    /// Whether `name`, the text after a code, names a group of accounts (`BELANJA OPERASI`,
    /// `Pendapatan Asli Daerah`), as no bidang urusan's name does.
    pub fn names_account_group(name: &str) -> bool {
        account::names_a_group(name)
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
        Some(BudgetCode {
            kind: CodeKind::Account,
            canonical: format!("{}.{rest}", parent.canonical),
        })
    }

    pub fn kind(&self) -> CodeKind {
        self.kind
    }

    pub fn level(&self) -> CodeLevel {
        if self.kind == CodeKind::Account {
            // Split codes show their level in their segments (`5.1.02.01.001` is a rincian
            // objek of 9 digits); only digits not yet split tell it by their count.
            let segments = self.segment_count();
            if segments > 1 {
                return account::level_of_segments(segments);
            }
            return account::level(self.canonical.len());
        }
        match self.segment_count() {
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
        let keep = match (self.kind, self.segment_count()) {
            (_, 1) => return None,
            (CodeKind::Program, 5) => 3,
            (_, n) => n - 1,
        };
        let (end, _) = self.canonical.match_indices('.').nth(keep - 1)?;
        Some(BudgetCode {
            kind: self.kind,
            canonical: self.canonical[..end].to_string(),
        })
    }

    /// Whether `self` is `other` or one of its ancestors. An account code not yet split
    /// (`41`, `41101`) compares digits, so `41` contains `41101` and `4.1.1.01`; split codes
    /// compare segments (`4.1.1.01` does not contain `4.1.10.11`).
    pub fn contains(&self, other: &BudgetCode) -> bool {
        if self.kind != other.kind {
            return false;
        }
        let unsplit = self.segment_count() == 1 || other.segment_count() == 1;
        if self.kind == CodeKind::Account && unsplit {
            return other.digits().starts_with(&self.digits());
        }
        other
            .canonical
            .strip_prefix(&self.canonical)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    }

    /// `5.03.01.2.02.01`.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// `5.03.01.2.02.01`, owned.
    pub fn canonical(&self) -> String {
        self.canonical.clone()
    }

    /// The canonical segments: `5`, `03`, `01`, `2`, `02`, `01`.
    pub fn segments(&self) -> impl Iterator<Item = &str> + '_ {
        self.canonical.split('.')
    }

    pub fn segment_count(&self) -> usize {
        self.canonical.bytes().filter(|b| *b == b'.').count() + 1
    }

    /// The code's digits without separators (`41101` for `4.1.1.01`).
    pub fn digits(&self) -> String {
        self.canonical.replace('.', "")
    }

    /// Whether `text` shows exactly the canonical segments, separated by dots or white space
    /// (`5.03.01`, `5 03 01`, `x.xx.01`), rather than with zeros dropped (`5.3.1`): a code
    /// so written is meant as one even where a number could stand.
    pub fn is_written_as(&self, text: &str) -> bool {
        let mut written = text
            .split(|c: char| c == '.' || c.is_whitespace())
            .filter(|s| !s.is_empty());
        let mut canonical = self.segments();
        loop {
            match (written.next(), canonical.next()) {
                (None, None) => return true,
                (Some(w), Some(c)) if w.eq_ignore_ascii_case(c) => {}
                _ => return false,
            }
        }
    }
}

impl fmt::Display for BudgetCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_parents_follow_the_hierarchy() {
        let sub = BudgetCode::parse("5.03.01.2.09.11").unwrap();
        assert_eq!(sub.level(), CodeLevel::SubKegiatan);
        let kegiatan = sub.parent().unwrap();
        assert_eq!(
            (kegiatan.as_str(), kegiatan.level()),
            ("5.03.01.2.09", CodeLevel::Kegiatan)
        );
        let program = kegiatan.parent().unwrap();
        assert_eq!(
            (program.as_str(), program.level()),
            ("5.03.01", CodeLevel::Program)
        );
        let bidang = program.parent().unwrap();
        assert_eq!(bidang.as_str(), "5.03");
        assert_eq!(bidang.parent().unwrap().as_str(), "5");
        assert_eq!(bidang.parent().unwrap().parent(), None);
        assert!(program.contains(&sub) && !sub.contains(&program) && sub.contains(&sub));
        let account = BudgetCode::parse("5.1.02.01.01.0024").unwrap();
        assert_eq!(account.parent().unwrap().as_str(), "5.1.02.01.01");
        assert_eq!(
            account.segments().collect::<Vec<_>>(),
            ["5", "1", "02", "01", "01", "0024"]
        );
        assert_eq!(
            (account.segment_count(), account.digits().as_str()),
            (6, "510201010024")
        );
    }

    #[test]
    fn segments_not_text_decide_containment() {
        let parse = |t| BudgetCode::parse(t).unwrap();
        // `5.03.01.2.01.01` is a prefix of the text `5.03.01.2.01.0101`, not of its segments.
        assert!(!parse("5.03.01.2.01.01").contains(&parse("5.03.01.2.01.0101")));
        // `4.1.1` alone is program 4.01.01; as the parent of an account code it is jenis 4.1.1.
        let jenis = parse("4.1.1.01").parent().unwrap();
        assert!(!jenis.contains(&parse("4.1.10.11")));
        assert!(jenis.contains(&parse("4.1.1.01")));
        assert!(!parse("4.1.1").contains(&parse("4.1.1.01")));
        assert!(parse("1.01").contains(&parse("1.01.02")));
        assert!(!parse("1.01.02").contains(&parse("1.01.20")));
        // Ordering by canonical text is ordering by segments.
        let mut codes = [
            parse("5.03.01"),
            parse("5.03"),
            parse("5.03.10"),
            parse("5.03.01.2.01"),
        ];
        codes.sort();
        let sorted: Vec<&str> = codes.iter().map(BudgetCode::as_str).collect();
        assert_eq!(sorted, ["5.03", "5.03.01", "5.03.01.2.01", "5.03.10"]);
    }

    #[test]
    fn is_written_as_its_canonical_segments() {
        let code = BudgetCode::parse("5.03.01").unwrap();
        for (text, written) in [
            ("5.03.01", true),
            ("5 03 01", true),
            ("5.03.01.", true),
            ("5.3.1", false),
            ("5.03", false),
            ("5.03.01.01", false),
        ] {
            assert_eq!(code.is_written_as(text), written, "{text:?}");
        }
        assert!(BudgetCode::parse("x.xx.01")
            .unwrap()
            .is_written_as("x.xx.01"));
    }
}
