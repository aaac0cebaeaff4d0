// The bare route every keyward figure is compared with: the floor cost of Node HTTP + Fastify +
// JSON for a key check.
//   POST /api/v1/global/verify  header `token` → sha256 hex → Map lookup
//   POST /api/v1/global/keys    mints a token (the bench calls it once)
//   GET  /healthz               so the bench can wait for it like for keyward
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');

const keys = new Map(); // sha256 hex → { userId, keyId }
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

// a few thousand unrelated keys so the lookup is not against a 1-entry map
for (let i = 0; i < 5000; i++) {
  keys.set(sha256(randomBytes(32).toString('hex')), { userId: randomUUID(), keyId: randomUUID() });
}

const app = Fastify({ logger: false });

app.post('/api/v1/global/verify', async (req, reply) => {
  const token = req.headers.token;
  const hit = typeof token === 'string' && token.length > 0 ? keys.get(sha256(token)) : undefined;
  if (!hit) return reply.code(401).send({ message: 'invalid api key', data: null });
  return { message: 'ok', data: { userId: hit.userId, keyId: hit.keyId } };
});

app.post('/api/v1/global/keys', async () => {
  const token = randomBytes(32).toString('hex');
  const entry = { userId: randomUUID(), keyId: randomUUID() };
  keys.set(sha256(token), entry);
  return { token, ...entry };
});

app.get('/healthz', async () => ({ status: 'ok' }));

await app.listen({ host: '127.0.0.1', port });
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => void app.close().then(() => process.exit(0)));
}
