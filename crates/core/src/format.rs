//! One number format for everything a learner reads: the page's panels, the words and tick
//! labels on the canvases, the narration and the messages. The page asks the wasm module for it
//! (`formatNumber`), the canvases call it directly, so one function owns how a number looks.
//!
//! - a typographic minus, U+2212 (−0.25), never a hyphen, and no minus on a number shown as 0;
//! - fixed decimals for ordinary sizes, and one exponent form for tiny and huge ones:
//!   m×10ⁿ with superscript digits (−1.61×10⁻⁴), never `e-4`;
//! - a dash (—) for anything that is not a finite number: never NaN or ∞ shown as if it were one.

/// The minus sign every number is shown with.
pub const MINUS: char = '\u{2212}';
/// What is shown in place of a number that is not finite.
pub const NOT_A_NUMBER: &str = "—";

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `x` with `decimals` decimals (2.000, −0.375), or m×10ⁿ with two decimals of m when
/// 0 < |x| < 10⁻³ or |x| ≥ 10⁶ (−1.61×10⁻⁴, 2.50×10⁷).
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        return exponent(x, 2, false);
    }
    signed(format!("{x:.decimals$}"))
}

/// `x` with at most `decimals` decimals and no trailing zeros (0.9, 0.18, 2), or m×10ⁿ with
/// the mantissa trimmed alike (1×10⁻⁸, 2.5×10⁷) when 0 < |x| < 10⁻³ or |x| ≥ 10⁶: for a
/// setting (α, β, ε) and for the numbers in a message.
pub fn short(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        return exponent(x, decimals.min(3), true);
    }
    signed(trim(format!("{x:.decimals$}")))
}

/// `x` to `digits` significant digits (0.00123, −0.228, 12.3, 1234), or m×10ⁿ with `digits − 1`
/// decimals of m when 0 < |x| < 10⁻³ or |x| ≥ 10⁶: for numbers of any size side by side, such as
/// the terms of one update (a gradient of 3.05 beside an average square of 0.00123).
pub fn significant(x: f64, digits: usize) -> String {
    let digits = digits.max(1);
    if !x.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let a = x.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        return exponent(x, digits - 1, false);
    }
    if a == 0.0 {
        return "0".into();
    }
    // Rounding may carry into another digit (0.9996 → 1.000): size the decimals after rounding.
    let decimals = |v: f64| (digits as i32 - 1 - v.log10().floor() as i32).max(0) as usize;
    let d = decimals(a);
    let rounded: f64 = format!("{a:.d$}").parse().unwrap_or(a);
    let d = decimals(rounded).min(d);
    signed(format!("{x:.d$}"))
}

/// An axis tick label: as few digits as the value needs (up to three decimals), in the
/// exponent form below 10⁻³ and from 10⁵ up (2×10⁻⁵, 1×10⁵).
pub fn tick(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && a.is_finite() && !(1e-3..1e5).contains(&a) {
        return exponent(x, 2, true);
    }
    short(x, 3)
}

/// m×10ⁿ with `decimals` decimals of m (trimmed of trailing zeros if `trimmed`).
fn exponent(x: f64, decimals: usize, trimmed: bool) -> String {
    // Rust's `{:e}` rounds the mantissa and carries into the exponent (9.999e-4 → 1.00e-3).
    let s = format!("{x:.decimals$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let m = if trimmed { trim(m.to_string()) } else { m.to_string() };
    let mut out = signed(m);
    out.push_str("×10");
    for c in e.chars() {
        match c {
            '-' => out.push('⁻'),
            d => out.extend(d.to_digit(10).map(|k| SUPERSCRIPT[k as usize])),
        }
    }
    out
}

/// A decimal string with a typographic minus; no sign at all if every digit is 0.
fn signed(s: String) -> String {
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        Some(rest) => format!("{MINUS}{rest}"),
        None => s,
    }
}

/// Drops trailing zeros after a decimal point (and the point): 2.500 → 2.5, 3.000 → 3.
fn trim(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_sizes_keep_their_decimals_and_a_typographic_minus() {
        assert_eq!(number(2.0, 3), "2.000");
        assert_eq!(number(-0.375, 3), "−0.375");
        assert_eq!(number(-1.2049, 2), "−1.20");
        assert_eq!(number(0.0, 2), "0.00");
        assert_eq!(number(999_999.0, 0), "999999");
        // Rounded to zero: no minus on a number that reads 0.
        assert_eq!(number(-0.0, 3), "0.000");
        assert_eq!(number(-0.004, 2), "0.00");
        assert_eq!(number(-0.0049, 2), "0.00");
    }

    #[test]
    fn tiny_and_huge_numbers_take_one_exponent_form() {
        assert_eq!(number(-1.61e-4, 3), "−1.61×10⁻⁴");
        assert_eq!(number(1.6e-4, 0), "1.60×10⁻⁴");
        assert_eq!(number(2.5e7, 3), "2.50×10⁷");
        assert_eq!(number(1e6, 3), "1.00×10⁶");
        assert_eq!(number(-3.54e-5, 4), "−3.54×10⁻⁵");
        assert_eq!(number(1.234e-12, 3), "1.23×10⁻¹²");
        assert_eq!(number(6.02e23, 3), "6.02×10²³");
        // The mantissa's rounding carries into the exponent.
        assert_eq!(number(9.9996e-4, 3), "1.00×10⁻³");
        // The bounds: 10⁻³ is an ordinary size.
        assert_eq!(number(0.001, 3), "0.001");
    }

    #[test]
    fn what_is_not_a_number_is_a_dash() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number(x, 3), "—");
            assert_eq!(short(x, 3), "—");
            assert_eq!(tick(x), "—");
        }
    }

    #[test]
    fn short_numbers_lose_trailing_zeros() {
        assert_eq!(short(0.9, 3), "0.9");
        assert_eq!(short(0.18, 4), "0.18");
        assert_eq!(short(2.0, 3), "2");
        assert_eq!(short(1.8000000000000007, 4), "1.8");
        assert_eq!(short(-2.1, 4), "−2.1");
        assert_eq!(short(-0.00001, 4), "−1×10⁻⁵");
        assert_eq!(short(1e-8, 3), "1×10⁻⁸");
        assert_eq!(short(2.5e7, 4), "2.5×10⁷");
        assert_eq!(short(1.23456789, 4), "1.2346");
        assert_eq!(short(-0.00001, 2), "−1×10⁻⁵");
        assert_eq!(short(-0.0001, 3), "−1×10⁻⁴");
        assert_eq!(short(-0.004, 2), "0");
        assert_eq!(short(100.0, 0), "100");
    }

    #[test]
    fn significant_digits_for_numbers_of_any_size() {
        assert_eq!(significant(0.00123456, 3), "0.00123");
        assert_eq!(significant(-0.2284, 3), "−0.228");
        assert_eq!(significant(12.34, 3), "12.3");
        assert_eq!(significant(1234.6, 3), "1235");
        assert_eq!(significant(3.0, 3), "3.00");
        assert_eq!(significant(0.0, 3), "0");
        assert_eq!(significant(0.99996, 3), "1.00");
        assert_eq!(significant(9.9996, 3), "10.0");
        assert_eq!(significant(-1.61e-4, 3), "−1.61×10⁻⁴");
        assert_eq!(significant(2.5e7, 2), "2.5×10⁷");
        assert_eq!(significant(f64::NAN, 3), "—");
    }

    #[test]
    fn ticks_use_as_few_digits_as_they_need() {
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(tick(-2.0), "−2");
        assert_eq!(tick(0.3 * 3.0), "0.9");
        assert_eq!(tick(2e-5), "2×10⁻⁵");
        assert_eq!(tick(-5e-4), "−5×10⁻⁴");
        assert_eq!(tick(1e5), "1×10⁵");
        assert_eq!(tick(20_000.0), "20000");
    }
}
