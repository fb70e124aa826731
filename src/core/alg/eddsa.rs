//! EdDSA with Ed25519 (RFC 8037), via `jwt-compact`'s `Ed25519` on
//! `ed25519-compact`.
//!
//! A key answers to both header names, `EdDSA` (RFC 8037) and `Ed25519`
//! (RFC 9864); new tokens use the configured one. Signatures are exactly 64
//! bytes; the library refuses non-canonical `S` and small-order public keys.
//! `jwt-compact` signs with added noise (hedged signatures), so a signature is
//! valid but not byte-identical to the deterministic one of RFC 8032.

use super::{mismatch, wrong_length, Algorithm};
use crate::core::error::{Error, Result};
use crate::core::random;
use ed25519_compact::{KeyPair, PublicKey, SecretKey, Seed, Signature};
use jwt_compact::alg::Ed25519;
use jwt_compact::{Algorithm as _, AlgorithmSignature};
use zeroize::Zeroizing;

/// An Ed25519 private key, or only a public key.
#[derive(Clone)]
pub struct EdKey {
    secret: Option<SecretKey>,
    public: PublicKey,
}

impl std::fmt::Debug for EdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.can_sign() { "private" } else { "public" };
        write!(f, "EdKey(Ed25519, {kind})")
    }
}

fn bad_key(what: &str) -> Error {
    Error::config(format!("the Ed25519 key is invalid: {what}"))
}

impl EdKey {
    /// Builds a key from the 32-byte private seed (`d`) and / or the 32-byte
    /// public key (`x`). With both, `x` must be the seed's public key.
    pub fn from_parts(seed: Option<&[u8]>, x: Option<&[u8]>) -> Result<EdKey> {
        let secret = match seed {
            Some(seed) if seed.iter().all(|&b| b == 0) => {
                // ed25519-compact panics on it; no real key is all zeros.
                return Err(bad_key("the private key is all zeros"));
            }
            Some(seed) => {
                let seed = Seed::from_slice(seed).map_err(|_| {
                    bad_key(&format!("the private key is {} bytes, not 32", seed.len()))
                })?;
                Some(KeyPair::from_seed(seed).sk)
            }
            None => None,
        };
        let public = match (&secret, x) {
            (_, Some(x)) => PublicKey::from_slice(x)
                .map_err(|_| bad_key(&format!("the public key is {} bytes, not 32", x.len())))?,
            (Some(sk), None) => sk.public_key(),
            (None, None) => return Err(bad_key("it has neither d nor x")),
        };
        if let Some(sk) = &secret {
            if sk.validate_public_key(&public).is_err() {
                return Err(bad_key(
                    "the public key x is not the one of the private key d",
                ));
            }
        }
        Ok(EdKey { secret, public })
    }

    /// A new random key pair (randomness from getrandom).
    pub fn generate() -> Result<EdKey> {
        let mut seed = Zeroizing::new([0u8; 32]);
        random::fill(seed.as_mut())?;
        EdKey::from_parts(Some(seed.as_ref()), None)
    }

    /// Does this key hold the private seed?
    pub fn can_sign(&self) -> bool {
        self.secret.is_some()
    }

    /// The public half only.
    pub fn public_only(&self) -> EdKey {
        EdKey {
            secret: None,
            public: self.public,
        }
    }

    /// The 32-byte public key (JWK `x`).
    pub fn public_bytes(&self) -> Vec<u8> {
        self.public.as_ref().to_vec()
    }

    /// The 32-byte private seed (JWK `d`), when this key has it.
    pub fn seed(&self) -> Option<Zeroizing<Vec<u8>>> {
        self.secret
            .as_ref()
            .map(|sk| Zeroizing::new(sk.seed().as_ref().to_vec()))
    }

    /// Signs `message` (64 bytes).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        let sk = self.secret.as_ref().ok_or_else(|| {
            Error::config("this instance holds only a verification key and cannot create tokens")
        })?;
        // The hedged signature draws noise from getrandom and would panic without
        // a random source: check for one first.
        random::fill(&mut [0u8; 1])?;
        Ok(Ed25519.sign(sk, message).as_bytes().into_owned())
    }

    /// Checks a 64-byte signature over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8], alg: Algorithm) -> Result<()> {
        if signature.len() != Signature::BYTES {
            return Err(wrong_length(alg, signature.len(), Signature::BYTES, ""));
        }
        let sig = Signature::from_slice(signature).map_err(|_| mismatch(alg))?;
        if Ed25519.verify_signature(&sig, &self.public, message) {
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

    #[test]
    fn rfc8037_a4_signature_verifies() {
        // RFC 8037 Appendix A.1 key, A.4 signature over "Example of Ed25519 signing".
        let d = base64url::decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").unwrap();
        let x = base64url::decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let key = EdKey::from_parts(Some(&d), Some(&x)).unwrap();
        assert_eq!(EdKey::from_parts(Some(&d), None).unwrap().public_bytes(), x);
        let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        let sig = base64url::decode("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg").unwrap();
        let public = key.public_only();
        assert!(public.verify(input, &sig, Algorithm::EdDsa).is_ok());
        let mut bad = sig.clone();
        bad[5] ^= 1;
        assert_eq!(
            public
                .verify(input, &bad, Algorithm::EdDsa)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidSignature
        );
        let err = public
            .verify(input, &sig[..63], Algorithm::EdDsa)
            .unwrap_err();
        assert_eq!(
            err.message(),
            "signature is 63 bytes; EdDSA signatures are 64 bytes"
        );
        // Our own (hedged) signature verifies too.
        let ours = key.sign(input).unwrap();
        assert!(public.verify(input, &ours, Algorithm::Ed25519).is_ok());
        assert!(public.sign(input).is_err());
    }

    #[test]
    fn mismatched_and_short_parts_are_refused() {
        let a = EdKey::generate().unwrap();
        let b = EdKey::generate().unwrap();
        let err = EdKey::from_parts(
            a.seed().as_deref().map(Vec::as_slice),
            Some(&b.public_bytes()),
        )
        .unwrap_err();
        assert!(err.message().contains("not the one"), "{err}");
        assert!(EdKey::from_parts(Some(&[1u8; 31]), None).is_err());
        assert!(EdKey::from_parts(Some(&[0u8; 32]), None).is_err());
        assert!(EdKey::from_parts(None, Some(&[1u8; 33])).is_err());
        assert!(EdKey::from_parts(None, None).is_err());
        assert_eq!(format!("{a:?}"), "EdKey(Ed25519, private)");
    }
}
