// authx-wasm/hmac for Cloudflare Workers (workerd): the HMAC-only build, its
// .wasm imported as a compiled WebAssembly.Module and instantiated
// synchronously at import, with no fetch, no eval and no randomness or clock
// read at global scope.
import * as glue from "./hmac/authx_wasm.js";
import wasmModule from "./hmac/authx_wasm_bg.wasm";
import { bind } from "./bind.mjs";

glue.initSync({ module: wasmModule });
bind(glue);

export * from "./errors.mjs";
export { AuthX, generateSecret } from "./hmac/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";

/** Resolves at once: in Workers the module is ready as soon as it is imported. */
export function init() {
  return Promise.resolve();
}

/** Nothing to do in Workers: the module is instantiated on import. */
export function initSync() {}
