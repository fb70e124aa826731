//! [`AuthX`]: one configuration and one key, and the operations on tokens.

use crate::core::claims::TokenType;
use crate::core::config::Config;
use crate::core::error::{Error, Result};
use crate::core::keys::{Key, KeyMaterial};
use crate::core::mint::{self, TokenRequest};
use crate::core::payload::Payload;
use crate::core::verify::{self, Requirements};

/// An AuthX instance: configuration plus an imported key.
///
/// Every operation takes the current time in seconds; the key is imported once.
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
    key: Key,
}

impl AuthX {
    /// Checks `config` and imports `key` for its algorithm.
    pub fn new(config: Config, key: KeyMaterial<'_>) -> Result<AuthX> {
        config.validate()?;
        let key = Key::import(config.algorithm, key)?;
        Ok(AuthX { config, key })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Makes a signed token.
    pub fn create_token(&self, req: &TokenRequest, now: f64) -> Result<String> {
        mint::mint(&self.config, &self.key, req, now)
    }

    /// Decodes and verifies a token: signature, `exp` / `nbf` / `iat`, `iss`, `aud`.
    pub fn decode(&self, token: &str, now: f64) -> Result<Payload> {
        verify::decode(&self.config, &self.key, token, now)
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
        access.audience = claims.aud;
        access.data = (!extra.is_empty()).then_some(extra);
        self.create_token(&access, now)
    }
}
