//! Why a typed formula cannot be used, in every language the page speaks.
//!
//! The parser (`formula.rs`, behind the `formula` feature) and the session (a formula with no value
//! at its start) give a [`FormulaError`]; the page shows [`FormulaError::message`] in its own
//! language inside the scene's message. Positions count characters from 1.

use crate::scene::Lang;

/// What is wrong with a formula, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormulaError {
    /// Longer than this many characters.
    TooLong {
        max: usize,
    },
    /// A character no formula contains (`shown`: the character, or `U+XXXX` for an invisible one).
    NotAllowed {
        shown: String,
        pos: usize,
    },
    Empty,
    /// Digits and points that do not make a number (`1.2.3`); `pos` where the tokenizer knows it.
    NotANumber {
        text: String,
        pos: Option<usize>,
    },
    /// A name that is not w, b, a function or a constant; `hint` = (function, rest) for `sinw`.
    UnknownName {
        name: String,
        pos: usize,
        hint: Option<(String, String)>,
    },
    /// Parentheses nested deeper than `max`.
    TooDeep {
        max: usize,
        pos: usize,
    },
    /// A `)` with no `(` before it.
    UnopenedClose {
        pos: usize,
    },
    /// A two-argument function given one argument, its `)` at `pos`.
    OneArgument {
        function: String,
        pos: usize,
    },
    /// A third argument to a two-argument function.
    ThirdArgument {
        function: String,
        pos: usize,
    },
    /// A comma outside atan2, min and max.
    StrayComma {
        pos: usize,
    },
    /// Two operands side by side (`2w`).
    MissingOperator {
        left: String,
        right: String,
        pos: usize,
    },
    /// A function without its argument (`sin`, `sin + w`).
    NoArgument {
        function: String,
        pos: usize,
    },
    /// The formula ends with an operator.
    EndsWith {
        op: char,
    },
    /// An operator followed by what cannot follow it (`w * )`).
    FollowedBy {
        op: char,
        next: String,
        pos: usize,
    },
    EmptyParentheses {
        pos: usize,
    },
    /// atan2, min or max without `(`.
    ArgumentsInParentheses {
        function: String,
        pos: usize,
    },
    MissingBeforeComma {
        pos: usize,
    },
    MissingAfterComma {
        pos: usize,
    },
    /// `*`, `/` or `^` with nothing on its left.
    NothingOnLeft {
        op: char,
        pos: usize,
    },
    /// This many parentheses left open.
    Unclosed {
        count: usize,
    },
    /// `-w^2`, which reads two ways.
    MinusBeforePower {
        pos: usize,
    },
    /// The parser stopped at `pos` (`None`: at the end, the formula ends too soon).
    Unreadable {
        pos: Option<usize>,
    },
    /// The parser read a whole formula and found more from `pos` on.
    UnreadableFrom {
        pos: usize,
    },
    /// The formula uses b, but the domain is 1-D.
    BOnOneDimension,
    /// The domain has neither two numbers nor four.
    DomainCount,
    /// A domain range that is not finite with lo < hi.
    DomainRanges,
    /// No finite value at the start point (`at`: "w = …, b = …").
    UndefinedAtStart {
        at: String,
    },
    /// A page module built without the parser.
    NeedsPlayground,
}

impl FormulaError {
    /// The reason, as a clause for the scene's message: "unknown variable "x" at character 1; …".
    pub fn message(&self, lang: Lang) -> String {
        use FormulaError::*;
        let ko = lang == Lang::Ko;
        let pick = |en: String, k: String| if ko { k } else { en };
        match self {
            TooLong { max } => pick(format!("the formula is longer than {max} characters"), format!("수식이 {max}자보다 길어요")),
            NotAllowed { shown, pos } => pick(
                format!("\"{shown}\" at character {pos} is not allowed; use numbers, w, b, + - * / ^, parentheses and functions such as sin, exp, ln, sqrt"),
                format!("{pos}번째 글자 \"{shown}\"은(는) 수식에 쓸 수 없는 문자예요. 수, w, b, + - * / ^, 괄호, 그리고 sin, exp, ln, sqrt 같은 함수를 쓰세요"),
            ),
            Empty => pick(
                "the formula is empty; type one in w (and b), e.g. w^2 + b^2".into(),
                "수식이 비어 있어요. w(와 b)의 식을 쓰세요. 예: w^2 + b^2".into(),
            ),
            NotANumber { text, pos: Some(pos) } => {
                pick(format!("\"{text}\" at character {pos} is not a number"), format!("{pos}번째 글자의 \"{text}\"은(는) 수가 아니에요"))
            }
            NotANumber { text, pos: None } => pick(format!("\"{text}\" is not a number"), format!("\"{text}\"은(는) 수가 아니에요")),
            UnknownName { name, pos, hint } => {
                let (hint_en, hint_ko) = match hint {
                    Some((f, rest)) => (format!(" (did you mean {f}({rest})?)"), format!(" ({f}({rest})을(를) 쓰려고 했나요?)")),
                    None => (String::new(), String::new()),
                };
                pick(
                    format!("unknown variable \"{name}\" at character {pos}; use w, and b for a 2-D cost{hint_en}"),
                    format!("{pos}번째 글자의 \"{name}\"은(는) 알 수 없는 변수예요. w를 쓰고, 2차원 비용이면 b도 쓰세요{hint_ko}"),
                )
            }
            TooDeep { max, pos } => pick(
                format!("parentheses nest more than {max} deep at character {pos}"),
                format!("{pos}번째 글자에서 괄호가 {max}겹보다 깊게 겹쳐요"),
            ),
            UnopenedClose { pos } => pick(
                format!("\")\" at character {pos} closes a parenthesis that was never opened"),
                format!("{pos}번째 글자의 \")\"가 열린 적 없는 괄호를 닫아요"),
            ),
            OneArgument { function: f, pos } => pick(
                format!("{f}(…) ending at character {pos} has one argument; it needs two, e.g. {f}(w, b)"),
                format!("{pos}번째 글자에서 끝나는 {f}(…)에 인자가 하나뿐이에요. 인자가 둘 있어야 해요. 예: {f}(w, b)"),
            ),
            ThirdArgument { function: f, pos } => pick(
                format!("{f} takes two arguments; the comma at character {pos} starts a third"),
                format!("{f}은(는) 인자를 둘 받는데, {pos}번째 글자의 쉼표가 세 번째 인자를 시작해요"),
            ),
            StrayComma { pos } => pick(
                format!("the comma at character {pos} is not inside atan2(y, x), min(a, b) or max(a, b), the only functions of two arguments"),
                format!("{pos}번째 글자의 쉼표가 atan2(y, x), min(a, b), max(a, b) 안에 있지 않아요. 인자를 둘 받는 함수는 이 셋뿐이에요"),
            ),
            MissingOperator { left, right, pos } => pick(
                format!("an operator is missing between \"{left}\" and \"{right}\" at character {pos} (write 2*w, not 2w)"),
                format!("{pos}번째 글자에서 \"{left}\"와(과) \"{right}\" 사이에 연산자가 빠졌어요 (2w가 아니라 2*w로 쓰세요)"),
            ),
            NoArgument { function: f, pos } => pick(
                format!("the function \"{f}\" at character {pos} needs an argument, e.g. {f}(w)"),
                format!("{pos}번째 글자의 함수 \"{f}\"에 인자가 있어야 해요. 예: {f}(w)"),
            ),
            EndsWith { op } => pick(
                format!("the formula ends with \"{op}\"; something must follow it"),
                format!("수식이 \"{op}\"(으)로 끝나요. 그 뒤에 무언가 와야 해요"),
            ),
            FollowedBy { op, next, pos } => pick(
                format!("\"{op}\" at character {pos} is followed by \"{next}\"; a number, w, b or ( must come after it"),
                format!("{pos}번째 글자의 \"{op}\" 뒤에 \"{next}\"이(가) 왔어요. 그 자리에는 수, w, b, ( 중 하나가 와야 해요"),
            ),
            EmptyParentheses { pos } => pick(format!("empty parentheses at character {pos}"), format!("{pos}번째 글자의 괄호가 비어 있어요")),
            ArgumentsInParentheses { function: f, pos } => pick(
                format!("{f} at character {pos} needs its two arguments in parentheses, e.g. {f}(w, b)"),
                format!("{pos}번째 글자의 {f}에는 두 인자를 괄호 안에 써야 해요. 예: {f}(w, b)"),
            ),
            MissingBeforeComma { pos } => pick(
                format!("an argument is missing before the comma at character {pos}"),
                format!("{pos}번째 글자의 쉼표 앞에 인자가 빠졌어요"),
            ),
            MissingAfterComma { pos } => pick(
                format!("an argument is missing after the comma at character {pos}"),
                format!("{pos}번째 글자의 쉼표 뒤에 인자가 빠졌어요"),
            ),
            NothingOnLeft { op, pos } => pick(
                format!("\"{op}\" at character {pos} has nothing on its left"),
                format!("{pos}번째 글자의 \"{op}\" 왼쪽에 아무것도 없어요"),
            ),
            Unclosed { count } => pick(
                format!("{count} parenthes{} opened but not closed", if *count == 1 { "is" } else { "es" }),
                format!("괄호 {count}개가 열린 채 닫히지 않았어요"),
            ),
            MinusBeforePower { pos } => pick(
                format!("the minus at character {pos} comes right before a power, which can be read two ways; write -(w^2) or (-w)^2"),
                format!("{pos}번째 글자의 빼기 부호가 거듭제곱 바로 앞에 있어서 두 가지로 읽혀요. -(w^2)나 (-w)^2로 쓰세요"),
            ),
            Unreadable { pos: Some(pos) } => {
                pick(format!("cannot read it at character {pos}"), format!("{pos}번째 글자에서 수식을 읽을 수 없어요"))
            }
            Unreadable { pos: None } => pick(
                "cannot read it: the formula ends too soon".into(),
                "수식이 너무 일찍 끝나서 읽을 수 없어요".into(),
            ),
            UnreadableFrom { pos } => {
                pick(format!("cannot read it from character {pos} on"), format!("{pos}번째 글자부터는 수식을 읽을 수 없어요"))
            }
            BOnOneDimension => pick(
                "it uses b, but the domain has only two numbers (the range of w)".into(),
                "b를 쓰는데 domain에는 수가 두 개(w의 범위)뿐이에요".into(),
            ),
            DomainCount => pick(
                "the domain needs two numbers (1-D) or four (2-D)".into(),
                "domain에는 수가 두 개(1차원)나 네 개(2차원) 있어야 해요".into(),
            ),
            DomainRanges => pick(
                "the domain's ranges need finite numbers with lo < hi".into(),
                "domain의 범위는 lo < hi인 유한한 수여야 해요".into(),
            ),
            UndefinedAtStart { at } => pick(
                format!("it has no finite value at the start point {at}; choose a start where it is defined (or another domain)"),
                format!("출발점 {at}에서 값이 유한하지 않아요. 수식이 정의되는 출발점(이나 다른 domain)을 고르세요"),
            ),
            NeedsPlayground => pick(
                "typed formulas need the playground module".into(),
                "직접 쓴 수식은 놀이터 모듈이 있어야 계산할 수 있어요".into(),
            ),
        }
    }
}

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FormulaError {}
