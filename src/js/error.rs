//! Core [`Error`] → JavaScript error, in one place.
//!
//! The package's entry modules register a factory (`pkg/bind.mjs`) that makes
//! an instance of the class named after the [`ErrorKind`] (all subclasses of
//! `AuthXError`, in `pkg/errors.mjs`). Without a factory (the raw wasm-pack
//! output, or the wasm tests) the error is a plain `Error` with the same
//! `name`, `code` and message.

use crate::core::error::{Error, ErrorKind};
use js_sys::{Array, Function, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers `factory(name, code, message) -> Error`, called by the package entries.
#[wasm_bindgen(js_name = __setErrorFactory, skip_typescript)]
pub fn set_error_factory(factory: Function) {
    FACTORY.with(|f| *f.borrow_mut() = Some(factory));
}

/// Every error kind as `[name, code]` pairs, so the JS classes can be checked against the core.
#[wasm_bindgen(js_name = __errorKinds, skip_typescript)]
pub fn error_kinds() -> Array {
    ErrorKind::ALL
        .iter()
        .map(|k| Array::of2(&k.name().into(), &k.code().into()))
        .collect()
}

/// Converts a core error to the JavaScript error to throw.
pub fn to_js(err: Error) -> JsValue {
    let kind = err.kind();
    let (name, code, message) = (
        JsValue::from_str(kind.name()),
        JsValue::from_str(kind.code()),
        JsValue::from_str(err.message()),
    );
    let made = FACTORY.with(|f| {
        f.borrow().as_ref().and_then(|factory| {
            factory
                .call3(&JsValue::UNDEFINED, &name, &code, &message)
                .ok()
        })
    });
    made.unwrap_or_else(|| {
        let e = js_sys::Error::new(err.message());
        e.set_name(kind.name());
        // Setting a property on a fresh Error cannot fail.
        let _ = Reflect::set(&e, &JsValue::from_str("code"), &code);
        e.into()
    })
}

/// Results of the binding layer: the error side is the JavaScript error to throw.
pub type JsResult<T> = Result<T, JsValue>;

/// Lifts a core result into a [`JsResult`].
pub fn lift<T>(r: crate::core::error::Result<T>) -> JsResult<T> {
    r.map_err(to_js)
}
