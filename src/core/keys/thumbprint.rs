//! JWK thumbprints (RFC 7638): the default `kid` of an asymmetric key.
//!
//! The SHA-256 of the key's required public members, in lexicographic order,
//! as compact JSON; base64url. Only public members go in, so the thumbprint
//! of a private key is the thumbprint of its public key.

use super::parts::KeyParts;
use crate::core::base64url;
use sha2::{Digest, Sha256};

/// The RFC 7638 SHA-256 thumbprint of `parts` (public members only).
///
/// `parts` must be normalized: an EC point uncompressed, RSA integers
/// without leading zeros (as [`Key::public_parts`](super::Key::public_parts) gives).
/// `None` for a shared secret, whose thumbprint would be a hash of the secret.
pub fn thumbprint(parts: &KeyParts) -> Option<String> {
    let b = base64url::encode;
    let json = match parts {
        KeyParts::Oct(_) => return None,
        KeyParts::Ec { curve, point, .. } => {
            let point = point.as_deref()?;
            let n = curve.field_len();
            if point.len() != 1 + 2 * n {
                return None;
            }
            format!(
                r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
                curve.jwk_name(),
                b(&point[1..=n]),
                b(&point[1 + n..])
            )
        }
        KeyParts::Ed25519 { x, .. } => {
            format!(
                r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
                b(x.as_deref()?)
            )
        }
        KeyParts::Rsa { n, e, .. } => format!(r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#, b(e), b(n)),
    };
    Some(b(&Sha256::digest(json.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7638_section_3_1_example() {
        let n = base64url::decode("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw").unwrap();
        let parts = KeyParts::Rsa {
            n,
            e: vec![1, 0, 1],
            private: None,
        };
        assert_eq!(
            thumbprint(&parts).as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
    }

    #[test]
    fn rfc8037_a3_ed25519_example() {
        let x = base64url::decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let parts = KeyParts::Ed25519 {
            seed: None,
            x: Some(x),
        };
        assert_eq!(
            thumbprint(&parts).as_deref(),
            Some("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
        );
        assert_eq!(thumbprint(&KeyParts::Oct(vec![1].into())), None);
    }
}
