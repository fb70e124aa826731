// `make bench`: every part of the benchmark, printed, and saved under out/bench/
// (results.json with every sample, summary.md with the Markdown tables that
// BENCHMARKS.md quotes).
//
//   node bench/run.mjs [--quick] [--only=node,workerd,size,startup,memory] [--cycles=N]
//
// --quick: fewer rounds and samples, 100,000 memory cycles (a smoke run, not for BENCHMARKS.md).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runNode, peerVersions } from "./node.mjs";
import { runWorkerd } from "./workerd.mjs";
import { runSize, printSize, markdownSize } from "./size.mjs";
import { runStartup, printStartup, markdownStartup } from "./startup.mjs";
import { runMemory, printMemory, markdownMemory } from "./memory.mjs";
import { printRows, markdownRows, speedTargets, printTargets, markdownTargets } from "./lib/report.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const cyclesArg = args.find((a) => a.startsWith("--cycles="))?.slice(9);
const want = (part) => !only || only.includes(part);
const log = (m) => console.error(`[bench ${((performance.now() / 1000) | 0).toString().padStart(3)} s] ${m}`);

function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const sh = (cmd, a) => {
    try {
      return execFileSync(cmd, a, { cwd: root, encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  return {
    date: new Date().toISOString(),
    nproc: Number(sh("nproc", [])),
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "?",
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(),
    node: process.version,
    workerd: sh(path.join(root, "node_modules/.bin/workerd"), ["--version"]),
    commit: sh("git", ["rev-parse", "--short", "HEAD"]),
    dirty: sh("git", ["status", "--porcelain", "--", "src", "pkg", "Cargo.toml", "Cargo.lock"]) !== "",
    peers: peerVersions(),
  };
}

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
const results = { machine: machine(), quick, loadAtStart: loadavg() };
const md = [];
log(`${results.machine.cpu}, ${results.machine.nproc} CPUs, Node ${results.machine.node}, ${results.machine.workerd}, load ${results.loadAtStart.join(" ")}${quick ? " (quick)" : ""}`);

if (want("node")) {
  log("Node benchmark");
  results.node = await runNode({ quick, log });
  console.log(printRows(results.node.rows, "\n=== Node " + process.version + " (one process; median of interleaved rounds)"));
  if (!results.node.asymmetric.supported) console.log(`\n  ES256 / EdDSA: skipped, ${results.node.asymmetric.reason}`);
  md.push("### Node", "", markdownRows(results.node.rows), "");
  if (!results.node.asymmetric.supported) md.push(`ES256 / EdDSA rows: skipped, ${results.node.asymmetric.reason}.`, "");
}
if (want("workerd")) {
  log("workerd benchmark");
  results.workerd = await runWorkerd({ quick, log });
  console.log(printRows(results.workerd.rows, `\n=== ${results.machine.workerd} (npm workerd ${results.machine.peers.workerd}; one block per request, timed inside the Worker)`));
  const t = results.workerd.timing;
  console.log(`\n  clock check: request time − block time = ${t.requestOverheadMs.median.toFixed(2)} ms median (IQR ${t.requestOverheadMs.q1.toFixed(2)}–${t.requestOverheadMs.q3.toFixed(2)}), ${t.blocksWithZeroTime}/${t.blocks} blocks timed 0 ms`);
  if (!results.workerd.asymmetric.supported) console.log(`\n  ES256 / EdDSA: skipped, ${results.workerd.asymmetric.reason}`);
  md.push("### workerd", "", markdownRows(results.workerd.rows), "");
}
const targets = speedTargets(results.node?.rows, results.workerd?.rows);
if (want("size")) {
  log("sizes");
  results.size = await runSize();
  console.log("\n=== " + printSize(results.size));
  targets.push({ env: "size", ...results.size.target });
  md.push("### Size", "", markdownSize(results.size), "");
}
if (want("startup")) {
  log("start-up");
  results.startup = await runStartup({ quick, log });
  console.log("\n=== " + printStartup(results.startup));
  md.push("### Start-up", "", markdownStartup(results.startup), "");
}
if (want("memory")) {
  const cycles = Number(cyclesArg ?? (quick ? 100_000 : 1_000_000));
  results.memory = await runMemory({ cycles, log });
  console.log("\n=== " + printMemory(results.memory));
  const flat = Object.values(results.memory).every((r) => r.flat);
  targets.push({
    env: "memory",
    target: `flat over ${cycles.toLocaleString("en-US")} create+verify+read cycles`,
    status: flat ? "MET" : "MISSED",
    measured: Object.entries(results.memory)
      .map(([m, r]) => `${m}: ${r.flat ? "flat" : "grows"}, wasm ${(r.reports.filter((x) => !x.after).at(-1).wasmBytes / 2 ** 20).toFixed(1)} MB after ${r.cycles.toLocaleString("en-US")}`)
      .join("; "),
  });
  md.push("### Memory", "", markdownMemory(results.memory), "");
}
results.targets = targets;
results.loadAtEnd = loadavg();
console.log("\n=== Targets (issue 5)\n" + printTargets(targets));
md.unshift("### Targets", "", markdownTargets(targets), "");
md.unshift(
  `Run ${results.machine.date} on ${results.machine.cpu} (nproc ${results.machine.nproc}, ${results.machine.memoryGB} GB), Linux ${results.machine.kernel}, Node ${results.machine.node}, ${results.machine.workerd} (npm workerd ${results.machine.peers.workerd}); commit ${results.machine.commit}${results.machine.dirty ? " (with local changes)" : ""}; load average ${results.loadAtStart.join(" ")} at the start, ${results.loadAtEnd.join(" ")} at the end${quick ? "; QUICK run" : ""}.`,
  "",
);

const outDir = path.join(root, "out/bench");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "results.json"), JSON.stringify(results, null, 1));
writeFileSync(path.join(outDir, "summary.md"), md.join("\n"));
log(`wrote out/bench/results.json and out/bench/summary.md`);
