// Summaries of V8 .cpuprofile files (node --cpu-prof): self time by category,
// the heaviest functions, and inclusive time of named groups (a sample counts
// for a group when any frame of its stack belongs to it).
import { readFileSync } from "node:fs";

const isWasm = (url) => url.startsWith("wasm://");
const isGlue = (url) => /\/authx_wasm\.js$/.test(url);

/** Self-time categories, first match wins. */
export const CATEGORIES = [
  ["GC (garbage collector)", (n) => n === "(garbage collector)"],
  ["idle / program (outside JS)", (n) => n === "(program)" || n === "(idle)" || n === "(root)"],
  ["wasm: SHA-2 / HMAC", (n, u) => isWasm(u) && /sha2|hmac|Hmac|digest|compress256|compress512|Hs256|block_buffer/.test(n)],
  ["wasm: __multi3 (64×64→128-bit multiply, emulated: wasm has no such instruction)", (n, u) => isWasm(u) && /^__multi3$/.test(n)],
  ["wasm: EC / Ed25519 arithmetic (p256, primeorder, crypto-bigint, ed25519-compact, …)", (n, u) => isWasm(u) && /p256|p384|p521|k256|primeorder|elliptic_curve|crypto_bigint|ed25519|ecdsa|signature::|subtle::|ff::|group::|fiat|rfc6979|bigint/.test(n)],
  ["wasm: JSON (json::read / json::write, serde_json for keys)", (n, u) => isWasm(u) && /serde|indexmap|hashbrown|json|sip::|hash_one|BuildHasher|Hasher|itoa|ryu|lexical|dec2flt|from_str/.test(n)],
  ["wasm: allocation and copies (dlmalloc, alloc, memcpy)", (n, u) => isWasm(u) && /dlmalloc|alloc::|RawVec|__rust_(alloc|dealloc|realloc)|memcpy|memmove|memset|memcmp|copy_from_slice|spec_extend|to_vec|Clone|clone|drop_in_place|String/.test(n)],
  ["wasm: base64url", (n, u) => isWasm(u) && /base64/.test(n)],
  ["wasm: random (getrandom)", (n, u) => isWasm(u) && /getrandom|uuid|random/.test(n)],
  ["wasm: binding layer (wasm-bindgen, js-sys, authx_wasm::js)", (n, u) => isWasm(u) && /wasm_bindgen|js_sys|authx_wasm::js|externref|__wbindgen|__wbg|closure|JsValue/.test(n)],
  ["wasm: core logic and the rest", (n, u) => isWasm(u)],
  ["JS glue: string crossings (passing/reading strings, memory views)", (n, u) => isGlue(u) && /String|decodeText|encode|Uint8ArrayMemory|DataViewMemory|string_get/.test(n)],
  ["JS: TextDecoder / UTF-8 decoding", (n, u) => u === "node:internal/encoding" || /^(decodeUTF8|utf8Slice|utf8Write)$/.test(n)],
  ["JS↔wasm call wrappers, memory.buffer getter", (n) => /^(js-to-wasm|wasm-to-js)|GenericJSToWasmWrapper|^get buffer$/.test(n)],
  ["random: crypto.randomFillSync (getrandom's Node backend)", (n, u) => u === "node:internal/crypto/random"],
  ["node:crypto HMAC (native)", (n, u) => u === "node:internal/crypto/hash"],
  ["JS: TokenPayload (pkg/payload.mjs; includes JSON.parse of the claims)", (n, u) => /\/payload\.mjs$/.test(u)],
  ["JS: bind.mjs (the encodeInto input path)", (n, u) => /\/bind\.mjs$/.test(u)],
  ["JS glue: imports wasm calls (Reflect, Array, JSON, Date, crypto)", (n, u) => isGlue(u) && /^__wbg_|handleError|addToExternrefTable|takeFromExternrefTable|^\(anonymous\)$/.test(n)],
  ["JS glue: exported methods and getters", (n, u) => isGlue(u)],
  ["JS: peer library", (n, u) => /node_modules\//.test(u)],
  ["JS: Node built-ins (node:crypto, …)", (n, u) => u.startsWith("node:")],
  ["JS: benchmark loop and claims", (n, u) => /\/bench\//.test(u)],
  ["other", () => true],
];

/** Inclusive groups: a sample counts once per group matched anywhere on its stack. */
export const GROUPS = [
  ["JS glue: create/decode/verify call (JS → wasm → back)", (n, u) => isGlue(u) && /^(createAccessToken|decodeToken|verifyToken|decodeUnverified)$/.test(n)],
  ["JS: TokenPayload getters sub/exp/scopes (JSON.parse on the first)", (n, u) => /\/payload\.mjs$/.test(u) && /^get (sub|exp|scopes)$/.test(n)],
  ["JS: TokenPayload.hasScopes (arguments, JSON text)", (n, u) => /\/payload\.mjs$/.test(u) && /hasScopes|scopeArguments|jsonStrings/.test(n)],
  ["JS: factory makePayload (new TokenPayload)", (n, u) => /\/payload\.mjs$/.test(u) && /makePayload|TokenPayload/.test(n)],
  ["wasm → JS import calls (Reflect.get/has, Array, JSON, Date, crypto)", (n) => /^wasm-to-js/.test(n)],
  ["wasm: reading JS options/arguments (Options, string_array)", (n, u) => isWasm(u) && /options::|authx_options/.test(n)],
  ["wasm: jws::parse (split, base64url ×3, header JSON)", (n, u) => isWasm(u) && /jws::(parse|segment|check_header)/.test(n)],
  ["wasm: Claims::read (payload JSON → typed claims)", (n, u) => isWasm(u) && /claims::/.test(n)],
  ["wasm: JSON read, anywhere (json::read: checks, duplicates)", (n, u) => isWasm(u) && /json::read|parse_object|serde_json::de/.test(n)],
  ["wasm: HMAC / SHA-2", (n, u) => isWasm(u) && /hmac|Hmac|Hs256|sha2::/.test(n)],
  ["wasm: ECDSA / Ed25519 (sign or verify, incl. its hashing)", (n, u) => isWasm(u) && /ecdsa|ed25519|Es256|Ed25519|SigningKey|VerifyingKey|primeorder|p256::/.test(n)],
  ["wasm: mint (claims, JSON, base64url, HMAC, UUIDs)", (n, u) => isWasm(u) && /mint::/.test(n)],
  ["wasm: JSON write (json::write)", (n, u) => isWasm(u) && /json::write|json::to_string|serde_json::ser/.test(n)],
  ["wasm: uuid_v4 + getrandom (incl. crypto.randomFillSync)", (n, u) => isWasm(u) && /getrandom|uuid_v4/.test(n)],
  ["wasm: base64url", (n, u) => isWasm(u) && /base64url/.test(n)],
  ["wasm: scope matching (scopes::)", (n, u) => isWasm(u) && /scopes::/.test(n)],
  ["wasm: dlmalloc (malloc/free/realloc)", (n, u) => isWasm(u) && /dlmalloc/.test(n)],
  ["GC", (n) => n === "(garbage collector)"],
];

/** Summarises one profile file. `total` excludes idle time. */
export function summariseProfile(file, { top = 15, fromUs = 0 } = {}) {
  const p = JSON.parse(readFileSync(file, "utf8"));
  // Only samples taken from `fromUs` on (the profile's clock: µs, CLOCK_MONOTONIC,
  // as process.hrtime), so module loading and warm-up do not count.
  let at = p.startTime;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    at += p.timeDeltas[i] ?? 0;
    if (at < fromUs) continue;
    const id = p.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const name = (n) => n.callFrame.functionName || "(anonymous)";
  const url = (n) => n.callFrame.url || "";
  let total = 0;
  const cats = new Map(CATEGORIES.map(([c]) => [c, 0]));
  const fns = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (name(n) === "(idle)") continue;
    total += us;
    const cat = CATEGORIES.find(([, test]) => test(name(n), url(n)))[0];
    cats.set(cat, cats.get(cat) + us);
    const key = `${name(n).replace(/::h[0-9a-f]{16}$/, "")}  [${url(n).split("/").pop() || "-"}]`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const groups = new Map(GROUPS.map(([g]) => [g, 0]));
  for (const [id, us] of selfUs) {
    if (name(byId.get(id)) === "(idle)") continue;
    const hit = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      for (const [g, test] of GROUPS) if (test(name(n), url(n))) hit.add(g);
    }
    for (const g of hit) groups.set(g, groups.get(g) + us);
  }
  const pct = (us) => (100 * us) / total;
  return {
    totalMs: total / 1000,
    categories: [...cats].filter(([, us]) => us > 0).sort((a, b) => b[1] - a[1]).map(([c, us]) => ({ category: c, pct: pct(us) })),
    top: [...fns].sort((a, b) => b[1] - a[1]).slice(0, top).map(([f, us]) => ({ fn: f, pct: pct(us) })),
    groups: [...groups].filter(([, us]) => us > 0).map(([g, us]) => ({ group: g, pct: pct(us) })),
  };
}
