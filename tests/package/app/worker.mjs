// A Worker using only the documented import.
import { AuthX, AuthXError } from "authx-wasm";

let auth;
export default {
  fetch(request, env) {
    auth ??= new AuthX({ secretKey: env.SECRET });
    const token = auth.createAccessToken({ uid: "worker", scopes: ["edge"] });
    try {
      auth.decodeToken(token + "x");
    } catch (e) {
      const p = auth.verifyToken(token, { scopes: ["edge"] });
      return Response.json({ sub: p.sub, error: e instanceof AuthXError && e.code });
    }
    return Response.json({ error: "no error" });
  },
};
