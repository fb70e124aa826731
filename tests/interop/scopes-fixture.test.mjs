// The scope truth table tests/fixtures/scopes.json, row by row, against the
// real AuthX 1.7.1 (authx._internal._scopes.match_scope / has_required_scopes)
// and against this package (hasScopes / verifyToken on tokens made with those scopes).
//   { "match": [[required, provided, expected], ...],
//     "has":   [[requiredList, providedListOrNull, allRequired, expected], ...] }
// providedListOrNull null = a token without a scopes claim.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { AuthX, InsufficientScopeError } from "../../pkg/index.mjs";
import { authx, ok, repoRoot, throwsCode } from "./helpers.mjs";

const FIXTURE = path.join(repoRoot, "tests/fixtures/scopes.json");

function loadFixture() {
  assert.ok(existsSync(FIXTURE), `scope fixture missing: ${FIXTURE} (written by the fixture owner)`);
  const fixture = JSON.parse(readFileSync(FIXTURE, "utf8"));
  assert.ok(Array.isArray(fixture.match) && fixture.match.length > 0, "fixture.match: non-empty array");
  assert.ok(Array.isArray(fixture.has) && fixture.has.length > 0, "fixture.has: non-empty array");
  for (const row of fixture.match) {
    assert.ok(row.length === 3 && typeof row[0] === "string" && typeof row[1] === "string" && typeof row[2] === "boolean", `bad match row ${JSON.stringify(row)}`);
  }
  for (const row of fixture.has) {
    assert.ok(
      row.length === 4 && Array.isArray(row[0]) && (row[1] === null || Array.isArray(row[1])) && typeof row[2] === "boolean" && typeof row[3] === "boolean",
      `bad has row ${JSON.stringify(row)}`,
    );
  }
  return fixture;
}

const show = (v) => JSON.stringify(v);
const auth = new AuthX({ secretKey: "scopes-fixture-secret-".padEnd(40, "s") });

function tokenWith(scopes) {
  const token = auth.createAccessToken(scopes === null ? { uid: "u" } : { uid: "u", scopes });
  const p = auth.decodeToken(token);
  if (scopes === null) assert.equal("scopes" in p.toJSON(), false, "no scopes claim");
  else assert.deepStrictEqual(p.scopes, scopes, `scopes claim ${show(scopes)} kept as given`);
  return { token, p };
}

let fixture;
let matchAnswers;
let hasAnswers;

before(async () => {
  fixture = loadFixture();
  const ops = [
    ...fixture.match.map(([required, provided]) => ({ op: "match_scope", required, provided })),
    ...fixture.has.map(([required, provided, allRequired]) => ({ op: "has_required_scopes", required, provided, all_required: allRequired })),
  ];
  const results = await authx(ops);
  matchAnswers = results.slice(0, fixture.match.length).map((r) => ok(r, "match_scope").value);
  hasAnswers = results.slice(fixture.match.length).map((r) => ok(r, "has_required_scopes").value);
});

test("fixture match rows = AuthX match_scope(required, provided)", () => {
  const wrong = [];
  fixture.match.forEach((row, i) => {
    if (matchAnswers[i] !== row[2]) wrong.push([...row, "AuthX:", matchAnswers[i]]);
  });
  assert.deepStrictEqual(wrong, [], "rows where the fixture disagrees with AuthX");
});

test("fixture has rows = AuthX has_required_scopes(required, provided, all_required)", () => {
  const wrong = [];
  fixture.has.forEach((row, i) => {
    if (hasAnswers[i] !== row[3]) wrong.push([...row, "AuthX:", hasAnswers[i]]);
  });
  assert.deepStrictEqual(wrong, [], "rows where the fixture disagrees with AuthX");
});

test("fixture match rows = our hasScopes / verifyToken on a token with scopes [provided]", () => {
  for (const [required, provided, expected] of fixture.match) {
    const { token, p } = tokenWith([provided]);
    const what = `match_scope(${show(required)}, ${show(provided)}) expected ${expected}`;
    assert.equal(p.hasScopes([required]), expected, `${what}: hasScopes([required])`);
    assert.equal(p.hasScopes(required), expected, `${what}: hasScopes(required)`);
    assert.equal(p.hasScopes([required], { allRequired: false }), expected, `${what}: allRequired false`);
    if (expected) assert.equal(auth.verifyToken(token, { scopes: [required] }).sub, "u", `${what}: verifyToken`);
    else throwsCode(() => auth.verifyToken(token, { scopes: [required] }), InsufficientScopeError, `${what}: verifyToken`);
  }
});

test("fixture has rows = our hasScopes / verifyToken on a token with those scopes", () => {
  for (const [required, provided, allRequired, expected] of fixture.has) {
    const { token, p } = tokenWith(provided);
    const what = `has_required_scopes(${show(required)}, ${show(provided)}, all_required=${allRequired}) expected ${expected}`;
    assert.equal(p.hasScopes(required, { allRequired }), expected, `${what}: hasScopes(list, {allRequired})`);
    if (required.length > 0) {
      assert.equal(p.hasScopes(...required, { allRequired }), expected, `${what}: hasScopes(...list, {allRequired})`);
      if (allRequired) assert.equal(p.hasScopes(...required), expected, `${what}: hasScopes(...list)`);
      if (expected) assert.equal(auth.verifyToken(token, { scopes: required, allRequired }).sub, "u", `${what}: verifyToken`);
      else throwsCode(() => auth.verifyToken(token, { scopes: required, allRequired }), InsufficientScopeError, `${what}: verifyToken`);
    }
  }
});
