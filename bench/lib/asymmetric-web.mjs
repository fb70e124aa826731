// ES256 and EdDSA sign/verify rows that run in every runtime (this package,
// jose, and tsndr for ES256; keys as JWKs, imported once), only when the
// package supports them (`generateKeyPair` exported and
// `new AuthX({ algorithm: "ES256", privateKey })` accepted). Otherwise no
// cases, and the reason, so the tables can say so.
import { SCOPES, accessClaims, readClaims } from "./claims.mjs";
import { OURS, makeCase } from "./cases.mjs";

export const ASYMMETRIC = [
  { alg: "ES256", op: "es256" },
  { alg: "EdDSA", op: "eddsa" },
];

/** Probes the package; `{ supported, reason }`. */
export function probeAsymmetric(ours) {
  if (typeof ours.generateKeyPair !== "function") {
    return { supported: false, reason: "the package exports no generateKeyPair (HMAC-only build)" };
  }
  try {
    const { privateKey } = ours.generateKeyPair("ES256");
    new ours.AuthX({ algorithm: "ES256", privateKey });
    return { supported: true };
  } catch (e) {
    return { supported: false, reason: `new AuthX({ algorithm: "ES256", privateKey }) throws ${e.name}: ${e.message}` };
  }
}

/** A JWK without the members WebCrypto's importKey("jwk") may refuse (kid, alg, use). */
export function bareJwk({ kid: _k, alg: _a, use: _u, ...rest }) {
  return rest;
}

/**
 * The cases, plus per algorithm the keys, the token (made by this package)
 * and this package's verifier, for the Node-only peers.
 */
export async function webAsymmetricCases({ ours, jose, tsndr }) {
  const status = probeAsymmetric(ours);
  if (!status.supported) return { status, cases: [], keys: {} };
  const cases = [];
  const keys = {};
  const uses = { uid: "alice", fresh: true, scopes: SCOPES };
  for (const { alg, op } of ASYMMETRIC) {
    const { privateKey, publicKey } = ours.generateKeyPair(alg); // JWKs
    const signer = new ours.AuthX({ algorithm: alg, privateKey, csrf: true, accessTokenExpires: 3600 });
    const verifier = new ours.AuthX({ algorithm: alg, publicKey });
    const token = signer.createAccessToken(uses);
    keys[alg] = { privateKey, publicKey, token, verifier, kid: publicKey.kid, op };
    const josePriv = await jose.importJWK(privateKey, alg);
    const josePub = await jose.importJWK(publicKey, alg);
    const header = { alg, typ: "JWT", kid: publicKey.kid };
    cases.push(
      makeCase(`${op}-sign`, OURS, () => signer.createAccessToken(uses), { primary: true }),
      makeCase(`${op}-sign`, "jose", () => new jose.SignJWT(accessClaims()).setProtectedHeader(header).sign(josePriv), { async: true, variant: "(CryptoKey)" }),
      makeCase(`${op}-verify`, OURS, () => readClaims(verifier.decodeToken(token)), { primary: true, variant: "decodeToken" }),
      makeCase(`${op}-verify`, "jose", async () => readClaims((await jose.jwtVerify(token, josePub, { algorithms: [alg] })).payload), { async: true, variant: "(CryptoKey)" }),
    );
    if (alg === "ES256") {
      const ec = { name: "ECDSA", namedCurve: "P-256" };
      const subtlePriv = await crypto.subtle.importKey("jwk", bareJwk(privateKey), ec, false, ["sign"]);
      const subtlePub = await crypto.subtle.importKey("jwk", bareJwk(publicKey), ec, false, ["verify"]);
      cases.push(
        makeCase(`${op}-sign`, "@tsndr/cloudflare-worker-jwt", () => tsndr.sign(accessClaims(), subtlePriv, { algorithm: alg, header: { kid: publicKey.kid } }), { async: true, variant: "(CryptoKey)" }),
        makeCase(`${op}-verify`, "@tsndr/cloudflare-worker-jwt", async () => readClaims((await tsndr.verify(token, subtlePub, { algorithm: alg, throwError: true })).payload), { async: true, variant: "(CryptoKey)" }),
      );
    }
  }
  return { status, cases, keys };
}

/** Every peer's asymmetric token must verify with this package (throws otherwise). */
export async function checkAsymmetric(cases, keys) {
  for (const { alg, op } of ASYMMETRIC) {
    if (!keys[alg]) continue;
    for (const c of cases.filter((c) => c.op === `${op}-sign`)) {
      const t = await c.fn();
      try {
        keys[alg].verifier.decodeToken(t);
      } catch (e) {
        throw new Error(`bench: the ${c.id} token does not verify with ${OURS}: ${e.message}`);
      }
    }
  }
}
