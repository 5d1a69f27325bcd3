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
    assert!(s.divergence_message(0, "ko").unwrap().contains("발산해서 멈췄어요"));
}

/// A run that slides off a saddle's open side (local-optima/6) is stopped for leaving the map,
/// but no smaller α would help: the message says the cost has no bottom that way.
#[wasm_bindgen_test]
fn a_run_off_a_saddle_is_told_apart_from_a_blow_up() {
    let mut s = Session::new("surface=saddle&opt=gd&lr=0.05&start=1.8,0.001").unwrap();
    s.step(1000);
    assert!(s.diverged());
    let en = s.divergence_message(0, "en").unwrap();
    assert!(en.contains("keeps falling") && !en.contains("smaller learning rate"), "{en}");
    let ko = s.divergence_message(0, "ko").unwrap();
    assert!(ko.contains("바닥이 없어요") && !ko.contains("학습률"), "{ko}");
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

fn state_numbers(s: &Session, run: usize, key: &str) -> Vec<f64> {
    let v = js_sys::Reflect::get(&s.state_of(run), &key.into()).unwrap();
    match v.as_f64() {
        Some(x) => vec![x],
        None => v.dyn_into::<js_sys::Float64Array>().unwrap().to_vec(),
    }
}

#[wasm_bindgen_test]
fn set_start_clamps_into_the_domain_rounds_and_restarts() {
    // The bowl C = ½(w² + b²) on [−3, 3]², where one GD step with α = ½ halves the point.
    let mut s = Session::new("surface=bowl&opt=gd&lr=0.5&start=1,1").unwrap();
    s.step(3);
    s.set_start(&[2.0, -1.5]);
    assert_eq!((s.params(), s.start_point(), s.iteration()), (vec![2.0, -1.5], vec![2.0, -1.5], 0.0));
    s.step(1);
    assert_eq!(s.params(), vec![1.0, -0.75]);
    // Outside the domain: clamped to its edge; the start kept to three decimals, as links write it.
    s.set_start(&[10.0, -1e9]);
    assert_eq!(s.params(), vec![3.0, -3.0]);
    s.set_start(&[0.12345, f64::NAN]);
    assert_eq!(s.params(), vec![0.123, -3.0], "a non-finite coordinate goes to the domain's low edge");
    assert!(s.to_query().contains("start=0.123,-3"), "{}", s.to_query());
}

#[wasm_bindgen_test]
fn labels_name_the_optimizer_and_a_mini_batch() {
    let s = Session::new("surface=cats&opt=gd,gd,sgd,adam&batch=all,8,1,4").unwrap();
    let labels: Vec<String> = (0..4).map(|i| s.label_of(i)).collect();
    assert_eq!(labels, ["GD", "GD (8)", "SGD", "Adam (4)"]);
    // A batch larger than the data set is all of it: m = 5 rows.
    assert_eq!(Session::new("surface=cats&m=5&opt=gd&batch=8").unwrap().label_of(0), "GD (5)");
    assert_eq!(s.label_of(9), "");
}

#[wasm_bindgen_test]
fn the_effective_rate_follows_each_rule() {
    // From (2, −1) on the bowl the first gradient is g = (2, −1), so after one step:
    // GD: α. RMSprop: s = (1 − β₂)·g², rate α/(√s + ε). Adam and AdaGrad: ŝ = s = g², rate α/(|g| + ε).
    let mut s = Session::new("surface=bowl&opt=gd,rmsprop,adam,adagrad&lr=0.1&beta2=0.9&start=2,-1").unwrap();
    assert_eq!(state_numbers(&s, 1, "effectiveRate"), vec![0.1 / 1e-8, 0.1 / 1e-8], "s = 0 before any step");
    s.step(1);
    let close = |got: Vec<f64>, want: [f64; 2], what: &str| {
        assert!(got.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12 * b), "{what}: {got:?} vs {want:?}");
    };
    close(state_numbers(&s, 0, "effectiveRate"), [0.1, 0.1], "gd");
    close(
        state_numbers(&s, 1, "effectiveRate"),
        [0.1 / (0.4f64.sqrt() + 1e-8), 0.1 / (0.1f64.sqrt() + 1e-8)],
        "rmsprop",
    );
    close(state_numbers(&s, 2, "effectiveRate"), [0.1 / (2.0 + 1e-8), 0.1 / (1.0 + 1e-8)], "adam");
    close(state_numbers(&s, 3, "effectiveRate"), [0.1 / (2.0 + 1e-8), 0.1 / (1.0 + 1e-8)], "adagrad");
}

#[wasm_bindgen_test]
fn examples_seen_count_the_rows_each_step_used() {
    // 20 rows in batches of 8: an epoch is 8 + 8 + 4 rows, so four steps see 8 + 8 + 4 + 8 = 28.
    let mut s = Session::new("surface=cats&m=20&opt=gd,gd,sgd&batch=all,8,1").unwrap();
    s.step(4);
    let seen: Vec<f64> = (0..3).flat_map(|i| state_numbers(&s, i, "examplesSeen")).collect();
    assert_eq!(seen, vec![80.0, 28.0, 4.0]);
    assert_eq!(state_numbers(&s, 1, "lastRows").len(), 8);
    // An analytic surface has no examples.
    let mut b = Session::new("surface=bowl&opt=sgd").unwrap();
    b.step(5);
    assert_eq!(state_numbers(&b, 0, "examplesSeen"), vec![0.0]);
}

#[wasm_bindgen_test]
fn narration_tells_the_step_in_both_languages() {
    // The parabola of the six points: Σx² = 22.75, Σxy = 18.2, Σy² = 14.76, m = 6, so
    // C'(w) = (22.75·w − 18.2)/6. From w = 2 with α = 0.1: C'(2) = 4.55, w₁ = 1.545,
    // C'(w₁) = 2.8247916…, C(w₁) = (22.75·w₁² − 2·18.2·w₁ + 14.76)/12 = 1.0689015625.
    let mut s = Session::new("surface=line&opt=gd&lr=0.1&start=2").unwrap();
    s.step(1);
    assert_eq!(s.narration("en"), "step 1: w = 1.545, slope +2.825, cost 1.0689");
    assert_eq!(s.narration("ko"), "1번째 걸음: w = 1.545, 기울기 +2.825, 비용 1.0689");
    // A race names each run. On the bowl from (2, −1): GD with α = ½ halves the point; Adam's
    // first step is α·sign(g) (m̂ = g, ŝ = g²), to (1.9, −0.9).
    let mut r = Session::new("surface=bowl&opt=gd,adam&lr=0.5,0.1&start=2,-1").unwrap();
    r.step(1);
    assert_eq!(
        r.narration("en"),
        "GD: step 1: w = 1.000, b = −0.500, slope (+1.000, −0.500), cost 0.6250; \
         Adam: step 1: w = 1.900, b = −0.900, slope (+1.900, −0.900), cost 2.2100"
    );
    // A run that blew up says so.
    let mut d = Session::new("surface=line&lr=5&start=2").unwrap();
    d.step(1000);
    assert!(d.narration("en").ends_with(" (stopped: diverged)"), "{}", d.narration("en"));
    assert!(d.narration("ko").ends_with(" (발산하여 멈춤)"), "{}", d.narration("ko"));
}

#[cfg(not(feature = "three-d"))]
#[wasm_bindgen_test]
fn the_lean_module_says_the_models_need_a_larger_one() {
    for q in ["surface=penguins", "surface=mlp&start=0,0"] {
        let msg = check_scene(q, "en").expect("refused in the lean module");
        assert!(msg.contains("surface") && msg.contains("larger web module"), "{msg}");
    }
    // AdamW and the schedules are everywhere.
    assert!(check_scene("surface=ravine&opt=adamw&wd=0.1&schedule=cosine&warmup=10&horizon=200", "en").is_none());
}

#[cfg(feature = "three-d")]
fn get(o: &wasm_bindgen::JsValue, k: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(o, &k.into()).unwrap()
}

// The real models live in the modules with the 3-D view (`--features three-d`).
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn the_penguin_data_and_the_network_start_are_the_same_bits_as_natively() {
    // The literals pinned by the core's native tests (src/data/penguins.rs, tests/models.rs).
    let s = Session::new("surface=penguins").unwrap();
    assert_eq!((s.dim(), s.data_count(), s.data_width()), (5, 342, 4));
    assert_eq!(
        s.data_rows(1),
        vec![-0.8844987420334929, 0.7854492273303145, -1.418346649339451, -0.564142077099551, 0.0]
    );
    assert_eq!(s.param_names(), ["w1", "w2", "w3", "w4", "b"]);
    assert_eq!(s.bounds().len(), 10);
    let net = Session::new("surface=mlp&seed=1").unwrap();
    assert_eq!(net.dim(), 33);
    assert_eq!(net.params()[..2], [-0.24477693784054033, -0.015315116205167345]);
}

// The real models live in the modules with the 3-D view (`--features three-d`).
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn a_model_trains_in_epochs_and_reports_accuracy() {
    let mut s =
        Session::new("surface=penguins&opt=gd,adamw&lr=0.5,0.05&batch=32&schedule=step&every=5&drop=0.5").unwrap();
    assert_eq!(s.step(11), 11);
    for i in 0..2 {
        assert_eq!(s.epochs_of(i), 1.0);
        let st = s.state_of(i);
        assert_eq!(get(&st, "epochs").as_f64(), Some(1.0));
    }
    // Step decay: after 11 steps the next one uses α·0.5² (drops after steps 5 and 10).
    assert_eq!(get(&s.state_of(0), "rate").as_f64(), Some(0.5 * 0.25));
    let acc = s.accuracy_of(0).unwrap();
    assert!(acc > 0.8 && acc <= 1.0, "{acc}");
    assert!(Session::new("surface=bowl").unwrap().accuracy_of(0).is_none());
    // A decision boundary's colours: P(chinstrap) for rows of features.
    let p = s.probabilities(0, &[1.0, 1.0, -0.5, -0.5, -1.0, 0.5, -1.0, -1.0]);
    assert_eq!(p.len(), 2);
    assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
    // The narration speaks of cost, accuracy and steepness, not of 5 numbers.
    let n = s.narration("en");
    assert!(n.contains("% right") && n.contains("gradient length"), "{n}");
    assert!(s.narration("ko").contains("정확도"));
    // The CSV names every parameter.
    assert!(s.csv().starts_with("optimizer,step,w1,w2,w3,w4,b,gradient_w1,"), "{}", &s.csv()[..80]);
}

// The real models live in the modules with the 3-D view (`--features three-d`).
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn the_landscape_fills_in_slices_and_reports_its_plane() {
    let mut s = Session::new("surface=mlp&opt=gd,adam&lr=1,0.02").unwrap();
    // Before any step, no plane fits the paths: a message, not a slice.
    assert!(s.start_landscape("pca", 0, "en").unwrap().contains("steps"));
    assert!(!s.landscape_work(100));
    assert!(s.start_landscape("sideways", 0, "ko").is_some());
    s.step(100);
    assert!(s.start_landscape("pca", 99, "en").is_none());
    assert_eq!(s.landscape_plane().as_deref(), Some("pca"));
    let n = Session::landscape_grid();
    let mut slices = 0;
    while s.landscape_work(200) {
        slices += 1;
        assert_eq!(s.landscape_done(), 200 * slices);
        assert_eq!(s.landscape_values().len(), 200 * slices);
    }
    assert_eq!(s.landscape_done(), n * n);
    assert!(s.landscape_values().iter().all(|v| v.is_finite() && *v > 0.0));
    let e = s.explained_variance();
    assert!(e.len() == 2 && e[0] >= e[1] && e[0] + e[1] <= 1.0 + 1e-12, "{e:?}");
    // Asked for run 99, the slice passes through the lower run's weights.
    let lower = if s.loss_of(0) <= s.loss_of(1) { 0 } else { 1 };
    assert_eq!(s.landscape_origin(), Some(lower));
    let r = s.landscape_range();
    assert!(r[0] < 0.0 && r[1] > 0.0 && r[2] < r[3]);
    // Each run's path in the plane: 101 points (start and 100 steps), ending at (0, 0) for the origin.
    let path = s.landscape_path(lower);
    assert_eq!(path.len(), 2 * 101);
    assert!(path[200].abs() < 1e-12 && path[201].abs() < 1e-12);
    // A random plane: no explained variance, and it holds little of the paths.
    assert!(s.start_landscape("random", 1, "en").is_none());
    assert!(s.explained_variance().is_empty());
    assert!(s.landscape_captured().unwrap() < 0.5);
    // Resetting the runs drops the slice.
    s.reset();
    assert_eq!((s.landscape_done(), s.landscape_plane()), (0, None));
}

// The real models live in the modules with the 3-D view (`--features three-d`).
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn a_plane_view_of_a_model_shows_a_note_instead_of_failing() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas = || doc.create_element("canvas").unwrap().dyn_into::<web_sys::HtmlCanvasElement>().unwrap();
    let s = Session::new("surface=mlp").unwrap();
    for kind in ["contour", "curve", "basins", "scatter"] {
        let mut v = descent_wasm::View::new(kind, canvas(), canvas(), false).unwrap();
        v.resize(300.0, 200.0, 1.0);
        assert!(!v.draw(&s), "{kind}");
        assert!(!v.draw(&s) && !v.work(&s, 8.0), "{kind}");
        assert_eq!(v.backgrounds(), 1, "{kind}: the note is drawn once");
        assert!(v.pointer(&s, 150.0, 100.0).is_none());
    }
}

#[cfg(feature = "three-d")]
fn status(v: &descent_wasm::View, k: &str) -> String {
    get(&v.status().into(), k).as_string().unwrap_or_default()
}

// A slice is made for runs at rest, filled by `work`, and stays put while they play.
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn a_slice_view_is_made_at_rest_and_matches_the_session() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas = || doc.create_element("canvas").unwrap().dyn_into::<web_sys::HtmlCanvasElement>().unwrap();
    let mut s = Session::new("surface=mlp&opt=gd,adam&lr=1,0.02&batch=32").unwrap();
    let mut v = descent_wasm::View::new("slice", canvas(), canvas(), false).unwrap();
    v.resize(300.0, 240.0, 1.0);
    // No steps yet: no slice (a note says why), nothing to fill.
    assert!(!v.draw(&s));
    assert_eq!(status(&v, "sliceStep"), "");
    s.step(40);
    assert!(v.draw(&s), "a new slice has its lattice to fill");
    while v.work(&s, 8.0) {}
    assert_eq!(status(&v, "sliceStep"), "40");
    assert_eq!(status(&v, "sliceDone"), "1681");
    assert!(s.start_landscape("pca", 99, "en").is_none());
    let want: Vec<String> = s.explained_variance().iter().map(|x| x.to_string()).collect();
    assert_eq!(status(&v, "sliceExplained"), want.join(","));
    // Playing: the runs move on, the slice does not.
    v.set_playing(true);
    s.step(10);
    assert!(!v.draw(&s));
    assert_eq!(status(&v, "sliceStep"), "40");
    // At rest again: remade for step 50.
    v.set_playing(false);
    assert!(v.draw(&s));
    while v.work(&s, 8.0) {}
    assert_eq!(status(&v, "sliceStep"), "50");
    assert_eq!(v.legend(&s).length(), 2);
    assert!(v.probe_key(&s, "start").is_some_and(|w| w.contains("a = ")));
}

// The boundary's map: drawn at once for a new scene, then redone only when the weights moved enough.
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn the_boundary_is_redrawn_when_the_weights_move_enough() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas = || doc.create_element("canvas").unwrap().dyn_into::<web_sys::HtmlCanvasElement>().unwrap();
    let mut s = Session::new("surface=mlp&opt=adam&lr=0.05&batch=32").unwrap();
    let mut v = descent_wasm::View::new("boundary", canvas(), canvas(), false).unwrap();
    v.resize(300.0, 240.0, 1.0);
    assert!(!v.draw(&s));
    assert_eq!((status(&v, "boundaryStep").as_str(), status(&v, "boundaryMaps").as_str()), ("0", "1"));
    // Nothing moved: no new map.
    assert!(!v.draw(&s));
    s.step(30);
    assert!(v.draw(&s), "the weights moved: a new map is computed");
    while v.work(&s, 8.0) {}
    assert_eq!((status(&v, "boundaryStep").as_str(), status(&v, "boundaryMaps").as_str()), ("30", "2"));
    assert_eq!(v.legend(&s).length(), 3);
    // A boundary on logistic regression's four features is a note, not a picture.
    let lr = Session::new("surface=penguins").unwrap();
    let mut n = descent_wasm::View::new("boundary", canvas(), canvas(), false).unwrap();
    n.resize(300.0, 240.0, 1.0);
    assert!(!n.draw(&lr) && !n.work(&lr, 8.0));
    assert_eq!(n.backgrounds(), 1);
}

// The accuracy chart is a chart like the loss: it draws, reads values and has the runs' legend.
#[cfg(feature = "three-d")]
#[wasm_bindgen_test]
fn the_accuracy_chart_reads_the_sessions_accuracy() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas = || doc.create_element("canvas").unwrap().dyn_into::<web_sys::HtmlCanvasElement>().unwrap();
    let mut s = Session::new("surface=penguins&opt=gd,sgd&lr=0.5,0.05&show=epochs").unwrap();
    s.step(12);
    let mut v = descent_wasm::View::new("accuracy", canvas(), canvas(), false).unwrap();
    v.resize(300.0, 240.0, 1.0);
    v.draw(&s);
    let words = v.probe_key(&s, "start").unwrap();
    let want = descent_wasm::format_number(100.0 * s.accuracy_of(0).unwrap(), 1, "fixed");
    assert!(words.contains(&format!("step 12: right {want} %, epoch 12.00")), "{words}");
    assert_eq!(v.legend(&s).length(), 2);
}
