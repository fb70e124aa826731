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
use crate::core::json::{self, JsonObject, Member};
use crate::core::keys::Key;
use std::borrow::Cow;

/// A protected header: the members this library reads, typed, and the JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// `alg`.
    pub alg: String,
    /// `kid`, the key id, when present.
    pub kid: Option<String>,
    /// `typ`, when present.
    pub typ: Option<String>,
    /// The header's JSON text, as in the token.
    pub json: String,
}

impl Header {
    /// Reads and checks a header's JSON text (step 2 of the module docs).
    ///
    /// ```
    /// use authx_wasm::jws::Header;
    /// let h = Header::read(br#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#).unwrap();
    /// assert_eq!((h.alg.as_str(), h.kid.as_deref()), ("HS256", Some("k1")));
    /// assert!(Header::read(br#"{"alg":"HS256","crit":["exp"]}"#).is_err());
    /// ```
    pub fn read(bytes: impl Into<Vec<u8>>) -> Result<Header> {
        let json = String::from_utf8(bytes.into()).map_err(|e| {
            Error::malformed(format!(
                "header is not valid JSON: not UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let members = json::read::members_of(&json, "header").map_err(Error::malformed)?;
        let mut header = check_header(&members)?;
        drop(members);
        header.json = json;
        Ok(header)
    }
}

/// A token split into its parts; the payload is decoded from base64url but not yet parsed.
#[derive(Debug, Clone)]
pub struct Compact<'a> {
    /// `header.payload`, the bytes the signature covers.
    pub signing_input: &'a str,
    /// The protected header.
    pub header: Header,
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
/// assert_eq!(parts.header.alg, "HS256");
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
    let header = Header::read(header_bytes)?;
    Ok(Compact {
        signing_input,
        header,
        payload,
        signature,
    })
}

/// Checks a header's own rules (`alg` a string, `crit` refused, `kid` / `typ` /
/// `cty` strings) and returns its typed members (with an empty `json`).
pub fn check_header(members: &[Member<'_>]) -> Result<Header> {
    let mut header = Header::default();
    let mut alg = None;
    for m in members {
        let v = &m.value;
        match m.name.as_ref() {
            "alg" => {
                alg = Some(v.as_str().ok_or_else(|| {
                    Error::malformed(format!(
                        "header \"alg\" must be a string, not {}",
                        v.kind.name()
                    ))
                })?)
            }
            "crit" => {
                let names = match v.strings() {
                    Some(list) => list
                        .iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => v.kind.name().to_owned(),
                };
                return Err(Error::malformed(format!(
                    "header \"crit\" names extensions this library does not understand ({names}); RFC 7515 §4.1.11 requires rejecting the token"
                )));
            }
            name @ ("kid" | "typ" | "cty") => {
                let s = v.as_str().ok_or_else(|| {
                    Error::malformed(format!(
                        "header \"{name}\" must be a string, not {}",
                        v.kind.name()
                    ))
                })?;
                match name {
                    "kid" => header.kid = Some(s.into_owned()),
                    "typ" => header.typ = Some(s.into_owned()),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    header.alg = alg
        .map(Cow::into_owned)
        .ok_or_else(|| Error::malformed("the header has no \"alg\""))?;
    Ok(header)
}

/// Header names a caller may not set through the `headers` option.
const RESERVED_HEADERS: [&str; 3] = ["alg", "crit", "b64"];

/// Builds the header of a new token: `alg`, `typ: "JWT"`, the key's `kid`
/// (when it has one), then the caller's extra headers (which may replace `typ`).
///
/// ```
/// use authx_wasm::{jws::new_header, json::JsonObject, Algorithm, Key, KeyMaterial};
/// let key = Key::import(Algorithm::Hs256, KeyMaterial::Secret(b"s")).unwrap();
/// assert_eq!(new_header(&key, None).unwrap().json, r#"{"alg":"HS256","typ":"JWT"}"#);
/// let extra = JsonObject::parse(r#"{"typ":"at+jwt","x5t":"a"}"#, "headers").unwrap();
/// assert_eq!(new_header(&key, Some(&extra)).unwrap().json, r#"{"alg":"HS256","typ":"at+jwt","x5t":"a"}"#);
/// ```
pub fn new_header(key: &Key, extra: Option<&JsonObject>) -> Result<Header> {
    let alg = key.algorithm().name();
    let members = extra.map(JsonObject::members).unwrap_or_default();
    let mut typ = None;
    let mut kid = key.kid().map(str::to_owned);
    for m in &members {
        let name = m.name.as_ref();
        if RESERVED_HEADERS.contains(&name) {
            return Err(Error::config(format!(
                "headers may not set \"{name}\": the algorithm comes from the configuration and no extension is supported"
            )));
        }
        if name == "kid" {
            match (key.kid(), m.value.as_str()) {
                (Some(own), given) if given.as_deref() != Some(own) => {
                    return Err(Error::config(format!(
                        "headers.kid {} differs from the signing key's kid {own:?}; set the keyId option instead",
                        m.value.text
                    )))
                }
                _ => kid = m.value.as_str().map(Cow::into_owned),
            }
        }
        if name == "typ" {
            typ = Some(m);
        }
    }
    let mut json = String::with_capacity(64);
    json.push_str("{\"alg\":");
    json::write::string(&mut json, alg);
    json.push_str(",\"typ\":");
    match typ {
        Some(m) => m.value.write_compact(&mut json),
        None => json.push_str("\"JWT\""),
    }
    if let Some(own) = key.kid() {
        json.push_str(",\"kid\":");
        json::write::string(&mut json, own);
    }
    for m in &members {
        if m.name == "typ" || (m.name == "kid" && key.kid().is_some()) {
            continue;
        }
        json.push(',');
        json.push_str(m.name_text);
        json.push(':');
        m.value.write_compact(&mut json);
    }
    json.push('}');
    if members.is_empty() {
        return Ok(Header {
            alg: alg.to_owned(),
            kid,
            typ: Some("JWT".to_owned()),
            json,
        });
    }
    let checked = json::members(json.as_bytes(), "headers").map_err(Error::config)?;
    let mut header = check_header(&checked).map_err(|e| Error::config(e.message().to_owned()))?;
    header.json = json;
    Ok(header)
}

/// Signs the payload JSON text under `header` with `key` and returns the compact token.
pub fn sign(header: &Header, payload: &str, key: &Key) -> Result<String> {
    sign_within(header, payload, key, usize::MAX)
}

/// [`sign`], refusing a token longer than `max_len` (one this configuration could not decode).
pub fn sign_within(header: &Header, payload: &str, key: &Key, max_len: usize) -> Result<String> {
    if !key.can_sign() {
        return Err(Error::config(
            "this instance holds only a verification key and cannot create tokens",
        ));
    }
    let mut token = String::with_capacity((header.json.len() + payload.len()) * 4 / 3 + 100);
    base64url::encode_into(header.json.as_bytes(), &mut token);
    token.push('.');
    base64url::encode_into(payload.as_bytes(), &mut token);
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
        assert_eq!(
            parse(&enc(r#"{"alg":"none"}"#), 100).unwrap().header.alg,
            "none"
        );
    }
}
