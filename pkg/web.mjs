// authx-wasm for browsers, bundlers (Vite, webpack 5) and Deno: call
// `await init()` once before the first use; it fetches and compiles the .wasm
// next to this file (bundlers rewrite that URL) and is idempotent.
import initWasm, * as glue from "./web/authx_wasm.js";
import { loader } from "./loader.mjs";

export * from "./errors.mjs";
export { AuthX, generateKeyPair, generateSecret, exportJwk, exportPem } from "./web/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";

/**
 * `init(source?)` loads the wasm module and resolves when the package is ready (idempotent);
 * `initSync(module)` instantiates synchronously from a compiled module or bytes. See loader.mjs.
 */
export const { init, initSync } = loader(initWasm, glue);
