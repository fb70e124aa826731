//! Compact JWS (RFC 7515 §7.1): split and read a token, sign a new one.
//!
//! Reading is strict and ordered, so the error for a bad token is predictable:
//! 1. structure: the size cap, exactly three segments, canonical unpadded
//!    base64url in all three ([`parse`]);
//! 2. header: a JSON object without duplicate names, `alg` a string, `crit`
//!    refused (no extension is understood), `kid` / `typ` strings
//!    ([`parse`] and [`check_header`]); the key decides whether `alg` is allowed;
//! 3. the signature over the original base64url text (never re-serialized JSON);
//! 4. only then the payload JSON and its claims (in `verify`).

use crate::core::base64url;
use crate::core::error::{Error, Result};
use crate::core::json::{self, type_name, Object};
use crate::core::keys::Key;
use serde_json::Value;

/// A token split into its parts; the payload is decoded from base64url but not yet parsed.
#[derive(Debug, Clone)]
pub struct Compact<'a> {
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    /// The protected header.
    pub header: Object,
    /// The `alg` header value.
    pub alg: String,
    /// The payload bytes (JSON, not yet parsed).
    pub payload: Vec<u8>,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

fn segment(text: &str, what: &str) -> Result<Vec<u8>> {
    base64url::decode(text).map_err(|e| {
        Error::malformed(format!(
            "the {what} segment is not canonical base64url: {e}"
        ))
    })
}

/// Splits `token` and reads its header (steps 1 and 2 of the module docs).
///
/// ```
/// use authx_wasm::jws::parse;
/// let t = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln";
/// let parts = parse(t, 16384).unwrap();
/// assert_eq!(parts.alg, "HS256");
/// assert_eq!(parts.payload, br#"{"sub":"1"}"#);
/// assert!(parse("a.b", 16384).is_err());
/// ```
pub fn parse(token: &str, max_len: usize) -> Result<Compact<'_>> {
    if token.is_empty() {
        return Err(Error::malformed("the token is empty"));
    }
    if token.len() > max_len {
        return Err(Error::malformed(format!(
            "the token is {} bytes, over the limit of {max_len} (option maxTokenLength)",
            token.len()
        )));
    }
    if token.len() > 7 && token.as_bytes()[..7].eq_ignore_ascii_case(b"bearer ") {
        return Err(Error::malformed(
            "the token starts with \"Bearer \": pass the token alone, without the scheme",
        ));
    }
    let dots = token.bytes().filter(|&b| b == b'.').count();
    if dots != 2 {
        let segments = dots + 1;
        return Err(Error::malformed(if segments == 5 {
            "the token has 5 segments, an encrypted JWE; only signed tokens (3 segments) are supported".to_owned()
        } else {
            format!("the token has {segments} segment(s); a signed JWT has 3 (header.payload.signature)")
        }));
    }
    let (signing_input, sig_b64) = token.rsplit_once('.').unwrap_or((token, ""));
    let (header_b64, payload_b64) = signing_input.split_once('.').unwrap_or((signing_input, ""));
    if header_b64.is_empty() {
        return Err(Error::malformed("the header segment is empty"));
    }
    if payload_b64.is_empty() {
        return Err(Error::malformed("the payload segment is empty"));
    }
    let header_bytes = segment(header_b64, "header")?;
    let payload = segment(payload_b64, "payload")?;
    let signature = segment(sig_b64, "signature")?;
    let header = json::parse_object(&header_bytes, "header").map_err(Error::malformed)?;
    let alg = check_header(&header)?;
    Ok(Compact {
        signing_input,
        header,
        alg,
        payload,
        signature,
    })
}

/// Checks the header's own rules and returns its `alg`.
pub fn check_header(header: &Object) -> Result<String> {
    let alg = match header.get("alg") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(Error::malformed(format!(
                "header \"alg\" must be a string, not {}",
                type_name(other)
            )))
        }
        None => return Err(Error::malformed("the header has no \"alg\"")),
    };
    if let Some(crit) = header.get("crit") {
        let names = crit
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| format!("{:?}", v.as_str().unwrap_or("?")))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| type_name(crit).to_owned());
        return Err(Error::malformed(format!(
            "header \"crit\" names extensions this library does not understand ({names}); RFC 7515 §4.1.11 requires rejecting the token"
        )));
    }
    for name in ["kid", "typ", "cty"] {
        if let Some(v) = header.get(name) {
            if !v.is_string() {
                return Err(Error::malformed(format!(
                    "header \"{name}\" must be a string, not {}",
                    type_name(v)
                )));
            }
        }
    }
    Ok(alg)
}

/// Header names a caller may not set through the `headers` option.
const RESERVED_HEADERS: [&str; 3] = ["alg", "crit", "b64"];

/// Builds the header of a new token: `alg`, `typ: "JWT"`, the key's `kid`
/// (when it has one), then the caller's extra headers.
pub fn new_header(key: &Key, extra: Option<&Object>) -> Result<Object> {
    let mut header = Object::new();
    header.insert("alg".into(), Value::String(key.algorithm().name().into()));
    header.insert("typ".into(), Value::String("JWT".into()));
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), Value::String(kid.into()));
    }
    if let Some(extra) = extra {
        for (name, value) in extra {
            if RESERVED_HEADERS.contains(&name.as_str()) {
                return Err(Error::config(format!(
                    "headers may not set \"{name}\": the algorithm comes from the configuration and no extension is supported"
                )));
            }
            if let (Some(kid), "kid") = (key.kid(), name.as_str()) {
                if value.as_str() != Some(kid) {
                    return Err(Error::config(format!(
                        "headers.kid {value} differs from the signing key's kid {kid:?}; set the keyId option instead"
                    )));
                }
            }
            header.insert(name.clone(), value.clone());
        }
        check_header(&header).map_err(|e| Error::config(e.message().to_owned()))?;
    }
    Ok(header)
}

/// Signs `payload` under `header` with `key` and returns the compact token.
pub fn sign(header: &Object, payload: &Object, key: &Key) -> Result<String> {
    sign_within(header, payload, key, usize::MAX)
}

/// [`sign`], refusing a token longer than `max_len` (one this configuration could not decode).
pub fn sign_within(header: &Object, payload: &Object, key: &Key, max_len: usize) -> Result<String> {
    if !key.can_sign() {
        return Err(Error::config(
            "this instance holds only a verification key and cannot create tokens",
        ));
    }
    let mut token = String::with_capacity(512);
    base64url::encode_into(json::to_string(header).as_bytes(), &mut token);
    token.push('.');
    base64url::encode_into(json::to_string(payload).as_bytes(), &mut token);
    let signature = key.sign(token.as_bytes())?;
    token.push('.');
    base64url::encode_into(&signature, &mut token);
    if token.len() > max_len {
        return Err(Error::config(format!(
            "the new token would be {} bytes, over maxTokenLength {max_len}: it could not be decoded",
            token.len()
        )));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::ErrorKind;

    fn err(token: &str) -> String {
        let e = parse(token, 16384).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Malformed, "{token}");
        e.message().to_owned()
    }

    #[test]
    fn structure_errors() {
        assert_eq!(err(""), "the token is empty");
        assert!(err("abc").contains("1 segment(s)"));
        assert!(err("a.b.c.d.e").contains("JWE"));
        assert!(err("Bearer a.b.c").contains("Bearer"));
        // Multi-byte characters around the prefix length must not split a char.
        assert!(err("bearé€.a.b").contains("base64url"));
        assert!(err("€€€€.e30.").contains("base64url"));
        assert!(err(".e30.").contains("header segment is empty"));
        assert!(err("e30..").contains("payload segment is empty"));
        assert!(err("e30=.e30.").contains("header segment is not canonical base64url"));
        assert!(err("eyJhbGciOiJIUzI1NiJ9.e30.a+b").contains("signature segment"));
        assert!(err("W10.e30.").contains("header must be a JSON object"));
        assert!(err(&"a".repeat(16385)).contains("over the limit of 16384"));
    }

    #[test]
    fn header_rules() {
        let enc = |h: &str| format!("{}.e30.", base64url::encode(h.as_bytes()));
        assert!(err(&enc(r#"{"typ":"JWT"}"#)).contains("no \"alg\""));
        assert!(err(&enc(r#"{"alg":1}"#)).contains("\"alg\" must be a string"));
        assert!(err(&enc(r#"{"alg":"HS256","alg":"none"}"#)).contains("\"alg\" twice"));
        assert!(err(&enc(r#"{"alg":"HS256","crit":["exp"]}"#)).contains("crit"));
        assert!(err(&enc(r#"{"alg":"HS256","kid":7}"#)).contains("\"kid\" must be a string"));
        assert_eq!(parse(&enc(r#"{"alg":"none"}"#), 100).unwrap().alg, "none");
    }
}
