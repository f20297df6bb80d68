//! Organisation (SKPD) codes, as SIPD writes them: `1.02.2.14.0.00.01.0000` — the agency's
//! urusan and bidang urusan (`1.02`), two more urusan.bidang pairs naming the other affairs of
//! a combined agency (`2.14`; `0.00`, or a digit and `00`, where there are none), the unit
//! (`01`) and the sub unit (`0000` for the agency itself). They name an agency, not a program:
//! `1.02.2.14.0.00.01.0000` is no sub kegiatan of anything.
//!
//! Read with dots only, in exactly these widths: spaced digits of that length are more likely
//! a number or an identifier than an agency.

use thiserror::Error;

use super::budget::BudgetCode;

/// A well-formed organisation code.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrganisationCode {
    /// As written, which is canonical: `1.02.2.14.0.00.01.0000`.
    canonical: String,
}

/// Why a text is not a well-formed organisation code. Each variant names the input that
/// triggers it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OrganisationError {
    /// `1.02.2.14.0.00.01`: not the eight segments of an organisation code.
    #[error("{0} segments, not 8")]
    Segments(usize),
    /// `1.02.2.14.0.00.01.000A`: a segment that is not all digits.
    #[error("segment {0:?} is not a number")]
    NotDigits(String),
    /// `1.2.2.14.0.00.01.0000`: a segment not of its part's width.
    #[error("{part} segment {segment:?} is not {width} digits")]
    Width {
        part: &'static str,
        segment: String,
        width: usize,
    },
    /// `0.02.2.14.0.00.01.0000`, `1.00.…`: an agency belongs to an urusan and a bidang.
    #[error("{part} number is zero")]
    Zero { part: &'static str },
}

/// The parts of an organisation code, with their widths.
const PARTS: [(&str, usize); 8] = [
    ("urusan", 1),
    ("bidang urusan", 2),
    ("second urusan", 1),
    ("second bidang urusan", 2),
    ("third urusan", 1),
    ("third bidang urusan", 2),
    ("unit", 2),
    ("sub unit", 4),
];

impl OrganisationCode {
    /// The number of segments: `1.02.2.14.0.00.01.0000`.
    pub const SEGMENTS: usize = PARTS.len();

    /// The characters of a written code: the segments' digits and the dots between them.
    pub const LEN: usize = 22;

    /// Parses `1.02.2.14.0.00.01.0000` (white space around it allowed).
    ///
    /// # Errors
    /// An [`OrganisationError`] naming the segment that breaks the pattern.
    pub fn parse(text: &str) -> Result<OrganisationCode, OrganisationError> {
        let t = text.trim();
        let count = t.split('.').count();
        if count != Self::SEGMENTS {
            return Err(OrganisationError::Segments(count));
        }
        for (segment, (part, width)) in t.split('.').zip(PARTS) {
            if !segment.bytes().all(|b| b.is_ascii_digit()) || segment.is_empty() {
                return Err(OrganisationError::NotDigits(segment.to_string()));
            }
            if segment.len() != width {
                return Err(OrganisationError::Width {
                    part,
                    segment: segment.to_string(),
                    width,
                });
            }
        }
        for (segment, (part, _)) in t.split('.').zip(&PARTS[..2]) {
            if segment.bytes().all(|b| b == b'0') {
                return Err(OrganisationError::Zero { part });
            }
        }
        Ok(OrganisationCode {
            canonical: t.to_string(),
        })
    }

    /// `1.02.2.14.0.00.01.0000`.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The bidang urusan the agency belongs to first, a program code: `1.02` for
    /// `1.02.2.14.0.00.01.0000`.
    pub fn bidang(&self) -> BudgetCode {
        BudgetCode::parse(&self.canonical[..4]).expect("an urusan digit and two bidang digits")
    }

    /// The unit: `01` for `1.02.2.14.0.00.01.0000`.
    pub fn unit(&self) -> &str {
        &self.canonical[15..17]
    }

    /// The sub unit: `0000` for the agency itself.
    pub fn sub_unit(&self) -> &str {
        &self.canonical[18..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_codes_of_sipd_exports() {
        for (text, bidang, unit, sub_unit) in [
            ("1.02.2.14.0.00.01.0000", "1.02", "01", "0000"),
            ("4.05.7.00.0.00.01.0000", "4.05", "01", "0000"),
            ("2.16.2.20.2.21.01.0000", "2.16", "01", "0000"),
            (" 1.01.2.22.0.00.02.0000 ", "1.01", "02", "0000"),
            ("7.01.0.00.0.00.03.0002", "7.01", "03", "0002"),
        ] {
            let code = OrganisationCode::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(code.as_str(), text.trim());
            assert_eq!(code.as_str().len(), OrganisationCode::LEN);
            assert_eq!(code.bidang().as_str(), bidang, "{text:?}");
            assert_eq!((code.unit(), code.sub_unit()), (unit, sub_unit), "{text:?}");
        }
    }

    #[test]
    fn rejects_what_is_no_organisation_code() {
        let width = |part, segment: &str, width| OrganisationError::Width {
            part,
            segment: segment.into(),
            width,
        };
        for (text, error) in [
            ("1.02.2.14.0.00.01", OrganisationError::Segments(7)),
            ("5.03.01.2.08.01", OrganisationError::Segments(6)),
            ("1.02.2.14.0.00.01.0000.1", OrganisationError::Segments(9)),
            ("1 02 2 14 0 00 01 0000", OrganisationError::Segments(1)),
            (
                "1.02.2.14.0.00.01.000A",
                OrganisationError::NotDigits("000A".into()),
            ),
            (
                "1.02.2..0.00.01.0000",
                OrganisationError::NotDigits("".into()),
            ),
            ("1.2.2.14.0.00.01.0000", width("bidang urusan", "2", 2)),
            ("1.02.2.14.0.00.1.0000", width("unit", "1", 2)),
            ("1.02.2.14.0.00.01.00", width("sub unit", "00", 4)),
            (
                "0.02.2.14.0.00.01.0000",
                OrganisationError::Zero { part: "urusan" },
            ),
            (
                "1.00.2.14.0.00.01.0000",
                OrganisationError::Zero {
                    part: "bidang urusan",
                },
            ),
        ] {
            assert_eq!(OrganisationCode::parse(text), Err(error), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_code_of_the_right_widths_reads_back(
            u in 1u32..=9, b in 1u32..=99, u2 in 0u32..=9, b2 in 0u32..=99, u3 in 0u32..=9,
            b3 in 0u32..=99, unit in 0u32..=99, sub in 0u32..=9999,
        ) {
            let text = format!("{u}.{b:02}.{u2}.{b2:02}.{u3}.{b3:02}.{unit:02}.{sub:04}");
            let code = OrganisationCode::parse(&text).unwrap();
            proptest::prop_assert_eq!(code.as_str(), text.as_str());
            let bidang = code.bidang();
            proptest::prop_assert_eq!(bidang.as_str(), &text[..4]);
        }

        #[test]
        fn never_panics(text in "[0-9. x]{0,30}") {
            let _ = OrganisationCode::parse(&text);
        }
    }
}
