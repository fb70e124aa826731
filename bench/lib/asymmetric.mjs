// ES256 and EdDSA rows for Node: the runtime-neutral ones of
// asymmetric-web.mjs, plus fast-jwt (PEM) and jsonwebtoken (KeyObject; it has
// no EdDSA), on the same keys and token.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { accessClaims, readClaims } from "./claims.mjs";
import { makeCase } from "./cases.mjs";
import { webAsymmetricCases, checkAsymmetric, bareJwk } from "./asymmetric-web.mjs";

export { probeAsymmetric } from "./asymmetric-web.mjs";

/** The asymmetric cases for Node (this package, jose, tsndr, fast-jwt, jsonwebtoken). */
export async function asymmetricCases({ ours, jose, fastJwt, jsonwebtoken, tsndr }) {
  const { status, cases, keys } = await webAsymmetricCases({ ours, jose, tsndr });
  for (const [alg, k] of Object.entries(keys)) {
    const privObj = createPrivateKey({ key: bareJwk(k.privateKey), format: "jwk" });
    const pubObj = createPublicKey({ key: bareJwk(k.publicKey), format: "jwk" });
    const privPem = privObj.export({ type: "pkcs8", format: "pem" });
    const pubPem = pubObj.export({ type: "spki", format: "pem" });
    const fjSigner = fastJwt.createSigner({ key: privPem, algorithm: alg, kid: k.kid });
    const fjVerifier = fastJwt.createVerifier({ key: pubPem, algorithms: [alg], cache: false });
    cases.push(
      makeCase(`${k.op}-sign`, "fast-jwt", () => fjSigner(accessClaims()), { variant: "(PEM)" }),
      makeCase(`${k.op}-verify`, "fast-jwt", () => readClaims(fjVerifier(k.token)), { variant: "(PEM, cache: false)" }),
    );
    if (alg === "ES256") {
      cases.push(
        makeCase(`${k.op}-sign`, "jsonwebtoken", () => jsonwebtoken.sign(accessClaims(), privObj, { algorithm: alg, keyid: k.kid }), { variant: "(KeyObject)" }),
        makeCase(`${k.op}-verify`, "jsonwebtoken", () => readClaims(jsonwebtoken.verify(k.token, pubObj, { algorithms: [alg] })), { variant: "(KeyObject)" }),
      );
    }
  }
  await checkAsymmetric(cases, keys);
  if (status.supported) status.algorithms = Object.keys(keys);
  return { status, cases };
}
