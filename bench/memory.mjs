// Memory: create + verify + read cycles in one process, reporting the wasm
// instance's memory (memory.buffer.byteLength) and the process RSS at the
// start, every tenth of the run, and the end.
//
//   node --expose-gc bench/memory.mjs MODE [CYCLES] [PKGDIR]   one mode, one JSON line per report
//   runMemory() (bench/run.mjs)                                every mode, each in its own process
//
// Modes (a TokenPayload is a plain JavaScript object over the token's checked
// JSON text, holding no wasm memory; until commit 553b1dd it was wasm-owned and
// freed through a FinalizationRegistry, which made the sync mode grow):
//   yield   the event loop turns every 1,000 cycles, as a server's does between requests
//   sync    never yields (a batch job or a benchmark loop)
//
// The glue does not export the instance's memory, so it is found by wrapping
// the WebAssembly.Instance constructor while the package loads (the Node glue
// instantiates synchronously with `new WebAssembly.Instance`). The same way,
// FinalizationRegistry is wrapped while the glue makes its registries, to count
// the payloads the registry frees. GCs are counted only with BENCH_MEMORY_GC=1:
// the PerformanceObserver that counts them itself makes RSS creep (measured: a
// yield run grew from 76 to 101 MB over 3,000,000 cycles with it, and stayed at
// 68.7-69.0 MB over 2,000,000 without it, wasm memory and JS heap equal).
import { execFile } from "node:child_process";
import { PerformanceObserver, constants } from "node:perf_hooks";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), "..");
const MB = 2 ** 20;

/**
 * Loads the package; returns it with the wasm instance's exports and
 * `finalized()`, how many objects its FinalizationRegistries have freed so far.
 */
export async function loadWithInstance(pkgDir = path.join(root, "pkg")) {
  const Original = WebAssembly.Instance;
  const OriginalRegistry = globalThis.FinalizationRegistry;
  let instance;
  let finalized = 0;
  WebAssembly.Instance = function Instance(module, imports) {
    instance = new Original(module, imports);
    return instance;
  };
  globalThis.FinalizationRegistry = class CountingRegistry extends OriginalRegistry {
    constructor(cleanup) {
      super((held) => {
        finalized++;
        cleanup(held);
      });
    }
  };
  try {
    const pkg = await import(path.join(pkgDir, "index.mjs"));
    if (!instance?.exports.memory) throw new Error("the package's wasm instance was not seen while it loaded");
    return { pkg, exports: instance.exports, finalized: () => finalized };
  } finally {
    WebAssembly.Instance = Original;
    globalThis.FinalizationRegistry = OriginalRegistry;
  }
}

async function child(mode, cycles, pkgDir) {
  const { SECRET, SCOPES, readClaims } = await import("./lib/claims.mjs");
  const { pkg, exports, finalized } = await loadWithInstance(pkgDir);
  const gc = { major: 0, minor: 0, majorMs: 0 };
  if (process.env.BENCH_MEMORY_GC) new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = e.detail?.kind ?? e.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major++;
        gc.majorMs += e.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gc.minor++;
    }
  }).observe({ entryTypes: ["gc"] });
  const auth = new pkg.AuthX({ secretKey: SECRET, csrf: true });
  const uses = { uid: "alice", fresh: true, scopes: SCOPES };
  const t0 = performance.now();
  let last = t0;
  let lastI = 0;
  const report = (i, extra = {}) => {
    const now = performance.now();
    const m = process.memoryUsage();
    console.log(
      JSON.stringify({
        mode,
        cycles: i,
        wasmBytes: exports.memory.buffer.byteLength,
        rss: m.rss,
        heapUsed: m.heapUsed,
        external: m.external,
        seconds: (now - t0) / 1000,
        usPerCycle: i > lastI ? ((now - last) * 1000) / (i - lastI) : null,
        // Objects freed by wasm-bindgen's FinalizationRegistry (payloads are not registered).
        finalizedByRegistry: finalized(),
        // GCs so far (entries arrive when the event loop turns: 0 in a loop that never yields).
        gcMajor: process.env.BENCH_MEMORY_GC ? gc.major : null,
        gcMajorMs: process.env.BENCH_MEMORY_GC ? Math.round(gc.majorMs) : null,
        gcMinor: process.env.BENCH_MEMORY_GC ? gc.minor : null,
        ...extra,
      }),
    );
    last = now;
    lastI = i;
  };
  report(0);
  const step = cycles / 10;
  let sink = 0;
  for (let i = 1; i <= cycles; i++) {
    const token = auth.createAccessToken(uses);
    const p = auth.decodeToken(token);
    sink += readClaims(p);
    if (mode === "yield" && i % 1000 === 0) await new Promise((r) => setImmediate(r));
    if (i % step === 0) report(i);
  }
  // Afterwards: a full GC and a few event-loop turns let the registry free what is unreachable.
  globalThis.gc?.();
  for (let k = 0; k < 5; k++) await new Promise((r) => setTimeout(r, 10));
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 10));
  report(cycles, { after: "gc() and event-loop turns", sink: sink > 0 });
  // Another tenth, synchronous: the wasm memory must not grow.
  for (let i = 1; i <= step; i++) sink += readClaims(auth.decodeToken(auth.createAccessToken(uses)));
  report(cycles + step, { after: `then ${step} more cycles without yielding` });
  await new Promise((r) => setTimeout(r, 10));
}

const MODES = {
  yield: "event loop turns every 1,000 cycles (server-like)",
  sync: "one synchronous loop, never yields",
};

/** Runs each mode in its own process; returns the reports and a verdict per mode. */
export async function runMemory({ cycles = 1_000_000, syncCycles = cycles, log = console.error, pkgDir = path.join(root, "pkg") } = {}) {
  const out = {};
  for (const mode of Object.keys(MODES)) {
    const n = mode === "sync" ? Math.min(syncCycles, cycles) : cycles;
    log(`memory: ${mode}, ${n.toLocaleString("en-US")} cycles`);
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", here, mode, String(n), pkgDir], { maxBuffer: 1 << 24 });
    const reports = stdout.trim().split("\n").map((l) => JSON.parse(l));
    out[mode] = { what: MODES[mode], cycles: n, reports, ...verdict(reports) };
  }
  return out;
}

/**
 * Flat: after the first tenth (warm-up: JIT, first pages), the wasm memory does
 * not grow, and the highest RSS of the second half of the run is within 10 % of
 * the highest of the first half (RSS follows the JS heap's sawtooth, so single
 * readings are not compared).
 */
export function verdict(reports) {
  const loop = reports.filter((r) => !r.after);
  const [afterGc, reuse] = reports.filter((r) => r.after);
  const start = loop[0];
  const ref = loop[1];
  const end = loop[loop.length - 1];
  const wasmGrowth = end.wasmBytes - ref.wasmBytes;
  const half = Math.ceil(loop.length / 2);
  const maxRss = (xs) => Math.max(...xs.map((r) => r.rss));
  const rssGrowth = maxRss(loop.slice(half)) / maxRss(loop.slice(1, half)) - 1;
  return {
    flat: wasmGrowth === 0 && rssGrowth < 0.1,
    wasmBytesPerCycle: (end.wasmBytes - start.wasmBytes) / end.cycles,
    wasmGrowthAfterFirstTenthBytes: wasmGrowth,
    rssGrowthSecondHalf: rssGrowth,
    // 0: what the loop left behind was freed (after gc + turns) and reused.
    reuseGrowthBytes: reuse && afterGc ? reuse.wasmBytes - afterGc.wasmBytes : null,
  };
}

const mb = (b) => `${(b / MB).toFixed(1)} MB`;

export function printMemory(m) {
  const out = ["Memory (create + verify + read cycles; wasm memory / RSS / JS heap; µs per cycle over the last tenth)"];
  for (const [mode, r] of Object.entries(m)) {
    out.push(
      `  ${mode}: ${r.what} — ${r.flat ? "FLAT" : "NOT FLAT"} (wasm +${r.wasmBytesPerCycle.toFixed(0)} B/cycle overall, +${(r.wasmGrowthAfterFirstTenthBytes / MB).toFixed(1)} MB after the first tenth; peak RSS 2nd half vs 1st ${(100 * r.rssGrowthSecondHalf).toFixed(1)} %)`,
    );
    for (const x of r.reports) {
      out.push(
        `    ${String(x.cycles).padStart(9)}  wasm ${mb(x.wasmBytes).padStart(9)}  rss ${mb(x.rss).padStart(9)}  heap ${mb(x.heapUsed).padStart(8)}  ${x.gcMajor === null ? "" : `GC ${String(x.gcMajor).padStart(4)} major ${String(x.gcMinor).padStart(5)} minor  `}${x.usPerCycle ? `${x.usPerCycle.toFixed(1)} µs/cycle` : ""}${x.after ? ` (${x.after})` : ""}`,
      );
    }
  }
  return out.join("\n");
}

export function markdownMemory(m) {
  const out = [];
  for (const [mode, r] of Object.entries(m)) {
    out.push(
      `**${mode}** — ${r.what}: **${r.flat ? "flat" : "not flat"}** (wasm memory +${r.wasmBytesPerCycle.toFixed(0)} B/cycle overall, +${(r.wasmGrowthAfterFirstTenthBytes / MB).toFixed(1)} MB after the first tenth; peak RSS of the second half ${(100 * r.rssGrowthSecondHalf).toFixed(1)} % over the first)`,
      "",
    );
    out.push("| cycles | wasm memory | RSS | JS heap used | major / minor GCs (BENCH_MEMORY_GC=1) | µs/cycle (last tenth) |", "|--:|--:|--:|--:|--:|--:|");
    for (const x of r.reports) {
      out.push(
        `| ${x.cycles.toLocaleString("en-US")}${x.after ? ` (${x.after})` : ""} | ${mb(x.wasmBytes)} | ${mb(x.rss)} | ${mb(x.heapUsed)} | ${x.gcMajor === null ? "—" : `${x.gcMajor} / ${x.gcMinor}`} | ${x.usPerCycle ? x.usPerCycle.toFixed(1) : ""} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

if (process.argv[1] === here) {
  const [mode, cycles, pkgDir] = process.argv.slice(2);
  if (mode && mode !== "all") {
    await child(mode, Number(cycles ?? 1_000_000), pkgDir ?? path.join(root, "pkg"));
  } else {
    const n = Number(cycles ?? 1_000_000);
    console.log(printMemory(await runMemory({ cycles: n, syncCycles: Math.min(n, 100_000) })));
  }
}
