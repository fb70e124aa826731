// authx-wasm/hmac for browsers, bundlers (Vite, webpack 5) and Deno: the
// HMAC-only build (HS256/384/512 with a shared secret), a much smaller .wasm.
// Call `await init()` once before the first use; it fetches and compiles the
// .wasm next to this file (bundlers rewrite that URL) and is idempotent.
// Asymmetric options are refused with a BadConfigurationError naming this build.
import initWasm, * as glue from "./hmac/authx_wasm.js";
import { bind } from "./bind.mjs";
import { BadConfigurationError } from "./errors.mjs";

export * from "./errors.mjs";
export { AuthX, generateSecret } from "./hmac/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";

let ready; // the promise of init(), once asked for
let loaded = false;

/**
 * Loads the wasm module; resolves when the package is ready. Idempotent: once
 * loaded (or loading), later calls return the same promise and ignore `source`.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [source]
 *   where to load the .wasm from (default: next to this module)
 */
export function init(source) {
  ready ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(
    () => {
      bind(glue);
      loaded = true;
    },
    (err) => {
      ready = undefined;
      throw err;
    },
  );
  return ready;
}

/**
 * Instantiates synchronously from an already compiled `WebAssembly.Module` (or bytes).
 * A no-op once loaded; refused while `init()` is still loading.
 * @param {WebAssembly.Module | BufferSource} module
 */
export function initSync(module) {
  if (loaded) return;
  if (ready) throw new BadConfigurationError("init() is still loading the module: await it instead of calling initSync()");
  glue.initSync({ module });
  bind(glue);
  loaded = true;
  ready = Promise.resolve();
}
