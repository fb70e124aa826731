// One sample of bench/variants.mjs: one build in a fresh process, its
// operations interleaved with a reference that does not change between builds
// (fast-jwt HS256 verify). This machine's speed drifts between processes (all
// code at once, by up to 2×), while ratios within a process stay put, so each
// build's times are divided by the reference's from the same process.
// argv: package dir. Prints one JSON line: { ref, us: { op: µs }, rel: { op: µs ÷ ref µs } }.
import { createRequire } from "node:module";
import { measure, median } from "../lib/harness.mjs";
import { makeCase, makeToken } from "../lib/cases.mjs";
import { SECRET, SCOPES, readClaims } from "../lib/claims.mjs";

const require = createRequire(import.meta.url);
const [pkgDir, rounds = "5"] = process.argv.slice(2);
const ours = await import(`${pkgDir}/index.mjs`);
const { AuthX, TokenPayload } = ours;
const token = makeToken(AuthX);
const auth = new AuthX({ secretKey: SECRET, csrf: true });
const uses = { uid: "alice", fresh: true, scopes: SCOPES };
const fv = require("fast-jwt").createVerifier({ key: SECRET, algorithms: ["HS256"], cache: false });
const cases = [
  makeCase("ref", "fast-jwt verify", () => readClaims(fv(token))),
  makeCase("sign", "x", () => auth.createAccessToken(uses)),
  makeCase("verify", "x", () => readClaims(auth.decodeToken(token))),
  makeCase("decode", "x", () => readClaims(TokenPayload.decodeUnverified(token))),
];
for (const alg of typeof ours.generateKeyPair === "function" ? ["ES256", "EdDSA"] : []) {
  const { privateKey, publicKey } = ours.generateKeyPair(alg);
  const signer = new AuthX({ algorithm: alg, privateKey, csrf: true, accessTokenExpires: 3600 });
  const verifier = new AuthX({ algorithm: alg, publicKey });
  const t = signer.createAccessToken(uses);
  const op = alg.toLowerCase();
  cases.push(makeCase(`${op}-sign`, "x", () => signer.createAccessToken(uses)), makeCase(`${op}-verify`, "x", () => readClaims(verifier.decodeToken(t))));
}
// A long warm-up: V8 tiers a large module's hot functions up in the background.
await measure(cases, { rounds: Number(rounds), blockMs: 25, warmupMs: 600, pause: () => new Promise((r) => setImmediate(r)) });
const ref = cases[0];
const out = { ref: median(ref.samples), us: {}, rel: {} };
for (const c of cases.slice(1)) {
  out.us[c.op] = median(c.samples);
  out.rel[c.op] = median(c.samples.map((s, i) => s / ref.samples[i]));
}
console.log(JSON.stringify(out));
