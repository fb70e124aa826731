// A Worker on the HMAC-only entry: the same code as worker.mjs, the smaller build.
import { AuthX, AuthXError } from "authx-wasm/hmac";
let auth;
export default {
  fetch(request, env) {
    auth ??= new AuthX({ secretKey: env.JWT_SECRET_KEY, issuer: env.JWT_ISSUER });
    try {
      const token = request.headers.get("authorization")?.replace(/^Bearer /, "");
      const p = auth.verifyToken(token, { scopes: ["posts:read"] });
      return Response.json({ claims: p.toJSON() });
    } catch (e) {
      if (!(e instanceof AuthXError)) throw e;
      return Response.json({ code: e.code, message: e.message }, { status: 401 });
    }
  },
};
