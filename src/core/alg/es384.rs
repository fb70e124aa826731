//! `ES384` (ECDSA on P-384 with SHA-384) as a `jwt-compact` [`Algorithm`],
//! which `jwt-compact` 0.8 does not have, on RustCrypto's `p384`.
//!
//! Signing is deterministic (RFC 6979), so it needs no randomness.

use jwt_compact::{Algorithm, AlgorithmSignature};
use p384::ecdsa::signature::{Signer, Verifier};
use p384::ecdsa::{Signature, SigningKey, VerifyingKey};
use std::borrow::Cow;
use std::num::NonZeroUsize;

/// An `ES384` signature: the raw 96-byte `R || S` of RFC 7518 §3.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Es384Signature(pub Signature);

impl AlgorithmSignature for Es384Signature {
    const LENGTH: Option<NonZeroUsize> = NonZeroUsize::new(96);

    /// Refuses a wrong length and `r` or `s` that is zero or not below the group order.
    fn try_from_slice(slice: &[u8]) -> anyhow::Result<Self> {
        Signature::from_slice(slice)
            .map(Es384Signature)
            .map_err(|e| anyhow::anyhow!(e))
    }

    fn as_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Owned(self.0.to_bytes().to_vec())
    }
}

/// The `ES384` algorithm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Es384;

impl Algorithm for Es384 {
    type SigningKey = SigningKey;
    type VerifyingKey = VerifyingKey;
    type Signature = Es384Signature;

    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("ES384")
    }

    fn sign(&self, signing_key: &SigningKey, message: &[u8]) -> Es384Signature {
        Es384Signature(signing_key.sign(message))
    }

    fn verify_signature(
        &self,
        signature: &Es384Signature,
        verifying_key: &VerifyingKey,
        message: &[u8],
    ) -> bool {
        verifying_key.verify(message, &signature.0).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_refuse() {
        let sk = SigningKey::from_slice(&[7u8; 48]).unwrap();
        let vk = *sk.verifying_key();
        let sig = Es384.sign(&sk, b"m");
        assert_eq!(sig.as_bytes().len(), 96);
        assert!(Es384.verify_signature(&sig, &vk, b"m"));
        assert!(!Es384.verify_signature(&sig, &vk, b"n"));
        assert!(Es384Signature::try_from_slice(&[0u8; 96]).is_err());
        assert!(Es384Signature::try_from_slice(&[1u8; 95]).is_err());
        assert_eq!(Es384.name(), "ES384");
    }
}
