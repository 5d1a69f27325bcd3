//! A cost typed by the learner, parsed and differentiated symbolically by `exmex`.

use super::{Domain, Minimum, Surface};
use exmex::prelude::*;

/// The longest formula accepted here (the scene allows 300 characters).
pub const MAX_LEN: usize = 1000;
/// The deepest nesting of brackets accepted: deeper formulas are refused before parsing, so
/// neither the parser nor the symbolic derivative can recurse without bound.
pub const MAX_DEPTH: usize = 40;

/// A typed cost C(w) or C(w, b), e.g. `w^2 + 3*sin(b)`.
///
/// The formula may use the variables `w` and `b` and exmex's operators and functions
/// (`+ - * / ^`, `sin`, `cos`, `tan`, `exp`, `ln`, `sqrt`, `abs`, …, constants `PI`, `E`).
/// It is 2-D when it mentions `b` or the plot domain has four numbers, else 1-D. The gradient
/// is exmex's symbolic partial derivative. No minima are documented. Where the formula or its
/// derivative is undefined (e.g. `ln` of a negative number) the value is NaN, which a run
/// reports as a blow-up.
#[derive(Clone, Debug)]
pub struct Formula {
    text: String,
    dim: usize,
    expr: FlatEx<f64>,
    /// ∂C/∂pᵢ for each parameter, `None` where the formula does not mention it (derivative 0).
    partials: [Option<FlatEx<f64>>; 2],
    /// For each of the expression's variables (exmex sorts them by name), the parameter it is.
    slots: [usize; 2],
    domain: Domain,
}

/// Why a formula cannot be used: a message pointing at the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError(pub String);

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// True for characters exmex allows in a variable name.
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || ('α'..='ω').contains(&c) || ('Α'..='Ω').contains(&c)
}

/// The 1-based character position of `name` standing alone (not inside a longer name) in `text`.
fn position_of(text: &str, name: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let needle: Vec<char> = name.chars().collect();
    if needle.is_empty() {
        return None;
    }
    (0..chars.len().saturating_sub(needle.len() - 1)).find_map(|i| {
        let hit = chars[i..i + needle.len()] == needle[..];
        let alone = (i == 0 || !ident_char(chars[i - 1]))
            && chars.get(i + needle.len()).map_or(true, |&c| !ident_char(c));
        (hit && alone).then_some(i + 1)
    })
}

impl Formula {
    /// Parses `text`. `domain` is the plot domain: `[wlo, whi]` (1-D) or `[wlo, whi, blo, bhi]`
    /// (2-D); `None` means [−3, 3] (or [−3, 3]²).
    pub fn new(text: &str, domain: Option<&[f64]>) -> Result<Formula, FormulaError> {
        let err = |m: String| Err(FormulaError(m));
        if text.trim().is_empty() {
            return err("the formula is empty; type one in w (and b), e.g. w^2 + b^2".into());
        }
        if text.chars().count() > MAX_LEN {
            return err(format!("the formula is longer than {MAX_LEN} characters"));
        }
        // Bracket depth and balance, checked here so the message can say where.
        let mut depth = 0usize;
        for (i, c) in text.chars().enumerate() {
            match c {
                '(' | '{' | '[' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return err(format!("brackets nest more than {MAX_DEPTH} deep at character {}", i + 1));
                    }
                }
                ')' | '}' | ']' => {
                    if depth == 0 {
                        return err(format!("\"{c}\" at character {} closes a bracket that was never opened", i + 1));
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        if depth > 0 {
            return err(format!("{depth} bracket(s) opened but not closed"));
        }
        let expr = match FlatEx::<f64>::parse(text) {
            Ok(e) => e,
            Err(e) => return err(format!("cannot read it: {}", e.msg())),
        };
        let names = expr.var_names().to_vec();
        if let Some(other) = names.iter().find(|n| *n != "w" && *n != "b") {
            let at = position_of(text, other).map(|i| format!(" at character {i}")).unwrap_or_default();
            return err(format!("unknown variable \"{other}\"{at}; use w, and b for a 2-D cost"));
        }
        // Only w and b remain, so there are at most two names.
        let mut slots = [0usize; 2];
        for (k, name) in names.iter().enumerate() {
            slots[k] = if name == "w" { 0 } else { 1 };
        }
        let has_b = names.iter().any(|n| n == "b");
        let dim = match domain.map(|d| d.len()) {
            Some(2) if has_b => return err("it uses b, but the domain has only two numbers (w's range)".into()),
            Some(2) => 1,
            Some(4) => 2,
            Some(_) => return err("the domain needs two numbers (1-D) or four (2-D)".into()),
            None if has_b => 2,
            None => 1,
        };
        let domain = match domain {
            Some(d) if d.len() == 2 => Domain::new([d[0], 0.0], [d[1], 0.0]),
            Some(d) => Domain::new([d[0], d[2]], [d[1], d[3]]),
            None if dim == 2 => Domain::new([-3.0, -3.0], [3.0, 3.0]),
            None => Domain::new([-3.0, 0.0], [3.0, 0.0]),
        };
        if (0..dim).any(|i| !(domain.lo[i] < domain.hi[i]) || !domain.lo[i].is_finite() || !domain.hi[i].is_finite()) {
            return err("the domain's ranges need finite lo < hi".into());
        }
        let mut partials: [Option<FlatEx<f64>>; 2] = [None, None];
        for (k, name) in names.iter().enumerate() {
            let param = if name == "w" { 0 } else { 1 };
            match expr.clone().partial(k) {
                Ok(d) => partials[param] = Some(d),
                Err(e) => return err(format!("cannot differentiate it with respect to {name}: {}", e.msg())),
            }
        }
        Ok(Formula { text: text.to_string(), dim, expr, partials, slots, domain })
    }

    /// The formula as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The expression's variables in exmex's order, filled from p.
    #[inline]
    fn vars(&self, p: &[f64]) -> ([f64; 2], usize) {
        let n = self.expr.var_names().len();
        let mut v = [0.0; 2];
        for k in 0..n {
            v[k] = p.get(self.slots[k]).copied().unwrap_or(f64::NAN);
        }
        (v, n)
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
        let (v, n) = self.vars(p);
        self.expr.eval(&v[..n]).unwrap_or(f64::NAN)
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (v, n) = self.vars(p);
        for (i, gi) in g.iter_mut().enumerate().take(self.dim) {
            *gi = match &self.partials[i] {
                Some(d) => d.eval(&v[..n]).unwrap_or(f64::NAN),
                None => 0.0,
            };
        }
    }
    fn domain(&self) -> Domain {
        self.domain
    }
    fn minima(&self) -> Vec<Minimum> {
        Vec::new()
    }
}
