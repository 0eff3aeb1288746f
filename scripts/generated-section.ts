// A docs page section generated from the sources, between two markers: the tests that own such a section
// compare it with what the sources give, and rewrite it when asked.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Fails when the part of `page` between `start` and `end` is not `section`; with `update`, rewrites it first.
 * @example
 * expectSection(`${root}docs/options.md`, '<!-- options-table:start -->', '<!-- options-table:end -->', table, !!process.env.UPDATE_OPTIONS_DOC, 'run …');
 */
export const expectSection = (page: string, start: string, end: string, section: string, update: boolean, hint: string) => {
  const text = readFileSync(page, 'utf8');
  const at = text.indexOf(start);
  expect(at, `${page} needs ${start} … ${end}`).toBeGreaterThan(-1);
  const want = `${text.slice(0, at + start.length)}\n${section}\n${text.slice(text.indexOf(end))}`;
  if (update) writeFileSync(page, want);
  expect(text, hint).toBe(want);
};
