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
use crate::core::json::{self, JsonObject};
use crate::core::keys::Key;
use crate::core::{jws, random};

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
    pub data: Option<JsonObject>,
    /// Overrides the configured lifetime.
    pub expires_in: Option<Lifetime>,
    /// Overrides the configured audience.
    pub audience: Option<Audience>,
    /// Extra protected-header members (such as `kid`).
    pub headers: Option<JsonObject>,
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

/// Builds the claims of a new token at time `now` (seconds), as JSON text.
///
/// ```
/// use authx_wasm::{mint::claims, Config, TokenRequest, TokenType};
/// let json = claims(&Config::default(), &TokenRequest::new(TokenType::Refresh, "42"), 100.5).unwrap();
/// assert!(json.starts_with(r#"{"sub":"42","jti":""#));
/// assert!(json.ends_with(r#","type":"refresh","csrf":"","iat":100,"exp":1728100}"#));
/// ```
pub fn claims(config: &Config, req: &TokenRequest, now: f64) -> Result<String> {
    if req.uid.is_empty() {
        return Err(Error::config("uid must be a non-empty string"));
    }
    let data = req
        .data
        .as_ref()
        .map(JsonObject::members)
        .unwrap_or_default();
    if let Some(m) = data.iter().find(|m| is_registered(&m.name)) {
        return Err(Error::config(format!(
            "data may not contain \"{}\": it is a registered claim ({}); pass it through its own option",
            m.name,
            REGISTERED.join(", ")
        )));
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

    let mut c = String::with_capacity(
        256 + req.uid.len() + req.data.as_ref().map_or(0, |d| d.as_str().len()),
    );
    c.push_str("{\"sub\":");
    json::write::string(&mut c, &req.uid);
    c.push_str(",\"jti\":\"");
    c.push_str(&random::uuid_v4()?);
    c.push_str("\",\"type\":\"");
    c.push_str(req.token_type.as_str());
    c.push('"');
    if req.token_type == TokenType::Access {
        c.push_str(if req.fresh {
            ",\"fresh\":true"
        } else {
            ",\"fresh\":false"
        });
    }
    c.push_str(",\"csrf\":\"");
    if config.csrf {
        c.push_str(&random::uuid_v4()?);
    }
    c.push_str("\",\"iat\":");
    json::write::whole(&mut c, iat);
    if let Lifetime::Seconds(secs) = lifetime {
        c.push_str(",\"exp\":");
        json::write::whole(&mut c, iat + secs as f64);
    }
    if let Some(aud) = req.audience.as_ref().or(config.audience.as_ref()) {
        c.push_str(",\"aud\":");
        aud.write_json(&mut c);
    }
    if let Some(iss) = &config.issuer {
        c.push_str(",\"iss\":");
        json::write::string(&mut c, iss);
    }
    for m in &data {
        c.push(',');
        c.push_str(m.name_text);
        c.push(':');
        m.value.write_compact(&mut c);
    }
    if let Some(scopes) = &req.scopes {
        c.push_str(",\"scopes\":");
        json::write::strings(&mut c, scopes);
    }
    c.push('}');
    Ok(c)
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
    use crate::core::claims::Claims;

    fn data(text: &str) -> Option<JsonObject> {
        Some(JsonObject::parse(text, "data").unwrap())
    }

    fn names(json: &str) -> Vec<String> {
        json::members(json.as_bytes(), "t")
            .unwrap()
            .iter()
            .map(|m| m.name.to_string())
            .collect()
    }

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
        req.data = data(r#"{"role":"admin","n":{ "x" : [1, 2] }}"#);
        let json = claims(&config, &req, 1_796_316_753.9).unwrap();
        assert_eq!(
            names(&json),
            [
                "sub", "jti", "type", "fresh", "csrf", "iat", "exp", "aud", "iss", "role", "n",
                "scopes"
            ]
        );
        let c = Claims::read(json.as_bytes()).unwrap();
        assert_eq!(c.iat, Some(1_796_316_753.0));
        assert_eq!(c.exp, Some(1_796_316_753.0 + 900.0));
        assert_eq!(c.csrf.as_deref(), Some(""));
        assert_eq!(c.jti.as_ref().map(String::len), Some(36));
        assert!(
            json.contains(r#""iss":"api","role":"admin","n":{"x":[1,2]},"scopes":["read"]}"#),
            "{json}"
        );
    }

    #[test]
    fn refresh_tokens_have_no_fresh_and_their_own_lifetime() {
        let config = Config {
            csrf: true,
            ..Config::default()
        };
        let json = claims(&config, &TokenRequest::new(TokenType::Refresh, "u"), 100.0).unwrap();
        let c = Claims::read(json.as_bytes()).unwrap();
        assert_eq!(c.fresh, None);
        assert_eq!(c.exp, Some(100.0 + 1_728_000.0));
        assert_eq!(c.csrf.map(|s| s.len()), Some(36));
    }

    #[test]
    fn refuses_bad_requests() {
        let config = Config::default();
        assert!(claims(&config, &TokenRequest::new(TokenType::Access, ""), 0.0).is_err());
        let mut req = TokenRequest::new(TokenType::Access, "u");
        req.data = data(r#"{"exp":1}"#);
        let err = claims(&config, &req, 0.0).unwrap_err();
        assert!(err.message().starts_with("data may not contain \"exp\""));
    }

    #[test]
    fn no_expiry_when_lifetime_is_never() {
        let mut req = TokenRequest::new(TokenType::Access, "u");
        req.expires_in = Some(Lifetime::Never);
        let json = claims(&Config::default(), &req, 0.0).unwrap();
        assert!(!names(&json).contains(&"exp".to_string()));
    }
}
