//! [`AuthX`]: one configuration and its keys, and the operations on tokens.

use crate::core::claims::TokenType;
use crate::core::config::Config;
use crate::core::error::{Error, Result};
#[cfg(feature = "asymmetric")]
use crate::core::json::Object;
use crate::core::keys::jwks::KeySet;
use crate::core::keys::spec::KeySpec;
use crate::core::keys::{Key, KeyMaterial};
use crate::core::mint::{self, TokenRequest};
use crate::core::payload::Payload;
use crate::core::verify::{self, Requirements};

/// An AuthX instance: configuration plus imported keys (a signer, unless it
/// only verifies, and the verification keys in the order they are tried).
///
/// Every operation takes the current time in seconds; keys are imported once.
///
/// ```
/// use authx_wasm::{AuthX, Config, KeyMaterial, Requirements, TokenRequest, TokenType};
/// let auth = AuthX::new(Config::default(), KeyMaterial::Secret(b"s3cret")).unwrap();
/// let now = 1_796_316_753.0;
/// let mut req = TokenRequest::new(TokenType::Access, "user-1");
/// req.fresh = true;
/// let token = auth.create_token(&req, now).unwrap();
/// let payload = auth.verify(&token, &Requirements { fresh: true, ..Default::default() }, now + 1.0).unwrap();
/// assert_eq!(payload.claims.sub.as_deref(), Some("user-1"));
/// assert_eq!(payload.time_until_expiry(now + 1.0), Some(899.0));
/// ```
#[derive(Debug, Clone)]
pub struct AuthX {
    config: Config,
    signer: Option<Key>,
    verifiers: KeySet,
}

impl AuthX {
    /// Checks `config` and imports one key for its algorithm: a secret, or a
    /// private key (signs and verifies), or a public key (verifies only).
    pub fn new(config: Config, key: KeyMaterial<'_>) -> Result<AuthX> {
        let spec = match key {
            KeyMaterial::Secret(_) => KeySpec::single(key),
            _ => {
                let (parts, _) = crate::core::keys::decode(key)?;
                if parts.is_private() {
                    KeySpec::single(key)
                } else {
                    KeySpec {
                        public_key: Some(key),
                        ..KeySpec::default()
                    }
                }
            }
        };
        AuthX::with_keys(config, &spec)
    }

    /// Checks `config` and imports the keys of `spec` (see [`KeySpec`]).
    ///
    /// ```
    /// use authx_wasm::{keys::{generate, spec::KeySpec}, Algorithm, AuthX, Config, KeyMaterial};
    /// let pair = generate::key_pair(Algorithm::EdDsa, None).unwrap();
    /// let public = pair.to_pem(false).unwrap();
    /// let config = Config { algorithm: Algorithm::EdDsa, ..Config::default() };
    /// let spec = KeySpec { public_key: Some(KeyMaterial::Pem(&public)), ..KeySpec::default() };
    /// let verifier = AuthX::with_keys(config, &spec).unwrap();
    /// assert!(verifier.signing_key().is_none());
    /// ```
    pub fn with_keys(config: Config, spec: &KeySpec<'_>) -> Result<AuthX> {
        config.validate()?;
        let keys = spec.resolve(config.algorithm)?;
        Ok(AuthX {
            config,
            signer: keys.signer,
            verifiers: keys.verifiers,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The key new tokens are signed with (`None` for a verifier).
    pub fn signing_key(&self) -> Option<&Key> {
        self.signer.as_ref()
    }

    /// The verification keys, in the order they are tried.
    pub fn verification_keys(&self) -> &KeySet {
        &self.verifiers
    }

    /// The public verification keys as a JWKS `{ "keys": [...] }`, for
    /// `/.well-known/jwks.json` (empty for HMAC: secrets are never published).
    /// Not in the HMAC-only build.
    #[cfg(feature = "asymmetric")]
    pub fn public_jwks(&self) -> Result<Object> {
        self.verifiers.public_jwks()
    }

    /// Makes a signed token.
    pub fn create_token(&self, req: &TokenRequest, now: f64) -> Result<String> {
        let key = self.signer.as_ref().ok_or_else(|| {
            Error::config(
                "this instance holds only verification keys (publicKey / verificationKeys) and cannot create tokens; give it privateKey to sign",
            )
        })?;
        mint::mint(&self.config, key, req, now)
    }

    /// Decodes and verifies a token: signature, `exp` / `nbf` / `iat`, `iss`, `aud`.
    pub fn decode(&self, token: &str, now: f64) -> Result<Payload> {
        verify::decode(&self.config, &self.verifiers, token, now)
    }

    /// [`decode`](Self::decode), then AuthX's request checks (type, fresh, CSRF, scopes).
    pub fn verify(&self, token: &str, req: &Requirements, now: f64) -> Result<Payload> {
        let payload = self.decode(token, now)?;
        verify::check_request(&payload, req)?;
        Ok(payload)
    }

    /// Verifies a refresh token and makes a new, non-fresh access token with
    /// the same `sub`, `scopes`, `aud` and custom data.
    pub fn refresh_access_token(&self, refresh_token: &str, now: f64) -> Result<String> {
        let req = Requirements {
            token_type: TokenType::Refresh,
            ..Requirements::default()
        };
        let payload = self.verify(refresh_token, &req, now)?;
        let claims = payload.claims;
        let uid = claims
            .sub
            .clone()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                Error::malformed("the refresh token has no \"sub\" claim to carry over")
            })?;
        let extra = claims.extra();
        let mut access = TokenRequest::new(TokenType::Access, uid);
        access.scopes = claims.scopes;
        // The new token is for the audience the refresh token was for, never wider.
        // (An empty `aud` array names no audience: the new token then has the configured one.)
        access.audience = claims.aud.filter(|aud| !aud.names().is_empty());
        access.data = (!extra.is_empty()).then_some(extra);
        self.create_token(&access, now)
    }
}
