//! The session handle JS holds: build from a scene string, step, read small results back.

use descent_core::format::number;
#[cfg(feature = "three-d")]
use descent_core::landscape::{Landscape, Plane, GRID};
use descent_core::scene::{Lang, Scene};
use descent_core::session::{Cause, Session as Core};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// A running scene: a surface and one run per optimizer. Methods without a run index read run 0.
#[wasm_bindgen]
pub struct Session {
    pub(crate) inner: Core,
    /// Bumped whenever the runs restart (reset, new start), so views know to redraw.
    pub(crate) revision: u32,
    /// The loss-landscape slice being filled, and the run whose weights it passes through.
    #[cfg(feature = "three-d")]
    landscape: Option<(Landscape, usize)>,
}

/// The page's message for a bad scene string, in `lang` (a page language; Korean or English), or `undefined` if it is fine.
#[wasm_bindgen(js_name = checkScene)]
pub fn check_scene(query: &str, lang: &str) -> Option<String> {
    match Core::from_query(query) {
        Ok(_) => None,
        // A scene of a learner's own data is fine without it: the page hands the data over.
        Err(e) if e.needs_data_only() => None,
        Err(e) => Some(e.message(Lang::for_tag(lang))),
    }
}

/// The scene table as JSON, for the page to build every control from: each key's default, range
/// and controls (kind, span, step, scale, label id, when shown), and the lists of surfaces,
/// optimizers and views with their label ids (`descent_core::control::table_json`).
#[wasm_bindgen(js_name = sceneTable)]
pub fn scene_table() -> String {
    descent_core::control::table_json()
}

/// Panics on purpose, so tests can check that the page survives a panic with a friendly message.
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    panic!("deliberate panic requested by crashForTest()");
}

/// β^(1/(1−β)), computed by the core (the e-limit table).
#[wasm_bindgen(js_name = betaLimit)]
pub fn beta_limit(beta: f64) -> f64 {
    if (0.0..1.0).contains(&beta) {
        descent_core::average::beta_limit(beta)
    } else {
        f64::NAN
    }
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

fn f64s(xs: &[f64]) -> JsValue {
    js_sys::Float64Array::from(xs).into()
}

/// A number in the page's one format (`descent_core::format`): a typographic minus, m×10ⁿ for
/// tiny and huge magnitudes, "—" for what is not a finite number. `mode` says how many digits:
/// `fixed` (`digits` decimals), `short` (at most `digits` decimals, no trailing zeros: a
/// setting, α = 0.18, ε = 1×10⁻⁸) or `sig` (`digits` significant digits). The page formats every
/// number it shows with this, as the canvases do.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(x: f64, digits: usize, mode: &str) -> String {
    match mode {
        "short" => descent_core::format::short(x, digits),
        "sig" => descent_core::format::significant(x, digits),
        _ => number(x, digits),
    }
}

/// [`format_number`] for many numbers at once (a table's cells: one call, not one per cell).
#[wasm_bindgen(js_name = formatNumbers)]
pub fn format_numbers(xs: &[f64], digits: usize, mode: &str) -> Vec<String> {
    xs.iter().map(|&x| format_number(x, digits, mode)).collect()
}

fn signed(x: f64, digits: usize) -> String {
    if x >= 0.0 {
        format!("+{}", number(x, digits))
    } else {
        number(x, digits)
    }
}

#[wasm_bindgen]
impl Session {
    /// Builds a session from a scene string; throws an Error naming the bad key, its value and what it accepts.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Session, JsError> {
        let scene = Scene::parse(query).map_err(|e| JsError::new(&e.to_string()))?;
        let inner = Core::new(scene).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Session {
            inner,
            revision: 0,
            #[cfg(feature = "three-d")]
            landscape: None,
        })
    }

    /// A session on a learner's own data: the scene string gives the optimizers and their
    /// settings (its `surface` must be `own`), `table` the data, `label` and `features` the
    /// chosen columns (indices from 0). Throws an Error, in `lang`, naming what cannot be used.
    #[cfg(feature = "formula")]
    #[wasm_bindgen(js_name = withData)]
    pub fn with_data(
        query: &str,
        table: &crate::table::Table,
        label: usize,
        features: &[u32],
        lang: &str,
    ) -> Result<Session, JsError> {
        let lang = Lang::for_tag(lang);
        let scene = Scene::parse(query).map_err(|e| JsError::new(&e.message(lang)))?;
        if scene.surface != "own" {
            return Err(JsError::new(&descent_core::SceneError::mismatch("surface", &scene.surface).message(lang)));
        }
        let surface = table.model(label, features).map_err(|e| JsError::new(&e.message(lang)))?;
        let inner = Core::with_surface(scene, surface).map_err(|e| JsError::new(&e.message(lang)))?;
        Ok(Session {
            inner,
            revision: 0,
            #[cfg(feature = "three-d")]
            landscape: None,
        })
    }

    /// Advances every run by up to `n` steps (fewer once a run stops); returns the most steps taken.
    pub fn step(&mut self, n: u32) -> u32 {
        self.inner.step(n)
    }

    /// Back to the start with empty buffers; replays exactly.
    pub fn reset(&mut self) {
        self.inner.reset();
        self.revision += 1;
        self.drop_landscape();
    }

    /// Moves the start point (clamped into the domain) and resets.
    #[wasm_bindgen(js_name = setStart)]
    pub fn set_start(&mut self, p: &[f64]) {
        self.inner.set_start(p);
        self.revision += 1;
        self.drop_landscape();
    }

    /// Where the runs start.
    #[wasm_bindgen(js_name = startPoint)]
    pub fn start_point(&self) -> Vec<f64> {
        self.inner.runs[0].start.clone()
    }
    /// The plot domain: `[wlo, whi, blo, bhi]` (the b pair is 0, 0 on a 1-D surface).
    pub fn domain(&self) -> Vec<f64> {
        let d = self.inner.surface().domain();
        vec![d.lo[0], d.hi[0], d.lo[1], d.hi[1]]
    }
    /// Every parameter's range, `[lo₁, hi₁, lo₂, hi₂, …]`: a start is clamped into it.
    pub fn bounds(&self) -> Vec<f64> {
        self.inner.surface().bounds().into_iter().flat_map(|(lo, hi)| [lo, hi]).collect()
    }
    /// The parameters' names in order (`w`, `b`; a model's `w1 … w4, b` or `w1.1 … c`).
    #[wasm_bindgen(js_name = paramNames)]
    pub fn param_names(&self) -> Vec<String> {
        self.inner.surface().param_names()
    }

    /// The current parameters of run 0.
    pub fn params(&self) -> Vec<f64> {
        self.inner.runs[0].params.clone()
    }
    /// The full-batch gradient at run 0's parameters: what the next full step uses.
    pub fn gradient(&self) -> Vec<f64> {
        self.inner.gradient(0)
    }
    /// The cost at run 0's parameters.
    pub fn loss(&self) -> f64 {
        self.inner.loss(0)
    }
    /// Steps taken by run 0.
    pub fn iteration(&self) -> f64 {
        self.inner.runs[0].iteration() as f64
    }
    /// True once run 0 has stopped because it blew up.
    pub fn diverged(&self) -> bool {
        self.inner.runs[0].diverged()
    }
    /// Run 0's optimizer buffers and batch: see [`Session::state_of`].
    pub fn state(&self) -> JsValue {
        self.state_of(0)
    }
    /// The canonical scene string.
    #[wasm_bindgen(js_name = toQuery)]
    pub fn to_query(&self) -> String {
        self.inner.to_query()
    }

    /// Number of runs (optimizers racing).
    pub fn runs(&self) -> usize {
        self.inner.runs.len()
    }
    /// Number of parameters.
    pub fn dim(&self) -> usize {
        self.inner.surface().dim()
    }
    #[wasm_bindgen(js_name = paramsOf)]
    pub fn params_of(&self, i: usize) -> Vec<f64> {
        self.inner.runs.get(i).map(|r| r.params.clone()).unwrap_or_default()
    }
    #[wasm_bindgen(js_name = lossOf)]
    pub fn loss_of(&self, i: usize) -> f64 {
        if i < self.inner.runs.len() {
            self.inner.loss(i)
        } else {
            f64::NAN
        }
    }
    #[wasm_bindgen(js_name = iterationOf)]
    pub fn iteration_of(&self, i: usize) -> f64 {
        self.inner.runs.get(i).map(|r| r.iteration() as f64).unwrap_or(0.0)
    }
    #[wasm_bindgen(js_name = divergedOf)]
    pub fn diverged_of(&self, i: usize) -> bool {
        self.inner.runs.get(i).is_some_and(|r| r.diverged())
    }
    /// Run `i`'s share of the data rows classified right (a classifier only; else `undefined`).
    #[wasm_bindgen(js_name = accuracyOf)]
    pub fn accuracy_of(&self, i: usize) -> Option<f64> {
        self.inner.accuracy(i)
    }
    /// Passes over the data run `i` has made: examples seen / rows (0 without data).
    #[wasm_bindgen(js_name = epochsOf)]
    pub fn epochs_of(&self, i: usize) -> f64 {
        let rows = self.inner.surface().rows();
        self.inner.runs.get(i).map_or(0.0, |r| r.epochs(rows))
    }
    /// P(y = 1 | x) under run `i`'s parameters for each row of `features` (the data's width
    /// numbers a row): what a decision-boundary picture colours. Empty if the cost is no classifier.
    pub fn probabilities(&self, i: usize, features: &[f64]) -> Vec<f64> {
        let (Some(r), Some(d)) = (self.inner.runs.get(i), self.inner.surface().data()) else { return vec![] };
        if d.n == 0 {
            return vec![];
        }
        let s = self.inner.surface();
        features.chunks_exact(d.n).map_while(|x| s.probability(&r.params, x)).collect()
    }
    /// The scene key of run `i`'s optimizer (`"adam"`).
    #[wasm_bindgen(js_name = methodOf)]
    pub fn method_of(&self, i: usize) -> String {
        self.inner.runs.get(i).map(|r| r.method().key().to_string()).unwrap_or_default()
    }
    /// The name of run `i` shown to learners ("GD (8)" for a mini-batch run).
    #[wasm_bindgen(js_name = labelOf)]
    pub fn label_of(&self, i: usize) -> String {
        self.inner.runs.get(i).map(|r| r.label()).unwrap_or_default()
    }
    /// True once every run has stopped (blew up).
    #[wasm_bindgen(js_name = allStopped)]
    pub fn all_stopped(&self) -> bool {
        self.inner.runs.iter().all(|r| r.diverged())
    }

    /// Run `i`'s state as a plain object: `{ method, t, velocity, squares, effectiveRate, lastUpdate,
    /// lastRows, examplesSeen, epochs, rate, batch, diverged }` (typed arrays for the vectors; `rate`
    /// is the next step's scheduled α).
    #[wasm_bindgen(js_name = stateOf)]
    pub fn state_of(&self, i: usize) -> JsValue {
        let o = Object::new();
        let Some(r) = self.inner.runs.get(i) else { return o.into() };
        let opt = &r.optimizer;
        set(&o, "method", r.method().key().into());
        set(&o, "t", (opt.t as f64).into());
        set(&o, "velocity", f64s(&opt.v));
        set(&o, "squares", f64s(&opt.s));
        set(&o, "effectiveRate", f64s(&opt.effective_rate()));
        set(&o, "lastUpdate", f64s(&opt.last_update()));
        let rows: Vec<f64> = r.last_rows.iter().map(|&k| k as f64).collect();
        set(&o, "lastRows", f64s(&rows));
        set(&o, "examplesSeen", (r.examples_seen as f64).into());
        set(&o, "epochs", r.epochs(self.inner.surface().rows()).into());
        set(&o, "rate", opt.rate().into());
        set(&o, "batch", r.batch().map(|b| b as f64).unwrap_or(self.inner.surface().rows() as f64).into());
        set(&o, "diverged", r.diverged().into());
        o.into()
    }

    /// The numbers of run `i`'s last step, for the "update in numbers" panel: `{ method, t, beta1,
    /// beta2, eps, wd, scheduled, terms }` (`scheduled`: α follows a schedule), `terms` one object
    /// per parameter with the step's scheduled α (`lr`), the parameter before (`p`) and after
    /// (`pNew`), the gradient `g`, the buffers before and after (`vPrev`, `v`, `sPrev`, `s`),
    /// Adam's corrections (`c1`, `c2`, `vHat`, `sHat`), Nesterov's look-ahead (`look`), AdamW's
    /// decay λ·p (`decay`), the divisor (`denom`) and the update (`delta`) (see
    /// `descent_core::optim::Terms`). `t` is 0 before the first step.
    #[wasm_bindgen(js_name = updateOf)]
    pub fn update_of(&self, i: usize) -> JsValue {
        let o = Object::new();
        let Some(r) = self.inner.runs.get(i) else { return o.into() };
        let opt = &r.optimizer;
        set(&o, "method", r.method().key().into());
        set(&o, "t", (opt.t as f64).into());
        set(&o, "beta1", opt.hyper.beta1.into());
        set(&o, "beta2", opt.hyper.beta2.into());
        set(&o, "eps", opt.hyper.eps.into());
        set(&o, "wd", opt.hyper.wd.into());
        set(&o, "scheduled", (opt.hyper.schedule != descent_core::optim::Schedule::Constant).into());
        let terms = js_sys::Array::new();
        for k in &opt.last {
            let c = Object::new();
            for (name, v) in [
                ("lr", k.lr),
                ("p", k.p),
                ("g", k.g),
                ("vPrev", k.v_prev),
                ("v", k.v),
                ("sPrev", k.s_prev),
                ("s", k.s),
                ("c1", k.c1),
                ("c2", k.c2),
                ("vHat", k.v_hat),
                ("sHat", k.s_hat),
                ("look", k.look),
                ("decay", k.decay),
                ("denom", k.denom),
                ("delta", k.delta),
                ("pNew", k.p_new),
            ] {
                set(&c, name, v.into());
            }
            terms.push(&c);
        }
        set(&o, "terms", terms.into());
        o.into()
    }

    /// How the canvases draw run `i` (`dark`: on the dark theme): its legend entry, `{ label, color,
    /// edge, marker, shape, stroke }` as `View.legend` gives it.
    #[wasm_bindgen(js_name = styleOf)]
    pub fn style_of(&self, i: usize, dark: bool) -> JsValue {
        let Some(r) = self.inner.runs.get(i) else { return JsValue::UNDEFINED };
        crate::view::run_entry(r, dark).to_js(crate::theme::Theme::new(dark).bg)
    }

    /// Why run `i` stopped, in `lang`, or `undefined` while it runs.
    #[wasm_bindgen(js_name = divergenceMessage)]
    pub fn divergence_message(&self, i: usize, lang: &str) -> Option<String> {
        let r = self.inner.runs.get(i)?;
        let d = r.divergence.as_ref()?;
        let label = r.label();
        let lr = descent_core::format::short(r.optimizer.hyper.lr, 4);
        let why_en = match d.rate_times_curvature {
            Some(k) if k > 2.0 => format!(
                " Each step overshoots the bottom by more than it corrects: α × curvature = {} > 2, so every step lands farther away than the last.",
                number(k, 2)
            ),
            _ => String::new(),
        };
        let why_ko = match d.rate_times_curvature {
            Some(k) if k > 2.0 => format!(
                " α × 곡률 = {} > 2라서, 걸음마다 바닥을 처음 거리보다 더 멀리 지나쳐 점점 멀어져요.",
                number(k, 2)
            ),
            _ => String::new(),
        };
        let what_en = match (d.undefined, d.cause) {
            (true, _) => "the step landed where the cost has no value (for example ln or √ of a negative number)",
            (_, Cause::NonFinite) => "the numbers grew too large to compute",
            (_, Cause::Escaped) => "the parameters flew far off the map",
        };
        let what_ko = match (d.undefined, d.cause) {
            (true, _) => "비용의 값이 없는 곳(예: 음수의 ln이나 √)에 걸음이 떨어졌어요",
            (_, Cause::NonFinite) => "숫자가 계산할 수 없을 만큼 커졌어요",
            (_, Cause::Escaped) => "매개변수가 지도 밖 먼 곳으로 날아갔어요",
        };
        // The cost curved down along the last step (a saddle's open side): it falls without end
        // that way, whatever the learning rate, so no smaller α is suggested.
        let no_bottom = !d.undefined && d.rate_times_curvature.is_some_and(|k| k < 0.0);
        if no_bottom {
            return Some(match Lang::for_tag(lang) {
                Lang::En => format!(
                    "{label} stopped at step {}: the cost keeps falling in the direction it was going, without end (this surface has no lowest point that way), and {what_en}.",
                    d.step
                ),
                Lang::Ko => format!(
                    "{label}이(가) {}번째 걸음에서 멈췄어요. 가던 방향으로 비용이 끝없이 내려가서(이 곡면은 그쪽으로 바닥이 없어요) {what_ko}.",
                    d.step
                ),
            });
        }
        Some(match Lang::for_tag(lang) {
            Lang::En => format!(
                "{label} diverged at step {}: {what_en}, so the run stopped.{why_en} Try a smaller learning rate than α = {lr}.",
                d.step
            ),
            Lang::Ko => format!(
                "{label}이(가) {}번째 걸음에서 발산해서 멈췄어요. {what_ko}.{why_ko} α = {lr}보다 작은 학습률을 써 보세요.",
                d.step
            ),
        })
    }

    /// The last `max` steps of run 0, oldest first, as rows of
    /// `[t, p…, gradient…, update…, new p…, loss]` flattened (`2 + 4·dim` numbers a row).
    #[wasm_bindgen(js_name = stepLog)]
    pub fn step_log(&self, max: usize) -> Vec<f64> {
        let r = &self.inner.runs[0];
        let skip = r.log.len().saturating_sub(max);
        let mut out = Vec::new();
        for s in r.log.iter().skip(skip) {
            out.push(s.t as f64);
            out.extend_from_slice(&s.before);
            out.extend_from_slice(&s.grad);
            out.extend_from_slice(&s.update);
            out.extend_from_slice(&s.after);
            out.push(s.loss);
        }
        out
    }

    /// The recent steps of every run as CSV: `optimizer,step,<parameters>,<gradient of each>,loss`
    /// (the parameters after the step, named as in [`Session::param_names`]).
    pub fn csv(&self) -> String {
        let names = self.inner.surface().param_names();
        let grads: Vec<String> = names.iter().map(|n| format!("gradient_{n}")).collect();
        let mut out = format!("optimizer,step,{},{},loss\n", names.join(","), grads.join(","));
        for r in &self.inner.runs {
            let key = r.method().key();
            for s in &r.log {
                let p: Vec<String> = s.after.iter().map(|x| format!("{x}")).collect();
                let g: Vec<String> = s.grad.iter().map(|x| format!("{x}")).collect();
                out.push_str(&format!("{key},{},{},{},{}\n", s.t, p.join(","), g.join(","), s.loss));
            }
        }
        out
    }

    /// One sentence that says what the canvas now shows, for screen readers.
    pub fn narration(&self, lang: &str) -> String {
        let ko = Lang::for_tag(lang) == Lang::Ko;
        let parts: Vec<String> = self
            .inner
            .runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = &r.params;
                let g = self.inner.gradient(i);
                let coords = if p.len() == 1 {
                    format!("w = {}", number(p[0], 3))
                } else {
                    format!("w = {}, b = {}", number(p[0], 3), number(p[1], 3))
                };
                let slope =
                    if g.len() == 1 { signed(g[0], 3) } else { format!("({}, {})", signed(g[0], 3), signed(g[1], 3)) };
                let loss = number(self.inner.loss(i), 4);
                let name = if self.inner.runs.len() > 1 { format!("{}: ", r.label()) } else { String::new() };
                let stopped = if r.diverged() {
                    if ko {
                        " (발산하여 멈춤)"
                    } else {
                        " (stopped: diverged)"
                    }
                } else {
                    ""
                };
                if p.len() > 2 {
                    // A model of many parameters: its cost, how many rows it gets right, and how
                    // steep it still is (the gradient's length), not 33 numbers.
                    let steep = number(g.iter().map(|x| x * x).sum::<f64>().sqrt(), 4);
                    let right = self.inner.accuracy(i).map(|a| number(100.0 * a, 1));
                    return match (ko, right) {
                        (true, Some(a)) => format!(
                            "{name}{}번째 걸음: 비용 {loss}, 정확도 {a}%, 기울기 크기 {steep}{stopped}",
                            r.iteration()
                        ),
                        (true, None) => {
                            format!("{name}{}번째 걸음: 비용 {loss}, 기울기 크기 {steep}{stopped}", r.iteration())
                        }
                        (false, Some(a)) => format!(
                            "{name}step {}: cost {loss}, {a}% right, gradient length {steep}{stopped}",
                            r.iteration()
                        ),
                        (false, None) => {
                            format!("{name}step {}: cost {loss}, gradient length {steep}{stopped}", r.iteration())
                        }
                    };
                }
                if ko {
                    format!("{name}{}번째 걸음: {coords}, 기울기 {slope}, 비용 {loss}{stopped}", r.iteration())
                } else {
                    format!("{name}step {}: {coords}, slope {slope}, cost {loss}{stopped}", r.iteration())
                }
            })
            .collect();
        parts.join("; ")
    }

    /// Data rows for the matrix view: features then label, `n + 1` numbers a row (empty without data).
    #[wasm_bindgen(js_name = dataRows)]
    pub fn data_rows(&self, max: usize) -> Vec<f64> {
        let Some(d) = self.inner.surface().data() else { return vec![] };
        let mut out = Vec::new();
        for i in 0..d.rows().min(max) {
            out.extend_from_slice(d.row(i));
            out.push(d.y[i]);
        }
        out
    }
    /// The data rows at `indices` (0-based; out of range ones left out), as [`Session::data_rows`]
    /// gives them: features then label, `n + 1` numbers a row.
    #[wasm_bindgen(js_name = dataRowsAt)]
    pub fn data_rows_at(&self, indices: &[u32]) -> Vec<f64> {
        let Some(d) = self.inner.surface().data() else { return vec![] };
        let mut out = Vec::new();
        for &i in indices.iter().filter(|&&i| (i as usize) < d.rows()) {
            out.extend_from_slice(d.row(i as usize));
            out.push(d.y[i as usize]);
        }
        out
    }
    /// Number of data rows (0 on analytic surfaces).
    #[wasm_bindgen(js_name = dataCount)]
    pub fn data_count(&self) -> usize {
        self.inner.surface().rows()
    }
    /// Features per data row.
    #[wasm_bindgen(js_name = dataWidth)]
    pub fn data_width(&self) -> usize {
        self.inner.surface().data().map(|d| d.n).unwrap_or(0)
    }

    /// Documented minima as `[p…, value, global(0/1)]` rows.
    pub fn minima(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for m in self.inner.surface().minima() {
            out.extend_from_slice(&m.at);
            out.push(m.value);
            out.push(m.global as u8 as f64);
        }
        out
    }

    /// The secant readout for the derivative lesson at run 0's w with the scene's Δw:
    /// `[w, Δw, C(w), C(w+Δw), ΔC, ΔC/Δw, dC/dw]`.
    pub fn secant(&self) -> Vec<f64> {
        let s = self.inner.surface();
        let w = self.inner.runs[0].params.clone();
        let dw = self.inner.scene().dw;
        let c0 = s.value(&w);
        let mut w1 = w.clone();
        w1[0] += dw;
        let c1 = s.value(&w1);
        let g = self.inner.gradient(0);
        vec![w[0], dw, c0, c1, c1 - c0, (c1 - c0) / dw, g[0]]
    }
}

/// The loss landscape of a model (in the modules with the models: `three-d`, `formula`).
#[cfg(feature = "three-d")]
#[wasm_bindgen]
impl Session {
    /// Starts a loss-landscape slice through run `origin`'s current weights (the lowest-cost run's
    /// if `origin` is out of range): `plane` is `pca` (the first two principal directions of every
    /// run's path) or `random` (filter-normalized random directions, from the scene's seed). Its
    /// lattice starts empty; fill it with [`Session::landscape_work`]. Returns `undefined` when
    /// started, or the reason (in `lang`) it cannot be: no step taken yet, an unknown plane.
    #[wasm_bindgen(js_name = startLandscape)]
    pub fn start_landscape(&mut self, plane: &str, origin: usize, lang: &str) -> Option<String> {
        let lang = Lang::for_tag(lang);
        let Some(plane) = Plane::from_key(plane) else {
            self.landscape = None;
            return Some(match lang {
                Lang::En => format!("No landscape plane named \"{plane}\": pca or random."),
                Lang::Ko => format!("\"{plane}\"이라는 평면은 없어요. pca나 random을 쓰세요."),
            });
        };
        let o = if origin < self.inner.runs.len() { origin } else { self.inner.best_run() };
        match self.inner.landscape(plane, Some(o)) {
            Ok(l) => {
                self.landscape = Some((l, o));
                None
            }
            Err(e) => {
                self.landscape = None;
                Some(e.message(lang).to_string())
            }
        }
    }
    /// Computes up to `max_cells` more cells of the slice's lattice; true while cells remain.
    /// (The page gives it what is left of a frame: see the benchmark's cells per millisecond.)
    #[wasm_bindgen(js_name = landscapeWork)]
    pub fn landscape_work(&mut self, max_cells: usize) -> bool {
        let surface = self.inner.surface();
        self.landscape.as_mut().is_some_and(|(l, _)| l.work(surface, max_cells))
    }
    /// Cells computed so far (0 without a slice).
    #[wasm_bindgen(js_name = landscapeDone)]
    pub fn landscape_done(&self) -> usize {
        self.landscape.as_ref().map_or(0, |(l, _)| l.done())
    }
    /// Points per side of the lattice (41): `landscapeGrid()²` cells in all.
    #[wasm_bindgen(js_name = landscapeGrid)]
    pub fn landscape_grid() -> usize {
        GRID
    }
    /// The cost at the cells computed so far, row by row from the bottom (b = lo), a = lo first.
    #[wasm_bindgen(js_name = landscapeValues)]
    pub fn landscape_values(&self) -> Vec<f64> {
        self.landscape.as_ref().map_or(vec![], |(l, _)| l.values().to_vec())
    }
    /// The lattice's range `[alo, ahi, blo, bhi]` in plane coordinates (empty without a slice).
    #[wasm_bindgen(js_name = landscapeRange)]
    pub fn landscape_range(&self) -> Vec<f64> {
        self.landscape.as_ref().map_or(vec![], |(l, _)| l.range.to_vec())
    }
    /// The plane of the slice (`pca`, `random`), or `undefined`.
    #[wasm_bindgen(js_name = landscapePlane)]
    pub fn landscape_plane(&self) -> Option<String> {
        self.landscape.as_ref().map(|(l, _)| l.plane.key().to_string())
    }
    /// The run whose weights the slice passes through, or `undefined`.
    #[wasm_bindgen(js_name = landscapeOrigin)]
    pub fn landscape_origin(&self) -> Option<usize> {
        self.landscape.as_ref().map(|(_, o)| *o)
    }
    /// The PCA plane's explained variance of each direction, `[e₁, e₂]` (shares of the paths'
    /// spread Σ‖θₜ − θ*‖²); empty for a random plane or without a slice.
    #[wasm_bindgen(js_name = explainedVariance)]
    pub fn explained_variance(&self) -> Vec<f64> {
        self.landscape.as_ref().and_then(|(l, _)| l.explained).map_or(vec![], |e| e.to_vec())
    }
    /// The share of the paths' spread the plane holds (near 1 for PCA, often near 0 for a random
    /// plane), or `undefined` without a slice.
    #[wasm_bindgen(js_name = landscapeCaptured)]
    pub fn landscape_captured(&self) -> Option<f64> {
        self.landscape.as_ref().map(|(l, _)| l.captured)
    }
    /// Run `i`'s kept path projected onto the slice's plane: `[a₀, b₀, a₁, b₁, …]`.
    #[wasm_bindgen(js_name = landscapePath)]
    pub fn landscape_path(&self, i: usize) -> Vec<f64> {
        self.landscape
            .as_ref()
            .and_then(|(l, _)| l.paths.get(i))
            .map_or(vec![], |p| p.iter().flatten().copied().collect())
    }
}

/// A learner's own data (in the playground's module, with the CSV reader).
#[cfg(feature = "formula")]
#[wasm_bindgen]
impl Session {
    /// Run `i`'s R² on a regression (1 − residual / total sum of squares), else `undefined`.
    #[wasm_bindgen(js_name = rSquaredOf)]
    pub fn r_squared_of(&self, i: usize) -> Option<f64> {
        self.inner.r_squared(i)
    }

    /// Run `i`'s full cost after each completed epoch: `[epoch, cost, epoch, cost, …]` from
    /// epoch 0 (the start), thinned on very long runs.
    #[wasm_bindgen(js_name = epochLosses)]
    pub fn epoch_losses(&self, i: usize) -> Vec<f64> {
        let Some(r) = self.inner.runs.get(i) else { return vec![] };
        r.epoch_losses.iter().flat_map(|(e, _, loss)| [e as f64, loss]).collect()
    }

    /// The run file a learner keeps: for every run, the cost after each epoch, then its final
    /// weights named by `names` (one per parameter; the columns' names and `b`), as CSV:
    /// `optimizer,epoch,cost` rows, a blank line, and `optimizer,parameter,value` rows. Names are
    /// quoted as RFC 4180 asks.
    #[wasm_bindgen(js_name = runCsv)]
    pub fn run_csv(&self, names: Vec<String>) -> String {
        let quote = |s: &str| {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::from("optimizer,epoch,cost\n");
        for r in &self.inner.runs {
            let label = quote(&r.label());
            for (e, _, loss) in r.epoch_losses.iter() {
                out.push_str(&format!("{label},{e},{loss}\n"));
            }
        }
        out.push_str("\noptimizer,parameter,value\n");
        let own = self.inner.surface().param_names();
        for r in &self.inner.runs {
            let label = quote(&r.label());
            for (k, p) in r.params.iter().enumerate() {
                let name = names.get(k).cloned().unwrap_or_else(|| own.get(k).cloned().unwrap_or_default());
                out.push_str(&format!("{label},{},{p}\n", quote(&name)));
            }
        }
        out
    }
}

impl Session {
    /// Forgets the landscape slice (the runs it was fitted to restarted).
    fn drop_landscape(&mut self) {
        #[cfg(feature = "three-d")]
        {
            self.landscape = None;
        }
    }
}
