//! A small tokenizer for the HTML and MathML fragments the compiler handles: an author's raw HTML
//! in a Markdown source, and the MathML the TeX converter writes (which is re-serialized, so every
//! text is escaped and every attribute checked).

/// One piece of a fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// `<name a="v">`, or `<name/>` when `closed`.
    Open { name: String, attrs: Vec<(String, String)>, closed: bool },
    /// `</name>`.
    Close(String),
    /// Text, with its character references decoded.
    Text(String),
    /// `<!-- … -->`.
    Comment,
}

/// Splits `s` into tokens. `is_tag(name)` says which names start a tag: a `<` before any other
/// name (or before no name, as in `a < b`) is text.
pub fn tokenize(s: &str, is_tag: &dyn Fn(&str) -> bool) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("an HTML comment `<!--` that is not closed with `-->`")?;
            flush(&mut text, &mut out);
            out.push(Token::Comment);
            rest = &after[end + 3..];
            continue;
        }
        if c == '<' {
            if let Some((token, used)) = tag(rest, is_tag)? {
                flush(&mut text, &mut out);
                out.push(token);
                rest = &rest[used..];
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, used)) = reference(rest) {
                text.push(decoded);
                rest = &rest[used..];
                continue;
            }
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut out);
    Ok(out)
}

fn flush(text: &mut String, out: &mut Vec<Token>) {
    if !text.is_empty() {
        out.push(Token::Text(std::mem::take(text)));
    }
}

/// A tag at the start of `s` (which starts with `<`), and the bytes it takes; `None` if `s` does
/// not start with a tag name `is_tag` accepts.
fn tag(s: &str, is_tag: &dyn Fn(&str) -> bool) -> Result<Option<(Token, usize)>, String> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    let name = s[start..i].to_ascii_lowercase();
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() || !is_tag(&name) {
        return Ok(None);
    }
    let unclosed = || format!("the tag `<{}{name}` is not closed with `>`", if closing { "/" } else { "" });
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return Err(unclosed()),
            Some(b'>') => {
                let token = if closing { Token::Close(name) } else { Token::Open { name, attrs, closed: false } };
                return Ok(Some((token, i + 1)));
            }
            Some(b'/') if b.get(i + 1) == Some(&b'>') && !closing => {
                return Ok(Some((Token::Open { name, attrs, closed: true }, i + 2)));
            }
            Some(_) => {}
        }
        let a = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/>\"'".contains(&b[i]) {
            i += 1;
        }
        if a == i {
            // A stray `/`, `"` or `'`: skipped, as an HTML parser does.
            i += 1;
            continue;
        }
        let key = s[a..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let v = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(q as char).ok_or_else(unclosed)?;
                    let v = &s[i + 1..i + 1 + end];
                    i += end + 2;
                    v
                }
                _ => {
                    let v0 = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    &s[v0..i]
                }
            };
            value = decode(v);
        }
        attrs.push((key, value));
    }
}

/// A character reference at the start of `s` (`&amp;`, `&#955;`, `&#x3bb;`, …) and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.char_indices().take_while(|&(i, _)| i < 12).find(|&(_, c)| c == ';')?.0;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let n = body.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((c, end + 1))
}

/// `s` with its character references decoded.
fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some((d, used)) = (c == '&').then(|| reference(rest)).flatten() {
            out.push(d);
            rest = &rest[used..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Text for an HTML text node.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Text for a double-quoted attribute value.
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str) -> bool {
        true
    }
    fn open(name: &str, attrs: &[(&str, &str)], closed: bool) -> Token {
        Token::Open {
            name: name.into(),
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            closed,
        }
    }

    #[test]
    fn tags_text_and_comments() {
        let t = tokenize("a <MARK>b</mark><br/><!-- note --> &amp; &lt;c&gt; &#955;&#x3bb;", &any).unwrap();
        assert_eq!(
            t,
            [
                Token::Text("a ".into()),
                open("mark", &[], false),
                Token::Text("b".into()),
                Token::Close("mark".into()),
                open("br", &[], true),
                Token::Comment,
                Token::Text(" & <c> λλ".into()),
            ]
        );
    }

    #[test]
    fn attributes_quoted_unquoted_and_run_together() {
        let t = tokenize(r#"<mo a="1" b='x y' c=2 d stretchy="true"minsize="1.2em">"#, &any).unwrap();
        let want = [("a", "1"), ("b", "x y"), ("c", "2"), ("d", ""), ("stretchy", "true"), ("minsize", "1.2em")];
        assert_eq!(t, [open("mo", &want, false)]);
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        let mo = |n: &str| n == "mo";
        let t = tokenize("<mo><</mo><mo>></mo> a<b &x", &mo).unwrap();
        assert_eq!(
            t,
            [
                open("mo", &[], false),
                Token::Text("<".into()),
                Token::Close("mo".into()),
                open("mo", &[], false),
                Token::Text(">".into()),
                Token::Close("mo".into()),
                Token::Text(" a<b &x".into()),
            ]
        );
    }

    #[test]
    fn references_next_to_wide_characters() {
        // (A reference is looked for within 12 bytes: never in the middle of a character.)
        let t = tokenize("&lt;!--한글한글 &amp한 &#x1F600;", &any).unwrap();
        assert_eq!(t, [Token::Text("<!--한글한글 &amp한 😀".into())]);
    }

    #[test]
    fn unclosed_tags_and_comments_are_errors() {
        assert!(tokenize("<mark", &any).unwrap_err().contains("not closed"));
        assert!(tokenize("<mo a=\"1>", &any).unwrap_err().contains("not closed"));
        assert!(tokenize("x <!-- y", &any).unwrap_err().contains("comment"));
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        escape("a<b & \"c\">", &mut s);
        escape_attr("x\"<&", &mut s);
        assert_eq!(s, "a&lt;b &amp; \"c\"&gt;x&quot;&lt;&amp;");
    }
}
