// The benchmark cases that run in every runtime (Node and workerd): this
// package, jose and @tsndr/cloudflare-worker-jwt, plus plain JavaScript for
// the scope check. The libraries are passed in, so the same code serves the
// Node benchmark (which adds fast-jwt, jsonwebtoken and jwt-decode) and the
// bundled Worker. Every case is checked once before it is timed.
import { SECRET, SECRET_K, SCOPES, REQUIRED, accessClaims, hasScopesJS, readClaims } from "./claims.mjs";

/** The operations, in table order: key → title. */
export const OPS = {
  sign: "HS256 sign (AuthX access token: new jti + csrf UUIDs, iat/exp)",
  verify: "HS256 verify + read sub, exp, scopes",
  decode: "decode without verifying + read sub, exp, scopes",
  hasScopes: "hasScopes(\"posts:read\", \"profile:read\") on a decoded payload (posts:* wildcard)",
};

/** The package's name in tables. */
export const OURS = "authx-wasm";

/**
 * A case: `{ op, lib, variant, fn, async, primary }`. `primary` marks the one
 * row of this package that the targets and ratios use for an op (its
 * documented use: payloads left to the garbage collector, no `free()`).
 */
export function makeCase(op, lib, fn, { variant = "", async = false, primary = false, note } = {}) {
  return { op, lib, variant, fn, async, primary, note, id: `${op}/${lib}${variant ? ` ${variant}` : ""}` };
}

/**
 * The token every verifier and decoder reads: made by this package (HS256,
 * csrf on), so it is exactly the AuthX shape; `exp` an hour ahead, so a long
 * run never sees it expire.
 */
export function makeToken(AuthX) {
  const auth = new AuthX({ secretKey: SECRET, csrf: true, accessTokenExpires: 3600 });
  return auth.createAccessToken({ uid: "alice", fresh: true, scopes: SCOPES });
}

/**
 * Cases for this package, jose and tsndr.
 * @param {{ AuthX, TokenPayload, jose, tsndr }} libs
 */
export async function webCases({ AuthX, TokenPayload, jose, tsndr }) {
  const token = makeToken(AuthX);
  const auth = new AuthX({ secretKey: SECRET, csrf: true });
  const uses = { uid: "alice", fresh: true, scopes: SCOPES };
  // jose's fastest use: a CryptoKey imported once (importJWK of an oct JWK).
  const joseKey = await jose.importJWK({ kty: "oct", k: SECRET_K }, "HS256");
  // tsndr, as documented (a string secret, imported on every call) and with a
  // CryptoKey imported once (its fastest use).
  const rawKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const decoded = auth.decodeToken(token);
  const joseDecoded = jose.decodeJwt(token);
  const cases = [
    makeCase("sign", OURS, () => auth.createAccessToken(uses), { primary: true }),
    makeCase("sign", "jose", () => new jose.SignJWT(accessClaims()).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(joseKey), { async: true, variant: "(CryptoKey)" }),
    makeCase("sign", "@tsndr/cloudflare-worker-jwt", () => tsndr.sign(accessClaims(), SECRET, "HS256"), { async: true, variant: "(string secret)" }),
    makeCase("sign", "@tsndr/cloudflare-worker-jwt", () => tsndr.sign(accessClaims(), rawKey, "HS256"), { async: true, variant: "(CryptoKey)" }),

    makeCase("verify", OURS, () => readClaims(auth.decodeToken(token)), { primary: true, variant: "decodeToken" }),
    makeCase("verify", OURS, () => readClaims(auth.verifyToken(token)), { variant: "verifyToken (+ type check)" }),
    makeCase("verify", "jose", async () => readClaims((await jose.jwtVerify(token, joseKey, { algorithms: ["HS256"] })).payload), { async: true, variant: "(CryptoKey)" }),
    makeCase("verify", "@tsndr/cloudflare-worker-jwt", async () => readClaims((await tsndr.verify(token, SECRET, { algorithm: "HS256", throwError: true })).payload), { async: true, variant: "(string secret)" }),
    makeCase("verify", "@tsndr/cloudflare-worker-jwt", async () => readClaims((await tsndr.verify(token, rawKey, { algorithm: "HS256", throwError: true })).payload), { async: true, variant: "(CryptoKey)" }),

    makeCase("decode", OURS, () => readClaims(TokenPayload.decodeUnverified(token)), { primary: true, variant: "decodeUnverified" }),
    makeCase("decode", "jose", () => readClaims(jose.decodeJwt(token)), { variant: "decodeJwt" }),
    makeCase("decode", "@tsndr/cloudflare-worker-jwt", () => readClaims(tsndr.decode(token).payload)),

    makeCase("hasScopes", OURS, () => decoded.hasScopes(REQUIRED[0], REQUIRED[1]), { primary: true }),
    makeCase("hasScopes", "plain JS", () => hasScopesJS(joseDecoded.scopes, REQUIRED), { variant: "(AuthX rule over a decoded payload)" }),
  ];
  return { token, cases };
}

/**
 * Runs every case once and checks what it returns: each signed token verifies
 * with this package and carries the AuthX claims; each verify/decode reads the
 * same numbers; each scope check says yes. Throws on the first mismatch.
 */
export async function checkCases(cases, { AuthX, token }) {
  const verifier = new AuthX({ secretKey: SECRET });
  const expected = readClaims(verifier.decodeToken(token));
  for (const c of cases) {
    const out = await c.fn();
    const fail = (why) => {
      throw new Error(`bench case ${c.id}: ${why} (got ${String(out).slice(0, 80)})`);
    };
    if (c.op.endsWith("sign")) {
      if (typeof out !== "string") fail("did not return a token");
      if (c.op !== "sign") continue; // asymmetric tokens are checked by their own verifier
      const p = verifier.decodeToken(out);
      const want = { sub: "alice", type: "access", fresh: true, scopes: SCOPES };
      for (const [k, v] of Object.entries(want)) if (JSON.stringify(p[k]) !== JSON.stringify(v)) fail(`claim ${k}`);
      if (!/^[0-9a-f-]{36}$/.test(p.jti) || !/^[0-9a-f-]{36}$/.test(p.csrf)) fail("jti/csrf not UUIDs");
      if (p.exp - p.iat !== 900) fail("exp - iat is not 900");
      const h = p.header;
      if (h.alg !== "HS256" || h.typ !== "JWT" || Object.keys(h).length !== 2) fail(`header ${JSON.stringify(h)}`);
    } else if (c.op === "hasScopes") {
      if (out !== true) fail("scope check is not true");
    } else if (c.op === "verify" || c.op === "decode") {
      if (out !== expected) fail(`read ${out}, expected ${expected}`);
    } else if (typeof out !== "number") {
      fail("did not read the claims");
    }
  }
}
