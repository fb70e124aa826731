//! JWS algorithms (RFC 7518 §3), one module per family.
//!
//! [`Algorithm`] is the closed set of names this build understands; each
//! family module holds its key type and its sign / verify code, built on
//! `jwt-compact`'s primitives. Names are case-sensitive, and `none` is not an
//! algorithm here at all: it can never be configured, and a token that names it
//! fails with [`AlgorithmNotAllowed`](crate::ErrorKind::AlgorithmNotAllowed).

pub mod hmac;

use std::fmt;

/// A JWS `alg` this library can sign and verify with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
}

/// The kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A shared secret (`HS*`).
    Hmac,
}

impl Algorithm {
    /// Every algorithm of this build.
    pub const ALL: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

    /// The header name (`"HS256"`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
        }
    }

    /// Looks a header name up, case-sensitively.
    ///
    /// ```
    /// use authx_wasm::Algorithm;
    /// assert_eq!(Algorithm::from_name("HS384"), Some(Algorithm::Hs384));
    /// assert_eq!(Algorithm::from_name("hs256"), None);
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The key family this algorithm needs.
    pub const fn family(self) -> Family {
        match self {
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => Family::Hmac,
        }
    }

    /// The names of every algorithm, for messages.
    pub fn names() -> String {
        Algorithm::ALL.map(Algorithm::name).join(", ")
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
