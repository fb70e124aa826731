//! The clock of an AuthX instance: the caller's `now()` or `Date.now()`.

use crate::core::clock::Clock;
use js_sys::Function;
use wasm_bindgen::JsValue;

/// Calls the caller's `now` option, or `Date.now()` when there is none.
/// Read once per operation, never at module start.
#[derive(Clone, Default)]
pub struct JsClock {
    now: Option<Function>,
}

impl JsClock {
    /// A clock that calls `now` (which must return milliseconds), or `Date.now()`.
    pub fn new(now: Option<Function>) -> Self {
        JsClock { now }
    }

    /// The caller's `now` function, or `undefined` for `Date.now()`.
    pub fn function(&self) -> JsValue {
        self.now.as_ref().map_or(JsValue::UNDEFINED, |f| f.into())
    }
}

impl Clock for JsClock {
    fn now_ms(&self) -> f64 {
        match &self.now {
            // A throwing or non-number clock yields NaN, which `now_seconds` reports.
            Some(f) => f
                .call0(&JsValue::UNDEFINED)
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(f64::NAN),
            None => js_sys::Date::now(),
        }
    }
}
