// authx-wasm/hmac for Node (`import`, and `require` through Node's require of
// ES modules): the HMAC-only build, ready on import. The web build's glue,
// instantiated synchronously from the .wasm bytes read next to this file.
import { readFileSync } from "node:fs";
import * as glue from "./hmac/authx_wasm.js";
import { bind } from "./bind.mjs";

glue.initSync({ module: readFileSync(new URL("./hmac/authx_wasm_bg.wasm", import.meta.url)) });
bind(glue);

export * from "./errors.mjs";
export { AuthX, generateSecret } from "./hmac/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";

/** Resolves at once: in Node the module is ready as soon as it is loaded. */
export function init() {
  return Promise.resolve();
}

/** Nothing to do in Node: the module is instantiated on import. */
export function initSync() {}
