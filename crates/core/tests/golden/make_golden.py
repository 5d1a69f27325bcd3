#!/usr/bin/env python3
"""Makes golden.txt: optimizer trajectories computed by optax, in float64.

    pip install jax optax && python3 crates/core/tests/golden/make_golden.py

The Rust test (crates/core/tests/golden.rs) replays every case with descent-core's optimizers and
surfaces and asserts agreement to 1e-10 relative. It needs only golden.txt, not Python.

Mappings from descent-core's rules to optax (see crates/core/src/optim.rs):
  gd        p <- p - a*g                                   optax.sgd(a)
  momentum  v <- b1*v + (1-b1)*g;  p <- p - a*v            optax.sgd(a*(1-b1), momentum=b1)
            (optax keeps t <- g + b1*t = v/(1-b1), and steps by -(a*(1-b1))*t)
  rmsprop   s <- b2*s + (1-b2)*g^2;  p <- p - a*g/(sqrt(s)+eps)
                                                           optax.rmsprop(a, decay=b2, eps=eps, eps_in_sqrt=False)
  adam      m, s as above with b1, b2; bias-corrected      optax.adam(a, b1, b2, eps)

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


if __name__ == "__main__":
    main()
