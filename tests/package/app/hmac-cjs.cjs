// Node, CommonJS: require("authx-wasm/hmac") (Node's require of ES modules).
const { AuthX } = require("authx-wasm/hmac");

const auth = new AuthX({ secretKey: "s", now: () => 1_800_000_000_000 });
console.log(JSON.stringify({ sub: auth.decodeToken(auth.createAccessToken({ uid: "cjs" })).sub }));
