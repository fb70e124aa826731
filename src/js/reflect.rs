//! Reading the caller's JavaScript values safely.
//!
//! A JavaScript exception must never unwind through wasm frames: it would skip
//! Rust's clean-up, leak wasm stack and leave borrows taken, until the instance
//! stops working. So every read of a caller's value goes through an import that
//! catches (`Reflect.*`, and the few below), and a throw becomes a
//! `BadConfigurationError`. Only *own* properties are read: a polluted
//! `Object.prototype` cannot smuggle in options.

use crate::core::error::{Error, Result};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_js(value: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view_js(value: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = from)]
    fn uint8_from_js(value: &JsValue) -> std::result::Result<Uint8Array, JsValue>;
    /// A string primitive, for its `isWellFormed` method.
    type Text;
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed_js(this: &Text) -> std::result::Result<bool, JsValue>;
}

fn unreadable(what: &str) -> Error {
    Error::config(format!(
        "{what} could not be read (a getter or proxy threw)"
    ))
}

/// Is `value` an array? (A revoked proxy is an error, not a crash.)
pub fn is_array(value: &JsValue, what: &str) -> Result<bool> {
    is_array_js(value).map_err(|_| unreadable(what))
}

/// The own string keys of an object.
pub fn own_keys(obj: &JsValue, what: &str) -> Result<Vec<String>> {
    let keys = Reflect::own_keys(obj).map_err(|_| unreadable(what))?;
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Does `obj` have the own property `key` (whatever its value)?
pub fn has_own(obj: &JsValue, key: &str, what: &str) -> Result<bool> {
    let desc = Reflect::get_own_property_descriptor(
        obj.unchecked_ref::<js_sys::Object>(),
        &JsValue::from_str(key),
    )
    .map_err(|_| unreadable(what))?;
    Ok(!desc.is_undefined())
}

/// The own property `key` of `obj`, `undefined` when it has none.
pub fn get_own(obj: &JsValue, key: &str, what: &str) -> Result<JsValue> {
    if !has_own(obj, key, what)? {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| unreadable(&format!("{what}.{key}")))
}

/// `value` as a Rust string, if it is a well-formed JavaScript string. A lone
/// surrogate is refused: converting it would silently become U+FFFD, and two
/// different secrets or scopes would then compare equal.
pub fn string(value: &JsValue, what: &str) -> Result<Option<String>> {
    if !value.is_string() {
        return Ok(None);
    }
    let well_formed = value
        .unchecked_ref::<Text>()
        .is_well_formed_js()
        .unwrap_or(true);
    if !well_formed {
        return Err(Error::config(format!(
            "{what} contains a lone surrogate (not valid Unicode)"
        )));
    }
    Ok(value.as_string())
}

/// Items of a JavaScript array that must all be well-formed strings; `None` when
/// `value` is not an array or an item is not a string.
pub fn string_array(value: &JsValue, what: &str) -> Result<Option<Vec<String>>> {
    if !is_array(value, what)? {
        return Ok(None);
    }
    let len = Reflect::get(value, &JsValue::from_str("length"))
        .map_err(|_| unreadable(what))?
        .as_f64()
        .unwrap_or(0.0);
    if len > 100_000.0 {
        return Err(Error::config(format!(
            "{what} has {len} items, more than 100000"
        )));
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len as u32 {
        let item = Reflect::get_u32(value, i).map_err(|_| unreadable(what))?;
        match string(&item, what)? {
            Some(s) => out.push(s),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// The bytes of a `Uint8Array`, copied through its real length (an own `length`
/// property cannot lie about it); `None` for anything else.
pub fn uint8_bytes(value: &JsValue, what: &str) -> Result<Option<Vec<u8>>> {
    // isView is true only for real typed arrays and DataViews (never a proxy).
    if !is_view_js(value).map_err(|_| unreadable(what))? || !value.is_instance_of::<Uint8Array>() {
        return Ok(None);
    }
    let copy = uint8_from_js(value).map_err(|_| unreadable(what))?;
    Ok(Some(copy.to_vec()))
}
