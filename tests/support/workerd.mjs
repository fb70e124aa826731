// Run a Worker in the real Workers runtime (npm `workerd`), bundled the way
// wrangler does: esbuild with the `workerd` export condition, each .wasm kept as
// a separate module that the runtime compiles (Workers refuse wasm from bytes).
import { spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { freePort, waitForHttp } from "./net.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Bundles `entry` into `outdir` (index.js + .wasm files); `nodePaths` find "authx-wasm". */
export async function bundleWorker(entry, outdir, nodePaths = []) {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    nodePaths,
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    entryNames: "index",
    outdir,
    logLevel: "error",
  });
}

/**
 * Writes `dir/config.capnp` for a Worker bundled into `dir` (index.js plus its
 * .wasm modules) listening on 127.0.0.1:`port`, with text `bindings`.
 */
export function writeConfig(dir, port, bindings = {}) {
  const wasm = readdirSync(dir).filter((f) => f.endsWith(".wasm"));
  const modules = [
    `(name = "index.js", esModule = embed "index.js")`,
    ...wasm.map((f) => `(name = "${f}", wasm = embed "${f}")`),
  ];
  const binds = Object.entries(bindings).map(([k, v]) => `(name = ${JSON.stringify(k)}, text = ${JSON.stringify(v)})`);
  writeFileSync(
    path.join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [${modules.join(", ")}],
  compatibilityDate = "2026-11-01",
  bindings = [${binds.join(", ")}],
);
`,
  );
}

/**
 * Serves the bundle in `dir` with text `bindings` on a free 127.0.0.1 port.
 * Returns `{ base, stop, logs() }`; throws with workerd's output if it does not come up.
 */
export async function serveWorker(dir, bindings) {
  const port = await freePort();
  writeConfig(dir, port, bindings);
  let logs = "";
  const proc = spawn(path.join(root, "node_modules/.bin/workerd"), ["serve", "config.capnp", "--verbose"], {
    cwd: dir,
  });
  proc.stdout.on("data", (d) => (logs += d));
  proc.stderr.on("data", (d) => (logs += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(base, 20_000);
  } catch (err) {
    proc.kill("SIGKILL");
    throw new Error(`${err.message}\n${logs}`);
  }
  return { base, stop: () => proc.kill("SIGTERM"), logs: () => logs };
}
