//! HS256 / HS384 / HS512: HMAC with SHA-2 (RFC 7518 §3.2), via `jwt-compact`.
//!
//! Secrets of any non-empty length are accepted: AuthX users and the jwt.io
//! examples use short ones, and refusing them would break interop. (RFC 7518
//! asks for at least the hash size; key generation elsewhere follows that.)
//! Signatures are compared in constant time by `jwt-compact`.
//!
//! Algorithm confusion is refused at import: a secret whose text is a PEM
//! block, an OpenSSH key line or a JWK is a key of another family, never an
//! HMAC secret (an `HS256` verifier given an RSA public key's PEM as its secret
//! would accept tokens anyone can MAC with that public text).

use super::Algorithm;
use crate::core::error::{Error, Result};
use jwt_compact::alg::{Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key};
use jwt_compact::{Algorithm as _, AlgorithmSignature};

/// A shared HMAC secret, prepared for one hash size.
#[derive(Clone)]
pub enum HmacKey {
    /// For HS256.
    Sha256(Hs256Key),
    /// For HS384.
    Sha384(Hs384Key),
    /// For HS512.
    Sha512(Hs512Key),
}

impl std::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        write!(f, "HmacKey({})", self.algorithm())
    }
}

impl HmacKey {
    /// Prepares `secret` for `alg`. The secret must not be empty.
    ///
    /// ```
    /// use authx_wasm::{alg::hmac::HmacKey, Algorithm};
    /// let key = HmacKey::new(Algorithm::Hs256, b"secret").unwrap();
    /// let sig = key.sign(b"header.payload");
    /// assert_eq!(sig.len(), 32);
    /// assert!(key.verify(b"header.payload", &sig).is_ok());
    /// assert!(HmacKey::new(Algorithm::Hs256, b"").is_err());
    /// ```
    pub fn new(alg: Algorithm, secret: &[u8]) -> Result<HmacKey> {
        if secret.is_empty() {
            return Err(Error::config("the HMAC secret is empty"));
        }
        if let Some(what) = looks_like_a_key(secret) {
            return Err(Error::config(format!(
                "the {alg} secret looks like {what}: a public or private key is never an HMAC secret \
                 (algorithm confusion); pass it as privateKey / publicKey with an algorithm of its type"
            )));
        }
        Ok(match alg {
            Algorithm::Hs256 => HmacKey::Sha256(Hs256Key::new(secret)),
            Algorithm::Hs384 => HmacKey::Sha384(Hs384Key::new(secret)),
            Algorithm::Hs512 => HmacKey::Sha512(Hs512Key::new(secret)),
            other => {
                return Err(Error::config(format!(
                    "{other} is not an HMAC algorithm; a shared secret signs only HS256, HS384 and HS512"
                )))
            }
        })
    }

    /// The secret's bytes (for exporting it as an `oct` JWK).
    pub fn secret(&self) -> &[u8] {
        match self {
            HmacKey::Sha256(k) => k.as_ref(),
            HmacKey::Sha384(k) => k.as_ref(),
            HmacKey::Sha512(k) => k.as_ref(),
        }
    }

    /// The algorithm this key was prepared for.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            HmacKey::Sha256(_) => Algorithm::Hs256,
            HmacKey::Sha384(_) => Algorithm::Hs384,
            HmacKey::Sha512(_) => Algorithm::Hs512,
        }
    }

    /// The MAC length in bytes.
    pub fn signature_len(&self) -> usize {
        match self {
            HmacKey::Sha256(_) => 32,
            HmacKey::Sha384(_) => 48,
            HmacKey::Sha512(_) => 64,
        }
    }

    /// The MAC of `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            HmacKey::Sha256(k) => Hs256.sign(k, message).as_bytes().into_owned(),
            HmacKey::Sha384(k) => Hs384.sign(k, message).as_bytes().into_owned(),
            HmacKey::Sha512(k) => Hs512.sign(k, message).as_bytes().into_owned(),
        }
    }

    /// Checks `signature` over `message`, in constant time.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<()> {
        let expected = self.signature_len();
        if signature.len() != expected {
            return Err(super::wrong_length(
                self.algorithm(),
                signature.len(),
                expected,
                "",
            ));
        }
        let ok = match self {
            HmacKey::Sha256(k) => verify_with(&Hs256, k, message, signature),
            HmacKey::Sha384(k) => verify_with(&Hs384, k, message, signature),
            HmacKey::Sha512(k) => verify_with(&Hs512, k, message, signature),
        };
        if ok {
            Ok(())
        } else {
            Err(super::mismatch(self.algorithm()))
        }
    }
}

/// What `secret` looks like when it is the text of a key rather than a secret.
fn looks_like_a_key(secret: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(secret);
    let trimmed = text.trim_start();
    if text.contains("-----BEGIN ") {
        return Some("a PEM key (\"-----BEGIN ...\")");
    }
    const SSH: [&str; 5] = [
        "ssh-rsa ",
        "ssh-ed25519 ",
        "ssh-dss ",
        "ecdsa-sha2-",
        "sk-ssh-ed25519@openssh.com ",
    ];
    if SSH.iter().any(|p| trimmed.starts_with(p)) {
        return Some("an OpenSSH public key");
    }
    if trimmed.starts_with('{') {
        if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(trimmed) {
            if o.contains_key("kty") {
                return Some("a JWK (JSON with \"kty\")");
            }
        }
    }
    None
}

fn verify_with<A: jwt_compact::Algorithm>(
    alg: &A,
    key: &A::VerifyingKey,
    message: &[u8],
    signature: &[u8],
) -> bool {
    match A::Signature::try_from_slice(signature) {
        Ok(sig) => alg.verify_signature(&sig, key, message),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::base64url;
    use crate::core::error::ErrorKind;

    #[test]
    fn key_text_is_never_a_secret() {
        for text in [
            "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
            "\n  -----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host",
            r#"{"kty":"RSA","n":"x","e":"AQAB"}"#,
        ] {
            let err = HmacKey::new(Algorithm::Hs256, text.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadConfiguration, "{text}");
            assert!(err.message().contains("algorithm confusion"), "{err}");
        }
        // JSON that is not a JWK, and ordinary secrets, are fine.
        assert!(HmacKey::new(Algorithm::Hs256, br#"{"a":1}"#).is_ok());
        assert!(HmacKey::new(Algorithm::Hs256, b"-----not a pem").is_ok());
        assert_eq!(HmacKey::new(Algorithm::Hs256, b"k").unwrap().secret(), b"k");
        assert!(HmacKey::new(Algorithm::Es256, b"k").is_err());
    }

    #[test]
    fn rfc7515_a1_signature() {
        // RFC 7515 Appendix A.1: HS256 over the exact signing input.
        let key = base64url::decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow").unwrap();
        let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        let key = HmacKey::new(Algorithm::Hs256, &key).unwrap();
        assert_eq!(
            base64url::encode(&key.sign(input.as_bytes())),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
    }

    #[test]
    fn wrong_length_and_wrong_mac_are_signature_errors() {
        let key = HmacKey::new(Algorithm::Hs512, b"k").unwrap();
        let sig = key.sign(b"m");
        assert_eq!(sig.len(), 64);
        let err = key.verify(b"m", &sig[..32]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert_eq!(
            err.message(),
            "signature is 32 bytes; HS512 signatures are 64 bytes"
        );
        let mut bad = sig.clone();
        bad[0] ^= 1;
        assert_eq!(
            key.verify(b"m", &bad).unwrap_err().kind(),
            ErrorKind::InvalidSignature
        );
        assert!(key.verify(b"m", &sig).is_ok());
        assert!(format!("{key:?}").contains("HS512"));
    }
}
