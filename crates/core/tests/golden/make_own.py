#!/usr/bin/env python3
"""Makes own.csv (a small data set a learner might bring) and own.txt (its least-squares and
logistic-regression solutions on standardized features, computed by numpy and scikit-learn).

    pip install numpy scikit-learn && python3 crates/core/tests/golden/make_own.py

The Rust test (crates/core/tests/own.rs) reads own.csv with descent-core's CSV reader, trains
on it to convergence and asserts that the weights match these to 1e-6. It needs only the two
files, not Python.

own.csv: 40 students: hours of study, hours of sleep, cups of coffee, an exam score (a number:
linear regression) and passed (yes/no: logistic regression), drawn from numpy's PCG64 with seed 20.
own.txt, one line each, numbers as Python repr (round-trips):
  means <hours> <sleep> <coffee>        the features' means
  spreads <hours> <sleep> <coffee>      their standard deviations (ddof 0), which standardize them
  linear <w1> <w2> <w3> <b>             least squares of score on the standardized features (numpy.linalg.lstsq)
  logistic <w1> <w2> <w3> <b>           logistic regression of passed ("yes" = 1), no penalty
                                        (scikit-learn, checked against numpy's own Newton iteration)
"""
import csv
import os

import numpy as np
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))


def make_csv(path):
    rng = np.random.Generator(np.random.PCG64(20))
    m = 40
    hours = rng.uniform(0, 10, m).round(2)
    sleep = rng.normal(7, 1.2, m).round(2)
    coffee = rng.integers(0, 6, m)
    score = (40 + 4.5 * hours + 2.0 * sleep - 1.5 * coffee + rng.normal(0, 6, m)).round(1)
    z = 0.8 * (hours - 5) + 0.6 * (sleep - 7) - 0.3 * coffee + 0.5
    passed = np.where(rng.uniform(0, 1, m) < 1 / (1 + np.exp(-z)), "yes", "no")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["hours", "sleep", "coffee", "score", "passed"])
        for row in zip(hours, sleep, coffee, score, passed):
            w.writerow([repr(float(row[0])), repr(float(row[1])), int(row[2]), repr(float(row[3])), row[4]])


def newton_logistic(X, y):
    Xt = np.hstack([X, np.ones((len(X), 1))])
    p = np.zeros(Xt.shape[1])
    for _ in range(100):
        s = 1 / (1 + np.exp(-Xt @ p))
        g = Xt.T @ (s - y) / len(y)
        H = (Xt * (s * (1 - s))[:, None]).T @ Xt / len(y)
        step = np.linalg.solve(H, g)
        p -= step
        if np.abs(step).max() < 1e-15:
            break
    return p


def main():
    path = os.path.join(HERE, "own.csv")
    make_csv(path)
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    X = np.array([[float(r[0]), float(r[1]), float(r[2])] for r in rows])
    score = np.array([float(r[3]) for r in rows])
    passed = np.array([1.0 if r[4] == "yes" else 0.0 for r in rows])
    assert 0 < passed.sum() < len(passed)
    means, spreads = X.mean(axis=0), X.std(axis=0)
    Z = (X - means) / spreads
    A = np.hstack([Z, np.ones((len(Z), 1))])
    linear, *_ = np.linalg.lstsq(A, score, rcond=None)
    clf = LogisticRegression(C=np.inf, solver="newton-cg", tol=1e-14, max_iter=10000)
    clf.fit(Z, passed)
    logistic = np.concatenate([clf.coef_[0], clf.intercept_])
    own = newton_logistic(Z, passed)
    assert np.allclose(logistic, own, rtol=0, atol=1e-8), (logistic, own)
    with open(os.path.join(HERE, "own.txt"), "w") as f:
        for name, xs in [("means", means), ("spreads", spreads), ("linear", linear), ("logistic", logistic)]:
            f.write(name + " " + " ".join(repr(float(x)) for x in xs) + "\n")


if __name__ == "__main__":
    main()
