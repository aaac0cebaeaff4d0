// Requests Node's HTTP parser refuses before Fastify sees them (a header over the size limit, a NUL
// or other control byte in a header, a broken request line) still get keyward's error body.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

/** Socket-level refusals have no request to close gracefully: give the client a moment to read. */
const LINGER_MS = 1000;

export function handleClientError(
  this: FastifyInstance,
  err: Error & { code?: string },
  socket: Duplex,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Only the code: the error also holds the raw bytes received, and they may carry a token.
  this.log.debug({ code: err.code }, 'malformed request refused');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    // No error code means "too slow to send a request"; say only that time is up.
    endWith(
      socket,
      'HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    return;
  }
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED';
  const status = ERROR_STATUS[code];
  const body = JSON.stringify({ error: true, message: code });
  endWith(
    socket,
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function endWith(socket: Duplex, response: string): void {
  if (socket.writable) socket.end(response);
  // Closing at once, with the rest of an oversized request unread, would reset the connection
  // and could lose the answer before the client reads it.
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
