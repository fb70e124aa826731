// Type-checked with tsc --strict --noEmit against the installed package.
import {
  AuthX,
  AuthXError,
  TokenPayload,
  TokenExpiredError,
  init,
  type AuthXOptions,
  type TokenPair,
  type VerifyOptions,
} from "authx-wasm";

async function main(): Promise<void> {
  await init();
  const options: AuthXOptions = { secretKey: new Uint8Array([1, 2, 3]), algorithm: "HS384", leeway: 5, now: () => Date.now() };
  const auth = new AuthX(options);
  const pair: TokenPair = auth.createTokenPair({ uid: "ts", fresh: true, scopes: ["a:*"], data: { n: 1 } });
  const bearer: "bearer" = pair.tokenType;
  const p: TokenPayload = auth.decodeToken(pair.accessToken);
  const sub: string | undefined = p.sub;
  const exp: number | undefined = p.exp;
  const aud: string | string[] | undefined = p.aud;
  const scopes: string[] | undefined = p.scopes;
  const type: string = p.type;
  const fresh: boolean = p.fresh;
  const when: Date | undefined = p.expiryDate;
  const left: number | undefined = p.timeUntilExpiry;
  const ok: boolean = p.hasScopes("a:b") && p.hasScopes("a", "b", { allRequired: false }) && p.hasScopes(["a"], { allRequired: true });
  const extra: Record<string, unknown> = p.extra;
  const verify: VerifyOptions = { type: "refresh", fresh: false, scopes: ["x"], allRequired: false, csrf: "c" };
  auth.verifyToken(pair.refreshToken, verify);
  const renewed: string = auth.refreshAccessToken(pair.refreshToken);
  const unverified: TokenPayload = TokenPayload.decodeUnverified(renewed, { now: () => 0 });
  TokenPayload.decodeUnverified(renewed); // options are optional
  auth.verifyToken(pair.accessToken);
  try {
    auth.decodeToken("x");
  } catch (e) {
    if (e instanceof TokenExpiredError) {
      const code: "ERR_JWT_EXPIRED" = e.code;
      console.log(code);
    } else if (e instanceof AuthXError) {
      const code: string = e.code;
      console.log(code, e.name, e.message);
    }
  }
  // @ts-expect-error: "none" is not an algorithm
  new AuthX({ secretKey: "s", algorithm: "none" });
  // @ts-expect-error: secretKey is required
  new AuthX({ algorithm: "HS256" });
  // @ts-expect-error: verify type is "access" | "refresh"
  auth.verifyToken("t", { type: "id" });
  console.log(bearer, sub, exp, aud, scopes, type, fresh, when, left, ok, extra, unverified.sub);
}

void main();
