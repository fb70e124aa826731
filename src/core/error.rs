//! The one error type of the crate.
//!
//! Every failure is an [`Error`]: a stable [`ErrorKind`] plus a message that
//! says which rule failed, with the values involved (never a secret and never
//! the whole token). Each kind's JavaScript class name and `code` live here and
//! nowhere else; the binding layer maps them once.

use std::fmt;

/// What went wrong, as a closed set with stable names and codes.
///
/// ```
/// use authx_wasm::ErrorKind;
/// assert_eq!(ErrorKind::Expired.name(), "TokenExpiredError");
/// assert_eq!(ErrorKind::Expired.code(), "ERR_JWT_EXPIRED");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `exp` is in the past (beyond the leeway).
    Expired,
    /// `nbf` or `iat` is in the future (beyond the leeway).
    NotYetValid,
    /// The signature does not match the signing input and key.
    InvalidSignature,
    /// The header's `alg` is not the one this key verifies (or is `none`).
    AlgorithmNotAllowed,
    /// Not a well-formed JWS/JWT: segments, base64url, JSON, claim types, size.
    Malformed,
    /// `aud` does not name an expected audience (or is present when none is expected).
    InvalidAudience,
    /// `iss` is not the expected issuer.
    InvalidIssuer,
    /// An access token was required, another type was given.
    AccessTokenRequired,
    /// A refresh token was required, another type was given.
    RefreshTokenRequired,
    /// A fresh access token was required.
    FreshTokenRequired,
    /// The token's scopes do not satisfy the required ones.
    InsufficientScope,
    /// The CSRF value of the request does not match the token's `csrf` claim.
    Csrf,
    /// The caller's options or arguments are invalid.
    BadConfiguration,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 13] = [
        ErrorKind::Expired,
        ErrorKind::NotYetValid,
        ErrorKind::InvalidSignature,
        ErrorKind::AlgorithmNotAllowed,
        ErrorKind::Malformed,
        ErrorKind::InvalidAudience,
        ErrorKind::InvalidIssuer,
        ErrorKind::AccessTokenRequired,
        ErrorKind::RefreshTokenRequired,
        ErrorKind::FreshTokenRequired,
        ErrorKind::InsufficientScope,
        ErrorKind::Csrf,
        ErrorKind::BadConfiguration,
    ];

    /// The JavaScript class name of this kind (`error.name`).
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Expired => "TokenExpiredError",
            ErrorKind::NotYetValid => "TokenNotYetValidError",
            ErrorKind::InvalidSignature => "InvalidSignatureError",
            ErrorKind::AlgorithmNotAllowed => "AlgorithmNotAllowedError",
            ErrorKind::Malformed => "MalformedTokenError",
            ErrorKind::InvalidAudience => "InvalidAudienceError",
            ErrorKind::InvalidIssuer => "InvalidIssuerError",
            ErrorKind::AccessTokenRequired => "AccessTokenRequiredError",
            ErrorKind::RefreshTokenRequired => "RefreshTokenRequiredError",
            ErrorKind::FreshTokenRequired => "FreshTokenRequiredError",
            ErrorKind::InsufficientScope => "InsufficientScopeError",
            ErrorKind::Csrf => "CSRFError",
            ErrorKind::BadConfiguration => "BadConfigurationError",
        }
    }

    /// The stable machine-readable code of this kind (`error.code`).
    ///
    /// Codes shared with `jose` use jose's spelling, so code that switches on
    /// jose's codes keeps working.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::Expired => "ERR_JWT_EXPIRED",
            ErrorKind::NotYetValid => "ERR_JWT_NOT_YET_VALID",
            ErrorKind::InvalidSignature => "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
            ErrorKind::AlgorithmNotAllowed => "ERR_JOSE_ALG_NOT_ALLOWED",
            ErrorKind::Malformed => "ERR_JWT_INVALID",
            ErrorKind::InvalidAudience => "ERR_JWT_AUDIENCE_INVALID",
            ErrorKind::InvalidIssuer => "ERR_JWT_ISSUER_INVALID",
            ErrorKind::AccessTokenRequired | ErrorKind::RefreshTokenRequired => "ERR_TOKEN_TYPE",
            ErrorKind::FreshTokenRequired => "ERR_FRESH_TOKEN_REQUIRED",
            ErrorKind::InsufficientScope => "ERR_INSUFFICIENT_SCOPE",
            ErrorKind::Csrf => "ERR_CSRF_MISMATCH",
            ErrorKind::BadConfiguration => "ERR_BAD_CONFIGURATION",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A failure: its [`ErrorKind`] and a message explaining it.
///
/// ```
/// use authx_wasm::{Error, ErrorKind};
/// let err = Error::new(ErrorKind::InvalidIssuer, "issuer \"a\" is not the expected \"b\"");
/// assert_eq!(err.kind(), ErrorKind::InvalidIssuer);
/// assert_eq!(err.to_string(), "issuer \"a\" is not the expected \"b\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Makes an error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// A [`ErrorKind::Malformed`] error.
    pub fn malformed(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Malformed, message)
    }

    /// A [`ErrorKind::BadConfiguration`] error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::BadConfiguration, message)
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The explanation, with the values involved.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_end_in_error() {
        let names: HashSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert!(ErrorKind::ALL.iter().all(|k| k.name().ends_with("Error")));
    }

    #[test]
    fn codes_are_stable() {
        let codes: Vec<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            [
                "ERR_JWT_EXPIRED",
                "ERR_JWT_NOT_YET_VALID",
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
                "ERR_JOSE_ALG_NOT_ALLOWED",
                "ERR_JWT_INVALID",
                "ERR_JWT_AUDIENCE_INVALID",
                "ERR_JWT_ISSUER_INVALID",
                "ERR_TOKEN_TYPE",
                "ERR_TOKEN_TYPE",
                "ERR_FRESH_TOKEN_REQUIRED",
                "ERR_INSUFFICIENT_SCOPE",
                "ERR_CSRF_MISMATCH",
                "ERR_BAD_CONFIGURATION",
            ]
        );
    }
}
