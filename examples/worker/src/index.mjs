// A Worker that verifies AuthX tokens (the ones a FastAPI + AuthX backend
// mints) and mints its own on /login.
//
//   POST /login          {"uid", "password"}  -> 200 {accessToken, refreshToken, tokenType}
//   POST /refresh        Bearer <refresh>     -> 200 {accessToken} (not fresh)
//   GET  /me             Bearer <access>      -> 200 {claims}
//   GET  /posts          needs scope posts:read
//   DELETE /posts/:id    sensitive: needs a fresh token with posts:delete
//
// 401 {code, error, message} for a missing, expired or invalid token,
// 403 for insufficient scope or a non-fresh token on a sensitive route.
import { AuthX, AuthXError } from "authx-wasm";

// Made on the first request: Workers forbid randomness and a useful clock at
// global scope, and `env` only arrives with a request.
let auth;
// The clock of the request being handled (see `clockFor`).
let nowMs = 0;

function authFor(env) {
  auth ??= new AuthX({
    secretKey: env.JWT_SECRET_KEY,
    issuer: env.JWT_ISSUER,
    now: () => nowMs,
  });
  return auth;
}

// The real clock; tests may pin it with an `x-test-now` header (ms) when the
// Worker runs with TEST_CLOCK = "header", so expiry is tested without sleeping.
function clockFor(request, env) {
  const pinned = env.TEST_CLOCK === "header" && request.headers.get("x-test-now");
  return pinned ? Number(pinned) : Date.now();
}

const json = (status, body) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const FORBIDDEN = new Set(["ERR_INSUFFICIENT_SCOPE", "ERR_FRESH_TOKEN_REQUIRED"]);

function fail(err) {
  if (!(err instanceof AuthXError)) throw err;
  const status = FORBIDDEN.has(err.code) ? 403 : 401;
  return json(status, { code: err.code, error: err.name, message: err.message });
}

function bearer(request) {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function login(body, env, a) {
  if (typeof body.uid !== "string" || !env.DEMO_PASSWORD || body.password !== env.DEMO_PASSWORD) {
    return json(401, { code: "ERR_LOGIN_FAILED", error: "LoginError", message: "wrong uid or password" });
  }
  return json(200, a.createTokenPair({ uid: body.uid, fresh: true, scopes: ["posts:read", "posts:delete"] }));
}

function route(request, pathname, a) {
  const token = bearer(request);
  if (!token) {
    return json(401, { code: "ERR_TOKEN_MISSING", error: "MissingTokenError", message: "no Bearer token" });
  }
  if (request.method === "POST" && pathname === "/refresh") {
    return json(200, { accessToken: a.refreshAccessToken(token) });
  }
  if (request.method === "GET" && pathname === "/me") {
    return json(200, { claims: a.verifyToken(token).toJSON() });
  }
  if (request.method === "GET" && pathname === "/posts") {
    const p = a.verifyToken(token, { scopes: ["posts:read"] });
    return json(200, { posts: [], for: p.sub });
  }
  const del = /^\/posts\/([\w-]+)$/.exec(pathname);
  if (request.method === "DELETE" && del) {
    const p = a.verifyToken(token, { fresh: true, scopes: ["posts:delete"] });
    return json(200, { deleted: del[1], by: p.sub });
  }
  return json(404, { code: "ERR_NOT_FOUND" });
}

export default {
  async fetch(request, env) {
    const a = authFor(env);
    const { pathname } = new URL(request.url);
    try {
      if (request.method === "POST" && pathname === "/login") {
        const body = await request.json().catch(() => ({}));
        // Set after the await, right before the synchronous use.
        nowMs = clockFor(request, env);
        return login(body, env, a);
      }
      nowMs = clockFor(request, env);
      return route(request, pathname, a);
    } catch (err) {
      return fail(err);
    }
  },
};
