//! Keys: what a caller hands us, imported once into a typed [`Key`].
//!
//! The key's type is fixed at import and decides which algorithm it may sign
//! and verify: an HMAC secret verifies only the `HS*` algorithm it was
//! configured for, an EC key only the `ES*` of its curve, an RSA key only the
//! one `RS*` / `PS*` it was imported for, an Ed25519 key only EdDSA. The token
//! never picks the key type (no algorithm confusion), and header members that
//! carry keys (`jwk`, `jku`, `x5u`, `x5c`) are never read.
//!
//! - [`parts`]: a key's components, whatever the format;
//! - [`pem`]: PEM ↔ parts (SPKI, PKCS#8, SEC1, PKCS#1);
//! - [`jwk`]: JWK ↔ parts;
//! - [`thumbprint`]: RFC 7638 thumbprints, the default `kid`;
//! - [`jwks`]: an ordered set of verification keys, chosen by `kid` and `alg`;
//! - [`spec`]: which keys an [`AuthX`](crate::AuthX) instance holds;
//! - [`generate`]: new key pairs and secrets.

//!
//! The HMAC-only build (cargo feature `asymmetric` off) has no [`pem`] and
//! [`jwk`] modules: its keys are secrets, and the rest is refused at import
//! with [`hmac_only`](crate::core::alg::hmac_only).

pub mod generate;
#[cfg(feature = "asymmetric")]
pub mod jwk;
pub mod jwks;
pub mod parts;
#[cfg(feature = "asymmetric")]
pub mod pem;
pub mod spec;
pub mod thumbprint;

#[cfg(feature = "asymmetric")]
use self::jwk::JwkMeta;
use self::parts::KeyParts;
#[cfg(feature = "asymmetric")]
use crate::core::alg::ecdsa::EcKey;
#[cfg(feature = "asymmetric")]
use crate::core::alg::eddsa::EdKey;
use crate::core::alg::hmac::HmacKey;
#[cfg(feature = "rsa")]
use crate::core::alg::rsa::RsaKey;
use crate::core::alg::{Algorithm, Family};
use crate::core::error::{Error, ErrorKind, Result};
#[cfg(feature = "asymmetric")]
use crate::core::json::Object;

/// The metadata of a JWK (`kid`, `alg`, `use`); the HMAC-only build reads no JWKs.
#[cfg(not(feature = "asymmetric"))]
#[derive(Debug, Clone, Default)]
pub struct JwkMeta {
    /// `kid`.
    pub kid: Option<String>,
    /// `alg`, as written.
    pub alg: Option<String>,
}

/// Key material as the caller supplies it.
#[derive(Debug, Clone, Copy)]
pub enum KeyMaterial<'a> {
    /// A shared secret's bytes (a string secret is its UTF-8 bytes).
    Secret(&'a [u8]),
    /// PEM text: SPKI, PKCS#8, SEC1 or PKCS#1.
    Pem(&'a str),
    /// A JWK object (RFC 7517).
    #[cfg(feature = "asymmetric")]
    Jwk(&'a Object),
}

#[derive(Debug, Clone)]
enum Inner {
    Hmac(HmacKey),
    #[cfg(feature = "asymmetric")]
    Ec(Box<EcKey>),
    #[cfg(feature = "asymmetric")]
    Ed(EdKey),
    #[cfg(feature = "rsa")]
    Rsa(Box<RsaKey>),
}

/// An imported key, bound to one algorithm, with an optional `kid`.
#[derive(Debug, Clone)]
pub struct Key {
    inner: Inner,
    alg: Algorithm,
    kid: Option<String>,
}

/// Decodes `material` into parts and JWK metadata (PEM and secrets have none).
pub fn decode(material: KeyMaterial<'_>) -> Result<(KeyParts, JwkMeta)> {
    match material {
        KeyMaterial::Secret(bytes) => {
            Ok((KeyParts::Oct(bytes.to_vec().into()), JwkMeta::default()))
        }
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Pem(text) => Ok((pem::decode(text)?, JwkMeta::default())),
        #[cfg(not(feature = "asymmetric"))]
        KeyMaterial::Pem(_) => Err(crate::core::alg::hmac_only("PEM keys")),
        #[cfg(feature = "asymmetric")]
        KeyMaterial::Jwk(object) => jwk::decode(object),
    }
}

/// The algorithm a key of these parts signs when nothing else says: the curve's
/// `ES*`, or `EdDSA`. `None` for RSA keys and secrets, which need to be told.
pub fn implied_algorithm(parts: &KeyParts) -> Option<Algorithm> {
    match parts.family() {
        Family::Ec(curve) => Some(curve.algorithm()),
        Family::Ed25519 => Some(Algorithm::EdDsa),
        Family::Hmac | Family::Rsa => None,
    }
}

impl Key {
    /// Imports `material` for `alg`, refusing a key of the wrong type. An
    /// asymmetric key's `kid` is its JWK `kid`, else its RFC 7638 thumbprint; a
    /// secret's is its JWK `kid`, else none.
    ///
    /// ```
    /// use authx_wasm::{Algorithm, Key, KeyMaterial};
    /// let key = Key::import(Algorithm::Hs256, KeyMaterial::Secret(b"s3cret")).unwrap();
    /// assert_eq!(key.algorithm(), Algorithm::Hs256);
    /// assert!(Key::import(Algorithm::Es256, KeyMaterial::Secret(b"s3cret")).is_err());
    /// ```
    pub fn import(alg: Algorithm, material: KeyMaterial<'_>) -> Result<Key> {
        if let (KeyMaterial::Secret(_), f) = (material, alg.family()) {
            if f != Family::Hmac {
                return Err(Error::config(format!(
                    "{alg} needs {f} (a PEM text or a JWK), not a shared secret"
                )));
            }
        }
        let (parts, meta) = decode(material)?;
        if let Some(name) = &meta.alg {
            if !alg.accepts(name) {
                return Err(Error::config(format!(
                    "the JWK says \"alg\": {name:?} but the algorithm is {alg}"
                )));
            }
        }
        Key::from_parts(alg, &parts, meta.kid)
    }

    /// Imports `material` for a key set: the JWK's `alg`, else `default` when
    /// the key's type fits it, else the algorithm its curve implies.
    pub fn import_for(default: Algorithm, material: KeyMaterial<'_>) -> Result<Key> {
        let (parts, meta) = decode(material)?;
        let alg = match &meta.alg {
            Some(name) => Algorithm::from_name(name).ok_or_else(|| {
                Error::config(format!(
                    "the JWK's \"alg\": {name:?} is not one of {}",
                    Algorithm::names()
                ))
            })?,
            None if default.family() == parts.family() => default,
            None => implied_algorithm(&parts).ok_or_else(|| {
                Error::config(format!(
                    "{} without \"alg\" does not fit {default}; add \"alg\" (one of {})",
                    parts.family(),
                    Algorithm::names_for(parts.family())
                ))
            })?,
        };
        Key::from_parts(alg, &parts, meta.kid)
    }

    /// Imports `material` for `alg` when given, else for the JWK's `alg`, else
    /// for the algorithm its curve implies (RSA keys and secrets must be told).
    pub fn import_any(material: KeyMaterial<'_>, alg: Option<Algorithm>) -> Result<Key> {
        if let Some(alg) = alg {
            return Key::import(alg, material);
        }
        let (parts, meta) = decode(material)?;
        let alg = match &meta.alg {
            Some(name) => Algorithm::from_name(name).ok_or_else(|| {
                Error::config(format!(
                    "the JWK's \"alg\": {name:?} is not one of {}",
                    Algorithm::names()
                ))
            })?,
            None => implied_algorithm(&parts).ok_or_else(|| {
                Error::config(format!(
                    "{} fits several algorithms; say which with options.algorithm ({})",
                    parts.family(),
                    Algorithm::names_for(parts.family())
                ))
            })?,
        };
        Key::from_parts(alg, &parts, meta.kid)
    }

    /// Builds a key for `alg` from `parts`; `kid` as in [`import`](Self::import).
    pub fn from_parts(alg: Algorithm, parts: &KeyParts, kid: Option<String>) -> Result<Key> {
        if let Some(err) = alg.unavailable() {
            return Err(err);
        }
        let family = parts.family();
        if family != alg.family() {
            let fits = match implied_algorithm(parts) {
                Some(a) => format!("it signs {a}"),
                None => format!("it fits {}", Algorithm::names_for(family)),
            };
            return Err(Error::config(format!(
                "this is {family}; it cannot be used for {alg} ({fits})"
            )));
        }
        let inner = match parts {
            KeyParts::Oct(k) => Inner::Hmac(HmacKey::new(alg, k)?),
            #[cfg(feature = "asymmetric")]
            KeyParts::Ec { curve, d, point } => Inner::Ec(Box::new(EcKey::from_parts(
                *curve,
                d.as_deref().map(Vec::as_slice),
                point.as_deref(),
            )?)),
            #[cfg(feature = "asymmetric")]
            KeyParts::Ed25519 { seed, x } => Inner::Ed(EdKey::from_parts(
                seed.as_deref().map(Vec::as_slice),
                x.as_deref(),
            )?),
            #[cfg(feature = "rsa")]
            KeyParts::Rsa { n, e, private } => {
                Inner::Rsa(Box::new(RsaKey::from_parts(n, e, private.as_ref())?))
            }
            #[cfg(all(feature = "asymmetric", not(feature = "rsa")))]
            KeyParts::Rsa { .. } => unreachable_rsa()?,
            // `alg` is available and of the parts' family, so this is HMAC.
            #[cfg(not(feature = "asymmetric"))]
            _ => return Err(crate::core::alg::hmac_only("asymmetric keys")),
        };
        let mut key = Key {
            inner,
            alg,
            kid: None,
        };
        key.kid = kid.or_else(|| key.thumbprint());
        Ok(key)
    }

    /// The same key under another `kid` (`None`: no `kid`).
    pub fn with_kid(mut self, kid: Option<String>) -> Key {
        self.kid = kid;
        self
    }

    /// The algorithm this key signs with and verifies.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The key's `kid`, put in the header of new tokens and matched on decode.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The key's family.
    pub fn family(&self) -> Family {
        self.alg.family()
    }

    /// Is this a shared secret (never published)?
    pub fn is_secret(&self) -> bool {
        matches!(self.inner, Inner::Hmac(_))
    }

    /// Can this key sign (rather than only verify)?
    pub fn can_sign(&self) -> bool {
        match &self.inner {
            Inner::Hmac(_) => true,
            #[cfg(feature = "asymmetric")]
            Inner::Ec(k) => k.can_sign(),
            #[cfg(feature = "asymmetric")]
            Inner::Ed(k) => k.can_sign(),
            #[cfg(feature = "rsa")]
            Inner::Rsa(k) => k.can_sign(),
        }
    }

    /// The verifying half: the same key for a secret, the public key otherwise.
    pub fn public_key(&self) -> Key {
        let inner = match &self.inner {
            Inner::Hmac(k) => Inner::Hmac(k.clone()),
            #[cfg(feature = "asymmetric")]
            Inner::Ec(k) => Inner::Ec(Box::new(k.public_only())),
            #[cfg(feature = "asymmetric")]
            Inner::Ed(k) => Inner::Ed(k.public_only()),
            #[cfg(feature = "rsa")]
            Inner::Rsa(k) => Inner::Rsa(Box::new(k.public_only())),
        };
        Key {
            inner,
            alg: self.alg,
            kid: self.kid.clone(),
        }
    }

    /// The key's components, normalized (EC point uncompressed, RSA integers minimal).
    pub fn parts(&self) -> KeyParts {
        match &self.inner {
            Inner::Hmac(k) => KeyParts::Oct(k.secret().to_vec().into()),
            #[cfg(feature = "asymmetric")]
            Inner::Ec(k) => KeyParts::Ec {
                curve: k.curve(),
                d: k.private_scalar(),
                point: Some(k.public_point()),
            },
            #[cfg(feature = "asymmetric")]
            Inner::Ed(k) => KeyParts::Ed25519 {
                seed: k.seed(),
                x: Some(k.public_bytes()),
            },
            #[cfg(feature = "rsa")]
            Inner::Rsa(k) => {
                let (n, e) = k.public_parts();
                KeyParts::Rsa {
                    n,
                    e,
                    private: k.private_parts(),
                }
            }
        }
    }

    /// The RFC 7638 thumbprint of the public key (`None` for a secret).
    pub fn thumbprint(&self) -> Option<String> {
        match self.inner {
            Inner::Hmac(_) => None,
            #[cfg(feature = "asymmetric")]
            _ => thumbprint::thumbprint(&self.parts()),
        }
    }

    /// The key as a JWK, with `kid`, `alg` and `use`; the private members too when `private`.
    #[cfg(feature = "asymmetric")]
    pub fn to_jwk(&self, private: bool) -> Result<Object> {
        if private && !self.can_sign() {
            return Err(Error::config("this is a public key; it has no private JWK"));
        }
        let meta = JwkMeta {
            kid: self.kid.clone(),
            alg: Some(self.alg.name().to_owned()),
            use_: None,
        };
        jwk::encode(&self.parts(), &meta, private)
    }

    /// The key as PEM: PKCS#8 `PRIVATE KEY` when `private`, else SPKI `PUBLIC KEY`.
    #[cfg(feature = "asymmetric")]
    pub fn to_pem(&self, private: bool) -> Result<String> {
        if private && !self.can_sign() {
            return Err(Error::config("this is a public key; it has no private PEM"));
        }
        pem::encode(&self.parts(), private)
    }

    /// Does this key verify tokens whose header says `header_alg`?
    pub fn allows(&self, header_alg: &str) -> bool {
        self.alg.accepts(header_alg)
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
        if self.allows(header_alg) {
            return Ok(mine);
        }
        Err(not_allowed(
            header_alg,
            &format!("this key verifies {mine}"),
        ))
    }

    /// Signs `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        match &self.inner {
            Inner::Hmac(k) => Ok(k.sign(message)),
            #[cfg(feature = "asymmetric")]
            Inner::Ec(k) => k.sign(message),
            #[cfg(feature = "asymmetric")]
            Inner::Ed(k) => k.sign(message),
            #[cfg(feature = "rsa")]
            Inner::Rsa(k) => k.sign(self.alg, message),
        }
    }

    /// Verifies `signature` over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        match &self.inner {
            Inner::Hmac(k) => k.verify(message, signature),
            #[cfg(feature = "asymmetric")]
            Inner::Ec(k) => k.verify(message, signature),
            #[cfg(feature = "asymmetric")]
            Inner::Ed(k) => k.verify(message, signature, self.alg),
            #[cfg(feature = "rsa")]
            Inner::Rsa(k) => k.verify(self.alg, message, signature),
        }
    }
}

#[cfg(all(feature = "asymmetric", not(feature = "rsa")))]
fn unreachable_rsa() -> Result<Inner> {
    Err(Error::config(
        "this is an RSA key, and this build has no RSA (built without the \"rsa\" feature)",
    ))
}

/// The `AlgorithmNotAllowed` error for `header_alg`, ending with `why`.
pub(crate) fn not_allowed(header_alg: &str, why: &str) -> Error {
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
    let text = if header_alg.eq_ignore_ascii_case("none") {
        format!("alg {shown} (an unsecured token) is never allowed; {why}")
    } else if Algorithm::ALL
        .iter()
        .any(|a| a.name().eq_ignore_ascii_case(header_alg) && a.name() != header_alg)
    {
        format!("alg {shown} is not allowed (names are case-sensitive); {why}")
    } else {
        format!("alg {shown} is not allowed; {why}")
    };
    Error::new(ErrorKind::AlgorithmNotAllowed, text)
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use super::*;
    use crate::core::json::parse_object;

    const ED_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

    #[test]
    fn type_decides_the_algorithm() {
        let jwk = parse_object(ED_JWK.as_bytes(), "jwk").unwrap();
        let key = Key::import(Algorithm::EdDsa, KeyMaterial::Jwk(&jwk)).unwrap();
        assert!(key.can_sign());
        assert_eq!(
            key.kid(),
            Some("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
        );
        assert!(key.allows("EdDSA") && key.allows("Ed25519") && !key.allows("ES256"));
        let err = Key::import(Algorithm::Es256, KeyMaterial::Jwk(&jwk)).unwrap_err();
        assert_eq!(
            err.message(),
            "this is an Ed25519 key; it cannot be used for ES256 (it signs EdDSA)"
        );
        let err = Key::import(Algorithm::Hs256, KeyMaterial::Jwk(&jwk)).unwrap_err();
        assert!(err.message().contains("cannot be used for HS256"), "{err}");
        let err = Key::import(Algorithm::Rs256, KeyMaterial::Secret(b"s")).unwrap_err();
        assert!(err.message().contains("not a shared secret"), "{err}");
        let public = key.public_key();
        assert!(!public.can_sign());
        assert!(public.to_jwk(true).is_err());
        assert_eq!(public.to_jwk(false).unwrap()["alg"], "EdDSA");
    }

    #[test]
    fn jwk_alg_must_agree_and_sets_infer() {
        let text = ED_JWK.replace('}', r#","alg":"ES256"}"#);
        let jwk = parse_object(text.as_bytes(), "jwk").unwrap();
        assert!(Key::import(Algorithm::EdDsa, KeyMaterial::Jwk(&jwk)).is_err());
        let jwk = parse_object(ED_JWK.as_bytes(), "jwk").unwrap();
        let k = Key::import_for(Algorithm::Rs256, KeyMaterial::Jwk(&jwk)).unwrap();
        assert_eq!(k.algorithm(), Algorithm::EdDsa);
        let oct = parse_object(br#"{"kty":"oct","k":"c2VjcmV0"}"#, "jwk").unwrap();
        assert!(Key::import_for(Algorithm::Es256, KeyMaterial::Jwk(&oct)).is_err());
        let k = Key::import_for(Algorithm::Hs384, KeyMaterial::Jwk(&oct)).unwrap();
        assert_eq!((k.algorithm(), k.kid()), (Algorithm::Hs384, None));
    }

    #[test]
    fn round_trips_through_pem_and_jwk() {
        let jwk = parse_object(ED_JWK.as_bytes(), "jwk").unwrap();
        let key = Key::import(Algorithm::EdDsa, KeyMaterial::Jwk(&jwk)).unwrap();
        let pem = key.to_pem(true).unwrap();
        let again = Key::import(Algorithm::EdDsa, KeyMaterial::Pem(&pem)).unwrap();
        assert_eq!(again.to_jwk(true).unwrap(), key.to_jwk(true).unwrap());
        let spki = key.to_pem(false).unwrap();
        let public = Key::import(Algorithm::Ed25519, KeyMaterial::Pem(&spki)).unwrap();
        assert!(!public.can_sign());
        assert_eq!(public.kid(), key.kid());
        let sig = key.sign(b"m").unwrap();
        assert!(public.verify(b"m", &sig).is_ok());
    }
}
