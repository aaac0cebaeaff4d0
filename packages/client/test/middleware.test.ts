// The Fastify, Express and Hono middleware in real services, against a real keyward: verify's
// data on the request, and refusals in keyward's own error body and status.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { createVerifier, type Verifier } from '../src/index.js';
import { keyward as expressKeyward } from '../src/express.js';
import { keyward as fastifyKeyward } from '../src/fastify.js';
import { keyward as honoKeyward, type KeywardEnv } from '../src/hono.js';
import { STREAM_KEY, signedUp, startDeployment, type Deployment } from './fixture.js';

interface Service {
  base: string;
  close(): Promise<void>;
}

type Options = { verifier: Verifier; scopes?: string[] };

/** The same protected route, `GET /whoami`, in each framework. */
const FRAMEWORKS: Record<string, (options: Options) => Promise<Service>> = {
  async fastify(options) {
    const app = Fastify();
    await app.register(fastifyKeyward, options);
    app.get('/whoami', (request) => ({ token_id: request.keyward?.token_id }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { base: baseOf(app.server), close: () => app.close() };
  },
  async express(options) {
    const app = express();
    app.use(expressKeyward(options));
    app.get('/whoami', (req, res) => {
      res.json({ token_id: req.keyward?.token_id });
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    return { base: baseOf(server), close: () => closeServer(server) };
  },
  async hono(options) {
    const app = new Hono<KeywardEnv>();
    app.use(honoKeyward(options));
    app.get('/whoami', (c) => c.json({ token_id: c.get('keyward').token_id }));
    const server = await new Promise<Server>((resolve) => {
      const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(listening as Server),
      );
    });
    return { base: baseOf(server), close: () => closeServer(server) };
  },
};

const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

async function whoami(service: Service, headers: Record<string, string> = {}) {
  const response = await fetch(`${service.base}/whoami`, { headers });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get('retry-after'),
  };
}

void describe('middleware', () => {
  let deployment: Deployment;
  let verifier: Verifier;
  let tokens: { plain: string; plainId: string; scoped: string; limited: string };
  before(async () => {
    deployment = await startDeployment();
    verifier = createVerifier({ baseUrl: deployment.a.base, eventStreamKey: STREAM_KEY });
    const { client } = await signedUp(deployment.a);
    const plain = await client.generateToken();
    const scoped = await client.generateToken({ scopes: ['agents:read'] });
    tokens = {
      plain: plain.token,
      plainId: plain.id,
      scoped: scoped.token,
      limited: (await client.generateToken({ rate_limit: '3/1h' })).token,
    };
  });
  after(async () => {
    verifier?.close();
    await deployment?.close();
  });

  for (const [name, start] of Object.entries(FRAMEWORKS)) {
    void describe(name, () => {
      let service: Service;
      let scopedService: Service;
      let unreachable: Service;
      const down = createVerifier({ baseUrl: 'http://127.0.0.1:9' });
      before(async () => {
        service = await start({ verifier });
        scopedService = await start({ verifier, scopes: ['agents:write'] });
        unreachable = await start({ verifier: down });
      });
      after(async () => {
        await Promise.all([service.close(), scopedService.close(), unreachable.close()]);
      });

      void it('puts verify data on the request for a valid token, either header', async () => {
        for (const header of ['token', 'api_access_token']) {
          const answer = await whoami(service, { [header]: tokens.plain });
          assert.deepEqual(answer, {
            status: 200,
            body: { token_id: tokens.plainId },
            retryAfter: null,
          });
        }
      });

      void it("answers refusals with keyward's body and status", async () => {
        const refused = async (svc: Service, headers: Record<string, string>) => {
          const answer = await whoami(svc, headers);
          return [answer.status, answer.body.error, answer.body.message];
        };
        assert.deepEqual(await refused(service, {}), [400, true, 'TOKEN_REQUIRED']);
        assert.deepEqual(await refused(service, { token: 'f'.repeat(64) }), [
          401,
          true,
          'INVALID_TOKEN',
        ]);
        assert.deepEqual(await refused(scopedService, { token: tokens.scoped }), [
          403,
          true,
          'INSUFFICIENT_SCOPE',
        ]);
        assert.deepEqual(await refused(unreachable, { token: tokens.plain }), [
          503,
          true,
          'SERVICE_UNAVAILABLE',
        ]);
      });

      void it('passes on a spent rate limit as 429 with Retry-After', async () => {
        let last: Awaited<ReturnType<typeof whoami>> | undefined;
        for (let i = 0; i < 10 && last?.status !== 429; i++) {
          last = await whoami(service, { token: tokens.limited });
        }
        assert.equal(last?.status, 429);
        assert.equal(last?.body.message, 'TOO_MANY_REQUESTS');
        assert.ok(Number(last?.retryAfter) > 0);
      });
    });
  }
});
