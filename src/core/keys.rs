//! Keys: what a caller hands us, imported once into a typed [`Key`].
//!
//! The key's type is fixed at import and decides which algorithms it may sign
//! and verify: an HMAC key verifies only the one `HS*` algorithm it was
//! configured for. (Asymmetric keys, PEM and JWK import arrive with their own
//! modules; the rule that the key, not the token, picks the algorithm stays.)

use crate::core::alg::hmac::HmacKey;
use crate::core::alg::{Algorithm, Family};
use crate::core::error::{Error, ErrorKind, Result};

/// Key material as the caller supplies it.
#[derive(Debug, Clone, Copy)]
pub enum KeyMaterial<'a> {
    /// A shared secret's bytes (a string secret is its UTF-8 bytes).
    Secret(&'a [u8]),
}

/// An imported key, bound to one algorithm.
#[derive(Debug, Clone)]
pub enum Key {
    /// A shared secret for `HS*`.
    Hmac(HmacKey),
}

impl Key {
    /// Imports `material` for `alg`, refusing a key of the wrong kind.
    ///
    /// ```
    /// use authx_wasm::{Algorithm, Key, KeyMaterial};
    /// let key = Key::import(Algorithm::Hs256, KeyMaterial::Secret(b"s3cret")).unwrap();
    /// assert_eq!(key.algorithm(), Algorithm::Hs256);
    /// ```
    pub fn import(alg: Algorithm, material: KeyMaterial<'_>) -> Result<Key> {
        match (alg.family(), material) {
            (Family::Hmac, KeyMaterial::Secret(bytes)) => HmacKey::new(alg, bytes).map(Key::Hmac),
        }
    }

    /// The algorithm this key signs and verifies.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            Key::Hmac(k) => k.algorithm(),
        }
    }

    /// Can this key sign (rather than only verify)?
    pub fn can_sign(&self) -> bool {
        match self {
            Key::Hmac(_) => true,
        }
    }

    /// Checks that a token's header `alg` is the one this key verifies.
    ///
    /// ```
    /// use authx_wasm::{Algorithm, ErrorKind, Key, KeyMaterial};
    /// let key = Key::import(Algorithm::Hs256, KeyMaterial::Secret(b"s")).unwrap();
    /// assert!(key.allow("HS256").is_ok());
    /// let err = key.allow("HS512").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
    /// assert_eq!(err.message(), "alg HS512 is not allowed; this key verifies HS256");
    /// ```
    pub fn allow(&self, header_alg: &str) -> Result<Algorithm> {
        let mine = self.algorithm();
        if header_alg == mine.name() {
            return Ok(mine);
        }
        // The header is not authenticated yet: quote anything but a plain name, so
        // control characters cannot forge lines in a log.
        let plain = !header_alg.is_empty()
            && header_alg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let shown = if plain {
            header_alg.to_owned()
        } else {
            format!("{header_alg:?}")
        };
        let why = if header_alg.eq_ignore_ascii_case("none") {
            format!("alg {shown} (an unsecured token) is never allowed; this key verifies {mine}")
        } else if header_alg.eq_ignore_ascii_case(mine.name()) {
            format!(
                "alg {shown} is not allowed (names are case-sensitive); this key verifies {mine}"
            )
        } else {
            format!("alg {shown} is not allowed; this key verifies {mine}")
        };
        Err(Error::new(ErrorKind::AlgorithmNotAllowed, why))
    }

    /// Signs `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        match self {
            Key::Hmac(k) => Ok(k.sign(message)),
        }
    }

    /// Verifies `signature` over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        match self {
            Key::Hmac(k) => k.verify(message, signature),
        }
    }
}
