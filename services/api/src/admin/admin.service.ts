import {
  QUEUE_NAMES,
  type DashboardLink,
  type FailedJob,
  type FailedJobsPage,
  type QueueName,
  type QueueSummary,
  type RetryFailedResult,
} from '@fractafrag/contracts';
import { AppError, conflict, forbidden, unauthorized, type Logger } from '@fractafrag/core';
import type { Pool } from '@fractafrag/db';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AuthContext } from '../auth/auth-context.ts';
import {
  countJobs,
  failedJobIds,
  findFailedJobs,
  retryFailedJob,
  type AdminQueues,
} from '../queue/admin-queues.ts';
import {
  findDashboardSession,
  findUserRole,
  redeemDashboardLink,
  storeDashboardSecret,
} from './admin.repository.ts';

export interface AdminDeps {
  pool: Pool;
  redis: Redis;
  queues: AdminQueues;
  logger: Logger;
  publicUrl: string;
}

/** Where the queue dashboard is mounted (outside /api/v1: it is a UI, not part of the REST API). */
export const DASHBOARD_PATH = '/api/admin/queues';
export const DASHBOARD_LINK_TTL_SECONDS = 60;
export const DASHBOARD_SESSION_TTL_SECONDS = 60 * 60;
/** "Retry all" moves at most this many dead letters per call. */
export const RETRY_ALL_MAX = 10_000;

export function assertAdmin(auth: AuthContext): void {
  if (auth.role !== 'admin') throw forbidden('Only admins can see and retry queue jobs.');
}

function queueOrNotFound(deps: AdminDeps, name: string): QueueName {
  if (!(QUEUE_NAMES as string[]).includes(name)) {
    throw new AppError(404, 'not_found', `Queue not found: use one of ${QUEUE_NAMES.join(', ')}.`);
  }
  return name as QueueName;
}

export async function listQueues(deps: AdminDeps, auth: AuthContext): Promise<{ items: QueueSummary[] }> {
  assertAdmin(auth);
  const items = await Promise.all(
    QUEUE_NAMES.map(async (name) => ({ name, counts: await countJobs(deps.queues[name]) })),
  );
  return { items };
}

const STACK_FRAMES_SHOWN = 3;
const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

function toFailedJob(job: Job): FailedJob {
  return {
    id: job.id ?? '',
    name: job.name,
    data: job.data,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp).toISOString(),
    failedAt: iso(job.finishedOn),
    // Only the first lines of each trace: the message and where it was thrown.
    stacktrace: (job.stacktrace ?? []).map((s) => s.split('\n').slice(0, STACK_FRAMES_SHOWN).join('\n')),
  };
}

export async function listFailedJobs(
  deps: AdminDeps,
  auth: AuthContext,
  name: string,
  offset: number,
  limit: number,
): Promise<FailedJobsPage> {
  assertAdmin(auth);
  const queue = queueOrNotFound(deps, name);
  const page = await findFailedJobs(deps.queues[queue], offset, limit);
  return { queue, total: page.total, offset, items: page.jobs.map(toFailedJob) };
}

/**
 * Moves dead letters back to waiting with fresh attempts: one (404 if unknown, 409 if it is not
 * failed) or all of the queue's failed jobs (a snapshot: one that fails again meanwhile is not
 * retried twice).
 */
export async function retryFailedJobs(
  deps: AdminDeps,
  auth: AuthContext,
  name: string,
  jobId: string | undefined,
): Promise<RetryFailedResult> {
  assertAdmin(auth);
  const queueName = queueOrNotFound(deps, name);
  const queue = deps.queues[queueName];
  if (jobId !== undefined) {
    const outcome = await retryFailedJob(queue, jobId);
    if (outcome === 'not_found') {
      throw new AppError(
        404,
        'not_found',
        `The ${queueName} queue has no job with that id: list its dead letters with GET /admin/queues/${queueName}/failed.`,
      );
    }
    if (outcome === 'not_failed') {
      throw conflict(
        'That job is not failed (it is waiting, running or done): only failed jobs are retried.',
      );
    }
    deps.logger.info({ queue: queueName, job_id: jobId, user_id: auth.userId }, 'failed job retried');
    return { queue: queueName, retried: 1, jobIds: [jobId] };
  }
  const retried: string[] = [];
  for (const id of await failedJobIds(queue, RETRY_ALL_MAX)) {
    if ((await retryFailedJob(queue, id)) === 'retried') retried.push(id);
  }
  deps.logger.info(
    { queue: queueName, retried: retried.length, user_id: auth.userId },
    'failed jobs retried',
  );
  return { queue: queueName, retried: retried.length, jobIds: retried };
}

/** A one-time link (valid for a minute) that opens the dashboard in a browser. */
export async function createDashboardLink(deps: AdminDeps, auth: AuthContext): Promise<DashboardLink> {
  assertAdmin(auth);
  if ((await findUserRole(deps.pool, auth.userId)) !== 'admin') {
    throw forbidden('Only admins can open the queue dashboard.');
  }
  const token = await storeDashboardSecret(deps.redis, 'link', auth.userId, DASHBOARD_LINK_TTL_SECONDS);
  const url = new URL(`${DASHBOARD_PATH}?token=${token}`, deps.publicUrl).toString();
  return { url, expiresAt: new Date(Date.now() + DASHBOARD_LINK_TTL_SECONDS * 1000).toISOString() };
}

/** Redeems a dashboard link: a session secret for the cookie, or 401. */
export async function openDashboardSession(deps: AdminDeps, linkToken: string): Promise<string> {
  const userId = await redeemDashboardLink(deps.redis, linkToken);
  if (!userId || (await findUserRole(deps.pool, userId)) !== 'admin') {
    throw unauthorized(
      'This dashboard link is unknown, used or expired: get a new one with POST /api/v1/admin/dashboard-link.',
    );
  }
  deps.logger.info({ user_id: userId }, 'queue dashboard session opened');
  return storeDashboardSecret(deps.redis, 'session', userId, DASHBOARD_SESSION_TTL_SECONDS);
}

/** The admin behind a dashboard session cookie, re-checked against the stored role; or 401/403. */
export async function checkDashboardSession(deps: AdminDeps, session: string): Promise<void> {
  const userId = await findDashboardSession(deps.redis, session);
  if (!userId) {
    throw unauthorized(
      'The dashboard session has expired: get a new link with POST /api/v1/admin/dashboard-link.',
    );
  }
  if ((await findUserRole(deps.pool, userId)) !== 'admin') {
    throw forbidden('Only admins can open the queue dashboard.');
  }
}
