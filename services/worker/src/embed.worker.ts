import path from 'node:path';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { QUEUES, type EmbedJob } from '@fractafrag/contracts';
import type { Logger } from '@fractafrag/core';
import { withTransaction, type Pool } from '@fractafrag/db';
import {
  addToCentroid,
  embedShader,
  embedText,
  fromPgVector,
  labelFromText,
  toPgVector,
} from '@fractafrag/embeddings';
import { extractVisualFeatures } from '@fractafrag/visual-features';
import {
  createCluster,
  findNearestCluster,
  findShaderText,
  findShaderThumbnail,
  findUnembedded,
  growCluster,
  lockClustering,
  lockDesireText,
  refreshDesireHeat,
  setDesireCluster,
  writeDesireEmbedding,
  writeShaderEmbedding,
  writeShaderVisual,
} from './embed.repository.ts';

/**
 * A desire joins the nearest cluster when the cosine similarity of its embedding to the cluster's
 * centroid is at least this; otherwise it founds a new cluster. Calibrated on the text embedding
 * (sentence encoder + words, packages/embeddings): paraphrases of one request score 0.65–0.96
 * ("ocean waves at sunset" / "calm sea at sunset" 0.66), requests sharing one word ("neon")
 * about 0.4, unrelated ones 0.15–0.35.
 */
export const DESIRE_CLUSTER_MIN_SIMILARITY = 0.55;

export interface EmbedDeps {
  pool: Pool;
  logger: Logger;
  /** Where thumbnails live (RENDERS_DIR); without it only text embeddings are computed. */
  rendersDir?: string;
}

export type EmbedJobOutcome =
  | 'shader-embedded'
  | 'shader-embedded-with-visual'
  | 'desire-joined-cluster'
  | 'desire-new-cluster'
  | 'desire-embedded'
  | 'missing';

/**
 * Computes one text embedding. A payload that does not parse fails for good; a shader edited
 * while it was being embedded is retried (BullMQ backoff), so the stored vector always matches
 * the stored text; a deleted entity finishes as 'missing'.
 */
export async function processEmbedJob(deps: EmbedDeps, job: Job): Promise<EmbedJobOutcome> {
  const parsed = QUEUES.embed.payload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid embed payload: ${parsed.error.message}`);
  const payload: EmbedJob = parsed.data;
  const log = deps.logger.child({
    job_id: job.id,
    [`${payload.kind}_id`]: payload.id,
    request_id: payload.requestId,
  });
  const outcome =
    payload.kind === 'shader'
      ? await embedShaderById(deps, payload.id, log)
      : await embedDesireById(deps, payload.id);
  log.info({ outcome }, 'embedding computed');
  return outcome;
}

async function embedShaderById(deps: EmbedDeps, shaderId: string, log: Logger): Promise<EmbedJobOutcome> {
  const text = await findShaderText(deps.pool, shaderId);
  if (!text) return 'missing';
  const vector = await embedShader({
    title: text.title,
    description: text.description,
    tags: text.tags,
    code: [text.common_code, ...text.passes.map((p) => p.code)],
  });
  const written = await writeShaderEmbedding(deps.pool, shaderId, text, toPgVector(vector));
  if (!written) {
    if (!(await findShaderText(deps.pool, shaderId))) return 'missing';
    throw new Error('the shader changed while it was being embedded; retrying with its new text');
  }
  return (await embedThumbnail(deps, shaderId, log)) ? 'shader-embedded-with-visual' : 'shader-embedded';
}

/**
 * The visual half: when the shader has a thumbnail, its visual embedding and perceptual hash
 * (packages/visual-features), written only if the thumbnail is still the one that was read (a newer
 * render enqueues its own embed job). A thumbnail file that is missing or unreadable is logged and
 * skipped, not retried: the text embedding stands, and the next render brings a new file.
 */
async function embedThumbnail(deps: EmbedDeps, shaderId: string, log: Logger): Promise<boolean> {
  if (!deps.rendersDir) return false;
  const thumbnail = await findShaderThumbnail(deps.pool, shaderId);
  if (!thumbnail) return false;
  const file = path.join(deps.rendersDir, thumbnail);
  let features;
  try {
    features = await extractVisualFeatures(file);
  } catch (err) {
    log.warn({ thumbnail, err: (err as Error).message }, 'thumbnail unreadable; visual embedding skipped');
    return false;
  }
  return writeShaderVisual(deps.pool, shaderId, thumbnail, toPgVector(features.embedding), features.hash);
}

/**
 * Embeds a desire and assigns its cluster in one transaction, under an advisory lock so that
 * assignments happen one at a time: nearest centroid at or above DESIRE_CLUSTER_MIN_SIMILARITY →
 * join it (centroid = running mean of its members, renormalised; size + 1); otherwise a new
 * cluster labelled with the prompt's first content words. Then the heat of the cluster's open
 * desires is recomputed (cluster size is part of heat). A desire that already has a cluster (a
 * retried job) keeps it.
 */
async function embedDesireById(deps: EmbedDeps, desireId: string): Promise<EmbedJobOutcome> {
  return withTransaction(deps.pool, async (client) => {
    await lockClustering(client);
    const desire = await lockDesireText(client, desireId);
    if (!desire) return 'missing';
    const vector = await embedText({ prompt: desire.prompt, details: desire.details, tags: desire.tags });
    const literal = toPgVector(vector);
    await writeDesireEmbedding(client, desireId, literal);
    if (desire.cluster_id) {
      await refreshDesireHeat(client, desire.cluster_id);
      return 'desire-embedded';
    }
    const nearest = await findNearestCluster(client, literal);
    let clusterId: string;
    let outcome: EmbedJobOutcome;
    if (nearest && nearest.similarity >= DESIRE_CLUSTER_MIN_SIMILARITY) {
      const centroid = addToCentroid(fromPgVector(nearest.centroid), nearest.size, vector);
      await growCluster(client, nearest.id, toPgVector(centroid));
      clusterId = nearest.id;
      outcome = 'desire-joined-cluster';
    } else {
      clusterId = await createCluster(client, labelFromText(desire.prompt), literal);
      outcome = 'desire-new-cluster';
    }
    await setDesireCluster(client, desireId, clusterId);
    await refreshDesireHeat(client, clusterId);
    return outcome;
  });
}

/**
 * Producer used by the worker itself (after a render, and by the reconciler). A finished job with
 * the same id is replaced when `replaceFinished` (so a new render re-embeds); the reconciler leaves
 * failed jobs alone (dead letters are retried by hand, not every interval).
 */
export async function enqueueEmbed(
  queue: Queue,
  job: EmbedJob,
  replaceFinished: 'completed' | 'completed-or-failed',
): Promise<boolean> {
  const spec = QUEUES.embed;
  const payload = spec.payload.parse(job);
  const jobId = spec.jobId(payload);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    const replace =
      state === 'completed' || (state === 'failed' && replaceFinished === 'completed-or-failed');
    if (!replace) return false;
    await existing.remove().catch(() => undefined);
  }
  await queue.add(spec.name, payload, {
    jobId,
    attempts: spec.retry.attempts,
    backoff: spec.retry.backoff,
    removeOnComplete: spec.keepCompleted,
    removeOnFail: false,
  });
  return true;
}

/** Enqueues an embedding for everything that has none yet (the seed shaders, a lost enqueue). */
export async function reconcileEmbeddings(
  pool: Pool,
  queue: Queue,
  logger: Logger,
  limit = 200,
): Promise<number> {
  let enqueued = 0;
  for (const item of await findUnembedded(pool, limit)) {
    if (await enqueueEmbed(queue, { kind: item.kind, id: item.id }, 'completed')) enqueued += 1;
  }
  if (enqueued > 0) logger.info({ enqueued }, 'reconciled missing embeddings');
  return enqueued;
}

/** Periodic decay: heat depends on age, so open desires are re-scored even when nothing happens. */
export async function decayDesireHeat(pool: Pool, logger: Logger): Promise<number> {
  const updated = await refreshDesireHeat(pool, null);
  logger.debug({ updated }, 'desire heat refreshed');
  return updated;
}
