// `make bench-variants`: what the build settings are worth. Builds the same
// sources with other optimisation settings (each in its own cargo target dir
// under out/bench/, so the main build is untouched; several minutes the first
// time), then measures each variant's size and its sign / verify / decode
// and ES256 / EdDSA (payloads freed, so the garbage collector does not blur
// the comparison). Each sample is a fresh process running one build beside a
// fixed reference (bench/variants/child.mjs): this machine's speed drifts
// between processes by up to 2× for all code alike, and several wasm instances
// in one process skewed each other, so a build's time is taken relative to the
// reference in its own process, and a speed-up is the shipped build's relative
// time over the variant's (medians over the samples, builds in rotating order).
// Nothing in src/ or Cargo.toml changes.
//
//   node bench/variants.mjs [--quick] [--only=slug,slug]
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, roundOrder } from "./lib/harness.mjs";
import { sizes } from "./size.mjs";
import { fmtUs, fmtX } from "./lib/report.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const cargoBin = path.join(process.env.CARGO_HOME ?? `${process.env.HOME}/.cargo`, "bin");
const env = { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${cargoBin}:${process.env.PATH}` };
const log = (m) => console.error(`[variants] ${m}`);

// `cargo`: extra environment for `cargo build` (null: reuse the main build's target/ output).
const VARIANTS = [
  { slug: "shipped", what: "shipped: opt-level \"s\", wasm-opt -Os", pkg: path.join(root, "pkg") },
  { slug: "s-O3", what: "opt-level \"s\", wasm-opt -O3", cargo: null, wasmOpt: ["-O3"] },
  { slug: "3-O3", what: "opt-level 3, wasm-opt -O3", cargo: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "3" }, wasmOpt: ["-O3"] },
  { slug: "3-O3-simd", what: "opt-level 3 + simd128, wasm-opt -O3", cargo: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "3", RUSTFLAGS: "-C target-feature=+simd128" }, wasmOpt: ["-O3", "--enable-simd"] },
  { slug: "z-Oz", what: "opt-level \"z\", wasm-opt -Oz (smallest)", cargo: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "z" }, wasmOpt: ["-Oz"] },
  { slug: "no-rsa", what: "cargo feature rsa off (--no-default-features), opt-level \"s\", wasm-opt -Os", cargo: {}, cargoArgs: ["--no-default-features"], wasmOpt: ["-Os"] },
  { slug: "no-rsa-3-O3", what: "rsa off, opt-level 3, wasm-opt -O3", cargo: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "3" }, cargoArgs: ["--no-default-features"], wasmOpt: ["-O3"] },
];

function build(v) {
  if (v.pkg) return v.pkg;
  const dir = path.join(root, "out/bench/variants", v.slug);
  let input = path.join(root, "target/wasm32-unknown-unknown/release/authx_wasm.wasm");
  if (v.cargo) {
    const targetDir = path.join(root, "out/bench", `target-${v.slug}`);
    log(`${v.slug}: cargo build ${[...Object.entries(v.cargo).map(([k, x]) => `${k}=${x}`), ...(v.cargoArgs ?? [])].join(" ")}`);
    execFileSync("cargo", ["build", "--release", "--lib", "--target", "wasm32-unknown-unknown", ...(v.cargoArgs ?? [])], {
      cwd: root,
      env: { ...env, ...v.cargo, CARGO_TARGET_DIR: targetDir },
      stdio: ["ignore", "ignore", "inherit"],
    });
    input = path.join(targetDir, "wasm32-unknown-unknown/release/authx_wasm.wasm");
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "node"), { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "nodejs", "--out-dir", path.join(dir, "node"), "--out-name", "authx_wasm", input], { env });
  const wasm = path.join(dir, "node/authx_wasm_bg.wasm");
  execFileSync("wasm-opt", [...v.wasmOpt, wasm, "-o", wasm], { env });
  for (const f of ["index.cjs", "index.mjs", "bind.mjs", "errors.mjs", "payload.mjs", "package.json"]) copyFileSync(path.join(root, "pkg", f), path.join(dir, f));
  writeFileSync(path.join(dir, "node/package.json"), '{\n  "type": "commonjs"\n}\n');
  return dir;
}

const variants = VARIANTS.filter((v) => !only || only.includes(v.slug) || v.slug === "shipped");
for (const v of variants) v.dir = build(v);
if (!existsSync(path.join(root, "pkg/node/authx_wasm_bg.wasm"))) throw new Error("run make build first");

const OPS = ["sign", "verify", "decode", "es256-sign", "es256-verify", "eddsa-sign", "eddsa-verify"];
const samples = quick ? 1 : 6;
for (const v of variants) {
  v.size = sizes(readFileSync(path.join(v.dir, "node/authx_wasm_bg.wasm")));
  v.samples = [];
}
for (let r = 0; r < samples; r++) {
  for (const v of roundOrder(variants, r)) {
    const out = execFileSync(process.execPath, [path.join(root, "bench/variants/child.mjs"), v.dir, quick ? "3" : "5"], { encoding: "utf8" });
    v.samples.push(JSON.parse(out));
  }
  log(`sample ${r + 1}/${samples}`);
}
const shipped = variants.find((v) => v.slug === "shipped");
// One reference speed for all rows: µs shown = relative time × the reference's median over every sample.
const refAll = median(variants.flatMap((v) => v.samples.map((s) => s.ref)));
const result = variants.map((v) => {
  const ops = OPS.filter((op) => op in v.samples[0].us && op in shipped.samples[0].us);
  const rel = (x, op) => median(x.samples.map((s) => s.rel[op]));
  return {
    slug: v.slug,
    what: v.what,
    size: v.size,
    refUs: median(v.samples.map((s) => s.ref)),
    us: Object.fromEntries(ops.map((op) => [op, rel(v, op) * refAll])),
    rawUs: Object.fromEntries(ops.map((op) => [op, median(v.samples.map((s) => s.us[op]))])),
    relative: Object.fromEntries(ops.map((op) => [op, rel(v, op)])),
    speedup: Object.fromEntries(ops.map((op) => [op, rel(shipped, op) / rel(v, op)])),
  };
});
mkdirSync(path.join(root, "out/bench"), { recursive: true });
writeFileSync(path.join(root, "out/bench/variants.json"), JSON.stringify({ refAll, result, samples: Object.fromEntries(variants.map((v) => [v.slug, v.samples])) }, null, 1));
const shown = OPS.filter((op) => result.some((r) => op in r.us));
const md = [
  `| build | .wasm raw | gzip | brotli | ${shown.map((op) => `${op} µs (× shipped)`).join(" | ")} |`,
  `|---|--:|--:|--:|${shown.map(() => "--:").join("|")}|`,
];
for (const r of result) {
  const cells = shown.map((op) => (op in r.us ? `${fmtUs(r.us[op])} (${fmtX(r.speedup[op])})` : "—"));
  md.push(`| ${r.what} | ${r.size.raw.toLocaleString("en-US")} | ${r.size.gzip.toLocaleString("en-US")} | ${r.size.brotli.toLocaleString("en-US")} | ${cells.join(" | ")} |`);
}
md.push("", `µs: median time relative to fast-jwt HS256 verify in the same process, times that reference's median (${fmtUs(refAll)} µs); ${samples} process(es) per build.`);
writeFileSync(path.join(root, "out/bench/variants.md"), md.join("\n") + "\n");
console.log(md.join("\n"));
