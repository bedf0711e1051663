import type { Job } from 'bullmq';
import { QUEUES, type QueueName } from '@fractafrag/contracts';

export type JobHandler = (job: Job) => Promise<unknown>;
export type JobHandlers = { [Q in QueueName]: JobHandler };

/**
 * The worker refuses to start unless every queue of the catalogue has exactly one handler and no
 * handler names a queue the catalogue does not have (the type checks this too; the runtime check
 * also covers handler maps assembled dynamically).
 */
export function assertOneHandlerPerQueue(
  handlers: Record<string, JobHandler | undefined>,
  catalogue: Record<string, unknown> = QUEUES,
): void {
  const queues = Object.keys(catalogue);
  const missing = queues.filter((q) => typeof handlers[q] !== 'function');
  const unknown = Object.keys(handlers).filter((h) => !queues.includes(h));
  if (missing.length || unknown.length) {
    throw new Error(
      [
        missing.length ? `queues without a handler: ${missing.join(', ')}` : '',
        unknown.length ? `handlers for unknown queues: ${unknown.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
}
