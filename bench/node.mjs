// The Node benchmark: this package against jose, fast-jwt, jsonwebtoken,
// @tsndr/cloudflare-worker-jwt and jwt-decode, all in this one process, on the
// same token and secret. `node bench/node.mjs [--quick]` runs it alone;
// bench/run.mjs calls runNode().
import { createSecretKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as jose from "jose";
import * as tsndr from "@tsndr/cloudflare-worker-jwt";
import { jwtDecode } from "jwt-decode";
import { SECRET, accessClaims, readClaims } from "./lib/claims.mjs";
import { OURS, makeCase, webCases, checkCases } from "./lib/cases.mjs";
import { asymmetricCases } from "./lib/asymmetric.mjs";
import { measure, summarise } from "./lib/harness.mjs";

const require = createRequire(import.meta.url);
const fastJwt = require("fast-jwt");
const jsonwebtoken = require("jsonwebtoken");
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The package as Node loads it (pkg/index.mjs, through its `exports`), or from `pkgDir`. */
export async function loadOurs(pkgDir = path.join(root, "pkg")) {
  return import(path.join(pkgDir, "index.mjs"));
}

/** Versions of the peers, from their package.json. */
export function peerVersions() {
  const v = (name) => JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
  return Object.fromEntries(
    ["jose", "fast-jwt", "jsonwebtoken", "@tsndr/cloudflare-worker-jwt", "jwt-decode", "workerd", "esbuild"].map((n) => [n, v(n)]),
  );
}

/** Every Node case: the shared ones plus the Node-only peers. */
export async function nodeCases(ours) {
  const { AuthX, TokenPayload } = ours;
  const { token, cases } = await webCases({ AuthX, TokenPayload, jose, tsndr });
  const signer = fastJwt.createSigner({ key: SECRET, algorithm: "HS256" });
  const verifier = fastJwt.createVerifier({ key: SECRET, algorithms: ["HS256"], cache: false });
  const decoder = fastJwt.createDecoder();
  const keyObject = createSecretKey(Buffer.from(SECRET));
  const more = [
    makeCase("sign", "fast-jwt", () => signer(accessClaims())),
    makeCase("sign", "jsonwebtoken", () => jsonwebtoken.sign(accessClaims(), keyObject, { algorithm: "HS256" }), { variant: "(KeyObject)" }),
    makeCase("verify", "fast-jwt", () => readClaims(verifier(token)), { variant: "(cache: false)" }),
    makeCase("verify", "jsonwebtoken", () => readClaims(jsonwebtoken.verify(token, keyObject, { algorithms: ["HS256"] })), { variant: "(KeyObject)" }),
    // As its README shows it: a string secret. jsonwebtoken 9 then first tries
    // the string as a PEM public key (createPublicKey throws) on every call.
    makeCase("verify", "jsonwebtoken", () => readClaims(jsonwebtoken.verify(token, SECRET, { algorithms: ["HS256"] })), { variant: "(string secret)" }),
    makeCase("decode", "fast-jwt", () => readClaims(decoder(token))),
    makeCase("decode", "jsonwebtoken", () => readClaims(jsonwebtoken.decode(token))),
    makeCase("decode", "jwt-decode", () => readClaims(jwtDecode(token))),
  ];
  const all = [...cases, ...more];
  const asym = await asymmetricCases({ ours, jose, fastJwt, jsonwebtoken, tsndr });
  all.push(...asym.cases);
  // Table order: by op, this package first.
  const opOrder = [...new Set(all.map((c) => c.op))];
  all.sort((a, b) => opOrder.indexOf(a.op) - opOrder.indexOf(b.op) || (b.lib === OURS) - (a.lib === OURS));
  await checkCases(all, { AuthX, token });
  return { token, cases: all, asymmetric: asym.status };
}

const pause = () => new Promise((r) => setImmediate(r));

/** Runs the Node benchmark; returns `{ rows, asymmetric, settings }`. */
export async function runNode({ quick = false, log = console.error, pkgDir } = {}) {
  const ours = await loadOurs(pkgDir);
  const { cases, asymmetric } = await nodeCases(ours);
  const settings = quick ? { rounds: 5, blockMs: 10, warmupMs: 40 } : { rounds: 15, blockMs: 25, warmupMs: 300 };
  log(`node: ${cases.length} cases, ${settings.rounds} rounds of ~${settings.blockMs} ms blocks`);
  await measure(cases, { ...settings, pause, log: (m) => log(`node: ${m}`) });
  return { rows: summarise(cases, OURS), asymmetric, settings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printRows } = await import("./lib/report.mjs");
  const res = await runNode({ quick: process.argv.includes("--quick") });
  console.log(printRows(res.rows));
}
