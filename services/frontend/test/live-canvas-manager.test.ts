import { describe, expect, it } from 'vitest';
import { createLiveCanvasManager, type LiveSlotState } from '../src/live/live-canvas-manager.ts';

const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function setup(count: number, capacity = 8) {
  let clock = 0;
  const manager = createLiveCanvasManager(capacity, () => clock);
  const cards = Array.from({ length: count }, () => ({}) as Element);
  const states = new Map<Element, LiveSlotState>();
  for (const card of cards) manager.register(card, (state) => states.set(card, state));
  const live = () => cards.filter((card) => states.get(card)?.leased);
  const playing = () => cards.filter((card) => states.get(card)?.playing);
  return { manager, cards, states, live, playing, tick: () => (clock += 1000) };
}

describe('live canvas manager', () => {
  it('never leases more canvases than its capacity, however many cards are in view', async () => {
    const { manager, cards, live } = setup(20);
    for (const card of cards) manager.setVisibleRatio(card, 1);
    await settle();
    expect(live()).toHaveLength(8);
    expect(live()).toEqual(cards.slice(0, 8));
  });

  it('pauses a card that scrolls away but keeps its canvas while no one needs the slot', async () => {
    const { manager, cards, states, tick } = setup(3);
    manager.setVisibleRatio(cards[0]!, 1);
    await settle();
    tick();
    manager.setVisibleRatio(cards[0]!, 0);
    await settle();
    expect(states.get(cards[0]!)).toEqual({ leased: true, playing: false });
  });

  it('evicts the paused card out of view longest when a visible card needs a slot', async () => {
    const { manager, cards, states, live, tick } = setup(12, 4);
    for (const card of cards.slice(0, 4)) manager.setVisibleRatio(card, 1);
    await settle();
    tick();
    // Scroll: cards 0 and 1 leave first, then 2 and 3; cards 4 and 5 come into view.
    manager.setVisibleRatio(cards[0]!, 0);
    manager.setVisibleRatio(cards[1]!, 0);
    await settle();
    tick();
    manager.setVisibleRatio(cards[2]!, 0);
    manager.setVisibleRatio(cards[3]!, 0);
    await settle();
    tick();
    manager.setVisibleRatio(cards[4]!, 1);
    manager.setVisibleRatio(cards[5]!, 1);
    await settle();
    expect(live()).toHaveLength(4);
    expect(states.get(cards[4]!)).toEqual({ leased: true, playing: true });
    expect(states.get(cards[0]!)?.leased).toBe(false);
    expect(states.get(cards[1]!)?.leased).toBe(false);
    expect(states.get(cards[2]!)).toEqual({ leased: true, playing: false });
  });

  it('gives a hovered card a slot ahead of cards that are merely in view', async () => {
    const { manager, cards, states, live } = setup(10, 4);
    for (const card of cards.slice(0, 8)) manager.setVisibleRatio(card, 1);
    await settle();
    manager.setHovered(cards[7]!, true);
    await settle();
    expect(live()).toHaveLength(4);
    expect(states.get(cards[7]!)).toEqual({ leased: true, playing: true });
  });

  it('skips a card that cannot run live and hands its slot to the next one', async () => {
    const { manager, cards, states } = setup(3, 2);
    for (const card of cards) manager.setVisibleRatio(card, 1);
    await settle();
    manager.markUnavailable(cards[0]!);
    await settle();
    expect(states.get(cards[0]!)?.leased).toBe(false);
    expect(states.get(cards[2]!)).toEqual({ leased: true, playing: true });
  });

  it('frees the slot of a card that unmounts', async () => {
    const { manager } = setup(0, 1);
    const a = {} as Element;
    const b = {} as Element;
    const leased = new Set<Element>();
    const track = (el: Element) => (s: LiveSlotState) => (s.leased ? leased.add(el) : leased.delete(el));
    const unregisterA = manager.register(a, track(a));
    manager.register(b, track(b));
    manager.setVisibleRatio(a, 1);
    manager.setVisibleRatio(b, 1);
    await settle();
    expect([...leased]).toEqual([a]);
    unregisterA();
    await settle();
    expect(leased.has(b)).toBe(true);
    expect(manager.leasedCount()).toBe(1);
  });
});
