//! [`KeyParts`]: a key's components, independent of how it was written down.
//!
//! PEM ([`super::pem`]) and JWK ([`super::jwk`]) both decode into these, and
//! encode from them; the family modules build keys from them. All byte
//! strings are big-endian; secrets are wiped on drop.

use crate::core::alg::{Curve, Family};
use zeroize::Zeroizing;

/// The private components of an RSA key, big-endian (read in every build, so
/// that a build without RSA can still name the key in its error).
#[derive(Clone, Default)]
pub struct RsaPrivateParts {
    /// The private exponent.
    pub d: Zeroizing<Vec<u8>>,
    /// The first prime factor (recovered from `n`, `e`, `d` when absent).
    pub p: Option<Zeroizing<Vec<u8>>>,
    /// The second prime factor.
    pub q: Option<Zeroizing<Vec<u8>>>,
    /// `d mod (p - 1)`, `d mod (q - 1)` and `q⁻¹ mod p`: filled on export, ignored on import.
    pub crt: Option<[Zeroizing<Vec<u8>>; 3]>,
}

/// A key's components.
#[derive(Clone)]
pub enum KeyParts {
    /// A shared secret (JWK `oct`).
    Oct(Zeroizing<Vec<u8>>),
    /// An EC key: private scalar and / or public point (SEC1 bytes).
    Ec {
        /// The curve.
        curve: Curve,
        /// The private scalar.
        d: Option<Zeroizing<Vec<u8>>>,
        /// The public point, SEC1-encoded (`04 || x || y`, or compressed).
        point: Option<Vec<u8>>,
    },
    /// An Ed25519 key: private seed and / or public key, 32 bytes each.
    Ed25519 {
        /// The private seed (JWK `d`).
        seed: Option<Zeroizing<Vec<u8>>>,
        /// The public key (JWK `x`).
        x: Option<Vec<u8>>,
    },
    /// An RSA key.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
        /// The private parts of a private key.
        private: Option<RsaPrivateParts>,
    },
}

impl std::fmt::Debug for KeyParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.is_private() {
            "private"
        } else {
            "public"
        };
        write!(f, "KeyParts({}, {kind})", self.family())
    }
}

impl KeyParts {
    /// The family of algorithms these parts are for.
    pub fn family(&self) -> Family {
        match self {
            KeyParts::Oct(_) => Family::Hmac,
            KeyParts::Ec { curve, .. } => Family::Ec(*curve),
            KeyParts::Ed25519 { .. } => Family::Ed25519,
            KeyParts::Rsa { .. } => Family::Rsa,
        }
    }

    /// Do the parts hold a private (or secret) key?
    pub fn is_private(&self) -> bool {
        match self {
            KeyParts::Oct(_) => true,
            KeyParts::Ec { d, .. } => d.is_some(),
            KeyParts::Ed25519 { seed, .. } => seed.is_some(),
            KeyParts::Rsa { private, .. } => private.is_some(),
        }
    }
}
