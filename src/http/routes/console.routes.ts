// The console (packages/console, built by `npm ci`) served at /console/ under a policy of its own:
// the API's `default-src 'none'` would stop the page from loading its script and styles.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export { CONSOLE_DIR } from '../../package-files.js';

export const CONSOLE_PATH = '/console/';

/** Everything from this origin, nothing inline, nothing from elsewhere, never framed. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Vite names every file under assets/ by its content's hash: a new build is a new name. */
const HASHED = /^\/console\/assets\//;

export const consoleRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect(CONSOLE_PATH, 302));

  if (!fs.existsSync(path.join(root, 'index.html'))) {
    // The API works without it; /console/ then answers 404 NOT_FOUND like any unknown path.
    app.log.warn(
      { consoleDir: root },
      'console not built (npm run build -w @keyward/console): /console/ answers 404',
    );
    return;
  }

  // After the app-wide hook that set the API's headers: a file served from here replaces them.
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 || !request.url.startsWith('/console')) return;
    reply.header('content-security-policy', CONSOLE_CSP);
    // The body depends on Accept-Encoding (brotli, gzip or neither): caches must keep them apart.
    reply.header('vary', 'accept-encoding');
    reply.header(
      'cache-control',
      HASHED.test(request.url) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  });
  await app.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PATH,
    index: ['index.html'],
    // Cache-Control is set above, per kind of file.
    cacheControl: false,
    // The build writes .br and .gz copies beside each file: sent to browsers that accept them.
    preCompressed: true,
    dotfiles: 'ignore',
    schemaHide: true,
  });
  // The app ignores trailing slashes, so /console/ is /console to the router, which the wildcard
  // route above does not match: the page itself gets a route of its own.
  app.get('/console', { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('index.html'),
  );
};
