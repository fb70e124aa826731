// Asymmetric interop, both directions:
//   - the real Python AuthX 1.7.1 (PyJWT[crypto]) for ES256, ES256K, ES384,
//     ES512, RS256 and PS256, with PEM keys made by openssl in this test;
//   - npm jose 6.2.19 for ES256, EdDSA, RS256 and PS256, with JWKs.
// AuthX runs through tests/interop/authx_asymmetric.py, one process per batch.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as jose from "jose";
import {
  AuthX,
  generateKeyPair,
  exportJwk,
  exportPem,
  InvalidSignatureError,
  TokenExpiredError,
  AlgorithmNotAllowedError,
} from "../../pkg/index.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const python = path.resolve(here, "../..", process.env.AUTHX_PYTHON ?? ".venv/bin/python");
const tool = path.join(here, "authx_asymmetric.py");

/** Runs ops in one Python process with the real AuthX; resolves to the results. */
async function runAuthx(ops) {
  assert.ok(existsSync(python), `Python with AuthX not found at ${python}: run \`make setup-python\``);
  const child = spawn(python, [tool], { stdio: ["pipe", "pipe", "pipe"] });
  const out = [];
  const err = [];
  child.stdout.on("data", (d) => out.push(d));
  child.stderr.on("data", (d) => err.push(d));
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  child.stdin.end(JSON.stringify({ ops }));
  const code = await done;
  assert.equal(code, 0, `authx_asymmetric.py exited with ${code}\n${Buffer.concat(err)}`);
  const answer = JSON.parse(Buffer.concat(out).toString("utf8"));
  assert.equal(answer.authx, "1.7.1", "the interop tests pin authx==1.7.1");
  assert.equal(answer.results.length, ops.length);
  return answer.results;
}
function ok(r, what) {
  if (!r.ok) assert.fail(`${what} failed in AuthX: ${r.error}: ${r.message}`);
  return r;
}

function throws(fn, Cls, label) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Cls, `${label}: expected ${Cls.name}, got ${caught?.name}: ${caught?.message}`);
  return caught;
}

function tamper(token) {
  const [h, p, s] = token.split(".");
  const i = Math.floor(s.length / 2);
  return `${h}.${p}.${s.slice(0, i)}${s[i] === "A" ? "B" : "A"}${s.slice(i + 1)}`;
}

const segJSON = (seg) => JSON.parse(Buffer.from(seg, "base64url").toString("utf8"));

/** openssl commands per algorithm: a private key in a form AuthX users have, and its SPKI public key. */
const OPENSSL = {
  ES256: [["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "k.pem"]], // SEC1 "EC PRIVATE KEY"
  ES256K: [["ecparam", "-name", "secp256k1", "-genkey", "-noout", "-out", "k.pem"]],
  ES384: [["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "k.pem"]], // PKCS#8
  ES512: [["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", "k.pem"]],
  RS256: [["genrsa", "-traditional", "-out", "k.pem", "2048"]], // PKCS#1 "RSA PRIVATE KEY"
  PS256: [["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k.pem"]],
};
const AUTHX_ALGS = Object.keys(OPENSSL);

function opensslKeys(alg) {
  const dir = mkdtempSync(path.join(tmpdir(), `authx-${alg}-`));
  try {
    const run = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    for (const args of OPENSSL[alg]) run(args);
    run(["pkey", "-in", "k.pem", "-pubout", "-out", "p.pem"]);
    if (alg === "RS256") run(["rsa", "-in", "k.pem", "-RSAPublicKey_out", "-out", "p1.pem"]);
    return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the real AuthX 1.7.1, PEM keys from openssl", () => {
  const keys = {}; // alg -> { private, public, old: {private, public} }
  const fromAuthx = {}; // alg -> minted
  const ours = {}; // alg -> our tokens
  const decoded = {}; // alg -> AuthX's decode results of our tokens

  before(async () => {
    const ops = [];
    for (const alg of AUTHX_ALGS) {
      const k = opensslKeys(alg);
      const old = opensslKeys(alg);
      keys[alg] = { private: k["k.pem"], public: k["p.pem"], pkcs1Public: k["p1.pem"], old: { private: old["k.pem"], public: old["p.pem"] } };
      ops.push({ op: "mint", config: { alg, private_key: k["k.pem"] }, kwargs: { uid: "alice", fresh: true, scopes: ["posts:*"], data: { plan: "pro" } } });
      ops.push({ op: "mint", config: { alg, private_key: k["k.pem"] }, kwargs: { uid: "bob" }, expires: -60 });
    }
    const minted = await runAuthx(ops);
    AUTHX_ALGS.forEach((alg, i) => {
      fromAuthx[alg] = { fresh: ok(minted[2 * i], `mint ${alg}`), expired: ok(minted[2 * i + 1], `mint expired ${alg}`) };
    });

    const decodeOps = [];
    for (const alg of AUTHX_ALGS) {
      const auth = new AuthX({ algorithm: alg, privateKey: keys[alg].private });
      const old = new AuthX({ algorithm: alg, privateKey: keys[alg].old.private });
      ours[alg] = {
        fresh: auth.createAccessToken({ uid: "carol", fresh: true, scopes: ["a:*"], data: { n: 1 } }),
        byOld: old.createAccessToken({ uid: "dave" }),
        expired: auth.createAccessToken({ uid: "erin", expiresIn: -60 }),
      };
      const current = { alg, public_key: keys[alg].public };
      decodeOps.push({ op: "decode", config: current, token: ours[alg].fresh });
      decodeOps.push({ op: "decode", config: current, token: tamper(ours[alg].fresh) });
      decodeOps.push({ op: "decode", config: { ...current, previous_public_key: keys[alg].old.public }, token: ours[alg].byOld });
      decodeOps.push({ op: "decode", config: { ...current, previous_public_key: keys[alg].old.public }, token: ours[alg].expired });
    }
    const results = await runAuthx(decodeOps);
    AUTHX_ALGS.forEach((alg, i) => {
      const [fresh, tampered, byOld, expired] = results.slice(4 * i, 4 * i + 4);
      decoded[alg] = { fresh, tampered, byOld, expired };
    });
  });

  for (const alg of AUTHX_ALGS) {
    test(`${alg}: AuthX mints, we verify with the public PEM, its JWK and the JWKS`, () => {
      const m = fromAuthx[alg].fresh;
      assert.deepEqual(m.header, { alg, typ: "JWT" });
      const publics = [keys[alg].public, exportJwk(keys[alg].public, { algorithm: alg, public: true })];
      if (keys[alg].pkcs1Public) publics.push(keys[alg].pkcs1Public);
      for (const publicKey of publics) {
        const verifier = new AuthX({ algorithm: alg, publicKey });
        const p = verifier.verifyToken(m.token, { fresh: true, scopes: ["posts:delete"] });
        assert.equal(p.sub, "alice");
        assert.equal(p.jti, m.payload.jti);
        assert.deepEqual(p.extra, { plan: "pro" });
        assert.deepEqual(JSON.parse(JSON.stringify(p)), m.payload, "every claim, as AuthX wrote it");
        throws(() => verifier.decodeToken(tamper(m.token)), InvalidSignatureError, `${alg} tampered`);
        throws(() => verifier.decodeToken(fromAuthx[alg].expired.token), TokenExpiredError, `${alg} expired`);
      }
      // Its private key verifies too, and a key of another pair does not.
      assert.equal(new AuthX({ algorithm: alg, privateKey: keys[alg].private }).decodeToken(m.token).sub, "alice");
      throws(() => new AuthX({ algorithm: alg, publicKey: keys[alg].old.public }).decodeToken(m.token), InvalidSignatureError, `${alg} other key`);
    });

    test(`${alg}: we mint from openssl's private PEM, AuthX verifies with the public PEM`, () => {
      const r = ok(decoded[alg].fresh, `decode ${alg}`);
      assert.deepEqual([r.sub, r.type, r.fresh, r.scopes, r.extra], ["carol", "access", true, ["a:*"], { n: 1 }]);
      assert.equal(r.jti, segJSON(ours[alg].fresh.split(".")[1]).jti);
      assert.deepEqual(r.header, { alg, typ: "JWT", kid: exportJwk(keys[alg].public, { algorithm: alg }).kid });
      assert.equal(decoded[alg].tampered.ok, false, "AuthX refuses our tampered token");
      assert.equal(decoded[alg].tampered.error, "TokenInvalidSignatureError");
    });

    test(`${alg}: rotation — AuthX's JWT_PREVIOUS_PUBLIC_KEY and our verificationKeys agree, except on expiry`, () => {
      assert.equal(ok(decoded[alg].byOld, "previous key").sub, "dave");
      const rotated = new AuthX({ algorithm: alg, publicKey: keys[alg].public, verificationKeys: [keys[alg].old.public] });
      assert.equal(rotated.decodeToken(ours[alg].byOld).sub, "dave");
      // An expired token signed by the current key: AuthX's fallback to the previous key
      // reports a bad signature; here it stays "expired".
      assert.equal(decoded[alg].expired.ok, false);
      assert.equal(decoded[alg].expired.error, "TokenInvalidSignatureError");
      throws(() => rotated.decodeToken(ours[alg].expired), TokenExpiredError, `${alg} expired with a previous key`);
    });
  }
});

const JOSE_ALGS = ["ES256", "EdDSA", "RS256", "PS256"];

describe("npm jose 6.2.19, JWK keys", () => {
  for (const alg of JOSE_ALGS) {
    test(`${alg}: jose's keys sign, we verify; we sign, jose verifies`, async () => {
      const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
      const priv = await jose.exportJWK(privateKey);
      const pub = await jose.exportJWK(publicKey);
      const thumb = await jose.calculateJwkThumbprint(pub);

      // jose signs (with a kid), we verify with its public JWK.
      const joseToken = await new jose.SignJWT({ type: "access", fresh: true, scopes: ["x:*"] })
        .setProtectedHeader({ alg, typ: "JWT", kid: thumb })
        .setSubject("alice")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      const verifier = new AuthX({ algorithm: alg, publicKey: pub });
      const p = verifier.verifyToken(joseToken, { fresh: true, scopes: ["x:y"] });
      assert.equal(p.sub, "alice");
      assert.equal(p.header.kid, thumb);
      throws(() => verifier.decodeToken(tamper(joseToken)), InvalidSignatureError, `${alg} tampered jose token`);

      // We sign with jose's private JWK; our kid is jose's thumbprint.
      const signer = new AuthX({ algorithm: alg, privateKey: priv });
      const token = signer.createAccessToken({ uid: "bob", scopes: ["y"] });
      const { payload, protectedHeader } = await jose.jwtVerify(token, publicKey, { algorithms: [alg], typ: "JWT" });
      assert.equal(payload.sub, "bob");
      assert.deepEqual(protectedHeader, { alg, typ: "JWT", kid: thumb });
      await assert.rejects(jose.jwtVerify(tamper(token), publicKey), (e) => e.code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");

      // jose picks our key out of our JWKS by kid.
      const jwks = jose.createLocalJWKSet(signer.publicJwks());
      assert.equal((await jose.jwtVerify(token, jwks)).payload.sub, "bob");
    });

    test(`${alg}: our generateKeyPair keys work in jose, and jose's JWK thumbprint is our kid`, async () => {
      const { privateKey, publicKey } = generateKeyPair(alg);
      assert.equal(publicKey.kid, await jose.calculateJwkThumbprint(publicKey));
      const joseKey = await jose.importJWK(privateKey, alg);
      const joseToken = await new jose.SignJWT({ type: "access" }).setProtectedHeader({ alg, kid: publicKey.kid }).setSubject("c").setIssuedAt().sign(joseKey);
      assert.equal(new AuthX({ algorithm: alg, publicKey }).decodeToken(joseToken).sub, "c");
      const ours = new AuthX({ algorithm: alg, privateKey }).createAccessToken({ uid: "d" });
      assert.equal((await jose.jwtVerify(ours, await jose.importJWK(publicKey, alg))).payload.sub, "d");
      // And the PEM forms: jose reads our SPKI and PKCS#8.
      const spki = await jose.importSPKI(exportPem(publicKey), alg);
      assert.equal((await jose.jwtVerify(ours, spki)).payload.sub, "d");
      const pkcs8 = await jose.importPKCS8(exportPem(privateKey), alg);
      const t = await new jose.SignJWT({}).setProtectedHeader({ alg }).setSubject("e").sign(pkcs8);
      assert.equal(new AuthX({ algorithm: alg, publicKey }).decodeToken(t).sub, "e");
    });
  }

  test("jose's Ed25519 alg name is accepted by an EdDSA key, and the other way round", async () => {
    const { privateKey, publicKey } = generateKeyPair("EdDSA");
    const joseKey = await jose.importJWK(privateKey, "Ed25519");
    const t = await new jose.SignJWT({}).setProtectedHeader({ alg: "Ed25519" }).setSubject("f").sign(joseKey);
    assert.equal(new AuthX({ algorithm: "EdDSA", publicKey }).decodeToken(t).sub, "f");
    const ours = new AuthX({ algorithm: "Ed25519", privateKey: { ...privateKey, alg: undefined } }).createAccessToken({ uid: "g" });
    assert.equal((await jose.jwtVerify(ours, await jose.importJWK(publicKey, "Ed25519"))).payload.sub, "g");
  });

  test("a jose ES256 token never verifies under an RS256 key (and jose agrees the other way)", async () => {
    const es = await jose.generateKeyPair("ES256", { extractable: true });
    const t = await new jose.SignJWT({}).setProtectedHeader({ alg: "ES256" }).sign(es.privateKey);
    const { publicKey } = generateKeyPair("RS256");
    throws(() => new AuthX({ algorithm: "RS256", publicKey }).decodeToken(t), AlgorithmNotAllowedError, "ES256 token, RS256 key");
    const ours = new AuthX({ algorithm: "ES256", privateKey: await jose.exportJWK(es.privateKey) }).createAccessToken({ uid: "h" });
    await assert.rejects(jose.jwtVerify(ours, await jose.importJWK(publicKey, "RS256")));
  });
});
