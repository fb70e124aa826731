//! A decoded token: its header, its claims, and what can be asked of them.
//!
//! Time questions take the current time (seconds since the epoch) as an
//! argument, so the answer comes from the same clock that verified the token.

use crate::core::claims::Claims;
use crate::core::jws::Header;
use crate::core::scopes;

/// A decoded token.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// The protected header.
    pub header: Header,
    /// The claims.
    pub claims: Claims,
}

impl Payload {
    /// `type`, `"access"` when absent (AuthX's default).
    pub fn token_type(&self) -> &str {
        self.claims.token_type_or_default()
    }

    /// `fresh`, false when absent.
    pub fn fresh(&self) -> bool {
        self.claims.fresh.unwrap_or(false)
    }

    /// `csrf`, "" when absent.
    pub fn csrf(&self) -> &str {
        self.claims.csrf.as_deref().unwrap_or("")
    }

    /// Seconds until `exp` (negative once expired); `None` without `exp`.
    pub fn time_until_expiry(&self, now: f64) -> Option<f64> {
        self.claims.exp.map(|exp| exp - now)
    }

    /// Seconds since `iat`; `None` without `iat`.
    pub fn time_since_issued(&self, now: f64) -> Option<f64> {
        self.claims.iat.map(|iat| now - iat)
    }

    /// Is the token expired at `now`, with `leeway` seconds of tolerance?
    /// A token without `exp` never expires. The rule is the one verification uses.
    pub fn is_expired(&self, now: f64, leeway: f64) -> bool {
        self.claims.exp.is_some_and(|exp| exp <= now - leeway)
    }

    /// Do the token's scopes satisfy `required` (all of them, or any one)?
    /// See [`scopes`] for the matching rule.
    pub fn has_scopes<S: AsRef<str>>(&self, required: &[S], all_required: bool) -> bool {
        scopes::has_scopes(required, self.claims.scopes.as_deref(), all_required)
    }
}
