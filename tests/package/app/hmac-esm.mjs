// Node, ES modules: the HMAC-only entry, interoperating with the main one.
import { AuthX, BadConfigurationError, TokenPayload, generateSecret, init } from "authx-wasm/hmac";
import * as main from "authx-wasm";

await init();
const secretKey = generateSecret("HS512");
const auth = new AuthX({ secretKey, algorithm: "HS512", now: () => 1_800_000_000_000 });
const full = new main.AuthX({ secretKey, algorithm: "HS512", now: () => 1_800_000_000_000 });
const token = auth.createAccessToken({ uid: "hmac", scopes: ["read"] });
let refused;
try {
  new AuthX({ algorithm: "ES256", privateKey: main.generateKeyPair("ES256").privateKey });
} catch (e) {
  refused = e instanceof BadConfigurationError && e instanceof main.BadConfigurationError && e.message.startsWith("this is the HMAC-only build");
}
console.log(
  JSON.stringify({
    sub: full.decodeToken(token).sub,
    back: auth.decodeToken(full.createAccessToken({ uid: "main" })).sub,
    samePayload: TokenPayload === main.TokenPayload,
    refused,
  }),
);
