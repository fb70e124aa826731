// Start-up: @tsndr/cloudflare-worker-jwt in a Worker, with the string secret as documented.
import { verify } from "@tsndr/cloudflare-worker-jwt";
import { SECRET, readClaims } from "../lib/claims.mjs";

export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    const { payload } = await verify(request.headers.get("x-token"), SECRET, { algorithm: "HS256", throwError: true });
    return Response.json({ got: readClaims(payload) });
  },
};
