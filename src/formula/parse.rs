//! Recursive-descent parser from tokens to [`Expr`]: one method per construct (an operand
//! or prefix operator in `prefix`, a call's arguments in `call`, a parenthesised
//! expression), and one loop, `climb`, that folds binary operators and postfix `%` by their
//! binding strength ([`BinaryOp::precedence`]) in Excel's order:
//! `:` › unary `-`/`+` › `%` › `^` › `* /` › `+ -` › `&` › comparisons.
//!
//! Each call's name is looked up in the function table here, once. Nesting is bounded
//! (`max_depth`) so a hostile or generated formula is reported as too deep instead of
//! overflowing the stack. Knows nothing of cells' values.

use super::ast::{BinaryOp, Callee, Expr, UnaryOp};
use super::error::ParseError;
use super::lex::{tokenize, Token};

/// Parses Excel formula text (without the leading `=`, though one is tolerated).
pub fn parse_formula(text: &str, max_depth: usize) -> Result<Expr, ParseError> {
    let text = text.trim();
    let text = text.strip_prefix('=').unwrap_or(text);
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        max_depth,
    };
    let (expr, _) = parser.expr(0)?;
    match parser.tokens.get(parser.pos) {
        None => Ok(expr),
        Some((at, t)) => Err(unexpected(*at, t)),
    }
}

fn unexpected(at: usize, t: &Token) -> ParseError {
    ParseError::UnexpectedToken {
        found: format!("{t:?}"),
        at,
    }
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    /// Current recursion depth of `expr`.
    depth: usize,
    max_depth: usize,
}

/// Precedence of unary `-`/`+` and of postfix `%` (both above `^`).
const UNARY: u8 = 6;

fn binary_op(t: &Token) -> Option<BinaryOp> {
    Some(match t {
        Token::Colon => BinaryOp::Range,
        Token::Caret => BinaryOp::Pow,
        Token::Star => BinaryOp::Mul,
        Token::Slash => BinaryOp::Div,
        Token::Plus => BinaryOp::Add,
        Token::Minus => BinaryOp::Sub,
        Token::Amp => BinaryOp::Concat,
        Token::Eq => BinaryOp::Eq,
        Token::Ne => BinaryOp::Ne,
        Token::Lt => BinaryOp::Lt,
        Token::Le => BinaryOp::Le,
        Token::Gt => BinaryOp::Gt,
        Token::Ge => BinaryOp::Ge,
        _ => return None,
    })
}

/// An expression with the depth of its tree, so left-leaning chains (`1+1+…+1`) are
/// bounded as well as nested parentheses.
type Node = (Expr, usize);

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn next(&mut self) -> Result<(usize, Token), ParseError> {
        let item = self
            .tokens
            .get(self.pos)
            .cloned()
            .ok_or(ParseError::UnexpectedEnd)?;
        self.pos += 1;
        Ok(item)
    }

    fn check_depth(&self, depth: usize) -> Result<(), ParseError> {
        if depth > self.max_depth {
            Err(ParseError::TooDeep {
                limit: self.max_depth,
            })
        } else {
            Ok(())
        }
    }

    fn expr(&mut self, min_prec: u8) -> Result<Node, ParseError> {
        self.depth += 1;
        self.check_depth(self.depth)?;
        let result = self.climb(min_prec);
        self.depth -= 1;
        result
    }

    fn climb(&mut self, min_prec: u8) -> Result<Node, ParseError> {
        let (mut lhs, mut depth) = self.prefix()?;
        while let Some(t) = self.peek() {
            if *t == Token::Percent {
                if min_prec > UNARY {
                    break;
                }
                self.pos += 1;
                depth += 1;
                self.check_depth(depth)?;
                lhs = Expr::Percent(Box::new(lhs));
                continue;
            }
            let Some(op) = binary_op(t) else { break };
            if op.precedence() < min_prec {
                break;
            }
            self.pos += 1;
            // Every binary operator is left-associative in Excel, `^` included (2^3^2 = 64).
            let (rhs, rd) = self.expr(op.precedence() + 1)?;
            depth = depth.max(rd) + 1;
            self.check_depth(depth)?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok((lhs, depth))
    }

    fn prefix(&mut self) -> Result<Node, ParseError> {
        let (at, token) = self.next()?;
        let atom = |e: Expr| Ok((e, 1));
        match token {
            Token::Number(n) => atom(Expr::Number(n)),
            Token::Text(t) => atom(Expr::Text(t)),
            Token::Bool(b) => atom(Expr::Bool(b)),
            Token::Error(e) => atom(Expr::Error(e)),
            Token::Ref(r) => atom(Expr::Ref(r)),
            Token::Name(n) => atom(Expr::Name(n)),
            Token::Minus | Token::Plus => {
                let op = if token == Token::Minus {
                    UnaryOp::Neg
                } else {
                    UnaryOp::Plus
                };
                // Unary minus binds tighter than `^` and `%`: `-2^2` is 4.
                let (e, d) = self.expr(BinaryOp::Range.precedence())?;
                self.check_depth(d + 1)?;
                Ok((Expr::Unary(op, Box::new(e)), d + 1))
            }
            Token::LParen => {
                let node = self.expr(0)?;
                self.expect_close()?;
                Ok(node)
            }
            Token::Func(name) => self.call(name),
            other => Err(unexpected(at, &other)),
        }
    }

    fn expect_close(&mut self) -> Result<(), ParseError> {
        match self.next()? {
            (_, Token::RParen) => Ok(()),
            (at, t) => Err(unexpected(at, &t)),
        }
    }

    /// Arguments after `NAME(`; an empty slot (`IF(A1,,1)`) is [`Expr::Missing`].
    fn call(&mut self, name: String) -> Result<Node, ParseError> {
        let callee = Callee::from_name(name);
        let mut args = Vec::new();
        let mut depth = 1;
        if self.peek() == Some(&Token::RParen) {
            self.pos += 1;
            return Ok((Expr::Call(callee, args), depth));
        }
        loop {
            match self.peek() {
                Some(Token::Comma | Token::RParen) => args.push(Expr::Missing),
                _ => {
                    let (arg, d) = self.expr(0)?;
                    depth = depth.max(d + 1);
                    self.check_depth(depth)?;
                    args.push(arg);
                }
            }
            match self.next()? {
                (_, Token::Comma) => continue,
                (_, Token::RParen) => return Ok((Expr::Call(callee, args), depth)),
                (at, t) => return Err(unexpected(at, &t)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        match parse_formula(text, 256) {
            Ok(e) => e.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    /// The tree with every compound operand in parentheses, to show how it was grouped.
    fn tree(e: &Expr) -> String {
        let side = |e: &Expr| match e {
            Expr::Unary(..) | Expr::Percent(_) | Expr::Binary(..) => format!("({})", tree(e)),
            _ => tree(e),
        };
        match e {
            Expr::Binary(op, l, r) if *op != BinaryOp::Range => {
                format!("{}{}{}", side(l), op.symbol(), side(r))
            }
            Expr::Unary(op, e) => {
                let sign = if *op == UnaryOp::Neg { "-" } else { "+" };
                format!("{sign}{}", side(e))
            }
            Expr::Percent(e) => format!("{}%", side(e)),
            other => other.to_string(),
        }
    }

    #[test]
    fn precedence_and_associativity() {
        let show = |text: &str| tree(&parse_formula(text, 256).unwrap());
        for (text, printed) in [
            ("1+2*3", "1+(2*3)"),
            ("(1+2)*3", "(1+2)*3"),
            ("-2^2", "(-2)^2"),
            ("2^-1", "2^(-1)"),
            ("2^3^2", "(2^3)^2"),
            ("-50%", "(-50)%"),
            ("2^50%", "2^(50%)"),
            ("1-2-3", "(1-2)-3"),
            ("1&2=\"12\"", "(1&2)=\"12\""),
            ("A1<>B1", "A1<>B1"),
            ("a1<=b1", "A1<=B1"),
            ("1>=2", "1>=2"),
            ("--A1", "-(-A1)"),
            ("+A1", "+A1"),
            ("1 + 2", "1+2"),
        ] {
            assert_eq!(show(text), printed, "{text}");
        }
    }

    /// Printed formulas carry parentheses only where the grouping needs them, and read back
    /// to the same tree.
    #[test]
    fn printing_uses_the_fewest_parentheses() {
        for (text, printed) in [
            ("((X6+AB6)+AF6)+AJ6", "X6+AB6+AF6+AJ6"),
            ("1-(2-3)", "1-(2-3)"),
            ("(1+2)*3", "(1+2)*3"),
            ("1+(2*3)", "1+2*3"),
            ("(2^3)^2", "2^3^2"),
            ("2^(3^2)", "2^(3^2)"),
            ("(-2)^2", "-2^2"),
            ("-(2^2)", "-(2^2)"),
            ("IF(M35=0,0,K35/M35)", "IF(M35=0,0,K35/M35)"),
            ("(A1&\" %\")=B1", "A1&\" %\"=B1"),
            ("A1*(-B1)", "A1*-B1"),
            ("(50%)*2", "50%*2"),
        ] {
            assert_eq!(show(text), printed, "{text}");
            let tree = parse_formula(text, 256).unwrap();
            assert_eq!(parse_formula(printed, 256), Ok(tree), "{text}");
        }
    }

    #[test]
    fn references_and_names() {
        for (text, printed) in [
            ("$A$1", "$A$1"),
            ("A$1+$B2", "A$1+$B2"),
            ("SUM(A1:B9)", "SUM(A1:B9)"),
            ("SUM(D:D)", "SUM(D:D)"),
            ("SUM($D:$F)", "SUM($D:$F)"),
            ("SUM(5:5)", "SUM(5:5)"),
            ("'Pagu Perubahan'!E6", "'Pagu Perubahan'!E6"),
            ("'It''s'!A1", "'It''s'!A1"),
            ("Sheet1!A1:B2", "Sheet1!A1:B2"),
            ("PaguTotal*2", "PaguTotal*2"),
            ("_xlfn.IFERROR(1,2)", "IFERROR(1,2)"),
            ("log10(100)", "LOG10(100)"),
            ("Sheet1!#REF!", "#REF!"),
            ("#DIV/0!", "#DIV/0!"),
            ("#n/a", "#N/A"),
            ("IF(A1,,1)", "IF(A1,,1)"),
            ("NOW()", "NOW()"),
            ("\"a\"\"b\"", "\"a\"\"b\""),
            ("true", "TRUE"),
            ("1.5E3", "1500"),
            (".5", "0.5"),
            ("A1:INDEX(B1:B5,2)", "A1:INDEX(B1:B5,2)"),
        ] {
            assert_eq!(show(text), printed, "{text}");
        }
    }

    /// Found by the `formula` fuzz target: the range operator between two atoms printed as
    /// `SM:DDD` (or `A1:B2`, `1:2`), which the lexer reads back as one reference.
    #[test]
    fn range_operator_prints_back_to_the_same_tree() {
        for (text, printed) in [
            ("SM:(DDD)", "(SM):(DDD)"),
            ("A1:(B2)", "(A1):(B2)"),
            ("(1):2", "(1):(2)"),
            ("Sheet1!A1:(B2)", "(Sheet1!A1):(B2)"),
            ("A1:INDEX(B1:B5,2)", "A1:INDEX(B1:B5,2)"),
            ("INDEX(B1:B5,2):SM", "INDEX(B1:B5,2):SM"),
        ] {
            assert_eq!(show(text), printed, "{text}");
            let tree = parse_formula(text, 256).unwrap();
            assert_eq!(parse_formula(printed, 256), Ok(tree), "{text}");
        }
    }

    #[test]
    fn errors_name_the_input() {
        for (text, expected) in [
            ("", ParseError::Empty),
            ("=", ParseError::Empty),
            ("1 @ 2", ParseError::UnexpectedChar { found: '@', at: 2 }),
            ("\"abc", ParseError::UnterminatedString { at: 0 }),
            ("'Pagu!A1", ParseError::UnterminatedSheetName { at: 0 }),
            (
                "1E+",
                ParseError::BadNumber {
                    text: "1E+".into(),
                    at: 0,
                },
            ),
            ("Sheet1!total", ParseError::BadReference { at: 7 }),
            ("1+", ParseError::UnexpectedEnd),
            ("SUM(1", ParseError::UnexpectedEnd),
            ("{1,2}", ParseError::ArrayConstant),
            // Found by the `formula` fuzz target: a prefix alone named a function "", whose
            // call printed as a bare `(…)`.
            (
                "_xlfn.(1)",
                ParseError::UnexpectedChar { found: '(', at: 6 },
            ),
            (
                "_xlfn._xlws.(1)",
                ParseError::UnexpectedChar { found: '(', at: 12 },
            ),
        ] {
            assert_eq!(parse_formula(text, 256), Err(expected), "{text}");
        }
        for text in ["1+*2", "SUM(1 2)", "1+2)", "(1"] {
            assert!(parse_formula(text, 256).is_err(), "{text}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let nested = format!("{}1{}", "(".repeat(300), ")".repeat(300));
        assert_eq!(
            parse_formula(&nested, 256),
            Err(ParseError::TooDeep { limit: 256 })
        );
        let chain = vec!["1"; 400].join("+");
        assert_eq!(
            parse_formula(&chain, 256),
            Err(ParseError::TooDeep { limit: 256 })
        );
        let minus = format!("{}1", "-".repeat(10_000));
        assert_eq!(
            parse_formula(&minus, 256),
            Err(ParseError::TooDeep { limit: 256 })
        );
        assert!(parse_formula(&vec!["1"; 200].join("+"), 256).is_ok());
    }
}
