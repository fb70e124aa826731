// One profiled workload (run under `node --cpu-prof` by bench/profile.mjs):
// argv: workload, package dir, seconds. Runs the workload in blocks of 1,000
// operations (20 for ES256/EdDSA) with an event-loop turn between blocks (as
// the benchmark does), except the `*-sync` workloads, which never yield.
// Prints one JSON line.
import { createRequire } from "node:module";
import { PerformanceObserver, constants } from "node:perf_hooks";
import * as jose from "jose";
import { SECRET, SCOPES, REQUIRED, accessClaims, readClaims } from "../lib/claims.mjs";
import { makeToken } from "../lib/cases.mjs";

const require = createRequire(import.meta.url);
const [workload, pkgDir, seconds = "3"] = process.argv.slice(2);
const ours = await import(`${pkgDir}/index.mjs`);
const { AuthX, TokenPayload } = ours;
const token = makeToken(AuthX);
const auth = new AuthX({ secretKey: SECRET, csrf: true });
const uses = { uid: "alice", fresh: true, scopes: SCOPES };
const decoded = auth.decodeToken(token);

const fj = require("fast-jwt");
const fjSign = fj.createSigner({ key: SECRET, algorithm: "HS256" });
const fjVerify = fj.createVerifier({ key: SECRET, algorithms: ["HS256"], cache: false });

// ES256 / EdDSA (when the package has them): a signer, a verifier and a token per algorithm.
const asym = {};
for (const alg of ["ES256", "EdDSA"]) {
  if (!workload.startsWith(alg.toLowerCase())) continue;
  const { privateKey, publicKey } = ours.generateKeyPair(alg);
  const signer = new AuthX({ algorithm: alg, privateKey, csrf: true, accessTokenExpires: 3600 });
  asym[alg] = { signer, verifier: new AuthX({ algorithm: alg, publicKey }), token: signer.createAccessToken(uses) };
}

const WORKLOADS = {
  "sign": () => auth.createAccessToken(uses),
  "verify": () => readClaims(auth.decodeToken(token)),
  "verify-sync": () => readClaims(auth.decodeToken(token)),
  "decode": () => readClaims(TokenPayload.decodeUnverified(token)),
  "hasScopes": () => decoded.hasScopes(REQUIRED[0], REQUIRED[1]),
  "fast-jwt-sign": () => fjSign(accessClaims()),
  "fast-jwt-verify": () => readClaims(fjVerify(token)),
  "jose-decode": () => readClaims(jose.decodeJwt(token)),
  "es256-sign": () => asym.ES256.signer.createAccessToken(uses),
  "es256-verify": () => { const p = asym.ES256.verifier.decodeToken(asym.ES256.token); return readClaims(p); },
  "eddsa-sign": () => asym.EdDSA.signer.createAccessToken(uses),
  "eddsa-verify": () => { const p = asym.EdDSA.verifier.decodeToken(asym.EdDSA.token); return readClaims(p); },
};

const fn = WORKLOADS[workload];
if (!fn) throw new Error(`unknown workload ${workload}; one of ${Object.keys(WORKLOADS).join(", ")}`);
const sync = workload.endsWith("-sync");
let sink = 0;
// Warm-up (not counted: bench/profile.mjs drops samples before `measuredFromUs`).
const per = /^(es256|eddsa)-/.test(workload) ? 20 : 1000; // ops per block (ES256/EdDSA take ms)
for (let b = 0; b < 20; b++) {
  for (let i = 0; i < per / 2; i++) sink += fn() ? 1 : 0;
  if (!sync) await new Promise((r) => setImmediate(r));
}
// Garbage collections during the measured part, by kind (entries arrive when the loop yields).
const gc = { major: { count: 0, ms: 0 }, minor: { count: 0, ms: 0 }, other: { count: 0, ms: 0 } };
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind ?? e.kind;
    const k = kind === constants.NODE_PERFORMANCE_GC_MAJOR ? "major" : kind === constants.NODE_PERFORMANCE_GC_MINOR ? "minor" : "other";
    gc[k].count++;
    gc[k].ms += e.duration;
  }
});
obs.observe({ entryTypes: ["gc"] });
const measuredFromUs = Number(process.hrtime.bigint() / 1000n);
let ops = 0;
const t0 = performance.now();
const end = t0 + Number(seconds) * 1000;
let busy = 0;
const chunks = []; // wall µs/op of each successive 10 blocks
let c0 = performance.now();
while (performance.now() < end) {
  const b0 = performance.now();
  for (let i = 0; i < per; i++) sink += fn() ? 1 : 0;
  busy += performance.now() - b0;
  ops += per;
  if (ops % (per * 10) === 0) {
    const now = performance.now();
    chunks.push(+(((now - c0) * 1000) / (per * 10)).toFixed(2)); // µs/op over the last 10 blocks
    c0 = now;
  }
  if (!sync) await new Promise((r) => setImmediate(r));
}
const wallS = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 20)); // let the GC entries arrive
obs.disconnect();
for (const v of Object.values(gc)) v.ms = +v.ms.toFixed(1);
console.log(JSON.stringify({ workload, ops, usPerOp: (busy * 1000) / ops, wallS, measuredFromUs, gc, chunks, sink: sink > 0 }));
