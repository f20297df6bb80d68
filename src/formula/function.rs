//! The worksheet functions renja evaluates, as one table: each [`Function`] with its
//! [`Signature`] (name, the arguments it takes, which of them must be ranges, whether it is
//! volatile), and the lookup from a name as written in a formula.
//!
//! The parser resolves every call through [`Function::from_name`] once; a name not in the
//! table stays a [`super::ast::Callee::Unsupported`] call, which is reported as
//! `formula-unsupported` and keeps the file's value. Knows nothing of how a function is
//! computed (`library`) or of cells.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How an argument is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// Any value, array or range; the function decides how it reads it.
    Value,
    /// A reference to cells (`D5:D9`, a name or `INDEX` standing for one); anything else,
    /// even a number, makes the call `#VALUE!`.
    Range,
}

use Param::{Range, Value};

/// What a function accepts: `required` arguments, then up to all of `optional`, or else
/// any number of repetitions of `repeated` (the table never gives both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// As written in formulas, upper case.
    pub name: &'static str,
    pub required: &'static [Param],
    pub optional: &'static [Param],
    /// A group that may follow any number of times, whole (SUMIFS: criteria range, criteria).
    pub repeated: &'static [Param],
    /// Whether the result changes without any cell changing (`TODAY`, `RAND`): a cached
    /// value of such a formula is not wrong for differing. No function renja evaluates is.
    pub volatile: bool,
}

impl Signature {
    const fn new(name: &'static str, required: &'static [Param]) -> Signature {
        Signature {
            name,
            required,
            optional: &[],
            repeated: &[],
            volatile: false,
        }
    }

    const fn optional(mut self, optional: &'static [Param]) -> Signature {
        self.optional = optional;
        self
    }

    const fn repeated(mut self, repeated: &'static [Param]) -> Signature {
        self.repeated = repeated;
        self
    }

    /// Whether a call with `count` arguments may be evaluated (Excel refuses a formula
    /// with any other count; a file can still hold one written by another program).
    pub fn accepts(&self, count: usize) -> bool {
        let Some(extra) = count.checked_sub(self.required.len()) else {
            return false;
        };
        if self.repeated.is_empty() {
            extra <= self.optional.len()
        } else {
            extra.is_multiple_of(self.repeated.len())
        }
    }

    /// How argument `index` is read (`None` past the last one the function takes).
    pub fn param(&self, index: usize) -> Option<Param> {
        let extra = match index.checked_sub(self.required.len()) {
            None => return Some(self.required[index]),
            Some(extra) => extra,
        };
        if self.repeated.is_empty() {
            self.optional.get(extra).copied()
        } else {
            Some(self.repeated[extra % self.repeated.len()])
        }
    }
}

/// Declares [`Function`] and its signature table from one list, so a function cannot be
/// added without its signature, nor a signature without its function.
macro_rules! functions {
    ($($(#[doc = $doc:literal])* $variant:ident => $signature:expr,)*) => {
        /// A worksheet function renja evaluates.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Function {
            $($(#[doc = $doc])* $variant,)*
        }

        /// Signatures in the order of [`Function`]'s variants.
        const SIGNATURES: &[Signature] = &[$($signature,)*];

        impl Function {
            /// Every function, in the order README.md lists them.
            pub const ALL: &[Function] = &[$(Function::$variant,)*];
        }
    };
}

const ONE: &[Param] = &[Value];
const TWO: &[Param] = &[Value, Value];
const THREE: &[Param] = &[Value, Value, Value];
const CRITERIA: &[Param] = &[Range, Value];

functions! {
    /// `SUM(number, …)`; zero arguments give 0.
    Sum => Signature::new("SUM", &[]).repeated(ONE),
    /// `SUMIF(range, criteria, [sum_range])`
    SumIf => Signature::new("SUMIF", CRITERIA).optional(&[Range]),
    /// `SUMIFS(sum_range, criteria_range, criteria, …)`
    SumIfs => Signature::new("SUMIFS", &[Range, Range, Value]).repeated(CRITERIA),
    /// `SUMPRODUCT(array, …)`
    SumProduct => Signature::new("SUMPRODUCT", ONE).repeated(ONE),
    /// `SUBTOTAL(function_num, ref, …)`
    Subtotal => Signature::new("SUBTOTAL", TWO).repeated(ONE),
    Product => Signature::new("PRODUCT", &[]).repeated(ONE),
    Average => Signature::new("AVERAGE", &[]).repeated(ONE),
    /// `AVERAGEIF(range, criteria, [average_range])`
    AverageIf => Signature::new("AVERAGEIF", CRITERIA).optional(&[Range]),
    Min => Signature::new("MIN", &[]).repeated(ONE),
    Max => Signature::new("MAX", &[]).repeated(ONE),
    Count => Signature::new("COUNT", &[]).repeated(ONE),
    CountA => Signature::new("COUNTA", &[]).repeated(ONE),
    CountBlank => Signature::new("COUNTBLANK", &[Range]),
    CountIf => Signature::new("COUNTIF", CRITERIA),
    /// `COUNTIFS(criteria_range, criteria, …)`
    CountIfs => Signature::new("COUNTIFS", CRITERIA).repeated(CRITERIA),
    Round => Signature::new("ROUND", TWO),
    RoundUp => Signature::new("ROUNDUP", TWO),
    /// `ROUNDDOWN(number, [digits])`: renja takes the digits as optional, like TRUNC's.
    RoundDown => Signature::new("ROUNDDOWN", ONE).optional(ONE),
    Int => Signature::new("INT", ONE),
    /// `TRUNC(number, [digits])`
    Trunc => Signature::new("TRUNC", ONE).optional(ONE),
    Abs => Signature::new("ABS", ONE),
    Mod => Signature::new("MOD", TWO),
    Power => Signature::new("POWER", TWO),
    Sqrt => Signature::new("SQRT", ONE),
    /// `IF(condition, [then], [else])`: only the chosen branch is evaluated.
    If => Signature::new("IF", ONE).optional(TWO),
    IfError => Signature::new("IFERROR", TWO),
    IfNa => Signature::new("IFNA", TWO),
    And => Signature::new("AND", ONE).repeated(ONE),
    Or => Signature::new("OR", ONE).repeated(ONE),
    Not => Signature::new("NOT", ONE),
    /// `TRUE()`; any arguments are ignored, unevaluated.
    True => Signature::new("TRUE", &[]).repeated(ONE),
    /// `FALSE()`; any arguments are ignored, unevaluated.
    False => Signature::new("FALSE", &[]).repeated(ONE),
    IsBlank => Signature::new("ISBLANK", ONE),
    IsNumber => Signature::new("ISNUMBER", ONE),
    IsText => Signature::new("ISTEXT", ONE),
    IsError => Signature::new("ISERROR", ONE),
    IsErr => Signature::new("ISERR", ONE),
    IsNa => Signature::new("ISNA", ONE),
    Value => Signature::new("VALUE", ONE),
    N => Signature::new("N", ONE),
    Len => Signature::new("LEN", ONE),
    /// `LEFT(text, [count])`
    Left => Signature::new("LEFT", ONE).optional(ONE),
    /// `RIGHT(text, [count])`
    Right => Signature::new("RIGHT", ONE).optional(ONE),
    /// `MID(text, start, count)`
    Mid => Signature::new("MID", THREE),
    Trim => Signature::new("TRIM", ONE),
    Upper => Signature::new("UPPER", ONE),
    Lower => Signature::new("LOWER", ONE),
    Concatenate => Signature::new("CONCATENATE", &[]).repeated(ONE),
    /// `CONCAT(text or range, …)`
    Concat => Signature::new("CONCAT", &[]).repeated(ONE),
    /// `VLOOKUP(value, table, column, [approximate])`
    VLookup => Signature::new("VLOOKUP", THREE).optional(ONE),
    /// `HLOOKUP(value, table, row, [approximate])`
    HLookup => Signature::new("HLOOKUP", THREE).optional(ONE),
    /// `INDEX(table, row, [column])`
    Index => Signature::new("INDEX", TWO).optional(ONE),
    /// `MATCH(value, row or column, [type])`
    Match => Signature::new("MATCH", TWO).optional(ONE),
}

/// Functions whose result changes without any cell changing, or with the machine that
/// computes them: their cached value is what the staff saw, never a stale one. None of them
/// is in the table; a formula using one keeps the file's value.
const VOLATILE: &[&str] = &[
    "NOW",
    "TODAY",
    "RAND",
    "RANDBETWEEN",
    "RANDARRAY",
    "INDIRECT",
    "OFFSET",
    "CELL",
    "INFO",
];

/// Whether `name` (upper case, as the lexer gives it) is a volatile function.
pub fn is_volatile(name: &str) -> bool {
    VOLATILE.contains(&name)
}

static BY_NAME: LazyLock<HashMap<&'static str, Function>> =
    LazyLock::new(|| Function::ALL.iter().map(|f| (f.name(), *f)).collect());

impl Function {
    /// The function a formula names, upper case and without `_xlfn.` (as the lexer gives
    /// it); `None` for a function renja does not evaluate.
    pub fn from_name(name: &str) -> Option<Function> {
        BY_NAME.get(name).copied()
    }

    pub fn signature(self) -> &'static Signature {
        &SIGNATURES[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.signature().name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_leads_back_to_its_function() {
        assert_eq!(SIGNATURES.len(), Function::ALL.len());
        for (i, f) in Function::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
            assert_eq!(Function::from_name(f.name()), Some(*f), "{f:?}");
            let s = f.signature();
            assert!(
                s.optional.is_empty() || s.repeated.is_empty(),
                "{}: optional and repeated arguments together",
                s.name
            );
        }
        assert_eq!(Function::from_name("sum"), None, "names arrive upper-cased");
        assert_eq!(Function::from_name("NOW"), None);
    }

    #[test]
    fn arity_follows_the_signature() {
        let count = |f: Function| (0..8).filter(|n| f.signature().accepts(*n)).collect();
        let accepted: Vec<Vec<usize>> = [
            Function::Sum,
            Function::Round,
            Function::If,
            Function::SumIfs,
            Function::CountIfs,
            Function::Subtotal,
        ]
        .into_iter()
        .map(count)
        .collect();
        assert_eq!(
            accepted,
            vec![
                vec![0, 1, 2, 3, 4, 5, 6, 7],
                vec![2],
                vec![1, 2, 3],
                vec![3, 5, 7],
                vec![2, 4, 6],
                vec![2, 3, 4, 5, 6, 7],
            ]
        );
        let sumifs = Function::SumIfs.signature();
        let params: Vec<_> = (0..6).map(|i| sumifs.param(i)).collect();
        assert_eq!(
            params,
            [Range, Range, Value, Range, Value, Range]
                .map(Some)
                .to_vec()
        );
        assert_eq!(Function::Round.signature().param(2), None);
    }

    #[test]
    fn no_function_renja_evaluates_is_volatile() {
        // Every cached value is compared with the recomputed one; a volatile function's
        // would differ every day. Adding one means teaching that comparison first.
        let volatile: Vec<_> = Function::ALL
            .iter()
            .filter(|f| f.signature().volatile)
            .collect();
        assert!(volatile.is_empty(), "{volatile:?}");
        assert!(VOLATILE
            .iter()
            .all(|name| Function::from_name(name).is_none()));
        assert!(is_volatile("NOW") && is_volatile("INDIRECT") && !is_volatile("SUM"));
    }

    /// README.md's "Formula engine" section lists the supported functions; it must list
    /// exactly the table, in its order.
    #[test]
    fn readme_lists_the_table() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let section = &readme[readme.find("### Formula engine").expect("section")..];
        let start = section.find("Supported functions:").expect("the list") + 20;
        let end = start + section[start..].find(';').expect("the list ends with ;");
        let listed: Vec<String> = section[start..end]
            .split(',')
            .map(|n| n.split_whitespace().collect())
            .collect();
        let table: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            listed,
            table,
            "README.md should say: Supported functions: {};",
            table.join(", ")
        );
    }
}
