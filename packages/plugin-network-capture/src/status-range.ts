/**
 * Inclusive status ranges.
 * @example const ranges: StatusRanges = [[0, 0], [200, 299]];
 */
export type StatusRanges = [number, number][];

/**
 * Parses `"0,200-299,413,500-599"` into inclusive ranges. Pieces that are not a code or a
 * `low-high` range are skipped; `invalid` receives them so the caller can warn.
 * @example parseStatusRange('0,500-599') // [[0, 0], [500, 599]]
 */
export const parseStatusRange = (spec: string, invalid?: (piece: string) => void): StatusRanges => {
  const ranges: StatusRanges = [];
  for (const raw of String(spec).split(',')) {
    const piece = raw.trim();
    const m = /^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$/.exec(piece);
    if (m) ranges.push([Number(m[1]), Number(m[2] ?? m[1])]);
    else if (piece) invalid?.(piece);
  }
  return ranges;
};

/**
 * Whether `status` lies in one of `ranges`.
 * @example inStatusRange(503, parseStatusRange('500-599')) // true
 */
export const inStatusRange = (status: number, ranges: StatusRanges): boolean =>
  ranges.some(([low, high]) => status >= low && status <= high);
