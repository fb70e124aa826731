// Breaker tests: attacks on the strict JSON reader (src/core/json/read.rs), the
// JS TokenPayload (pkg/payload.mjs), the encodeInto input path (pkg/bind.mjs,
// src/js/input.rs) and minting (src/core/mint.rs, src/core/jws.rs), through the
// real package. Tokens are built and signed by hand with node:crypto so they
// reach the payload checks. Every test asserts the CORRECT behaviour; the ones
// that failed when this file was written are regression tests for the fixes.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";
import {
  AuthX,
  TokenPayload,
  AuthXError,
  MalformedTokenError,
  BadConfigurationError,
  TokenExpiredError,
  InsufficientScopeError,
} from "../../pkg/index.mjs";
import { NOW_S, NOW_MS, SECRET, b64u, sign, signSegments, claims, HEADER, prng } from "./helpers.mjs";

const at = (opts = {}) => new AuthX({ secretKey: SECRET, now: () => NOW_MS, ...opts });
const auth = at();
const H = b64u(JSON.stringify(HEADER));
const KEY = new TextEncoder().encode(SECRET);

/** A token whose payload is exactly this text (or Buffer), correctly signed. */
const withPayload = (text) => signSegments(H, b64u(text));
/** A token whose header is exactly this text, correctly signed, with a valid payload. */
const withHeader = (text) => signSegments(b64u(text), b64u(JSON.stringify(claims())));
const payloadText = (token) => Buffer.from(token.split(".")[1], "base64url").toString("utf8");
const headerText = (token) => Buffer.from(token.split(".")[0], "base64url").toString("utf8");

function outcome(f) {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: e };
  }
}

function assertAuthXError(e, Cls = AuthXError, label = "") {
  assert.ok(e instanceof Cls, `${label}: expected ${Cls.name}, got ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(typeof e.code, "string", `${label}: no code`);
}

function stillWorks(a = auth) {
  assert.equal(a.decodeToken(a.createAccessToken({ uid: "still-ok" })).sub, "still-ok");
}

// ---------------------------------------------------------------------------
describe("strict JSON reader: accepts exactly what JSON.parse + the documented rules accept", () => {
  // [label, payload text, accept?]
  const cases = [
    ["BOM before the object", "\ufeff{}", false],
    ["BOM after the object", "{}\ufeff", false],
    ["NBSP as whitespace", "{\u00a0}", false],
    ["vertical tab as whitespace", "{\u000b}", false],
    ["form feed as whitespace", "{\f}", false],
    ["U+2028 as whitespace", "{\u2028}", false],
    ["all four JSON whitespace kinds everywhere", ' \t\n\r{ \t\n\r"a" \t\n\r: \t\n\r[ 1 , "x" ] \t\n\r} \t\n\r', true],
    ['"\\u0000" escape in a value', '{"a":"\\u0000"}', true],
    ['"\\u0000" escape as a name, next to ""', '{"\\u0000":1,"":2}', true],
    ["raw NUL in a string", '{"a":"\u0000"}', false],
    ["raw U+001F in a string", '{"a":"\u001f"}', false],
    ["raw DEL and U+2028 in a string", '{"a":"\u007f\u2028"}', true],
    ['escaped duplicate "s\\u0075b"', '{"sub":"a","s\\u0075b":"b"}', false],
    ['"s\\u0055b" is "sUb", not a duplicate', '{"sub":"a","s\\u0055b":"b"}', true],
    ['"a\\/b" duplicates "a/b"', '{"a/b":1,"a\\/b":2}', false],
    ["escaped surrogate pair duplicates the raw character", '{"\u{1f600}":1,"\\ud83d\\ude00":2}', false],
    ["upper- and lower-case hex escapes of one name", '{"\\u0041":1,"\\u0041":2}', false],
    ["duplicate past the 16-name linear scan, escaped", "{" + Array.from({ length: 20 }, (_, i) => `"k${i}":${i}`).join(",") + ',"\\u006b3":1}', false],
    ["duplicate at exactly 17 names", "{" + Array.from({ length: 17 }, (_, i) => `"k${i}":${i}`).join(",") + ',"k16":1}', false],
    ["duplicate inside an array of objects", '{"l":[{"a":1},{"a":1,"\\u0061":2}]}', false],
    ["1e308", '{"a":1e308}', true],
    ["1e309", '{"a":1e309}', false],
    ["-1e309", '{"a":-1e309}', false],
    ["1.7976931348623157e308 (max)", '{"a":1.7976931348623157e308}', true],
    ["1.7976931348623158e308 (rounds to max)", '{"a":1.7976931348623158e308}', true],
    ["1.7976931348623159e308 (rounds to Infinity)", '{"a":1.7976931348623159e308}', false],
    ["-0", '{"a":-0}', true],
    ["1E+2", '{"a":1E+2}', true],
    ["1e01 (leading zero in the exponent is allowed)", '{"a":1e01}', true],
    ["30-digit integer", '{"a":123456789012345678901234567890}', true],
    ["400-digit integer", `{"a":${"9".repeat(400)}}`, false],
    ["1e-400 (underflows to 0, finite)", '{"a":1e-400}', true],
    ["01", '{"a":01}', false],
    ["+1", '{"a":+1}', false],
    ["1.", '{"a":1.}', false],
    [".5", '{"a":.5}', false],
    ["lone high surrogate escape", '{"a":"\\ud800"}', false],
    ["lone low surrogate escape", '{"a":"\\udc00"}', false],
    ["high, high, low", '{"a":"\\ud800\\ud800\\udc00"}', false],
    ["high then a plain character", '{"a":"\\ud800x"}', false],
    ["paired surrogate escapes", '{"a":"\\ud800\\udc00"}', true],
    ["lone surrogate escape as a name", '{"\\udfff":1}', false],
    ["\\uffff (a noncharacter, valid)", '{"a":"\\uffff\uffff"}', true],
    ["trailing garbage", "{} x", false],
    ["trailing NUL", "{}\u0000", false],
    ["two objects", "{}{}", false],
    ["payload is an array", "[]", false],
    ["payload is a string", '"x"', false],
    ["payload is a number", "1", false],
    ["payload is null", "null", false],
    ["empty payload text", " ", false],
    ["__proto__ and constructor claims", '{"__proto__":{"sub":"x"},"constructor":"y"}', true],
    ["depth 128 of arrays (top object + 127)", `{"a":${"[".repeat(127)}${"]".repeat(127)}}`, true],
    ["depth 129 of arrays", `{"a":${"[".repeat(128)}${"]".repeat(128)}}`, false],
    ["depth 128 of objects", `{"a":${'{"a":'.repeat(126)}{}${"}".repeat(126)}}`, true],
    ["depth 129 of objects", `{"a":${'{"a":'.repeat(127)}{}${"}".repeat(127)}}`, false],
    ["100000 unclosed brackets", `{"a":${"[".repeat(100000)}`, false],
  ];
  for (const [label, text, accept] of cases) {
    test(`payload: ${label} -> ${accept ? "accepted" : "MalformedTokenError"}`, () => {
      const token = withPayload(text);
      const r = outcome(() => auth.decodeToken(token));
      if (accept) {
        assert.ok(r.ok, `refused: ${r.error?.message}`);
        assert.deepEqual(r.value.toJSON(), JSON.parse(text));
      } else {
        assert.ok(!r.ok, "accepted");
        assertAuthXError(r.error, MalformedTokenError, label);
      }
    });
  }

  const byteCases = [
    ["0xff", [0xff]],
    ["overlong NUL C0 80", [0xc0, 0x80]],
    ["CESU-8 surrogate pair", [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]],
    ["truncated 3-byte sequence", [0xe2, 0x82]],
    ["code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ];
  for (const [label, bytes] of byteCases) {
    test(`invalid UTF-8 (${label}) in a name or a nested value -> MalformedTokenError`, () => {
      for (const [pre, post] of [['{"', '":1}'], ['{"a":{"b":["', '"]}}']]) {
        const buf = Buffer.concat([Buffer.from(pre), Buffer.from(bytes), Buffer.from(post)]);
        const r = outcome(() => auth.decodeToken(withPayload(buf)));
        assert.ok(!r.ok);
        assertAuthXError(r.error, MalformedTokenError, label);
        assert.match(r.error.message, /UTF-8/);
      }
    });
  }

  test("header: BOM, escaped names and values, escaped duplicate alg", () => {
    assert.throws(() => auth.decodeToken(withHeader('\ufeff{"alg":"HS256"}')), MalformedTokenError);
    assert.equal(auth.decodeToken(withHeader('{"\\u0061lg":"HS\\u0032\\u00356"}')).header.alg, "HS256");
    assert.throws(() => auth.decodeToken(withHeader('{"alg":"HS256","\\u0061lg":"none"}')), MalformedTokenError);
    assert.throws(() => auth.decodeToken(withHeader('{"alg":"HS256","cr\\u0069t":["exp"]}')), MalformedTokenError);
    assert.throws(() => auth.decodeToken(withHeader('{"alg":"HS256","k\\u0069d":7}')), MalformedTokenError);
    stillWorks();
  });

  test("differential fuzz: 30000 mutated object texts, the reader agrees with JSON.parse + the rules, values included", () => {
    const rnd = prng(0xb4ea4);
    const pick = (a) => a[Math.floor(rnd() * a.length)];
    const atoms = ["1", "-0", "0.5", "1e5", "1E-2", "1e400", '"x"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\ud800"', "true", "null", '"é"', "[]", "{}", '"\\u0000"'];
    const names = ["a", "b", "\\u0061", "\\u0062", "c"];
    const gen = (d) => {
      const r = rnd();
      if (d > 3 || r < 0.4) return pick(atoms);
      if (r < 0.7) return "[" + Array.from({ length: Math.floor(rnd() * 3) }, () => gen(d + 1)).join(",") + "]";
      return "{" + Array.from({ length: Math.floor(rnd() * 4) }, () => `"${pick(names)}":${gen(d + 1)}`).join(",") + "}";
    };
    const alphabet = [" ", "\t", "\n", "\r", "\v", "\u00a0", "\ufeff", '"', "\\", "u", "0", "1", "d", "8", "e", "E", "+", "-", ".", "{", "}", "[", "]", ",", ":", "a", "\u0000", "\u001f", "/"];
    const mutate = (s) => {
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const p = Math.floor(rnd() * (s.length + 1));
        const op = rnd();
        s = op < 0.4 ? s.slice(0, p) + pick(alphabet) + s.slice(p) : op < 0.7 ? s.slice(0, p) + s.slice(p + 1) : s.slice(0, p) + pick(alphabet) + s.slice(p + 1);
      }
      return s;
    };
    // Members in a text already known to be valid JSON (a string followed by ':').
    const members = (t) => {
      let n = 0;
      for (let i = 0; i < t.length; i++) {
        if (t[i] !== '"') continue;
        let j = i + 1;
        while (t[j] !== '"') j += t[j] === "\\" ? 2 : 1;
        let k = j + 1;
        while (" \t\n\r".includes(t[k])) k++;
        if (t[k] === ":") n++;
        i = j;
      }
      return n;
    };
    const expected = (t) => {
      let v;
      try {
        v = JSON.parse(t);
      } catch {
        return false;
      }
      if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
      const st = { keys: 0, bad: false };
      const walk = (x) => {
        if (typeof x === "number" && !Number.isFinite(x)) st.bad = true;
        if (typeof x === "string" && !x.isWellFormed()) st.bad = true;
        if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === "object")
          for (const k of Object.keys(x)) {
            st.keys++;
            if (!k.isWellFormed()) st.bad = true;
            walk(x[k]);
          }
      };
      walk(v);
      return !st.bad && members(t) === st.keys; // fewer keys than members: a duplicate
    };
    let mismatches = [];
    for (let i = 0; i < 30000; i++) {
      let text = "{" + Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, j) => `"k${j}":${gen(1)}`).join(",") + "}";
      if (rnd() < 0.8) text = mutate(text);
      const want = expected(text);
      const r = outcome(() => TokenPayload.decodeUnverified(`${H}.${b64u(text)}.`));
      if (!r.ok) assertAuthXError(r.error, AuthXError, text);
      if (r.ok !== want) mismatches.push(text);
      else if (r.ok) assert.deepEqual(r.value.toJSON(), JSON.parse(text));
    }
    assert.deepEqual(mismatches.slice(0, 10), []);
  });
});

// ---------------------------------------------------------------------------
describe("TokenPayload getters agree with the token", () => {
  test("float exp / iat, aud string vs array, scopes, defaults", () => {
    const p = at({ audience: "web" }).decodeToken(withPayload(`{"exp":${NOW_S + 0.248171},"iat":${NOW_S - 0.000001},"aud":"web","scopes":["a","b:*"]}`));
    assert.equal(p.exp, NOW_S + 0.248171);
    assert.equal(p.iat, NOW_S - 0.000001);
    assert.ok(Math.abs(p.timeUntilExpiry - 0.248171) < 1e-6);
    assert.equal(p.isExpired, false);
    assert.deepEqual([p.type, p.fresh, p.csrf, p.sub], ["access", false, "", undefined]);
    const q = at({ audience: ["web", "app"] }).decodeToken(withPayload('{"aud":["web","app"],"\\u0073ub":"s","type":"refresh"}'));
    assert.deepEqual(q.aud, ["web", "app"]);
    assert.equal(q.sub, "s");
    assert.equal(q.type, "refresh");
    // copies, not the cached object
    q.aud.push("evil");
    assert.deepEqual(q.aud, ["web", "app"]);
    const s = p.scopes;
    s.push("admin");
    assert.deepEqual(p.scopes, ["a", "b:*"]);
    assert.equal(p.hasScopes("admin"), false);
  });

  test("exp -0 and 1e-400 are expired at 0; 1e308 never expires; getters keep the values", () => {
    assert.throws(() => auth.decodeToken(withPayload('{"exp":-0}')), TokenExpiredError);
    assert.throws(() => auth.decodeToken(withPayload('{"exp":1e-400}')), TokenExpiredError);
    const p = auth.decodeToken(withPayload('{"exp":1e308}'));
    assert.equal(p.exp, 1e308);
    assert.equal(p.isExpired, false);
  });

  test('"__proto__" and "constructor" claims are plain data, never prototypes', () => {
    const p = auth.decodeToken(withPayload('{"__proto__":{"sub":"admin","scopes":["admin:*"]},"constructor":{"prototype":1}}'));
    assert.equal(p.sub, undefined);
    assert.equal(p.scopes, undefined);
    assert.equal(p.hasScopes("admin:x"), false);
    const extra = p.extra;
    assert.equal(Object.getPrototypeOf(extra), Object.prototype);
    assert.ok(Object.hasOwn(extra, "__proto__"));
    assert.deepEqual(Object.keys(extra), ["__proto__", "constructor"]);
    assert.equal(JSON.stringify(p), payloadText(withPayload('{"__proto__":{"sub":"admin","scopes":["admin:*"]},"constructor":{"prototype":1}}')));
  });

  test("a polluted Object.prototype changes no getter", () => {
    const polluted = { sub: "admin", scopes: ["admin:*"], exp: 1, fresh: true, type: "refresh", csrf: "x", aud: "web" };
    Object.assign(Object.prototype, polluted);
    try {
      const p = auth.decodeToken(withPayload("{}"));
      assert.deepEqual([p.sub, p.scopes, p.exp, p.fresh, p.type, p.csrf, p.aud, p.isExpired], [undefined, undefined, undefined, false, "access", "", undefined, false]);
      assert.equal(p.hasScopes("admin:x"), false);
      assert.deepEqual(Object.keys(p.extra), []);
    } finally {
      for (const k of Object.keys(polluted)) delete Object.prototype[k];
    }
  });

  // toJSON is JSON.parse of the token's payload text: every claim with its value, in
  // token order except where JavaScript itself orders keys (integer-like names such
  // as "10" come first in every JS object; README says so).
  test("JSON.stringify(payload) is the payload as JSON.parse reads it", () => {
    const text = '{"sub":"u","z":1,"10":2,"2":3}';
    const p = auth.decodeToken(withPayload(text));
    assert.equal(JSON.stringify(p), JSON.stringify(JSON.parse(text)));
    assert.deepEqual(Object.keys(p.toJSON()), ["2", "10", "sub", "z"]);
    const named = '{"sub":"u","z":1,"a":2,"m":3}';
    assert.equal(JSON.stringify(auth.decodeToken(withPayload(named))), named);
  });

  // Regression (fixed after this pass found it): a broken clock makes timeUntilExpiry NaN and isExpired *false*
  // for a token whose exp is long past; the core refuses such a clock
  // (BadConfigurationError) everywhere else.
  test("isExpired never answers false for a past exp when the clock is broken", () => {
    const token = withPayload('{"exp":1}');
    const p = TokenPayload.decodeUnverified(token, { now: () => { throw new Error("clock down"); } });
    const r = outcome(() => p.isExpired);
    if (r.ok) assert.notEqual(r.value, false, "isExpired is false for exp = 1 (1970)");
    else assertAuthXError(r.error, BadConfigurationError);
  });

  // Regression (fixed after this pass found it): the constructor throws a raw TypeError, not an AuthXError.
  test("new TokenPayload() throws an AuthXError with a code", () => {
    const r = outcome(() => new TokenPayload("x", "{}", "{}", {}));
    assert.ok(!r.ok);
    assertAuthXError(r.error);
  });
});

// ---------------------------------------------------------------------------
describe("hasScopes with hostile arguments", () => {
  const withScopes = auth.decodeToken(auth.createAccessToken({ uid: "u", scopes: ["posts:*", "read"] }));
  const noScopes = auth.decodeToken(auth.createAccessToken({ uid: "u" }));

  test("well-behaved hostile values: symbols, numbers, nested arrays, sparse, lone surrogates, throwing proxies", () => {
    const { proxy: revoked, revoke } = Proxy.revocable([], {});
    revoke();
    for (const args of [
      [Symbol("x")],
      [1],
      [null],
      [undefined],
      [[["read"]]],
      [[, "read"]],
      ["\ud800"],
      [["read", "\udc00"], { allRequired: false }],
      [["read"], "read"],
      [revoked],
      [new Proxy(["read"], { get() { throw new Error("trap"); } })],
      ["read", { get allRequired() { throw new Error("getter"); } }],
      ["read", { allRequired: "false" }],
    ]) {
      const r = outcome(() => withScopes.hasScopes(...args));
      assert.ok(!r.ok, `accepted ${typeof args[0]}`);
      assertAuthXError(r.error, BadConfigurationError);
    }
    assert.equal(withScopes.hasScopes(new Proxy(["read"], {})), true);
    assert.equal(withScopes.hasScopes(Array(200000).fill("read")), true);
    assert.equal(withScopes.hasScopes(Array(200000).fill("read").concat("x")), false);
    assert.equal(withScopes.hasScopes("posts"), true);
    assert.equal(withScopes.hasScopes("postsx"), false);
    stillWorks();
  });

  // Regression (fixed after this pass found it): any non-array object as the only/last argument is taken as the
  // options object, so the requirement becomes empty and hasScopes says true, even
  // for a token with no scopes at all. A String object is the classic case.
  test("a non-array object (String object, Set, Date, Map, arguments, typed array) is not an empty requirement", () => {
    const args = (function () { return arguments; })("admin");
    for (const v of [new String("admin"), new Set(["admin"]), new Map([["admin", 1]]), new Date(), args, new Uint8Array(3)]) {
      for (const p of [withScopes, noScopes]) {
        const r = outcome(() => p.hasScopes(v));
        assert.ok(!(r.ok && r.value === true), `hasScopes(${Object.prototype.toString.call(v)}) granted`);
        if (!r.ok) assertAuthXError(r.error, BadConfigurationError);
      }
    }
  });

  // Regression (fixed after this pass found it): the options object is read through its prototype chain (everything in
  // src/js/reflect.rs reads own properties only, "a polluted Object.prototype cannot
  // smuggle in options"), and unknown option names are silently ignored.
  test("hasScopes options: own properties only, unknown names refused", () => {
    Object.prototype.allRequired = false;
    try {
      assert.equal(withScopes.hasScopes("read", "admin", {}), false, "Object.prototype.allRequired turned all-of into any-of");
    } finally {
      delete Object.prototype.allRequired;
    }
    const r = outcome(() => withScopes.hasScopes("read", "admin", { allrequired: false }));
    assert.ok(!r.ok, "unknown option name accepted");
    assertAuthXError(r.error, BadConfigurationError);
  });

  // Regression (fixed after this pass found it): the scope lists cross to the core as
  // JSON.stringify text, so a toJSON on Array.prototype / Object.prototype rewrites
  // what is required and what the token grants.
  test("a toJSON on Array.prototype cannot change the scope decision", () => {
    const fresh = () => auth.decodeToken(auth.createAccessToken({ uid: "u", scopes: ["read"] }));
    Array.prototype.toJSON = function () { return ["admin:*"]; };
    let grantsAdmin, readRequired;
    try {
      grantsAdmin = fresh().hasScopes("admin:delete");
      readRequired = fresh().hasScopes("write");
    } finally {
      delete Array.prototype.toJSON;
    }
    assert.equal(grantsAdmin, false, "token with scopes [read] granted admin:delete");
    assert.equal(readRequired, false);
  });
});

// ---------------------------------------------------------------------------
describe("input path (encodeInto, <= 4096 units) and wasm-bindgen path behave the same", () => {
  const slow = AuthX.prototype.__generated;

  function tokenOfLength(n) {
    for (let u = 1; u < 5; u++) {
      for (let pad = Math.floor((n - 300) * 0.75); pad < n; pad++) {
        const t = auth.createAccessToken({ uid: "u".repeat(u), data: { pad: "x".repeat(pad) } });
        if (t.length === n) return t;
        if (t.length > n) break;
      }
    }
    throw new Error(`no token of length ${n}`);
  }

  for (const n of [4095, 4096, 4097]) {
    test(`a token of exactly ${n} units: decode, verify, unverified, maxTokenLength n-1 and n`, () => {
      const t = tokenOfLength(n);
      assert.equal(auth.decodeToken(t).sub.startsWith("u"), true);
      assert.equal(auth.verifyToken(t).sub.startsWith("u"), true);
      assert.equal(TokenPayload.decodeUnverified(t).sub.startsWith("u"), true);
      assert.throws(() => at({ maxTokenLength: n - 1 }).decodeToken(t), MalformedTokenError);
      assert.throws(() => at({ maxTokenLength: n - 1 }).verifyToken(t), MalformedTokenError);
      assert.throws(() => TokenPayload.decodeUnverified(t, { maxTokenLength: n - 1 }), MalformedTokenError);
      assert.ok(at({ maxTokenLength: n }).decodeToken(t));
      // one multi-byte character instead of the last: bytes > units
      const euro = t.slice(0, -1) + "\u20ac";
      assert.throws(() => at({ maxTokenLength: n + 1 }).decodeToken(euro), MalformedTokenError);
      assert.throws(() => auth.decodeToken(t.slice(0, -1) + "\ud800"), MalformedTokenError);
      stillWorks();
    });
  }

  test("same class and message on both paths for odd strings", () => {
    const small = at({ maxTokenLength: 300 });
    const good = small.createAccessToken({ uid: "u" });
    const cases = [good, "", ".", "..", good + "\ud800", "\ud800" + good, good.replace(".", "\u00e9"), good.slice(0, -2) + "\u{1f600}", "\u20ac".repeat(100), "\u20ac".repeat(101), "a".repeat(300), "a".repeat(301), "\u00e9".repeat(151), good.replace(".", "\u0000"), "\udc00.\ud800.x", good + "\u0000", "\ud800".repeat(4096), "\u{1f600}".repeat(2048)];
    const show = (r) => (r.ok ? `ok ${JSON.stringify(r.value)}` : `${r.error.constructor.name} ${r.error.code} ${r.error.message}`);
    for (const t of cases) {
      assert.equal(show(outcome(() => small.decodeToken(t))), show(outcome(() => slow.decodeToken.call(small, t))), JSON.stringify(t.slice(0, 30)));
      assert.equal(show(outcome(() => small.verifyToken(t, { type: "access" }))), show(outcome(() => slow.verifyToken.call(small, t, { type: "access" }))));
      const r = outcome(() => small.decodeToken(t));
      if (!r.ok) assertAuthXError(r.error, MalformedTokenError);
    }
    stillWorks(small);
  });

  test("a clock that decodes other tokens re-entrantly does not change the outer token", () => {
    const tA = auth.createAccessToken({ uid: "alice" });
    const tB = auth.createAccessToken({ uid: "mallo" }); // same length as tA
    assert.equal(tA.length, tB.length);
    let inner = [];
    let depth = 0;
    const re = at({
      now: () => {
        if (depth++ < 3) inner.push(re.decodeToken(tB).sub, TokenPayload.decodeUnverified(tB).sub, re.verifyToken(tB).sub);
        depth--;
        return NOW_MS;
      },
    });
    assert.equal(re.decodeToken(tA).sub, "alice");
    assert.equal(re.verifyToken(tA).sub, "alice");
    assert.equal(TokenPayload.decodeUnverified(tA, { now: () => (TokenPayload.decodeUnverified(tB), NOW_MS) }).sub, "alice");
    assert.ok(inner.length > 0 && inner.every((s) => s === "mallo"));
    // verifyToken options that decode re-entrantly
    const getterOpts = { get type() { auth.decodeToken(tB); return "access"; } };
    assert.equal(auth.verifyToken(tA, getterOpts).sub, "alice");
    assert.equal(auth.verifyToken(tA, new Proxy({}, { ownKeys() { auth.decodeToken(tB); return []; } })).sub, "alice");
  });

  // Regression (fixed after this pass found it): decodeUnverified reads its options (getters, proxy traps)
  // AFTER bind.mjs wrote the token into the shared input buffer and BEFORE the core
  // copies it out (src/js/payload.rs decode_unverified_input: unverified_options()
  // before input::take()). An options getter that decodes another token of the same
  // length overwrites the buffer: decodeUnverified(tA) returns tB's claims. With
  // other lengths it fails with a bogus MalformedTokenError.
  test("decodeUnverified options that decode re-entrantly do not swap the token", () => {
    const tA = auth.createAccessToken({ uid: "alice" });
    const tB = auth.createAccessToken({ uid: "mallo" });
    const tShort = auth.createAccessToken({ uid: "b" });
    const variants = [
      { get now() { auth.decodeToken(tB); return undefined; } },
      { get maxTokenLength() { TokenPayload.decodeUnverified(tB); return 16384; } },
      new Proxy({}, { ownKeys() { auth.verifyToken(tB); return []; } }),
      { get now() { auth.decodeToken(tShort); return undefined; } },
    ];
    for (const opts of variants) {
      const r = outcome(() => TokenPayload.decodeUnverified(tA, opts));
      assert.ok(r.ok, `failed: ${r.error?.message}`);
      assert.equal(r.value.sub, "alice");
    }
  });

  test("a clock that frees its own instance, or throws, or overflows the stack: AuthXError or a result, and others keep working", () => {
    let victim;
    victim = at({ now: () => { try { victim.free(); } catch {} return NOW_MS; } });
    const t = auth.createAccessToken({ uid: "u" });
    const r = outcome(() => victim.decodeToken(t));
    if (!r.ok) assertAuthXError(r.error);
    for (const now of [() => { throw new Error("x"); }, () => { throw "x"; }, () => NaN, () => 1n, () => new Date(NOW_MS), function f() { return f(); }]) {
      const a = at({ now });
      for (const f of [() => a.decodeToken(t), () => a.createAccessToken({ uid: "u" }), () => a.verifyToken(t)]) {
        const r2 = outcome(f);
        assert.ok(!r2.ok);
        assertAuthXError(r2.error, BadConfigurationError);
      }
    }
    stillWorks();
  });
});

// ---------------------------------------------------------------------------
describe("minting odd data / headers: round trip through decodeToken and jose", () => {
  const verifyBoth = async (token, a = auth, joseOpts = {}) => {
    const p = a.decodeToken(token);
    assert.deepEqual(p.toJSON(), JSON.parse(payloadText(token)));
    assert.deepEqual(p.header, JSON.parse(headerText(token)));
    const r = await jose.jwtVerify(token, KEY, { currentDate: new Date(NOW_MS), ...joseOpts });
    assert.deepEqual(r.payload, JSON.parse(payloadText(token)));
    assert.deepEqual(r.protectedHeader, JSON.parse(headerText(token)));
    return p;
  };

  test("data: toJSON, Dates, nested, non-ASCII names, names that need escaping, numbers, __proto__", async () => {
    const cases = [
      [{ toJSON() { return { a: 1 }; } }, { a: 1 }],
      [{ d: new Date(0) }, { d: "1970-01-01T00:00:00.000Z" }],
      [{ a: { b: [1, { c: null }] } }, { a: { b: [1, { c: null }] } }],
      [{ "\u00e9\u20ac\u{1f600}": "\u00fc", "\u2028": 1 }, { "\u00e9\u20ac\u{1f600}": "\u00fc", "\u2028": 1 }],
      [{ 'q"b\\s\n\u0001\u007f': 'v"\\\n\u0000' }, { 'q"b\\s\n\u0001\u007f': 'v"\\\n\u0000' }],
      [{ a: 1e21, b: -0, c: NaN, d: 5e-324, e: Number.MAX_VALUE, u: undefined }, { a: 1e21, b: 0, c: null, d: 5e-324, e: Number.MAX_VALUE }],
      [JSON.parse('{"__proto__":{"x":1},"constructor":2}'), JSON.parse('{"__proto__":{"x":1},"constructor":2}')],
      [{ a: JSON.parse("[".repeat(126) + "]".repeat(126)) }, { a: JSON.parse("[".repeat(126) + "]".repeat(126)) }],
    ];
    for (const [data, extra] of cases) {
      const token = auth.createAccessToken({ uid: "J\u00fcrgen \u{1f600}\u0000", data, scopes: ["a:*", "\u00fc", '"'] });
      const p = await verifyBoth(token);
      assert.deepEqual(p.extra, extra);
      assert.equal(p.sub, "J\u00fcrgen \u{1f600}\u0000");
      assert.deepEqual(p.scopes, ["a:*", "\u00fc", '"']);
    }
  });

  test("data that is not a JSON object, or unrepresentable, is BadConfigurationError", () => {
    for (const data of [new Date(0), [1], { toJSON() { return [1]; } }, { toJSON() { return "x"; } }, { a: 1n }, { "\ud800": 1 }, { a: "\udc00" }, { sub: "admin" }, { exp: 1 }, { a: JSON.parse("[".repeat(128) + "]".repeat(128)) }, { toJSON() { throw new Error("x"); } }]) {
      const r = outcome(() => auth.createAccessToken({ uid: "u", data }));
      assert.ok(!r.ok, Object.keys(data).join());
      assertAuthXError(r.error, BadConfigurationError);
    }
    stillWorks();
  });

  test("headers: typ / kid / cty types, alg / crit / b64 refused, extras round-trip through jose", async () => {
    for (const headers of [{ typ: 5 }, { typ: null }, { typ: { a: 1 } }, { kid: 5 }, { cty: 5 }, { alg: "HS256" }, { crit: ["exp"] }, { b64: true }, { toJSON() { return { alg: "none" }; } }, { x: "\ud800" }]) {
      const r = outcome(() => auth.createAccessToken({ uid: "u", headers }));
      assert.ok(!r.ok, JSON.stringify(headers));
      assertAuthXError(r.error, BadConfigurationError);
    }
    for (const headers of [{ kid: "k1" }, { cty: "JWT" }, { typ: "at+jwt" }, { zip: "DEF" }, { jwk: { kty: "oct", k: "AA" } }, { "\u00e9": "\u00fc" }, { 'a"\n': 1 }, {}]) {
      const token = auth.createAccessToken({ uid: "u", headers });
      const p = await verifyBoth(token);
      for (const [k, v] of Object.entries(headers)) assert.deepEqual(p.header[k], v);
    }
  });

  test("issuer, audience, csrf and refresh tokens verify in jose with the same claims", async () => {
    const a = at({ issuer: "api", audience: ["web", "app"], csrf: true });
    const pair = a.createTokenPair({ uid: "u", fresh: true, scopes: ["x"], data: { plan: "pro" } });
    await verifyBoth(pair.accessToken, a, { issuer: "api", audience: "app" });
    await verifyBoth(pair.refreshToken, a, { issuer: "api", audience: "web" });
    await verifyBoth(a.refreshAccessToken(pair.refreshToken), a, { issuer: "api", audience: "web" });
  });

  // Regression (fixed after this pass found it): createTokenPair reads its options twice (once per token), so a getter or
  // toJSON is run twice and one call can make an access and a refresh token for two
  // different users (or with different data).
  test("createTokenPair reads each option once: both tokens for the same uid and data", () => {
    let uidReads = 0;
    let dataReads = 0;
    const pair = auth.createTokenPair({
      get uid() { return ["alice", "bob"][uidReads++ % 2]; },
      data: { toJSON() { return { n: dataReads++ }; } },
    });
    const a = auth.decodeToken(pair.accessToken);
    const r = auth.decodeToken(pair.refreshToken);
    assert.equal(a.sub, r.sub);
    assert.deepEqual(a.extra, r.extra);
    assert.equal(uidReads, 1);
  });

  // Regression (fixed after this pass found it): a refresh token that decodeToken accepts ("aud": [] with no audience
  // configured counts as no audience) cannot be refreshed: the carried-over empty
  // audience hits the minting check and surfaces as BadConfigurationError, blaming
  // the caller's configuration for a token property.
  test("refreshAccessToken works for every refresh token decodeToken accepts (aud: [])", () => {
    const refresh = withPayload(JSON.stringify({ sub: "u", type: "refresh", iat: NOW_S - 1, exp: NOW_S + 100, aud: [] }));
    assert.equal(auth.decodeToken(refresh).sub, "u");
    const r = outcome(() => auth.refreshAccessToken(refresh));
    assert.ok(r.ok, `${r.error?.constructor?.name}: ${r.error?.message}`);
    assert.equal(auth.decodeToken(r.value).sub, "u");
  });

  test("refreshAccessToken carries escaped extra names and nested whitespace compactly", () => {
    const refresh = withPayload('{"sub":"u","type":"refresh","x\\u0041":{ "n" : [1, 2] },"\\u0073cope":1}');
    const access = auth.decodeToken(auth.refreshAccessToken(refresh));
    assert.deepEqual(access.extra, { xA: { n: [1, 2] }, scope: 1 });
  });
});

// ---------------------------------------------------------------------------
test("hostile values in every argument: only AuthXErrors with a code, and the instance keeps working", () => {
  const a = at();
  const good = a.createAccessToken({ uid: "u", scopes: ["a"] });
  const { proxy: rev, revoke } = Proxy.revocable({}, {});
  revoke();
  const thrower = new Proxy({}, { get() { throw new Error("g"); }, ownKeys() { throw new Error("o"); }, getOwnPropertyDescriptor() { throw new Error("d"); }, has() { throw new Error("h"); } });
  const values = [undefined, null, 0, NaN, 1n, "", "\ud800", Symbol("s"), [], {}, rev, thrower, new String("x"), () => 1, Object.create(null), { toJSON() { throw new Error("j"); } }, new Proxy([], { get() { throw new Error("x"); } }), { length: 1e10 }];
  const calls = (v) => [
    () => a.decodeToken(v),
    () => a.verifyToken(v),
    () => a.verifyToken(good, v),
    () => a.createAccessToken(v),
    () => a.createTokenPair(v),
    () => a.refreshAccessToken(v),
    () => TokenPayload.decodeUnverified(v),
    () => TokenPayload.decodeUnverified(good, v),
    ...["uid", "fresh", "scopes", "data", "expiresIn", "audience", "headers"].map((k) => () => a.createAccessToken({ uid: "u", [k]: v })),
    ...["type", "fresh", "scopes", "allRequired", "csrf"].map((k) => () => a.verifyToken(good, { [k]: v })),
    ...["now", "maxTokenLength"].map((k) => () => TokenPayload.decodeUnverified(good, { [k]: v })),
    () => a.decodeToken(good).hasScopes("a", { allRequired: v }),
  ];
  for (const v of values) {
    for (const f of calls(v)) {
      const r = outcome(f);
      if (!r.ok) assertAuthXError(r.error, AuthXError, String(typeof v));
    }
    stillWorks(a);
  }
});
