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
} as const;

export type QueueName = keyof typeof QUEUES;
export const BULLMQ_PREFIX = 'fracta';
