// Named request and answer types, all read from the generated OpenAPI types: nothing here
// describes the wire a second time.
import type { paths } from './generated/openapi.js';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** Fields a body may carry out of habit and the server ignores (credentials go in the header). */
type Ignored = 'token' | 'api_access_token';

/** The JSON body an operation takes, without the ignored credential fields. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? Omit<B, Ignored>
    : never;

/** The JSON answer of an operation for a status. */
export type Answer<P extends keyof paths, M extends Method, S extends number | string = 200> =
  Operation<P, M>['responses'] extends Record<S, { content: { 'application/json': infer A } }>
    ? A
    : never;

export type SignupStartInput = Omit<RequestBody<'/api/signup', 'post'>, 'otp'>;
export type SignupCompleteInput = SignupStartInput & { otp: string };
export type OtpSent = Answer<'/api/signup', 'post', 200>;
export type SignedUp = Answer<'/api/signup', 'post', 201>;
export type LoggedIn = Extract<Answer<'/api/login', 'post'>, { message: 'LOGGEDIN' }>;
export type Auth = SignedUp['auth'];
export type Role = Auth['role'];
export type LogoutScope = NonNullable<RequestBody<'/api/logout', 'post'>['scope']>;
export type LoggedOut = Answer<'/api/logout', 'post'>;
export type Me = Answer<'/api/v1/global/me', 'get'>;
export type AccountDeleted = Answer<'/api/v1/global/me', 'delete'>;

export type GenerateTokenInput = RequestBody<'/api/v1/global/generate-token', 'post'>;
export type GeneratedToken = Answer<'/api/v1/global/generate-token', 'post'>;
export type Verified = Answer<'/api/v1/global/verify', 'post'>;
export type VerifyData = Verified['data'];
export type TokenList = Answer<'/api/v1/global/tokens', 'get'>;
export type ApiToken = TokenList['tokens'][number];
export type TokenRevoked = Answer<'/api/v1/global/tokens/{id}', 'delete'>;
export type TokenChanges = RequestBody<'/api/v1/global/tokens/{id}', 'patch'>;
export type TokenUpdated = Answer<'/api/v1/global/tokens/{id}', 'patch'>;
export type RotateTokenInput = RequestBody<'/api/v1/global/tokens/{id}/rotate', 'post'>;
export type RotatedToken = Answer<'/api/v1/global/tokens/{id}/rotate', 'post'>;

export type WorkspaceList = Answer<'/api/v1/global/workspaces', 'get'>;
export type Workspace = WorkspaceList['workspaces'][number];
export type WorkspaceCreated = Answer<'/api/v1/global/workspaces', 'post', 201>;
export type Switched = Answer<'/api/v1/global/switch-workspace', 'post'>;

export type MemberList = Answer<'/api/v1/global/members', 'get'>;
export type Member = MemberList['members'][number];
export type Invitation = MemberList['invitations'][number];
export type Invited = Answer<'/api/v1/global/members', 'post', 201>;
export type MemberChanges = RequestBody<'/api/v1/global/members/{user_id}', 'patch'>;
export type MemberUpdated = Answer<'/api/v1/global/members/{user_id}', 'patch'>;
export type MemberRemoved = Answer<'/api/v1/global/members/{user_id}', 'delete'>;

export type AuditPage = Answer<'/api/v1/global/audit-log', 'get'>;
export type AuditEvent = AuditPage['events'][number];

/** Any error body keyward sends. */
export type ErrorBody = Answer<'/api/v1/global/me', 'get', '4XX'>;
