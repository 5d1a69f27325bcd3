//! The session handle in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use descent_wasm::{check_scene, scene_table, Session};
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
fn the_scene_table_is_json_the_page_can_read() {
    let t = js_sys::JSON::parse(&scene_table()).expect("valid JSON");
    let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap();
    let keys: js_sys::Array = get(&t, "keys").dyn_into().unwrap();
    assert_eq!(keys.length() as usize, descent_core::scene::KEYS.len());
    let lr = keys.iter().find(|k| get(k, "key").as_string().as_deref() == Some("lr")).unwrap();
    let slider = js_sys::Array::from(&get(&lr, "controls")).get(0);
    assert_eq!(get(&slider, "min").as_f64(), Some(0.001));
    assert_eq!(get(&slider, "scale").as_string().as_deref(), Some("log"));
    let surfaces = js_sys::Array::from(&get(&get(&t, "lists"), "surfaces"));
    assert_eq!(get(&surfaces.get(0), "label").as_string().as_deref(), Some("surfaceName.bowl"));
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
