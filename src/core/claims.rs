//! The claims of a token: the registered ones typed, the rest kept in order.
//!
//! Types are checked when a payload is read, so a wrong type is a
//! [`Malformed`](crate::ErrorKind::Malformed) error up front rather than a
//! surprise later: `exp`, `nbf`, `iat` are finite numbers (a float `exp`, as
//! AuthX emits, is kept exactly); `sub`, `jti`, `iss`, `type`, `csrf` are strings;
//! `fresh` is a boolean; `aud` is a string or an array of strings; `scopes` is an
//! array of strings.

use crate::core::error::{Error, Result};
use crate::core::json::{self, JsonObject, Kind, Member, Raw};
use std::borrow::Cow;

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

    /// Appends the audience as JSON (a string or an array), the form it was given in.
    pub fn write_json(&self, out: &mut String) {
        match self {
            Audience::One(s) => json::write::string(out, s),
            Audience::Many(v) => json::write::strings(out, v),
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

/// A decoded payload: typed registered claims plus the payload's JSON text.
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
    /// The payload, every claim, as the JSON text of the token (checked by [`json::members`]).
    pub json: String,
}

fn string_claim(value: &Raw<'_>, name: &str) -> Result<String> {
    value.as_str().map(Cow::into_owned).ok_or_else(|| {
        Error::malformed(format!(
            "claim \"{name}\" must be a string, not {}",
            value.kind.name()
        ))
    })
}

fn time_claim(value: &Raw<'_>, name: &str) -> Result<f64> {
    value.as_f64().ok_or_else(|| {
        Error::malformed(format!(
            "claim \"{name}\" must be a number of seconds since the epoch, not {}",
            value.kind.name()
        ))
    })
}

fn strings_claim(value: &Raw<'_>, what: &str) -> Result<Vec<String>> {
    value.strings().ok_or_else(|| {
        Error::malformed(if value.kind == Kind::Array {
            format!("{what} must be an array of strings")
        } else {
            format!(
                "{what} must be an array of strings, not {}",
                value.kind.name()
            )
        })
    })
}

fn bad_audience(value: &Raw<'_>) -> Error {
    Error::malformed(match value.kind {
        Kind::Array => "claim \"aud\" must be a string or an array of strings".to_owned(),
        other => format!(
            "claim \"aud\" must be a string or an array of strings, not {}",
            other.name()
        ),
    })
}

impl Claims {
    /// Reads a payload: checks it as strict JSON (see [`json`]) and type-checks
    /// the registered claims.
    ///
    /// ```
    /// use authx_wasm::{Claims, ErrorKind};
    /// let claims = Claims::read(br#"{"sub":"42","exp":1796315129.248171,"scopes":["read"]}"#).unwrap();
    /// assert_eq!(claims.sub.as_deref(), Some("42"));
    /// assert_eq!(claims.exp, Some(1796315129.248171));
    ///
    /// assert_eq!(Claims::read(br#"{"sub":42}"#).unwrap_err().kind(), ErrorKind::Malformed);
    /// ```
    pub fn read(payload: impl Into<Vec<u8>>) -> Result<Claims> {
        let json = String::from_utf8(payload.into()).map_err(|e| {
            Error::malformed(format!(
                "payload is not valid JSON: not UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let mut c = Claims::typed(&json)?;
        c.json = json;
        Ok(c)
    }

    /// The registered claims of a UTF-8 payload text, typed (with an empty `json`).
    fn typed(text: &str) -> Result<Claims> {
        let members = json::read::members_of(text, "payload").map_err(Error::malformed)?;
        let mut c = Claims {
            sub: None,
            jti: None,
            iss: None,
            aud: None,
            exp: None,
            nbf: None,
            iat: None,
            token_type: None,
            fresh: None,
            csrf: None,
            scopes: None,
            json: String::new(),
        };
        for m in &members {
            let v = &m.value;
            match m.name.as_ref() {
                "sub" => c.sub = Some(string_claim(v, "sub")?),
                "jti" => c.jti = Some(string_claim(v, "jti")?),
                "iss" => c.iss = Some(string_claim(v, "iss")?),
                "type" => c.token_type = Some(string_claim(v, "type")?),
                "csrf" => c.csrf = Some(string_claim(v, "csrf")?),
                "exp" => c.exp = Some(time_claim(v, "exp")?),
                "nbf" => c.nbf = Some(time_claim(v, "nbf")?),
                "iat" => c.iat = Some(time_claim(v, "iat")?),
                "fresh" => {
                    c.fresh = Some(v.as_bool().ok_or_else(|| {
                        Error::malformed(format!(
                            "claim \"fresh\" must be a boolean, not {}",
                            v.kind.name()
                        ))
                    })?)
                }
                "scopes" => c.scopes = Some(strings_claim(v, "claim \"scopes\"")?),
                "aud" => {
                    c.aud = Some(match v.kind {
                        Kind::String => Audience::One(string_claim(v, "aud")?),
                        _ => Audience::Many(v.strings().ok_or_else(|| bad_audience(v))?),
                    })
                }
                _ => {}
            }
        }
        Ok(c)
    }

    /// The claims that are not [`REGISTERED`]: the custom `data`, in token order.
    pub fn extra(&self) -> JsonObject {
        let members = json::read::members_of(&self.json, "payload").unwrap_or_default();
        JsonObject::from_members(members.iter().filter(|m| !is_registered(&m.name)))
    }

    /// Every claim, in token order.
    pub fn members(&self) -> Vec<Member<'_>> {
        json::read::members_of(&self.json, "payload").unwrap_or_default()
    }

    /// The token type, `"access"` when the claim is absent (AuthX's default).
    pub fn token_type_or_default(&self) -> &str {
        self.token_type.as_deref().unwrap_or("access")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(json: &str) -> Result<Claims> {
        Claims::read(json.as_bytes())
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
        assert_eq!(c.extra().as_str(), r#"{"role":"x"}"#);
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
