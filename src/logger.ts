import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Credentials never reach a log: the headers that carry them are redacted wherever they appear,
 * and request URLs are logged without their query string (a token pasted there is ignored, and
 * must not be kept either).
 */
export const REDACTED_PATHS = [
  'req.headers.token',
  'req.headers.api_access_token',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.headers.token',
  '*.headers.api_access_token',
  '*.headers.authorization',
  'otp',
  '*.otp',
  'token',
  '*.token',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'keyward' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { req: requestSerializer },
    },
    destination,
  );
}

/** The path of a request URL, without its query string. */
export const pathOnly = (url: string): string => {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
};

/** How Fastify logs a request: method, path and client address; never headers or the query. */
function requestSerializer(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: pathOnly(request.url), ip: request.ip };
}
