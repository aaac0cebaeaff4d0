export { KeywardClient, type KeywardClientOptions } from './client.js';
export { CLIENT_ERROR_CODES, KeywardError, type KeywardErrorInit } from './errors.js';
export {
  FALLBACK_CACHE_MS,
  createVerifier,
  type Verifier,
  type VerifierOptions,
  type VerifyOptions,
} from './verifier.js';
export type * from './types.js';
export type { paths, components } from './generated/openapi.js';
