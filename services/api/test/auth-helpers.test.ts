import { createHash } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createApiKeyBodySchema, updateMeBodySchema } from '@fractafrag/contracts';
import { AppError } from '@fractafrag/core';
import { generateApiKey, hashApiKey, looksLikeApiKey } from '../src/auth/api-key.ts';
import { generateRefreshToken, hashRefreshToken, looksLikeRefreshToken } from '../src/auth/refresh-token.ts';
import { createTokenService } from '../src/auth/tokens.ts';

const SECRET = 'unit-test-secret-0123456789';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('access tokens', () => {
  const tokens = createTokenService(SECRET);

  it('round-trips the user id and role', async () => {
    const token = await tokens.issueAccessToken({ userId: 'u-1', role: 'moderator' });
    await expect(tokens.verifyAccessToken(token)).resolves.toEqual({ userId: 'u-1', role: 'moderator' });
  });

  it('rejects an expired token with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: 'user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .setIssuer('fractafrag')
      .setExpirationTime(now - 1)
      .sign(new TextEncoder().encode(SECRET));
    expect((await rejection(tokens.verifyAccessToken(expired))).status).toBe(401);
  });

  it('rejects a token signed with another secret, another issuer or no signature', async () => {
    const foreign = await createTokenService('another-secret-0123456789').issueAccessToken({
      userId: 'u',
      role: 'admin',
    });
    const wrongIssuer = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('someone-else')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject('u').setIssuer('fractafrag').encode();
    for (const token of [foreign, wrongIssuer, unsigned, 'garbage']) {
      expect((await rejection(tokens.verifyAccessToken(token))).status).toBe(401);
    }
  });
});

describe('API keys', () => {
  it('have the shape ff_<8-char prefix>_<32-char secret>, and the prefix is the start of the key', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^ff_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(hash).toBe(sha256(key));
    expect(hashApiKey(key)).toBe(hash);
  });

  it('are unique', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });

  it('are told apart from access tokens by their ff_ start', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});

describe('refresh tokens', () => {
  it('are 43 base64url characters (256 bits) stored as their sha256', () => {
    const { token, hash } = generateRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(sha256(token));
    expect(hashRefreshToken(token)).toBe(hash);
    expect(generateRefreshToken().token).not.toBe(token);
  });

  it('refuse anything else as a cookie value before it reaches the database', () => {
    expect(looksLikeRefreshToken(generateRefreshToken().token)).toBe(true);
    for (const value of [undefined, '', 'short', 'A'.repeat(44), `${'A'.repeat(42)}=`, 42]) {
      expect(looksLikeRefreshToken(value)).toBe(false);
    }
  });
});

describe('PATCH /me body', () => {
  it('trims text and turns empty strings into null (clear the field)', () => {
    expect(updateMeBodySchema.parse({ displayName: '  Ada ', bio: '', avatarUrl: '' })).toEqual({
      displayName: 'Ada',
      bio: null,
      avatarUrl: null,
    });
  });

  it('accepts only http and https URLs', () => {
    expect(updateMeBodySchema.safeParse({ websiteUrl: 'https://example.com/x' }).success).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com', 'example.com']) {
      expect(updateMeBodySchema.safeParse({ websiteUrl: url }).success).toBe(false);
    }
  });

  it('requires currentPassword for an email or password change, and at least one change', () => {
    expect(updateMeBodySchema.safeParse({ email: 'a@example.com' }).success).toBe(false);
    expect(updateMeBodySchema.safeParse({ newPassword: 'long-enough-1' }).success).toBe(false);
    expect(updateMeBodySchema.safeParse({ newPassword: 'long-enough-1', currentPassword: 'x' }).success).toBe(
      true,
    );
    expect(updateMeBodySchema.safeParse({ currentPassword: 'x' }).success).toBe(false);
  });
});

describe('API key body', () => {
  it('defaults to the read scope, and write implies read', () => {
    expect(createApiKeyBodySchema.parse({ name: ' bot ' })).toEqual({ name: 'bot', scopes: ['read'] });
    expect(createApiKeyBodySchema.parse({ name: 'bot', scopes: ['write'] }).scopes).toEqual([
      'read',
      'write',
    ]);
    expect(createApiKeyBodySchema.parse({ name: 'bot', scopes: ['read', 'read'] }).scopes).toEqual(['read']);
  });
});
