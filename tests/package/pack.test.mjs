// The published package, as users get it: `npm pack` of pkg/, installed from
// the tarball into a fresh project, then used with only the documented import
// from Node (CommonJS and ES modules), Deno, TypeScript (--strict), a Vite app and a
// webpack 5 app in headless Chromium, and a Worker in workerd.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/chromium.mjs";
import { serveStatic } from "../support/net.mjs";
import { bundleWorker, serveWorker } from "../support/workerd.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const work = path.join(root, "out/package-test");
const app = path.join(work, "app");
const run = (cmd, args, cwd = app) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let browser;
let tarball;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const [packed] = JSON.parse(run("npm", ["pack", path.join(root, "pkg"), "--json", "--pack-destination", work], work));
  tarball = path.join(work, packed.filename);
  cpSync(path.join(root, "tests/package/app"), app, { recursive: true });
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { "authx-wasm": `file:${tarball}` } }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test("the tarball holds the entries, both builds and the typings, and nothing else", () => {
  const files = JSON.parse(run("npm", ["pack", path.join(root, "pkg"), "--dry-run", "--json"], work))[0].files.map((f) => f.path);
  for (const f of ["package.json", "index.cjs", "index.mjs", "web.mjs", "workerd.mjs", "errors.mjs", "bind.mjs", "payload.mjs", "loader.mjs", "index.d.ts", "errors.d.ts", "payload.d.ts", "node/authx_wasm_bg.wasm", "web/authx_wasm_bg.wasm",
    "hmac.mjs", "hmac-node.mjs", "hmac-workerd.mjs", "hmac.d.ts", "hmac/package.json", "hmac/authx_wasm.js", "hmac/authx_wasm_bg.wasm"]) {
    assert.ok(files.includes(f), `missing ${f}`);
  }
  assert.ok(!files.some((f) => f.includes("_bg.wasm.d.ts") || f.endsWith(".gitignore")), files.join(" "));
});

test("Node, CommonJS: require('authx-wasm')", () => {
  const out = JSON.parse(run("node", ["cjs.cjs"]));
  assert.deepEqual(out, { sub: "cjs", fresh: true, scope: true, expired: "ERR_JWT_EXPIRED", unverified: "cjs" });
});

test("Node, ES modules: import from 'authx-wasm'", () => {
  const out = JSON.parse(run("node", ["esm.mjs"]));
  assert.deepEqual(out, { sub: "esm", denied: "ERR_INSUFFICIENT_SCOPE" });
});

test("Node: import and require of 'authx-wasm/hmac', next to the main entry", () => {
  assert.deepEqual(JSON.parse(run("node", ["hmac-esm.mjs"])), { sub: "hmac", back: "main", samePayload: true, refused: true });
  assert.deepEqual(JSON.parse(run("node", ["hmac-cjs.cjs"])), { sub: "cjs" });
});

test("Deno: import from 'authx-wasm'", () => {
  const deno = path.join(root, "node_modules/.bin/deno");
  const out = JSON.parse(
    execFileSync(deno, ["run", "--quiet", "--allow-read", "deno.mjs"], {
      cwd: app,
      encoding: "utf8",
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    }),
  );
  assert.deepEqual(out, { sub: "deno", scope: true, expired: "ERR_JWT_EXPIRED" });
});

test("TypeScript: a consumer type-checks with tsc --strict --noEmit", () => {
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  try {
    run("node", [tsc, "-p", "tsconfig.json"]);
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

async function resultInBrowser(dir) {
  const server = await serveStatic(dir);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.base}/index.html`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 15_000 });
    return { result: await page.evaluate(() => window.__result), errors };
  } finally {
    await page.close();
    await server.close();
  }
}

const EXPECTED_IN_BROWSER = { sub: "browser", scope: true, csrfLength: 36, expired: "ERR_JWT_EXPIRED", verified: "browser" };

test("a Vite app, built and run in headless Chromium", async () => {
  const { build } = await import("vite");
  const outDir = path.join(work, "vite-dist");
  await build({ root: path.join(app, "browser"), logLevel: "error", build: { outDir, emptyOutDir: true } });
  const { result, errors } = await resultInBrowser(outDir);
  assert.deepEqual(result, EXPECTED_IN_BROWSER, errors.join("\n"));
});

test("a webpack 5 app, built and run in headless Chromium", async () => {
  const { default: webpack } = await import("webpack");
  const outDir = path.join(work, "webpack-dist");
  const stats = await new Promise((resolve, reject) =>
    webpack(
      { mode: "production", context: path.join(app, "browser"), entry: "./main.js", output: { path: outDir, filename: "main.js" } },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  writeFileSync(path.join(outDir, "index.html"), readFileSync(path.join(app, "browser/index.html"), "utf8").replace('type="module" src="./main.js"', 'src="./main.js"'));
  const { result, errors } = await resultInBrowser(outDir);
  assert.deepEqual(result, EXPECTED_IN_BROWSER, errors.join("\n"));
});

test("the README's Worker snippet is this file, verbatim", () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const at = readme.indexOf("**Cloudflare Workers**");
  const start = readme.indexOf("```js\n", at) + 6;
  const snippet = readme.slice(start, readme.indexOf("```", start));
  const file = readFileSync(path.join(root, "tests/package/app/worker.mjs"), "utf8");
  assert.equal(file.slice(file.indexOf("\n") + 1), snippet);
});

test("a Worker in workerd on 'authx-wasm/hmac'", async () => {
  const dist = path.join(work, "hmac-worker-dist");
  await bundleWorker(path.join(app, "hmac-worker.mjs"), dist);
  // Only the HMAC-only .wasm went into the bundle.
  assert.equal(readFileSync(path.join(dist, "authx_wasm_bg.wasm")).length, readFileSync(path.join(root, "pkg/hmac/authx_wasm_bg.wasm")).length);
  const worker = await serveWorker(dist, { JWT_SECRET_KEY: "edge", JWT_ISSUER: "api" });
  const { AuthX } = await import(path.join(app, "node_modules/authx-wasm/index.mjs"));
  const get = async (token) => {
    const res = await fetch(worker.base, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };
  try {
    const ok = await get(new AuthX({ secretKey: "edge", issuer: "api" }).createAccessToken({ uid: "w", scopes: ["posts:*"] }));
    assert.equal(ok.status, 200, worker.logs());
    assert.equal(ok.body.claims.sub, "w");
    const es = new AuthX({ algorithm: "ES256", privateKey: (await import(path.join(app, "node_modules/authx-wasm/index.mjs"))).generateKeyPair("ES256").privateKey });
    const refused = await get(es.createAccessToken({ uid: "w" }));
    assert.equal(refused.body.code, "ERR_JOSE_ALG_NOT_ALLOWED", JSON.stringify(refused));
  } finally {
    worker.stop();
  }
});

test("a Worker in workerd (the README's snippet)", async () => {
  const dist = path.join(work, "worker-dist");
  await bundleWorker(path.join(app, "worker.mjs"), dist);
  const worker = await serveWorker(dist, { JWT_SECRET_KEY: "edge", JWT_ISSUER: "api" });
  const { AuthX } = await import(path.join(app, "node_modules/authx-wasm/index.mjs"));
  const minter = new AuthX({ secretKey: "edge", issuer: "api" });
  const get = async (token) => {
    const res = await fetch(worker.base, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json() };
  };
  try {
    const ok = await get(minter.createAccessToken({ uid: "w", scopes: ["posts:*"] }));
    assert.equal(ok.status, 200, worker.logs());
    assert.equal(ok.body.claims.sub, "w");
    assert.deepEqual(await get(minter.createAccessToken({ uid: "w", scopes: ["profile"] })), {
      status: 403,
      body: { code: "ERR_INSUFFICIENT_SCOPE" },
    });
    assert.deepEqual(await get(), { status: 401, body: { code: "ERR_JWT_INVALID" } });
    const other = new AuthX({ secretKey: "other", issuer: "api" }).createAccessToken({ uid: "w" });
    assert.deepEqual(await get(other), { status: 401, body: { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" } });
  } finally {
    worker.stop();
  }
});
