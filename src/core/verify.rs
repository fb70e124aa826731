//! Reading a token: [`decode`] in a fixed order, then AuthX's request checks.
//!
//! [`decode`] runs: structure and base64url of all three segments, header
//! (`alg` must be a key's algorithm, `kid` picks the key; `crit` refused), signature, payload JSON
//! and claim types, then `exp`, `nbf`, `iat`, `iss`, `aud`. [`check_request`]
//! then applies AuthX's `RequestToken.verify` checks in AuthX's order: type,
//! fresh, CSRF, and finally the scopes (AuthX's `scopes_required`).
//!
//! Where AuthX 1.7.1 (on PyJWT) is wrong or loose, this is stricter, and says so:
//! the leeway really applies; a float `exp` is compared without truncation;
//! `aud` present when no audience is expected is rejected (RFC 7519 §4.1.3); an
//! `iat` in the future beyond the leeway is "not yet valid"; an empty CSRF value
//! never matches.

use crate::core::claims::{Audience, Claims, TokenType};
use crate::core::clock::{format_iso, format_seconds};
use crate::core::config::Config;
use crate::core::error::{Error, ErrorKind, Result};
use crate::core::jws;
use crate::core::keys::jwks::KeySet;
use crate::core::payload::Payload;

/// Decodes and verifies `token` at time `now` (seconds) with the key that
/// its header picks from `keys` (see [`KeySet`]); the claims are read only
/// after the signature verified.
pub fn decode(config: &Config, keys: &KeySet, token: &str, now: f64) -> Result<Payload> {
    let parts = jws::parse(token, config.max_token_length)?;
    keys.verify(
        parts.header.kid.as_deref(),
        &parts.header.alg,
        parts.signing_input.as_bytes(),
        &parts.signature,
    )?;
    let claims = Claims::read(parts.payload)?;
    check_times(&claims, now, config.leeway)?;
    check_issuer(&claims, config.issuer.as_deref())?;
    check_audience(&claims, config.audience.as_ref())?;
    Ok(Payload {
        header: parts.header,
        claims,
    })
}

/// Decodes `token` without a key: structure, header and claim types are
/// checked; the signature, times, issuer and audience are not.
pub fn decode_unverified(token: &str, max_len: usize) -> Result<Payload> {
    let parts = jws::parse(token, max_len)?;
    let claims = Claims::read(parts.payload)?;
    Ok(Payload {
        header: parts.header,
        claims,
    })
}

/// Checks `exp`, `nbf` and `iat` against `now` with `leeway` seconds of tolerance.
///
/// Expired when `exp <= now - leeway`; not yet valid when `nbf > now + leeway`
/// or `iat > now + leeway`.
pub fn check_times(claims: &Claims, now: f64, leeway: f64) -> Result<()> {
    let lw = || format_seconds(leeway);
    if let Some(exp) = claims.exp {
        if exp <= now - leeway {
            return Err(Error::new(
                ErrorKind::Expired,
                format!(
                    "token expired {} s ago at {}; leeway {} s",
                    format_seconds(now - exp),
                    format_iso(exp),
                    lw()
                ),
            ));
        }
    }
    if let Some(nbf) = claims.nbf {
        if nbf > now + leeway {
            return Err(Error::new(
                ErrorKind::NotYetValid,
                format!(
                    "token is not valid before {} (nbf), {} s from now; leeway {} s",
                    format_iso(nbf),
                    format_seconds(nbf - now),
                    lw()
                ),
            ));
        }
    }
    if let Some(iat) = claims.iat {
        if iat > now + leeway {
            return Err(Error::new(
                ErrorKind::NotYetValid,
                format!(
                    "token was issued in the future: iat {} is {} s from now; leeway {} s",
                    format_iso(iat),
                    format_seconds(iat - now),
                    lw()
                ),
            ));
        }
    }
    Ok(())
}

fn check_issuer(claims: &Claims, expected: Option<&str>) -> Result<()> {
    let Some(expected) = expected else {
        return Ok(());
    };
    match claims.iss.as_deref() {
        Some(iss) if iss == expected => Ok(()),
        Some(iss) => Err(Error::new(
            ErrorKind::InvalidIssuer,
            format!("issuer {iss:?} is not the expected {expected:?}"),
        )),
        None => Err(Error::new(
            ErrorKind::InvalidIssuer,
            format!("the token has no \"iss\" claim; expected {expected:?}"),
        )),
    }
}

fn check_audience(claims: &Claims, expected: Option<&Audience>) -> Result<()> {
    match (claims.aud.as_ref(), expected) {
        (None, None) => Ok(()),
        (Some(aud), None) if aud.names().is_empty() => Ok(()),
        (Some(aud), None) => Err(Error::new(
            ErrorKind::InvalidAudience,
            format!("the token is for audience {aud} but this instance expects none (RFC 7519 §4.1.3); set the audience option"),
        )),
        (None, Some(exp)) => Err(Error::new(
            ErrorKind::InvalidAudience,
            format!("the token has no \"aud\" claim; expected {exp}"),
        )),
        (Some(aud), Some(exp)) if aud.intersects(exp) => Ok(()),
        (Some(aud), Some(exp)) => Err(Error::new(
            ErrorKind::InvalidAudience,
            format!("audience {aud} is not the expected {exp}"),
        )),
    }
}

/// AuthX's per-request checks, applied after [`decode`].
#[derive(Debug, Clone, PartialEq)]
pub struct Requirements {
    /// The token type the route needs.
    pub token_type: TokenType,
    /// Require `fresh: true` (sensitive operations).
    pub fresh: bool,
    /// Scopes the route needs.
    pub scopes: Option<Vec<String>>,
    /// All scopes (true) or any one of them (false).
    pub all_required: bool,
    /// The CSRF value the request carried (header or form), to compare with the
    /// token's claim; `Some("")` when the check is asked for but the request has none.
    pub csrf: Option<String>,
}

impl Default for Requirements {
    fn default() -> Self {
        Requirements {
            token_type: TokenType::Access,
            fresh: false,
            scopes: None,
            all_required: true,
            csrf: None,
        }
    }
}

/// Applies `req` to a decoded payload: type, fresh, CSRF, scopes, in that order.
pub fn check_request(payload: &Payload, req: &Requirements) -> Result<()> {
    let actual = payload.token_type();
    if actual != req.token_type.as_str() {
        let (kind, want) = match req.token_type {
            TokenType::Access => (ErrorKind::AccessTokenRequired, "access"),
            TokenType::Refresh => (ErrorKind::RefreshTokenRequired, "refresh"),
        };
        return Err(Error::new(
            kind,
            format!("'{want}' token required, '{actual}' token received"),
        ));
    }
    if req.fresh && !payload.fresh() {
        return Err(Error::new(
            ErrorKind::FreshTokenRequired,
            "a fresh token is required: this token was not made by a login (fresh is false)",
        ));
    }
    if let Some(given) = &req.csrf {
        check_csrf(given, payload.claims.csrf.as_deref())?;
    }
    if let Some(required) = &req.scopes {
        if !payload.has_scopes(required, req.all_required) {
            let held = match &payload.claims.scopes {
                Some(s) => format!("{s:?}"),
                None => "no scopes claim".to_owned(),
            };
            let which = if req.all_required { "all" } else { "any" };
            return Err(Error::new(
                ErrorKind::InsufficientScope,
                format!("the token's scopes ({held}) do not grant {which} of {required:?}"),
            ));
        }
    }
    Ok(())
}

fn check_csrf(given: &str, claim: Option<&str>) -> Result<()> {
    if given.is_empty() {
        return Err(Error::new(
            ErrorKind::Csrf,
            "the request carries no CSRF value (send the token's csrf in the X-CSRF-TOKEN header)",
        ));
    }
    let claim = claim.unwrap_or("");
    if claim.is_empty() {
        return Err(Error::new(
            ErrorKind::Csrf,
            "the token carries no csrf value (it was made with CSRF protection off)",
        ));
    }
    if !constant_time_eq(given.as_bytes(), claim.as_bytes()) {
        return Err(Error::new(
            ErrorKind::Csrf,
            "the request's CSRF value does not match the token's csrf claim",
        ));
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(json: &str) -> Claims {
        Claims::read(json.as_bytes()).unwrap()
    }

    #[test]
    fn expiry_boundary_and_leeway() {
        let c = claims(r#"{"exp":1000.5}"#);
        assert!(check_times(&c, 1000.4, 0.0).is_ok());
        let err = check_times(&c, 1000.5, 0.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Expired);
        assert_eq!(
            err.message(),
            "token expired 0 s ago at 1970-01-01T00:16:40Z; leeway 0 s"
        );
        assert!(check_times(&c, 1010.0, 10.0).is_ok());
        assert!(check_times(&c, 1010.5, 10.0).is_err());
        let err = check_times(&claims(r#"{"exp":808}"#), 1000.0, 0.0).unwrap_err();
        assert_eq!(
            err.message(),
            "token expired 192 s ago at 1970-01-01T00:13:28Z; leeway 0 s"
        );
    }

    #[test]
    fn float_exp_is_not_truncated() {
        // PyJWT truncates exp to an int; 1000.9 must still be valid at 1000.5.
        assert!(check_times(&claims(r#"{"exp":1000.9}"#), 1000.5, 0.0).is_ok());
    }

    #[test]
    fn nbf_and_future_iat() {
        assert_eq!(
            check_times(&claims(r#"{"nbf":1001}"#), 1000.0, 0.0)
                .unwrap_err()
                .kind(),
            ErrorKind::NotYetValid
        );
        assert!(check_times(&claims(r#"{"nbf":1001}"#), 1000.0, 1.0).is_ok());
        assert!(check_times(&claims(r#"{"nbf":1000}"#), 1000.0, 0.0).is_ok());
        let err = check_times(&claims(r#"{"iat":1030}"#), 1000.0, 0.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotYetValid);
        assert!(err.message().contains("30 s from now"));
        assert!(check_times(&claims(r#"{"iat":1030}"#), 1000.0, 30.0).is_ok());
    }

    #[test]
    fn audience_rules() {
        let web = Audience::One("web".into());
        assert!(check_audience(&claims(r#"{"aud":"web"}"#), Some(&web)).is_ok());
        assert!(check_audience(&claims(r#"{"aud":["ios","web"]}"#), Some(&web)).is_ok());
        let err = check_audience(&claims(r#"{"aud":"mobile"}"#), Some(&web)).unwrap_err();
        assert_eq!(
            err.message(),
            r#"audience "mobile" is not the expected "web""#
        );
        assert_eq!(
            check_audience(&claims("{}"), Some(&web))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidAudience
        );
        assert_eq!(
            check_audience(&claims(r#"{"aud":"web"}"#), None)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidAudience
        );
        assert!(check_audience(&claims("{}"), None).is_ok());
    }

    #[test]
    fn issuer_rules() {
        assert!(check_issuer(&claims(r#"{"iss":"a"}"#), Some("a")).is_ok());
        assert!(check_issuer(&claims(r#"{"iss":"a"}"#), None).is_ok());
        assert_eq!(
            check_issuer(&claims(r#"{"iss":"b"}"#), Some("a"))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidIssuer
        );
        assert_eq!(
            check_issuer(&claims("{}"), Some("a")).unwrap_err().kind(),
            ErrorKind::InvalidIssuer
        );
    }

    fn payload(json: &str) -> Payload {
        Payload {
            header: Default::default(),
            claims: claims(json),
        }
    }

    #[test]
    fn request_checks_in_authx_order() {
        let refresh = payload(r#"{"type":"refresh","scopes":[]}"#);
        let req = Requirements {
            fresh: true,
            scopes: Some(vec!["x".into()]),
            ..Default::default()
        };
        assert_eq!(
            check_request(&refresh, &req).unwrap_err().kind(),
            ErrorKind::AccessTokenRequired
        );
        let stale = payload(r#"{"type":"access","fresh":false}"#);
        assert_eq!(
            check_request(&stale, &req).unwrap_err().kind(),
            ErrorKind::FreshTokenRequired
        );
        let fresh = payload(r#"{"type":"access","fresh":true,"csrf":"c","scopes":["y"]}"#);
        let with_csrf = Requirements {
            csrf: Some("d".into()),
            ..req.clone()
        };
        assert_eq!(
            check_request(&fresh, &with_csrf).unwrap_err().kind(),
            ErrorKind::Csrf
        );
        assert_eq!(
            check_request(&fresh, &req).unwrap_err().kind(),
            ErrorKind::InsufficientScope
        );
        let need_refresh = Requirements {
            token_type: TokenType::Refresh,
            ..Default::default()
        };
        let err = check_request(&fresh, &need_refresh).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RefreshTokenRequired);
        assert_eq!(
            err.message(),
            "'refresh' token required, 'access' token received"
        );
    }

    #[test]
    fn empty_csrf_never_matches() {
        let no_csrf = payload(r#"{"csrf":""}"#);
        let req = Requirements {
            csrf: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(
            check_request(&no_csrf, &req).unwrap_err().kind(),
            ErrorKind::Csrf
        );
        let with = payload(r#"{"csrf":"abc"}"#);
        assert_eq!(
            check_request(&with, &req).unwrap_err().kind(),
            ErrorKind::Csrf
        );
        let ok = Requirements {
            csrf: Some("abc".into()),
            ..Default::default()
        };
        assert!(check_request(&with, &ok).is_ok());
    }
}
