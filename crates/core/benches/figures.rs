//! Prints Descent's performance figures (a plain program, not a timed test):
//!
//!     cargo bench -p descent-core --bench figures
//!
//! 1. optimizer steps per second on each 2-D surface (gradient + update, as a session does);
//! 2. the gradient's cost on linear regression as the data grows, full batch vs mini-batch vs one row;
//! 3. the basin map, 200 × 200 starts × 500 steps, on `wells`;
//! 4. the real models on penguins: an epoch of mini-batch training, and the 41 × 41 landscape
//!    slice (whole, and per slice of cells as the page asks for them).

use descent_core::basin::{basin_map, BasinSpec, UNSETTLED};
use descent_core::landscape::{Plane, GRID};
use descent_core::optim::{Hyper, Method, Optimizer};
use descent_core::rng::Rng;
use descent_core::scene::Scene;
use descent_core::surfaces::{self, LinReg, Surface};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for at least `min` and returns seconds per call (best of 3 rounds).
fn time_per_call(min: Duration, mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed() < min {
            f();
            calls += 1;
        }
        best = best.min(start.elapsed().as_secs_f64() / calls as f64);
    }
    best
}

fn steps_per_second() {
    let names = ["bowl", "ravine", "rosenbrock", "beale", "himmelblau", "saddle", "wells", "linreg", "cats", "formula"];
    let methods = [Method::Gd, Method::Momentum, Method::Nesterov, Method::AdaGrad, Method::RmsProp, Method::Adam];
    println!("1. Optimizer steps per second (gradient + update; millions per second)");
    print!("{:<12}", "surface");
    for m in methods {
        print!("{:>10}", m.key());
    }
    println!();
    for name in names {
        let query = if name == "formula" {
            "surface=formula&f=(w%5E2%2Bb-11)%5E2%2B(w%2Bb%5E2-7)%5E2".to_string()
        } else {
            format!("surface={name}")
        };
        let s = surfaces::build(&Scene::parse(&query).unwrap()).unwrap();
        print!("{:<12}", if name == "formula" { "formula¹" } else { name });
        for m in methods {
            // A tiny rate keeps every run finite; the cost of a step does not depend on it.
            let mut opt = Optimizer::new(m, Hyper { lr: 1e-6, ..Hyper::default() }, 2);
            let mut p = s.start();
            let mut g = vec![0.0; 2];
            let per = time_per_call(Duration::from_millis(60), || {
                for _ in 0..1000 {
                    s.gradient(&p, &mut g);
                    opt.step(&mut p, &g);
                }
            }) / 1000.0;
            black_box(&p);
            print!("{:>10.2}", 1e-6 / per);
        }
        println!();
    }
    println!("   ¹ Himmelblau typed as a formula: (w^2+b-11)^2+(w+b^2-7)^2\n");
}

fn gradient_cost() {
    println!("2. Gradient cost on linreg as m grows (time per gradient; ns per row used)");
    println!(
        "{:>9} {:>14} {:>10} {:>14} {:>10} {:>14} {:>10}",
        "m", "full batch", "ns/row", "batch of 32", "ns/row", "one row", "ns/row"
    );
    for e in 2..=6 {
        let m = 10usize.pow(e);
        let s = LinReg::new(m, 1);
        let mut g = [0.0; 2];
        let p = [0.7, 0.3];
        let full = time_per_call(Duration::from_millis(100), || {
            s.gradient(black_box(&p), &mut g);
            black_box(&g);
        });
        // Mini-batches as a session draws them: a shuffled order of all rows, 32 at a time.
        let mut order: Vec<usize> = (0..m).collect();
        Rng::new(1, 2).shuffle(&mut order);
        let mut at = 0;
        let mut batch = |k: usize| {
            let rows = &order[at..at + k];
            at = if at + 2 * k > m { 0 } else { at + k };
            s.gradient_rows(black_box(&p), rows, &mut g);
            black_box(&g);
        };
        let mini = time_per_call(Duration::from_millis(100), || batch(32));
        let one = time_per_call(Duration::from_millis(100), || batch(1));
        println!(
            "{:>9} {:>11.2} µs {:>10.2} {:>11.3} µs {:>10.2} {:>11.3} µs {:>10.2}",
            m,
            full * 1e6,
            full * 1e9 / m as f64,
            mini * 1e6,
            mini * 1e9 / 32.0,
            one * 1e6,
            one * 1e9
        );
    }
    println!("   A full-batch gradient streams through the rows at a constant cost per row, so its time");
    println!("   grows linearly with m. A mini-batch or one-row gradient costs the same at every m until the");
    println!("   data (16 bytes a row) outgrows the CPU caches: at 10⁶ rows (16 MB) each randomly chosen row");
    println!("   is a cache miss, and the cost per row used rises about tenfold.\n");

    println!("2b. A whole session step on linreg with batch=32 (gradient, update, and the loss for the chart)");
    println!("{:>9} {:>14}", "m", "per step");
    for e in 2..=5 {
        let m = 10usize.pow(e);
        let mut session = descent_core::Session::from_query(&format!("surface=linreg&m={m}&batch=32&lr=0.01")).unwrap();
        // lr = 0.01 keeps the run stable, so it can step as long as the timing needs.
        let per = time_per_call(Duration::from_millis(100), || {
            session.step(10);
        }) / 10.0;
        assert!(!session.runs[0].diverged());
        println!("{:>9} {:>11.2} µs", m, per * 1e6);
    }
    println!("   The session evaluates the full-data loss after every step (for the loss chart), which");
    println!("   costs O(m): at large m that, not the 32-row gradient, is where a mini-batch step's time goes.\n");
}

fn basin() {
    println!("3. Basin map, 200 × 200 starts × 500 steps at most, on wells (single thread)");
    let wells = surfaces::Wells::new();
    for (method, lr) in [(Method::Gd, 0.1), (Method::Momentum, 0.1), (Method::Adam, 0.1), (Method::RmsProp, 0.01)] {
        let spec = BasinSpec { method, hyper: Hyper { lr, ..Hyper::default() }, nx: 200, ny: 200, steps: 500 };
        let mut map = Vec::new();
        let secs = time_per_call(Duration::from_millis(200), || map = basin_map(black_box(&wells), &spec));
        let unsettled = map.iter().filter(|&&x| x == UNSETTLED).count();
        let counts: Vec<usize> = (0..3u8).map(|k| map.iter().filter(|&&x| x == k).count()).collect();
        println!(
            "   {:<9} lr {:<5} {:>8.1} ms   (cells per minimum {:?}, unsettled {})",
            method.key(),
            lr,
            secs * 1e3,
            counts,
            unsettled
        );
    }
}

fn models() {
    println!("\n4. The real models on penguins (342 rows): logistic regression (5 parameters), the 2-8-1 MLP (33)");
    println!("   an epoch of mini-batch training: batch 32, 11 session steps (gradient on the batch, update,");
    println!("   and the full-data cost the loss chart shows after every step)");
    for (surface, opt) in [("penguins", "gd"), ("penguins", "adam"), ("mlp", "gd"), ("mlp", "adam")] {
        let mut s =
            descent_core::Session::from_query(&format!("surface={surface}&opt={opt}&lr=0.01&batch=32")).unwrap();
        let per = time_per_call(Duration::from_millis(150), || {
            s.step(11);
        });
        assert!(!s.runs[0].diverged());
        println!("   {:<9} {:<5} {:>9.1} µs per epoch", surface, opt, per * 1e6);
    }
    println!("   the 41 × 41 landscape slice (1681 costs on all 342 rows) through a race's best weights");
    for surface in ["penguins", "mlp"] {
        let mut s = descent_core::Session::from_query(&format!("surface={surface}&opt=gd,adam&lr=0.5,0.02")).unwrap();
        s.step(200);
        for plane in [Plane::Pca, Plane::Random] {
            let whole = time_per_call(Duration::from_millis(300), || {
                let mut l = s.landscape(plane, None).unwrap();
                l.work(s.surface(), GRID * GRID);
                black_box(l.values());
            });
            let cells_per_ms = (GRID * GRID) as f64 / (whole * 1e3);
            println!(
                "   {:<9} {:<7} {:>7.1} ms whole   {:>6.0} cells per ms   {:>5.2} ms per slice of 100 cells",
                surface,
                plane.key(),
                whole * 1e3,
                cells_per_ms,
                100.0 / cells_per_ms
            );
        }
    }
    println!("   The page fills the slice a slice of cells at a time (Session.landscapeWork) so no frame goes over");
    println!("   its budget; scripts/bench.mjs times the same work in the browser's wasm.");
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is accepted.
    println!(
        "descent-core figures ({} build)\n",
        if cfg!(debug_assertions) { "DEBUG — numbers meaningless" } else { "optimized" }
    );
    steps_per_second();
    gradient_cost();
    basin();
    models();
}
