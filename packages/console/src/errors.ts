// Every error the console can meet, as a sentence. One table: the code is the key; a code that
// means different things on different screens has a sentence per context.
import { KeywardError } from '@keyward/client';

export type ErrorContext = 'invite' | 'member' | 'delete-account';

type Sentence = string | ({ default: string } & Partial<Record<ErrorContext, string>>);

const SENTENCES: Record<string, Sentence> = {
  LOGIN_TOKEN_REQUIRED: 'Log in to go on.',
  TOKEN_REQUIRED: 'A token is required.',
  USERNAME_REQUIRED: 'Enter your email address.',
  INVALID_USERNAME: 'That is not an email address keyward can send to.',
  VALIDATION_FAILED: 'Something you entered is not valid: check the fields and try again.',
  INVALID_JSON: 'The request could not be read: reload the page and try again.',
  INVALID_LOGIN_TOKEN: 'Your session is no longer valid: log in again.',
  SESSIONEXPIRED: 'Your session has expired: log in again.',
  INVALID_TOKEN: 'That token is not valid.',
  INVALID_OTP: 'That code is not right: check the latest email and type it again.',
  OTP_EXPIRED: 'That code has expired or was already used: send a new code.',
  FORBIDDEN: 'Only owners and admins can do that.',
  INSUFFICIENT_SCOPE: 'The token lacks a scope this needs.',
  NOT_FOUND: 'That could not be found.',
  TOKEN_NOT_FOUND: 'That token no longer exists: it may have been revoked already.',
  WORKSPACE_NOT_FOUND: 'That workspace is gone, or you can no longer enter it.',
  METHOD_NOT_ALLOWED: 'The server does not accept that request: reload the page.',
  EMAIL_ALREADY_REGISTERED: 'An account with this email already exists: log in instead.',
  CONFLICT: {
    default: 'That change conflicts with the company as it is now.',
    invite: 'That person is already a member of this company.',
    member: 'A company keeps at least one active owner: make another member an owner first.',
    'delete-account':
      'You are the last owner of a company others still belong to: make another member an owner (on Members), then delete your account.',
  },
  PAYLOAD_TOO_LARGE: 'That is too long to send.',
  TOO_MANY_ATTEMPTS: 'Too many wrong codes.',
  TOO_MANY_REQUESTS: 'Too many requests.',
  INTERNAL_ERROR: 'Something went wrong on the server.',
  SERVICE_UNAVAILABLE: 'keyward cannot reach its database or mail server right now.',
  NETWORK_ERROR: 'keyward could not be reached: check your connection and try again.',
  UNEXPECTED_RESPONSE: 'keyward gave an answer the console does not understand: try again.',
};

export interface ShownError {
  sentence: string;
  requestId: string | undefined;
}

/** When to retry, in words: "in 45 seconds", "in 3 minutes". */
export function retryIn(seconds: number): string {
  if (seconds <= 1) return 'in a second';
  if (seconds < 90) return `in ${seconds} seconds`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}

export function describeError(error: unknown, context?: ErrorContext): ShownError {
  if (!(error instanceof KeywardError)) {
    return {
      sentence: 'Something went wrong in the console: reload the page.',
      requestId: undefined,
    };
  }
  const entry = SENTENCES[error.code];
  let sentence =
    entry === undefined
      ? `keyward refused the request (${error.code}).`
      : typeof entry === 'string'
        ? entry
        : ((context && entry[context]) ?? entry.default);
  if (error.retryAfter !== undefined) sentence += ` Try again ${retryIn(error.retryAfter)}.`;
  return { sentence, requestId: error.requestId };
}

/** Codes that mean the login token is no good any more: back to log-in. */
export const endsSession = (error: unknown): boolean =>
  error instanceof KeywardError &&
  (error.code === 'SESSIONEXPIRED' || error.code === 'INVALID_LOGIN_TOKEN');
