// Made by make_stream.py (an independent implementation of the stream and the data sets);
// do not edit. Included by the tests of crates/core/src/{rng,data}.rs and crates/wasm/tests/web.rs.

/// (seed, stream, the first four `next_u64` draws of `Rng::new(seed, stream)`).
pub const STREAM_DRAWS: [(u32, u64, [u64; 4]); 3] = [
    (1, 0, [0xdf326236058bc057, 0xcb44bb8f4a5e1691, 0x90c8f8624d492c63, 0xd70edaf8be44ef80]),
    (2, 0, [0xe3d97f383c221f11, 0x3e0da8a31b522db5, 0x8362f30a0bd312be, 0x171b8f11736d8585]),
    (1, 3, [0x951a7acf0fd7e349, 0x1da0c153517a5245, 0x0fad83ad0323ec9b, 0x50ffa3ce7f7fec38]),
];

/// (seed, the first four rows (x, y) of `Dataset::linreg(40, seed)`).
pub const LINREG_ROWS: [(u32, [(f64, f64); 4]); 2] = [
    (1, [(3.253958015694701, 4.212658492999484), (3.1536682516255174, 4.414852253589924), (2.825807270296433, 4.324202727140359), (3.0543496284128637, 4.492397673697202)]),
    (7, [(1.8986710184346625, 3.255052900656693), (3.791016918056592, 4.921593744677383), (3.3789278202708326, 5.160879007405146), (3.56852889391923, 4.299080645531442)]),
];

/// (seed, the first four rows (x, y) of `Dataset::cats(40, seed)`).
pub const CATS_ROWS: [(u32, [(f64, f64); 4]); 1] = [
    (1, [(-2.0762733775024698, 0.0), (-1.10864894508209, 0.0), (2.79970200835392, 1.0), (-0.5184656411947035, 0.0)]),
];
