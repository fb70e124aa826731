//! HS256 / HS384 / HS512: HMAC with SHA-2 (RFC 7518 §3.2), with the `hmac`
//! and `sha2` crates.
//!
//! Secrets of any non-empty length are accepted: AuthX users and the jwt.io
//! examples use short ones, and refusing them would break interop. (RFC 7518
//! asks for at least the hash size; key generation elsewhere follows that.)
//! Signatures are compared in constant time (`Mac::verify_slice`, which uses
//! `subtle`).
//!
//! The key is set up once: [`HmacKey::new`] keys an HMAC state (the hash
//! states after absorbing the secret XOR ipad and XOR opad) and every
//! [`HmacKey::sign`] / [`HmacKey::verify`] starts from a copy of it, instead
//! of hashing the padded secret again (two compressions per call, plus a
//! hash of the secret when it is longer than a block).
//!
//! Algorithm confusion is refused at import: a secret whose text is a PEM
//! block, an OpenSSH key line or a JWK is a key of another family, never an
//! HMAC secret (an `HS256` verifier given an RSA public key's PEM as its secret
//! would accept tokens anyone can MAC with that public text).

use super::Algorithm;
use crate::core::error::{Error, Result};
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

/// A shared HMAC secret, prepared for one hash size.
///
/// The secret's bytes are zeroed when the key is dropped. The keyed HMAC state
/// is not (`sha2` 0.10 has no zeroizing support for its hash states).
#[derive(Clone)]
pub struct HmacKey {
    secret: Zeroizing<Vec<u8>>,
    // Boxed: the SHA-512 state is a few hundred bytes, and keys live in enums.
    keyed: Box<Keyed>,
}

/// The HMAC state keyed with the secret, for one hash.
#[derive(Clone)]
enum Keyed {
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
}

impl std::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        write!(f, "HmacKey({})", self.algorithm())
    }
}

/// A keyed HMAC state for `secret`; HMAC takes keys of every length, so this
/// fails only if the `hmac` crate ever starts refusing some.
fn keyed<M: Mac + hmac::digest::KeyInit>(alg: Algorithm, secret: &[u8]) -> Result<M> {
    <M as Mac>::new_from_slice(secret)
        .map_err(|_| Error::config(format!("the {alg} secret has a length HMAC refuses")))
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
        let keyed = match alg {
            Algorithm::Hs256 => Keyed::Sha256(keyed(alg, secret)?),
            Algorithm::Hs384 => Keyed::Sha384(keyed(alg, secret)?),
            Algorithm::Hs512 => Keyed::Sha512(keyed(alg, secret)?),
            other => {
                return Err(Error::config(format!(
                    "{other} is not an HMAC algorithm; a shared secret signs only HS256, HS384 and HS512"
                )))
            }
        };
        Ok(HmacKey {
            secret: Zeroizing::new(secret.to_vec()),
            keyed: Box::new(keyed),
        })
    }

    /// The secret's bytes (for exporting it as an `oct` JWK).
    pub fn secret(&self) -> &[u8] {
        &self.secret
    }

    /// The algorithm this key was prepared for.
    pub fn algorithm(&self) -> Algorithm {
        match *self.keyed {
            Keyed::Sha256(_) => Algorithm::Hs256,
            Keyed::Sha384(_) => Algorithm::Hs384,
            Keyed::Sha512(_) => Algorithm::Hs512,
        }
    }

    /// The MAC length in bytes.
    pub fn signature_len(&self) -> usize {
        match *self.keyed {
            Keyed::Sha256(_) => 32,
            Keyed::Sha384(_) => 48,
            Keyed::Sha512(_) => 64,
        }
    }

    /// The MAC of `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match &*self.keyed {
            Keyed::Sha256(m) => m
                .clone()
                .chain_update(message)
                .finalize()
                .into_bytes()
                .to_vec(),
            Keyed::Sha384(m) => m
                .clone()
                .chain_update(message)
                .finalize()
                .into_bytes()
                .to_vec(),
            Keyed::Sha512(m) => m
                .clone()
                .chain_update(message)
                .finalize()
                .into_bytes()
                .to_vec(),
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
        let checked = match &*self.keyed {
            Keyed::Sha256(m) => m.clone().chain_update(message).verify_slice(signature),
            Keyed::Sha384(m) => m.clone().chain_update(message).verify_slice(signature),
            Keyed::Sha512(m) => m.clone().chain_update(message).verify_slice(signature),
        };
        checked.map_err(|_| super::mismatch(self.algorithm()))
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
    if trimmed.starts_with('{') && is_json_with_kty(trimmed) {
        return Some("a JWK (JSON with \"kty\")");
    }
    None
}

/// Is `text` a JSON object with a top-level `kty` member?
#[cfg(feature = "asymmetric")]
fn is_json_with_kty(text: &str) -> bool {
    matches!(serde_json::from_str(text), Ok(serde_json::Value::Object(o)) if o.contains_key("kty"))
}

/// Is `text` a JSON object with a top-level `kty` member? The HMAC-only build
/// has no `serde_json`: the token reader decides (it refuses duplicate member
/// names, which `serde_json` keeps the last of).
#[cfg(not(feature = "asymmetric"))]
fn is_json_with_kty(text: &str) -> bool {
    crate::core::json::read::members_of(text, "secret")
        .is_ok_and(|members| members.iter().any(|m| m.name == "kty"))
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

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc4231_vectors_and_the_key_state_is_reused() {
        // RFC 4231 test cases 2 (a short key) and 6 (a key longer than the block).
        let long_key = [0xaa; 131];
        let cases: [(&[u8], &[u8], [&str; 3]); 2] = [
            (b"Jefe", b"what do ya want for nothing?", [
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            ]),
            (&long_key, b"Test Using Larger Than Block-Size Key - Hash Key First", [
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
            ]),
        ];
        for (secret, message, macs) in cases {
            for (alg, mac) in [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512]
                .into_iter()
                .zip(macs)
            {
                let key = HmacKey::new(alg, secret).unwrap();
                assert_eq!(key.secret(), secret);
                // The same MAC every time: signing never changes the cached state.
                for _ in 0..3 {
                    assert_eq!(hex(&key.sign(message)), mac, "{alg}");
                    assert!(key.verify(message, &key.sign(message)).is_ok());
                }
                assert_eq!(hex(&key.clone().sign(message)), mac);
                assert!(key.verify(b"other", &key.sign(message)).is_err());
            }
        }
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
