// `@keyward/client/hono`: middleware that verifies the `token` header and puts verify's `data`
// where `c.get('keyward')` finds it.
import type { MiddlewareHandler } from 'hono';
import { check, tokenOf, type MiddlewareOptions } from './refusal.js';
import type { VerifyData } from './types.js';

export type { MiddlewareOptions as KeywardMiddlewareOptions } from './refusal.js';

/** The variables the middleware sets: `new Hono<KeywardEnv>()` types `c.get('keyward')`. */
export interface KeywardEnv {
  Variables: { keyward: VerifyData };
}

/** `app.use(keyward({ verifier, scopes? }))`. */
export function keyward(options: MiddlewareOptions): MiddlewareHandler<KeywardEnv> {
  return async (c, next) => {
    const token = tokenOf(c.req.header('token') ?? c.req.header('api_access_token'));
    const outcome = await check(options, token);
    if ('data' in outcome) {
      c.set('keyward', outcome.data);
      await next();
      return;
    }
    const { status, body, retryAfter } = outcome.refusal;
    if (retryAfter !== undefined) c.header('retry-after', String(retryAfter));
    return c.json(body, status as 400);
  };
}

export default keyward;
