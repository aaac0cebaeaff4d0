import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountsService } from '../../accounts/accounts.service.js';
import type { AbuseGuard } from '../../ratelimit/abuse-guard.js';
import type { SessionsService } from '../../sessions/sessions.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { Auth, IgnoredCredentials, authOf, errorResponses, message, security } from '../schemas.js';

interface Deps {
  accounts: AccountsService;
  sessions: SessionsService;
  authenticator: Authenticator;
  guard: AbuseGuard;
}

// `username` is optional in the schemas so a missing one is USERNAME_REQUIRED, not a generic
// validation failure; the service normalizes and checks it.
const Username = Type.Optional(Type.String({ maxLength: 320, description: 'Email address' }));
const Otp = Type.Optional(
  Type.String({ maxLength: 32, description: 'The 6-digit code mailed in step 1' }),
);

const OtpSent = Type.Object({ message: message('OTP_SENT') });
const SignedIn = (text: string) =>
  Type.Object({
    message: message(text),
    token: Type.String({ description: 'Login token (JWT)' }),
    auth: Auth,
  });

export const accountsRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.post(
    '/api/signup',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign up: step 1 mails a code, step 2 (with `otp`) creates the account',
        body: Type.Object(
          {
            username: Username,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            company_name: Type.String({ minLength: 1, maxLength: 200 }),
            workspace_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            otp: Otp,
          },
          { additionalProperties: false },
        ),
        response: { 200: OtpSent, 201: SignedIn('SIGNEDUP'), ...errorResponses },
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
        summary: 'Log in: step 1 mails a code, step 2 (with `otp`) returns a login token',
        body: Type.Object({ username: Username, otp: Otp }, { additionalProperties: false }),
        response: { 200: Type.Union([OtpSent, SignedIn('LOGGEDIN')]), ...errorResponses },
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
        summary: 'End this session, the others, or all of them',
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
        response: { 200: Type.Object({ message: message('LOGGEDOUT') }), ...errorResponses },
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
