// authx-wasm for Node (ES modules): the very objects of the CommonJS entry,
// so `instanceof` holds across `import` and `require`.
import cjs from "./index.cjs";

export * from "./errors.mjs";
export const { AuthX, TokenPayload, generateKeyPair, generateSecret, exportJwk, exportPem, init, initSync } = cjs;
