//! The empty scene surface `none`, for lessons with no cost to descend (the averages lessons).

use super::{Domain, Minimum, Surface};

/// C(w) = 0 on [−1, 1]: a level line, so a session can be built when a lesson draws no cost.
/// Every point is stationary; no minima are documented.
#[derive(Clone, Copy, Debug, Default)]
pub struct Flat;

impl Surface for Flat {
    fn name(&self) -> &'static str {
        "none"
    }
    fn dim(&self) -> usize {
        1
    }
    fn value(&self, _p: &[f64]) -> f64 {
        0.0
    }
    fn gradient(&self, _p: &[f64], g: &mut [f64]) {
        g[0] = 0.0;
    }
    fn domain(&self) -> Domain {
        Domain::new([-1.0, 0.0], [1.0, 0.0])
    }
    fn minima(&self) -> Vec<Minimum> {
        Vec::new()
    }
    fn start(&self) -> Vec<f64> {
        vec![0.0]
    }
}
