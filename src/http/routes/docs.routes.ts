// The API reference at /docs: Swagger UI rendering /openapi.json, under a policy of its own. Swagger
// UI's files are streamed from swagger-ui-dist per request, never loaded or kept: an instance pays
// for the page only while someone is reading it.
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

const DOCS_PATH = '/docs';

/** Swagger UI's files and the initializer, under the page's own address. */
const DOCS_STATIC = `${DOCS_PATH}/static/`;

/**
 * swagger-ui-dist's folder, found through its package.json: its main module would load the whole
 * 1.5 MB bundle into the process.
 */
export const SWAGGER_UI_DIR = path.dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

/** The files of swagger-ui-dist the page uses; its demo page, other bundles and maps stay out. */
export const SWAGGER_UI_FILES = [
  'swagger-ui.css',
  'index.css',
  'favicon-32x32.png',
  'favicon-16x16.png',
  'swagger-ui-bundle.js',
];

const SERVED = new Set(SWAGGER_UI_FILES.map((file) => `/${file}`));

/**
 * This origin's scripts, styles and document only: nothing inline (Swagger UI sets styles through
 * the DOM's style properties, which a policy does not govern), no plugins, never framed. No
 * upgrade-insecure-requests: served over plain HTTP, as on a developer's machine, it would block
 * every script.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The page. Its files are named relative to /docs/, or from the root when asked for as /docs,
 * where a relative name would resolve beside it.
 */
function page(request: FastifyRequest): string {
  const pathname = request.url.split('?', 1)[0] ?? '';
  const assets = pathname.endsWith('/') ? './static/' : DOCS_STATIC;
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>keyward API</title>
    <link rel="stylesheet" type="text/css" href="${assets}swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${assets}index.css" />
    <link rel="icon" type="image/png" href="${assets}favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${assets}favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${assets}swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${assets}swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;
}

/**
 * Swagger UI over the document, found from the script's own address (…/docs/static/), so that
 * /docs and /docs/ alike reach /openapi.json. BaseLayout leaves out the top bar: its logo is an
 * SVG with an inline <style>, which the policy refuses, and its box to load another document has
 * no use here; the standalone preset, which brings that bar and its layout, is not loaded.
 */
const INITIALIZER = `SwaggerUIBundle({
  url: new URL('../../openapi.json', document.currentScript.src).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: 'BaseLayout',
  validatorUrl: null,
});
`;

export const docsRoutes: FastifyPluginAsync = async (app) => {
  // After the app-wide hook that set the API's headers: what this plugin serves replaces them.
  // Swagger UI's file names carry no version: a browser revalidates them (ETag, Last-Modified),
  // so an upgrade is seen at once and an unchanged file costs a 304.
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode >= 400) return;
    reply.header('content-security-policy', DOCS_CSP);
    reply.header('cache-control', 'no-cache');
  });

  // The app ignores trailing slashes: this route answers /docs and /docs/.
  app.get(DOCS_PATH, { schema: { hide: true } }, (request, reply) =>
    reply.type('text/html; charset=utf-8').send(page(request)),
  );
  app.get(`${DOCS_STATIC}swagger-initializer.js`, { schema: { hide: true } }, (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INITIALIZER),
  );
  await app.register(fastifyStatic, {
    root: SWAGGER_UI_DIR,
    prefix: DOCS_STATIC,
    allowedPath: (pathname) => SERVED.has(pathname),
    // Cache-Control is set above.
    cacheControl: false,
    index: false,
    dotfiles: 'ignore',
    // Nothing here calls reply.sendFile.
    decorateReply: false,
    schemaHide: true,
  });
};
