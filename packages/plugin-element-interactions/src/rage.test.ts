import { describe, expect, it } from 'vitest';
import { rageDetector, rageProperties } from './rage';

const a = {} as Element;
const b = {} as Element;
// [x, y, time, element]
type Row = [number, number, number, Element];

const run = (clicks: Row[], rules?: Parameters<typeof rageDetector>[0]) => {
  const d = rageDetector(rules);
  const bursts = clicks.map(([x, y, time, element]) => d.push({ x, y, time, element })).filter(Boolean);
  const last = d.end();
  return [...bursts, ...(last ? [last] : [])].map((burst) => burst!.length);
};

describe('rageDetector (4 clicks < 1 s within 50 px on one element)', () => {
  it.each<[string, Row[], number[]]>([
    ['4 quick clicks', [[0, 0, 0, a], [1, 1, 200, a], [2, 2, 400, a], [3, 3, 600, a]], [4]],
    ['3 quick clicks', [[0, 0, 0, a], [0, 0, 100, a], [0, 0, 200, a]], []],
    ['6 quick clicks are one burst', [[0, 0, 0, a], [0, 0, 100, a], [0, 0, 200, a], [0, 0, 300, a], [0, 0, 400, a], [0, 0, 500, a]], [6]],
    ['4 clicks over 1 s', [[0, 0, 0, a], [0, 0, 350, a], [0, 0, 700, a], [0, 0, 1000, a]], []],
    ['spread over 60 px', [[0, 0, 0, a], [20, 0, 100, a], [40, 0, 200, a], [60, 0, 300, a]], []],
    ['switching elements', [[0, 0, 0, a], [0, 0, 100, b], [0, 0, 200, a], [0, 0, 300, b]], []],
    ['two bursts', [[0, 0, 0, a], [0, 0, 100, a], [0, 0, 200, a], [0, 0, 300, a], [0, 0, 400, b], [0, 0, 500, b], [0, 0, 600, b], [0, 0, 700, b]], [4, 4]],
  ])('%s', (_name, clicks, bursts) => expect(run(clicks)).toEqual(bursts));

  it('honours configured thresholds', () => {
    expect(run([[0, 0, 0, a], [0, 0, 100, a], [0, 0, 200, a]], { clicks: 3, windowMs: 1000, distance: 50 })).toEqual([3]);
    expect(run([[0, 0, 0, a], [90, 0, 100, a], [0, 0, 200, a], [0, 0, 300, a]], { clicks: 4, windowMs: 1000, distance: 100 })).toEqual([4]);
  });

  it('describes the burst with the documented properties', () => {
    expect(rageProperties([{ x: 1, y: 2, time: 0, element: a }, { x: 3, y: 4, time: 500, element: a }])).toEqual({
      '[Amplitude] Begin Time': '1970-01-01T00:00:00.000Z',
      '[Amplitude] End Time': '1970-01-01T00:00:00.500Z',
      '[Amplitude] Duration': 500,
      '[Amplitude] Clicks': [{ X: 1, Y: 2, Time: 0 }, { X: 3, Y: 4, Time: 500 }],
      '[Amplitude] Click Count': 2,
    });
  });
});
