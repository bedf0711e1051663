import { describe, expect, it } from 'vitest';
import { QUEUE_NAMES, QUEUES, TASTE_DEBOUNCE_MS, jobOptions, tasteJobFor } from '@fractafrag/contracts';
import { assertOneHandlerPerQueue } from '../src/job-handlers.ts';

const USER = '5b2f3c1e-8a4d-4e6f-9b7a-0c1d2e3f4a5b';

describe('queue catalogue', () => {
  it('has the five queues, each with a payload schema, a retry policy and a job-id rule', () => {
    expect(QUEUE_NAMES).toEqual(['render', 'embed', 'score', 'taste', 'desire']);
    for (const name of QUEUE_NAMES) {
      const spec = QUEUES[name];
      expect(spec.name).toBe(name);
      expect(spec.retry.attempts).toBeGreaterThanOrEqual(3);
      expect(spec.retry.backoff.type).toBe('exponential');
      expect(typeof spec.jobId).toBe('function');
    }
  });

  it('refuses to start the worker unless every catalogued queue has exactly one handler', () => {
    const handler = () => Promise.resolve();
    const all = Object.fromEntries(QUEUE_NAMES.map((n) => [n, handler]));
    expect(() => assertOneHandlerPerQueue(all)).not.toThrow();
    const withoutTaste = Object.fromEntries(Object.entries(all).filter(([name]) => name !== 'taste'));
    expect(() => assertOneHandlerPerQueue(withoutTaste)).toThrow(/queues without a handler: taste/);
  });

  it('keeps dead letters of event-driven queues forever and caps those of periodic ones', () => {
    expect(jobOptions(QUEUES.render)).toEqual({
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: 1000,
      removeOnFail: false,
    });
    expect(jobOptions(QUEUES.taste).removeOnFail).toBe(false);
    expect(jobOptions(QUEUES.score).removeOnFail).toBe(500);
  });

  it('schedules the score refresh and the desire upkeep as repeatable jobs', () => {
    expect(QUEUES.score.schedule).toEqual({ id: 'score-refresh', everyMs: 600_000, payload: { batch: 500 } });
    expect(QUEUES.desire.schedule?.payload).toEqual({ tasks: ['expire', 'heat'] });
    expect(QUEUES.render.schedule).toBeUndefined();
  });

  it('rejects payloads that do not match the schema (parsed again on consume)', () => {
    expect(QUEUES.taste.payload.safeParse({ userId: 'not-a-uuid', window: 1 }).success).toBe(false);
    expect(QUEUES.desire.payload.safeParse({ tasks: [] }).success).toBe(false);
    expect(QUEUES.desire.payload.safeParse({ tasks: ['explode'] }).success).toBe(false);
    expect(QUEUES.score.payload.safeParse({ batch: 0 }).success).toBe(false);
  });
});

describe('tasteJobFor (debounce)', () => {
  it('gives every event of one window the same job id, delayed to the window end', () => {
    const first = tasteJobFor(USER, 1_000_000_000_000);
    const windowEnd = 1_000_000_000_000 + first.delay;
    const later = tasteJobFor(USER, windowEnd - 1);
    expect(later.jobId).toBe(first.jobId);
    expect(later.delay).toBe(1);
    expect(first.delay).toBeGreaterThan(0);
    expect(first.delay).toBeLessThanOrEqual(TASTE_DEBOUNCE_MS);
    expect(first.jobId).toMatch(new RegExp(`^taste-${USER}-\\d+$`));
  });

  it('starts a new job for an event after the window ended (the old job may already be running)', () => {
    const first = tasteJobFor(USER, 1_000_000_000_000);
    const next = tasteJobFor(USER, 1_000_000_000_000 + first.delay);
    expect(next.jobId).not.toBe(first.jobId);
    expect(next.payload.window).toBe(first.payload.window + 1);
    expect(next.delay).toBe(TASTE_DEBOUNCE_MS);
  });

  it('spreads the window ends of different users', () => {
    const now = 1_000_000_000_000;
    const delays = new Set(
      Array.from(
        { length: 20 },
        (_, i) => tasteJobFor(`5b2f3c1e-8a4d-4e6f-9b7a-0c1d2e3f4a${String(i).padStart(2, '0')}`, now).delay,
      ),
    );
    expect(delays.size).toBeGreaterThan(10);
  });
});
