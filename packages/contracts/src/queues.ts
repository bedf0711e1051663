import { z } from 'zod';

/**
 * The queue catalogue: every queue, its payload schema, job-id rule and retry policy, defined once.
 * Producers (api) and consumers (worker) both import it; the worker parses payloads again on consume.
 * New payload fields must be optional so jobs survive rolling deploys.
 */
export const renderJobSchema = z.object({
  shaderId: z.uuid(),
  version: z.number().int().min(1),
  codeHash: z.string().min(8),
  requestId: z.string().optional(),
  /**
   * Absent: the thumbnail (the shader is ready once it is recorded). Present: only these extra
   * artifacts of a version whose thumbnail is done, queued after it at a lower priority so that
   * waiting thumbnails always go first.
   */
  artifacts: z
    .array(z.enum(['poster', 'preview']))
    .min(1)
    .optional(),
});
export type RenderJob = z.infer<typeof renderJobSchema>;
/** BullMQ runs jobs without a priority before any prioritized one; higher numbers run later. */
export const RENDER_EXTRAS_PRIORITY = 10;

/** (Re)compute one text embedding: a shader's (title, description, tags, code) or a desire's. */
export const embedJobSchema = z.object({
  kind: z.enum(['shader', 'desire']),
  id: z.uuid(),
  requestId: z.string().optional(),
});
export type EmbedJob = z.infer<typeof embedJobSchema>;

/** Recompute every published shader's hot score (decay), `batch` rows per statement. */
export const scoreJobSchema = z.object({
  batch: z.number().int().min(1).max(5000).optional(),
  requestId: z.string().optional(),
});
export type ScoreJob = z.infer<typeof scoreJobSchema>;

/**
 * Recompute one user's taste vector from their votes, replays and long dwells. `window` is the
 * debounce window the triggering event fell into (see tasteJobFor): one job per user and window.
 */
export const tasteJobSchema = z.object({
  userId: z.uuid(),
  window: z.number().int().min(0),
  requestId: z.string().optional(),
});
export type TasteJob = z.infer<typeof tasteJobSchema>;

/** Desire upkeep: expire open desires past expires_at (refunding their tips), then decay heat. */
export const DESIRE_TASKS = ['expire', 'heat'] as const;
export const desireJobSchema = z.object({
  tasks: z.array(z.enum(DESIRE_TASKS)).min(1).max(DESIRE_TASKS.length),
  requestId: z.string().optional(),
});
export type DesireJob = z.infer<typeof desireJobSchema>;

export interface RetryPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
}

/** A repeatable job: the worker upserts a BullMQ job scheduler with this id at start. */
export interface Schedule<P> {
  /** Scheduler id; its jobs get the ids `repeat:<id>:<run time in ms>`, one per run. */
  id: string;
  everyMs: number;
  payload: P;
}

export interface QueueSpec<S extends z.ZodType> {
  name: string;
  payload: S;
  jobId: (payload: z.infer<S>) => string;
  retry: RetryPolicy;
  /** Completed jobs kept (for dedup and inspection). */
  keepCompleted: number;
  /**
   * Failed jobs are dead letters, kept for an admin to inspect and retry; only a periodic queue,
   * whose next run redoes the work anyway, caps how many it keeps.
   */
  keepFailed?: number;
  schedule?: Schedule<z.infer<S>>;
}

const defineQueue = <S extends z.ZodType>(spec: QueueSpec<S>) => spec;

/** A burst of a user's votes and events within this long makes one taste job. */
export const TASTE_DEBOUNCE_MS = 30_000;
/** Hot scores halve every 48 h; a refresh every 10 minutes moves any score by at most 0.25 %. */
export const SCORE_REFRESH_EVERY_MS = 10 * 60_000;
/** Heat halves every 72 h and desires expire by the day: every 10 minutes is plenty for both. */
export const DESIRE_UPKEEP_EVERY_MS = 10 * 60_000;

export const QUEUES = {
  render: defineQueue({
    name: 'render',
    payload: renderJobSchema,
    // shader, version and code hash: an identical resubmission collapses into the pending job.
    // (BullMQ refuses ':' in custom job ids, hence the dashes.)
    jobId: (p: RenderJob) =>
      `render-${p.artifacts ? 'extras-' : ''}${p.shaderId}-v${p.version}-${p.codeHash.slice(0, 16)}`,
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
    keepCompleted: 1000,
  }),
  embed: defineQueue({
    name: 'embed',
    payload: embedJobSchema,
    // One pending job per entity: the worker always reads the entity's current text, so a second
    // edit while the first job waits is covered by it. Producers clear a finished job with the
    // same id before adding (see the API's embed-queue.ts), so a later edit is embedded again.
    jobId: (p: EmbedJob) => `embed-${p.kind}-${p.id}`,
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
    keepCompleted: 1000,
  }),
  score: defineQueue({
    name: 'score',
    payload: scoreJobSchema,
    // Scheduled runs carry BullMQ's `repeat:score-refresh:<ms>` ids; this rule names a manual run.
    jobId: () => `score-refresh-manual`,
    retry: { attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
    keepCompleted: 100,
    keepFailed: 500,
    schedule: { id: 'score-refresh', everyMs: SCORE_REFRESH_EVERY_MS, payload: { batch: 500 } },
  }),
  taste: defineQueue({
    name: 'taste',
    payload: tasteJobSchema,
    // One job per user and debounce window, delayed to the window's end: every event of the
    // window collapses into it, and an event after the job started lands in the next window.
    jobId: (p: TasteJob) => `taste-${p.userId}-${p.window}`,
    retry: { attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
    keepCompleted: 1000,
  }),
  desire: defineQueue({
    name: 'desire',
    payload: desireJobSchema,
    jobId: (p: DesireJob) => `desire-${p.tasks.join('-')}-manual`,
    retry: { attempts: 3, backoff: { type: 'exponential', delay: 5000 } },
    keepCompleted: 100,
    keepFailed: 500,
    schedule: {
      id: 'desire-upkeep',
      everyMs: DESIRE_UPKEEP_EVERY_MS,
      payload: { tasks: ['expire', 'heat'] },
    },
  }),
} as const;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
export const BULLMQ_PREFIX = 'fracta';

/** BullMQ job options for a catalogued queue (attempts, backoff, what is kept). */
export function jobOptions(spec: Pick<QueueSpec<z.ZodType>, 'retry' | 'keepCompleted' | 'keepFailed'>) {
  return {
    attempts: spec.retry.attempts,
    backoff: spec.retry.backoff,
    removeOnComplete: spec.keepCompleted,
    removeOnFail: spec.keepFailed ?? false,
  };
}

/** A stable per-user offset, so windows of different users do not all end at the same instant. */
function userOffsetMs(userId: string, windowMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % windowMs;
}

/**
 * The debounced taste job for an event by `userId` at `now`: its payload, job id and the delay
 * until its window ends. Every call within one window yields the same job id.
 */
export function tasteJobFor(
  userId: string,
  now = Date.now(),
  windowMs = TASTE_DEBOUNCE_MS,
): { payload: TasteJob; jobId: string; delay: number } {
  const shifted = now + userOffsetMs(userId, windowMs);
  const window = Math.floor(shifted / windowMs);
  const payload = QUEUES.taste.payload.parse({ userId, window });
  return { payload, jobId: QUEUES.taste.jobId(payload), delay: (window + 1) * windowMs - shifted };
}
