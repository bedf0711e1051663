import { Router } from 'express';
import { listQuerySchema } from '@fractafrag/contracts';
import { parse } from '../http/validate.ts';
import { newestShaders, type ShaderDeps } from '../shaders/shader.service.ts';

export function feedRoutes(deps: ShaderDeps): Router {
  const router = Router();
  router.get('/feed/new', async (req, res) => {
    const query = parse(listQuerySchema, req.query, 'query');
    res.json(await newestShaders(deps, query.limit, query.cursor));
  });
  return router;
}
