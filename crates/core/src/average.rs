//! Exponentially weighted averages, their weights and bias correction, and the limits
//! (1 + 1/n)ⁿ → e, (1 − 1/n)ⁿ → 1/e and β^(1/(1−β)) → 1/e.
//!
//! Near the limit these are ratios of numbers close to 1, where a rounded base loses most of
//! its digits: 1 + 1/n rounded to f64 and raised to the n-th power is wrong in the 4th digit
//! for n = 10¹². Here every power of a base near 1 is computed as exp(n·ln_1p(x)) and every
//! 1 − βᵗ as −expm1(t·ln β), which keeps them accurate to a few units in the last place.

/// 1 − βᵗ, the total weight of the first t values in an EWA (and Adam's bias-correction
/// denominator), accurate even when β is close to 1: −expm1(t·ln β).
pub fn bias(beta: f64, t: u64) -> f64 {
    if t == 0 {
        0.0
    } else {
        -(beta.ln() * t as f64).exp_m1()
    }
}

/// The weight (1 − β)·βᵏ that an EWA gives the value k steps back.
pub fn weight(beta: f64, k: u64) -> f64 {
    // βᵏ as exp(k·ln β), with β⁰ = 1 also for β = 0 (where k·ln β would be 0·(−∞)).
    let power = if k == 0 { 1.0 } else { (beta.ln() * k as f64).exp() };
    (1.0 - beta) * power
}

/// The weights of the latest n values, newest first: (1 − β)·βᵏ for k = 0..n. They sum to 1 − βⁿ.
pub fn weights(beta: f64, n: usize) -> Vec<f64> {
    (0..n as u64).map(|k| weight(beta, k)).collect()
}

/// The number of values an EWA roughly averages over, 1/(1 − β): the weights βᵏ fall to about
/// 1/e after that many steps (see [`beta_limit`]).
pub fn window(beta: f64) -> f64 {
    1.0 / (1.0 - beta)
}

/// An exponentially weighted average: V₀ = 0, Vₜ = β·Vₜ₋₁ + (1 − β)·θₜ.
///
/// Starting from 0 biases the early values towards 0; [`Ewa::corrected`] divides by 1 − βᵗ,
/// the total weight given so far, to undo it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ewa {
    beta: f64,
    v: f64,
    t: u64,
}

impl Ewa {
    /// An empty average with decay β (0 ≤ β < 1).
    pub fn new(beta: f64) -> Self {
        Ewa { beta, v: 0.0, t: 0 }
    }
    /// Takes θₜ; returns the new Vₜ.
    pub fn push(&mut self, theta: f64) -> f64 {
        self.t += 1;
        self.v = self.beta * self.v + (1.0 - self.beta) * theta;
        self.v
    }
    /// Vₜ, without bias correction.
    pub fn value(&self) -> f64 {
        self.v
    }
    /// Vₜ/(1 − βᵗ), the bias-corrected average (0 before any value).
    pub fn corrected(&self) -> f64 {
        if self.t == 0 {
            0.0
        } else {
            self.v / bias(self.beta, self.t)
        }
    }
    /// Values taken so far, t.
    pub fn steps(&self) -> u64 {
        self.t
    }
    pub fn beta(&self) -> f64 {
        self.beta
    }
    /// Back to V₀ = 0, t = 0.
    pub fn reset(&mut self) {
        self.v = 0.0;
        self.t = 0;
    }
}

/// The EWA of a whole series: Vₜ for each t (bias-corrected if `corrected`).
pub fn ewa_series(xs: &[f64], beta: f64, corrected: bool) -> Vec<f64> {
    let mut e = Ewa::new(beta);
    xs.iter()
        .map(|&x| {
            e.push(x);
            if corrected {
                e.corrected()
            } else {
                e.value()
            }
        })
        .collect()
}

/// (1 + 1/n)ⁿ = exp(n·ln_1p(1/n)), compound growth in n steps; → e as n → ∞ (n > 0).
pub fn compound(n: f64) -> f64 {
    (n * (1.0 / n).ln_1p()).exp()
}

/// (1 − 1/n)ⁿ = exp(n·ln_1p(−1/n)), compound decay in n steps; → 1/e as n → ∞ (n ≥ 1).
pub fn decay(n: f64) -> f64 {
    (n * (-1.0 / n).ln_1p()).exp()
}

/// β^(1/(1−β)) = exp(ln β/(1 − β)), how much of its weight an EWA has left after its window
/// 1/(1−β); → 1/e as β → 1 (0 ≤ β < 1).
pub fn beta_limit(beta: f64) -> f64 {
    (beta.ln() / (1.0 - beta)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        if b == 0.0 {
            a.abs()
        } else {
            ((a - b) / b).abs()
        }
    }

    // Reference values, exact for the f64 inputs, from mpmath at 40 digits:
    //
    //     from mpmath import mp, mpf, power; mp.dps = 40
    //     for n in [2, 3, 10, 1000, 10**6, 10**9, 10**12, 10**15]:
    //         print(n, power(1 + 1/mpf(n), n), power(1 - 1/mpf(n), n))
    //     for b in [0.5, 0.9, 0.99, 0.999, 0.999999, 0.999999999]:
    //         B = mpf(b)  # the f64 nearest the decimal, exactly
    //         print(b, power(B, 1/(1 - B)))
    // The references keep all the digits mpmath printed.
    #[allow(clippy::excessive_precision)]
    const COMPOUND: [(f64, f64, f64); 8] = [
        (2.0, 2.25, 0.25),
        (3.0, 2.370370370370370370370370, 0.2962962962962962962962963),
        (10.0, 2.5937424601, 0.3486784401),
        (1e3, 2.716923932235892457383088, 0.3676954247709640446268061),
        (1e6, 2.7182804693193768838198, 0.3678792572316450942857981),
        (1e9, 2.718281827099904322376644, 0.3678794409875026009331611),
        (1e12, 2.718281828457686094446059, 0.367879441171258381874938),
        (1e15, 2.718281828459043876219373, 0.3678794411714421376558032),
    ];
    #[allow(clippy::excessive_precision)]
    const BETA_LIMIT: [(f64, f64); 6] = [
        (0.5, 0.25),
        (0.9, 0.3486784401000000044522356),
        (0.99, 0.366032341273229503283186),
        (0.999, 0.3676954247709640444632986),
        (0.999999, 0.3678792572316450889964848),
        (0.999999999, 0.3678794409875026061353316),
    ];

    #[test]
    fn limits_match_high_precision_references() {
        for (n, up, down) in COMPOUND {
            assert!(rel(compound(n), up) < 1e-14, "(1+1/n)^n at n = {n}: {} vs {up}", compound(n));
            assert!(rel(decay(n), down) < 1e-14, "(1-1/n)^n at n = {n}: {} vs {down}", decay(n));
        }
        for (b, r) in BETA_LIMIT {
            assert!(rel(beta_limit(b), r) < 1e-14, "beta^(1/(1-beta)) at {b}: {} vs {r}", beta_limit(b));
        }
        assert_eq!(compound(1.0), 2.0);
        assert_eq!(decay(1.0), 0.0);
        assert_eq!(beta_limit(0.0), 0.0);
        // The naive way is visibly wrong near the limit, which is what the references would catch.
        let n = 1e12_f64;
        assert!(rel((1.0 + 1.0 / n).powf(n), COMPOUND[6].1) > 1e-6);
    }

    #[test]
    fn ewa_is_the_weighted_sum_and_correction_removes_the_start_bias() {
        let xs = [3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0];
        for beta in [0.0, 0.5, 0.9, 0.98] {
            let mut e = Ewa::new(beta);
            for t in 1..=xs.len() {
                e.push(xs[t - 1]);
                // Vₜ = Σₖ (1 − β)βᵏ·θₜ₋ₖ over k = 0..t.
                let w = weights(beta, t);
                let direct: f64 = (0..t).map(|k| w[k] * xs[t - 1 - k]).sum();
                assert!((e.value() - direct).abs() < 1e-14, "β = {beta}, t = {t}");
                assert!((w.iter().sum::<f64>() - bias(beta, t as u64)).abs() < 1e-15);
            }
        }
        // A constant series: the corrected average is the constant from the first step, even for
        // β = 0.999999, where 1 − βᵗ computed as 1.0 − β.powi(t) would be off in the 11th digit.
        for beta in [0.9, 0.999, 0.999999] {
            let mut e = Ewa::new(beta);
            for t in 1..=200u64 {
                e.push(20.0);
                assert!(rel(e.corrected(), 20.0) < 2e-14, "β = {beta}, t = {t}: {}", e.corrected());
                assert!(e.value() < 20.0);
            }
        }
        let mut e = Ewa::new(0.9);
        assert_eq!(e.corrected(), 0.0);
        e.push(1.0);
        e.reset();
        assert_eq!(e, Ewa::new(0.9));
        assert_eq!(ewa_series(&[2.0, 2.0], 0.5, false), vec![1.0, 1.5]);
        assert_eq!(ewa_series(&[2.0, 2.0], 0.5, true), vec![2.0, 2.0]);
        assert!((window(0.9) - 10.0).abs() < 1e-12);
    }

    #[test]
    fn bias_is_accurate_near_one() {
        // With e = 1 − β (exact in f64 for β ≥ ½), the binomial theorem gives
        // 1 − β³ = 3e − 3e² + e³, whose terms round by less than 1e−16 relative.
        let b = 0.999999_f64;
        let exact = 1.0 - b; // exact in f64 (Sterbenz)
        let reference = 3.0 * exact - 3.0 * exact * exact + exact * exact * exact;
        assert!(rel(bias(b, 3), reference) < 1e-15);
        assert_eq!(bias(0.5, 0), 0.0);
        assert!(rel(bias(0.5, 3), 0.875) < 1e-15);
    }
}
