import type { FastifyRequest } from 'fastify';
import { API_TOKEN_PATTERN, type ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { AppError } from '../errors.js';
import type { Principal } from '../principal.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { credentialOf } from './credentials.js';

/** Turns a request's `token` header into a principal, with the contract's answers for each case. */
export class Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  /** A login token only: an API token is refused, so a leaked one cannot mint more. */
  async login(request: FastifyRequest): Promise<Principal> {
    const token = credentialOf(request);
    if (token === undefined) throw new AppError('LOGIN_TOKEN_REQUIRED');
    if (API_TOKEN_PATTERN.test(token)) throw new AppError('INVALID_LOGIN_TOKEN');
    return this.sessions.authenticate(token);
  }

  /** Either kind of token; a missing header is answered with `missing`. */
  async any(
    request: FastifyRequest,
    missing: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED',
  ): Promise<Principal> {
    const token = credentialOf(request);
    if (token === undefined) throw new AppError(missing);
    return API_TOKEN_PATTERN.test(token)
      ? this.apiTokens.authenticate(token)
      : this.sessions.authenticate(token);
  }
}
