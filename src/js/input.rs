//! The token's way into wasm memory: one `TextEncoder.encodeInto` into a fixed
//! buffer instead of wasm-bindgen's string passing, which copies ASCII text one
//! character at a time in JavaScript (about 0.7 µs for a 370-character token in
//! Node, ten times the cost of `encodeInto`). `pkg/bind.mjs` uses it for tokens
//! that fit; longer ones and non-strings take the ordinary path, whose checks
//! and messages are the same.

use super::error::JsResult;
use crate::core::error::Error;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// Bytes in the input buffer: 4096 UTF-16 units of token text, at most 3 bytes each.
pub const INPUT_CAPACITY: usize = 4096 * 3;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = RefCell::new(vec![0; INPUT_CAPACITY]);
}

/// Where the input buffer starts in wasm memory; it holds [`INPUT_CAPACITY`] bytes
/// and never moves.
#[wasm_bindgen(js_name = __inputBuffer, skip_typescript)]
pub fn input_buffer() -> *const u8 {
    INPUT.with(|b| b.borrow().as_ptr())
}

/// The wasm instance's memory, for the view over the input buffer.
#[wasm_bindgen(js_name = __memory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The first `len` bytes of the input buffer as the token text. It is copied out
/// before anything else runs, so a callback that decodes another token (a clock
/// that calls back into the package) cannot change it.
pub fn take(len: usize) -> JsResult<String> {
    let bytes = INPUT.with(|b| b.borrow().get(..len).map(<[u8]>::to_vec));
    let bytes = bytes.ok_or_else(|| {
        super::error::to_js(Error::malformed("the token does not fit the input buffer"))
    })?;
    // encodeInto writes UTF-8; anything else is not a token written by bind.mjs.
    String::from_utf8(bytes)
        .map_err(|_| super::error::to_js(Error::malformed("the token is not valid UTF-8")))
}
