//! Asymmetric keys inside real wasm hosts, Node and headless Chromium (run by
//! scripts/wasm-test.sh with WASM_TEST_NAME=wasm_keys): key generation through
//! getrandom's `crypto.getRandomValues`, every ECDSA curve, EdDSA and RSA
//! signing and verifying in wasm, PEM and JWK import, the public vectors, the
//! JWKS, and the errors a verifier-only instance and a bad key give.
#![cfg(all(target_arch = "wasm32", feature = "asymmetric"))]

use authx_wasm::js::auth::JsAuthX;
use authx_wasm::js::keys::{export_jwk, export_pem, generate_key_pair, generate_secret};
use js_sys::{Array, Function, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &s(k), v).unwrap();
    }
    o.into()
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &s(k)).unwrap()
}

fn fixed_clock(ms: f64) -> JsValue {
    let number = Reflect::get(&js_sys::global(), &s("Number")).unwrap();
    let proto = Reflect::get(&number, &s("prototype")).unwrap();
    let value_of = Reflect::get(&proto, &s("valueOf")).unwrap();
    value_of
        .unchecked_into::<Function>()
        .bind0(&JsValue::from_f64(ms))
        .into()
}

fn error_name<T>(r: Result<T, JsValue>) -> String {
    let e = r.err().expect("an error");
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error");
    get(&e, "name").as_string().unwrap_or_default()
}

fn vector(id: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("fixtures/jwt-public.json")).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone()
}

fn js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn round_trip(alg: &str) {
    let pair = generate_key_pair(s(alg), JsValue::UNDEFINED).unwrap();
    let (private, public) = (get(&pair, "privateKey"), get(&pair, "publicKey"));
    assert_eq!(get(&public, "alg").as_string().as_deref(), Some(alg));
    assert!(get(&public, "d").is_undefined());
    let signer = JsAuthX::new(obj(&[("algorithm", s(alg)), ("privateKey", private)])).unwrap();
    let token = signer
        .create_access_token(obj(&[("uid", s("alice"))]))
        .unwrap();
    let verifier =
        JsAuthX::new(obj(&[("algorithm", s(alg)), ("publicKey", public.clone())])).unwrap();
    let p = verifier.decode_token(s(&token)).unwrap();
    assert_eq!(
        get(&get(&p, "claims"), "sub").as_string().as_deref(),
        Some("alice")
    );
    assert_eq!(
        error_name(verifier.create_access_token(obj(&[("uid", s("u"))]))),
        "BadConfigurationError"
    );
    // The PEM form of the public key verifies too.
    let pem = export_pem(public, JsValue::UNDEFINED).unwrap();
    let by_pem = JsAuthX::new(obj(&[("algorithm", s(alg)), ("publicKey", s(&pem))])).unwrap();
    assert!(by_pem.decode_token(s(&token)).is_ok());
    let mut tampered = token.clone();
    let mid = tampered.len() - 10;
    let c = if &tampered[mid..=mid] == "A" {
        "B"
    } else {
        "A"
    };
    tampered.replace_range(mid..=mid, c);
    assert_eq!(
        error_name(verifier.decode_token(s(&tampered))),
        "InvalidSignatureError"
    );
}

#[wasm_bindgen_test]
fn ecdsa_every_curve_round_trips() {
    for alg in ["ES256", "ES256K", "ES384", "ES512"] {
        round_trip(alg);
    }
}

#[wasm_bindgen_test]
fn eddsa_round_trips() {
    round_trip("EdDSA");
    round_trip("Ed25519");
}

#[wasm_bindgen_test]
fn rsa_round_trips() {
    round_trip("PS256");
}

#[wasm_bindgen_test]
fn public_vectors_verify_in_wasm() {
    for (id, now_ms) in [
        ("rfc7515-a3-es256", 1_300_819_300_000.0),
        ("rfc7515-a2-rs256", 1_300_819_300_000.0),
        ("jwtio-default-es256", 1_516_239_100_000.0),
    ] {
        let v = vector(id);
        let alg = v["alg"].as_str().unwrap();
        let mut key = v["key"].clone();
        let pem = key.as_object_mut().unwrap().remove("pem");
        let mut forms = vec![js(&key)];
        if let Some(Value::String(pem)) = pem {
            forms.push(s(&pem));
        }
        for public in forms {
            let auth = JsAuthX::new(obj(&[
                ("algorithm", s(alg)),
                ("publicKey", public),
                ("now", fixed_clock(now_ms)),
            ]))
            .unwrap_or_else(|e| panic!("{id}: {e:?}"));
            let p = auth
                .decode_token(s(v["token"].as_str().unwrap()))
                .unwrap_or_else(|e| panic!("{id}: {e:?}"));
            let exp = get(&get(&p, "claims"), "exp").as_f64();
            assert_eq!(exp, v["claims"]["exp"].as_f64(), "{id}");
        }
    }
}

#[wasm_bindgen_test]
fn jwks_kid_and_rotation() {
    let old = generate_key_pair(s("ES256"), JsValue::UNDEFINED).unwrap();
    let new = generate_key_pair(s("ES256"), JsValue::UNDEFINED).unwrap();
    let old_signer = JsAuthX::new(obj(&[
        ("algorithm", s("ES256")),
        ("privateKey", get(&old, "privateKey")),
    ]))
    .unwrap();
    let old_token = old_signer
        .create_access_token(obj(&[("uid", s("u"))]))
        .unwrap();
    let set = Array::of1(&get(&old, "publicKey"));
    let rotated = JsAuthX::new(obj(&[
        ("algorithm", s("ES256")),
        ("privateKey", get(&new, "privateKey")),
        ("verificationKeys", set.into()),
    ]))
    .unwrap();
    assert!(rotated.decode_token(s(&old_token)).is_ok());
    let jwks = rotated.public_jwks().unwrap();
    let keys = Array::from(&get(&jwks, "keys"));
    assert_eq!(keys.length(), 2);
    assert_eq!(
        get(&keys.get(0), "kid").as_string(),
        get(&get(&new, "publicKey"), "kid").as_string()
    );
    let alone = JsAuthX::new(obj(&[
        ("algorithm", s("ES256")),
        ("privateKey", get(&new, "privateKey")),
    ]))
    .unwrap();
    assert_eq!(
        error_name(alone.decode_token(s(&old_token))),
        "InvalidSignatureError"
    );
}

#[wasm_bindgen_test]
fn bad_keys_are_configuration_errors_never_panics() {
    let pem = export_pem(
        get(
            &generate_key_pair(s("ES256"), JsValue::UNDEFINED).unwrap(),
            "publicKey",
        ),
        JsValue::UNDEFINED,
    )
    .unwrap();
    for (alg, name, value) in [
        ("HS256", "secretKey", s(&pem)),
        ("ES384", "publicKey", s(&pem)),
        (
            "ES256",
            "publicKey",
            s("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
        ),
        ("ES256", "publicKey", JsValue::from_f64(7.0)),
        ("ES256", "privateKey", s(&pem)),
        (
            "RS256",
            "publicKey",
            obj(&[("kty", s("RSA")), ("n", s("AQAB")), ("e", s("AQAB"))]),
        ),
    ] {
        let r = JsAuthX::new(obj(&[("algorithm", s(alg)), (name, value)]));
        assert_eq!(error_name(r), "BadConfigurationError", "{alg} {name}");
    }
    assert_eq!(
        error_name(export_jwk(s("x"), JsValue::UNDEFINED)),
        "BadConfigurationError"
    );
    // The instance still works after all of that.
    assert_eq!(generate_secret(s("HS256")).unwrap().len(), 43);
}
