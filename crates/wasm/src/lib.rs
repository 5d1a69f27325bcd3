//! The web shell of Descent: a [`Session`] handle for JS and one drawing module per kind of canvas.
//!
//! JS owns time (the animation loop, events); this crate owns state and math (through
//! `descent-core`) and draws. Each canvas view has two stacked layers: a cached
//! background (axes, contours, surfaces), drawn only when what it shows changes,
//! and a foreground redrawn each frame with what moves.

mod bars;
#[cfg(feature = "three-d")]
mod boundary;
mod chart;
mod contour;
mod curve;
mod layer;
mod probe;
mod scatter;
mod session;
#[cfg(feature = "three-d")]
mod slice;
#[cfg(feature = "three-d")]
mod surface3d;
#[cfg(feature = "formula")]
mod table;
mod theme;
mod view;

pub use session::{beta_limit, check_scene, crash_for_test, format_number, format_numbers, scene_table, Session};
#[cfg(feature = "formula")]
pub use table::Table;
pub use view::View;

use wasm_bindgen::prelude::*;

/// Runs once when the module loads: panics go to the console with their message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
