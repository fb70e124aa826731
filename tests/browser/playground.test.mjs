// The www/ playground in headless Chromium: Vite serves the real page (dev
// server, as `make www` does; then a production build through `vite preview`),
// and the tests drive it like a user: create -> decode -> verify, tampered and
// expired tokens, the live countdown, the scope checker.
//
//   node --test tests/browser/playground.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, createServer, preview } from "vite";
import {
  ROOT,
  checkPrerequisites,
  closeWithin,
  decodeJwt,
  launchChromium,
  onFreePort,
  tamperPayload,
  watchPage,
  within,
} from "./helpers.mjs";

const CONFIG = join(ROOT, "www/vite.config.js");
const SCREENSHOT = join(ROOT, "out/screenshots/playground.png");

checkPrerequisites();

/** The URL a Vite dev or preview server listens on. */
function urlOf(server) {
  const { address, port } = server.httpServer.address();
  return `http://${address}:${port}/`;
}

/** Loads the playground and waits until init() has resolved. */
async function openPlayground(page, url) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("html[data-ready=true]", { timeout: 15_000 });
}

/** Fills the "Create" form and returns the new token. */
async function createToken(page, { alg = "HS256", secret, uid = "alice", scopes = "", kind = "access", fresh, expires }) {
  await page.getByTestId("create-alg").selectOption(alg);
  if (secret !== undefined) await page.getByTestId("create-secret").fill(secret);
  await page.getByTestId("create-uid").fill(uid);
  await page.getByTestId("create-scopes").fill(scopes);
  await page.getByTestId(`create-kind-${kind}`).check();
  if (fresh !== undefined && kind === "access") await page.getByTestId("create-fresh").setChecked(fresh);
  if (expires !== undefined) await page.getByTestId("create-expires").fill(String(expires));
  const before = await page.getByTestId("created-token").inputValue();
  await page.getByTestId("create-submit").click();
  await assertHidden(page, "create-error");
  await page.waitForFunction(
    (old) => {
      const v = document.querySelector('[data-testid="created-token"]').value;
      return v !== "" && v !== old;
    },
    before,
    { timeout: 5_000 },
  );
  return page.getByTestId("created-token").inputValue();
}

async function assertHidden(page, testId) {
  assert.equal(await page.getByTestId(testId).isHidden(), true, `#${testId} should be hidden`);
}

/** Clicks "Verify"; returns { ok: detail text } or { name, code, message }. */
async function verify(page, { type, fresh, scopes, allRequired } = {}) {
  if (type !== undefined) await page.getByTestId("verify-type").selectOption(type);
  if (fresh !== undefined) await page.getByTestId("verify-fresh").setChecked(fresh);
  if (scopes !== undefined) await page.getByTestId("verify-scopes").fill(scopes);
  if (allRequired !== undefined) await page.getByTestId("verify-all-required").setChecked(allRequired);
  await page.getByTestId("verify-submit").click();
  await page.waitForSelector('[data-testid="verify-ok"]:not([hidden]), [data-testid="verify-error"]:not([hidden])', {
    timeout: 5_000,
  });
  if (await page.getByTestId("verify-ok").isVisible()) {
    return { ok: await page.getByTestId("verify-ok").innerText() };
  }
  return {
    name: await page.getByTestId("verify-error-name").innerText(),
    code: await page.getByTestId("verify-error-code").innerText(),
    message: await page.getByTestId("verify-error-message").innerText(),
  };
}

/** What the "Inspect" panel shows, parsed. */
async function shown(page) {
  return {
    header: JSON.parse(await page.getByTestId("header-json").innerText()),
    claims: JSON.parse(await page.getByTestId("claims-json").innerText()),
    type: await page.getByTestId("badge-type").innerText(),
    fresh: await page.getByTestId("badge-fresh").innerText(),
    expiry: await page.getByTestId("badge-expiry").innerText(),
    countdown: await page.getByTestId("countdown").innerText(),
  };
}

async function scopeAnswer(page, required, allRequired = true) {
  await page.getByTestId("scope-all-required").setChecked(allRequired);
  await page.getByTestId("scope-input").fill(required);
  return page.getByTestId("scope-result").innerText();
}

describe("www playground (vite dev server)", { timeout: 45_000 }, () => {
  let server;
  let browser;
  let page;
  let url;
  let problems;
  const requests = [];

  before(async () => {
    server = await within(
      15_000,
      "starting the Vite dev server",
      onFreePort(async (port) => {
        const dev = await createServer({
          configFile: CONFIG,
          logLevel: "warn",
          clearScreen: false,
          server: { host: "127.0.0.1", port, strictPort: true },
        });
        try {
          return await dev.listen();
        } catch (err) {
          await dev.close();
          throw err;
        }
      }),
    );
    url = urlOf(server);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    problems = watchPage(page);
    page.on("request", (req) => requests.push(req.url()));
    await openPlayground(page, url);
  });

  after(async () => {
    await closeWithin(10_000, "closing Chromium", () => browser?.close());
    await closeWithin(10_000, "closing the Vite dev server", () => server?.close());
  });

  let token;
  let secret;

  test("the page loads the package and says it is ready", async () => {
    assert.match(await page.getByTestId("status").innerText(), /^Ready/);
    assert.equal(await page.getByTestId("create-submit").isEnabled(), true);
  });

  test("generate makes a random 32-byte secret, as base64url text", async () => {
    await page.getByTestId("generate-secret").click();
    const first = await page.getByTestId("create-secret").inputValue();
    await page.getByTestId("generate-secret").click();
    secret = await page.getByTestId("create-secret").inputValue();
    assert.match(first, /^[A-Za-z0-9_-]{43}$/);
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(secret, "base64url").length, 32);
    assert.notEqual(first, secret);
  });

  test("create -> decode: the page shows exactly the token's header and claims", async () => {
    token = await createToken(page, { alg: "HS384", uid: "alice", scopes: "posts:*, profile:read", fresh: true, expires: 900 });
    const real = decodeJwt(token);

    // The token is what the form asked for, signed with the secret as UTF-8 text.
    assert.deepEqual(real.header, { alg: "HS384", typ: "JWT" });
    assert.equal(real.claims.sub, "alice");
    assert.equal(real.claims.type, "access");
    assert.equal(real.claims.fresh, true);
    assert.deepEqual(real.claims.scopes, ["posts:*", "profile:read"]);
    assert.equal(real.claims.exp - real.claims.iat, 900);
    const mac = createHmac("sha384", Buffer.from(secret, "utf8")).update(real.signingInput).digest();
    assert.deepEqual(real.signature, mac, "signature is HMAC-SHA384 over the token with the shown secret");

    // "Inspect" got the token and shows what it really contains.
    assert.equal(await page.getByTestId("token").inputValue(), token);
    const view = await shown(page);
    assert.deepEqual(view.header, real.header);
    assert.deepEqual(view.claims, real.claims);
    assert.deepEqual(Object.keys(view.claims), Object.keys(real.claims), "claims in token order");
    assert.equal(view.type, "access");
    assert.equal(view.fresh, "fresh");
    assert.equal(view.expiry, "not expired");
    assert.match(view.countdown, /^expires in 1[45] min \d+\.\d s$/);
    assert.equal(await page.getByTestId("expires-at").innerText(), new Date(real.claims.exp * 1000).toISOString());
  });

  test("verify: the algorithm and secret were carried over, and AuthX's checks answer", async () => {
    assert.equal(await page.getByTestId("verify-alg").inputValue(), "HS384");
    assert.equal(await page.getByTestId("verify-secret").inputValue(), secret);

    const ok = await verify(page, { type: "access", fresh: true, scopes: "posts:delete profile:read", allRequired: true });
    assert.ok(ok.ok, `expected a valid token, got ${JSON.stringify(ok)}`);
    assert.match(ok.ok, /^Valid access token for "alice" \(fresh\); scopes: posts:\* profile:read; expires in 1[45] min /);

    const scope = await verify(page, { scopes: "admin" });
    assert.equal(scope.name, "InsufficientScopeError");
    assert.equal(scope.code, "ERR_INSUFFICIENT_SCOPE");

    const type = await verify(page, { type: "refresh", scopes: "" });
    assert.equal(type.name, "RefreshTokenRequiredError");
    assert.equal(type.code, "ERR_TOKEN_TYPE");

    await page.getByTestId("verify-secret").fill(`${secret}x`);
    const wrongKey = await verify(page, { type: "access" });
    assert.equal(wrongKey.name, "InvalidSignatureError");
    await page.getByTestId("verify-secret").fill(secret);

    await page.getByTestId("verify-alg").selectOption("HS256");
    const alg = await verify(page);
    assert.equal(alg.name, "AlgorithmNotAllowedError");
    assert.equal(alg.code, "ERR_JOSE_ALG_NOT_ALLOWED");
    await page.getByTestId("verify-alg").selectOption("HS384");

    assert.ok((await verify(page, { fresh: false })).ok);
  });

  test("the expiry countdown follows timeUntilExpiry (it moves within 1.5 s)", async () => {
    const countdown = page.getByTestId("countdown");
    const t0 = Number(await countdown.getAttribute("data-seconds"));
    const text0 = await countdown.innerText();
    await page.waitForTimeout(1_500);
    const t1 = Number(await countdown.getAttribute("data-seconds"));
    const text1 = await countdown.innerText();
    assert.notEqual(text1, text0);
    assert.ok(t0 > 0 && t1 < t0, `${t1} < ${t0}`);
    // Updated every 250 ms: after 1.5 s it has moved by 1.5 s, give or take a tick or two.
    assert.ok(t0 - t1 > 1.0 && t0 - t1 < 2.5, `moved ${t0 - t1} s`);
    // The shown number is timeUntilExpiry: exp minus the page's clock.
    const { exp } = decodeJwt(token).claims;
    const pageNow = await page.evaluate(() => Date.now() / 1000);
    assert.ok(Math.abs(exp - pageNow - t1) < 1, `exp - now = ${exp - pageNow}, shown ${t1}`);
  });

  test("the scope checker: posts:* grants posts:read, not postsx", async () => {
    assert.equal(await scopeAnswer(page, "posts:read"), "true");
    assert.equal(await scopeAnswer(page, "posts"), "true");
    assert.equal(await scopeAnswer(page, "postsx"), "false");
    assert.equal(await scopeAnswer(page, "posts:read, admin"), "false");
    assert.equal(await scopeAnswer(page, "posts:read, admin", false), "true");
    assert.equal(await scopeAnswer(page, "admin postsx", false), "false");
    assert.equal(
      await page.getByTestId("scope-call").innerText(),
      'hasScopes(["admin","postsx"], { allRequired: false })',
    );
    await scopeAnswer(page, "posts:read");
  });

  test("screenshot of the page with a decoded, verified token", async () => {
    await verify(page, { type: "access", fresh: true, scopes: "posts:read" });
    mkdirSync(join(ROOT, "out/screenshots"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test("a tampered token decodes (unverified) but fails verification: InvalidSignatureError", async () => {
    const forged = tamperPayload(token, (claims) => ({ ...claims, sub: "mallory" }));
    await page.getByTestId("token").fill(forged);
    const view = await shown(page);
    assert.equal(view.claims.sub, "mallory", "the unverified view shows what the token claims");
    assert.deepEqual(view.claims, decodeJwt(forged).claims);

    const result = await verify(page, { type: "access", fresh: false, scopes: "" });
    assert.equal(result.name, "InvalidSignatureError");
    assert.equal(result.code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    assert.ok(result.message.length > 0);
    assert.ok(!result.message.includes(secret), "the message never shows the secret");
    await page.screenshot({ path: join(ROOT, "out/screenshots/playground-tampered.png"), fullPage: true });
  });

  test("an expired token (expiry -5) shows the expired badge and TokenExpiredError", async () => {
    const expired = await createToken(page, { alg: "HS512", uid: "bob", scopes: "", fresh: false, expires: -5 });
    const real = decodeJwt(expired);
    assert.equal(real.claims.exp - real.claims.iat, -5);
    assert.equal(real.claims.scopes, undefined);

    const view = await shown(page);
    assert.deepEqual(view.claims, real.claims);
    assert.equal(view.expiry, "expired");
    assert.equal(view.fresh, "not fresh");
    assert.match(view.countdown, /^expired \d+\.\d s ago$/);
    assert.equal(await scopeAnswer(page, "posts:read"), "false", "no scopes claim grants nothing");

    const result = await verify(page);
    assert.equal(result.name, "TokenExpiredError");
    assert.equal(result.code, "ERR_JWT_EXPIRED");
    assert.match(result.message, /^token expired [\d.]+ s ago at \d{4}-\d\d-\d\dT[\d:]+Z; leeway 0 s$/);
  });

  test("a refresh token: no fresh option, refresh badge, verifies as type refresh", async () => {
    await page.getByTestId("create-kind-refresh").check();
    assert.equal(await page.getByTestId("create-fresh").isDisabled(), true);
    const refresh = await createToken(page, { kind: "refresh", uid: "carol", scopes: "profile:read", expires: 60 });
    const real = decodeJwt(refresh);
    assert.equal(real.claims.type, "refresh");
    assert.equal("fresh" in real.claims, false);
    const view = await shown(page);
    assert.deepEqual(view.claims, real.claims);
    assert.equal(view.type, "refresh");
    assert.equal(await page.getByTestId("verify-type").inputValue(), "refresh");
    assert.ok((await verify(page, { scopes: "" })).ok);
    assert.equal((await verify(page, { type: "access" })).name, "AccessTokenRequiredError");
    await page.getByTestId("create-kind-access").check();
    assert.equal(await page.getByTestId("create-fresh").isDisabled(), false);
  });

  test("bad input shows the package's error: malformed token, bad options", async () => {
    await page.getByTestId("token").fill("Bearer abc.def.ghi");
    assert.equal(await page.getByTestId("decode-error-name").innerText(), "MalformedTokenError");
    assert.equal(await page.getByTestId("decode-error-code").innerText(), "ERR_JWT_INVALID");
    await assertHidden(page, "decoded");
    assert.equal(await page.getByTestId("scope-result").innerText(), "no token");

    await page.getByTestId("create-uid").fill("");
    await page.getByTestId("create-submit").click();
    assert.equal(await page.getByTestId("create-error-name").innerText(), "BadConfigurationError");
    assert.equal(await page.getByTestId("create-error-code").innerText(), "ERR_BAD_CONFIGURATION");
  });

  test("everything stayed in the page: no request left the dev server, no errors", async () => {
    const origin = new URL(url).origin;
    const elsewhere = requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith("data:"));
    assert.deepEqual(elsewhere, []);
    assert.ok(requests.some((r) => r.endsWith(".wasm")), "the .wasm came from the dev server");
    assert.deepEqual(problems, []);
  });
});

describe("www playground (vite build + preview)", { timeout: 45_000 }, () => {
  let server;
  let browser;
  let outDir;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), "authx-www-"));
    await within(
      30_000,
      "vite build of www/",
      build({ configFile: CONFIG, logLevel: "warn", build: { outDir, emptyOutDir: true } }),
    );
    server = await within(
      10_000,
      "starting vite preview",
      onFreePort((port) =>
        preview({
          configFile: CONFIG,
          logLevel: "warn",
          build: { outDir },
          preview: { host: "127.0.0.1", port, strictPort: true, open: false },
        }),
      ),
    );
    browser = await launchChromium();
  });

  after(async () => {
    await closeWithin(10_000, "closing Chromium", () => browser?.close());
    await closeWithin(10_000, "closing vite preview", () => server?.close());
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  test("the production bundle loads its hashed .wasm and works", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const problems = watchPage(page);
    const wasm = [];
    page.on("response", (res) => {
      if (res.url().endsWith(".wasm")) wasm.push({ url: res.url(), type: res.headers()["content-type"] });
    });
    await openPlayground(page, urlOf(server));
    const token = await createToken(page, { uid: "dave", scopes: "posts:*", fresh: true, expires: 120 });
    assert.deepEqual((await shown(page)).claims, decodeJwt(token).claims);
    assert.ok((await verify(page, { type: "access", fresh: true, scopes: "posts:read" })).ok);
    assert.equal(wasm.length, 1);
    assert.match(wasm[0].url, /\/assets\/authx_wasm_bg-[\w-]+\.wasm$/);
    assert.equal(wasm[0].type, "application/wasm");
    assert.deepEqual(problems, []);
    await page.close();
  });
});
