// Every error kind: class identity, hierarchy, name, code, static code and
// message content (values in, secret and token out), in ESM and CommonJS.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as esm from "../../pkg/index.mjs";
import { NOW_S, NOW_MS, SECRET, sign, claims } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cjs = require("../../pkg/index.cjs");

const KINDS = {
  TokenExpiredError: "ERR_JWT_EXPIRED",
  TokenNotYetValidError: "ERR_JWT_NOT_YET_VALID",
  InvalidSignatureError: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
  AlgorithmNotAllowedError: "ERR_JOSE_ALG_NOT_ALLOWED",
  MalformedTokenError: "ERR_JWT_INVALID",
  InvalidAudienceError: "ERR_JWT_AUDIENCE_INVALID",
  InvalidIssuerError: "ERR_JWT_ISSUER_INVALID",
  AccessTokenRequiredError: "ERR_TOKEN_TYPE",
  RefreshTokenRequiredError: "ERR_TOKEN_TYPE",
  FreshTokenRequiredError: "ERR_FRESH_TOKEN_REQUIRED",
  InsufficientScopeError: "ERR_INSUFFICIENT_SCOPE",
  CSRFError: "ERR_CSRF_MISMATCH",
  BadConfigurationError: "ERR_BAD_CONFIGURATION",
};

/**
 * One case per kind: how to provoke it (with the module `m`, so the same cases
 * run against the ESM and CJS entries), the token involved, and the message parts.
 */
function cases(m) {
  const { AuthX } = m;
  const at = (ms, opts = {}) => new AuthX({ secretKey: SECRET, now: () => ms, ...opts });
  const auth = at(NOW_MS);
  const list = [];
  const add = (kind, label, make, includes = [], excludes = []) => list.push({ kind, label, make, includes, excludes });

  add("TokenExpiredError", "expired 192 s ago, leeway 0", () => {
    const token = at((NOW_S - 1092) * 1000).createAccessToken({ uid: "u" }); // exp = NOW_S - 192
    return { token, run: () => auth.decodeToken(token) };
  }, ["192 s ago", "leeway 0 s", new Date((NOW_S - 192) * 1000).toISOString().replace(".000Z", "Z")]);
  add("TokenExpiredError", "expired with leeway 30", () => {
    const token = at((NOW_S - 1092) * 1000).createAccessToken({ uid: "u" });
    return { token, run: () => at(NOW_MS, { leeway: 30 }).decodeToken(token) };
  }, ["192 s ago", "leeway 30 s"]);
  add("TokenNotYetValidError", "nbf in the future", () => {
    const token = sign({ alg: "HS256", typ: "JWT" }, claims({ nbf: NOW_S + 60 }));
    return { token, run: () => auth.decodeToken(token) };
  });
  add("TokenNotYetValidError", "iat in the future", () => {
    const token = at((NOW_S + 3600) * 1000).createAccessToken({ uid: "u" });
    return { token, run: () => auth.decodeToken(token) };
  });
  add("InvalidSignatureError", "signed with another key", () => {
    const token = new AuthX({ secretKey: "another-key", now: () => NOW_MS }).createAccessToken({ uid: "u" });
    return { token, run: () => auth.decodeToken(token) };
  });
  add("AlgorithmNotAllowedError", "HS512 token for an HS256 key", () => {
    const token = at(NOW_MS, { algorithm: "HS512" }).createAccessToken({ uid: "u" });
    return { token, run: () => auth.decodeToken(token) };
  }, ["alg HS512 is not allowed; this key verifies HS256"]);
  add("AlgorithmNotAllowedError", "alg none", () => {
    const token = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims())).toString("base64url")}.`;
    return { token, run: () => auth.decodeToken(token) };
  }, ["none", "HS256"]);
  add("MalformedTokenError", "one segment", () => ({ token: "notatoken", run: () => auth.decodeToken("notatoken") }));
  add("InvalidAudienceError", "aud mobile, expected web", () => {
    const token = at(NOW_MS, { audience: "mobile" }).createAccessToken({ uid: "u" });
    return { token, run: () => at(NOW_MS, { audience: "web" }).decodeToken(token) };
  }, ['audience "mobile" is not the expected "web"']);
  add("InvalidIssuerError", "iss other, expected me", () => {
    const token = at(NOW_MS, { issuer: "https://other.example" }).createAccessToken({ uid: "u" });
    return { token, run: () => at(NOW_MS, { issuer: "https://me.example" }).decodeToken(token) };
  }, ["https://other.example", "https://me.example"]);
  add("AccessTokenRequiredError", "refresh token where access is required", () => {
    const token = auth.createRefreshToken({ uid: "u" });
    return { token, run: () => auth.verifyToken(token, {}) };
  }, ["'access' token required, 'refresh' token received"]);
  add("RefreshTokenRequiredError", "access token where refresh is required", () => {
    const token = auth.createAccessToken({ uid: "u" });
    return { token, run: () => auth.verifyToken(token, { type: "refresh" }) };
  }, ["'refresh' token required, 'access' token received"]);
  add("RefreshTokenRequiredError", "refreshAccessToken with an access token", () => {
    const token = auth.createAccessToken({ uid: "u" });
    return { token, run: () => auth.refreshAccessToken(token) };
  }, ["refresh"]);
  add("FreshTokenRequiredError", "non-fresh token with fresh: true", () => {
    const token = auth.createAccessToken({ uid: "u" });
    return { token, run: () => auth.verifyToken(token, { fresh: true }) };
  });
  add("InsufficientScopeError", "missing scope", () => {
    const token = auth.createAccessToken({ uid: "u", scopes: ["posts:read"] });
    return { token, run: () => auth.verifyToken(token, { scopes: ["posts:delete"] }) };
  }, ["posts:delete"]);
  add("CSRFError", "wrong csrf value", () => {
    const a = at(NOW_MS, { csrf: true });
    const token = a.createAccessToken({ uid: "u" });
    return { token, run: () => a.verifyToken(token, { csrf: "not-the-value" }) };
  }, [], ["not-the-value"]);
  add("BadConfigurationError", "bad algorithm", () => ({ token: null, run: () => new AuthX({ secretKey: SECRET, algorithm: "RS256" }) }), ["RS256"]);
  add("BadConfigurationError", "unknown option", () => ({ token: null, run: () => new AuthX({ secretKey: SECRET, sekret: 1 }) }), ["sekret"]);
  return list;
}

function catchIt(run) {
  try {
    run();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error, nothing was thrown");
}

for (const [entry, m] of [["ESM", esm], ["CJS", cjs]]) {
  describe(`error kinds via ${entry}`, () => {
    test("every class is exported with its static code", () => {
      assert.equal(typeof m.AuthXError, "function");
      for (const [name, code] of Object.entries(KINDS)) {
        const C = m[name];
        assert.equal(typeof C, "function", name);
        assert.equal(C.name, name);
        assert.equal(C.code, code, `${name}.code`);
        assert.ok(C.prototype instanceof m.AuthXError, `${name} extends AuthXError`);
        assert.ok(C.prototype instanceof Error, `${name} extends Error`);
      }
      assert.ok(m.AuthXError.prototype instanceof Error);
    });

    const all = cases(m);
    // each kind is covered at least once
    test("the cases cover every kind", () => {
      assert.deepEqual([...new Set(all.map((c) => c.kind))].sort(), Object.keys(KINDS).sort());
    });

    for (const c of all) {
      test(`${c.kind}: ${c.label}`, () => {
        const { token, run } = c.make();
        const e = catchIt(run);
        const C = m[c.kind];
        assert.ok(e instanceof C, `expected ${c.kind}, got ${e && e.name}: ${e && e.message}`);
        assert.ok(e instanceof m.AuthXError);
        assert.ok(e instanceof Error);
        assert.equal(e.name, c.kind);
        assert.equal(e.code, KINDS[c.kind]);
        assert.equal(e.code, C.code);
        assert.equal(typeof e.message, "string");
        assert.ok(e.message.length > 0);
        assert.equal(typeof e.stack, "string");
        assert.match(String(e), new RegExp(`^${c.kind}: `));
        // not an instance of any other kind (except the type-error siblings share nothing but code)
        for (const other of Object.keys(KINDS)) {
          if (other !== c.kind) assert.ok(!(e instanceof m[other]), `${c.kind} is also instanceof ${other}`);
        }
        for (const part of c.includes) assert.ok(e.message.includes(part), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(part)}`);
        for (const part of c.excludes) assert.ok(!e.message.includes(part), `message ${JSON.stringify(e.message)} contains ${JSON.stringify(part)}`);
        assert.ok(!e.message.includes(SECRET), "message contains the secret");
        assert.ok(!String(e.stack).includes(SECRET), "stack contains the secret");
        if (token) {
          assert.ok(!e.message.includes(token), "message contains the whole token");
          assert.ok(!String(e.stack).includes(token), "stack contains the whole token");
        }
      });
    }
  });
}

describe("ESM and CommonJS share the same objects", () => {
  test("AuthX, TokenPayload and every error class are identical", () => {
    assert.equal(esm.AuthX, cjs.AuthX);
    assert.equal(esm.TokenPayload, cjs.TokenPayload);
    assert.equal(esm.AuthXError, cjs.AuthXError);
    for (const name of Object.keys(KINDS)) assert.equal(esm[name], cjs[name], name);
  });

  test("every error kind of the Rust core has its exported class with the same code", () => {
    const glue = require("../../pkg/node/authx_wasm.js");
    const kinds = glue.__errorKinds();
    assert.equal(kinds.length, Object.keys(KINDS).length);
    for (const [name, code] of kinds) {
      assert.equal(typeof esm[name], "function", `no exported class ${name}`);
      assert.equal(esm[name].code, code, name);
      assert.equal(KINDS[name], code, name);
    }
  });

  test("an error thrown through the CJS entry is instanceof the ESM class and vice versa", () => {
    const viaCjs = new cjs.AuthX({ secretKey: SECRET, now: () => NOW_MS });
    const viaEsm = new esm.AuthX({ secretKey: SECRET, now: () => NOW_MS });
    const e1 = catchIt(() => viaCjs.decodeToken("a.b"));
    assert.ok(e1 instanceof esm.MalformedTokenError);
    assert.ok(e1 instanceof esm.AuthXError);
    const e2 = catchIt(() => viaEsm.refreshAccessToken(viaEsm.createAccessToken({ uid: "u" })));
    assert.ok(e2 instanceof cjs.RefreshTokenRequiredError);
    // tokens cross too
    assert.equal(viaEsm.decodeToken(viaCjs.createAccessToken({ uid: "x" })).sub, "x");
  });

  test("init() resolves", async () => {
    assert.equal(await esm.init(), undefined);
    assert.equal(await cjs.init(), undefined);
  });
});

describe("messages never leak the secret or the token", () => {
  test("a long, token-like secret and bad inputs of every stage", () => {
    const secret = "S3CR3T-" + "k".repeat(40);
    const auth = new esm.AuthX({ secretKey: secret, issuer: "i", audience: "a", now: () => NOW_MS });
    const good = auth.createAccessToken({ uid: "u" });
    const [h, p, s] = good.split(".");
    const inputs = [
      `${h}.${p}.${s.slice(0, -2)}AA`,
      `${h}.${p}X.${s}`,
      `${h}=.${p}.${s}`,
      `Bearer ${good}`,
      `${good}.x`,
      new esm.AuthX({ secretKey: secret, now: () => NOW_MS + 10_000_000 }).createAccessToken({ uid: "u" }),
      new esm.AuthX({ secretKey: secret, issuer: "i", audience: "zz", now: () => NOW_MS }).createAccessToken({ uid: "u" }),
    ];
    for (const t of inputs) {
      const e = catchIt(() => auth.decodeToken(t));
      assert.ok(e instanceof esm.AuthXError, `${e.name}: ${e.message}`);
      assert.ok(!e.message.includes(secret), e.message);
      assert.ok(!e.message.includes(t), `message contains the token: ${e.message}`);
      assert.ok(!e.message.includes(good), `message contains the good token: ${e.message}`);
    }
    const e = catchIt(() => new esm.AuthX({ secretKey: secret, algorithm: "hs256" }));
    assert.ok(e instanceof esm.BadConfigurationError);
    assert.ok(!e.message.includes(secret));
  });
});
