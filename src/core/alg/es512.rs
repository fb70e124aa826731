//! `ES512` (ECDSA on P-521 with SHA-512) as a `jwt-compact` [`Algorithm`],
//! which `jwt-compact` 0.8 does not have, on RustCrypto's `p521`.
//!
//! `p521` 0.13 has no RFC 6979 for P-521: the nonce is drawn from getrandom
//! for every signature (plain randomized ECDSA, as OpenSSL does). Note the
//! name: ES**512** is the hash; the curve is P-**521**, whose scalars are 66
//! bytes, so signatures are 132 bytes.

use jwt_compact::{Algorithm, AlgorithmSignature};
use p521::ecdsa::signature::{RandomizedSigner, Verifier};
use p521::ecdsa::{Signature, SigningKey, VerifyingKey};
use std::borrow::Cow;
use std::num::NonZeroUsize;

/// An `ES512` signature: the raw 132-byte `R || S` of RFC 7518 §3.4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Es512Signature(Vec<u8>);

impl AlgorithmSignature for Es512Signature {
    const LENGTH: Option<NonZeroUsize> = NonZeroUsize::new(132);

    /// Refuses a wrong length and `r` or `s` that is zero or not below the group order.
    fn try_from_slice(slice: &[u8]) -> anyhow::Result<Self> {
        Signature::from_slice(slice)
            .map(|sig| Es512Signature(sig.to_bytes().to_vec()))
            .map_err(|e| anyhow::anyhow!(e))
    }

    fn as_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
}

/// The `ES512` algorithm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Es512;

impl Algorithm for Es512 {
    type SigningKey = SigningKey;
    type VerifyingKey = VerifyingKey;
    type Signature = Es512Signature;

    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("ES512")
    }

    /// Callers check first that getrandom works (`OsRng` panics otherwise).
    fn sign(&self, signing_key: &SigningKey, message: &[u8]) -> Es512Signature {
        // A nonce that gives r = 0 or s = 0 (probability ~2^-520) is retried;
        // should every try fail, the all-zero signature (never valid) is
        // returned rather than a panic.
        for _ in 0..8 {
            if let Ok(sig) = signing_key.try_sign_with_rng(&mut rand_core::OsRng, message) {
                return Es512Signature(sig.to_bytes().to_vec());
            }
        }
        Es512Signature(vec![0; 132])
    }

    fn verify_signature(
        &self,
        signature: &Es512Signature,
        verifying_key: &VerifyingKey,
        message: &[u8],
    ) -> bool {
        match Signature::from_slice(&signature.0) {
            Ok(sig) => verifying_key.verify(message, &sig).is_ok(),
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_refuse() {
        let mut d = [7u8; 66];
        d[0] = 1;
        let sk = SigningKey::from_slice(&d).unwrap();
        let vk = VerifyingKey::from(&sk);
        let sig = Es512.sign(&sk, b"m");
        assert_eq!(sig.as_bytes().len(), 132);
        assert!(Es512.verify_signature(&sig, &vk, b"m"));
        assert!(!Es512.verify_signature(&sig, &vk, b"n"));
        assert!(Es512Signature::try_from_slice(&[0u8; 132]).is_err());
        assert_eq!(Es512.name(), "ES512");
    }
}
