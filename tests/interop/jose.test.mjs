// Interop with npm jose 6.2.19, both directions, HS256/HS384/HS512.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SignJWT, jwtVerify, decodeJwt, decodeProtectedHeader, errors } from "jose";
import {
  AuthX,
  InvalidSignatureError,
  TokenExpiredError,
  TokenNotYetValidError,
  AlgorithmNotAllowedError,
  FreshTokenRequiredError,
  RefreshTokenRequiredError,
  CSRFError,
  InsufficientScopeError,
} from "../../pkg/index.mjs";
import { segments, assertSameJson, throwsCode, secretFor, ALGORITHMS } from "./helpers.mjs";

// A fixed clock (whole seconds) for both sides: our `now`, jose's `currentDate`.
const NOW_MS = Date.UTC(2031, 4, 17, 9, 30, 0);
const NOW = NOW_MS / 1000;
const ISSUER = "https://issuer.example.org";
const AUDIENCE = { HS256: "web", HS384: ["web", "cli"], HS512: "api" };
const REGISTERED = new Set(["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "nbf", "aud", "iss", "scopes"]);

const keyFor = (alg) => new TextEncoder().encode(secretFor(`jose-${alg}`));
const oursFor = (alg, extra = {}) =>
  new AuthX({ secretKey: secretFor(`jose-${alg}`), algorithm: alg, issuer: ISSUER, audience: AUDIENCE[alg], now: () => NOW_MS, ...extra });
const joseOptions = (alg, extra = {}) => ({
  issuer: ISSUER,
  audience: AUDIENCE[alg],
  algorithms: [alg],
  typ: "JWT",
  currentDate: new Date(NOW_MS),
  ...extra,
});

/** Awaits a jose call that must reject; returns the error. */
async function joseRejects(promise, code, message) {
  let caught;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `${message}: jose accepted`);
  if (code) assert.equal(caught.code, code, `${message}: jose code (${caught.message})`);
  return caught;
}

/** Flips one character in the middle of the signature (never the last, whose low bits may be unused). */
function tamperSignature(token) {
  const [h, p, s] = token.split(".");
  const i = Math.floor(s.length / 2);
  const c = s[i] === "A" ? "B" : "A";
  return `${h}.${p}.${s.slice(0, i)}${c}${s.slice(i + 1)}`;
}

/** Replaces the payload (re-encoded) and keeps the old signature. */
function tamperPayload(token, change) {
  const [h, p, s] = token.split(".");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  change(claims);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
}

/** Every claim of our decoded payload equals the claims object. */
function assertClaims(p, claims, label) {
  assert.equal(p.sub, claims.sub, `${label}: sub`);
  assert.equal(p.jti, claims.jti, `${label}: jti`);
  assert.equal(p.iss, claims.iss, `${label}: iss`);
  assert.deepStrictEqual(p.aud, claims.aud, `${label}: aud`);
  assert.equal(p.iat, claims.iat, `${label}: iat`);
  assert.equal(p.exp, claims.exp, `${label}: exp`);
  assert.equal(p.nbf, claims.nbf, `${label}: nbf`);
  assert.equal(p.type, claims.type ?? "access", `${label}: type`);
  assert.equal(p.fresh, claims.fresh ?? false, `${label}: fresh`);
  assert.equal(p.csrf, claims.csrf ?? "", `${label}: csrf`);
  assert.deepStrictEqual(p.scopes, claims.scopes, `${label}: scopes`);
  const extra = Object.fromEntries(Object.entries(claims).filter(([k]) => !REGISTERED.has(k)));
  assertSameJson(p.extra, extra, `${label}: extra`);
  assertSameJson(p.toJSON(), claims, `${label}: toJSON()`);
}

for (const alg of ALGORITHMS) {
  describe(`jose -> authx-wasm, ${alg}`, () => {
    const CUSTOM = {
      type: "access",
      fresh: true,
      csrf: "6f1c2a4e-3b5d-4c7e-9f80-112233445566",
      role: "admin",
      org: { id: 9, tags: ["x", "y"], nested: { on: true, nothing: null } },
      ratio: 0.125,
      scopes: ["users:read", "admin:*"],
    };
    const jti = "0b4f3c8e-7d6a-4e5f-8a9b-0c1d2e3f4a5b";
    const makeFull = (extraHeader = {}) =>
      new SignJWT(CUSTOM)
        .setProtectedHeader({ alg, typ: "JWT", ...extraHeader })
        .setIssuedAt(NOW - 60)
        .setNotBefore(NOW - 60)
        .setExpirationTime(NOW + 840)
        .setSubject("alice")
        .setJti(jti)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[alg])
        .sign(keyFor(alg));

    test("a jose token decodes and verifies here with every claim and the header equal", async () => {
      const token = await makeFull();
      const auth = oursFor(alg);
      const p = auth.decodeToken(token);
      const claims = decodeJwt(token);
      assertClaims(p, claims, `${alg} jose full`);
      assertSameJson(p.header, decodeProtectedHeader(token), "header");
      assertSameJson(p.header, { alg, typ: "JWT" }, "header literal");
      const { payloadText } = segments(token);
      assert.equal(JSON.stringify(p.toJSON()), payloadText, "toJSON() text = jose's payload JSON");
      // Literal values, not only jose's view of them.
      assert.equal(p.sub, "alice");
      assert.equal(p.iat, NOW - 60);
      assert.equal(p.exp, NOW + 840);
      assert.equal(p.nbf, NOW - 60);
      assert.deepStrictEqual(p.extra, { role: "admin", org: CUSTOM.org, ratio: 0.125 });
      assert.equal(p.timeUntilExpiry, 840);
      assert.equal(p.timeSinceIssued, 60);
      assert.equal(p.isExpired, false);
      // verifyToken with AuthX's checks on a jose-made token.
      const v = auth.verifyToken(token, { type: "access", fresh: true, csrf: CUSTOM.csrf, scopes: ["users:read", "admin:users"] });
      assert.equal(v.jti, jti);
      throwsCode(() => auth.verifyToken(token, { csrf: "other" }), CSRFError);
      throwsCode(() => auth.verifyToken(token, { type: "refresh" }), RefreshTokenRequiredError);
      throwsCode(() => auth.verifyToken(token, { scopes: ["posts:write"] }), InsufficientScopeError);
      // Our secret as bytes gives the same.
      const bytes = new AuthX({ secretKey: keyFor(alg), algorithm: alg, issuer: ISSUER, audience: AUDIENCE[alg], now: () => NOW_MS });
      assertSameJson(bytes.decodeToken(token).toJSON(), claims, "Uint8Array secret");
    });

    test("extra header members (kid) and a minimal jose token", async () => {
      const withKid = await makeFull({ kid: "key-1" });
      const p = oursFor(alg).decodeToken(withKid);
      assertSameJson(p.header, decodeProtectedHeader(withKid), "header with kid");
      assert.equal(p.header.kid, "key-1");

      const minimal = await new SignJWT({})
        .setProtectedHeader({ alg, typ: "JWT" })
        .setSubject("bob")
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 900)
        .sign(keyFor(alg));
      const plain = new AuthX({ secretKey: secretFor(`jose-${alg}`), algorithm: alg, now: () => NOW_MS });
      const m = plain.decodeToken(minimal);
      assertClaims(m, decodeJwt(minimal), `${alg} minimal`);
      assert.equal(m.type, "access");
      assert.equal(m.fresh, false);
      assert.equal(m.csrf, "");
      assert.equal(m.jti, undefined);
      assert.equal(m.scopes, undefined);
      assert.ok(plain.verifyToken(minimal, { type: "access" }));
      throwsCode(() => plain.verifyToken(minimal, { fresh: true }), FreshTokenRequiredError);
      throwsCode(() => plain.verifyToken(minimal, { scopes: ["read"] }), InsufficientScopeError);
    });
  });

  describe(`authx-wasm -> jose, ${alg}`, () => {
    const auth = oursFor(alg, { csrf: true });
    const data = { role: "editor", org: { id: 3, name: "Acme", flags: [true, false] }, weight: 2.5 };
    const made = () => {
      const pair = auth.createTokenPair({ uid: "carol", fresh: true, scopes: ["a", "b:*"], data: { plan: "pro" } });
      return {
        freshAccess: auth.createAccessToken({ uid: "alice", fresh: true, scopes: ["users:read", "posts:*"], data }),
        staleAccess: auth.createAccessToken({ uid: "bob", scopes: ["posts:write"] }),
        refresh: auth.createRefreshToken({ uid: "alice", scopes: ["users:read"], data }),
        pairAccess: pair.accessToken,
        pairRefresh: pair.refreshToken,
        withKid: auth.createAccessToken({ uid: "dave", headers: { kid: "key-2" } }),
        otherAud: auth.createAccessToken({ uid: "erin", audience: ["web", "cli", "api"] }),
      };
    };

    test("jwtVerify accepts our tokens; decodeJwt/decodeProtectedHeader give identical header and claims", async () => {
      for (const [name, token] of Object.entries(made())) {
        const p = auth.decodeToken(token);
        const { payload, protectedHeader } = await jwtVerify(token, keyFor(alg), joseOptions(alg));
        assertSameJson(payload, p.toJSON(), `${alg} ${name}: jwtVerify payload`);
        assertSameJson(protectedHeader, p.header, `${alg} ${name}: jwtVerify header`);
        assertSameJson(decodeJwt(token), p.toJSON(), `${alg} ${name}: decodeJwt`);
        assertSameJson(decodeProtectedHeader(token), p.header, `${alg} ${name}: decodeProtectedHeader`);
        const { headerText, payloadText } = segments(token);
        assert.equal(headerText, JSON.stringify(p.header), `${alg} ${name}: header text`);
        assert.equal(payloadText, JSON.stringify(p.toJSON()), `${alg} ${name}: payload text`);
        assert.equal(payload.iat, Math.floor(NOW), `${alg} ${name}: iat from the injected clock`);
      }
      const t = made();
      const fresh = decodeJwt(t.freshAccess);
      assert.deepStrictEqual(Object.keys(fresh), ["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "aud", "iss", "role", "org", "weight", "scopes"]);
      assert.equal(fresh.sub, "alice");
      assert.equal(fresh.type, "access");
      assert.equal(fresh.fresh, true);
      assert.match(fresh.csrf, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(fresh.exp, NOW + 900);
      assert.deepStrictEqual(fresh.aud, AUDIENCE[alg]);
      assert.equal(fresh.iss, ISSUER);
      assert.deepStrictEqual(fresh.scopes, ["users:read", "posts:*"]);
      const refresh = decodeJwt(t.refresh);
      assert.equal(refresh.type, "refresh");
      assert.equal("fresh" in refresh, false, "refresh tokens carry no fresh (as AuthX)");
      assert.equal(refresh.exp, NOW + 1728000);
      assert.deepStrictEqual(decodeProtectedHeader(t.withKid), { alg, typ: "JWT", kid: "key-2" });
      assert.deepStrictEqual(decodeProtectedHeader(t.freshAccess), { alg, typ: "JWT" });
      // jose with a narrower audience / another issuer refuses, as we would.
      await joseRejects(jwtVerify(t.freshAccess, keyFor(alg), joseOptions(alg, { audience: "nobody" })), "ERR_JWT_CLAIM_VALIDATION_FAILED", "audience");
      await joseRejects(jwtVerify(t.freshAccess, keyFor(alg), joseOptions(alg, { issuer: "https://x" })), "ERR_JWT_CLAIM_VALIDATION_FAILED", "issuer");
    });

    test("a refreshed access token verifies in jose", async () => {
      const refreshed = auth.refreshAccessToken(made().refresh);
      const { payload } = await jwtVerify(refreshed, keyFor(alg), joseOptions(alg));
      assertSameJson(payload, auth.decodeToken(refreshed).toJSON(), "refreshed");
      assert.equal(payload.type, "access");
      assert.equal(payload.fresh, false);
      assert.deepStrictEqual(payload.scopes, ["users:read"]);
      assert.deepStrictEqual({ role: payload.role, org: payload.org, weight: payload.weight }, data);
    });
  });

  describe(`same verdicts on bad tokens, ${alg}`, () => {
    const auth = oursFor(alg);
    const joseToken = (exp, extra = {}) =>
      new SignJWT({ type: "access", fresh: false, ...extra })
        .setProtectedHeader({ alg, typ: "JWT" })
        .setSubject("mallory")
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[alg])
        .setIssuedAt(NOW - 100)
        .setExpirationTime(exp)
        .sign(keyFor(alg));

    test("tampered tokens: ERR_JWS_SIGNATURE_VERIFICATION_FAILED in both", async () => {
      const ourToken = auth.createAccessToken({ uid: "alice", scopes: ["read"] });
      const theirToken = await joseToken(NOW + 600);
      const tampered = [
        ["ours, signature", tamperSignature(ourToken)],
        ["ours, payload sub", tamperPayload(ourToken, (c) => (c.sub = "admin"))],
        ["ours, payload scopes", tamperPayload(ourToken, (c) => (c.scopes = ["admin:*"]))],
        ["jose, signature", tamperSignature(theirToken)],
        ["jose, payload fresh", tamperPayload(theirToken, (c) => (c.fresh = true))],
      ];
      for (const [label, token] of tampered) {
        await joseRejects(jwtVerify(token, keyFor(alg), joseOptions(alg)), errors.JWSSignatureVerificationFailed.code, label);
        const e = throwsCode(() => auth.decodeToken(token), InvalidSignatureError, label);
        assert.equal(e.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      }
      // The wrong key: same code in both.
      const wrongKey = new TextEncoder().encode(secretFor(`jose-${alg}-wrong`));
      await joseRejects(jwtVerify(ourToken, wrongKey, joseOptions(alg)), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "wrong key, ours");
      const wrongAuth = new AuthX({ secretKey: wrongKey, algorithm: alg, issuer: ISSUER, audience: AUDIENCE[alg], now: () => NOW_MS });
      throwsCode(() => wrongAuth.decodeToken(theirToken), InvalidSignatureError, "wrong key, jose");
    });

    test("another algorithm: ERR_JOSE_ALG_NOT_ALLOWED in both", async () => {
      const ourToken = auth.createAccessToken({ uid: "alice" });
      const other = ALGORITHMS.find((a) => a !== alg);
      await joseRejects(jwtVerify(ourToken, keyFor(alg), joseOptions(alg, { algorithms: [other] })), "ERR_JOSE_ALG_NOT_ALLOWED", "jose algorithms");
      const otherAuth = new AuthX({ secretKey: secretFor(`jose-${alg}`), algorithm: other, issuer: ISSUER, audience: AUDIENCE[alg], now: () => NOW_MS });
      const e = throwsCode(() => otherAuth.decodeToken(ourToken), AlgorithmNotAllowedError, "our algorithm");
      assert.equal(e.code, errors.JOSEAlgNotAllowed.code);
    });

    test("expired tokens: ERR_JWT_EXPIRED in both (jose currentDate, our now)", async () => {
      const ourExpired = auth.createAccessToken({ uid: "alice", expiresIn: -10 });
      const ourAtBoundary = auth.createAccessToken({ uid: "alice", expiresIn: 0 });
      const theirExpired = await joseToken(NOW - 10);
      const theirAtBoundary = await joseToken(NOW);
      for (const [label, token] of [
        ["ours, 10 s ago", ourExpired],
        ["ours, exp = now", ourAtBoundary],
        ["jose, 10 s ago", theirExpired],
        ["jose, exp = now", theirAtBoundary],
      ]) {
        await joseRejects(jwtVerify(token, keyFor(alg), joseOptions(alg)), errors.JWTExpired.code, label);
        const e = throwsCode(() => auth.decodeToken(token), TokenExpiredError, label);
        assert.equal(e.code, "ERR_JWT_EXPIRED");
      }
      // One second left: valid in both.
      const theirValid = await joseToken(NOW + 1);
      await jwtVerify(theirValid, keyFor(alg), joseOptions(alg));
      assert.equal(auth.decodeToken(theirValid).exp, NOW + 1);
      // Leeway = jose clockTolerance: 5 s late accepted with 10 s, 10 s late refused with 10 s.
      const lenient = oursFor(alg, { leeway: 10 });
      const fiveLate = await joseToken(NOW - 5);
      await jwtVerify(fiveLate, keyFor(alg), joseOptions(alg, { clockTolerance: 10 }));
      assert.equal(lenient.decodeToken(fiveLate).exp, NOW - 5);
      await joseRejects(jwtVerify(theirExpired, keyFor(alg), joseOptions(alg, { clockTolerance: 10 })), "ERR_JWT_EXPIRED", "10 s late, tolerance 10");
      throwsCode(() => lenient.decodeToken(theirExpired), TokenExpiredError, "10 s late, leeway 10");
      // Moving both clocks back 60 s (still after iat = now - 100) makes the expired token valid in both.
      const earlier = NOW_MS - 60_000;
      await jwtVerify(theirExpired, keyFor(alg), joseOptions(alg, { currentDate: new Date(earlier) }));
      assert.equal(oursFor(alg, { now: () => earlier }).decodeToken(theirExpired).sub, "mallory");
    });

    test("nbf in the future: refused by both", async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg, typ: "JWT" })
        .setSubject("early")
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[alg])
        .setIssuedAt(NOW)
        .setNotBefore(NOW + 30)
        .setExpirationTime(NOW + 900)
        .sign(keyFor(alg));
      await joseRejects(jwtVerify(token, keyFor(alg), joseOptions(alg)), "ERR_JWT_CLAIM_VALIDATION_FAILED", "nbf");
      throwsCode(() => auth.decodeToken(token), TokenNotYetValidError, "nbf");
      // ...and accepted by both once the clocks pass it.
      const later = NOW_MS + 30_000;
      await jwtVerify(token, keyFor(alg), joseOptions(alg, { currentDate: new Date(later) }));
      assert.equal(oursFor(alg, { now: () => later }).decodeToken(token).nbf, NOW + 30);
    });
  });
}
