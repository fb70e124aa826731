// Node, ES modules, with only the documented import.
import { AuthX, AuthXError, InsufficientScopeError, init } from "authx-wasm";

await init();
const auth = new AuthX({ secretKey: "s", now: () => 1_800_000_000_000 });
const token = auth.createAccessToken({ uid: "esm", scopes: ["read"] });
let denied;
try {
  auth.verifyToken(token, { scopes: ["write"] });
} catch (e) {
  denied = e instanceof InsufficientScopeError && e instanceof AuthXError && e.code;
}
console.log(JSON.stringify({ sub: auth.decodeToken(token).sub, denied }));
