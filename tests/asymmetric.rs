//! Native integration tests of asymmetric keys through the public API: the
//! public ES256 / RS256 / Ed25519 vectors of tests/fixtures/jwt-public.json,
//! rotation with key sets, and the security rules (algorithm confusion, key
//! type fixes the algorithm, header keys never used).
#![cfg(feature = "asymmetric")]

use authx_wasm::keys::{generate, spec::KeySpec};
use authx_wasm::{
    base64url, json, Algorithm, AuthX, Config, ErrorKind, Key, KeyMaterial, TokenRequest, TokenType,
};
use serde_json::{json, Value};

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jwt-public.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn object(v: &Value) -> json::Object {
    v.as_object().unwrap().clone()
}

fn config(alg: Algorithm) -> Config {
    Config {
        algorithm: alg,
        ..Config::default()
    }
}

fn access(uid: &str) -> TokenRequest {
    TokenRequest::new(TokenType::Access, uid)
}

#[test]
fn public_asymmetric_vectors_verify_with_jwk_and_pem() {
    let mut checked = 0;
    for v in vectors() {
        let alg = Algorithm::from_name(v["alg"].as_str().unwrap()).unwrap();
        if alg.family() == authx_wasm::alg::Family::Hmac
            || v["expect"] != "valid"
            || !alg.is_available()
        {
            continue;
        }
        let id = v["id"].as_str().unwrap();
        let token = v["token"].as_str().unwrap();
        let now = v["now"].as_f64().unwrap();
        let mut jwk = object(&v["key"]);
        let pem = jwk.remove("pem");
        let mut forms = vec![AuthX::new(config(alg), KeyMaterial::Jwk(&jwk)).unwrap()];
        if let Some(Value::String(pem)) = &pem {
            forms.push(AuthX::new(config(alg), KeyMaterial::Pem(pem)).unwrap());
        }
        for auth in forms {
            let p = auth
                .decode(token, now)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(
                serde_json::from_str::<Value>(&p.claims.json).unwrap(),
                v["claims"],
                "{id}"
            );
            // A verifier built from only a public key cannot mint.
            let err = auth.create_token(&access("u"), now).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadConfiguration, "{id}");
            // One changed signature character is a signature error.
            let (head, sig) = token.rsplit_once('.').unwrap();
            let mid = sig.len() / 2;
            let c = if &sig[mid..=mid] == "A" { "B" } else { "A" };
            let tampered = format!("{head}.{}{c}{}", &sig[..mid], &sig[mid + 1..]);
            assert_eq!(
                auth.decode(&tampered, now).unwrap_err().kind(),
                ErrorKind::InvalidSignature,
                "{id}"
            );
        }
        checked += 1;
    }
    let expected = if Algorithm::Rs256.is_available() {
        4
    } else {
        2
    };
    assert_eq!(
        checked, expected,
        "RFC 7515 A.2, A.3 and the jwt.io ES256 / RS256 tokens"
    );
}

#[test]
fn rfc8037_a4_ed25519_signature_and_thumbprint() {
    let v = vectors()
        .into_iter()
        .find(|v| v["id"] == "rfc8037-a4-ed25519")
        .unwrap();
    let jwk = object(&v["key"]);
    let key = Key::import(Algorithm::EdDsa, KeyMaterial::Jwk(&jwk)).unwrap();
    assert_eq!(key.kid(), v["thumbprint"].as_str());
    let token = v["token"].as_str().unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let sig = base64url::decode(sig).unwrap();
    key.public_key().verify(input.as_bytes(), &sig).unwrap();
    // The payload is not JWT claims, so a full decode is a malformed token, after the signature.
    let auth = AuthX::new(config(Algorithm::EdDsa), KeyMaterial::Jwk(&jwk)).unwrap();
    assert_eq!(
        auth.decode(token, 0.0).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn every_algorithm_round_trips_and_refuses_the_others() {
    let algs = [
        Algorithm::Es256,
        Algorithm::Es256k,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::EdDsa,
        Algorithm::Ed25519,
        Algorithm::Ps384,
    ];
    let now = 1.8e9;
    let mut tokens = Vec::new();
    for alg in algs.into_iter().filter(|a| a.is_available()) {
        let pair = generate::key_pair(alg, None).unwrap();
        let pem = pair.to_pem(true).unwrap();
        let signer = AuthX::new(config(alg), KeyMaterial::Pem(&pem)).unwrap();
        let token = signer.create_token(&access("alice"), now).unwrap();
        let p = signer.decode(&token, now).unwrap();
        assert_eq!(p.header.alg, alg.name());
        assert_eq!(p.header.kid.as_deref(), pair.kid());
        tokens.push((alg, token, signer));
    }
    for (alg, _, verifier) in &tokens {
        for (other, token, _) in &tokens {
            if alg == other {
                continue;
            }
            let err = verifier.decode(token, now).unwrap_err();
            let eddsa_pair = alg.family() == other.family();
            // EdDSA and Ed25519 name the same key type: a wrong key, not a wrong alg.
            let want = if eddsa_pair {
                ErrorKind::InvalidSignature
            } else {
                ErrorKind::AlgorithmNotAllowed
            };
            assert_eq!(err.kind(), want, "{alg} verifier, {other} token: {err}");
        }
    }
}

#[test]
fn rotation_keeps_old_tokens_until_the_key_leaves() {
    let now = 1.8e9;
    let old = generate::key_pair(Algorithm::Es256, None).unwrap();
    let new = generate::key_pair(Algorithm::Es256, None).unwrap();
    let old_pem = old.to_pem(true).unwrap();
    let new_pem = new.to_pem(true).unwrap();
    let old_signer = AuthX::new(config(Algorithm::Es256), KeyMaterial::Pem(&old_pem)).unwrap();
    let old_token = old_signer.create_token(&access("a"), now).unwrap();
    let mut expiring = access("a");
    expiring.expires_in = Some(authx_wasm::config::Lifetime::Seconds(10));
    let old_expiring = old_signer.create_token(&expiring, now).unwrap();

    let old_jwks = json!([Value::Object(old.to_jwk(false).unwrap())]);
    let rotated = AuthX::with_keys(
        config(Algorithm::Es256),
        &KeySpec {
            private_key: Some(KeyMaterial::Pem(&new_pem)),
            verification_keys: Some(&old_jwks),
            ..KeySpec::default()
        },
    )
    .unwrap();
    let new_token = rotated.create_token(&access("a"), now).unwrap();
    assert!(rotated.decode(&old_token, now).is_ok());
    assert!(rotated.decode(&new_token, now).is_ok());
    // An expired old token stays expired: the fallback never hides it.
    assert_eq!(
        rotated
            .decode(&old_expiring, now + 60.0)
            .unwrap_err()
            .kind(),
        ErrorKind::Expired
    );
    // The JWKS publishes both public keys, the signer's first.
    let jwks = rotated.public_jwks().unwrap();
    let kids: Vec<_> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kids, [new.kid().unwrap(), old.kid().unwrap()]);
    assert!(jwks["keys"][0].get("d").is_none());

    // The old key leaves the set: its tokens fail with a clear kid error.
    let after = AuthX::new(config(Algorithm::Es256), KeyMaterial::Pem(&new_pem)).unwrap();
    let err = after.decode(&old_token, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    assert!(
        err.message().starts_with(&format!(
            "no verification key has kid {:?}",
            old.kid().unwrap()
        )),
        "{err}"
    );
}

#[test]
fn hmac_rotation_through_an_oct_jwk() {
    let now = 1.8e9;
    let previous = AuthX::new(Config::default(), KeyMaterial::Secret(b"previous-secret")).unwrap();
    let token = previous.create_token(&access("a"), now).unwrap();
    let set = json!([{ "kty": "oct", "k": base64url::encode(b"previous-secret") }]);
    let current = AuthX::with_keys(
        Config::default(),
        &KeySpec {
            secret: Some(KeyMaterial::Secret(b"current-secret")),
            verification_keys: Some(&set),
            ..KeySpec::default()
        },
    )
    .unwrap();
    assert!(current.decode(&token, now).is_ok());
    // Secrets are never published.
    assert_eq!(current.public_jwks().unwrap()["keys"], json!([]));
}

#[test]
fn algorithm_confusion_is_refused_both_ways() {
    let now = 1.8e9;
    let pair = generate::key_pair(Algorithm::Es256, None).unwrap();
    let public_pem = pair.to_pem(false).unwrap();
    // 1. An HS256 instance never takes a public key's PEM text as its secret.
    let err = AuthX::new(
        Config::default(),
        KeyMaterial::Secret(public_pem.as_bytes()),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadConfiguration);
    // 2. An ES256 verifier refuses an HS256 token MAC'd with the public PEM text.
    let verifier = AuthX::new(config(Algorithm::Es256), KeyMaterial::Pem(&public_pem)).unwrap();
    let header = base64url::encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = base64url::encode(br#"{"sub":"admin"}"#);
    let input = format!("{header}.{payload}");
    let mac = hmac_sha256(public_pem.as_bytes(), input.as_bytes());
    let forged = format!("{input}.{}", base64url::encode(&mac));
    let err = verifier.decode(&forged, now).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
    assert_eq!(
        err.message(),
        "alg HS256 is not allowed; this key verifies ES256"
    );
}

/// HMAC-SHA256 (RFC 2104), spelled out: the crate's own HMAC key refuses PEM
/// text, which is the point of the test, so the forger brings its own.
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new()
        .chain_update(&ipad)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(&opad)
        .chain_update(inner)
        .finalize()
        .to_vec()
}

#[test]
fn header_keys_are_never_used() {
    let now = 1.8e9;
    let mine = generate::key_pair(Algorithm::Es256, None).unwrap();
    let attacker = generate::key_pair(Algorithm::Es256, None).unwrap();
    let verifier = AuthX::new(
        config(Algorithm::Es256),
        KeyMaterial::Pem(&mine.to_pem(false).unwrap()),
    )
    .unwrap();
    let jwk = Value::Object(attacker.to_jwk(false).unwrap());
    for (name, value) in [
        ("jwk", jwk),
        ("jku", json!("https://attacker.example/jwks.json")),
        ("x5u", json!("https://attacker.example/cert.pem")),
        ("x5c", json!(["MIIB"])),
    ] {
        let header = json!({ "alg": "ES256", "typ": "JWT", name: value });
        let input = format!(
            "{}.{}",
            base64url::encode(header.to_string().as_bytes()),
            base64url::encode(br#"{"sub":"admin"}"#)
        );
        let sig = attacker.sign(input.as_bytes()).unwrap();
        let token = format!("{input}.{}", base64url::encode(&sig));
        assert_eq!(
            verifier.decode(&token, now).unwrap_err().kind(),
            ErrorKind::InvalidSignature,
            "header {name}"
        );
    }
}

#[test]
fn a_der_signature_is_refused() {
    let pair = generate::key_pair(Algorithm::Es256, None).unwrap();
    let auth = AuthX::new(
        config(Algorithm::Es256),
        KeyMaterial::Pem(&pair.to_pem(true).unwrap()),
    )
    .unwrap();
    let token = auth.create_token(&access("a"), 1.8e9).unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let raw = base64url::decode(sig).unwrap();
    let int = |b: &[u8]| {
        let mut v = vec![0x02];
        let pad = b[0] & 0x80 != 0;
        v.push(b.len() as u8 + pad as u8);
        if pad {
            v.push(0);
        }
        v.extend_from_slice(b);
        v
    };
    let body = [int(&raw[..32]), int(&raw[32..])].concat();
    let der = [vec![0x30, body.len() as u8], body].concat();
    let token = format!("{input}.{}", base64url::encode(&der));
    let err = auth.decode(&token, 1.8e9).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    assert!(err.message().contains("DER"), "{err}");
}

#[test]
fn mangled_keys_are_errors_never_panics() {
    // Every byte of real DER keys, flipped or cut, through the PEM and JWK importers:
    // each attempt must return (Ok or a BadConfiguration error), never panic.
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut sources = Vec::new();
    for alg in [
        Algorithm::Es256,
        Algorithm::Es256k,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::EdDsa,
        Algorithm::Rs256,
    ]
    .into_iter()
    .filter(|a| a.is_available())
    {
        let key = generate::key_pair(alg, None).unwrap();
        sources.push((alg, key.to_pem(true).unwrap(), key.to_jwk(true).unwrap()));
        sources.push((alg, key.to_pem(false).unwrap(), key.to_jwk(false).unwrap()));
    }
    use base64ct::{Base64, Encoding};
    let mut tried = 0;
    for (alg, pem, jwk) in &sources {
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let label = pem
            .lines()
            .next()
            .unwrap()
            .trim_start_matches("-----BEGIN ")
            .trim_end_matches("-----");
        let der = Base64::decode_vec(&body).unwrap();
        for _ in 0..60 {
            let mut bad = der.clone();
            match next() % 3 {
                0 => {
                    let i = (next() as usize) % bad.len();
                    bad[i] ^= 1 << (next() % 8);
                }
                1 => bad.truncate((next() as usize) % bad.len()),
                _ => {
                    let i = (next() as usize) % bad.len();
                    bad[i] = (next() % 256) as u8;
                }
            }
            let text = format!(
                "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
                Base64::encode_string(&bad)
            );
            for a in [*alg, Algorithm::Es256, Algorithm::Rs256] {
                if let Err(e) = Key::import(a, KeyMaterial::Pem(&text)) {
                    assert_eq!(e.kind(), ErrorKind::BadConfiguration);
                }
            }
            tried += 1;
        }
        for (name, value) in jwk.iter() {
            let Some(v) = value.as_str() else { continue };
            if name == "kty" || name == "crv" || name == "alg" || name == "use" || name == "kid" {
                continue;
            }
            let bytes = base64url::decode(v).unwrap();
            for change in [
                Vec::new(),
                vec![0u8],
                vec![1u8],
                bytes[..bytes.len() / 2].to_vec(),
                [bytes.as_slice(), &[0]].concat(),
                vec![0xff; bytes.len()],
                vec![0; bytes.len()],
            ] {
                let mut bad = jwk.clone();
                bad.insert(name.clone(), Value::String(base64url::encode(&change)));
                if let Err(e) = Key::import(*alg, KeyMaterial::Jwk(&bad)) {
                    assert_eq!(e.kind(), ErrorKind::BadConfiguration);
                }
                // RSA without the primes: n, e, d alone go through prime recovery.
                for member in ["p", "q", "dp", "dq", "qi"] {
                    bad.remove(member);
                }
                if let Err(e) = Key::import(*alg, KeyMaterial::Jwk(&bad)) {
                    assert_eq!(e.kind(), ErrorKind::BadConfiguration);
                }
                tried += 1;
            }
        }
    }
    assert!(tried > 500, "{tried}");
}

#[test]
fn mangled_signatures_are_errors_never_panics() {
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for alg in [
        Algorithm::Es256,
        Algorithm::Es256k,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::EdDsa,
        Algorithm::Ps256,
        Algorithm::Rs512,
    ]
    .into_iter()
    .filter(|a| a.is_available())
    {
        let pem = generate::key_pair(alg, None).unwrap().to_pem(true).unwrap();
        let auth = AuthX::new(config(alg), KeyMaterial::Pem(&pem)).unwrap();
        let token = auth.create_token(&access("a"), 1.8e9).unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        let sig = base64url::decode(sig).unwrap();
        for round in 0..200 {
            let mut bad = sig.clone();
            match round % 4 {
                0 => bad.truncate((next() as usize) % (sig.len() + 1)),
                1 => bad.extend((0..next() % 40).map(|_| next() as u8)),
                2 => {
                    let i = (next() as usize) % bad.len();
                    bad[i] = next() as u8;
                }
                _ => bad = (0..sig.len()).map(|_| next() as u8).collect(),
            }
            if bad == sig {
                continue;
            }
            let t = format!("{input}.{}", base64url::encode(&bad));
            let err = auth.decode(&t, 1.8e9).unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::InvalidSignature,
                "{alg} round {round}"
            );
        }
    }
}
