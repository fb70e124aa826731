// The walkthrough behind `make demo`: the whole AuthX token model on real
// tokens, then a token minted by the real Python AuthX, decoded and verified here.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { AuthX, AuthXError, TokenPayload, generateKeyPair } from "../pkg/index.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SECRET = "demo-secret-shared-with-the-fastapi-backend";

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const section = (title) => console.log(`\n${bold(`== ${title} ==`)}`);
const show = (label, value) => console.log(`  ${label.padEnd(22)} ${value}`);

// A clock we can move: tests and Workers inject time the same way.
let clock = Date.now();
const auth = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend", csrf: true, now: () => clock });

function describe(payload) {
  show("sub", payload.sub);
  show("type / fresh", `${payload.type} / ${payload.fresh}`);
  show("jti", payload.jti);
  show("csrf", payload.csrf || '""');
  show("scopes", JSON.stringify(payload.scopes));
  show("extra (data)", JSON.stringify(payload.extra));
  show("issued at", `${payload.issuedAtDate.toISOString()}  (${payload.timeSinceIssued.toFixed(1)} s ago)`);
  show("expires", `${payload.expiryDate.toISOString()}  (in ${payload.timeUntilExpiry.toFixed(1)} s)`);
  show("isExpired", payload.isExpired);
}

section("Login: a fresh access token and a refresh token");
const pair = auth.createTokenPair({
  uid: "alice",
  fresh: true,
  scopes: ["posts:*", "profile:read"],
  data: { plan: "pro" },
});
show("tokenType", pair.tokenType);
show("accessToken", `${pair.accessToken.slice(0, 48)}… (${pair.accessToken.length} chars)`);
const access = auth.decodeToken(pair.accessToken);
describe(access);
show("header", JSON.stringify(access.header));
show("claims (toJSON)", JSON.stringify(access));

section("Scope checks (token holds posts:* and profile:read)");
for (const [args, label] of [
  [["posts:delete"], 'hasScopes("posts:delete")'],
  [["posts"], 'hasScopes("posts")'],
  [["postsx"], 'hasScopes("postsx")'],
  [["posts:read", "admin"], 'hasScopes("posts:read", "admin")'],
  [["posts:read", "admin", { allRequired: false }], 'hasScopes("posts:read", "admin", { allRequired: false })'],
  [[["profile:read", "profile:write"]], 'hasScopes(["profile:read", "profile:write"])'],
]) {
  show(label.padEnd(58), access.hasScopes(...args));
}

section("A sensitive route needs a fresh token");
const ok = auth.verifyToken(pair.accessToken, { fresh: true, scopes: ["posts:delete"], csrf: access.csrf });
show("verifyToken(fresh)", `ok for ${ok.sub}`);

section("20 minutes later: the access token has expired; refresh it");
clock += 20 * 60 * 1000;
try {
  auth.decodeToken(pair.accessToken);
} catch (e) {
  show(e.name, `${e.code}: ${e.message}`);
}
const renewedToken = auth.refreshAccessToken(pair.refreshToken);
const renewed = auth.decodeToken(renewedToken);
describe(renewed);
try {
  auth.verifyToken(renewedToken, { fresh: true });
} catch (e) {
  show(e.name, `${e.code}: ${e.message}`);
}
const refresh = auth.verifyToken(pair.refreshToken, { type: "refresh" });
show("refresh token", `type ${refresh.type}, expires ${refresh.expiryDate.toISOString()}`);

section("Each error kind once");
const other = new AuthX({ secretKey: "another-secret", now: () => clock });
const wrongAud = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend", audience: "web", now: () => clock });
const wrongIss = new AuthX({ secretKey: SECRET, issuer: "someone-else", now: () => clock });
const hs512 = new AuthX({ secretKey: SECRET, algorithm: "HS512", now: () => clock });
const mobile = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend", audience: "mobile", now: () => clock });
const future = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend", now: () => clock + 3600_000 });
const cases = [
  ["expired", () => auth.decodeToken(pair.accessToken)],
  ["issued in the future", () => auth.decodeToken(future.createAccessToken({ uid: "alice" }))],
  ["signed with another key", () => auth.decodeToken(other.createAccessToken({ uid: "alice" }))],
  ["HS512 token, HS256 key", () => auth.decodeToken(hs512.createAccessToken({ uid: "alice" }))],
  ["not a JWT", () => auth.decodeToken("hello.world")],
  ["audience mobile", () => wrongAud.decodeToken(mobile.createAccessToken({ uid: "alice" }))],
  ["another issuer", () => wrongIss.decodeToken(renewedToken)],
  ["refresh used as access", () => auth.verifyToken(pair.refreshToken)],
  ["access used as refresh", () => auth.refreshAccessToken(renewedToken)],
  ["not fresh", () => auth.verifyToken(renewedToken, { fresh: true })],
  ["missing scope", () => auth.verifyToken(renewedToken, { scopes: ["admin"] })],
  ["CSRF mismatch", () => auth.verifyToken(renewedToken, { csrf: "forged" })],
  ["bad option", () => new AuthX({ secret: SECRET })],
];
for (const [label, run] of cases) {
  try {
    run();
    show(label, "no error?!");
    process.exitCode = 1;
  } catch (e) {
    if (!(e instanceof AuthXError)) throw e;
    console.log(`  ${label.padEnd(24)} ${e.name.padEnd(26)} ${e.code.padEnd(38)} ${e.message}`);
  }
}

section("A token minted by the real Python AuthX (PyPI authx 1.7.1)");
const python = process.env.AUTHX_PYTHON ?? path.join(root, ".venv/bin/python");
if (!existsSync(python)) {
  console.error(`  ${python} is missing: run \`make demo\` (it installs AuthX into .venv)`);
  process.exit(1);
}
const minted = JSON.parse(
  execFileSync(python, [path.join(root, "examples/authx_mint.py")], {
    env: { ...process.env, AUTHX_SECRET: SECRET },
    encoding: "utf8",
  }),
);
const live = new AuthX({ secretKey: SECRET, issuer: "fastapi-backend" });
const fromPython = live.verifyToken(minted.access, { fresh: true, scopes: ["posts:edit"] });
describe(fromPython);
show("exp (exact float)", fromPython.exp);
show("iss", fromPython.iss);
const unverified = TokenPayload.decodeUnverified(minted.access);
show("decodeUnverified", `sub ${unverified.sub}, scopes ${JSON.stringify(unverified.scopes)}`);
const refreshedByUs = live.refreshAccessToken(minted.refresh);
show("refreshAccessToken", `AuthX refresh token -> our access token for ${live.decodeToken(refreshedByUs).sub}`);
section("Asymmetric: AuthX signs with an openssl ES256 key, the edge verifies with only the public key");
const keyDir = mkdtempSync(path.join(tmpdir(), "authx-demo-"));
let privatePem;
let publicPem;
try {
  execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem"], { cwd: keyDir });
  execFileSync("openssl", ["ec", "-in", "key.pem", "-pubout", "-out", "pub.pem"], { cwd: keyDir, stdio: "ignore" });
  privatePem = readFileSync(path.join(keyDir, "key.pem"), "utf8");
  publicPem = readFileSync(path.join(keyDir, "pub.pem"), "utf8");
} finally {
  rmSync(keyDir, { recursive: true, force: true });
}
show("openssl key", privatePem.split("\n")[0]);
const esMinted = JSON.parse(
  execFileSync(python, [path.join(root, "examples/authx_mint.py")], {
    env: { ...process.env, AUTHX_ALGORITHM: "ES256", AUTHX_PRIVATE_KEY: privatePem },
    encoding: "utf8",
  }),
);
const edge = new AuthX({ algorithm: "ES256", publicKey: publicPem, issuer: "fastapi-backend" });
const esPayload = edge.verifyToken(esMinted.access, { fresh: true, scopes: ["posts:edit"] });
show("AuthX's ES256 token", `${JSON.stringify(esPayload.header)}, sub ${esPayload.sub}, fresh ${esPayload.fresh}`);
try {
  edge.createAccessToken({ uid: "mallory" });
} catch (e) {
  show("edge mints?", `${e.name}: ${e.message}`);
}
const jwks = edge.publicJwks();
show("edge.publicJwks()", `${JSON.stringify(jwks).slice(0, 90)}…`);
const ed = generateKeyPair("EdDSA");
const edSigner = new AuthX({ algorithm: "EdDSA", privateKey: ed.privateKey });
const edToken = edSigner.createAccessToken({ uid: "alice" });
const edVerifier = new AuthX({ algorithm: "EdDSA", verificationKeys: [ed.publicKey] });
show("EdDSA round trip", `kid ${edVerifier.decodeToken(edToken).header.kid} (its RFC 7638 thumbprint)`);

console.log("\nDone: every token above was made and checked for real.");
