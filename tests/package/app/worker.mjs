// The Worker snippet of the README, verbatim, using only the documented import.
import { AuthX, AuthXError } from "authx-wasm";
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
      const status = e.code === "ERR_INSUFFICIENT_SCOPE" || e.code === "ERR_FRESH_TOKEN_REQUIRED" ? 403 : 401;
      return Response.json({ code: e.code }, { status });
    }
  },
};
