//! The figures a finding states: what the cell should hold and what it holds, an exact
//! `Decimal` where the relation is about numbers, the cell's text where it is not (an error
//! value, a code, a number as typed). Reports render them as exact strings (`94375565.00`,
//! the scale the arithmetic gave), people read them in their number format.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::messages::{format_number, Lang};

/// One stated figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// An exact number, with the scale its arithmetic gave (`94375565.00`).
    Number(Decimal),
    /// Text the cell holds or should hold: `#DIV/0!`, a code (`5.03.01.2.09`), a number as
    /// staff typed it (`28 684.032`).
    Text(String),
}

impl Figure {
    /// The figure as a number where one can be shown: a number, or a text that reads as a
    /// plain decimal (an undotted account code `41201012`, a typed `1.234`), which reports
    /// have always shown as a number.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Figure::Number(d) => Some(*d),
            Figure::Text(t) => t.parse().ok(),
        }
    }

    /// As people read it: a number in the language's format (`94.375.565,00` /
    /// `94,375,565.00`), any other text as it is.
    pub fn shown(&self, lang: Lang) -> String {
        match self.number() {
            Some(d) => format_number(d, lang),
            None => self.to_string(),
        }
    }
}

impl From<Decimal> for Figure {
    fn from(d: Decimal) -> Self {
        Figure::Number(d)
    }
}

/// Exact: a number with its scale (`-9490000.00`), never an exponent; text as it is.
impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Number(d) => write!(f, "{d}"),
            Figure::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A difference as the JSON report writes it: an exact decimal string, or `null`.
pub(super) fn serialize_difference<S: Serializer>(
    difference: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match difference {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn exact_strings_keep_the_scale() {
        assert_eq!(Figure::from(dec!(94375565.00)).to_string(), "94375565.00");
        assert_eq!(Figure::from(dec!(-9490000)).to_string(), "-9490000");
        assert_eq!(
            serde_json::to_string(&Figure::Text("#DIV/0!".into())).unwrap(),
            "\"#DIV/0!\""
        );
    }

    #[test]
    fn shown_in_the_readers_format() {
        assert_eq!(
            Figure::from(dec!(-9490000.00)).shown(Lang::Id),
            "-9.490.000,00"
        );
        assert_eq!(
            Figure::from(dec!(-9490000.00)).shown(Lang::En),
            "-9,490,000.00"
        );
        assert_eq!(Figure::Text("#DIV/0!".into()).shown(Lang::Id), "#DIV/0!");
        assert_eq!(
            Figure::Text("41201012".into()).shown(Lang::Id),
            "41.201.012"
        );
    }
}
