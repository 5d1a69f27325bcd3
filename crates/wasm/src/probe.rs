//! Values under the pointer: what a view shows at a point of its canvas, found and worded here
//! (the view knows its frame and its data); the page forwards the pointer or the keys and shows
//! the words. The mark (a ring on the point read, a crosshair at the pointer) is drawn on the
//! foreground only, so reading values never redraws a cached background.
//!
//! A view offers *series* of points a reader can land on: a run's path, a data set, the days of
//! a series. The pointer lands on the nearest one (or, on a chart over time, the nearest in
//! time); the keyboard steps through them, a series at a time.

use crate::layer::{Frame, Layers, Pen};
use crate::theme::Theme;

/// A point a reader can land on: where it is drawn (device pixels) and which it is in its series
/// (a step t, a row, a day).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub px: (f64, f64),
    pub key: u64,
}

/// What the view is reading: a point of a series, as (series, key), and, for the pointer, where
/// it is (device pixels).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Probe {
    pub point: Option<(usize, u64)>,
    pub pointer: Option<(f64, f64)>,
}

/// How far from the pointer (CSS pixels) a point still counts as under it on a map.
pub const REACH: f64 = 28.0;

/// The point of `all` nearest to device pixel `at`: by distance, or by x alone (`by_x`, a chart
/// over time); within `reach` device pixels unless `by_x`. Returns (series, point).
pub fn nearest(all: &[Vec<Point>], at: (f64, f64), by_x: bool, reach: f64) -> Option<(usize, Point)> {
    let mut best: Option<(f64, usize, Point)> = None;
    for (i, series) in all.iter().enumerate() {
        for p in series {
            let dx = p.px.0 - at.0;
            let dy = p.px.1 - at.1;
            // By x, the nearest in x wins; a tie (two series at one t) goes to the nearer in y.
            let d = if by_x { dx.abs() * 1e6 + dy.abs() } else { dx * dx + dy * dy };
            if !d.is_finite() {
                continue;
            }
            if best.is_none_or(|b| d < b.0) {
                best = Some((d, i, *p));
            }
        }
    }
    let (d, i, p) = best?;
    (by_x || d.sqrt() <= reach).then_some((i, p))
}

/// The point of `series` with the key nearest to `key`, and its index.
pub fn by_key(series: &[Point], key: u64) -> Option<(usize, Point)> {
    series.iter().copied().enumerate().min_by_key(|(_, p)| p.key.abs_diff(key))
}

/// A keyboard move from point `now` (series, key): `next`/`prev` (one point), `next10`/`prev10`,
/// `first`/`last`, `up`/`down` (another series, at the nearest key); anything else, or no point
/// yet, reads the first series' newest point. `None` if there is nothing to read.
pub fn moved(all: &[Vec<Point>], now: Option<(usize, u64)>, how: &str) -> Option<(usize, u64)> {
    let filled: Vec<usize> = (0..all.len()).filter(|&i| !all[i].is_empty()).collect();
    let first = *filled.first()?;
    let newest = Some((first, all[first].last()?.key));
    let Some((at, key)) = now.filter(|p| p.0 < all.len() && !all[p.0].is_empty()) else { return newest };
    let series = &all[at];
    let (i, _) = by_key(series, key)?;
    let n = series.len();
    let to = |k: usize| Some((at, series[k.min(n - 1)].key));
    match how {
        "next" => to(i + 1),
        "prev" => to(i.saturating_sub(1)),
        "next10" => to(i + 10),
        "prev10" => to(i.saturating_sub(10)),
        "first" => to(0),
        "last" => to(n - 1),
        "up" | "down" => {
            let k = filled.iter().position(|&f| f == at).unwrap_or(0);
            let other =
                filled[if how == "down" { (k + 1) % filled.len() } else { (k + filled.len() - 1) % filled.len() }];
            Some((other, by_key(&all[other], key)?.1.key))
        }
        _ => newest,
    }
}

/// Which lines mark the pointer: across both axes (a value read at that place), a vertical line
/// (a chart read at that time), or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cross {
    Both,
    Vertical,
    None,
}

/// The mark of what is read, on the foreground: a ring around the point, and thin lines through
/// the pointer across the plot frame `f` when the pointer is there.
pub fn draw_mark(
    l: &Layers,
    t: &Theme,
    f: Option<Frame>,
    point: Option<(f64, f64)>,
    pointer: Option<(f64, f64)>,
    cross: Cross,
) {
    let pen = Pen::new(&l.fgc, l.dpr);
    if let (Some(f), Some((x, y))) = (f, pointer) {
        if f.contains_px(x, y) && cross != Cross::None {
            pen.stroke(&t.ink.css_alpha(0.35), 1.0);
            pen.dash(&[3.0, 3.0]);
            pen.line((x, f.py.0), (x, f.py.1));
            if cross == Cross::Both {
                pen.line((f.px.0, y), (f.px.1, y));
            }
            pen.dash(&[]);
        }
    }
    if let Some(at) = point {
        pen.stroke(&t.bg.css(), 5.0);
        pen.circle(at, 10.0, false);
        pen.stroke(&t.ink.css(), 2.0);
        pen.circle(at, 10.0, false);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn line(n: u64, y: f64) -> Vec<Point> {
        (0..n).map(|k| Point { px: (k as f64 * 10.0, y), key: k * 2 }).collect()
    }

    #[wasm_bindgen_test]
    fn the_nearest_point_by_distance_or_by_time() {
        let all = vec![line(5, 0.0), line(5, 100.0)];
        assert_eq!(nearest(&all, (21.0, 3.0), false, 28.0), Some((0, all[0][2])));
        assert_eq!(nearest(&all, (21.0, 90.0), false, 28.0), Some((1, all[1][2])));
        // Too far from every point on a map: nothing is under the pointer.
        assert_eq!(nearest(&all, (21.0, 50.0), false, 28.0), None);
        // Over time, x decides (then y among the points at that x).
        assert_eq!(nearest(&all, (29.0, 60.0), true, 28.0), Some((1, all[1][3])));
        assert_eq!(nearest(&[], (0.0, 0.0), true, 28.0), None);
    }

    #[wasm_bindgen_test]
    fn the_keys_step_through_a_series_and_across() {
        let all = vec![line(5, 0.0), vec![], line(3, 100.0)];
        let p = moved(&all, None, "next");
        assert_eq!(p, Some((0, 8)), "the first key press reads the newest point");
        let p = moved(&all, p, "next");
        assert_eq!(p, Some((0, 8)), "the last point stays the last");
        let p = moved(&all, p, "prev");
        assert_eq!(p, Some((0, 6)));
        let p = moved(&all, p, "first");
        assert_eq!(p, Some((0, 0)));
        let p = moved(&all, p, "next10");
        assert_eq!(p, Some((0, 8)));
        // Down skips the empty series and lands on the nearest key of the next.
        let p = moved(&all, p, "down");
        assert_eq!(p, Some((2, 4)));
        let p = moved(&all, p, "down");
        assert_eq!(p, Some((0, 4)));
        let p = moved(&all, p, "up");
        assert_eq!(p, Some((2, 4)));
        assert_eq!(moved(&[vec![]], None, "next"), None);
    }
}
