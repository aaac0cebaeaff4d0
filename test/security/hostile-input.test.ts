// Hostile input: headers of any length or byte,
// odd content types, binary and lying bodies, prototype-pollution keys, hostile addresses. Header
// cases go over a real socket, since `inject` skips Node's HTTP parser, which is where an
// oversized or control-byte header is refused. Every refusal is a 4xx with a documented error code.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { normalizeEmail } from '../../src/identity/email.js';
import { BODY_LIMIT } from '../../src/app.js';
import { ERROR_STATUS } from '../../src/errors.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp, uniqueEmail, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

let t: TestApp;
let port: number;
before(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as net.AddressInfo).port;
});
after(() => t.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes on a fresh connection and reads the first answer. */
function raw(request: Buffer | string, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer in time'));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) {
        reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
        return;
      }
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      const length = Number(headers['content-length'] ?? NaN);
      const rest = Buffer.from(text.slice(split + 4), 'utf8');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: (Number.isNaN(length) ? rest : rest.subarray(0, length)).toString('utf8'),
      });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A refused oversized request may be cut off while still being written: the answer has
    // arrived by then, and is what counts.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(request);
  });
}

/** POST `path` with the given extra header lines (raw, CRLF-terminated) and body. */
function rawPost(path: string, headerLines: string | Buffer, body = '{}'): Buffer {
  return Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n`, 'latin1'),
    typeof headerLines === 'string' ? Buffer.from(headerLines, 'latin1') : headerLines,
    Buffer.from(
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      'utf8',
    ),
  ]);
}

/** A 4xx whose body is {"error": true, "message": CODE} with CODE's own status. */
function assertContractError(answer: RawAnswer | { status: number; body: string }, code?: string) {
  assert.ok(
    answer.status >= 400 && answer.status < 500,
    `a 4xx, got ${answer.status}: ${answer.body}`,
  );
  const body = JSON.parse(answer.body) as Json;
  assert.equal(body.error, true);
  assert.equal(typeof body.message, 'string');
  assert.equal(
    ERROR_STATUS[body.message as keyof typeof ERROR_STATUS],
    answer.status,
    body.message,
  );
  if (code !== undefined) assert.equal(body.message, code);
}

async function assertStillServing(): Promise<void> {
  const answer = await raw('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  assert.equal(answer.status, 200);
  assert.deepEqual(JSON.parse(answer.body), { status: 'ok' });
}

void describe('token headers of any length, over a real socket', () => {
  void it('answers a 100 KB token header with 413 PAYLOAD_TOO_LARGE and keeps serving', async () => {
    for (const path of [ROUTES.verify, ROUTES.generateToken, ROUTES.login]) {
      const answer = await raw(rawPost(path, `token: ${'a'.repeat(100_000)}\r\n`));
      assertContractError(answer, 'PAYLOAD_TOO_LARGE');
      assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8');
    }
    await assertStillServing();
  });

  void it('answers a 1 MB header, and a thousand small ones adding up past the limit, the same way', async () => {
    assertContractError(
      await raw(rawPost(ROUTES.verify, `token: ${'f'.repeat(1_000_000)}\r\n`)),
      'PAYLOAD_TOO_LARGE',
    );
    const many = Array.from({ length: 1000 }, (_, i) => `x-pad-${i}: ${'p'.repeat(40)}\r\n`);
    assertContractError(await raw(rawPost(ROUTES.verify, many.join(''))), 'PAYLOAD_TOO_LARGE');
    await assertStillServing();
  });

  void it('judges a long token under the header limit like any other bad token', async () => {
    const long = 'e'.repeat(15_000);
    assertContractError(
      await raw(rawPost(ROUTES.verify, `token: ${long}\r\n`)),
      'INVALID_LOGIN_TOKEN',
    );
    assertContractError(
      await raw(rawPost(ROUTES.generateToken, `api_access_token: ${long}\r\n`)),
      'INVALID_LOGIN_TOKEN',
    );
    assertContractError(
      await raw(rawPost(ROUTES.verify, `token: ${'0'.repeat(15_000)}\r\n`)),
      'INVALID_LOGIN_TOKEN',
    );
  });
});

void describe('token headers of any byte, over a real socket', () => {
  void it('refuses every control byte (NUL included) in a header with 400 VALIDATION_FAILED', async () => {
    const controls = [...Array.from({ length: 32 }, (_, i) => i).filter((b) => b !== 9), 0x7f];
    for (const byte of controls) {
      const header = Buffer.concat([
        Buffer.from('token: abc', 'latin1'),
        Buffer.from([byte]),
        Buffer.from('def\r\n', 'latin1'),
      ]);
      const answer = await raw(rawPost(ROUTES.verify, header));
      // A lone CR or LF ends the header line early; either way the parser or the route refuses.
      assertContractError(answer);
      if (byte !== 0x0a && byte !== 0x0d) assert.equal(answer.status, 400, `byte ${byte}`);
    }
    await assertStillServing();
  });

  void it('answers non-ASCII tokens (Latin-1 bytes, UTF-8, a real token with one byte changed) with 401', async () => {
    const { token } = await signUp(t);
    const apiToken = (
      await t.app.inject({
        method: 'POST',
        url: ROUTES.generateToken,
        headers: { token },
      })
    ).json<Json>().token as string;
    const latin1 = Buffer.concat([
      Buffer.from('token: ', 'latin1'),
      Buffer.from([0xe9, 0xff, 0x80, 0xa0]),
      Buffer.from('\r\n', 'latin1'),
    ]);
    assertContractError(await raw(rawPost(ROUTES.verify, latin1)), 'INVALID_LOGIN_TOKEN');
    assertContractError(
      await raw(rawPost(ROUTES.verify, Buffer.from('token: 山田🔑\r\n', 'utf8'))),
      'INVALID_LOGIN_TOKEN',
    );
    const oneByteOff = Buffer.concat([
      Buffer.from(`token: ${apiToken.slice(0, 63)}`, 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n', 'latin1'),
    ]);
    assertContractError(await raw(rawPost(ROUTES.verify, oneByteOff)));
    const jwtOff = Buffer.concat([
      Buffer.from(`token: ${token.slice(0, -1)}`, 'latin1'),
      Buffer.from([0xff]),
      Buffer.from('\r\n', 'latin1'),
    ]);
    assertContractError(await raw(rawPost(ROUTES.generateToken, jwtOff)), 'INVALID_LOGIN_TOKEN');
    // The genuine ones still work.
    const ok = await raw(rawPost(ROUTES.verify, `token: ${apiToken}\r\n`));
    assert.equal(ok.status, 200, ok.body);
  });

  void it('refuses a doubled token header with 401 and a garbage request line with 400', async () => {
    const repeated = await raw(
      rawPost(ROUTES.verify, `token: ${'c'.repeat(64)}\r\ntoken: other\r\n`),
    );
    assertContractError(repeated);
    assert.equal(repeated.status, 401);
    assertContractError(await raw('NOT HTTP AT ALL\r\n\r\n'), 'VALIDATION_FAILED');
    assertContractError(await raw('GET /\x00 HTTP/1.1\r\n\r\n'), 'VALIDATION_FAILED');
    await assertStillServing();
  });
});

void describe('odd content types and bodies', () => {
  const login = (headers: Record<string, string>, payload: string | Buffer) =>
    t.app.inject({ method: 'POST', url: ROUTES.login, headers, payload });

  void it('answers non-JSON bodies under any content type with 400 INVALID_JSON', async () => {
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256));
    const cases: [string, string | Buffer][] = [
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
      ],
      ['application/octet-stream', binary],
      ['application/x-www-form-urlencoded', 'username=a%40b.cd&otp=123456'],
      ['text/xml', '<login><username>a@b.cd</username></login>'],
      ['application/json', binary],
      ['image/png', binary],
      ['application/json; charset=utf-16le', Buffer.from('{"username":"a@b.cd"}', 'utf16le')],
    ];
    for (const [type, payload] of cases) {
      const answer = await login({ 'content-type': type }, payload);
      assertContractError({ status: answer.statusCode, body: answer.body }, 'INVALID_JSON');
    }
  });

  void it('does not inflate compressed bodies: gzip is just bytes that are not JSON', async () => {
    const answer = await raw(
      Buffer.concat([
        Buffer.from(
          'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\nConnection: close\r\n\r\n',
          'latin1',
        ),
        Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]),
      ]),
    );
    assertContractError(answer, 'INVALID_JSON');
  });

  void it('answers JSON that is not an object with 400 VALIDATION_FAILED', async () => {
    for (const payload of ['null', '1', '"a@b.cd"', 'true', '[]', '[{"username":"a@b.cd"}]']) {
      const answer = await login({ 'content-type': 'application/json' }, payload);
      assertContractError({ status: answer.statusCode, body: answer.body }, 'VALIDATION_FAILED');
    }
  });

  void it('answers deeply nested JSON with a 4xx, fast', async () => {
    const depth = Math.floor((BODY_LIMIT - 100) / 2);
    for (const payload of [
      `{"username":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `{"name":${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}}`,
      '['.repeat(depth) + ']'.repeat(depth),
    ]) {
      const answer = await login({ 'content-type': 'application/json' }, payload);
      assertContractError({ status: answer.statusCode, body: answer.body });
    }
  });

  void it('refuses prototype-pollution keys and leaves Object.prototype alone', async () => {
    for (const payload of [
      '{"username":"a@b.cd","__proto__":{"polluted":true}}',
      '{"username":"a@b.cd","constructor":{"prototype":{"polluted":true}}}',
      '{"__proto__":{"otp":"123456"},"username":"a@b.cd"}',
    ]) {
      const answer = await login({ 'content-type': 'application/json' }, payload);
      assertContractError({ status: answer.statusCode, body: answer.body }, 'VALIDATION_FAILED');
    }
    assert.equal(({} as Json).polluted, undefined);
  });

  void it('answers a chunked body over the limit with 413, and a body shorter than announced with 400', async () => {
    const big = 'a'.repeat(BODY_LIMIT + 1000);
    const chunked = await raw(
      `POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`,
    );
    assertContractError(chunked, 'PAYLOAD_TOO_LARGE');
    const lying = await new Promise<RawAnswer>((resolve, reject) => {
      // Half-close after a short body: the server sees the end before Content-Length is met.
      const socket = net.connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const split = text.indexOf('\r\n\r\n');
        resolve({
          status: Number(text.split(' ')[1]),
          headers: {},
          body: text.slice(split + 4),
        });
      });
      socket.end('POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"user');
    });
    assertContractError(lying);
    await assertStillServing();
  });
});

void describe('addresses normalised and validated', () => {
  void it('trims, lower-cases and NFC-normalises', () => {
    assert.equal(normalizeEmail('  Ada@Example.COM\t\n'), 'ada@example.com');
    const composed = 'zoë@example.com';
    const decomposed = 'zoe\u0308@example.com';
    assert.notEqual(composed, decomposed);
    assert.equal(normalizeEmail(decomposed), normalizeEmail(composed));
    assert.equal(normalizeEmail('ZOË@EXAMPLE.COM'), composed);
  });

  void it('refuses addresses with control, invisible or bidi characters, and malformed ones', () => {
    const refused = [
      'ada\u0000@example.com',
      'ada\u0007@example.com',
      'ada@exam\u0000ple.com',
      'ada\u200b@example.com', // zero-width space
      'ada\u202e@example.com', // right-to-left override
      'ada\ufeff@example.com', // zero-width no-break space
      'ada lovelace@example.com',
      'ada@@example.com',
      'ada@example',
      'ada@example.c',
      '@example.com',
      'ada@',
      `${'a'.repeat(65)}@example.com`,
      `ada@${'d'.repeat(250)}.com`,
    ];
    for (const address of refused) {
      assert.throws(
        () => normalizeEmail(address),
        (err: { code?: string }) => err.code === 'INVALID_USERNAME',
        JSON.stringify(address),
      );
    }
  });

  void it('limits names to 200 characters and stores them as given', async () => {
    const long = 'N'.repeat(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: ROUTES.signup,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: uniqueEmail(), name: long, company_name: 'C' }),
    });
    assertContractError({ status: refused.statusCode, body: refused.body }, 'VALIDATION_FAILED');
    const name = ` ${'é'.repeat(197)}🔑 `.slice(0, 200);
    const { auth } = await signUp(t, uniqueEmail('long-name'), { name, company_name: '  Ünï  ' });
    assert.equal(auth.user.name, name);
    assert.equal(auth.company.name, '  Ünï  ');
  });
});
