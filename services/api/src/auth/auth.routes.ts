import { Router } from 'express';
import { loginBodySchema, registerBodySchema } from '@fractafrag/contracts';
import { notFound } from '@fractafrag/core';
import { parse } from '../http/validate.ts';
import { currentUserId, requireAuth } from './auth.middleware.ts';
import { login, register, type AuthDeps } from './auth.service.ts';
import { findUserById } from './user.repository.ts';

export function authRoutes(deps: AuthDeps): Router {
  const router = Router();
  router.post('/auth/register', async (req, res) => {
    res.status(201).json(await register(deps, parse(registerBodySchema, req.body)));
  });
  router.post('/auth/login', async (req, res) => {
    res.json(await login(deps, parse(loginBodySchema, req.body)));
  });
  router.get('/me', requireAuth, async (req, res) => {
    const user = await findUserById(deps.pool, currentUserId(req));
    if (!user) throw notFound('User');
    res.json({ id: user.id, username: user.username, email: user.email, role: user.role });
  });
  return router;
}
