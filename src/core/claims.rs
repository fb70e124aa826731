//! The claims of a token: the registered ones typed, the rest kept in order.
//!
//! Types are checked when a payload is read, so a wrong type is a
//! [`Malformed`](crate::ErrorKind::Malformed) error up front rather than a
//! surprise later: `exp`, `nbf`, `iat` are finite numbers (a float `exp`, as
//! AuthX emits, is kept exactly); `sub`, `jti`, `iss`, `type`, `csrf` are strings;
//! `fresh` is a boolean; `aud` is a string or an array of strings; `scopes` is an
//! array of strings.

use crate::core::error::{Error, Result};
use crate::core::json::{type_name, Object};
use serde_json::Value;

/// Claims this library gives a meaning to; everything else is "extra" (AuthX's `data`).
pub const REGISTERED: [&str; 11] = [
    "sub", "jti", "type", "fresh", "csrf", "iat", "exp", "nbf", "aud", "iss", "scopes",
];

/// Is `name` one of the [`REGISTERED`] claims?
pub fn is_registered(name: &str) -> bool {
    REGISTERED.contains(&name)
}

/// The two token types of AuthX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenType {
    /// Sent with each request; may be `fresh`.
    Access,
    /// Exchanged for a new access token.
    Refresh,
}

impl TokenType {
    /// The value of the `type` claim.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenType::Access => "access",
            TokenType::Refresh => "refresh",
        }
    }

    /// Parses `"access"` or `"refresh"` (case-sensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "access" => Some(TokenType::Access),
            "refresh" => Some(TokenType::Refresh),
            _ => None,
        }
    }
}

/// The `aud` claim, or an expected audience: one name or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// A single string, as `"aud": "web"`.
    One(String),
    /// An array, as `"aud": ["web", "mobile"]`.
    Many(Vec<String>),
}

impl Audience {
    /// The names, whichever form.
    pub fn names(&self) -> &[String] {
        match self {
            Audience::One(s) => std::slice::from_ref(s),
            Audience::Many(v) => v,
        }
    }

    /// Do `self` and `other` share a name?
    pub fn intersects(&self, other: &Audience) -> bool {
        self.names().iter().any(|n| other.names().contains(n))
    }

    /// As a JSON value (string or array), the form it was given in.
    pub fn to_value(&self) -> Value {
        match self {
            Audience::One(s) => Value::String(s.clone()),
            Audience::Many(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
        }
    }

    /// Reads a JSON string or array of strings.
    pub fn from_value(value: &Value, what: &str) -> std::result::Result<Audience, String> {
        match value {
            Value::String(s) => Ok(Audience::One(s.clone())),
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(Audience::Many)
                .ok_or_else(|| format!("{what} must be a string or an array of strings")),
            other => Err(format!(
                "{what} must be a string or an array of strings, not {}",
                type_name(other)
            )),
        }
    }
}

impl std::fmt::Display for Audience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Audience::One(s) => write!(f, "{s:?}"),
            Audience::Many(v) => write!(f, "{v:?}"),
        }
    }
}

/// A decoded payload: typed registered claims plus every claim in token order.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    /// `sub`: the user id (optional on decode, required when minting).
    pub sub: Option<String>,
    /// `jti`: the token id.
    pub jti: Option<String>,
    /// `iss`: the issuer.
    pub iss: Option<String>,
    /// `aud`: the audience.
    pub aud: Option<Audience>,
    /// `exp`: expiry, seconds since the epoch (may be fractional).
    pub exp: Option<f64>,
    /// `nbf`: not before, seconds since the epoch.
    pub nbf: Option<f64>,
    /// `iat`: issued at, seconds since the epoch.
    pub iat: Option<f64>,
    /// `type`: `"access"` or `"refresh"` for AuthX tokens; any string is kept.
    pub token_type: Option<String>,
    /// `fresh`: set on access tokens made from a login, not from a refresh.
    pub fresh: Option<bool>,
    /// `csrf`: the double-submit CSRF value ("" when protection is off).
    pub csrf: Option<String>,
    /// `scopes`: the granted scopes.
    pub scopes: Option<Vec<String>>,
    /// Every claim, registered or not, in the order of the token.
    pub all: Object,
}

fn string_claim(map: &Object, name: &str) -> Result<Option<String>> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(Error::malformed(format!(
            "claim \"{name}\" must be a string, not {}",
            type_name(other)
        ))),
    }
}

fn time_claim(map: &Object, name: &str) -> Result<Option<f64>> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(t) if t.is_finite() => Ok(Some(t)),
            _ => Err(Error::malformed(format!(
                "claim \"{name}\" is not a finite number"
            ))),
        },
        Some(other) => Err(Error::malformed(format!(
            "claim \"{name}\" must be a number of seconds since the epoch, not {}",
            type_name(other)
        ))),
    }
}

impl Claims {
    /// Reads and type-checks the registered claims of a payload object.
    ///
    /// ```
    /// use authx_wasm::{json::parse_object, Claims, ErrorKind};
    /// let map = parse_object(br#"{"sub":"42","exp":1796315129.248171,"scopes":["read"]}"#, "payload").unwrap();
    /// let claims = Claims::from_object(map).unwrap();
    /// assert_eq!(claims.sub.as_deref(), Some("42"));
    /// assert_eq!(claims.exp, Some(1796315129.248171));
    ///
    /// let bad = parse_object(br#"{"sub":42}"#, "payload").unwrap();
    /// assert_eq!(Claims::from_object(bad).unwrap_err().kind(), ErrorKind::Malformed);
    /// ```
    pub fn from_object(all: Object) -> Result<Claims> {
        let aud = match all.get("aud") {
            None => None,
            Some(v) => Some(Audience::from_value(v, "claim \"aud\"").map_err(Error::malformed)?),
        };
        let fresh = match all.get("fresh") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                return Err(Error::malformed(format!(
                    "claim \"fresh\" must be a boolean, not {}",
                    type_name(other)
                )))
            }
        };
        let scopes = match all.get("scopes") {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        Error::malformed("claim \"scopes\" must be an array of strings")
                    })?,
            ),
            Some(other) => {
                return Err(Error::malformed(format!(
                    "claim \"scopes\" must be an array of strings, not {}",
                    type_name(other)
                )))
            }
        };
        Ok(Claims {
            sub: string_claim(&all, "sub")?,
            jti: string_claim(&all, "jti")?,
            iss: string_claim(&all, "iss")?,
            token_type: string_claim(&all, "type")?,
            csrf: string_claim(&all, "csrf")?,
            exp: time_claim(&all, "exp")?,
            nbf: time_claim(&all, "nbf")?,
            iat: time_claim(&all, "iat")?,
            aud,
            fresh,
            scopes,
            all,
        })
    }

    /// The claims that are not [`REGISTERED`]: the custom `data`, in token order.
    pub fn extra(&self) -> Object {
        self.all
            .iter()
            .filter(|(k, _)| !is_registered(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// The token type, `"access"` when the claim is absent (AuthX's default).
    pub fn token_type_or_default(&self) -> &str {
        self.token_type.as_deref().unwrap_or("access")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse_object;

    fn claims(json: &str) -> Result<Claims> {
        Claims::from_object(parse_object(json.as_bytes(), "payload").unwrap())
    }

    #[test]
    fn reads_an_authx_payload() {
        let c = claims(r#"{"sub":"u1","jti":"j","type":"access","fresh":true,"csrf":"","iat":1796316753,"exp":1796317653.497588,"aud":["web","app"],"iss":"i","role":"x","scopes":["admin:*"]}"#).unwrap();
        assert_eq!(c.iat, Some(1796316753.0));
        assert_eq!(c.exp, Some(1796317653.497588));
        assert_eq!(
            c.aud,
            Some(Audience::Many(vec!["web".into(), "app".into()]))
        );
        assert_eq!(c.fresh, Some(true));
        assert_eq!(c.csrf.as_deref(), Some(""));
        assert_eq!(c.extra().keys().collect::<Vec<_>>(), ["role"]);
    }

    #[test]
    fn wrong_types_are_malformed() {
        for bad in [
            r#"{"sub":1}"#,
            r#"{"exp":"1"}"#,
            r#"{"iat":null}"#,
            r#"{"nbf":true}"#,
            r#"{"fresh":"true"}"#,
            r#"{"scopes":"read"}"#,
            r#"{"scopes":["a",1]}"#,
            r#"{"aud":5}"#,
            r#"{"aud":["a",null]}"#,
            r#"{"type":1}"#,
            r#"{"csrf":false}"#,
            r#"{"iss":{}}"#,
            r#"{"jti":[]}"#,
        ] {
            let err = claims(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Malformed, "{bad}");
        }
    }

    #[test]
    fn defaults() {
        let c = claims("{}").unwrap();
        assert_eq!(c.token_type_or_default(), "access");
        assert_eq!(c.sub, None);
        assert!(c.extra().is_empty());
    }

    #[test]
    fn audience_intersection() {
        let expected = Audience::Many(vec!["web".into(), "ios".into()]);
        assert!(Audience::One("ios".into()).intersects(&expected));
        assert!(!Audience::One("android".into()).intersects(&expected));
        assert!(!Audience::Many(vec![]).intersects(&expected));
    }
}
