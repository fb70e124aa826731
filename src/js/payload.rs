//! Decoded tokens cross to JavaScript as JSON text; `pkg/payload.mjs` makes the
//! `TokenPayload` object from it.
//!
//! No wasm-owned object is handed out for a payload: the core has checked the
//! header and payload (strict JSON, claim types, signature, times), and
//! JavaScript's `JSON.parse` builds the objects from the checked text. So there
//! is nothing to `free()` and nothing waits for a `FinalizationRegistry`.

use super::clock::JsClock;
use super::error::{lift, JsResult};
use super::options::Options;
use crate::core::config::DEFAULT_MAX_TOKEN_LENGTH;
use crate::core::error::Error;
use crate::core::json;
use crate::core::payload::Payload;
use crate::core::{scopes, verify};
use js_sys::Function;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static FACTORY: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The context of unverified payloads without a `now` option, made once.
    static UNVERIFIED: JsValue = context(&JsClock::new(None), 0.0);
}

/// Registers `factory(claims, header, context) -> TokenPayload`, called by the
/// package entries (`pkg/bind.mjs`). `claims` and `header` are JSON texts; `context`
/// is the instance's [`context`].
#[wasm_bindgen(js_name = __setPayloadFactory, skip_typescript)]
pub fn set_payload_factory(factory: Function) {
    FACTORY.with(|f| *f.borrow_mut() = Some(factory));
}

/// The per-instance part of every payload an instance makes: `{ now, leeway }`, its
/// clock function (or `undefined` for `Date.now`) and its leeway in seconds. Made
/// once per `AuthX`, so a decode allocates nothing for it.
pub fn context(clock: &JsClock, leeway: f64) -> JsValue {
    let ctx = js_sys::Object::new();
    // Setting properties on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&ctx, &"now".into(), &clock.function());
    let _ = js_sys::Reflect::set(&ctx, &"leeway".into(), &JsValue::from_f64(leeway));
    ctx.into()
}

/// Makes the JavaScript `TokenPayload` for `payload` by calling the registered
/// factory with the claims' and the header's JSON text and the instance's
/// [`context`]. Without a factory (the raw wasm-pack output, the wasm tests) it is
/// the plain object `{ header, claims }` that `JSON.parse` makes of the two texts.
pub fn to_js(payload: &Payload, context: &JsValue) -> JsResult<JsValue> {
    let claims = JsValue::from_str(&payload.claims.json);
    let header = JsValue::from_str(&payload.header.json);
    let factory = FACTORY.with(|f| f.borrow().clone());
    match factory {
        Some(f) => f.call3(&JsValue::UNDEFINED, &claims, &header, context),
        None => {
            let plain = js_sys::Object::new();
            let parse = |v: &JsValue| js_sys::JSON::parse(&v.as_string().unwrap_or_default());
            js_sys::Reflect::set(&plain, &"header".into(), &parse(&header)?)?;
            js_sys::Reflect::set(&plain, &"claims".into(), &parse(&claims)?)?;
            Ok(plain.into())
        }
    }
}

/// `TokenPayload.decodeUnverified(token, { now, maxTokenLength })`: reads a token
/// without a key or any check of signature, time, issuer or audience. Structure,
/// header and claim types are still checked.
#[wasm_bindgen(js_name = __decodeUnverified, skip_typescript)]
pub fn decode_unverified(token: JsValue, options: JsValue) -> JsResult<JsValue> {
    let (now, max) = unverified_options(&options)?;
    let token = lift(super::auth::token_string(&token, max))?;
    let payload = lift(verify::decode_unverified(&token, max))?;
    unverified_payload(&payload, now)
}

fn unverified_payload(payload: &Payload, now: Option<Function>) -> JsResult<JsValue> {
    match now {
        None => UNVERIFIED.with(|ctx| to_js(payload, ctx)),
        now => to_js(payload, &context(&JsClock::new(now), 0.0)),
    }
}

/// [`decode_unverified`] for a token that `pkg/bind.mjs` wrote into the input buffer.
#[wasm_bindgen(js_name = __decodeUnverifiedInput, skip_typescript)]
pub fn decode_unverified_input(len: usize, options: JsValue) -> JsResult<JsValue> {
    // The token first: reading the options runs the caller's getters, which may
    // decode another token through the same buffer.
    let token = super::input::take(len)?;
    let (now, max) = unverified_options(&options)?;
    lift(super::auth::check_length(&token, max))?;
    let payload = lift(verify::decode_unverified(&token, max))?;
    unverified_payload(&payload, now)
}

fn unverified_options(options: &JsValue) -> JsResult<(Option<Function>, usize)> {
    let o = lift(Options::new(options, "options", &["now", "maxTokenLength"]))?;
    let now = lift(o.function("now"))?;
    let max = lift(o.max_token_length())?.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH);
    Ok((now, max))
}

/// The scope rule behind `TokenPayload.hasScopes`, for the JSON text that
/// `pkg/payload.mjs` wrote into the input buffer: `[required]` or
/// `[required,granted]` (the token's `scopes` claim; absent when the token has
/// none). Do the granted scopes satisfy the required ones, all of them or any one?
#[wasm_bindgen(js_name = __scopesAllowInput, skip_typescript)]
pub fn scopes_allow_input(len: usize, all_required: bool) -> JsResult<bool> {
    let text = super::input::take(len)?;
    scopes_allow(&text, all_required)
}

/// [`scopes_allow_input`] for a text too long for the input buffer.
#[wasm_bindgen(js_name = __scopesAllow, skip_typescript)]
pub fn scopes_allow_text(text: &str, all_required: bool) -> JsResult<bool> {
    scopes_allow(text, all_required)
}

/// [`scopes_allow_input`] over a JSON text `[required]` or `[required,granted]`.
pub fn scopes_allow(text: &str, all_required: bool) -> JsResult<bool> {
    let bad = || {
        super::error::to_js(Error::config(
            "hasScopes takes scope strings (or one array of them)",
        ))
    };
    let outer = json::read::value(text.as_bytes(), "hasScopes").map_err(|_| bad())?;
    let lists = outer
        .items()
        .ok_or_else(bad)?
        .iter()
        .map(|raw| raw.borrowed_strings().ok_or_else(bad))
        .collect::<JsResult<Vec<_>>>()?;
    match lists.as_slice() {
        [required] => Ok(scopes::grants::<_, &str>(required, None, all_required)),
        [required, granted] => Ok(scopes::grants(
            required,
            Some(granted.as_slice()),
            all_required,
        )),
        _ => Err(bad()),
    }
}

/// The names of the registered claims (everything else is `extra`), from the core.
#[wasm_bindgen(js_name = __registeredClaims, skip_typescript)]
pub fn registered_claims() -> js_sys::Array {
    crate::core::claims::REGISTERED
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect()
}
