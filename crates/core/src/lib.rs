//! Descent's engine: cost surfaces, data models, optimizers and averages, in plain Rust.
//!
//! No web dependency: everything here is tested natively (`cargo test`), and the
//! `descent-wasm` crate is a thin shell that draws what this crate computes.

pub mod average;
pub mod basin;
pub mod control;
pub mod data;
pub mod format;
#[cfg(feature = "models")]
pub mod landscape;
pub mod linalg;
pub mod optim;
pub mod rng;
pub mod scene;
pub mod session;
pub mod surfaces;
#[cfg(feature = "table")]
pub mod table;

pub use optim::{Hyper, Method, Optimizer};
pub use scene::{Lang, Scene, SceneError};
pub use session::{Run, Session};
pub use surfaces::{Domain, Minimum, Surface};
