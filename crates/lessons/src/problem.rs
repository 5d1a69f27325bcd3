//! What is wrong with a source, and where: `lessons/momentum/en.md:27: the reason`.

use std::fmt;

/// One mistake in a source file, at a line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl std::error::Error for Problem {}

/// Every problem found, in the order found (sources are checked to the end, so an author sees all
/// of them at once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds a problem (once: the same one again is dropped).
    pub fn add(&mut self, path: &str, line: usize, message: impl Into<String>) {
        let p = Problem { path: path.to_string(), line, message: message.into() };
        if !self.0.contains(&p) {
            self.0.push(p);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
    /// `Ok(value)` when nothing was found.
    pub fn or<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Byte offsets to line numbers.
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Self {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
    /// The 1-based line holding byte `offset`.
    pub fn at(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let l = Lines::new("a\nbc\n\nd");
        assert_eq!([0, 1, 2, 3, 4, 5, 6].map(|o| l.at(o)), [1, 1, 2, 2, 2, 3, 4]);
    }
}
