//! ES256 / ES256K / ES384 / ES512: ECDSA (RFC 7518 §3.4, RFC 8812 §3.2).
//!
//! ES256 and ES256K use `jwt-compact`'s algorithms (`p256`, `k256`); ES384 and
//! ES512 use this crate's implementations of its `Algorithm` trait
//! ([`super::es384`], [`super::es512`]). The curve of the key fixes the
//! algorithm: a P-256 key never verifies an ES384 token.
//!
//! A signature must be the raw `R || S` of exactly twice the curve's scalar
//! size. A DER-encoded signature (what OpenSSL's low-level API emits) is
//! refused, as is `r = 0` or `s = 0` (the "psychic signatures" bug class) or a
//! value not below the group order. ES256K accepts a high-S signature (OpenSSL
//! and PyJWT make them) by normalizing it, as `jwt-compact` does; signing
//! always makes low-S. Signing is deterministic (RFC 6979), except ES512,
//! whose nonce is random (see [`super::es512`]).

use super::es384::Es384;
use super::es512::Es512;
use super::{mismatch, wrong_length, Curve};
use crate::core::error::{Error, ErrorKind, Result};
use jwt_compact::alg::{Es256, Es256k};
use jwt_compact::{Algorithm as _, AlgorithmSignature};
use zeroize::Zeroizing;

/// A signing key, or only a verifying key, on one curve.
#[derive(Clone)]
pub enum EcKey {
    /// P-256 (ES256).
    P256(Option<p256::ecdsa::SigningKey>, p256::ecdsa::VerifyingKey),
    /// secp256k1 (ES256K).
    K256(Option<k256::ecdsa::SigningKey>, k256::ecdsa::VerifyingKey),
    /// P-384 (ES384).
    P384(Option<p384::ecdsa::SigningKey>, p384::ecdsa::VerifyingKey),
    /// P-521 (ES512).
    P521(Option<p521::ecdsa::SigningKey>, p521::ecdsa::VerifyingKey),
}

impl std::fmt::Debug for EcKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the private scalar.
        let kind = if self.can_sign() { "private" } else { "public" };
        write!(f, "EcKey({}, {kind})", self.curve())
    }
}

fn bad_key(curve: Curve, what: &str) -> Error {
    Error::config(format!("the EC {curve} key is invalid: {what}"))
}

/// The private scalar, left-padded to the curve's size (some encoders drop leading zeros).
fn scalar_bytes(curve: Curve, d: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let n = curve.field_len();
    if d.is_empty() || d.len() > n {
        return Err(bad_key(
            curve,
            &format!(
                "the private scalar is {} bytes, not {n} (d must be the full size)",
                d.len()
            ),
        ));
    }
    let mut out = Zeroizing::new(vec![0u8; n]);
    out[n - d.len()..].copy_from_slice(d);
    Ok(out)
}

macro_rules! from_parts {
    ($curve:expr, $variant:ident, $m:ident, $d:expr, $point:expr) => {{
        let sk = match $d {
            Some(d) => Some(
                $m::ecdsa::SigningKey::from_slice(&scalar_bytes($curve, d)?).map_err(|_| {
                    bad_key(
                        $curve,
                        "the private scalar is zero or not below the group order",
                    )
                })?,
            ),
            None => None,
        };
        let vk = match (&sk, $point) {
            (_, Some(point)) => $m::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| {
                bad_key(
                    $curve,
                    "the public point is not on the curve (or not a SEC1 point)",
                )
            })?,
            (Some(sk), None) => $m::ecdsa::VerifyingKey::from(sk),
            (None, None) => {
                return Err(bad_key(
                    $curve,
                    "it has neither a private scalar nor a public point",
                ))
            }
        };
        if let Some(sk) = &sk {
            if $m::ecdsa::VerifyingKey::from(sk).to_encoded_point(false)
                != vk.to_encoded_point(false)
            {
                return Err(bad_key(
                    $curve,
                    "the public point is not the one of the private scalar (x / y do not match d)",
                ));
            }
        }
        EcKey::$variant(sk, vk)
    }};
}

impl EcKey {
    /// Builds a key from its parts: the private scalar `d` (big-endian) and / or
    /// the public point (SEC1, compressed or not). With both, they must match.
    pub fn from_parts(curve: Curve, d: Option<&[u8]>, point: Option<&[u8]>) -> Result<EcKey> {
        Ok(match curve {
            Curve::P256 => from_parts!(curve, P256, p256, d, point),
            Curve::Secp256k1 => from_parts!(curve, K256, k256, d, point),
            Curve::P384 => from_parts!(curve, P384, p384, d, point),
            Curve::P521 => from_parts!(curve, P521, p521, d, point),
        })
    }

    /// A new random private key on `curve` (randomness from getrandom).
    pub fn generate(curve: Curve) -> Result<EcKey> {
        // OsRng is getrandom (crypto.getRandomValues in wasm); check it works
        // first, so a missing source is an error rather than a panic.
        crate::core::random::fill(&mut [0u8; 1])?;
        let rng = &mut rand_core::OsRng;
        Ok(match curve {
            Curve::P256 => {
                let sk = p256::ecdsa::SigningKey::random(rng);
                EcKey::P256(Some(sk.clone()), *sk.verifying_key())
            }
            Curve::Secp256k1 => {
                let sk = k256::ecdsa::SigningKey::random(rng);
                EcKey::K256(Some(sk.clone()), *sk.verifying_key())
            }
            Curve::P384 => {
                let sk = p384::ecdsa::SigningKey::random(rng);
                EcKey::P384(Some(sk.clone()), *sk.verifying_key())
            }
            Curve::P521 => {
                let sk = p521::ecdsa::SigningKey::random(rng);
                let vk = p521::ecdsa::VerifyingKey::from(&sk);
                EcKey::P521(Some(sk), vk)
            }
        })
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        match self {
            EcKey::P256(..) => Curve::P256,
            EcKey::K256(..) => Curve::Secp256k1,
            EcKey::P384(..) => Curve::P384,
            EcKey::P521(..) => Curve::P521,
        }
    }

    /// Does this key hold the private scalar?
    pub fn can_sign(&self) -> bool {
        match self {
            EcKey::P256(sk, _) => sk.is_some(),
            EcKey::K256(sk, _) => sk.is_some(),
            EcKey::P384(sk, _) => sk.is_some(),
            EcKey::P521(sk, _) => sk.is_some(),
        }
    }

    /// The verifying half only.
    pub fn public_only(&self) -> EcKey {
        match self {
            EcKey::P256(_, vk) => EcKey::P256(None, *vk),
            EcKey::K256(_, vk) => EcKey::K256(None, *vk),
            EcKey::P384(_, vk) => EcKey::P384(None, *vk),
            EcKey::P521(_, vk) => EcKey::P521(None, vk.clone()),
        }
    }

    /// The public point, uncompressed SEC1 (`04 || x || y`).
    pub fn public_point(&self) -> Vec<u8> {
        match self {
            EcKey::P256(_, vk) => vk.to_encoded_point(false).as_bytes().to_vec(),
            EcKey::K256(_, vk) => vk.to_encoded_point(false).as_bytes().to_vec(),
            EcKey::P384(_, vk) => vk.to_encoded_point(false).as_bytes().to_vec(),
            EcKey::P521(_, vk) => vk.to_encoded_point(false).as_bytes().to_vec(),
        }
    }

    /// The private scalar, big-endian and full size, when this key has it.
    pub fn private_scalar(&self) -> Option<Zeroizing<Vec<u8>>> {
        let bytes = match self {
            EcKey::P256(sk, _) => sk.as_ref().map(|k| k.to_bytes().to_vec()),
            EcKey::K256(sk, _) => sk.as_ref().map(|k| k.to_bytes().to_vec()),
            EcKey::P384(sk, _) => sk.as_ref().map(|k| k.to_bytes().to_vec()),
            EcKey::P521(sk, _) => sk.as_ref().map(|k| k.to_bytes().to_vec()),
        };
        bytes.map(Zeroizing::new)
    }

    /// Signs `message`: raw `R || S`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        if matches!(self, EcKey::P521(..)) {
            // ES512 draws its nonce from getrandom (OsRng panics without a source).
            crate::core::random::fill(&mut [0u8; 1])?;
        }
        let none = || {
            Error::config("this instance holds only a verification key and cannot create tokens")
        };
        Ok(match self {
            EcKey::P256(sk, _) => Es256
                .sign(sk.as_ref().ok_or_else(none)?, message)
                .as_bytes()
                .into_owned(),
            EcKey::K256(sk, _) => Es256k::<sha2::Sha256>::default()
                .sign(sk.as_ref().ok_or_else(none)?, message)
                .as_bytes()
                .into_owned(),
            EcKey::P384(sk, _) => Es384
                .sign(sk.as_ref().ok_or_else(none)?, message)
                .as_bytes()
                .into_owned(),
            EcKey::P521(sk, _) => Es512
                .sign(sk.as_ref().ok_or_else(none)?, message)
                .as_bytes()
                .into_owned(),
        })
    }

    /// Checks a raw `R || S` signature over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let curve = self.curve();
        let alg = curve.algorithm();
        let n = curve.field_len();
        if signature.len() != 2 * n {
            let note = if signature.first() == Some(&0x30) {
                " (raw R || S, RFC 7518 §3.4); this looks DER-encoded, which JWS does not use"
            } else {
                " (raw R || S, RFC 7518 §3.4)"
            };
            return Err(wrong_length(alg, signature.len(), 2 * n, note));
        }
        let (r, s) = signature.split_at(n);
        if r.iter().all(|&b| b == 0) || s.iter().all(|&b| b == 0) {
            return Err(Error::new(
                ErrorKind::InvalidSignature,
                format!("{alg} signature has r = 0 or s = 0, which is never valid"),
            ));
        }
        let ok = match self {
            EcKey::P256(_, vk) => check(&Es256, vk, message, signature),
            EcKey::K256(_, vk) => check(&Es256k::<sha2::Sha256>::default(), vk, message, signature),
            EcKey::P384(_, vk) => check(&Es384, vk, message, signature),
            EcKey::P521(_, vk) => check(&Es512, vk, message, signature),
        };
        match ok {
            Some(true) => Ok(()),
            Some(false) => Err(mismatch(alg)),
            None => Err(Error::new(
                ErrorKind::InvalidSignature,
                format!("{alg} signature has r or s not below the group order"),
            )),
        }
    }
}

/// `None` when the bytes are no signature at all (r or s out of range).
fn check<A: jwt_compact::Algorithm>(
    alg: &A,
    key: &A::VerifyingKey,
    message: &[u8],
    signature: &[u8],
) -> Option<bool> {
    let sig = A::Signature::try_from_slice(signature).ok()?;
    Some(alg.verify_signature(&sig, key, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::base64url;

    fn rfc7515_a3() -> EcKey {
        // RFC 7515 Appendix A.3 key.
        let x = base64url::decode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU").unwrap();
        let y = base64url::decode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0").unwrap();
        let d = base64url::decode("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI").unwrap();
        let point = [&[4u8][..], &x, &y].concat();
        EcKey::from_parts(Curve::P256, Some(&d), Some(&point)).unwrap()
    }

    #[test]
    fn rfc7515_a3_signature_verifies() {
        let key = rfc7515_a3().public_only();
        let input = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        let sig = base64url::decode("DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q").unwrap();
        assert!(key.verify(input.as_bytes(), &sig).is_ok());
        assert!(!key.can_sign());
        assert!(key.sign(b"x").is_err());
    }

    #[test]
    fn every_curve_signs_and_verifies_with_the_right_length() {
        for curve in Curve::ALL {
            let key = EcKey::generate(curve).unwrap();
            let sig = key.sign(b"msg").unwrap();
            assert_eq!(sig.len(), 2 * curve.field_len(), "{curve}");
            let public = key.public_only();
            assert!(public.verify(b"msg", &sig).is_ok(), "{curve}");
            assert_eq!(
                public.verify(b"other", &sig).unwrap_err().kind(),
                ErrorKind::InvalidSignature
            );
            // Round trip through the parts.
            let again = EcKey::from_parts(
                curve,
                key.private_scalar().as_deref().map(Vec::as_slice),
                Some(&key.public_point()),
            )
            .unwrap();
            assert_eq!(again.public_point(), key.public_point());
        }
    }

    #[test]
    fn der_zero_and_out_of_range_signatures_are_refused() {
        let key = rfc7515_a3();
        let raw = key.sign(b"m").unwrap();
        // A DER SEQUENCE of two INTEGERs, as OpenSSL's ECDSA_do_sign emits.
        let mut der = vec![0x30, 0x44, 0x02, 0x20];
        der.extend_from_slice(&raw[..32]);
        der.extend_from_slice(&[0x02, 0x20]);
        der.extend_from_slice(&raw[32..]);
        let err = key.verify(b"m", &der).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert!(err.message().contains("DER"), "{err}");
        let err = key.verify(b"m", &[0u8; 64]).unwrap_err();
        assert!(err.message().contains("r = 0 or s = 0"), "{err}");
        let mut zero_s = raw.clone();
        zero_s[32..].fill(0);
        assert!(key.verify(b"m", &zero_s).is_err());
        let err = key.verify(b"m", &[0xffu8; 64]).unwrap_err();
        assert!(err.message().contains("group order"), "{err}");
    }

    #[test]
    fn mismatched_or_invalid_parts_are_refused() {
        let a = EcKey::generate(Curve::P256).unwrap();
        let b = EcKey::generate(Curve::P256).unwrap();
        let err = EcKey::from_parts(
            Curve::P256,
            a.private_scalar().as_deref().map(Vec::as_slice),
            Some(&b.public_point()),
        )
        .unwrap_err();
        assert!(err.message().contains("do not match"), "{err}");
        assert!(EcKey::from_parts(Curve::P256, Some(&[0u8; 32]), None).is_err());
        assert!(EcKey::from_parts(Curve::P256, Some(&[1u8; 33]), None).is_err());
        assert!(EcKey::from_parts(Curve::P256, None, Some(&[4u8; 65])).is_err());
        assert!(EcKey::from_parts(Curve::P384, None, None).is_err());
        assert!(format!("{a:?}").contains("private"));
    }

    #[test]
    fn es256k_accepts_high_s() {
        let key = EcKey::generate(Curve::Secp256k1).unwrap();
        let sig = key.sign(b"m").unwrap();
        let low = k256::ecdsa::Signature::from_slice(&sig).unwrap();
        let high = k256::ecdsa::Signature::from_scalars(low.r(), -*low.s()).unwrap();
        assert!(key.verify(b"m", &high.to_bytes()).is_ok());
    }
}
