// authx-wasm/hmac for Node (`import`, and `require` through Node's require of
// ES modules): the HMAC-only build, ready on import. The web build's glue,
// instantiated synchronously from the .wasm bytes read next to this file.
import * as glue from "./hmac/authx_wasm.js";
import { readFileSync } from "node:fs";
import { readyNow } from "./loader.mjs";

/** `init()` resolves at once and `initSync()` does nothing: in Node the module is ready on import. */
export const { init, initSync } = readyNow(glue, readFileSync(new URL("./hmac/authx_wasm_bg.wasm", import.meta.url)));

export * from "./errors.mjs";
export { AuthX, generateSecret } from "./hmac/authx_wasm.js";
export { TokenPayload } from "./payload.mjs";
