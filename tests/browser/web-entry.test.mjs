// The raw browser entry pkg/web.mjs in headless Chromium, with no bundler: a
// tiny node:http server on 127.0.0.1 serves the repo's pkg/ (the .wasm as
// application/wasm) and a page that imports "/pkg/web.mjs" itself.
//
//   node --test tests/browser/web-entry.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { ROOT, checkPrerequisites, closeWithin, decodeJwt, launchChromium, watchPage, within } from "./helpers.mjs";

checkPrerequisites();

const PKG = join(ROOT, "pkg");
const SECRET = "web-entry-secret";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

// Runs on load, as an application would: import, init() (twice), use the API,
// and leave what it saw in window.__result for the test.
const INDEX = `<!doctype html>
<meta charset="utf-8">
<title>pkg/web.mjs</title>
<link rel="icon" href="data:,">
<script type="module">
const out = { steps: [] };
try {
  const m = await import("/pkg/web.mjs");
  const { init, AuthX, TokenPayload, AuthXError, TokenExpiredError, InvalidSignatureError } = m;
  out.exports = Object.keys(m).sort();

  // Before init(): what using the API does.
  try { new AuthX({ secretKey: ${JSON.stringify(SECRET)} }); out.beforeInit = "no error"; }
  catch (e) { out.beforeInit = { name: e.name, message: e.message, authx: e instanceof AuthXError }; }

  const first = init();
  const second = init();
  out.samePromise = first === second;
  out.firstValue = await first;
  out.secondValue = await second;
  out.thirdIsPromise = init() instanceof Promise;
  await init();
  out.steps.push("init");

  const auth = new AuthX({ secretKey: ${JSON.stringify(SECRET)}, algorithm: "HS512" });
  const pair = auth.createTokenPair({ uid: "alice", fresh: true, scopes: ["posts:*"], data: { plan: "pro" } });
  out.pair = pair;
  const p = auth.decodeToken(pair.accessToken);
  out.decoded = {
    json: p.toJSON(), header: p.header, sub: p.sub, type: p.type, fresh: p.fresh, extra: p.extra,
    isPayload: p instanceof TokenPayload, until: p.timeUntilExpiry, expired: p.isExpired,
    expiryIso: p.expiryDate.toISOString(),
    hasRead: p.hasScopes("posts:read"), hasReadAdmin: p.hasScopes("posts:read", "admin"),
    hasAny: p.hasScopes(["postsx", "posts:read"], { allRequired: false }),
  };
  const v = auth.verifyToken(pair.accessToken, { fresh: true, scopes: ["posts:delete"] });
  out.verified = { sub: v.sub, isPayload: v instanceof TokenPayload };
  out.refreshVerified = auth.verifyToken(pair.refreshToken, { type: "refresh" }).type;
  out.unverifiedSub = TokenPayload.decodeUnverified(pair.accessToken).sub;
  out.steps.push("create/decode/verify");

  const expired = auth.createAccessToken({ uid: "bob", expiresIn: -5 });
  try { auth.decodeToken(expired); out.expired = "no error"; }
  catch (e) {
    out.expired = {
      isTokenExpired: e instanceof TokenExpiredError, isAuthX: e instanceof AuthXError, isError: e instanceof Error,
      name: e.name, code: e.code, staticCode: TokenExpiredError.code, message: e.message,
    };
  }
  const [h, b, s] = pair.accessToken.split(".");
  const flipped = s.slice(0, 5) + (s[5] === "A" ? "B" : "A") + s.slice(6);
  try { auth.decodeToken(h + "." + b + "." + flipped); out.tampered = "no error"; }
  catch (e) { out.tampered = { is: e instanceof InvalidSignatureError, name: e.name, code: e.code }; }
  out.steps.push("errors");
} catch (e) {
  out.failed = String((e && e.stack) || e);
}
window.__result = out;
</script>`;

const BLANK = `<!doctype html><meta charset="utf-8"><title>blank</title><link rel="icon" href="data:,">`;

function startServer() {
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    log.push(path);
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (path === "/") return send(200, TYPES[".html"], INDEX);
    if (path === "/blank.html") return send(200, TYPES[".html"], BLANK);
    if (path.startsWith("/pkg/")) {
      const file = normalize(join(PKG, path.slice("/pkg/".length)));
      const type = TYPES[extname(file)];
      if (file.startsWith(PKG + sep) && type) {
        try {
          return send(200, type, await readFile(file));
        } catch {
          // fall through: 404
        }
      }
    }
    return send(404, "text/plain", "not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, log, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

describe("pkg/web.mjs in Chromium without a bundler", { timeout: 30_000 }, () => {
  let http;
  let browser;

  before(async () => {
    http = await startServer();
    browser = await launchChromium();
  });

  after(async () => {
    await closeWithin(10_000, "closing Chromium", () => browser?.close());
    await closeWithin(5_000, "closing the static server", () => {
      http?.server.closeAllConnections();
      return new Promise((resolve) => (http ? http.server.close(resolve) : resolve()));
    });
  });

  /** A new page with its console watched, and the .wasm responses recorded. */
  async function newPage() {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    const wasm = [];
    page.on("response", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push({ status: r.status(), type: r.headers()["content-type"] });
    });
    return { page, problems, wasm };
  }

  test("import, init() twice, create/decode/verify, errors are instances with codes", async () => {
    const { page, problems, wasm } = await newPage();
    await page.goto(`${http.url}/`);
    await page.waitForFunction(() => window.__result !== undefined);
    const r = await page.evaluate(() => window.__result);
    assert.equal(r.failed, undefined, r.failed);
    assert.deepEqual(r.steps, ["init", "create/decode/verify", "errors"]);

    // The same API as Node, plus init/initSync.
    for (const name of ["init", "initSync", "AuthX", "TokenPayload", "AuthXError", "TokenExpiredError", "BadConfigurationError"]) {
      assert.ok(r.exports.includes(name), `exports ${name}`);
    }

    // init() is idempotent: one promise, resolves with undefined, again and again.
    assert.equal(r.samePromise, true);
    assert.equal(r.firstValue, undefined);
    assert.equal(r.secondValue, undefined);
    assert.equal(r.thirdIsPromise, true);

    // The token the browser made is what it says, signed with HMAC-SHA512 over the secret.
    const access = decodeJwt(r.pair.accessToken);
    assert.deepEqual(access.header, { alg: "HS512", typ: "JWT" });
    assert.deepEqual(
      access.signature,
      createHmac("sha512", SECRET).update(access.signingInput).digest(),
    );
    assert.equal(r.pair.tokenType, "bearer");
    assert.deepEqual(r.decoded.json, access.claims);
    assert.deepEqual(Object.keys(r.decoded.json), ["sub", "jti", "type", "fresh", "csrf", "iat", "exp", "plan", "scopes"]);
    assert.deepEqual(r.decoded.header, access.header);
    assert.equal(r.decoded.sub, "alice");
    assert.equal(r.decoded.type, "access");
    assert.equal(r.decoded.fresh, true);
    assert.deepEqual(r.decoded.extra, { plan: "pro" });
    assert.equal(r.decoded.isPayload, true);
    assert.ok(r.decoded.until > 890 && r.decoded.until <= 900, `timeUntilExpiry ${r.decoded.until}`);
    assert.equal(r.decoded.expired, false);
    assert.equal(r.decoded.expiryIso, new Date(access.claims.exp * 1000).toISOString());
    assert.equal(r.decoded.hasRead, true);
    assert.equal(r.decoded.hasReadAdmin, false);
    assert.equal(r.decoded.hasAny, true);
    assert.deepEqual(r.verified, { sub: "alice", isPayload: true });
    assert.equal(r.refreshVerified, "refresh");
    assert.equal(decodeJwt(r.pair.refreshToken).claims.type, "refresh");
    assert.equal(r.unverifiedSub, "alice");

    assert.deepEqual(
      { ...r.expired, message: undefined },
      {
        isTokenExpired: true, isAuthX: true, isError: true, name: "TokenExpiredError",
        code: "ERR_JWT_EXPIRED", staticCode: "ERR_JWT_EXPIRED", message: undefined,
      },
    );
    assert.match(r.expired.message, /^token expired [\d.]+ s ago at .*Z; leeway 0 s$/);
    assert.deepEqual(r.tampered, { is: true, name: "InvalidSignatureError", code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });

    // Before init() the API throws (a plain TypeError from the wasm-bindgen glue, not an AuthXError).
    assert.equal(typeof r.beforeInit, "object", `using AuthX before init(): ${JSON.stringify(r.beforeInit)}`);

    // One fetch of the .wasm, served as application/wasm (so instantiateStreaming is used: no warning).
    assert.deepEqual(wasm, [{ status: 200, type: "application/wasm" }]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("initSync(bytes), then init() resolves at once; a failed init() can be retried", async () => {
    const { page, problems } = await newPage();
    await page.goto(`${http.url}/blank.html`);
    const r = await within(10_000, "initSync page", page.evaluate(async () => {
      const m = await import("/pkg/web.mjs");
      const bytes = await (await fetch("/pkg/web/authx_wasm_bg.wasm")).arrayBuffer();
      m.initSync(new Uint8Array(bytes));
      await m.init();
      m.initSync(new Uint8Array(bytes)); // again: a no-op
      const auth = new m.AuthX({ secretKey: "k", now: () => 1_800_000_000_000 });
      const t = auth.createAccessToken({ uid: "u", expiresIn: 60 });
      const p = auth.decodeToken(t);
      return { sub: p.sub, iat: p.iat, exp: p.exp, until: p.timeUntilExpiry, has: p.hasScopes() };
    }));
    assert.deepEqual(r, { sub: "u", iat: 1_800_000_000, exp: 1_800_000_060, until: 60, has: true });

    // A fresh page: init() from a missing URL rejects, and a later init() succeeds.
    await page.goto(`${http.url}/blank.html?retry`);
    const retry = await within(10_000, "init retry page", page.evaluate(async () => {
      const m = await import("/pkg/web.mjs");
      let failed;
      try {
        await m.init("/pkg/web/missing.wasm");
        failed = "no error";
      } catch (e) {
        failed = e.message;
      }
      await m.init();
      const auth = new m.AuthX({ secretKey: "k" });
      return { failed, sub: auth.decodeToken(auth.createAccessToken({ uid: "after-retry" })).sub };
    }));
    assert.match(retry.failed, /404/);
    assert.equal(retry.sub, "after-retry");
    // The 404 of the missing .wasm is logged by Chromium as a console error; nothing else may be.
    assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
    await page.close();
  });

  test("the server saw only the page and the package's own files", () => {
    const pkgFiles = new Set(http.log.filter((p) => p.startsWith("/pkg/")));
    assert.deepEqual([...pkgFiles].sort(), [
      "/pkg/bind.mjs",
      "/pkg/errors.mjs",
      "/pkg/loader.mjs",
      "/pkg/payload.mjs",
      "/pkg/web.mjs",
      "/pkg/web/authx_wasm.js",
      "/pkg/web/authx_wasm_bg.wasm",
      "/pkg/web/missing.wasm",
    ]);
  });
});
