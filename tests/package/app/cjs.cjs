// Node, CommonJS, with only the documented import.
const { AuthX, TokenPayload, TokenExpiredError, init } = require("authx-wasm");

init().then(() => {
  const auth = new AuthX({ secretKey: "s", now: () => 1_800_000_000_000 });
  const token = auth.createAccessToken({ uid: "cjs", fresh: true, scopes: ["a:*"] });
  const p = auth.decodeToken(token);
  let expired;
  try {
    new AuthX({ secretKey: "s", now: () => 1_800_000_901_000 }).decodeToken(token);
  } catch (e) {
    expired = e instanceof TokenExpiredError && e.code;
  }
  const unverified = TokenPayload.decodeUnverified(token);
  console.log(JSON.stringify({ sub: p.sub, fresh: p.fresh, scope: p.hasScopes("a:b"), expired, unverified: unverified.sub }));
});
