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
    let (now, max) = unverified_options(&options)?;
    let token = super::input::take(len)?;
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

/// The scope rule behind `TokenPayload.hasScopes`: do the token's scopes (`granted`,
/// the JSON text of the `scopes` claim, or `undefined` when the token has none)
/// satisfy `required` (the JSON text of an array of strings), all of them or any one?
#[wasm_bindgen(js_name = __scopesAllow, skip_typescript)]
pub fn scopes_allow(granted: Option<String>, required: &str, all_required: bool) -> JsResult<bool> {
    let list = |text: &str| json::read::value(text.as_bytes(), "scopes").ok()?.strings();
    let required = list(required)
        .ok_or_else(|| Error::config("hasScopes takes scope strings (or one array of them)"))
        .map_err(super::error::to_js)?;
    let granted = match granted {
        Some(text) => Some(
            list(&text)
                .ok_or_else(|| Error::config("the payload's scopes are not an array of strings"))
                .map_err(super::error::to_js)?,
        ),
        None => None,
    };
    Ok(scopes::has_scopes(
        &required,
        granted.as_deref(),
        all_required,
    ))
}

/// The names of the registered claims (everything else is `extra`), from the core.
#[wasm_bindgen(js_name = __registeredClaims, skip_typescript)]
pub fn registered_claims() -> js_sys::Array {
    crate::core::claims::REGISTERED
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect()
}
