import { describe, expect, it } from 'vitest';
import { thrashDetector } from './thrash';

// Moves back and forth `n` times along x, `step` ms apart, starting at `t0`.
const zigzag = (n: number, step: number, t0 = 0) => Array.from({ length: n }, (_, i) => [i % 2 ? 100 : 0, 50, t0 + i * step] as const);

const hits = (moves: ReadonlyArray<readonly [number, number, number]>, rules?: Parameters<typeof thrashDetector>[0]) => {
  const d = thrashDetector(rules);
  return moves.map(([x, y, t]) => d.move(x, y, t)).filter((v) => v !== null);
};

describe('thrashDetector (10 direction changes within 2 s, per axis)', () => {
  it.each([
    ['11 moves = 10 changes in 1 s', zigzag(12, 100), 1],
    ['8 changes', zigzag(9, 100), 0],
    ['10 changes spread over 3 s', zigzag(12, 300), 0],
    ['moving one way', Array.from({ length: 30 }, (_, i) => [i * 10, 0, i * 50] as const), 0],
  ])('%s → %i thrash', (_n, moves, n) => expect(hits(moves)).toHaveLength(n));

  it('reports when the thrash started, and starts over after it', () => {
    const d = thrashDetector();
    const results = zigzag(30, 50, 1000).map(([x, y, t]) => d.move(x, y, t));
    const found = results.filter((r) => r !== null);
    expect(found[0]).toBe(1100); // the first direction change
    expect(found).toHaveLength(2);
  });

  it('counts the Y axis separately and honours configured values', () => {
    const vertical = zigzag(7, 100).map(([x, , t]) => [0, x, t] as const);
    expect(hits(vertical, { directionChanges: 5, threshold: 2000 })).toHaveLength(1);
    expect(hits(vertical)).toHaveLength(0);
  });
});
