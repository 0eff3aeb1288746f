import { describe, expect, it } from 'vitest';
import { pageKey } from './page-key';

describe('pageKey', () => {
  it("compares whole URLs for 'all' and origin + path for 'pathOnly'", () => {
    expect(pageKey('https://a.com/x?q=1#top', 'all')).toBe('https://a.com/x?q=1#top');
    expect(pageKey('https://a.com/x#', 'all')).toBe('https://a.com/x');
    expect(pageKey('https://a.com/x?q=1#top', 'pathOnly')).toBe('https://a.com/x');
    expect(pageKey('/relative?x', 'pathOnly')).toBe('/relative');
  });
});
