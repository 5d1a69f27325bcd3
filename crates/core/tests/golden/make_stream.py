#!/usr/bin/env python3
"""Writes stream.rs beside it: the literals that crates/core/src/rng.rs and data.rs pin natively and
crates/wasm/tests/web.rs pins in the browser (both `include!` it): the first draws of the seeded
stream and the first rows of the `linreg` and `cats` data sets.

    python3 crates/core/tests/golden/make_stream.py

Written from the PCG paper (O'Neill 2014, PCG XSL RR 128/64: a 128-bit LCG with multiplier
0x2360ED051FC65DA44385DF649FCCF645, output xor of the two halves rotated right by the top six
bits) and the seeding and drawing rules stated in rng.rs's and data.rs's doc comments, not from
their code: if either drifts from what it documents (a new generator, another seeding, another
draw), the Rust tests fail. Python floats are IEEE doubles and every operation below is exact
or correctly rounded, so the printed values are the bits the Rust code must give.
"""
M128 = (1 << 128) - 1
MULT = 0x2360ED051FC65DA44385DF649FCCF645


class Pcg64:
    """PCG XSL RR 128/64 as rand_pcg::Pcg64::new(state, stream) seeds it: inc = 2·stream + 1,
    state ← (state + inc)·MULT + inc; each draw steps the LCG first, then outputs."""

    def __init__(self, state, stream):
        self.inc = ((stream << 1) | 1) & M128
        self.state = ((state + self.inc) * MULT + self.inc) & M128

    def next_u64(self):
        self.state = (self.state * MULT + self.inc) & M128
        s = self.state
        rot = s >> 122
        x = ((s >> 64) ^ s) & ((1 << 64) - 1)
        return ((x >> rot) | (x << (64 - rot))) & ((1 << 64) - 1) if rot else x

    def uniform(self):
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))


def rng(seed, stream):
    # rng.rs: state = seed·2⁶⁴ | 0x853c49e6748fea9b, stream = 0xda3e39cb94b95bdb ^ stream.
    return Pcg64((seed << 64) | 0x853C49E6748FEA9B, 0xDA3E39CB94B95BDB ^ stream)


def normal_exact(r):
    s = 0.0
    for _ in range(12):
        s += r.uniform()
    return s - 6.0


def linreg(m, seed):
    r = rng(seed, 1)
    rows = []
    for _ in range(m):
        x = 1.0 + (5.0 - 1.0) * r.uniform()
        rows.append((x, 1.2 * x + 0.5 + 0.6 * normal_exact(r)))
    return rows


def cats(m, seed):
    r = rng(seed, 1)
    rows = []
    for _ in range(m):
        cat = r.uniform() < 0.5
        centre = 6.5 if cat else 3.5
        rows.append((min(max(centre + 1.8 * normal_exact(r), 0.0), 10.0) - 5.0, 1.0 if cat else 0.0))
    return rows


def rust():
    out = ["// Made by make_stream.py (an independent implementation of the stream and the data sets);",
           "// do not edit. Included by the tests of crates/core/src/{rng,data}.rs and crates/wasm/tests/web.rs.",
           "",
           "/// (seed, stream, the first four `next_u64` draws of `Rng::new(seed, stream)`).",
           "pub const STREAM_DRAWS: [(u32, u64, [u64; 4]); 3] = ["]
    for seed, stream in [(1, 0), (2, 0), (1, 3)]:
        r = rng(seed, stream)
        draws = ", ".join(f"0x{r.next_u64():016x}" for _ in range(4))
        out.append(f"    ({seed}, {stream}, [{draws}]),")
    out.append("];")
    for kind, make, seeds in [("linreg", linreg, [1, 7]), ("cats", cats, [1])]:
        out += ["", f"/// (seed, the first four rows (x, y) of `Dataset::{kind}(40, seed)`).",
                f"pub const {kind.upper()}_ROWS: [(u32, [(f64, f64); 4]); {len(seeds)}] = ["]
        for seed in seeds:
            rows = ", ".join(f"({x!r}, {y!r})" for x, y in make(40, seed)[:4])
            out.append(f"    ({seed}, [{rows}]),")
        out.append("];")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import os
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "stream.rs"), "w") as f:
        f.write(rust())
