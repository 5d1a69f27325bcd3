#!/usr/bin/env python3
"""Makes golden.txt and models.txt: optimizer trajectories computed by optax, in float64, and
the explained variance of the landscape's PCA plane computed by numpy.

    pip install jax optax numpy && python3 crates/core/tests/golden/make_golden.py

The Rust test (crates/core/tests/golden.rs) replays every case with descent-core's optimizers and
surfaces and asserts agreement to 1e-10 relative. It needs only the two text files, not Python.

golden.txt: gd, momentum, rmsprop and adam on three 2-D surfaces (format below).
models.txt: AdamW and the learning-rate schedules on those surfaces, and every optimizer on the
real models (logistic regression on penguins, the 2-8-1 network), plus the explained variance
of the PCA plane of a race on each model (format at models()).

Mappings from descent-core's rules to optax (see crates/core/src/optim.rs):
  gd        p <- p - a*g                                   optax.sgd(a)
  momentum  v <- b1*v + (1-b1)*g;  p <- p - a*v            optax.sgd(a*(1-b1), momentum=b1)
            (optax keeps t <- g + b1*t = v/(1-b1), and steps by -(a*(1-b1))*t)
  rmsprop   s <- b2*s + (1-b2)*g^2;  p <- p - a*g/(sqrt(s)+eps)
                                                           optax.rmsprop(a, decay=b2, eps=eps, eps_in_sqrt=False)
  adam      m, s as above with b1, b2; bias-corrected      optax.adam(a, b1, b2, eps)
  adamw     adam's step plus wd*p, times a                 optax.adamw(a, b1, b2, eps, weight_decay=wd)
Schedules (step t uses a*f(t-1); optax counts updates from 0):
  step      f(c) = drop^floor(c/every)        optax.exponential_decay(a, every, drop, staircase=True)
  cosine    warm-up c/W, then cosine to floor at D
                                     optax.warmup_cosine_decay_schedule(0, a, W, D, end_value=floor*a)

The surfaces are written out below with the same formulas as crates/core/src/surfaces; their
gradients come from jax.grad, so the test also checks descent-core's hand-written gradients.

File format (plain text, one case per block):
  case <surface> <method> <lr> <beta1> <beta2> <eps> <start w> <start b>
  <w> <b>          one line per step, the parameters after the step (Python repr, round-trips)
  end
"""
import math
import os

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import optax  # noqa: E402

STEPS = 100

# Ravine with kappa = 20 turned by 30 degrees (Rust: angle_deg.to_radians().sin_cos()).
KAPPA = 20.0
THETA = 30.0 * (math.pi / 180.0)
SIN, COS = math.sin(THETA), math.cos(THETA)


def ravine(p):
    w, b = p[0], p[1]
    u = w * COS + b * SIN
    v = -w * SIN + b * COS
    return 0.05 * (u * u + KAPPA * v * v)


def rosenbrock(p):
    w, b = p[0], p[1]
    return (1.0 - w) ** 2 + 100.0 * (b - w * w) ** 2


def himmelblau(p):
    w, b = p[0], p[1]
    return (w * w + b - 11.0) ** 2 + (w + b * b - 7.0) ** 2


SURFACES = {
    # name: (cost, starts, {method: learning rate})
    "ravine": (ravine, [(-4.0, 3.0), (4.5, 0.5)], {"gd": 0.8, "momentum": 0.8, "rmsprop": 0.1, "adam": 0.2}),
    "rosenbrock": (rosenbrock, [(-1.2, 1.0), (1.5, -0.5)], {"gd": 0.001, "momentum": 0.002, "rmsprop": 0.005, "adam": 0.05}),
    "himmelblau": (himmelblau, [(0.5, -0.5), (-4.0, 4.0)], {"gd": 0.01, "momentum": 0.01, "rmsprop": 0.05, "adam": 0.1}),
}
BETA1, EPS = 0.9, 1e-8
BETA2 = {"gd": 0.999, "momentum": 0.999, "rmsprop": 0.99, "adam": 0.999}


def optimizer(method, lr, b1, b2, eps):
    if method == "gd":
        return optax.sgd(lr)
    if method == "momentum":
        return optax.sgd(lr * (1.0 - b1), momentum=b1)
    if method == "rmsprop":
        return optax.rmsprop(lr, decay=b2, eps=eps, eps_in_sqrt=False)
    if method == "adam":
        return optax.adam(lr, b1=b1, b2=b2, eps=eps)
    raise ValueError(method)


def trajectory(cost, start, opt):
    grad = jax.jit(jax.grad(cost))
    p = jnp.array(start, dtype=jnp.float64)
    state = opt.init(p)
    out = []
    for _ in range(STEPS):
        g = grad(p)
        updates, state = opt.update(g, state, p)
        p = optax.apply_updates(p, updates)
        out.append((float(p[0]), float(p[1])))
    return out


def schedule_fn(lr, schedule):
    """The rate optax uses at update count c, for one of our schedules (name, params...)."""
    kind = schedule[0]
    if kind == "constant":
        return lr
    if kind == "step":
        every, drop = schedule[1], schedule[2]
        fn = optax.exponential_decay(lr, transition_steps=every, decay_rate=drop, staircase=True)
    elif kind == "cosine":
        warmup, horizon, floor = schedule[1], schedule[2], schedule[3]
        fn = optax.warmup_cosine_decay_schedule(0.0, lr, warmup, horizon, end_value=floor * lr)
    else:
        raise ValueError(kind)
    # optax keeps its update count as int32, and a schedule of an int32 count comes out float32;
    # counting in int64 keeps the reference in float64.
    return lambda count: fn(jnp.asarray(count, dtype=jnp.int64))


def scaled(rate, k):
    """A constant or a schedule, times k."""
    return (lambda c: k * rate(c)) if callable(rate) else k * rate


def optimizer_with(method, lr, b1, b2, eps, wd, schedule):
    rate = schedule_fn(lr, schedule)
    if method == "gd":
        return optax.sgd(rate)
    if method == "momentum":
        return optax.sgd(scaled(rate, 1.0 - b1), momentum=b1)
    if method == "rmsprop":
        return optax.rmsprop(rate, decay=b2, eps=eps, eps_in_sqrt=False)
    if method == "adam":
        return optax.adam(rate, b1=b1, b2=b2, eps=eps)
    if method == "adamw":
        return optax.adamw(rate, b1=b1, b2=b2, eps=eps, weight_decay=wd)
    raise ValueError(method)


def path(cost, start, opt, steps):
    """Every point of a run: the start, then the parameters after each step."""
    grad = jax.jit(jax.grad(cost))
    p = jnp.array(start, dtype=jnp.float64)
    state = opt.init(p)
    out = [[float(x) for x in p]]
    for _ in range(steps):
        updates, state = opt.update(grad(p), state, p)
        p = optax.apply_updates(p, updates)
        out.append([float(x) for x in p])
    return out


# ---------------------------------------------------------------- the real models

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def penguins():
    """crates/core/data/penguins.csv standardized as src/data/penguins.rs does, to the bit: the
    mean and the spread (population) of each column summed in row order (not Python's sum(),
    which compensates), then (x - mean) / spread. Labels: 1 for a chinstrap."""
    with open(os.path.join(REPO, "crates", "core", "data", "penguins.csv")) as f:
        lines = f.read().splitlines()
    head = lines[0].split(",")
    cols = [head.index(c) for c in FEATURES]
    raw, labels = [], []
    for line in lines[1:]:
        cells = line.split(",")
        raw.append([float(cells[c]) for c in cols])
        labels.append(1.0 if cells[head.index("species")] == "Chinstrap" else 0.0)
    m = len(raw)
    mean, spread = [], []
    for j in range(4):
        acc = 0.0
        for r in raw:
            acc += r[j]
        mu = acc / m
        acc = 0.0
        for r in raw:
            acc += (r[j] - mu) * (r[j] - mu)
        mean.append(mu)
        spread.append(math.sqrt(acc / m))
    x = [[(r[j] - mean[j]) / spread[j] for j in range(4)] for r in raw]
    return jnp.array(x, dtype=jnp.float64), jnp.array(labels, dtype=jnp.float64)


X, Y = penguins()


def cross_entropy(z):
    return jnp.mean(jax.nn.softplus(z) - Y * z)


def logreg(p):
    """Logistic regression on the four features: p = (w1..w4, b)."""
    return cross_entropy(X @ p[:4] + p[4])


HIDDEN = 8


def mlp(p):
    """2 -> 8 tanh -> 1 on bill length and depth: p = (w_k1, w_k2, b_k) for k = 1..8, v1..v8, c."""
    units = p[: 3 * HIDDEN].reshape(HIDDEN, 3)
    h = jnp.tanh(X[:, :2] @ units[:, :2].T + units[:, 2])
    return cross_entropy(h @ p[3 * HIDDEN : 4 * HIDDEN] + p[4 * HIDDEN])


M64, M128 = (1 << 64) - 1, (1 << 128) - 1
PCG_MULT = 0x2360ED051FC65DA44385DF649FCCF645


class Pcg64:
    """src/rng.rs: PCG XSL RR 128/64 (rand_pcg::Pcg64) with the crate's fixed seeding."""

    def __init__(self, seed, stream):
        self.inc = (((0xDA3E39CB94B95BDB ^ stream) << 1) | 1) & M128
        self.state = (((seed << 64) | 0x853C49E6748FEA9B) + self.inc) & M128
        self.step()

    def step(self):
        self.state = (self.state * PCG_MULT + self.inc) & M128

    def next_u64(self):
        self.step()
        s = self.state
        rot = s >> 122
        xsl = ((s >> 64) ^ s) & M64
        return ((xsl >> rot) | (xsl << (64 - rot))) & M64 if rot else xsl

    def uniform(self):
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))

    def range(self, lo, hi):
        return lo + (hi - lo) * self.uniform()


def mlp_start(seed):
    """src/surfaces/mlp.rs: Glorot-uniform from stream 4, hidden weights then output weights, biases 0."""
    rng = Pcg64(seed, 4)
    hidden, output = math.sqrt(6.0 / 10.0), math.sqrt(6.0 / 9.0)
    p = [0.0] * (4 * HIDDEN + 1)
    for k in range(HIDDEN):
        for j in range(2):
            p[3 * k + j] = rng.range(-hidden, hidden)
    for k in range(HIDDEN):
        p[3 * HIDDEN + k] = rng.range(-output, output)
    return p


B1, B2, EPS, WD = 0.9, 0.999, 1e-8, 0.01
# The races whose PCA planes are checked: (surface, cost, start, steps, [(method, lr)]), every
# run with the scene's defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8, wd = 0.01, constant rate.
RACES = [
    ("penguins", logreg, [0.0] * 5, 200, [("gd", 1.0), ("momentum", 1.0), ("rmsprop", 0.05), ("adam", 0.05), ("adamw", 0.05)]),
    ("mlp", mlp, mlp_start(1), 150, [("gd", 1.0), ("momentum", 1.0), ("adam", 0.02), ("adamw", 0.02)]),
]
# More single cases: (surface, cost, start, steps, method, lr, wd, schedule).
EXTRA = [
    ("ravine", ravine, (-4.0, 3.0), 100, "adamw", 0.2, 0.1, ("constant",)),
    ("rosenbrock", rosenbrock, (-1.2, 1.0), 100, "adamw", 0.05, 0.01, ("constant",)),
    ("himmelblau", himmelblau, (-4.0, 4.0), 100, "adamw", 0.1, 0.5, ("constant",)),
    ("ravine", ravine, (-4.0, 3.0), 100, "gd", 0.8, WD, ("step", 25, 0.5)),
    ("rosenbrock", rosenbrock, (-1.2, 1.0), 100, "momentum", 0.002, WD, ("cosine", 10, 80, 0.1)),
    ("himmelblau", himmelblau, (0.5, -0.5), 100, "rmsprop", 0.05, WD, ("step", 30, 0.3)),
    ("ravine", ravine, (4.5, 0.5), 100, "adam", 0.2, WD, ("cosine", 0, 100, 0.0)),
    ("rosenbrock", rosenbrock, (1.5, -0.5), 100, "adamw", 0.05, 0.1, ("cosine", 20, 100, 0.05)),
    ("penguins", logreg, [0.0] * 5, 200, "adamw", 0.05, 0.1, ("cosine", 20, 200, 0.0)),
    ("penguins", logreg, [0.0] * 5, 200, "gd", 2.0, WD, ("step", 50, 0.5)),
    ("mlp", mlp, mlp_start(1), 150, "adam", 0.05, WD, ("cosine", 15, 150, 0.1)),
    ("mlp", mlp, mlp_start(7), 150, "momentum", 1.0, WD, ("constant",)),
]


def recorded(steps):
    """The steps whose parameters models.txt keeps: the first three, then every tenth, and the last."""
    return sorted({1, 2, 3, steps} | set(range(10, steps + 1, 10)))


def case_lines(name, cost, start, steps, method, lr, wd, schedule):
    run = path(cost, start, optimizer_with(method, lr, B1, B2, EPS, wd, schedule), steps)
    lines = [
        f"case surface={name} method={method} lr={lr!r} beta1={B1!r} beta2={B2!r} eps={EPS!r} wd={wd!r} "
        f"schedule={':'.join(str(x) for x in schedule)} steps={steps} start={','.join(repr(float(x)) for x in start)}"
    ]
    for t in recorded(steps):
        lines.append(f"{t} " + " ".join(repr(x) for x in run[t]))
    lines.append("end")
    return run, lines


def explained_variance(runs, origin):
    """numpy's SVD of the rows theta_t - theta* over every point of every run (not centred: the
    plane through theta*): each of the first two singular values squared over the sum of all."""
    rows = np.array([p for run in runs for p in run]) - np.array(origin)
    s = np.linalg.svd(rows, compute_uv=False)
    return (s[:2] ** 2) / np.sum(s**2)


def models():
    """models.txt, plain text:
      case surface=<s> method=<m> lr= beta1= beta2= eps= wd= schedule=<name[:params]> steps=<n> start=<p,...>
      <t> <p...>       the parameters after step t, for the recorded steps
      end
      pca scene=<query> steps=<n> origin=<run> explained=<e1>,<e2>
    A pca line follows the cases of its race: the scene runs them all at once; origin is the run
    with the lowest final cost, whose final weights the plane passes through."""
    lines = [
        "# Trajectories from optax and PCA explained variance from numpy (float64), made by make_golden.py; do not edit.",
        f"# jax {jax.__version__}, optax {optax.__version__}, numpy {np.__version__}",
    ]
    for name, cost, start, steps, runs in RACES:
        paths = []
        for method, lr in runs:
            run, block = case_lines(name, cost, start, steps, method, lr, WD, ("constant",))
            paths.append(run)
            lines.extend(block)
        finals = [float(cost(jnp.array(run[-1]))) for run in paths]
        origin = int(np.argmin(finals))
        ev = explained_variance(paths, paths[origin][-1])
        opts = ",".join(m for m, _ in runs)
        rates = ",".join(repr(lr) for _, lr in runs)
        scene = f"surface={name}&opt={opts}&lr={rates}"
        lines.append(f"pca scene={scene} steps={steps} origin={origin} explained={float(ev[0])!r},{float(ev[1])!r}")
    for name, cost, start, steps, method, lr, wd, schedule in EXTRA:
        lines.extend(case_lines(name, cost, start, steps, method, lr, wd, schedule)[1])
    return lines


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    lines = [
        "# Optimizer trajectories from optax (float64), made by make_golden.py; do not edit.",
        f"# jax {jax.__version__}, optax {optax.__version__}",
    ]
    for name, (cost, starts, rates) in SURFACES.items():
        for method, lr in rates.items():
            for start in starts:
                b2 = BETA2[method]
                lines.append(f"case {name} {method} {lr!r} {BETA1!r} {b2!r} {EPS!r} {start[0]!r} {start[1]!r}")
                for w, b in trajectory(cost, start, optimizer(method, lr, BETA1, b2, EPS)):
                    lines.append(f"{w!r} {b!r}")
                lines.append("end")
    with open(os.path.join(here, "golden.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(here, "models.txt"), "w") as f:
        f.write("\n".join(models()) + "\n")


if __name__ == "__main__":
    main()
