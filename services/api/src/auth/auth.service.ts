import type { AuthResponse, RegisterBody } from '@fractafrag/contracts';
import { conflict, unauthorized } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import { hashPassword, verifyPassword } from './password.ts';
import { ACCESS_TOKEN_TTL_SECONDS, type TokenService } from './tokens.ts';
import { findUserByLogin, insertUser, type UserRow } from './user.repository.ts';

export interface AuthDeps {
  pool: Pool;
  tokens: TokenService;
}

async function authResponse(tokens: TokenService, user: UserRow): Promise<AuthResponse> {
  return {
    accessToken: await tokens.issueAccessToken({ userId: user.id, role: user.role }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, username: user.username, email: user.email, role: user.role },
  };
}

export async function register({ pool, tokens }: AuthDeps, body: RegisterBody): Promise<AuthResponse> {
  const user = await insertUser(pool, {
    username: body.username,
    email: body.email,
    passwordHash: await hashPassword(body.password),
  });
  if (!user) throw conflict('That username or email is already registered: choose another or log in.');
  return authResponse(tokens, user);
}

// Verifying against a dummy hash keeps the timing of "no such user" close to "wrong password".
const DUMMY_HASH = hashPassword('not-a-real-password');

export async function login(
  { pool, tokens }: AuthDeps,
  credentials: { login: string; password: string },
): Promise<AuthResponse> {
  const user = await findUserByLogin(pool, credentials.login);
  const ok = await verifyPassword(user?.password_hash ?? (await DUMMY_HASH), credentials.password);
  if (!user || !user.password_hash || !ok) throw unauthorized('Wrong username/email or password.');
  return authResponse(tokens, user);
}
