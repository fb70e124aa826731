//! RS256 / RS384 / RS512 (RSASSA-PKCS1-v1_5) and PS256 / PS384 / PS512
//! (RSASSA-PSS, salt as long as the hash), RFC 7518 §3.3 and §3.5, via
//! `jwt-compact`'s `Rsa` on RustCrypto's `rsa`. Only with the `rsa` feature.
//!
//! Keys under 2048 bits are refused when they are imported (RFC 7518 §3.3
//! requires 2048), so a weak key never reaches signing, where `jwt-compact`
//! would panic on a modulus too small for the padding. Keys over 8192 bits
//! are refused too (bounded work). A signature must be exactly as long as
//! the modulus.
//!
//! Known limit: the `rsa` crate's private-key operation is not constant-time
//! (RUSTSEC-2023-0071, "Marvin"); signing where an attacker can time many
//! signatures precisely is best left to the backend. Verifying is not affected.

use super::{mismatch, wrong_length, Algorithm};
use crate::core::error::{Error, Result};
pub use crate::core::keys::parts::RsaPrivateParts;
use crate::core::random;
use jwt_compact::alg::{Rsa, RsaPrivateKey, RsaPublicKey, RsaSignature};
use jwt_compact::{Algorithm as _, AlgorithmSignature};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::BigUint;
use zeroize::Zeroizing;

/// The smallest modulus accepted, in bits.
pub const MIN_BITS: usize = 2048;
/// The largest modulus accepted, in bits.
pub const MAX_BITS: usize = 8192;

/// An RSA private key, or only a public key.
#[derive(Clone)]
pub struct RsaKey {
    private: Option<RsaPrivateKey>,
    public: RsaPublicKey,
}

impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.can_sign() { "private" } else { "public" };
        write!(f, "RsaKey({} bits, {kind})", self.bits())
    }
}

fn bad_key(what: impl std::fmt::Display) -> Error {
    Error::config(format!("the RSA key is invalid: {what}"))
}

fn uint(bytes: &[u8]) -> BigUint {
    BigUint::from_bytes_be(bytes)
}

fn jwt_alg(alg: Algorithm) -> Result<Rsa> {
    Ok(match alg {
        Algorithm::Rs256 => Rsa::rs256(),
        Algorithm::Rs384 => Rsa::rs384(),
        Algorithm::Rs512 => Rsa::rs512(),
        Algorithm::Ps256 => Rsa::ps256(),
        Algorithm::Ps384 => Rsa::ps384(),
        Algorithm::Ps512 => Rsa::ps512(),
        other => return Err(Error::config(format!("{other} is not an RSA algorithm"))),
    })
}

impl RsaKey {
    /// Builds a key from the modulus `n`, the public exponent `e` and, for a
    /// private key, its private parts. The modulus must be 2048 to 8192 bits.
    pub fn from_parts(n: &[u8], e: &[u8], private: Option<&RsaPrivateParts>) -> Result<RsaKey> {
        let (n, e) = (uint(n), uint(e));
        let bits = n.bits();
        if bits < MIN_BITS {
            return Err(Error::config(format!(
                "the RSA key is {bits} bits; at least {MIN_BITS} are required (RFC 7518 §3.3)"
            )));
        }
        if bits > MAX_BITS {
            return Err(Error::config(format!(
                "the RSA key is {bits} bits; at most {MAX_BITS} are accepted"
            )));
        }
        let public =
            RsaPublicKey::new_with_max_size(n.clone(), e.clone(), MAX_BITS).map_err(bad_key)?;
        let private = match private {
            Some(parts) => {
                let primes = match (&parts.p, &parts.q) {
                    (Some(p), Some(q)) => vec![uint(p), uint(q)],
                    (None, None) => Vec::new(),
                    _ => return Err(bad_key("it has only one of the primes p and q")),
                };
                let d = uint(&parts.d);
                let one = BigUint::from(1u8);
                if d <= one || d >= n || primes.iter().any(|p| *p <= one || *p >= n) {
                    // Out-of-range values would make the prime recovery underflow (a panic).
                    return Err(bad_key("d, p or q is out of range (1 < value < n)"));
                }
                let key = RsaPrivateKey::from_components(n, e, d, primes)
                    .map_err(|e| bad_key(format!("{e} (n, e, d, p and q do not fit together)")))?;
                Some(key)
            }
            None => None,
        };
        Ok(RsaKey { private, public })
    }

    /// A new random private key of `bits` (2048, 3072 or 4096), from getrandom.
    pub fn generate(bits: usize) -> Result<RsaKey> {
        if !matches!(bits, 2048 | 3072 | 4096) {
            return Err(Error::config(format!(
                "modulusLength must be 2048, 3072 or 4096, not {bits}"
            )));
        }
        random::fill(&mut [0u8; 1])?;
        let private = RsaPrivateKey::new(&mut rand_core::OsRng, bits)
            .map_err(|e| Error::config(format!("RSA key generation failed: {e}")))?;
        let public = private.to_public_key();
        Ok(RsaKey {
            private: Some(private),
            public,
        })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.public.n().bits()
    }

    /// Does this key hold the private parts?
    pub fn can_sign(&self) -> bool {
        self.private.is_some()
    }

    /// The public half only.
    pub fn public_only(&self) -> RsaKey {
        RsaKey {
            private: None,
            public: self.public.clone(),
        }
    }

    /// `n` and `e`, big-endian without leading zeros.
    pub fn public_parts(&self) -> (Vec<u8>, Vec<u8>) {
        (self.public.n().to_bytes_be(), self.public.e().to_bytes_be())
    }

    /// The private parts, with the CRT values, when this is a private key.
    pub fn private_parts(&self) -> Option<RsaPrivateParts> {
        let k = self.private.as_ref()?;
        let primes = k.primes();
        let (p, q) = (primes.first()?, primes.get(1)?);
        let one = BigUint::from(1u8);
        let dp = k.d() % (p - &one);
        let dq = k.d() % (q - &one);
        let qi = k.crt_coefficient()?;
        let z = |v: &BigUint| Zeroizing::new(v.to_bytes_be());
        Some(RsaPrivateParts {
            d: z(k.d()),
            p: Some(z(p)),
            q: Some(z(q)),
            crt: Some([z(&dp), z(&dq), z(&qi)]),
        })
    }

    /// Signs `message` with `alg` (one of the RSA algorithms).
    pub fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>> {
        let key = self.private.as_ref().ok_or_else(|| {
            Error::config("this instance holds only a verification key and cannot create tokens")
        })?;
        let rsa = jwt_alg(alg)?;
        // Padding and blinding draw from getrandom; jwt-compact panics if that
        // fails, so check for a random source first. (The size was checked at import.)
        random::fill(&mut [0u8; 1])?;
        Ok(rsa.sign(key, message).as_bytes().into_owned())
    }

    /// Checks `signature` over `message` for `alg`.
    pub fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> Result<()> {
        let rsa = jwt_alg(alg)?;
        let size = self.public.size();
        if signature.len() != size {
            let note = format!(" with this {}-bit key", self.bits());
            return Err(wrong_length(alg, signature.len(), size, &note));
        }
        let sig = RsaSignature::try_from_slice(signature).map_err(|_| mismatch(alg))?;
        if rsa.verify_signature(&sig, &self.public, message) {
            Ok(())
        } else {
            Err(mismatch(alg))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::base64url;
    use crate::core::error::ErrorKind;

    fn b(s: &str) -> Vec<u8> {
        base64url::decode(s).unwrap()
    }

    /// The RFC 7515 Appendix A.2 vector from the fixture: (n, e, signing input, signature).
    fn a2() -> (Vec<u8>, Vec<u8>, String, Vec<u8>) {
        let all: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/jwt-public.json")).unwrap();
        let v = all
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == "rfc7515-a2-rs256")
            .unwrap();
        let token = v["token"].as_str().unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        (
            b(v["key"]["n"].as_str().unwrap()),
            b(v["key"]["e"].as_str().unwrap()),
            input.to_owned(),
            b(sig),
        )
    }

    #[test]
    fn rfc7515_a2_signature_verifies() {
        let (n, e, input, sig) = a2();
        let key = RsaKey::from_parts(&n, &e, None).unwrap();
        assert_eq!(key.bits(), 2048);
        assert!(key.verify(Algorithm::Rs256, input.as_bytes(), &sig).is_ok());
        let err = key
            .verify(Algorithm::Ps256, input.as_bytes(), &sig)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        let err = key
            .verify(Algorithm::Rs256, input.as_bytes(), &sig[1..])
            .unwrap_err();
        assert_eq!(
            err.message(),
            "signature is 255 bytes; RS256 signatures are 256 bytes with this 2048-bit key"
        );
        assert!(key.sign(Algorithm::Rs256, b"x").is_err());
    }

    #[test]
    fn weak_and_huge_keys_are_refused() {
        let (n, e, _, _) = a2();
        // 1024 bits: the lower half of the A.2 modulus, made odd.
        let mut short = n[128..].to_vec();
        short[0] |= 0x80;
        let err = RsaKey::from_parts(&short, &e, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadConfiguration);
        assert_eq!(
            err.message(),
            "the RSA key is 1024 bits; at least 2048 are required (RFC 7518 §3.3)"
        );
        let huge = vec![0xffu8; 1025];
        assert!(RsaKey::from_parts(&huge, &e, None)
            .unwrap_err()
            .message()
            .contains("at most 8192"));
        assert!(RsaKey::generate(1024).is_err());
    }

    #[test]
    fn out_of_range_private_parts_are_errors_not_panics() {
        let (n, e, _, _) = a2();
        for d in [vec![0u8], vec![1], n.clone(), vec![0xff; 300]] {
            let parts = RsaPrivateParts {
                d: Zeroizing::new(d),
                ..RsaPrivateParts::default()
            };
            let err = RsaKey::from_parts(&n, &e, Some(&parts)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadConfiguration);
        }
        // A d in range that fits no primes: an error from the recovery, not a panic.
        let parts = RsaPrivateParts {
            d: Zeroizing::new(vec![3]),
            ..RsaPrivateParts::default()
        };
        assert!(RsaKey::from_parts(&n, &e, Some(&parts)).is_err());
        let parts = RsaPrivateParts {
            d: Zeroizing::new(vec![3]),
            p: Some(Zeroizing::new(vec![0])),
            q: Some(Zeroizing::new(vec![7])),
            crt: None,
        };
        assert!(RsaKey::from_parts(&n, &e, Some(&parts)).is_err());
    }
}
