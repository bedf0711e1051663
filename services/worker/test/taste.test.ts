import { describe, expect, it } from 'vitest';
import { signalWeight, tasteVector, type ShaderSignals } from '../src/taste.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const none: Omit<ShaderSignals, 'embedding'> = {
  vote: 0,
  votedAt: null,
  replays: 0,
  replayedAt: null,
  dwellMs: 0,
  dweltAt: null,
};
const signal = (embedding: number[], s: Partial<ShaderSignals>): ShaderSignals => ({
  ...none,
  embedding,
  ...s,
});
const cosine = (a: number[], b: number[]) =>
  a.reduce((sum, x, i) => sum + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

describe('signalWeight', () => {
  it('counts an up-vote +1 and a down-vote −1 today', () => {
    expect(signalWeight(signal([1], { vote: 1, votedAt: NOW }), NOW)).toBe(1);
    expect(signalWeight(signal([1], { vote: -1, votedAt: NOW }), NOW)).toBe(-1);
  });

  it('halves a signal every 30 days', () => {
    expect(signalWeight(signal([1], { vote: 1, votedAt: daysAgo(30) }), NOW)).toBeCloseTo(0.5, 10);
    expect(signalWeight(signal([1], { vote: 1, votedAt: daysAgo(60) }), NOW)).toBeCloseTo(0.25, 10);
  });

  it('damps replays logarithmically: one is worth 0.5, three 1.0', () => {
    expect(signalWeight(signal([1], { replays: 1, replayedAt: NOW }), NOW)).toBeCloseTo(0.5, 10);
    expect(signalWeight(signal([1], { replays: 3, replayedAt: NOW }), NOW)).toBeCloseTo(1, 10);
  });

  it('ignores dwell under 15 s and caps it at a full minute', () => {
    expect(signalWeight(signal([1], { dwellMs: 14_999, dweltAt: NOW }), NOW)).toBe(0);
    expect(signalWeight(signal([1], { dwellMs: 30_000, dweltAt: NOW }), NOW)).toBeCloseTo(0.25, 10);
    expect(signalWeight(signal([1], { dwellMs: 600_000, dweltAt: NOW }), NOW)).toBeCloseTo(0.5, 10);
  });

  it('adds a down-vote and a replay of the same shader', () => {
    expect(
      signalWeight(signal([1], { vote: -1, votedAt: NOW, replays: 1, replayedAt: NOW }), NOW),
    ).toBeCloseTo(-0.5, 10);
  });
});

describe('tasteVector', () => {
  it('is null without signals or without any positive one', () => {
    expect(tasteVector([], NOW)).toBeNull();
    expect(tasteVector([signal([1, 0], { vote: -1, votedAt: NOW })], NOW)).toBeNull();
  });

  it('points at what was liked and away from what was disliked, as a unit vector', () => {
    const taste = tasteVector(
      [
        signal([1, 0, 0], { vote: 1, votedAt: NOW }),
        signal([0, 1, 0], { vote: -1, votedAt: NOW }),
        signal([0, 0, 1], { replays: 1, replayedAt: NOW }),
      ],
      NOW,
    )!;
    expect(Math.hypot(...taste)).toBeCloseTo(1, 10);
    // Σ w·e = (1, −1, 0.5), normalised.
    expect(taste[0]).toBeCloseTo(1 / 1.5, 10);
    expect(taste[1]).toBeCloseTo(-1 / 1.5, 10);
    expect(taste[2]).toBeCloseTo(0.5 / 1.5, 10);
  });

  it('weighs recent likes above old ones', () => {
    const taste = tasteVector(
      [signal([1, 0], { vote: 1, votedAt: daysAgo(90) }), signal([0, 1], { vote: 1, votedAt: NOW })],
      NOW,
    )!;
    expect(cosine(taste, [0, 1])).toBeGreaterThan(cosine(taste, [1, 0]));
  });

  it('normalises each embedding first, so a long vector does not outweigh a short one', () => {
    const taste = tasteVector(
      [signal([10, 0], { vote: 1, votedAt: NOW }), signal([0, 0.1], { vote: 1, votedAt: NOW })],
      NOW,
    )!;
    expect(taste[0]).toBeCloseTo(taste[1]!, 10);
  });

  it('skips zero embeddings and signals that weigh nothing', () => {
    expect(
      tasteVector(
        [signal([0, 0], { vote: 1, votedAt: NOW }), signal([1, 0], { dwellMs: 1000, dweltAt: NOW })],
        NOW,
      ),
    ).toBeNull();
  });
});
