// Deno, with only the documented import (resolved from node_modules through the "deno" condition).
import { init, AuthX, TokenExpiredError } from "authx-wasm";

await init();
const auth = new AuthX({ secretKey: "d", now: () => 1_800_000_000_000 });
const token = auth.createAccessToken({ uid: "deno", scopes: ["x:*"] });
let expired;
try {
  new AuthX({ secretKey: "d", now: () => 1_800_000_901_000 }).decodeToken(token);
} catch (e) {
  expired = e instanceof TokenExpiredError && e.code;
}
console.log(JSON.stringify({ sub: auth.decodeToken(token).sub, scope: auth.decodeToken(token).hasScopes("x:y"), expired }));
