//! A learner's own data: an incremental CSV reader (RFC 4180), each column's inferred type, and
//! the data set made from the columns the learner picks (standardized features, the label's task).
//!
//! The page feeds the file's bytes in slices ([`Reader::feed`]), so a large file is read without
//! a long task; [`Reader::finish`] ends it. What is read: comma, semicolon or tab separators (the
//! header line's, outside quotes, decides: the first of `,` `;` tab it holds); quoted fields with
//! separators, doubled quotes and line breaks inside; CRLF, LF or CR line ends; a UTF-8 byte-order
//! mark; decimal commas (`3,5`) in files separated by semicolons or tabs; blank lines (skipped).
//! What is refused, each with the row and column: a row with more or fewer fields than the header,
//! a stray quote after a closing one, a quote left open at the end, bytes that are not UTF-8 text
//! (a binary file renamed `.csv`, UTF-16), a header alone, more than [`MAX_COLUMNS`] columns.
//! Rows past [`MAX_ROWS`] are not read (a note says so). Rows are counted as a spreadsheet does:
//! the header is row 1, the first data row row 2; a quoted line break stays within its row.

use crate::data::{Dataset, Task};
use crate::scene::Lang;

/// Data rows read at most; the rest of a longer file is left unread (with a note).
pub const MAX_ROWS: usize = 100_000;
/// Columns a file may have.
pub const MAX_COLUMNS: usize = 64;
/// Features a model may take (the scene's `start` holds one weight each, and the bias).
pub const MAX_FEATURES: usize = crate::scene::OWN_PARAMS - 1;
/// Data rows kept as text for the preview.
pub const PREVIEW_ROWS: usize = 8;

/// Why a file or a choice of columns cannot be used. Rows are the file's (the header is row 1);
/// columns are named by their header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    /// Nothing at all in the file.
    Empty,
    /// A header and no data rows.
    NoRows,
    /// Bytes that are not UTF-8 text (or a NUL / control byte) in this row: a binary file.
    Binary { row: usize },
    /// The file starts with a UTF-16 byte-order mark.
    Utf16,
    /// A row whose field count differs from the header's.
    Ragged { row: usize, found: usize, expected: usize },
    /// Something other than a separator or a line end right after a closing quote.
    StrayQuote { row: usize, column: String },
    /// A quoted field still open at the end of the file (it began in this row).
    OpenQuote { row: usize, column: String },
    /// More columns than [`MAX_COLUMNS`].
    TooManyColumns { found: usize },
    /// A cell of a chosen column that is not a number (`value` as written).
    NotNumber { row: usize, column: String, value: String },
    /// An empty cell in a chosen column.
    EmptyCell { row: usize, column: String },
    /// The label has one value only.
    SingleClass { column: String, value: String },
    /// A text label with more than two values (only a numeric label can be regressed on).
    ManyClasses { column: String },
    /// A feature whose every row holds the same number (its spread is 0: it cannot be standardized).
    ConstantFeature { column: String, value: String },
    /// No feature column was picked.
    NoFeatures,
    /// More features than [`MAX_FEATURES`].
    TooManyFeatures { found: usize },
    /// The label column is also among the features.
    LabelIsFeature { column: String },
    /// A column index past the last column.
    NoSuchColumn { index: usize },
}

/// Shortens a cell for a message (and shows invisible characters as U+FFFD).
fn cut(s: &str) -> String {
    let mut out: String =
        s.chars().take(40).map(|c| if crate::scene::is_invisible(c) { '\u{FFFD}' } else { c }).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl TableError {
    /// The message shown in the page, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use TableError::*;
        let ko = lang == Lang::Ko;
        match self {
            Empty if ko => "파일이 비어 있어요. 첫 행에 열 이름이, 그 아래에 데이터가 있는 CSV를 고르세요.".into(),
            Empty => "The file is empty. Pick a CSV file with column names in its first row and data below them.".into(),
            NoRows if ko => "열 이름(1행)만 있고 데이터 행이 없어요. 2행부터 데이터가 있어야 해요.".into(),
            NoRows => "The file has a header (row 1) but no data rows: data must start in row 2.".into(),
            Binary { row } if ko => format!(
                "{row}행: 텍스트가 아닌 바이트가 있어요. 이 파일은 CSV가 아니라 이진 파일인 것 같아요(이름만 .csv일 수 있어요). UTF-8 텍스트로 저장한 CSV를 고르세요."
            ),
            Binary { row } => format!(
                "Row {row}: bytes that are not text. This looks like a binary file, not CSV (perhaps renamed .csv). Pick a CSV saved as UTF-8 text."
            ),
            Utf16 if ko => "1행: 이 파일은 UTF-16으로 저장되어 있어요. 읽을 수 있는 건 UTF-8뿐이에요. UTF-8 CSV로 다시 저장하세요.".into(),
            Utf16 => "Row 1: this file is saved as UTF-16; only UTF-8 is read. Save it again as CSV UTF-8.".into(),
            Ragged { row, found, expected } if ko => format!(
                "{row}행: 칸이 {found}개인데 1행(열 이름)에는 {expected}개예요. 행마다 칸 수가 같아야 해요(쉼표가 든 값은 큰따옴표로 감싸세요)."
            ),
            Ragged { row, found, expected } => format!(
                "Row {row} has {found} fields but the header (row 1) has {expected}: every row needs the same number (a value with a comma in it must be in double quotes)."
            ),
            StrayQuote { row, column } if ko => format!(
                "{row}행, 열 \"{}\": 닫는 큰따옴표 뒤에 다른 글자가 있어요. 값 안의 큰따옴표는 \"\"처럼 두 번 쓰세요.",
                cut(column)
            ),
            StrayQuote { row, column } => format!(
                "Row {row}, column \"{}\": characters after a closing double quote. Inside a quoted value, write a quote twice (\"\").",
                cut(column)
            ),
            OpenQuote { row, column } if ko => format!(
                "{row}행, 열 \"{}\": 여기서 연 큰따옴표가 파일 끝까지 닫히지 않았어요.",
                cut(column)
            ),
            OpenQuote { row, column } => format!(
                "Row {row}, column \"{}\": a double quote opened here is never closed before the end of the file.",
                cut(column)
            ),
            TooManyColumns { found } if ko => {
                format!("1행: 열이 {found}개예요. 읽을 수 있는 열은 {MAX_COLUMNS}개까지예요.")
            }
            TooManyColumns { found } => format!("Row 1: {found} columns; at most {MAX_COLUMNS} are read."),
            NotNumber { row, column, value } if ko => format!(
                "{row}행, 열 \"{}\": \"{}\"은(는) 수가 아니에요. 특성 열은 모든 행이 수여야 해요(소수점은 점으로, 쉼표 소수점은 ; 구분 파일에서만 읽어요).",
                cut(column),
                cut(value)
            ),
            NotNumber { row, column, value } => format!(
                "Row {row}, column \"{}\": \"{}\" is not a number. A feature needs a number in every row (decimal point as \".\"; decimal commas are read only in files separated by \";\").",
                cut(column),
                cut(value)
            ),
            EmptyCell { row, column } if ko => {
                format!("{row}행, 열 \"{}\": 칸이 비어 있어요. 고른 열은 모든 행에 값이 있어야 해요.", cut(column))
            }
            EmptyCell { row, column } => {
                format!("Row {row}, column \"{}\" is empty: a chosen column needs a value in every row.", cut(column))
            }
            SingleClass { column, value } if ko => format!(
                "레이블 열 \"{}\"에는 값이 \"{}\" 하나뿐이에요. 배울 것이 없어요. 값이 두 가지이거나 수인 열을 고르세요.",
                cut(column),
                cut(value)
            ),
            SingleClass { column, value } => format!(
                "The label column \"{}\" holds one value only (\"{}\"): there is nothing to learn. Pick a column with two values, or numbers.",
                cut(column),
                cut(value)
            ),
            ManyClasses { column } if ko => format!(
                "레이블 열 \"{}\"은(는) 글자 값이 세 가지 이상이에요. 레이블은 수(선형 회귀)이거나 두 가지 값(로지스틱 회귀)이어야 해요.",
                cut(column)
            ),
            ManyClasses { column } => format!(
                "The label column \"{}\" holds text with more than two values: a label must be numbers (linear regression) or two values (logistic regression).",
                cut(column)
            ),
            ConstantFeature { column, value } if ko => format!(
                "특성 열 \"{}\"은(는) 모든 행이 {}이에요. 퍼짐이 0이라 표준화할 수 없고 배울 것도 없어요. 이 열은 빼세요.",
                cut(column),
                cut(value)
            ),
            ConstantFeature { column, value } => format!(
                "The feature column \"{}\" is {} in every row: its spread is 0, so it cannot be standardized and tells the model nothing. Leave it out.",
                cut(column),
                cut(value)
            ),
            NoFeatures if ko => "특성 열을 하나 이상 고르세요.".into(),
            NoFeatures => "Pick at least one feature column.".into(),
            TooManyFeatures { found } if ko => {
                format!("특성 열을 {found}개 골랐어요. {MAX_FEATURES}개까지 쓸 수 있어요.")
            }
            TooManyFeatures { found } => format!("{found} feature columns picked; at most {MAX_FEATURES} can be used."),
            LabelIsFeature { column } if ko => {
                format!("열 \"{}\"이(가) 레이블이면서 특성이에요. 레이블은 특성에서 빼세요.", cut(column))
            }
            LabelIsFeature { column } => {
                format!("Column \"{}\" is both the label and a feature: leave the label out of the features.", cut(column))
            }
            NoSuchColumn { index } if ko => format!("{}번째 열은 없어요.", index + 1),
            NoSuchColumn { index } => format!("There is no column {}.", index + 1),
        }
    }
}

/// What a column holds, inferred from every row read.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A number in every non-empty cell.
    Number,
    /// Text in every non-empty cell (or more text than numbers).
    Text,
    /// Numbers, and text in some rows (the first such row and its value).
    NumberWithText { row: usize, value: String },
    /// No value in any row.
    Empty,
}

impl Kind {
    /// The kind's name for the page: `number`, `text`, `mixed`, `empty`.
    pub fn key(&self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Text => "text",
            Kind::NumberWithText { .. } => "mixed",
            Kind::Empty => "empty",
        }
    }
}

/// Distinct values a column remembers (enough to tell one, two or more apart).
const LEVELS: usize = 3;

/// One column as read: a number per row (NaN where the cell is not one), and what else it holds.
#[derive(Clone, Debug, Default)]
pub struct Column {
    pub name: String,
    values: Vec<f64>,
    /// Per row: 0 for a number or an empty cell, else 1 + the index of its text in `levels`
    /// (255: a text beyond the remembered ones).
    codes: Vec<u8>,
    /// The first distinct texts, in the order met.
    levels: Vec<String>,
    /// The first distinct numbers, in the order met.
    numbers_seen: Vec<f64>,
    numbers: usize,
    texts: usize,
    first_text: Option<(usize, String)>,
    first_empty: Option<usize>,
}

impl Column {
    fn push(&mut self, cell: &str, row: usize, decimal_comma: bool) {
        let cell = cell.trim();
        if cell.is_empty() {
            self.values.push(f64::NAN);
            self.codes.push(0);
            self.first_empty.get_or_insert(row);
            return;
        }
        match parse_number(cell, decimal_comma) {
            Some(x) => {
                self.values.push(x);
                self.codes.push(0);
                self.numbers += 1;
                if self.numbers_seen.len() < LEVELS && !self.numbers_seen.contains(&x) {
                    self.numbers_seen.push(x);
                }
            }
            None => {
                self.values.push(f64::NAN);
                self.texts += 1;
                if self.first_text.is_none() {
                    self.first_text = Some((row, cell.to_string()));
                }
                let code = match self.levels.iter().position(|l| l == cell) {
                    Some(i) => i + 1,
                    None if self.levels.len() < LEVELS => {
                        self.levels.push(cell.to_string());
                        self.levels.len()
                    }
                    None => 255,
                };
                self.codes.push(code as u8);
            }
        }
    }

    /// The column's kind.
    pub fn kind(&self) -> Kind {
        match (self.numbers, self.texts, &self.first_text) {
            (0, 0, _) => Kind::Empty,
            (_, 0, _) => Kind::Number,
            (n, t, Some((row, value))) if n >= t => Kind::NumberWithText { row: *row, value: value.clone() },
            _ => Kind::Text,
        }
    }
    /// The first row with an empty cell, if any.
    pub fn first_empty(&self) -> Option<usize> {
        self.first_empty
    }
    /// How many distinct values, counted up to 3 (3 means "three or more").
    pub fn distinct(&self) -> usize {
        (self.levels.len() + self.numbers_seen.len()).min(LEVELS)
    }
}

/// A number as a CSV cell writes it: an optional sign, digits with one decimal point (or a
/// decimal comma where allowed), an optional exponent. Not `inf`, `NaN`, `1,000.5` or `0x10`.
pub fn parse_number(cell: &str, decimal_comma: bool) -> Option<f64> {
    if let Some(x) = plain_decimal(cell.as_bytes(), decimal_comma) {
        return Some(x);
    }
    let b = cell.as_bytes();
    let ok = b.iter().all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'e' | b'E' | b','))
        && b.iter().any(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    let x: f64 = if cell.contains(',') {
        if !decimal_comma || cell.contains('.') || cell.matches(',').count() > 1 {
            return None;
        }
        cell.replace(',', ".").parse().ok()?
    } else {
        cell.parse().ok()?
    };
    x.is_finite().then_some(x)
}

/// Powers of ten that are exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The common cell, `-12.375`, read fast: an optional sign, at most 15 digits with at most one
/// decimal mark, no exponent. Its digits m and decimals k give m / 10ᵏ, a quotient of two exact
/// f64s, so correctly rounded (Clinger's fast path): the same number `str::parse` gives.
/// `None` for anything else (the general reader then decides).
#[inline]
fn plain_decimal(b: &[u8], decimal_comma: bool) -> Option<f64> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let (mut m, mut count, mut frac, mut point) = (0u64, 0usize, 0usize, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + (c - b'0') as u64;
                count += 1;
                frac += point as usize;
            }
            b'.' if !point => point = true,
            b',' if !point && decimal_comma => point = true,
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    let x = m as f64 / POW10[frac];
    Some(if neg { -x } else { x })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside a field without quotes.
    Plain,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: a second quote, or the field's end.
    QuoteInQuoted,
}

/// The incremental reader: feed it bytes in slices of any size, then finish.
#[derive(Clone, Debug)]
pub struct Reader {
    state: State,
    /// Bytes of a UTF-8 character cut by the end of the last slice.
    tail: Vec<u8>,
    /// The text before the header line's end, until the separator is known.
    head: String,
    sep: Option<char>,
    started: bool,
    after_cr: bool,
    field: String,
    /// Fields of the current row so far, and where its quoted field (if open) began.
    fields: usize,
    record: Vec<String>,
    /// The current row's number (the header is row 1).
    row: usize,
    quote_row: usize,
    columns: Vec<Column>,
    header: bool,
    data_rows: usize,
    preview: Vec<Vec<String>>,
    error: Option<TableError>,
    truncated: bool,
    finished: bool,
    bytes: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reader {
    pub fn new() -> Self {
        Reader {
            state: State::Start,
            tail: Vec::new(),
            head: String::new(),
            sep: None,
            started: false,
            after_cr: false,
            field: String::new(),
            fields: 0,
            record: Vec::new(),
            row: 1,
            quote_row: 1,
            columns: Vec::new(),
            header: false,
            data_rows: 0,
            preview: Vec::new(),
            error: None,
            truncated: false,
            finished: false,
            bytes: 0,
        }
    }

    /// Reads the next slice of the file. Returns true while more is wanted (false after an
    /// error, or once [`MAX_ROWS`] data rows are read).
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        if !self.wants_more() {
            return false;
        }
        self.bytes += bytes.len();
        let mut buf = std::mem::take(&mut self.tail);
        buf.extend_from_slice(bytes);
        let mut at = 0;
        if !self.started {
            // A byte-order mark may be cut by the slice's end: wait for its rest.
            let bom8: &[u8] = &[0xEF, 0xBB, 0xBF];
            if (buf.len() < 3 && bom8.starts_with(&buf)) || buf == [0xFF] || buf == [0xFE] {
                self.tail = buf;
                return true;
            }
            if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
                self.error = Some(TableError::Utf16);
                return false;
            }
            if buf.starts_with(bom8) {
                at = 3;
            }
            self.started = true;
        }
        let (text, rest) = match std::str::from_utf8(&buf[at..]) {
            Ok(t) => (t, &[][..]),
            Err(e) => {
                let good = at + e.valid_up_to();
                if e.error_len().is_some() {
                    // Read what precedes the bad byte, so the error names its row.
                    let t = std::str::from_utf8(&buf[at..good]).unwrap_or("");
                    self.text(t);
                    if self.error.is_none() {
                        self.error = Some(TableError::Binary { row: self.row });
                    }
                    return false;
                }
                (std::str::from_utf8(&buf[at..good]).unwrap_or(""), &buf[good..])
            }
        };
        let rest = rest.to_vec();
        self.text(text);
        self.tail = rest;
        self.wants_more()
    }

    fn wants_more(&self) -> bool {
        self.error.is_none() && !self.truncated && !self.finished
    }

    /// Reads decoded text: the header line is gathered first, to pick the separator.
    fn text(&mut self, t: &str) {
        if self.sep.is_some() {
            self.chars(t);
            return;
        }
        self.head.push_str(t);
        if let Some(sep) = header_separator(&self.head, false) {
            self.sep = Some(sep);
            let head = std::mem::take(&mut self.head);
            self.chars(&head);
        }
    }

    /// True for a byte that only a binary file holds: a control character other than tab and
    /// the line ends.
    #[inline]
    fn binary(c: u8) -> bool {
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0x7F
    }

    /// Reads decoded text byte by byte: the separators, quotes and line ends are ASCII, so a
    /// run of other bytes (whole UTF-8 characters) is copied at once.
    fn chars(&mut self, t: &str) {
        // Every separator the header may pick is ASCII.
        let sep = self.sep.unwrap_or(',') as u8;
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !self.wants_more() {
                return;
            }
            let c = b[i];
            if self.after_cr {
                self.after_cr = false;
                if c == b'\n' && self.state == State::Start && self.fields == 0 {
                    i += 1;
                    continue;
                }
            }
            if Self::binary(c) {
                self.error = Some(TableError::Binary { row: self.row });
                return;
            }
            match self.state {
                State::Start | State::Plain => {
                    if c == sep {
                        self.end_field();
                    } else if c == b'\n' || c == b'\r' {
                        self.end_record();
                        self.after_cr = c == b'\r';
                    } else if c == b'"' && self.state == State::Start {
                        self.state = State::Quoted;
                        self.quote_row = self.row;
                    } else {
                        // Up to the next separator, line end or control byte (a quote inside an
                        // unquoted field is kept as written).
                        let j = i
                            + 1
                            + b[i + 1..]
                                .iter()
                                .position(|&x| x == sep || x < 0x20 || x == 0x7F)
                                .unwrap_or(b.len() - i - 1);
                        self.field.push_str(&t[i..j]);
                        self.state = State::Plain;
                        i = j;
                        continue;
                    }
                }
                State::Quoted => {
                    if c == b'"' {
                        self.state = State::QuoteInQuoted;
                    } else {
                        // Up to the next quote (line ends and separators are part of the field).
                        let j = i
                            + 1
                            + b[i + 1..].iter().position(|&x| x == b'"' || Self::binary(x)).unwrap_or(b.len() - i - 1);
                        self.field.push_str(&t[i..j]);
                        i = j;
                        continue;
                    }
                }
                State::QuoteInQuoted => {
                    if c == b'"' {
                        self.field.push('"');
                        self.state = State::Quoted;
                    } else if c == sep {
                        self.end_field();
                    } else if c == b'\n' || c == b'\r' {
                        self.end_record();
                        self.after_cr = c == b'\r';
                    } else {
                        self.error =
                            Some(TableError::StrayQuote { row: self.row, column: self.column_name(self.fields) });
                    }
                }
            }
            i += 1;
        }
    }

    fn column_name(&self, i: usize) -> String {
        match self.columns.get(i) {
            Some(c) => c.name.clone(),
            None if !self.header => self.field.clone(),
            None => format!("{}", i + 1),
        }
    }

    fn end_field(&mut self) {
        if !self.header {
            self.record.push(std::mem::take(&mut self.field));
        } else {
            let decimal_comma = self.sep != Some(',');
            if let Some(col) = self.columns.get_mut(self.fields) {
                col.push(&self.field, self.row, decimal_comma);
            }
            if self.data_rows < PREVIEW_ROWS {
                self.record.push(self.field.clone());
            }
            self.field.clear();
        }
        self.fields += 1;
        self.state = State::Start;
    }

    fn end_record(&mut self) {
        // A blank line (one empty, unquoted field) is skipped.
        if self.fields == 0 && self.field.is_empty() && self.state == State::Start {
            return;
        }
        self.end_field();
        let found = std::mem::replace(&mut self.fields, 0);
        let record = std::mem::take(&mut self.record);
        if !self.header {
            if found > MAX_COLUMNS {
                self.error = Some(TableError::TooManyColumns { found });
                return;
            }
            self.columns = record
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let name = name.trim();
                    let name = if name.is_empty() { format!("column {}", i + 1) } else { name.to_string() };
                    Column { name, ..Column::default() }
                })
                .collect();
            self.header = true;
        } else {
            if found != self.columns.len() {
                self.error = Some(TableError::Ragged { row: self.row, found, expected: self.columns.len() });
                return;
            }
            if self.data_rows < PREVIEW_ROWS {
                self.preview.push(record);
            }
            self.data_rows += 1;
            if self.data_rows == MAX_ROWS {
                self.truncated = true;
            }
        }
        self.row += 1;
    }

    /// The end of the file: reads the last row. Returns the error, if the file cannot be used.
    pub fn finish(&mut self) -> Option<&TableError> {
        if !self.finished && self.error.is_none() && !self.truncated {
            if !self.tail.is_empty() {
                self.error = Some(TableError::Binary { row: self.row });
            } else {
                if self.sep.is_none() {
                    self.sep = Some(header_separator(&self.head, true).unwrap_or(','));
                    let head = std::mem::take(&mut self.head);
                    self.chars(&head);
                }
                if self.error.is_none() {
                    if self.state == State::Quoted {
                        self.error =
                            Some(TableError::OpenQuote { row: self.quote_row, column: self.column_name(self.fields) });
                    } else if self.fields > 0 || !self.field.is_empty() || self.state != State::Start {
                        self.end_record();
                    }
                }
            }
        }
        self.finished = true;
        if self.error.is_none() {
            if !self.header {
                self.error = Some(TableError::Empty);
            } else if self.data_rows == 0 {
                self.error = Some(TableError::NoRows);
            }
        }
        self.error.as_ref()
    }

    /// The error that stopped the reading, if any.
    pub fn error(&self) -> Option<&TableError> {
        self.error.as_ref()
    }
    /// True if the file had more than [`MAX_ROWS`] data rows (the rest was not read).
    pub fn truncated(&self) -> bool {
        self.truncated
    }
    /// Data rows read.
    pub fn rows(&self) -> usize {
        self.data_rows
    }
    /// Bytes fed so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
    /// The separator found (`,`, `;` or a tab), once the header line is read.
    pub fn separator(&self) -> Option<char> {
        self.sep
    }
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }
    /// The first data rows as written (at most [`PREVIEW_ROWS`]).
    pub fn preview(&self) -> &[Vec<String>] {
        &self.preview
    }
    /// The note on a long file, in `lang`, if rows were left unread.
    pub fn note(&self, lang: Lang) -> Option<String> {
        self.truncated.then(|| match lang {
            Lang::En => format!(
                "The file has more than {} data rows: the first {} (rows 2 to {}) are used, the rest is not read.",
                MAX_ROWS,
                MAX_ROWS,
                MAX_ROWS + 1
            ),
            Lang::Ko => format!(
                "파일의 데이터 행이 {}개보다 많아요. 앞의 {}개(2행부터 {}행까지)만 쓰고 나머지는 읽지 않아요.",
                MAX_ROWS,
                MAX_ROWS,
                MAX_ROWS + 1
            ),
        })
    }

    /// The data set of the chosen columns: features standardized, the label's task inferred.
    pub fn prepare(&self, label: usize, features: &[usize]) -> Result<Prepared, TableError> {
        let col = |i: usize| self.columns.get(i).ok_or(TableError::NoSuchColumn { index: i });
        let lab = col(label)?;
        if features.is_empty() {
            return Err(TableError::NoFeatures);
        }
        if features.len() > MAX_FEATURES {
            return Err(TableError::TooManyFeatures { found: features.len() });
        }
        if features.contains(&label) {
            return Err(TableError::LabelIsFeature { column: lab.name.clone() });
        }
        let m = self.data_rows;
        if m == 0 {
            return Err(TableError::NoRows);
        }
        // The label first: its empty cells, then its kind.
        if let Some(row) = lab.first_empty {
            return Err(TableError::EmptyCell { row, column: lab.name.clone() });
        }
        let (task, y, classes) = label_values(lab)?;
        let mut means = Vec::with_capacity(features.len());
        let mut spreads = Vec::with_capacity(features.len());
        for &j in features {
            let c = col(j)?;
            if let Kind::NumberWithText { .. } | Kind::Text = c.kind() {
                let (row, value) = c.first_text.clone().unwrap_or_default();
                return Err(TableError::NotNumber { row, column: c.name.clone(), value });
            }
            if let Some(row) = c.first_empty {
                return Err(TableError::EmptyCell { row, column: c.name.clone() });
            }
            let mean = c.values.iter().sum::<f64>() / m as f64;
            let var = c.values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / m as f64;
            let spread = var.sqrt();
            if spread.is_nan() || spread <= 1e-12 * mean.abs().max(1e-300) || !spread.is_finite() {
                return Err(TableError::ConstantFeature {
                    column: c.name.clone(),
                    value: crate::format::short(c.values[0], 6),
                });
            }
            means.push(mean);
            spreads.push(spread);
        }
        let n = features.len();
        // Row by row, so the m × n matrix is written in order.
        let cols: Vec<&[f64]> = features.iter().map(|&j| &self.columns[j].values[..]).collect();
        let mut x = Vec::with_capacity(m * n);
        for i in 0..m {
            x.extend(cols.iter().zip(means.iter().zip(&spreads)).map(|(c, (mu, sd))| (c[i] - mu) / sd));
        }
        Ok(Prepared {
            data: Dataset { x, n, y, task },
            means,
            spreads,
            features: features.iter().map(|&j| self.columns[j].name.clone()).collect(),
            label: lab.name.clone(),
            classes,
        })
    }
}

/// A label's task, its value per row, and its two classes' names (a classification).
type Labels = (Task, Vec<f64>, Option<[String; 2]>);

/// The label's task and values: two distinct values → classification (0 and 1, in sorted order;
/// numbers by size, text alphabetically), more numbers → regression.
fn label_values(c: &Column) -> Result<Labels, TableError> {
    let name = || c.name.clone();
    let distinct = c.distinct();
    if distinct == 1 {
        let value = c.levels.first().cloned().unwrap_or_else(|| crate::format::short(c.numbers_seen[0], 6));
        return Err(TableError::SingleClass { column: name(), value });
    }
    if distinct == 2 {
        // Two values: numbers, texts or one of each, written as the cells show them.
        let mut vals: Vec<(Option<f64>, String)> =
            c.numbers_seen.iter().map(|&x| (Some(x), crate::format::short(x, 6))).collect();
        vals.extend(c.levels.iter().map(|l| (None, l.clone())));
        vals.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        });
        let one = &vals[1];
        let y = c
            .values
            .iter()
            .zip(&c.codes)
            .map(|(&v, &code)| {
                let is_one = match one.0 {
                    Some(x) => code == 0 && v == x,
                    None => code > 0 && c.levels.get(code as usize - 1) == Some(&one.1),
                };
                if is_one {
                    1.0
                } else {
                    0.0
                }
            })
            .collect();
        return Ok((Task::Classification, y, Some([vals[0].1.clone(), vals[1].1.clone()])));
    }
    match c.kind() {
        Kind::Number => Ok((Task::Regression, c.values.clone(), None)),
        Kind::NumberWithText { row, value } => Err(TableError::NotNumber { row, column: name(), value }),
        _ => Err(TableError::ManyClasses { column: name() }),
    }
}

/// The separator of the header line in `head` (`,`, `;` or a tab: the first of them met outside
/// quotes), once its end is in `head` (or at the file's end: `done`); `None` until then. A header
/// with none of them is one column, separated by commas.
fn header_separator(head: &str, done: bool) -> Option<char> {
    let mut quoted = false;
    for c in head.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' | '\t' if !quoted => return Some(c),
            '\n' | '\r' if !quoted => return Some(','),
            _ => {}
        }
    }
    // A header line longer than a megabyte without a separator: one column.
    (done || head.len() > 1 << 20).then_some(',')
}

/// A data set made from a table's chosen columns, with what standardizing did.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Features standardized: x′ = (x − mean) / spread for each column.
    pub data: Dataset,
    /// Each feature's mean, as read.
    pub means: Vec<f64>,
    /// Each feature's spread: the standard deviation √(1/m Σ (x − mean)²) (numpy's default, ddof 0).
    pub spreads: Vec<f64>,
    /// The feature columns' names, in order.
    pub features: Vec<String>,
    /// The label column's name.
    pub label: String,
    /// For a classification: the label's two values, the one read as 0 and the one read as 1.
    pub classes: Option<[String; 2]>,
}

/// Reads a whole text at once (tests and small pastes): the reader after [`Reader::finish`].
pub fn read(text: &str) -> Reader {
    let mut r = Reader::new();
    r.feed(text.as_bytes());
    r.finish();
    r
}

#[cfg(test)]
mod tests;
