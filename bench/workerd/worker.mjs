// The benchmark Worker: the cases of bench/lib/cases.mjs and asymmetric-web.mjs
// (this package, jose, @tsndr/cloudflare-worker-jwt, plain JS), bundled like a wrangler deploy and
// run by npm workerd. The Node side (bench/workerd.mjs) drives the rounds:
// GET /cases lists the cases; GET /block?case=I&n=N runs one timed block and
// returns its duration as measured inside the Worker.
import * as ours from "authx-wasm";
import * as jose from "jose";
import * as tsndr from "@tsndr/cloudflare-worker-jwt";
import { webCases, checkCases } from "../lib/cases.mjs";
import { webAsymmetricCases, checkAsymmetric } from "../lib/asymmetric-web.mjs";
import { timeBlock } from "../lib/harness.mjs";

let ready; // the cases, made on the first request (no crypto at global scope)

function setup() {
  ready ??= (async () => {
    const { AuthX, TokenPayload } = ours;
    const { token, cases } = await webCases({ AuthX, TokenPayload, jose, tsndr });
    await checkCases(cases, { AuthX, token });
    const asym = await webAsymmetricCases({ ours, jose, tsndr });
    await checkAsymmetric(asym.cases, asym.keys);
    return { cases: [...cases, ...asym.cases], asymmetric: asym.status };
  })();
  return ready;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return new Response("ok");
    try {
      const { cases, asymmetric } = await setup();
      if (url.pathname === "/cases") {
        return Response.json({ asymmetric, cases: cases.map(({ id, op, lib, variant, primary, async }) => ({ id, op, lib, variant, primary, async })) });
      }
      if (url.pathname === "/block") {
        const c = cases[Number(url.searchParams.get("case"))];
        const n = Number(url.searchParams.get("n"));
        // Let the clock catch up first: deployed Workers only advance it across I/O.
        await scheduler.wait(0);
        const ms = await timeBlock(c, n);
        const t = performance.now();
        await scheduler.wait(0);
        // The same block, read after one more timer turn (what a frozen clock would need).
        const msAfterWait = ms + (performance.now() - t);
        return Response.json({ ms, msAfterWait });
      }
      return new Response("not found", { status: 404 });
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
