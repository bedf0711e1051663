import { z } from 'zod';
import { QUEUE_NAMES, type QueueName } from './queues.ts';

/** Admin views of the job queues: counts, dead letters (failed jobs), retries, the dashboard. */
export const queueNameSchema = z
  .enum(QUEUE_NAMES as [QueueName, ...QueueName[]])
  .describe('A queue of the catalogue: render, embed, score, taste or desire');

export const queueCountsSchema = z.object({
  waiting: z.number().int(),
  prioritized: z.number().int().describe('Waiting behind the others (render: posters and previews)'),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
  paused: z.number().int(),
});

export const queueSummarySchema = z.object({
  name: queueNameSchema,
  counts: queueCountsSchema,
});
export const queueSummaryListSchema = z.object({ items: z.array(queueSummarySchema) });
export type QueueSummary = z.infer<typeof queueSummarySchema>;

export const failedJobSchema = z.object({
  id: z.string(),
  name: z.string(),
  data: z.unknown().describe('The job payload, as enqueued'),
  failedReason: z.string(),
  attemptsMade: z.number().int(),
  attempts: z.number().int().describe('Attempts allowed by the retry policy'),
  createdAt: z.iso.datetime(),
  failedAt: z.iso.datetime().nullable(),
  stacktrace: z.array(z.string()).describe('One entry per failed attempt, newest last (truncated)'),
});
export type FailedJob = z.infer<typeof failedJobSchema>;

export const failedJobsPageSchema = z.object({
  queue: queueNameSchema,
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(failedJobSchema),
});
export type FailedJobsPage = z.infer<typeof failedJobsPageSchema>;

export const retryFailedBodySchema = z.object({
  jobId: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .describe('Retry only this failed job; without it every failed job of the queue is retried'),
});
export type RetryFailedBody = z.infer<typeof retryFailedBodySchema>;

export const retryFailedResultSchema = z.object({
  queue: queueNameSchema,
  retried: z.number().int(),
  jobIds: z.array(z.string()),
});
export type RetryFailedResult = z.infer<typeof retryFailedResultSchema>;

export const dashboardLinkSchema = z.object({
  url: z.string().describe('Open within a minute; it works once and then sets a dashboard session cookie'),
  expiresAt: z.iso.datetime(),
});
export type DashboardLink = z.infer<typeof dashboardLinkSchema>;

export const failedJobsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0).describe('Skip this many, newest first'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('At most 100'),
});
