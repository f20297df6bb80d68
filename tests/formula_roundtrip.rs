//! Property: printing a formula tree gives Excel text that parses back to the same tree.

use proptest::prelude::*;
use renja::formula::ast::{Area, BinaryOp, Callee, CellRef, Expr, Reference, UnaryOp};
use renja::formula::parse_formula;
use renja::model::ErrorValue;
use rust_decimal::Decimal;

fn cell_ref() -> impl Strategy<Value = CellRef> {
    (0u32..2000, 0u32..200, any::<bool>(), any::<bool>()).prop_map(
        |(row, col, row_abs, col_abs)| CellRef {
            row,
            col,
            row_abs,
            col_abs,
        },
    )
}

fn reference() -> impl Strategy<Value = Reference> {
    let sheet = prop_oneof![
        Just(None),
        Just(Some("Sheet2".to_string())),
        Just(Some("Pagu Perubahan".to_string())),
        Just(Some("It's".to_string())),
        Just(Some("2023".to_string())),
    ];
    let area = prop_oneof![
        cell_ref().prop_map(Area::Cell),
        (cell_ref(), cell_ref()).prop_map(|(a, b)| Area::Range(a, b)),
        (0u32..200, any::<bool>(), 0u32..200, any::<bool>())
            .prop_map(|(a, x, b, y)| Area::Columns((a, x), (b, y))),
        (0u32..2000, any::<bool>(), 0u32..2000, any::<bool>())
            .prop_map(|(a, x, b, y)| Area::Rows((a, x), (b, y))),
    ];
    (sheet, area).prop_map(|(sheet, area)| Reference { sheet, area })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        (0i64..1_000_000_000, 0u32..6).prop_map(|(m, s)| Expr::Number(Decimal::new(m, s))),
        "[a-zA-Z \"'0-9.,;]{0,12}".prop_map(Expr::Text),
        any::<bool>().prop_map(Expr::Bool),
        prop_oneof![
            Just(ErrorValue::Div0),
            Just(ErrorValue::NA),
            Just(ErrorValue::Ref),
            Just(ErrorValue::Value)
        ]
        .prop_map(Expr::Error),
        reference().prop_map(Expr::Ref),
        prop_oneof![Just("PaguTotal"), Just("_Rate"), Just("Total.2023")]
            .prop_map(|n| Expr::Name(n.to_string())),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    prop_oneof![
        Just(BinaryOp::Pow),
        Just(BinaryOp::Mul),
        Just(BinaryOp::Div),
        Just(BinaryOp::Add),
        Just(BinaryOp::Sub),
        Just(BinaryOp::Concat),
        Just(BinaryOp::Eq),
        Just(BinaryOp::Ne),
        Just(BinaryOp::Lt),
        Just(BinaryOp::Le),
        Just(BinaryOp::Gt),
        Just(BinaryOp::Ge),
    ]
}

fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(6, 64, 4, |inner| {
        prop_oneof![
            (
                prop_oneof![Just(UnaryOp::Neg), Just(UnaryOp::Plus)],
                inner.clone()
            )
                .prop_map(|(op, e)| Expr::Unary(op, Box::new(e))),
            inner.clone().prop_map(|e| Expr::Percent(Box::new(e))),
            (binary_op(), inner.clone(), inner.clone()).prop_map(|(op, l, r)| Expr::Binary(
                op,
                Box::new(l),
                Box::new(r)
            )),
            (
                prop_oneof![
                    Just("SUM"),
                    Just("IF"),
                    Just("ROUND"),
                    Just("LOG10"),
                    Just("NOW")
                ],
                prop::collection::vec(
                    prop_oneof![4 => inner.clone(), 1 => Just(Expr::Missing)],
                    0..4
                )
            )
                .prop_map(|(name, args)| Expr::Call(Callee::from_name(name.to_string()), args)),
        ]
    })
}

/// `SUM()` has no arguments, but `SUM(,)` has two missing ones: a lone missing argument
/// prints as `SUM()`, so the generator's `[Missing]` reads back as `[]`.
fn normalise(e: Expr) -> Expr {
    match e {
        Expr::Call(name, args) if args == [Expr::Missing] => Expr::Call(name, vec![]),
        Expr::Call(name, args) => Expr::Call(name, args.into_iter().map(normalise).collect()),
        Expr::Unary(op, e) => Expr::Unary(op, Box::new(normalise(*e))),
        Expr::Percent(e) => Expr::Percent(Box::new(normalise(*e))),
        Expr::Binary(op, l, r) => {
            Expr::Binary(op, Box::new(normalise(*l)), Box::new(normalise(*r)))
        }
        other => other,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn printed_formula_parses_back(e in expr()) {
        let e = normalise(e);
        let text = e.to_string();
        let parsed = parse_formula(&text, 256);
        prop_assert_eq!(parsed.as_ref(), Ok(&e), "text: {}", text);
    }
}
