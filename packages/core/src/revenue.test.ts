import { describe, expect, it } from 'vitest';
import { Revenue, revenueProblem } from './revenue';

describe('Revenue', () => {
  it('defaults to productId "" and quantity 1, with no price', () => {
    const r = new Revenue();
    expect(r.getEventProperties()).toMatchObject({ $productId: '', $quantity: 1 });
    expect(r.getEventProperties().$price).toBeUndefined();
  });

  it('ignores a quantity that is not above 0', () => {
    expect(new Revenue().setQuantity(0).setQuantity(-2).quantity).toBe(1);
    expect(new Revenue().setQuantity(4).quantity).toBe(4);
  });

  it('keeps only JSON-safe event properties, and ignores unserialisable ones', () => {
    expect(new Revenue().setEventProperties({ a: 1, f: () => 1, u: undefined }).properties).toEqual({ a: 1 });
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(new Revenue().setEventProperties(cyclic).properties).toBeUndefined();
    expect(new Revenue().setEventProperties('nope' as any).properties).toBeUndefined();
  });

  it('the $ properties override same-named event properties', () => {
    expect(new Revenue().setEventProperties({ $price: 'fake' }).setPrice(2).getEventProperties().$price).toBe(2);
  });

  it('needs a finite price, or a revenue amount when no price is set', () => {
    expect(revenueProblem(new Revenue().setPrice(0))).toBeUndefined();
    expect(revenueProblem(new Revenue().setPrice(-5))).toBeUndefined();
    expect(revenueProblem(new Revenue().setRevenue(10))).toBeUndefined();
    expect(revenueProblem(new Revenue())).toMatch(/setPrice/);
    expect(revenueProblem(new Revenue().setPrice(Infinity))).toMatch(/setPrice/);
    expect(revenueProblem(new Revenue().setPrice(NaN).setRevenue(3))).toMatch(/setPrice/);
  });
});
