import { Router } from 'express';
import { createShaderBodySchema, listQuerySchema } from '@fractafrag/contracts';
import { currentUserId, requireAuth } from '../auth/auth.middleware.ts';
import { parse } from '../http/validate.ts';
import { createShader, getShader, newestShaders, type ShaderDeps } from './shader.service.ts';

export function shaderRoutes(deps: ShaderDeps): Router {
  const router = Router();
  router.post('/shaders', requireAuth, async (req, res) => {
    const body = parse(createShaderBodySchema, req.body);
    const shader = await createShader(deps, currentUserId(req), body, req.id);
    res.status(201).location(`/api/v1/shaders/${shader.id}`).json(shader);
  });
  router.get('/shaders', async (req, res) => {
    const query = parse(listQuerySchema, req.query, 'query');
    res.json(await newestShaders(deps, query.limit, query.cursor));
  });
  router.get('/shaders/:id', async (req, res) => {
    res.json(await getShader(deps, req.params.id, req.auth?.userId));
  });
  return router;
}
