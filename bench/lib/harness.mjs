// The timing loop, shared by the Node and the workerd benchmarks.
//
// Each case runs in timed blocks of `n` calls, `n` calibrated so a block takes
// about `blockMs`. After a warm-up, rounds visit every case once, in an order
// rotated by one case per round and reversed every other round, so no library
// always runs right after the same neighbour. Asynchronous cases await every
// call. Between blocks the event loop runs (`pause`), as a server's does between
// requests: that is when FinalizationRegistry callbacks and GC tasks run.
// A case's result is the median of its per-round µs/op; a ratio is the median
// of the per-round ratios (both rows come from the same round).

export let sink; // results go here so no call is optimised away

/** A loop function of its own per case, so each call site sees one callee (Node). */
function runner(c) {
  const name = c.id.replace(/\*\//g, "");
  try {
    const src = c.async
      ? `return async function run(n) { /* ${name} */ let r; for (let i = 0; i < n; i++) r = await fn(); return r; }`
      : `return function run(n) { /* ${name} */ let r; for (let i = 0; i < n; i++) r = fn(); return r; }`;
    return new Function("fn", src)(c.fn);
  } catch {
    // No eval (Workers): one shared loop; the call is then not inlined (~ns).
    const fn = c.fn;
    return c.async
      ? async (n) => {
          let r;
          for (let i = 0; i < n; i++) r = await fn();
          return r;
        }
      : (n) => {
          let r;
          for (let i = 0; i < n; i++) r = fn();
          return r;
        };
  }
}

/** Times one block of `n` calls; milliseconds. */
export async function timeBlock(c, n) {
  c.run ??= runner(c);
  const t0 = performance.now();
  sink = c.async ? await c.run(n) : c.run(n);
  return performance.now() - t0;
}

/** The `q` quantile (0..1) of numbers, linear between ranks. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);

/** The order of round `r`: rotated by `r`, reversed on odd rounds. */
export function roundOrder(items, r) {
  const k = r % items.length;
  const rotated = [...items.slice(k), ...items.slice(0, k)];
  return r % 2 ? rotated.reverse() : rotated;
}

/**
 * Calibrates, warms up and times `cases` in interleaved rounds.
 * `timeFn(c, n)` times a block (default: in this process); `pause()` runs between blocks.
 * Returns the cases with `n` and `samples` (µs/op per round, in round order).
 */
export async function measure(
  cases,
  { rounds = 15, blockMs = 25, warmupMs = 150, timeFn = timeBlock, pause = async () => {}, log = () => {}, beforeRounds = () => {} } = {},
) {
  // Calibration doubles as the first warm-up: grow n until a block is long enough.
  for (const c of cases) {
    let n = 1;
    for (;;) {
      const ms = await timeFn(c, n);
      await pause();
      if (ms >= blockMs / 4 || n >= 1e7) {
        c.n = Math.max(1, Math.round((n * blockMs) / Math.max(ms, 0.01)));
        break;
      }
      n *= ms < blockMs / 64 ? 8 : 2;
    }
  }
  // Warm-up: every case runs for about warmupMs, in two interleaved passes.
  for (let pass = 0; pass < 2; pass++) {
    for (const c of cases) {
      const blocks = Math.max(1, Math.round(warmupMs / 2 / blockMs));
      for (let b = 0; b < blocks; b++) {
        await timeFn(c, c.n);
        await pause();
      }
    }
  }
  for (const c of cases) c.samples = [];
  beforeRounds();
  for (let r = 0; r < rounds; r++) {
    for (const c of roundOrder(cases, r)) {
      const ms = await timeFn(c, c.n);
      c.samples.push((ms * 1000) / c.n);
      await pause();
    }
    log(`round ${r + 1}/${rounds}`);
  }
  return cases;
}

/**
 * Summarises measured cases: per case median/quartiles µs/op and ops/s; per op
 * the primary row of this package against every other row (paired per round).
 */
export function summarise(cases, ours) {
  const rows = cases.map((c) => {
    const us = median(c.samples);
    return {
      id: c.id,
      op: c.op,
      lib: c.lib,
      variant: c.variant,
      primary: c.primary,
      note: c.note,
      n: c.n,
      rounds: c.samples.length,
      us,
      q1: quantile(c.samples, 0.25),
      q3: quantile(c.samples, 0.75),
      min: Math.min(...c.samples),
      opsPerSec: 1e6 / us,
      samples: c.samples,
    };
  });
  for (const row of rows) {
    const base = rows.find((r) => r.op === row.op && r.lib === ours && r.primary);
    if (!base || base === row) continue;
    // "ours ×": peer µs ÷ our µs, i.e. our ops/s ÷ peer ops/s; > 1: this package is faster.
    const paired = row.samples.map((s, i) => s / base.samples[i]);
    row.oursTimes = median(paired);
    row.oursTimesRange = [quantile(paired, 0.25), quantile(paired, 0.75)];
  }
  return rows;
}
