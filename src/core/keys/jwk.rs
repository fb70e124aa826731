//! JWK objects (RFC 7517, RFC 7518 §6, RFC 8037 §2) ↔ [`KeyParts`].
//!
//! Key types `EC` (P-256, P-384, P-521, secp256k1), `OKP` (Ed25519), `RSA`
//! and `oct`. Members are base64url, strictly; EC coordinates and `d` must be
//! the full size of the curve (RFC 7518 §6.2.1.2). `kid`, `alg`, `use` and
//! `key_ops` are read as metadata: `use` must be `sig`, and `key_ops`, when
//! present, must allow signing or verifying. Certificate members (`x5c`,
//! `x5t`, `x5u`) are never used: a key is what its own members say.

use super::parts::{KeyParts, RsaPrivateParts};
use crate::core::alg::Curve;
use crate::core::base64url;
use crate::core::error::{Error, Result};
use crate::core::json::{type_name, Object};
use serde_json::Value;
use zeroize::Zeroizing;

/// The metadata members of a JWK.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JwkMeta {
    /// `kid`.
    pub kid: Option<String>,
    /// `alg`, as written (checked against the key type on import).
    pub alg: Option<String>,
    /// `use`.
    pub use_: Option<String>,
}

fn string(jwk: &Object, name: &str) -> Result<Option<String>> {
    match jwk.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(Error::config(format!(
            "JWK member \"{name}\" must be a string, not {}",
            type_name(other)
        ))),
    }
}

fn bytes(jwk: &Object, name: &str) -> Result<Option<Vec<u8>>> {
    match string(jwk, name)? {
        None => Ok(None),
        Some(s) => base64url::decode(&s)
            .map(Some)
            .map_err(|e| Error::config(format!("JWK member \"{name}\" is not base64url: {e}"))),
    }
}

fn required(jwk: &Object, name: &str, kty: &str) -> Result<Vec<u8>> {
    bytes(jwk, name)?.ok_or_else(|| Error::config(format!("the {kty} JWK has no \"{name}\"")))
}

fn secret(jwk: &Object, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    Ok(bytes(jwk, name)?.map(Zeroizing::new))
}

/// Reads the metadata of `jwk`, checking `use` and `key_ops`.
pub fn meta(jwk: &Object) -> Result<JwkMeta> {
    let meta = JwkMeta {
        kid: string(jwk, "kid")?,
        alg: string(jwk, "alg")?,
        use_: string(jwk, "use")?,
    };
    if let Some(u) = &meta.use_ {
        if u != "sig" {
            return Err(Error::config(format!(
                "the JWK has \"use\": {u:?}; a signing key has \"use\": \"sig\" (or none)"
            )));
        }
    }
    if let Some(ops) = jwk.get("key_ops") {
        let ops: Vec<&str> = ops
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if !ops.iter().any(|op| *op == "sign" || *op == "verify") {
            return Err(Error::config(
                "the JWK's \"key_ops\" allow neither \"sign\" nor \"verify\"",
            ));
        }
    }
    Ok(meta)
}

/// Decodes a JWK object into its parts and metadata.
///
/// ```
/// use authx_wasm::keys::jwk;
/// let text = br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"a"}"#;
/// let object = authx_wasm::json::parse_object(text, "jwk").unwrap();
/// let (parts, meta) = jwk::decode(&object).unwrap();
/// assert!(!parts.is_private());
/// assert_eq!(meta.kid.as_deref(), Some("a"));
/// ```
pub fn decode(jwk: &Object) -> Result<(KeyParts, JwkMeta)> {
    let kty =
        string(jwk, "kty")?.ok_or_else(|| Error::config("the JWK has no \"kty\" (key type)"))?;
    let meta = meta(jwk)?;
    let parts = match kty.as_str() {
        "EC" => ec(jwk)?,
        "OKP" => okp(jwk)?,
        "RSA" => rsa(jwk)?,
        "oct" => {
            let k = required(jwk, "k", "oct")?;
            if k.is_empty() {
                return Err(Error::config("the oct JWK's \"k\" is empty"));
            }
            KeyParts::Oct(Zeroizing::new(k))
        }
        other => {
            return Err(Error::config(format!(
                "JWK key type \"kty\": {other:?} is not supported; use EC, OKP, RSA or oct"
            )))
        }
    };
    Ok((parts, meta))
}

fn ec(jwk: &Object) -> Result<KeyParts> {
    let crv = string(jwk, "crv")?.ok_or_else(|| Error::config("the EC JWK has no \"crv\""))?;
    let curve = Curve::from_jwk_name(&crv).ok_or_else(|| {
        Error::config(format!(
            "EC curve \"crv\": {crv:?} is not supported; use P-256, P-384, P-521 or secp256k1"
        ))
    })?;
    let n = curve.field_len();
    let full = |name: &str, v: &[u8]| {
        if v.len() == n {
            Ok(())
        } else {
            Err(Error::config(format!(
                "the {crv} JWK's \"{name}\" is {} bytes; it must be exactly {n} (RFC 7518 §6.2)",
                v.len()
            )))
        }
    };
    let d = secret(jwk, "d")?;
    if let Some(d) = &d {
        full("d", d)?;
    }
    let point = match (bytes(jwk, "x")?, bytes(jwk, "y")?) {
        (Some(x), Some(y)) => {
            full("x", &x)?;
            full("y", &y)?;
            Some([&[4u8][..], &x, &y].concat())
        }
        (None, None) if d.is_some() => None,
        _ => {
            return Err(Error::config(format!(
                "the {crv} JWK needs both \"x\" and \"y\""
            )))
        }
    };
    Ok(KeyParts::Ec { curve, d, point })
}

fn okp(jwk: &Object) -> Result<KeyParts> {
    let crv = string(jwk, "crv")?.ok_or_else(|| Error::config("the OKP JWK has no \"crv\""))?;
    if crv != "Ed25519" {
        return Err(Error::config(format!(
            "OKP curve \"crv\": {crv:?} is not supported; only Ed25519 signs here"
        )));
    }
    let seed = secret(jwk, "d")?;
    let x = bytes(jwk, "x")?;
    if seed.is_none() && x.is_none() {
        return Err(Error::config("the Ed25519 JWK has no \"x\""));
    }
    Ok(KeyParts::Ed25519 { seed, x })
}

fn rsa(jwk: &Object) -> Result<KeyParts> {
    if jwk.contains_key("oth") {
        return Err(Error::config(
            "the RSA JWK has \"oth\": multi-prime RSA is not supported",
        ));
    }
    let strip = |mut v: Vec<u8>| {
        let zeros = v.iter().take_while(|&&b| b == 0).count();
        v.drain(..zeros);
        v
    };
    let n = strip(required(jwk, "n", "RSA")?);
    let e = strip(required(jwk, "e", "RSA")?);
    let private = match secret(jwk, "d")? {
        Some(d) => Some(RsaPrivateParts {
            d,
            p: secret(jwk, "p")?,
            q: secret(jwk, "q")?,
            crt: None,
        }),
        None => None,
    };
    Ok(KeyParts::Rsa { n, e, private })
}

/// Encodes `parts` as a JWK: the private members too when `private`, then
/// `kid`, `alg` and `use: "sig"` from `meta`.
pub fn encode(parts: &KeyParts, meta: &JwkMeta, private: bool) -> Result<Object> {
    let mut o = Object::new();
    let mut put = |name: &str, v: &[u8]| {
        o.insert(name.into(), Value::String(base64url::encode(v)));
    };
    let need = |what: &str| Error::config(format!("the key has no {what}"));
    let kty = match parts {
        KeyParts::Oct(k) => {
            put("k", k);
            "oct"
        }
        KeyParts::Ec { curve, d, point } => {
            let point = point.as_deref().ok_or_else(|| need("public point"))?;
            let n = curve.field_len();
            if point.len() != 1 + 2 * n {
                return Err(need("uncompressed public point"));
            }
            put("x", &point[1..=n]);
            put("y", &point[1 + n..]);
            if private {
                put("d", d.as_ref().ok_or_else(|| need("private scalar"))?);
            }
            "EC"
        }
        KeyParts::Ed25519 { seed, x } => {
            put("x", x.as_deref().ok_or_else(|| need("public key"))?);
            if private {
                put("d", seed.as_ref().ok_or_else(|| need("private key"))?);
            }
            "OKP"
        }
        KeyParts::Rsa { n, e, private: p } => {
            put("n", n);
            put("e", e);
            if private {
                let p = p.as_ref().ok_or_else(|| need("private parts"))?;
                put("d", &p.d);
                if let (Some(pp), Some(q), Some([dp, dq, qi])) = (&p.p, &p.q, &p.crt) {
                    put("p", pp);
                    put("q", q);
                    put("dp", dp);
                    put("dq", dq);
                    put("qi", qi);
                }
            }
            "RSA"
        }
    };
    // kty first, then crv, as people write them.
    let mut out = Object::new();
    out.insert("kty".into(), Value::String(kty.into()));
    match parts {
        KeyParts::Ec { curve, .. } => {
            out.insert("crv".into(), Value::String(curve.jwk_name().into()));
        }
        KeyParts::Ed25519 { .. } => {
            out.insert("crv".into(), Value::String("Ed25519".into()));
        }
        _ => {}
    }
    out.extend(o);
    if let Some(kid) = &meta.kid {
        out.insert("kid".into(), Value::String(kid.clone()));
    }
    if let Some(alg) = &meta.alg {
        out.insert("alg".into(), Value::String(alg.clone()));
    }
    if !matches!(parts, KeyParts::Oct(_)) {
        out.insert("use".into(), Value::String("sig".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::alg::Family;
    use crate::core::json::parse_object;

    fn jwk(text: &str) -> Result<(KeyParts, JwkMeta)> {
        decode(&parse_object(text.as_bytes(), "jwk").unwrap())
    }

    fn err(text: &str) -> String {
        jwk(text).unwrap_err().message().to_owned()
    }

    #[test]
    fn reads_every_key_type() {
        let (p, m) = jwk(r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1","alg":"ES256","use":"sig"}"#).unwrap();
        assert_eq!(p.family(), Family::Ec(Curve::P256));
        assert_eq!(m.kid.as_deref(), Some("k1"));
        assert_eq!(m.alg.as_deref(), Some("ES256"));
        let (p, _) = jwk(r#"{"kty":"RSA","n":"AAEAAQ","e":"AQAB","d":"AQ"}"#).unwrap();
        let KeyParts::Rsa { n, private, .. } = &p else {
            panic!()
        };
        assert_eq!(n, &[1, 0, 1], "leading zeros are dropped");
        assert!(private.is_some());
        let (p, _) = jwk(r#"{"kty":"oct","k":"c2VjcmV0"}"#).unwrap();
        assert!(matches!(p, KeyParts::Oct(ref k) if k.as_slice() == b"secret"));
    }

    #[test]
    fn refusals() {
        assert!(err(r#"{"n":"AQAB"}"#).contains("no \"kty\""));
        assert!(
            err(r#"{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}"#).contains("must be exactly 32")
        );
        assert!(err(r#"{"kty":"EC","crv":"P-256K","x":"AQ","y":"AQ"}"#).contains("not supported"));
        assert!(err(
            r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#
        )
        .contains("both"));
        assert!(err(r#"{"kty":"OKP","crv":"X25519","x":"AQ"}"#).contains("only Ed25519"));
        assert!(err(r#"{"kty":"oct","k":"c2VjcmV0="}"#).contains("not base64url"));
        assert!(err(r#"{"kty":"oct","k":""}"#).contains("empty"));
        assert!(err(r#"{"kty":"oct","k":"AQ","use":"enc"}"#).contains("\"use\""));
        assert!(err(r#"{"kty":"oct","k":"AQ","key_ops":["encrypt"]}"#).contains("key_ops"));
        assert!(err(r#"{"kty":"RSA","n":"AQ","e":"AQ","oth":[]}"#).contains("multi-prime"));
        assert!(err(r#"{"kty":"RSA","e":"AQAB"}"#).contains("no \"n\""));
        assert!(err(r#"{"kty":"oct","k":7}"#).contains("must be a string"));
        assert!(err(r#"{"kty":"dsa"}"#).contains("not supported"));
    }

    #[test]
    fn encodes_public_and_private_members() {
        let (p, _) = jwk(r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
        let meta = JwkMeta {
            kid: Some("k".into()),
            alg: Some("EdDSA".into()),
            use_: None,
        };
        let public = encode(&p, &meta, false).unwrap();
        assert_eq!(
            crate::core::json::to_string(&public),
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","alg":"EdDSA","use":"sig"}"#
        );
        let private = encode(&p, &meta, true).unwrap();
        assert_eq!(private["d"], "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");
    }
}
