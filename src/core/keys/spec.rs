//! [`KeySpec`]: which keys an instance holds, from `secretKey`, `privateKey`,
//! `publicKey`, `keyId` and `verificationKeys`.
//!
//! - `HS*`: `secretKey` signs and verifies (a string, bytes, or an `oct` JWK).
//! - other algorithms: `privateKey` signs (and its public half verifies);
//!   `publicKey` alone makes a verifier that cannot create tokens; given both,
//!   they must be halves of one key pair. A secret is refused for them, and
//!   `secretKey` is refused with them.
//! - `keyId` is the `kid` of that key (default: its JWK `kid`, else its RFC 7638
//!   thumbprint; none for a secret).
//! - `verificationKeys` are tried after it (rotation; AuthX's
//!   `JWT_PREVIOUS_PUBLIC_KEY` / `JWT_PREVIOUS_SECRET_KEY` is the one-key case).

use super::jwks::KeySet;
use super::{Key, KeyMaterial};
use crate::core::alg::{Algorithm, Family};
use crate::core::error::{Error, Result};
#[cfg(feature = "asymmetric")]
use serde_json::Value;

/// The key options of an instance, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeySpec<'a> {
    /// `secretKey`: the `HS*` secret.
    pub secret: Option<KeyMaterial<'a>>,
    /// `privateKey`: the asymmetric signing key.
    pub private_key: Option<KeyMaterial<'a>>,
    /// `publicKey`: the asymmetric verification key.
    pub public_key: Option<KeyMaterial<'a>>,
    /// `keyId`: the `kid` of new tokens and of that key.
    pub key_id: Option<&'a str>,
    /// `verificationKeys`: more keys for decoding (a JWK array or a JWKS).
    /// Not in the HMAC-only build.
    #[cfg(feature = "asymmetric")]
    pub verification_keys: Option<&'a Value>,
}

/// The resolved keys: the signer (if any) and the verification keys in order.
#[derive(Debug, Clone)]
pub struct Keys {
    /// The key new tokens are signed with; `None` for a verifier.
    pub signer: Option<Key>,
    /// The keys tokens are verified with.
    pub verifiers: KeySet,
}

impl<'a> KeySpec<'a> {
    /// The spec of a single key: a secret, or a private or public key by what it holds.
    pub fn single(material: KeyMaterial<'a>) -> KeySpec<'a> {
        match material {
            KeyMaterial::Secret(_) => KeySpec {
                secret: Some(material),
                ..KeySpec::default()
            },
            _ => KeySpec {
                private_key: Some(material),
                ..KeySpec::default()
            },
        }
    }

    /// Imports the keys for `alg`, checking that they fit together.
    pub fn resolve(&self, alg: Algorithm) -> Result<Keys> {
        let primary = if alg.family() == Family::Hmac {
            self.hmac(alg)?
        } else {
            self.asymmetric(alg)?
        };
        let (signer, verifier) = match primary {
            Some(key) => {
                let key = self.with_key_id(key)?;
                let verifier = key.public_key();
                (key.can_sign().then_some(key), Some(verifier))
            }
            None => (None, None),
        };
        #[allow(unused_mut)] // the HMAC-only build adds no verification keys
        let mut verifiers = KeySet::new(verifier.into_iter().collect());
        #[cfg(feature = "asymmetric")]
        if let Some(value) = self.verification_keys {
            for key in KeySet::parse(value, alg)? {
                verifiers.push(key);
            }
        }
        if verifiers.is_empty() {
            return Err(Error::config(if alg.family() == Family::Hmac {
                format!("options.secretKey is required for {alg}")
            } else {
                format!(
                    "{alg} needs options.privateKey (to sign and verify) or options.publicKey (to verify only)"
                )
            }));
        }
        Ok(Keys { signer, verifiers })
    }

    fn hmac(&self, alg: Algorithm) -> Result<Option<Key>> {
        if Algorithm::HMAC_ONLY && (self.private_key.is_some() || self.public_key.is_some()) {
            return Err(crate::core::alg::hmac_only(
                "options.privateKey / options.publicKey (asymmetric keys)",
            ));
        }
        if self.private_key.is_some() || self.public_key.is_some() {
            return Err(Error::config(format!(
                "{alg} signs with options.secretKey; privateKey / publicKey are for asymmetric algorithms (set algorithm, e.g. \"ES256\" or \"RS256\")"
            )));
        }
        self.secret.map(|m| Key::import(alg, m)).transpose()
    }

    fn asymmetric(&self, alg: Algorithm) -> Result<Option<Key>> {
        if let Some(err) = alg.unavailable() {
            return Err(err);
        }
        if self.secret.is_some() {
            return Err(Error::config(format!(
                "{alg} signs with a private key: pass options.privateKey (and / or publicKey), not secretKey"
            )));
        }
        let private = match self.private_key {
            Some(m) => {
                let key = Key::import(alg, m)
                    .map_err(|e| Error::config(format!("options.privateKey: {}", e.message())))?;
                if !key.can_sign() {
                    return Err(Error::config(
                        "options.privateKey is a public key; pass it as options.publicKey for a verifier",
                    ));
                }
                Some(key)
            }
            None => None,
        };
        let public = match self.public_key {
            Some(m) => {
                let key = Key::import(alg, m)
                    .map_err(|e| Error::config(format!("options.publicKey: {}", e.message())))?;
                if key.can_sign() {
                    return Err(Error::config(
                        "options.publicKey holds a private key; a verifier gets only the public half (exportJwk(key, { public: true }))",
                    ));
                }
                Some(key)
            }
            None => None,
        };
        Ok(match (private, public) {
            (Some(private), Some(public)) => {
                if private.thumbprint() != public.thumbprint() {
                    return Err(Error::config(
                        "options.publicKey is not the public half of options.privateKey",
                    ));
                }
                // A kid on the public JWK counts when the private one has none of its own.
                if self.key_id.is_none() && private.kid() == private.thumbprint().as_deref() {
                    Some(private.with_kid(public.kid().map(str::to_owned)))
                } else {
                    Some(private)
                }
            }
            (one, other) => one.or(other),
        })
    }

    fn with_key_id(&self, key: Key) -> Result<Key> {
        let Some(id) = self.key_id else {
            return Ok(key);
        };
        if id.is_empty() {
            return Err(Error::config("options.keyId must not be empty"));
        }
        let default = key.thumbprint();
        match key.kid() {
            Some(kid) if kid != id && Some(kid) != default.as_deref() => Err(Error::config(
                format!("options.keyId {id:?} differs from the key's own kid {kid:?}"),
            )),
            _ => Ok(key.with_kid(Some(id.to_owned()))),
        }
    }
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use super::*;
    use crate::core::keys::generate;

    #[test]
    fn roles_and_their_errors() {
        let pair = generate::key_pair(Algorithm::Es256, None).unwrap();
        let private = pair.to_pem(true).unwrap();
        let public = pair.to_pem(false).unwrap();
        let both = KeySpec {
            private_key: Some(KeyMaterial::Pem(&private)),
            public_key: Some(KeyMaterial::Pem(&public)),
            ..KeySpec::default()
        };
        let keys = both.resolve(Algorithm::Es256).unwrap();
        assert!(keys.signer.is_some());
        assert_eq!(keys.verifiers.keys().len(), 1);
        let verifier = KeySpec {
            public_key: Some(KeyMaterial::Pem(&public)),
            key_id: Some("k-2026"),
            ..KeySpec::default()
        };
        let keys = verifier.resolve(Algorithm::Es256).unwrap();
        assert!(keys.signer.is_none());
        assert_eq!(keys.verifiers.keys()[0].kid(), Some("k-2026"));

        let msg = |spec: KeySpec<'_>, alg| spec.resolve(alg).unwrap_err().message().to_owned();
        let swapped = KeySpec {
            private_key: Some(KeyMaterial::Pem(&public)),
            ..KeySpec::default()
        };
        assert!(msg(swapped, Algorithm::Es256).contains("is a public key"));
        let leaked = KeySpec {
            public_key: Some(KeyMaterial::Pem(&private)),
            ..KeySpec::default()
        };
        assert!(msg(leaked, Algorithm::Es256).contains("holds a private key"));
        let other = generate::key_pair(Algorithm::Es256, None)
            .unwrap()
            .to_pem(false)
            .unwrap();
        let mismatch = KeySpec {
            private_key: Some(KeyMaterial::Pem(&private)),
            public_key: Some(KeyMaterial::Pem(&other)),
            ..KeySpec::default()
        };
        assert!(msg(mismatch, Algorithm::Es256).contains("not the public half"));
        assert_eq!(
            msg(KeySpec::default(), Algorithm::Hs256),
            "options.secretKey is required for HS256"
        );
        assert!(msg(KeySpec::default(), Algorithm::Es256).contains("privateKey"));
        let secret_for_es = KeySpec::single(KeyMaterial::Secret(b"s"));
        assert!(msg(secret_for_es, Algorithm::Es256).contains("not secretKey"));
        let pem_for_hs = KeySpec::single(KeyMaterial::Pem(&public));
        assert!(msg(pem_for_hs, Algorithm::Hs256).contains("secretKey"));
        // The algorithm-confusion guard: the public key's text as an HS256 secret.
        let confused = KeySpec::single(KeyMaterial::Secret(public.as_bytes()));
        assert!(msg(confused, Algorithm::Hs256).contains("algorithm confusion"));
    }
}

#[cfg(all(test, not(feature = "asymmetric")))]
mod hmac_only_tests {
    use super::*;
    use crate::{AuthX, Config};

    const PEM: &str = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n";

    #[test]
    fn asymmetric_keys_are_refused_by_name() {
        let hmac_only = |e: Error| {
            assert!(
                e.message()
                    .starts_with("this is the HMAC-only build (authx-wasm/hmac)"),
                "{e}"
            );
        };
        let with_private = KeySpec {
            secret: Some(KeyMaterial::Secret(b"s")),
            private_key: Some(KeyMaterial::Pem(PEM)),
            ..KeySpec::default()
        };
        hmac_only(with_private.resolve(Algorithm::Hs256).unwrap_err());
        let public = KeySpec {
            public_key: Some(KeyMaterial::Pem(PEM)),
            ..KeySpec::default()
        };
        hmac_only(public.resolve(Algorithm::Es256).unwrap_err());
        let es = Config {
            algorithm: Algorithm::EdDsa,
            ..Config::default()
        };
        hmac_only(AuthX::new(es, KeyMaterial::Pem(PEM)).unwrap_err());
        hmac_only(AuthX::new(Config::default(), KeyMaterial::Pem(PEM)).unwrap_err());
        hmac_only(crate::keys::generate::secret(Algorithm::Es256).unwrap_err());
        // Secrets work as in the full build, the algorithm-confusion guard included.
        let keys = KeySpec::single(KeyMaterial::Secret(b"s"))
            .resolve(Algorithm::Hs384)
            .unwrap();
        assert!(keys.signer.is_some_and(|k| k.kid().is_none()));
        let jwk_text = KeySpec::single(KeyMaterial::Secret(br#"{"kty":"oct","k":"AQ"}"#));
        let err = jwk_text.resolve(Algorithm::Hs256).unwrap_err();
        assert!(err.message().contains("algorithm confusion"), "{err}");
    }
}
