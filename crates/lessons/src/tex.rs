//! TeX → MathML, with pulldown-latex, checked against the allow-list and re-serialized: every text
//! escaped, every tag and attribute one the page keeps.

use crate::allow::allow;
use crate::markup::{escape, escape_attr, tokenize, Token};
use pulldown_latex::{config::DisplayMode, mathml::push_mathml, Parser, RenderConfig, Storage};
use std::collections::BTreeSet;

/// Why a formula cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TexError {
    /// What is wrong, with the place in the TeX on the lines after the first when the parser gave it.
    pub message: String,
    /// The formula's line (0-based) the problem is on, when known.
    pub line: usize,
}

/// The MathML of `tex`, as a `<math>` element (`display="block"` for display math).
pub fn to_mathml(tex: &str, display: bool) -> Result<String, TexError> {
    if tex.trim().is_empty() {
        return Err(TexError { message: "an empty formula".into(), line: 0 });
    }
    let storage = Storage::new();
    let mut events = Vec::new();
    for event in Parser::new(tex, &storage) {
        match event {
            Ok(e) => events.push(e),
            Err(e) => return Err(parse_error(tex, &e.to_string())),
        }
    }
    let config = RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        ..RenderConfig::default()
    };
    let mut raw = String::new();
    push_mathml(&mut raw, events.into_iter().map(Ok::<_, std::convert::Infallible>), config)
        .map_err(|e| TexError { message: format!("the formula could not be written: {e}"), line: 0 })?;
    clean(&raw).map_err(|message| TexError { message, line: 0 })
}

/// pulldown-latex's message ("parsing error: what\n╭─► context:\n│\n│ \frac{x\n│ ^^^^\n╰──") as
/// "TeX does not parse: what", the context below it, and the context's line in `tex`.
fn parse_error(tex: &str, shown: &str) -> TexError {
    let mut lines = shown.lines();
    let what = lines.next().unwrap_or("").trim_start_matches("parsing error: ");
    let context: Vec<&str> = lines.filter_map(|l| l.strip_prefix('│')).filter(|l| !l.trim().is_empty()).collect();
    // The line above the carets is where the parser stopped; find it in the formula.
    let carets = context.iter().position(|l| l.trim().chars().all(|c| c == '^'));
    let line = carets
        .and_then(|i| i.checked_sub(1))
        .map(|i| context[i].trim().trim_matches('…').trim())
        .and_then(|snippet| tex.find(snippet))
        .map(|at| tex[..at].matches('\n').count())
        .unwrap_or(0);
    let mut message = format!("TeX does not parse: {what}");
    for l in context {
        message.push_str("\n   ");
        message.push_str(l);
    }
    TexError { message, line }
}

/// The converter's MathML, re-serialized with only what the allow-list keeps; anything else is an
/// error that names it.
fn clean(raw: &str) -> Result<String, String> {
    let list = allow();
    let tokens = tokenize(raw, &|_| true)?;
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    for t in tokens {
        match t {
            Token::Open { name, attrs, closed } => {
                if name == "merror" {
                    return Err("the TeX converter could not write this formula".into());
                }
                if !list.math(&name) {
                    return Err(format!("the formula needs the MathML tag <{name}>, which lesson text does not allow"));
                }
                out.push('<');
                out.push_str(&name);
                for (k, v) in attrs {
                    if k == "style" {
                        return Err(format!(
                            "the formula sets a style (`{v}`: a colour, a box or a spacing), which lesson text does not allow"
                        ));
                    }
                    if !list.math_attr(&name, &k, &v) {
                        return Err(format!(
                            "the formula needs {k}=\"{v}\" on <{name}>, which lesson text does not allow"
                        ));
                    }
                    out.push(' ');
                    out.push_str(&k);
                    out.push_str("=\"");
                    escape_attr(&v, &mut out);
                    out.push('"');
                }
                out.push('>');
                if closed {
                    out.push_str(&format!("</{name}>"));
                } else {
                    open.push(name);
                }
            }
            Token::Close(name) => {
                if open.pop().as_deref() != Some(name.as_str()) {
                    return Err(format!("the TeX converter wrote an unbalanced </{name}>"));
                }
                out.push_str(&format!("</{name}>"));
            }
            Token::Text(s) => escape(&s, &mut out),
            Token::Comment => {}
        }
    }
    if let Some(name) = open.pop() {
        return Err(format!("the TeX converter left <{name}> open"));
    }
    Ok(out)
}

/// Every character a formula in `html` shows (what a math font needs): the text inside `<math>`,
/// and for a one-letter `<mi>`, also the mathematical italic letter the browser draws in its place.
pub fn math_chars(html: &str, into: &mut BTreeSet<char>) {
    let Ok(tokens) = tokenize(html, &|_| true) else { return };
    let mut stack: Vec<(String, bool)> = Vec::new(); // (tag, upright)
    for t in tokens {
        match t {
            Token::Open { name, attrs, closed: false } => {
                let upright = attrs.iter().any(|(k, v)| k == "mathvariant" && v == "normal");
                stack.push((name, upright));
            }
            Token::Close(_) => {
                stack.pop();
            }
            Token::Text(s) if stack.iter().any(|(n, _)| n == "math") => {
                into.extend(s.chars().filter(|c| !c.is_whitespace()));
                let mut chars = s.trim().chars();
                if let (Some(c), None, Some((tag, false))) = (chars.next(), chars.next(), stack.last()) {
                    if tag == "mi" {
                        into.extend(italic(c));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The mathematical italic form of a letter (MathML Core's `text-transform: math-auto`).
pub fn italic(c: char) -> Option<char> {
    let shift = |base: u32, from: char| char::from_u32(base + (c as u32 - from as u32));
    match c {
        'h' => Some('\u{210E}'),
        'A'..='Z' => shift(0x1D434, 'A'),
        'a'..='z' => shift(0x1D44E, 'a'),
        'ı' => Some('\u{1D6A4}'),
        'ȷ' => Some('\u{1D6A5}'),
        'Α'..='Ω' if c != '\u{3A2}' => shift(0x1D6E2, 'Α'),
        'ϴ' => Some('\u{1D6F3}'),
        '∇' => Some('\u{1D6FB}'),
        'α'..='ω' => shift(0x1D6FC, 'α'),
        '∂' => Some('\u{1D715}'),
        'ϵ' => Some('\u{1D716}'),
        'ϑ' => Some('\u{1D717}'),
        'ϰ' => Some('\u{1D718}'),
        'ϕ' => Some('\u{1D719}'),
        'ϱ' => Some('\u{1D71A}'),
        'ϖ' => Some('\u{1D71B}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_scripts_and_sums() {
        let m = to_mathml(r"\frac{\partial C}{\partial w} = \frac{1}{m}\sum_{i=1}^{m} x_i", true).unwrap();
        assert!(m.starts_with("<math display=\"block\">") && m.ends_with("</math>"), "{m}");
        for part in ["<mfrac>", "<munderover>", "∑", "<msub><mi>x</mi><mi>i</mi></msub>"] {
            assert!(m.contains(part), "{part} in {m}");
        }
        let inline = to_mathml(r"V_{dW}", false).unwrap();
        assert_eq!(inline, "<math display=\"inline\"><msub><mi>V</mi><mrow><mi>d</mi><mi>W</mi></mrow></msub></math>");
    }

    #[test]
    fn angle_brackets_and_ampersands_are_escaped() {
        let m = to_mathml(r"a < b > c \text{x < y & z}", false).unwrap();
        assert!(m.contains("<mo>&lt;</mo>") && m.contains("<mo>&gt;</mo>"), "{m}");
        assert!(m.contains("x &lt; y &amp; z"), "{m}");
        assert!(!m.contains("<b") && !m.contains("< "), "{m}");
    }

    #[test]
    fn bad_tex_says_why_and_where() {
        let e = to_mathml("x +\n\\frac{a", true).unwrap_err();
        assert!(e.message.starts_with("TeX does not parse: unbalanced group"), "{}", e.message);
        assert_eq!(e.line, 1, "{}", e.message);
        assert!(to_mathml(r"\notacommand", false).unwrap_err().message.contains("TeX does not parse"));
        assert_eq!(to_mathml("  ", false).unwrap_err().message, "an empty formula");
    }

    #[test]
    fn styles_are_refused() {
        let e = to_mathml(r"\color{red} x", false).unwrap_err();
        assert!(e.message.contains("sets a style"), "{}", e.message);
    }

    #[test]
    fn aligned_equations_keep_their_layout_classes() {
        let m = to_mathml(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", true).unwrap();
        assert!(m.contains("<mtable class=\"menv-alignlike menv-align\">"), "{m}");
    }

    #[test]
    fn the_font_needs_italic_letters_of_one_letter_identifiers() {
        let m = to_mathml(r"\Delta w + \alpha x_{new} + \lim", false).unwrap();
        let mut chars = BTreeSet::new();
        math_chars(&format!("<p>Text outside</p>{m}"), &mut chars);
        for c in ['Δ', 'w', '𝑤', '𝛼', '𝑥', '𝑛', '+', 'l'] {
            assert!(chars.contains(&c), "{c:?} in {chars:?}");
        }
        assert!(!chars.contains(&'T'), "text outside a formula needs no math font");
        assert!(!chars.contains(&'\u{1D6E5}'), "an upright Δ needs no italic Δ");
        assert!(!chars.contains(&'𝑙'), "lim is one identifier of three letters, drawn upright");
        assert_eq!(italic('h'), Some('ℎ'));
        assert_eq!(italic('β'), Some('𝛽'));
        assert_eq!(italic('1'), None);
    }
}
