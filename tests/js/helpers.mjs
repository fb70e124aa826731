// Shared helpers for the JS tests: a fixed clock, segment decoding and a
// node:crypto HMAC signer that builds tokens byte by byte (duplicate names,
// odd encodings, wrong claim types ...) independently of the package.
import { createHmac } from "node:crypto";
import assert from "node:assert/strict";

/** A fixed instant, whole seconds: 2026-12-03T16:06:40Z. */
export const NOW_S = 1796314000;
export const NOW_MS = NOW_S * 1000;

export const SECRET = "correct-horse-battery-staple-SECRET-7f3a9c";

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** base64url (no padding) of a string (UTF-8), Buffer or byte array. */
export function b64u(data) {
  if (typeof data === "string") return Buffer.from(data, "utf8").toString("base64url");
  return Buffer.from(data).toString("base64url");
}

/** The decoded text of one base64url segment. */
export function segText(seg) {
  return Buffer.from(seg, "base64url").toString("utf8");
}

/** The JSON of one base64url segment. */
export function segJSON(seg) {
  return JSON.parse(segText(seg));
}

/** [headerObject, payloadObject] of a compact token. */
export function parts(token) {
  const [h, p] = token.split(".");
  return [segJSON(h), segJSON(p)];
}

const HASH = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

/** The base64url HMAC over `signingInput` (text). */
export function mac(signingInput, { alg = "HS256", key = SECRET } = {}) {
  return createHmac(HASH[alg], key).update(signingInput).digest("base64url");
}

/**
 * A correctly signed token from raw segment TEXT (already base64url-encoded
 * header and payload segments, kept exactly as given).
 */
export function signSegments(hSeg, pSeg, opts = {}) {
  return `${hSeg}.${pSeg}.${mac(`${hSeg}.${pSeg}`, opts)}`;
}

/**
 * A correctly signed token from header and payload given as objects (JSON.stringify)
 * or as raw JSON text / Buffers (kept byte for byte: duplicates etc.).
 */
export function sign(header, payload, opts = {}) {
  const enc = (x) => (typeof x === "string" || Buffer.isBuffer(x) || x instanceof Uint8Array ? b64u(x) : b64u(JSON.stringify(x)));
  return signSegments(enc(header), enc(payload), opts);
}

export const HEADER = { alg: "HS256", typ: "JWT" };

/** A plausible AuthX access-token claim set at NOW_S. */
export function claims(extra = {}) {
  return {
    sub: "user-1",
    jti: "0b7e3f1c-8a2d-4c1e-9f3a-2b6d7e8f9a0b",
    type: "access",
    fresh: false,
    csrf: "",
    iat: NOW_S - 10,
    exp: NOW_S + 890,
    ...extra,
  };
}

/** assert.throws for a given class, returning the error for further checks. */
export function throwsClass(fn, Cls, messageRe) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return true;
  });
  assert.ok(
    caught instanceof Cls,
    `expected ${Cls.name}, got ${caught && caught.name}: ${caught && caught.message}`,
  );
  if (messageRe) assert.match(caught.message, messageRe);
  return caught;
}

/** A small deterministic PRNG (mulberry32), so the fuzz loops are reproducible. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
