// `make bench-profile`: where the time goes.
//
// 1. A copy of the build that keeps the wasm function names (out/bench/named/:
//    wasm-bindgen and wasm-opt -Os -g over the same target/ output `make build`
//    used), so profiles name Rust functions instead of wasm-function[53].
// 2. One `node --cpu-prof` run per workload (bench/profile/child.mjs), each
//    summarised into self time by category, the heaviest functions, and
//    inclusive time of groups (bench/lib/cpuprofile.mjs).
// 3. An anatomy of each operation with the interleaved harness, on the shipped
//    package: the call alone, each getter, the options, the random
//    UUIDs, and the floors (node:crypto HMAC, JSON.parse of the payload).
//
//   node bench/profile.mjs [--quick] [--only=profiles|anatomy]
// Writes out/bench/profiles/ (the .cpuprofile files, summary.json, summary.md).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHmac, getRandomValues, randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summariseProfile } from "./lib/cpuprofile.mjs";
import { sizeByCrate } from "./lib/wasm.mjs";
import { measure, summarise } from "./lib/harness.mjs";
import { makeCase, makeToken } from "./lib/cases.mjs";
import { SECRET, SCOPES, REQUIRED, readClaims } from "./lib/claims.mjs";
import { fmtUs } from "./lib/report.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "out/bench/profiles");
const named = path.join(root, "out/bench/named");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7);
const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${path.join(process.env.CARGO_HOME ?? `${process.env.HOME}/.cargo`, "bin")}:${process.env.PATH}` };
const log = (m) => console.error(`[profile] ${m}`);

/** Code and data section sizes of a .wasm (to show the named copy is the shipped code). */
function sections(file) {
  const b = readFileSync(file);
  let i = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    for (;;) {
      const x = b[i++];
      r |= (x & 0x7f) << s;
      s += 7;
      if (!(x & 0x80)) return r >>> 0;
    }
  };
  const res = {};
  while (i < b.length) {
    const id = b[i++];
    const len = leb();
    const start = i;
    let key = { 10: "code", 11: "data" }[id];
    if (id === 0) {
      const nlen = leb();
      key = `custom:${b.subarray(i, i + nlen).toString()}`;
    }
    if (key) res[key] = len;
    i = start + len;
  }
  return res;
}

function buildNamed() {
  const input = path.join(root, "target/wasm32-unknown-unknown/release/authx_wasm.wasm");
  rmSync(named, { recursive: true, force: true });
  mkdirSync(path.join(named, "node"), { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "nodejs", "--out-dir", path.join(named, "node"), "--out-name", "authx_wasm", input], { env });
  const wasm = path.join(named, "node/authx_wasm_bg.wasm");
  // The flags of Cargo.toml's [package.metadata.wasm-pack.profile.release], plus -g (keep names).
  execFileSync("wasm-opt", ["-Os", "-g", wasm, "-o", wasm], { env });
  for (const f of ["index.cjs", "index.mjs", "bind.mjs", "errors.mjs", "payload.mjs", "package.json"]) copyFileSync(path.join(root, "pkg", f), path.join(named, f));
  writeFileSync(path.join(named, "node/package.json"), '{\n  "type": "commonjs"\n}\n');
  const shipped = sections(path.join(root, "pkg/node/authx_wasm_bg.wasm"));
  const mine = sections(wasm);
  return { shipped: { code: shipped.code, data: shipped.data }, named: { code: mine.code, data: mine.data, names: mine["custom:name"] } };
}

const WORKLOADS = [
  ["verify", "HS256 verify + read (decodeToken, payload left to the GC), yields every 1,000 ops"],
  ["verify-sync", "the same in one synchronous loop that never yields (like a benchmark loop)"],
  ["sign", "HS256 sign (createAccessToken, csrf on)"],
  ["decode", "decodeUnverified + read"],
  ["hasScopes", "payload.hasScopes(a, b)"],
  ["fast-jwt-verify", "peer: fast-jwt verify + read"],
  ["fast-jwt-sign", "peer: fast-jwt sign"],
  ["jose-decode", "peer: jose.decodeJwt + read"],
  ["es256-sign", "ES256 sign (createAccessToken)", "ES256"],
  ["es256-verify", "ES256 verify + read", "ES256"],
  ["eddsa-sign", "EdDSA sign (createAccessToken)", "EdDSA"],
  ["eddsa-verify", "EdDSA verify + read", "EdDSA"],
];

/** The named copy must run like the shipped one: verify in fresh processes, alternating. */
function namedCheck(samples) {
  const us = { shipped: [], named: [] };
  for (let i = 0; i < samples; i++) {
    for (const [k, dir] of i % 2 ? [["named", named], ["shipped", path.join(root, "pkg")]] : [["shipped", path.join(root, "pkg")], ["named", named]]) {
      const stdout = execFileSync(process.execPath, [path.join(root, "bench/profile/child.mjs"), "verify", dir, "1"], { encoding: "utf8" });
      us[k].push(JSON.parse(stdout).usPerOp);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  return { shippedUs: med(us.shipped), namedUs: med(us.named), samples };
}

async function runProfiles(seconds) {
  const res = {};
  const { probeAsymmetric } = await import("./lib/asymmetric-web.mjs");
  const asym = probeAsymmetric(await import(path.join(named, "index.mjs")));
  for (const [w, what, needs] of WORKLOADS) {
    if (needs && !asym.supported) continue;
    const dir = path.join(out, w);
    rmSync(dir, { recursive: true, force: true });
    const secs = w === "verify-sync" ? Math.min(seconds, 4) : seconds;
    const stdout = execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", dir, path.join(root, "bench/profile/child.mjs"), w, named, String(secs)], { encoding: "utf8" });
    const run = JSON.parse(stdout);
    const file = path.join(dir, readdirSync(dir).find((f) => f.endsWith(".cpuprofile")));
    res[w] = { what, ...run, profile: path.relative(root, file), ...summariseProfile(file, { fromUs: run.measuredFromUs }) };
    log(`${w}: ${run.usPerOp.toFixed(2)} µs/op`);
  }
  return res;
}

// ------------------------------------------------------------------ anatomy

async function anatomy() {
  const shipped = await import(path.join(root, "pkg/index.mjs"));
  const { AuthX, TokenPayload } = shipped;
  const token = makeToken(AuthX);
  const auth = new AuthX({ secretKey: SECRET, csrf: true });
  const authNoCsrf = new AuthX({ secretKey: SECRET });
  const held = auth.decodeToken(token);
  const [h64, p64, s64] = token.split(".");
  const signingInput = `${h64}.${p64}`;
  const claimsText = Buffer.from(p64, "base64url").toString();
  const key = Buffer.from(SECRET);
  const uses = { uid: "alice", fresh: true, scopes: SCOPES };
  const C = (group, name, fn) => makeCase(group, name, fn);
  const cases = [
    C("verify", "decodeToken + read sub, exp, scopes (the benchmark row)", () => readClaims(auth.decodeToken(token))),
    C("verify", "decodeToken alone (no getters)", () => auth.decodeToken(token)),
    C("verify", "getter p.sub on a held payload", () => held.sub),
    C("verify", "getter p.exp", () => held.exp),
    C("verify", "getter p.scopes", () => held.scopes),
    C("verify", "JSON.parse of the claims text (what the first getter costs)", () => JSON.parse(claimsText)),
    C("verify", "floor: node:crypto HMAC-SHA256 of the signing input", () => createHmac("sha256", key).update(signingInput).digest()),
    C("verify", "floor: HMAC + compare + JSON.parse(base64url payload) in JS", () => {
      const mac = createHmac("sha256", key).update(signingInput).digest("base64url");
      if (mac !== s64) throw new Error("bad");
      return readClaims(JSON.parse(Buffer.from(p64, "base64url").toString()));
    }),
    C("decode", "decodeUnverified + read (the benchmark row)", () => readClaims(TokenPayload.decodeUnverified(token))),
    C("decode", "decodeUnverified alone (no getters)", () => TokenPayload.decodeUnverified(token)),
    C("decode", "floor: JSON.parse(Buffer.from(payload, 'base64url')) + read", () => readClaims(JSON.parse(Buffer.from(p64, "base64url").toString()))),
    C("sign", "createAccessToken({ uid, fresh, scopes }), csrf on: 2 UUIDs (the benchmark row)", () => auth.createAccessToken(uses)),
    C("sign", "same, csrf off: 1 UUID", () => authNoCsrf.createAccessToken(uses)),
    C("sign", "createAccessToken({ uid }) csrf off: 1 UUID, one option", () => authNoCsrf.createAccessToken({ uid: "alice" })),
    C("sign", "JS: 2 × crypto.getRandomValues(new Uint8Array(16)) (what getrandom does)", () => { getRandomValues(new Uint8Array(16)); return getRandomValues(new Uint8Array(16)); }),
    C("sign", "JS: 2 × crypto.randomUUID() (Node's cached random pool)", () => randomUUID() + randomUUID()),
    C("sign", "floor: node:crypto HMAC-SHA256 of the signing input", () => createHmac("sha256", key).update(signingInput).digest()),
    C("hasScopes", "payload.hasScopes(a, b) (payload.mjs writes the JSON text)", () => held.hasScopes(REQUIRED[0], REQUIRED[1])),
  ];
  for (const c of cases) await c.fn();
  await measure(cases, { ...(quick ? { rounds: 5, blockMs: 10, warmupMs: 40 } : { rounds: 11, blockMs: 25, warmupMs: 100 }), pause: () => new Promise((r) => setImmediate(r)) });
  return summarise(cases, "-").map(({ op, lib, us, q1, q3 }) => ({ op, what: lib, us, q1, q3 }));
}

// ------------------------------------------------------------------- output

function markdown(build, profiles, anat, crates) {
  const md = [];
  if (build) {
    md.push(
      `Named build: code section ${build.named.code} B (shipped ${build.shipped.code} B), data ${build.named.data} B (shipped ${build.shipped.data} B), name section ${build.named.names} B.` +
        (build.check ? ` verify in fresh processes (median of ${build.check.samples}): shipped ${build.check.shippedUs.toFixed(2)} µs, named ${build.check.namedUs.toFixed(2)} µs.` : ""),
      "",
    );
  }
  if (crates) {
    md.push("#### Where the .wasm's bytes are (code section by crate, from the named build)", "");
    md.push(`Sections: ${Object.entries(crates.sections).filter(([k]) => !k.includes('"name"')).map(([k, v]) => `${k} ${v.toLocaleString("en-US")} B`).join(", ")}.`, "");
    md.push("| crate | code bytes | functions | largest |", "|---|--:|--:|---|");
    for (const c of crates.crates.filter((c) => c.bytes >= 500)) md.push(`| ${c.crate} | ${c.bytes.toLocaleString("en-US")} | ${c.functions} | ${c.largest.join("; ").replace(/\|/g, "\\|")} |`);
    md.push("");
  }
  if (anat) {
    md.push("#### Anatomy (µs/op, median of interleaved rounds, shipped package)", "");
    for (const op of [...new Set(anat.map((a) => a.op))]) {
      md.push(`| ${op} | µs/op | IQR |`, "|---|--:|--:|");
      for (const a of anat.filter((x) => x.op === op)) md.push(`| ${a.what} | ${fmtUs(a.us)} | ${fmtUs(a.q1)}–${fmtUs(a.q3)} |`);
      md.push("");
    }
  }
  if (profiles) {
    for (const [w, r] of Object.entries(profiles)) {
      md.push(`#### ${w}: ${r.what} — ${r.usPerOp.toFixed(2)} µs/op while profiled`, "");
      md.push(`${r.ops.toLocaleString("en-US")} ops in ${r.wallS.toFixed(1)} s; GC during them: ${r.gc.major.count} major (${r.gc.major.ms} ms), ${r.gc.minor.count} minor (${r.gc.minor.ms} ms). µs/op per successive 10,000 ops: ${r.chunks.slice(0, 12).join(", ")}${r.chunks.length > 12 ? ", …" : ""}.`, "");
      md.push("| self time by category | % |", "|---|--:|", ...r.categories.filter((c) => c.pct >= 0.5).map((c) => `| ${c.category} | ${c.pct.toFixed(1)} |`), "");
      md.push("| inclusive (anywhere on the stack) | % |", "|---|--:|", ...r.groups.filter((g) => g.pct >= 0.5).map((g) => `| ${g.group} | ${g.pct.toFixed(1)} |`), "");
      md.push("<details><summary>heaviest functions (self %)</summary>", "", ...r.top.slice(0, 12).map((t) => `- ${t.pct.toFixed(1)} % \`${t.fn}\``), "", "</details>", "");
    }
  }
  return md.join("\n");
}

function print(profiles, anat) {
  const lines = [];
  if (anat) {
    lines.push("Anatomy (µs/op)");
    for (const a of anat) lines.push(`  ${a.op.padEnd(9)} ${fmtUs(a.us).padStart(7)}  ${a.what}`);
  }
  if (profiles) {
    for (const [w, r] of Object.entries(profiles)) {
      lines.push("", `${w}: ${r.what} — ${r.usPerOp.toFixed(2)} µs/op (${r.profile})`);
      lines.push(`  GC: ${r.gc.major.count} major ${r.gc.major.ms} ms, ${r.gc.minor.count} minor ${r.gc.minor.ms} ms over ${r.wallS.toFixed(1)} s; µs/op per 10k ops: ${r.chunks.slice(0, 10).join(" ")}`);
      for (const c of r.categories.filter((c) => c.pct >= 1)) lines.push(`  ${c.pct.toFixed(1).padStart(5)} %  ${c.category}`);
      lines.push("  inclusive:");
      for (const g of r.groups.filter((g) => g.pct >= 1)) lines.push(`  ${g.pct.toFixed(1).padStart(5)} %  ${g.group}`);
      lines.push("  top:");
      for (const t of r.top.slice(0, 6)) lines.push(`  ${t.pct.toFixed(1).padStart(5)} %  ${t.fn}`);
    }
  }
  return lines.join("\n");
}

mkdirSync(out, { recursive: true });
log("named build");
const build = buildNamed();
log(`named build code ${build.named.code} B vs shipped ${build.shipped.code} B`);
const crates = sizeByCrate(path.join(named, "node/authx_wasm_bg.wasm"));
let anat;
let profiles;
if (!only || only === "anatomy") {
  log("anatomy");
  anat = await anatomy();
}
if (!only || only === "profiles") {
  build.check = namedCheck(quick ? 1 : 3);
  log(`named check: shipped ${build.check.shippedUs.toFixed(2)} µs, named ${build.check.namedUs.toFixed(2)} µs (verify)`);
  profiles = await runProfiles(quick ? 1 : 3);
}
writeFileSync(path.join(out, "summary.json"), JSON.stringify({ build, crates, anatomy: anat, profiles }, null, 1));
writeFileSync(path.join(out, "summary.md"), markdown(build, profiles, anat, crates));
console.log(print(profiles, anat));
log("wrote out/bench/profiles/summary.md and summary.json");
