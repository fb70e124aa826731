// A browser app (built by Vite and by webpack 5) using only the documented import.
import { init, AuthX, TokenPayload, TokenExpiredError } from "authx-wasm";

init()
  .then(() => init()) // idempotent
  .then(() => {
    const auth = new AuthX({ secretKey: "browser-secret", csrf: true });
    const token = auth.createAccessToken({ uid: "browser", fresh: true, scopes: ["posts:*"], expiresIn: -5 });
    const p = TokenPayload.decodeUnverified(token);
    let expired;
    try {
      auth.decodeToken(token);
    } catch (e) {
      expired = e instanceof TokenExpiredError ? e.code : String(e);
    }
    const fresh = auth.createAccessToken({ uid: "browser" });
    window.__result = {
      sub: p.sub,
      scope: p.hasScopes("posts:edit"),
      csrfLength: p.csrf.length,
      expired,
      verified: auth.verifyToken(fresh).sub,
    };
  })
  .catch((e) => {
    window.__result = { failure: String(e && e.stack ? e.stack : e) };
  });
