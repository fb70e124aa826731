//! Making new tokens, with AuthX's claims in AuthX's order.
//!
//! The payload of a new token is, in this order: `sub`, `jti` (a random UUID
//! v4), `type`, `fresh` (access tokens only), `csrf`, `iat`, `exp`, `aud`, `iss`,
//! then the caller's `data`, then `scopes`. `iat` is the clock floored to the
//! second and `exp` is `iat` plus the lifetime, both whole numbers. `csrf` is
//! always present: a random UUID when CSRF protection is on, "" otherwise.

use crate::core::claims::{is_registered, Audience, TokenType, REGISTERED};
use crate::core::config::{Config, Lifetime};
use crate::core::error::{Error, Result};
use crate::core::json::Object;
use crate::core::keys::Key;
use crate::core::{jws, random};
use serde_json::Value;

/// What to put into a new token; unset fields take the configuration's values.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRequest {
    /// Access or refresh.
    pub token_type: TokenType,
    /// The user id, stored as `sub`: a non-empty string.
    pub uid: String,
    /// The `fresh` flag (access tokens only).
    pub fresh: bool,
    /// The `scopes` claim, when given.
    pub scopes: Option<Vec<String>>,
    /// Custom claims; names of registered claims are refused.
    pub data: Option<Object>,
    /// Overrides the configured lifetime.
    pub expires_in: Option<Lifetime>,
    /// Overrides the configured audience.
    pub audience: Option<Audience>,
    /// Extra protected-header members (such as `kid`).
    pub headers: Option<Object>,
}

impl TokenRequest {
    /// A request for a token of `token_type` for `uid`, everything else default.
    pub fn new(token_type: TokenType, uid: impl Into<String>) -> Self {
        TokenRequest {
            token_type,
            uid: uid.into(),
            fresh: false,
            scopes: None,
            data: None,
            expires_in: None,
            audience: None,
            headers: None,
        }
    }
}

/// Builds the claims of a new token at time `now` (seconds).
pub fn claims(config: &Config, req: &TokenRequest, now: f64) -> Result<Object> {
    if req.uid.is_empty() {
        return Err(Error::config("uid must be a non-empty string"));
    }
    if let Some(data) = &req.data {
        if let Some(name) = data.keys().find(|k| is_registered(k)) {
            return Err(Error::config(format!(
                "data may not contain \"{name}\": it is a registered claim ({}); pass it through its own option",
                REGISTERED.join(", ")
            )));
        }
    }
    if let Some(aud) = &req.audience {
        if aud.names().is_empty() || aud.names().iter().any(String::is_empty) {
            return Err(Error::config(
                "audience must be a non-empty string or a non-empty array of them",
            ));
        }
    }
    let iat = now.floor();
    let lifetime = req.expires_in.unwrap_or(match req.token_type {
        TokenType::Access => config.access_token_expires,
        TokenType::Refresh => config.refresh_token_expires,
    });
    let csrf = if config.csrf {
        random::uuid_v4()?
    } else {
        String::new()
    };

    let mut c = Object::new();
    c.insert("sub".into(), Value::String(req.uid.clone()));
    c.insert("jti".into(), Value::String(random::uuid_v4()?));
    c.insert("type".into(), Value::String(req.token_type.as_str().into()));
    if req.token_type == TokenType::Access {
        c.insert("fresh".into(), Value::Bool(req.fresh));
    }
    c.insert("csrf".into(), Value::String(csrf));
    c.insert("iat".into(), whole(iat));
    if let Lifetime::Seconds(secs) = lifetime {
        c.insert("exp".into(), whole(iat + secs as f64));
    }
    if let Some(aud) = req.audience.as_ref().or(config.audience.as_ref()) {
        c.insert("aud".into(), aud.to_value());
    }
    if let Some(iss) = &config.issuer {
        c.insert("iss".into(), Value::String(iss.clone()));
    }
    if let Some(data) = &req.data {
        c.extend(data.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    if let Some(scopes) = &req.scopes {
        c.insert(
            "scopes".into(),
            Value::Array(scopes.iter().cloned().map(Value::String).collect()),
        );
    }
    Ok(c)
}

fn whole(seconds: f64) -> Value {
    Value::Number((seconds as i64).into())
}

/// Makes and signs a token at time `now` (seconds).
pub fn mint(config: &Config, key: &Key, req: &TokenRequest, now: f64) -> Result<String> {
    if !key.can_sign() {
        return Err(Error::config(
            "this instance holds only a verification key and cannot create tokens",
        ));
    }
    let header = jws::new_header(key, req.headers.as_ref())?;
    let payload = claims(config, req, now)?;
    jws::sign_within(&header, &payload, key, config.max_token_length)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse_object;

    #[test]
    fn access_token_claims_in_authx_order() {
        let config = Config {
            issuer: Some("api".into()),
            audience: Some(Audience::One("web".into())),
            ..Config::default()
        };
        let mut req = TokenRequest::new(TokenType::Access, "u1");
        req.fresh = true;
        req.scopes = Some(vec!["read".into()]);
        req.data = Some(parse_object(br#"{"role":"admin"}"#, "data").unwrap());
        let c = claims(&config, &req, 1_796_316_753.9).unwrap();
        assert_eq!(
            c.keys().collect::<Vec<_>>(),
            ["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "aud", "iss", "role", "scopes"]
        );
        assert_eq!(c["iat"], 1_796_316_753_i64);
        assert_eq!(c["exp"], 1_796_316_753_i64 + 900);
        assert_eq!(c["csrf"], "");
    }

    #[test]
    fn refresh_tokens_have_no_fresh_and_their_own_lifetime() {
        let config = Config {
            csrf: true,
            ..Config::default()
        };
        let c = claims(&config, &TokenRequest::new(TokenType::Refresh, "u"), 100.0).unwrap();
        assert!(!c.contains_key("fresh"));
        assert_eq!(c["exp"], 100 + 1_728_000);
        assert_eq!(c["csrf"].as_str().unwrap().len(), 36);
    }

    #[test]
    fn refuses_bad_requests() {
        let config = Config::default();
        assert!(claims(&config, &TokenRequest::new(TokenType::Access, ""), 0.0).is_err());
        let mut req = TokenRequest::new(TokenType::Access, "u");
        req.data = Some(parse_object(br#"{"exp":1}"#, "data").unwrap());
        let err = claims(&config, &req, 0.0).unwrap_err();
        assert!(err.message().starts_with("data may not contain \"exp\""));
    }

    #[test]
    fn no_expiry_when_lifetime_is_never() {
        let mut req = TokenRequest::new(TokenType::Access, "u");
        req.expires_in = Some(Lifetime::Never);
        assert!(!claims(&Config::default(), &req, 0.0)
            .unwrap()
            .contains_key("exp"));
    }
}
