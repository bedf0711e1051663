import { describe, expect, it } from 'vitest';
import { assertOneHandlerPerQueue } from '../src/job-handlers.ts';

const handler = () => Promise.resolve();

describe('assertOneHandlerPerQueue', () => {
  it('accepts exactly one handler per catalogued queue', () => {
    expect(() =>
      assertOneHandlerPerQueue({ render: handler, embed: handler }, { render: {}, embed: {} }),
    ).not.toThrow();
  });

  it('refuses to start when a queue has no handler', () => {
    expect(() => assertOneHandlerPerQueue({ render: handler }, { render: {}, embed: {} })).toThrow(
      /queues without a handler: embed/,
    );
  });

  it('refuses a handler for a queue the catalogue does not have', () => {
    expect(() => assertOneHandlerPerQueue({ render: handler, rendr: handler }, { render: {} })).toThrow(
      /handlers for unknown queues: rendr/,
    );
  });
});
