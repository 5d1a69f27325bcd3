//! The allow-list of lesson text, read from the page's own `web/rich-text.js` (the one list the
//! page's sanitizer `richText` keeps), so the compiler refuses exactly what the page would drop.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../../web/rich-text.js");

/// What one attribute may hold.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Rule {
    /// One of these values.
    Values(Vec<String>),
    /// `"length"` or `"classes"`.
    Kind(String),
}

#[derive(Debug, Deserialize)]
pub struct AllowList {
    html: Vec<String>,
    math: Vec<String>,
    attributes: BTreeMap<String, BTreeMap<String, Rule>>,
    classes: Vec<String>,
}

impl AllowList {
    /// An HTML tag lesson text may use (it keeps no attributes).
    pub fn html(&self, tag: &str) -> bool {
        self.html.iter().any(|t| t == tag)
    }
    /// A MathML tag lesson text may use.
    pub fn math(&self, tag: &str) -> bool {
        self.math.iter().any(|t| t == tag)
    }
    /// The HTML tags, for messages.
    pub fn html_tags(&self) -> String {
        self.html.join(", ")
    }
    /// Whether a MathML tag keeps this attribute with this value (the same test as web/ui.js).
    pub fn math_attr(&self, tag: &str, name: &str, value: &str) -> bool {
        let rule = self.attributes.get(tag).and_then(|a| a.get(name)).or_else(|| self.attributes["*"].get(name));
        match rule {
            Some(Rule::Values(values)) => values.iter().any(|v| v == value),
            Some(Rule::Kind(kind)) if kind == "length" => is_length(value),
            Some(Rule::Kind(kind)) if kind == "classes" => {
                value.split(' ').all(|c| self.classes.iter().any(|k| k == c))
            }
            _ => false,
        }
    }
}

/// `-?(\d+\.?\d*|\.\d+)([a-z]{2}|%)?`: 1em, 0.1667em, -2pt, .5ex, 50%.
fn is_length(v: &str) -> bool {
    let v = v.strip_prefix('-').unwrap_or(v);
    let end = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len());
    let (num, unit) = v.split_at(end);
    let number = num.matches('.').count() <= 1 && num.chars().any(|c| c.is_ascii_digit());
    number && (unit.is_empty() || unit == "%" || (unit.len() == 2 && unit.bytes().all(|b| b.is_ascii_lowercase())))
}

/// The list, parsed once.
pub fn allow() -> &'static AllowList {
    static LIST: OnceLock<AllowList> = OnceLock::new();
    LIST.get_or_init(|| {
        let json =
            SOURCE.split_once("\nexport default").map(|(_, rest)| rest).expect("web/rich-text.js: export default");
        let json = json.trim().trim_end_matches(';');
        serde_json::from_str(json).expect("web/rich-text.js: the list after `export default` is JSON")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_list_is_read() {
        let a = allow();
        assert!(a.html("p") && a.html("strong") && !a.html("script") && !a.html("a"));
        assert!(a.math("math") && a.math("mfrac") && !a.math("p"));
        assert!(a.math_attr("math", "display", "block"));
        assert!(a.math_attr("mi", "mathvariant", "normal") && !a.math_attr("mi", "mathvariant", "bold"));
        assert!(a.math_attr("mfrac", "displaystyle", "true"), "the \"*\" rules apply to every tag");
        assert!(a.math_attr("mspace", "width", "0.1667em") && a.math_attr("mspace", "width", "-1em"));
        assert!(!a.math_attr("mspace", "width", "1em; color: red") && !a.math_attr("mspace", "width", "em"));
        assert!(a.math_attr("mtable", "class", "menv-alignlike menv-align"));
        assert!(!a.math_attr("mtable", "class", "menv-alignlike evil"));
        assert!(!a.math_attr("mi", "style", "color: red") && !a.math_attr("mi", "onclick", "x"));
    }

    #[test]
    fn lengths() {
        for ok in ["1em", "0.1667em", "-2pt", ".5ex", "3", "50%", "1."] {
            assert!(is_length(ok), "{ok}");
        }
        for bad in ["", "-", "em", ".", "1.2.3em", "1emm", "1EM", "1 em", "--1em"] {
            assert!(!is_length(bad), "{bad}");
        }
    }
}
