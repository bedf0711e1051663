import type { Queue } from 'bullmq';
import { QUEUES, RENDER_EXTRAS_PRIORITY, jobOptions, type RenderJob } from '@fractafrag/contracts';

/**
 * Queues a version's poster and preview behind every waiting thumbnail (a lower priority), so a
 * burst of submissions gets its thumbnails first. A finished job with the same id (a re-render of
 * the same code) is replaced; a pending one already covers it.
 */
export async function enqueueRenderExtras(queue: Queue, job: RenderJob): Promise<boolean> {
  const spec = QUEUES.render;
  const payload = spec.payload.parse(job);
  const jobId = spec.jobId(payload);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return false;
    await existing.remove().catch(() => undefined);
  }
  await queue.add(spec.name, payload, { ...jobOptions(spec), jobId, priority: RENDER_EXTRAS_PRIORITY });
  return true;
}
