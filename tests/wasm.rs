//! The JavaScript binding, run inside real wasm hosts: Node (`wasm-pack test
//! --node`) and headless Chromium (`wasm-pack test --headless --chrome`), the
//! same file in both (scripts/wasm-test.sh). These check what only the wasm
//! build has: `crypto.getRandomValues` through getrandom, the `Date.now` clock,
//! JS option conversion, and errors as JS `Error`s with `name` and `code`
//! (the package entries turn them into classes; tests/js checks those).
#![cfg(target_arch = "wasm32")]

use authx_wasm::js::auth::JsAuthX;
use authx_wasm::js::payload::{decode_unverified, scopes_allow};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const NOW_MS: f64 = 1_796_316_753_250.0;

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn s(v: &str) -> JsValue {
    JsValue::from_str(v)
}

fn strings(items: &[&str]) -> JsValue {
    items.iter().map(|x| s(x)).collect::<Array>().into()
}

/// A clock function returning `ms` (built without eval: `Number.prototype.valueOf` bound to ms).
fn fixed_clock(ms: f64) -> JsValue {
    let number = Reflect::get(&js_sys::global(), &s("Number")).unwrap();
    let proto = Reflect::get(&number, &s("prototype")).unwrap();
    let value_of = Reflect::get(&proto, &s("valueOf")).unwrap();
    value_of
        .unchecked_into::<Function>()
        .bind0(&JsValue::from_f64(ms))
        .into()
}

fn auth(extra: &[(&str, JsValue)]) -> JsAuthX {
    let mut pairs = vec![("secretKey", s("s3cret")), ("now", fixed_clock(NOW_MS))];
    pairs.extend(extra.iter().cloned());
    JsAuthX::new(obj(&pairs)).unwrap_or_else(|e| panic!("{e:?}"))
}

/// A claim of what `decodeToken` returns without the package's JS factory (as in
/// these tests): the plain object `{ header, claims }` that JSON.parse made.
fn claim(decoded: &JsValue, name: &str) -> JsValue {
    let claims = Reflect::get(decoded, &s("claims")).unwrap();
    Reflect::get(&claims, &s(name)).unwrap()
}

fn text(decoded: &JsValue, name: &str) -> Option<String> {
    claim(decoded, name).as_string()
}

fn number(decoded: &JsValue, name: &str) -> Option<f64> {
    claim(decoded, name).as_f64()
}

/// The core's scope rule as `TokenPayload.hasScopes` calls it (JSON text in).
fn allows(decoded: &JsValue, required: &str) -> bool {
    let granted = js_sys::JSON::stringify(&claim(decoded, "scopes"))
        .ok()
        .and_then(|t| t.as_string());
    let text = match granted {
        Some(g) => format!("[{required},{g}]"),
        None => format!("[{required}]"),
    };
    scopes_allow(&text, true).unwrap()
}

fn error_of<T>(r: Result<T, JsValue>) -> (String, String, String) {
    let e = r.err().expect("an error");
    let get = |k: &str| {
        Reflect::get(&e, &s(k))
            .unwrap()
            .as_string()
            .unwrap_or_default()
    };
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error");
    (get("name"), get("code"), get("message"))
}

#[wasm_bindgen_test]
fn create_then_decode_with_an_injected_clock() {
    let a = auth(&[("issuer", s("api")), ("audience", s("web"))]);
    let opts = obj(&[
        ("uid", s("user-1")),
        ("fresh", JsValue::TRUE),
        ("scopes", strings(&["admin:*", "read"])),
        ("data", obj(&[("role", s("editor"))])),
    ]);
    let token = a.create_access_token(opts).unwrap();
    let p = a.decode_token(s(&token)).unwrap();
    assert_eq!(text(&p, "sub").as_deref(), Some("user-1"));
    // iat is the injected clock (NOW_MS) floored to the second.
    assert_eq!(number(&p, "iat"), Some(1_796_316_753.0));
    assert_eq!(number(&p, "exp"), Some(1_796_316_753.0 + 900.0));
    assert_eq!(text(&p, "iss").as_deref(), Some("api"));
    assert_eq!(text(&p, "aud").as_deref(), Some("web"));
    assert_eq!(claim(&p, "fresh"), JsValue::TRUE);
    assert_eq!(text(&p, "type").as_deref(), Some("access"));
    assert_eq!(text(&p, "csrf").as_deref(), Some(""));
    assert_eq!(text(&p, "role").as_deref(), Some("editor"));
    assert!(allows(&p, r#"["admin:users","read"]"#));
    assert!(!allows(&p, r#"["write"]"#));
    let header = Reflect::get(&p, &s("header")).unwrap();
    assert_eq!(
        Reflect::get(&header, &s("alg"))
            .unwrap()
            .as_string()
            .as_deref(),
        Some("HS256")
    );
}

#[wasm_bindgen_test]
fn randomness_comes_from_the_host() {
    // jti and csrf are UUID v4s drawn through crypto.getRandomValues.
    let a = auth(&[("csrf", JsValue::TRUE)]);
    let opts = || obj(&[("uid", s("u"))]);
    let p1 = a
        .decode_token(s(&a.create_access_token(opts()).unwrap()))
        .unwrap();
    let p2 = a
        .decode_token(s(&a.create_access_token(opts()).unwrap()))
        .unwrap();
    let (j1, j2) = (text(&p1, "jti").unwrap(), text(&p2, "jti").unwrap());
    assert_ne!(j1, j2);
    assert_eq!(&j1[14..15], "4");
    assert_eq!(text(&p1, "csrf").unwrap().len(), 36);
    assert_ne!(text(&p1, "csrf"), text(&p2, "csrf"));
}

#[wasm_bindgen_test]
fn the_default_clock_is_date_now() {
    let a = JsAuthX::new(obj(&[("secretKey", s("k"))])).unwrap();
    let token = a.create_access_token(obj(&[("uid", s("u"))])).unwrap();
    let p = a.decode_token(s(&token)).unwrap();
    let now = js_sys::Date::now() / 1000.0;
    assert!((number(&p, "iat").unwrap() - now).abs() < 5.0);
    assert!(number(&p, "exp").unwrap() > now);
}

#[wasm_bindgen_test]
fn uint8array_secret_equals_the_string_secret() {
    let bytes = Uint8Array::from(&b"s3cret"[..]);
    let by_bytes = JsAuthX::new(obj(&[
        ("secretKey", bytes.into()),
        ("now", fixed_clock(NOW_MS)),
    ]))
    .unwrap();
    let token = auth(&[])
        .create_access_token(obj(&[("uid", s("u"))]))
        .unwrap();
    assert_eq!(
        text(&by_bytes.decode_token(s(&token)).unwrap(), "sub").as_deref(),
        Some("u")
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_name_and_code() {
    let a = auth(&[]);
    let expired = a
        .create_access_token(obj(&[
            ("uid", s("u")),
            ("expiresIn", JsValue::from_f64(-192.0)),
        ]))
        .unwrap();
    let r = a.decode_token(s(&expired));
    let (name, code, message) = error_of(r);
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("TokenExpiredError", "ERR_JWT_EXPIRED")
    );
    assert_eq!(
        message,
        "token expired 192.25 s ago at 2026-12-03T16:49:21Z; leeway 0 s"
    );
    let (name, code, _) = error_of(JsAuthX::new(obj(&[
        ("secretKey", s("k")),
        ("algorithm", s("none")),
    ])));
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("BadConfigurationError", "ERR_BAD_CONFIGURATION")
    );
    let (name, _, message) = error_of(JsAuthX::new(obj(&[("secret", s("k"))])));
    assert_eq!(name, "BadConfigurationError");
    assert!(message.contains("unknown option \"secret\""), "{message}");
    let (name, code, _) = error_of(a.decode_token(s("not-a-token")));
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("MalformedTokenError", "ERR_JWT_INVALID")
    );
    let (name, _, _) = error_of(a.decode_token(JsValue::from_f64(42.0)));
    assert_eq!(name, "MalformedTokenError");
}

#[wasm_bindgen_test]
fn verify_checks_type_fresh_csrf_scopes_in_order() {
    let a = auth(&[("csrf", JsValue::TRUE)]);
    let refresh = a
        .create_refresh_token(obj(&[("uid", s("u")), ("scopes", strings(&["read"]))]))
        .unwrap();
    let (name, code, message) =
        error_of(a.verify_token(s(&refresh), obj(&[("fresh", JsValue::TRUE)])));
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("AccessTokenRequiredError", "ERR_TOKEN_TYPE")
    );
    assert_eq!(message, "'access' token required, 'refresh' token received");

    let stale = a.refresh_access_token(s(&refresh)).unwrap();
    let p = a.decode_token(s(&stale)).unwrap();
    assert_eq!(claim(&p, "fresh"), JsValue::FALSE);
    let (name, _, _) = error_of(a.verify_token(s(&stale), obj(&[("fresh", JsValue::TRUE)])));
    assert_eq!(name, "FreshTokenRequiredError");
    let (name, _, _) = error_of(a.verify_token(s(&stale), obj(&[("csrf", s("wrong"))])));
    assert_eq!(name, "CSRFError");
    let ok = a.verify_token(
        s(&stale),
        obj(&[("csrf", claim(&p, "csrf")), ("scopes", strings(&["read"]))]),
    );
    assert!(ok.is_ok());
    let (name, code, _) =
        error_of(a.verify_token(s(&stale), obj(&[("scopes", strings(&["write"]))])));
    assert_eq!(
        (name.as_str(), code.as_str()),
        ("InsufficientScopeError", "ERR_INSUFFICIENT_SCOPE")
    );
    let (name, _, _) = error_of(a.verify_token(s(&stale), obj(&[("type", s("refresh"))])));
    assert_eq!(name, "RefreshTokenRequiredError");
}

#[wasm_bindgen_test]
fn unverified_decode_reads_a_token_from_another_key() {
    let other = JsAuthX::new(obj(&[
        ("secretKey", s("other")),
        ("now", fixed_clock(NOW_MS)),
    ]))
    .unwrap();
    let token = other
        .create_access_token(obj(&[("uid", s("u9")), ("scopes", strings(&["a:*"]))]))
        .unwrap();
    let (name, _, _) = error_of(auth(&[]).decode_token(s(&token)));
    assert_eq!(name, "InvalidSignatureError");
    let p = decode_unverified(s(&token), obj(&[("now", fixed_clock(NOW_MS + 1000.0))])).unwrap();
    assert_eq!(text(&p, "sub").as_deref(), Some("u9"));
    assert!(allows(&p, r#"["a:b"]"#));
    assert!(!allows(&p, r#"["b"]"#));
    let (name, _, _) = error_of(scopes_allow("[[1]]", true));
    assert_eq!(name, "BadConfigurationError");
}
