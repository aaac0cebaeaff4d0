export { KeywardClient, type KeywardClientOptions } from './client.js';
export { CLIENT_ERROR_CODES, KeywardError, type KeywardErrorInit } from './errors.js';
export type * from './types.js';
export type { paths, components } from './generated/openapi.js';
