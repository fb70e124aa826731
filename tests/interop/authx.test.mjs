// Interop with the real Python AuthX 1.7.1 (PyPI), both directions.
//   1. AuthX -> us: AuthX mints, this package decodes and verifies.
//   2. us -> AuthX: this package mints, AuthX decodes and verifies.
// AuthX runs in .venv (AUTHX_PYTHON) through tests/interop/authx_tool.py, one
// Python process per batch of ops.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import {
  AuthX,
  TokenPayload,
  InvalidSignatureError,
  InvalidAudienceError,
  InvalidIssuerError,
  AccessTokenRequiredError,
  RefreshTokenRequiredError,
  FreshTokenRequiredError,
  InsufficientScopeError,
  CSRFError,
  TokenExpiredError,
} from "../../pkg/index.mjs";
import { authx, ok, segments, assertSameJson, throwsCode, secretFor, ALGORITHMS } from "./helpers.mjs";

const ISSUER = "https://auth.example.com";
// A different audience shape per algorithm: string, list, string.
const AUDIENCE = { HS256: "web", HS384: ["web", "mobile"], HS512: "api" };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REGISTERED = new Set(["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "nbf", "aud", "iss", "scopes"]);
const ACCESS_LIFETIME = 900; // AuthX default, 15 min
const REFRESH_LIFETIME = 20 * 24 * 3600; // AuthX default, 20 days

const ERROR_CLASSES = {
  AccessTokenRequiredError,
  RefreshTokenRequiredError,
  FreshTokenRequiredError,
  CSRFError,
};

function pyConfig(alg, extra = {}) {
  return {
    secret: secretFor(alg),
    alg,
    locations: ["headers", "cookies"],
    encode_issuer: ISSUER,
    encode_audience: AUDIENCE[alg],
    decode_issuer: ISSUER,
    decode_audience: AUDIENCE[alg],
    ...extra,
  };
}

function ours(alg, extra = {}) {
  return new AuthX({ secretKey: secretFor(alg), algorithm: alg, issuer: ISSUER, audience: AUDIENCE[alg], ...extra });
}

/** What this package does for one verifyToken call: "ok" or the error name. */
function ourOutcome(fn) {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e.name;
  }
}

/** JSON.stringify, with non-ASCII escaped as Python's json.dumps does by default. */
function pythonJson(value) {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Claim-by-claim: our TokenPayload against the payload AuthX put in (PyJWT-decoded). */
function assertPayloadMatches(p, minted, { data, label }) {
  const py = minted.payload;
  const { headerText, payloadText } = segments(minted.token);
  // The bridge itself: PyJWT's dict is the token's JSON, same order.
  assertSameJson(py, JSON.parse(payloadText), `${label}: bridge payload`);

  assert.equal(p.sub, py.sub, `${label}: sub`);
  assert.equal(p.jti, py.jti, `${label}: jti`);
  assert.match(p.jti, UUID_V4, `${label}: jti is a uuid4`);
  assert.equal(p.type, py.type, `${label}: type`);
  if (py.type === "access") assert.equal(p.fresh, py.fresh, `${label}: fresh`);
  else {
    assert.equal("fresh" in py, false, `${label}: AuthX refresh tokens carry no fresh`);
    assert.equal(p.fresh, false, `${label}: fresh defaults to false`);
  }
  assert.equal(p.csrf, py.csrf, `${label}: csrf`);
  assert.equal(p.iat, py.iat, `${label}: iat`);
  assert.ok(Number.isInteger(p.iat), `${label}: AuthX iat is an int`);
  assert.equal(p.exp, py.exp, `${label}: exp (exact, fractional)`);
  assert.equal(p.nbf, undefined, `${label}: nbf`);
  assert.deepStrictEqual(p.aud, py.aud, `${label}: aud`);
  assert.equal(p.iss, py.iss, `${label}: iss`);
  assert.deepStrictEqual(p.scopes, py.scopes, `${label}: scopes`);
  const pyExtra = Object.fromEntries(Object.entries(py).filter(([k]) => !REGISTERED.has(k)));
  assertSameJson(p.extra, pyExtra, `${label}: extra vs AuthX claims`);
  assert.deepStrictEqual(p.extra, data ?? {}, `${label}: extra vs data given to AuthX`);
  assertSameJson(p.header, minted.header, `${label}: header vs PyJWT`);
  assertSameJson(p.header, JSON.parse(headerText), `${label}: header vs token`);
  assertSameJson(p.toJSON(), JSON.parse(payloadText), `${label}: toJSON()`);
  // PyJWT writes compact JSON with shortest round-trip floats, as JSON.stringify
  // does, and escapes non-ASCII (json.dumps ensure_ascii): byte-identical text.
  assert.equal(pythonJson(p.toJSON()), payloadText, `${label}: toJSON() text`);
  if (py.exp !== undefined) {
    assert.ok(Math.abs(p.expiryDate.getTime() - py.exp * 1000) < 1, `${label}: expiryDate`);
  }
  assert.equal(p.issuedAtDate.getTime(), py.iat * 1000, `${label}: issuedAtDate`);
}

// --------------------------------------------------------------------------
// 1. AuthX -> us
// --------------------------------------------------------------------------

const ACCESS_DATA = { role: "admin", tenant: { id: 42, tags: ["a", "b"], nested: { ok: true, none: null } }, ratio: 0.25 };
const REFRESH_DATA = { role: "admin", device: "laptop" };
const PAIR_DATA = { plan: "pro" };
const EDGE_DATA = { tiny: 1e-7, huge: 1e21, negative: -2.5e-8, zero: 0, "": "empty key", "ключ": "значение", ctrl: "\u0000\u001f\u007f", list: [] };
const UNICODE_DATA = { name: "Zoë 😀", sep: "\u2028", quote: "\"'\\" };

function mintOps(alg) {
  const config = pyConfig(alg);
  return [
    { op: "mint", config, kind: "access", kwargs: { uid: "alice", fresh: true, scopes: ["users:read", "admin:*"], data: ACCESS_DATA } },
    { op: "mint", config, kind: "access", kwargs: { uid: "bob", fresh: false, scopes: ["posts:write"], data: { n: 1 } } },
    { op: "mint", config, kind: "refresh", kwargs: { uid: "alice", scopes: ["users:read", "admin:*"], data: REFRESH_DATA } },
    { op: "mint", config, kind: "pair", kwargs: { uid: "carol", fresh: true, data: PAIR_DATA, access_scopes: ["a"], refresh_scopes: ["a", "b"] } },
    { op: "mint", config, kind: "access", kwargs: { uid: "dave" } },
    { op: "mint", config, kind: "access", kwargs: { uid: "zoë", fresh: true, data: UNICODE_DATA } },
    // custom header: PyJWT sorts header names, so kid sits between alg and typ
    { op: "mint", config, kind: "access", kwargs: { uid: "kim", headers: { kid: "key-7", x5t: "abc" } } },
  ];
}

describe("AuthX 1.7.1 -> authx-wasm", () => {
  /** minted[alg] = { fresh, stale, refresh, pairAccess, pairRefresh, bare, unicode, kid }; special = other configs */
  const minted = {};
  /** Our refreshAccessToken on AuthX refresh tokens, and AuthX's verdicts on them. */
  const refreshedByUs = {};
  let special;
  /** AuthX's own verdicts on its own tokens (the reference for our verifyToken), by alg. */
  const reference = {};
  const REQUESTS = [];
  for (const type of ["access", "refresh"]) {
    for (const fresh of [false, true]) {
      for (const csrf of ["none", "right", "wrong", "empty"]) REQUESTS.push({ type, fresh, csrf });
    }
  }
  const SCOPE_CHECKS = [
    [[], true],
    [[], false],
    [["users:read"], true],
    [["admin"], true],
    [["admin:users:edit"], true],
    [["adminx"], true],
    [["users:read", "posts:write"], true],
    [["users:read", "posts:write"], false],
    [["posts:write"], false],
    [["a", "b"], true],
    [["b"], false],
  ];

  before(async () => {
    const ops = [];
    for (const alg of ALGORITHMS) ops.push(...mintOps(alg));
    ops.push(
      // no exp at all (JWT_ACCESS_TOKEN_EXPIRES=None)
      { op: "mint", config: pyConfig("HS256", { access_expires: null }), kind: "access", kwargs: { uid: "eve", fresh: true } },
      // headers only: AuthX puts csrf "" into the token
      { op: "mint", config: pyConfig("HS256", { locations: ["headers"] }), kind: "access", kwargs: { uid: "frank" } },
      // already expired: expiry in the past
      { op: "mint", config: pyConfig("HS256", { access_expires: -30 }), kind: "access", kwargs: { uid: "gina" } },
      // different issuer
      { op: "mint", config: pyConfig("HS256", { encode_issuer: "https://other.example.com" }), kind: "access", kwargs: { uid: "hal" } },
      // Python's own number and string formatting (1e-07, 1e+21, \u0000 escapes)
      { op: "mint", config: pyConfig("HS256"), kind: "access", kwargs: { uid: "ivy", data: EDGE_DATA } },
    );
    const results = await authx(ops);
    let i = 0;
    for (const alg of ALGORITHMS) {
      const [fresh, stale, refresh, pair, bare, unicode, kid] = results.slice(i, i + 7).map((r) => ok(r, `mint ${alg}`));
      i += 7;
      assert.equal(pair.token_type, "bearer");
      minted[alg] = {
        fresh: fresh.token,
        stale: stale.token,
        refresh: refresh.token,
        pairAccess: pair.access,
        pairRefresh: pair.refresh,
        bare: bare.token,
        unicode: unicode.token,
        kid: kid.token,
      };
    }
    const [noExp, headersOnly, expired, otherIssuer, edge] = results.slice(i).map((r) => ok(r, "mint special"));
    special = { noExp: noExp.token, headersOnly: headersOnly.token, expired: expired.token, otherIssuer: otherIssuer.token, edge: edge.token };

    // Second batch: AuthX verifies its own tokens for every request shape, and
    // checks scopes; also the audience check without a configured audience.
    const verifyOps = [];
    const index = [];
    for (const alg of ALGORITHMS) {
      for (const [name, m] of Object.entries(minted[alg])) {
        for (const req of REQUESTS) {
          const csrf = { none: null, right: m.payload.csrf, wrong: "00000000-0000-4000-8000-000000000000", empty: "" }[req.csrf];
          verifyOps.push({
            op: "verify",
            config: pyConfig(alg),
            token: m.token,
            type: req.type,
            location: req.csrf === "none" ? "headers" : "cookies",
            csrf,
            verify_type: true,
            verify_fresh: req.fresh,
            verify_csrf: true,
          });
          index.push({ alg, name, req, csrf });
        }
        verifyOps.push({ op: "decode", config: pyConfig(alg), token: m.token, scopes_checks: SCOPE_CHECKS });
        index.push({ alg, name, scopes: true });
        verifyOps.push({ op: "decode", config: pyConfig(alg, { decode_audience: null }), token: m.token });
        index.push({ alg, name, noAudience: true });
      }
    }
    // Our refreshAccessToken on AuthX's refresh tokens goes back to AuthX.
    for (const alg of ALGORITHMS) {
      refreshedByUs[alg] = [];
      for (const source of ["refresh", "pairRefresh"]) {
        const token = ours(alg).refreshAccessToken(minted[alg][source].token);
        const entry = { source, token, verdicts: {} };
        refreshedByUs[alg].push(entry);
        for (const [what, op] of [
          ["decode", { op: "decode", config: pyConfig(alg), token }],
          ["access", { op: "verify", config: pyConfig(alg), token, type: "access", location: "headers" }],
          ["fresh", { op: "verify", config: pyConfig(alg), token, type: "access", location: "headers", verify_fresh: true }],
          ["refresh", { op: "verify", config: pyConfig(alg), token, type: "refresh", location: "headers" }],
        ]) {
          verifyOps.push(op);
          index.push({ refreshed: entry, what });
        }
      }
    }
    const verdicts = await authx(verifyOps);
    verdicts.forEach((r, k) => {
      if (index[k].refreshed) {
        index[k].refreshed.verdicts[index[k].what] = r;
        return;
      }
      const { alg, name } = index[k];
      reference[alg] ??= {};
      reference[alg][name] ??= { requests: [], scopes: null, noAudience: null };
      if (index[k].scopes) reference[alg][name].scopes = ok(r, "decode").scopes;
      else if (index[k].noAudience) reference[alg][name].noAudience = r;
      else reference[alg][name].requests.push({ ...index[k], verdict: r.ok ? "ok" : r.error });
    });
  });

  for (const alg of ALGORITHMS) {
    describe(alg, () => {
      test("every claim, the header and toJSON() equal what AuthX put in", () => {
        const auth = ours(alg);
        const m = minted[alg];
        const cases = [
          ["fresh access", m.fresh, ACCESS_DATA],
          ["non-fresh access", m.stale, { n: 1 }],
          ["refresh", m.refresh, REFRESH_DATA],
          ["pair access", m.pairAccess, PAIR_DATA],
          ["pair refresh", m.pairRefresh, PAIR_DATA],
          ["no scopes, no data", m.bare, {}],
          ["unicode data", m.unicode, UNICODE_DATA],
          ["kid header", m.kid, {}],
        ];
        for (const [label, token, data] of cases) {
          const p = auth.decodeToken(token.token);
          assertPayloadMatches(p, token, { data, label: `${alg} ${label}` });
          // Also the unverified reader sees the same.
          assertSameJson(TokenPayload.decodeUnverified(token.token, {}).toJSON(), p.toJSON(), `${label}: decodeUnverified`);
        }
        // What AuthX put in, spelled out for the main token.
        const p = auth.decodeToken(m.fresh.token);
        assert.equal(p.sub, "alice");
        assert.equal(p.type, "access");
        assert.equal(p.fresh, true);
        assert.match(p.csrf, UUID_V4, "JWT_TOKEN_LOCATION with cookies: real csrf uuid");
        assert.deepStrictEqual(p.scopes, ["users:read", "admin:*"]);
        assert.deepStrictEqual(p.aud, AUDIENCE[alg]);
        assert.equal(p.iss, ISSUER);
        assert.deepStrictEqual(p.header, { alg, typ: "JWT" });
        assert.ok(Math.abs(p.exp - p.iat - ACCESS_LIFETIME) < 1.01, "access exp = iat + 15 min");
        const r = auth.decodeToken(m.refresh.token);
        assert.equal(r.type, "refresh");
        assert.ok(Math.abs(r.exp - r.iat - REFRESH_LIFETIME) < 1.01, "refresh exp = iat + 20 days");
        assert.notEqual(p.csrf, r.csrf, "one csrf per token");
        assert.deepStrictEqual(auth.decodeToken(m.pairAccess.token).scopes, ["a"]);
        assert.deepStrictEqual(auth.decodeToken(m.pairRefresh.token).scopes, ["a", "b"]);
        const k = auth.decodeToken(m.kid.token);
        assert.deepStrictEqual(Object.keys(k.header), ["alg", "kid", "typ", "x5t"], "header order as in the token");
        assert.deepStrictEqual(k.header, { alg, kid: "key-7", typ: "JWT", x5t: "abc" });
      });

      test("verifyToken gives AuthX's own verdict for every type / fresh / csrf request", () => {
        const auth = ours(alg);
        let checked = 0;
        for (const [name, ref] of Object.entries(reference[alg])) {
          const token = minted[alg][name].token;
          for (const { req, csrf, verdict } of ref.requests) {
            const options = { type: req.type, fresh: req.fresh };
            if (csrf !== null) options.csrf = csrf;
            const got = ourOutcome(() => auth.verifyToken(token, options));
            assert.equal(got, verdict, `${alg} ${name} verifyToken(${JSON.stringify(options)}): AuthX says ${verdict}`);
            if (verdict !== "ok") assert.ok(verdict in ERROR_CLASSES, `known AuthX error ${verdict}`);
            checked += 1;
          }
        }
        assert.equal(checked, 8 * REQUESTS.length);
      });

      test("verifyToken explicit cases: type, fresh, csrf, scopes (wildcards)", () => {
        const auth = ours(alg);
        const m = minted[alg];
        const csrf = m.fresh.payload.csrf;
        const p = auth.verifyToken(m.fresh.token, {
          type: "access",
          fresh: true,
          csrf,
          scopes: ["users:read", "admin", "admin:users:edit"],
        });
        assert.equal(p.jti, m.fresh.payload.jti);
        throwsCode(() => auth.verifyToken(m.stale.token, { fresh: true }), FreshTokenRequiredError, "non-fresh, fresh required");
        assert.equal(auth.verifyToken(m.stale.token, { fresh: false }).sub, "bob");
        throwsCode(() => auth.verifyToken(m.refresh.token, { type: "access" }), AccessTokenRequiredError, "refresh as access");
        throwsCode(() => auth.verifyToken(m.fresh.token, { type: "refresh" }), RefreshTokenRequiredError, "access as refresh");
        assert.equal(auth.verifyToken(m.refresh.token, { type: "refresh", csrf: m.refresh.payload.csrf }).type, "refresh");
        throwsCode(() => auth.verifyToken(m.fresh.token, { csrf: m.refresh.payload.csrf }), CSRFError, "another token's csrf");
        throwsCode(() => auth.verifyToken(m.fresh.token, { csrf: "" }), CSRFError, "empty csrf");
        throwsCode(() => auth.verifyToken(m.fresh.token, { scopes: ["posts:write"] }), InsufficientScopeError, "missing scope");
        throwsCode(() => auth.verifyToken(m.fresh.token, { scopes: ["adminx"] }), InsufficientScopeError, "admin:* is not adminx");
        assert.ok(auth.verifyToken(m.fresh.token, { scopes: ["posts:write", "users:read"], allRequired: false }));
        throwsCode(() => auth.verifyToken(m.bare.token, { scopes: ["a"] }), InsufficientScopeError, "no scopes claim");
        // Order as AuthX: type before fresh before csrf before scopes.
        throwsCode(() => auth.verifyToken(m.refresh.token, { type: "access", fresh: true, csrf: "x", scopes: ["zzz"] }), AccessTokenRequiredError);
        throwsCode(() => auth.verifyToken(m.stale.token, { fresh: true, csrf: "x", scopes: ["zzz"] }), FreshTokenRequiredError);
        throwsCode(() => auth.verifyToken(m.stale.token, { csrf: "x", scopes: ["zzz"] }), CSRFError);
      });

      test("hasScopes equals AuthX has_required_scopes on AuthX's tokens", () => {
        const auth = ours(alg);
        for (const [name, ref] of Object.entries(reference[alg])) {
          const p = auth.decodeToken(minted[alg][name].token);
          SCOPE_CHECKS.forEach(([required, allRequired], k) => {
            assert.equal(
              p.hasScopes(required, { allRequired }),
              ref.scopes[k],
              `${alg} ${name} scopes ${JSON.stringify(p.scopes)} hasScopes(${JSON.stringify(required)}, allRequired=${allRequired})`,
            );
          });
        }
      });

      test("refreshAccessToken on an AuthX refresh token", () => {
        const auth = ours(alg);
        const m = minted[alg];
        for (const [refresh, data] of [[m.refresh, REFRESH_DATA], [m.pairRefresh, PAIR_DATA]]) {
          const access = auth.refreshAccessToken(refresh.token);
          const p = auth.verifyToken(access, { type: "access" });
          assert.equal(p.type, "access");
          assert.equal(p.fresh, false);
          assert.equal(p.sub, refresh.payload.sub);
          assert.deepStrictEqual(p.scopes, refresh.payload.scopes);
          assert.deepStrictEqual(p.extra, data);
          assert.deepStrictEqual(p.aud, AUDIENCE[alg]);
          assert.equal(p.iss, ISSUER);
          assert.notEqual(p.jti, refresh.payload.jti);
          assert.ok(Number.isInteger(p.iat));
          assert.equal(p.exp, p.iat + ACCESS_LIFETIME);
          throwsCode(() => auth.verifyToken(access, { fresh: true }), FreshTokenRequiredError, "refreshed token is not fresh");
        }
        throwsCode(() => auth.refreshAccessToken(m.fresh.token), RefreshTokenRequiredError, "access token refused");
      });

      test("AuthX accepts our refreshAccessToken result as a non-fresh access token", () => {
        for (const { source, token, verdicts } of refreshedByUs[alg]) {
          const label = `${alg} refreshed from AuthX ${source}`;
          const p = ours(alg).decodeToken(token);
          const d = ok(verdicts.decode, `${label}: _decode_token`);
          assertSameJson(d.raw, p.toJSON(), `${label}: PyJWT payload = our toJSON()`);
          assert.equal(d.fields.sub, minted[alg][source].payload.sub);
          assert.equal(d.fields.type, "access");
          assert.equal(d.fields.fresh, false);
          assert.deepStrictEqual(d.fields.scopes, minted[alg][source].payload.scopes);
          ok(verdicts.access, `${label}: verify_token(type=access)`);
          assert.equal(verdicts.fresh.error, "FreshTokenRequiredError", `${label}: verify_fresh`);
          assert.equal(verdicts.refresh.error, "RefreshTokenRequiredError", `${label}: type=refresh`);
        }
      });

      test("wrong secret: InvalidSignatureError on every AuthX token", () => {
        const wrong = new AuthX({ secretKey: secretFor(`${alg}-wrong`), algorithm: alg, issuer: ISSUER, audience: AUDIENCE[alg] });
        for (const [name, m] of Object.entries(minted[alg])) {
          throwsCode(() => wrong.decodeToken(m.token), InvalidSignatureError, `${alg} ${name}`);
        }
      });

      test("an AuthX token with aud fails on an instance without audience (as in AuthX)", () => {
        const noAud = new AuthX({ secretKey: secretFor(alg), algorithm: alg, issuer: ISSUER });
        for (const [name, m] of Object.entries(minted[alg])) {
          throwsCode(() => noAud.decodeToken(m.token), InvalidAudienceError, `${alg} ${name}`);
          const theirs = reference[alg][name].noAudience;
          assert.equal(theirs.ok, false, "AuthX without JWT_DECODE_AUDIENCE also refuses");
          assert.equal(theirs.error, "TokenInvalidAudienceError");
        }
        const otherAud = new AuthX({ secretKey: secretFor(alg), algorithm: alg, issuer: ISSUER, audience: "elsewhere" });
        throwsCode(() => otherAud.decodeToken(minted[alg].fresh.token), InvalidAudienceError, "other audience");
      });
    });
  }

  test("a list audience from AuthX matches any one configured name", () => {
    const t = minted.HS384.fresh.token;
    for (const audience of ["web", "mobile", ["mobile"], ["other", "web"]]) {
      const p = new AuthX({ secretKey: secretFor("HS384"), algorithm: "HS384", issuer: ISSUER, audience }).decodeToken(t);
      assert.deepStrictEqual(p.aud, ["web", "mobile"]);
    }
  });

  test("AuthX token without exp (JWT_ACCESS_TOKEN_EXPIRES=None)", () => {
    const p = ours("HS256").decodeToken(special.noExp.token);
    assertPayloadMatches(p, special.noExp, { data: {}, label: "no exp" });
    assert.equal("exp" in special.noExp.payload, false);
    assert.equal(p.exp, undefined);
    assert.equal(p.expiryDate, undefined);
    assert.equal(p.isExpired, false);
  });

  test("AuthX headers-only token: csrf \"\", and any csrf check fails", () => {
    const auth = ours("HS256");
    const p = auth.decodeToken(special.headersOnly.token);
    assertPayloadMatches(p, special.headersOnly, { data: {}, label: "headers only" });
    assert.equal(p.csrf, "");
    assert.ok(auth.verifyToken(special.headersOnly.token, {}));
    throwsCode(() => auth.verifyToken(special.headersOnly.token, { csrf: "anything" }), CSRFError);
    // Decided divergence: AuthX's compare_digest("", "") passes; we refuse an empty csrf.
    throwsCode(() => auth.verifyToken(special.headersOnly.token, { csrf: "" }), CSRFError);
  });

  test("AuthX token already expired: TokenExpiredError; other issuer: InvalidIssuerError", () => {
    const auth = ours("HS256");
    const e = throwsCode(() => auth.decodeToken(special.expired.token), TokenExpiredError);
    assert.match(e.message, /expired/);
    const p = TokenPayload.decodeUnverified(special.expired.token, {});
    assert.equal(p.exp, special.expired.payload.exp);
    assert.equal(p.isExpired, true);
    throwsCode(() => auth.decodeToken(special.otherIssuer.token), InvalidIssuerError);
  });

  test("AuthX number and escape formatting (1e-07, 1e+21, \\u0000) reads back exactly", () => {
    const p = ours("HS256").decodeToken(special.edge.token);
    const { payloadText } = segments(special.edge.token);
    assert.match(payloadText, /"tiny":1e-07,"huge":1e\+21,/, "Python's float text is in the token");
    assertSameJson(p.extra, EDGE_DATA, "extra");
    assertSameJson(p.toJSON(), JSON.parse(payloadText), "toJSON()");
    assertSameJson(p.toJSON(), special.edge.payload, "toJSON() vs PyJWT");
  });

  test("AuthX emits fractional exp and we keep it exactly", () => {
    const all = ALGORITHMS.flatMap((alg) => Object.values(minted[alg]));
    assert.ok(all.some((m) => !Number.isInteger(m.payload.exp)), "some AuthX exp is fractional");
    for (const m of all) {
      assert.equal(TokenPayload.decodeUnverified(m.token, {}).exp, m.payload.exp);
    }
  });
});

// --------------------------------------------------------------------------
// 2. us -> AuthX
// --------------------------------------------------------------------------

describe("authx-wasm -> AuthX 1.7.1", () => {
  const DATA = { role: "editor", org: { id: 7, name: "Acme", flags: [true, false] }, score: 1.5 };
  const SCOPES = ["users:read", "posts:*"];
  const SCOPE_CHECKS = [
    [[], true],
    [[], false],
    [["users:read"], true],
    [["posts:write"], true],
    [["posts"], true],
    [["postsx"], true],
    [["users:write"], true],
    [["users:write", "posts:edit"], false],
    [["users:write"], false],
  ];
  /** tokens[alg] = { name: { token, payload (ours), data } } */
  const tokens = {};
  const results = {};

  before(async () => {
    const ops = [];
    const index = [];
    for (const alg of ALGORITHMS) {
      const auth = ours(alg, { csrf: true, now: () => Date.now() });
      const pair = auth.createTokenPair({ uid: "pair-user", fresh: true, scopes: ["a", "b:*"], data: { plan: "pro" } });
      assert.equal(pair.tokenType, "bearer");
      const made = {
        fresh: [auth.createAccessToken({ uid: "alice", fresh: true, scopes: SCOPES, data: DATA }), DATA],
        stale: [auth.createAccessToken({ uid: "bob", fresh: false, scopes: ["posts:write"], data: { n: 1 } }), { n: 1 }],
        refresh: [auth.createRefreshToken({ uid: "alice", scopes: SCOPES, data: DATA }), DATA],
        pairAccess: [pair.accessToken, { plan: "pro" }],
        pairRefresh: [pair.refreshToken, { plan: "pro" }],
        bare: [auth.createAccessToken({ uid: "dave" }), {}],
        unicode: [auth.createAccessToken({ uid: "zoë", fresh: true, data: UNICODE_DATA }), UNICODE_DATA],
        kid: [auth.createAccessToken({ uid: "kim", headers: { kid: "key-9" } }), {}],
      };
      made.refreshed = [auth.refreshAccessToken(made.refresh[0]), DATA];
      tokens[alg] = {};
      for (const [name, [token, data]] of Object.entries(made)) {
        const payload = auth.decodeToken(token);
        tokens[alg][name] = { token, payload, data };
        const config = pyConfig(alg);
        ops.push({ op: "decode", config, token, scopes_checks: SCOPE_CHECKS });
        index.push({ alg, name, what: "decode" });
        for (const type of ["access", "refresh"]) {
          for (const fresh of [false, true]) {
            ops.push({ op: "verify", config, token, type, location: "headers", csrf: null, verify_fresh: fresh });
            index.push({ alg, name, what: "headers", type, fresh });
          }
          for (const [csrfCase, csrf] of [["right", payload.csrf], ["wrong", crypto.randomUUID()], ["missing", null]]) {
            ops.push({ op: "verify", config, token, type, location: "cookies", csrf, verify_fresh: false });
            index.push({ alg, name, what: "cookies", type, csrfCase });
          }
        }
        ops.push({ op: "decode", config: pyConfig(alg, { secret: secretFor(`${alg}-wrong`) }), token });
        index.push({ alg, name, what: "wrongSecret" });
        ops.push({ op: "decode", config: pyConfig(alg, { decode_audience: "elsewhere" }), token });
        index.push({ alg, name, what: "wrongAudience" });
        ops.push({ op: "decode", config: pyConfig(alg, { decode_issuer: "https://other.example.com" }), token });
        index.push({ alg, name, what: "wrongIssuer" });
        const otherAlg = ALGORITHMS.find((a) => a !== alg);
        ops.push({ op: "decode", config: pyConfig(alg, { alg: otherAlg }), token });
        index.push({ alg, name, what: "wrongAlg" });
      }
    }
    // Expired, list audience, and no-exp tokens from us.
    const expired = ours("HS256", { now: () => Date.now() }).createAccessToken({ uid: "old", expiresIn: -60 });
    ops.push({ op: "decode", config: pyConfig("HS256"), token: expired });
    index.push({ what: "expired" });
    const listAud = new AuthX({ secretKey: secretFor("HS256"), issuer: ISSUER, audience: ["web", "mobile"], now: () => Date.now() });
    const listAudToken = listAud.createAccessToken({ uid: "multi" });
    ops.push({ op: "decode", config: pyConfig("HS256", { decode_audience: "mobile" }), token: listAudToken });
    index.push({ what: "listAud", token: listAudToken });
    const noExpToken = ours("HS256", { accessTokenExpires: null, now: () => Date.now() }).createAccessToken({ uid: "forever" });
    ops.push({ op: "decode", config: pyConfig("HS256"), token: noExpToken });
    index.push({ what: "noExp", token: noExpToken });

    const answers = await authx(ops);
    answers.forEach((r, k) => {
      const i = index[k];
      const key = i.alg ? `${i.alg}/${i.name}` : "special";
      results[key] ??= [];
      results[key].push({ ...i, r });
    });
  });

  /** AuthX's fields of a TokenPayload, from our payload. */
  function expectedFields(p) {
    return {
      sub: p.sub,
      jti: p.jti,
      type: p.type,
      fresh: p.fresh,
      csrf: p.csrf,
      iat: p.iat,
      exp: p.exp ?? null,
      nbf: null,
      aud: p.aud ?? null,
      iss: p.iss ?? null,
      scopes: p.scopes ?? null,
    };
  }

  for (const alg of ALGORITHMS) {
    describe(alg, () => {
      test("AuthX _decode_token: every TokenPayload field equals ours", () => {
        for (const [name, { token, payload, data }] of Object.entries(tokens[alg])) {
          const { r } = results[`${alg}/${name}`].find((x) => x.what === "decode");
          ok(r, `${alg} ${name} _decode_token`);
          assert.deepStrictEqual(r.fields, expectedFields(payload), `${alg} ${name}: fields`);
          assertSameJson(r.extra, data, `${alg} ${name}: AuthX model_extra = our data`);
          assertSameJson(r.raw, payload.toJSON(), `${alg} ${name}: PyJWT payload = our toJSON()`);
          assertSameJson(r.header, payload.header, `${alg} ${name}: PyJWT header = our header`);
          assert.match(r.fields.csrf, UUID_V4, `${alg} ${name}: csrf:true gives a uuid`);
        }
        const f = results[`${alg}/fresh`].find((x) => x.what === "decode").r.fields;
        assert.equal(f.sub, "alice");
        assert.equal(f.fresh, true);
        assert.deepStrictEqual(f.scopes, SCOPES);
        assert.deepStrictEqual(f.aud, AUDIENCE[alg]);
        assert.equal(f.iss, ISSUER);
        assert.equal(f.exp, f.iat + ACCESS_LIFETIME);
        const rf = results[`${alg}/refresh`].find((x) => x.what === "decode").r.fields;
        assert.equal(rf.type, "refresh");
        assert.equal(rf.exp, rf.iat + REFRESH_LIFETIME);
        const refreshed = results[`${alg}/refreshed`].find((x) => x.what === "decode").r.fields;
        assert.equal(refreshed.type, "access");
        assert.equal(refreshed.fresh, false);
        assert.deepStrictEqual(tokens[alg].kid.payload.header, { alg, typ: "JWT", kid: "key-9" });
      });

      test("AuthX verify_token: right type/fresh pass, wrong raise AccessTokenRequiredError/FreshTokenRequiredError", () => {
        for (const [name, { payload }] of Object.entries(tokens[alg])) {
          for (const { type, fresh, r } of results[`${alg}/${name}`].filter((x) => x.what === "headers")) {
            let expected = "ok";
            if (type !== payload.type) expected = type === "access" ? "AccessTokenRequiredError" : "RefreshTokenRequiredError";
            else if (fresh && !payload.fresh) expected = "FreshTokenRequiredError";
            const got = r.ok ? "ok" : r.error;
            assert.equal(got, expected, `${alg} ${name} (type ${payload.type}, fresh ${payload.fresh}) verify_token(type=${type}, verify_fresh=${fresh})`);
            if (r.ok) assert.deepStrictEqual(r.fields, expectedFields(payload));
            // ...and our verifyToken agrees.
            const mine = ourOutcome(() => ours(alg).verifyToken(tokens[alg][name].token, { type, fresh }));
            assert.equal(mine, expected, `${alg} ${name} our verifyToken(type=${type}, fresh=${fresh})`);
          }
        }
      });

      test("AuthX cookie verify: our csrf claim passes, a wrong or missing one raises CSRFError", () => {
        for (const [name, { payload }] of Object.entries(tokens[alg])) {
          for (const { type, csrfCase, r } of results[`${alg}/${name}`].filter((x) => x.what === "cookies")) {
            let expected;
            if (type !== payload.type) expected = type === "access" ? "AccessTokenRequiredError" : "RefreshTokenRequiredError";
            else expected = csrfCase === "right" ? "ok" : "CSRFError";
            assert.equal(r.ok ? "ok" : r.error, expected, `${alg} ${name} cookies type=${type} csrf ${csrfCase}`);
          }
        }
      });

      test("AuthX has_required_scopes on payload.scopes equals our hasScopes", () => {
        for (const [name, { payload }] of Object.entries(tokens[alg])) {
          const { r } = results[`${alg}/${name}`].find((x) => x.what === "decode");
          SCOPE_CHECKS.forEach(([required, allRequired], k) => {
            assert.equal(
              payload.hasScopes(required, { allRequired }),
              r.scopes[k],
              `${alg} ${name} scopes ${JSON.stringify(payload.scopes)} required ${JSON.stringify(required)} allRequired=${allRequired}`,
            );
          });
        }
        const fresh = results[`${alg}/fresh`].find((x) => x.what === "decode").r.scopes;
        assert.deepStrictEqual(fresh, [true, false, true, true, true, false, false, true, false]);
      });

      test("AuthX refuses our tokens with a wrong secret, audience, issuer or algorithm", () => {
        for (const name of Object.keys(tokens[alg])) {
          const rs = results[`${alg}/${name}`];
          const err = (what) => rs.find((x) => x.what === what).r;
          assert.equal(err("wrongSecret").error, "TokenInvalidSignatureError", `${alg} ${name} wrong secret`);
          assert.equal(err("wrongAudience").error, "TokenInvalidAudienceError", `${alg} ${name} wrong audience`);
          assert.equal(err("wrongIssuer").error, "TokenInvalidIssuerError", `${alg} ${name} wrong issuer`);
          assert.equal(err("wrongAlg").ok, false, `${alg} ${name} other JWT_ALGORITHM`);
          assert.ok(err("wrongAlg").mro.includes("JWTDecodeError"), `${alg} ${name} other alg: ${err("wrongAlg").error}`);
        }
      });
    });
  }

  test("AuthX: our expired token raises TokenExpiredError; list aud accepted; no exp accepted", () => {
    const [expired, listAud, noExp] = results.special;
    assert.equal(expired.r.error, "TokenExpiredError");
    ok(listAud.r, "list audience");
    assert.deepStrictEqual(listAud.r.fields.aud, ["web", "mobile"]);
    ok(noExp.r, "no exp");
    assert.equal(noExp.r.fields.exp, null);
    assert.equal("exp" in noExp.r.raw, false);
    assertSameJson(noExp.r.raw, TokenPayload.decodeUnverified(noExp.token, {}).toJSON());
  });
});
