// authx-wasm for Node (CommonJS). The wasm module loads synchronously on require.
"use strict";

const glue = require("./node/authx_wasm.js");
const errors = require("./errors.mjs");
const { bind } = require("./bind.mjs");
const { TokenPayload } = require("./payload.mjs");

bind(glue);

/** Resolves at once: in Node the module is ready as soon as it is loaded. */
function init() {
  return Promise.resolve();
}

/** Nothing to do in Node: the module is instantiated on require. */
function initSync() {}

module.exports = {
  ...errors,
  AuthX: glue.AuthX,
  TokenPayload,
  generateKeyPair: glue.generateKeyPair,
  generateSecret: glue.generateSecret,
  exportJwk: glue.exportJwk,
  exportPem: glue.exportPem,
  init,
  initSync,
};
