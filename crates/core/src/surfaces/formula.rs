//! A cost typed by the learner: read by a small parser of our own and differentiated exactly
//! by forward-mode automatic differentiation.
//!
//! The formula is tokenized and checked first (so a message can point at the character that is
//! wrong), then compiled into a flat postfix program over [`Dual`] numbers (a value and its two
//! partial derivatives). One evaluation of that program, with an explicit stack and no
//! recursion, gives the value and the exact gradient: the chain rule applied operator by
//! operator. Operators and priorities are those of the `exmex` crate's float operators, which
//! an earlier version used (it brought the `regex` crate, ~300 KB of wasm, for this one box); a
//! property test still compares the two, bit for bit.

pub use super::formula_error::FormulaError;
use super::{Domain, Minimum, Surface};

/// The longest formula accepted here (the scene allows 300 characters).
pub const MAX_LEN: usize = 300;
/// The deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 30;

/// A number with its partial derivatives with respect to w and b: v + d₀·∂w + d₁·∂b.
///
/// Arithmetic on duals is the chain rule: (f∘g)′ = f′(g)·g′. A derivative component that is
/// exactly 0 stays 0 through any function (so a constant like `sqrt(0)` does not turn the
/// gradient into 0·∞ = NaN).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dual {
    pub v: f64,
    pub d: [f64; 2],
}

/// k·d, except that an exactly-zero derivative stays zero even when k is infinite or NaN.
#[inline]
fn scale(k: f64, d: f64) -> f64 {
    if d == 0.0 {
        0.0
    } else {
        k * d
    }
}

impl Dual {
    pub const fn constant(v: f64) -> Dual {
        Dual { v, d: [0.0, 0.0] }
    }
    /// Parameter `i` (0 = w, 1 = b) at value v: derivative 1 with respect to itself.
    pub fn variable(v: f64, i: usize) -> Dual {
        let mut d = [0.0; 2];
        d[i] = 1.0;
        Dual { v, d }
    }
    /// f(self), given f(v) and f′(v).
    #[inline]
    fn chain(self, f: f64, df: f64) -> Dual {
        Dual { v: f, d: [scale(df, self.d[0]), scale(df, self.d[1])] }
    }
    /// The sum of the two derivative parts: a·self′ + b·other′.
    #[inline]
    fn combine(v: f64, a: f64, x: Dual, b: f64, y: Dual) -> Dual {
        Dual { v, d: [scale(a, x.d[0]) + scale(b, y.d[0]), scale(a, x.d[1]) + scale(b, y.d[1])] }
    }
    fn add(self, o: Dual) -> Dual {
        Dual::combine(self.v + o.v, 1.0, self, 1.0, o)
    }
    fn sub(self, o: Dual) -> Dual {
        Dual::combine(self.v - o.v, 1.0, self, -1.0, o)
    }
    fn mul(self, o: Dual) -> Dual {
        Dual::combine(self.v * o.v, o.v, self, self.v, o)
    }
    fn div(self, o: Dual) -> Dual {
        let v = self.v / o.v;
        Dual::combine(v, 1.0 / o.v, self, -v / o.v, o)
    }
    fn neg(self) -> Dual {
        self.chain(-self.v, -1.0)
    }
    /// aᵇ: d(aᵇ) = b·aᵇ⁻¹·da + aᵇ·ln a·db (the second part only where b varies).
    fn pow(self, o: Dual) -> Dual {
        let v = self.v.powf(o.v);
        let da = o.v * self.v.powf(o.v - 1.0);
        let db = if o.d == [0.0, 0.0] { 0.0 } else { v * self.v.ln() };
        Dual::combine(v, da, self, db, o)
    }
    fn atan2(self, x: Dual) -> Dual {
        let r2 = self.v * self.v + x.v * x.v;
        Dual::combine(self.v.atan2(x.v), x.v / r2, self, -self.v / r2, x)
    }
    fn min(self, o: Dual) -> Dual {
        if o.v < self.v {
            o
        } else {
            self
        }
    }
    fn max(self, o: Dual) -> Dual {
        if o.v > self.v {
            o
        } else {
            self
        }
    }
}

/// The names of the unary functions, for error messages and the tokenizer.
pub const FUNCTIONS: [&str; 26] = [
    "abs", "signum", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
    "floor", "round", "ceil", "trunc", "fract", "exp", "sqrt", "cbrt", "ln", "log", "log2", "log10",
];
/// Functions of two arguments, written `atan2(y, x)`.
pub const BINARY_FUNCTIONS: [&str; 3] = ["atan2", "min", "max"];
/// Named constants.
pub const CONSTANTS: [&str; 6] = ["PI", "π", "E", "e", "TAU", "τ"];

/// A function of one dual.
type UnaryFn = fn(Dual) -> Dual;
/// A function of two duals.
type BinaryFn = fn(Dual, Dual) -> Dual;

/// A unary function on duals. Piecewise-constant functions (`floor`, `round`, `ceil`, `trunc`,
/// `signum`) have derivative 0, `abs` has derivative sign(x) (and `fract` 1) away from their jumps.
fn unary(name: &str) -> Option<UnaryFn> {
    Some(match name {
        "abs" => |a: Dual| a.chain(a.v.abs(), a.v.signum()),
        "signum" => |a: Dual| a.chain(a.v.signum(), 0.0),
        "sin" => |a: Dual| a.chain(a.v.sin(), a.v.cos()),
        "cos" => |a: Dual| a.chain(a.v.cos(), -a.v.sin()),
        "tan" => |a: Dual| {
            let t = a.v.tan();
            a.chain(t, 1.0 + t * t)
        },
        "asin" => |a: Dual| a.chain(a.v.asin(), 1.0 / (1.0 - a.v * a.v).sqrt()),
        "acos" => |a: Dual| a.chain(a.v.acos(), -1.0 / (1.0 - a.v * a.v).sqrt()),
        "atan" => |a: Dual| a.chain(a.v.atan(), 1.0 / (1.0 + a.v * a.v)),
        "sinh" => |a: Dual| a.chain(a.v.sinh(), a.v.cosh()),
        "cosh" => |a: Dual| a.chain(a.v.cosh(), a.v.sinh()),
        "tanh" => |a: Dual| {
            let t = a.v.tanh();
            a.chain(t, 1.0 - t * t)
        },
        "asinh" => |a: Dual| a.chain(a.v.asinh(), 1.0 / (a.v * a.v + 1.0).sqrt()),
        "acosh" => |a: Dual| a.chain(a.v.acosh(), 1.0 / (a.v * a.v - 1.0).sqrt()),
        "atanh" => |a: Dual| a.chain(a.v.atanh(), 1.0 / (1.0 - a.v * a.v)),
        "floor" => |a: Dual| a.chain(a.v.floor(), 0.0),
        "round" => |a: Dual| a.chain(a.v.round(), 0.0),
        "ceil" => |a: Dual| a.chain(a.v.ceil(), 0.0),
        "trunc" => |a: Dual| a.chain(a.v.trunc(), 0.0),
        "fract" => |a: Dual| a.chain(a.v.fract(), 1.0),
        "exp" => |a: Dual| {
            let e = a.v.exp();
            a.chain(e, e)
        },
        "sqrt" => |a: Dual| {
            let s = a.v.sqrt();
            a.chain(s, 0.5 / s)
        },
        "cbrt" => |a: Dual| {
            let c = a.v.cbrt();
            a.chain(c, 1.0 / (3.0 * c * c))
        },
        "ln" | "log" => |a: Dual| a.chain(a.v.ln(), 1.0 / a.v),
        "log2" => |a: Dual| a.chain(a.v.log2(), 1.0 / (a.v * std::f64::consts::LN_2)),
        "log10" => |a: Dual| a.chain(a.v.log10(), 1.0 / (a.v * std::f64::consts::LN_10)),
        "-" => |a: Dual| a.neg(),
        _ => return None,
    })
}

/// A binary operator or two-argument function on duals, with its priority (higher binds
/// tighter; equal priorities group from the left): `^` 4, `/` 3, `*` 2, `-` 1, `+` 0.
fn binary(name: &str) -> Option<(u8, BinaryFn)> {
    Some(match name {
        "^" => (4, |a: Dual, b: Dual| a.pow(b)),
        "/" => (3, |a: Dual, b: Dual| a.div(b)),
        "*" => (2, |a: Dual, b: Dual| a.mul(b)),
        "-" => (1, |a: Dual, b: Dual| a.sub(b)),
        "+" => (0, |a: Dual, b: Dual| a.add(b)),
        "atan2" => (0, |y: Dual, x: Dual| y.atan2(x)),
        "min" => (0, |a: Dual, b: Dual| a.min(b)),
        "max" => (0, |a: Dual, b: Dual| a.max(b)),
        _ => return None,
    })
}

fn constant(name: &str) -> Option<f64> {
    use std::f64::consts::{E, PI, TAU};
    Some(match name {
        "PI" | "π" => PI,
        "E" | "e" => E,
        "TAU" | "τ" => TAU,
        _ => return None,
    })
}

/// One instruction of a compiled formula, run on a stack of duals.
#[derive(Clone, Copy, Debug)]
enum Op {
    Push(f64),
    /// Parameter 0 (w) or 1 (b).
    Var(usize),
    Unary(UnaryFn),
    Binary(BinaryFn),
}

/// Compiles checked tokens into postfix: operands, then the operators on them. Unary functions
/// and signs apply to the operand right after them (`sin w^2` is (sin w)², as in exmex).
struct Compiler<'t, 'a> {
    tokens: &'t [(usize, Token<'a>)],
    k: usize,
    out: Vec<Op>,
}

impl Compiler<'_, '_> {
    fn peek(&self) -> Option<Token<'_>> {
        self.tokens.get(self.k).map(|&(_, t)| t)
    }
    /// The parser cannot go on at the current token (or at the end).
    fn stuck(&self) -> FormulaError {
        FormulaError::Unreadable { pos: self.tokens.get(self.k).map(|&(p, _)| p) }
    }
    fn expect(&mut self, want: Token<'_>) -> Result<(), FormulaError> {
        match self.tokens.get(self.k) {
            Some(&(_, t)) if t == want => {
                self.k += 1;
                Ok(())
            }
            _ => Err(self.stuck()),
        }
    }
    /// Binary operators of priority `min` or more, grouped from the left.
    fn expr(&mut self, min: u8) -> Result<(), FormulaError> {
        self.operand()?;
        while let Some(Token::Op(c)) = self.peek() {
            let (prio, apply) = binary(c.encode_utf8(&mut [0; 4])).ok_or_else(|| self.stuck())?;
            if prio < min {
                break;
            }
            self.k += 1;
            self.expr(prio + 1)?;
            self.out.push(Op::Binary(apply));
        }
        Ok(())
    }
    fn operand(&mut self) -> Result<(), FormulaError> {
        // Signs and functions first (kept, applied innermost first once the operand is read).
        let mut prefix = Vec::new();
        loop {
            match self.peek() {
                Some(Token::Op('+')) => {}
                Some(Token::Op('-')) => prefix.push(unary("-").ok_or_else(|| self.stuck())?),
                Some(Token::Name(n)) if FUNCTIONS.contains(&n) => prefix.push(unary(n).ok_or_else(|| self.stuck())?),
                _ => break,
            }
            self.k += 1;
        }
        let pos = self.tokens.get(self.k).map_or(0, |&(p, _)| p);
        match self.peek() {
            Some(Token::Number(n)) => {
                self.out.push(Op::Push(
                    n.parse::<f64>().map_err(|_| FormulaError::NotANumber { text: n.into(), pos: None })?,
                ));
                self.k += 1;
            }
            Some(Token::Name("w")) => {
                self.out.push(Op::Var(0));
                self.k += 1;
            }
            Some(Token::Name("b")) => {
                self.out.push(Op::Var(1));
                self.k += 1;
            }
            Some(Token::Name(n)) if constant(n).is_some() => {
                self.out.push(Op::Push(constant(n).unwrap_or(f64::NAN)));
                self.k += 1;
            }
            Some(Token::Name(n)) if BINARY_FUNCTIONS.contains(&n) => {
                let (_, apply) = binary(n).ok_or_else(|| self.stuck())?;
                self.k += 1;
                self.expect(Token::Open)?;
                self.expr(0)?;
                self.expect(Token::Comma)?;
                self.expr(0)?;
                self.expect(Token::Close)?;
                self.out.push(Op::Binary(apply));
            }
            Some(Token::Open) => {
                self.k += 1;
                self.expr(0)?;
                self.expect(Token::Close)?;
            }
            _ => return Err(FormulaError::Unreadable { pos: Some(pos) }),
        }
        self.out.extend(prefix.into_iter().rev().map(Op::Unary));
        Ok(())
    }
}

/// Runs a compiled formula at (w, b).
fn run(program: &[Op], w: Dual, b: Dual) -> Dual {
    let mut stack: Vec<Dual> = Vec::with_capacity(program.len());
    for op in program {
        match *op {
            Op::Push(v) => stack.push(Dual::constant(v)),
            Op::Var(i) => stack.push(if i == 0 { w } else { b }),
            Op::Unary(f) => {
                let a = stack.pop().unwrap_or_default();
                stack.push(f(a));
            }
            Op::Binary(f) => {
                let y = stack.pop().unwrap_or_default();
                let x = stack.pop().unwrap_or_default();
                stack.push(f(x, y));
            }
        }
    }
    match (stack.pop(), stack.is_empty()) {
        (Some(v), true) => v,
        _ => Dual { v: f64::NAN, d: [f64::NAN; 2] },
    }
}

/// One token of a formula, with its 1-based character position.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Name(&'a str),
    Op(char),
    Open,
    Close,
    Comma,
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == 'π' || c == 'τ'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit()
}

/// Splits `text` into tokens, refusing any character a formula cannot contain.
fn tokenize(text: &str) -> Result<Vec<(usize, Token<'_>)>, FormulaError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let pos = i + 1;
        let run = |from: usize, ok: fn(char) -> bool| {
            let mut j = from;
            while j < chars.len() && ok(chars[j].1) {
                j += 1;
            }
            j
        };
        let end_byte = |j: usize| chars.get(j).map_or(text.len(), |&(b, _)| b);
        match c {
            ' ' | '\t' => {
                i += 1;
                continue;
            }
            '0'..='9' | '.' => {
                let j = run(i, |c| c.is_ascii_digit() || c == '.');
                out.push((pos, Token::Number(&text[at..end_byte(j)])));
                i = j;
                continue;
            }
            c if is_name_start(c) => {
                let j = run(i, is_name_char);
                out.push((pos, Token::Name(&text[at..end_byte(j)])));
                i = j;
                continue;
            }
            '+' | '-' | '*' | '/' | '^' => out.push((pos, Token::Op(c))),
            '(' => out.push((pos, Token::Open)),
            ')' => out.push((pos, Token::Close)),
            ',' => out.push((pos, Token::Comma)),
            other => {
                // An invisible character (a bidi override, a zero-width space) is named by its code.
                let shown = if crate::scene::is_invisible(other) {
                    format!("U+{:04X}", other as u32)
                } else {
                    other.to_string()
                };
                return Err(FormulaError::NotAllowed { shown, pos });
            }
        }
        i += 1;
    }
    Ok(out)
}

/// Checks the tokens for the mistakes a learner is likely to make, so the message can say
/// where: unknown names, malformed numbers, unbalanced or too deeply nested parentheses,
/// missing operators ("2w"), and operators with nothing on one side.
fn check(tokens: &[(usize, Token<'_>)]) -> Result<(), FormulaError> {
    use FormulaError as E;
    if tokens.is_empty() {
        return Err(E::Empty);
    }
    let mut depth = 0usize;
    // For each open parenthesis: the two-argument function it belongs to, and the commas seen.
    let mut calls: Vec<(Option<&str>, usize)> = Vec::new();
    for (k, &(pos, tok)) in tokens.iter().enumerate() {
        match tok {
            Token::Number(n) => {
                if n.parse::<f64>().is_err() {
                    return Err(E::NotANumber { text: n.into(), pos: Some(pos) });
                }
            }
            Token::Name(n) => {
                let known = n == "w"
                    || n == "b"
                    || FUNCTIONS.contains(&n)
                    || BINARY_FUNCTIONS.contains(&n)
                    || CONSTANTS.contains(&n);
                if !known {
                    let hint = FUNCTIONS
                        .iter()
                        .chain(&BINARY_FUNCTIONS)
                        .find(|f| n.starts_with(**f) && n.len() > f.len())
                        .map(|f| (f.to_string(), n[f.len()..].to_string()));
                    return Err(E::UnknownName { name: n.into(), pos, hint });
                }
            }
            Token::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(E::TooDeep { max: MAX_DEPTH, pos });
                }
                let f = match k.checked_sub(1).map(|j| tokens[j].1) {
                    Some(Token::Name(n)) if BINARY_FUNCTIONS.contains(&n) => Some(n),
                    _ => None,
                };
                calls.push((f, 0));
            }
            Token::Close => {
                if depth == 0 {
                    return Err(E::UnopenedClose { pos });
                }
                depth -= 1;
                if let Some((Some(f), 0)) = calls.pop() {
                    return Err(E::OneArgument { function: f.into(), pos });
                }
            }
            Token::Comma => match calls.last_mut() {
                Some((Some(_), commas @ 0)) => *commas = 1,
                Some((Some(f), _)) => return Err(E::ThirdArgument { function: f.to_string(), pos }),
                _ => return Err(E::StrayComma { pos }),
            },
            Token::Op(_) => {}
        }
        // What may follow what.
        let is_function =
            |t: Token| matches!(t, Token::Name(n) if FUNCTIONS.contains(&n) || BINARY_FUNCTIONS.contains(&n));
        let ends_operand =
            |t: Token| matches!(t, Token::Number(_) | Token::Close) || matches!(t, Token::Name(_)) && !is_function(t);
        let starts_operand = |t: Token| matches!(t, Token::Number(_) | Token::Name(_) | Token::Open);
        let shown = |t: Token| match t {
            Token::Number(s) | Token::Name(s) => s.to_string(),
            Token::Op(c) => c.to_string(),
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::Comma => ",".into(),
        };
        let next = tokens.get(k + 1).map(|&(p, t)| (p, t));
        let prev = k.checked_sub(1).map(|j| tokens[j].1);
        match (tok, next) {
            (t, Some((p, n))) if ends_operand(t) && starts_operand(n) => {
                return Err(E::MissingOperator { left: shown(t), right: shown(n), pos: p })
            }
            (t, Some((_, n))) if is_function(t) && !matches!(n, Token::Open) && !starts_operand(n) => {
                return Err(E::NoArgument { function: shown(t), pos })
            }
            (t, None) if is_function(t) => return Err(E::NoArgument { function: shown(t), pos }),
            (Token::Op(c), None) => return Err(E::EndsWith { op: c }),
            (Token::Op(c), Some((_, n))) if !starts_operand(n) && !matches!(n, Token::Op('-' | '+')) => {
                return Err(E::FollowedBy { op: c, next: shown(n), pos })
            }
            (Token::Open, Some((p, Token::Close))) => return Err(E::EmptyParentheses { pos: p }),
            (Token::Name(f), n) if BINARY_FUNCTIONS.contains(&f) && !matches!(n, Some((_, Token::Open))) => {
                return Err(E::ArgumentsInParentheses { function: f.into(), pos })
            }
            (Token::Open, Some((p, Token::Comma))) => return Err(E::MissingBeforeComma { pos: p }),
            (Token::Comma, n) if !n.is_some_and(|(_, t)| starts_operand(t) || matches!(t, Token::Op('-' | '+'))) => {
                return Err(E::MissingAfterComma { pos })
            }
            _ => {}
        }
        if let Token::Op(c @ ('*' | '/' | '^')) = tok {
            if !prev.is_some_and(ends_operand) {
                return Err(E::NothingOnLeft { op: c, pos });
            }
        }
    }
    if depth > 0 {
        return Err(E::Unclosed { count: depth });
    }
    // A sign binds to the operand right after it (as in exmex), so -w^2 would be (-w)^2 = w²,
    // while a reader may mean -(w^2). Refuse the form rather than compute another cost than meant.
    for (k, &(pos, tok)) in tokens.iter().enumerate() {
        let unary =
            tok == Token::Op('-') && (k == 0 || matches!(tokens[k - 1].1, Token::Op(_) | Token::Open | Token::Comma));
        if !unary {
            continue;
        }
        if let Some(end) = operand_end(tokens, k + 1) {
            if let Some(&(_, Token::Op('^'))) = tokens.get(end + 1) {
                return Err(E::MinusBeforePower { pos });
            }
        }
    }
    Ok(())
}

/// The index of the last token of the operand that starts at token `k`: a number or name, a
/// parenthesized group, or a function call; `None` if no operand starts there.
fn operand_end(tokens: &[(usize, Token<'_>)], k: usize) -> Option<usize> {
    let group_end = |open: usize| {
        let mut depth = 0usize;
        for (j, &(_, t)) in tokens.iter().enumerate().skip(open) {
            match t {
                Token::Open => depth += 1,
                Token::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    };
    match tokens.get(k)?.1 {
        Token::Number(_) => Some(k),
        Token::Name(n) if FUNCTIONS.contains(&n) || BINARY_FUNCTIONS.contains(&n) => match tokens.get(k + 1)?.1 {
            Token::Open => group_end(k + 1),
            _ => None,
        },
        Token::Name(_) => Some(k),
        Token::Open => group_end(k),
        // A further unary sign: the operand is whatever follows it.
        Token::Op('-' | '+') => operand_end(tokens, k + 1),
        _ => None,
    }
}

/// A typed cost C(w) or C(w, b), e.g. `w^2 + 3*sin(b)`.
///
/// The formula may use the variables `w` and `b`, numbers, `+ - * / ^`, parentheses, the
/// functions in [`FUNCTIONS`] (`sin(w)`, `exp(w)`, `ln(w)`, `sqrt(w)`, `abs(w)`, …), `atan2(y, x)`,
/// `min(a, b)`, `max(a, b)` and the constants `PI`/`π`, `E`/`e`, `TAU`/`τ`, with the priorities
/// of [`binary`]. A sign or function applies to the operand right after it (`sin w^2` is
/// (sin w)²), so a minus directly before a power is refused with a message asking for `-(w^2)`
/// or `(-w)^2`.
///
/// It is 2-D when it mentions `b` or the plot domain has four numbers, else 1-D; the domain is
/// the scene's `domain` or [−3, 3] (or [−3, 3]²). The gradient is exact (see the module docs).
/// No minima are documented. Where the formula is undefined (e.g. `ln` of a negative number) the
/// value is NaN, which a run reports as a blow-up.
#[derive(Clone, Debug)]
pub struct Formula {
    text: String,
    dim: usize,
    program: Vec<Op>,
    domain: Domain,
}

impl Formula {
    /// Parses `text`. `domain` is the plot domain: `[wlo, whi]` (1-D) or `[wlo, whi, blo, bhi]`
    /// (2-D); `None` means [−3, 3] (or [−3, 3]²).
    pub fn new(text: &str, domain: Option<&[f64]>) -> Result<Formula, FormulaError> {
        if text.chars().count() > MAX_LEN {
            return Err(FormulaError::TooLong { max: MAX_LEN });
        }
        let tokens = tokenize(text)?;
        check(&tokens)?;
        let mut compiler = Compiler { tokens: &tokens, k: 0, out: Vec::with_capacity(tokens.len()) };
        compiler.expr(0)?;
        if let Some(&(pos, _)) = tokens.get(compiler.k) {
            return Err(FormulaError::UnreadableFrom { pos });
        }
        let program = compiler.out;
        let has_b = program.iter().any(|op| matches!(op, Op::Var(1)));
        let dim = match domain.map(|d| d.len()) {
            Some(2) if has_b => return Err(FormulaError::BOnOneDimension),
            Some(2) => 1,
            Some(4) => 2,
            Some(_) => return Err(FormulaError::DomainCount),
            None if has_b => 2,
            None => 1,
        };
        let domain = match domain {
            Some(d) if d.len() == 2 => Domain::new([d[0], 0.0], [d[1], 0.0]),
            Some(d) => Domain::new([d[0], d[2]], [d[1], d[3]]),
            None if dim == 2 => Domain::new([-3.0, -3.0], [3.0, 3.0]),
            None => Domain::new([-3.0, 0.0], [3.0, 0.0]),
        };
        let sound = |i: usize| domain.lo[i].is_finite() && domain.hi[i].is_finite() && domain.lo[i] < domain.hi[i];
        if !(0..dim).all(sound) {
            return Err(FormulaError::DomainRanges);
        }
        Ok(Formula { text: text.to_string(), dim, program, domain })
    }

    /// The formula as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The value and gradient at p, in one evaluation.
    pub fn eval(&self, p: &[f64]) -> Dual {
        let at = |i: usize| Dual::variable(p.get(i).copied().unwrap_or(f64::NAN), i);
        run(&self.program, at(0), at(1))
    }
}

impl Surface for Formula {
    fn name(&self) -> &'static str {
        "formula"
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn value(&self, p: &[f64]) -> f64 {
        self.eval(p).v
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let d = self.eval(p).d;
        for (gi, di) in g.iter_mut().zip(d) {
            *gi = di;
        }
    }
    fn domain(&self) -> Domain {
        self.domain
    }
    fn minima(&self) -> Vec<Minimum> {
        Vec::new()
    }
}
