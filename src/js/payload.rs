//! The `TokenPayload` class: getters over a decoded token.

use super::clock::JsClock;
use super::error::{lift, JsResult};
use super::options::Options;
use super::reflect;
use crate::core::clock::Clock;
use crate::core::config::DEFAULT_MAX_TOKEN_LENGTH;
use crate::core::error::Error;
use crate::core::json::{self, Object};
use crate::core::payload::Payload;
use crate::core::verify;
use js_sys::{Array, Date};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A decoded token: claims, header, expiry getters and scope checks.
#[wasm_bindgen]
pub struct TokenPayload {
    inner: Payload,
    clock: Rc<JsClock>,
    leeway: f64,
}

fn to_js_object(object: &Object) -> JsValue {
    // JSON.parse makes plain objects with own properties only (a "__proto__"
    // claim stays data and never becomes a prototype).
    js_sys::JSON::parse(&json::to_string(object)).unwrap_or(JsValue::UNDEFINED)
}

fn date(seconds: Option<f64>) -> Option<Date> {
    seconds.map(|s| Date::new(&JsValue::from_f64(s * 1000.0)))
}

impl TokenPayload {
    /// Wraps a core payload with the clock and leeway of the instance that decoded it.
    pub fn new(inner: Payload, clock: Rc<JsClock>, leeway: f64) -> Self {
        TokenPayload {
            inner,
            clock,
            leeway,
        }
    }

    fn now(&self) -> f64 {
        // A broken injected clock was caught when the token was decoded; NaN here only
        // makes the time getters NaN rather than throwing from a getter.
        self.clock.now_seconds().unwrap_or(f64::NAN)
    }
}

#[wasm_bindgen]
impl TokenPayload {
    /// Reads a token without a key or any check of signature, time, issuer or
    /// audience: for frontends that only show expiry and scopes. Structure,
    /// header and claim types are still checked. Options: `{ now, maxTokenLength }`.
    #[wasm_bindgen(js_name = decodeUnverified)]
    pub fn decode_unverified(
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DecodeUnverifiedOptions")] options: JsValue,
    ) -> JsResult<TokenPayload> {
        let o = lift(Options::new(
            &options,
            "options",
            &["now", "maxTokenLength"],
        ))?;
        let now = lift(o.function("now"))?;
        let max = lift(o.max_token_length())?.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH);
        let token = lift(super::auth::token_string(&token, max))?;
        let inner = lift(verify::decode_unverified(&token, max))?;
        Ok(TokenPayload::new(inner, Rc::new(JsClock::new(now)), 0.0))
    }

    /// `sub`: the user id.
    #[wasm_bindgen(getter)]
    pub fn sub(&self) -> Option<String> {
        self.inner.claims.sub.clone()
    }

    /// `jti`: the token id.
    #[wasm_bindgen(getter)]
    pub fn jti(&self) -> Option<String> {
        self.inner.claims.jti.clone()
    }

    /// `iat`, seconds since the epoch, as in the token.
    #[wasm_bindgen(getter)]
    pub fn iat(&self) -> Option<f64> {
        self.inner.claims.iat
    }

    /// `exp`, seconds since the epoch, as in the token (may be fractional).
    #[wasm_bindgen(getter)]
    pub fn exp(&self) -> Option<f64> {
        self.inner.claims.exp
    }

    /// `nbf`, seconds since the epoch.
    #[wasm_bindgen(getter)]
    pub fn nbf(&self) -> Option<f64> {
        self.inner.claims.nbf
    }

    /// `iss`: the issuer.
    #[wasm_bindgen(getter)]
    pub fn iss(&self) -> Option<String> {
        self.inner.claims.iss.clone()
    }

    /// `aud`: a string or an array of strings, as in the token.
    #[wasm_bindgen(getter, unchecked_return_type = "string | string[] | undefined")]
    pub fn aud(&self) -> JsValue {
        match &self.inner.claims.aud {
            None => JsValue::UNDEFINED,
            Some(crate::core::claims::Audience::One(s)) => JsValue::from_str(s),
            Some(crate::core::claims::Audience::Many(v)) => strings_to_js(v),
        }
    }

    /// `type`: "access" (the default when absent) or "refresh".
    #[wasm_bindgen(getter, js_name = type)]
    pub fn token_type(&self) -> String {
        self.inner.token_type().to_owned()
    }

    /// `fresh`, false when absent.
    #[wasm_bindgen(getter)]
    pub fn fresh(&self) -> bool {
        self.inner.fresh()
    }

    /// `csrf`, "" when absent.
    #[wasm_bindgen(getter)]
    pub fn csrf(&self) -> String {
        self.inner.csrf().to_owned()
    }

    /// `scopes`, or undefined when the token has none.
    #[wasm_bindgen(getter, unchecked_return_type = "string[] | undefined")]
    pub fn scopes(&self) -> JsValue {
        self.inner
            .claims
            .scopes
            .as_deref()
            .map_or(JsValue::UNDEFINED, strings_to_js)
    }

    /// Every claim that is not a registered one: the custom `data`.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, unknown>")]
    pub fn extra(&self) -> JsValue {
        to_js_object(&self.inner.claims.extra())
    }

    /// The protected header.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, unknown>")]
    pub fn header(&self) -> JsValue {
        to_js_object(&self.inner.header)
    }

    /// `exp` as a Date.
    #[wasm_bindgen(getter, js_name = expiryDate)]
    pub fn expiry_date(&self) -> Option<Date> {
        date(self.inner.claims.exp)
    }

    /// `iat` as a Date.
    #[wasm_bindgen(getter, js_name = issuedAtDate)]
    pub fn issued_at_date(&self) -> Option<Date> {
        date(self.inner.claims.iat)
    }

    /// `nbf` as a Date.
    #[wasm_bindgen(getter, js_name = notBeforeDate)]
    pub fn not_before_date(&self) -> Option<Date> {
        date(self.inner.claims.nbf)
    }

    /// Seconds until `exp` by the instance's clock (negative once expired).
    #[wasm_bindgen(getter, js_name = timeUntilExpiry)]
    pub fn time_until_expiry(&self) -> Option<f64> {
        self.inner.time_until_expiry(self.now())
    }

    /// Seconds since `iat` by the instance's clock.
    #[wasm_bindgen(getter, js_name = timeSinceIssued)]
    pub fn time_since_issued(&self) -> Option<f64> {
        self.inner.time_since_issued(self.now())
    }

    /// Expired now (by the instance's clock and leeway)? False without `exp`.
    #[wasm_bindgen(getter, js_name = isExpired)]
    pub fn is_expired(&self) -> bool {
        self.inner.is_expired(self.now(), self.leeway)
    }

    /// Scope check behind `hasScopes(...)`; the entry modules parse its arguments.
    #[wasm_bindgen(js_name = __hasScopes, skip_typescript)]
    pub fn has_scopes_list(&self, required: JsValue, all_required: bool) -> JsResult<bool> {
        let required = lift(reflect::string_array(&required, "hasScopes").and_then(|r| {
            r.ok_or_else(|| Error::config("hasScopes takes scope strings (or one array of them)"))
        }))?;
        Ok(self.inner.has_scopes(&required, all_required))
    }

    /// Every claim as a plain object, so `JSON.stringify(payload)` works.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_json(&self) -> JsValue {
        to_js_object(&self.inner.claims.all)
    }
}

fn strings_to_js(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}
