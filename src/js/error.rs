//! Core [`Error`] → JavaScript error, in one place.
//!
//! Each error is an instance of a class named after its [`ErrorKind`] (all
//! subclasses of `AuthXError`, itself an `Error`), with `name` and `code` set
//! from the kind. The classes are defined in `glue.js` beside this file.

use crate::core::error::{Error, ErrorKind};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(name: &str, code: &str, message: &str) -> JsValue;
    #[wasm_bindgen(js_name = errorClasses)]
    fn error_classes_js(pairs: Vec<JsValue>) -> JsValue;
    #[wasm_bindgen(js_name = installHasScopes)]
    fn install_has_scopes(token_payload_class: &JsValue);
}

/// Converts a core error to the JavaScript error to throw.
pub fn to_js(err: Error) -> JsValue {
    let kind = err.kind();
    make_error(kind.name(), kind.code(), err.message())
}

/// Called once by each package entry with the `TokenPayload` class: installs
/// the variadic `hasScopes` and returns [`error_classes`].
#[wasm_bindgen(js_name = __setup, skip_typescript)]
pub fn setup(token_payload_class: JsValue) -> JsValue {
    install_has_scopes(&token_payload_class);
    error_classes()
}

/// Every error class by name: `{ AuthXError, TokenExpiredError, ... }`.
pub fn error_classes() -> JsValue {
    let pairs: Vec<JsValue> = ErrorKind::ALL
        .iter()
        .flat_map(|k| [JsValue::from_str(k.name()), JsValue::from_str(k.code())])
        .collect();
    error_classes_js(pairs)
}

/// Results of the binding layer: the error side is the JavaScript error to throw.
pub type JsResult<T> = Result<T, JsValue>;

/// Lifts a core result into a [`JsResult`].
pub fn lift<T>(r: crate::core::error::Result<T>) -> JsResult<T> {
    r.map_err(to_js)
}
