//! Options of an [`AuthX`](crate::AuthX) instance, with AuthX's defaults.
//!
//! Every bad value is a [`BadConfiguration`](crate::ErrorKind::BadConfiguration)
//! error when the instance is made, never a surprise at the first token.

use crate::core::alg::Algorithm;
use crate::core::claims::Audience;
use crate::core::error::{Error, Result};

/// AuthX's default access-token lifetime: 15 minutes.
pub const DEFAULT_ACCESS_TOKEN_EXPIRES: i64 = 15 * 60;
/// AuthX's default refresh-token lifetime: 20 days.
pub const DEFAULT_REFRESH_TOKEN_EXPIRES: i64 = 20 * 24 * 60 * 60;
/// Longest token accepted by default: 16 KiB.
pub const DEFAULT_MAX_TOKEN_LENGTH: usize = 16 * 1024;

/// How long new tokens of one type live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// `exp = iat + seconds` (negative values make tokens that are already expired, for tests).
    Seconds(i64),
    /// No `exp` claim, as AuthX does when the lifetime is `None`.
    Never,
}

impl Lifetime {
    /// Reads a number of seconds: a whole, finite number.
    ///
    /// ```
    /// use authx_wasm::config::Lifetime;
    /// assert_eq!(Lifetime::from_seconds(900.0, "expiresIn").unwrap(), Lifetime::Seconds(900));
    /// assert!(Lifetime::from_seconds(1.5, "expiresIn").is_err());
    /// ```
    pub fn from_seconds(value: f64, what: &str) -> Result<Lifetime> {
        if value.is_finite() && value.fract() == 0.0 && value.abs() <= 1e13 {
            Ok(Lifetime::Seconds(value as i64))
        } else {
            Err(Error::config(format!(
                "{what} must be a whole number of seconds (or null for no expiry), not {}",
                crate::core::clock::format_number(value)
            )))
        }
    }
}

/// The options of an AuthX instance (the key is held separately).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The one algorithm new tokens use and decoded tokens must name.
    pub algorithm: Algorithm,
    /// Lifetime of access tokens.
    pub access_token_expires: Lifetime,
    /// Lifetime of refresh tokens.
    pub refresh_token_expires: Lifetime,
    /// Put into new tokens as `iss`, and required on decode when set.
    pub issuer: Option<String>,
    /// Put into new tokens as `aud`, and required on decode when set (any one name matches).
    pub audience: Option<Audience>,
    /// Seconds of clock tolerance on `exp`, `nbf` and `iat`.
    pub leeway: f64,
    /// When true, new tokens carry a random `csrf` claim; otherwise `csrf` is "".
    pub csrf: bool,
    /// Longest token accepted, in bytes.
    pub max_token_length: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            algorithm: Algorithm::Hs256,
            access_token_expires: Lifetime::Seconds(DEFAULT_ACCESS_TOKEN_EXPIRES),
            refresh_token_expires: Lifetime::Seconds(DEFAULT_REFRESH_TOKEN_EXPIRES),
            issuer: None,
            audience: None,
            leeway: 0.0,
            csrf: false,
            max_token_length: DEFAULT_MAX_TOKEN_LENGTH,
        }
    }
}

impl Config {
    /// Checks the options against each other and their ranges.
    ///
    /// ```
    /// use authx_wasm::Config;
    /// assert!(Config::default().validate().is_ok());
    /// let bad = Config { leeway: -1.0, ..Config::default() };
    /// assert!(bad.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        if !(self.leeway.is_finite() && self.leeway >= 0.0) {
            return Err(Error::config(format!(
                "leeway must be a non-negative number of seconds, not {}",
                crate::core::clock::format_number(self.leeway)
            )));
        }
        if self.max_token_length == 0 {
            return Err(Error::config("maxTokenLength must be at least 1"));
        }
        if self.issuer.as_deref() == Some("") {
            return Err(Error::config("issuer must not be an empty string"));
        }
        if let Some(aud) = &self.audience {
            if aud.names().is_empty() || aud.names().iter().any(String::is_empty) {
                return Err(Error::config(
                    "audience must be a non-empty string or a non-empty array of them",
                ));
            }
        }
        Ok(())
    }
}
