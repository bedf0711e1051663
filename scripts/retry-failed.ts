/**
 * Retries dead-lettered (failed) jobs straight through BullMQ, for when the API is not at hand.
 *   node scripts/retry-failed.ts [queue|all] [job id]      (make retry-failed QUEUE=render JOB=…)
 *   node scripts/retry-failed.ts --list [queue|all]
 * Reads REDIS_URL (the native stack's Redis, redis://127.0.0.1:6380, by default; compose exposes
 * its Redis on 127.0.0.1:6379 through the override file).
 */
import { loadConfig, redisEnv } from '@fractafrag/core';
import {
  isQueueName,
  listFailedJobs,
  openQueuesAt,
  QUEUE_NAMES,
  retryFailedJobs,
} from '../services/worker/src/dead-letters.ts';

const args = process.argv.slice(2);
const list = args[0] === '--list';
const [target = 'all', jobId] = list ? args.slice(1) : args;
if (target !== 'all' && !isQueueName(target)) {
  console.error(`unknown queue "${target}": use one of ${QUEUE_NAMES.join(', ')} or all`);
  process.exit(2);
}
if (jobId && target === 'all') {
  console.error('a job id needs its queue: retry-failed <queue> <job id>');
  process.exit(2);
}
const names = target === 'all' ? QUEUE_NAMES : [target];
const { REDIS_URL } = loadConfig(redisEnv);
const opened = openQueuesAt(REDIS_URL, names);
try {
  await opened.queues[0]!.client.then((c) => c.ping()).catch((err: unknown) => {
    console.error(`cannot reach Redis at ${REDIS_URL} (${(err as Error).message}): set REDIS_URL`);
    process.exit(1);
  });
  for (const queue of opened.queues) {
    if (list) {
      const failed = await listFailedJobs(queue, 100);
      console.log(`${queue.name}: ${await queue.getFailedCount()} failed`);
      for (const job of failed)
        console.log(`  ${job.id}  (${job.attemptsMade} attempts)  ${job.failedReason}`);
      continue;
    }
    const retried = await retryFailedJobs(queue, jobId);
    console.log(`${queue.name}: ${retried.length} job(s) moved back to waiting`);
    if (jobId && retried.length === 0) process.exitCode = 1;
  }
} finally {
  await opened.close();
}
