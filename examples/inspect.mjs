// Print any token's header, claims, expiry countdown and scopes.
//
//   node examples/inspect.mjs TOKEN [--secret S] [--alg HS256]
//
// Without --secret the token is decoded without verification; with it, the
// signature and claims are verified and any failure is shown by name and code.
import { AuthX, AuthXError, TokenPayload } from "../pkg/index.mjs";

const USAGE = "usage: node examples/inspect.mjs TOKEN [--secret S] [--alg HS256|HS384|HS512]";
const args = process.argv.slice(2);
function usage(problem) {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
}
const flag = (name) => {
  const eq = args.findIndex((a) => a.startsWith(`${name}=`));
  if (eq >= 0) return args.splice(eq, 1)[0].slice(name.length + 1);
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  if (value === undefined || value === "") usage(`${name} needs a value`);
  return value;
};
if (args.includes("--help") || args.includes("-h")) usage();
const secret = flag("--secret");
const algorithm = flag("--alg") ?? "HS256";
const token = args[0];
if (!token || args.length > 1 || token.startsWith("--")) usage();

function fmt(seconds) {
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const parts = [d && `${d}d`, (d || h) && `${h}h`, `${m}m`, `${Math.floor(s % 60)}s`].filter(Boolean);
  return parts.join(" ");
}

try {
  let payload;
  if (secret === undefined) {
    payload = TokenPayload.decodeUnverified(token);
    console.log("verification: skipped (pass --secret to verify)");
  } else {
    payload = new AuthX({ secretKey: secret, algorithm }).decodeToken(token);
    console.log(`verification: ok (${algorithm}, signature and time claims)`);
  }
  console.log("header:", JSON.stringify(payload.header, null, 2));
  console.log("claims:", JSON.stringify(payload, null, 2));
  const claims = payload.toJSON();
  const shown = (name, value) => (name in claims ? value : `${value} (no claim; the default)`);
  console.log(`type: ${shown("type", payload.type)}   fresh: ${shown("fresh", payload.fresh)}   sub: ${payload.sub ?? "(none)"}`);
  if (payload.exp === undefined) {
    console.log("expiry: none (the token never expires)");
  } else if (payload.isExpired) {
    console.log(`expiry: ${payload.expiryDate.toISOString()}, expired ${fmt(payload.timeUntilExpiry)} ago`);
  } else {
    console.log(`expiry: ${payload.expiryDate.toISOString()}, in ${fmt(payload.timeUntilExpiry)}`);
  }
  console.log(`scopes: ${payload.scopes ? payload.scopes.join(" ") : "(no scopes claim)"}`);
} catch (e) {
  if (!(e instanceof AuthXError)) throw e;
  console.error(`${e.name} (${e.code}): ${e.message}`);
  if (secret !== undefined) {
    try {
      const unverified = TokenPayload.decodeUnverified(token);
      console.error("claims (NOT verified):", JSON.stringify(unverified, null, 2));
    } catch {
      // not even readable: the error above says why
    }
  }
  process.exit(1);
}
