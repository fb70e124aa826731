// One start-up sample, in a fresh `node` process: from before the import to
// the first verified token (imported, key set up, one HS256 verify, claims read).
// argv: library, token, [package dir]. Prints one JSON line.
const t0 = performance.now();
const [lib, token, pkgDir] = process.argv.slice(2);
const { SECRET, readClaims } = await import("../lib/claims.mjs");
const tImport = performance.now();
let got, tLoaded;
if (lib === "authx-wasm") {
  const { AuthX } = await import(`${pkgDir}/index.mjs`);
  tLoaded = performance.now();
  got = readClaims(new AuthX({ secretKey: SECRET }).decodeToken(token));
} else if (lib === "jose") {
  const jose = await import("jose");
  tLoaded = performance.now();
  const key = await jose.importJWK({ kty: "oct", k: Buffer.from(SECRET).toString("base64url") }, "HS256");
  got = readClaims((await jose.jwtVerify(token, key, { algorithms: ["HS256"] })).payload);
} else if (lib === "fast-jwt") {
  const { createVerifier } = await import("fast-jwt");
  tLoaded = performance.now();
  got = readClaims(createVerifier({ key: SECRET, algorithms: ["HS256"], cache: false })(token));
} else if (lib === "jsonwebtoken") {
  const { default: jwt } = await import("jsonwebtoken");
  const { createSecretKey } = await import("node:crypto");
  tLoaded = performance.now();
  got = readClaims(jwt.verify(token, createSecretKey(Buffer.from(SECRET)), { algorithms: ["HS256"] }));
} else {
  throw new Error(`unknown library ${lib}`);
}
const t1 = performance.now();
// performance.now() counts from the process's time origin (its start).
console.log(JSON.stringify({ lib, got, importMs: tLoaded - tImport, firstTokenMs: t1 - tImport, sinceProcessStartMs: t1, preludeMs: tImport - t0 }));
