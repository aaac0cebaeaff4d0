// One typed method per keyward endpoint, over `fetch`: Node >= 20 and browsers alike.
import { CLIENT_ERROR_CODES, KeywardError, retryAfterSeconds } from './errors.js';
import type {
  AccountDeleted,
  AuditPage,
  GenerateTokenInput,
  GeneratedToken,
  Invited,
  LoggedIn,
  LoggedOut,
  LogoutScope,
  Me,
  MemberChanges,
  MemberList,
  MemberRemoved,
  MemberUpdated,
  OtpSent,
  Role,
  RotateTokenInput,
  RotatedToken,
  SignedUp,
  SignupCompleteInput,
  SignupStartInput,
  Switched,
  TokenChanges,
  TokenList,
  TokenRevoked,
  TokenUpdated,
  Verified,
  WorkspaceCreated,
  WorkspaceList,
} from './types.js';

export interface KeywardClientOptions {
  /** Where keyward answers, e.g. `https://auth.example.com` (a trailing slash is fine). */
  baseUrl: string;
  /** A login token (or, for `verify` and `me`, an API token) sent in the `token` header. */
  token?: string | undefined;
  /** A `fetch` of your own (a proxy agent, a timeout, a test double); the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Call {
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Overrides the client's token for this call. */
  token?: string | undefined;
}

export class KeywardClient {
  readonly baseUrl: string;
  /**
   * The credential sent with each call. Signing up, logging in and switching workspace set it to
   * the new login token; logging out of this session (or all) and deleting the account clear it.
   */
  token: string | undefined;
  private readonly fetchFn: typeof globalThis.fetch;

  constructor(options: KeywardClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    // Bound: a browser's fetch throws "Illegal invocation" when called as another object's method.
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** A client like this one that sends `token` instead. */
  withToken(token: string | undefined): KeywardClient {
    return new KeywardClient({ baseUrl: this.baseUrl, token, fetch: this.fetchFn });
  }

  // Sign-up and log-in: step 1 mails a 6-digit code, step 2 trades it for a login token.

  signupStart(input: SignupStartInput): Promise<OtpSent> {
    return this.request('POST', '/api/signup', { body: input, token: undefined });
  }

  async signupComplete(input: SignupCompleteInput): Promise<SignedUp> {
    const answer = await this.request<SignedUp>('POST', '/api/signup', {
      body: input,
      token: undefined,
    });
    this.token = answer.token;
    return answer;
  }

  loginStart(email: string): Promise<OtpSent> {
    return this.request('POST', '/api/login', { body: { username: email }, token: undefined });
  }

  async loginComplete(email: string, otp: string): Promise<LoggedIn> {
    const answer = await this.request<LoggedIn>('POST', '/api/login', {
      body: { username: email, otp },
      token: undefined,
    });
    this.token = answer.token;
    return answer;
  }

  /** Ends this session (default), the caller's other sessions, or all of them. */
  async logout(scope: LogoutScope = 'this'): Promise<LoggedOut> {
    const answer = await this.request<LoggedOut>('POST', '/api/logout', { body: { scope } });
    if (scope !== 'others') this.token = undefined;
    return answer;
  }

  me(): Promise<Me> {
    return this.request('GET', '/api/v1/global/me');
  }

  /** Deletes the caller's account; the last owner of a company gets 409 CONFLICT. */
  async deleteAccount(): Promise<AccountDeleted> {
    const answer = await this.request<AccountDeleted>('DELETE', '/api/v1/global/me');
    this.token = undefined;
    return answer;
  }

  // API tokens.

  /** Mints an API token; `token` in the answer is shown this once and can't be read back. */
  generateToken(input: GenerateTokenInput = {}): Promise<GeneratedToken> {
    return this.request('POST', '/api/v1/global/generate-token', { body: input });
  }

  /**
   * Checks an API token or a login token (the client's own when none is given). `scopes` asks
   * that the token hold each of them (servers that predate scopes ignore it).
   */
  verify(token?: string, options: { scopes?: string[] } = {}): Promise<Verified> {
    return this.request('POST', '/api/v1/global/verify', {
      token: token ?? this.token,
      ...(options.scopes === undefined ? {} : { body: { scopes: options.scopes } }),
    });
  }

  /** The caller's tokens in this workspace; `all` (owners and admins): the whole company's. */
  listTokens(options: { all?: boolean } = {}): Promise<TokenList> {
    return this.request('GET', '/api/v1/global/tokens', {
      query: { all: options.all ? 'true' : undefined },
    });
  }

  revokeToken(id: string): Promise<TokenRevoked> {
    return this.request('DELETE', `/api/v1/global/tokens/${encodeURIComponent(id)}`);
  }

  /** Changes a token's name, scopes, metadata or rate limit (null clears the last three). */
  updateToken(id: string, changes: TokenChanges): Promise<TokenUpdated> {
    return this.request('PATCH', `/api/v1/global/tokens/${encodeURIComponent(id)}`, {
      body: changes,
    });
  }

  /**
   * A new secret for a token (shown this once); the old one keeps working for `grace_seconds`
   * (default 3600; 0 refuses it at once).
   */
  rotateToken(id: string, input: RotateTokenInput = {}): Promise<RotatedToken> {
    return this.request('POST', `/api/v1/global/tokens/${encodeURIComponent(id)}/rotate`, {
      body: input,
    });
  }

  // Workspaces.

  listWorkspaces(): Promise<WorkspaceList> {
    return this.request('GET', '/api/v1/global/workspaces');
  }

  createWorkspace(name: string): Promise<WorkspaceCreated> {
    return this.request('POST', '/api/v1/global/workspaces', { body: { name } });
  }

  /** Moves to another workspace: a new login token (kept by the client); the old session ends. */
  async switchWorkspace(workspaceId: string): Promise<Switched> {
    const answer = await this.request<Switched>('POST', '/api/v1/global/switch-workspace', {
      body: { workspace_id: workspaceId },
    });
    this.token = answer.token;
    return answer;
  }

  // Members of the current company.

  listMembers(): Promise<MemberList> {
    return this.request('GET', '/api/v1/global/members');
  }

  inviteMember(email: string, role: Role): Promise<Invited> {
    return this.request('POST', '/api/v1/global/members', { body: { email, role } });
  }

  updateMember(userId: string, changes: MemberChanges): Promise<MemberUpdated> {
    return this.request('PATCH', `/api/v1/global/members/${encodeURIComponent(userId)}`, {
      body: changes,
    });
  }

  removeMember(userId: string): Promise<MemberRemoved> {
    return this.request('DELETE', `/api/v1/global/members/${encodeURIComponent(userId)}`);
  }

  /** One page of the company's audit log, newest first; pass `next_cursor` for the next page. */
  auditLog(options: { cursor?: string | null; limit?: number } = {}): Promise<AuditPage> {
    return this.request('GET', '/api/v1/global/audit-log', {
      query: {
        cursor: options.cursor ?? undefined,
        limit: options.limit === undefined ? undefined : String(options.limit),
      },
    });
  }

  private async request<T>(method: HttpMethod, path: string, call: Call = {}): Promise<T> {
    const token = 'token' in call ? call.token : this.token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.token = token;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.set(name, value);
    }
    const url = `${this.baseUrl}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;

    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
    } catch (cause) {
      throw new KeywardError({ code: CLIENT_ERROR_CODES.NETWORK_ERROR, status: 0, cause });
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const body = await readJson(response);
    if (response.ok && isObject(body)) return body as T;
    if (!response.ok && isObject(body) && body.error === true && typeof body.message === 'string') {
      throw new KeywardError({
        code: body.message,
        status: response.status,
        requestId: typeof body.request_id === 'string' ? body.request_id : requestId,
        retryAfter: retryAfterSeconds(response.headers.get('retry-after')),
        details: body.details,
      });
    }
    throw new KeywardError({
      code: CLIENT_ERROR_CODES.UNEXPECTED_RESPONSE,
      status: response.status,
      requestId,
      retryAfter: retryAfterSeconds(response.headers.get('retry-after')),
    });
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
