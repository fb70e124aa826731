// Hostile and odd caller values (found by trying to break the package): none
// may escape as anything but an AuthXError, none may fail open, and the wasm
// instance must keep working after any number of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthX, AuthXError, BadConfigurationError, MalformedTokenError, TokenPayload } from "../../pkg/index.mjs";

const NOW = 1_796_316_753_000;
const at = (extra = {}) => new AuthX({ secretKey: "k", now: () => NOW, ...extra });

function stillWorks(auth = at()) {
  assert.equal(auth.decodeToken(auth.createAccessToken({ uid: "ok" })).sub, "ok");
}

test("throwing getters and proxy traps are BadConfigurationError, thousands of times over", () => {
  const auth = at();
  const scopes = ["a"];
  Object.defineProperty(scopes, 0, { get() { throw new Error("boom"); } });
  const trapped = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const calls = [
    () => auth.createAccessToken({ uid: "u", scopes }),
    () => auth.verifyToken("a.b.c", trapped),
    () => auth.createAccessToken({ uid: "u", data: revoked }),
    () => auth.createAccessToken({ uid: "u", audience: revoked }),
    () => new AuthX(trapped),
    () => auth.decodeToken(auth.createAccessToken({ uid: "u" })).hasScopes(scopes),
  ];
  for (let i = 0; i < 3000; i++) {
    const call = calls[i % calls.length];
    assert.throws(call, BadConfigurationError);
  }
  stillWorks(auth);
  stillWorks();
  auth.free();
});

test("a throwing option getter fails closed, never as if the option were absent", () => {
  const auth = at({ issuer: "api" });
  const token = at({ issuer: "evil" }).createAccessToken({ uid: "u", scopes: ["read"] });
  const bad = { get scopes() { throw new Error("x"); } };
  assert.throws(() => auth.verifyToken(token, bad), BadConfigurationError);
  assert.throws(
    () => new AuthX({ secretKey: "k", get issuer() { throw new Error("x"); } }),
    BadConfigurationError,
  );
});

test("options are read from own properties only: a polluted prototype changes nothing", () => {
  const keys = ["fresh", "expiresIn", "scopes", "leeway", "issuer", "type", "csrf"];
  Object.assign(Object.prototype, { fresh: true, expiresIn: null, scopes: ["admin:*"], leeway: 1e9, issuer: "x", type: "refresh", csrf: "c" });
  try {
    const auth = at();
    const p = auth.verifyToken(auth.createAccessToken({ uid: "u" }), {});
    assert.equal(p.fresh, false);
    assert.equal(p.exp, NOW / 1000 + 900);
    assert.equal(p.scopes, undefined);
    assert.equal(p.iss, undefined);
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
});

test("a Uint8Array secret is read through its real length", () => {
  const fake = new Uint8Array([1, 2, 3]);
  Object.defineProperty(fake, "length", { get: () => 1000 });
  const token = at({ secretKey: fake }).createAccessToken({ uid: "u" });
  assert.equal(at({ secretKey: new Uint8Array([1, 2, 3]) }).decodeToken(token).sub, "u");
});

test("lone surrogates are refused, never silently replaced", () => {
  assert.throws(() => at({ secretKey: "k\uD800" }), /lone surrogate/);
  const auth = at({ csrf: true });
  assert.throws(() => auth.createAccessToken({ uid: "\uD800" }), BadConfigurationError);
  assert.throws(() => auth.createAccessToken({ uid: "u", scopes: ["adm\uDBFF"] }), BadConfigurationError);
  const t = auth.createAccessToken({ uid: "u" });
  assert.throws(() => auth.verifyToken(t, { csrf: "\uD800" }), BadConfigurationError);
  stillWorks(auth);
});

test("refreshAccessToken keeps the refresh token's audience, never widens it", () => {
  const auth = at({ audience: ["web", "mobile"] });
  const refresh = auth.createRefreshToken({ uid: "u", audience: "mobile" });
  assert.equal(auth.decodeToken(auth.refreshAccessToken(refresh)).aud, "mobile");
});

test("an unauthenticated alg is quoted in messages: no forged log lines", () => {
  const header = Buffer.from(JSON.stringify({ alg: "X\nINFO admin login ok" })).toString("base64url");
  const token = `${header}.${Buffer.from("{}").toString("base64url")}.`;
  assert.throws(() => at().decodeToken(token), (e) => e instanceof AuthXError && !e.message.includes("\n") && e.message.includes("\\n"));
});

test("an over-long token is refused before it is copied, and tokens are never minted over the limit", () => {
  const huge = "a".repeat(20_000_000);
  assert.throws(() => at().decodeToken(huge), (e) => e instanceof MalformedTokenError && /at least 20000000/.test(e.message));
  const small = at({ maxTokenLength: 400 });
  assert.throws(() => small.createAccessToken({ uid: "u", data: { pad: "x".repeat(300) } }), BadConfigurationError);
  stillWorks(small);
});

test("a clock beyond what a Date can hold is refused", () => {
  assert.throws(() => at({ now: () => 9e15 }).createAccessToken({ uid: "u" }), BadConfigurationError);
});

test("decodeUnverified checks maxTokenLength like the constructor", () => {
  const token = at().createAccessToken({ uid: "u" });
  for (const bad of [NaN, -1, 0, 0.5, Infinity, "100"]) {
    assert.throws(() => TokenPayload.decodeUnverified(token, { maxTokenLength: bad }), BadConfigurationError, String(bad));
  }
  assert.equal(TokenPayload.decodeUnverified(token, { maxTokenLength: 1000 }).sub, "u");
});
