import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { BULLMQ_PREFIX, QUEUES } from '@fractafrag/contracts';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  dbEnv,
  handleShutdown,
  loadConfig,
  redisEnv,
  rendererEnv,
  runtimeEnv,
  workerEnv,
} from '@fractafrag/core';
import { createPool } from '@fractafrag/db';
import { decayDesireHeat, enqueueEmbed, processEmbedJob, reconcileEmbeddings } from './embed.worker.ts';
import { assertOneHandlerPerQueue, type JobHandlers } from './job-handlers.ts';
import { reconcileRenders } from './reconciler.ts';
import { processRenderJob, recordExhaustedRetries, type RenderDeps } from './render.worker.ts';
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

const embedQueue = new Queue(QUEUES.embed.name, { connection, prefix: BULLMQ_PREFIX });
const deps: RenderDeps = {
  pool,
  logger,
  rendererUrl: config.RENDERER_URL,
  rendersDir: path.resolve(config.RENDERS_DIR),
  requestTimeoutMs: config.RENDER_TIMEOUT_MS + 30_000,
  requestEmbed: (job) => enqueueEmbed(embedQueue, job, 'completed-or-failed'),
};
const metrics = createMetrics('worker');
const jobMetrics = createWorkerMetrics(metrics.registry);
const renderQueue = new Queue(QUEUES.render.name, { connection, prefix: BULLMQ_PREFIX });
jobMetrics.trackQueueDepth(renderQueue);
jobMetrics.trackQueueDepth(embedQueue);

const handlers: JobHandlers = {
  render: (job) => processRenderJob(deps, job),
  embed: (job) => processEmbedJob({ pool, logger }, job),
};
assertOneHandlerPerQueue(handlers);
/** Embedding is a few milliseconds of CPU per job; a little concurrency hides database latency. */
const EMBED_CONCURRENCY = 4;
/** Heat halves every 72 h; re-scoring open desires every 10 minutes keeps the order current. */
const HEAT_DECAY_INTERVAL_MS = 10 * 60_000;

const renderWorker = new Worker(QUEUES.render.name, handlers.render, {
  connection,
  prefix: BULLMQ_PREFIX,
  concurrency: config.RENDER_CONCURRENCY,
});
renderWorker.on('completed', (job, outcome) =>
  jobMetrics.jobOutcome(QUEUES.render.name, String(outcome), job),
);
renderWorker.on('failed', (job, err) => {
  if (!job) return;
  jobMetrics.jobOutcome(QUEUES.render.name, 'failed', job);
  logger.warn({ job_id: job.id, attempts: job.attemptsMade, err: err.message }, 'render job failed');
  recordExhaustedRetries(deps, job, err).catch((e: unknown) =>
    logger.error({ err: e }, 'could not record failure'),
  );
});
renderWorker.on('error', (err) => logger.error({ err: err.message }, 'render worker error'));

const embedWorker = new Worker(QUEUES.embed.name, handlers.embed, {
  connection,
  prefix: BULLMQ_PREFIX,
  concurrency: EMBED_CONCURRENCY,
});
embedWorker.on('completed', (job, outcome) => jobMetrics.jobOutcome(QUEUES.embed.name, String(outcome), job));
embedWorker.on('failed', (job, err) => {
  if (!job) return;
  jobMetrics.jobOutcome(QUEUES.embed.name, 'failed', job);
  logger.warn({ job_id: job.id, attempts: job.attemptsMade, err: err.message }, 'embed job failed');
});
embedWorker.on('error', (err) => logger.error({ err: err.message }, 'embed worker error'));

const reconcile = () =>
  reconcileRenders(pool, renderQueue, logger).catch((err: unknown) =>
    logger.warn({ err: (err as Error).message }, 'reconcile failed'),
  );
const reconcileEmbeds = () =>
  reconcileEmbeddings(pool, embedQueue, logger).catch((err: unknown) =>
    logger.warn({ err: (err as Error).message }, 'embedding reconcile failed'),
  );
const decayHeat = () =>
  decayDesireHeat(pool, logger).catch((err: unknown) =>
    logger.warn({ err: (err as Error).message }, 'desire heat decay failed'),
  );
await reconcile();
await reconcileEmbeds();
const reconcileTimer = setInterval(() => {
  void reconcile();
  void reconcileEmbeds();
}, config.RECONCILE_INTERVAL_MS);
const decayTimer = setInterval(() => void decayHeat(), HEAT_DECAY_INTERVAL_MS);

const lifecycle = { draining: false };
const app = createHttpApp({
  logger,
  metrics,
  lifecycle,
  readinessChecks: { postgres: () => pool.query('SELECT 1'), redis: () => connection.ping() },
});
const server = app.listen(config.WORKER_PORT, () =>
  logger.info({ port: config.WORKER_PORT }, 'worker listening'),
);
handleShutdown(
  server,
  lifecycle,
  logger,
  async () => {
    clearInterval(reconcileTimer);
    clearInterval(decayTimer);
    await Promise.all([renderWorker.close(), embedWorker.close()]);
    await renderQueue.close();
    await embedQueue.close();
    connection.disconnect();
    await pool.end();
  },
  30_000,
);
