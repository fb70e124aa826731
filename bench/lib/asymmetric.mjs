// ES256 and EdDSA sign/verify rows, only when the package supports them
// (`generateKeyPair` exported and `new AuthX({ algorithm: "ES256", privateKey })`
// accepted). Otherwise returns no cases and says why, so the tables say so too.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { SCOPES, accessClaims, readClaims } from "./claims.mjs";
import { OURS, makeCase } from "./cases.mjs";

const ALGS = [
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

/** The asymmetric cases for Node (this package, jose, fast-jwt, jsonwebtoken, tsndr). */
export async function asymmetricCases({ ours, jose, fastJwt, jsonwebtoken, tsndr }) {
  const status = probeAsymmetric(ours);
  if (!status.supported) return { status, cases: [] };
  const cases = [];
  const uses = { uid: "alice", fresh: true, scopes: SCOPES };
  status.checked = {};
  for (const { alg, op } of ALGS) {
    const { privateKey, publicKey } = ours.generateKeyPair(alg); // JWKs
    const signer = new ours.AuthX({ algorithm: alg, privateKey, csrf: true, accessTokenExpires: 3600 });
    const verifier = new ours.AuthX({ algorithm: alg, publicKey });
    const token = signer.createAccessToken(uses);
    const { kid, alg: _a, use: _u, ...priv } = privateKey;
    const { kid: _k, alg: _b, use: _v, ...pub } = publicKey;
    const josePriv = await jose.importJWK(privateKey, alg);
    const josePub = await jose.importJWK(publicKey, alg);
    const privObj = createPrivateKey({ key: priv, format: "jwk" });
    const pubObj = createPublicKey({ key: pub, format: "jwk" });
    const privPem = privObj.export({ type: "pkcs8", format: "pem" });
    const pubPem = pubObj.export({ type: "spki", format: "pem" });
    const header = { alg, typ: "JWT", kid };
    const fjSigner = fastJwt.createSigner({ key: privPem, algorithm: alg, kid });
    const fjVerifier = fastJwt.createVerifier({ key: pubPem, algorithms: [alg], cache: false });
    cases.push(
      makeCase(`${op}-sign`, OURS, () => signer.createAccessToken(uses), { primary: true }),
      makeCase(`${op}-sign`, "jose", () => new jose.SignJWT(accessClaims()).setProtectedHeader(header).sign(josePriv), { async: true, variant: "(CryptoKey)" }),
      makeCase(`${op}-sign`, "fast-jwt", () => fjSigner(accessClaims()), { variant: "(PEM)" }),
      makeCase(`${op}-verify`, OURS, () => readClaims(verifier.decodeToken(token)), { primary: true, variant: "decodeToken" }),
      makeCase(`${op}-verify`, OURS, () => { const p = verifier.decodeToken(token); const r = readClaims(p); p.free(); return r; }, { variant: "decodeToken + free()" }),
      makeCase(`${op}-verify`, "jose", async () => readClaims((await jose.jwtVerify(token, josePub, { algorithms: [alg] })).payload), { async: true, variant: "(CryptoKey)" }),
      makeCase(`${op}-verify`, "fast-jwt", () => readClaims(fjVerifier(token)), { variant: "(PEM, cache: false)" }),
    );
    if (alg === "ES256") {
      const subtlePriv = await crypto.subtle.importKey("jwk", priv, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
      const subtlePub = await crypto.subtle.importKey("jwk", pub, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
      cases.push(
        makeCase(`${op}-sign`, "jsonwebtoken", () => jsonwebtoken.sign(accessClaims(), privObj, { algorithm: alg, keyid: kid }), { variant: "(KeyObject)" }),
        makeCase(`${op}-sign`, "@tsndr/cloudflare-worker-jwt", () => tsndr.sign(accessClaims(), subtlePriv, { algorithm: alg, header: { kid } }), { async: true, variant: "(CryptoKey)" }),
        makeCase(`${op}-verify`, "jsonwebtoken", () => readClaims(jsonwebtoken.verify(token, pubObj, { algorithms: [alg] })), { variant: "(KeyObject)" }),
        makeCase(`${op}-verify`, "@tsndr/cloudflare-worker-jwt", async () => readClaims((await tsndr.verify(token, subtlePub, { algorithm: alg, throwError: true })).payload), { async: true, variant: "(CryptoKey)" }),
      );
    }
    // Every peer's token must verify with this package, and ours with theirs.
    for (const c of cases.filter((c) => c.op === `${op}-sign` && c.lib !== OURS)) {
      const t = await c.fn();
      try {
        verifier.decodeToken(t);
      } catch (e) {
        throw new Error(`bench: ${c.id} token does not verify with ${OURS}: ${e.message}`);
      }
    }
    status.checked[alg] = true;
  }
  return { status, cases };
}
