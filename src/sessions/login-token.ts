import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { AppError } from '../errors.js';
import type { Keyring } from './keyring.js';

export const JWT_ISSUER = 'keyward';
export const JWT_AUDIENCE = 'keyward';

/** Header parameters that point a verifier at a key of the token's choosing: never honoured. */
const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'];

export interface LoginClaims {
  sub: string;
  sid: string;
  cid: string;
  wid: string;
}

/** Claims of a token whose signature and claims were checked, with its `exp` in seconds. */
export interface VerifiedClaims extends LoginClaims {
  exp: number;
}

export async function signLoginToken(
  keyring: Keyring,
  claims: LoginClaims,
  issuedAtMs: number,
  expiresAtMs: number,
): Promise<string> {
  const iat = Math.floor(issuedAtMs / 1000);
  return new SignJWT({ sid: claims.sid, cid: claims.cid, wid: claims.wid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyring.signing.kid })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .sign(keyring.signing.key);
}

/**
 * Checks a login token's signature, then its claims. jose verifies the signature before it
 * looks at the clock, so only a genuine token can be SESSIONEXPIRED; anything else is
 * INVALID_LOGIN_TOKEN.
 */
export async function verifyLoginToken(
  keyring: Keyring,
  token: string,
  nowMs: number,
): Promise<VerifiedClaims> {
  try {
    const header = decodeProtectedHeader(token);
    if (FORBIDDEN_HEADERS.some((name) => name in header)) throw new AppError('INVALID_LOGIN_TOKEN');
    const { payload } = await jwtVerify(
      token,
      (protectedHeader) => {
        const key = protectedHeader.kid ? keyring.verifying.get(protectedHeader.kid) : undefined;
        if (!key) throw new AppError('INVALID_LOGIN_TOKEN');
        return key;
      },
      {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        currentDate: new Date(nowMs),
        requiredClaims: ['sub', 'sid', 'cid', 'wid', 'iat', 'nbf', 'exp'],
      },
    );
    const { sub, sid, cid, wid, exp } = payload;
    if (![sub, sid, cid, wid].every((v) => typeof v === 'string') || typeof exp !== 'number') {
      throw new AppError('INVALID_LOGIN_TOKEN');
    }
    return { sub, sid, cid, wid, exp } as VerifiedClaims;
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new AppError('SESSIONEXPIRED');
    if (err instanceof AppError) throw err;
    throw new AppError('INVALID_LOGIN_TOKEN', { cause: err });
  }
}
