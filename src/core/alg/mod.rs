//! JWS algorithms (RFC 7518 §3, RFC 8037 §3.1), one module per family.
//!
//! [`Algorithm`] is the closed set of names this library understands; each
//! family module holds its key type and its sign / verify code, built on
//! `jwt-compact`'s `Algorithm` trait (implemented here for ES384 and ES512,
//! which `jwt-compact` lacks). Names are case-sensitive, and `none` is not an
//! algorithm here at all: it can never be configured, and a token that names
//! it fails with [`AlgorithmNotAllowed`](crate::ErrorKind::AlgorithmNotAllowed).
//!
//! RSA (`RS*`, `PS*`) is behind the cargo feature `rsa`, EC and Ed25519 behind
//! `asymmetric` (both on by default; without `asymmetric` the build is
//! HMAC-only). A build without them still knows the names, so a configuration
//! that asks for them gets a clear [`BadConfiguration`](crate::ErrorKind::BadConfiguration)
//! ([`Algorithm::unavailable`]).

#[cfg(feature = "asymmetric")]
pub mod ecdsa;
#[cfg(feature = "asymmetric")]
pub mod eddsa;
#[cfg(feature = "asymmetric")]
pub mod es384;
#[cfg(feature = "asymmetric")]
pub mod es512;
pub mod hmac;
#[cfg(feature = "rsa")]
pub mod rsa;

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
    /// ECDSA on P-256 with SHA-256.
    Es256,
    /// ECDSA on secp256k1 with SHA-256 (RFC 8812).
    Es256k,
    /// ECDSA on P-384 with SHA-384.
    Es384,
    /// ECDSA on P-521 with SHA-512.
    Es512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256 (salt of 32 bytes).
    Ps256,
    /// RSASSA-PSS with SHA-384 (salt of 48 bytes).
    Ps384,
    /// RSASSA-PSS with SHA-512 (salt of 64 bytes).
    Ps512,
    /// Ed25519 under its registered name `EdDSA` (RFC 8037).
    EdDsa,
    /// Ed25519 under its fully-specified name `Ed25519` (RFC 9864).
    Ed25519,
}

/// An elliptic curve of the `ES*` algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1, prime256v1).
    P256,
    /// secp256k1.
    Secp256k1,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1).
    P521,
}

impl Curve {
    /// Every curve.
    pub const ALL: [Curve; 4] = [Curve::P256, Curve::Secp256k1, Curve::P384, Curve::P521];

    /// The JWK `crv` name.
    pub const fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::Secp256k1 => "secp256k1",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// Looks a JWK `crv` name up, case-sensitively.
    pub fn from_jwk_name(name: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.jwk_name() == name)
    }

    /// Bytes of a field element or scalar (a JWK coordinate, half a signature).
    pub const fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The one algorithm a key on this curve signs with.
    pub const fn algorithm(self) -> Algorithm {
        match self {
            Curve::P256 => Algorithm::Es256,
            Curve::Secp256k1 => Algorithm::Es256k,
            Curve::P384 => Algorithm::Es384,
            Curve::P521 => Algorithm::Es512,
        }
    }
}

impl fmt::Display for Curve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.jwk_name())
    }
}

/// The kind of key an algorithm needs: the key's type decides its algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// A shared secret (`HS*`).
    Hmac,
    /// An EC key on one curve (`ES*`).
    Ec(Curve),
    /// An RSA key (`RS*`, `PS*`).
    Rsa,
    /// An Ed25519 key (`EdDSA`, `Ed25519`).
    Ed25519,
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Family::Hmac => f.write_str("an HMAC secret"),
            Family::Ec(c) => write!(f, "an EC {c} key"),
            Family::Rsa => f.write_str("an RSA key"),
            Family::Ed25519 => f.write_str("an Ed25519 key"),
        }
    }
}

impl Algorithm {
    /// Every algorithm name this library knows.
    pub const ALL: [Algorithm; 15] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Es256,
        Algorithm::Es256k,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::EdDsa,
        Algorithm::Ed25519,
    ];

    /// The header name (`"HS256"`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es256k => "ES256K",
            Algorithm::Es384 => "ES384",
            Algorithm::Es512 => "ES512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// Looks a header name up, case-sensitively.
    ///
    /// ```
    /// use authx_wasm::Algorithm;
    /// assert_eq!(Algorithm::from_name("HS384"), Some(Algorithm::Hs384));
    /// assert_eq!(Algorithm::from_name("ES256K"), Some(Algorithm::Es256k));
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
            Algorithm::Es256 => Family::Ec(Curve::P256),
            Algorithm::Es256k => Family::Ec(Curve::Secp256k1),
            Algorithm::Es384 => Family::Ec(Curve::P384),
            Algorithm::Es512 => Family::Ec(Curve::P521),
            Algorithm::Rs256
            | Algorithm::Rs384
            | Algorithm::Rs512
            | Algorithm::Ps256
            | Algorithm::Ps384
            | Algorithm::Ps512 => Family::Rsa,
            Algorithm::EdDsa | Algorithm::Ed25519 => Family::Ed25519,
        }
    }

    /// Is this algorithm compiled into this build? (RSA needs the `rsa`
    /// feature, EC and Ed25519 the `asymmetric` one.)
    pub const fn is_available(self) -> bool {
        match self.family() {
            Family::Hmac => true,
            Family::Rsa => cfg!(feature = "rsa"),
            Family::Ec(_) | Family::Ed25519 => cfg!(feature = "asymmetric"),
        }
    }

    /// Is this the HMAC-only build (cargo feature `asymmetric` off: the
    /// `authx-wasm/hmac` entry)?
    pub const HMAC_ONLY: bool = !cfg!(feature = "asymmetric");

    /// The configuration error for an algorithm this build does not have, or
    /// `None` when it has it.
    ///
    /// ```
    /// use authx_wasm::Algorithm;
    /// assert!(Algorithm::Hs256.unavailable().is_none());
    /// ```
    pub fn unavailable(self) -> Option<crate::Error> {
        if self.is_available() {
            return None;
        }
        Some(if Algorithm::HMAC_ONLY {
            hmac_only(&format!("{self} and the other asymmetric algorithms"))
        } else {
            crate::Error::config(format!(
                "{self} is not in this build (it was built without the \"rsa\" feature)"
            ))
        })
    }

    /// Does a token whose header says `header_alg` match this algorithm?
    ///
    /// Exactly the name, except that an Ed25519 key answers to both of its
    /// names, `EdDSA` and `Ed25519`.
    ///
    /// ```
    /// use authx_wasm::Algorithm;
    /// assert!(Algorithm::EdDsa.accepts("Ed25519"));
    /// assert!(Algorithm::Ed25519.accepts("EdDSA"));
    /// assert!(!Algorithm::Es256.accepts("es256"));
    /// ```
    pub fn accepts(self, header_alg: &str) -> bool {
        match self.family() {
            Family::Ed25519 => header_alg == "EdDSA" || header_alg == "Ed25519",
            _ => header_alg == self.name(),
        }
    }

    /// The names of every algorithm of this build, for messages.
    pub fn names() -> String {
        Algorithm::ALL
            .into_iter()
            .filter(|a| a.is_available())
            .map(Algorithm::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The algorithms a key of `family` may be used with, for messages.
    pub fn names_for(family: Family) -> String {
        Algorithm::ALL
            .into_iter()
            .filter(|a| a.family() == family)
            .map(Algorithm::name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of the HMAC-only build for something only the full build has:
/// "this is the HMAC-only build (authx-wasm/hmac); use the main entry
/// (authx-wasm) for {what}".
pub fn hmac_only(what: &str) -> crate::Error {
    crate::Error::config(format!(
        "this is the HMAC-only build (authx-wasm/hmac), which signs and verifies HS256, HS384 and HS512 with options.secretKey; use the main entry (authx-wasm) for {what}"
    ))
}

/// A signature-length error, the same sentence for every family.
pub(crate) fn wrong_length(alg: Algorithm, got: usize, want: usize, note: &str) -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::InvalidSignature,
        format!("signature is {got} bytes; {alg} signatures are {want} bytes{note}"),
    )
}

/// A signature-mismatch error, the same sentence for every family.
pub(crate) fn mismatch(alg: Algorithm) -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::InvalidSignature,
        format!("{alg} signature does not match the token's header and payload"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_families() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        assert_eq!(Algorithm::Es512.family(), Family::Ec(Curve::P521));
        assert_eq!(Curve::P521.algorithm(), Algorithm::Es512);
        assert_eq!(Algorithm::names_for(Family::Hmac), "HS256, HS384, HS512");
        assert_eq!(Curve::from_jwk_name("secp256k1"), Some(Curve::Secp256k1));
        assert_eq!(Curve::from_jwk_name("p-256"), None);
        assert!(!Algorithm::Rs256.accepts("PS256"));
    }

    #[test]
    fn what_this_build_has() {
        for a in Algorithm::ALL {
            assert_eq!(a.unavailable().is_none(), a.is_available(), "{a}");
            let err = a.unavailable();
            if Algorithm::HMAC_ONLY && a.family() != Family::Hmac {
                let err = err.unwrap();
                assert_eq!(err.kind(), crate::ErrorKind::BadConfiguration);
                assert!(
                    err.message()
                        .starts_with("this is the HMAC-only build (authx-wasm/hmac)"),
                    "{err}"
                );
                assert!(err.message().contains(a.name()), "{err}");
                assert!(err.message().contains("use the main entry (authx-wasm)"));
            }
        }
        assert_eq!(Algorithm::HMAC_ONLY, !cfg!(feature = "asymmetric"));
        assert_eq!(
            Algorithm::Es256.is_available(),
            cfg!(feature = "asymmetric")
        );
        assert_eq!(Algorithm::Ps256.is_available(), cfg!(feature = "rsa"));
    }
}
