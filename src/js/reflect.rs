//! Reading the caller's JavaScript values safely.
//!
//! A JavaScript exception must never unwind through wasm frames: it would skip
//! Rust's clean-up, leak wasm stack and leave borrows taken, until the instance
//! stops working. So every read of a caller's value goes through an import that
//! catches (`Reflect.*`, and the few below), and a throw becomes a
//! `BadConfigurationError`. Only *own* properties are read: a polluted
//! `Object.prototype` cannot smuggle in options.
//!
//! Property names are made as JavaScript strings once per name and kept (see
//! [`property_name`]): options are read on every call, and decoding a name
//! from wasm memory cost more than the read itself.

use crate::core::error::{Error, Result};
use js_sys::{Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_js(value: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view_js(value: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Uint8Array, js_name = from)]
    fn uint8_from_js(value: &JsValue) -> std::result::Result<Uint8Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = hasOwn)]
    fn has_own_js(obj: &JsValue, key: &JsValue) -> std::result::Result<bool, JsValue>;
    /// A `Set` of names made here (never the caller's).
    type NameMap;
    #[wasm_bindgen(catch, method, js_name = get)]
    fn index_js(this: &NameMap, key: &JsValue) -> std::result::Result<JsValue, JsValue>;
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

/// At most this many names are kept (the package reads a few dozen fixed
/// ones; anything beyond is made afresh each time rather than kept forever).
const MAX_KEPT: usize = 128;

thread_local! {
    /// Property names already made as JavaScript strings.
    static NAMES: RefCell<Vec<(String, Rc<JsValue>)>> = const { RefCell::new(Vec::new()) };
    /// For each list of known option names, a JavaScript `Map` of them to their index.
    static NAME_SETS: RefCell<Vec<(Vec<String>, Rc<JsValue>)>> = const { RefCell::new(Vec::new()) };
}

/// `key` as a JavaScript string, made once and then reused.
///
/// No borrow of the cache is held while the caller uses the name: a getter it
/// runs may call back into this package.
pub fn property_name(key: &str) -> Rc<JsValue> {
    NAMES.with(|names| {
        if let Some((_, v)) = names.borrow().iter().find(|(k, _)| k == key) {
            return v.clone();
        }
        let v = Rc::new(JsValue::from_str(key));
        let mut names = names.borrow_mut();
        if names.len() < MAX_KEPT {
            names.push((key.to_owned(), v.clone()));
        }
        v
    })
}

/// A JavaScript `Map` from each of the `known` names to its index, made once per list.
fn name_map(known: &[&str]) -> Rc<JsValue> {
    NAME_SETS.with(|sets| {
        let same = |list: &Vec<String>| {
            list.len() == known.len() && list.iter().zip(known).all(|(a, b)| a == b)
        };
        if let Some((_, map)) = sets.borrow().iter().find(|(list, _)| same(list)) {
            return map.clone();
        }
        let map = js_sys::Map::new();
        for (i, name) in known.iter().enumerate() {
            map.set(&property_name(name), &JsValue::from_f64(i as f64));
        }
        let map = Rc::new(JsValue::from(map));
        let mut sets = sets.borrow_mut();
        if sets.len() < MAX_KEPT {
            sets.push((known.iter().map(|k| k.to_string()).collect(), map.clone()));
        }
        map
    })
}

/// The own keys of an options object, against the `known` names (at most 64).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyScan {
    /// Bit `i` is set when `known[i]` is an own key.
    pub present: u64,
}

/// Scans the own keys of `obj` once: which `known` names it has, or the first own
/// string key that is not known (`Err(name)`). Symbol keys are ignored.
pub fn scan_keys(
    obj: &JsValue,
    known: &[&str],
    what: &str,
) -> Result<std::result::Result<KeyScan, String>> {
    let keys = Reflect::own_keys(obj).map_err(|_| unreadable(what))?;
    let map = name_map(known);
    let map = map.unchecked_ref::<NameMap>();
    let mut present = 0u64;
    for i in 0..keys.length() {
        let key = keys.get(i);
        if !key.is_string() {
            continue;
        }
        match map.index_js(&key).map_err(|_| unreadable(what))?.as_f64() {
            Some(index) if index < 64.0 => present |= 1 << (index as u32),
            Some(_) => {}
            None => return Ok(Err(key.as_string().unwrap_or_default())),
        }
    }
    Ok(Ok(KeyScan { present }))
}

/// The value of `key`, which the object has as an own key (found by [`scan_keys`]).
pub fn get_present(obj: &JsValue, key: &str, what: &str) -> Result<JsValue> {
    Reflect::get(obj, &property_name(key)).map_err(|_| unreadable(&format!("{what}.{key}")))
}

/// Does `obj` have the own property `key` (whatever its value)?
pub fn has_own(obj: &JsValue, key: &str, what: &str) -> Result<bool> {
    has_own_name(obj, &property_name(key), what)
}

fn has_own_name(obj: &JsValue, key: &JsValue, what: &str) -> Result<bool> {
    // `Object.hasOwn` asks what a property descriptor answers, without making
    // one; runtimes older than ES2022 lack it, and there the descriptor decides.
    if has_object_has_own() {
        return has_own_js(obj, key).map_err(|_| unreadable(what));
    }
    let desc = Reflect::get_own_property_descriptor(obj.unchecked_ref::<js_sys::Object>(), key)
        .map_err(|_| unreadable(what))?;
    Ok(!desc.is_undefined())
}

/// Does this runtime have `Object.hasOwn`? Looked up once.
fn has_object_has_own() -> bool {
    thread_local! {
        static HAS_OWN: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
    }
    HAS_OWN.with(|cell| {
        if let Some(known) = cell.get() {
            return known;
        }
        let has = Reflect::get(&js_sys::global(), &property_name("Object"))
            .and_then(|object| Reflect::get(&object, &property_name("hasOwn")))
            .is_ok_and(|f| f.is_function());
        cell.set(Some(has));
        has
    })
}

/// The own property `key` of `obj`, `undefined` when it has none.
pub fn get_own(obj: &JsValue, key: &str, what: &str) -> Result<JsValue> {
    let name = property_name(key);
    if !has_own_name(obj, &name, what)? {
        return Ok(JsValue::UNDEFINED);
    }
    Reflect::get(obj, &name).map_err(|_| unreadable(&format!("{what}.{key}")))
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

thread_local! {
    /// `pkg/bind.mjs`'s list reader (see [`set_list_reader`]), once registered.
    static LIST_READER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers `reader(value)`, which reads a list of strings in one call: the JSON
/// text of the list when `value` is an array of well-formed strings, `0` when it is
/// not an array or an item is not a string, `1` when an item has a lone surrogate,
/// the length when it has more than 100000 items. It reads each item once, as the
/// loop below does, through one crossing instead of three per item.
#[wasm_bindgen(js_name = __setListReader, skip_typescript)]
pub fn set_list_reader(reader: js_sys::Function) {
    LIST_READER.with(|r| *r.borrow_mut() = Some(reader));
}

fn too_many(what: &str, len: f64) -> Error {
    Error::config(format!(
        "{what} has {} items, more than 100000",
        crate::core::clock::format_number(len)
    ))
}

/// Items of a JavaScript array that must all be well-formed strings; `None` when
/// `value` is not an array or an item is not a string.
pub fn string_array(value: &JsValue, what: &str) -> Result<Option<Vec<String>>> {
    let reader = LIST_READER.with(|r| r.borrow().clone());
    if let Some(reader) = reader {
        let answer = reader
            .call1(&JsValue::UNDEFINED, value)
            .map_err(|_| unreadable(what))?;
        if let Some(text) = answer.as_string() {
            // JSON text of well-formed strings, written by the reader.
            let items = crate::core::json::read::value(text.as_bytes(), what)
                .ok()
                .and_then(|v| v.strings());
            return Ok(items);
        }
        return match answer.as_f64() {
            Some(1.0) => Err(Error::config(format!(
                "{what} contains a lone surrogate (not valid Unicode)"
            ))),
            Some(n) if n > 100_000.0 => Err(too_many(what, n)),
            _ => Ok(None),
        };
    }
    if !is_array(value, what)? {
        return Ok(None);
    }
    let len = Reflect::get(value, &property_name("length"))
        .map_err(|_| unreadable(what))?
        .as_f64()
        .unwrap_or(0.0);
    if len > 100_000.0 {
        return Err(too_many(what, len));
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
