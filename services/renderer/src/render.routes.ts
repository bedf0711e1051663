import {
  RENDER_HEADERS,
  renderRequestSchema,
  validateRequestSchema,
  type RenderFailure,
} from '@fractafrag/contracts';
import { Router, type ErrorRequestHandler } from 'express';
import { AppError } from '@fractafrag/core';
import { PrecheckUnavailableError } from './glslang-precheck.ts';
import { renderShader, validateShader, type RenderDeps } from './render.service.ts';

const FAILURE_STATUS: Record<RenderFailure['outcome'], number> = {
  compile_error: 422,
  timeout: 504,
  crashed: 500,
};

export function renderRoutes(deps: RenderDeps): Router {
  const router = Router();

  router.post('/render', async (req, res) => {
    const result = await renderShader(deps, renderRequestSchema.parse(req.body), req.log);
    if (result.outcome !== 'ok') {
      res.status(FAILURE_STATUS[result.outcome]).json(result);
      return;
    }
    res
      .status(200)
      .set({
        'content-type': result.contentType,
        'cache-control': 'no-store',
        [RENDER_HEADERS.renderMs]: String(result.renderMs),
        [RENDER_HEADERS.blank]: String(result.blank),
        [RENDER_HEADERS.avgColor]: result.avgColor,
        [RENDER_HEADERS.compileMs]: result.timings.compileMs.toFixed(1),
        [RENDER_HEADERS.drawMs]: result.timings.drawMs.toFixed(1),
        [RENDER_HEADERS.encodeMs]: result.timings.encodeMs.toFixed(1),
        [RENDER_HEADERS.frames]: String(result.frames),
      })
      .send(result.image);
  });

  router.post('/validate', async (req, res) => {
    const { source } = validateRequestSchema.parse(req.body);
    res.json(await validateShader(deps, source));
  });

  router.use(precheckUnavailable);
  return router;
}

/** The validator broke after start-up (removed, say): retry later, the shader is not at fault. */
const precheckUnavailable: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (!(err instanceof PrecheckUnavailableError)) return next(err);
  req.log.error({ err: err.message }, 'GLSL pre-check unavailable');
  res.setHeader('Retry-After', '5');
  next(
    new AppError(503, 'precheck_unavailable', 'The renderer cannot check shaders right now; retry later.'),
  );
};
