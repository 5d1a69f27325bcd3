//! Data sets behind the data-backed costs (regression lines, cats vs dogs, Palmer penguins).

#[cfg(feature = "models")]
pub mod penguins;

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

use crate::rng::Rng;

/// The `Rng` stream every data set is drawn from (the session uses 2 for batch order, 3 for noise).
pub const DATA_STREAM: u64 = 1;

/// An approximately standard normal draw made of exact arithmetic only: the sum of twelve
/// uniforms minus 6 (Irwin–Hall; mean 0, variance 1, bounded by ±6).
///
/// `Rng::normal` uses `ln` and `cos`, whose last bit may differ between the native libm and
/// the one compiled into WebAssembly. Sums of uniforms are the same bits everywhere, so a
/// seed gives the same data set natively and in the browser.
pub fn normal_exact(rng: &mut Rng) -> f64 {
    let mut s = 0.0;
    for _ in 0..12 {
        s += rng.uniform();
    }
    s - 6.0
}

/// cos(x) for |x| ≤ 2π by range reduction to [−π/2, π/2] and a Taylor polynomial, using
/// only + − × (same bits on every platform; accurate to about 1e−15).
pub fn cos_exact(x: f64) -> f64 {
    use std::f64::consts::PI;
    let mut y = x.abs();
    if y > PI {
        y = 2.0 * PI - y;
    }
    // cos(y) = −cos(π − y) for y in (π/2, π].
    let (y, sign) = if y > 0.5 * PI { (PI - y, -1.0) } else { (y, 1.0) };
    let y2 = y * y;
    // Σ (−1)ᵏ y²ᵏ/(2k)! for k = 0..=11, Horner form; the next term is below 3e−18 for |y| ≤ π/2.
    let mut sum = 0.0;
    for k in (0..=11).rev() {
        let k = k as f64;
        sum = 1.0 - y2 / ((2.0 * k + 1.0) * (2.0 * k + 2.0)) * sum;
    }
    sign * sum
}

impl Dataset {
    /// The linear-regression data set: m points (x, y) with x uniform in [1, 5] (think "hours
    /// of study") and y = 1.2·x + 0.5 + 0.6·z, z ≈ N(0, 1) (see [`normal_exact`]).
    ///
    /// The x values sit far from 0 (mean 3), so the cost in (w, b) is a long, narrow valley:
    /// its Hessian [[E x², E x], [E x, 1]] has a condition number near 90.
    pub fn linreg(m: usize, seed: u32) -> Dataset {
        let mut rng = Rng::new(seed, DATA_STREAM);
        let mut x = Vec::with_capacity(m);
        let mut y = Vec::with_capacity(m);
        for _ in 0..m {
            let xi = rng.range(1.0, 5.0);
            x.push(xi);
            y.push(1.2 * xi + 0.5 + 0.6 * normal_exact(&mut rng));
        }
        Dataset { x, n: 1, y, task: Task::Regression }
    }

    /// Cats vs dogs: m animals with one feature, claw sharpness, and a label 1 = cat, 0 = dog.
    /// Sharpness is rated 0–10 and stored centred, as the rating minus 5 (so 0 is an average
    /// claw): centring keeps the (w, b) valley from being needlessly long and narrow. Each animal
    /// is a cat with probability ½; cats' rating is drawn around 6.5 and dogs' around 3.5
    /// (spread 1.8, clamped to [0, 10]), so the classes overlap.
    pub fn cats(m: usize, seed: u32) -> Dataset {
        let mut rng = Rng::new(seed, DATA_STREAM);
        let mut x = Vec::with_capacity(m);
        let mut y = Vec::with_capacity(m);
        for _ in 0..m {
            let cat = rng.uniform() < 0.5;
            let centre = if cat { 6.5 } else { 3.5 };
            x.push((centre + 1.8 * normal_exact(&mut rng)).clamp(0.0, 10.0) - 5.0);
            y.push(if cat { 1.0 } else { 0.0 });
        }
        Dataset { x, n: 1, y, task: Task::Classification }
    }

    /// True if one class lies entirely on one side of the other along the (single) feature:
    /// then the logistic cost has no minimum (it keeps falling as |w| grows).
    pub fn separable(&self) -> bool {
        let range = |label: f64| {
            self.x
                .iter()
                .zip(&self.y)
                .filter(|(_, &y)| y == label)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (&x, _)| (lo.min(x), hi.max(x)))
        };
        let (clo, chi) = range(1.0);
        let (dlo, dhi) = range(0.0);
        // One class empty counts as separable (the cost falls forever as b → ±∞).
        !(clo.is_finite() && dlo.is_finite()) || chi < dlo || dhi < clo
    }
}

/// Days in the temperature series.
pub const DAYS: usize = 365;

/// A year of daily temperatures in °C for the averages lessons, seeded: a seasonal curve
/// 11 − 8·cos(2π(d − 15)/365) (coldest mid-January, warmest mid-July) plus day-to-day weather
/// that persists: e_d = 0.6·e_(d−1) + 2.4·z_d, z ≈ N(0, 1). Only exact arithmetic, so every
/// platform gives the same bits.
pub fn temperatures(seed: u32) -> Vec<f64> {
    let mut rng = Rng::new(seed, DATA_STREAM);
    let mut weather = 0.0;
    (0..DAYS)
        .map(|d| {
            let phase = 2.0 * std::f64::consts::PI * ((d as f64 - 15.0) / DAYS as f64);
            weather = 0.6 * weather + 2.4 * normal_exact(&mut rng);
            11.0 - 8.0 * cos_exact(phase) + weather
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_exact_matches_std() {
        for i in -2000..=2000 {
            let x = i as f64 * std::f64::consts::TAU / 2000.0;
            assert!((cos_exact(x) - x.cos()).abs() < 2e-15, "x = {x}");
        }
    }

    #[test]
    fn normal_exact_has_unit_spread() {
        let mut r = Rng::new(5, 0);
        let xs: Vec<f64> = (0..20000).map(|_| normal_exact(&mut r)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "mean {mean}, var {var}");
    }

    #[test]
    fn data_sets_are_seeded_and_plausible() {
        assert_eq!(Dataset::linreg(50, 3), Dataset::linreg(50, 3));
        assert_ne!(Dataset::linreg(50, 3), Dataset::linreg(50, 4));
        let d = Dataset::linreg(1000, 1);
        assert!(d.x.iter().all(|&x| (1.0..5.0).contains(&x)));
        let c = Dataset::cats(1000, 1);
        // Sharpness is rated on a 0–10 scale (however it is stored, the spread is at most 10).
        let (lo, hi) = c.x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| (l.min(x), h.max(x)));
        assert!(hi - lo <= 10.0 && hi - lo > 8.0, "sharpness spans {lo}..{hi}");
        let cats = c.y.iter().filter(|&&y| y == 1.0).count();
        assert!((400..600).contains(&cats), "{cats} cats of 1000");
        let mean = |label: f64| {
            let xs: Vec<f64> = c.x.iter().zip(&c.y).filter(|(_, &y)| y == label).map(|(&x, _)| x).collect();
            xs.iter().sum::<f64>() / xs.len() as f64
        };
        // Cats' claws are sharper, by about 3 points of the scale.
        assert!((mean(1.0) - mean(0.0) - 3.0).abs() < 0.3, "cats {}, dogs {}", mean(1.0), mean(0.0));
        assert!(!c.separable());
        let t = temperatures(1);
        assert_eq!(t.len(), DAYS);
        assert_eq!(t, temperatures(1));
        let winter = t[..31].iter().sum::<f64>() / 31.0;
        let summer = t[181..212].iter().sum::<f64>() / 31.0;
        assert!(winter < 6.0 && summer > 16.0, "January {winter}, July {summer}");
    }

    /// The first rows of the data sets, pinned as literals (crates/core/src/rng.rs `pinned`): a
    /// change to the generator, the seeding or the order of draws fails here, as it would replay
    /// every shared link differently. crates/wasm/tests/web.rs checks the same literals in the
    /// browser (the README promises the same data on every platform).
    #[test]
    fn data_sets_are_pinned_row_for_row() {
        use crate::rng::tests::pinned::{CATS_ROWS, LINREG_ROWS};
        let first = |d: Dataset| (0..4).map(|i| (d.row(i)[0], d.y[i])).collect::<Vec<_>>();
        for (seed, rows) in LINREG_ROWS {
            assert_eq!(first(Dataset::linreg(40, seed)), rows, "linreg(40, {seed})");
        }
        for (seed, rows) in CATS_ROWS {
            assert_eq!(first(Dataset::cats(40, seed)), rows, "cats(40, {seed})");
        }
    }

    #[test]
    fn separable_spots_both_directions() {
        let mk = |x: Vec<f64>, y: Vec<f64>| Dataset { x, n: 1, y, task: Task::Classification };
        assert!(mk(vec![1.0, 2.0, 3.0], vec![0.0, 0.0, 1.0]).separable());
        assert!(mk(vec![1.0, 2.0, 3.0], vec![1.0, 0.0, 0.0]).separable());
        assert!(mk(vec![1.0, 2.0], vec![1.0, 1.0]).separable());
        assert!(!mk(vec![1.0, 2.0, 3.0], vec![1.0, 0.0, 1.0]).separable());
        assert!(!mk(vec![2.0, 2.0], vec![1.0, 0.0]).separable());
    }
}
