// The public methods are declared once (core's METHODS): every list of them in this package is checked
// against it here, so adding a method without updating one of them fails.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHODS } from '@footprint/core';
import { describe, expect, it } from 'vitest';
import * as dropIn from './index';
import * as lite from './lite';

const names = Object.keys(METHODS).sort();
const withLetter = (i: number, letter: string) => Object.entries(METHODS).filter(([, e]) => e[i] === letter).map(([n]) => n).sort();

describe('one table of public methods (core METHODS)', () => {
  it('a client of either entry has exactly the declared methods, and each entry exports each one', () => {
    for (const entry of [dropIn, lite]) {
      expect(Object.keys(entry.createInstance()).sort()).toEqual(names);
      for (const name of names) expect(typeof (entry as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it("the snippet's stub queues exactly the declared methods, with a promise where declared", () => {
    const snippet = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../snippet/snippet.js'), 'utf8');
    const list = (name: string) => snippet.match(new RegExp(`var ${name} = '([^']*)'`))![1].split(' ').sort();
    expect(list('plain')).toEqual(withLetter(1, 'q'));
    expect(list('promised')).toEqual(withLetter(1, 'p'));
  });

  it('the script-tag global has every declared method', async () => {
    await import('./script-tag');
    const global = (window as unknown as { footprint: Record<string, unknown> }).footprint;
    for (const name of names) expect(typeof global[name], name).toBe('function');
  });
});
