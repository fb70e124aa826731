// The HMAC-only entry, authx-wasm/hmac, from its files in pkg/: the Node entry
// (ready on import), the browser entry (init / initSync) and what they share
// with the main entry (TokenPayload, the error classes, tokens both ways), and
// the clear error for every asymmetric option. Sizes are reported, not judged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import * as hmac from "../../pkg/hmac-node.mjs";
import * as main from "../../pkg/index.mjs";
import { NOW_MS, SECRET, mac, parts } from "./helpers.mjs";

const now = () => NOW_MS;
const HMAC_ONLY = /this is the HMAC-only build \(authx-wasm\/hmac\).*use the main entry \(authx-wasm\) for /;
const wasmFile = fileURLToPath(new URL("../../pkg/hmac/authx_wasm_bg.wasm", import.meta.url));

test("the Node entry is ready on import and exports the HMAC API only", () => {
  for (const name of ["AuthX", "TokenPayload", "generateSecret", "init", "initSync", "BadConfigurationError", "TokenExpiredError"]) {
    assert.equal(typeof hmac[name], "function", name);
  }
  for (const name of ["generateKeyPair", "exportJwk", "exportPem"]) assert.equal(hmac[name], undefined, name);
  assert.ok(hmac.init() instanceof Promise);
  const auth = new hmac.AuthX({ secretKey: SECRET, now, csrf: true });
  const token = auth.createAccessToken({ uid: "u1", fresh: true, scopes: ["posts:*"], data: { role: "editor" } });
  const [header, claims] = parts(token);
  assert.deepEqual(header, { alg: "HS256", typ: "JWT" });
  assert.equal(claims.sub, "u1");
  assert.equal(claims.role, "editor");
  // The MAC is a plain HMAC-SHA256 over the signing input.
  const [h, p, sig] = token.split(".");
  assert.equal(sig, mac(`${h}.${p}`));
  const payload = auth.verifyToken(token, { fresh: true, scopes: ["posts:read"], csrf: claims.csrf });
  assert.ok(payload instanceof hmac.TokenPayload);
  assert.equal(payload.sub, "u1");
  assert.equal(payload.hasScopes(["posts:write"]), true);
  assert.equal(hmac.TokenPayload.decodeUnverified(token).sub, "u1");
  const pair = auth.createTokenPair({ uid: "u2" });
  assert.equal(auth.decodeToken(auth.refreshAccessToken(pair.refreshToken)).sub, "u2");
  assert.deepEqual(auth.publicJwks(), { keys: [] });
});

test("HS384 / HS512, byte secrets and generateSecret work as in the main entry", () => {
  for (const algorithm of ["HS384", "HS512"]) {
    const secretKey = hmac.generateSecret(algorithm);
    assert.equal(secretKey.length, algorithm === "HS384" ? 64 : 86);
    const a = new hmac.AuthX({ secretKey, algorithm, now });
    const b = new main.AuthX({ secretKey, algorithm, now });
    const token = a.createAccessToken({ uid: algorithm });
    assert.equal(b.decodeToken(token).sub, algorithm);
    const [h, p, sig] = token.split(".");
    assert.equal(sig, mac(`${h}.${p}`, { alg: algorithm, key: secretKey }));
  }
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const token = new hmac.AuthX({ secretKey: bytes, now }).createAccessToken({ uid: "b" });
  assert.equal(new main.AuthX({ secretKey: bytes, now }).decodeToken(token).sub, "b");
  assert.throws(() => hmac.generateSecret("ES256"), (e) => e instanceof hmac.BadConfigurationError && HMAC_ONLY.test(e.message));
});

test("tokens interoperate with the main entry both ways, with the same classes", () => {
  const small = new hmac.AuthX({ secretKey: SECRET, issuer: "api", audience: ["web"], now });
  const full = new main.AuthX({ secretKey: SECRET, issuer: "api", audience: ["web"], now });
  const req = { uid: "x", scopes: ["a", "b:*"], data: { n: 1 }, headers: { kid: "k1" } };
  const fromSmall = small.createAccessToken(req);
  const fromFull = full.createAccessToken(req);
  // The same claims make the same token (exp, iat from the same clock; no jti randomness compared).
  assert.deepEqual(parts(fromSmall)[0], parts(fromFull)[0]);
  const strip = ([, c]) => ({ ...c, jti: undefined });
  assert.deepEqual(strip(parts(fromSmall)), strip(parts(fromFull)));
  assert.equal(full.verifyToken(fromSmall, { scopes: ["b:c"] }).sub, "x");
  assert.equal(small.verifyToken(fromFull, { scopes: ["b:c"] }).sub, "x");
  assert.ok(small.decodeToken(fromFull) instanceof main.TokenPayload);
  assert.equal(hmac.TokenPayload, main.TokenPayload);
  assert.equal(hmac.TokenExpiredError, main.TokenExpiredError);
  // Errors from either build are instances of the one set of classes.
  const expired = new hmac.AuthX({ secretKey: SECRET, now: () => NOW_MS + 3600_000 });
  assert.throws(() => expired.decodeToken(fromFull), main.TokenExpiredError);
  assert.throws(() => new main.AuthX({ secretKey: "other", now }).decodeToken(fromSmall), hmac.InvalidSignatureError);
  const last = fromFull.at(-1) === "A" ? "Q" : "A";
  assert.throws(() => small.decodeToken(fromFull.slice(0, -1) + last), (e) => e instanceof main.InvalidSignatureError && e.name === "InvalidSignatureError");
});

test("asymmetric options and algorithms are refused with an error naming the build", async () => {
  const { privateKey, publicKey } = main.generateKeyPair("ES256");
  const pem = main.exportPem(publicKey);
  const refused = (options, what) =>
    assert.throws(
      () => new hmac.AuthX({ now, ...options }),
      (e) => e instanceof hmac.BadConfigurationError && e instanceof main.BadConfigurationError && HMAC_ONLY.test(e.message) && e.message.includes(what),
      JSON.stringify(Object.keys(options)),
    );
  for (const algorithm of ["ES256", "ES256K", "ES384", "ES512", "RS256", "PS512", "EdDSA", "Ed25519"]) {
    refused({ algorithm, privateKey }, algorithm);
  }
  refused({ privateKey }, "privateKey");
  refused({ publicKey: pem }, "publicKey");
  refused({ secretKey: SECRET, verificationKeys: [publicKey] }, "verificationKeys");
  refused({ secretKey: { kty: "oct", k: "c2VjcmV0" } }, "JWK");
  // Unknown names stay unknown; undefined options are absent, as in the main entry.
  assert.throws(() => new hmac.AuthX({ secretKey: SECRET, algorithm: "HS999" }), /algorithm "HS999" is not supported; use one of HS256, HS384, HS512/);
  assert.equal(new hmac.AuthX({ secretKey: SECRET, privateKey: undefined, now }).createAccessToken({ uid: "u" }).split(".").length, 3);
  // A token of another algorithm is refused like in the main entry (the key decides).
  const es = new main.AuthX({ algorithm: "ES256", privateKey, now }).createAccessToken({ uid: "e" });
  assert.throws(() => new hmac.AuthX({ secretKey: SECRET, now }).decodeToken(es), (e) => e instanceof hmac.AlgorithmNotAllowedError && /alg ES256 is not allowed; this key verifies HS256/.test(e.message));
  // The algorithm-confusion guard holds: a PEM or JWK text is never a secret.
  assert.throws(() => new hmac.AuthX({ secretKey: pem }), /algorithm confusion/);
  assert.throws(() => new hmac.AuthX({ secretKey: JSON.stringify(publicKey) }), /algorithm confusion/);
});

test("the browser entry loads with init / initSync, like web.mjs", async () => {
  const web = await import("../../pkg/hmac.mjs");
  assert.equal(web.generateKeyPair, undefined);
  // Node's fetch cannot read file: URLs, so hand init the bytes.
  const bytes = readFileSync(wasmFile);
  await web.init(bytes);
  await web.init(); // idempotent
  web.initSync(bytes); // a no-op once loaded
  const token = new web.AuthX({ secretKey: SECRET, now }).createAccessToken({ uid: "web" });
  assert.equal(new hmac.AuthX({ secretKey: SECRET, now }).decodeToken(token).sub, "web");
  assert.equal(web.TokenPayload, main.TokenPayload);
  assert.throws(() => new web.AuthX({ algorithm: "EdDSA" }), HMAC_ONLY);
});

test("the HMAC-only .wasm's size is reported (a benchmark, not a limit)", (t) => {
  const wasm = readFileSync(wasmFile);
  const full = readFileSync(new URL("../../pkg/web/authx_wasm_bg.wasm", import.meta.url));
  const gzip = gzipSync(wasm, { level: 9 }).length;
  t.diagnostic(`authx-wasm/hmac .wasm: ${wasm.length} B raw, ${gzip} B gzip -9 (full build: ${gzipSync(full, { level: 9 }).length} B gzip)`);
  assert.ok(gzip > 0 && wasm.length < full.length, "the HMAC-only build is the smaller one");
  // No key-format or asymmetric code made it in.
  const glue = readFileSync(new URL("../../pkg/hmac/authx_wasm.js", import.meta.url), "utf8");
  assert.doesNotMatch(glue, /generateKeyPair|exportJwk|exportPem/);
});
