// Strictness: structure, encoding, header, claim types, time boundaries,
// issuer/audience, size, verifyToken order, and robustness of the wasm
// instance under garbage. Tokens are built and signed with node:crypto so
// that only the property under test is wrong.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  AuthX,
  TokenPayload,
  AuthXError,
  MalformedTokenError,
  AlgorithmNotAllowedError,
  InvalidSignatureError,
  TokenExpiredError,
  TokenNotYetValidError,
  InvalidIssuerError,
  InvalidAudienceError,
  AccessTokenRequiredError,
  RefreshTokenRequiredError,
  FreshTokenRequiredError,
  CSRFError,
  InsufficientScopeError,
  BadConfigurationError,
} from "../../pkg/index.mjs";
import * as pkg from "../../pkg/index.mjs";
import { NOW_S, NOW_MS, SECRET, b64u, segJSON, mac, sign, signSegments, claims, HEADER, throwsClass, prng, parts } from "./helpers.mjs";

const at = (ms = NOW_MS, opts = {}) => new AuthX({ secretKey: SECRET, now: () => ms, ...opts });
const auth = at();
const H = b64u(JSON.stringify(HEADER)); // eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9
const P = b64u(JSON.stringify(claims()));
const GOOD = signSegments(H, P);

const malformed = (t, a = auth, re) => throwsClass(() => a.decodeToken(t), MalformedTokenError, re);
const malformedBoth = (t, re) => {
  throwsClass(() => auth.decodeToken(t), MalformedTokenError, re);
  throwsClass(() => TokenPayload.decodeUnverified(t, { now: () => NOW_MS }), MalformedTokenError, re);
};

test("the baseline token verifies (so every rejection below is due to the one change)", () => {
  const p = auth.decodeToken(GOOD);
  assert.equal(p.sub, "user-1");
  assert.equal(TokenPayload.decodeUnverified(GOOD).sub, "user-1");
});

describe("segments", () => {
  test("1, 2, 4 segments -> MalformedTokenError", () => {
    const [h, p, s] = GOOD.split(".");
    malformedBoth(h, /1 segment/);
    malformedBoth(`${h}.${p}`, /2 segment/);
    malformedBoth(`${h}.${p}.${s}.${s}`, /4 segment/);
    malformedBoth(`${GOOD}.`, /4 segment/);
  });

  test("5 segments -> MalformedTokenError with a JWE hint", () => {
    const jwe = `${b64u('{"alg":"dir","enc":"A256GCM"}')}..${b64u("iv-iv-iv-iv")}.${b64u("ciphertext")}.${b64u("tag-tag-tag-tag")}`;
    malformedBoth(jwe, /JWE/);
    malformedBoth(`${GOOD}.a.b`, /JWE/);
  });

  test("empty header or payload segment, even correctly signed -> MalformedTokenError", () => {
    const [h, p, s] = GOOD.split(".");
    malformedBoth(`.${p}.${s}`);
    malformedBoth(signSegments("", P));
    malformedBoth(signSegments(H, ""));
    malformedBoth(`${h}..${s}`);
    malformedBoth("..");
    malformedBoth("");
  });

  test("empty signature -> rejected (InvalidSignatureError), decodeUnverified still reads it", () => {
    const t = `${H}.${P}.`;
    throwsClass(() => auth.decodeToken(t), InvalidSignatureError);
    // decodeUnverified checks structure only; an empty signature segment is canonical base64url
    assert.equal(TokenPayload.decodeUnverified(t).sub, "user-1");
  });

  test("a truncated or extended signature -> InvalidSignatureError", () => {
    const [h, p, s] = GOOD.split(".");
    throwsClass(() => auth.decodeToken(`${h}.${p}.${s.slice(0, 42 - 2)}`), InvalidSignatureError); // 40 chars = 30 bytes
    throwsClass(() => auth.decodeToken(`${h}.${p}.${s}AAAA`), InvalidSignatureError); // 35 bytes
    const hs512 = mac(`${h}.${p}`, { alg: "HS512" }); // right key, wrong length for HS256
    throwsClass(() => auth.decodeToken(`${h}.${p}.${hs512}`), InvalidSignatureError);
  });
});

describe("base64url canonical form", () => {
  /** A payload whose segment needs padding (length % 4 != 0). */
  function unpaddedPayload() {
    for (let i = 0; ; i++) {
      const seg = b64u(JSON.stringify(claims({ n: "x".repeat(i) })));
      if (seg.length % 4 === 2) return seg;
    }
  }

  test('padding "=" in any segment -> MalformedTokenError, even when signed over the padded text', () => {
    const p = unpaddedPayload();
    const padded = p + "==";
    assert.equal(Buffer.from(padded, "base64url").toString(), Buffer.from(p, "base64url").toString());
    malformedBoth(signSegments(H, padded));
    malformedBoth(signSegments(H, p + "="));
    const hk = b64u('{"alg":"HS256","typ":"JWT","kid":"k"}');
    assert.notEqual(hk.length % 4, 0);
    malformedBoth(signSegments(hk + "=".repeat(4 - (hk.length % 4)), P));
    const [h, pp, s] = GOOD.split(".");
    assert.equal(s.length, 43);
    malformedBoth(`${h}.${pp}.${s}=`);
    malformedBoth(`${h}.${pp}.====`);
  });

  test('standard alphabet "+" and "/" -> MalformedTokenError, even when signed over that text', () => {
    let seg;
    for (let i = 0; i < 1000; i++) {
      seg = b64u(JSON.stringify(claims({ n: "x".repeat(i % 5) + "\u00fb\u00ff?>~\u00f8".repeat(1 + (i % 3)) })));
      if (seg.includes("-") && seg.includes("_")) break;
    }
    assert.ok(seg.includes("-") && seg.includes("_"));
    const std = seg.replaceAll("-", "+").replaceAll("_", "/");
    assert.equal(Buffer.from(std, "base64").toString(), Buffer.from(seg, "base64url").toString());
    malformedBoth(signSegments(H, std));
    assert.equal(auth.decodeToken(signSegments(H, seg)).extra.n !== undefined, true);
    // in the signature
    let tok;
    for (let i = 0; i < 1000; i++) {
      tok = signSegments(H, b64u(JSON.stringify(claims({ i }))));
      const s = tok.split(".")[2];
      if (s.includes("-") || s.includes("_")) break;
    }
    const [h, p, s] = tok.split(".");
    assert.equal(auth.decodeToken(tok).extra.i >= 0, true);
    malformedBoth(`${h}.${p}.${s.replaceAll("-", "+").replaceAll("_", "/")}`);
  });

  test("whitespace and newlines anywhere -> MalformedTokenError", () => {
    const [h, p, s] = GOOD.split(".");
    for (const t of [
      ` ${GOOD}`,
      `${GOOD} `,
      `${GOOD}\n`,
      `${GOOD}\r\n`,
      `\t${GOOD}`,
      `${h}.${p.slice(0, 10)} ${p.slice(10)}.${s}`,
      `${h}.${p.slice(0, 10)}\n${p.slice(10)}.${s}`,
      `${h} .${p}.${s}`,
      `${h}.\n${p}.${s}`,
      `${h}.${p}.${s.slice(0, 20)}\r${s.slice(20)}`,
      `${h}.${p}.${s}\u00a0`,
    ]) {
      malformedBoth(t);
    }
    // signed over a segment with a space inside
    malformedBoth(signSegments(H, `${P.slice(0, 8)} ${P.slice(8)}`));
  });

  test("other characters outside the alphabet -> MalformedTokenError", () => {
    const [h, p, s] = GOOD.split(".");
    for (const c of ["!", "*", "~", "%", "\u00e9", "\u0000", "."]) {
      malformedBoth(signSegments(H, P.slice(0, 12) + c + P.slice(12)));
    }
    malformedBoth(`${h}.${p}.${s.slice(0, 20)}$${s.slice(21)}`);
  });

  /** Flip an unused low bit of the last character of a segment. */
  function nonCanonical(seg) {
    const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const unused = { 2: 4, 3: 2 }[seg.length % 4];
    assert.ok(unused, `segment length ${seg.length} has no unused bits`);
    const v = A.indexOf(seg.at(-1));
    assert.equal(v & ((1 << unused) - 1), 0, "canonical input has zero unused bits");
    const out = seg.slice(0, -1) + A[v | 1];
    // a lenient decoder sees the same bytes
    assert.deepEqual(Buffer.from(out, "base64url"), Buffer.from(seg, "base64url"));
    assert.notEqual(out, seg);
    return out;
  }

  test("non-zero trailing bits in the signature (HS256, 2 unused bits) -> rejected, not verified", () => {
    const [h, p, s] = GOOD.split(".");
    const t = `${h}.${p}.${nonCanonical(s)}`;
    malformedBoth(t);
  });

  test("non-zero trailing bits in the signature (HS512, 4 unused bits) -> rejected", () => {
    const a = at(NOW_MS, { algorithm: "HS512" });
    const good = a.createAccessToken({ uid: "u" });
    const [h, p, s] = good.split(".");
    assert.equal(s.length, 86);
    assert.equal(a.decodeToken(good).sub, "u");
    throwsClass(() => a.decodeToken(`${h}.${p}.${nonCanonical(s)}`), MalformedTokenError);
  });

  test("non-zero trailing bits in the payload and header, signed over the altered text -> rejected", () => {
    let p;
    for (let i = 0; ; i++) {
      p = b64u(JSON.stringify(claims({ n: "y".repeat(i) })));
      if (p.length % 4 === 2) break;
    }
    const alt = nonCanonical(p);
    assert.equal(auth.decodeToken(signSegments(H, p)).sub, "user-1");
    malformedBoth(signSegments(H, alt));
    let p3;
    for (let i = 0; ; i++) {
      p3 = b64u(JSON.stringify(claims({ n: "z".repeat(i) })));
      if (p3.length % 4 === 3) break;
    }
    malformedBoth(signSegments(H, nonCanonical(p3)));
    const hk = b64u('{"alg":"HS256","typ":"JWT","kid":"k"}');
    assert.equal(auth.decodeToken(signSegments(hk, P)).header.kid, "k");
    malformedBoth(signSegments(nonCanonical(hk), P));
  });

  test("a segment of length 1 mod 4 is impossible base64 -> MalformedTokenError", () => {
    let p;
    for (let i = 0; ; i++) {
      p = b64u(JSON.stringify(claims({ n: "w".repeat(i) })));
      if (p.length % 4 === 0) break;
    }
    malformedBoth(signSegments(H, p + "A"));
  });
});

describe("JSON of header and payload", () => {
  test("invalid UTF-8 in header or payload -> MalformedTokenError (correctly signed)", () => {
    const bad = [
      Buffer.from([0xff]),
      Buffer.from([0xc0, 0xaf]), // overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]), // UTF-8-encoded surrogate
      Buffer.from([0xe2, 0x82]), // truncated sequence
    ];
    for (const b of bad) {
      const payload = Buffer.concat([Buffer.from('{"sub":"'), b, Buffer.from('","iat":' + (NOW_S - 1) + "}")]);
      malformedBoth(signSegments(H, b64u(payload)));
      const header = Buffer.concat([Buffer.from('{"alg":"HS256","typ":"JWT","kid":"'), b, Buffer.from('"}')]);
      malformedBoth(signSegments(b64u(header), P));
    }
    // valid multi-byte UTF-8 is fine
    assert.equal(auth.decodeToken(sign(HEADER, claims({ sub: "J\u00fcrgen \u{1f600}" }))).sub, "J\u00fcrgen \u{1f600}");
  });

  for (const [label, json] of [
    ["array", "[]"],
    ["null", "null"],
    ["string", '"x"'],
    ["number", "1"],
    ["boolean", "true"],
    ["truncated", '{"alg":"HS256"'],
    ["trailing garbage", '{"alg":"HS256"} x'],
    ["two objects", '{"alg":"HS256"}{}'],
    ["not JSON", "hello"],
    ["single quotes", "{'alg':'HS256'}"],
    ["trailing comma", '{"alg":"HS256",}'],
  ]) {
    test(`header that is ${label} -> MalformedTokenError`, () => {
      malformedBoth(sign(json, claims()));
    });
    test(`payload that is ${label} -> MalformedTokenError (correctly signed)`, () => {
      const json2 = json.replaceAll('"alg":"HS256"', '"sub":"u"');
      malformedBoth(sign(HEADER, json2));
    });
  }

  test("duplicate names in the header -> MalformedTokenError (correctly signed)", () => {
    malformedBoth(sign('{"alg":"HS256","alg":"HS256","typ":"JWT"}', claims()));
    malformedBoth(sign('{"alg":"none","alg":"HS256"}', claims()));
    malformedBoth(sign('{"alg":"HS256","alg":"none"}', claims()));
    malformedBoth(sign('{"alg":"HS256","typ":"JWT","typ":"JWT"}', claims()));
    malformedBoth(sign('{"alg":"HS256","kid":"a","kid":"b"}', claims()));
    malformedBoth(sign('{"alg":"HS256","a\\u006cg":"HS256"}', claims())); // same name after unescaping
  });

  test("duplicate names nested in the header -> MalformedTokenError", () => {
    malformedBoth(sign('{"alg":"HS256","jwk":{"k":"a","k":"b"}}', claims()));
  });

  test("duplicate names in the payload, top level and nested -> MalformedTokenError (correctly signed)", () => {
    const c = JSON.stringify(claims()).slice(1, -1); // the members, without braces
    for (const json of [
      `{${c},"sub":"admin"}`,
      `{"exp":${NOW_S + 10000},${c}}`,
      `{${c},"type":"refresh"}`,
      `{${c},"scopes":["a"],"scopes":["admin:*"]}`,
      `{${c},"org":{"id":1,"id":2}}`,
      `{${c},"org":{"deep":{"x":{"y":1,"y":1}}}}`,
      `{${c},"list":[{"a":1},{"a":1,"a":2}]}`,
      `{${c},"list":[[{"z":1,"z":1}]]}`,
      `{${c},"s\\u0075b":"admin"}`,
    ]) {
      malformedBoth(sign(HEADER, json));
    }
    // control: the same shapes without duplicates verify
    assert.deepEqual(auth.decodeToken(sign(HEADER, `{${c},"org":{"id":1,"di":2},"list":[{"a":1},{"a":2}]}`)).extra, { org: { id: 1, di: 2 }, list: [{ a: 1 }, { a: 2 }] });
  });
});

describe("header rules", () => {
  const hdr = (h) => sign(h, claims());

  test("alg none (with or without a signature) and its case variants -> AlgorithmNotAllowedError", () => {
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      const h = b64u(JSON.stringify({ alg, typ: "JWT" }));
      throwsClass(() => auth.decodeToken(`${h}.${P}.`), AlgorithmNotAllowedError);
      throwsClass(() => auth.decodeToken(`${h}.${P}.${mac(`${h}.${P}`)}`), AlgorithmNotAllowedError);
    }
  });

  test("alg with the wrong case, whitespace or unknown -> AlgorithmNotAllowedError", () => {
    for (const alg of ["hs256", "Hs256", "hS256", " HS256", "HS256 ", "HS-256", "RS256", "ES256", "EdDSA", "", "HS256\u0000"]) {
      throwsClass(() => auth.decodeToken(hdr({ alg, typ: "JWT" })), AlgorithmNotAllowedError, undefined);
    }
  });

  test("alg of another HS size, correctly signed with that alg and the same key -> AlgorithmNotAllowedError", () => {
    for (const alg of ["HS384", "HS512"]) {
      const t = sign({ alg, typ: "JWT" }, claims(), { alg });
      assert.equal(at(NOW_MS, { algorithm: alg }).decodeToken(t).sub, "user-1");
      throwsClass(() => auth.decodeToken(t), AlgorithmNotAllowedError, new RegExp(`alg ${alg} is not allowed; this key verifies HS256`));
    }
    const t256 = sign(HEADER, claims());
    throwsClass(() => at(NOW_MS, { algorithm: "HS512" }).decodeToken(t256), AlgorithmNotAllowedError, /alg HS256 is not allowed; this key verifies HS512/);
  });

  test("missing alg or non-string alg -> MalformedTokenError", () => {
    for (const h of [{ typ: "JWT" }, {}, { alg: 256 }, { alg: null }, { alg: ["HS256"] }, { alg: { name: "HS256" } }, { alg: true }]) {
      throwsClass(() => auth.decodeToken(hdr(h)), MalformedTokenError, undefined);
      throwsClass(() => TokenPayload.decodeUnverified(hdr(h)), MalformedTokenError);
    }
  });

  test("crit present (any value) -> MalformedTokenError", () => {
    for (const crit of [["exp"], [], ["b64"], "exp", null]) {
      throwsClass(() => auth.decodeToken(hdr({ alg: "HS256", typ: "JWT", crit, exp: 1 })), MalformedTokenError);
      throwsClass(() => TokenPayload.decodeUnverified(hdr({ alg: "HS256", crit })), MalformedTokenError);
    }
  });

  test("kid / typ / cty must be strings -> MalformedTokenError", () => {
    for (const [name, v] of [["kid", 1], ["kid", null], ["kid", {}], ["kid", ["a"]], ["typ", 1], ["typ", null], ["typ", true], ["cty", 1], ["cty", []]]) {
      throwsClass(() => auth.decodeToken(hdr({ alg: "HS256", [name]: v })), MalformedTokenError, undefined);
    }
  });

  test("string kid / typ / cty, missing typ and unknown header members are accepted", () => {
    assert.deepEqual(auth.decodeToken(hdr({ alg: "HS256", typ: "JWT", kid: "k-1", cty: "x" })).header, { alg: "HS256", typ: "JWT", kid: "k-1", cty: "x" });
    assert.deepEqual(auth.decodeToken(hdr({ alg: "HS256" })).header, { alg: "HS256" });
    assert.deepEqual(auth.decodeToken(hdr({ typ: "JWT", alg: "HS256", x5u: "u", n: [1] })).header, { typ: "JWT", alg: "HS256", x5u: "u", n: [1] });
  });
});

describe("claim types (correctly signed tokens)", () => {
  const cases = [
    ["exp", "123"], ["exp", null], ["exp", true], ["exp", []], ["exp", {}],
    ["nbf", "1"], ["nbf", null], ["nbf", false],
    ["iat", "1"], ["iat", null], ["iat", [1]],
    ["sub", 123], ["sub", null], ["sub", ["u"]], ["sub", {}],
    ["jti", 1], ["jti", null],
    ["iss", 1], ["iss", null], ["iss", ["i"]],
    ["type", 1], ["type", null], ["type", true],
    ["csrf", 1], ["csrf", null], ["csrf", false],
    ["fresh", "true"], ["fresh", 1], ["fresh", null], ["fresh", 0],
    ["aud", 1], ["aud", null], ["aud", [1]], ["aud", ["a", 1]], ["aud", {}], ["aud", [["a"]]], ["aud", true],
    ["scopes", "read"], ["scopes", [1]], ["scopes", ["a", null]], ["scopes", {}], ["scopes", null], ["scopes", [["a"]]], ["scopes", true],
  ];
  for (const [name, value] of cases) {
    test(`${name}: ${JSON.stringify(value)} -> MalformedTokenError`, () => {
      malformedBoth(sign(HEADER, claims({ [name]: value })));
    });
  }

  test("the message names the claim", () => {
    throwsClass(() => auth.decodeToken(sign(HEADER, claims({ fresh: "true" }))), MalformedTokenError, /fresh/);
    throwsClass(() => auth.decodeToken(sign(HEADER, claims({ scopes: "read" }))), MalformedTokenError, /scopes/);
  });

  test("the right types verify (control)", () => {
    const p = auth.decodeToken(sign(HEADER, claims({ nbf: NOW_S, iss: "x", aud: [], scopes: [], fresh: true, type: "refresh", csrf: "c" })));
    assert.equal(p.iss, "x");
    assert.deepEqual(p.scopes, []);
    assert.equal(p.type, "refresh");
    assert.equal(p.fresh, true);
    assert.equal(p.csrf, "c");
  });
});

describe("verification order", () => {
  test("structure before header: padded + alg none -> MalformedTokenError", () => {
    const raw = b64u('{"alg":"none"}');
    assert.notEqual(raw.length % 4, 0);
    const h = raw + "=".repeat(4 - (raw.length % 4));
    throwsClass(() => auth.decodeToken(`${h}.${P}.`), MalformedTokenError);
  });

  test("header before signature: wrong alg + wrong signature -> AlgorithmNotAllowedError", () => {
    const h = b64u('{"alg":"HS512","typ":"JWT"}');
    throwsClass(() => auth.decodeToken(`${h}.${P}.${"A".repeat(86)}`), AlgorithmNotAllowedError);
    throwsClass(() => auth.decodeToken(`${b64u('{"alg":"HS256","crit":["x"]}')}.${P}.AAAA`), MalformedTokenError);
  });

  test("signature before payload: bad payload JSON or claim type + bad signature -> InvalidSignatureError", () => {
    const bad1 = b64u('{"sub":1,"sub":2}');
    throwsClass(() => auth.decodeToken(`${H}.${bad1}.${mac(`${H}.${bad1}`, { key: "wrong" })}`), InvalidSignatureError);
    const bad2 = b64u("[1,2]");
    throwsClass(() => auth.decodeToken(`${H}.${bad2}.${mac(`${H}.${bad2}`, { key: "wrong" })}`), InvalidSignatureError);
  });

  test("claim types before time: expired and sub a number -> MalformedTokenError", () => {
    throwsClass(() => auth.decodeToken(sign(HEADER, claims({ exp: NOW_S - 100, sub: 5 }))), MalformedTokenError);
  });

  test("exp before nbf before iss before aud", () => {
    const a = at(NOW_MS, { issuer: "me", audience: "web" });
    throwsClass(() => a.decodeToken(sign(HEADER, claims({ exp: NOW_S - 1, nbf: NOW_S + 100, iss: "x", aud: "y" }))), TokenExpiredError);
    throwsClass(() => a.decodeToken(sign(HEADER, claims({ nbf: NOW_S + 100, iss: "x", aud: "y" }))), TokenNotYetValidError);
    throwsClass(() => a.decodeToken(sign(HEADER, claims({ iat: NOW_S + 100, iss: "x", aud: "y" }))), TokenNotYetValidError);
    throwsClass(() => a.decodeToken(sign(HEADER, claims({ iss: "x", aud: "y" }))), InvalidIssuerError);
    throwsClass(() => a.decodeToken(sign(HEADER, claims({ iss: "me", aud: "y" }))), InvalidAudienceError);
    assert.equal(a.decodeToken(sign(HEADER, claims({ iss: "me", aud: "web" }))).sub, "user-1");
  });
});

describe("time boundaries", () => {
  const tok = (c) => sign(HEADER, claims(c));

  test("exp == now is expired; exp one ms later is valid", () => {
    const t = tok({ exp: NOW_S });
    throwsClass(() => at(NOW_MS).decodeToken(t), TokenExpiredError);
    assert.equal(at(NOW_MS - 1).decodeToken(t).exp, NOW_S);
    throwsClass(() => at(NOW_MS + 1).decodeToken(t), TokenExpiredError);
    assert.equal(at(NOW_MS).decodeToken(tok({ exp: NOW_S + 1 })).exp, NOW_S + 1);
  });

  test("exp with leeway: expired iff exp <= now - leeway", () => {
    const t = tok({ exp: NOW_S - 10 });
    throwsClass(() => at(NOW_MS).decodeToken(t), TokenExpiredError);
    throwsClass(() => at(NOW_MS, { leeway: 10 }).decodeToken(t), TokenExpiredError);
    assert.equal(at(NOW_MS, { leeway: 11 }).decodeToken(t).sub, "user-1");
    assert.equal(at(NOW_MS - 1, { leeway: 10 }).decodeToken(t).sub, "user-1");
    assert.equal(at(NOW_MS, { leeway: 10 }).decodeToken(tok({ exp: NOW_S - 9 })).sub, "user-1");
  });

  test("nbf: valid iff nbf <= now + leeway", () => {
    assert.equal(at(NOW_MS).decodeToken(tok({ nbf: NOW_S })).nbf, NOW_S);
    throwsClass(() => at(NOW_MS).decodeToken(tok({ nbf: NOW_S + 1 })), TokenNotYetValidError);
    throwsClass(() => at(NOW_MS).decodeToken(tok({ nbf: NOW_S + 0.001 })), TokenNotYetValidError);
    assert.equal(at(NOW_MS + 1).decodeToken(tok({ nbf: NOW_S + 0.001 })).nbf, NOW_S + 0.001);
    assert.equal(at(NOW_MS, { leeway: 10 }).decodeToken(tok({ nbf: NOW_S + 10 })).sub, "user-1");
    throwsClass(() => at(NOW_MS, { leeway: 10 }).decodeToken(tok({ nbf: NOW_S + 10.5 })), TokenNotYetValidError);
    throwsClass(() => at(NOW_MS, { leeway: 10 }).decodeToken(tok({ nbf: NOW_S + 11 })), TokenNotYetValidError);
  });

  test("iat in the future: valid iff iat <= now + leeway", () => {
    assert.equal(at(NOW_MS).decodeToken(tok({ iat: NOW_S })).iat, NOW_S);
    throwsClass(() => at(NOW_MS).decodeToken(tok({ iat: NOW_S + 1 })), TokenNotYetValidError);
    assert.equal(at(NOW_MS, { leeway: 10 }).decodeToken(tok({ iat: NOW_S + 10 })).sub, "user-1");
    throwsClass(() => at(NOW_MS, { leeway: 10 }).decodeToken(tok({ iat: NOW_S + 11 })), TokenNotYetValidError);
    // a token made by a clock 1 h ahead
    throwsClass(() => at(NOW_MS).decodeToken(at(NOW_MS + 3_600_000).createAccessToken({ uid: "u" })), TokenNotYetValidError);
  });

  test("decodeUnverified does no time checks", () => {
    const p = TokenPayload.decodeUnverified(tok({ exp: NOW_S - 1000, nbf: NOW_S + 1000, iat: NOW_S + 1000 }), { now: () => NOW_MS });
    assert.equal(p.isExpired, true);
    assert.equal(p.nbf, NOW_S + 1000);
  });

  test("float exp 1796315129.248171 is kept exactly and compared without truncation", () => {
    const EXP = 1796315129.248171;
    const t = sign(HEADER, `{"sub":"py","type":"access","iat":1796314229,"exp":1796315129.248171}`);
    const p = at(1796315129000).decodeToken(t); // 0.248171 s before exp
    assert.equal(p.exp, EXP);
    assert.equal(p.toJSON().exp, EXP);
    assert.equal(JSON.stringify(p), '{"sub":"py","type":"access","iat":1796314229,"exp":1796315129.248171}');
    assert.ok(Math.abs(p.timeUntilExpiry - (EXP - 1796315129)) < 1e-6, String(p.timeUntilExpiry));
    assert.equal(p.isExpired, false);
    assert.equal(p.expiryDate.getTime(), 1796315129248);
    assert.equal(at(1796315129248).decodeToken(t).exp, EXP);
    throwsClass(() => at(1796315129249).decodeToken(t), TokenExpiredError);
    throwsClass(() => at(1796315130000).decodeToken(t), TokenExpiredError);
  });
});

describe("issuer and audience", () => {
  const tok = (c) => sign(HEADER, claims(c));

  test("issuer configured: must be equal; missing or different -> InvalidIssuerError", () => {
    const a = at(NOW_MS, { issuer: "https://auth.example" });
    assert.equal(a.decodeToken(tok({ iss: "https://auth.example" })).iss, "https://auth.example");
    for (const iss of ["https://auth.example/", "https://AUTH.example", "https://auth.example ", "", "https://evil.example"]) {
      throwsClass(() => a.decodeToken(tok({ iss })), InvalidIssuerError);
    }
    throwsClass(() => a.decodeToken(tok({})), InvalidIssuerError);
  });

  test("no issuer configured: any iss is accepted", () => {
    assert.equal(auth.decodeToken(tok({ iss: "whoever" })).iss, "whoever");
  });

  test("audience string configured: aud string or array must contain it", () => {
    const a = at(NOW_MS, { audience: "web" });
    assert.equal(a.decodeToken(tok({ aud: "web" })).aud, "web");
    assert.deepEqual(a.decodeToken(tok({ aud: ["mobile", "web"] })).aud, ["mobile", "web"]);
    for (const aud of ["mobile", "Web", "web ", "", ["mobile"], [], ["webx"], ["w", "e", "b"]]) {
      throwsClass(() => a.decodeToken(tok({ aud })), InvalidAudienceError);
    }
    throwsClass(() => a.decodeToken(tok({})), InvalidAudienceError);
  });

  test("audience array configured: any shared name", () => {
    const a = at(NOW_MS, { audience: ["web", "admin"] });
    assert.equal(a.decodeToken(tok({ aud: "admin" })).aud, "admin");
    assert.deepEqual(a.decodeToken(tok({ aud: ["x", "web"] })).aud, ["x", "web"]);
    throwsClass(() => a.decodeToken(tok({ aud: "x" })), InvalidAudienceError);
    throwsClass(() => a.decodeToken(tok({ aud: ["x", "y"] })), InvalidAudienceError);
    throwsClass(() => a.decodeToken(tok({})), InvalidAudienceError);
  });

  test("no audience configured: a token with a non-empty aud -> InvalidAudienceError", () => {
    throwsClass(() => auth.decodeToken(tok({ aud: "web" })), InvalidAudienceError);
    throwsClass(() => auth.decodeToken(tok({ aud: ["web"] })), InvalidAudienceError);
    throwsClass(() => auth.decodeToken(tok({ aud: ["web", "x"] })), InvalidAudienceError);
    assert.deepEqual(auth.decodeToken(tok({ aud: [] })).aud, []);
    assert.equal(auth.decodeToken(tok({})).aud, undefined);
    // decodeUnverified does not check aud
    assert.equal(TokenPayload.decodeUnverified(tok({ aud: "web" })).aud, "web");
  });
});

describe("size cap and input type", () => {
  /** A correctly signed HS256 token of exactly `len` characters (bytes). */
  function tokenOfLength(len) {
    for (let n = 0; n < len; n++) {
      const t = sign(HEADER, claims({ pad: "x".repeat(n) }));
      if (t.length === len) return t;
      if (t.length > len) break;
    }
    for (let n = 0; n < len; n++) {
      const t = sign(HEADER, claims({ pad: "x".repeat(n), q: 1 }));
      if (t.length === len) return t;
    }
    throw new Error(`no token of length ${len}`);
  }

  test("default 16384: exactly 16384 bytes verifies, 16385 -> MalformedTokenError", () => {
    const ok = tokenOfLength(16384);
    assert.equal(ok.length, 16384);
    assert.equal(auth.decodeToken(ok).sub, "user-1");
    assert.equal(TokenPayload.decodeUnverified(ok).sub, "user-1");
    const big = tokenOfLength(16385);
    throwsClass(() => auth.decodeToken(big), MalformedTokenError, /16384/);
    throwsClass(() => TokenPayload.decodeUnverified(big), MalformedTokenError, /16384/);
  });

  test("the cap counts UTF-8 bytes, not UTF-16 units", () => {
    const s = "\u00e9".repeat(8200); // 8200 chars, 16400 bytes
    throwsClass(() => auth.decodeToken(s), MalformedTokenError, /16384/);
  });

  test("a huge input is refused quickly by size", () => {
    const s = "A".repeat(5_000_000) + "." + "A" + "." + "A";
    throwsClass(() => auth.decodeToken(s), MalformedTokenError, /16384/);
  });

  test("custom maxTokenLength, for decodeToken and decodeUnverified", () => {
    const t = tokenOfLength(300);
    assert.equal(at(NOW_MS, { maxTokenLength: 300 }).decodeToken(t).sub, "user-1");
    throwsClass(() => at(NOW_MS, { maxTokenLength: 299 }).decodeToken(t), MalformedTokenError, /299/);
    assert.equal(TokenPayload.decodeUnverified(t, { maxTokenLength: 300 }).sub, "user-1");
    throwsClass(() => TokenPayload.decodeUnverified(t, { maxTokenLength: 299 }), MalformedTokenError, /299/);
    const big = tokenOfLength(20000);
    assert.equal(at(NOW_MS, { maxTokenLength: 20000 }).decodeToken(big).sub, "user-1");
    throwsClass(() => auth.verifyToken(big, {}), MalformedTokenError);
    throwsClass(() => auth.refreshAccessToken(big), MalformedTokenError);
  });

  test('"Bearer <token>" -> MalformedTokenError with a hint', () => {
    throwsClass(() => auth.decodeToken(`Bearer ${GOOD}`), MalformedTokenError, /Bearer/);
    throwsClass(() => auth.verifyToken(`Bearer ${GOOD}`, {}), MalformedTokenError, /Bearer/);
    throwsClass(() => TokenPayload.decodeUnverified(`Bearer ${GOOD}`), MalformedTokenError, /Bearer/);
    throwsClass(() => auth.decodeToken(`bearer ${GOOD}`), MalformedTokenError);
  });

  for (const [label, v] of [["number", 123], ["undefined", undefined], ["null", null], ["object", { token: "x" }], ["array", [GOOD]], ["boolean", true], ["Buffer", Buffer.from("a.b.c")], ["String object", new String("a.b.c")]]) {
    test(`non-string token (${label}) -> MalformedTokenError everywhere`, () => {
      throwsClass(() => auth.decodeToken(v), MalformedTokenError);
      throwsClass(() => auth.verifyToken(v, {}), MalformedTokenError);
      throwsClass(() => auth.refreshAccessToken(v), MalformedTokenError);
      throwsClass(() => TokenPayload.decodeUnverified(v), MalformedTokenError);
    });
  }

  test("decodeToken() with no argument -> MalformedTokenError", () => {
    throwsClass(() => auth.decodeToken(), MalformedTokenError);
  });
});

describe("verifyToken: type, fresh, csrf, scopes (in that order)", () => {
  const a = at(NOW_MS, { csrf: true });

  test("refresh token with fresh:true and wrong csrf -> AccessTokenRequiredError (type first)", () => {
    const r = a.createRefreshToken({ uid: "u", scopes: ["x"] });
    throwsClass(() => a.verifyToken(r, { fresh: true, csrf: "wrong", scopes: ["nope"] }), AccessTokenRequiredError);
  });

  test("access token with type refresh -> RefreshTokenRequiredError before fresh/csrf", () => {
    const t = a.createAccessToken({ uid: "u", fresh: false });
    throwsClass(() => a.verifyToken(t, { type: "refresh", fresh: true, csrf: "wrong" }), RefreshTokenRequiredError);
  });

  test("non-fresh access token, fresh:true, wrong csrf -> FreshTokenRequiredError (fresh second)", () => {
    const t = a.createAccessToken({ uid: "u", scopes: ["x"] });
    throwsClass(() => a.verifyToken(t, { fresh: true, csrf: "wrong", scopes: ["nope"] }), FreshTokenRequiredError);
  });

  test("fresh token, wrong csrf, wrong scopes -> CSRFError (csrf third)", () => {
    const t = a.createAccessToken({ uid: "u", fresh: true, scopes: ["x"] });
    throwsClass(() => a.verifyToken(t, { fresh: true, csrf: "wrong", scopes: ["nope"] }), CSRFError);
    const csrf = parts(t)[1].csrf;
    throwsClass(() => a.verifyToken(t, { fresh: true, csrf, scopes: ["nope"] }), InsufficientScopeError);
    const p = a.verifyToken(t, { fresh: true, csrf, scopes: ["x"] });
    assert.equal(p.sub, "u");
    assert.equal(p.csrf, csrf);
  });

  test("an expired token fails with TokenExpiredError before any request check", () => {
    const t = at(NOW_MS - 2_000_000, { csrf: true }).createRefreshToken({ uid: "u", expiresIn: 10 });
    throwsClass(() => a.verifyToken(t, { fresh: true, csrf: "x" }), TokenExpiredError);
  });

  test("csrf: must be non-empty and equal; near misses fail", () => {
    const t = a.createAccessToken({ uid: "u" });
    const csrf = parts(t)[1].csrf;
    assert.equal(a.verifyToken(t, { csrf }).sub, "u");
    for (const c of ["", csrf.toUpperCase(), csrf.slice(0, -1), csrf + "0", ` ${csrf}`, csrf.replace(/.$/, (x) => (x === "0" ? "1" : "0"))]) {
      throwsClass(() => a.verifyToken(t, { csrf: c }), CSRFError);
    }
    // no csrf option: no check
    assert.equal(a.verifyToken(t, {}).sub, "u");
  });

  test("csrf: a present key with a missing value (absent header) fails closed", () => {
    const t = a.createAccessToken({ uid: "u" });
    const headers = {}; // the request had no X-CSRF-TOKEN header
    for (const opts of [{ csrf: headers["x-csrf-token"] }, { csrf: undefined }, { csrf: null }]) {
      throwsClass(() => a.verifyToken(t, opts), CSRFError, /carries no CSRF value/);
    }
  });

  test('csrf: an empty claim never matches, not even ""', () => {
    const t = auth.createAccessToken({ uid: "u" }); // csrf ""
    assert.equal(parts(t)[1].csrf, "");
    throwsClass(() => auth.verifyToken(t, { csrf: "" }), CSRFError);
    throwsClass(() => auth.verifyToken(t, { csrf: "x" }), CSRFError);
    const noClaim = sign(HEADER, { sub: "u", type: "access", iat: NOW_S });
    throwsClass(() => auth.verifyToken(noClaim, { csrf: "" }), CSRFError);
    throwsClass(() => auth.verifyToken(noClaim, { csrf: "anything" }), CSRFError);
  });

  test("refresh token verifies with type refresh; fresh defaults false", () => {
    const r = a.createRefreshToken({ uid: "u" });
    assert.equal(a.verifyToken(r, { type: "refresh" }).type, "refresh");
    const t = a.createAccessToken({ uid: "u" });
    assert.equal(a.verifyToken(t, {}).fresh, false);
    assert.equal(a.verifyToken(t).sub, "u");
  });

  test("a token with no type claim counts as an access token", () => {
    const t = sign(HEADER, { sub: "u", iat: NOW_S });
    assert.equal(auth.verifyToken(t, {}).type, "access");
    throwsClass(() => auth.verifyToken(t, { type: "refresh" }), RefreshTokenRequiredError);
  });

  test("bad verify options -> BadConfigurationError", () => {
    const t = auth.createAccessToken({ uid: "u" });
    throwsClass(() => auth.verifyToken(t, { type: "id" }), BadConfigurationError);
    throwsClass(() => auth.verifyToken(t, { type: "Access" }), BadConfigurationError);
    throwsClass(() => auth.verifyToken(t, { fresh: "yes" }), BadConfigurationError);
    throwsClass(() => auth.verifyToken(t, { csrf: 123 }), BadConfigurationError);
    // an unknown (misspelt) option must not silently disable a check
    throwsClass(() => auth.verifyToken(t, { scope: ["admin"] }), BadConfigurationError);
    throwsClass(() => auth.verifyToken(t, { allrequired: false }), BadConfigurationError);
  });
});

describe("robustness: bad input never breaks the wasm instance", () => {
  const exported = new Set(Object.values(pkg).filter((v) => typeof v === "function" && v.prototype instanceof AuthXError));

  function stillWorks(a) {
    const t = a.createAccessToken({ uid: "alive", scopes: ["s"] });
    const p = a.verifyToken(t, { scopes: ["s"] });
    assert.equal(p.sub, "alive");
    assert.equal(a.decodeToken(GOOD).sub, "user-1");
  }

  function expectAuthXError(fn, label) {
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      assert.ok(e instanceof AuthXError, `${label}: not an AuthXError: ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
      assert.ok(exported.has(e.constructor), `${label}: ${e.constructor.name} is not an exported class`);
      return { ok: false, error: e };
    }
  }

  test("~200 random garbage strings through decodeToken / decodeUnverified / verifyToken", () => {
    const rnd = prng(0xa117);
    const alphabets = [
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.",
      "eyJ.=+/ \n\t{}\"",
      "\u0000\u0001\u00ff\u00e9\u{1f600}\ud800\udc00\ufffd.",
    ];
    const inputs = ["", ".", "..", "...", "....", "a.b.c", "eyJ.eyJ.", "eyJhbGciOiJub25lIn0.e30.", "e30.e30.e30", "W10.W10.W10", "bnVsbA.bnVsbA.AAAA", "\ud800.\udfff.x"];
    while (inputs.length < 200) {
      const alpha = alphabets[Math.floor(rnd() * alphabets.length)];
      const len = Math.floor(rnd() * 300);
      let s = "";
      for (let i = 0; i < len; i++) s += alpha[Math.floor(rnd() * alpha.length)];
      inputs.push(s);
    }
    for (const s of inputs) {
      const r1 = expectAuthXError(() => auth.decodeToken(s), JSON.stringify(s));
      assert.equal(r1.ok, false, `garbage verified: ${JSON.stringify(s)}`);
      const r2 = expectAuthXError(() => TokenPayload.decodeUnverified(s), JSON.stringify(s));
      if (r2.ok) {
        const [, p] = s.split(".");
        assert.deepEqual(r2.value.toJSON(), segJSON(p), `decodeUnverified values for ${JSON.stringify(s)}`);
      }
      expectAuthXError(() => auth.verifyToken(s, { fresh: true, scopes: ["a"], csrf: "c" }), JSON.stringify(s));
      expectAuthXError(() => auth.refreshAccessToken(s), JSON.stringify(s));
    }
    stillWorks(auth);
  });

  test("~300 random mutations of a valid token: only the unchanged token verifies", () => {
    const rnd = prng(0xbeef);
    const a = at(NOW_MS, { csrf: true });
    const base = a.createAccessToken({ uid: "victim", fresh: true, scopes: ["admin:*"], data: { org: 7 } });
    const baseClaims = parts(base)[1];
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
    let verified = 0;
    for (let i = 0; i < 300; i++) {
      let m = base;
      const ops = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < ops; k++) {
        const pos = Math.floor(rnd() * (m.length + 1));
        const c = chars[Math.floor(rnd() * chars.length)];
        const op = Math.floor(rnd() * 5);
        if (op === 0) m = m.slice(0, pos) + c + m.slice(pos + 1); // replace
        else if (op === 1) m = m.slice(0, pos) + c + m.slice(pos); // insert
        else if (op === 2) m = m.slice(0, pos) + m.slice(pos + 1); // delete
        else if (op === 3) m = m.slice(0, pos); // truncate
        else {
          const segs = m.split(".");
          segs.splice(Math.floor(rnd() * segs.length), 0, segs[Math.floor(rnd() * segs.length)]);
          m = segs.join("."); // duplicate a segment
        }
      }
      const r = expectAuthXError(() => a.decodeToken(m), JSON.stringify(m));
      if (r.ok) {
        // canonical base64url + HMAC: any textual change must fail
        assert.equal(m, base, `a mutated token verified: ${m}`);
        assert.deepEqual(r.value.toJSON(), baseClaims);
        verified++;
      }
      const u = expectAuthXError(() => TokenPayload.decodeUnverified(m), JSON.stringify(m));
      if (u.ok) assert.deepEqual(u.value.toJSON(), segJSON(m.split(".")[1]), `values for ${m}`);
      expectAuthXError(() => a.verifyToken(m, { fresh: true, scopes: ["admin:x"], csrf: baseClaims.csrf }), m);
      if (i % 25 === 0) stillWorks(a);
    }
    assert.ok(verified < 300);
    stillWorks(a);
    stillWorks(auth);
  });

  test("bad options, bad arguments and a throwing clock leave the module usable", () => {
    const attempts = [
      () => new AuthX({ secretKey: SECRET, algorithm: "none" }),
      () => new AuthX({ secretKey: 1 }),
      () => auth.createAccessToken({ uid: "u", data: { sub: 1 } }),
      () => auth.createAccessToken({ uid: "u", data: { big: 10n } }),
      () => auth.createAccessToken({ uid: "u", scopes: [1] }),
      () => auth.createAccessToken({ uid: "u", headers: { alg: "none" } }),
      () => auth.createAccessToken(null),
      () => auth.verifyToken(GOOD, { type: 5 }),
      () => auth.decodeToken({ toString() { throw new Error("x"); } }),
      () => auth.decodeToken(GOOD).hasScopes(Symbol("s")),
    ];
    for (const f of attempts) {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof Error);
      }
      stillWorks(auth);
    }
    const cyclic = {};
    cyclic.self = cyclic;
    try {
      auth.createAccessToken({ uid: "u", data: { cyclic } });
    } catch (e) {
      assert.ok(e instanceof Error);
    }
    stillWorks(auth);
    const boom = new AuthX({ secretKey: SECRET, now: () => { throw new Error("clock broke"); } });
    assert.throws(() => boom.createAccessToken({ uid: "u" }));
    assert.throws(() => boom.decodeToken(GOOD));
    stillWorks(auth);
    for (const weird of [() => NaN, () => "soon", () => Infinity, () => -1e300, () => undefined]) {
      const w = new AuthX({ secretKey: SECRET, now: weird });
      try {
        w.createAccessToken({ uid: "u" });
      } catch (e) {
        assert.ok(e instanceof Error);
      }
      try {
        w.decodeToken(GOOD);
      } catch (e) {
        assert.ok(e instanceof Error);
      }
      stillWorks(auth);
    }
  });
});
