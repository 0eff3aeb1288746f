import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, sanitize } from './sanitize';

const run = (v: unknown) => {
  const notes: string[] = [];
  return { out: sanitize(v, notes, 'p'), notes };
};

describe('sanitize', () => {
  it('keeps JSON values as they are, with no notes', () => {
    const v = { a: 1, b: 'x', c: true, d: null, e: [1, 'y', { f: false }] };
    expect(run(v)).toEqual({ out: v, notes: [] });
  });

  it('drops undefined silently, and functions and symbols with a note', () => {
    const { out, notes } = run({ u: undefined, f() {}, s: Symbol('x') });
    expect(out).toEqual({});
    expect(notes).toEqual(['p.f: function dropped', 'p.s: symbol dropped']);
  });

  it('turns array holes into null, as JSON would', () => {
    expect(run([undefined, () => 1, 2]).out).toEqual([null, null, 2]);
  });

  it('BigInt → string, NaN/Infinity → null, Date → ISO, invalid Date → null', () => {
    const { out } = run({ b: 2n ** 70n, n: NaN, i: Infinity, d: new Date(0), bad: new Date('nope') });
    expect(out).toEqual({ b: '1180591620717411303424', n: null, i: null, d: '1970-01-01T00:00:00.000Z', bad: null });
  });

  it('replaces cycles but keeps shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    const o: any = { a: shared, b: shared };
    o.c = o;
    expect(run(o).out).toEqual({ a: { x: 1 }, b: { x: 1 }, c: '[Circular]' });
  });

  it(`cuts nesting at ${MAX_DEPTH} levels and strings at 1024 characters`, () => {
    let deep: any = 'leaf';
    for (let i = 0; i < 60; i++) deep = [deep];
    const { out, notes } = run({ deep, s: 'é'.repeat(2000) });
    expect(JSON.stringify(out)).toContain('[Too deep]');
    expect((out as any).s).toHaveLength(1024);
    expect(notes.some((n) => n.includes('cut to 1024'))).toBe(true);
  });

  it('always returns something JSON.stringify accepts', () => {
    const o: any = { big: 1n, f: () => 1, nested: { big: 2n } };
    o.nested.back = o;
    expect(() => JSON.stringify(run(o).out)).not.toThrow();
  });
});
