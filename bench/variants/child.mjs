// One round of bench/variants.mjs for one build, in a fresh process (two wasm
// instances in one process skew each other while V8 tiers their code up):
// argv: package dir, rounds, block ms. Prints one JSON line of median µs/op.
import { measure, median } from "../lib/harness.mjs";
import { makeCase, makeToken } from "../lib/cases.mjs";
import { SECRET, SCOPES, readClaims } from "../lib/claims.mjs";

const [pkgDir, rounds = "3", blockMs = "20"] = process.argv.slice(2);
const ours = await import(`${pkgDir}/index.mjs`);
const { AuthX, TokenPayload } = ours;
const token = makeToken(AuthX);
const auth = new AuthX({ secretKey: SECRET, csrf: true });
const uses = { uid: "alice", fresh: true, scopes: SCOPES };
const cases = [
  makeCase("sign", "x", () => auth.createAccessToken(uses)),
  makeCase("verify", "x", () => { const p = auth.decodeToken(token); const r = readClaims(p); p.free(); return r; }),
  makeCase("decode", "x", () => { const p = TokenPayload.decodeUnverified(token); const r = readClaims(p); p.free(); return r; }),
];
// ES256 / EdDSA, when the build has them.
for (const alg of typeof ours.generateKeyPair === "function" ? ["ES256", "EdDSA"] : []) {
  const { privateKey, publicKey } = ours.generateKeyPair(alg);
  const signer = new AuthX({ algorithm: alg, privateKey, csrf: true, accessTokenExpires: 3600 });
  const verifier = new AuthX({ algorithm: alg, publicKey });
  const t = signer.createAccessToken(uses);
  const op = alg.toLowerCase();
  cases.push(
    makeCase(`${op}-sign`, "x", () => signer.createAccessToken(uses)),
    makeCase(`${op}-verify`, "x", () => { const p = verifier.decodeToken(t); const r = readClaims(p); p.free(); return r; }),
  );
}
await measure(cases, { rounds: Number(rounds), blockMs: Number(blockMs), warmupMs: 200, pause: () => new Promise((r) => setImmediate(r)) });
console.log(JSON.stringify(Object.fromEntries(cases.map((c) => [c.op, median(c.samples)]))));
