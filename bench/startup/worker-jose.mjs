// Start-up: jose in a Worker; the CryptoKey imported on the first request.
import { importJWK, jwtVerify } from "jose";
import { SECRET_K, readClaims } from "../lib/claims.mjs";

let key;
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    key ??= await importJWK({ kty: "oct", k: SECRET_K }, "HS256");
    const { payload } = await jwtVerify(request.headers.get("x-token"), key, { algorithms: ["HS256"] });
    return Response.json({ got: readClaims(payload) });
  },
};
