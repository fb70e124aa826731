// The example Worker (examples/worker) in the real Workers runtime: bundled the
// way wrangler does (esbuild with the `workerd` export condition, the .wasm kept
// as a separate compiled module), served by npm `workerd` on 127.0.0.1, and
// driven with real HTTP requests. The clock is pinned per request with the
// `x-test-now` header (TEST_CLOCK = "header"), so expiry needs no sleeping.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = path.join(root, "out/workerd-test");
const SECRET = "edge-secret-shared-with-fastapi";
const PASSWORD = "demo-password";
const T0 = 1_796_316_753_000;

let proc;
let base;
let logs = "";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitUp(url, deadline) {
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`workerd did not come up at ${url}:\n${logs}`);
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "node_modules"), { recursive: true });
  // The Worker imports "authx-wasm"; resolve it to this repo's package, through its `exports`.
  symlinkSync(path.join(root, "pkg"), path.join(work, "node_modules/authx-wasm"), "dir");
  await esbuild.build({
    entryPoints: [path.join(root, "examples/worker/src/index.mjs")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    nodePaths: [path.join(work, "node_modules")],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    outdir: path.join(work, "dist"),
    logLevel: "error",
  });
  const port = await freePort();
  writeFileSync(
    path.join(work, "dist/config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "authx_wasm_bg.wasm", wasm = embed "authx_wasm_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "JWT_SECRET_KEY", text = "${SECRET}"),
    (name = "JWT_ISSUER", text = "fastapi-backend"),
    (name = "DEMO_PASSWORD", text = "${PASSWORD}"),
    (name = "TEST_CLOCK", text = "header"),
  ],
);
`,
  );
  const bin = path.join(root, "node_modules/.bin/workerd");
  proc = spawn(bin, ["serve", "config.capnp", "--verbose"], { cwd: path.join(work, "dist") });
  proc.stdout.on("data", (d) => (logs += d));
  proc.stderr.on("data", (d) => (logs += d));
  base = `http://127.0.0.1:${port}`;
  await waitUp(base, Date.now() + 20_000);
});

after(() => {
  proc?.kill("SIGTERM");
});

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
