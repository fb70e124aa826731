//! JavaScript options objects → core values. Type checks only; the rules live in the core.
//!
//! Every wrong type is a `BadConfigurationError` naming the option, and an
//! unknown option name is refused (a typo such as `secret` for `secretKey`
//! would otherwise pass silently).

use super::reflect;
use crate::core::alg::Algorithm;
use crate::core::claims::Audience;
use crate::core::config::{Config, Lifetime};
use crate::core::error::{Error, Result};
use crate::core::json::{self, Object};
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript options object that may be `undefined`.
pub struct Options<'a> {
    obj: Option<&'a JsValue>,
    what: &'static str,
}

impl<'a> Options<'a> {
    /// Wraps `value` (an object, `undefined` or `null`), allowing only `known` names.
    pub fn new(value: &'a JsValue, what: &'static str, known: &[&str]) -> Result<Options<'a>> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options { obj: None, what });
        }
        if !value.is_object() || reflect::is_array(value, what)? {
            return Err(Error::config(format!("{what} must be an object")));
        }
        for key in reflect::own_keys(value, what)? {
            if !known.contains(&key.as_str()) {
                return Err(Error::config(format!(
                    "unknown option \"{key}\" in {what}; known options: {}",
                    known.join(", ")
                )));
            }
        }
        Ok(Options {
            obj: Some(value),
            what,
        })
    }

    /// Does the object have the own key `name` (even with the value `undefined`)?
    pub fn has(&self, name: &str) -> Result<bool> {
        match self.obj {
            Some(obj) => reflect::has_own(obj, name, self.what),
            None => Ok(false),
        }
    }

    /// The own value of `name`; `undefined` when absent.
    pub fn get(&self, name: &str) -> Result<JsValue> {
        match self.obj {
            Some(obj) => reflect::get_own(obj, name, self.what),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    fn bad(&self, name: &str, expected: &str) -> Error {
        Error::config(format!("{}.{name} must be {expected}", self.what))
    }

    fn name(&self, name: &str) -> String {
        format!("{}.{name}", self.what)
    }

    /// An optional string.
    pub fn string(&self, name: &str) -> Result<Option<String>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        reflect::string(&v, &self.name(name))?
            .map(Some)
            .ok_or_else(|| self.bad(name, "a string"))
    }

    /// An optional boolean.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_bool()
            .map(Some)
            .ok_or_else(|| self.bad(name, "a boolean"))
    }

    /// An optional number.
    pub fn number(&self, name: &str) -> Result<Option<f64>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        v.as_f64()
            .map(Some)
            .ok_or_else(|| self.bad(name, "a number"))
    }

    /// An optional lifetime: a whole number of seconds, or `null` for no expiry.
    pub fn lifetime(&self, name: &str) -> Result<Option<Lifetime>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if v.is_null() {
            return Ok(Some(Lifetime::Never));
        }
        let secs = v
            .as_f64()
            .ok_or_else(|| self.bad(name, "a whole number of seconds, or null for no expiry"))?;
        Lifetime::from_seconds(secs, &self.name(name)).map(Some)
    }

    /// An optional function.
    pub fn function(&self, name: &str) -> Result<Option<Function>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if !v.is_function() {
            return Err(self.bad(name, "a function"));
        }
        Ok(Some(v.unchecked_into::<Function>()))
    }

    /// An optional array of strings.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<String>>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        reflect::string_array(&v, &self.name(name))?
            .map(Some)
            .ok_or_else(|| self.bad(name, "an array of strings"))
    }

    /// An optional audience: a string or an array of strings.
    pub fn audience(&self, name: &str) -> Result<Option<Audience>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if let Some(s) = reflect::string(&v, &self.name(name))? {
            return Ok(Some(Audience::One(s)));
        }
        reflect::string_array(&v, &self.name(name))?
            .map(|v| Some(Audience::Many(v)))
            .ok_or_else(|| self.bad(name, "a string or an array of strings"))
    }

    /// An optional plain object, taken as JSON (`JSON.stringify` semantics).
    pub fn json_object(&self, name: &str) -> Result<Option<Object>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if !v.is_object() {
            return Err(self.bad(name, "a plain object"));
        }
        let text = js_sys::JSON::stringify(&v)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                self.bad(
                    name,
                    "JSON-serializable (no BigInt, no cycles, no throwing getters)",
                )
            })?;
        // Arrays, Dates and the like serialize to something other than an object: refused here.
        json::parse_object(text.as_bytes(), &self.name(name))
            .map(Some)
            .map_err(Error::config)
    }

    /// The optional `maxTokenLength`: a whole number of bytes, at least 1.
    pub fn max_token_length(&self) -> Result<Option<usize>> {
        match self.number("maxTokenLength")? {
            None => Ok(None),
            Some(max) if max.fract() == 0.0 && (1.0..=1e9).contains(&max) => Ok(Some(max as usize)),
            Some(max) => Err(Error::config(format!(
                "{}.maxTokenLength must be a whole number of bytes, not {max}",
                self.what
            ))),
        }
    }

    /// An optional secret: a UTF-8 string or a `Uint8Array`.
    pub fn secret(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        if let Some(s) = reflect::string(&v, &self.name(name))? {
            return Ok(Some(s.into_bytes()));
        }
        reflect::uint8_bytes(&v, &self.name(name))?
            .map(Some)
            .ok_or_else(|| self.bad(name, "a string or a Uint8Array"))
    }
}

/// The names `new AuthX(options)` accepts.
pub const AUTHX_OPTIONS: &[&str] = &[
    "secretKey",
    "algorithm",
    "accessTokenExpires",
    "refreshTokenExpires",
    "issuer",
    "audience",
    "leeway",
    "csrf",
    "now",
    "maxTokenLength",
];

/// What `new AuthX(options)` yields: the core config, the key bytes and the clock.
pub struct AuthXOptions {
    /// The core configuration.
    pub config: Config,
    /// The HMAC secret.
    pub secret: Vec<u8>,
    /// The `now` option.
    pub now: Option<Function>,
}

/// Reads the options of `new AuthX(options)`.
pub fn authx_options(value: &JsValue) -> Result<AuthXOptions> {
    if value.is_undefined() || value.is_null() {
        return Err(Error::config(
            "new AuthX(options) needs an options object with at least secretKey",
        ));
    }
    let o = Options::new(value, "options", AUTHX_OPTIONS)?;
    let mut config = Config::default();
    if let Some(name) = o.string("algorithm")? {
        config.algorithm = Algorithm::from_name(&name).ok_or_else(|| {
            Error::config(format!(
                "algorithm {name:?} is not supported; use one of {} (names are case-sensitive)",
                Algorithm::names()
            ))
        })?;
    }
    if let Some(l) = o.lifetime("accessTokenExpires")? {
        config.access_token_expires = l;
    }
    if let Some(l) = o.lifetime("refreshTokenExpires")? {
        config.refresh_token_expires = l;
    }
    config.issuer = o.string("issuer")?;
    config.audience = o.audience("audience")?;
    if let Some(leeway) = o.number("leeway")? {
        config.leeway = leeway;
    }
    if let Some(csrf) = o.boolean("csrf")? {
        config.csrf = csrf;
    }
    if let Some(max) = o.max_token_length()? {
        config.max_token_length = max;
    }
    let secret = o.secret("secretKey")?.ok_or_else(|| {
        Error::config(format!(
            "options.secretKey is required for {}",
            config.algorithm
        ))
    })?;
    Ok(AuthXOptions {
        config,
        secret,
        now: o.function("now")?,
    })
}
