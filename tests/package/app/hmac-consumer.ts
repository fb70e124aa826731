// Type-checked with tsc --strict --noEmit: the HMAC-only entry's typings.
import { AuthX, TokenPayload, BadConfigurationError, generateSecret, init, type HmacAuthXOptions } from "authx-wasm/hmac";
import * as hmac from "authx-wasm/hmac";

async function hmacOnly(): Promise<void> {
  await init();
  const options: HmacAuthXOptions = { secretKey: generateSecret("HS256"), algorithm: "HS256" };
  const auth = new AuthX(options);
  const p: TokenPayload = auth.decodeToken(auth.createAccessToken({ uid: "ts" }));
  const sub: string | undefined = p.sub;
  const e: BadConfigurationError = new BadConfigurationError("x");
  console.log(sub, e.code);
  // @ts-expect-error: the HMAC-only entry has no generateKeyPair
  hmac.generateKeyPair("ES256");
}
void hmacOnly;
