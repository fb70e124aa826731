// Start-up: the time from import to the first verified token.
//
// Node: a fresh `node bench/startup/child.mjs LIB TOKEN` per sample, libraries
// alternating; the child times itself from before its import to the first
// verified token (and since its process started).
// workerd: a fresh workerd per sample, serving a Worker that verifies the token
// on its first request (bench/startup/worker-*.mjs, bundled like
// tests/support/workerd.mjs does). Timed from Node, because a Worker cannot
// time its own global scope: spawn → first answer (workerd boots, compiles the
// modules, runs their top level), then the first /verify request (AuthX made
// or key imported, one verify on cold code), then a second one (warm). The
// baseline Worker imports nothing; the difference is what the library costs.
// `node bench/startup.mjs [--quick]` runs it alone.
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "../tests/support/net.mjs";
import { writeConfig } from "../tests/support/workerd.mjs";
import { bundleBenchWorker } from "./workerd.mjs";
import { makeToken } from "./lib/cases.mjs";
import { median } from "./lib/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = promisify(execFile);

const NODE_LIBS = ["authx-wasm", "jose", "fast-jwt", "jsonwebtoken"];
const WORKERS = ["baseline", "authx-wasm", "jose", "tsndr"];

async function nodeStartup(token, samples, pkgDir) {
  const res = Object.fromEntries(NODE_LIBS.map((l) => [l, []]));
  for (let s = 0; s < samples; s++) {
    for (const lib of s % 2 ? [...NODE_LIBS].reverse() : NODE_LIBS) {
      const t0 = performance.now();
      const { stdout } = await run(process.execPath, [path.join(root, "bench/startup/child.mjs"), lib, token, pkgDir], { cwd: root });
      const wall = performance.now() - t0;
      res[lib].push({ ...JSON.parse(stdout), wallMs: wall });
    }
  }
  return Object.fromEntries(
    Object.entries(res).map(([lib, xs]) => [
      lib,
      {
        samples: xs.length,
        firstTokenMs: median(xs.map((x) => x.firstTokenMs)),
        importMs: median(xs.map((x) => x.importMs)),
        sinceProcessStartMs: median(xs.map((x) => x.sinceProcessStartMs)),
        processWallMs: median(xs.map((x) => x.wallMs)),
        all: xs.map((x) => +x.firstTokenMs.toFixed(2)),
      },
    ]),
  );
}

async function workerdSample(dir, token) {
  const port = await freePort();
  writeConfig(dir, port);
  const base = `http://127.0.0.1:${port}`;
  let logs = "";
  const t0 = performance.now();
  const proc = spawn(path.join(root, "node_modules/.bin/workerd"), ["serve", "config.capnp"], { cwd: dir });
  proc.stdout.on("data", (d) => (logs += d));
  proc.stderr.on("data", (d) => (logs += d));
  try {
    let up;
    while (up === undefined) {
      if (performance.now() - t0 > 20_000) throw new Error(`workerd did not come up:\n${logs}`);
      try {
        await (await fetch(`${base}/health`)).text();
        up = performance.now() - t0;
      } catch {
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const timeVerify = async () => {
      const s = performance.now();
      const res = await fetch(`${base}/verify`, { headers: { "x-token": token } });
      const body = await res.text();
      if (!res.ok) throw new Error(`verify: ${res.status} ${body}\n${logs}`);
      return performance.now() - s;
    };
    const first = await timeVerify();
    const warm = await timeVerify();
    return { upMs: up, firstVerifyMs: first, warmVerifyMs: warm, firstTokenMs: up + first };
  } finally {
    proc.kill("SIGTERM");
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
  }
}

async function workerdStartup(token, samples, pkgDir) {
  const dirs = {};
  for (const w of WORKERS) {
    dirs[w] = await bundleBenchWorker(path.join(root, `bench/startup/worker-${w}.mjs`), path.join(root, `out/bench/startup-${w}`), pkgDir);
  }
  const res = Object.fromEntries(WORKERS.map((w) => [w, []]));
  for (let s = 0; s < samples; s++) {
    for (const w of s % 2 ? [...WORKERS].reverse() : WORKERS) res[w].push(await workerdSample(dirs[w], token));
  }
  const keys = ["upMs", "firstVerifyMs", "warmVerifyMs", "firstTokenMs"];
  const out = Object.fromEntries(
    Object.entries(res).map(([w, xs]) => [w, Object.fromEntries([["samples", xs.length], ...keys.map((k) => [k, median(xs.map((x) => x[k]))])])]),
  );
  for (const w of WORKERS) out[w].overBaselineMs = out[w].firstTokenMs - out.baseline.firstTokenMs;
  return out;
}

/** Both start-up reports. */
export async function runStartup({ quick = false, log = console.error, pkgDir = path.join(root, "pkg") } = {}) {
  const { AuthX } = await import(path.join(pkgDir, "index.mjs"));
  const token = makeToken(AuthX);
  log("startup: node");
  const node = await nodeStartup(token, quick ? 3 : 10, pkgDir);
  log("startup: workerd");
  const workerd = await workerdStartup(token, quick ? 2 : 8, pkgDir);
  return { node, workerd };
}

const f = (x) => x.toFixed(1).padStart(7);

export function printStartup(s) {
  const out = ["Start-up, Node (fresh process per sample; medians, ms)", `  ${"library".padEnd(14)} ${"import→token".padStart(12)} ${"import".padStart(7)} ${"proc start→token".padStart(16)} ${"process wall".padStart(12)}`];
  for (const [lib, r] of Object.entries(s.node)) {
    out.push(`  ${lib.padEnd(14)} ${f(r.firstTokenMs).padStart(12)} ${f(r.importMs)} ${f(r.sinceProcessStartMs).padStart(16)} ${f(r.processWallMs).padStart(12)}`);
  }
  out.push("", "Start-up, workerd (fresh workerd per sample; medians, ms)", `  ${"Worker".padEnd(12)} ${"spawn→up".padStart(9)} ${"1st verify".padStart(10)} ${"warm".padStart(7)} ${"spawn→token".padStart(11)} ${"over baseline".padStart(13)}`);
  for (const [w, r] of Object.entries(s.workerd)) {
    out.push(`  ${w.padEnd(12)} ${f(r.upMs).padStart(9)} ${f(r.firstVerifyMs).padStart(10)} ${f(r.warmVerifyMs)} ${f(r.firstTokenMs).padStart(11)} ${f(r.overBaselineMs).padStart(13)}`);
  }
  return out.join("\n");
}

export function markdownStartup(s) {
  const out = ["| Node library | import → first verified token | of which import | process start → token | process wall time |", "|---|--:|--:|--:|--:|"];
  for (const [lib, r] of Object.entries(s.node)) {
    out.push(`| ${lib} | ${r.firstTokenMs.toFixed(1)} ms | ${r.importMs.toFixed(1)} ms | ${r.sinceProcessStartMs.toFixed(1)} ms | ${r.processWallMs.toFixed(1)} ms |`);
  }
  out.push("", "| Worker | spawn → first answer | first /verify | warm /verify | spawn → first verified token | over the baseline Worker |", "|---|--:|--:|--:|--:|--:|");
  for (const [w, r] of Object.entries(s.workerd)) {
    out.push(`| ${w} | ${r.upMs.toFixed(1)} ms | ${r.firstVerifyMs.toFixed(2)} ms | ${r.warmVerifyMs.toFixed(2)} ms | ${r.firstTokenMs.toFixed(1)} ms | ${w === "baseline" ? "—" : `${r.overBaselineMs.toFixed(1)} ms`} |`);
  }
  return out.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(printStartup(await runStartup({ quick: process.argv.includes("--quick") })));
}
