// Shared by the browser tests: Debian's Chromium through playwright-core (never
// a downloaded browser), time bounds, and small token helpers.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CHROMIUM, launchChromium as launch } from "../support/chromium.mjs";
import { freePort } from "../support/net.mjs";

export { freePort };
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Fails with a clear message when the prerequisites of the browser tests are missing. */
export function checkPrerequisites() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests use Debian's Chromium and never download one. ` +
        "Install it with `make setup-browser` (or: apt-get install -y chromium chromium-driver).",
    );
  }
  for (const file of ["pkg/web/authx_wasm.js", "pkg/web/authx_wasm_bg.wasm"]) {
    if (!existsSync(new URL(`../../${file}`, import.meta.url))) {
      throw new Error(`${file} is missing: run \`make build\` first`);
    }
  }
}

/** Headless Chromium at /usr/bin/chromium. */
export async function launchChromium() {
  checkPrerequisites();
  return within(20_000, "launching Chromium", launch());
}

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export function within(ms, what, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Runs `close()` but never waits more than `ms` for it (teardown must not hang the suite). */
export async function closeWithin(ms, what, close) {
  try {
    await within(ms, what, Promise.resolve().then(close));
  } catch (err) {
    console.error(`teardown: ${err.message}`);
  }
}

/** Header and claims of a compact JWS, decoded with Buffer (independently of the package). */
export function decodeJwt(token) {
  const [h, p, s] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString("utf8")),
    claims: JSON.parse(Buffer.from(p, "base64url").toString("utf8")),
    signature: Buffer.from(s, "base64url"),
    signingInput: `${h}.${p}`,
  };
}

/** The same token with its payload replaced (the signature kept): a tampered token. */
export function tamperPayload(token, change) {
  const [h, p, s] = token.split(".");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  const edited = Buffer.from(JSON.stringify(change(claims))).toString("base64url");
  return `${h}.${edited}.${s}`;
}

/** Collects uncaught page errors and console errors/warnings, for a final assertion. */
export function watchPage(page) {
  const problems = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") {
      problems.push(`console.${msg.type()}: ${msg.text()}`);
    }
  });
  return problems;
}

/** Runs `start(port)` on a free port, retrying on the rare race where someone took it first. */
export async function onFreePort(start, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await start(await freePort());
    } catch (err) {
      if (i >= attempts || !/EADDRINUSE|already in use/.test(String(err && err.message))) throw err;
    }
  }
}
