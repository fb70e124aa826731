// authx-wasm for Node (CommonJS). The wasm module loads synchronously on require.
"use strict";

const wasm = require("./node/authx_wasm.js");

const errors = wasm.__setup(wasm.TokenPayload);

/** Resolves at once: in Node the module is ready as soon as it is loaded. */
function init() {
  return Promise.resolve();
}

module.exports = {
  AuthX: wasm.AuthX,
  TokenPayload: wasm.TokenPayload,
  init,
  ...errors,
};
