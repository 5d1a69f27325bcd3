//! The handle of a learner's CSV file as it is read (`descent_core::table`): the page feeds the
//! file's bytes a slice at a time, shows the preview and the columns' types, and hands the
//! chosen columns to a session ([`crate::Session::with_data`]). The data stays in wasm memory:
//! nothing of it is ever put in the scene string.

use descent_core::data::Task;
use descent_core::scene::Lang;
use descent_core::surfaces::own_model;
use descent_core::table::{Kind, Prepared, Reader, TableError};
use descent_core::Surface;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Table {
    pub(crate) reader: Reader,
    /// The model of the last choice of columns (label, features), built once: every session
    /// the page makes on that choice (another learning rate, a reset) shares it.
    model: RefCell<Option<Chosen>>,
}

/// A choice of columns, what it gave and the model on it.
struct Chosen {
    label: usize,
    features: Vec<u32>,
    summary: Summary,
    /// The data set, until the model is built from it (a task of its own: see `describe`).
    prepared: Option<Prepared>,
    model: Option<Arc<dyn Surface>>,
}

/// What the page shows of a prepared data set (the data itself is in the model).
#[derive(Clone)]
pub(crate) struct Summary {
    task: Task,
    label: String,
    features: Vec<String>,
    means: Vec<f64>,
    spreads: Vec<f64>,
    classes: Option<[String; 2]>,
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

#[wasm_bindgen]
impl Table {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Table {
        Table { reader: Reader::new(), model: RefCell::new(None) }
    }
    /// Reads the next slice of the file's bytes; true while more is wanted (false after an error
    /// or once the most rows read are in).
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        self.reader.feed(bytes)
    }
    /// The end of the file. Returns why it cannot be used, in `lang`, or `undefined`.
    pub fn finish(&mut self, lang: &str) -> Option<String> {
        self.reader.finish().map(|e| e.message(Lang::for_tag(lang)))
    }
    /// Why the reading stopped, in `lang`, or `undefined`.
    pub fn error(&self, lang: &str) -> Option<String> {
        self.reader.error().map(|e| e.message(Lang::for_tag(lang)))
    }
    /// The note on a file longer than the rows read, in `lang`, or `undefined`.
    pub fn note(&self, lang: &str) -> Option<String> {
        self.reader.note(Lang::for_tag(lang))
    }
    /// Data rows read so far.
    pub fn rows(&self) -> usize {
        self.reader.rows()
    }
    /// Bytes fed so far.
    pub fn bytes(&self) -> f64 {
        self.reader.bytes() as f64
    }
    /// The separator found: `,`, `;` or a tab (`undefined` before the header's end).
    pub fn separator(&self) -> Option<String> {
        self.reader.separator().map(String::from)
    }
    /// The columns as read: `[{ name, kind, row, value, distinct, empty }]`, `kind` one of
    /// `number`, `text`, `mixed` (numbers with text: `row` and `value` say where the first text
    /// is), `empty`; `distinct` counts values up to 3; `empty` is the first row with an empty
    /// cell (or `undefined`).
    pub fn columns(&self) -> Array {
        let out = Array::new();
        for c in self.reader.columns() {
            let o = Object::new();
            let kind = c.kind();
            set(&o, "name", c.name.as_str().into());
            set(&o, "kind", kind.key().into());
            if let Kind::NumberWithText { row, value } = &kind {
                set(&o, "row", (*row as f64).into());
                set(&o, "value", value.as_str().into());
            }
            set(&o, "distinct", (c.distinct() as f64).into());
            if let Some(r) = c.first_empty() {
                set(&o, "empty", (r as f64).into());
            }
            out.push(&o);
        }
        out
    }
    /// The first data rows as written, an array of arrays of strings.
    pub fn preview(&self) -> Array {
        self.reader.preview().iter().map(|r| r.iter().map(|c| JsValue::from_str(c)).collect::<Array>()).collect()
    }
    /// Builds the model of the chosen columns now (its moments: one pass over the data), so the
    /// session made next ([`crate::Session::with_data`]) is quick; `undefined`, or why the columns
    /// cannot be used, in `lang`.
    #[wasm_bindgen(js_name = buildModel)]
    pub fn build_model(&self, label: usize, features: &[u32], lang: &str) -> Option<String> {
        self.model(label, features).err().map(|e| e.message(Lang::for_tag(lang)))
    }
    /// What the chosen columns give (column indices from 0), or why they cannot be used (the data
    /// set is prepared now; its model is built by the first session on it):
    /// `{ error }` in `lang`, or `{ task: 'regression' | 'classification', label, features,
    /// means, spreads, classes }` (`classes`: the label's values read as 0 and 1).
    pub fn describe(&self, label: usize, features: &[u32], lang: &str) -> Object {
        let o = Object::new();
        match self.summary(label, features) {
            Err(e) => set(&o, "error", e.message(Lang::for_tag(lang)).into()),
            Ok(p) => {
                let task = match p.task {
                    Task::Regression => "regression",
                    Task::Classification => "classification",
                };
                set(&o, "task", task.into());
                set(&o, "label", p.label.as_str().into());
                set(&o, "features", p.features.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into());
                set(&o, "means", js_sys::Float64Array::from(&p.means[..]).into());
                set(&o, "spreads", js_sys::Float64Array::from(&p.spreads[..]).into());
                if let Some(c) = &p.classes {
                    set(&o, "classes", c.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into());
                }
            }
        }
        o
    }
}
impl Table {
    /// What the chosen columns give: the data set is prepared (standardized) here and kept for
    /// [`Table::model`], so checking a choice and building its model are two shorter tasks.
    pub(crate) fn summary(&self, label: usize, features: &[u32]) -> Result<Summary, TableError> {
        if let Some(c) = self.model.borrow().as_ref() {
            if c.label == label && c.features == features {
                return Ok(c.summary.clone());
            }
        }
        let f: Vec<usize> = features.iter().map(|&j| j as usize).collect();
        let p = self.reader.prepare(label, &f)?;
        let summary = Summary {
            task: p.data.task,
            label: p.label.clone(),
            features: p.features.clone(),
            means: p.means.clone(),
            spreads: p.spreads.clone(),
            classes: p.classes.clone(),
        };
        *self.model.borrow_mut() = Some(Chosen {
            label,
            features: features.to_vec(),
            summary: summary.clone(),
            prepared: Some(p),
            model: None,
        });
        Ok(summary)
    }

    /// The model of the chosen columns: built once for a choice, then shared by every session.
    pub(crate) fn model(&self, label: usize, features: &[u32]) -> Result<Arc<dyn Surface>, TableError> {
        self.summary(label, features)?;
        let mut slot = self.model.borrow_mut();
        let c = slot.as_mut().expect("summary() keeps the choice");
        if c.model.is_none() {
            let p = c.prepared.take().expect("a choice keeps its data set until its model is built");
            c.model = Some(own_model(p).into());
        }
        Ok(c.model.clone().expect("built above"))
    }
}
