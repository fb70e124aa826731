// Tables (plain text for the terminal, Markdown for BENCHMARKS.md) and the
// issue's targets, from the summarised rows.
import { OPS, OURS } from "./cases.mjs";

const OP_TITLES = {
  ...OPS,
  "es256-sign": "ES256 sign",
  "es256-verify": "ES256 verify + read sub, exp, scopes",
  "eddsa-sign": "EdDSA (Ed25519) sign",
  "eddsa-verify": "EdDSA (Ed25519) verify + read sub, exp, scopes",
};

export const fmtUs = (us) => (us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us >= 1 ? us.toFixed(2) : us.toFixed(3));
export const fmtOps = (ops) => Math.round(ops).toLocaleString("en-US");
export const fmtX = (x) => (x === undefined ? "" : `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`);
export const fmtBytes = (b) => b.toLocaleString("en-US");

function label(r) {
  return r.variant ? `${r.lib} ${r.variant}` : r.lib;
}

/** The "ours ×" cell: for a peer, our speed over its; for our other rows, theirs over the default row's. */
function ratioCell(r) {
  if (r.lib === OURS && r.primary) return "—";
  if (r.oursTimes === undefined) return "";
  if (r.lib === OURS) return `(${fmtX(1 / r.oursTimes)} the default's speed)`;
  return fmtX(r.oursTimes);
}

function groups(rows) {
  const ops = [...new Set(rows.map((r) => r.op))];
  return ops.map((op) => ({ op, title: OP_TITLES[op] ?? op, rows: rows.filter((r) => r.op === op) }));
}

/** A plain-text table per operation. */
export function printRows(rows, heading = "") {
  const out = [];
  if (heading) out.push(heading);
  for (const g of groups(rows)) {
    out.push("", g.title);
    const cells = g.rows.map((r) => [label(r), fmtUs(r.us), `${fmtUs(r.q1)}–${fmtUs(r.q3)}`, fmtOps(r.opsPerSec), ratioCell(r)]);
    const head = ["library", "µs/op", "IQR", "ops/s", "ours ×"];
    const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c) => "  " + c.map((x, i) => (i === 0 || i === 4 ? x.padEnd(w[i]) : x.padStart(w[i]))).join("  ");
    out.push(line(head), ...cells.map(line));
  }
  return out.join("\n");
}

/** One Markdown table for all operations. */
export function markdownRows(rows) {
  const out = ["| operation | library | µs/op (median) | IQR | ops/s | ours × |", "|---|---|--:|--:|--:|--:|"];
  for (const g of groups(rows)) {
    g.rows.forEach((r, i) => {
      const name = r.lib === OURS ? `**${label(r)}**` : label(r);
      out.push(`| ${i === 0 ? g.title : ""} | ${name} | ${fmtUs(r.us)} | ${fmtUs(r.q1)}–${fmtUs(r.q3)} | ${fmtOps(r.opsPerSec)} | ${ratioCell(r)} |`);
    });
  }
  return out.join("\n");
}

/** The fastest row of `lib` for `op` (a peer's fastest use when it has several). */
function fastest(rows, op, lib) {
  const rs = rows.filter((r) => r.op === op && r.lib === lib && r.oursTimes !== undefined);
  return rs.sort((a, b) => a.us - b.us)[0];
}

function speedTarget(rows, env, op, lib, want, what) {
  const r = fastest(rows, op, lib);
  if (!r) return { env, target: what, status: "NOT MEASURED", measured: "no row" };
  const ours = rows.find((x) => x.op === op && x.lib === OURS && x.primary);
  return {
    env,
    target: what,
    want,
    ratio: r.oursTimes,
    status: r.oursTimes >= want ? "MET" : "MISSED",
    measured: `${fmtX(r.oursTimes)} (${OURS} ${fmtUs(ours.us)} µs vs ${label(r)} ${fmtUs(r.us)} µs)`,
  };
}

/** The speed targets, from the Node and workerd rows. */
export function speedTargets(nodeRows, workerdRows) {
  const t = [];
  if (nodeRows) {
    t.push(
      speedTarget(nodeRows, "Node", "verify", "fast-jwt", 1.5, "HS256 verify + read ≥ 1.5× fast-jwt"),
      speedTarget(nodeRows, "Node", "verify", "jose", 10, "HS256 verify + read ≥ 10× jose"),
      speedTarget(nodeRows, "Node", "sign", "fast-jwt", 1.2, "HS256 sign ≥ 1.2× fast-jwt"),
      speedTarget(nodeRows, "Node", "decode", "jose", 1, "decode without verifying ≥ 1× jose.decodeJwt"),
    );
  }
  if (workerdRows) {
    for (const op of ["sign", "verify"]) {
      const name = op === "sign" ? "HS256 sign" : "HS256 verify + read";
      t.push(
        speedTarget(workerdRows, "workerd", op, "jose", 3, `${name} ≥ 3× jose`),
        speedTarget(workerdRows, "workerd", op, "@tsndr/cloudflare-worker-jwt", 5, `${name} ≥ 5× @tsndr/cloudflare-worker-jwt (its fastest use)`),
      );
    }
  }
  return t;
}

/** Targets as a plain-text list. */
export function printTargets(targets) {
  return targets.map((t) => `  ${t.status.padEnd(6)} ${t.env}: ${t.target} — ${t.measured}`).join("\n");
}

export function markdownTargets(targets) {
  const out = ["| where | target | status | measured |", "|---|---|---|---|"];
  for (const t of targets) out.push(`| ${t.env} | ${t.target} | **${t.status}** | ${t.measured} |`);
  return out.join("\n");
}
