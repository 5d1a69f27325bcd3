//! One language's file of a lesson (`lessons/<id>/<lang>.md`): read, checked, and its text
//! rendered to the HTML the page shows. See the crate's documentation for the format.

use crate::allow::allow;
use crate::markup::{escape, tokenize, Token};
use crate::problem::{Lines, Problems};
use crate::tex::to_mathml;
use descent_core::{Lang, Scene};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The first words of a "predict, then see" checkpoint: `> [!predict] The question?`.
pub const CHECKPOINT: &str = "[!predict]";
/// The info string of a step's scene block: ```` ```scene ````.
pub const SCENE: &str = "scene";
/// Keys the page sets from the address, never a step's scene.
const PAGE_KEYS: [&str; 4] = ["lesson", "step", "lang", "embed"];

/// A lesson's text in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonText {
    pub path: String,
    pub title: String,
    pub title_line: usize,
    /// The paragraph under the title (the course map shows it).
    pub summary: Option<String>,
    pub steps: Vec<StepText>,
}

/// One step (`## Title` up to the next step).
#[derive(Clone, Debug, PartialEq)]
pub struct StepText {
    /// The line of its `##` heading.
    pub line: usize,
    pub title: String,
    /// Its scene block, if this file gives it.
    pub scene: Option<SceneText>,
    /// Its text as HTML (the page's allow-list only), formulas as MathML.
    pub body: String,
    /// Formulas in the body and the checkpoint's explanation.
    pub formulas: usize,
    pub check: Option<CheckText>,
}

/// A step's scene preset, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneText {
    /// The query string (`surface=ravine&opt=gd`): the block's lines joined by `&`.
    pub query: String,
    /// The parsed scene, to compare languages.
    pub scene: Scene,
    pub line: usize,
}

/// A "predict, then see" checkpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckText {
    pub line: usize,
    pub question: String,
    pub choices: Vec<String>,
    /// The index of the choice marked `[x]`.
    pub answer: usize,
    /// Shown once answered: HTML.
    pub explain: String,
}

type Ev<'a> = (Event<'a>, Range<usize>);

/// Reads one language's file of a lesson. `path` is only for messages.
pub fn parse(path: &str, text: &str) -> Result<LessonText, Problems> {
    parse_in(path, text, Lang::En)
}

/// [`parse`], with a refused scene explained in `lang` (the core's scene messages exist in
/// English and Korean; a teacher's course is checked in the page, in the page's language).
pub fn parse_in(path: &str, text: &str, lang: Lang) -> Result<LessonText, Problems> {
    let mut r = Reader { path, source: text, lines: Lines::new(text), problems: Problems::default(), lang };
    let events: Vec<Ev> =
        Parser::new_ext(text, Options::ENABLE_MATH | Options::ENABLE_TASKLISTS).into_offset_iter().collect();
    let mut title: Option<(String, usize)> = None;
    let mut summary: Option<String> = None;
    let mut steps: Vec<StepText> = Vec::new();
    let mut written: Vec<usize> = Vec::new(); // blocks of text in each step
    for block in blocks(&events) {
        let (first, range) = &block[0];
        let line = r.at(range);
        match first {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                let t = r.plain(inner(block), "The lesson title");
                if title.is_some() || !steps.is_empty() {
                    r.err(
                        line,
                        "a second `# title`: a lesson file has one title; each step starts with `## Step title`",
                    );
                } else {
                    title = Some((t, line));
                }
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => {
                if title.is_none() && steps.is_empty() {
                    r.err(line, "the file starts with the lesson's title, `# Title`, before its first step");
                }
                let t = r.plain(inner(block), "A step title");
                steps.push(StepText { line, title: t, scene: None, body: String::new(), formulas: 0, check: None });
                written.push(0);
            }
            Event::Start(Tag::Heading { level, .. }) => r.err(
                line,
                format!(
                    "a heading of level {}: lesson text has `# Lesson title` and `## Step title` only",
                    *level as u8
                ),
            ),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == SCENE => {
                let scene = r.scene(block);
                match steps.last_mut() {
                    None => r.err(line, "a scene before the first step: put it under its step's `## Title`"),
                    Some(s) if s.scene.is_some() => r.err(line, "a second scene in this step: a step has one scene"),
                    Some(s) => s.scene = scene,
                }
            }
            Event::Start(Tag::HtmlBlock) if is_comment(block) => {}
            _ if steps.is_empty() => {
                let lone_paragraph = matches!(first, Event::Start(Tag::Paragraph));
                if title.is_some() && summary.is_none() && lone_paragraph {
                    summary = Some(r.plain(inner(block), "The summary"));
                } else {
                    r.err(line, "text before the first step: under the `# Title` comes one summary paragraph, then `## Step title`");
                }
            }
            Event::Start(Tag::BlockQuote(_)) if is_checkpoint(block) => {
                let check = r.checkpoint(block);
                let step = steps.last_mut().expect("steps is not empty here");
                if step.check.is_some() {
                    r.err(line, "a second checkpoint in this step: a step has at most one");
                } else if let Some((check, formulas)) = check {
                    step.formulas += formulas;
                    step.check = Some(check);
                }
            }
            _ => {
                let step = steps.last_mut().expect("steps is not empty here");
                if step.check.is_some() {
                    r.err(line, "text after the checkpoint: the page shows a checkpoint below its step's text; move this above it, or into the explanation (inside the quote)");
                }
                *written.last_mut().expect("a step") += 1;
                let mut body = std::mem::take(&mut step.body);
                let n = r.rich(block, &mut body);
                let step = steps.last_mut().expect("steps is not empty here");
                step.body = body;
                step.formulas += n;
            }
        }
    }
    let (title, title_line) = match title {
        Some(t) => t,
        None => {
            r.err(1, "no lesson title: the file starts with `# Title`");
            (String::new(), 1)
        }
    };
    if steps.is_empty() {
        r.err(title_line, "no steps: each step starts with `## Step title`");
    }
    for (s, &blocks) in steps.iter().zip(&written) {
        if s.title.is_empty() {
            r.err(s.line, "a step without a title: write it after `## `");
        }
        if blocks == 0 {
            r.err(s.line, format!("the step \"{}\" has no text", s.title));
        }
    }
    let lesson = LessonText { path: path.to_string(), title, title_line, summary, steps };
    r.problems.or(lesson)
}

/// The top-level blocks of `events`: each from a `Start` to its `End`, or one event alone.
fn blocks<'e, 'a>(events: &'e [Ev<'a>]) -> Vec<&'e [Ev<'a>]> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            out.push(&events[start..=i]);
            start = i + 1;
        }
    }
    out
}

/// A block without its `Start` and `End`.
fn inner<'e, 'a>(block: &'e [Ev<'a>]) -> &'e [Ev<'a>] {
    if block.len() >= 2 {
        &block[1..block.len() - 1]
    } else {
        &[]
    }
}

/// An HTML block of comments only (`<!-- a note for translators -->`).
fn is_comment(block: &[Ev]) -> bool {
    inner(block).iter().all(|(e, _)| match e {
        Event::Html(h) => {
            tokenize(h, &|_| true).is_ok_and(|t| t.iter().all(|t| matches!(t, Token::Comment) || blank(t)))
        }
        _ => false,
    })
}

fn blank(t: &Token) -> bool {
    matches!(t, Token::Text(s) if s.trim().is_empty())
}

/// The text at the start of a block's first paragraph.
fn leading_text(block: &[Ev]) -> String {
    let mut s = String::new();
    for (e, _) in block.iter().skip(1) {
        match e {
            Event::Start(Tag::Paragraph) => {}
            Event::Text(t) => s.push_str(t),
            _ => break,
        }
    }
    s
}

/// A quote that starts with `[!predict]`.
fn is_checkpoint(quote: &[Ev]) -> bool {
    leading_text(quote).trim_start().starts_with(CHECKPOINT)
}

struct Reader<'p> {
    path: &'p str,
    source: &'p str,
    lines: Lines,
    problems: Problems,
    /// The language of the scene table's messages.
    lang: Lang,
}

impl Reader<'_> {
    fn at(&self, range: &Range<usize>) -> usize {
        self.lines.at(range.start)
    }

    fn err(&mut self, line: usize, message: impl Into<String>) {
        self.problems.add(self.path, line, message);
    }

    /// Text that holds a `$` the source did not escape: a formula that did not parse as one
    /// (pulldown-cmark leaves `$\frac{a$`, with its braces unbalanced, as text). Once per block.
    fn stray_dollar(&mut self, t: &str, range: &Range<usize>, told: &mut bool) {
        if *told || !t.contains('$') {
            return;
        }
        let src = self.source.as_bytes();
        let unescaped =
            (range.start..range.end.min(src.len())).any(|i| src[i] == b'$' && (i == 0 || src[i - 1] != b'\\'));
        if unescaped {
            *told = true;
            let line = self.at(range);
            self.err(line, "TeX does not parse: this `$` opens a formula that does not close (do its braces { } balance?); write \\$ for a dollar sign");
        }
    }

    /// Text shown as plain text (titles, the summary, questions, choices): no markup in it.
    fn plain(&mut self, events: &[Ev], what: &str) -> String {
        let mut s = String::new();
        let mut refused = false;
        let mut told = false;
        for (e, range) in events {
            match e {
                Event::Text(t) => {
                    self.stray_dollar(t, range, &mut told);
                    s.push_str(t);
                }
                Event::SoftBreak | Event::HardBreak => s.push(' '),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => s.push(' '),
                Event::InlineHtml(h) if h.starts_with("<!--") => {}
                _ if !refused => {
                    refused = true;
                    let line = self.at(range);
                    self.err(line, format!("{what} is plain text: no emphasis, `code`, $formulas$, links or HTML"));
                }
                _ => {}
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Writes one block of lesson text as the page's HTML; returns the number of formulas in it.
    fn rich(&mut self, block: &[Ev], out: &mut String) -> usize {
        // A paragraph that only holds display math is the formula alone, as a block.
        if matches!(block[0].0, Event::Start(Tag::Paragraph)) {
            let body = inner(block);
            let lone = body.iter().all(|(e, _)| match e {
                Event::DisplayMath(_) | Event::SoftBreak => true,
                Event::Text(t) => t.trim().is_empty(),
                _ => false,
            });
            if lone && body.iter().any(|(e, _)| matches!(e, Event::DisplayMath(_))) {
                let mut n = 0;
                for (e, range) in body {
                    if let Event::DisplayMath(tex) = e {
                        self.math(tex, true, range, out);
                        n += 1;
                    }
                }
                return n;
            }
        }
        let mut formulas = 0;
        let mut told = false;
        let mut open: Vec<String> = Vec::new(); // raw HTML tags still open
        for (e, range) in block {
            let line = self.at(range);
            match e {
                Event::Start(tag) => match tag {
                    Tag::Paragraph => out.push_str("<p>"),
                    Tag::Emphasis => out.push_str("<em>"),
                    Tag::Strong => out.push_str("<strong>"),
                    Tag::List(None) => out.push_str("<ul>"),
                    Tag::List(Some(1)) => out.push_str("<ol>"),
                    Tag::List(Some(n)) => {
                        self.err(line, format!("a numbered list starting at {n}: lists in lesson text start at 1"))
                    }
                    Tag::Item => out.push_str("<li>"),
                    Tag::HtmlBlock => {}
                    Tag::Link { .. } => self.err(line, "a link: lesson text has no links"),
                    Tag::Image { .. } => self.err(line, "an image: lesson text has no images"),
                    Tag::CodeBlock(_) => self.err(
                        line,
                        "a code block: lesson text has `code` inline only (a ```scene block belongs right under a step's title)",
                    ),
                    Tag::BlockQuote(_) => {
                        self.err(line, "a quote (>): lesson text has none, except a checkpoint, `> [!predict] …`")
                    }
                    Tag::Heading { .. } => self.err(line, "a heading inside other text"),
                    other => self.err(line, format!("{other:?} is not lesson text")),
                },
                Event::End(tag) => match tag {
                    TagEnd::Paragraph => out.push_str("</p>"),
                    TagEnd::Emphasis => out.push_str("</em>"),
                    TagEnd::Strong => out.push_str("</strong>"),
                    TagEnd::List(false) => out.push_str("</ul>"),
                    TagEnd::List(true) => out.push_str("</ol>"),
                    TagEnd::Item => out.push_str("</li>"),
                    _ => {}
                },
                Event::Text(t) => {
                    self.stray_dollar(t, range, &mut told);
                    escape(t, out);
                }
                Event::Code(t) => {
                    out.push_str("<code>");
                    escape(t, out);
                    out.push_str("</code>");
                }
                Event::SoftBreak => out.push('\n'),
                Event::HardBreak => out.push_str("<br>"),
                Event::InlineMath(tex) => {
                    self.math(tex, false, range, out);
                    formulas += 1;
                }
                Event::DisplayMath(tex) => {
                    self.math(tex, true, range, out);
                    formulas += 1;
                }
                Event::Html(h) | Event::InlineHtml(h) => self.raw_html(h, line, out, &mut open),
                Event::TaskListMarker(_) => {
                    self.err(line, "a choice box ([ ] or [x]) outside a checkpoint: choices belong in `> [!predict] …`")
                }
                Event::Rule => self.err(line, "a horizontal rule (---): lesson text has none; a new step starts with `## Title`"),
                other => self.err(line, format!("{other:?} is not lesson text")),
            }
        }
        if let Some(tag) = open.last() {
            let line = self.at(&block[0].1);
            self.err(line, format!("<{tag}> is not closed with </{tag}> in this paragraph"));
        }
        formulas
    }

    /// An author's raw HTML: only the allow-list's tags, without attributes; comments are dropped.
    fn raw_html(&mut self, html: &str, line: usize, out: &mut String, open: &mut Vec<String>) {
        let list = allow();
        let tokens = match tokenize(html, &|_| true) {
            Ok(t) => t,
            Err(why) => return self.err(line, why),
        };
        for t in tokens {
            match t {
                Token::Comment => {}
                Token::Text(s) => escape(&s, out),
                Token::Open { name, .. } | Token::Close(name) if list.math(&name) => {
                    return self.err(
                        line,
                        format!("<{name}>: write formulas in TeX, between $…$ (inline) or $$…$$ (display)"),
                    );
                }
                Token::Open { name, .. } | Token::Close(name) if !list.html(&name) => {
                    return self.err(
                        line,
                        format!("<{name}> is not allowed in lesson text; HTML tags it may use: {}", list.html_tags()),
                    );
                }
                Token::Open { name, attrs, closed } => {
                    if !attrs.is_empty() {
                        self.err(line, format!("<{name} {}…>: tags in lesson text take no attributes", attrs[0].0));
                    }
                    out.push_str(&format!("<{name}>"));
                    if name != "br" && !closed {
                        open.push(name);
                    }
                }
                Token::Close(name) => {
                    if name == "br" {
                        continue;
                    }
                    if open.last() != Some(&name) {
                        return self.err(line, format!("</{name}> closes a tag that is not open"));
                    }
                    open.pop();
                    out.push_str(&format!("</{name}>"));
                }
            }
        }
    }

    /// A formula as MathML, or the reason it cannot be one.
    fn math(&mut self, tex: &str, display: bool, range: &Range<usize>, out: &mut String) {
        match to_mathml(tex, display) {
            Ok(m) => out.push_str(&m),
            Err(e) => {
                let line = self.at(range) + e.line;
                self.err(line, e.message);
            }
        }
    }

    /// A ```scene block: the step's preset, checked by the core's scene table.
    fn scene(&mut self, block: &[Ev]) -> Option<SceneText> {
        let first = self.at(&block[0].1) + 1;
        let text: String =
            inner(block).iter().filter_map(|(e, _)| if let Event::Text(t) = e { Some(&**t) } else { None }).collect();
        let lines: Vec<&str> = text.lines().collect();
        let line_of = |key: &str| {
            let at = lines.iter().position(|l| l.split(['&', '?']).any(|p| p.trim().split('=').next() == Some(key)));
            first + at.unwrap_or(0)
        };
        let parts: Vec<&str> =
            lines.iter().map(|l| l.trim().trim_start_matches('?')).filter(|l| !l.is_empty()).collect();
        let query = parts.join("&");
        if query.is_empty() {
            self.err(first - 1, "an empty scene: write the step's scene as `key=value&…`, as in a link");
            return None;
        }
        for pair in query.split('&') {
            let key = pair.split('=').next().unwrap_or("");
            if PAGE_KEYS.contains(&key) {
                self.err(line_of(key), format!("a step's scene cannot set `{key}`: the page sets it from the address"));
                return None;
            }
        }
        match Scene::parse(&query) {
            Ok(scene) => Some(SceneText { query, scene, line: first }),
            Err(e) => {
                self.err(line_of(&e.key), e.message(self.lang));
                None
            }
        }
    }

    /// A `> [!predict]` quote: question, choices (one marked `[x]`), explanation. Also returns the
    /// number of formulas in the explanation.
    fn checkpoint(&mut self, quote: &[Ev]) -> Option<(CheckText, usize)> {
        let line = self.at(&quote[0].1);
        let mut parts = blocks(inner(quote)).into_iter().peekable();
        let marker = parts.next()?;
        let text = self.plain(inner(marker), "A checkpoint's question");
        let mut question = text.strip_prefix(CHECKPOINT).unwrap_or(&text).trim().to_string();
        if question.is_empty() {
            if let Some(p) = parts.next_if(|b| matches!(b[0].0, Event::Start(Tag::Paragraph))) {
                question = self.plain(inner(p), "A checkpoint's question");
            }
        }
        if question.is_empty() {
            self.err(line, "a checkpoint without a question: write it after `[!predict]`");
        }
        let Some(list) = parts.next_if(|b| matches!(b[0].0, Event::Start(Tag::List(_)))) else {
            let at = parts.peek().map(|b| self.at(&b[0].1)).unwrap_or(line);
            self.err(at, "a checkpoint's choices come right after its question, as a list: `- [ ] a wrong one`, `- [x] the right one`");
            return None;
        };
        let mut choices = Vec::new();
        let mut answers = Vec::new();
        for item in blocks(inner(list)) {
            let item_line = self.at(&item[0].1);
            let body = inner(item);
            let Some(mark) = body.iter().position(|(e, _)| matches!(e, Event::TaskListMarker(_))) else {
                self.err(item_line, "a choice without its box: write `- [ ] a wrong one` or `- [x] the right one`");
                choices.push(self.plain(body, "A choice"));
                continue;
            };
            if let Event::TaskListMarker(true) = body[mark].0 {
                answers.push(choices.len());
            }
            let rest: Vec<Ev> = body.iter().enumerate().filter(|&(i, _)| i != mark).map(|(_, e)| e.clone()).collect();
            choices.push(self.plain(&rest, "A choice"));
        }
        if choices.len() < 2 {
            self.err(line, "a checkpoint needs at least two choices");
        }
        let answer = match answers[..] {
            [a] => a,
            [] => {
                self.err(line, "a checkpoint without an answer: mark the right choice `- [x]`");
                0
            }
            _ => {
                self.err(line, "more than one choice is marked [x]: a checkpoint has one answer");
                answers[0]
            }
        };
        let mut explain = String::new();
        let mut formulas = 0;
        for b in parts {
            formulas += self.rich(b, &mut explain);
        }
        if explain.is_empty() {
            self.err(line, "a checkpoint without an explanation: after the choices, still inside the quote, write what the learner should see");
        }
        Some((CheckText { line, question, choices, answer, explain }, formulas))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENE_BLOCK: &str = "```scene\nsurface=bowl&opt=gd\n```";

    /// A lesson file around one step's text.
    fn file(step: &str) -> String {
        format!("# A lesson\n\nIts summary.\n\n## First step\n\n{SCENE_BLOCK}\n\n{step}\n")
    }
    fn ok(text: &str) -> LessonText {
        parse("x/en.md", text).unwrap_or_else(|p| panic!("{p}"))
    }
    /// The problems, as `line: message`.
    fn problems(text: &str) -> Vec<String> {
        match parse("x/en.md", text) {
            Ok(_) => panic!("no problem found in:\n{text}"),
            Err(p) => p.0.iter().map(|p| format!("{}: {}", p.line, p.message)).collect(),
        }
    }
    fn one_problem(text: &str) -> (usize, String) {
        let p = problems(text);
        assert_eq!(p.len(), 1, "{p:?}");
        let (line, msg) = p[0].split_once(": ").unwrap();
        (line.parse().unwrap(), msg.to_string())
    }

    #[test]
    fn a_lesson_with_steps_text_formulas_and_a_checkpoint() {
        let l = ok(concat!(
            "# Momentum\n\nAverage the gradients.\n\n",
            "## A zigzag\n\n```scene\nsurface=ravine&cond=100\nopt=gd&lr=0.18\n```\n\n",
            "The path **zigzags**, with $V_{dW}$ and `lr=0.3` & <mark>this</mark>:\n\n",
            "$$\nV_t = \\beta V_{t-1}\n$$\n\nMore.<!-- a note -->\n\n- one\n- two\n\n",
            "## Averages\n\n<!-- for translators -->\n\nText.\n\n",
            "> [!predict]\n> What is the average of db?\n>\n> - [ ] Large\n> - [x] Close to 0\n>\n> Close to 0: $x$ cancels.\n"
        ));
        assert_eq!((l.title.as_str(), l.summary.as_deref()), ("Momentum", Some("Average the gradients.")));
        assert_eq!(l.steps.len(), 2);
        let s = &l.steps[0];
        assert_eq!((s.line, s.title.as_str()), (5, "A zigzag"));
        let scene = s.scene.as_ref().unwrap();
        assert_eq!((scene.query.as_str(), scene.line), ("surface=ravine&cond=100&opt=gd&lr=0.18", 8));
        assert!(
            s.body.starts_with("<p>The path <strong>zigzags</strong>, with <math display=\"inline\"><msub>"),
            "{}",
            s.body
        );
        assert!(
            s.body.contains("and <code>lr=0.3</code> &amp; <mark>this</mark>:</p><math display=\"block\">"),
            "{}",
            s.body
        );
        assert!(s.body.ends_with("</math><p>More.</p><ul><li>one</li><li>two</li></ul>"), "{}", s.body);
        assert_eq!(s.formulas, 2);
        let s = &l.steps[1];
        assert_eq!((s.body.as_str(), s.formulas), ("<p>Text.</p>", 1));
        let c = s.check.as_ref().unwrap();
        assert_eq!(c.question, "What is the average of db?");
        assert_eq!((c.choices.clone(), c.answer), (vec!["Large".to_string(), "Close to 0".to_string()], 1));
        assert!(c.explain.starts_with("<p>Close to 0: <math"), "{}", c.explain);
    }

    #[test]
    fn the_question_may_share_the_markers_line_and_the_scene_is_optional_in_a_file() {
        let l =
            ok("# T\n\nS.\n\n## One\n\nText.\n\n> [!predict] Which?\n>\n> - [x] This\n> - [ ] That\n>\n> Because.\n");
        let s = &l.steps[0];
        assert!(s.scene.is_none());
        assert_eq!(s.check.as_ref().unwrap().question, "Which?");
    }

    #[test]
    fn a_bad_scene_key_or_value_names_its_line() {
        let (line, msg) = one_problem("# T\n\nS.\n\n## One\n\n```scene\nsurface=bowl\ncnod=100\n```\n\nText.\n");
        assert_eq!(line, 9);
        assert!(msg.starts_with("Unknown scene key \"cnod\""), "{msg}");
        let (line, msg) = one_problem(&file("Text.").replace("opt=gd", "opt=gd&lr=500"));
        assert_eq!(line, 8);
        assert!(msg.contains("\"lr\": \"500\" is not accepted"), "{msg}");
        let (_, msg) = one_problem(&file("Text.").replace("opt=gd", "opt=gd&lesson=cost"));
        assert!(msg.contains("cannot set `lesson`"), "{msg}");
        let (line, msg) = one_problem(&file("Text.").replace("surface=bowl&opt=gd", ""));
        assert_eq!(line, 7);
        assert!(msg.contains("an empty scene"), "{msg}");
    }

    #[test]
    fn broken_tex_names_its_line_inside_display_math() {
        let (line, msg) = one_problem(&file("Before.\n\n$$\nx + y\n\\frac{a}{b} + \\foo\n$$"));
        assert_eq!(line, 15);
        assert!(msg.starts_with("TeX does not parse: unknown primitive command"), "{msg}");
        // Unbalanced braces keep Markdown from seeing a formula at all.
        let (line, msg) = one_problem(&file("Before.\n\n$$\nx + y\n\\frac{a\n$$"));
        assert_eq!(line, 13);
        assert!(msg.starts_with("TeX does not parse: this `$` opens a formula that does not close"), "{msg}");
        assert!(ok(&file("It costs \\$5, or $x$.")).steps[0].body.starts_with("<p>It costs $5, or <math"));
        let (line, msg) = one_problem(&file("Inline $\\notacommand$ here."));
        assert_eq!(line, 11);
        assert!(msg.contains("TeX does not parse"), "{msg}");
        let (_, msg) = one_problem(&file("A $\\color{red} x$."));
        assert!(msg.contains("sets a style"), "{msg}");
    }

    #[test]
    fn checkpoints_need_an_answer_two_choices_and_an_explanation() {
        let check = |body: &str| file(&format!("Text.\n\n> [!predict] Which?\n>\n{body}"));
        let (line, msg) = one_problem(&check("> - [ ] A\n> - [ ] B\n>\n> Why.\n"));
        assert_eq!(line, 13);
        assert!(msg.contains("without an answer"), "{msg}");
        assert!(one_problem(&check("> - [x] A\n> - [x] B\n>\n> Why.\n")).1.contains("more than one"));
        assert!(one_problem(&check("> - [x] A\n>\n> Why.\n")).1.contains("at least two choices"));
        assert!(one_problem(&check("> - [x] A\n> - [ ] B\n")).1.contains("without an explanation"));
        assert!(one_problem(&check("> - [x] A\n> - B\n>\n> Why.\n")).1.contains("without its box"));
        assert!(one_problem(&check("> Why first.\n>\n> - [x] A\n> - [ ] B\n")).1.contains("choices come right after"));
        let (line, msg) = one_problem(&format!("{}\nMore text.\n", check("> - [x] A\n> - [ ] B\n>\n> Why.\n")));
        assert_eq!(line, 21);
        assert!(msg.contains("text after the checkpoint"), "{msg}");
        let empty = file("Text.\n\n> [!predict]\n>\n> - [x] A\n> - [ ] B\n>\n> Why.\n");
        assert!(one_problem(&empty).1.contains("without a question"));
    }

    #[test]
    fn raw_html_outside_the_allow_list_is_refused() {
        for (html, why) in [
            ("<div>x</div>", "<div> is not allowed"),
            ("a <span>b</span>", "<span> is not allowed"),
            ("a <mark class=\"x\">b</mark>", "take no attributes"),
            ("a <script>alert(1)</script>", "<script> is not allowed"),
            ("<img src=x onerror=alert(1)>", "<img> is not allowed"),
            ("a <math><mi>x</mi></math>", "write formulas in TeX"),
            ("a <mark>b", "<mark> is not closed"),
            ("a </em> b", "not open"),
        ] {
            let p = problems(&file(html));
            assert!(p.iter().all(|p| p.starts_with("11: ") && p.contains(why)), "{html}: {p:?}");
        }
        let l = ok(&file("a <sub>2</sub><br>b <!-- c --> &lt;d&gt;"));
        assert_eq!(l.steps[0].body, "<p>a <sub>2</sub><br>b  &lt;d&gt;</p>");
    }

    #[test]
    fn markdown_the_page_cannot_show_is_refused() {
        for (md, why) in [
            ("[a link](https://example.org)", "a link"),
            ("![an image](x.png)", "an image"),
            ("```\ncode\n```", "a code block"),
            ("### A sub-heading", "level 3"),
            ("> A quote.", "a quote"),
            ("Text.\n\n---\n\nMore.", "horizontal rule"),
            ("- [x] a task", "outside a checkpoint"),
            ("3. a list from three", "starting at 3"),
        ] {
            let p = problems(&file(md));
            assert!(p.iter().any(|p| p.contains(why)), "{md}: {p:?}");
        }
    }

    #[test]
    fn titles_summaries_questions_and_choices_are_plain_text() {
        let p = problems("# The *lesson*\n\nA `summary`.\n\n## Step $x$\n\n```scene\nsurface=bowl\n```\n\nText.\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("1: The lesson title is plain text"), "{p:?}");
        assert!(p[1].starts_with("3: The summary is plain text"), "{p:?}");
        assert!(p[2].starts_with("5: A step title is plain text"), "{p:?}");
        let l = ok("# A \\*starred\\* title\n\nSummary with < and &.\n\n## One\n\nText.\n");
        assert_eq!((l.title.as_str(), l.summary.unwrap().as_str()), ("A *starred* title", "Summary with < and &."));
    }

    #[test]
    fn structure_mistakes() {
        assert!(problems("Text first.\n\n# T\n")[0].contains("text before the first step"));
        assert!(problems("## Step\n\nText.\n")[0].contains("starts with the lesson's title"));
        assert!(problems("# T\n\nS.\n")[0].contains("no steps"));
        assert!(problems("# T\n\nS.\n\n## One\n\n```scene\nsurface=bowl\n```\n")[0].contains("has no text"));
        assert!(problems(&file("Text.\n\n# Another title"))[0].contains("a second `# title`"));
        assert!(problems(&file(&format!("Text.\n\n{SCENE_BLOCK}")))[0].contains("a second scene"));
        assert!(problems("")[0].contains("no lesson title"));
    }
}
