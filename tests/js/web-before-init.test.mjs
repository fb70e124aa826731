// The browser entry (pkg/web.mjs) before and after it is initialised, in Node:
// before, calls fail with clear errors and nothing half-works; initSync from the
// .wasm bytes then makes it usable. (Runs in its own process: node --test does that.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AuthX, TokenPayload, BadConfigurationError, initSync } from "../../pkg/web.mjs";

const SECRET = "web-entry-secret";

test("before init: decodeUnverified says to await init(); AuthX cannot be made", () => {
  assert.throws(() => TokenPayload.decodeUnverified("a.b.c"), (e) => e instanceof BadConfigurationError && /await init\(\)/.test(e.message) && e.code === "ERR_BAD_CONFIGURATION");
  assert.throws(() => new AuthX({ secretKey: SECRET }), TypeError);
});

test("after initSync from the bytes: tokens round-trip", () => {
  initSync(readFileSync(new URL("../../pkg/web/authx_wasm_bg.wasm", import.meta.url)));
  const auth = new AuthX({ secretKey: SECRET });
  const token = auth.createAccessToken({ uid: "w", scopes: ["a:*"] });
  const p = auth.decodeToken(token);
  assert.ok(p instanceof TokenPayload);
  assert.equal(p.sub, "w");
  assert.equal(p.hasScopes("a:b"), true);
  assert.equal(TokenPayload.decodeUnverified(token).sub, "w");
});
