import { AppError } from '@fractafrag/core';
import type { Page } from 'puppeteer-core';
import type { BrowserSlot, TaskOutcome } from './browser-slot.ts';

/** Every browser is busy and the waiting line is full: the caller should come back later. */
export class QueueFullError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(503, 'queue_full', 'The renderer is at capacity; retry after the time in Retry-After.');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface BrowserPool {
  readonly size: number;
  /** Runs a job on the next free browser, first come first served. Throws QueueFullError. */
  run<T>(task: (page: Page) => Promise<T>, deadlineMs: number): Promise<TaskOutcome<T>>;
  warmCount(): number;
  busyCount(): number;
  queueDepth(): number;
  close(): Promise<void>;
}

export interface BrowserPoolOptions {
  size: number;
  /** Jobs allowed to wait for a browser; one more is refused with 503. */
  queueMax: number;
  createSlot: (id: number, onReady: (slot: BrowserSlot) => void) => BrowserSlot;
}

interface Waiter {
  resolve: (slot: BrowserSlot) => void;
  reject: (err: Error) => void;
}

export function createBrowserPool({ size, queueMax, createSlot }: BrowserPoolOptions): BrowserPool {
  const idle: BrowserSlot[] = [];
  const waiting: Waiter[] = [];
  let closed = false;
  // Recent job duration, for an honest Retry-After.
  let typicalJobMs = 1000;

  const onReady = (slot: BrowserSlot) => {
    if (closed || idle.includes(slot)) return;
    const next = waiting.shift();
    if (next) next.resolve(slot);
    else idle.push(slot);
  };
  const slots = Array.from({ length: size }, (_, id) => createSlot(id, onReady));
  for (const slot of slots) slot.start();

  const acquire = (): Promise<BrowserSlot> => {
    // A browser can die while listed as free; it reports itself ready again once relaunched.
    let free = idle.shift();
    while (free && free.state !== 'idle') free = idle.shift();
    if (free) return Promise.resolve(free);
    if (waiting.length >= queueMax) {
      const seconds = Math.ceil((typicalJobMs * (waiting.length / size + 1)) / 1000);
      throw new QueueFullError(Math.min(60, Math.max(1, seconds)));
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  return {
    size,
    async run(task, deadlineMs) {
      if (closed) throw new AppError(503, 'unavailable', 'The renderer is shutting down.');
      let slot = await acquire();
      while (slot.state !== 'idle') slot = await acquire();
      const outcome = await slot.execute(task, deadlineMs);
      typicalJobMs = typicalJobMs * 0.8 + outcome.ms * 0.2;
      return outcome;
    },
    warmCount: () => slots.filter((s) => s.state === 'idle' || s.state === 'busy').length,
    busyCount: () => slots.filter((s) => s.state === 'busy').length,
    queueDepth: () => waiting.length,
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0))
        waiter.reject(new AppError(503, 'unavailable', 'The renderer is shutting down.'));
      idle.splice(0);
      await Promise.all(slots.map((s) => s.close()));
    },
  };
}
