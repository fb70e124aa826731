// The example Worker (examples/worker) in the real Workers runtime: bundled the
// way wrangler does (esbuild with the `workerd` export condition, the .wasm kept
// as a separate compiled module), served by npm `workerd` on 127.0.0.1, and
// driven with real HTTP requests. The clock is pinned per request with the
// `x-test-now` header (TEST_CLOCK = "header"), so expiry needs no sleeping.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, serveWorker } from "../support/workerd.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = path.join(root, "out/workerd-test");
const SECRET = "edge-secret-shared-with-fastapi";
const PASSWORD = "demo-password";
const T0 = 1_796_316_753_000;

let worker;
let base;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "node_modules"), { recursive: true });
  // The Worker imports "authx-wasm"; resolve it to this repo's package, through its `exports`.
  symlinkSync(path.join(root, "pkg"), path.join(work, "node_modules/authx-wasm"), "dir");
  const dist = path.join(work, "dist");
  await bundleWorker(path.join(root, "examples/worker/src/index.mjs"), dist, [path.join(work, "node_modules")]);
  worker = await serveWorker(dist, {
    JWT_SECRET_KEY: SECRET,
    JWT_ISSUER: "fastapi-backend",
    DEMO_PASSWORD: PASSWORD,
    TEST_CLOCK: "header",
  });
  base = worker.base;
});

after(() => worker?.stop());

async function call(method, url, { token, at = T0, body } = {}) {
  const headers = { "x-test-now": String(at) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers["content-type"] = "application/json";
  const res = await fetch(base + url, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

let pair;

test("login mints a fresh pair in the Worker", async () => {
  const res = await call("POST", "/login", { body: { uid: "alice", password: PASSWORD } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  pair = res.body;
  assert.equal(pair.tokenType, "bearer");
  const claims = JSON.parse(Buffer.from(pair.accessToken.split(".")[1], "base64url"));
  assert.equal(claims.sub, "alice");
  assert.equal(claims.fresh, true);
  assert.equal(claims.iat, T0 / 1000);
  assert.equal(claims.exp, T0 / 1000 + 900);
  assert.equal(claims.iss, "fastapi-backend");
  assert.match(claims.jti, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const bad = await call("POST", "/login", { body: { uid: "alice", password: "nope" } });
  assert.equal(bad.status, 401);
});

test("200 with the claims for a valid token", async () => {
  const res = await call("GET", "/me", { token: pair.accessToken, at: T0 + 60_000 });
  assert.equal(res.status, 200);
  assert.equal(res.body.claims.sub, "alice");
  assert.deepEqual(res.body.claims.scopes, ["posts:read", "posts:delete"]);
});

test("401 with a code for missing, tampered, foreign and expired tokens", async () => {
  assert.deepEqual((await call("GET", "/me")).body.code, "ERR_TOKEN_MISSING");
  const t = pair.accessToken;
  const tampered = t.slice(0, -2) + (t.endsWith("AA") ? "BA" : "AA");
  const cases = [
    [tampered, T0, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"],
    ["not.a.token", T0, "ERR_JWT_INVALID"],
    [t, T0 + 900_000, "ERR_JWT_EXPIRED"],
    [pair.refreshToken, T0, "ERR_TOKEN_TYPE"],
  ];
  for (const [token, at, code] of cases) {
    const res = await call("GET", "/me", { token, at });
    assert.equal(res.status, 401, code);
    assert.equal(res.body.code, code);
  }
  // One second before expiry it still works: the clock really is the pinned one.
  assert.equal((await call("GET", "/me", { token: t, at: T0 + 899_000 })).status, 200);
});

test("403 for a missing scope or a non-fresh token on a sensitive route", async () => {
  assert.equal((await call("DELETE", "/posts/7", { token: pair.accessToken })).status, 200);
  const later = T0 + 3_600_000;
  const refreshed = await call("POST", "/refresh", { token: pair.refreshToken, at: later });
  assert.equal(refreshed.status, 200);
  const stale = refreshed.body.accessToken;
  const del = await call("DELETE", "/posts/7", { token: stale, at: later });
  assert.equal(del.status, 403);
  assert.equal(del.body.code, "ERR_FRESH_TOKEN_REQUIRED");
  assert.equal((await call("GET", "/posts", { token: stale, at: later })).status, 200);
});

test("tokens from the Node build verify in the Worker and back", async () => {
  const { AuthX } = await import("../../pkg/index.mjs");
  const node = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend", now: () => T0 });
  const limited = node.createAccessToken({ uid: "bob", scopes: ["profile:read"] });
  const posts = await call("GET", "/posts", { token: limited });
  assert.equal(posts.status, 403);
  assert.equal(posts.body.code, "ERR_INSUFFICIENT_SCOPE");
  assert.equal(node.decodeToken(pair.accessToken).sub, "alice");
});
