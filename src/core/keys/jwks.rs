//! [`KeySet`]: the ordered verification keys of an instance, and how a token
//! picks one.
//!
//! Selection, in this order:
//! 1. the header `alg` must be one that some key verifies, else
//!    `AlgorithmNotAllowed` (`none` never is);
//! 2. with a `kid`, the keys with that `kid` (plus keys that have no `kid`,
//!    such as a plain HMAC secret); none → `InvalidSignature` naming the kids
//!    known; a key selected by `kid` must verify this `alg`, else
//!    `AlgorithmNotAllowed`. Without a `kid`, every key that verifies the `alg`;
//! 3. the candidates are tried in order; the first that verifies wins.
//!
//! Header members that carry keys (`jwk`, `jku`, `x5u`, `x5c`, `x5t`) are never
//! read. Claims (`exp` ...) are checked only after a key verified the
//! signature, so an expired token is `TokenExpiredError` whichever key signed
//! it (AuthX's previous-key fallback turns it into a signature error instead).

#[cfg(feature = "asymmetric")]
use super::KeyMaterial;
use super::{not_allowed, Key};
#[cfg(feature = "asymmetric")]
use crate::core::alg::Algorithm;
use crate::core::error::{Error, ErrorKind, Result};
#[cfg(feature = "asymmetric")]
use crate::core::json::{type_name, Object};
#[cfg(feature = "asymmetric")]
use serde_json::Value;

/// Verification keys, in the order they are tried.
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    keys: Vec<Key>,
}

impl KeySet {
    /// A set of `keys`.
    pub fn new(keys: Vec<Key>) -> KeySet {
        KeySet { keys }
    }

    /// Reads `verificationKeys`: an array of JWK objects (or PEM strings), or a
    /// JWKS object `{ "keys": [...] }`. A key's algorithm is its JWK `alg`, else
    /// `default` when its type fits, else the one its curve implies. Keys with
    /// `"use": "enc"` are skipped (a published JWKS may hold encryption keys).
    /// Not in the HMAC-only build.
    #[cfg(feature = "asymmetric")]
    pub fn parse(value: &Value, default: Algorithm) -> Result<Vec<Key>> {
        let items = match value {
            Value::Array(items) => items,
            Value::Object(o) => match o.get("keys") {
                Some(Value::Array(items)) => items,
                _ => return Err(Error::config(
                    "verificationKeys must be an array of JWKs or a JWKS object { keys: [...] }",
                )),
            },
            other => {
                return Err(Error::config(format!(
                    "verificationKeys must be an array of JWKs or a JWKS object, not {}",
                    type_name(other)
                )))
            }
        };
        let mut keys = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = |e: Error| Error::config(format!("verificationKeys[{i}]: {}", e.message()));
            let key = match item {
                Value::Object(jwk) if jwk.get("use").and_then(Value::as_str) == Some("enc") => {
                    continue
                }
                Value::Object(jwk) => {
                    Key::import_for(default, KeyMaterial::Jwk(jwk)).map_err(at)?
                }
                Value::String(pem) => {
                    Key::import_for(default, KeyMaterial::Pem(pem)).map_err(at)?
                }
                other => {
                    return Err(at(Error::config(format!(
                        "a key must be a JWK object or a PEM string, not {}",
                        type_name(other)
                    ))))
                }
            };
            keys.push(key.public_key());
        }
        Ok(keys)
    }

    /// Adds `key` at the end.
    pub fn push(&mut self, key: Key) {
        self.keys.push(key);
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// Is the set empty?
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Picks the keys to try for a token whose header has `kid` and `alg` (steps 1 and 2 above).
    pub fn candidates(&self, kid: Option<&str>, header_alg: &str) -> Result<Vec<&Key>> {
        if !self.keys.iter().any(|k| k.allows(header_alg)) {
            return Err(match self.keys.as_slice() {
                [one] => one
                    .allow(header_alg)
                    .err()
                    .unwrap_or_else(|| not_allowed(header_alg, "no key verifies it")),
                keys => {
                    let mut algs: Vec<&str> = keys.iter().map(|k| k.algorithm().name()).collect();
                    algs.dedup();
                    not_allowed(
                        header_alg,
                        &format!("these keys verify {}", algs.join(", ")),
                    )
                }
            });
        }
        let Some(kid) = kid else {
            return Ok(self.keys.iter().filter(|k| k.allows(header_alg)).collect());
        };
        let by_kid: Vec<&Key> = self.keys.iter().filter(|k| k.kid() == Some(kid)).collect();
        if let Some(first) = by_kid.first() {
            if !by_kid.iter().any(|k| k.allows(header_alg)) {
                return Err(not_allowed(
                    header_alg,
                    &format!("the key with kid {kid:?} verifies {}", first.algorithm()),
                ));
            }
        }
        let picked: Vec<&Key> = by_kid
            .into_iter()
            .chain(self.keys.iter().filter(|k| k.kid().is_none()))
            .filter(|k| k.allows(header_alg))
            .collect();
        if picked.is_empty() {
            let known: Vec<String> = self
                .keys
                .iter()
                .filter_map(|k| k.kid().map(|s| format!("{s:?}")))
                .collect();
            return Err(Error::new(
                ErrorKind::InvalidSignature,
                format!(
                    "no verification key has kid {kid:?} (the keys' kids: {}); was the key rotated out?",
                    known.join(", ")
                ),
            ));
        }
        Ok(picked)
    }

    /// Verifies `signature` over `signing_input` with the key the header's `kid` and `alg` pick.
    pub fn verify(
        &self,
        kid: Option<&str>,
        header_alg: &str,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<&Key> {
        let candidates = self.candidates(kid, header_alg)?;
        let mut first_error = None;
        for key in &candidates {
            match key.verify(signing_input, signature) {
                Ok(()) => return Ok(key),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match (candidates.len(), first_error) {
            (1, Some(e)) => Err(e),
            (n, e) => Err(Error::new(
                ErrorKind::InvalidSignature,
                format!(
                    "the {header_alg} signature matches none of the {n} keys tried{}",
                    e.map(|e| format!(" (first: {})", e.message()))
                        .unwrap_or_default()
                ),
            )),
        }
    }

    /// The public keys as a JWKS `{ "keys": [...] }` (secrets are never
    /// included; a key appears once per `kid` and thumbprint). Not in the
    /// HMAC-only build.
    #[cfg(feature = "asymmetric")]
    pub fn public_jwks(&self) -> Result<Object> {
        let mut seen: Vec<(Option<String>, Option<String>)> = Vec::new();
        let mut list = Vec::new();
        for key in self.keys.iter().filter(|k| !k.is_secret()) {
            let id = (key.kid().map(str::to_owned), key.thumbprint());
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            list.push(Value::Object(key.to_jwk(false)?));
        }
        let mut out = Object::new();
        out.insert("keys".into(), Value::Array(list));
        Ok(out)
    }
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use super::*;
    use crate::core::keys::generate;

    #[test]
    fn kid_selects_and_order_decides() {
        let old = generate::key_pair(Algorithm::Es256, None).unwrap();
        let new = generate::key_pair(Algorithm::Es256, None).unwrap();
        let set = KeySet::new(vec![new.public_key(), old.public_key()]);
        let sig = old.sign(b"m").unwrap();
        // By kid, or by trying in order without one.
        let k = set.verify(old.kid(), "ES256", b"m", &sig).unwrap();
        assert_eq!(k.kid(), old.kid());
        assert!(set.verify(None, "ES256", b"m", &sig).is_ok());
        // The kid of the other key: that key's signature error, not a fallback.
        let err = set.verify(new.kid(), "ES256", b"m", &sig).unwrap_err();
        assert_eq!(
            err.message(),
            "ES256 signature does not match the token's header and payload"
        );
        let err = set.verify(Some("gone"), "ES256", b"m", &sig).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert!(
            err.message()
                .starts_with("no verification key has kid \"gone\""),
            "{err}"
        );
        let err = set.verify(None, "ES384", b"m", &sig).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
        assert_eq!(
            err.message(),
            "alg ES384 is not allowed; these keys verify ES256"
        );
        let err = set.verify(None, "ES256", b"x", &sig).unwrap_err();
        assert!(err.message().contains("none of the 2 keys"), "{err}");
        assert_eq!(
            set.public_jwks().unwrap()["keys"].as_array().unwrap().len(),
            2
        );
    }

    #[test]
    fn kid_selected_key_must_allow_the_alg() {
        let ed = generate::key_pair(Algorithm::EdDsa, None).unwrap();
        let es = generate::key_pair(Algorithm::Es256, None).unwrap();
        let set = KeySet::new(vec![ed.public_key(), es.public_key()]);
        let sig = es.sign(b"m").unwrap();
        let err = set.verify(ed.kid(), "ES256", b"m", &sig).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
        assert!(err.message().contains("verifies EdDSA"), "{err}");
    }

    #[test]
    fn parse_forms() {
        let key = generate::key_pair(Algorithm::EdDsa, None).unwrap();
        let jwk = Value::Object(key.to_jwk(false).unwrap());
        let pem = Value::String(key.to_pem(false).unwrap());
        let enc = serde_json::json!({"kty":"oct","k":"AQ","use":"enc"});
        let keys = KeySet::parse(&serde_json::json!([jwk, pem, enc]), Algorithm::Es256).unwrap();
        assert_eq!(keys.len(), 2);
        assert!(KeySet::parse(&serde_json::json!({ "keys": [jwk] }), Algorithm::Es256).is_ok());
        let err = KeySet::parse(&serde_json::json!([1]), Algorithm::Es256).unwrap_err();
        assert_eq!(
            err.message(),
            "verificationKeys[0]: a key must be a JWK object or a PEM string, not a number"
        );
        assert!(KeySet::parse(&serde_json::json!("x"), Algorithm::Es256).is_err());
        // A private JWK in the set keeps only its public half.
        let private = Value::Object(key.to_jwk(true).unwrap());
        let keys = KeySet::parse(&serde_json::json!([private]), Algorithm::Es256).unwrap();
        assert!(!keys[0].can_sign());
    }
}
