// The workerd benchmark: bench/workerd/worker.mjs bundled the way wrangler does
// (esbuild, `workerd` export condition, the .wasm as a separate module; the
// helpers of tests/support/workerd.mjs), served by npm workerd, driven from
// here one block per request with the interleaved rounds of bench/lib/harness.mjs.
//
// Timing: each block is timed inside the Worker with performance.now(). The
// Node side also times every request; the difference (HTTP + dispatch, about
// a millisecond) must stay small and constant, which shows the Worker's clock
// really advanced during the block. `node bench/workerd.mjs [--quick]` runs it alone.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker, serveWorker } from "../tests/support/workerd.mjs";
import { measure, summarise, median, quantile } from "./lib/harness.mjs";
import { OURS } from "./lib/cases.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles a Worker entry that imports "authx-wasm" (this repo's pkg/) into `work`/dist. */
export async function bundleBenchWorker(entry, work, pkgDir = path.join(root, "pkg")) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, path.join(work, "node_modules/authx-wasm"), "dir");
  const dist = path.join(work, "dist");
  await bundleWorker(entry, dist, [path.join(work, "node_modules")]);
  return dist;
}

async function getJson(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok || body.error) throw new Error(`${url}: ${res.status} ${body.error ?? JSON.stringify(body)}`);
  return body;
}

/** Runs the workerd benchmark; returns `{ rows, timing, settings }`. */
export async function runWorkerd({ quick = false, log = console.error } = {}) {
  const dist = await bundleBenchWorker(path.join(root, "bench/workerd/worker.mjs"), path.join(root, "out/bench/workerd-bench"));
  const worker = await serveWorker(dist, {});
  try {
    const { cases: list, asymmetric } = await getJson(`${worker.base}/cases`);
    // Table order: by op, this package first (the Worker's indexes stay).
    const ops = [...new Set(list.map((c) => c.op))];
    const cases = list
      .map((c, i) => ({ ...c, index: i, rtt: [], inside: [], afterWait: [] }))
      .sort((a, b) => ops.indexOf(a.op) - ops.indexOf(b.op) || (b.lib === OURS) - (a.lib === OURS));
    const timeFn = async (c, n) => {
      const t0 = performance.now();
      const { ms, msAfterWait } = await getJson(`${worker.base}/block?case=${c.index}&n=${n}`);
      c.rtt.push(performance.now() - t0);
      c.inside.push(ms);
      c.afterWait.push(msAfterWait);
      return ms;
    };
    const settings = quick ? { rounds: 5, blockMs: 20, warmupMs: 80 } : { rounds: 13, blockMs: 40, warmupMs: 200 };
    log(`workerd: ${cases.length} cases, ${settings.rounds} rounds of ~${settings.blockMs} ms blocks`);
    // Only the timed rounds count for the clock check below.
    const beforeRounds = () => cases.forEach((c) => (c.rtt = [], c.inside = [], c.afterWait = []));
    await measure(cases, { ...settings, timeFn, beforeRounds, log: (m) => log(`workerd: ${m}`) });
    // Node-side check of the Worker's clock: request time minus block time.
    const overhead = cases.flatMap((c) => c.rtt.map((r, i) => r - c.inside[i]));
    const frozen = cases.flatMap((c) => c.inside).filter((ms) => ms === 0).length;
    const timing = {
      method: "performance.now() inside the Worker around each block; one block per request",
      requestOverheadMs: { median: median(overhead), q1: quantile(overhead, 0.25), q3: quantile(overhead, 0.75), max: Math.max(...overhead) },
      blocksWithZeroTime: frozen,
      blocks: overhead.length,
      waitTurnMs: median(cases.flatMap((c) => c.afterWait.map((w, i) => w - c.inside[i]))),
    };
    return { rows: summarise(cases, OURS), asymmetric, timing, settings };
  } catch (e) {
    throw new Error(`${e.message}\nworkerd output:\n${worker.logs()}`);
  } finally {
    worker.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printRows } = await import("./lib/report.mjs");
  const res = await runWorkerd({ quick: process.argv.includes("--quick") });
  console.log(printRows(res.rows), "\n", res.timing);
}
