//! PEM text (RFC 7468) ↔ [`KeyParts`], through the DER structures people have
//! on disk: SPKI `PUBLIC KEY`, PKCS#8 `PRIVATE KEY`, SEC1 `EC PRIVATE KEY`,
//! and PKCS#1 `RSA PRIVATE KEY` / `RSA PUBLIC KEY` (what `openssl genrsa
//! -traditional`, `openssl ecparam -genkey` and AuthX users produce).
//!
//! Text outside the BEGIN / END lines is ignored, and an `EC PARAMETERS`
//! block (from `openssl ecparam -genkey` without `-noout`) is skipped; exactly
//! one key block must remain. Encrypted keys, certificates and OpenSSH keys
//! are refused with the `openssl` / `ssh-keygen` command that converts them.
//! New PEM is always PKCS#8 (private) or SPKI (public), 64 characters a line.

use super::parts::{KeyParts, RsaPrivateParts};
use crate::core::alg::Curve;
use crate::core::error::{Error, Result};
use base64ct::{Base64, Encoding};
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use pkcs8::PrivateKeyInfo;
use sec1::{EcParameters, EcPrivateKey};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

const CURVES: [(Curve, ObjectIdentifier); 4] = [
    (
        Curve::P256,
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
    ),
    (
        Curve::Secp256k1,
        ObjectIdentifier::new_unwrap("1.3.132.0.10"),
    ),
    (Curve::P384, ObjectIdentifier::new_unwrap("1.3.132.0.34")),
    (Curve::P521, ObjectIdentifier::new_unwrap("1.3.132.0.35")),
];

fn curve_oid(curve: Curve) -> ObjectIdentifier {
    CURVES
        .iter()
        .find(|(c, _)| *c == curve)
        .map(|(_, oid)| *oid)
        .unwrap_or(EC_PUBLIC_KEY)
}

fn curve_of(oid: ObjectIdentifier) -> Result<Curve> {
    CURVES
        .iter()
        .find(|(_, o)| *o == oid)
        .map(|(c, _)| *c)
        .ok_or_else(|| {
            Error::config(format!(
                "the PEM key is on the EC curve with OID {oid}, which is not supported; use P-256, P-384, P-521 or secp256k1"
            ))
        })
}

fn bad(what: &str, e: impl std::fmt::Display) -> Error {
    Error::config(format!("the PEM {what} is not valid DER: {e}"))
}

/// One BEGIN / END block: its label and DER bytes.
struct Block {
    label: String,
    der: Zeroizing<Vec<u8>>,
}

fn blocks(text: &str) -> Result<Vec<Block>> {
    if !text.contains('\n') && text.contains("\\n") {
        return Err(Error::config(
            "the PEM text has the two characters \\n instead of line breaks (an escaped environment variable?); unescape it first",
        ));
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + "-----BEGIN ".len()..];
        let Some(end_label) = after.find("-----") else {
            return Err(Error::config(
                "the PEM text has a BEGIN line without its closing dashes",
            ));
        };
        let label = &after[..end_label];
        let body_and_more = &after[end_label + 5..];
        let end_line = format!("-----END {label}-----");
        let Some(body_end) = body_and_more.find(&end_line) else {
            return Err(Error::config(format!(
                "the PEM text has no \"{end_line}\" line"
            )));
        };
        let body = &body_and_more[..body_end];
        rest = &body_and_more[body_end + end_line.len()..];
        if body.contains(':') {
            return Err(Error::config(format!(
                "the PEM {label} is encrypted (it has Proc-Type / DEK-Info headers); decrypt it first: openssl pkey -in key.pem -out plain.pem"
            )));
        }
        let b64: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let der = Base64::decode_vec(&b64)
            .map_err(|_| Error::config(format!("the PEM {label} body is not valid base64")))?;
        out.push(Block {
            label: label.to_owned(),
            der: Zeroizing::new(der),
        });
    }
    Ok(out)
}

/// Does `text` look like PEM at all (has a BEGIN line)?
pub fn is_pem(text: &str) -> bool {
    text.contains("-----BEGIN ")
}

/// Decodes the one key in PEM `text`.
///
/// ```
/// use authx_wasm::keys::pem;
/// let text = "-----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
/// -----END PUBLIC KEY-----
/// ";
/// let parts = pem::decode(text).unwrap();
/// assert!(!parts.is_private());
/// assert!(pem::decode("not a key").is_err());
/// ```
pub fn decode(text: &str) -> Result<KeyParts> {
    let found = blocks(text)?;
    let keys: Vec<&Block> = found
        .iter()
        .filter(|b| b.label != "EC PARAMETERS")
        .collect();
    let block = match keys.as_slice() {
        [one] => *one,
        [] if text.trim_start().starts_with("ssh-") => {
            return Err(Error::config(
                "this is an OpenSSH public key line, not PEM; convert it: ssh-keygen -e -m PKCS8 -f key.pub",
            ))
        }
        [] => {
            return Err(Error::config(
                "the key is not PEM text (no \"-----BEGIN ...-----\" line) and not a JWK object",
            ))
        }
        many => {
            return Err(Error::config(format!(
                "the PEM text has {} blocks ({}); pass exactly one key",
                many.len(),
                many.iter().map(|b| b.label.as_str()).collect::<Vec<_>>().join(", ")
            )))
        }
    };
    let der = block.der.as_slice();
    match block.label.as_str() {
        "PUBLIC KEY" => decode_spki(der),
        "PRIVATE KEY" => decode_pkcs8(der),
        "EC PRIVATE KEY" => decode_sec1(der, None),
        "RSA PRIVATE KEY" => decode_pkcs1_private(der),
        "RSA PUBLIC KEY" => decode_pkcs1_public(der),
        "ENCRYPTED PRIVATE KEY" => Err(Error::config(
            "the PEM key is encrypted (ENCRYPTED PRIVATE KEY); decrypt it first: openssl pkey -in key.pem -out plain.pem",
        )),
        "CERTIFICATE" => Err(Error::config(
            "this is an X.509 certificate, not a key; take its public key: openssl x509 -in cert.pem -pubkey -noout",
        )),
        "OPENSSH PRIVATE KEY" => Err(Error::config(
            "this is an OpenSSH private key; convert it to PKCS#8: ssh-keygen -p -m PKCS8 -f key",
        )),
        other => Err(Error::config(format!(
            "a PEM \"{other}\" block is not a key this library reads; use PUBLIC KEY, PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY or RSA PUBLIC KEY"
        ))),
    }
}

fn unsupported(oid: ObjectIdentifier) -> Error {
    let name = match oid {
        o if o == X25519 || o == X448 => "an X25519 / X448 key-agreement key, which cannot sign",
        o if o == ED448 => "an Ed448 key, which is not supported (only Ed25519)",
        o if o == RSA_PSS => "an RSASSA-PSS-restricted RSA key; re-export it as a plain RSA key: openssl pkey -in key.pem -traditional",
        _ => "",
    };
    if name.is_empty() {
        Error::config(format!(
            "the PEM key's algorithm (OID {oid}) is not supported; use an EC, RSA or Ed25519 key"
        ))
    } else {
        Error::config(format!("the PEM key is {name}"))
    }
}

fn named_curve(params: Option<AnyRef<'_>>, what: &str) -> Result<Curve> {
    let params = params.ok_or_else(|| {
        Error::config(format!(
            "the PEM {what} has no curve parameters (only named curves are supported)"
        ))
    })?;
    let oid = params.decode_as::<ObjectIdentifier>().map_err(|_| {
        Error::config(format!(
            "the PEM {what} has explicit curve parameters; only named curves are supported (openssl ec -param_enc named_curve)"
        ))
    })?;
    curve_of(oid)
}

fn decode_spki(der: &[u8]) -> Result<KeyParts> {
    let spki = SubjectPublicKeyInfoRef::try_from(der).map_err(|e| bad("PUBLIC KEY", e))?;
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::config("the PEM PUBLIC KEY's bit string is not whole bytes"))?;
    let oid = spki.algorithm.oid;
    if oid == EC_PUBLIC_KEY {
        let curve = named_curve(spki.algorithm.parameters, "PUBLIC KEY")?;
        Ok(KeyParts::Ec {
            curve,
            d: None,
            point: Some(key.to_vec()),
        })
    } else if oid == ED25519 {
        Ok(KeyParts::Ed25519 {
            seed: None,
            x: Some(key.to_vec()),
        })
    } else if oid == RSA_ENCRYPTION {
        decode_pkcs1_public(key)
    } else {
        Err(unsupported(oid))
    }
}

fn decode_pkcs8(der: &[u8]) -> Result<KeyParts> {
    let info = PrivateKeyInfo::try_from(der).map_err(|e| bad("PRIVATE KEY", e))?;
    let oid = info.algorithm.oid;
    if oid == EC_PUBLIC_KEY {
        let curve = named_curve(info.algorithm.parameters, "PRIVATE KEY")?;
        decode_sec1(info.private_key, Some(curve))
    } else if oid == ED25519 {
        let seed = OctetStringRef::from_der(info.private_key)
            .map_err(|e| bad("Ed25519 PRIVATE KEY", e))?;
        Ok(KeyParts::Ed25519 {
            seed: Some(Zeroizing::new(seed.as_bytes().to_vec())),
            x: info.public_key.map(<[u8]>::to_vec),
        })
    } else if oid == RSA_ENCRYPTION {
        decode_pkcs1_private(info.private_key)
    } else {
        Err(unsupported(oid))
    }
}

fn decode_sec1(der: &[u8], outer: Option<Curve>) -> Result<KeyParts> {
    let key = EcPrivateKey::try_from(der).map_err(|e| bad("EC PRIVATE KEY", e))?;
    let inner = match key.parameters {
        Some(EcParameters::NamedCurve(oid)) => Some(curve_of(oid)?),
        None => None,
    };
    let curve = match (outer, inner) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::config(format!(
                "the PEM PRIVATE KEY names two curves, {a} and {b}"
            )))
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => {
            return Err(Error::config(
                "the PEM EC PRIVATE KEY does not name its curve; export it as PKCS#8: openssl pkey -in key.pem",
            ))
        }
    };
    Ok(KeyParts::Ec {
        curve,
        d: Some(Zeroizing::new(key.private_key.to_vec())),
        point: key.public_key.map(<[u8]>::to_vec),
    })
}

#[cfg(feature = "rsa")]
fn decode_pkcs1_private(der: &[u8]) -> Result<KeyParts> {
    let k = pkcs1::RsaPrivateKey::try_from(der).map_err(|e| bad("RSA PRIVATE KEY", e))?;
    if k.other_prime_infos.is_some() {
        return Err(Error::config(
            "the PEM RSA key has more than two primes (multi-prime RSA is not supported)",
        ));
    }
    let z = |u: pkcs1::UintRef<'_>| Zeroizing::new(u.as_bytes().to_vec());
    Ok(KeyParts::Rsa {
        n: k.modulus.as_bytes().to_vec(),
        e: k.public_exponent.as_bytes().to_vec(),
        private: Some(RsaPrivateParts {
            d: z(k.private_exponent),
            p: Some(z(k.prime1)),
            q: Some(z(k.prime2)),
            crt: None,
        }),
    })
}

#[cfg(feature = "rsa")]
fn decode_pkcs1_public(der: &[u8]) -> Result<KeyParts> {
    let k = pkcs1::RsaPublicKey::try_from(der).map_err(|e| bad("RSA PUBLIC KEY", e))?;
    Ok(KeyParts::Rsa {
        n: k.modulus.as_bytes().to_vec(),
        e: k.public_exponent.as_bytes().to_vec(),
        private: None,
    })
}

#[cfg(not(feature = "rsa"))]
fn decode_pkcs1_private(_: &[u8]) -> Result<KeyParts> {
    Err(no_rsa())
}

#[cfg(not(feature = "rsa"))]
fn decode_pkcs1_public(_: &[u8]) -> Result<KeyParts> {
    Err(no_rsa())
}

#[cfg(not(feature = "rsa"))]
fn no_rsa() -> Error {
    Error::config(
        "this is an RSA key, and this build has no RSA (built without the \"rsa\" feature)",
    )
}

fn armor(label: &str, der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn encoding(e: der::Error) -> Error {
    Error::config(format!("the key could not be DER-encoded: {e}"))
}

fn spki(oid: ObjectIdentifier, params: Option<AnyRef<'_>>, key: &[u8]) -> Result<String> {
    let info = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: params,
        },
        subject_public_key: BitStringRef::from_bytes(key).map_err(encoding)?,
    };
    Ok(armor("PUBLIC KEY", &info.to_der().map_err(encoding)?))
}

fn pkcs8(oid: ObjectIdentifier, params: Option<AnyRef<'_>>, key: &[u8]) -> Result<String> {
    let info = PrivateKeyInfo {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: params,
        },
        private_key: key,
        public_key: None,
    };
    let der = Zeroizing::new(info.to_der().map_err(encoding)?);
    Ok(armor("PRIVATE KEY", &der))
}

/// Encodes `parts` as PKCS#8 `PRIVATE KEY` (`private`) or SPKI `PUBLIC KEY`.
pub fn encode(parts: &KeyParts, private: bool) -> Result<String> {
    let need_private = || Error::config("a public key has no private PEM form");
    match parts {
        KeyParts::Oct(_) => Err(Error::config(
            "a shared secret has no PEM form (PEM is for public and private keys)",
        )),
        KeyParts::Ec { curve, d, point } => {
            let oid = curve_oid(*curve);
            let params = Some(AnyRef::from(&oid));
            let point = point
                .as_deref()
                .ok_or_else(|| Error::config("the EC key has no public point"))?;
            if private {
                let d = d.as_ref().ok_or_else(need_private)?;
                let inner = EcPrivateKey {
                    private_key: d,
                    parameters: None,
                    public_key: Some(point),
                };
                let inner = Zeroizing::new(inner.to_der().map_err(encoding)?);
                pkcs8(EC_PUBLIC_KEY, params, &inner)
            } else {
                spki(EC_PUBLIC_KEY, params, point)
            }
        }
        KeyParts::Ed25519 { seed, x } => {
            if private {
                let seed = seed.as_ref().ok_or_else(need_private)?;
                let inner = OctetStringRef::new(seed).map_err(encoding)?;
                let inner = Zeroizing::new(inner.to_der().map_err(encoding)?);
                pkcs8(ED25519, None, &inner)
            } else {
                let x = x
                    .as_deref()
                    .ok_or_else(|| Error::config("the Ed25519 key has no public key"))?;
                spki(ED25519, None, x)
            }
        }
        KeyParts::Rsa { n, e, private: p } => encode_rsa(n, e, p.as_ref(), private),
    }
}

#[cfg(feature = "rsa")]
fn encode_rsa(
    n: &[u8],
    e: &[u8],
    parts: Option<&RsaPrivateParts>,
    private: bool,
) -> Result<String> {
    fn uint(b: &[u8]) -> Result<pkcs1::UintRef<'_>> {
        pkcs1::UintRef::new(b).map_err(encoding)
    }
    if private {
        let p = parts.ok_or_else(|| Error::config("a public key has no private PEM form"))?;
        let missing = || Error::config("the RSA key lacks p, q or the CRT values");
        let (pp, q) = (
            p.p.as_ref().ok_or_else(missing)?,
            p.q.as_ref().ok_or_else(missing)?,
        );
        let [dp, dq, qi] = p.crt.as_ref().ok_or_else(missing)?;
        let key = pkcs1::RsaPrivateKey {
            modulus: uint(n)?,
            public_exponent: uint(e)?,
            private_exponent: uint(&p.d)?,
            prime1: uint(pp)?,
            prime2: uint(q)?,
            exponent1: uint(dp)?,
            exponent2: uint(dq)?,
            coefficient: uint(qi)?,
            other_prime_infos: None,
        };
        let inner = Zeroizing::new(key.to_der().map_err(encoding)?);
        pkcs8(RSA_ENCRYPTION, Some(AnyRef::NULL), &inner)
    } else {
        let key = pkcs1::RsaPublicKey {
            modulus: uint(n)?,
            public_exponent: uint(e)?,
        };
        spki(
            RSA_ENCRYPTION,
            Some(AnyRef::NULL),
            &key.to_der().map_err(encoding)?,
        )
    }
}

#[cfg(not(feature = "rsa"))]
fn encode_rsa(_: &[u8], _: &[u8], _: Option<&RsaPrivateParts>, _: bool) -> Result<String> {
    Err(no_rsa())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::alg::Family;

    // openssl ecparam -name prime256v1 -genkey (with its EC PARAMETERS block), then
    // the same key as PKCS#8 and its SPKI public key.
    const SEC1: &str = "-----BEGIN EC PARAMETERS-----
BggqhkjOPQMBBw==
-----END EC PARAMETERS-----
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIGTgsdfE4HtdI3EfMESZehgYso3VbBQAg6x9PF9X1u3yoAoGCCqGSM49
AwEHoUQDQgAEwkhRwhClIReD0TjjDRJJ9PUg7lE0m7tNw+afEniSxX7ywHN9GDhz
xd9hZEG/8iE8iBiYuBgANZgbnGOTbj/isA==
-----END EC PRIVATE KEY-----
";
    const PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZOCx18Tge10jcR8w
RJl6GBiyjdVsFACDrH08X1fW7fKhRANCAATCSFHCEKUhF4PROOMNEkn09SDuUTSb
u03D5p8SeJLFfvLAc30YOHPF32FkQb/yITyIGJi4GAA1mBucY5NuP+Kw
-----END PRIVATE KEY-----
";
    const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwkhRwhClIReD0TjjDRJJ9PUg7lE0
m7tNw+afEniSxX7ywHN9GDhzxd9hZEG/8iE8iBiYuBgANZgbnGOTbj/isA==
-----END PUBLIC KEY-----
";

    fn ec(parts: &KeyParts) -> (Curve, Option<Vec<u8>>, Option<Vec<u8>>) {
        match parts {
            KeyParts::Ec { curve, d, point } => {
                (*curve, d.as_ref().map(|d| d.to_vec()), point.clone())
            }
            other => panic!("not EC: {other:?}"),
        }
    }

    #[test]
    fn sec1_pkcs8_and_spki_agree() {
        let a = ec(&decode(SEC1).unwrap());
        let b = ec(&decode(PKCS8).unwrap());
        let c = ec(&decode(SPKI).unwrap());
        assert_eq!(a.0, Curve::P256);
        assert_eq!(a, b);
        assert_eq!(a.2, c.2);
        assert_eq!(c.1, None);
        // Our encoder writes exactly what openssl writes for PKCS#8 and SPKI.
        assert_eq!(encode(&decode(SEC1).unwrap(), true).unwrap(), PKCS8);
        assert_eq!(encode(&decode(PKCS8).unwrap(), false).unwrap(), SPKI);
        // CRLF line ends and text around the block are fine.
        let crlf = format!("Key for prod\r\n{}", SPKI.replace('\n', "\r\n"));
        assert_eq!(ec(&decode(&crlf).unwrap()), c);
    }

    #[test]
    fn ed25519_round_trip() {
        // RFC 8410 §10.3 private key and the RFC 8037 A.1 public key.
        let private = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let parts = decode(private).unwrap();
        assert_eq!(parts.family(), Family::Ed25519);
        assert!(parts.is_private());
        assert_eq!(encode(&parts, true).unwrap(), private);
        let public = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        assert_eq!(encode(&decode(public).unwrap(), false).unwrap(), public);
    }

    #[test]
    fn refusals_say_what_to_do() {
        let msg = |t: &str| decode(t).unwrap_err().message().to_owned();
        assert!(msg("hello").contains("not PEM"));
        assert!(msg("ssh-ed25519 AAAA x").contains("ssh-keygen"));
        assert!(msg(&SPKI.replace('\n', "\\n")).contains("\\n instead of line breaks"));
        assert!(msg(&format!("{SPKI}{SPKI}")).contains("2 blocks"));
        assert!(
            msg("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----").contains("x509")
        );
        assert!(msg(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----"
        )
        .contains("encrypted"));
        assert!(msg("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nMIIB\n-----END RSA PRIVATE KEY-----").contains("encrypted"));
        assert!(
            msg("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----").contains("base64")
        );
        assert!(msg("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----").contains("DER"));
        assert!(msg("-----BEGIN PUBLIC KEY-----\nMIIB").contains("no \"-----END PUBLIC KEY-----\""));
        // X25519 (RFC 8410 §10.1).
        assert!(msg("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----").contains("cannot sign"));
        assert!(encode(&KeyParts::Oct(Zeroizing::new(vec![1])), true).is_err());
    }

    #[cfg(feature = "rsa")]
    #[test]
    fn pkcs1_public_and_spki_rsa_agree() {
        let all: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/jwt-public.json")).unwrap();
        let v = all
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == "jwtio-default-rs256")
            .unwrap();
        let spki_text = v["key"]["pem"].as_str().unwrap();
        let KeyParts::Rsa {
            n,
            e,
            private: None,
        } = decode(spki_text).unwrap()
        else {
            panic!("not an RSA public key")
        };
        assert_eq!(
            crate::core::base64url::encode(&n),
            v["key"]["n"].as_str().unwrap()
        );
        assert_eq!(e, [1, 0, 1]);
        let again = encode(&decode(spki_text).unwrap(), false).unwrap();
        assert_eq!(again.trim(), spki_text.trim());
    }
}
