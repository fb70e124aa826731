// Asymmetric keys through the package API: every algorithm, PEM made by
// openssl in every form people have, JWKs, kid thumbprints, JWKS, rotation,
// and one test per security rule. Tokens to attack are signed here with
// node:crypto, independently of the package.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AuthX,
  generateKeyPair,
  generateSecret,
  exportJwk,
  exportPem,
  AlgorithmNotAllowedError,
  BadConfigurationError,
  InvalidSignatureError,
  TokenExpiredError,
} from "../../pkg/index.mjs";

const NOW_MS = 1_796_314_000_000;
const now = () => NOW_MS;
const ASYMMETRIC = ["ES256", "ES256K", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA", "Ed25519"];
const CRV = { ES256: "P-256", ES256K: "secp256k1", ES384: "P-384", ES512: "P-521" };
const SIG_LEN = { ES256: 64, ES256K: 64, ES384: 96, ES512: 132, EdDSA: 64, Ed25519: 64 };

const b64u = (data) => Buffer.from(data).toString("base64url");
const segJSON = (seg) => JSON.parse(Buffer.from(seg, "base64url").toString("utf8"));

/** Asserts fn throws an instance of Cls (with its code); returns the error. */
function throws(fn, Cls, label) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `${label ?? "call"}: expected ${Cls.name}, nothing thrown`);
  assert.ok(caught instanceof Cls, `${label ?? "call"}: expected ${Cls.name}, got ${caught?.name}: ${caught?.message}`);
  assert.equal(caught.code, Cls.code);
  return caught;
}

/** RFC 7638 thumbprint, computed here independently. */
function thumbprint(jwk) {
  const members = { EC: ["crv", "kty", "x", "y"], OKP: ["crv", "kty", "x"], RSA: ["e", "kty", "n"] }[jwk.kty];
  const json = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return createHash("sha256").update(json).digest("base64url");
}

/** Runs each openssl command in a fresh temp dir; returns a reader of the files it wrote. */
function openssl(script) {
  const dir = mkdtempSync(path.join(tmpdir(), "authx-keys-"));
  try {
    for (const args of script) execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
    return (f) => files[f];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs header.payload with a node:crypto private key for alg. */
function signToken(header, payload, key, alg) {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  const hash = { ES256: "sha256", ES256K: "sha256", ES384: "sha384", ES512: "sha512", RS256: "sha256", PS256: "sha256" }[alg];
  const opts = { key };
  if (alg.startsWith("ES")) opts.dsaEncoding = "ieee-p1363";
  if (alg.startsWith("PS")) Object.assign(opts, { padding: 6, saltLength: 32 });
  const sig = nodeSign(alg === "EdDSA" || alg === "Ed25519" ? null : hash, Buffer.from(input), opts);
  return `${input}.${b64u(sig)}`;
}

const claims = (extra = {}) => ({ sub: "mallory", type: "access", fresh: true, iat: NOW_MS / 1000, ...extra });

// One key pair per algorithm, made once (RSA generation takes a moment).
const pairs = Object.fromEntries(ASYMMETRIC.map((alg) => [alg, generateKeyPair(alg)]));

describe("generateKeyPair and round trips, every algorithm", () => {
  for (const alg of ASYMMETRIC) {
    test(alg, () => {
      const { privateKey, publicKey } = pairs[alg];
      assert.equal(publicKey.alg, alg);
      assert.equal(publicKey.use, "sig");
      assert.equal(publicKey.kid, thumbprint(publicKey), "kid is the RFC 7638 thumbprint");
      assert.equal(privateKey.kid, publicKey.kid);
      assert.ok(privateKey.d && !publicKey.d && !publicKey.p);
      if (CRV[alg]) assert.deepEqual([publicKey.kty, publicKey.crv], ["EC", CRV[alg]]);
      if (alg.startsWith("Ed")) assert.deepEqual([publicKey.kty, publicKey.crv], ["OKP", "Ed25519"]);
      if (/^[RP]S/.test(alg)) assert.equal(Buffer.from(publicKey.n, "base64url").length, 256);

      const signer = new AuthX({ algorithm: alg, privateKey, now });
      const token = signer.createAccessToken({ uid: "alice", fresh: true, scopes: ["a:*"] });
      const [h, , s] = token.split(".");
      assert.deepEqual(segJSON(h), { alg, typ: "JWT", kid: publicKey.kid });
      assert.equal(Buffer.from(s, "base64url").length, SIG_LEN[alg] ?? 256);

      for (const key of [publicKey, exportPem(publicKey)]) {
        const verifier = new AuthX({ algorithm: alg, publicKey: key, now });
        const p = verifier.verifyToken(token, { fresh: true, scopes: ["a:b"] });
        assert.equal(p.sub, "alice");
        const e = throws(() => verifier.createAccessToken({ uid: "u" }), BadConfigurationError, "verifier mints");
        assert.match(e.message, /cannot create tokens/);
        throws(() => verifier.createTokenPair({ uid: "u" }), BadConfigurationError);
      }
      // The signer verifies its own tokens and refreshes.
      const refresh = signer.createRefreshToken({ uid: "alice" });
      assert.equal(signer.decodeToken(signer.refreshAccessToken(refresh)).fresh, false);
    });
  }

  test("toPem gives PKCS#8 and SPKI that node:crypto reads", () => {
    for (const alg of ["ES256", "ES384", "ES512", "ES256K", "EdDSA", "RS256"]) {
      const { privateKey, publicKey } = generateKeyPair(alg, { toPem: true });
      assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
      const pub = createPublicKey(publicKey);
      assert.deepEqual(createPublicKey(createPrivateKey(privateKey)).export({ format: "jwk" }), pub.export({ format: "jwk" }), alg);
    }
  });

  test("keyId and modulusLength options; bad arguments", () => {
    const { publicKey } = generateKeyPair("EdDSA", { keyId: "ed-2026" });
    assert.equal(publicKey.kid, "ed-2026");
    throws(() => generateKeyPair("HS256"), BadConfigurationError);
    throws(() => generateKeyPair("ES256", { modulusLength: 2048 }), BadConfigurationError);
    throws(() => generateKeyPair("RS256", { modulusLength: 1024 }), BadConfigurationError);
    throws(() => generateKeyPair("es256"), BadConfigurationError);
    throws(() => generateKeyPair(256), BadConfigurationError);
    throws(() => generateKeyPair("ES256", { pem: true }), BadConfigurationError);
  });

  test("generateSecret: RFC 7518 lengths, random, usable on both sides", () => {
    for (const [alg, bytes] of [["HS256", 32], ["HS384", 48], ["HS512", 64]]) {
      const s = generateSecret(alg);
      assert.equal(Buffer.from(s, "base64url").length, bytes);
      assert.notEqual(s, generateSecret(alg));
      const auth = new AuthX({ secretKey: s, algorithm: alg });
      assert.equal(auth.decodeToken(auth.createAccessToken({ uid: "u" })).sub, "u");
    }
    throws(() => generateSecret("ES256"), BadConfigurationError);
  });
});

describe("PEM in every form openssl writes", () => {
  const read = openssl([
    ["ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-sec1.pem"],
    ["pkey", "-in", "ec-sec1.pem", "-out", "ec-pkcs8.pem"],
    ["pkey", "-in", "ec-sec1.pem", "-pubout", "-out", "ec-spki.pem"],
    ["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "p384-sec1.pem"],
    ["ecparam", "-name", "secp521r1", "-genkey", "-noout", "-out", "p521-sec1.pem"],
    ["ecparam", "-name", "secp256k1", "-genkey", "-noout", "-out", "k256-sec1.pem"],
    ["genrsa", "-traditional", "-out", "rsa-pkcs1.pem", "2048"],
    ["rsa", "-in", "rsa-pkcs1.pem", "-RSAPublicKey_out", "-out", "rsa-pkcs1-pub.pem"],
    ["rsa", "-in", "rsa-pkcs1.pem", "-pubout", "-out", "rsa-spki.pem"],
    ["pkcs8", "-topk8", "-nocrypt", "-in", "rsa-pkcs1.pem", "-out", "rsa-pkcs8.pem"],
    ["genpkey", "-algorithm", "ed25519", "-out", "ed-pkcs8.pem"],
    ["pkey", "-in", "ed-pkcs8.pem", "-pubout", "-out", "ed-spki.pem"],
    ["genrsa", "-out", "rsa1024.pem", "1024"],
    ["rsa", "-in", "rsa1024.pem", "-pubout", "-out", "rsa1024-pub.pem"],
  ]);

  const cases = [
    ["ES256", "ec-sec1.pem", "ec-spki.pem"],
    ["ES256", "ec-pkcs8.pem", "ec-spki.pem"],
    ["ES384", "p384-sec1.pem", null],
    ["ES512", "p521-sec1.pem", null],
    ["ES256K", "k256-sec1.pem", null],
    ["RS256", "rsa-pkcs1.pem", "rsa-pkcs1-pub.pem"],
    ["PS512", "rsa-pkcs8.pem", "rsa-spki.pem"],
    ["EdDSA", "ed-pkcs8.pem", "ed-spki.pem"],
  ];
  for (const [alg, privFile, pubFile] of cases) {
    test(`${alg}: ${privFile}${pubFile ? ` + ${pubFile}` : ""}`, () => {
      const privateKey = read(privFile);
      const publicKey = pubFile ? read(pubFile) : exportPem(privateKey, { algorithm: alg, public: true });
      const signer = new AuthX({ algorithm: alg, privateKey, publicKey, now });
      const token = signer.createAccessToken({ uid: "u" });
      const verifier = new AuthX({ algorithm: alg, publicKey, now });
      assert.equal(verifier.decodeToken(token).sub, "u");
      // node:crypto verifies our signature with openssl's key.
      const [h, p, s] = token.split(".");
      const nodeKey = createPublicKey(publicKey);
      const jwk = nodeKey.export({ format: "jwk" });
      assert.equal(segJSON(h).kid, thumbprint(jwk));
      assert.deepEqual(exportJwk(publicKey, { algorithm: alg, public: true }), { ...jwk, kid: thumbprint(jwk), alg, use: "sig" }, "exportJwk = node's JWK");
      assert.ok(s.length > 0 && p.length > 0);
    });
  }

  test("exportPem of a PKCS#8 / SPKI key is the same text", () => {
    assert.equal(exportPem(read("ec-pkcs8.pem")), read("ec-pkcs8.pem"));
    assert.equal(exportPem(read("ec-sec1.pem")), read("ec-pkcs8.pem"), "SEC1 becomes PKCS#8");
    assert.equal(exportPem(read("ec-spki.pem")), read("ec-spki.pem"));
    assert.equal(exportPem(read("rsa-pkcs1-pub.pem"), { algorithm: "RS256" }), read("rsa-spki.pem"));
    assert.equal(exportPem(read("ed-pkcs8.pem")), read("ed-pkcs8.pem"));
  });

  test("RSA keys under 2048 bits are refused (never a panic later)", () => {
    for (const [name, opt] of [["rsa1024.pem", "privateKey"], ["rsa1024-pub.pem", "publicKey"]]) {
      const e = throws(() => new AuthX({ algorithm: "RS256", [opt]: read(name) }), BadConfigurationError, name);
      assert.match(e.message, /1024 bits; at least 2048/);
    }
    throws(() => exportJwk(read("rsa1024.pem"), { algorithm: "RS256" }), BadConfigurationError);
    // The instance is still alive after the refusal (a panic would have aborted it).
    assert.equal(new AuthX({ algorithm: "RS256", privateKey: read("rsa-pkcs1.pem") }).publicJwks().keys.length, 1);
  });

  test("wrong key type for the algorithm, wrong roles, mismatched halves", () => {
    const ec = read("ec-pkcs8.pem");
    let e = throws(() => new AuthX({ algorithm: "ES384", privateKey: ec }), BadConfigurationError);
    assert.match(e.message, /EC P-256 key; it cannot be used for ES384 \(it signs ES256\)/);
    throws(() => new AuthX({ algorithm: "RS256", privateKey: ec }), BadConfigurationError);
    throws(() => new AuthX({ algorithm: "EdDSA", publicKey: read("ec-spki.pem") }), BadConfigurationError);
    e = throws(() => new AuthX({ algorithm: "ES256", privateKey: read("ec-spki.pem") }), BadConfigurationError);
    assert.match(e.message, /is a public key/);
    e = throws(() => new AuthX({ algorithm: "ES256", publicKey: ec }), BadConfigurationError);
    assert.match(e.message, /holds a private key/);
    e = throws(() => new AuthX({ algorithm: "ES256", privateKey: ec, publicKey: pairs.ES256.publicKey }), BadConfigurationError);
    assert.match(e.message, /not the public half/);
    throws(() => new AuthX({ algorithm: "ES256", secretKey: "s" }), BadConfigurationError);
    throws(() => new AuthX({ algorithm: "ES256" }), BadConfigurationError);
    throws(() => new AuthX({ privateKey: ec }), BadConfigurationError, "HS256 by default: a key needs its algorithm");
    for (const bad of [42, [ec], null, true, new Uint8Array([1]), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "not pem", { kty: "EC" }, { kty: "EC", crv: "P-256", x: "AA", y: "AA" }]) {
      throws(() => new AuthX({ algorithm: "ES256", publicKey: bad }), BadConfigurationError, `publicKey ${String(bad).slice(0, 20)}`);
    }
    e = throws(() => new AuthX({ algorithm: "ES256", privateKey: ec.replaceAll("\n", "\\n") }), BadConfigurationError);
    assert.match(e.message, /instead of line breaks/);
  });

  test("hostile key values are configuration errors and the instance keeps working", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = { kty: "EC", get crv() { throw new Error("boom"); } };
    const lone = `${read("ec-spki.pem")}\uD800`;
    for (const [name, value] of [["publicKey", throwing], ["publicKey", proxy], ["publicKey", lone], ["verificationKeys", [throwing]], ["verificationKeys", proxy], ["secretKey", "\uDC00secret"]]) {
      const opts = name === "secretKey" ? { secretKey: value } : { algorithm: "ES256", [name]: value };
      throws(() => new AuthX(opts), BadConfigurationError, `${name} hostile`);
    }
    throws(() => exportJwk(throwing), BadConfigurationError);
    throws(() => generateKeyPair({ toString() { throw new Error("x"); } }), BadConfigurationError);
    assert.equal(new AuthX({ algorithm: "ES256", publicKey: read("ec-spki.pem") }).publicJwks().keys.length, 1);
  });
});

describe("security rules", () => {
  test("algorithm confusion: an HS* secret is never a key's text", () => {
    const { publicKey } = pairs.RS256;
    const pem = exportPem(publicKey);
    for (const secretKey of [pem, `\n${pem}`, JSON.stringify(publicKey), new TextEncoder().encode(pem), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host"]) {
      const e = throws(() => new AuthX({ secretKey }), BadConfigurationError);
      assert.match(e.message, /algorithm confusion/);
    }
    // A public JWK object is not an HMAC key either.
    throws(() => new AuthX({ secretKey: publicKey }), BadConfigurationError);
  });

  test("algorithm confusion: an RS256 verifier refuses HS256 MAC'd with its public key", async () => {
    const { createHmac } = await import("node:crypto");
    const pem = exportPem(pairs.RS256.publicKey);
    const verifier = new AuthX({ algorithm: "RS256", publicKey: pem, now });
    const input = `${b64u(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64u(JSON.stringify(claims()))}`;
    const forged = `${input}.${createHmac("sha256", pem).update(input).digest("base64url")}`;
    const e = throws(() => verifier.decodeToken(forged), AlgorithmNotAllowedError);
    assert.equal(e.message, "alg HS256 is not allowed; this key verifies RS256");
  });

  test("the key's type fixes the algorithm: alg must be allowed for the key", () => {
    const es = new AuthX({ algorithm: "ES256", publicKey: pairs.ES256.publicKey, now });
    for (const alg of ["ES384", "ES256K", "RS256", "HS256", "none", "es256", "EdDSA"]) {
      const token = `${b64u(JSON.stringify({ alg }))}.${b64u(JSON.stringify(claims()))}.${b64u(Buffer.alloc(64, 1))}`;
      throws(() => es.decodeToken(token), AlgorithmNotAllowedError, alg);
    }
    // One RSA key, one RSA algorithm: a PS256 key does not verify RS256.
    const ps = new AuthX({ algorithm: "PS256", privateKey: { ...pairs.RS256.privateKey, alg: undefined }, now });
    const rsKey = createPrivateKey({ key: pairs.RS256.privateKey, format: "jwk" });
    throws(() => ps.decodeToken(signToken({ alg: "RS256" }, claims(), rsKey, "RS256")), AlgorithmNotAllowedError);
    assert.equal(ps.decodeToken(signToken({ alg: "PS256" }, claims(), rsKey, "PS256")).sub, "mallory");
    // A JWK's own alg binds it.
    const jwk = { ...pairs.RS256.publicKey, alg: "RS256" };
    throws(() => new AuthX({ algorithm: "PS256", publicKey: jwk }), BadConfigurationError);
  });

  test("EdDSA keys answer to both header names", () => {
    const key = createPrivateKey({ key: pairs.EdDSA.privateKey, format: "jwk" });
    const verifier = new AuthX({ algorithm: "EdDSA", publicKey: pairs.EdDSA.publicKey, now });
    for (const alg of ["EdDSA", "Ed25519"]) {
      assert.equal(verifier.decodeToken(signToken({ alg }, claims(), key, "EdDSA")).header.alg, alg);
    }
    const named = new AuthX({ algorithm: "Ed25519", privateKey: pairs.EdDSA.privateKey });
    assert.equal(segJSON(named.createAccessToken({ uid: "u" }).split(".")[0]).alg, "Ed25519");
  });

  test("ECDSA: only raw R||S of the right length; DER and r = s = 0 refused", () => {
    for (const alg of ["ES256", "ES384", "ES512", "ES256K"]) {
      const key = createPrivateKey({ key: pairs[alg].privateKey, format: "jwk" });
      const verifier = new AuthX({ algorithm: alg, publicKey: pairs[alg].publicKey, now });
      const good = signToken({ alg }, claims(), key, alg);
      assert.equal(verifier.decodeToken(good).sub, "mallory", alg);
      const input = good.slice(0, good.lastIndexOf("."));
      const hash = { ES256: "sha256", ES256K: "sha256", ES384: "sha384", ES512: "sha512" }[alg];
      const der = nodeSign(hash, Buffer.from(input), { key, dsaEncoding: "der" });
      let e = throws(() => verifier.decodeToken(`${input}.${b64u(der)}`), InvalidSignatureError, `${alg} DER`);
      assert.match(e.message, new RegExp(`${alg} signatures are ${SIG_LEN[alg]} bytes`));
      e = throws(() => verifier.decodeToken(`${input}.${b64u(Buffer.alloc(SIG_LEN[alg]))}`), InvalidSignatureError, `${alg} zero`);
      assert.match(e.message, /r = 0 or s = 0/);
      throws(() => verifier.decodeToken(`${input}.${b64u(Buffer.alloc(SIG_LEN[alg], 0xff))}`), InvalidSignatureError);
      throws(() => verifier.decodeToken(`${input}.${b64u(Buffer.alloc(SIG_LEN[alg] - 1, 1))}`), InvalidSignatureError);
    }
  });

  test("header jwk / jku / x5u / x5c are never used to find a key", () => {
    const attacker = generateKeyPair("ES256");
    const key = createPrivateKey({ key: attacker.privateKey, format: "jwk" });
    const verifier = new AuthX({ algorithm: "ES256", publicKey: pairs.ES256.publicKey, now });
    for (const extra of [
      { jwk: attacker.publicKey },
      { jku: "https://attacker.example/jwks.json" },
      { x5u: "https://attacker.example/c.pem" },
      { x5c: ["MIIB"] },
      { jwk: attacker.publicKey, kid: attacker.publicKey.kid },
    ]) {
      throws(() => verifier.decodeToken(signToken({ alg: "ES256", ...extra }, claims(), key, "ES256")), InvalidSignatureError, Object.keys(extra).join());
    }
  });
});

describe("kid, JWKS and rotation", () => {
  const old = pairs.ES256;
  const fresh = generateKeyPair("ES256");

  test("keyId names the key; headers.kid may not contradict it", () => {
    const auth = new AuthX({ algorithm: "ES256", privateKey: old.privateKey, keyId: "2026-01", now });
    const t = auth.createAccessToken({ uid: "u" });
    assert.equal(segJSON(t.split(".")[0]).kid, "2026-01");
    assert.equal(auth.publicJwks().keys[0].kid, "2026-01");
    assert.equal(auth.createAccessToken({ uid: "u", headers: { kid: "2026-01" } }).split(".")[0], t.split(".")[0]);
    throws(() => auth.createAccessToken({ uid: "u", headers: { kid: "other" } }), BadConfigurationError);
    throws(() => new AuthX({ algorithm: "ES256", privateKey: { ...old.privateKey, kid: "a" }, keyId: "b" }), BadConfigurationError);
    throws(() => new AuthX({ algorithm: "ES256", privateKey: old.privateKey, keyId: "" }), BadConfigurationError);
    // HMAC: no kid unless asked, as before.
    assert.deepEqual(segJSON(new AuthX({ secretKey: "s" }).createAccessToken({ uid: "u" }).split(".")[0]), { alg: "HS256", typ: "JWT" });
    assert.equal(segJSON(new AuthX({ secretKey: "s", keyId: "h1" }).createAccessToken({ uid: "u" }).split(".")[0]).kid, "h1");
  });

  test("publicJwks: public members only, signer first, no secrets", () => {
    const auth = new AuthX({ algorithm: "ES256", privateKey: fresh.privateKey, verificationKeys: [old.publicKey, pairs.EdDSA.privateKey, pairs.RS256.publicKey] });
    const { keys } = auth.publicJwks();
    assert.deepEqual(keys.map((k) => k.kid), [fresh.publicKey.kid, old.publicKey.kid, pairs.EdDSA.publicKey.kid, pairs.RS256.publicKey.kid]);
    assert.deepEqual(keys[0], fresh.publicKey);
    assert.ok(keys.every((k) => !("d" in k) && !("p" in k)));
    assert.deepEqual(keys.map((k) => k.alg), ["ES256", "ES256", "EdDSA", "RS256"]);
    assert.deepEqual(new AuthX({ secretKey: "s" }).publicJwks(), { keys: [] });
    assert.deepEqual(JSON.parse(JSON.stringify(auth.publicJwks())), auth.publicJwks(), "plain JSON");
  });

  test("old tokens verify while the old key is in the set, and stop when it leaves", () => {
    const before = new AuthX({ algorithm: "ES256", privateKey: old.privateKey, now });
    const oldToken = before.createAccessToken({ uid: "u" });
    const oldShort = before.createAccessToken({ uid: "u", expiresIn: 60 });
    for (const verificationKeys of [[old.publicKey], { keys: [old.publicKey] }, [exportPem(old.publicKey)]]) {
      const during = new AuthX({ algorithm: "ES256", privateKey: fresh.privateKey, verificationKeys, now });
      assert.equal(during.decodeToken(oldToken).sub, "u");
      assert.equal(during.decodeToken(during.createAccessToken({ uid: "v" })).sub, "v");
    }
    const during = new AuthX({ algorithm: "ES256", privateKey: fresh.privateKey, verificationKeys: [old.publicKey], now: () => NOW_MS + 3_600_000 });
    // Expired stays expired, whichever key signed it.
    const e = throws(() => during.decodeToken(oldShort), TokenExpiredError);
    assert.match(e.message, /token expired/);
    const after = new AuthX({ algorithm: "ES256", privateKey: fresh.privateKey, now });
    const gone = throws(() => after.decodeToken(oldToken), InvalidSignatureError);
    assert.match(gone.message, new RegExp(`no verification key has kid "${old.publicKey.kid}"`));
  });

  test("without kid the keys of the right type are tried in order; kid selects exactly", () => {
    const oldKey = createPrivateKey({ key: old.privateKey, format: "jwk" });
    const auth = new AuthX({ algorithm: "ES256", publicKey: fresh.publicKey, verificationKeys: [pairs.EdDSA.publicKey, old.publicKey], now });
    assert.equal(auth.decodeToken(signToken({ alg: "ES256" }, claims(), oldKey, "ES256")).sub, "mallory");
    // Signed by the old key but claiming the new key's kid: that key only.
    throws(() => auth.decodeToken(signToken({ alg: "ES256", kid: fresh.publicKey.kid }, claims(), oldKey, "ES256")), InvalidSignatureError);
    // The kid of the EdDSA key with an ES256 token.
    throws(() => auth.decodeToken(signToken({ alg: "ES256", kid: pairs.EdDSA.publicKey.kid }, claims(), oldKey, "ES256")), AlgorithmNotAllowedError);
    // A verifier from a JWKS alone.
    const edge = new AuthX({ algorithm: "ES256", verificationKeys: { keys: [old.publicKey, fresh.publicKey] }, now });
    assert.equal(edge.decodeToken(signToken({ alg: "ES256", kid: old.publicKey.kid }, claims(), oldKey, "ES256")).sub, "mallory");
    throws(() => edge.createAccessToken({ uid: "u" }), BadConfigurationError);
  });

  test("HMAC rotation with oct JWKs (AuthX's JWT_PREVIOUS_SECRET_KEY)", () => {
    const previous = new AuthX({ secretKey: "previous-secret", now });
    const token = previous.createAccessToken({ uid: "u" });
    const k = exportJwk("previous-secret", { algorithm: "HS256" });
    assert.deepEqual(k, { kty: "oct", k: b64u("previous-secret"), alg: "HS256" });
    const current = new AuthX({ secretKey: "current-secret", verificationKeys: [k], now });
    assert.equal(current.decodeToken(token).sub, "u");
    assert.equal(new AuthX({ secretKey: k, now }).decodeToken(token).sub, "u", "an oct JWK as secretKey");
    throws(() => new AuthX({ secretKey: "current-secret", now }).decodeToken(token), InvalidSignatureError);
  });

  test("bad verificationKeys are refused with their index", () => {
    for (const verificationKeys of [42, "pem", [42], [{}], { keys: 1 }, [{ kty: "RSA", n: "AQAB", e: "AQAB" }]]) {
      const e = throws(() => new AuthX({ algorithm: "ES256", publicKey: fresh.publicKey, verificationKeys }), BadConfigurationError, JSON.stringify(verificationKeys));
      assert.match(e.message, /verificationKeys/);
    }
    // A JWKS may carry encryption keys: they are skipped.
    const auth = new AuthX({ algorithm: "ES256", verificationKeys: { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", use: "enc" }, old.publicKey] } });
    assert.equal(auth.publicJwks().keys.length, 1);
  });
});
