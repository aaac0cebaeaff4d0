import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountsService } from '../../accounts/accounts.service.js';
import type { AbuseGuard } from '../../ratelimit/abuse-guard.js';
import type { SessionsService } from '../../sessions/sessions.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  Auth,
  BODY_ERRORS,
  EmailAddress,
  IgnoredCredentials,
  LOGIN_ERRORS,
  PUBLIC,
  authOf,
  documentOnly,
  errors,
  message,
  security,
} from '../schemas.js';

interface Deps {
  accounts: AccountsService;
  sessions: SessionsService;
  authenticator: Authenticator;
  guard: AbuseGuard;
}

// `username` is optional in the schemas so a missing one is USERNAME_REQUIRED, not a generic
// validation failure; the service normalizes and checks it. The document says it is required.
const Username = Type.Optional(EmailAddress('Email address'));
const usernameRequired = documentOnly({ required: ['username'] });

/** What both steps of sign-up and login can answer. */
const CODE_ERRORS = [
  ...BODY_ERRORS,
  'USERNAME_REQUIRED',
  'INVALID_USERNAME',
  'INVALID_OTP',
  'OTP_EXPIRED',
  'TOO_MANY_ATTEMPTS',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
] as const;
const Otp = Type.Optional(
  Type.String({ maxLength: 32, description: 'The 6-digit code mailed in step 1' }),
);

const OtpSent = Type.Object(
  { message: message('OTP_SENT') },
  { description: 'Step 1: a code is on its way' },
);
const SignedIn = (text: string, description: string) =>
  Type.Object(
    {
      message: message(text),
      token: Type.String({ description: 'Login token (JWT)' }),
      auth: Auth,
    },
    { description },
  );

export const accountsRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.post(
    '/api/signup',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'signup',
        summary: 'Sign up: step 1 mails a code, step 2 (with `otp`) creates the account',
        description:
          'Without `otp`, mails a 6-digit code to `username` (valid 10 minutes; one send per ' +
          'address per minute) and answers `OTP_SENT`, whether or not the address has an ' +
          'account. With the code, creates the user, the company (the user is its owner), its ' +
          'first workspace and a session, and answers 201 with a login token. An address that ' +
          'already has an account is `EMAIL_ALREADY_REGISTERED`, told only to whoever had its code.',
        security: PUBLIC,
        body: Type.Object(
          {
            username: Username,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            company_name: Type.String({ minLength: 1, maxLength: 200 }),
            workspace_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            otp: Otp,
          },
          { additionalProperties: false, ...usernameRequired },
        ),
        response: {
          200: OtpSent,
          201: SignedIn(
            'SIGNEDUP',
            'Step 2: the account, its company and workspace, a login token',
          ),
          ...errors(CODE_ERRORS, 'EMAIL_ALREADY_REGISTERED'),
        },
      },
    },
    async (request, reply) => {
      const { otp, ...input } = request.body;
      const context = contextOf(request);
      if (otp === undefined) {
        await deps.guard.sendCode(input.username, context, () =>
          deps.accounts.sendSignupCode(input.username, context),
        );
        return { message: 'OTP_SENT' as const };
      }
      const signedUp = await deps.guard.checkCode(input.username, context, () =>
        deps.accounts.signup(input, otp, context),
      );
      return reply.code(201).send({
        message: 'SIGNEDUP' as const,
        token: signedUp.token,
        auth: authOf({ ...signedUp.placement, session: signedUp.session }),
      });
    },
  );

  app.post(
    '/api/login',
    {
      schema: {
        tags: ['accounts'],
        operationId: 'login',
        summary: 'Log in: step 1 mails a code, step 2 (with `otp`) returns a login token',
        description:
          'Without `otp`, mails a code to `username` and answers `OTP_SENT`, the same for an ' +
          'unknown address (which is mailed nothing). With the code, answers a login token for ' +
          'the workspace used last. An address with a pending invitation but no account gets ' +
          'one here. A suspended account is `FORBIDDEN`.',
        security: PUBLIC,
        body: Type.Object(
          { username: Username, otp: Otp },
          { additionalProperties: false, ...usernameRequired },
        ),
        response: {
          200: Type.Union([OtpSent, SignedIn('LOGGEDIN', 'Step 2: a login token')], {
            description: 'Step 1: `OTP_SENT`; step 2: `LOGGEDIN` with a login token',
          }),
          ...errors(CODE_ERRORS, 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const { username, otp } = request.body;
      const context = contextOf(request);
      if (otp === undefined) {
        await deps.guard.sendCode(username, context, () =>
          deps.accounts.sendLoginCode(username, context),
        );
        return { message: 'OTP_SENT' as const };
      }
      const loggedIn = await deps.guard.checkCode(username, context, () =>
        deps.accounts.login(username, otp, context),
      );
      return {
        message: 'LOGGEDIN' as const,
        token: loggedIn.token,
        auth: authOf({ ...loggedIn.placement, session: loggedIn.session }),
      };
    },
  );

  app.post(
    '/api/logout',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['accounts'],
        operationId: 'logout',
        summary: 'End this session, the others, or all of them',
        description:
          "`scope` `this` (the default) ends the caller's session, `others` every other " +
          'session of theirs, `all` every one. An ended login token is refused on the next request.',
        security,
        body: Type.Object(
          {
            ...IgnoredCredentials,
            scope: Type.Optional(
              Type.Union([Type.Literal('this'), Type.Literal('others'), Type.Literal('all')], {
                default: 'this',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { message: message('LOGGEDOUT') },
            { description: 'The sessions are ended' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS),
        },
      },
    },
    async (request) => {
      await deps.sessions.logout(
        principalOf(request),
        request.body.scope ?? 'this',
        contextOf(request),
      );
      return { message: 'LOGGEDOUT' as const };
    },
  );
};
