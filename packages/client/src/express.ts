// `@keyward/client/express`: middleware that verifies the `token` header and puts verify's
// `data` on `req.keyward`.
import { check, tokenOf, type MiddlewareOptions, type Outcome } from './refusal.js';
import type { VerifyData } from './types.js';

export type { MiddlewareOptions as KeywardMiddlewareOptions } from './refusal.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** verify's `data` for the request's token (set by the keyward middleware). */
      keyward?: VerifyData;
    }
  }
}

/** What the middleware uses of Express's request and response. */
interface Req {
  headers: Record<string, string | string[] | undefined>;
  keyward?: VerifyData;
}
interface Res {
  status(code: number): Res;
  set(field: string, value: string): Res;
  json(body: unknown): unknown;
}

/** `app.use(keyward({ verifier, scopes? }))`. */
export function keyward(options: MiddlewareOptions) {
  return (req: Req, res: Res, next: (err?: unknown) => void): void => {
    const answer = (outcome: Outcome) => {
      if ('data' in outcome) {
        req.keyward = outcome.data;
        next();
        return;
      }
      const { status, body, retryAfter } = outcome.refusal;
      if (retryAfter !== undefined) res.set('retry-after', String(retryAfter));
      res.status(status).json(body);
    };
    const outcome = check(options, tokenOf(req.headers.token ?? req.headers.api_access_token));
    if (outcome instanceof Promise) outcome.then(answer, next);
    else answer(outcome);
  };
}

export default keyward;
