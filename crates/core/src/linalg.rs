//! The little linear algebra the models and the landscape need: dot products, a Cholesky
//! solve (Newton's method on logistic regression) and the eigenvectors of a small symmetric
//! matrix (the principal directions of the optimizers' paths). Matrices are row-major `n × n`
//! slices.

/// x·y.
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// ‖x‖.
pub fn norm(x: &[f64]) -> f64 {
    dot(x, x).sqrt()
}

/// Solves A·x = b for a symmetric positive definite A (`n × n`, row-major) by Cholesky
/// factorization A = L·Lᵀ. Returns `None` if A is not positive definite (a pivot ≤ 0 or NaN).
pub fn cholesky_solve(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    debug_assert_eq!(a.len(), n * n);
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s = a[i * n + j] - (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    // L·y = b, then Lᵀ·x = y.
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i * n + k] * y[k]).sum::<f64>()) / l[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (y[i] - (i + 1..n).map(|k| l[k * n + i] * x[k]).sum::<f64>()) / l[i * n + i];
    }
    Some(x)
}

/// The eigenvalues and unit eigenvectors of a symmetric `n × n` matrix by the cyclic Jacobi
/// method (plane rotations that zero one off-diagonal entry at a time, until every off-diagonal
/// entry is below 1e−15 of the matrix's size or 100 sweeps), sorted by decreasing eigenvalue.
/// Eigenvector k is `vectors[k]`.
pub fn symmetric_eigen(a: &[f64], n: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    debug_assert_eq!(a.len(), n * n);
    let mut m = a.to_vec();
    // V accumulates the rotations; its columns become the eigenvectors.
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let scale = m.iter().map(|x| x * x).sum::<f64>().sqrt();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * n + j].powi(2))
            .sum();
        // Done when the off-diagonal part is negligible (or not a number: nothing to gain).
        if off.sqrt() <= 1e-15 * scale || off.is_nan() {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = m[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                // The rotation angle that zeroes m[p][q]: tan 2θ = 2·apq / (aqq − app).
                let theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                // The smaller root of t² + 2θt − 1 = 0 (t = tan θ; signum(0) is 1).
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (mkp, mkq) = (m[k * n + p], m[k * n + q]);
                    m[k * n + p] = c * mkp - s * mkq;
                    m[k * n + q] = s * mkp + c * mkq;
                }
                for k in 0..n {
                    let (mpk, mqk) = (m[p * n + k], m[q * n + k]);
                    m[p * n + k] = c * mpk - s * mqk;
                    m[q * n + k] = s * mpk + c * mqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| m[j * n + j].total_cmp(&m[i * n + i]));
    let values = order.iter().map(|&i| m[i * n + i]).collect();
    let vectors = order.iter().map(|&i| (0..n).map(|k| v[k * n + i]).collect()).collect();
    (values, vectors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_solves_and_refuses_what_is_not_positive_definite() {
        let a = [4.0, 2.0, 0.6, 2.0, 5.0, 1.0, 0.6, 1.0, 3.0];
        let x = cholesky_solve(&a, &[1.0, 2.0, 3.0]).unwrap();
        for i in 0..3 {
            let ax: f64 = (0..3).map(|j| a[i * 3 + j] * x[j]).sum();
            assert!((ax - [1.0, 2.0, 3.0][i]).abs() < 1e-14, "{x:?}");
        }
        assert!(cholesky_solve(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0]).is_none());
        assert!(cholesky_solve(&[f64::NAN, 0.0, 0.0, 1.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn jacobi_finds_eigenpairs_in_decreasing_order() {
        // A symmetric matrix with a repeated eigenvalue and one negative.
        let a = [2.0, 1.0, 0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, -3.0];
        let (vals, vecs) = symmetric_eigen(&a, 4);
        let expect = [3.0, 1.0, 1.0, -3.0];
        for k in 0..4 {
            assert!((vals[k] - expect[k]).abs() < 1e-14, "{vals:?}");
            assert!((norm(&vecs[k]) - 1.0).abs() < 1e-14);
            for i in 0..4 {
                let av: f64 = (0..4).map(|j| a[i * 4 + j] * vecs[k][j]).sum();
                assert!((av - vals[k] * vecs[k][i]).abs() < 1e-13);
            }
            for j in 0..k {
                assert!(dot(&vecs[k], &vecs[j]).abs() < 1e-14);
            }
        }
        let (vals, _) = symmetric_eigen(&[0.0; 9], 3);
        assert_eq!(vals, vec![0.0; 3]);
    }
}
