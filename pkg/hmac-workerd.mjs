// authx-wasm/hmac for Cloudflare Workers (workerd): the HMAC-only build, its
// .wasm imported as a compiled WebAssembly.Module and instantiated
// synchronously at import, with no fetch, no eval and no randomness or clock
// read at global scope.
import * as glue from "./hmac/authx_wasm.js";
import wasmModule from "./hmac/authx_wasm_bg.wasm";
import { readyNow } from "./loader.mjs";

/** `init()` resolves at once and `initSync()` does nothing: in Workers the module is ready on import. */
export const { init, initSync } = readyNow(glue, wasmModule);

export * from "./errors.mjs";
export { AuthX, generateSecret } from "./hmac/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";
