// Size report: raw, gzip (level 9) and brotli (quality 11) bytes of each
// shipped .wasm, the wasm-bindgen glue and the hand-written entries; what each
// runtime loads; and what a browser app ships after a minifying bundler
// (esbuild), next to jose and @tsndr/cloudflare-worker-jwt bundled the same way.
// `node bench/size.mjs` runs it alone.
import { readFileSync, writeFileSync, mkdirSync, rmSync, symlinkSync, existsSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const FILES = [
  "node/authx_wasm_bg.wasm",
  "web/authx_wasm_bg.wasm",
  "node/authx_wasm.js",
  "web/authx_wasm.js",
  "index.cjs",
  "index.mjs",
  "web.mjs",
  "workerd.mjs",
  "bind.mjs",
  "errors.mjs",
  "payload.mjs",
  "loader.mjs",
  // authx-wasm/hmac: the HMAC-only build (one web build, Node instantiates it from the bytes).
  "hmac/authx_wasm_bg.wasm",
  "hmac/authx_wasm.js",
  "hmac.mjs",
  "hmac-node.mjs",
  "hmac-workerd.mjs",
];

// What each entry loads (each file compressed on its own, as a server sends them).
const LOADS = {
  "Node (index.mjs / index.cjs)": ["index.mjs", "index.cjs", "node/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "node/authx_wasm_bg.wasm"],
  "browsers, Deno (web.mjs)": ["web.mjs", "web/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "loader.mjs", "web/authx_wasm_bg.wasm"],
  "Workers (workerd.mjs)": ["workerd.mjs", "web/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "web/authx_wasm_bg.wasm"],
  "authx-wasm/hmac, Node (hmac-node.mjs)": ["hmac-node.mjs", "hmac/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "hmac/authx_wasm_bg.wasm"],
  "authx-wasm/hmac, browsers, Deno (hmac.mjs)": ["hmac.mjs", "hmac/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "loader.mjs", "hmac/authx_wasm_bg.wasm"],
  "authx-wasm/hmac, Workers (hmac-workerd.mjs)": ["hmac-workerd.mjs", "hmac/authx_wasm.js", "bind.mjs", "errors.mjs", "payload.mjs", "hmac/authx_wasm_bg.wasm"],
};

// Minified browser bundles (esbuild, browser conditions) of the same use.
const BUNDLES = {
  "authx-wasm (JS; the .wasm is a separate file)": `import { init, AuthX, TokenPayload } from "authx-wasm"; export { init, AuthX, TokenPayload };`,
  "authx-wasm/hmac (JS; the .wasm is a separate file)": `import { init, AuthX, TokenPayload } from "authx-wasm/hmac"; export { init, AuthX, TokenPayload };`,
  "jose (SignJWT, jwtVerify, importJWK, decodeJwt)": `export { SignJWT, jwtVerify, importJWK, decodeJwt } from "jose";`,
  "@tsndr/cloudflare-worker-jwt": `export { sign, verify, decode } from "@tsndr/cloudflare-worker-jwt";`,
};

async function bundleSizes(pkgDir) {
  const work = path.join(root, "out/bench/size-bundles");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, path.join(work, "node_modules/authx-wasm"), "dir");
  const out = {};
  for (const [name, src] of Object.entries(BUNDLES)) {
    const entry = path.join(work, `entry-${Object.keys(out).length}.mjs`);
    writeFileSync(entry, src);
    const res = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      conditions: ["browser"],
      nodePaths: [path.join(work, "node_modules"), path.join(root, "node_modules")],
      loader: { ".wasm": "file" },
      write: false,
      outdir: path.join(work, "dist"),
      logLevel: "error",
    });
    const js = res.outputFiles.filter((f) => f.path.endsWith(".js"));
    out[name] = sizes(Buffer.concat(js.map((f) => Buffer.from(f.contents))));
  }
  return out;
}

/** The size report for the package in `pkgDir`. */
export async function runSize({ pkgDir = path.join(root, "pkg") } = {}) {
  const files = {};
  for (const f of FILES) {
    const p = path.join(pkgDir, f);
    if (existsSync(p)) files[f] = sizes(readFileSync(p));
  }
  const loads = {};
  for (const [name, list] of Object.entries(LOADS)) {
    const sum = { raw: 0, gzip: 0, brotli: 0 };
    for (const f of list) for (const k of Object.keys(sum)) sum[k] += files[f]?.[k] ?? 0;
    loads[name] = sum;
  }
  // The target is for the HMAC-only build (authx-wasm/hmac, pkg/hmac); the main
  // build (every algorithm, RSA too by Cargo.toml's defaults) is reported next to it.
  const full = files["web/authx_wasm_bg.wasm"];
  const hmac = files["hmac/authx_wasm_bg.wasm"];
  const wasm = hmac ?? full;
  const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
  const rsa = /^default\s*=\s*\[[^\]]*"rsa"/m.test(cargo);
  const fullText = `main build (every algorithm${rsa ? ", RSA included" : ""}): ${(full.gzip / 1024).toFixed(1)} KiB gzip (${full.gzip} B)`;
  const build = hmac ? `authx-wasm/hmac (pkg/hmac, HMAC only); ${fullText}` : `no HMAC-only build in pkg/hmac (make build); ${fullText}`;
  return {
    build,
    files,
    loads,
    bundles: await bundleSizes(pkgDir),
    sameWasm: readFileSync(path.join(pkgDir, "node/authx_wasm_bg.wasm")).equals(readFileSync(path.join(pkgDir, "web/authx_wasm_bg.wasm"))),
    target: {
      target: "HMAC-only build ≤ 40 KB gzip (the .wasm)",
      status: wasm.gzip <= 40 * 1024 ? "MET" : "MISSED",
      measured: `${(wasm.gzip / 1024).toFixed(1)} KiB gzip (${wasm.gzip} B; raw ${wasm.raw} B, brotli ${wasm.brotli} B); this build: ${build}`,
    },
  };
}

export function printSize(s) {
  const rows = (obj) => Object.entries(obj).map(([k, v]) => `  ${k.padEnd(48)} ${String(v.raw).padStart(8)} ${String(v.gzip).padStart(8)} ${String(v.brotli).padStart(8)}`);
  const head = `  ${"".padEnd(48)} ${"raw".padStart(8)} ${"gzip".padStart(8)} ${"brotli".padStart(8)}`;
  return [
    "Sizes in bytes (gzip -9, brotli q11)",
    head,
    ...rows(s.files),
    "",
    "What each entry loads",
    head,
    ...rows(s.loads),
    "",
    "Minified browser bundles (esbuild --minify; JS only)",
    head,
    ...rows(s.bundles),
    "",
    `  build: ${s.build}; node and web .wasm identical: ${s.sameWasm}`,
    `  ${s.target.status} ${s.target.target}: ${s.target.measured}`,
  ].join("\n");
}

export function markdownSize(s) {
  const rows = (obj) => Object.entries(obj).map(([k, v]) => `| ${k} | ${v.raw.toLocaleString("en-US")} | ${v.gzip.toLocaleString("en-US")} | ${v.brotli.toLocaleString("en-US")} |`);
  const head = ["| file | raw | gzip | brotli |", "|---|--:|--:|--:|"];
  return [
    ...head,
    ...rows(s.files).map((r) => r.replace(/^\| /, "| pkg/")),
    "",
    "| what a runtime loads (sum of the files) | raw | gzip | brotli |",
    "|---|--:|--:|--:|",
    ...rows(s.loads),
    "",
    "| minified browser bundle, JS only (esbuild) | raw | gzip | brotli |",
    "|---|--:|--:|--:|",
    ...rows(s.bundles),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(printSize(await runSize()));
}
