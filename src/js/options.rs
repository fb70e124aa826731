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
use crate::core::json::JsonObject;
#[cfg(feature = "asymmetric")]
use crate::core::json::{self, Object};
use crate::core::keys::spec::KeySpec;
use crate::core::keys::KeyMaterial;
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript options object that may be `undefined`.
pub struct Options<'a> {
    obj: Option<&'a JsValue>,
    what: &'static str,
    /// The names allowed, and which of them the object has as own keys: a name it
    /// lacks is answered without asking JavaScript again.
    known: &'a [&'a str],
    present: u64,
}

impl<'a> Options<'a> {
    /// Wraps `value` (an object, `undefined` or `null`), allowing only `known` names.
    pub fn new(
        value: &'a JsValue,
        what: &'static str,
        known: &'a [&'a str],
    ) -> Result<Options<'a>> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options {
                obj: None,
                what,
                known,
                present: 0,
            });
        }
        if !value.is_object() || reflect::is_array(value, what)? {
            return Err(Error::config(format!("{what} must be an object")));
        }
        let scan = reflect::scan_keys(value, known, what)?.map_err(|key| {
            Error::config(format!(
                "unknown option \"{key}\" in {what}; known options: {}",
                known.join(", ")
            ))
        })?;
        Ok(Options {
            obj: Some(value),
            what,
            known,
            present: scan.present,
        })
    }

    /// Was `name` among the own keys when the object was scanned? `None` for a name
    /// outside the first 64 known ones (then JavaScript is asked).
    fn scanned(&self, name: &str) -> Option<bool> {
        let i = self.known.iter().position(|k| *k == name)?;
        (i < 64).then(|| self.present & (1 << i) != 0)
    }

    /// Does the object have the own key `name` (even with the value `undefined`)?
    pub fn has(&self, name: &str) -> Result<bool> {
        match (self.obj, self.scanned(name)) {
            (None, _) => Ok(false),
            (Some(_), Some(present)) => Ok(present),
            (Some(obj), None) => reflect::has_own(obj, name, self.what),
        }
    }

    /// The own value of `name`; `undefined` when absent.
    pub fn get(&self, name: &str) -> Result<JsValue> {
        match (self.obj, self.scanned(name)) {
            (None, _) | (Some(_), Some(false)) => Ok(JsValue::UNDEFINED),
            (Some(obj), Some(true)) => reflect::get_present(obj, name, self.what),
            (Some(obj), None) => reflect::get_own(obj, name, self.what),
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
    pub fn json_object(&self, name: &str) -> Result<Option<JsonObject>> {
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
        JsonObject::parse(text, &self.name(name))
            .map(Some)
            .map_err(Error::config)
    }

    /// The optional `maxTokenLength`: a whole number of bytes, at least 1.
    pub fn max_token_length(&self) -> Result<Option<usize>> {
        match self.number("maxTokenLength")? {
            None => Ok(None),
            Some(max) if max.fract() == 0.0 && (1.0..=1e9).contains(&max) => Ok(Some(max as usize)),
            Some(max) => Err(Error::config(format!(
                "{}.maxTokenLength must be a whole number of bytes, not {}",
                self.what,
                crate::core::clock::format_number(max)
            ))),
        }
    }

    /// An optional key: a string (a secret when `secret`, else PEM), a
    /// `Uint8Array` (secrets only) or a JWK object.
    pub fn key(&self, name: &str, secret: bool) -> Result<Option<KeyInput>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        let expected = if secret {
            "a string, a Uint8Array or an oct JWK object"
        } else {
            "a PEM string or a JWK object"
        };
        key_input(&v, secret).map(Some).map_err(|e| match e {
            Some(e) => Error::config(format!("{}.{name}: {}", self.what, e.message())),
            None => self.bad(name, expected),
        })
    }

    /// An optional value taken as JSON (`JSON.stringify` semantics).
    #[cfg(feature = "asymmetric")]
    pub fn json(&self, name: &str) -> Result<Option<serde_json::Value>> {
        let v = self.get(name)?;
        if v.is_undefined() {
            return Ok(None);
        }
        to_json(&v).map(Some).ok_or_else(|| {
            self.bad(
                name,
                "JSON-serializable (no BigInt, no cycles, no throwing getters)",
            )
        })
    }
}

/// A key as given from JavaScript, owned.
pub enum KeyInput {
    /// Secret bytes.
    Secret(Vec<u8>),
    /// PEM text.
    Pem(String),
    /// A JWK object.
    #[cfg(feature = "asymmetric")]
    Jwk(Object),
}

impl KeyInput {
    /// The core's view of it.
    pub fn material(&self) -> KeyMaterial<'_> {
        match self {
            KeyInput::Secret(b) => KeyMaterial::Secret(b),
            KeyInput::Pem(t) => KeyMaterial::Pem(t),
            #[cfg(feature = "asymmetric")]
            KeyInput::Jwk(o) => KeyMaterial::Jwk(o),
        }
    }
}

#[cfg(feature = "asymmetric")]
fn to_json(v: &JsValue) -> Option<serde_json::Value> {
    let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

/// Converts a key value: `Err(None)` when its JS type is wrong. Reads go
/// through [`reflect`], so a throwing getter or proxy is an error, not a crash.
pub fn key_input(v: &JsValue, secret: bool) -> std::result::Result<KeyInput, Option<Error>> {
    if let Some(s) = reflect::string(v, "the key").map_err(Some)? {
        return Ok(if secret {
            KeyInput::Secret(s.into_bytes())
        } else {
            KeyInput::Pem(s)
        });
    }
    if let Some(bytes) = reflect::uint8_bytes(v, "the key").map_err(Some)? {
        return if secret {
            Ok(KeyInput::Secret(bytes))
        } else {
            Err(None)
        };
    }
    if v.is_object() && !reflect::is_array(v, "the key").map_err(Some)? {
        #[cfg(feature = "asymmetric")]
        {
            let text = js_sys::JSON::stringify(v)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or(None)?;
            return json::parse_object(text.as_bytes(), "jwk")
                .map(KeyInput::Jwk)
                .map_err(|e| Some(Error::config(e)));
        }
        #[cfg(not(feature = "asymmetric"))]
        return Err(Some(crate::core::alg::hmac_only(
            "JWK keys (pass the secret as a string or a Uint8Array)",
        )));
    }
    Err(None)
}

/// Looks an algorithm name up, with the message for an unknown one.
///
/// In the HMAC-only build a known asymmetric name gets the error that says so
/// ([`Algorithm::unavailable`]), not "not supported".
pub fn algorithm(name: &str) -> Result<Algorithm> {
    match Algorithm::from_name(name) {
        Some(a) if Algorithm::HMAC_ONLY => a.unavailable().map_or(Ok(a), Err),
        Some(a) if a.is_available() => Ok(a),
        _ => Err(Error::config(format!(
            "algorithm {name:?} is not supported; use one of {} (names are case-sensitive)",
            Algorithm::names()
        ))),
    }
}

/// The names `new AuthX(options)` accepts.
pub const AUTHX_OPTIONS: &[&str] = &[
    "secretKey",
    "privateKey",
    "publicKey",
    "keyId",
    "verificationKeys",
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

/// The key options of `new AuthX(options)`, owned.
#[derive(Default)]
pub struct KeyInputs {
    /// `secretKey`.
    pub secret: Option<KeyInput>,
    /// `privateKey`.
    pub private_key: Option<KeyInput>,
    /// `publicKey`.
    pub public_key: Option<KeyInput>,
    /// `keyId`.
    pub key_id: Option<String>,
    /// `verificationKeys`, as JSON.
    #[cfg(feature = "asymmetric")]
    pub verification_keys: Option<serde_json::Value>,
}

impl KeyInputs {
    /// The core's view of them.
    pub fn spec(&self) -> KeySpec<'_> {
        KeySpec {
            secret: self.secret.as_ref().map(KeyInput::material),
            private_key: self.private_key.as_ref().map(KeyInput::material),
            public_key: self.public_key.as_ref().map(KeyInput::material),
            key_id: self.key_id.as_deref(),
            #[cfg(feature = "asymmetric")]
            verification_keys: self.verification_keys.as_ref(),
        }
    }
}

/// What `new AuthX(options)` yields: the core config, the keys and the clock.
pub struct AuthXOptions {
    /// The core configuration.
    pub config: Config,
    /// The key options.
    pub keys: KeyInputs,
    /// The `now` option.
    pub now: Option<Function>,
}

/// Reads the options of `new AuthX(options)`.
pub fn authx_options(value: &JsValue) -> Result<AuthXOptions> {
    if value.is_undefined() || value.is_null() {
        return Err(Error::config(
            "new AuthX(options) needs an options object with at least secretKey (HS*) or privateKey / publicKey",
        ));
    }
    let o = Options::new(value, "options", AUTHX_OPTIONS)?;
    let mut config = Config::default();
    if let Some(name) = o.string("algorithm")? {
        config.algorithm = algorithm(&name)?;
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
    #[cfg(not(feature = "asymmetric"))]
    for name in ["privateKey", "publicKey", "verificationKeys"] {
        if !o.get(name)?.is_undefined() {
            return Err(crate::core::alg::hmac_only(&format!(
                "options.{name} (asymmetric keys and key sets)"
            )));
        }
    }
    let keys = KeyInputs {
        secret: o.key("secretKey", true)?,
        private_key: o.key("privateKey", false)?,
        public_key: o.key("publicKey", false)?,
        key_id: o.string("keyId")?,
        #[cfg(feature = "asymmetric")]
        verification_keys: o.json("verificationKeys")?,
    };
    Ok(AuthXOptions {
        config,
        keys,
        now: o.function("now")?,
    })
}
