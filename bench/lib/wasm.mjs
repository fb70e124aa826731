// A minimal reader of .wasm binaries: section sizes, and the size of each
// function body with its name (from the `name` section, when the build kept it),
// grouped by crate. For the size attribution of bench/profile.mjs.
import { readFileSync } from "node:fs";

function reader(b, i = 0) {
  const r = {
    i,
    u8: () => b[r.i++],
    leb: () => {
      let res = 0;
      let shift = 0;
      for (;;) {
        const x = b[r.i++];
        res += (x & 0x7f) * 2 ** shift;
        shift += 7;
        if (!(x & 0x80)) return res;
      }
    },
    name: () => {
      const len = r.leb();
      const s = b.subarray(r.i, r.i + len).toString("utf8");
      r.i += len;
      return s;
    },
  };
  return r;
}

/** `{ sections: { name: bytes }, functions: [{ index, name, bytes }] }` */
export function readWasm(file) {
  const b = readFileSync(file);
  const r = reader(b, 8);
  const sections = {};
  let importedFns = 0;
  const bodies = [];
  const names = new Map();
  const ID = { 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount" };
  while (r.i < b.length) {
    const id = r.u8();
    const len = r.leb();
    const start = r.i;
    const end = start + len;
    let key = ID[id] ?? `section ${id}`;
    if (id === 0) key = `custom "${r.name()}"`;
    sections[key] = (sections[key] ?? 0) + len;
    if (id === 2) {
      const n = r.leb();
      for (let k = 0; k < n; k++) {
        r.name();
        r.name();
        const kind = r.u8();
        if (kind === 0) {
          r.leb();
          importedFns++;
        } else if (kind === 1) {
          r.u8();
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else if (kind === 2) {
          const flags = r.leb();
          r.leb();
          if (flags & 1) r.leb();
        } else if (kind === 3) {
          r.u8();
          r.u8();
        } else {
          r.leb(); // tag
          r.leb();
        }
      }
    } else if (id === 10) {
      const n = r.leb();
      for (let k = 0; k < n; k++) {
        const size = r.leb();
        bodies.push(size);
        r.i += size;
      }
    } else if (key === 'custom "name"') {
      while (r.i < end) {
        const sub = r.u8();
        const slen = r.leb();
        const send = r.i + slen;
        if (sub === 1) {
          const n = r.leb();
          for (let k = 0; k < n; k++) {
            const idx = r.leb();
            names.set(idx, r.name());
          }
        }
        r.i = send;
      }
    }
    r.i = end;
  }
  const functions = bodies.map((bytes, k) => ({ index: importedFns + k, name: names.get(importedFns + k) ?? `wasm-function[${importedFns + k}]`, bytes }));
  return { sections, functions, hasNames: names.size > 0 };
}

/** The crate (or kind) a demangled Rust function name belongs to. */
export function crateOf(name) {
  const clean = name.replace(/\[[0-9a-f]{8,}\]/g, "");
  if (/externref shim|multivalue shim/.test(clean) || (!clean.includes("::") && /^[a-z0-9_]+$/i.test(clean))) {
    return "exports (bodies inlined into wasm-bindgen shims)";
  }
  if (/^core::ptr::drop_in_place/.test(clean)) return "drop glue (drop_in_place)";
  let path = clean;
  // `<Type as Trait>::method`: the type's crate, unless the type is a primitive or generic.
  const m = /^<(?:&mut |&)?([^ ]+) as ([^>]+)>/.exec(clean);
  if (m) path = m[1].includes("::") ? m[1] : m[2];
  path = path.replace(/^(<|&mut |&|\()+/g, "");
  const crate = path.split("::")[0].replace(/<.*$/, "");
  if (crate === "authx_wasm") return path.startsWith("authx_wasm::js") ? "authx_wasm::js (binding layer)" : "authx_wasm::core";
  if (crate === "core" && /::fmt|fmt::/.test(clean)) return "core::fmt (formatting, incl. f64 Display)";
  return crate || "(unnamed)";
}

/** Code bytes by crate, largest first, with each crate's largest functions. */
export function sizeByCrate(file, { top = 3 } = {}) {
  const { functions, sections, hasNames } = readWasm(file);
  const by = new Map();
  for (const f of functions) {
    const c = crateOf(f.name);
    const e = by.get(c) ?? { crate: c, bytes: 0, functions: 0, largest: [] };
    e.bytes += f.bytes;
    e.functions++;
    e.largest.push(f);
    by.set(c, e);
  }
  const crates = [...by.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .map((e) => ({ ...e, largest: e.largest.sort((a, b) => b.bytes - a.bytes).slice(0, top).map((f) => `${f.name.replace(/::h[0-9a-f]{16}$/, "")} (${f.bytes} B)`) }));
  return { sections, hasNames, crates, functions: functions.length };
}
