import { describe, expect, it } from 'vitest';
import { inStatusRange, parseStatusRange } from './status-range';

describe('parseStatusRange', () => {
  it('parses the documented example "0,200-299,413,500-599"', () => {
    expect(parseStatusRange('0,200-299,413,500-599')).toEqual([[0, 0], [200, 299], [413, 413], [500, 599]]);
  });

  it('tolerates spaces and reports pieces it cannot read', () => {
    const bad: string[] = [];
    expect(parseStatusRange(' 400 - 499 , x, 500-, 503', (p) => bad.push(p))).toEqual([[400, 499], [503, 503]]);
    expect(bad).toEqual(['x', '500-']);
  });
});

describe('inStatusRange', () => {
  const ranges = parseStatusRange('0,200-299,413,500-599');
  it.each([
    [0, true],
    [199, false],
    [200, true],
    [299, true],
    [300, false],
    [404, false],
    [412, false],
    [413, true],
    [414, false],
    [500, true],
    [599, true],
    [600, false],
  ])('%i → %s', (status, expected) => {
    expect(inStatusRange(status, ranges)).toBe(expected);
  });

  it('the default range 500-599 excludes network errors (status 0)', () => {
    expect(inStatusRange(0, parseStatusRange('500-599'))).toBe(false);
  });
});
