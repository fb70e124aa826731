// Shared helpers of the interop tests: run the real AuthX (Python) through
// authx_tool.py, and small JWT utilities. Not a test file itself.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const pythonPath = path.resolve(repoRoot, process.env.AUTHX_PYTHON ?? ".venv/bin/python");
const toolPath = path.join(here, "authx_tool.py");

/**
 * Runs a batch of ops in one Python process with the real AuthX; resolves
 * to the results array (one per op, same order). See authx_tool.py.
 */
export async function authx(ops) {
  if (!existsSync(pythonPath)) {
    throw new Error(
      `Python with AuthX not found at ${pythonPath}: run \`make setup-python\` or set AUTHX_PYTHON`,
    );
  }
  const child = spawn(pythonPath, [toolPath], { stdio: ["pipe", "pipe", "pipe"] });
  const out = [];
  const err = [];
  child.stdout.on("data", (d) => out.push(d));
  child.stderr.on("data", (d) => err.push(d));
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  child.stdin.end(JSON.stringify({ ops }));
  const code = await done;
  const stdout = Buffer.concat(out).toString("utf8");
  const stderr = Buffer.concat(err).toString("utf8");
  if (code !== 0) {
    throw new Error(`authx_tool.py exited with ${code}\n${stderr}`);
  }
  const answer = JSON.parse(stdout);
  assert.equal(answer.authx, "1.7.1", "the interop tests pin authx==1.7.1");
  assert.equal(answer.results.length, ops.length);
  return answer.results;
}

/** Throws a readable error when a Python op failed unexpectedly. */
export function ok(result, what = "AuthX op") {
  if (!result.ok) {
    assert.fail(`${what} failed in AuthX: ${result.error}: ${result.message}`);
  }
  return result;
}

/** base64url segment -> UTF-8 text. */
export function b64text(segment) {
  return Buffer.from(segment, "base64url").toString("utf8");
}

/** The raw JSON texts of a token's header and payload. */
export function segments(token) {
  const [h, p, s] = token.split(".");
  return { headerText: b64text(h), payloadText: b64text(p), signature: s };
}

/** Keys of every object, recursively, in order: makes key order part of a comparison. */
export function keyOrder(value) {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value && typeof value === "object") {
    return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
  }
  return null;
}

/** deepStrictEqual plus identical key order at every depth. */
export function assertSameJson(actual, expected, message) {
  assert.deepStrictEqual(actual, expected, message);
  assert.deepStrictEqual(keyOrder(actual), keyOrder(expected), `${message ?? "JSON"}: key order`);
}

/** Runs fn, asserts it throws an error of class Cls with Cls.code; returns the error. */
export function throwsCode(fn, Cls, message) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `${message ?? "call"}: expected ${Cls.name}, nothing thrown`);
  assert.ok(
    caught instanceof Cls,
    `${message ?? "call"}: expected ${Cls.name}, got ${caught?.name}: ${caught?.message}`,
  );
  assert.equal(caught.name, Cls.name);
  assert.equal(caught.code, Cls.code);
  return caught;
}

/** A secret long enough for HS512 (64 bytes), distinct per label. */
export function secretFor(label) {
  return `interop-${label}-`.padEnd(64, "k") + "!";
}

export const ALGORITHMS = ["HS256", "HS384", "HS512"];
