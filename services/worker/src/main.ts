import path from 'node:path';
import { Redis } from 'ioredis';
import { BULLMQ_PREFIX, QUEUE_NAMES, type QueueName, type RenderJob } from '@fractafrag/contracts';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  dbEnv,
  handleShutdown,
  loadConfig,
  trackDbPool,
  redisEnv,
  rendererEnv,
  runtimeEnv,
  workerEnv,
} from '@fractafrag/core';
import { createPool } from '@fractafrag/db';
import { processDesireJob } from './desire.worker.ts';
import { registerEmbedTextRoutes } from './embed-text.routes.ts';
import { enqueueEmbed, processEmbedJob, reconcileEmbeddings } from './embed.worker.ts';
import { assertOneHandlerPerQueue, type JobHandlers } from './job-handlers.ts';
import { ensureSchedules, openQueues, startQueueWorkers } from './queue-workers.ts';
import { reconcileRenders } from './reconciler.ts';
import { enqueueRenderExtras } from './render-extras.queue.ts';
import { processRenderJob, recordExhaustedRetries, type RenderDeps } from './render.worker.ts';
import { processScoreJob } from './score.worker.ts';
import { processTasteJob } from './taste.worker.ts';
import { createWorkerMetrics } from './worker.metrics.ts';

const config = loadConfig({
  ...runtimeEnv,
  ...dbEnv,
  ...redisEnv,
  ...workerEnv,
  RENDER_TIMEOUT_MS: rendererEnv.RENDER_TIMEOUT_MS,
});
const logger = createLogger('worker', config.LOG_LEVEL);
const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_MAX, (err) =>
  logger.warn({ err: err.message }, 'idle database connection lost'),
);
const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));

const queues = openQueues(connection, BULLMQ_PREFIX);
const deps: RenderDeps = {
  pool,
  logger,
  rendererUrl: config.RENDERER_URL,
  rendersDir: path.resolve(config.RENDERS_DIR),
  requestTimeoutMs: config.RENDER_TIMEOUT_MS + 30_000,
  requestEmbed: (job) => enqueueEmbed(queues.embed, job, 'completed-or-failed'),
  requestExtras: config.RENDER_EXTRA_ARTIFACTS
    ? (job: RenderJob) => enqueueRenderExtras(queues.render, job)
    : undefined,
};
const metrics = createMetrics('worker');
trackDbPool(metrics, pool);
const jobMetrics = createWorkerMetrics(metrics.registry);
for (const name of QUEUE_NAMES) jobMetrics.trackQueueDepth(queues[name]);

const handlers: JobHandlers = {
  render: (job) => processRenderJob(deps, job),
  embed: (job) => processEmbedJob({ pool, logger, rendersDir: deps.rendersDir }, job),
  score: (job) => processScoreJob({ pool, logger }, job),
  taste: (job) => processTasteJob({ pool, logger }, job),
  desire: (job) => processDesireJob({ pool, logger }, job),
};
assertOneHandlerPerQueue(handlers);
/**
 * Renders wait on the renderer (its pool decides the real parallelism); embedding and taste are a
 * few milliseconds of CPU and SQL per job, so a little concurrency hides database latency; the
 * periodic jobs sweep whole tables and run one at a time.
 */
const concurrency: Record<QueueName, number> = {
  render: config.RENDER_CONCURRENCY,
  embed: 4,
  taste: 2,
  score: 1,
  desire: 1,
};
const workers = startQueueWorkers(handlers, {
  connection,
  prefix: BULLMQ_PREFIX,
  concurrency,
  stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
  logger,
  metrics: jobMetrics,
  onFailed: { render: (job, err) => recordExhaustedRetries(deps, job, err) },
});
logger.info({ scheduled: await ensureSchedules(queues) }, 'periodic jobs scheduled');

const reconcile = () =>
  reconcileRenders(pool, queues.render, logger).catch((err: unknown) =>
    logger.warn({ err: (err as Error).message }, 'reconcile failed'),
  );
const reconcileEmbeds = () =>
  reconcileEmbeddings(pool, queues.embed, logger).catch((err: unknown) =>
    logger.warn({ err: (err as Error).message }, 'embedding reconcile failed'),
  );
await reconcile();
await reconcileEmbeds();
const reconcileTimer = setInterval(() => {
  void reconcile();
  void reconcileEmbeds();
}, config.RECONCILE_INTERVAL_MS);

const lifecycle = { draining: false };
const app = createHttpApp({
  logger,
  metrics,
  lifecycle,
  readinessChecks: { postgres: () => pool.query('SELECT 1'), redis: () => connection.ping() },
});
registerEmbedTextRoutes(app);
const server = app.listen(config.WORKER_PORT, () =>
  logger.info({ port: config.WORKER_PORT }, 'worker listening'),
);
let workersClosed: Promise<unknown> = Promise.resolve();
handleShutdown({
  server,
  lifecycle,
  logger,
  timing: config,
  // Closing the workers takes no new jobs and waits for the active ones; a job cut off by the grace
  // period is stalled and runs again on another worker (or on this one after its restart).
  onDraining: () => {
    clearInterval(reconcileTimer);
    workersClosed = Promise.all(workers.map((w) => w.close()));
  },
  onDrain: async () => {
    await workersClosed;
    await Promise.all(QUEUE_NAMES.map((name) => queues[name].close()));
    connection.disconnect();
    await pool.end();
  },
});
