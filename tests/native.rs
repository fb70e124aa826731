//! Native integration tests of the core through its public API: public test
//! vectors (RFC 7515 and jwt.io, in tests/fixtures/jwt-public.json), and whole
//! create → decode → verify flows.

use authx_wasm::{
    base64url, Algorithm, AuthX, Config, ErrorKind, KeyMaterial, Requirements, TokenRequest,
    TokenType,
};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/jwt-public.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn hmac_instance(v: &Value) -> Option<AuthX> {
    let alg = Algorithm::from_name(v["alg"].as_str()?)?;
    let secret = base64url::decode(v["key"]["k"].as_str()?).ok()?;
    let config = Config {
        algorithm: alg,
        ..Config::default()
    };
    Some(AuthX::new(config, KeyMaterial::Secret(&secret)).unwrap())
}

#[test]
fn public_hmac_vectors() {
    let mut checked = 0;
    for v in vectors() {
        let Some(auth) = hmac_instance(&v) else {
            continue;
        };
        let id = v["id"].as_str().unwrap();
        let token = v["token"].as_str().unwrap();
        // A vector without "now" does not depend on time.
        let now = v["now"].as_f64().unwrap_or(1.0e9);
        let result = auth.decode(token, now);
        match v["expect"].as_str().unwrap() {
            "valid" => {
                let payload = result.unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(
                    serde_json::from_str::<Value>(&payload.claims.json).unwrap(),
                    v["claims"],
                    "{id}"
                );
            }
            _ => {
                let err = result.expect_err(id);
                let expected = match id {
                    "gojwt-hs256-bad-signature" => ErrorKind::InvalidSignature,
                    "rfc7515-a1-hs256-expired" => ErrorKind::Expired,
                    "jwtio-alg-none" => ErrorKind::AlgorithmNotAllowed,
                    other => panic!("unclassified invalid vector {other}"),
                };
                assert_eq!(err.kind(), expected, "{id}: {err}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 6, "every HMAC vector in the fixture was checked");
}

#[test]
fn rfc7515_a1_header_keeps_its_original_bytes() {
    // The header has CR LF and spaces: the signature is over the base64url text.
    let v = vectors()
        .into_iter()
        .find(|v| v["id"] == "rfc7515-a1-hs256")
        .unwrap();
    let payload = hmac_instance(&v)
        .unwrap()
        .decode(v["token"].as_str().unwrap(), 1300819300.0)
        .unwrap();
    assert_eq!(payload.header.typ.as_deref(), Some("JWT"));
    assert_eq!(payload.claims.exp, Some(1300819380.0));
    assert_eq!(payload.claims.iss.as_deref(), Some("joe"));
}

#[test]
fn login_refresh_and_sensitive_route() {
    let config = Config {
        issuer: Some("api.example".into()),
        csrf: true,
        ..Config::default()
    };
    let auth = AuthX::new(config, KeyMaterial::Secret(b"correct horse battery staple")).unwrap();
    let t0 = 1_796_316_753.6;

    let mut login = TokenRequest::new(TokenType::Access, "alice");
    login.fresh = true;
    login.scopes = Some(vec!["posts:*".into()]);
    let access = auth.create_token(&login, t0).unwrap();
    let mut refresh_req = TokenRequest::new(TokenType::Refresh, "alice");
    refresh_req.scopes = login.scopes.clone();
    let refresh = auth.create_token(&refresh_req, t0).unwrap();

    let sensitive = Requirements {
        fresh: true,
        scopes: Some(vec!["posts:delete".into()]),
        ..Requirements::default()
    };
    let p = auth.verify(&access, &sensitive, t0 + 60.0).unwrap();
    assert_eq!(p.claims.iat, Some(1_796_316_753.0));
    assert_eq!(p.claims.iss.as_deref(), Some("api.example"));

    // 20 minutes later the access token is expired; the refresh token makes a non-fresh one.
    let later = t0 + 1200.0;
    assert_eq!(
        auth.decode(&access, later).unwrap_err().kind(),
        ErrorKind::Expired
    );
    let renewed = auth.refresh_access_token(&refresh, later).unwrap();
    let p = auth.decode(&renewed, later).unwrap();
    assert!(!p.fresh());
    assert_eq!(p.claims.sub.as_deref(), Some("alice"));
    assert_eq!(p.claims.scopes, login.scopes);
    assert_eq!(
        auth.verify(&renewed, &sensitive, later).unwrap_err().kind(),
        ErrorKind::FreshTokenRequired
    );
    // The access token cannot be used as a refresh token.
    assert_eq!(
        auth.refresh_access_token(&renewed, later)
            .unwrap_err()
            .kind(),
        ErrorKind::RefreshTokenRequired
    );
}

#[test]
fn a_token_from_another_algorithm_or_key_is_refused() {
    let hs256 = AuthX::new(Config::default(), KeyMaterial::Secret(b"k")).unwrap();
    let hs512 = AuthX::new(
        Config {
            algorithm: Algorithm::Hs512,
            ..Config::default()
        },
        KeyMaterial::Secret(b"k"),
    )
    .unwrap();
    let token = hs512
        .create_token(&TokenRequest::new(TokenType::Access, "u"), 1e9)
        .unwrap();
    let err = hs256.decode(&token, 1e9).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
    assert_eq!(
        err.message(),
        "alg HS512 is not allowed; this key verifies HS256"
    );
    let other = AuthX::new(Config::default(), KeyMaterial::Secret(b"K")).unwrap();
    let token = other
        .create_token(&TokenRequest::new(TokenType::Access, "u"), 1e9)
        .unwrap();
    assert_eq!(
        hs256.decode(&token, 1e9).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn messages_never_contain_the_secret_or_the_token() {
    let secret = "do-not-leak-this-secret";
    let auth = AuthX::new(Config::default(), KeyMaterial::Secret(secret.as_bytes())).unwrap();
    let token = auth
        .create_token(&TokenRequest::new(TokenType::Access, "u"), 1e9)
        .unwrap();
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    for (t, now) in [(&token, 2e9), (&tampered, 1e9)] {
        let err = auth.decode(t, now).unwrap_err();
        assert!(!err.message().contains(secret));
        assert!(!err.message().contains(t.as_str()));
    }
}
