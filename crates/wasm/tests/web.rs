//! The session handle in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use descent_wasm::{check_scene, Session};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_session_steps_and_reports() {
    let mut s = Session::new("surface=line&opt=gd&lr=0.1&start=2").expect("scene is valid");
    assert_eq!(s.params(), vec![2.0]);
    let g0 = s.gradient()[0];
    assert!(g0 > 0.0, "slope at w=2 is positive");
    assert_eq!(s.step(1), 1);
    assert_eq!(s.iteration(), 1.0);
    // p ← p − α·g
    assert!((s.params()[0] - (2.0 - 0.1 * g0)).abs() < 1e-12);
    assert!(!s.diverged());
    let st = s.state();
    let t = js_sys::Reflect::get(&st, &"t".into()).unwrap().as_f64().unwrap();
    assert_eq!(t, 1.0);
    // The canonical string rebuilds the same scene.
    let again = Session::new(&s.to_query()).unwrap();
    assert_eq!(again.to_query(), s.to_query());
}

#[wasm_bindgen_test]
fn a_bad_scene_throws_an_error_naming_key_and_value() {
    let err = Session::new("lr=banana").err().expect("must fail");
    let js: wasm_bindgen::JsValue = err.into();
    let msg = js.dyn_into::<js_sys::Error>().unwrap().message().as_string().unwrap();
    assert!(msg.contains("\"lr\"") && msg.contains("banana"), "{msg}");
    assert!(check_scene("lr=banana", "ko").unwrap().contains("lr"));
    assert!(check_scene("lr=0.5", "en").is_none());
}

#[wasm_bindgen_test]
fn a_blow_up_stops_cleanly() {
    let mut s = Session::new("surface=line&lr=5&start=2").unwrap();
    let taken = s.step(1000);
    assert!(taken < 1000);
    assert!(s.diverged());
    assert!(s.params()[0].is_finite() && s.loss().is_finite());
    let msg = s.divergence_message(0, "en").unwrap();
    assert!(msg.contains("diverged at step") && msg.contains("> 2"), "{msg}");
}

#[wasm_bindgen_test]
fn a_race_has_one_run_per_optimizer() {
    let mut s = Session::new("surface=ravine&opt=gd,momentum,adam&lr=0.5,0.5,0.1").unwrap();
    assert_eq!(s.runs(), 3);
    s.step(10);
    for i in 0..3 {
        assert_eq!(s.iteration_of(i), 10.0);
    }
    assert_eq!(s.method_of(2), "adam");
}

/// The literals pinned natively (crates/core/src/rng.rs and data.rs), made by an independent
/// implementation (crates/core/tests/golden/make_stream.py).
#[allow(dead_code)]
mod pinned {
    include!("../../core/tests/golden/stream.rs");
}

/// The README promises the same data on every platform: the browser's WebAssembly gives the
/// natively pinned stream and data rows, bit for bit.
#[wasm_bindgen_test]
fn the_stream_and_the_data_sets_are_the_native_ones() {
    use descent_core::rng::Rng;
    for (seed, stream, want) in pinned::STREAM_DRAWS {
        let mut r = Rng::new(seed, stream);
        assert_eq!((0..4).map(|_| r.next_u64()).collect::<Vec<_>>(), want, "Rng::new({seed}, {stream})");
    }
    // Through the handle the page uses: the data rows behind `surface=linreg` / `cats`.
    for (kind, pinned) in [("linreg", &pinned::LINREG_ROWS[..]), ("cats", &pinned::CATS_ROWS[..])] {
        for &(seed, rows) in pinned {
            let s = Session::new(&format!("surface={kind}&m=40&seed={seed}")).unwrap();
            let want: Vec<f64> = rows.iter().flat_map(|&(x, y)| [x, y]).collect();
            assert_eq!(s.data_rows(4), want, "{kind}, seed {seed}");
        }
    }
}
