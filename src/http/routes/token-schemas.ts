// Schemas of what an API token carries, shared by minting, verify and token management.
import { Type } from 'typebox';
import {
  MAX_METADATA_BYTES,
  MAX_SCOPES,
  RATE_LIMIT_PATTERN,
  SCOPE_PATTERN,
} from '../../api-tokens/capabilities.js';
import { toIso } from '../../lib/clock.js';
import { Nullable } from '../schemas.js';

export const TokenOwner = Type.Union([Type.Literal('user'), Type.Literal('workspace')], {
  description: "'workspace': a service token, held by the workspace, not by a person",
});

export const Scopes = Type.Array(Type.String({ pattern: SCOPE_PATTERN }), {
  maxItems: MAX_SCOPES,
  uniqueItems: true,
});

export const Metadata = Type.Record(Type.String(), Type.Unknown(), {
  description: `Any JSON object up to ${MAX_METADATA_BYTES} bytes; handed back by verify and shown in listings: never a secret`,
});

/** Scopes, metadata and rate limit as a client sends them; null clears one (on update). */
export const Capabilities = {
  scopes: Type.Optional(Nullable(Scopes)),
  metadata: Type.Optional(Nullable(Metadata)),
  rate_limit: Type.Optional(
    Nullable(
      Type.String({
        pattern: RATE_LIMIT_PATTERN,
        description: 'COUNT/DURATION of successful verifies, e.g. 1000/1m (s, m, h, d)',
      }),
    ),
  ),
};

export const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));
