import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { createBrowserPool, QueueFullError } from '../src/browser-pool.ts';
import type { BrowserSlot, SlotState, TaskOutcome } from '../src/browser-slot.ts';

type FakeSlot = BrowserSlot & { crash(): void; recover(): void };

/** A slot that runs tasks at once, without a browser, and becomes ready when started. */
function fakeSlot(id: number, onReady: (slot: BrowserSlot) => void): FakeSlot {
  let state: SlotState = 'starting';
  const slot: FakeSlot = {
    crash() {
      state = 'recovering';
    },
    recover() {
      state = 'idle';
      onReady(slot);
    },
    id,
    get state() {
      return state;
    },
    start() {
      state = 'idle';
      onReady(slot);
    },
    async execute<T>(task: (page: Page) => Promise<T>): Promise<TaskOutcome<T>> {
      state = 'busy';
      const value = await task({} as Page);
      state = 'idle';
      onReady(slot);
      return { kind: 'ok', value, ms: 5 };
    },
    close() {
      state = 'closed';
      return Promise.resolve();
    },
  };
  return slot;
}

const deferred = () => {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
};

describe('browser pool', () => {
  it('runs waiting jobs in arrival order on the freed browser', async () => {
    const pool = createBrowserPool({ size: 1, queueMax: 5, createSlot: fakeSlot });
    const first = deferred();
    const order: string[] = [];
    const jobs = [
      pool.run(async () => {
        await first.promise;
        order.push('a');
      }, 1000),
      pool.run(() => Promise.resolve(order.push('b')), 1000),
      pool.run(() => Promise.resolve(order.push('c')), 1000),
    ];
    expect(pool.queueDepth()).toBe(2);
    first.release();
    await Promise.all(jobs);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(pool.queueDepth()).toBe(0);
  });

  it('refuses a job with 503 and a Retry-After when the waiting line is full', async () => {
    const pool = createBrowserPool({ size: 1, queueMax: 1, createSlot: fakeSlot });
    const hold = deferred();
    const running = pool.run(() => hold.promise, 1000);
    const waiting = pool.run(() => Promise.resolve(), 1000);
    const refused = await pool.run(() => Promise.resolve(), 1000).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).status).toBe(503);
    expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    hold.release();
    await Promise.all([running, waiting]);
  });

  it('skips a browser that died while free and uses it again once relaunched', async () => {
    const slots: FakeSlot[] = [];
    const pool = createBrowserPool({
      size: 1,
      queueMax: 5,
      createSlot: (id, onReady) => {
        const slot = fakeSlot(id, onReady);
        slots.push(slot);
        return slot;
      },
    });
    slots[0]!.crash();
    expect(pool.warmCount()).toBe(0);
    const job = pool.run(() => Promise.resolve('done'), 1000);
    expect(pool.queueDepth()).toBe(1);
    slots[0]!.recover();
    await expect(job).resolves.toMatchObject({ kind: 'ok', value: 'done' });
  });

  it('counts warm browsers and refuses waiters on close', async () => {
    const pool = createBrowserPool({ size: 2, queueMax: 5, createSlot: fakeSlot });
    expect(pool.warmCount()).toBe(2);
    await pool.close();
    expect(pool.warmCount()).toBe(0);
    await expect(pool.run(() => Promise.resolve(), 1000)).rejects.toThrow(/shutting down/);
  });
});
