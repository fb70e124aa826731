//! Standalone key functions: `generateKeyPair`, `generateSecret`, `exportJwk`,
//! `exportPem`. Conversions only; the rules are in `core::keys`.
//!
//! The HMAC-only build (cargo feature `asymmetric` off) exports only
//! `generateSecret`.

use super::error::{lift, JsResult};
use super::options::algorithm;
#[cfg(feature = "asymmetric")]
use super::options::{key_input, Options};
#[cfg(feature = "asymmetric")]
use crate::core::alg::Family;
use crate::core::error::{Error, Result};
#[cfg(feature = "asymmetric")]
use crate::core::json::{self, Object};
use crate::core::keys::generate;
#[cfg(feature = "asymmetric")]
use crate::core::keys::Key;
#[cfg(feature = "asymmetric")]
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// A core JSON object as a plain JavaScript object.
#[cfg(feature = "asymmetric")]
pub fn to_js(object: &Object) -> JsValue {
    js_sys::JSON::parse(&json::to_string(object)).unwrap_or(JsValue::UNDEFINED)
}

fn alg_arg(value: &JsValue, what: &str) -> Result<crate::core::alg::Algorithm> {
    let name = super::reflect::string(value, what)?
        .ok_or_else(|| Error::config(format!("{what} needs the algorithm name as a string")))?;
    algorithm(&name)
}

#[cfg(feature = "asymmetric")]
fn pair(private: JsValue, public: JsValue) -> JsResult<JsValue> {
    let out = js_sys::Object::new();
    Reflect::set(&out, &"privateKey".into(), &private)?;
    Reflect::set(&out, &"publicKey".into(), &public)?;
    Ok(out.into())
}

/// Makes a new key pair for an asymmetric algorithm: `{ privateKey, publicKey }`
/// as JWK objects (with `kid` = RFC 7638 thumbprint, `alg` and `use`), or as
/// PEM strings (PKCS#8 and SPKI) with `{ toPem: true }`. RSA takes
/// `{ modulusLength: 2048 | 3072 | 4096 }` (default 2048).
#[cfg(feature = "asymmetric")]
#[wasm_bindgen(js_name = generateKeyPair, unchecked_return_type = "KeyPair")]
pub fn generate_key_pair(
    #[wasm_bindgen(unchecked_param_type = "Algorithm")] alg: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GenerateKeyPairOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let alg = lift(alg_arg(&alg, "generateKeyPair"))?;
    let o = lift(Options::new(
        &options,
        "options",
        &["toPem", "modulusLength", "keyId"],
    ))?;
    let bits = match lift(o.number("modulusLength"))? {
        None => None,
        Some(b) if b.fract() == 0.0 && (0.0..=65536.0).contains(&b) => Some(b as usize),
        Some(b) => {
            return Err(super::error::to_js(Error::config(format!(
                "options.modulusLength must be 2048, 3072 or 4096, not {}",
                crate::core::clock::format_number(b)
            ))))
        }
    };
    let mut key = lift(generate::key_pair(alg, bits))?;
    if let Some(kid) = lift(o.string("keyId"))? {
        key = key.with_kid(Some(kid));
    }
    if lift(o.boolean("toPem"))?.unwrap_or(false) {
        let private = lift(key.to_pem(true))?;
        let public = lift(key.to_pem(false))?;
        pair(private.into(), public.into())
    } else {
        let private = to_js(&lift(key.to_jwk(true))?);
        let public = to_js(&lift(key.to_jwk(false))?);
        pair(private, public)
    }
}

/// Makes a new random HMAC secret for `HS256` / `HS384` / `HS512`: the
/// base64url text of 32 / 48 / 64 random bytes (RFC 7518 §3.2), usable as
/// the same `JWT_SECRET_KEY` string in Python AuthX and here.
#[wasm_bindgen(js_name = generateSecret)]
pub fn generate_secret(
    #[wasm_bindgen(unchecked_param_type = "\"HS256\" | \"HS384\" | \"HS512\"")] alg: JsValue,
) -> JsResult<String> {
    let alg = lift(alg_arg(&alg, "generateSecret"))?;
    lift(generate::secret(alg))
}

#[cfg(feature = "asymmetric")]
const EXPORT_OPTIONS: &[&str] = &["algorithm", "keyId", "public"];

#[cfg(feature = "asymmetric")]
fn import(key: &JsValue, options: &JsValue, what: &str) -> Result<(Key, bool)> {
    let o = Options::new(options, "options", EXPORT_OPTIONS)?;
    let alg = o.string("algorithm")?.map(|n| algorithm(&n)).transpose()?;
    let secret = alg.is_some_and(|a| a.family() == Family::Hmac);
    let input = key_input(key, secret).map_err(|e| {
        e.unwrap_or_else(|| {
            Error::config(format!(
                "{what} takes a PEM string or a JWK object (a secret string or Uint8Array with algorithm HS*)"
            ))
        })
    })?;
    let mut key = Key::import_any(input.material(), alg)?;
    if let Some(kid) = o.string("keyId")? {
        key = key.with_kid(Some(kid));
    }
    Ok((key, o.boolean("public")?.unwrap_or(false)))
}

/// Converts a key (PEM string or JWK; a secret with `algorithm: "HS*"`) to a
/// JWK with `kid`, `alg` and `use`. `{ public: true }` keeps only the public
/// members; `algorithm` is needed for RSA keys and secrets without `alg`.
#[cfg(feature = "asymmetric")]
#[wasm_bindgen(js_name = exportJwk, unchecked_return_type = "JWK")]
pub fn export_jwk(
    #[wasm_bindgen(unchecked_param_type = "KeyLike")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExportKeyOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let (key, public) = lift(import(&key, &options, "exportJwk"))?;
    let private = key.can_sign() && !public;
    Ok(to_js(&lift(key.to_jwk(private))?))
}

/// Converts a key (PEM string or JWK) to PEM: PKCS#8 `PRIVATE KEY` for a
/// private key, SPKI `PUBLIC KEY` for a public key or with `{ public: true }`.
#[cfg(feature = "asymmetric")]
#[wasm_bindgen(js_name = exportPem)]
pub fn export_pem(
    #[wasm_bindgen(unchecked_param_type = "KeyLike")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExportKeyOptions")] options: JsValue,
) -> JsResult<String> {
    let (key, public) = lift(import(&key, &options, "exportPem"))?;
    let private = key.can_sign() && !public;
    lift(key.to_pem(private))
}
