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
});
export type RenderJob = z.infer<typeof renderJobSchema>;

/** (Re)compute one text embedding: a shader's (title, description, tags, code) or a desire's. */
export const embedJobSchema = z.object({
  kind: z.enum(['shader', 'desire']),
  id: z.uuid(),
  requestId: z.string().optional(),
});
export type EmbedJob = z.infer<typeof embedJobSchema>;

export interface RetryPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
}

export interface QueueSpec<S extends z.ZodType> {
  name: string;
  payload: S;
  jobId: (payload: z.infer<S>) => string;
  retry: RetryPolicy;
  /** Completed jobs kept (for dedup and inspection); failed jobs are kept as dead letters. */
  keepCompleted: number;
}

const defineQueue = <S extends z.ZodType>(spec: QueueSpec<S>) => spec;

export const QUEUES = {
  render: defineQueue({
    name: 'render',
    payload: renderJobSchema,
    // shader, version and code hash: an identical resubmission collapses into the pending job.
    // (BullMQ refuses ':' in custom job ids, hence the dashes.)
    jobId: (p: RenderJob) => `render-${p.shaderId}-v${p.version}-${p.codeHash.slice(0, 16)}`,
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
} as const;

export type QueueName = keyof typeof QUEUES;
export const BULLMQ_PREFIX = 'fracta';
