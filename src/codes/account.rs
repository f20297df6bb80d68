//! Account codes (kode rekening: akun `5` › kelompok `5.1` › jenis `5.1.02` › objek
//! `5.1.02.01` › rincian objek `5.1.02.01.01` › sub rincian objek `5.1.02.01.01.0024`), a
//! second hierarchy beside the program codes.
//!
//! Written with dots they show the account widths — a one-digit second segment followed by
//! two-digit ones (`5.1.01.01.11.0001`, `4.1.1.01`) — which no program code has. Written
//! without dots (`41101`) the segments depend on the scheme (Permendagri 13/2006 writes jenis
//! with one digit, 90/2019 with two): such a code is kept as one segment until a parent row
//! tells where its segments end (`BudgetCode::under`).

use super::level::CodeLevel;

/// `5.1.01.01.11.0001`, `4.1.1.01.03`, `5.1.02.01.001.00024`: an account code with dots (or
/// spaces), told from a program code by its widths — one-digit akun and kelompok, then jenis
/// of one or two digits, objek of two, rincian objek and sub rincian objek of two and four
/// (Permendagri 90/2019's lists) or three and five (SIPD) — with at least one segment after
/// the kelompok wider than one digit (`5.3.1` is program 5.03.01 with its zeros dropped).
/// Returns the canonical text, the segments joined with dots.
pub(super) fn dotted(text: &str) -> Option<String> {
    let mut tokens = [""; 6];
    let mut count = 0;
    for token in text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        if count == tokens.len() || !token.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        tokens[count] = token;
        count += 1;
    }
    let tokens = &tokens[..count];
    if tokens.len() < 3 {
        return None;
    }
    let jenis_width = tokens[2].len();
    // SIPD writes rincian objek with three digits and sub rincian objek with five
    // (`5.1.02.01.001.00024`); the Permendagri 90/2019 lists with two and four.
    let sipd = tokens.get(4).is_some_and(|t| t.len() == 3);
    let widths_fit = tokens.iter().enumerate().all(|(i, t)| match i {
        0 | 1 => t.len() == 1,
        2 => t.len() <= 2,
        3 => t.len() == 2,
        4 if sipd => jenis_width == 2,
        4 => t.len() == 2,
        _ => t.len() == if sipd { 5 } else { 4 } && jenis_width == 2,
    });
    let wider = tokens[2..].iter().any(|t| t.len() > 1);
    (widths_fit && wider && !tokens[0].starts_with('0')).then(|| tokens.join("."))
}

/// `5.1`, `4.3`: an akun and a kelompok, one digit each, as the flat SIPD export and account
/// tables write a kelompok. A bidang urusan with its zero dropped (`5.2` for 5.02) looks the
/// same: callers ask only where something else says it is an account ([`names_a_group`],
/// the codes around it).
pub(super) fn kelompok(text: &str) -> Option<String> {
    let (akun, kelompok) = text.trim().split_once('.')?;
    let digit = |s: &str| s.len() == 1 && matches!(s.as_bytes()[0], b'1'..=b'9');
    (digit(akun) && digit(kelompok)).then(|| format!("{akun}.{kelompok}"))
}

/// The words the names of akun and kelompok start with (Permendagri 13/2006 and 90/2019:
/// `5.1 BELANJA OPERASI`, `5.2 BELANJA MODAL`, `4.1 PENDAPATAN ASLI DAERAH (PAD)`, `4.3
/// LAIN-LAIN PENDAPATAN DAERAH YANG SAH`, `6.1 PENERIMAAN PEMBIAYAAN`), and no name of a
/// bidang urusan (`URUSAN PEMERINTAHAN BIDANG …`, `PERENCANAAN`, `KEUANGAN`) does.
const GROUP_WORDS: &[&str] = &[
    "belanja",
    "pendapatan",
    "pembiayaan",
    "penerimaan pembiayaan",
    "pengeluaran pembiayaan",
    "lain-lain pendapatan",
];

/// Whether `name` (the text after a code) names an akun or kelompok of accounts.
pub(super) fn names_a_group(name: &str) -> bool {
    let words = name.split_whitespace().collect::<Vec<_>>().join(" ");
    GROUP_WORDS.iter().any(|w| {
        words
            .get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
            && words[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Digits an account code written without dots may be: 1 to 16, not starting with 0
/// (`41101`, `4110103`).
pub(super) fn is_undotted(text: &str) -> bool {
    (1..=16).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && !text.starts_with('0')
}

/// The level an account code's digit count tells, the same in both schemes: 13/2006 writes
/// 1, 2, 3, 5, 7 digits, 90/2019 1, 2, 4, 6, 8, 12.
pub(super) fn level(digits: usize) -> CodeLevel {
    match digits {
        1 => CodeLevel::Akun,
        2 => CodeLevel::Kelompok,
        3 | 4 => CodeLevel::Jenis,
        5 | 6 => CodeLevel::Objek,
        7 | 8 => CodeLevel::RincianObjek,
        _ => CodeLevel::SubRincianObjek,
    }
}

/// The level of a split account code: one segment per level, akun to sub rincian objek.
pub(super) fn level_of_segments(segments: usize) -> CodeLevel {
    match segments {
        1 => CodeLevel::Akun,
        2 => CodeLevel::Kelompok,
        3 => CodeLevel::Jenis,
        4 => CodeLevel::Objek,
        5 => CodeLevel::RincianObjek,
        _ => CodeLevel::SubRincianObjek,
    }
}

#[cfg(test)]
mod tests {
    use crate::codes::{BudgetCode, CodeKind, CodeLevel};

    #[test]
    fn account_codes_with_dots_are_accounts() {
        for (text, level) in [
            ("5.1.01.01.11.0001", CodeLevel::SubRincianObjek),
            ("5.1.02.01.01.0024", CodeLevel::SubRincianObjek),
            ("4.1.1.01", CodeLevel::Objek),
            ("4.1.1.01.03", CodeLevel::RincianObjek),
            ("5.1.02", CodeLevel::Jenis),
            ("5.2.02.05.01", CodeLevel::RincianObjek),
        ] {
            let code = BudgetCode::parse(text).unwrap();
            assert_eq!(
                (code.kind(), code.as_str(), code.level()),
                (CodeKind::Account, text, level),
                "{text:?}"
            );
            assert_eq!(BudgetCode::account(text).as_ref(), Some(&code), "{text:?}");
        }
        // Spaces separate as dots do: `5 1 2 02 01` is account 5.1.2.02.01 (13/2006 widths).
        let spaced = BudgetCode::parse("5 1 2 02 01").unwrap();
        assert_eq!(
            (spaced.kind(), spaced.as_str()),
            (CodeKind::Account, "5.1.2.02.01")
        );
        // Program codes stay programs, also with their zeros dropped.
        for text in ["5.3.1", "5.03.01", "5.03.01.2.08.01", "1.01.02.1.01.0001"] {
            assert_eq!(
                BudgetCode::parse(text).unwrap().kind(),
                CodeKind::Program,
                "{text}"
            );
            assert_eq!(BudgetCode::account(text), None, "{text}");
        }
        // SIPD's widths: rincian objek of three digits, sub rincian objek of five.
        for (text, level) in [
            ("5.1.02.04.001", CodeLevel::RincianObjek),
            ("5.1.02.01.001.00024", CodeLevel::SubRincianObjek),
        ] {
            let code = BudgetCode::parse(text).unwrap();
            assert_eq!(
                (code.kind(), code.level()),
                (CodeKind::Account, level),
                "{text}"
            );
            assert_eq!(code.parent().unwrap().level().depth(), level.depth() - 1);
        }
        // Widths no account has: a 3-digit objek, a 4-digit sub rincian under a 1-digit
        // jenis or a 3-digit rincian, a 5-digit one under a 2-digit rincian.
        for text in [
            "5.1.02.004",
            "4.1.1.01.03.0001",
            "5.1.02.01.001.0024",
            "5.1.02.01.01.00024",
            "4.1.1.01.001",
            "0.1.02",
        ] {
            assert_ne!(
                BudgetCode::parse(text).map(|c| c.kind()),
                Ok(CodeKind::Account),
                "{text}"
            );
        }
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
        assert_eq!(BudgetCode::account_digits("4").unwrap().under(&akun), None);
        assert_eq!(BudgetCode::account_digits("0411"), None);
        assert_eq!(BudgetCode::account_digits("41a"), None);
        assert_eq!(BudgetCode::account_digits("12345678901234567"), None);
        assert_eq!(
            BudgetCode::account(" 41101 ").map(|c| c.level()),
            Some(CodeLevel::Objek)
        );
        // Account and program hierarchies never contain each other.
        let program = BudgetCode::parse("4").unwrap();
        assert!(!program.contains(&kelompok) && !akun.contains(&program));
        assert_eq!(program.under(&akun), None);
    }
}
