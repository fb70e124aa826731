// The public API: construction, token creation (claims, order, header, times),
// refresh, and every TokenPayload getter. The clock is always injected.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  AuthX,
  TokenPayload,
  AuthXError,
  BadConfigurationError,
  RefreshTokenRequiredError,
  InvalidSignatureError,
  InvalidAudienceError,
  TokenExpiredError,
} from "../../pkg/index.mjs";
import {
  NOW_S,
  NOW_MS,
  SECRET,
  UUID_V4,
  segJSON,
  segText,
  parts,
  mac,
  sign,
  claims,
  throwsClass,
} from "./helpers.mjs";

const fixed = (ms = NOW_MS) => () => ms;
const mk = (opts = {}) => new AuthX({ secretKey: SECRET, now: fixed(), ...opts });

// Clock with a fractional second: iat must be floor(now / 1000).
const FRAC_MS = NOW_MS + 987;

describe("construction", () => {
  test("defaults: HS256, 900 s access, 1728000 s refresh, csrf '', no iss/aud", () => {
    const auth = new AuthX({ secretKey: SECRET, now: fixed(FRAC_MS) });
    const access = auth.createAccessToken({ uid: "alice" });
    const refresh = auth.createRefreshToken({ uid: "alice" });
    const [ha, pa] = parts(access);
    const [, pr] = parts(refresh);
    assert.deepEqual(ha, { alg: "HS256", typ: "JWT" });
    assert.equal(pa.iat, NOW_S);
    assert.equal(pa.exp, NOW_S + 900);
    assert.equal(pr.iat, NOW_S);
    assert.equal(pr.exp, NOW_S + 1728000);
    assert.equal(pa.csrf, "");
    assert.equal(pr.csrf, "");
    assert.equal("iss" in pa, false);
    assert.equal("aud" in pa, false);
    assert.equal(access.split(".")[2].length, 43); // 32-byte HMAC-SHA256
    // signature really is HMAC-SHA256 of the first two segments with the UTF-8 key
    const [h, p, s] = access.split(".");
    assert.equal(s, mac(`${h}.${p}`, { alg: "HS256" }));
    // leeway 0 by default: at exp exactly the token is expired
    const later = new AuthX({ secretKey: SECRET, now: fixed((NOW_S + 900) * 1000) });
    throwsClass(() => later.decodeToken(access), TokenExpiredError);
    const justBefore = new AuthX({ secretKey: SECRET, now: fixed((NOW_S + 900) * 1000 - 1) });
    assert.equal(justBefore.decodeToken(access).sub, "alice");
  });

  test("default clock is the real clock (iat close to Date.now())", () => {
    const auth = new AuthX({ secretKey: SECRET });
    const before = Math.floor(Date.now() / 1000);
    const [, p] = parts(auth.createAccessToken({ uid: "a" }));
    const after = Math.floor(Date.now() / 1000);
    assert.ok(p.iat >= before && p.iat <= after, `iat ${p.iat} not in [${before}, ${after}]`);
  });

  test("every option is honoured", () => {
    const auth = new AuthX({
      secretKey: SECRET,
      algorithm: "HS512",
      accessTokenExpires: 60,
      refreshTokenExpires: 3600,
      issuer: "https://issuer.example",
      audience: ["web", "mobile"],
      leeway: 30,
      csrf: true,
      now: fixed(FRAC_MS),
      maxTokenLength: 2000,
    });
    const access = auth.createAccessToken({ uid: "u" });
    const refresh = auth.createRefreshToken({ uid: "u" });
    const [h, p] = parts(access);
    assert.deepEqual(h, { alg: "HS512", typ: "JWT" });
    assert.equal(p.exp, NOW_S + 60);
    assert.equal(parts(refresh)[1].exp, NOW_S + 3600);
    assert.equal(p.iss, "https://issuer.example");
    assert.deepEqual(p.aud, ["web", "mobile"]);
    assert.match(p.csrf, UUID_V4);
    // leeway 30: still valid 29 s after exp, expired 30 s after
    const at = (ms) => new AuthX({ secretKey: SECRET, algorithm: "HS512", issuer: "https://issuer.example", audience: ["web", "mobile"], leeway: 30, now: fixed(ms) });
    assert.equal(at((NOW_S + 60 + 29) * 1000).decodeToken(access).sub, "u");
    throwsClass(() => at((NOW_S + 60 + 30) * 1000).decodeToken(access), TokenExpiredError);
    // maxTokenLength 2000: a 2001-byte string is refused before anything else
    assert.ok(access.length < 2000);
    assert.equal(auth.decodeToken(access).sub, "u");
    assert.throws(() => auth.decodeToken(access + "A".repeat(2001 - access.length)), (e) => e instanceof AuthXError && e.code === "ERR_JWT_INVALID" && /2000/.test(e.message));
  });

  test("audience as a single string goes into aud as a string", () => {
    const [, p] = parts(mk({ audience: "web", issuer: "me" }).createAccessToken({ uid: "u" }));
    assert.equal(p.aud, "web");
    assert.equal(p.iss, "me");
  });

  test("accessTokenExpires / refreshTokenExpires null: no exp claim", () => {
    const auth = mk({ accessTokenExpires: null, refreshTokenExpires: null });
    const [, pa] = parts(auth.createAccessToken({ uid: "u" }));
    const [, pr] = parts(auth.createRefreshToken({ uid: "u" }));
    assert.equal("exp" in pa, false);
    assert.equal("exp" in pr, false);
    const payload = auth.decodeToken(auth.createAccessToken({ uid: "u" }));
    assert.equal(payload.exp, undefined);
    assert.equal(payload.expiryDate, undefined);
    assert.equal(payload.isExpired, false);
    assert.equal(payload.timeUntilExpiry, undefined);
  });

  const bad = {
    "missing secretKey": { now: fixed() },
    "secretKey undefined": { secretKey: undefined },
    "secretKey null": { secretKey: null },
    "secretKey number": { secretKey: 12345 },
    "secretKey object": { secretKey: { k: "x" } },
    "secretKey array of numbers": { secretKey: [1, 2, 3] },
    'algorithm "hs256" (case)': { secretKey: SECRET, algorithm: "hs256" },
    'algorithm "none"': { secretKey: SECRET, algorithm: "none" },
    'algorithm "RS256"': { secretKey: SECRET, algorithm: "RS256" },
    'algorithm "ES256"': { secretKey: SECRET, algorithm: "ES256" },
    'algorithm "HS1024"': { secretKey: SECRET, algorithm: "HS1024" },
    'algorithm ""': { secretKey: SECRET, algorithm: "" },
    "algorithm number": { secretKey: SECRET, algorithm: 256 },
    "accessTokenExpires 1.5": { secretKey: SECRET, accessTokenExpires: 1.5 },
    'accessTokenExpires "900"': { secretKey: SECRET, accessTokenExpires: "900" },
    "accessTokenExpires NaN": { secretKey: SECRET, accessTokenExpires: NaN },
    "accessTokenExpires Infinity": { secretKey: SECRET, accessTokenExpires: Infinity },
    "refreshTokenExpires 0.25": { secretKey: SECRET, refreshTokenExpires: 0.25 },
    'refreshTokenExpires "1d"': { secretKey: SECRET, refreshTokenExpires: "1d" },
    "issuer number": { secretKey: SECRET, issuer: 7 },
    "audience number": { secretKey: SECRET, audience: 7 },
    "audience array with a number": { secretKey: SECRET, audience: ["web", 7] },
    'leeway "10"': { secretKey: SECRET, leeway: "10" },
    "leeway NaN": { secretKey: SECRET, leeway: NaN },
    'csrf "yes"': { secretKey: SECRET, csrf: "yes" },
    "csrf 1": { secretKey: SECRET, csrf: 1 },
    "now not a function": { secretKey: SECRET, now: 1796314000000 },
    'maxTokenLength "big"': { secretKey: SECRET, maxTokenLength: "big" },
    "maxTokenLength -1": { secretKey: SECRET, maxTokenLength: -1 },
    "maxTokenLength 1.5": { secretKey: SECRET, maxTokenLength: 1.5 },
    "unknown option secret": { secret: "x" },
    "unknown option next to secretKey": { secretKey: SECRET, secret: "x" },
    "typo accessTokenExpire": { secretKey: SECRET, accessTokenExpire: 60 },
    "snake_case secret_key": { secretKey: SECRET, secret_key: SECRET },
  };
  for (const [label, opts] of Object.entries(bad)) {
    test(`bad option -> BadConfigurationError: ${label}`, () => {
      const e = throwsClass(() => new AuthX(opts), BadConfigurationError);
      assert.equal(e.code, "ERR_BAD_CONFIGURATION");
      assert.ok(!e.message.includes(SECRET), "message leaks the secret");
    });
  }

  for (const [label, arg] of [["undefined", undefined], ["null", null], ["a string", SECRET], ["a number", 1]]) {
    test(`options ${label} -> BadConfigurationError`, () => {
      throwsClass(() => new AuthX(arg), BadConfigurationError);
    });
  }

  test("unknown option names are named in the message", () => {
    const e = throwsClass(() => new AuthX({ secretKey: SECRET, accessTokenExpire: 60 }), BadConfigurationError);
    assert.match(e.message, /accessTokenExpire/);
  });

  test("Uint8Array secret equals the same string secret (UTF-8)", () => {
    const str = "päss-wörd-€";
    const bytes = new TextEncoder().encode(str);
    const a = new AuthX({ secretKey: str, now: fixed() });
    const b = new AuthX({ secretKey: bytes, now: fixed() });
    const ta = a.createAccessToken({ uid: "x" });
    const tb = b.createAccessToken({ uid: "y" });
    assert.equal(b.decodeToken(ta).sub, "x");
    assert.equal(a.decodeToken(tb).sub, "y");
    const [h, p, s] = tb.split(".");
    assert.equal(s, createHmac("sha256", Buffer.from(str, "utf8")).update(`${h}.${p}`).digest("base64url"));
    // and a different key does not verify
    const c = new AuthX({ secretKey: new TextEncoder().encode(str + "!"), now: fixed() });
    throwsClass(() => c.decodeToken(ta), InvalidSignatureError);
  });

  test("Uint8Array secret with non-UTF-8 bytes is used as raw bytes", () => {
    const raw = new Uint8Array([0xff, 0x00, 0xfe, 0x80, 0x41]);
    const auth = new AuthX({ secretKey: raw, now: fixed() });
    const t = auth.createAccessToken({ uid: "x" });
    const [h, p, s] = t.split(".");
    assert.equal(s, createHmac("sha256", Buffer.from(raw)).update(`${h}.${p}`).digest("base64url"));
  });
});

describe("createAccessToken / createRefreshToken / createTokenPair", () => {
  test("access token: claim set and exact key order", () => {
    const auth = mk({ now: fixed(FRAC_MS) });
    const t = auth.createAccessToken({ uid: "alice" });
    const [h, p, s] = t.split(".");
    assert.equal(segText(h), '{"alg":"HS256","typ":"JWT"}');
    const payload = segJSON(p);
    assert.deepEqual(Object.keys(payload), ["sub", "jti", "type", "fresh", "csrf", "iat", "exp"]);
    assert.equal(payload.sub, "alice");
    assert.match(payload.jti, UUID_V4);
    assert.equal(payload.type, "access");
    assert.equal(payload.fresh, false);
    assert.equal(payload.csrf, "");
    assert.equal(payload.iat, NOW_S);
    assert.equal(payload.exp, NOW_S + 900);
    assert.equal(s, mac(`${h}.${p}`));
  });

  test("access token with every option: order sub jti type fresh csrf iat exp aud iss data scopes", () => {
    const auth = mk({ issuer: "iss-1", audience: "web", csrf: true, now: fixed(FRAC_MS) });
    const t = auth.createAccessToken({
      uid: "bob",
      fresh: true,
      scopes: ["read", "admin:*"],
      data: { zeta: 1, alpha: { nested: [1, "two", null, true] }, mid: "m" },
      expiresIn: 120,
      audience: ["api", "web"],
      headers: { kid: "key-7" },
    });
    const [h, p] = parts(t);
    assert.equal(segText(t.split(".")[0]), '{"alg":"HS256","typ":"JWT","kid":"key-7"}');
    assert.deepEqual(h, { alg: "HS256", typ: "JWT", kid: "key-7" });
    assert.deepEqual(Object.keys(p), ["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "aud", "iss", "zeta", "alpha", "mid", "scopes"]);
    assert.equal(p.sub, "bob");
    assert.equal(p.fresh, true);
    assert.match(p.csrf, UUID_V4);
    assert.notEqual(p.csrf, p.jti);
    assert.equal(p.iat, NOW_S);
    assert.equal(p.exp, NOW_S + 120);
    assert.deepEqual(p.aud, ["api", "web"]);
    assert.equal(p.iss, "iss-1");
    assert.deepEqual(p.alpha, { nested: [1, "two", null, true] });
    assert.deepEqual(p.scopes, ["read", "admin:*"]);
  });

  test("refresh token: no fresh claim, type refresh, key order", () => {
    const auth = mk({ now: fixed(FRAC_MS) });
    const t = auth.createRefreshToken({ uid: "carol", scopes: ["a"], data: { k: "v" } });
    const [, p] = parts(t);
    assert.deepEqual(Object.keys(p), ["sub", "jti", "type", "csrf", "iat", "exp", "k", "scopes"]);
    assert.equal(p.type, "refresh");
    assert.equal(p.exp, NOW_S + 1728000);
    assert.equal(p.iat, NOW_S);
  });

  test('createRefreshToken refuses "fresh" (unknown option) and other unknown names', () => {
    const auth = mk();
    throwsClass(() => auth.createRefreshToken({ uid: "u", fresh: true }), BadConfigurationError);
    throwsClass(() => auth.createAccessToken({ uid: "u", scope: ["a"] }), BadConfigurationError);
    throwsClass(() => auth.createTokenPair({ uid: "u", expiresIn: 5 }), BadConfigurationError);
  });

  test("iat = floor(now / 1000) for any millisecond", () => {
    for (const ms of [NOW_MS, NOW_MS + 1, NOW_MS + 499, NOW_MS + 500, NOW_MS + 999]) {
      const [, p] = parts(mk({ now: fixed(ms) }).createAccessToken({ uid: "u" }));
      assert.equal(p.iat, NOW_S, `now ${ms}`);
      assert.ok(Number.isInteger(p.iat));
      assert.equal(p.exp, NOW_S + 900);
    }
  });

  test("expiresIn override: positive, zero, negative, null; non-integers refused", () => {
    const auth = mk();
    assert.equal(parts(auth.createAccessToken({ uid: "u", expiresIn: 5 }))[1].exp, NOW_S + 5);
    assert.equal(parts(auth.createAccessToken({ uid: "u", expiresIn: 0 }))[1].exp, NOW_S);
    assert.equal(parts(auth.createAccessToken({ uid: "u", expiresIn: -30 }))[1].exp, NOW_S - 30);
    assert.equal(parts(auth.createRefreshToken({ uid: "u", expiresIn: 7 }))[1].exp, NOW_S + 7);
    const noExp = auth.createAccessToken({ uid: "u", expiresIn: null });
    assert.equal("exp" in parts(noExp)[1], false);
    assert.equal("exp" in parts(auth.createRefreshToken({ uid: "u", expiresIn: null }))[1], false);
    // a negative lifetime makes an already-expired token
    throwsClass(() => auth.decodeToken(auth.createAccessToken({ uid: "u", expiresIn: -30 })), TokenExpiredError);
    for (const v of [1.5, "60", NaN, Infinity, -0.5]) {
      throwsClass(() => auth.createAccessToken({ uid: "u", expiresIn: v }), BadConfigurationError);
      throwsClass(() => auth.createRefreshToken({ uid: "u", expiresIn: v }), BadConfigurationError);
    }
  });

  test("uid missing, non-string or empty -> BadConfigurationError", () => {
    const auth = mk();
    for (const o of [{}, { uid: 1 }, { uid: "" }, { uid: null }, { uid: ["a"] }]) {
      throwsClass(() => auth.createAccessToken(o), BadConfigurationError);
      throwsClass(() => auth.createRefreshToken(o), BadConfigurationError);
      throwsClass(() => auth.createTokenPair(o), BadConfigurationError);
    }
    throwsClass(() => auth.createAccessToken(), BadConfigurationError);
    throwsClass(() => auth.createAccessToken("alice"), BadConfigurationError);
  });

  test("csrf: '' without csrf option, a fresh UUID v4 per token with csrf: true", () => {
    assert.equal(parts(mk().createAccessToken({ uid: "u" }))[1].csrf, "");
    assert.equal(parts(mk({ csrf: false }).createRefreshToken({ uid: "u" }))[1].csrf, "");
    const auth = mk({ csrf: true });
    const seen = new Set();
    for (let i = 0; i < 20; i++) {
      const c = parts(auth.createAccessToken({ uid: "u" }))[1].csrf;
      assert.match(c, UUID_V4);
      seen.add(c);
    }
    assert.equal(seen.size, 20);
    assert.match(parts(auth.createRefreshToken({ uid: "u" }))[1].csrf, UUID_V4);
  });

  test("jti is a UUID v4 and unique across 300 tokens", () => {
    const auth = mk();
    const seen = new Set();
    for (let i = 0; i < 300; i++) {
      const jti = parts(i % 2 ? auth.createAccessToken({ uid: "u" }) : auth.createRefreshToken({ uid: "u" }))[1].jti;
      assert.match(jti, UUID_V4);
      seen.add(jti);
    }
    assert.equal(seen.size, 300);
  });

  for (const name of ["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "nbf", "aud", "iss", "scopes"]) {
    test(`data with registered claim name "${name}" is refused`, () => {
      const auth = mk();
      const e = throwsClass(() => auth.createAccessToken({ uid: "u", data: { ok: 1, [name]: "x" } }), BadConfigurationError);
      assert.match(e.message, new RegExp(name));
      throwsClass(() => auth.createRefreshToken({ uid: "u", data: { [name]: 1 } }), BadConfigurationError);
      throwsClass(() => auth.createTokenPair({ uid: "u", data: { [name]: 1 } }), BadConfigurationError);
    });
  }

  test("data that is not an object is refused", () => {
    const auth = mk();
    for (const d of ["x", 1, [1, 2], true]) {
      throwsClass(() => auth.createAccessToken({ uid: "u", data: d }), BadConfigurationError);
    }
  });

  test("scopes must be an array of strings", () => {
    const auth = mk();
    for (const s of ["read", [1], ["a", null], { a: 1 }]) {
      throwsClass(() => auth.createAccessToken({ uid: "u", scopes: s }), BadConfigurationError);
    }
  });

  test("headers: kid is added after alg/typ; alg, crit, b64 are refused", () => {
    const auth = mk();
    const t = auth.createAccessToken({ uid: "u", headers: { kid: "k1" } });
    assert.equal(segText(t.split(".")[0]), '{"alg":"HS256","typ":"JWT","kid":"k1"}');
    const payload = auth.decodeToken(t);
    assert.deepEqual(payload.header, { alg: "HS256", typ: "JWT", kid: "k1" });
    assert.deepEqual(Object.keys(payload.header), ["alg", "typ", "kid"]);
    const r = auth.createRefreshToken({ uid: "u", headers: { kid: "k2" } });
    assert.deepEqual(parts(r)[0], { alg: "HS256", typ: "JWT", kid: "k2" });
    for (const hdr of [{ alg: "none" }, { alg: "HS256" }, { crit: ["exp"] }, { b64: false }, { kid: "k", alg: "HS512" }]) {
      throwsClass(() => auth.createAccessToken({ uid: "u", headers: hdr }), BadConfigurationError);
      throwsClass(() => auth.createRefreshToken({ uid: "u", headers: hdr }), BadConfigurationError);
    }
  });

  test("audience / issuer go into tokens; per-token audience overrides", () => {
    const auth = mk({ issuer: "https://auth.example", audience: "web" });
    const [, p] = parts(auth.createAccessToken({ uid: "u" }));
    assert.equal(p.iss, "https://auth.example");
    assert.equal(p.aud, "web");
    assert.equal(auth.decodeToken(auth.createAccessToken({ uid: "u" })).aud, "web");
    const other = auth.createAccessToken({ uid: "u", audience: "mobile" });
    assert.equal(parts(other)[1].aud, "mobile");
    throwsClass(() => auth.decodeToken(other), InvalidAudienceError);
    const both = auth.createRefreshToken({ uid: "u", audience: ["mobile", "web"] });
    assert.deepEqual(auth.decodeToken(both).aud, ["mobile", "web"]);
    // no audience configured: no aud claim, unless given per token
    const plain = mk();
    assert.equal("aud" in parts(plain.createAccessToken({ uid: "u" }))[1], false);
    assert.equal(parts(plain.createAccessToken({ uid: "u", audience: "x" }))[1].aud, "x");
  });

  for (const [alg, hash, len] of [["HS256", "sha256", 43], ["HS384", "sha384", 64], ["HS512", "sha512", 86]]) {
    test(`${alg}: header alg, signature length ${len} chars, HMAC matches node:crypto`, () => {
      const auth = mk({ algorithm: alg });
      const t = auth.createAccessToken({ uid: "u" });
      const [h, p, s] = t.split(".");
      assert.equal(segText(h), `{"alg":"${alg}","typ":"JWT"}`);
      assert.equal(s.length, len);
      assert.equal(Buffer.from(s, "base64url").length, len === 43 ? 32 : len === 64 ? 48 : 64);
      assert.equal(s, createHmac(hash, SECRET).update(`${h}.${p}`).digest("base64url"));
      assert.equal(auth.decodeToken(t).sub, "u");
    });
  }

  test("createTokenPair: shape, both tokens, overrides", () => {
    const auth = mk({ now: fixed(FRAC_MS) });
    const pair = auth.createTokenPair({ uid: "dave", fresh: true, scopes: ["s:*"], data: { plan: "pro" }, headers: { kid: "kp" } });
    assert.deepEqual(Object.keys(pair).sort(), ["accessToken", "refreshToken", "tokenType"]);
    assert.equal(pair.tokenType, "bearer");
    const [ha, pa] = parts(pair.accessToken);
    const [hr, pr] = parts(pair.refreshToken);
    assert.deepEqual(ha, { alg: "HS256", typ: "JWT", kid: "kp" });
    assert.deepEqual(hr, { alg: "HS256", typ: "JWT", kid: "kp" });
    assert.equal(pa.type, "access");
    assert.equal(pa.fresh, true);
    assert.equal(pr.type, "refresh");
    assert.equal("fresh" in pr, false);
    assert.equal(pa.sub, "dave");
    assert.equal(pr.sub, "dave");
    assert.notEqual(pa.jti, pr.jti);
    assert.deepEqual(pa.scopes, ["s:*"]);
    assert.deepEqual(pr.scopes, ["s:*"]);
    assert.equal(pa.plan, "pro");
    assert.equal(pr.plan, "pro");
    assert.equal(pa.exp, NOW_S + 900);
    assert.equal(pr.exp, NOW_S + 1728000);
    const o = auth.createTokenPair({ uid: "dave", accessExpiresIn: 10, refreshExpiresIn: null, audience: "aud-x" });
    assert.equal(parts(o.accessToken)[1].exp, NOW_S + 10);
    assert.equal("exp" in parts(o.refreshToken)[1], false);
    assert.equal(parts(o.accessToken)[1].aud, "aud-x");
    assert.equal(parts(o.refreshToken)[1].aud, "aud-x");
    assert.equal(parts(o.accessToken)[1].fresh, false);
  });
});

describe("refreshAccessToken", () => {
  test("returns a non-fresh access token with the same sub, scopes and data", () => {
    let clock = NOW_MS;
    const auth = new AuthX({ secretKey: SECRET, issuer: "iss", audience: "web", now: () => clock });
    const refresh = auth.createRefreshToken({ uid: "erin", scopes: ["a", "b:*"], data: { org: 42, tags: ["x"] } });
    const rp = parts(refresh)[1];
    clock = NOW_MS + 3_600_500; // an hour later
    const access = auth.refreshAccessToken(refresh);
    const [h, p] = parts(access);
    assert.deepEqual(h, { alg: "HS256", typ: "JWT" });
    assert.equal(p.type, "access");
    assert.equal(p.fresh, false);
    assert.equal(p.sub, "erin");
    assert.deepEqual(p.scopes, ["a", "b:*"]);
    assert.equal(p.org, 42);
    assert.deepEqual(p.tags, ["x"]);
    assert.notEqual(p.jti, rp.jti);
    assert.match(p.jti, UUID_V4);
    assert.equal(p.iat, NOW_S + 3600);
    assert.equal(p.exp, NOW_S + 3600 + 900);
    assert.equal(p.iss, "iss");
    assert.equal(p.aud, "web");
    const payload = auth.verifyToken(access, {});
    assert.deepEqual(payload.extra, { org: 42, tags: ["x"] });
  });

  test("refuses an access token with RefreshTokenRequiredError", () => {
    const auth = mk();
    const access = auth.createAccessToken({ uid: "u", fresh: true });
    const e = throwsClass(() => auth.refreshAccessToken(access), RefreshTokenRequiredError);
    assert.equal(e.code, "ERR_TOKEN_TYPE");
  });

  test("refuses an expired refresh token and a foreign one", () => {
    const auth = mk();
    throwsClass(() => auth.refreshAccessToken(auth.createRefreshToken({ uid: "u", expiresIn: -1 })), TokenExpiredError);
    throwsClass(() => auth.refreshAccessToken(mk({ secretKey: "other" }).createRefreshToken({ uid: "u" })), InvalidSignatureError);
  });

  test("a refresh token without scopes gives an access token without scopes", () => {
    const auth = mk();
    const p = parts(auth.refreshAccessToken(auth.createRefreshToken({ uid: "u" })))[1];
    assert.equal("scopes" in p, false);
    assert.deepEqual(Object.keys(p), ["sub", "jti", "type", "fresh", "csrf", "iat", "exp"]);
  });
});

describe("TokenPayload getters", () => {
  test("every getter on a full token", () => {
    let clock = NOW_MS;
    const auth = new AuthX({ secretKey: SECRET, issuer: "iss-9", audience: "web", csrf: true, now: () => clock });
    const t = auth.createAccessToken({ uid: "frank", fresh: true, scopes: ["x", "y:*"], data: { a: 1, b: { c: [2] } }, headers: { kid: "k" } });
    const raw = parts(t)[1];
    const p = auth.decodeToken(t);
    assert.ok(p instanceof TokenPayload);
    assert.equal(p.sub, "frank");
    assert.equal(p.jti, raw.jti);
    assert.equal(p.iat, NOW_S);
    assert.equal(p.exp, NOW_S + 900);
    assert.equal(p.nbf, undefined);
    assert.equal(p.iss, "iss-9");
    assert.equal(p.aud, "web");
    assert.equal(p.type, "access");
    assert.equal(p.fresh, true);
    assert.equal(p.csrf, raw.csrf);
    assert.match(p.csrf, UUID_V4);
    assert.deepEqual(p.scopes, ["x", "y:*"]);
    assert.deepEqual(p.extra, { a: 1, b: { c: [2] } });
    assert.deepEqual(p.header, { alg: "HS256", typ: "JWT", kid: "k" });
    assert.ok(p.expiryDate instanceof Date);
    assert.equal(p.expiryDate.getTime(), (NOW_S + 900) * 1000);
    assert.ok(p.issuedAtDate instanceof Date);
    assert.equal(p.issuedAtDate.getTime(), NOW_MS);
    assert.equal(p.notBeforeDate, undefined);
    assert.equal(p.timeUntilExpiry, 900);
    assert.equal(p.timeSinceIssued, 0);
    assert.equal(p.isExpired, false);
  });

  test("missing optional claims: undefined; type 'access', fresh false, csrf '' by default", () => {
    const t = sign({ alg: "HS256" }, { sub: "only" });
    const p = mk().decodeToken(t);
    assert.equal(p.sub, "only");
    for (const k of ["jti", "iat", "exp", "nbf", "iss", "aud", "scopes", "expiryDate", "issuedAtDate", "notBeforeDate", "timeUntilExpiry", "timeSinceIssued"]) {
      assert.equal(p[k], undefined, k);
    }
    assert.equal(p.type, "access");
    assert.equal(p.fresh, false);
    assert.equal(p.csrf, "");
    assert.equal(p.isExpired, false);
    assert.deepEqual(p.extra, {});
    assert.deepEqual(p.header, { alg: "HS256" });
    assert.deepEqual(p.toJSON(), { sub: "only" });
    // a token without sub at all
    const q = mk().decodeToken(sign({ alg: "HS256" }, {}));
    assert.equal(q.sub, undefined);
  });

  test("nbf getters and aud array", () => {
    const t = sign({ alg: "HS256", typ: "JWT" }, claims({ nbf: NOW_S - 5, aud: ["a", "b"] }));
    const p = mk({ audience: "b" }).decodeToken(t);
    assert.equal(p.nbf, NOW_S - 5);
    assert.equal(p.notBeforeDate.getTime(), (NOW_S - 5) * 1000);
    assert.deepEqual(p.aud, ["a", "b"]);
  });

  test("timeUntilExpiry / timeSinceIssued / isExpired follow the injected clock", () => {
    let clock = NOW_MS;
    const auth = new AuthX({ secretKey: SECRET, now: () => clock });
    const p = auth.decodeToken(auth.createAccessToken({ uid: "u" })); // iat NOW_S, exp NOW_S+900
    assert.equal(p.timeUntilExpiry, 900);
    assert.equal(p.timeSinceIssued, 0);
    clock = NOW_MS + 100_500;
    assert.ok(Math.abs(p.timeUntilExpiry - 799.5) < 1e-6, `timeUntilExpiry ${p.timeUntilExpiry}`);
    assert.ok(Math.abs(p.timeSinceIssued - 100.5) < 1e-6, `timeSinceIssued ${p.timeSinceIssued}`);
    assert.equal(p.isExpired, false);
    clock = (NOW_S + 900) * 1000 - 1;
    assert.equal(p.isExpired, false);
    clock = (NOW_S + 900) * 1000; // exp == now: expired
    assert.equal(p.isExpired, true);
    assert.equal(p.timeUntilExpiry, 0);
    clock = (NOW_S + 1000) * 1000;
    assert.equal(p.isExpired, true);
    assert.equal(p.timeUntilExpiry, -100);
    assert.equal(p.timeSinceIssued, 1000);
  });

  test("isExpired honours the instance's leeway", () => {
    let clock = NOW_MS;
    const auth = new AuthX({ secretKey: SECRET, leeway: 10, now: () => clock });
    const p = auth.decodeToken(auth.createAccessToken({ uid: "u", expiresIn: 60 })); // exp NOW_S+60
    clock = (NOW_S + 60) * 1000;
    assert.equal(p.isExpired, false);
    clock = (NOW_S + 69) * 1000 + 999;
    assert.equal(p.isExpired, false);
    clock = (NOW_S + 70) * 1000; // exp <= now - leeway
    assert.equal(p.isExpired, true);
    // timeUntilExpiry does not include the leeway
    assert.equal(p.timeUntilExpiry, -10);
  });

  test("toJSON and JSON.stringify give all claims in token order", () => {
    const auth = mk({ issuer: "i", audience: ["w"] });
    const t = auth.createAccessToken({ uid: "u", fresh: true, scopes: ["s"], data: { z: 1, a: [true, null, "é"] } });
    const p = auth.decodeToken(t);
    const raw = segText(t.split(".")[1]);
    const j = p.toJSON();
    assert.deepEqual(j, JSON.parse(raw));
    assert.deepEqual(Object.keys(j), Object.keys(JSON.parse(raw)));
    assert.equal(JSON.stringify(p), raw);
    assert.equal(JSON.stringify({ p }), `{"p":${raw}}`);
  });

  test("toJSON and extra are copies: mutating them does not change the payload", () => {
    const auth = mk();
    const p = auth.decodeToken(auth.createAccessToken({ uid: "u", data: { n: 1 }, scopes: ["a"] }));
    p.toJSON().sub = "evil";
    p.extra.n = 2;
    p.scopes.push("admin");
    assert.equal(p.sub, "u");
    assert.equal(p.extra.n, 1);
    assert.deepEqual(p.scopes, ["a"]);
    assert.equal(p.hasScopes("admin"), false);
  });

  test("extra holds exactly the non-registered claims", () => {
    const t = sign({ alg: "HS256" }, claims({ nbf: NOW_S, aud: "x", iss: "y", scopes: ["q"], custom: { deep: 1 }, n: null }));
    const p = mk({ audience: "x" }).decodeToken(t);
    assert.deepEqual(p.extra, { custom: { deep: 1 }, n: null });
  });
});

describe("TokenPayload.decodeUnverified", () => {
  test("reads a token signed with another key, without checks of signature or time", () => {
    const other = new AuthX({ secretKey: "some-other-key", algorithm: "HS512", issuer: "them", now: fixed(NOW_MS - 10_000_000) });
    const t = other.createAccessToken({ uid: "gina", scopes: ["p:*"], data: { d: 1 }, audience: "elsewhere" });
    throwsClass(() => mk().decodeToken(t), AuthXError);
    let clock = NOW_MS;
    const p = TokenPayload.decodeUnverified(t, { now: () => clock });
    const raw = parts(t)[1];
    assert.equal(p.sub, "gina");
    assert.equal(p.iss, "them");
    assert.equal(p.aud, "elsewhere");
    assert.deepEqual(p.header, { alg: "HS512", typ: "JWT" });
    assert.deepEqual(p.toJSON(), raw);
    assert.equal(p.hasScopes("p:read"), true);
    assert.equal(p.isExpired, true); // exp = NOW_S - 10000 + 900
    assert.equal(p.timeUntilExpiry, raw.exp - NOW_S);
    clock = (raw.exp - 1) * 1000;
    assert.equal(p.isExpired, false);
    assert.equal(p.timeUntilExpiry, 1);
  });

  test("works without options", () => {
    const t = mk().createAccessToken({ uid: "h" });
    assert.equal(TokenPayload.decodeUnverified(t).sub, "h");
    assert.equal(TokenPayload.decodeUnverified(t, {}).sub, "h");
  });
});
