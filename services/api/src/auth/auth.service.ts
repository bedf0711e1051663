import type { RegisterBody } from '@fractafrag/contracts';
import { conflict, unauthorized } from '@fractafrag/core';
import { hashPassword, verifyPassword } from './password.ts';
import { type Session, type SessionDeps, startSession } from './session.service.ts';
import { findUserByLogin, insertUser } from './user.repository.ts';

export type AuthDeps = SessionDeps;

export async function register(deps: AuthDeps, body: RegisterBody): Promise<Session> {
  const user = await insertUser(deps.pool, {
    username: body.username,
    email: body.email,
    passwordHash: await hashPassword(body.password),
  });
  if (!user) throw conflict('That username or email is already registered: choose another or log in.');
  return startSession(deps, user);
}

// Verifying against a dummy hash keeps the timing of "no such user" close to "wrong password".
const DUMMY_HASH = hashPassword('not-a-real-password');

export async function login(
  deps: AuthDeps,
  credentials: { login: string; password: string },
): Promise<Session> {
  const user = await findUserByLogin(deps.pool, credentials.login);
  const ok = await verifyPassword(user?.password_hash ?? (await DUMMY_HASH), credentials.password);
  if (!user || !user.password_hash || !ok) throw unauthorized('Wrong username/email or password.');
  return startSession(deps, user);
}
