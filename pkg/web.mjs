// authx-wasm for browsers, bundlers (Vite, webpack 5) and Deno: call
// `await init()` once before the first use; it fetches and compiles the .wasm
// next to this file (bundlers rewrite that URL) and is idempotent.
import initWasm, * as glue from "./web/authx_wasm.js";
import { bind } from "./bind.mjs";

export * from "./errors.mjs";
export { AuthX, TokenPayload } from "./web/authx_wasm.js";

let ready;

/**
 * Loads the wasm module; resolves when the package is ready. Idempotent.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [source]
 *   where to load the .wasm from (default: next to this module)
 */
export function init(source) {
  ready ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(
    () => bind(glue),
    (err) => {
      ready = undefined;
      throw err;
    },
  );
  return ready;
}

/**
 * Instantiates synchronously from an already compiled `WebAssembly.Module` (or bytes).
 * @param {WebAssembly.Module | BufferSource} module
 */
export function initSync(module) {
  glue.initSync({ module });
  bind(glue);
  ready ??= Promise.resolve();
}
