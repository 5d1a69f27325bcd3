//! Data sets behind the data-backed costs (regression lines, cats vs dogs).

/// What the labels mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// y is a real number; the model predicts ŷ.
    Regression,
    /// y is 0 (dog) or 1 (cat); the model predicts a probability.
    Classification,
}

/// m rows of n features, row-major, with one label per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Features, row-major: row i is `x[i*n .. (i+1)*n]`.
    pub x: Vec<f64>,
    /// Number of features per row.
    pub n: usize,
    /// One label per row.
    pub y: Vec<f64>,
    pub task: Task,
}

impl Dataset {
    /// Number of rows, m.
    pub fn rows(&self) -> usize {
        self.y.len()
    }
    /// Row i's features.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.n..(i + 1) * self.n]
    }
}
