//! The `AuthX` class: converts arguments, calls the core, converts results.

use super::clock::JsClock;
use super::error::{lift, JsResult};
use super::options::{authx_options, Options};
use crate::core::authx::AuthX;
use crate::core::claims::TokenType;
use crate::core::clock::Clock;
use crate::core::error::{Error, Result};
use crate::core::mint::TokenRequest;
use crate::core::verify::Requirements;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Makes, decodes and verifies AuthX tokens with one configuration and key.
#[wasm_bindgen(js_name = AuthX)]
pub struct JsAuthX {
    inner: AuthX,
    clock: JsClock,
    /// `{ now, leeway }` for the payloads this instance makes.
    context: JsValue,
}

const ACCESS_OPTIONS: &[&str] = &[
    "uid",
    "fresh",
    "scopes",
    "data",
    "expiresIn",
    "audience",
    "headers",
];
const REFRESH_OPTIONS: &[&str] = &["uid", "scopes", "data", "expiresIn", "audience", "headers"];
const PAIR_OPTIONS: &[&str] = &[
    "uid",
    "fresh",
    "scopes",
    "data",
    "audience",
    "headers",
    "accessExpiresIn",
    "refreshExpiresIn",
];
const VERIFY_OPTIONS: &[&str] = &["type", "fresh", "scopes", "allRequired", "csrf"];

fn request(o: &Options<'_>, token_type: TokenType, expires_name: &str) -> Result<TokenRequest> {
    let uid = o
        .string("uid")?
        .ok_or_else(|| Error::config("uid is required and must be a non-empty string"))?;
    let mut req = TokenRequest::new(token_type, uid);
    if token_type == TokenType::Access {
        req.fresh = o.boolean("fresh")?.unwrap_or(false);
    }
    req.scopes = o.strings("scopes")?;
    req.data = o.json_object("data")?;
    req.expires_in = o.lifetime(expires_name)?;
    req.audience = o.audience("audience")?;
    req.headers = o.json_object("headers")?;
    Ok(req)
}

/// The same length rule as [`token_string`], for a token already in wasm memory.
pub(crate) fn check_length(token: &str, max_len: usize) -> Result<()> {
    // Bytes are never fewer than UTF-16 units: only a long text needs counting.
    if token.len() <= max_len {
        return Ok(());
    }
    let units = token.encode_utf16().count();
    if units > max_len {
        return Err(Error::malformed(format!(
            "the token is at least {units} bytes, over the limit of {max_len} (option maxTokenLength)"
        )));
    }
    Ok(())
}

/// The token argument as a string, refusing non-strings and over-long ones before copying.
pub(crate) fn token_string(token: &JsValue, max_len: usize) -> Result<String> {
    // Refuse an over-long token before copying it into wasm memory: every UTF-16
    // unit is at least one UTF-8 byte.
    if token.is_string() {
        let units = token.unchecked_ref::<js_sys::JsString>().length() as usize;
        if units > max_len {
            return Err(Error::malformed(format!(
                "the token is at least {units} bytes, over the limit of {max_len} (option maxTokenLength)"
            )));
        }
    }
    token.as_string().ok_or_else(|| {
        let what = if token.is_undefined() || token.is_null() {
            "missing"
        } else {
            "not a string"
        };
        Error::malformed(format!("the token is {what}; pass the compact JWT string"))
    })
}

#[wasm_bindgen(js_class = AuthX)]
impl JsAuthX {
    /// `new AuthX({ secretKey | privateKey | publicKey, keyId, verificationKeys,
    /// algorithm, accessTokenExpires, refreshTokenExpires, issuer, audience,
    /// leeway, csrf, now, maxTokenLength })`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AuthXOptions")] options: JsValue,
    ) -> JsResult<JsAuthX> {
        let opts = lift(authx_options(&options))?;
        let inner = lift(AuthX::with_keys(opts.config, &opts.keys.spec()))?;
        let clock = JsClock::new(opts.now);
        let context = super::payload::context(&clock, inner.config().leeway);
        Ok(JsAuthX {
            inner,
            clock,
            context,
        })
    }

    fn now(&self) -> JsResult<f64> {
        lift(self.clock.now_seconds())
    }

    fn payload(&self, inner: &crate::core::payload::Payload) -> JsResult<JsValue> {
        super::payload::to_js(inner, &self.context)
    }

    /// Creates an access token.
    #[wasm_bindgen(js_name = createAccessToken)]
    pub fn create_access_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AccessTokenOptions")] options: JsValue,
    ) -> JsResult<String> {
        let o = lift(Options::new(&options, "options", ACCESS_OPTIONS))?;
        let req = lift(request(&o, TokenType::Access, "expiresIn"))?;
        lift(self.inner.create_token(&req, self.now()?))
    }

    /// Creates a refresh token.
    #[wasm_bindgen(js_name = createRefreshToken)]
    pub fn create_refresh_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RefreshTokenOptions")] options: JsValue,
    ) -> JsResult<String> {
        let o = lift(Options::new(&options, "options", REFRESH_OPTIONS))?;
        let req = lift(request(&o, TokenType::Refresh, "expiresIn"))?;
        lift(self.inner.create_token(&req, self.now()?))
    }

    /// Creates an access and a refresh token for the same user: `{ accessToken, refreshToken, tokenType: "bearer" }`.
    #[wasm_bindgen(js_name = createTokenPair, unchecked_return_type = "TokenPair")]
    pub fn create_token_pair(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TokenPairOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let o = lift(Options::new(&options, "options", PAIR_OPTIONS))?;
        // Each option is read once: both tokens get the same uid, scopes and data
        // even from getters that answer differently each time.
        let access = lift(request(&o, TokenType::Access, "accessExpiresIn"))?;
        let refresh = TokenRequest {
            token_type: TokenType::Refresh,
            fresh: false,
            expires_in: lift(o.lifetime("refreshExpiresIn"))?,
            ..access.clone()
        };
        let now = self.now()?;
        let access = lift(self.inner.create_token(&access, now))?;
        let refresh = lift(self.inner.create_token(&refresh, now))?;
        let pair = Object::new();
        for (k, v) in [
            ("accessToken", access.as_str()),
            ("refreshToken", &refresh),
            ("tokenType", "bearer"),
        ] {
            Reflect::set(&pair, &JsValue::from_str(k), &JsValue::from_str(v))?;
        }
        Ok(pair.into())
    }

    /// Decodes and verifies a token (alg, signature, exp, nbf, iat, iss, aud).
    #[wasm_bindgen(js_name = decodeToken, unchecked_return_type = "TokenPayload")]
    pub fn decode_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    ) -> JsResult<JsValue> {
        let token = lift(token_string(&token, self.inner.config().max_token_length))?;
        let payload = lift(self.inner.decode(&token, self.now()?))?;
        self.payload(&payload)
    }

    /// `decodeToken` for a token that `pkg/bind.mjs` wrote into the input buffer.
    #[wasm_bindgen(js_name = __decodeInput, skip_typescript)]
    pub fn decode_input(&self, len: usize) -> JsResult<JsValue> {
        let token = super::input::take(len)?;
        lift(check_length(&token, self.inner.config().max_token_length))?;
        let payload = lift(self.inner.decode(&token, self.now()?))?;
        self.payload(&payload)
    }

    /// `verifyToken` for a token that `pkg/bind.mjs` wrote into the input buffer.
    #[wasm_bindgen(js_name = __verifyInput, skip_typescript)]
    pub fn verify_input(&self, len: usize, options: JsValue) -> JsResult<JsValue> {
        let token = super::input::take(len)?;
        lift(check_length(&token, self.inner.config().max_token_length))?;
        let o = lift(Options::new(&options, "options", VERIFY_OPTIONS))?;
        let req = lift(requirements(&o))?;
        let payload = lift(self.inner.verify(&token, &req, self.now()?))?;
        self.payload(&payload)
    }

    /// `decodeToken` plus AuthX's request checks, in AuthX's order: type, fresh, CSRF, scopes.
    #[wasm_bindgen(js_name = verifyToken, unchecked_return_type = "TokenPayload")]
    pub fn verify_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let token = lift(token_string(&token, self.inner.config().max_token_length))?;
        let o = lift(Options::new(&options, "options", VERIFY_OPTIONS))?;
        let req = lift(requirements(&o))?;
        let payload = lift(self.inner.verify(&token, &req, self.now()?))?;
        self.payload(&payload)
    }

    /// The public verification keys as a JWKS `{ keys: [...] }`, ready to serve
    /// at `/.well-known/jwks.json` (secrets are never included).
    #[wasm_bindgen(js_name = publicJwks, unchecked_return_type = "JWKS")]
    pub fn public_jwks(&self) -> JsResult<JsValue> {
        #[cfg(feature = "asymmetric")]
        return Ok(super::keys::to_js(&lift(self.inner.public_jwks())?));
        // The HMAC-only build holds only secrets, which are never published.
        #[cfg(not(feature = "asymmetric"))]
        {
            let out = js_sys::Object::new();
            js_sys::Reflect::set(&out, &"keys".into(), &js_sys::Array::new())?;
            Ok(out.into())
        }
    }

    /// Verifies a refresh token and returns a new non-fresh access token with the same sub, scopes and data.
    #[wasm_bindgen(js_name = refreshAccessToken)]
    pub fn refresh_access_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] refresh_token: JsValue,
    ) -> JsResult<String> {
        let token = lift(token_string(
            &refresh_token,
            self.inner.config().max_token_length,
        ))?;
        lift(self.inner.refresh_access_token(&token, self.now()?))
    }
}

fn requirements(o: &Options<'_>) -> Result<Requirements> {
    let mut req = Requirements::default();
    if let Some(t) = o.string("type")? {
        req.token_type = TokenType::parse(&t).ok_or_else(|| {
            Error::config(format!(
                "options.type must be \"access\" or \"refresh\", not {t:?}"
            ))
        })?;
    }
    req.fresh = o.boolean("fresh")?.unwrap_or(false);
    req.scopes = o.strings("scopes")?;
    req.all_required = o.boolean("allRequired")?.unwrap_or(true);
    // A `csrf` key asks for the check even when its value is missing, so that
    // `{ csrf: req.headers["x-csrf-token"] }` fails closed without the header.
    if o.has("csrf")? {
        let v = o.get("csrf")?;
        req.csrf = Some(if v.is_undefined() || v.is_null() {
            String::new()
        } else {
            o.string("csrf")?.unwrap_or_default()
        });
    }
    Ok(req)
}
