// The scope truth table (tests/fixtures/scopes.json), run through real tokens.
// Every row was checked against AuthX 1.7.1 authx/_internal/_scopes.py
// (match_scope / has_required_scopes); the interop test re-checks it there.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AuthX, TokenPayload, InsufficientScopeError, AuthXError } from "../../pkg/index.mjs";
import { NOW_MS, SECRET, parts } from "./helpers.mjs";

const table = JSON.parse(readFileSync(new URL("../fixtures/scopes.json", import.meta.url), "utf8"));
const auth = new AuthX({ secretKey: SECRET, now: () => NOW_MS });

/** A real access token with `scopes: provided`, or no scopes claim at all for null. */
function tokenWith(provided) {
  return provided === null ? auth.createAccessToken({ uid: "u" }) : auth.createAccessToken({ uid: "u", scopes: provided });
}

/** verifyToken's answer as a boolean: true = passed, false = InsufficientScopeError. */
function verifies(token, scopes, allRequired) {
  try {
    const p = auth.verifyToken(token, { scopes, allRequired });
    assert.equal(p.sub, "u");
    return true;
  } catch (e) {
    if (e instanceof InsufficientScopeError) {
      assert.equal(e.code, "ERR_INSUFFICIENT_SCOPE");
      return false;
    }
    throw e;
  }
}

const show = (x) => JSON.stringify(x);

test("the fixture has the expected shape and size", () => {
  assert.ok(Array.isArray(table.match) && table.match.length >= 80);
  assert.ok(Array.isArray(table.has) && table.has.length >= 50);
  for (const row of table.match) {
    assert.equal(row.length, 3);
    assert.equal(typeof row[0], "string");
    assert.equal(typeof row[1], "string");
    assert.equal(typeof row[2], "boolean");
  }
  for (const row of table.has) {
    assert.equal(row.length, 4);
    assert.ok(Array.isArray(row[0]));
    assert.ok(row[1] === null || Array.isArray(row[1]));
    assert.equal(typeof row[2], "boolean");
    assert.equal(typeof row[3], "boolean");
  }
  // both outcomes are represented, so a constant answer cannot pass
  assert.ok(table.match.some((r) => r[2]) && table.match.some((r) => !r[2]));
  assert.ok(table.has.some((r) => r[3]) && table.has.some((r) => !r[3]));
});

describe("match: one required scope against one provided scope", () => {
  for (const [required, provided, expected] of table.match) {
    test(`required ${show(required)} provided ${show(provided)} -> ${expected}`, () => {
      const token = tokenWith([provided]);
      assert.deepEqual(parts(token)[1].scopes, [provided]);
      const p = auth.decodeToken(token);
      assert.deepEqual(p.scopes, [provided]);
      assert.equal(p.hasScopes(required), expected, "hasScopes(r)");
      assert.equal(p.hasScopes(required, { allRequired: true }), expected, "hasScopes(r, {allRequired:true})");
      assert.equal(p.hasScopes(required, { allRequired: false }), expected, "hasScopes(r, {allRequired:false})");
      assert.equal(p.hasScopes([required]), expected, "hasScopes([r])");
      assert.equal(p.hasScopes([required], { allRequired: false }), expected, "hasScopes([r], {allRequired:false})");
      assert.equal(TokenPayload.decodeUnverified(token).hasScopes(required), expected, "decodeUnverified");
      assert.equal(verifies(token, [required], true), expected, "verifyToken AND");
      assert.equal(verifies(token, [required], false), expected, "verifyToken OR");
    });
  }
});

describe("has: a list of required scopes against the token's scopes", () => {
  for (const [required, provided, allRequired, expected] of table.has) {
    test(`required ${show(required)} provided ${show(provided)} allRequired ${allRequired} -> ${expected}`, () => {
      const token = tokenWith(provided);
      const raw = parts(token)[1];
      const p = auth.decodeToken(token);
      if (provided === null) {
        assert.equal("scopes" in raw, false, "token must have no scopes claim");
        assert.equal(p.scopes, undefined);
      } else {
        assert.deepEqual(raw.scopes, provided);
        assert.deepEqual(p.scopes, provided);
      }
      // form 1: variadic strings (allRequired defaults to true)
      if (allRequired) assert.equal(p.hasScopes(...required), expected, "hasScopes(...r)");
      // form 2: variadic strings + options
      assert.equal(p.hasScopes(...required, { allRequired }), expected, "hasScopes(...r, {allRequired})");
      // form 3: one array + options
      assert.equal(p.hasScopes(required, { allRequired }), expected, "hasScopes([...r], {allRequired})");
      if (allRequired) assert.equal(p.hasScopes(required), expected, "hasScopes([...r])");
      // verifyToken throws InsufficientScopeError exactly when the answer is false
      assert.equal(verifies(token, required, allRequired), expected, "verifyToken");
    });
  }
});

describe("scope checks beyond the table", () => {
  test("verifyToken without scopes option does no scope check, even for a token without scopes", () => {
    const p = auth.verifyToken(tokenWith(null), {});
    assert.equal(p.scopes, undefined);
    assert.equal(auth.verifyToken(tokenWith(["a"]), { allRequired: false }).sub, "u");
  });

  test("allRequired defaults to true in verifyToken", () => {
    const token = tokenWith(["read"]);
    assert.throws(() => auth.verifyToken(token, { scopes: ["read", "write"] }), InsufficientScopeError);
    assert.equal(auth.verifyToken(token, { scopes: ["read", "write"], allRequired: false }).sub, "u");
  });

  test("refresh tokens carry scopes and are checked the same way", () => {
    const r = auth.createRefreshToken({ uid: "u", scopes: ["admin:*"] });
    assert.equal(auth.verifyToken(r, { type: "refresh", scopes: ["admin:users"] }).sub, "u");
    assert.throws(() => auth.verifyToken(r, { type: "refresh", scopes: ["adminx"] }), InsufficientScopeError);
  });

  test("bad scope arguments are refused with an AuthXError, not a crash", () => {
    const p = auth.decodeToken(tokenWith(["a"]));
    for (const args of [[1], [["a", 2]], [null], [{ allRequired: "yes" }], ["a", { allRequired: 1 }]]) {
      assert.throws(() => p.hasScopes(...args), (e) => e instanceof AuthXError, show(args));
    }
    assert.throws(() => auth.verifyToken(tokenWith(["a"]), { scopes: "a" }), (e) => e instanceof AuthXError);
    assert.equal(p.hasScopes("a"), true);
  });
});
