import { describe, expect, it } from 'vitest';
import pkg from '../package.json';
import { VERSION } from './version';

describe('VERSION', () => {
  it('matches package.json, so the library field names the published version', () => {
    expect(VERSION).toBe(pkg.version);
  });
});
