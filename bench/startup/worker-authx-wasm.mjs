// Start-up: this package in a Worker; AuthX made on the first request, as in examples/worker.
import { AuthX } from "authx-wasm";
import { SECRET, readClaims } from "../lib/claims.mjs";

let auth;
export default {
  fetch(request) {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    auth ??= new AuthX({ secretKey: SECRET });
    return Response.json({ got: readClaims(auth.decodeToken(request.headers.get("x-token"))) });
  },
};
