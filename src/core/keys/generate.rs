//! New keys: `generateKeyPair` and `generateSecret`.
//!
//! All randomness comes from getrandom (`crypto.getRandomValues` in wasm),
//! and only when called: nothing is drawn at module start (Cloudflare Workers
//! forbid randomness at global scope).

#[cfg(feature = "asymmetric")]
use super::Key;
#[cfg(feature = "asymmetric")]
use crate::core::alg::ecdsa::EcKey;
#[cfg(feature = "asymmetric")]
use crate::core::alg::eddsa::EdKey;
use crate::core::alg::Algorithm;
#[cfg(feature = "asymmetric")]
use crate::core::alg::Family;
use crate::core::base64url;
use crate::core::error::{Error, Result};
use crate::core::random;
use zeroize::Zeroizing;

/// A new private key for `alg` (EC, Ed25519 or RSA), its `kid` the RFC 7638
/// thumbprint. `modulus_bits` is for RSA only: 2048 (default), 3072 or 4096.
///
/// ```
/// use authx_wasm::{keys::generate, Algorithm};
/// let key = generate::key_pair(Algorithm::Es256, None).unwrap();
/// assert!(key.can_sign());
/// assert_eq!(key.kid().unwrap().len(), 43);
/// assert!(generate::key_pair(Algorithm::Hs256, None).is_err());
/// ```
///
/// Not in the HMAC-only build.
#[cfg(feature = "asymmetric")]
pub fn key_pair(alg: Algorithm, modulus_bits: Option<usize>) -> Result<Key> {
    if modulus_bits.is_some() && alg.family() != Family::Rsa {
        return Err(Error::config(format!(
            "modulusLength is for RSA keys; {alg} keys have a fixed size"
        )));
    }
    let parts = match alg.family() {
        Family::Hmac => {
            return Err(Error::config(format!(
                "{alg} uses a shared secret, not a key pair: use generateSecret(\"{alg}\")"
            )))
        }
        Family::Ec(curve) => {
            let key = EcKey::generate(curve)?;
            Key::from_parts(alg, &ec_parts(&key), None)?
        }
        Family::Ed25519 => {
            let key = EdKey::generate()?;
            let parts = super::parts::KeyParts::Ed25519 {
                seed: key.seed(),
                x: Some(key.public_bytes()),
            };
            Key::from_parts(alg, &parts, None)?
        }
        Family::Rsa => rsa(alg, modulus_bits.unwrap_or(2048))?,
    };
    Ok(parts)
}

#[cfg(feature = "asymmetric")]
fn ec_parts(key: &EcKey) -> super::parts::KeyParts {
    super::parts::KeyParts::Ec {
        curve: key.curve(),
        d: key.private_scalar(),
        point: Some(key.public_point()),
    }
}

#[cfg(feature = "rsa")]
fn rsa(alg: Algorithm, bits: usize) -> Result<Key> {
    let key = crate::core::alg::rsa::RsaKey::generate(bits)?;
    let (n, e) = key.public_parts();
    let parts = super::parts::KeyParts::Rsa {
        n,
        e,
        private: key.private_parts(),
    };
    Key::from_parts(alg, &parts, None)
}

#[cfg(all(feature = "asymmetric", not(feature = "rsa")))]
fn rsa(alg: Algorithm, _: usize) -> Result<Key> {
    Err(Error::config(format!(
        "{alg} is not in this build (it was built without the \"rsa\" feature)"
    )))
}

/// A new random HMAC secret for `alg` as text: the base64url of as many random
/// bytes as the hash is long (RFC 7518 §3.2: 32, 48, 64), usable as the same
/// `JWT_SECRET_KEY` string in Python and here.
///
/// ```
/// use authx_wasm::{keys::generate, Algorithm};
/// assert_eq!(generate::secret(Algorithm::Hs256).unwrap().len(), 43);
/// assert_eq!(generate::secret(Algorithm::Hs512).unwrap().len(), 86);
/// assert!(generate::secret(Algorithm::Es256).is_err());
/// ```
pub fn secret(alg: Algorithm) -> Result<String> {
    let len = match alg {
        Algorithm::Hs256 => 32,
        Algorithm::Hs384 => 48,
        Algorithm::Hs512 => 64,
        other if Algorithm::HMAC_ONLY => {
            return Err(crate::core::alg::hmac_only(&format!(
                "{other} key pairs (generateKeyPair)"
            )))
        }
        other => {
            return Err(Error::config(format!(
                "{other} uses a key pair, not a shared secret: use generateKeyPair(\"{other}\")"
            )))
        }
    };
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    random::fill(&mut bytes)?;
    Ok(base64url::encode(&bytes))
}

#[cfg(all(test, feature = "asymmetric"))]
mod tests {
    use super::*;

    #[test]
    fn every_asymmetric_algorithm_generates_and_signs() {
        for alg in Algorithm::ALL {
            if alg.family() == Family::Hmac || !alg.is_available() {
                continue;
            }
            if alg.family() == Family::Rsa && alg != Algorithm::Ps256 {
                continue; // RSA generation is slow; one is enough here.
            }
            let key = key_pair(alg, None).unwrap();
            assert_eq!(key.algorithm(), alg);
            let sig = key.sign(b"m").unwrap();
            assert!(key.public_key().verify(b"m", &sig).is_ok(), "{alg}");
        }
        assert!(key_pair(Algorithm::Es256, Some(2048)).is_err());
        assert_ne!(
            secret(Algorithm::Hs384).unwrap(),
            secret(Algorithm::Hs384).unwrap()
        );
    }
}
